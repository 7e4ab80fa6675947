import Foundation
import PlaybookGit
import PlaybookLint
import PlaybookModel
@testable import PlaybookReview
import XCTest

/// What an outside review of `playbook review` found (review63): a draft launched on a new metric
/// called a locked-field change, a result edit pointed at the wrong line, removed files left out of
/// the counts, related work listed on both sides.
final class ReviewFixesTests: XCTestCase {
    static let design = "design: {mde: 0.02, power: 0.8, alpha: 0.05, sample_size: 12000}\nstart: 2026-07-04\nend: 2026-07-30\n"

    func locked(_ s: ScratchChange, base: ObjectID, head: ObjectID) throws -> [Finding] {
        try s.review(base: base, head: head).findings.filter { $0.rule == LintRuleID.historyLockedField }
    }

    /// The base never ran the draft; the change gives it a new primary metric and launches it, in one
    /// commit or in two (metric first): it ran on the new metric from its start, nothing to lock.
    func testADraftLaunchedOnANewMetricChangesNoMetricItRanWith() throws {
        let s = try ScratchChange(for: self)
        let draft = experiment() + Self.design
        let base = try s.commit(["playbooks/a.yml": draft])
        let launched = draft.replacing("status: draft", with: "status: running").replacing("primary: signup-rate", with: "primary: weekly-active-learners")
        let oneCommit = try s.commit(["playbooks/a.yml": launched])
        XCTAssertEqual(try locked(s, base: base, head: oneCommit), [])

        let t = try ScratchChange(for: self)
        let tBase = try t.commit(["playbooks/a.yml": draft])
        _ = try t.commit(["playbooks/a.yml": draft.replacing("primary: signup-rate", with: "primary: weekly-active-learners")])
        let twoCommits = try t.commit(["playbooks/a.yml": launched])
        XCTAssertEqual(try locked(t, base: tBase, head: twoCommits), [])

        // The same, while the base moved on elsewhere (the merge is then a real one).
        let u = try ScratchChange(for: self)
        let uRoot = try u.commit(["playbooks/a.yml": draft])
        let mine = try u.commit(["playbooks/a.yml": launched])
        let theirs = try u.commit(["playbooks/b.yml": experiment("EXP-0002")], parents: [uRoot], updateHead: false)
        XCTAssertEqual(try locked(u, base: theirs, head: mine), [])
    }

    /// Launched on the base's metric, then given another: caught once, in the commit that changes it.
    func testAMetricChangedAfterTheChangeLaunchedOnItIsStillLocked() throws {
        let s = try ScratchChange(for: self)
        let draft = experiment() + Self.design
        let base = try s.commit(["playbooks/a.yml": draft])
        let running = draft.replacing("status: draft", with: "status: running")
        _ = try s.commit(["playbooks/a.yml": running])
        let head = try s.commit(["playbooks/a.yml": running.replacing("primary: signup-rate", with: "primary: weekly-active-learners")])
        let found = try locked(s, base: base, head: head)
        XCTAssertEqual(found.map(\.message), ["EXP-0001 changes its primary metric from signup-rate to weekly-active-learners in "
                                              + "\(head.description.prefix(8)) after it has run; that is deciding what to test after seeing the data"])
    }

    static func concluded(_ lift: String, _ pValue: String) -> String {
        experiment(status: "concluded") + Self.design
            + "result:\n  outcome: win\n  lift: \(lift)\n  p_value: \(pValue)\n  decision: ship\n  learnings: [Shorter forms bring signups.]\n"
    }

    /// A concluded result edited without a note: the finding is on the first field edited, not on `outcome`.
    func testAResultEditPointsAtTheFieldEdited() throws {
        let s = try ScratchChange(for: self)
        let base = try s.commit(["playbooks/a.yml": Self.concluded("0.03", "0.01")])
        let pValue = try s.commit(["playbooks/a.yml": Self.concluded("0.03", "0.04")])
        let onPValue = try XCTUnwrap(try s.review(base: base, head: pValue).findings.first { $0.rule == LintRuleID.historyResultEdit })
        // Lines: 10 design, 11 start, 12 end, 13 result, 14 outcome, 15 lift, 16 p_value.
        XCTAssertEqual([onPValue.line, onPValue.column], [16, 12], "\(onPValue)")
        let both = try s.commit(["playbooks/a.yml": Self.concluded("0.05", "0.02")])
        let onLift = try XCTUnwrap(try s.review(base: pValue, head: both).findings.first { $0.rule == LintRuleID.historyResultEdit })
        XCTAssertEqual([onLift.line, onLift.column], [15, 9], "\(onLift)")
        XCTAssertEqual(onLift.field, "result", "the finding's identity is still the result")
    }

