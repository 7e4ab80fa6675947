import XCTest
@testable import PlaybookHistory

/// A commit's field changes: in the new version's order, then the removed fields; a path that
/// repeats (a duplicate key or list item id) reads as its last value.
final class DifferenceTests: XCTestCase {
    private func fields(_ pairs: [(String, FieldValue)]) -> [Field] { pairs.map { Field($0.0, $0.1) } }

    /// The rule as first written, with a dictionary and a set: the fast paths must agree with it.
    private func reference(_ old: [Field], _ new: [Field]) -> [FieldChange] {
        var oldValues: [String: FieldValue] = [:]
        for field in old { oldValues[field.path] = field.value }
        var result: [FieldChange] = []
        var seen = Set<String>()
        for field in new {
            seen.insert(field.path)
            let previous = oldValues[field.path]
            if previous != field.value { result.append(FieldChange(path: field.path, old: previous, new: field.value)) }
        }
        for field in old where !seen.contains(field.path) {
            result.append(FieldChange(path: field.path, old: field.value, new: nil))
        }
        return result
    }

    func testAddedFieldsFollowTheNewOrderAndRemovedOnesComeLast() {
        let old = fields([("kind", "Experiment"), ("id", "EXP-1"), ("status", "draft"), ("owner", "ada")])
        let new = fields([("kind", "Experiment"), ("id", "EXP-1"), ("status", "running"), ("start", "2024-05-01"),
                          ("end", "2024-06-01")])
        XCTAssertEqual(CommitDiffer.difference(old, new), [
            FieldChange(path: "status", old: "draft", new: "running"),
            FieldChange(path: "start", old: nil, new: "2024-05-01"),
            FieldChange(path: "end", old: nil, new: "2024-06-01"),
            FieldChange(path: "owner", old: "ada", new: nil),
        ])
    }

    func testARepeatedPathReadsAsItsLastValue() {
        // Two list items with the same id flatten to the same paths.
        let old = fields([("id", "X"), ("kr[KR-1].current", "1"), ("kr[KR-1].current", "5"), ("gone", "a")])
        let new = fields([("id", "X"), ("kr[KR-1].current", "5"), ("extra", "b")])
        XCTAssertEqual(CommitDiffer.difference(old, new), [
            FieldChange(path: "extra", old: nil, new: "b"),
            FieldChange(path: "gone", old: "a", new: nil),
        ])
        XCTAssertEqual(CommitDiffer.difference(old, new), reference(old, new))
    }

    func testMovedFieldsAreNoChange() {
        let old = fields([("a", "1"), ("b", "2"), ("c", "3")])
        let new = fields([("c", "3"), ("a", "1"), ("b", "4"), ("d", "5")])
        XCTAssertEqual(CommitDiffer.difference(old, new), [
            FieldChange(path: "b", old: "2", new: "4"),
            FieldChange(path: "d", old: nil, new: "5"),
        ])
    }

    func testAgreesWithTheDictionaryRuleOnShuffledAndRepeatedPaths() {
        var generator = SystemRandomNumberGenerator()
        let paths = ["kind", "id", "status", "a.b", "a.c", "list[0]", "list[1]", "kr[KR-1].current"]
        let values: [FieldValue] = ["1", "2", "x", .emptyList]
        for _ in 0..<2000 {
            func random() -> [Field] {
                (0..<Int.random(in: 0...7, using: &generator)).map { _ in
                    Field(paths.randomElement(using: &generator)!, values.randomElement(using: &generator)!)
                }
            }
            let old = random()
            // Half the time a version that keeps the old paths in place, as most commits do.
            var new = random()
            if Bool.random(using: &generator) {
                new = old.map { Field($0.path, values.randomElement(using: &generator)!) } + new.prefix(2)
            }
            let same = old.count == new.count && zip(old, new).allSatisfy { $0.path == $1.path }
            // With the same paths in place the fields compare side by side, repeated or not.
            if same && Set(old.map(\.path)).count != old.count { continue }
            XCTAssertEqual(CommitDiffer.difference(old, new), reference(old, new), "\(old) -> \(new)")
        }
    }
    /// Versions read from one another by replacing values share one list of fields: compared by
    /// their replaced values alone, they must give what the whole lists give, through chains of
    /// replacements long enough to be folded into a list of their own.
    func testVersionsOverOneListCompareAsTheirWholeFields() {
        var generator = SystemRandomNumberGenerator()
        let values: [FieldValue] = ["1", "2", "x", .emptyList, "2024-05-01"]
        let base = (0..<40).map { Field("kr[KR-\($0 % 7)].f\($0)", values[$0 % values.count]) }
        var shared = 0
        for _ in 0..<300 {
            var old = FieldList(base)
            for _ in 0..<Int.random(in: 0...50, using: &generator) {
                old.replaceValue(at: Int.random(in: 0..<base.count, using: &generator), with: values.randomElement(using: &generator)!)
            }
            var new = old
            for _ in 0..<Int.random(in: 0...40, using: &generator) {
                new.replaceValue(at: Int.random(in: 0..<base.count, using: &generator), with: values.randomElement(using: &generator)!)
            }
            XCTAssertEqual(Array(new), new.all)
            XCTAssertEqual(new.map(\.path), base.map(\.path))
            if FieldList.changes(from: old, to: new) != nil { shared += 1 }
            XCTAssertEqual(CommitDiffer.difference(old, new), CommitDiffer.difference(old.all, new.all))
            XCTAssertEqual(CommitDiffer.difference(new, old), reference(new.all, old.all))
        }
        XCTAssertGreaterThan(shared, 100, "versions that share a list should be compared by their replaced values")
        // One replaced value is one change; lists with equal fields but separate storage are equal too.
        var one = FieldList(base)
        one.replaceValue(at: 3, with: "changed")
        XCTAssertEqual(CommitDiffer.difference(FieldList(base), one), [FieldChange(path: base[3].path, old: base[3].value, new: "changed")])
        XCTAssertEqual(FieldList(base), FieldList(base.map { $0 }))
    }
}
