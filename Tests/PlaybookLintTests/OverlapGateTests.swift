import PlaybookLint
import PlaybookModel
import XCTest

/// How an unacknowledged overlap counts under the pre-commit hook and under lint/review.
final class OverlapGateTests: XCTestCase {
    static func experiment(_ id: String, squad: String) -> String {
        """
        kind: Experiment
        id: \(id)
        squad: \(squad)
        title: Banner test \(id)
        hypothesis: HYP-0001
        status: running
        metrics: {primary: d1-retention, guardrails: [refund-rate]}
        surface: web/home/banner
        variants: [{id: control, allocation: 50}, {id: banner, allocation: 50}]
        design: {mde: 0.02, power: 0.8, alpha: 0.05, sample_size: 12000}
        start: 2026-11-02
        end: 2026-12-14
        """
    }

    func lint(_ second: String, mode: LintMode, configuration: Configuration = Configuration()) -> [Finding] {
        var files = ExampleBase.files.map { SourceFile(path: $0.path, bytes: Array($0.text.utf8)) }
        files.append(SourceFile(path: "playbooks/zz-pair.yml", bytes: Array((Self.experiment("EXP-0002", squad: "activation-emea") + "\n---\n" + second).utf8)))
        return Linter(configuration: configuration, today: Day(year: 2026, month: 11, day: 23), mode: mode).lint(files).findings
            .filter { $0.rule.hasPrefix("overlap-") && ($0.entity == "EXP-0002" || $0.entity == "EXP-0003") }
    }

    func testAnotherSquadsCollisionWarnsUnderTheHookAndFailsElsewhere() {
        let other = Self.experiment("EXP-0003", squad: "checkout-emea")
        let staged = lint(other, mode: .staged)
        XCTAssertEqual(staged.map(\.severity), [.warning, .warning])
        XCTAssertTrue(staged.allSatisfy { $0.message.contains("the PR needs a council approval before it merges") }, "\(staged)")
        XCTAssertEqual(lint(other, mode: .standard).map(\.severity), [.error, .error])
    }

    func testACollisionWithinOneSquadStaysAnErrorUnderTheHook() {
        let same = Self.experiment("EXP-0003", squad: "activation-emea")
        let staged = lint(same, mode: .staged)
        XCTAssertEqual(staged.map(\.severity), [.error, .error])
        XCTAssertFalse(staged.contains { $0.message.contains("council approval before it merges") })
    }

    func testTheGateIsConfigurable() throws {
        let other = Self.experiment("EXP-0003", squad: "checkout-emea")
        let configuration = try Configuration.parse(Array("overlaps: {staged: error, review: warning}\n".utf8), file: ".playbook.yml")
        XCTAssertEqual(lint(other, mode: .staged, configuration: configuration).map(\.severity), [.error, .error])
        XCTAssertEqual(lint(other, mode: .standard, configuration: configuration).map(\.severity), [.warning, .warning])
        let off = try Configuration.parse(Array("rules: {overlap-collision: off}\n".utf8), file: ".playbook.yml")
        XCTAssertEqual(lint(other, mode: .staged, configuration: off), [], "a rule turned off stays off")
    }

    /// Each side's finding names the other and words the pair's reason whole: when, where and for whom
    /// they are live together (the reason `playbook overlaps` gives), then what to do.
    func testACollisionsFindingsSayWhenWhereAndForWhom() {
        let other = Self.experiment("EXP-0003", squad: "checkout-emea")
            .replacing("surface: web/home/banner", with: "surface: web/home/banner/copy\naudience: {segment: Trial users, regions: [EMEA, na], platforms: [ios]}")
            .replacing("end: 2026-12-14", with: "end: 2026-12-01")
        let findings = lint(other, mode: .standard)
        let reason = "EXP-0002 and EXP-0003 are live together from 2026-11-02 to 2026-12-01 on nested surfaces web/home/banner and "
            + "web/home/banner/copy for segment Trial users, regions EMEA, na, platforms ios, and share no exclusion_group; "
            + "put them in one exclusion_group, move one's dates, or split the audience"
        // The advice is given once: the reason says what to change, the step how to acknowledge it.
        let step = "or once a council has reviewed it, "
            + "add `approvals: [{by: NAME, role: council, date: YYYY-MM-DD, overlaps: ["
        XCTAssertEqual(findings.map(\.message), [
            "EXP-0002 collides with EXP-0003 of squad checkout-emea (playbooks/zz-pair.yml:15): \(reason); \(step)EXP-0003]}]` to EXP-0002 in playbooks/zz-pair.yml",
            "EXP-0003 collides with EXP-0002 of squad activation-emea (playbooks/zz-pair.yml:2): \(reason); \(step)EXP-0002]}]` to EXP-0003 in playbooks/zz-pair.yml",
        ])
        XCTAssertEqual(findings.map(\.related), [["EXP-0003"], ["EXP-0002"]])
    }

    func testAnAcknowledgedOverlapIsANoteThatSaysByWhom() {
        let approved = Self.experiment("EXP-0003", squad: "checkout-emea")
            + "\napprovals: [{by: Growth council, role: council, date: 2026-11-20, overlaps: [EXP-0002]}]"
        let findings = lint(approved, mode: .staged)
        XCTAssertEqual(findings.map(\.rule), ["overlap-acknowledged", "overlap-acknowledged"])
        XCTAssertTrue(findings.allSatisfy { $0.message.hasSuffix("; acknowledged by Growth council on 2026-11-20") }, "\(findings)")
    }

    /// The summary counts an acknowledged overlap once, though each side reports it, and nothing else.
    func testAcknowledgedOverlapsAreCountedOncePerPair() {
        func finding(_ rule: String, _ entity: String, _ other: String) -> Finding {
            Finding(file: "\(entity).yml", line: 1, column: 1, rule: rule, severity: .note, message: "", entity: entity, related: [other])
        }
        let report = LintReport(findings: [
            finding("overlap-acknowledged", "EXP-0003", "EXP-0002"), finding("overlap-acknowledged", "EXP-0002", "EXP-0003"),
            finding("overlap-acknowledged", "EXP-0004", "EXP-0002"), finding("overlap-duplicate", "EXP-0005", "EXP-0002"),
            finding("overlap-duplicate", "EXP-0002", "EXP-0005"),
        ], files: 5, entities: 5)
        XCTAssertEqual(report.acknowledgedOverlaps, 2)
        // What --verbose lists is the notes, more than the pairs: the summary says how many.
        XCTAssertEqual(report.acknowledgedOverlapNotes, 3)
        XCTAssertTrue(TextReporter.summary(report, acknowledgedHidden: true).hasSuffix("; 2 acknowledged overlaps (3 notes; --verbose lists them)"),
                      TextReporter.summary(report, acknowledgedHidden: true))
        XCTAssertTrue(TextReporter.summary(report).hasSuffix("; 2 acknowledged overlaps (3 notes listed)"), TextReporter.summary(report))
        XCTAssertEqual(LintReport(findings: [finding("overlap-duplicate", "EXP-0005", "EXP-0002")], files: 2, entities: 2).acknowledgedOverlaps, 0)
    }
}
