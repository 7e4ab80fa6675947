import Foundation
import PlaybookGit
import PlaybookLint
import PlaybookModel
@testable import PlaybookReview
import XCTest

/// What an outside review of takeovers found (review79): swaps and renames composed apart, or ordered by
/// committer time (one second for every commit after a rebase) or by hash, gave wrong change tables and
/// false or hidden locked fields; an undone reuse still judged its undoing as another entity's edit.
final class TakeoversInWalkOrderTests: XCTestCase {
    var variantA: String { TakeoverFixtures.variantA }
    var variantB: String { TakeoverFixtures.variantB }
    func hypothesis(_ number: Int, title: Int? = nil) -> String { TakeoverFixtures.hypothesis(number, title: title) }

    func described(_ found: [Finding]) -> [String] { found.map { "\($0.rule) \($0.entity ?? "-") \($0.field ?? "-")" }.sorted() }
    func renames(_ report: ReviewReport) -> [String] { report.deltas.map { "\($0.renamedFrom ?? "-") → \($0.id) \($0.change)" }.sorted() }
    func experiment(_ text: String, as id: String) -> String {
        text.replacing(/id: EXP-\d+/, with: "id: \(id)")
    }

    /// (2) A locked edit, then a swap of the hypotheses it references, both in one second (a rebase) or the
    /// swap dated before the edit: the swap maps references from its place in the walk on, so the edit is
    /// still a locked field changed, as with an hour between them.
    func testASwapInTheSameSecondMapsReferencesOnlyFromItsCommitOn() throws {
        for swapTime: Int64 in [1_783_000_000, 1_782_990_000] {
            let s = try ScratchChange(for: self)
            let base = try s.commit(["playbooks/EXP-0003.yml": variantA, "playbooks/HYP-0001.yml": hypothesis(1), "playbooks/HYP-0002.yml": hypothesis(2)])
            _ = try s.commit(["playbooks/EXP-0003.yml": variantA.replacing("hypothesis: HYP-0001", with: "hypothesis: HYP-0002")], time: 1_783_000_000)
            let head = try s.commit([
                "playbooks/HYP-0001.yml": hypothesis(2).replacing("id: HYP-0002", with: "id: HYP-0001"),
                "playbooks/HYP-0002.yml": hypothesis(1).replacing("id: HYP-0001", with: "id: HYP-0002"),
            ], time: swapTime)
            XCTAssertEqual(described(try s.historyFindings(base: base, head: head)),
                           ["\(LintRuleID.historyIDReuse) HYP-0001 id", "\(LintRuleID.historyLockedField) EXP-0003 hypothesis"], "swap at \(swapTime)")
        }
    }

    /// (3) EXP-0003 and EXP-0004 swapped, then EXP-0004 and EXP-0002, in one second or the second dated
    /// before the first: composed in walk order, each experiment is renamed to where it ends and nothing
    /// locked changes.
    func testTwoSwapsInTheSameSecondAreComposedInWalkOrder() throws {
        let variantC = experiment(variantA, as: "EXP-0002").replacing("title: Signup variant A", with: "title: Signup variant C")
            .replacing("hypothesis: HYP-0001", with: "hypothesis: HYP-0003")
        for secondTime: Int64 in [1_783_000_000, 1_782_990_000] {
            let s = try ScratchChange(for: self)
            let base = try s.commit(["playbooks/EXP-0002.yml": variantC, "playbooks/EXP-0003.yml": variantA, "playbooks/EXP-0004.yml": variantB])
            _ = try s.commit(["playbooks/EXP-0003.yml": experiment(variantB, as: "EXP-0003"), "playbooks/EXP-0004.yml": experiment(variantA, as: "EXP-0004")],
                             time: 1_783_000_000)
            let head = try s.commit(["playbooks/EXP-0002.yml": experiment(variantA, as: "EXP-0002"), "playbooks/EXP-0004.yml": experiment(variantC, as: "EXP-0004")],
                                    time: secondTime)
            let report = try s.review(base: base, head: head)
            XCTAssertEqual(described(report.findings.filter { $0.rule.hasPrefix("history-") }),
                           ["\(LintRuleID.historyIDReuse) EXP-0002 id", "\(LintRuleID.historyIDReuse) EXP-0003 id"], "second swap at \(secondTime)")
            XCTAssertEqual(renames(report), ["EXP-0002 → EXP-0004 renamed", "EXP-0003 → EXP-0002 renamed", "EXP-0004 → EXP-0003 renamed"],
                           "second swap at \(secondTime)")
        }
    }

    /// (1) EXP-0003 renumbered EXP-0009 (`git mv`), then EXP-0009 and EXP-0004 swapped: the renumber and the
    /// swap composed, EXP-0004 is the experiment that was EXP-0003 and EXP-0009 the one that was EXP-0004;
    /// nothing locked changes, only the swap is an error.
    func testARenumberThenASwapAreComposed() throws {
        let s = try ScratchChange(for: self)
        let base = try s.commit(["playbooks/EXP-0003.yml": variantA, "playbooks/EXP-0004.yml": variantB])
        _ = try s.commit(["playbooks/EXP-0003.yml": nil, "playbooks/EXP-0009.yml": experiment(variantA, as: "EXP-0009")])
        let head = try s.commit(["playbooks/EXP-0009.yml": experiment(variantB, as: "EXP-0009"), "playbooks/EXP-0004.yml": experiment(variantA, as: "EXP-0004")])
        let report = try s.review(base: base, head: head)
        XCTAssertEqual(described(report.findings.filter { $0.rule.hasPrefix("history-") }), ["\(LintRuleID.historyIDReuse) EXP-0004 id"])
        XCTAssertEqual(report.deltas.map { "\($0.renamedFrom ?? "-") → \($0.id) \($0.change) \($0.fields.count)" }.sorted(),
                       ["EXP-0003 → EXP-0004 renamed 0", "EXP-0004 → EXP-0009 renamed 0"])
    }

