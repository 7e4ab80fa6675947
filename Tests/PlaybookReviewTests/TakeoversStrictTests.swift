import Foundation
import PlaybookGit
import PlaybookLint
import PlaybookModel
@testable import PlaybookReview
import XCTest

/// What an outside review of takeovers found (review77): ordinary edits of two entities in one commit read
/// as an id taken over (a false `history-id-reuse` that hid a locked-field error), a locked edit in a swap
/// commit was seen only by the merged check, and findings after a swap or rename were filed under the old id.
final class TakeoversStrictTests: XCTestCase {
    let running = experiment(status: "running") + ReviewFixesTests.design
    var other: String {
        running.replacing("id: EXP-0001", with: "id: EXP-0002").replacing("title: Shorter signup form", with: "title: Social login on signup")
            .replacing("hypothesis: HYP-0001", with: "hypothesis: HYP-0002").replacing("start: 2026-07-04", with: "start: 2026-08-04")
            .replacing("end: 2026-07-30", with: "end: 2026-08-30")
    }

    func reuses(_ found: [Finding]) -> [Finding] { found.filter { $0.rule == LintRuleID.historyIDReuse } }

    /// Two variants of one template, both given a real title in one commit (one moved to step 2 too): two edits.
    func testTwoVariantsBothRetitledAreTwoEditsNotAReuse() throws {
        let s = try ScratchChange(for: self)
        let a = experiment("EXP-0003").replacing("title: Shorter signup form", with: "title: Variant A")
        let b = experiment("EXP-0004").replacing("title: Shorter signup form", with: "title: Variant B")
        let base = try s.commit(["playbooks/EXP-0003.yml": a, "playbooks/EXP-0004.yml": b])
        let head = try s.commit([
            "playbooks/EXP-0003.yml": a.replacing("title: Variant A", with: "title: Blue signup button")
                .replacing("surface: web/signup", with: "surface: web/signup/step2"),
            "playbooks/EXP-0004.yml": b.replacing("title: Variant B", with: "title: Green signup button"),
        ])
        XCTAssertEqual(reuses(try s.historyFindings(base: base, head: head)), [])
    }

    /// EXP-0001 launched and retitled while EXP-0002 is added as its copy under a title of its own: an edit
    /// and a new experiment, EXP-0001's entity moving nowhere.
    func testALaunchedAndRetitledExperimentBesideANewCopyIsNoReuse() throws {
        let s = try ScratchChange(for: self)
        let ready = running.replacing("status: running", with: "status: ready")
        let base = try s.commit(["playbooks/EXP-0001.yml": ready])
        let head = try s.commit([
            "playbooks/EXP-0001.yml": running.replacing("title: Shorter signup form", with: "title: Shorter signup form (3 fields)")
                .replacing("start: 2026-07-04", with: "start: 2026-07-06"),
            "playbooks/EXP-0002.yml": ready.replacing("id: EXP-0001", with: "id: EXP-0002")
                .replacing("title: Shorter signup form", with: "title: Shorter signup form, mobile"),
        ])
        XCTAssertEqual(reuses(try s.historyFindings(base: base, head: head)), [])
    }

    /// EXP-0001 only launched while the running EXP-0002 is reworked (its hypothesis among the fields): no
    /// takeover, and EXP-0002's locked hypothesis is reported as it is without EXP-0001's edit.
    func testAReworkBesideAnotherEditKeepsItsLockedFieldError() throws {
        let s = try ScratchChange(for: self)
        let ready = running.replacing("status: running", with: "status: ready")
        let base = try s.commit(["playbooks/EXP-0001.yml": ready, "playbooks/EXP-0002.yml": other])
        let head = try s.commit([
            "playbooks/EXP-0001.yml": running,
            "playbooks/EXP-0002.yml": other.replacing("title: Social login on signup", with: "title: Social login on checkout")
                .replacing("hypothesis: HYP-0002", with: "hypothesis: HYP-0001").replacing("surface: web/signup", with: "surface: web/checkout")
                .replacing("start: 2026-08-04", with: "start: 2026-09-01").replacing("end: 2026-08-30", with: "end: 2026-09-30"),
        ])
        let found = try s.historyFindings(base: base, head: head)
        XCTAssertEqual(found.map { "\($0.rule) \($0.entity ?? "-") \($0.field ?? "-")" }, ["\(LintRuleID.historyLockedField) EXP-0002 hypothesis"],
                       "\(found)")
    }

    /// In metrics.yml, one metric renamed and redefined while another is added: metrics are told apart by
    /// `name`, and no metric's name went to another id.
    func testAMetricRedefinedBesideANewMetricIsNoReuse() throws {
        func metric(_ id: String, _ name: String, _ description: String, unit: String = "ratio") -> String {
            "kind: Metric\nid: \(id)\nname: \"\(name)\"\ndescription: \(description)\nunit: \(unit)\ndirection: increase\nowner: growth\n"
        }
        let north = metric("weekly-active-users", "Weekly active users", "The one number.", unit: "count") + "north_star: true\n"
        let paid = metric("paid-conversion", "Paid conversion", "Signups who pay.")
        let s = try ScratchChange(for: self)
        let base = try s.commit(["playbooks/metrics.yml": [north, metric("signup-rate", "Signup rate", "Visitors who sign up."), paid]
            .joined(separator: "---\n")])
        let head = try s.commit(["playbooks/metrics.yml": [north, metric("signup-rate", "Signups", "Accounts created per week.", unit: "count"), paid,
                                                            metric("activation-rate", "Activation rate", "Signups who finish onboarding.")]
            .joined(separator: "---\n")])
        XCTAssertEqual(reuses(try s.historyFindings(base: base, head: head)), [])
    }

