import Foundation
import PlaybookGit
import PlaybookLint
import PlaybookModel
@testable import PlaybookReview
import XCTest

/// What an outside review of renames found (review75): two ids swapped read as two changed hypotheses,
/// an id renamed away and used again in one commit was no reuse, a chain of renames named an entity by
/// an id it did not have then, and a file-level error moved with its file was new.
final class RenamesInOneCommitTests: XCTestCase {
    let running = experiment(status: "running") + ReviewFixesTests.design
    var other: String {
        running.replacing("id: EXP-0001", with: "id: EXP-0002").replacing("title: Shorter signup form", with: "title: Annual plan first")
            .replacing("hypothesis: HYP-0001", with: "hypothesis: HYP-0002").replacing("primary: signup-rate", with: "primary: paid-conversion")
            .replacing("surface: web/signup", with: "surface: web/pricing")
    }

    /// Two running experiments whose files exchange their ids: each experiment renamed to the other's id,
    /// one reuse naming both, and no hypothesis or metric changed.
    func testTwoExperimentsSwappingIdsAreTwoRenamesAndOneReuseNotChangedHypotheses() throws {
        let s = try ScratchChange(for: self)
        let base = try s.commit(["playbooks/EXP-0001.yml": running, "playbooks/EXP-0002.yml": other])
        let swapped = try s.commit([
            "playbooks/EXP-0001.yml": running.replacing("id: EXP-0001", with: "id: EXP-0002"),
            "playbooks/EXP-0002.yml": other.replacing("id: EXP-0002", with: "id: EXP-0001"),
        ])
        let report = try s.review(base: base, head: swapped)
        XCTAssertEqual(report.deltas.map { "\($0.renamedFrom ?? "-") → \($0.id) \($0.change)" },
                       ["EXP-0002 → EXP-0001 renamed", "EXP-0001 → EXP-0002 renamed"], "\(report.deltas)")
        XCTAssertEqual(report.deltas.flatMap(\.fields), [], "nothing but the ids changed: \(report.deltas)")
        let found = try s.historyFindings(base: base, head: swapped)
        XCTAssertEqual(found.map(\.rule), [LintRuleID.historyIDReuse], "\(found)")
        XCTAssertEqual(found.first?.message.hasPrefix("EXP-0001 and EXP-0002 swap ids in \(swapped.description.prefix(8))"), true,
                       found.first?.message ?? "")
        XCTAssertEqual(report.fixed, [], "\(report.fixed)")
    }

    /// A running experiment moved whole to a new id and another experiment (another title, most fields
    /// different) given its old id, in one commit: the old id is reused, as when the new experiment comes in
    /// a later commit; nothing of it is locked.
    func testAnIdRenamedAwayAndUsedAgainInTheSameCommitIsReused() throws {
        let s = try ScratchChange(for: self)
        let base = try s.commit(["playbooks/EXP-0001.yml": running])
        let stranger = other.replacing("id: EXP-0002", with: "id: EXP-0001").replacing("status: running", with: "status: draft")
            .replacing("sample_size: 12000", with: "sample_size: 30000").replacing("start: 2026-07-04", with: "start: 2026-09-01")
            .replacing("end: 2026-07-30", with: "end: 2026-09-30")
        let reused = try s.commit([
            "playbooks/EXP-0009.yml": running.replacing("id: EXP-0001", with: "id: EXP-0009"),
            "playbooks/EXP-0001.yml": stranger,
        ])
        let found = try s.historyFindings(base: base, head: reused)
        XCTAssertEqual(found.map(\.rule), [LintRuleID.historyIDReuse], "\(found)")
        XCTAssertEqual(found.first?.entity, "EXP-0001")
        XCTAssertEqual(found.first?.message.contains("EXP-0009"), true, found.first?.message ?? "")

        // The same in two commits, as it was found before.
        let t = try ScratchChange(for: self)
        let tBase = try t.commit(["playbooks/EXP-0001.yml": running])
        _ = try t.commit(["playbooks/EXP-0001.yml": nil, "playbooks/EXP-0009.yml": running.replacing("id: EXP-0001", with: "id: EXP-0009")])
        let later = try t.commit(["playbooks/EXP-0001.yml": stranger])
        XCTAssertEqual(try t.historyFindings(base: tBase, head: later).map(\.rule), [LintRuleID.historyIDReuse])
    }

