import XCTest
@testable import PlaybookOverlaps
import PlaybookSimilarity

/// `DuplicateDetection.certainlyApart` answers the neighbour rule before `FieldComparison` does: it
/// must never call two items apart where the fields find no difference (the rule's result would change).
final class CertainlyApartTests: XCTestCase {
    /// Every pair of the labelled hypotheses (all sets), compared with and without a cosine: where
    /// the shortcut says apart, the fields name a difference.
    func testLabelledHypothesesApartOnlyWhereFieldsDiffer() throws {
        var documents = try GrowthPair.catalog()
        let files = ["growth-pairs.tsv", "fresh-pairs.tsv", "fresh2-pairs.tsv", "fresh3-pairs.tsv", "fresh4-pairs.tsv", "fresh5-pairs.tsv"]
        var index = 0
        for file in files {
            for pair in try GrowthPair.load(file) {
                for side in [pair.a, pair.b] {
                    index += 1
                    documents.append(GrowthPair.document(side, id: String(format: "HYP-%04d", index), squad: "squad-\(index)"))
                }
            }
        }
        let parsed = entities(documents.joined(separator: "\n---\n"))
        let items = DuplicateDetection.items(parsed).hypotheses
        XCTAssertGreaterThan(items.count, 500)
        let apart = assertApartOnlyWhereFieldsDiffer(items, catalog: MetricCatalog(parsed))
        // The shortcut is taken: the labelled sets name platforms, regions and segments that differ.
        XCTAssertGreaterThan(apart, 1000)
    }

    /// Experiments on nested, unrelated and missing surfaces, for audiences that can and cannot
    /// overlap, with titles that name platforms and regions or not.
    func testExperimentsApartOnlyWhereFieldsDiffer() {
        let surfaces = ["web/checkout", "web/checkout/summary", "web/pricing", "-", "ios/paywall"]
        let audiences = ["-", "{segment: trial-users}", "{segment: churned}", "{regions: [emea]}", "{regions: [apac], platforms: [ios]}",
                         "{platforms: [web, android]}", "{regions: [All]}"]
        let titles = ["Shorter checkout form", "Shorter checkout form on the iPad", "Shorter checkout form in Germany",
                      "Shorter checkout form on Android in France"]
        var documents: [String] = []
        for (s, surface) in surfaces.enumerated() {
            for (a, audience) in audiences.enumerated() {
                for (t, title) in titles.enumerated() {
                    let id = String(format: "EXP-%04d", documents.count + 1)
                    documents.append(experiment(id, squad: "squad-\(s)-\(a)-\(t)", ["surface": surface, "audience": audience, "title": title]))
                }
            }
        }
        let parsed = entities(documents.joined(separator: "\n---\n"))
        let items = DuplicateDetection.items(parsed).experiments
        XCTAssertEqual(items.count, surfaces.count * audiences.count * titles.count)
        let apart = assertApartOnlyWhereFieldsDiffer(items, catalog: MetricCatalog(parsed))
        XCTAssertGreaterThan(apart, items.count * items.count / 4)
    }

    /// Checks every pair; returns how many the shortcut calls apart.
    private func assertApartOnlyWhereFieldsDiffer(_ items: [DuplicateDetection.Item], catalog: MetricCatalog,
                                                  file: StaticString = #filePath, line: UInt = #line) -> Int {
        let corpus = Corpus(items.map(\.text))
        let index = DuplicateDetection.ApartIndex(items)
        // The clear-margin rule's classes give a side every text of its metric that is not apart from it.
        let keys = items.map { $0.metric.map(catalog.key) }
        let classes = DuplicateDetection.RivalClasses(keys: keys, apart: index)
        var apart = 0
        for i in items.indices {
            let given = Set(classes.texts(for: i))
            for j in items.indices where j != i && !given.contains(j) && (keys[i] == nil || keys[j] == nil || keys[i] == keys[j]) {
                XCTAssertTrue(index.apart(i, j), "RivalClasses leaves out \(items[j].side.id) for \(items[i].side.id)", file: file, line: line)
            }
            for j in items.indices where j != i {
                let certainly = DuplicateDetection.certainlyApart(items[i], items[j])
                if index.apart(i, j) != certainly {
                    XCTFail("ApartIndex says \(!certainly), certainlyApart \(certainly): \(items[i].side.id) / \(items[j].side.id)", file: file, line: line)
                    return apart
                }
                guard certainly else { continue }
                apart += 1
                for meaning in [nil, 0.5, 0.9] {
                    let fields = FieldComparison(items[i], items[j], words: corpus.score(i, j), meaning: meaning, catalog: catalog,
                                                 wording: corpus.wording(i, j))
                    if fields.differences.isEmpty {
                        XCTFail("apart but no field differs: \(items[i].side.id) / \(items[j].side.id)", file: file, line: line)
                        return apart
                    }
                }
            }
        }
        return apart
    }
}