    /// review65: with only `learnings` edited, the finding pointed at the result's `{` in flow style (14:9)
    /// and at `outcome` in block style; the model keeps no place for `learnings`, the file does.
    func testAResultEditPointsAtTheLearningsEditedInFlowOrBlockStyle() throws {
        let flow = { (learnings: String) in
            experiment(status: "concluded") + Self.design
                + "result: {outcome: win, lift: 0.03, p_value: 0.01, decision: ship, learnings: \(learnings)}\n"
        }
        let s = try ScratchChange(for: self)
        let base = try s.commit(["playbooks/a.yml": flow("Shorter forms bring signups.")])
        let head = try s.commit(["playbooks/a.yml": flow("Shorter forms bring signups on mobile.")])
        let onFlow = try XCTUnwrap(try s.review(base: base, head: head).findings.first { $0.rule == LintRuleID.historyResultEdit })
        // Line 13: `result: {outcome: win, lift: 0.03, p_value: 0.01, decision: ship, learnings: Shorter…}`.
        XCTAssertEqual([onFlow.line, onFlow.column], [13, 78], "\(onFlow)")
        XCTAssertEqual(onFlow.field, "result")

        let t = try ScratchChange(for: self)
        let tBase = try t.commit(["playbooks/a.yml": Self.concluded("0.03", "0.01")])
        let tHead = try t.commit(["playbooks/a.yml": Self.concluded("0.03", "0.01").replacing("[Shorter forms bring signups.]", with: "[Shorter forms bring signups on mobile.]")])
        let onBlock = try XCTUnwrap(try t.review(base: tBase, head: tHead).findings.first { $0.rule == LintRuleID.historyResultEdit })
        // Line 18: `  learnings: [Shorter forms bring signups on mobile.]`, the list edited.
        XCTAssertEqual([onBlock.line, onBlock.column], [18, 14], "\(onBlock)")
    }

    /// A removed file is a file of the change: counted in every format's summary, as its entities are.
    func testRemovedFilesAreCountedAsFilesOfTheChange() throws {
        let s = try ScratchChange(for: self)
        let base = try s.commit(["playbooks/a.yml": experiment(), "playbooks/b.yml": experiment("EXP-0002")])
        // Another experiment than a.yml's (one with most fields equal would be a.yml's renamed).
        let other = experiment("EXP-0003").replacing("title: Shorter signup form", with: "title: Annual plan first")
            .replacing("HYP-0001", with: "HYP-0002").replacing("signup-rate", with: "plan-upgrades").replacing("web/signup", with: "web/pricing")
        let head = try s.commit(["playbooks/a.yml": nil, "playbooks/c.yml": other])
        let report = try s.review(base: base, head: head)
        XCTAssertEqual(report.changedFiles, ["playbooks/c.yml"])
        XCTAssertEqual(report.removedFiles, ["playbooks/a.yml"])
        XCTAssertEqual(report.lintReport.files, 2)
        XCTAssertTrue(ReviewRenderer.markdown(report).contains(" in 2 changed files ("), ReviewRenderer.markdown(report))
        let json = ReviewRenderer.json(report)
        XCTAssertTrue(json.contains(#""summary": {"files": 2, "entities": 2,"#), json)
        XCTAssertTrue(json.contains(#""changed_files": ["playbooks/a.yml", "playbooks/c.yml"],"#), json)
        XCTAssertTrue(json.contains(#""removed_files": ["playbooks/a.yml"],"#), json)
        XCTAssertTrue(TextReporter.summary(report.lintReport).hasSuffix(" in 2 files (2 entities)"),
                      TextReporter.summary(report.lintReport))

        // Only a removal, whose error is in a file the change leaves alone: still one file of the change.
        let t = try ScratchChange(for: self)
        let squad = "kind: Squad\nid: growth\nname: Growth\nfunnel_stage: acquisition\nmembers: [{name: Ann, role: lead}]\nchampion: Ann\n"
        let tBase = try t.commit(["playbooks/squad.yml": squad, "playbooks/a.yml": experiment()])
        let dropped = try t.commit(["playbooks/squad.yml": nil])
        let removal = try t.review(base: tBase, head: dropped)
        XCTAssertGreaterThan(removal.errors, 0, "\(removal.findings)")
        XCTAssertEqual(removal.lintReport.files, 1)
        XCTAssertTrue(TextReporter.summary(removal.lintReport).contains(" in 1 file (1 entity)"), TextReporter.summary(removal.lintReport))
    }

    /// Two hypotheses of different squads that differ only in their metric are related work: one
    /// note for the pair, on the hypothesis the change adds.
    func testRelatedWorkIsNotedOncePerPairOnTheChangesSide() throws {
        let s = try ScratchChange(for: self)
        let visits = "kind: Metric\nid: visits\nname: Visits\nunit: count\ndirection: increase\nowner: growth\n"
        let base = try s.commit([
            "playbooks/squads.yml": CommentTests.squads, "playbooks/visits.yml": visits,
            "playbooks/growth/HYP-0001.yml": CommentTests.hypothesis("HYP-0001", squad: "growth"),
        ])
        let head = try s.commit([
            "playbooks/checkout/HYP-0002.yml": CommentTests.hypothesis("HYP-0002", squad: "checkout")
                .replacing("metric: signup-rate", with: "metric: visits"),
        ])
        let report = try s.review(base: base, head: head)
        let related = report.findings.filter { $0.rule == OverlapRelated.descriptor.id }
        XCTAssertEqual(related.map(\.entity), ["HYP-0002"], "\(report.findings)")
        XCTAssertEqual(related.map(\.file), ["playbooks/checkout/HYP-0002.yml"])
    }
}
