import Foundation
import PlaybookGit
import PlaybookLint
import PlaybookModel
@testable import PlaybookReview
import XCTest

/// What an outside review of `playbook review` found (rev72): a change that fixes the base's errors
/// got no credit for it, and an id renamed read as an entity removed and another added.
final class FixedAndRenamedTests: XCTestCase {
    func objective(_ count: Int) -> String {
        "kind: Objective\nid: OKR-1\nsquad: growth\nquarter: 2026-Q3\ntitle: Grow signups\naligns_to: signup-rate\nkey_results:\n"
            + (1...count).map { "  - {id: KR-\($0), title: k\($0), metric: signup-rate, baseline: 100, target: 200}\n" }.joined()
    }

    /// Two unknown keys the base had, one removed by the change: that one is fixed, at the base's
    /// line, in every format; the verdict is the change's own findings' as before.
    func testAFindingTheBaseHadThatTheChangeRemovesIsListedAsFixed() throws {
        let s = try ScratchChange(for: self)
        let base = try s.commit(["playbooks/a.yml": experiment() + "colour: blue\nflavour: \"`x` @ana\"\n"])
        let head = try s.commit(["playbooks/a.yml": experiment() + "flavour: \"`x` @ana\"\n"])
        let report = try s.review(base: base, head: head)
        XCTAssertEqual(report.findings, [])
        XCTAssertEqual(report.fixed.map(\.message).filter { $0.contains("colour") }.count, 1, "\(report.fixed)")
        XCTAssertFalse(report.fixed.contains { $0.message.contains("flavour") }, "still there: \(report.fixed)")
        XCTAssertTrue(report.existing.contains { $0.message.contains("flavour") }, "\(report.existing)")
        let colour = try XCTUnwrap(report.fixed.first { $0.message.contains("colour") })
        XCTAssertEqual(colour.line, 10, "the base's line")

        let json = ReviewRenderer.json(report)
        XCTAssertTrue(json.contains("\"fixed_findings\": [\n    {\"file\": \"playbooks/a.yml\", \"line\": 10,"), json)
        let comment = ReviewRenderer.markdown(report)
        XCTAssertTrue(comment.contains("### Fixes 1 finding the base had\n\n- "), comment)
        let fixedAt = try XCTUnwrap(comment.range(of: "### Fixes")).lowerBound
        XCTAssertLessThan(fixedAt, try XCTUnwrap(comment.range(of: "<details><summary>Already on the base")).lowerBound)
        XCTAssertTrue(ReviewRenderer.text(report, color: false).contains("\nFixes 1 finding the base had (at the base's lines):\nplaybooks/a.yml:10:"),
                      ReviewRenderer.text(report, color: false))
        XCTAssertEqual(ReviewRenderer.fixedAnnotation(report),
                       "::notice title=playbook%3A fixed findings::this change fixes 1 finding the base had (1 error)\n")
        XCTAssertEqual(ReviewRenderer.markdown(report), comment, "stable, so a bot can update it in place")
    }

    /// An objective over the key-result limit made less bad is not fixed; brought within it, it is.
    func testAFindingOnlyMadeLessBadIsNotFixed() throws {
        let s = try ScratchChange(for: self)
        let base = try s.commit(["playbooks/okr.yml": objective(7)])
        let fewer = try s.commit(["playbooks/okr.yml": objective(6)])
        XCTAssertFalse(try s.review(base: base, head: fewer).fixed.contains { $0.rule == "okr-key-results" })
        let within = try s.commit(["playbooks/okr.yml": objective(3)])
        let fixed = try s.review(base: fewer, head: within).fixed.filter { $0.rule == "okr-key-results" }
        XCTAssertEqual(fixed.map(\.message), ["objective OKR-1 has 6 key results; keep at most 4 so the squad stays focused"])
    }