    /// Renamed EXP-0001 → EXP-0005, its hypothesis changed under EXP-0005, renamed EXP-0005 → EXP-0009: the
    /// finding names EXP-0005, the id it had when it changed, and what it is called now. Changed under
    /// EXP-0001 before the renames: one finding, named EXP-0001 (now EXP-0009) at that commit, on the head's
    /// hypothesis line, not a second one under EXP-0009 "once merged" for the same edit.
    func testAFindingInAChainOfRenamesNamesTheIdOfItsTime() throws {
        let s = try ScratchChange(for: self)
        let base = try s.commit(["playbooks/a.yml": running])
        _ = try s.commit(["playbooks/a.yml": running.replacing("id: EXP-0001", with: "id: EXP-0005")])
        let edited = try s.commit(["playbooks/a.yml": running.replacing("id: EXP-0001", with: "id: EXP-0005")
            .replacing("hypothesis: HYP-0001", with: "hypothesis: HYP-0002")])
        let head = try s.commit(["playbooks/a.yml": running.replacing("id: EXP-0001", with: "id: EXP-0009")
            .replacing("hypothesis: HYP-0001", with: "hypothesis: HYP-0002")])
        let found = try s.historyFindings(base: base, head: head)
        XCTAssertEqual(found.map(\.rule), [LintRuleID.historyLockedField], "\(found)")
        XCTAssertEqual(found.first?.related, [edited.description])
        XCTAssertEqual(found.first?.message.hasPrefix("EXP-0005 (now EXP-0009) changes its hypothesis from HYP-0001 to HYP-0002 in \(edited.description.prefix(8)) after"),
                       true, found.first?.message ?? "")

        let t = try ScratchChange(for: self)
        let tBase = try t.commit(["playbooks/a.yml": running])
        let first = try t.commit(["playbooks/a.yml": running.replacing("hypothesis: HYP-0001", with: "hypothesis: HYP-0002")])
        _ = try t.commit(["playbooks/a.yml": running.replacing("id: EXP-0001", with: "id: EXP-0005").replacing("hypothesis: HYP-0001", with: "hypothesis: HYP-0002")])
        let tHead = try t.commit(["playbooks/a.yml": running.replacing("id: EXP-0001", with: "id: EXP-0009").replacing("hypothesis: HYP-0001", with: "hypothesis: HYP-0002")])
        let early = try t.historyFindings(base: tBase, head: tHead)
        XCTAssertEqual(early.map(\.rule), [LintRuleID.historyLockedField], "\(early)")
        XCTAssertEqual(early.first?.related, [first.description])
        XCTAssertEqual(early.first?.message.hasPrefix("EXP-0001 (now EXP-0009) changes its hypothesis"), true, early.first?.message ?? "")
        XCTAssertEqual(early.first?.line, 5, "on the hypothesis line: \(early)")
    }

    /// A file that does not parse, moved with its content to a new file: the base's error moved, not a new
    /// one and not fixed.
    func testAFileLevelErrorMovedWithItsFileIsTheBasesError() throws {
        let s = try ScratchChange(for: self)
        let broken = experiment() + "colour: [blue\n"
        let base = try s.commit(["playbooks/b.yml": broken, "playbooks/c.yml": experiment("EXP-0002")])
        let moved = try s.commit(["playbooks/b.yml": nil, "playbooks/d.yml": broken])
        let report = try s.review(base: base, head: moved)
        XCTAssertEqual(report.findings.filter { $0.entity == nil }, [], "\(report.findings)")
        XCTAssertTrue(report.existing.contains { $0.entity == nil && $0.file == "playbooks/d.yml" }, "\(report.existing)")
        XCTAssertEqual(report.fixed.filter { $0.entity == nil }, [], "\(report.fixed)")

        // Moved and edited a little, still the same file's error.
        let t = try ScratchChange(for: self)
        let tBase = try t.commit(["playbooks/b.yml": broken, "playbooks/c.yml": experiment("EXP-0002")])
        let edited = try t.commit(["playbooks/b.yml": nil, "playbooks/d.yml": broken.replacing("title: Shorter signup form", with: "title: Short form")])
        XCTAssertEqual(try t.review(base: tBase, head: edited).findings.filter { $0.entity == nil }, [])
    }

