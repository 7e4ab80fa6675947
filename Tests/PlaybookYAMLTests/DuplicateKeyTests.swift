import XCTest
@testable import PlaybookYAML

final class DuplicateKeyTests: XCTestCase {
    func testDuplicateKeyIsANonFatalProblemAtTheSecondKey() {
        let result = load("id: EXP-1\nstatus: draft\ntitle: t\nstatus: running\n")
        XCTAssertEqual(result.problems, [YAMLProblem(
            kind: .duplicateKey, mark: mark(4, 1),
            message: "duplicate key \"status\" (first defined at line 2, column 1)", isFatal: false)])
        let pairs = result.documents.first?.root?.pairs ?? []
        XCTAssertEqual(pairs.map(\.key.scalar), ["id", "status", "title", "status"])
        XCTAssertEqual(pairs.map(\.value.scalar), ["EXP-1", "draft", "t", "running"])
    }

    func testKeysAreComparedByTextWithinOneMappingOnly() {
        XCTAssertEqual(load("a: {x: 1}\nb: {x: 2}\nc: [{x: 1}, {x: 2}]\n").problems, [])
        XCTAssertEqual(load("'x': 1\n\"x\": 2\n").problems.map(\.kind), [.duplicateKey])
    }

    func testDuplicatesAreFoundInLargeMappings() {
        var lines = (0..<200).map { "key\($0): \($0)" }
        lines.append("key7: again")
        lines.append("key150: again")
        lines.append("key7: thrice")
        let problems = load(lines.joined(separator: "\n")).problems
        XCTAssertEqual(problems.map(\.mark), [mark(201, 1), mark(202, 1), mark(203, 1)])
        XCTAssertEqual(problems.map(\.message), [
            "duplicate key \"key7\" (first defined at line 8, column 1)",
            "duplicate key \"key150\" (first defined at line 151, column 1)",
            "duplicate key \"key7\" (first defined at line 8, column 1)",
        ])
    }

    /// Two documents run together repeat every key; the `kind:` says where the second begins.
    func testASecondKindSaysTheDocumentSeparatorIsMissing() {
        let metrics = "kind: Metric\nid: signup-rate\nname: Signup rate\nowner: growth\nkind: Metric\nid: activation-rate\nname: Activation rate\nowner: growth\n"
        XCTAssertEqual(load(metrics).problems, [YAMLProblem(
            kind: .duplicateKey, mark: mark(5, 1),
            message: "a second `kind:` in one document: is the `---` line between two documents missing? add it above line 5",
            isFatal: false)])
        // Keys repeated just before the `kind:` begin the second document; a third document is said again.
        let three = load("kind: Metric\nid: a\nname: x\nid: b\nkind: Metric\nname: y\nkind: Metric\nid: c\n").problems
        XCTAssertEqual(three.map(\.mark), [mark(5, 1), mark(7, 1)])
        XCTAssertEqual(three.map { $0.message.hasSuffix("add it above line 4") }, [true, false])
        XCTAssertEqual(three.last?.message.hasSuffix("add it above line 7"), true)
        // `kind` written twice below the top level is a duplicate key like any other.
        XCTAssertEqual(load("spec:\n  kind: a\n  kind: b\n").problems.map(\.message), ["duplicate key \"kind\" (first defined at line 2, column 3)"])
    }

    /// An item missing its "- " joins the item before it, repeating that item's keys from its first.
    func testAListItemMissingItsDashIsSaidOnceAtItsFirstKey() {
        let experiment = "kind: Experiment\nvariants:\n  - id: control\n    allocation: 50\n    id: treatment\n    allocation: 50\n"
        XCTAssertEqual(load(experiment).problems, [YAMLProblem(
            kind: .duplicateKey, mark: mark(5, 5),
            message: "duplicate key \"id\" (first at line 3): does a new item of the list start here? begin it with \"- \"",
            isFatal: false)])
        // Two items missing their dashes: one problem each.
        let two = load("- id: a\n  x: 1\n  id: b\n  x: 2\n  id: c\n  x: 3\n").problems
        XCTAssertEqual(two.map(\.mark), [mark(3, 3), mark(5, 3)])
        // Another key written twice in an item is a duplicate key.
        XCTAssertEqual(load("- id: a\n  x: 1\n  x: 2\n").problems.map(\.message), ["duplicate key \"x\" (first defined at line 2, column 3)"])
    }

    func testNonScalarKeysAreNotCompared() {
        XCTAssertEqual(load("? [a]\n: 1\n? [a]\n: 2\n").problems, [])
    }
}
