import PlaybookGit
import PlaybookHistory
import PlaybookModel
@testable import PlaybookReports
import XCTest

final class ExperimentReportTests: XCTestCase {
    private func report(_ scenario: Scenario, period: Period? = nil, today: String = "2026-11-01") throws -> ExperimentReport {
        let history = try scenario.history()
        return ExperimentReport(
            period: period ?? Period(quarter: Quarter(year: 2026, number: 3)), today: try XCTUnwrap(Day(today)),
            timelines: Timelines(history), history: history)
    }

    private func totals(_ scenario: Scenario, quarter: Int, mode: WalkMode) throws -> SquadExperiments {
        let history = try HistoryReader(roots: ["playbooks"], mode: mode).read(scenario.repository)
        return ExperimentReport(period: Period(quarter: Quarter(year: 2026, number: quarter)), today: try XCTUnwrap(Day("2026-12-01")),
                                timelines: Timelines(history), history: history).total
    }

    /// An experiment made ready and run on a branch in Q2, merged in Q3 and concluded there. With all
    /// parents its moves are the branch's commits': created and started once, in Q2, and its cycle
    /// times measured from them (before: created in no quarter, started at the merge). First-parent,
    /// the merge created it.
    func testAllParentsCountsAnExperimentMadeOnABranchWhereItsCommitsAre() throws {
        let scenario = try Scenario(for: self)
        let e = "playbooks/experiments/EXP-0001.yml"
        let exp = { (status: String) in Scenario.experiment("EXP-0001", squad: "growth", status: status) }
        let base = try scenario.commit("2026-06-01", ["playbooks/metrics.yml": Scenario.metrics])
        let created = try scenario.commit("2026-06-10", [e: exp("draft")], parents: [base], updateHead: false)
        let ready = try scenario.commit("2026-06-20", [e: exp("ready")], parents: [created], updateHead: false)
        let running = try scenario.commit("2026-06-25", [e: exp("running")], parents: [ready], updateHead: false)
        let other = try scenario.commit("2026-06-26", [e: nil, "playbooks/README.md": "notes"])
        try scenario.commit("2026-07-05", [e: exp("running")], parents: [other, running])
        try scenario.commit("2026-07-15", [e: exp("concluded")])
        let q2 = try totals(scenario, quarter: 2, mode: .allParents), q3 = try totals(scenario, quarter: 3, mode: .allParents)
        XCTAssertEqual(q2.created, ["EXP-0001"])
        XCTAssertEqual(q2.started, ["EXP-0001"])
        XCTAssertEqual(q2.createdToRunning.median, 15)
        XCTAssertEqual(q2.readyToRunning.median, 5)
        XCTAssertEqual(q3.created, [])
        XCTAssertEqual(q3.started, [])
        XCTAssertEqual(q3.concluded, ["EXP-0001"])
        XCTAssertEqual(q3.runningToConcluded.median, 20)
        let firstParent = try totals(scenario, quarter: 3, mode: .firstParent)
        XCTAssertEqual(firstParent.created, ["EXP-0001"])
        XCTAssertEqual(firstParent.started, ["EXP-0001"])
        XCTAssertEqual(firstParent.runningToConcluded.median, 10)
    }

    /// An experiment run and concluded on a branch: with all parents it started on the branch, and
    /// its running → concluded time is the branch's (it concluded without ever starting before).
    func testAllParentsCountsTheStatusMovesOfAMergedBranch() throws {
        let scenario = try Scenario(for: self)
        let e = "playbooks/experiments/EXP-0001.yml"
        let exp = { (status: String) in Scenario.experiment("EXP-0001", squad: "growth", status: status) }
        let base = try scenario.commit("2026-06-01", ["playbooks/metrics.yml": Scenario.metrics, e: exp("draft")])
        let running = try scenario.commit("2026-07-01", [e: exp("running")], parents: [base], updateHead: false)
        let concluded = try scenario.commit("2026-07-20", [e: exp("concluded")], parents: [running], updateHead: false)
        let other = try scenario.commit("2026-07-02", [e: exp("draft"), "playbooks/README.md": "notes"])
        try scenario.commit("2026-07-25", [e: exp("concluded")], parents: [other, concluded])
        let all = try totals(scenario, quarter: 3, mode: .allParents)
        XCTAssertEqual(all.started, ["EXP-0001"])
        XCTAssertEqual(all.concluded, ["EXP-0001"])
        XCTAssertEqual(all.createdToRunning.median, 30)
        XCTAssertEqual(all.runningToConcluded.median, 19)
        let firstParent = try totals(scenario, quarter: 3, mode: .firstParent)
        XCTAssertEqual(firstParent.started, [], "the main line never held it running")
        XCTAssertEqual(firstParent.concluded, ["EXP-0001"])
    }

