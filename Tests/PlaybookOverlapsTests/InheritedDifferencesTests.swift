import XCTest
@testable import PlaybookOverlaps
import PlaybookSimilarity

/// `inheritedDifferences` walks its triples (a text, a restatement of it, a look-alike of that) with
/// pairs in slots and kinds of difference as bits: on a generated playbook of look-alikes (other
/// platforms, regions, denials, numbers, durations, audiences) and restatements, it must give what
/// the rule as first written (`inheritedDifferencesOneByOne`) gives, comparison for comparison.
final class InheritedDifferencesTests: XCTestCase {
    /// Each comparison as its key, matches and differences.
    func described(_ comparisons: [Int: FieldComparison]) -> [String] {
        comparisons.keys.sorted().map { key in
            let comparison = comparisons[key]!
            return "\(key): \(comparison.matches.joined(separator: ", ")) | \(comparison.differences.joined(separator: ", "))"
        }
    }

    func testNumberedTriplesGiveWhatTheRuleAsFirstWrittenGives() throws {
        var state: UInt64 = 11
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        let ideas = ["send a reminder email to finish the onboarding checklist",
                     "show a progress bar on the onboarding checklist",
                     "offer a discount on the yearly plan at checkout"]
        let details = ["", " on Android", " on iOS", " in Germany", " in France", " after 3 days", " after 7 days",
                       " without a card", " for 20% of users", " in the evening"]
        let denials = ["", "do not "]
        let audiences = ["new users", "new learners on a streak", "teachers of school classes", "admins"]
        var documents: [String] = []
        var number = 1
        for (i, idea) in ideas.enumerated() {
            for detail in details {
                for denial in denials where denial.isEmpty || detail.count % 2 == 0 {
                    let audience = audiences[(number + i) % audiences.count]
                    documents.append(hypothesis(String(format: "HYP-%04d", number), squad: "squad-\(number % 5)",
                                                title: "Idea \(i + 1)\(detail)", change: denial + idea + detail,
                                                audience: audience, outcome: "more learners come back"))
                    number += 1
                }
            }
        }
        let all = entities(documents.joined(separator: "\n---\n"))
        var items = DuplicateDetection.items(all).hypotheses
        XCTAssertEqual(items.count, documents.count)
        // Audience vectors of two dimensions, the same audience the same vector.
        let audienceVectors = Dictionary(uniqueKeysWithValues: audiences.enumerated().map { index, audience -> (String, ArraySlice<Float>) in
            let angle = Double(index) * 0.5
            return (audience, [Float(cos(angle)), Float(sin(angle))][...])
        })
        for index in items.indices { items[index].audienceVector = items[index].audience.flatMap { audienceVectors[$0] } }
        let catalog = MetricCatalog(all)
        let corpus = Corpus(items.map(\.text))
        let n = items.count
        var candidates: [Int: DuplicateDetection.Candidate] = [:]
        var fields: [Int: FieldComparison] = [:]
        for a in 0..<n {
            for b in (a + 1)..<n {
                var candidate = DuplicateDetection.Candidate(words: corpus.score(a, b))
                candidate.meaning = 0.55 + 0.45 * next()
                candidate.rank = next() < 0.7 ? 1 : 2
                candidates[a * n + b] = candidate
                fields[a * n + b] = FieldComparison(items[a], items[b], words: candidate.words, meaning: candidate.meaning,
                                                    catalog: catalog, wording: corpus.wording(a, b))
            }
        }
        let restating = fields.values.filter { $0.differences.isEmpty }.count
        XCTAssertGreaterThan(restating, 20)
        XCTAssertGreaterThan(fields.count - restating, 200)
        let numbered = DuplicateDetection.InheritedDifferences(fields, candidates: candidates, items: items, catalog: catalog)
            .found(wording: { corpus.wording($0, $1) })
        let oneByOne = DuplicateDetection.inheritedDifferencesOneByOne(fields, candidates: candidates, items: items, catalog: catalog,
                                                                       wording: { corpus.wording($0, $1) })
        let found = try XCTUnwrap(numbered)
        // Both kinds of outcome are there: a restatement narrowed to its look-alike differences, and one that lost to a rival.
        XCTAssertTrue(oneByOne.values.contains { $0.differences.contains { $0.contains("which reads closer to") } })
        XCTAssertTrue(oneByOne.values.contains { !$0.differences.isEmpty && !$0.differences.contains { $0.contains("which reads closer to") } })
        XCTAssertEqual(described(found), described(oneByOne))
    }

    /// Every key given has its place in the list, and a key not given has none.
    func testPairSlotsFindEachKeyAndNoOther() {
        let keys = (0..<3000).map { $0 * 7919 % 100_003 }
        let slots = DuplicateDetection.PairSlots(keys)
        for (slot, key) in keys.enumerated() { XCTAssertEqual(slots.slot(key), slot) }
        let given = Set(keys)
        for key in 0..<20_000 where !given.contains(key) { XCTAssertNil(slots.slot(key)) }
        XCTAssertNil(DuplicateDetection.PairSlots([]).slot(5))
    }
}
