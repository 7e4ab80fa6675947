import XCTest
@testable import PlaybookOverlaps
import PlaybookSimilarity

/// `FieldComparison(alike:)` stands in for the full comparison of a pair that the comparison stopping
/// at its first difference (`untilDifferent`) found alike: it must answer what the full comparison answers.
final class AlikeComparisonTests: XCTestCase {
    /// Pairs of the labelled hypotheses (three sets) and of experiments on nested, unrelated and missing
    /// surfaces and audiences, with and without a cosine: where no field differs, the matches read
    /// without looking for differences are the full comparison's, and it names no difference either.
    func testAlikePairsCompareAsInFull() throws {
        var documents = try GrowthPair.labelledDocuments()
        let surfaces = ["web/checkout", "web/checkout/summary", "web/pricing", "-", "ios/paywall"]
        let audiences = ["-", "{segment: trial-users}", "{segment: churned}", "{regions: [emea]}", "{regions: [apac], platforms: [ios]}",
                         "{platforms: [web, android]}"]
        let titles = ["Shorter checkout form", "Shorter checkout form on the iPad", "Shorter checkout form in Germany"]
        for (s, surface) in surfaces.enumerated() {
            for (a, audience) in audiences.enumerated() {
                for (t, title) in titles.enumerated() {
                    let id = String(format: "EXP-%04d", s * 100 + a * 10 + t + 1)
                    documents.append(experiment(id, squad: "squad-\(s)-\(a)-\(t)", ["surface": surface, "audience": audience, "title": title,
                                                                                    "metrics": ["{primary: paid-conversion}", "{primary: activation}"][t % 2]]))
                }
            }
        }
        let parsed = entities(documents.joined(separator: "\n---\n"))
        let catalog = MetricCatalog(parsed)
        let (hypotheses, experiments) = DuplicateDetection.items(parsed)
        XCTAssertGreaterThan(hypotheses.count, 300)
        XCTAssertEqual(experiments.count, surfaces.count * audiences.count * titles.count)
        var alike = 0, withMatches = 0
        for items in [hypotheses, experiments] {
            let corpus = Corpus(items.map(\.text))
            for i in items.indices {
                // Each with the next few (a labelled pair's sides are neighbours): all pairs would take minutes in a debug build.
                for j in (i + 1)..<min(items.count, i + 25) {
                    for meaning in [nil, 0.5, 0.9] {
                        let (words, wording) = (corpus.score(i, j), corpus.wording(i, j))
                        guard FieldComparison(items[i], items[j], words: words, meaning: meaning, catalog: catalog, wording: wording,
                                              untilDifferent: true).differences.isEmpty else { continue }
                        let full = FieldComparison(items[i], items[j], words: words, meaning: meaning, catalog: catalog, wording: wording)
                        let read = FieldComparison(alike: items[i], items[j], catalog: catalog)
                        XCTAssertEqual(read.matches, full.matches, "\(items[i].side.id) / \(items[j].side.id)")
                        XCTAssertEqual(read.differences.map(\.description), full.differences.map(\.description), "\(items[i].side.id) / \(items[j].side.id)")
                        alike += 1
                        if full.matches.count > 1 { withMatches += 1 }
                    }
                }
            }
        }
        // Pairs alike in every field are met, many matching more than their change (a metric, a facet, a surface).
        XCTAssertGreaterThan(alike, 1000)
        XCTAssertGreaterThan(withMatches, 500)
    }

    /// Asked only whether a field differs (`untilDifferent`, which stops at the first difference and words
    /// none), a comparison answers as the full one does, as look-alikes too; the first one-sided facet read
    /// without its values is the first the full listing names.
    func testAskingWhetherAFieldDiffersAnswersAsTheFullComparison() throws {
        let documents = try GrowthPair.labelledDocuments()
        let parsed = entities(documents.joined(separator: "\n---\n"))
        let catalog = MetricCatalog(parsed)
        let items = DuplicateDetection.items(parsed).hypotheses
        let corpus = Corpus(items.map(\.text))
        var (differ, alike, oneSided) = (0, 0, 0)
        for i in items.indices {
            for j in (i + 1)..<min(items.count, i + 25) {
                let (words, wording) = (corpus.score(i, j), corpus.wording(i, j))
                for meaning in [nil, 0.5, 0.9] {
                    for lookAlike in [false, true] {
                        let asked = FieldComparison(items[i], items[j], words: words, meaning: meaning, catalog: catalog, wording: wording,
                                                    lookAlike: lookAlike, untilDifferent: true)
                        let full = FieldComparison(items[i], items[j], words: words, meaning: meaning, catalog: catalog, wording: wording,
                                                   lookAlike: lookAlike)
                        XCTAssertEqual(asked.differences.isEmpty, full.differences.isEmpty,
                                       "\(items[i].side.id) / \(items[j].side.id): \(full.differences.map(\.description))")
                        if full.differences.isEmpty { alike += 1 } else { differ += 1 }
                    }
                }
                let among = FieldComparison.oneSided
                let first = Facets.firstNamedOnOneSide(items[i].facets, items[j].facets, among: among)
                XCTAssertEqual(first, Facets.namedOnOneSide(items[i].facets, items[j].facets, among: among).first?.0)
                if first != nil { oneSided += 1 }
            }
        }
        XCTAssertGreaterThan(differ, 1000)
        XCTAssertGreaterThan(alike, 1000)
        XCTAssertGreaterThan(oneSided, 20)
    }
}
