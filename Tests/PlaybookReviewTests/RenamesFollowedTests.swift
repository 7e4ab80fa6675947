import Foundation
import PlaybookGit
import PlaybookLint
import PlaybookModel
@testable import PlaybookReview
import XCTest

/// What an outside review of renames found (rev74): references moved along with a rename read as
/// a changed hypothesis or metric, a file moved and edited was not paired, and a chain of renames
/// reported one move back twice.
final class RenamesFollowedTests: XCTestCase {
    let running = experiment(status: "running") + ReviewFixesTests.design

    /// A hypothesis and a metric renamed, and the running experiment that names them updated to the
    /// new ids: what it tests is unchanged, so no locked field changes.
    func testAReferenceMovedToARenamedEntityChangesNoLockedField() throws {
        let s = try ScratchChange(for: self)
        let hypothesis = "kind: Hypothesis\nid: HYP-0001\nsquad: growth\ntitle: A shorter form lifts signups\nmetric: signup-rate\n"
        let metric = "kind: Metric\nid: signup-rate\nname: Signup rate\nunit: percent\ndirection: increase\nowner: growth\n"
        let base = try s.commit(["playbooks/a.yml": running, "playbooks/h.yml": hypothesis, "playbooks/m.yml": metric])
        let head = try s.commit([
            "playbooks/a.yml": running.replacing("hypothesis: HYP-0001", with: "hypothesis: HYP-0009")
                .replacing("primary: signup-rate", with: "primary: signups"),
            "playbooks/h.yml": hypothesis.replacing("id: HYP-0001", with: "id: HYP-0009").replacing("metric: signup-rate", with: "metric: signups"),
            "playbooks/m.yml": metric.replacing("id: signup-rate", with: "id: signups"),
        ])
        let report = try s.review(base: base, head: head)
        XCTAssertEqual(Set(report.deltas.compactMap(\.renamedFrom)), ["HYP-0001", "signup-rate"], "\(report.deltas)")
        XCTAssertEqual(try s.historyFindings(base: base, head: head), [])

        // Another hypothesis than the renamed one's new id is still a change of what was tested.
        let other = try s.commit(["playbooks/a.yml": running.replacing("hypothesis: HYP-0001", with: "hypothesis: HYP-0002")
            .replacing("primary: signup-rate", with: "primary: signups")])
        XCTAssertEqual(try s.historyFindings(base: base, head: other).map(\.field), ["hypothesis"])
    }

    /// A hypothesis renamed while an experiment still names its old id: the unresolved reference says where
    /// the hypothesis went (review74: it said only "which does not exist").
    func testAReferenceLeftOnARenamedIdSaysWhereItWent() throws {
        let s = try ScratchChange(for: self)
        let hypothesis = "kind: Hypothesis\nid: HYP-0001\nsquad: growth\ntitle: A shorter form lifts signups\nmetric: signup-rate\n"
        let base = try s.commit(["playbooks/a.yml": running, "playbooks/h.yml": hypothesis])
        let head = try s.commit(["playbooks/h.yml": hypothesis.replacing("id: HYP-0001", with: "id: HYP-0009")])
        let unresolved = try s.review(base: base, head: head).findings.filter { $0.rule == LintRuleID.unresolvedReference }
        XCTAssertEqual(unresolved.count, 1, "\(unresolved)")
        XCTAssertTrue(unresolved.first?.message.hasSuffix("which does not exist (this change renames HYP-0001 to HYP-0009)") ?? false,
                      unresolved.first?.message ?? "")
    }

    /// A file renamed and edited in one commit (`git mv` and a new metric), or deleted in one commit and
    /// added back edited under another name in the next: one entity renamed, and the history rules judge it.
    func testAFileMovedAndEditedIsOneEntityRenamed() throws {
        let renamed = running.replacing("id: EXP-0001", with: "id: EXP-0009").replacing("primary: signup-rate", with: "primary: signups")
        let s = try ScratchChange(for: self)
        let base = try s.commit(["playbooks/EXP-0001.yml": running])
        let moved = try s.commit(["playbooks/EXP-0001.yml": nil, "playbooks/EXP-0009.yml": renamed])
        let report = try s.review(base: base, head: moved)
        XCTAssertEqual(report.deltas.map(\.change), [.renamed], "\(report.deltas)")
        XCTAssertEqual(report.deltas.first?.renamedFrom, "EXP-0001")
        XCTAssertEqual(try s.historyFindings(base: base, head: moved).map(\.field), ["metrics.primary"])

        let t = try ScratchChange(for: self)
        let tBase = try t.commit(["playbooks/EXP-0001.yml": running])
        _ = try t.commit(["playbooks/EXP-0001.yml": nil])
        let added = try t.commit(["playbooks/EXP-0009.yml": renamed])
        XCTAssertEqual(try t.review(base: tBase, head: added).deltas.map(\.change), [.renamed])
        XCTAssertEqual(try t.historyFindings(base: tBase, head: added).map(\.field), ["metrics.primary"])
    }

