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

    func testNonScalarKeysAreNotCompared() {
        XCTAssertEqual(load("? [a]\n: 1\n? [a]\n: 2\n").problems, [])
    }
}
