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

    /// A running experiment moved to a new id and a new experiment given its old id, in one commit: the
    /// old id is reused, as when the new experiment comes in a later commit; nothing of it is locked.
    func testAnIdRenamedAwayAndUsedAgainInTheSameCommitIsReused() throws {
        let s = try ScratchChange(for: self)
        let base = try s.commit(["playbooks/EXP-0001.yml": running])
        let reused = try s.commit([
            "playbooks/EXP-0009.yml": running.replacing("id: EXP-0001", with: "id: EXP-0009"),
            "playbooks/EXP-0001.yml": other.replacing("id: EXP-0002", with: "id: EXP-0001"),
        ])
        let found = try s.historyFindings(base: base, head: reused)
        XCTAssertEqual(found.map(\.rule), [LintRuleID.historyIDReuse], "\(found)")
        XCTAssertEqual(found.first?.entity, "EXP-0001")
        XCTAssertEqual(found.first?.message.contains("EXP-0009"), true, found.first?.message ?? "")

        // The same in two commits, as it was found before.
        let t = try ScratchChange(for: self)
        let tBase = try t.commit(["playbooks/EXP-0001.yml": running])
        _ = try t.commit(["playbooks/EXP-0001.yml": nil, "playbooks/EXP-0009.yml": running.replacing("id: EXP-0001", with: "id: EXP-0009")])
        let later = try t.commit(["playbooks/EXP-0001.yml": other.replacing("id: EXP-0002", with: "id: EXP-0001")])
        XCTAssertEqual(try t.historyFindings(base: tBase, head: later).map(\.rule), [LintRuleID.historyIDReuse])
    }
}