    /// Renamed, moved back, renamed again, commit by commit: one move back, at the commit that made it,
    /// placed on the entity as the head has it; and one concluded under the id it had between, then
    /// renamed and set running, is a move back too.
    func testAChainOfRenamesReportsAMoveBackOnceAtItsCommit() throws {
        let s = try ScratchChange(for: self)
        let base = try s.commit(["playbooks/a.yml": running])
        _ = try s.commit(["playbooks/a.yml": running.replacing("id: EXP-0001", with: "id: EXP-0005")])
        let movedBack = try s.commit(["playbooks/a.yml": running.replacing("id: EXP-0001", with: "id: EXP-0005")
            .replacing("status: running", with: "status: draft")])
        let head = try s.commit(["playbooks/a.yml": running.replacing("id: EXP-0001", with: "id: EXP-0009")
            .replacing("status: running", with: "status: draft")])
        XCTAssertEqual(try s.review(base: base, head: head).deltas.compactMap(\.renamedFrom), ["EXP-0001"])
        let found = try s.historyFindings(base: base, head: head)
        XCTAssertEqual(found.map(\.rule), [LintRuleID.historyStatusRegression], "\(found)")
        XCTAssertEqual(found.first?.related, [movedBack.description], "\(found)")
        XCTAssertEqual(found.first?.line, 6, "on the status line: \(found)")

        let t = try ScratchChange(for: self)
        let tBase = try t.commit(["playbooks/a.yml": running])
        _ = try t.commit(["playbooks/a.yml": running.replacing("id: EXP-0001", with: "id: EXP-0005")])
        _ = try t.commit(["playbooks/a.yml": running.replacing("id: EXP-0001", with: "id: EXP-0005")
            .replacing("status: running", with: "status: concluded")])
        let reopened = try t.commit(["playbooks/a.yml": running.replacing("id: EXP-0001", with: "id: EXP-0009")])
        let relaunched = try t.historyFindings(base: tBase, head: reopened)
        XCTAssertEqual(relaunched.map(\.rule), [LintRuleID.historyStatusRegression], "\(relaunched)")
        XCTAssertEqual(relaunched.first?.related, [reopened.description], "\(relaunched)")
    }

    /// A draft renamed in one commit (its file moved with it), and its old id given to another draft in
    /// the next: the old id is reused, as when the rename was in the base's history.
    func testAnIdRenamedAwayWithinTheChangeAndUsedAgainIsReused() throws {
        let s = try ScratchChange(for: self)
        let draft = experiment() + ReviewFixesTests.design
        let base = try s.commit(["playbooks/EXP-0001.yml": draft])
        _ = try s.commit(["playbooks/EXP-0001.yml": nil, "playbooks/EXP-0009.yml": draft.replacing("id: EXP-0001", with: "id: EXP-0009")])
        let reused = try s.commit(["playbooks/EXP-0001.yml": experiment().replacing("title: Shorter signup form", with: "title: Annual plan first")
            .replacing("surface: web/signup", with: "surface: web/pricing")])
        let found = try s.historyFindings(base: base, head: reused)
        XCTAssertEqual(found.map(\.rule), [LintRuleID.historyIDReuse], "\(found)")
        XCTAssertEqual(found.first?.entity, "EXP-0001")

        // Removed and added back within the change, no other id taking it over: that entity changed.
        let t = try ScratchChange(for: self)
        let tBase = try t.commit(["playbooks/EXP-0001.yml": draft])
        _ = try t.commit(["playbooks/EXP-0001.yml": nil])
        let back = try t.commit(["playbooks/EXP-0001.yml": draft.replacing("title: Shorter signup form", with: "title: Shorter form")])
        XCTAssertEqual(try t.historyFindings(base: tBase, head: back), [])
    }
}
