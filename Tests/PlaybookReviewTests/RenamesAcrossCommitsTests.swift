import Foundation
import PlaybookGit
import PlaybookLint
import PlaybookModel
@testable import PlaybookReview
import XCTest

/// What an outside review of renames and fixed findings found (rev73): a rename judged base → head
/// forgot the branch's own commits, a file of many metrics read a replacement as a rename, a file-level
/// finding that moved was "fixed", and the fixed list alone cut the comment.
final class RenamesAcrossCommitsTests: XCTestCase {
    let running = experiment(status: "running") + ReviewFixesTests.design

    /// Concluded in one commit, then renamed and set back to running: the move back is found, as it is
    /// without the rename, and said with the rename.
    func testAStatusMovedBackWhileRenamedIsFound() throws {
        let s = try ScratchChange(for: self)
        let base = try s.commit(["playbooks/a.yml": running])
        _ = try s.commit(["playbooks/a.yml": running.replacing("status: running", with: "status: concluded")])
        let renamed = try s.commit(["playbooks/a.yml": running.replacing("id: EXP-0001", with: "id: EXP-0009")])
        XCTAssertEqual(try s.review(base: base, head: renamed).deltas.map(\.change), [.renamed])
        let found = try s.historyFindings(base: base, head: renamed)
        XCTAssertEqual(found.map(\.rule), [LintRuleID.historyStatusRegression], "\(found)")
        XCTAssertEqual(found.first?.entity, "EXP-0009")
        XCTAssertTrue(found.first?.message.contains("moves back from concluded to running in ") == true, "\(found)")
        XCTAssertTrue(found.first?.message.contains("(renamed from EXP-0001 by this change)") == true, "\(found)")
    }

    /// A draft given a new metric and launched in one commit, renamed in the next: it ran on that
    /// metric from its start, renamed or not; nothing is locked.
    func testADraftLaunchedOnANewMetricThenRenamedChangesNoMetricItRanWith() throws {
        let s = try ScratchChange(for: self)
        let draft = experiment() + ReviewFixesTests.design
        let base = try s.commit(["playbooks/a.yml": draft])
        let launched = draft.replacing("status: draft", with: "status: running").replacing("primary: signup-rate", with: "primary: weekly-active-learners")
        let unrenamed = try s.commit(["playbooks/a.yml": launched])
        XCTAssertEqual(try s.historyFindings(base: base, head: unrenamed), [])
        let renamed = try s.commit(["playbooks/a.yml": launched.replacing("id: EXP-0001", with: "id: EXP-0009")])
        XCTAssertEqual(try s.review(base: base, head: renamed).deltas.map(\.change), [.renamed])
        XCTAssertEqual(try s.historyFindings(base: base, head: renamed), [])
    }

    /// Two metrics in one file, one replaced by another with the same unit, direction and owner: one
    /// removed and one added, not a rename, and the old one's findings are not the new one's.
    func testAMetricReplacedInAFileOfManyIsNoRename() throws {
        let s = try ScratchChange(for: self)
        func metric(_ id: String, _ name: String, _ description: String) -> String {
            "kind: Metric\nid: \(id)\nname: \(name)\ndescription: \(description)\nunit: percent\ndirection: increase\nowner: growth\n"
        }
        let star = metric("weekly-active-users", "Weekly active users", "The one number.") + "north_star: true\n"
        let base = try s.commit(["playbooks/metrics.yml": star + "---\n" + metric("signup-rate", "Signup rate", "Share of visitors who sign up.")])
        let head = try s.commit(["playbooks/metrics.yml": star + "---\n" + metric("refund-rate", "Refund rate", "Share of orders refunded.")])
        let report = try s.review(base: base, head: head)
        XCTAssertEqual(report.deltas.map(\.change).sorted { "\($0)" < "\($1)" }, [.added, .removed], "\(report.deltas)")
        XCTAssertEqual(report.deltas.compactMap(\.renamedFrom), [])
    }

