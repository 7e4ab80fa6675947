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

/// An entity that still holds a placeholder in a field it is compared on takes no part in duplicate
/// detection: its idea is not written yet (lint reports the placeholder instead).
final class PlaceholderOverlapTests: XCTestCase {
    /// Two squads' hypotheses written alike; `change` and `metric` are the second one's.
    private func overlapRules(change: String = "send a push reminder in the evening when a streak is at risk",
                              metric: String = "d1-retention") -> [String] {
        func hypothesis(_ id: String, _ squad: String, change: String, metric: String) -> String {
            """
            kind: Hypothesis
            id: \(id)
            squad: \(squad)
            title: Streak reminders bring learners back
            statement:
              change: \(change)
              audience: learners with an active streak
              outcome: more of them come back the next day
            metric: \(metric)
            status: backlog
            """
        }
        let text = hypothesis("HYP-0001", "activation-emea", change: "send a push reminder in the evening when a streak is at risk", metric: "d1-retention")
            + "\n---\n" + hypothesis("HYP-0002", "checkout-emea", change: change, metric: metric) + "\n"
        let report = Linter(today: Day(year: 2026, month: 10, day: 15))
            .lint([SourceFile(path: "playbooks/hypotheses.yml", bytes: Array(text.utf8))])
        return report.findings.map(\.rule).filter { $0.hasPrefix("overlap-") || $0 == LintRuleID.placeholderUnfilled }
    }

    /// Fails at b375bc8: the hypothesis with a placeholder metric or change was still a duplicate.
    func testAHypothesisStillHoldingAPlaceholderIsNoDuplicate() {
        XCTAssertEqual(overlapRules(), ["overlap-duplicate", "overlap-duplicate"])
        XCTAssertEqual(overlapRules(metric: "<metric-id it moves>"), [LintRuleID.placeholderUnfilled])
        XCTAssertEqual(overlapRules(change: "<we believe that CHANGE>"), [LintRuleID.placeholderUnfilled])
    }
}