    /// The two ids exchanged with an edit in the same commit (the one now EXP-0001 given EXP-0001's
    /// hypothesis), and the base's later edit in EXP-0001's file conflicting with the change: not an exact
    /// swap, so the commit is judged as ordinary edits, commit by commit: EXP-0002's hypothesis changed.
    func testAnExchangeWithAnEditInItsCommitIsJudgedAsEditsWithoutACleanMerge() throws {
        let s = try ScratchChange(for: self)
        let root = try s.commit(["playbooks/a.yml": running, "playbooks/b.yml": other])
        let theirs = try s.commit(["playbooks/a.yml": running.replacing("title: Shorter signup form", with: "title: Shorter signup form (v2)")],
                                  parents: [root], updateHead: false)
        let swap = try s.commit([
            "playbooks/a.yml": other.replacing("id: EXP-0002", with: "id: EXP-0001").replacing("hypothesis: HYP-0002", with: "hypothesis: HYP-0001"),
            "playbooks/b.yml": running.replacing("id: EXP-0001", with: "id: EXP-0002"),
        ])
        let input = try ChangeReader(roots: ["playbooks"], include: { $0.hasSuffix(".yml") }).read(s.repository, base: theirs, head: swap)
        XCTAssertFalse(input.judgedOnMerge, "the merge must conflict for this test")
        let found = try s.historyFindings(base: theirs, head: swap)
        XCTAssertEqual(found.map { "\($0.rule) \($0.entity ?? "-") \($0.field ?? "-")" }.sorted(),
                       ["\(LintRuleID.historyLockedField) EXP-0002 hypothesis"], "\(found)")
        let locked = found.first { $0.rule == LintRuleID.historyLockedField }
        XCTAssertEqual(locked?.message.hasPrefix("EXP-0002 changes its hypothesis from HYP-0002 to HYP-0001 in \(swap.description.prefix(8)) after"),
                       true, locked?.message ?? "")
        XCTAssertEqual(locked.map { "\($0.file):\($0.line)" }, "playbooks/b.yml:5")
    }

    /// A locked edit, then the ids swapped (or the id renamed): the finding is the experiment's as the head
    /// has it, filed under that id in the report, the Markdown comment and JSON.
    func testAFindingBeforeASwapOrRenameIsFiledUnderTheHeadsId() throws {
        let edited = other.replacing("hypothesis: HYP-0002", with: "hypothesis: HYP-0001")
        let s = try ScratchChange(for: self)
        let base = try s.commit(["playbooks/a.yml": running, "playbooks/b.yml": other])
        _ = try s.commit(["playbooks/b.yml": edited])
        let swap = try s.commit([
            "playbooks/a.yml": running.replacing("id: EXP-0001", with: "id: EXP-0002"),
            "playbooks/b.yml": edited.replacing("id: EXP-0002", with: "id: EXP-0001"),
        ])
        try assertFiled(try s.review(base: base, head: swap), under: "EXP-0001", file: "playbooks/b.yml")

        let t = try ScratchChange(for: self)
        let tBase = try t.commit(["playbooks/EXP-0002.yml": other])
        _ = try t.commit(["playbooks/EXP-0002.yml": edited])
        let renamed = try t.commit(["playbooks/EXP-0002.yml": nil, "playbooks/EXP-0009.yml": edited.replacing("id: EXP-0002", with: "id: EXP-0009")])
        try assertFiled(try t.review(base: tBase, head: renamed), under: "EXP-0009", file: "playbooks/EXP-0009.yml")
    }

    func assertFiled(_ report: ReviewReport, under id: String, file: String, line: UInt = #line) throws {
        let locked = report.findings.filter { $0.rule == LintRuleID.historyLockedField }
        XCTAssertEqual(locked.map { "\($0.entity ?? "-") \($0.file)" }, ["\(id) \(file)"], "\(report.findings)", line: line)
        let markdown = ReviewRenderer.markdown(report)
        // Under the heading of the head's id, and counted on its row of the table.
        let lines = markdown.split(separator: "\n")
        let at = try XCTUnwrap(lines.firstIndex { $0.contains("`\(LintRuleID.historyLockedField)`") }, markdown, line: line)
        XCTAssertEqual(lines[..<at].last { $0.hasPrefix("#### ") }, "#### `\(id)` — `\(file)`", markdown, line: line)
        let row = lines.first { $0.hasPrefix("| `\(id)` |") }
        XCTAssertEqual(row.map { $0.hasSuffix("| — |") }, false, markdown, line: line)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(ReviewRenderer.json(report).utf8)) as? [String: Any])
        let entities = (json["findings"] as? [[String: Any]] ?? []).filter { $0["rule"] as? String == LintRuleID.historyLockedField }.map { $0["entity"] as? String }
        XCTAssertEqual(entities, [id], line: line)
    }
}