    func testCountsCycleTimesWinRateStaleAndLearnings() throws {
        let scenario = try Scenario(for: self)
        try scenario.build()
        let report = try report(scenario)
        XCTAssertEqual(report.squads.map(\.squad), ["growth", "search"])
        let growth = report.squads[0], search = report.squads[1]

        XCTAssertEqual(growth.created, ["EXP-0002"])  // EXP-0001 was created in June
        XCTAssertEqual(growth.started, ["EXP-0001", "EXP-0002"])
        XCTAssertEqual(growth.concluded, ["EXP-0001"])
        XCTAssertEqual(growth.winRate, 1)
        XCTAssertEqual(growth.createdToRunning.median, 11.5)  // 13 and 10 days
        XCTAssertEqual(growth.createdToRunning.p90, 13)
        XCTAssertEqual(growth.readyToRunning.median, 6)  // 2 and 10 days
        XCTAssertEqual(growth.readyToRunning.p90, 10)
        XCTAssertEqual(growth.runningToConcluded.median, 30)
        XCTAssertEqual(growth.stale.map(\.id), ["EXP-0002"])
        XCTAssertEqual(growth.stale.first?.plannedEnd.description, "2026-08-03")
        XCTAssertEqual(growth.stale.first?.daysOverdue, 58)
        XCTAssertEqual(growth.learnings.first?.learnings, "Short forms <b>win</b>, \"really\".")

        XCTAssertEqual(search.created, ["EXP-0003", "EXP-0004", "EXP-0005"])
        XCTAssertEqual(search.started, ["EXP-0004", "EXP-0005"])
        XCTAssertEqual(search.concluded, ["EXP-0004", "EXP-0005"])
        XCTAssertEqual(search.abandoned, ["EXP-0003"])
        // Concluded without an outcome: not in the win rate.
        XCTAssertEqual(search.withOutcome, 1)
        XCTAssertEqual(search.winRate, 0)
        XCTAssertEqual(search.createdToRunning.median, 0)
        XCTAssertEqual(search.readyToRunning.count, 0)
        XCTAssertEqual(search.runningToConcluded.median, 80.5)  // 76 and 85 days, across the rename
        XCTAssertEqual(search.runningToConcluded.p90, 85)
        XCTAssertEqual(search.learnings.first?.learnings, "Nobody searched. Try again in Q4.")
    }

    func testTheWinRateIsAPercentWithItsCountsInMarkdownAndHTML() throws {
        // As the site's program page writes it (`50% (1/2)`); JSON keeps the fraction.
        let scenario = try Scenario(for: self)
        try scenario.build()
        let report = try report(scenario)
        let markdown = ExperimentRenderer.markdown(report)
        XCTAssertTrue(markdown.contains("| 100% (1/1) |"), markdown)
        XCTAssertTrue(markdown.contains("| 0% (0/1) |"), markdown)
        XCTAssertTrue(HTMLReport.experiments(report).contains("<td class=\"n\">100% (1/1)</td>"))
        XCTAssertTrue(ExperimentRenderer.json(report).contains("\"win_rate\": 1,"))
    }

    func testOverallLineCountsEverySquadTogether() throws {
        let scenario = try Scenario(for: self)
        try scenario.build()
        let report = try report(scenario)
        let overall = try XCTUnwrap(report.overall)
        XCTAssertEqual(overall.squad, ExperimentReport.allSquads)
        XCTAssertEqual(overall.concluded, ["EXP-0001", "EXP-0004", "EXP-0005"])
        XCTAssertEqual(overall.wins, 1)
        XCTAssertEqual(overall.withOutcome, 2)
        XCTAssertEqual(overall.runningToConcluded.median, 76)  // 30, 76 and 85 days: not a mean of the squads' medians
        XCTAssertEqual(report.squads.map(\.squad), ["growth", "search"])  // and not one of the squads
    }