    /// Another running experiment written under EXP-0003, with other hypothesis, metric, surface, design and dates.
    var another: String {
        variantA.replacing("title: Signup variant A", with: "title: Annual plan discount").replacing("hypothesis: HYP-0001", with: "hypothesis: HYP-0002")
            .replacing("primary: signup-rate", with: "primary: paid-conversion").replacing("surface: web/signup", with: "surface: web/pricing")
            .replacing("mde: 0.02", with: "mde: 0.01").replacing("sample_size: 12000", with: "sample_size: 30000")
            .replacing("start: 2026-07-04", with: "start: 2026-07-10").replacing("end: 2026-07-30", with: "end: 2026-08-20")
    }

    /// (4) EXP-0003 moved to EXP-0005 and another experiment written under EXP-0003, then that commit
    /// reverted: the head is the base, nothing to report (the revert is no edit of the reusing experiment).
    func testAReuseUndoneByARevertGivesNoError() throws {
        let s = try ScratchChange(for: self)
        let base = try s.commit(["playbooks/EXP-0003.yml": variantA])
        _ = try s.commit(["playbooks/EXP-0003.yml": another, "playbooks/EXP-0005.yml": experiment(variantA, as: "EXP-0005")])
        let head = try s.commit(["playbooks/EXP-0003.yml": variantA, "playbooks/EXP-0005.yml": nil])
        let report = try s.review(base: base, head: head)
        XCTAssertEqual(described(report.findings.filter { $0.rule.hasPrefix("history-") }), [])
        XCTAssertEqual(report.deltas.count, 0)
    }

    /// (4) A reuse reverted, then the original experiment's hypothesis changed after it ran: the edit is
    /// judged against the original entity's lifecycle, so the locked field is reported.
    func testAnEditAfterAReuseIsRevertedIsJudgedAsTheOriginals() throws {
        let s = try ScratchChange(for: self)
        let base = try s.commit(["playbooks/EXP-0003.yml": variantA])
        _ = try s.commit(["playbooks/EXP-0003.yml": another.replacing("status: running", with: "status: draft"),
                          "playbooks/EXP-0005.yml": experiment(variantA, as: "EXP-0005")])
        _ = try s.commit(["playbooks/EXP-0003.yml": variantA, "playbooks/EXP-0005.yml": nil])
        let head = try s.commit(["playbooks/EXP-0003.yml": variantA.replacing("hypothesis: HYP-0001", with: "hypothesis: HYP-0003")])
        XCTAssertEqual(described(try s.historyFindings(base: base, head: head)), ["\(LintRuleID.historyLockedField) EXP-0003 hypothesis"])
    }

    /// (5) A reuse fixed as the error advises: the new experiment moved on to EXP-0006 and the original
    /// given back its id. EXP-0003 is unchanged, EXP-0006 is new: no reuse.
    func testAReuseFixedByMovingTheNewEntityOnGivesNoError() throws {
        let s = try ScratchChange(for: self)
        let base = try s.commit(["playbooks/EXP-0003.yml": variantA])
        _ = try s.commit(["playbooks/EXP-0003.yml": another, "playbooks/EXP-0005.yml": experiment(variantA, as: "EXP-0005")])
        let head = try s.commit(["playbooks/EXP-0003.yml": variantA, "playbooks/EXP-0005.yml": nil,
                                 "playbooks/EXP-0006.yml": experiment(another, as: "EXP-0006")])
        let report = try s.review(base: base, head: head)
        XCTAssertEqual(described(report.findings.filter { $0.rule.hasPrefix("history-") }), [])
        XCTAssertEqual(report.deltas.map { "\($0.id) \($0.change)" }, ["EXP-0006 added"])
    }

    /// (6) Ids shifted in one commit: EXP-0004's experiment moved to EXP-0003 (its file removed) and
    /// EXP-0003's to a new EXP-0009. Paired by exact content, not by file: EXP-0003 is the experiment that
    /// was EXP-0004 and EXP-0009 the one that was EXP-0003, nothing locked changes, and the id EXP-0003
    /// given to another experiment is the one error.
    func testIDsShiftedInOneCommitArePairedByExactContent() throws {
        let s = try ScratchChange(for: self)
        let base = try s.commit(["playbooks/EXP-0003.yml": variantA, "playbooks/EXP-0004.yml": variantB])
        let head = try s.commit(["playbooks/EXP-0003.yml": experiment(variantB, as: "EXP-0003"), "playbooks/EXP-0004.yml": nil,
                                 "playbooks/EXP-0009.yml": experiment(variantA, as: "EXP-0009")])
        let report = try s.review(base: base, head: head)
        let found = report.findings.filter { $0.rule.hasPrefix("history-") }
        XCTAssertEqual(described(found), ["\(LintRuleID.historyIDReuse) EXP-0003 id"], "\(found)")
        XCTAssertEqual(report.deltas.map { "\($0.renamedFrom ?? "-") → \($0.id) \($0.change) \($0.fields.count)" }.sorted(),
                       ["EXP-0003 → EXP-0009 renamed 0", "EXP-0004 → EXP-0003 renamed 0"])
    }
}
