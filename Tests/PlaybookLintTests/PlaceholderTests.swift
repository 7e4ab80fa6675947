import PlaybookLint
import PlaybookModel
import XCTest

final class PlaceholderTests: XCTestCase {
    /// The values of one metric file that `placeholder-unfilled` reports, by field.
    private func flaggedFields(_ values: [String: String]) -> [String] {
        let lines = values.keys.sorted().map { "\($0): \(values[$0]!)" }
        let text = "kind: Metric\nid: weekly-active-learners\nunit: count\ndirection: increase\n" + lines.joined(separator: "\n") + "\n"
        let report = Linter(today: Day(year: 2026, month: 10, day: 15))
            .lint([SourceFile(path: "playbooks/metrics.yml", bytes: Array(text.utf8))])
        return report.findings.filter { $0.rule == LintRuleID.placeholderUnfilled }.map(\.message).sorted()
    }

    func testAnAngleBracketedValueIsAPlaceholderWhateverItsLetters() {
        let flagged = flaggedFields([
            "name": "\"<metric name>\"",
            "description": "\"<déjà écrit, 名前>\"",
            "owner": "\"<>\"",
            "event": "\"<b>bold</b>\"",
        ])
        XCTAssertEqual(flagged.count, 2, "\(flagged)")
        XCTAssertTrue(flagged.contains { $0.hasPrefix("\"name\" still holds the placeholder <metric name>") }, "\(flagged)")
        XCTAssertTrue(flagged.contains { $0.hasPrefix("\"description\" still holds the placeholder <déjà écrit, 名前>") }, "\(flagged)")
    }

    func testAPlaceholderWrittenWithEscapesIsAPlaceholder() {
        // No `<` in the file's bytes: the brackets come from double-quoted escapes.
        let flagged = flaggedFields(["name": "\"\\x3cmetric name\\x3e\"", "owner": "\"\\u003cowner\\u003e\""])
        XCTAssertEqual(flagged.count, 2, "\(flagged)")
        XCTAssertTrue(flagged.contains { $0.hasPrefix("\"name\" still holds the placeholder <metric name>") }, "\(flagged)")
        XCTAssertTrue(flagged.contains { $0.hasPrefix("\"owner\" still holds the placeholder <owner>") }, "\(flagged)")
    }

    func testAValueSpanningLinesOrTextAroundTheBracketsIsNoPlaceholder() {
        XCTAssertEqual(flaggedFields([
            "name": "\"<first\\nsecond>\"",
            "description": "\"see <this> here\"",
            "event": "\"<a> and <b>\"",
        ]), [])
    }
}