    /// As `report okr` stops at today, so does the experiment report: judged on July 31st, the
    /// quarter counts what July did, not the commits dated after (a `--today` in the past).
    func testNoEventAfterTodayIsCounted() throws {
        let scenario = try Scenario(for: self)
        try scenario.build()
        let quarter = try report(scenario, today: "2026-07-31")
        let july = try report(scenario, period: Period(since: try XCTUnwrap(Day("2026-07-01")), until: try XCTUnwrap(Day("2026-07-31"))))
        let growth = try XCTUnwrap(quarter.squads.first { $0.squad == "growth" })
        XCTAssertEqual(growth.started, ["EXP-0001", "EXP-0002"])
        XCTAssertEqual(growth.concluded, [], "EXP-0001 concludes in August, after today")
        XCTAssertEqual(quarter.squads.map(\.squad), july.squads.map(\.squad))
        XCTAssertEqual(quarter.total.created, july.total.created)
        XCTAssertEqual(quarter.total.started, july.total.started)
        XCTAssertEqual(quarter.total.concluded, july.total.concluded)
        XCTAssertEqual(quarter.total.abandoned, july.total.abandoned)
        XCTAssertEqual(quarter.period.label, "2026-Q3", "the period stays the quarter")
    }

    /// A quarter not over yet says so, in the OKR report's words, in every format for people
    /// (before, "2026-07-01 to 2026-09-30" alone); JSON says it as `report okr` does, with `complete`.
    func testAPeriodInProgressSaysSoAsTheOKRReportDoes() throws {
        let scenario = try Scenario(for: self)
        try scenario.build()
        let running = try report(scenario, today: "2026-08-15")
        let said = "2026-07-01 to 2026-09-30 (quarter in progress: values as of today, 2026-08-15)"
        XCTAssertTrue(ExperimentRenderer.markdown(running).contains(said), ExperimentRenderer.markdown(running))
        XCTAssertTrue(HTMLReport.experiments(running).contains(said), HTMLReport.experiments(running))
        XCTAssertTrue(ExperimentRenderer.json(running).contains("\"complete\": false"), ExperimentRenderer.json(running))

        let july = try report(scenario, period: Period(since: try XCTUnwrap(Day("2026-07-01")), until: try XCTUnwrap(Day("2026-07-31"))),
                              today: "2026-07-20")
        XCTAssertTrue(ExperimentRenderer.markdown(july).contains("2026-07-01 to 2026-07-31 (period in progress: values as of today, 2026-07-20)"),
                      ExperimentRenderer.markdown(july))

        let ahead = try report(scenario, period: Period(quarter: Quarter(year: 2026, number: 4)), today: "2026-08-15")
        XCTAssertTrue(ExperimentRenderer.markdown(ahead).contains("2026-10-01 to 2026-12-31 (quarter has not started: nothing counted yet)"),
                      ExperimentRenderer.markdown(ahead))
        XCTAssertTrue(ExperimentRenderer.json(ahead).contains("\"started\": false"), ExperimentRenderer.json(ahead))

        let ended = try report(scenario, today: "2026-09-30")  // today is the quarter's last day: complete, as in `report okr`
        XCTAssertFalse(ExperimentRenderer.markdown(ended).contains("in progress"), ExperimentRenderer.markdown(ended))
        XCTAssertFalse(HTMLReport.experiments(ended).contains("in progress"))
        XCTAssertTrue(ExperimentRenderer.json(ended).contains("\"complete\": true"), ExperimentRenderer.json(ended))
    }

