import PlaybookGit
import PlaybookHistory
import PlaybookModel
@testable import PlaybookReports
import XCTest

/// review65 #3: which experiments `report experiments` calls stale, and on which day.
final class ExperimentReportStaleTests: XCTestCase {
    private func report(_ scenario: Scenario, quarter: Int, today: String) throws -> ExperimentReport {
        let history = try scenario.history()
        return ExperimentReport(period: Period(quarter: Quarter(year: 2026, number: quarter)), today: try XCTUnwrap(Day(today)),
                                timelines: Timelines(history), history: history)
    }

    /// review65's okr1: EXP-0001 (planned end 07-27) concluded on 09-21, re-opened 10-05 and concluded
    /// again 10-20; EXP-0002 (planned end 08-05) abandoned 08-20 and running again from 11-01; EXP-0003
    /// started 09-28 and taken back to ready 10-02. Read up to 12-05, Q3 counts neither the conclusion nor
    /// the abandonment (a move a later commit undid is not one), so both were still running past their
    /// planned end on 09-30: stale (before, 0: judged by the status the file held then). EXP-0003's start
    /// was undone too: not running then, not stale. Judged before the moves were undone, they stand.
    func testAConclusionOrAbandonmentUndoneLaterLeavesTheExperimentRunningWhenJudged() throws {
        let scenario = try Scenario(for: self)
        func file(_ id: String) -> String { "playbooks/experiments/\(id).yml" }
        func exp(_ id: String, _ status: String, end: String) -> String {
            Scenario.experiment(id, squad: "activation", status: status, extra: "start: 2026-07-06\nend: \(end)")
        }
        let won = "\nresult: {outcome: win, lift: 0.05, decision: ship, learnings: Withdrawn win.}"
        let flat = "\nresult: {outcome: flat, lift: 0.001, decision: kill, learnings: Flat for good.}"
        try scenario.commit("2026-06-20", ["playbooks/metrics.yml": Scenario.metrics, file("EXP-0001"): exp("EXP-0001", "ready", end: "2026-07-27"),
                                           file("EXP-0002"): exp("EXP-0002", "ready", end: "2026-08-05"),
                                           file("EXP-0003"): exp("EXP-0003", "ready", end: "2026-09-29")])
        try scenario.commit("2026-07-06", [file("EXP-0001"): exp("EXP-0001", "running", end: "2026-07-27")])
        try scenario.commit("2026-07-15", [file("EXP-0002"): exp("EXP-0002", "running", end: "2026-08-05")])
        try scenario.commit("2026-08-20", [file("EXP-0002"): exp("EXP-0002", "abandoned", end: "2026-08-05")])
        try scenario.commit("2026-09-21", [file("EXP-0001"): exp("EXP-0001", "concluded", end: "2026-07-27") + won])
        try scenario.commit("2026-09-28", [file("EXP-0003"): exp("EXP-0003", "running", end: "2026-09-29")])
        try scenario.commit("2026-10-02", [file("EXP-0003"): exp("EXP-0003", "ready", end: "2026-09-29")])
        try scenario.commit("2026-10-05", [file("EXP-0001"): exp("EXP-0001", "running", end: "2026-07-27")])
        try scenario.commit("2026-10-20", [file("EXP-0001"): exp("EXP-0001", "concluded", end: "2026-07-27") + flat])
        try scenario.commit("2026-11-01", [file("EXP-0002"): exp("EXP-0002", "running", end: "2026-08-05")])

        let q3 = try report(scenario, quarter: 3, today: "2026-12-05")
        XCTAssertEqual(q3.judgedOn.description, "2026-09-30")
        XCTAssertEqual(q3.total.concluded, [])
        XCTAssertEqual(q3.total.abandoned, [])
        XCTAssertEqual(q3.total.stale.map(\.id), ["EXP-0001", "EXP-0002"])
        XCTAssertEqual(q3.total.stale.map(\.daysOverdue), [65, 56])
        XCTAssertTrue(ExperimentRenderer.json(q3).contains("\"days_overdue\": 56"), ExperimentRenderer.json(q3))
        XCTAssertTrue(ExperimentRenderer.markdown(q3).contains("EXP-0001 Experiment EXP-0001: running 65 days past its planned end 2026-07-27"),
                      ExperimentRenderer.markdown(q3))
        // Judged on 09-30 with nothing undone yet: concluded and abandoned, so not stale; EXP-0003 ran one day past its end.
        let then = try report(scenario, quarter: 3, today: "2026-09-30")
        XCTAssertEqual(then.total.concluded, ["EXP-0001"])
        XCTAssertEqual(then.total.abandoned, ["EXP-0002"])
        XCTAssertEqual(then.total.stale.map(\.id), ["EXP-0003"])
        // In Q4, EXP-0001 concluded for good (10-20); EXP-0002 stands running past its end on today, 12-05.
        let q4 = try report(scenario, quarter: 4, today: "2026-12-05")
        XCTAssertEqual(q4.total.concluded, ["EXP-0001"])
        XCTAssertEqual(q4.total.stale.map(\.id), ["EXP-0002"])
    }

    /// review65's okr1 with `--quarter 2026-Q4 --today 2026-08-15`: a period that has not started listed
    /// two stale experiments, judged on today, a day before the period. Nothing is judged in a period
    /// not started: no stale experiment, in any format, while the period still says it has not started.
    func testAPeriodNotStartedHasNoStaleExperiments() throws {
        let scenario = try Scenario(for: self)
        let path = "playbooks/experiments/EXP-0001.yml"
        func exp(_ status: String) -> String {
            Scenario.experiment("EXP-0001", squad: "activation", status: status, extra: "start: 2026-07-06\nend: 2026-07-27")
        }
        try scenario.commit("2026-06-20", ["playbooks/metrics.yml": Scenario.metrics, path: exp("ready")])
        try scenario.commit("2026-07-06", [path: exp("running")])

        let q4 = try report(scenario, quarter: 4, today: "2026-08-15")
        XCTAssertFalse(q4.started)
        XCTAssertEqual(q4.total.stale.map(\.id), [])
        XCTAssertEqual(q4.squads.count, 0)
        XCTAssertTrue(ExperimentRenderer.json(q4).contains("\"stale_running\": []"), ExperimentRenderer.json(q4))
        XCTAssertFalse(ExperimentRenderer.markdown(q4).contains("past its planned end"), ExperimentRenderer.markdown(q4))
        XCTAssertTrue(ExperimentRenderer.csv(q4).contains("not started"), ExperimentRenderer.csv(q4))
        // The quarter it runs in judges it on today.
        XCTAssertEqual(try report(scenario, quarter: 3, today: "2026-08-15").total.stale.map(\.daysOverdue), [19])
    }
}
