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
            return "\(key): \(comparison.matches.joined(separator: ", ")) | \(comparison.differences.map(\.description).joined(separator: ", "))"
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
        var candidates = DuplicateDetection.PairTable<DuplicateDetection.Candidate>()
        var fields = DuplicateDetection.PairTable<FieldComparison>()
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
        XCTAssertTrue(oneByOne.values.contains { $0.differences.contains { $0.description.contains("which reads closer to") } })
        XCTAssertTrue(oneByOne.values.contains { !$0.differences.isEmpty && !$0.differences.contains { $0.description.contains("which reads closer to") } })
        XCTAssertEqual(described(found), described(oneByOne))
    }

    /// A pair table answers as a dictionary would, through collisions (keys whose hashes share a slot),
    /// growth from its smallest size to thousands of keys and values replaced, and keeps the keys in the
    /// order first put in.
    func testPairTableAnswersAsADictionary() {
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33)
        }
        var table = DuplicateDetection.PairTable<Int>()
        var dictionary: [Int: Int] = [:]
        var order: [Int] = []
        // Multiples of 2^58 share the top bits the hash keeps, so their slots collide; then random keys, a few
        // of them put in again.
        let keys = (0..<32).map { $0 << 58 } + (0..<20_000).map { _ in next() % 60_000 }
        for (value, key) in keys.enumerated() {
            if dictionary[key] == nil { order.append(key) }
            table[key] = value
            dictionary[key] = value
        }
        XCTAssertLessThan(dictionary.count, keys.count, "some keys were put in again")
        XCTAssertEqual(table.count, dictionary.count)
        XCTAssertEqual(table.keys, order)
        for key in keys + (0..<70_000).map({ $0 }) { XCTAssertEqual(table[key], dictionary[key]) }
        for (place, key) in table.keys.enumerated() {
            XCTAssertEqual(table.place(of: key), place)
            table[place: place] += 1
            XCTAssertEqual(table[key], dictionary[key].map { $0 + 1 })
        }
        // Built at once from keys and values: the same answers, the keys in the order given; a key given twice
        // keeps its first place and its last value, as put in one by one.
        let unique = order.filter { _ in next() % 3 != 0 }
        let built = DuplicateDetection.PairTable(keys: unique, values: unique.map { -$0 })
        XCTAssertEqual(built.keys, unique)
        let given = Set(unique)
        for key in keys { XCTAssertEqual(built[key], given.contains(key) ? -key : nil) }
        for (place, key) in unique.enumerated() { XCTAssertEqual(built.place(of: key), place) }
        let twice = DuplicateDetection.PairTable(keys: keys, values: Array(keys.indices))
        XCTAssertEqual(twice.keys, order)
        for key in keys { XCTAssertEqual(twice[key], dictionary[key]) }
        XCTAssertTrue(DuplicateDetection.PairTable<Int>(keys: [], values: []).keys.isEmpty)
        XCTAssertNil(DuplicateDetection.PairTable<Int>().place(of: 5))
        XCTAssertNil(DuplicateDetection.PairTable<Int>(minimumCapacity: 1000)[0])
    }
}