    /// Lifts in one report carry the same number of decimals, the most any of them needs (two at
    /// most, as `LiftText` rounds): before, `-2%` stood next to `+3.8%`. The hyphen minus stays, as
    /// in `LiftText`.
    func testLiftsInOneReportHaveTheSameNumberOfDecimals() throws {
        let scenario = try Scenario(for: self)
        let lifts = ["EXP-0301": "0.006", "EXP-0302": "0.038", "EXP-0303": "-0.02", "EXP-0304": "0.00275"]
        func file(_ id: String) -> String { "playbooks/experiments/\(id).yml" }
        func experiment(_ id: String, _ status: String) -> String {
            Scenario.experiment(id, squad: "growth", status: status)
                + (status == "concluded" ? "result: {outcome: flat, lift: \(lifts[id] ?? "0"), decision: kill, learnings: Noted.}" : "")
        }
        var first: [String: String?] = ["playbooks/metrics.yml": Scenario.metrics]
        for id in lifts.keys { first[file(id)] = experiment(id, "running") }
        try scenario.commit("2026-07-01", first)
        try scenario.commit("2026-07-10", ["EXP-0301", "EXP-0302", "EXP-0303"].reduce(into: [:]) { $0[file($1)] = experiment($1, "concluded") })
        try scenario.commit("2026-08-10", [file("EXP-0304"): experiment("EXP-0304", "concluded")])

        let july = try report(scenario, period: Period(since: try XCTUnwrap(Day("2026-07-01")), until: try XCTUnwrap(Day("2026-07-31"))))
        for text in [ExperimentRenderer.markdown(july), HTMLReport.experiments(july)] {
            for lift in ["+0.6%", "+3.8%", "-2.0%"] { XCTAssertTrue(text.contains(">\(lift)<") || text.contains("| \(lift) |"), "\(lift) in \(text)") }
        }
        let quarter = try report(scenario)
        for text in [ExperimentRenderer.markdown(quarter), HTMLReport.experiments(quarter)] {
            for lift in ["+0.60%", "+3.80%", "-2.00%", "+0.28%"] {
                XCTAssertTrue(text.contains(">\(lift)<") || text.contains("| \(lift) |"), "\(lift) in \(text)")
            }
        }
    }

    func testAPeriodUntilTheLastDayADateCanNameEndsOnIt() throws {
        // --until 9999-12-31 used to end the period on 9999-12-30 (the day after was held to the
        // calendar's last day), while --quarter 9999-Q4 ended on 9999-12-31.
        let until = try XCTUnwrap(Day("9999-12-31"))
        let period = Period(since: try XCTUnwrap(Day("9999-10-01")), until: until)
        XCTAssertEqual(period.lastDay, until)
        XCTAssertEqual(period.end, Period(quarter: Quarter(year: 9999, number: 4)).end)
        let scenario = try Scenario(for: self)
        try scenario.build()
        let report = try report(scenario, period: period, today: "9999-12-31")
        XCTAssertEqual(report.judgedOn, until)
        XCTAssertEqual(report.period.lastDay, until)
        XCTAssertFalse(ExperimentRenderer.json(report).contains("9999-12-30"), ExperimentRenderer.json(report))
    }

    func testOneCommitAndOneDayOverdueAreSaidInTheSingular() throws {
        // "1 commits" and "running 1 days past" before.
        let scenario = try Scenario(for: self)
        try scenario.commit("2026-07-02", ["playbooks/metrics.yml": Scenario.metrics,
                                           "playbooks/experiments/EXP-0001.yml": Scenario.experiment(
                                               "EXP-0001", squad: "growth", status: "running", extra: "start: 2026-07-02\nend: 2026-07-30")])
        let report = try report(scenario, today: "2026-07-31")
        let markdown = ExperimentRenderer.markdown(report)
        XCTAssertTrue(markdown.contains(" · history: 1 commit read (first-parent), 1 changing the playbook"), markdown)
        XCTAssertTrue(markdown.contains("running 1 day past its planned end 2026-07-30"), markdown)
        XCTAssertTrue(HTMLReport.experiments(report).contains("1 day past 2026-07-30"))
    }

    func testAnEventCountsInThePeriodItHappened() throws {
        let scenario = try Scenario(for: self)
        try scenario.build()
        let july = try report(scenario, period: Period(since: try XCTUnwrap(Day("2026-07-01")), until: try XCTUnwrap(Day("2026-07-31"))))
        let growth = try XCTUnwrap(july.squads.first { $0.squad == "growth" })
        XCTAssertEqual(growth.started, ["EXP-0001", "EXP-0002"])
        XCTAssertEqual(growth.concluded, [])
        XCTAssertNil(growth.winRate)
        XCTAssertEqual(growth.runningToConcluded.count, 0)
        XCTAssertEqual(growth.stale, [])  // planned end 2026-08-03 is after July
    }

