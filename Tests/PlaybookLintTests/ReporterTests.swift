import Foundation
import PlaybookLint
import XCTest

/// Compares rendered output with a golden file beside this test; set UPDATE_GOLDENS=1 to rewrite them.
func assertGolden(_ actual: String, _ name: String, file: StaticString = #filePath, line: UInt = #line) {
    let url = URL(fileURLWithPath: "\(file)").deletingLastPathComponent().appendingPathComponent("Goldens/\(name)")
    if ProcessInfo.processInfo.environment["UPDATE_GOLDENS"] == "1" {
        try? actual.write(to: url, atomically: true, encoding: .utf8)
        return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
        return XCTFail("missing golden file Goldens/\(name); run with UPDATE_GOLDENS=1", file: file, line: line)
    }
    XCTAssertEqual(actual, expected, "output differs from Goldens/\(name)", file: file, line: line)
}

final class ReporterTests: XCTestCase {
    let report = LintReport(findings: [
        Finding(file: "playbooks/experiments/EXP-0001.yml", line: 3, column: 8, rule: "reference-unresolved", severity: .error,
                message: "\"squad\" names squad \"activaton-emea\", which does not exist; did you mean \"activation-emea\"?",
                entity: "EXP-0001", related: ["activaton-emea"]),
        Finding(file: "playbooks/metrics.yml", line: 1, column: 1, rule: "north-star", severity: .warning,
                message: "a message with \"quotes\", a back\\slash,\na newline and a tab\t"),
    ], files: 12, entities: 40)

    func testTextReporterPrintsOneCompilerStyleLinePerFinding() {
        assertGolden(TextReporter(color: false).render(report), "lint.txt")
    }

    func testTextReporterColoursOnlyWhenAsked() {
        let coloured = TextReporter(color: true).render(report)
        XCTAssertTrue(coloured.contains("\u{1B}[1;31merror:"))
        XCTAssertFalse(TextReporter(color: false).render(report).contains("\u{1B}"))
    }

    func testSummaryCountsErrorsWarningsFilesAndEntities() {
        XCTAssertEqual(TextReporter.summary(report), "1 error, 1 warning in 12 files (40 entities)")
    }

    func testJSONReporterFollowsTheContract() throws {
        let text = JSONReporter().render(report)
        assertGolden(text, "lint.json")
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        XCTAssertEqual(object?["version"] as? Int, 1)
        let findings = object?["findings"] as? [[String: Any]]
        XCTAssertEqual(findings?.count, 2)
        XCTAssertEqual(Set(findings?.first?.keys.map { $0 } ?? []),
                       ["file", "line", "column", "rule", "severity", "message", "entity", "related"])
        XCTAssertEqual(findings?.last?["message"] as? String, "a message with \"quotes\", a back\\slash,\na newline and a tab\t")
        XCTAssertTrue(findings?.last?["entity"] is NSNull)
        let summary = object?["summary"] as? [String: Int]
        XCTAssertEqual(summary, ["files": 12, "entities": 40, "errors": 1, "warnings": 1])
    }

    func testJSONReporterWithNoFindingsIsValidJSON() throws {
        let text = JSONReporter().render(LintReport(findings: [], files: 0, entities: 0))
        XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(text.utf8)))
    }
}