    /// A file the change breaks hides its entities' findings: they are not fixed.
    func testFindingsHiddenByAFileTheChangeBreaksAreNotFixed() throws {
        let s = try ScratchChange(for: self)
        let base = try s.commit(["playbooks/a.yml": experiment() + "colour: blue\n"])
        let head = try s.commit(["playbooks/a.yml": experiment() + "colour: [blue\n"])
        let report = try s.review(base: base, head: head)
        XCTAssertGreaterThan(report.errors, 0)
        XCTAssertEqual(report.fixed, [], "\(report.fixed)")
    }

    /// A too-long comment leaves the fixed findings out first, and says so.
    func testACutCommentLeavesTheFixedFindingsOut() throws {
        let s = try ScratchChange(for: self)
        let base = try s.commit(["playbooks/a.yml": experiment() + "colour: blue\n"])
        let head = try s.commit(["playbooks/a.yml": experiment()])
        let report = try s.review(base: base, head: head)
        XCTAssertEqual(report.fixed.count, 1)
        let cut = ReviewRenderer.markdown(report, limit: ReviewRenderer.header(report).utf8.count + 10)
        XCTAssertTrue(cut.contains("> ⚠️ **This review is too long for one comment**"), cut)
        XCTAssertTrue(cut.contains("; the field changes, the 1 finding it fixes and the \(report.existing.count) findings already on the base are left out."), cut)
        XCTAssertFalse(cut.contains("### Fixes"), cut)
    }

    /// The id alone changes: one entity renamed, not one removed and one added; its base findings stay
    /// the base's (not the change's errors), and nothing is "fixed" by the rename.
    func testAnIdRenamedIsOneEntityRenamed() throws {
        let s = try ScratchChange(for: self)
        let base = try s.commit(["playbooks/a.yml": experiment() + "colour: blue\n"])
        let head = try s.commit(["playbooks/a.yml": experiment("EXP-0009") + "colour: blue\n"])
        let report = try s.review(base: base, head: head)
        XCTAssertEqual(report.deltas.map(\.change), [.renamed])
        XCTAssertEqual(report.deltas.first?.id, "EXP-0009")
        XCTAssertEqual(report.deltas.first?.renamedFrom, "EXP-0001")
        XCTAssertEqual(report.deltas.first?.fields, [])
        XCTAssertEqual(report.findings, [], "the unknown key is the base's: \(report.findings)")
        XCTAssertEqual(report.fixed, [])
        XCTAssertTrue(report.existing.contains { $0.message.contains("colour") && $0.entity == "EXP-0009" }, "\(report.existing)")

        XCTAssertTrue(ReviewRenderer.json(report).contains(
            "{\"id\": \"EXP-0009\", \"kind\": \"Experiment\", \"change\": \"renamed\", \"path\": \"playbooks/a.yml\", \"renamed_from\": \"EXP-0001\", \"fields\": []}"),
            ReviewRenderer.json(report))
        XCTAssertTrue(ReviewRenderer.markdown(report).contains("| `EXP-0009` | Experiment | renamed from `EXP-0001` | — |"), ReviewRenderer.markdown(report))
        XCTAssertTrue(ReviewRenderer.text(report, color: false).contains("Renamed (1):\n  EXP-0001 → EXP-0009 (Experiment) playbooks/a.yml\n"),
                      ReviewRenderer.text(report, color: false))
    }

    /// A rename with its file (files are named after ids) and a field changed: still one entity when
    /// every other field is equal, or when it stays in its file with most fields equal.
    func testARenameWithItsFileOrAFieldChangedIsStillOneEntity() throws {
        let s = try ScratchChange(for: self)
        let base = try s.commit(["playbooks/EXP-0001.yml": experiment()])
        let moved = try s.commit(["playbooks/EXP-0001.yml": nil, "playbooks/EXP-0009.yml": experiment("EXP-0009")])
        XCTAssertEqual(try s.review(base: base, head: moved).deltas.map(\.renamedFrom), ["EXP-0001"])
        let retitled = try s.commit(["playbooks/EXP-0009.yml": experiment("EXP-0010").replacing("title: Shorter signup form", with: "title: Two-field form")])
        let deltas = try s.review(base: moved, head: retitled).deltas
        XCTAssertEqual(deltas.map(\.change), [.renamed])
        XCTAssertEqual(deltas.first?.fields.map(\.path), ["title"])
        // Another entity entirely in the same place is no rename.
        let other = "kind: Experiment\nid: EXP-0011\nsquad: checkout\ntitle: Winter sale\nhypothesis: HYP-0002\nstatus: running\n"
        let replaced = try s.commit(["playbooks/EXP-0009.yml": other])
        XCTAssertEqual(Set(try s.review(base: retitled, head: replaced).deltas.map(\.change)), [.added, .removed])
    }