    func testAShallowCloneCountsNothingAtItsEdge() throws {
        let scenario = try Scenario(for: self)
        try scenario.build()
        // Cut the history at the 2026-07-10 commit, as `git clone --depth` would.
        var graft = try XCTUnwrap(scenario.repository.headCommit())
        while try scenario.repository.commitInfo(graft).committer.time > Scenario.noon("2026-07-10") {
            graft = try scenario.repository.commitInfo(graft).parents[0]
        }
        try Data("\(graft)\n".utf8).write(to: URL(fileURLWithPath: scenario.repository.gitDirectory + "/shallow"))
        let report = try report(scenario)
        XCTAssertTrue(report.source.caveats.joined().contains("shallow"))
        let growth = try XCTUnwrap(report.squads.first { $0.squad == "growth" })
        // EXP-0002 appears at the edge: not "created" there; its later start is known.
        XCTAssertEqual(growth.created, [])
        // EXP-0001 was already running at the edge: its start is unknown, its conclusion is not.
        XCTAssertEqual(growth.started, ["EXP-0002"])
        XCTAssertEqual(growth.concluded, ["EXP-0001"])
        XCTAssertEqual(growth.createdToRunning.count, 0)
        XCTAssertEqual(growth.readyToRunning.count, 0)  // it was already ready at the edge
    }

    /// A move a later commit undid is not one, as the site's live window reads it: a conclusion
    /// reverted the next day (the experiment running again) leaves the true conclusion, and a start
    /// put back to ready leaves the start that stayed; cycle times run from those.
    func testAMoveUndoneByALaterCommitIsNotCounted() throws {
        let scenario = try Scenario(for: self)
        let e1 = "playbooks/experiments/EXP-0001.yml", e2 = "playbooks/experiments/EXP-0002.yml"
        let exp = { (id: String, status: String) in Scenario.experiment(id, squad: "growth", status: status) }
        try scenario.commit("2026-06-01", ["playbooks/metrics.yml": Scenario.metrics, e1: exp("EXP-0001", "ready"), e2: exp("EXP-0002", "ready")])
        try scenario.commit("2026-07-08", [e1: exp("EXP-0001", "running"), e2: exp("EXP-0002", "running")])
        try scenario.commit("2026-07-09", [e2: exp("EXP-0002", "ready")])  // started by mistake
        try scenario.commit("2026-07-20", [e2: exp("EXP-0002", "running")])
        let result = "result: {outcome: win, decision: ship, learnings: It won.}"
        try scenario.commit("2026-08-25", [e1: exp("EXP-0001", "concluded") + result])  // concluded by mistake
        try scenario.commit("2026-08-26", [e1: exp("EXP-0001", "running")])  // reverted
        try scenario.commit("2026-09-03", [e1: exp("EXP-0001", "concluded") + result])
        let report = try report(scenario)
        let growth = try XCTUnwrap(report.squads.first { $0.squad == "growth" })
        XCTAssertEqual(growth.concluded, ["EXP-0001"])
        XCTAssertEqual(growth.started, ["EXP-0001", "EXP-0002"])
        // 07-08 to 08-25 and 08-26 to 09-03: not 48 (to 08-25), nor 57 (the day it stood concluded by mistake counted)
        XCTAssertEqual(growth.runningToConcluded.median, 56)
        XCTAssertEqual(growth.readyToRunning.median, 24)  // 37 days (EXP-0001) and 11 (EXP-0002: ready again 07-09, running 07-20)
        let json = ExperimentRenderer.json(report)
        XCTAssertTrue(json.contains("\"concluded\": \"2026-09-03\""), json)
        XCTAssertFalse(json.contains("2026-08-25"), json)
    }

