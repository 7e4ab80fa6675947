import Foundation
import PlaybookGit
import PlaybookHistory
import PlaybookModel
@testable import PlaybookReports
import XCTest

/// review60: what a later commit took back, read by `report okr` as `report experiments` reads it.
final class OKRReportLaterCommitTests: XCTestCase {
    private func report(_ scenario: Scenario, today: String, shared: Bool = false) throws -> OKRReport {
        let history = try HistoryReader(roots: ["playbooks"]).read(scenario.repository)
        let timelines = Timelines(history)
        return OKRReport(quarter: Quarter(year: 2026, number: 3), today: try XCTUnwrap(Day(today)), timelines: timelines,
                         history: history, lifecycles: shared ? ExperimentLifecycles(timelines: timelines, history: history) : nil)
    }

    private static let objective = Scenario.objective(
        "OKR-2026Q3-ACT-1", squad: "activation-core", alignsTo: "weekly-active-learners", title: "First-session wins",
        krs: [("KR-1", 61, 66, 64)])

    /// review60 #1 (its repoD): EXP-0201, linked to KR-1, concluded a win on 09-21, was re-opened on 10-05
    /// and concluded flat on 10-19. `report experiments` counts no conclusion of it in Q3 (a move a later
    /// commit undid is not one); the Q3 OKR report said "concluded, win". It shows the experiment as it
    /// stands today and says the conclusion was undone and when, in every format; EXP-0202's win, which
    /// stands, reads as before.
    func testALinkedExperimentsConclusionUndoneLaterIsShownAsItStandsInEveryFormat() throws {
        let scenario = try Scenario(for: self)
        let e1 = "playbooks/experiments/EXP-0201.yml", e2 = "playbooks/experiments/EXP-0202.yml"
        let exp = { (id: String, status: String) in
            Scenario.experiment(id, squad: "activation-core", status: status, keyResult: "OKR-2026Q3-ACT-1/KR-1")
        }
        let won = "result: {outcome: win, lift: 0.05, decision: ship, learnings: Withdrawn win.}"
        let flat = "result: {outcome: flat, lift: 0.001, decision: kill, learnings: Flat for good.}"
        try scenario.commit("2026-06-20", ["playbooks/metrics.yml": Scenario.metrics, "playbooks/okrs/act.yml": Self.objective])
        try scenario.commit("2026-08-03", [e1: exp("EXP-0201", "draft"), e2: exp("EXP-0202", "running")])
        try scenario.commit("2026-08-10", [e1: exp("EXP-0201", "running")])
        try scenario.commit("2026-09-09", [e2: exp("EXP-0202", "concluded") + won])
        try scenario.commit("2026-09-21", [e1: exp("EXP-0201", "concluded") + won])
        try scenario.commit("2026-10-05", [e1: exp("EXP-0201", "running")])  // re-opened
        try scenario.commit("2026-10-19", [e1: exp("EXP-0201", "concluded") + flat])

        for shared in [false, true] {
            let report = try report(scenario, today: "2026-12-05", shared: shared)
            let linked = try XCTUnwrap(report.objectives.first?.keyResults.first?.experiments)
            XCTAssertEqual(linked.map(\.id), ["EXP-0201", "EXP-0202"])
            XCTAssertEqual(linked[0].status, .concluded)
            XCTAssertEqual(linked[0].outcome, .flat, "as it stands today, not the win no report counts")
            XCTAssertEqual(linked[0].outcomeThen, .win)
            XCTAssertEqual(linked[0].undone.map { UTC.day(of: $0.made).description }, "2026-09-21")
            XCTAssertEqual(linked[0].undone.map { UTC.day(of: $0.undone).description }, "2026-10-05")
            XCTAssertNil(linked[1].undone)
            XCTAssertEqual(linked[1].outcome, .win)

            let note = "as of 2026-12-05 (its conclusion of 2026-09-21, win, was undone 2026-10-05: counted in no period)"
            let markdown = OKRRenderer.markdown(report)
            XCTAssertTrue(markdown.contains("experiments: EXP-0201 concluded, flat \(note); EXP-0202 concluded, win\n"), markdown)
            XCTAssertFalse(markdown.contains("EXP-0201 concluded, win"), markdown)
            let html = HTMLReport.okr(report)
            XCTAssertTrue(html.contains("<td>EXP-0201 flat \(note), EXP-0202 win</td>"), html)
            let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(OKRRenderer.json(report).utf8)) as? [String: Any])
            let squads = try XCTUnwrap(json["squads"] as? [[String: Any]])
            let objectives = try XCTUnwrap(squads.first?["objectives"] as? [[String: Any]])
            let krs = try XCTUnwrap(objectives.first?["key_results"] as? [[String: Any]])
            let experiments = try XCTUnwrap(krs.first?["experiments"] as? [[String: Any]])
            XCTAssertEqual(experiments[0]["status"] as? String, "concluded")
            XCTAssertEqual(experiments[0]["outcome"] as? String, "flat")
            let undone = try XCTUnwrap(experiments[0]["undone_move"] as? [String: Any])
            XCTAssertEqual(undone["move"] as? String, "conclusion")
            XCTAssertEqual(undone["status"] as? String, "concluded")
            XCTAssertEqual(undone["outcome"] as? String, "win")
            XCTAssertEqual(undone["date"] as? String, "2026-09-21")
            XCTAssertEqual(undone["undone_on"] as? String, "2026-10-05")
            XCTAssertEqual(undone["as_of"] as? String, "2026-12-05")
            XCTAssertTrue(experiments[1]["undone_move"] is NSNull)
            let csv = OKRRenderer.csv(report).split(separator: "\n")
            XCTAssertTrue(csv[0].contains(",confidence_trend,experiments_undone,confidence_removed,"), "\(csv[0])")
            XCTAssertTrue(csv[1].contains(",EXP-0201:flat EXP-0202:win,"), "\(csv[1])")
            XCTAssertTrue(csv[1].contains(",EXP-0201:win:2026-10-05,,"), "\(csv[1])")
        }

        // Re-opened and running on the day of the report: shown running, the conclusion undone.
        let running = try report(scenario, today: "2026-10-12")
        XCTAssertTrue(OKRRenderer.markdown(running).contains(
            "EXP-0201 running as of 2026-10-12 (its conclusion of 2026-09-21, win, was undone 2026-10-05: counted in no period)"),
                      OKRRenderer.markdown(running))
        // Before the re-opening, the conclusion stands (and `report experiments` counts it): nothing undone.
        let before = try report(scenario, today: "2026-10-01")
        XCTAssertEqual(before.objectives.first?.keyResults.first?.experiments.map(\.undone), [nil, nil])
        XCTAssertTrue(OKRRenderer.markdown(before).contains("experiments: EXP-0201 concluded, win; EXP-0202 concluded, win\n"))
    }

    /// A start undone the same way (running when the quarter ended, back in ready in the next: no start
    /// in any period, and not stale then, for `report experiments`) is said too; one that concluded
    /// after the quarter, a move that undid nothing, reads as it stood at the quarter's end.
    func testALinkedExperimentsStartUndoneLaterIsSaidAndAConclusionAfterTheQuarterIsNot() throws {
        let scenario = try Scenario(for: self)
        let e3 = "playbooks/experiments/EXP-0203.yml", e4 = "playbooks/experiments/EXP-0204.yml"
        let exp = { (id: String, status: String) in
            Scenario.experiment(id, squad: "activation-core", status: status, keyResult: "OKR-2026Q3-ACT-1/KR-1")
        }
        try scenario.commit("2026-06-20", ["playbooks/metrics.yml": Scenario.metrics, "playbooks/okrs/act.yml": Self.objective])
        try scenario.commit("2026-08-20", [e3: exp("EXP-0203", "running"), e4: exp("EXP-0204", "running")])
        try scenario.commit("2026-10-02", [e3: exp("EXP-0203", "ready")])
        try scenario.commit("2026-10-09", [e4: exp("EXP-0204", "concluded") + "result: {outcome: win, decision: ship, learnings: Late win.}"])
        let report = try report(scenario, today: "2026-12-05")
        let linked = try XCTUnwrap(report.objectives.first?.keyResults.first?.experiments)
        XCTAssertEqual(linked.map(\.undone?.moveName), ["start", nil])
        XCTAssertEqual(linked.map(\.status), [.ready, .running])
        XCTAssertTrue(OKRRenderer.markdown(report).contains(
            "experiments: EXP-0203 ready as of 2026-12-05 (its start of 2026-08-20 was undone 2026-10-02: counted in no period); EXP-0204 running\n"),
                      OKRRenderer.markdown(report))
        XCTAssertTrue(OKRRenderer.csv(report).contains(",EXP-0203:running:2026-10-02,"), OKRRenderer.csv(report))
    }

    /// review60 #2 (its repoF): KR-1's confidence 0.7 was deleted by a check-in on 09-10, and KR-2's went
    /// 0.5 → 0.6 → 0.5. The report showed "0.7" for KR-1 (a value no longer given) and "0.5" (steady)
    /// for KR-2, hiding that it moved. A deleted confidence is said to be no longer given (JSON
    /// `confidence_end` null, `confidence_removed` its day; CSV likewise), and the trend says it compares
    /// the quarter's start with its end, every value between shown.
    func testAConfidenceDeletedIsNoLongerGivenAndTheTrendSaysWhatItCompares() throws {
        let scenario = try Scenario(for: self)
        func objective(_ kr1: String?, _ kr2: String) -> String { OKRReportConfidenceTests.objective(kr1, kr2) }
        let path = "playbooks/okrs/act.yml"
        try scenario.commit("2026-06-20", ["playbooks/metrics.yml": Scenario.metrics, path: objective("0.7", "0.5")])
        try scenario.commit("2026-07-20", [path: objective("0.7", "0.6")])
        try scenario.commit("2026-09-10", [path: objective(nil, "0.5")])
        let report = try report(scenario, today: "2026-12-01")
        let krs = try XCTUnwrap(report.objectives.first?.keyResults)
        XCTAssertNil(krs[0].confidenceEnd)
        XCTAssertEqual(krs[0].confidenceRemoved.map { UTC.day(of: $0).description }, "2026-09-10")
        XCTAssertNil(krs[0].confidenceTrend, "no trend to a value no longer given")
        XCTAssertEqual(krs[1].confidence.map(\.value), [0.5, 0.6, 0.5])
        XCTAssertEqual(krs[1].confidenceTrend, .steady)
        XCTAssertEqual(OKRRenderer.confidenceText(krs[0]), "0.7 → no longer given since 2026-09-10")
        XCTAssertEqual(OKRRenderer.confidenceText(krs[1]), "0.5 → 0.6 → 0.5 (start to end: steady)")
        let markdown = OKRRenderer.markdown(report)
        XCTAssertTrue(markdown.contains("| 0.7 → no longer given since 2026-09-10 |"), markdown)
        XCTAssertTrue(markdown.contains("| 0.5 → 0.6 → 0.5 (start to end: steady) |"), markdown)
        XCTAssertTrue(HTMLReport.okr(report).contains("<td>0.7 → no longer given since 2026-09-10</td>"), HTMLReport.okr(report))
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(OKRRenderer.json(report).utf8)) as? [String: Any])
        let objectives = try XCTUnwrap((json["squads"] as? [[String: Any]])?.first?["objectives"] as? [[String: Any]])
        let lines = try XCTUnwrap(objectives.first?["key_results"] as? [[String: Any]])
        XCTAssertTrue(lines[0]["confidence_end"] is NSNull)
        XCTAssertEqual(lines[0]["confidence_removed"] as? String, "2026-09-10")
        XCTAssertTrue(lines[0]["confidence_trend"] is NSNull)
        XCTAssertEqual((lines[0]["confidence"] as? [[String: Any]])?.count, 1, "the values given, no null entry")
        XCTAssertEqual(lines[1]["confidence_end"] as? Double, 0.5)
        XCTAssertTrue(lines[1]["confidence_removed"] is NSNull)
        let csv = OKRRenderer.csv(report).split(separator: "\n")
        XCTAssertTrue(csv[1].contains(",0.7,,,,2026-09-10,"), "\(csv[1])")
        XCTAssertTrue(csv[2].contains(",0.5,0.5,steady,,,"), "\(csv[2])")

        // Before the deletion, KR-1's confidence stands.
        let august = try self.report(scenario, today: "2026-08-15")
        XCTAssertEqual(OKRRenderer.confidenceText(try XCTUnwrap(august.objectives.first?.keyResults.first)), "0.7")
        XCTAssertEqual(OKRRenderer.confidenceText(try XCTUnwrap(august.objectives.first?.keyResults.last)), "0.5 → 0.6 (start to end: rising)")
    }

    /// review60 #4: the README promises unrounded values in JSON; the status thresholds were written
    /// to four places (0.912345 as 0.9123) though statuses are judged with the exact value.
    func testStatusThresholdsAreWrittenUnroundedInJSON() throws {
        let scenario = try Scenario(for: self)
        try scenario.build()
        let history = try HistoryReader(roots: ["playbooks"]).read(scenario.repository)
        let report = OKRReport(quarter: Quarter(year: 2026, number: 3), today: Day(year: 2026, month: 8, day: 12),
                               timelines: Timelines(history), history: history,
                               thresholds: KeyResultStatusThresholds(onTrack: 0.912345, atRisk: 0.6))
        let json = OKRRenderer.json(report)
        XCTAssertTrue(json.contains("\"on_track\": 0.912345,"), json)
        XCTAssertTrue(json.contains("\"at_risk\": 0.6\n"), json)
    }

    /// hist68: a key result's check-in committed on top of a 2026-07-20 commit but dated 1975 (a
    /// rewrite) was read as standing before the quarter: Q3 started at its value. It is placed at its
    /// parent's date, a check-in inside the quarter, whether the history is read at once or through the cache.
    func testACheckInDatedBeforeItsParentCountsFromItsParentsDate() throws {
        for cache in [false, true] {
            let scenario = try Scenario(for: self)
            let okr = "playbooks/okrs/act.yml"
            let objective = { (current: Double) in
                Scenario.objective("OKR-2026Q3-ACT-1", squad: "activation-core", alignsTo: "weekly-active-learners",
                                   title: "First-session wins", krs: [("KR-1", 61, 66, current)])
            }
            try scenario.commit("2026-05-10", ["playbooks/metrics.yml": Scenario.metrics, okr: objective(62)])
            try scenario.commit("2026-07-20", ["notes.txt": "no entity changes here"])
            if cache { _ = try scenario.history(cache: true) }
            try scenario.commit("1975-01-01", [okr: objective(65)])
            let history = try scenario.history(cache: cache)
            let report = OKRReport(quarter: Quarter(year: 2026, number: 3), today: try XCTUnwrap(Day("2026-10-01")),
                                   timelines: Timelines(history), history: history)
            let kr = try XCTUnwrap(report.objectives.first?.keyResults.first)
            XCTAssertEqual([kr.startValue, kr.endValue], [62, 65], "cache: \(cache)")
            XCTAssertEqual(kr.checkIns.map { UTC.day(of: $0.time).description }, ["2026-07-20"], "cache: \(cache)")
        }
    }
}