    /// A change that renames an experiment, fixes an unknown key of another and brings an error of its
    /// own: the comment and the text as a reviewer reads them.
    func testARenameAndAFixMatchTheirGoldenFiles() throws {
        let s = try ScratchChange(for: self)
        let base = try s.commit([
            "playbooks/squads.yml": CommentTests.squads,
            "playbooks/HYP-0001.yml": CommentTests.hypothesis("HYP-0001", squad: "growth"),
            "playbooks/a.yml": experiment(),
            "playbooks/b.yml": experiment("EXP-0002").replacing("title: Shorter signup form", with: "title: \"Bigger `button` @ana\"")
                .replacing("surface: web/signup", with: "surface: web/home") + "colour: blue\n",
        ])
        let head = try s.commit([
            "playbooks/a.yml": experiment("EXP-0009").replacing("title: Shorter signup form", with: "title: Shorter signup form, two fields"),
            "playbooks/b.yml": experiment("EXP-0002").replacing("title: Shorter signup form", with: "title: \"Bigger `button` @ana\"")
                .replacing("surface: web/signup", with: "surface: web/home").replacing("squad: growth", with: "squad: nope"),
        ])
        var stable = try s.review(base: base, head: head)
        stable.base = try XCTUnwrap(ObjectID(hex: String(repeating: "a", count: 40)))
        stable.head = try XCTUnwrap(ObjectID(hex: String(repeating: "b", count: 40)))
        stable.mergeBase = stable.base
        XCTAssertEqual(stable.deltas.map(\.change), [.changed, .renamed], "\(stable.deltas)")
        XCTAssertFalse(stable.fixed.isEmpty)
        try ReviewGolden.assertMatches(ReviewRenderer.markdown(stable), "review-fixed-renamed.md")
        try ReviewGolden.assertMatches(ReviewRenderer.text(stable, color: false), "review-fixed-renamed.txt")
        try ReviewGolden.assertMatches(ReviewRenderer.json(stable), "review-fixed-renamed.json")
    }

    /// An experiment that has run keeps its history under a new id: renamed and given another primary
    /// metric, or moved back, it is the history finding once; renamed alone, nothing.
    func testARenamedExperimentThatRanIsJudgedByItsHistory() throws {
        let s = try ScratchChange(for: self)
        let running = experiment(status: "running") + ReviewFixesTests.design
        let base = try s.commit(["playbooks/a.yml": running])
        let renamed = try s.commit(["playbooks/a.yml": running.replacing("id: EXP-0001", with: "id: EXP-0009")])
        XCTAssertEqual(try s.review(base: base, head: renamed).findings.filter { $0.rule.hasPrefix("history-") }, [])

        let t = try ScratchChange(for: self)
        let tBase = try t.commit(["playbooks/a.yml": running])
        let changed = try t.commit(["playbooks/a.yml": running.replacing("id: EXP-0001", with: "id: EXP-0009")
                .replacing("primary: signup-rate", with: "primary: weekly-active-learners").replacing("status: running", with: "status: draft")])
        let history = try t.review(base: tBase, head: changed).findings.filter { $0.rule.hasPrefix("history-") }
        XCTAssertEqual(history.map(\.rule).sorted(), [LintRuleID.historyLockedField, LintRuleID.historyStatusRegression], "\(history)")
        XCTAssertTrue(history.allSatisfy { $0.entity == "EXP-0009" && $0.message.contains("(renamed from EXP-0001 by this change)") }, "\(history)")
    }
}