    /// An experiment concluded, re-opened (running again) and concluded again: its running time is
    /// the time it was live, the spans summed, not its first start to its last conclusion. The days it
    /// stood concluded before it was re-opened are not running time, in every format, and in the
    /// quarter that counts its first conclusion only the span that led to it is.
    func testARunningTimeLeavesOutTheDaysAReopenedExperimentStoodConcluded() throws {
        let scenario = try Scenario(for: self)
        let e = "playbooks/experiments/EXP-0001.yml"
        let exp = { (status: String) in Scenario.experiment("EXP-0001", squad: "growth", status: status) }
        let result = "result: {outcome: win, decision: ship, learnings: It won.}"
        try scenario.commit("2026-06-05", ["playbooks/metrics.yml": Scenario.metrics, e: exp("ready")])
        try scenario.commit("2026-07-01", [e: exp("running")])
        try scenario.commit("2026-07-21", [e: exp("concluded") + result])  // 20 days live
        try scenario.commit("2026-08-10", [e: exp("running")])  // re-opened after 20 days concluded
        try scenario.commit("2026-08-15", [e: exp("paused")])
        try scenario.commit("2026-08-20", [e: exp("concluded") + result])  // 10 more days live, the pause in them
        try scenario.commit("2026-09-20", [e: exp("running")])  // re-opened in the next quarter after 11 days
        try scenario.commit("2026-10-05", [e: exp("concluded") + result])  // 15 more days
        // Judged before it was re-opened the second time: Q3 counts the conclusion of 08-20.
        let q3 = try report(scenario, today: "2026-09-19")
        let growth = try XCTUnwrap(q3.squads.first { $0.squad == "growth" })
        XCTAssertEqual(growth.concluded, ["EXP-0001"])
        XCTAssertEqual(growth.runningToConcluded.median, 30)  // 20 + 10 days, not 50 (07-01 to 08-20)
        XCTAssertEqual(growth.runningToConcluded.p90, 30)
        XCTAssertTrue(ExperimentRenderer.markdown(q3).contains("| 30.0 / 30.0 (n=1) | 0 |"), ExperimentRenderer.markdown(q3))
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(ExperimentRenderer.json(q3).utf8)) as? [String: Any])
        let cycle = (json["total"] as? [String: Any]).flatMap { $0["cycle_days"] as? [String: Any] }.flatMap { $0["running_to_concluded"] as? [String: Any] }
        XCTAssertEqual(cycle?["median"] as? Double, 30)
        XCTAssertEqual(cycle?["p90"] as? Double, 30)
        XCTAssertTrue(ExperimentRenderer.csv(q3).contains(",30.0,30.0,0,,in progress,2026-09-19\n"), ExperimentRenderer.csv(q3))
        XCTAssertTrue(HTMLReport.experiments(q3).contains("<td class=\"n\">30.0 / 30.0 (n=1)</td>"), HTMLReport.experiments(q3))
        // Counted again in Q4, concluded again there: every span it ran, 20 + 10 + 15 days, not 96 (07-01 to 10-05).
        let q4 = try report(scenario, period: Period(quarter: Quarter(year: 2026, number: 4)), today: "2026-12-01")
        XCTAssertEqual(q4.total.concluded, ["EXP-0001"])
        XCTAssertEqual(q4.total.runningToConcluded.median, 45)
        // A period judged before it was re-opened counts the span that led to its first conclusion;
        // judged after, that conclusion was undone and July counts none.
        let julyPeriod = Period(since: try XCTUnwrap(Day("2026-07-01")), until: try XCTUnwrap(Day("2026-07-31")))
        let july = try report(scenario, period: julyPeriod, today: "2026-08-01")
        XCTAssertEqual(july.total.runningToConcluded.median, 20)
        XCTAssertEqual(try report(scenario, period: julyPeriod).total.concluded, [])
    }

    /// The outside review's repoD: an experiment concluded a win in Q3, re-opened in Q4 and concluded
    /// flat there. Read over the history up to today, its Q3 conclusion was undone, so it is no
    /// conclusion: Q3 counts its start only, Q4 its one conclusion with the standing result, and the
    /// months add up to the quarters (before: counted in both, four conclusions for three experiments).
    /// Likewise a start a later commit undid (back to ready) is a start only where it ran again.
    func testAMoveALaterCommitUndidCountsInNoPeriod() throws {
        let scenario = try Scenario(for: self)
        let e1 = "playbooks/experiments/EXP-0201.yml", e2 = "playbooks/experiments/EXP-0202.yml"
        let exp1 = { (status: String) in Scenario.experiment("EXP-0201", squad: "activation-core", status: status) }
        let exp2 = { (status: String) in
            Scenario.experiment("EXP-0202", squad: "activation-core", status: status, extra: "start: 2026-08-20\nend: 2026-09-10")
        }
        let won = "result: {outcome: win, lift: 0.05, decision: ship, learnings: Withdrawn win.}"
        let flat = "result: {outcome: flat, lift: 0.001, decision: kill, learnings: Flat for good.}"
        try scenario.commit("2026-08-03", ["playbooks/metrics.yml": Scenario.metrics, e1: exp1("draft")])
        try scenario.commit("2026-08-10", [e1: exp1("running")])
        try scenario.commit("2026-08-12", [e2: exp2("ready")])
        try scenario.commit("2026-08-20", [e2: exp2("running")])
        try scenario.commit("2026-09-21", [e1: exp1("concluded") + won])
        try scenario.commit("2026-10-02", [e2: exp2("ready")])  // its start undone
        try scenario.commit("2026-10-05", [e1: exp1("running")])  // re-opened
        try scenario.commit("2026-10-10", [e2: exp2("running")])
        try scenario.commit("2026-10-19", [e1: exp1("concluded") + flat])
        let q3Period = Period(quarter: Quarter(year: 2026, number: 3)), q4Period = Period(quarter: Quarter(year: 2026, number: 4))
        let q3 = try report(scenario, period: q3Period, today: "2026-12-05")
        XCTAssertEqual(q3.total.created, ["EXP-0201", "EXP-0202"])
        XCTAssertEqual(q3.total.started, ["EXP-0201"])
        XCTAssertEqual(q3.total.concluded, [])
        XCTAssertEqual(q3.total.withOutcome, 0)
        XCTAssertEqual(q3.total.wins, 0)
        XCTAssertEqual(q3.total.learnings.map(\.id), [])
        // EXP-0202 stood running past its planned end on 09-30, but that start was undone: not running then, as the calendar reads it.
        XCTAssertEqual(q3.total.stale.map(\.id), [])
        XCTAssertFalse(ExperimentRenderer.markdown(q3).contains("Withdrawn"), ExperimentRenderer.markdown(q3))
        XCTAssertFalse(ExperimentRenderer.json(q3).contains("Withdrawn"), ExperimentRenderer.json(q3))
        let q4 = try report(scenario, period: q4Period, today: "2026-12-05")
        XCTAssertEqual(q4.total.started, ["EXP-0202"])
        XCTAssertEqual(q4.total.readyToRunning.median, 8)  // ready again 10-02, running 10-10
        XCTAssertEqual(q4.total.concluded, ["EXP-0201"])
        XCTAssertEqual(q4.total.withOutcome, 1)
        XCTAssertEqual(q4.total.wins, 0)
        XCTAssertEqual(q4.total.learnings.map { "\($0.id) \($0.outcome?.rawValue ?? "-") \($0.learnings ?? "-")" }, ["EXP-0201 flat Flat for good."])
        XCTAssertEqual(q4.total.runningToConcluded.median, 56)  // 42 days (08-10 to 09-21) + 14 (10-05 to 10-19)
        // The months add up to the quarters.
        var concluded: [String] = [], started: [String] = []
        for (since, until) in [("2026-07-01", "2026-07-31"), ("2026-08-01", "2026-08-31"), ("2026-09-01", "2026-09-30"),
                               ("2026-10-01", "2026-10-31"), ("2026-11-01", "2026-11-30"), ("2026-12-01", "2026-12-31")] {
            let month = try report(scenario, period: Period(since: try XCTUnwrap(Day(since)), until: try XCTUnwrap(Day(until))), today: "2026-12-05")
            concluded += month.total.concluded
            started += month.total.started
        }
        XCTAssertEqual(concluded, q3.total.concluded + q4.total.concluded)
        XCTAssertEqual(started, q3.total.started + q4.total.started)
        // Judged before the re-opening, nothing after today is read: Q3 counts its conclusion, and EXP-0202's start.
        let then = try report(scenario, period: q3Period, today: "2026-09-30")
        XCTAssertEqual(then.total.concluded, ["EXP-0201"])
        XCTAssertEqual(then.total.wins, 1)
        XCTAssertEqual(then.total.started, ["EXP-0201", "EXP-0202"])
        XCTAssertEqual(then.total.stale.map(\.id), ["EXP-0202"])
        // Re-opened and still running today: a closed Q3 counts no conclusion of it, and neither does Q4 yet.
        let reopened = try report(scenario, period: q3Period, today: "2026-10-12")
        XCTAssertEqual(reopened.total.concluded, [])
        XCTAssertEqual(reopened.total.started, ["EXP-0201"])
        XCTAssertEqual(reopened.total.learnings.map(\.id), [])
        XCTAssertEqual(try report(scenario, period: q4Period, today: "2026-10-12").total.concluded, [])
    }

    func testPercentilesUseNearestRank() {
        XCTAssertEqual(Statistics.median([3, 1, 2]), 2)
        XCTAssertEqual(Statistics.median([4, 1, 2, 3]), 2.5)
        XCTAssertEqual(Statistics.p90(Array(1...10).map(Double.init)), 9)
        XCTAssertEqual(Statistics.p90(Array(1...11).map(Double.init)), 10)
        XCTAssertNil(Statistics.p90([]))
    }
}