    /// A finding of no entity the head still has in another file is not fixed: the north star's error
    /// now on a file the change adds, a YAML error in a file moved with `git mv`.
    func testAFindingOfNoEntityMovedToAnotherFileIsNotFixed() throws {
        let s = try ScratchChange(for: self)
        let base = try s.commit(["playbooks/a.yml": experiment()])
        XCTAssertTrue(try s.review(base: base, head: base).existing.isEmpty)
        let added = try s.commit(["playbooks/0.yml": experiment("EXP-0002").replacing("surface: web/signup", with: "surface: web/pricing")])
        let report = try s.review(base: base, head: added)
        XCTAssertTrue(report.findings.contains { $0.entity == nil && $0.file == "playbooks/0.yml" }, "the error moved: \(report.findings)")
        XCTAssertEqual(report.fixed, [], "\(report.fixed)")

        let t = try ScratchChange(for: self)
        let broken = experiment() + "colour: [blue\n"
        let tBase = try t.commit(["playbooks/b.yml": broken, "playbooks/c.yml": experiment("EXP-0002")])
        let moved = try t.commit(["playbooks/b.yml": nil, "playbooks/d.yml": broken])
        let movedReport = try t.review(base: tBase, head: moved)
        // The base's error moved with its file: listed as already there, not new (review75).
        XCTAssertTrue(movedReport.existing.contains { $0.entity == nil && $0.file == "playbooks/d.yml" }, "\(movedReport.existing)")
        XCTAssertFalse(movedReport.findings.contains { $0.entity == nil }, "\(movedReport.findings)")
        XCTAssertEqual(movedReport.fixed.filter { $0.entity == nil }, [], "\(movedReport.fixed)")
        // Gone for good, it is fixed.
        let gone = try t.commit(["playbooks/d.yml": experiment()])
        XCTAssertFalse(try t.review(base: tBase, head: gone).fixed.filter { $0.entity == nil }.isEmpty)
    }

    /// A change whose fixed list alone is too long: the rest of the comment is written as it would be,
    /// the fixed findings left out and said so, with where to read them; cut further, the note names
    /// only what it leaves out.
    func testFixedFindingsAreTheFirstThingALongCommentLeavesOut() throws {
        let s = try ScratchChange(for: self)
        var files: [String: String?] = [:]
        for n in 1...40 { files["playbooks/e\(n).yml"] = experiment(String(format: "EXP-%04d", n)).replacing("surface: web/signup", with: "surface: web/s\(n)") + "colour\(n): blue\n" }
        let base = try s.commit(files)
        for n in 1...40 { files["playbooks/e\(n).yml"] = experiment(String(format: "EXP-%04d", n)).replacing("surface: web/signup", with: "surface: web/s\(n)") }
        let head = try s.commit(files)
        let report = try s.review(base: base, head: head)
        XCTAssertEqual(report.fixed.count, 40)
        var lighter = report
        lighter.fixed = []
        let full = ReviewRenderer.markdown(lighter)
        let comment = ReviewRenderer.markdown(report, limit: full.utf8.count + 400)
        XCTAssertFalse(comment.contains("too long"), comment)
        XCTAssertFalse(comment.contains("### Fixes"), comment)
        XCTAssertTrue(comment.contains("> ℹ️ The 40 findings this change fixes are left out to keep this comment within GitHub's limit; "
            + "`playbook review --format text` (or `--format json`) with the same `--base` lists them.\n\n"), comment)
        XCTAssertTrue(comment.hasSuffix(String(full.dropFirst(ReviewRenderer.header(report).utf8.count))), "the rest as it would be:\n\(comment)")

        let cut = ReviewRenderer.markdown(report, limit: ReviewRenderer.header(report).utf8.count + 10)
        XCTAssertTrue(cut.contains("it shows 0 of 40 changed entities; the field changes, the 40 findings it fixes and the "
            + "\(report.existing.count) findings already on the base are left out. Every finding of the change is in this run's annotations"), cut)
        var bare = report
        bare.existing = []
        bare.deltas = bare.deltas.map { var delta = $0; delta.fields = []; return delta }
        let fixesOnly = ReviewRenderer.markdown(bare, limit: ReviewRenderer.header(bare).utf8.count + 10)
        XCTAssertTrue(fixesOnly.contains("; the 40 findings it fixes are left out. Every finding of the change is in this run's annotations"), fixesOnly)
        XCTAssertFalse(fixesOnly.contains("field changes"), fixesOnly)
    }
}