    /// EXP-0001 concluded and, in the same commit, EXP-0002 added as a copy of it under a new title: an
    /// edit of EXP-0001 and a new experiment, not EXP-0001's experiment moving to EXP-0002 (review75 follow-up).
    func testAnEditPlusACloneInOneCommitIsNoReuse() throws {
        let s = try ScratchChange(for: self)
        let base = try s.commit(["playbooks/EXP-0001.yml": running])
        let head = try s.commit([
            "playbooks/EXP-0001.yml": running.replacing("status: running", with: "status: concluded").replacing("end: 2026-07-30", with: "end: 2026-08-15"),
            "playbooks/EXP-0002.yml": running.replacing("id: EXP-0001", with: "id: EXP-0002")
                .replacing("title: Shorter signup form", with: "title: Shorter signup form, mobile"),
        ])
        let found = try s.historyFindings(base: base, head: head)
        XCTAssertEqual(found.filter { $0.rule == LintRuleID.historyIDReuse }, [], "\(found)")
        XCTAssertEqual(try s.review(base: base, head: head).deltas.map { "\($0.id) \($0.change)" },
                       ["EXP-0001 changed", "EXP-0002 added"])
    }

    /// A running experiment's hypothesis and metric changed while a copy of what it was is added under a new
    /// id: the locked fields are still reported, and nothing is a reuse.
    func testALockedEditPlusACloneInOneCommitIsStillReported() throws {
        let s = try ScratchChange(for: self)
        let base = try s.commit(["playbooks/EXP-0001.yml": running])
        let head = try s.commit([
            "playbooks/EXP-0001.yml": running.replacing("hypothesis: HYP-0001", with: "hypothesis: HYP-0002")
                .replacing("primary: signup-rate", with: "primary: paid-conversion"),
            "playbooks/EXP-0002.yml": running.replacing("id: EXP-0001", with: "id: EXP-0002"),
        ])
        let found = try s.historyFindings(base: base, head: head)
        XCTAssertEqual(found.map { "\($0.rule) \($0.entity ?? "-") \($0.field ?? "-")" }.sorted(),
                       ["\(LintRuleID.historyLockedField) EXP-0001 hypothesis", "\(LintRuleID.historyLockedField) EXP-0001 metrics.primary"],
                       "\(found)")
    }

    /// EXP-0001's hypothesis changed, then the two ids swapped: the edit is reported once, at its commit,
    /// named by the id of its time and the one the experiment has now, on that experiment's file.
    func testALockedEditBeforeASwapIsNamedByTheIdThatTookItOver() throws {
        let s = try ScratchChange(for: self)
        let base = try s.commit(["playbooks/a.yml": running, "playbooks/b.yml": other])
        let edited = running.replacing("hypothesis: HYP-0001", with: "hypothesis: HYP-0009")
        let edit = try s.commit(["playbooks/a.yml": edited])
        let swap = try s.commit([
            "playbooks/a.yml": edited.replacing("id: EXP-0001", with: "id: EXP-0002"),
            "playbooks/b.yml": other.replacing("id: EXP-0002", with: "id: EXP-0001"),
        ])
        let found = try s.historyFindings(base: base, head: swap)
        let locked = found.filter { $0.rule == LintRuleID.historyLockedField }
        XCTAssertEqual(locked.count, 1, "\(found)")
        XCTAssertEqual(locked.first?.related, [edit.description])
        XCTAssertEqual(locked.first?.message.hasPrefix("EXP-0001 (now EXP-0002) changes its hypothesis from HYP-0001 to HYP-0009 in \(edit.description.prefix(8))"),
                       true, locked.first?.message ?? "")
        XCTAssertEqual(locked.first.map { "\($0.file):\($0.line)" }, "playbooks/a.yml:5", "\(locked)")
        XCTAssertEqual(found.filter { $0.rule == LintRuleID.historyIDReuse }.count, 1, "\(found)")
    }
}