extension StaleExperiment: Equatable {
    public static func == (a: StaleExperiment, b: StaleExperiment) -> Bool { a.id == b.id }
}

final class ThroughputChartTests: XCTestCase {
    func squad(_ name: String, started: Int, concluded: Int) -> SquadExperiments {
        SquadExperiments(
            squad: name, created: [], started: (0..<started).map { "EXP-\($0)" }, concluded: (0..<concluded).map { "EXP-\($0)" },
            abandoned: [], withOutcome: 0, wins: 0, createdToRunning: CycleTime([]), readyToRunning: CycleTime([]),
            runningToConcluded: CycleTime([]), stale: [], learnings: [])
    }

    /// The y of every squad label, in order.
    func labelRows(_ svg: String) -> [Double] {
        svg.components(separatedBy: "<text ").dropFirst().filter { $0.contains("class=\"label\"") }.compactMap { text in
            guard let start = text.range(of: "y=\"")?.upperBound, let end = text[start...].firstIndex(of: "\"") else { return nil }
            return Double(text[start..<end])
        }
    }

    func testSquadLabelsSitInTheirOwnRowsWithCountsAndAnAxis() {
        let squads = ["checkout-emea-and-apac-long-name", "checkout-emea-and-apac-longer", "growth", "search"].enumerated().map {
            squad($0.element, started: 3 + $0.offset, concluded: $0.offset)
        }
        let svg = HTMLReport.throughputChart(squads)
        let rows = labelRows(svg)
        XCTAssertEqual(rows.count, 4)
        XCTAssertTrue(zip(rows, rows.dropFirst()).allSatisfy { $1 - $0 >= 30 }, "labels at least a row apart: \(rows)")
        XCTAssertTrue(svg.contains("viewBox=\"0 0 "), "scales to the page's width")
        XCTAssertTrue(svg.contains(">6</text>"), "the largest count is printed")
        XCTAssertTrue(svg.contains(">experiments</text>"), "the axis is labelled")
        XCTAssertTrue(svg.contains("checkout-emea-a…<title>checkout-emea-and-apac-long-name</title>"), "a long name is clipped, whole on hover")
        XCTAssertEqual(HTMLReport.tickStep(6), 2)
        XCTAssertEqual(HTMLReport.tickStep(40), 10)
    }
}

