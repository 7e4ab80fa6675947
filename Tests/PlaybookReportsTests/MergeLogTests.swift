import PlaybookGit
import PlaybookHistory
@testable import PlaybookReports
import XCTest

/// `log` around merges: who a merge's change is credited to, and which side changes are events.
final class MergeLogTests: XCTestCase {
    private let okr = "playbooks/okrs/growth.yml"
    private let bob = Person(name: "Bob", email: "bob@example.com")
    private let carol = Person(name: "Carol", email: "carol@example.com")

    private func objective(_ kr1: Double, _ kr2: Double) -> String {
        Scenario.objective("OKR-2026Q3-GRO-1", squad: "growth", alignsTo: "weekly-active-learners", title: "Grow",
                           krs: [("KR-1", 100, 300, kr1), ("KR-2", 1, 10, kr2)])
    }

    private func log(_ scenario: Scenario, _ id: String, mode: WalkMode) throws -> EntityLog {
        let history = try HistoryReader(roots: ["playbooks"], mode: mode).read(scenario.repository)
        return try XCTUnwrap(EntityLog(id: id, timelines: Timelines(history), history: history))
    }

    private func lines(_ log: EntityLog) -> [String] {
        log.events.map { event in
            "\(event.author.name): " + event.fields.map { "\($0.path) \($0.old ?? "–") → \($0.new ?? "–")" }.joined(separator: ", ")
        }
    }

    /// Bob's branch changes only KR-2; the main line sets KR-1 190 → 200; Carol's merge keeps the
    /// side's whole file, putting KR-1 back to 190, the value where the lines forked. Bob never
    /// changed KR-1: the merge's change to it is Carol's, first-parent as with all parents.
    func testAMergeTakingASidesFileBackIsTheMergersChangeOfAFieldTheSideNeverChanged() throws {
        let scenario = try Scenario(for: self)
        let base = try scenario.commit("2026-07-01", ["playbooks/metrics.yml": Scenario.metrics, okr: objective(190, 5)])
        let side = try scenario.commit("2026-07-03", [okr: objective(190, 7)], author: bob, parents: [base], updateHead: false)
        let main = try scenario.commit("2026-07-02", [okr: objective(200, 5)])
        let merge = try scenario.commit("2026-07-04", [okr: objective(190, 7)], author: carol, parents: [main, side])

        let kr1 = try log(scenario, "OKR-2026Q3-GRO-1/KR-1", mode: .firstParent)
        XCTAssertEqual(kr1.events.last?.commit, merge)
        XCTAssertEqual(lines(kr1).last, "Carol: current 200 → 190")
        let kr2 = try log(scenario, "OKR-2026Q3-GRO-1/KR-2", mode: .firstParent)
        XCTAssertEqual(lines(kr2).last, "Bob: current 5 → 7", "the side changed KR-2: Bob's")
        let all = try log(scenario, "OKR-2026Q3-GRO-1/KR-1", mode: .allParents)
        XCTAssertEqual(lines(all).last, "Carol: current 200 → 190")
    }
}

extension MergeLogTests {
    /// Bob sets KR-1 to 130 on a branch, the main line to 120, and Carol's merge resolves it to 140:
    /// 130 never reached the main line, so with all parents Bob's commit is no event of KR-1's log
    /// (as `report okr --all-parents` leaves it out), while his change the merge kept (KR-2) is.
    func testAllParentsLogLeavesOutASideChangeTheMergeThrewAway() throws {
        let scenario = try Scenario(for: self)
        let base = try scenario.commit("2026-07-01", ["playbooks/metrics.yml": Scenario.metrics, okr: objective(110, 5)])
        let side = try scenario.commit("2026-07-03", [okr: objective(130, 7)], author: bob, parents: [base], updateHead: false)
        let main = try scenario.commit("2026-07-02", [okr: objective(120, 5)])
        let merge = try scenario.commit("2026-07-04", [okr: objective(140, 7)], author: carol, parents: [main, side])

        let kr1 = try log(scenario, "OKR-2026Q3-GRO-1/KR-1", mode: .allParents)
        XCTAssertEqual(kr1.events.map(\.commit), [base, main, merge])
        XCTAssertEqual(lines(kr1).last, "Carol: current 120 → 140")
        XCTAssertEqual(kr1.commitCount, 3)
        let kr2 = try log(scenario, "OKR-2026Q3-GRO-1/KR-2", mode: .allParents)
        XCTAssertEqual(kr2.events.map(\.commit), [base, side])
        let objective = try log(scenario, "OKR-2026Q3-GRO-1", mode: .allParents)
        XCTAssertEqual(objective.events.first(where: { $0.commit == side }).map { $0.fields.map(\.path) },
                       ["key_results[KR-2].current"], "only the change the merge kept")
    }
}