final class TrajectoryChartTests: XCTestCase {
    func line(baseline: Decimal, target: Decimal, end: Decimal) -> KeyResultLine {
        KeyResultLine(id: "KR-1", reference: "OKR-1/KR-1", title: nil, metric: "signups", baseline: baseline, target: target,
                      startValue: baseline, endValue: end, progress: nil, score: nil, checkIns: [], experiments: [],
                      unit: .count, currency: nil)
    }

    func testTargetAndBaselineAreLabelledInTheUnitUnlessTheyWouldTouch() {
        let start = UTC.seconds(Day(year: 2026, month: 7, day: 1)), end = UTC.seconds(Day(year: 2026, month: 10, day: 1))
        let apart = HTMLReport.trajectoryChart(line(baseline: 1000, target: 20000, end: 5000), start: start, end: end)
        XCTAssertTrue(apart.contains(">20,000<title>target 20,000</title>"), apart)
        XCTAssertTrue(apart.contains(">1,000<title>baseline 1,000</title>"), apart)
        XCTAssertTrue(apart.contains(">07-01</text>") && apart.contains(">09-30</text>"), "the x axis names the period's ends")
        // The end value far above both: target and baseline sit a pixel apart, so only the target is labelled.
        let close = HTMLReport.trajectoryChart(line(baseline: 1000, target: 1010, end: 900_000), start: start, end: end)
        XCTAssertTrue(close.contains("<title>target 1,010</title>"))
        XCTAssertFalse(close.contains("<title>baseline"), close)
    }
}
