import Foundation
import PlaybookGit
import PlaybookHistory
import PlaybookModel
@testable import PlaybookReports
import XCTest

final class OKRReportTests: XCTestCase {
    private func report(_ scenario: Scenario, today: String = "2026-11-01", mode: WalkMode = .firstParent) throws -> OKRReport {
        let history = try HistoryReader(roots: ["playbooks"], mode: mode).read(scenario.repository)
        return OKRReport(quarter: Quarter(year: 2026, number: 3), today: try XCTUnwrap(Day(today)),
                         timelines: Timelines(history), history: history)
    }

    func testKeyResultNumbersFollowTheConventions() throws {
        let scenario = try Scenario(for: self)
        try scenario.build()
        let report = try report(scenario)
        XCTAssertTrue(report.complete)
        XCTAssertEqual(report.objectives.map(\.id), ["OKR-2026Q3-GRO-1", "OKR-2026Q3-GRO-3", "OKR-2026Q3-SRC-1"])

        let growth = report.objectives[0]
        XCTAssertNil(growth.added)
        XCTAssertNil(growth.dropped)
        let kr1 = growth.keyResults[0], kr2 = growth.keyResults[1]
        // Value at the start (10), at the end (15, not the October 19), progress (15−10)/(20−10).
        XCTAssertEqual([kr1.startValue, kr1.endValue, kr1.progress, kr1.score], [10, 15, 0.5, 0.5])
        XCTAssertEqual(kr1.checkIns.map { UTC.day(of: $0.time).description }, ["2026-07-05", "2026-08-10"])
        XCTAssertEqual(kr1.checkIns.last?.author.name, "Grace Hopper")  // through .mailmap
        XCTAssertEqual(kr1.experiments.map(\.id), ["EXP-0001"])
        XCTAssertEqual(kr1.experiments.first?.outcome, .win)
        // Created during the quarter: starts at its first recorded value; its creation is no check-in.
        XCTAssertEqual([kr2.startValue, kr2.endValue], [90, 70])
        XCTAssertEqual(try XCTUnwrap(kr2.progress), 0.6, accuracy: 1e-12)
        XCTAssertEqual(kr2.checkIns.count, 1)
        XCTAssertEqual(try XCTUnwrap(growth.score), 0.55, accuracy: 1e-12)

        let old = report.objectives[1]
        XCTAssertEqual(old.dropped.map { UTC.day(of: $0).description }, "2026-09-20")
        XCTAssertEqual(old.keyResults.first?.endValue, 5)
        let search = report.objectives[2]
        XCTAssertEqual(search.added.map { UTC.day(of: $0).description }, "2026-09-10")
        XCTAssertEqual(search.keyResults.first?.experiments.map(\.id), ["EXP-0004"])

        let northStar = try XCTUnwrap(report.northStar)
        XCTAssertEqual(northStar.objectives, ["OKR-2026Q3-GRO-1", "OKR-2026Q3-SRC-1"])
        XCTAssertEqual(northStar.scoredKeyResults, 3)
        XCTAssertEqual(try XCTUnwrap(northStar.meanScore), 1.1 / 3, accuracy: 1e-12)
        XCTAssertEqual(report.source.notes.count, 1)
    }

    func testACapitalisedYAMLBooleanMarksTheNorthStar() throws {
        // `True` is a boolean in the YAML 1.2 core schema: lint accepts it, so the report must too.
        let scenario = try Scenario(for: self)
        try scenario.commit("2026-07-01", [
            "playbooks/metrics.yml": Scenario.metrics.replacingOccurrences(of: "north_star: true", with: "north_star: True"),
            "playbooks/okrs/growth.yml": Scenario.objective(
                "OKR-2026Q3-GRO-1", squad: "growth", alignsTo: "weekly-active-learners", title: "Grow",
                krs: [("KR-1", 10, 20, 15)]),
        ])
        let northStar = try XCTUnwrap(try report(scenario).northStar)
        XCTAssertEqual(northStar.metric, "weekly-active-learners")
        XCTAssertEqual(northStar.objectives, ["OKR-2026Q3-GRO-1"])
    }

    func testScoresAreExactDecimalsAndShownCorrectlyRounded() throws {
        // Key results scored 0.35 and 0.4: the objective's score is exactly 0.375, shown 0.38
        // (binary floating point made 0.35 into 0.3499… and showed 0.37).
        let scenario = try Scenario(for: self)
        try scenario.commit("2026-07-01", [
            "playbooks/metrics.yml": Scenario.metrics,
            "playbooks/okrs/growth.yml": Scenario.objective(
                "OKR-2026Q3-GRO-1", squad: "growth", alignsTo: "weekly-active-learners", title: "Grow",
                krs: [("KR-1", 0, 1, 0.35), ("KR-2", 0, 1, 0.4)]),
        ])
        let report = try report(scenario)
        let objective = try XCTUnwrap(report.objectives.first)
        XCTAssertEqual(objective.keyResults.map(\.score), [Decimal(string: "0.35"), Decimal(string: "0.4")])
        XCTAssertEqual(objective.score, Decimal(string: "0.375"))
        XCTAssertTrue(OKRRenderer.markdown(report).contains("score 0.38"))
        XCTAssertTrue(OKRRenderer.json(report).contains("\"score\": 0.375,"))
    }

    func testOneFormatterRoundsHalfAwayFromZero() {
        XCTAssertEqual(Numbers.text(Decimal(string: "0.375")), "0.38")
        XCTAssertEqual(Numbers.text(Decimal(string: "-0.375")), "-0.38")
        XCTAssertEqual(Numbers.text(Numbers.ratio(2, 3)), "0.67")
        XCTAssertEqual(Numbers.text(Decimal(string: "-0.001")), "0")
        XCTAssertEqual(Numbers.text(Decimal(string: "47000"), places: 6), "47000")
    }

    func testAValueAMergeThrewAwayIsNeverTheEndValue() throws {
        // `git merge -X ours` of a side branch that set current: 11111 while main set 47000:
        // the merged tree holds 47000, and so does the report, in both walk modes.
        let scenario = try Scenario(for: self)
        let okr = "playbooks/okrs/growth.yml"
        let objective = { (current: Double) in
            Scenario.objective("OKR-2026Q3-GRO-1", squad: "growth", alignsTo: "weekly-active-learners", title: "Grow",
                               krs: [("KR-1", 40000, 50000, current)])
        }
        let base = try scenario.commit("2026-07-01", ["playbooks/metrics.yml": Scenario.metrics, okr: objective(40000)])
        let side = try scenario.commit("2026-07-10", [okr: objective(11111)], parents: [base], updateHead: false)
        let main = try scenario.commit("2026-07-12", [okr: objective(47000)])
        let merge = try scenario.commit("2026-07-15", [okr: objective(47000)], parents: [main, side])
        for mode in [WalkMode.firstParent, .allParents] {
            let kr = try XCTUnwrap(try report(scenario, mode: mode).objectives.first?.keyResults.first)
            XCTAssertEqual(kr.endValue, 47000, "\(mode)")
            XCTAssertEqual(kr.progress, Decimal(string: "0.7"), "\(mode)")
            XCTAssertEqual(kr.checkIns.map(\.value), [47000], "\(mode)")
        }
        // With all parents the side commit is an event of the objective's log; its value is not the line's.
        let history = try HistoryReader(roots: ["playbooks"], mode: .allParents).read(scenario.repository)
        let timeline = try XCTUnwrap(Timelines(history)["OKR-2026Q3-GRO-1"])
        XCTAssertEqual(timeline.ownEvents.map(\.commit), [base, main, side])  // parents before children
        XCTAssertEqual(timeline.current?["key_results[KR-1].current"], "47000")
        XCTAssertFalse(timeline.events.contains { $0.commit == merge })
    }

    /// Carol checks KR-1 in on a branch while the main line checks KR-2 in, in the same file: a
    /// clean merge. KR-1's check-in is Carol's in either walk (the merger's before); with all parents
    /// it is dated by her commit, and counted once.
    func testACheckInMergedIntoAFileBothLinesEditedIsItsAuthors() throws {
        let scenario = try Scenario(for: self)
        let okr = "playbooks/okrs/growth.yml"
        let objective = { (kr1: Double, kr2: Double) in
            Scenario.objective("OKR-2026Q3-GRO-1", squad: "growth", alignsTo: "weekly-active-learners", title: "Grow",
                               krs: [("KR-1", 10, 20, kr1), ("KR-2", 1000, 2000, kr2)])
        }
        let carol = Person(name: "Carol", email: "carol@example.com")
        let base = try scenario.commit("2026-06-20", ["playbooks/metrics.yml": Scenario.metrics, okr: objective(10, 1000)])
        let side = try scenario.commit("2026-07-05", [okr: objective(12, 1000)], author: carol, parents: [base], updateHead: false)
        let main = try scenario.commit("2026-07-06", [okr: objective(10, 1500)])
        let merge = try scenario.commit("2026-07-07", [okr: objective(12, 1500)], parents: [main, side])
        for mode in [WalkMode.firstParent, .allParents] {
            let krs = try XCTUnwrap(try report(scenario, mode: mode).objectives.first?.keyResults)
            XCTAssertEqual(krs.map(\.id), ["KR-1", "KR-2"])
            XCTAssertEqual(krs[0].checkIns.map(\.value), [12], "\(mode)")
            XCTAssertEqual(krs[0].checkIns.map(\.author), [carol], "\(mode): Carol made the check-in")
            XCTAssertEqual(krs[0].checkIns.map(\.commit), [mode == .allParents ? side : merge], "\(mode)")
            XCTAssertEqual(krs[1].checkIns.map(\.author), [Scenario.ada], "\(mode)")
            XCTAssertEqual(krs[0].endValue, 12, "\(mode)")
        }
    }

    /// Both lines check in (the side 32.5 on 07-10, the main line 32 on 07-11) and Grace's merge
    /// keeps the side's 32.5. With all parents the side's and the main line's check-ins are listed
    /// by time, so the list ended at 32 while the value is 32.5: the merge moved the value back, and
    /// is a check-in of its own (32 → 32.5, dated by the merge), in the report and in `log` alike,
    /// credited to Carol, who made the value Grace kept (as the first-parent walk credits it: Grace
    /// made no value). First-parent, the merge is the check-in it always was.
    func testAMergeKeepingTheOlderOfTwoCheckInsIsACheckInWithAllParents() throws {
        let scenario = try Scenario(for: self)
        let okr = "playbooks/okrs/growth.yml"
        let objective = { (current: Double) in
            Scenario.objective("OKR-2026Q3-GRO-1", squad: "growth", alignsTo: "weekly-active-learners", title: "Grow",
                               krs: [("KR-1", 30, 36, current)])
        }
        let carol = Person(name: "Carol", email: "carol@example.com")
        let grace = Person(name: "Grace", email: "grace@example.com")
        let base = try scenario.commit("2026-07-01", ["playbooks/metrics.yml": Scenario.metrics, okr: objective(31)])
        let side = try scenario.commit("2026-07-10", [okr: objective(32.5)], author: carol, parents: [base], updateHead: false)
        let main = try scenario.commit("2026-07-11", [okr: objective(32)])
        let merge = try scenario.commit("2026-07-13", [okr: objective(32.5)], author: grace, parents: [main, side])

        let all = try XCTUnwrap(try report(scenario, mode: .allParents).objectives.first?.keyResults.first)
        XCTAssertEqual(all.checkIns.map(\.commit), [side, main, merge])
        XCTAssertEqual(all.checkIns.map(\.value), [32.5, 32, 32.5])
        XCTAssertEqual(all.checkIns.map(\.author), [carol, Scenario.ada, carol], "Grace kept Carol's value")
        XCTAssertEqual(all.checkIns.last?.value, all.endValue, "the trajectory ends where the value does")

        let firstParent = try XCTUnwrap(try report(scenario).objectives.first?.keyResults.first)
        XCTAssertEqual(firstParent.checkIns.map(\.commit), [main, merge])
        XCTAssertEqual(firstParent.checkIns.map(\.value), [32, 32.5])
        XCTAssertEqual(firstParent.endValue, 32.5)
        XCTAssertEqual(firstParent.checkIns.last?.author, carol)

        let history = try HistoryReader(roots: ["playbooks"], mode: .allParents).read(scenario.repository)
        let log = try XCTUnwrap(EntityLog(id: "OKR-2026Q3-GRO-1/KR-1", timelines: Timelines(history), history: history))
        XCTAssertEqual(log.events.map(\.commit), [base, side, main, merge], "by date")
        let resolution = try XCTUnwrap(log.events.last)
        XCTAssertEqual(resolution.type, .changed)
        XCTAssertEqual(resolution.author, carol)
        XCTAssertEqual(resolution.fields.map { "\($0.path): \($0.old ?? "–") → \($0.new ?? "–")" }, ["current: 32 → 32.5"])
        XCTAssertTrue(LogRenderer.markdown(log).contains("4 commits changed it."))
    }

    /// A merge that only carries a side branch's check-in (the main line did not move the value)
    /// adds nothing with all parents: the side's commit is the check-in, and `log` lists it once.
    func testAMergeRepeatingTheLastCheckInIsNoCheckInOfItsOwn() throws {
        let scenario = try Scenario(for: self)
        let okr = "playbooks/okrs/growth.yml"
        let objective = { (current: Double, title: String) in
            Scenario.objective("OKR-2026Q3-GRO-1", squad: "growth", alignsTo: "weekly-active-learners", title: title,
                               krs: [("KR-1", 30, 36, current)])
        }
        let carol = Person(name: "Carol", email: "carol@example.com")
        let base = try scenario.commit("2026-07-01", ["playbooks/metrics.yml": Scenario.metrics, okr: objective(31, "Grow")])
        let side = try scenario.commit("2026-07-10", [okr: objective(32.5, "Grow")], author: carol, parents: [base], updateHead: false)
        let main = try scenario.commit("2026-07-11", [okr: objective(31, "Grow more")])
        try scenario.commit("2026-07-13", [okr: objective(32.5, "Grow more")], parents: [main, side])
        let all = try XCTUnwrap(try report(scenario, mode: .allParents).objectives.first?.keyResults.first)
        XCTAssertEqual(all.checkIns.map(\.commit), [side])
        let history = try HistoryReader(roots: ["playbooks"], mode: .allParents).read(scenario.repository)
        let log = try XCTUnwrap(EntityLog(id: "OKR-2026Q3-GRO-1", timelines: Timelines(history), history: history))
        XCTAssertEqual(log.events.map(\.commit), [base, side, main], "by date")
    }

    /// A merge split by who made each value is one commit in `log`, with a section per maker.
    func testTheLogCountsAMergeSplitByMakerOnce() throws {
        let scenario = try Scenario(for: self)
        let okr = "playbooks/okrs/growth.yml"
        let objective = { (kr1: Double, kr2: Double) in
            Scenario.objective("OKR-2026Q3-GRO-1", squad: "growth", alignsTo: "weekly-active-learners", title: "Grow",
                               krs: [("KR-1", 10, 20, kr1), ("KR-2", 1000, 2000, kr2)])
        }
        let carol = Person(name: "Carol", email: "carol@example.com")
        let grace = Person(name: "Grace", email: "grace@example.com")
        let base = try scenario.commit("2026-06-20", ["playbooks/metrics.yml": Scenario.metrics, okr: objective(10, 1000)])
        let side = try scenario.commit("2026-07-05", [okr: objective(12, 1100)], author: carol, parents: [base], updateHead: false)
        let main = try scenario.commit("2026-07-06", [okr: objective(10, 1500)])
        // KR-2 resolved by hand to a value neither line had.
        try scenario.commit("2026-07-07", [okr: objective(12, 1600)], author: grace, parents: [main, side])
        let history = try HistoryReader(roots: ["playbooks"]).read(scenario.repository)
        let log = try XCTUnwrap(EntityLog(id: "OKR-2026Q3-GRO-1", timelines: Timelines(history), history: history))
        XCTAssertEqual(log.events.map(\.author.name), ["Ada Lovelace", "Ada Lovelace", "Carol", "Grace"])
        XCTAssertEqual(log.commitCount, 3)
        XCTAssertTrue(LogRenderer.markdown(log).contains("3 commits changed it."))
    }

    /// With all parents, the check-ins Carol made on a branch are the report's events, dated by and
    /// credited to her commits, while the values at the quarter's start and end stay the first-parent
    /// line's; first-parent, the merge that brought them is the objective's first commit there.
    func testAllParentsCountsTheCheckInsOfAMergedBranch() throws {
        let scenario = try Scenario(for: self)
        let okr = "playbooks/okrs/growth.yml"
        let objective = { (current: Double) in
            Scenario.objective("OKR-2026Q3-GRO-1", squad: "growth", alignsTo: "weekly-active-learners", title: "Grow",
                               krs: [("KR-1", 0, 100, current)])
        }
        let carol = Person(name: "Carol", email: "carol@example.com")
        let base = try scenario.commit("2026-06-01", ["playbooks/metrics.yml": Scenario.metrics])
        let planned = try scenario.commit("2026-06-20", [okr: objective(5)], author: carol, parents: [base], updateHead: false)
        let checkIn = try scenario.commit("2026-07-02", [okr: objective(20)], author: carol, parents: [planned], updateHead: false)
        let other = try scenario.commit("2026-06-26", [okr: nil, "playbooks/README.md": "notes"])
        try scenario.commit("2026-07-05", [okr: objective(20)], parents: [other, checkIn])
        let last = try scenario.commit("2026-08-01", [okr: objective(30)])
        let firstParent = try XCTUnwrap(try report(scenario).objectives.first?.keyResults.first)
        XCTAssertEqual(firstParent.checkIns.map(\.commit), [last])
        let all = try XCTUnwrap(try report(scenario, mode: .allParents).objectives.first?.keyResults.first)
        XCTAssertEqual(all.checkIns.map(\.commit), [checkIn, last])
        XCTAssertEqual(all.checkIns.map(\.value), [20, 30])
        XCTAssertEqual(all.checkIns.map(\.author), [carol, Scenario.ada])
        XCTAssertEqual(all.checkIns.first?.time, Scenario.noon("2026-07-02"))
        XCTAssertEqual(all.startValue, firstParent.startValue)
        XCTAssertEqual(all.endValue, 30)
    }

    func testAKeyResultTakenOutAndPutBackWithAnotherValueIsACheckIn() throws {
        // KR-2 is taken out and put back at another value; later the whole objective is deleted
        // and written again with new values. Each return records a value `current` did not have:
        // a check-in on the trajectory. Put back at the value it left with, it changes nothing.
        let scenario = try Scenario(for: self)
        let okr = "playbooks/okrs/growth.yml"
        let objective = { (krs: [(String, Double, Double, Double)]) in
            Scenario.objective("OKR-2026Q3-GRO-1", squad: "growth", alignsTo: "weekly-active-learners", title: "Grow", krs: krs)
        }
        try scenario.commit("2026-06-20", ["playbooks/metrics.yml": Scenario.metrics, okr: objective([("KR-1", 4, 6, 4), ("KR-2", 60, 40, 60)])])
        try scenario.commit("2026-07-10", [okr: objective([("KR-1", 4, 6, 4.4), ("KR-2", 60, 40, 58)])])
        try scenario.commit("2026-07-20", [okr: objective([("KR-1", 4, 6, 4.6)])])
        try scenario.commit("2026-08-01", [okr: objective([("KR-1", 4, 6, 4.6), ("KR-2", 60, 40, 50)])])
        try scenario.commit("2026-08-10", [okr: nil])
        try scenario.commit("2026-08-20", [okr: objective([("KR-1", 4, 6, 5), ("KR-2", 60, 40, 50)])])
        try scenario.commit("2026-09-10", [okr: objective([("KR-1", 4, 6, 5.2), ("KR-2", 60, 40, 47)])])
        let krs = try XCTUnwrap(try report(scenario).objectives.first?.keyResults)
        XCTAssertEqual(krs.map(\.startValue), [4, 60])
        XCTAssertEqual(krs.map(\.endValue), [Decimal(string: "5.2"), 47])
        XCTAssertEqual(krs[0].checkIns.map(\.value), [Decimal(string: "4.4"), Decimal(string: "4.6"), 5, Decimal(string: "5.2")])
        XCTAssertEqual(krs[0].checkIns.map { UTC.day(of: $0.time).description }, ["2026-07-10", "2026-07-20", "2026-08-20", "2026-09-10"])
        // Back at 50 on 2026-08-20, the value it left with on 2026-08-10: no check-in then.
        XCTAssertEqual(krs[1].checkIns.map(\.value), [58, 50, 47])
        XCTAssertEqual(krs[1].checkIns.map { UTC.day(of: $0.time).description }, ["2026-07-10", "2026-08-01", "2026-09-10"])
    }

    func testAKeyResultRemovedDuringTheQuarterIsListedUnderItsObjectiveNotScored() throws {
        // KR-2 is checked in, then removed on 2026-08-11; KR-3 was removed before the quarter began.
        let scenario = try Scenario(for: self)
        let okr = "playbooks/okrs/growth.yml"
        let objective = { (krs: [(String, Double, Double, Double)]) in
            Scenario.objective("OKR-2026Q3-GRO-1", squad: "growth", alignsTo: "weekly-active-learners", title: "Grow", krs: krs)
        }
        let bob = Person(name: "Bob Stone", email: "bob@example.com")
        try scenario.commit("2026-06-10", ["playbooks/metrics.yml": Scenario.metrics,
                                           okr: objective([("KR-1", 0, 10, 0), ("KR-2", 30, 36, 30), ("KR-3", 1, 2, 1)])])
        try scenario.commit("2026-06-20", [okr: objective([("KR-1", 0, 10, 0), ("KR-2", 30, 36, 30)])])
        try scenario.commit("2026-07-10", [okr: objective([("KR-1", 0, 10, 2), ("KR-2", 30, 36, 31)])])
        try scenario.commit("2026-08-11", [okr: objective([("KR-1", 0, 10, 5)])], author: bob)
        let report = try report(scenario)
        let growth = try XCTUnwrap(report.objectives.first)
        XCTAssertEqual(growth.keyResults.map(\.id), ["KR-1"])
        XCTAssertEqual(growth.score, Decimal(string: "0.5"))  // KR-1 alone
        XCTAssertEqual(growth.keyResultsDropped.map(\.keyResult.id), ["KR-2"])
        let dropped = try XCTUnwrap(growth.keyResultsDropped.first)
        XCTAssertEqual(UTC.day(of: dropped.removed).description, "2026-08-11")
        XCTAssertEqual(dropped.author.name, "Bob Stone")
        XCTAssertEqual([dropped.keyResult.startValue, dropped.keyResult.endValue], [30, 31])
        XCTAssertEqual(dropped.keyResult.checkIns.count, 1)

        let line = "KR-2 KR-2 of OKR-2026Q3-GRO-1: removed 2026-08-11 by Bob Stone (start 30%, last 31%, 1 check-in); not counted in the score"
        XCTAssertTrue(OKRRenderer.markdown(report).contains("- " + line + "\n"), OKRRenderer.markdown(report))
        XCTAssertTrue(HTMLReport.okr(report).contains("<li>\(line)</li>"))
        let json = OKRRenderer.json(report)
        XCTAssertTrue(json.contains("\"key_results_dropped\""))
        XCTAssertTrue(json.contains("\"removed\": \"2026-08-11\""), json)
        XCTAssertTrue(json.contains("\"last_value\": 31"))
        XCTAssertFalse(json.contains("KR-3"))
        let csv = OKRRenderer.csv(report).split(separator: "\n")
        XCTAssertEqual(csv.count, 2)  // KR-1's row only
        XCTAssertTrue(csv[0].contains(",objective_key_results_dropped"))
        XCTAssertTrue(csv[1].contains(",KR-2:2026-08-11"))
    }

    func testABaselineOrTargetEditedDuringTheQuarterIsSaidInEveryFormat() throws {
        // The target was edited before the quarter (not said); the baseline on 2026-07-15, the target on 2026-08-01.
        let scenario = try Scenario(for: self)
        let okr = "playbooks/okrs/growth.yml"
        let objective = { (baseline: Double, target: Double, current: Double) in
            Scenario.objective("OKR-2026Q3-GRO-1", squad: "growth", alignsTo: "weekly-active-learners", title: "Grow",
                               krs: [("KR-1", baseline, target, current)])
        }
        let dan = Person(name: "Dan Weiss", email: "dan@example.com")
        try scenario.commit("2026-06-10", ["playbooks/metrics.yml": Scenario.metrics, okr: objective(12.5, 15, 12.5)])
        try scenario.commit("2026-06-20", [okr: objective(12.5, 14.5, 12.5)])
        try scenario.commit("2026-07-15", [okr: objective(12, 14.5, 12.4)], author: dan)
        try scenario.commit("2026-08-01", [okr: objective(12, 14, 12.9)])
        let report = try report(scenario)
        let markdown = OKRRenderer.markdown(report)
        XCTAssertTrue(markdown.contains("- **KR-1** trajectory: 12.5% → 12.4% (2026-07-15) → 12.9% (2026-08-01); "
            + "baseline changed 12.5% → 12% on 2026-07-15 by Dan Weiss; target changed 14.5% → 14% on 2026-08-01 by Ada Lovelace\n"), markdown)
        XCTAssertFalse(markdown.contains("15%"), "an edit before the quarter is not the quarter's")
        XCTAssertTrue(HTMLReport.okr(report).contains("<li>KR-1 baseline changed 12.5% → 12% on 2026-07-15 by Dan Weiss</li>"))
        let json = OKRRenderer.json(report)
        XCTAssertTrue(json.contains("""
                      "baseline_changes": [
                        {
                          "date": "2026-07-15",
                          "from": 12.5,
                          "to": 12,
        """), json)
        XCTAssertTrue(json.contains("\"target_changes\": ["), json)
        let csv = OKRRenderer.csv(report)
        XCTAssertTrue(csv.contains(",baseline_changes,target_changes\n"), csv)
        XCTAssertTrue(csv.contains(",2026-07-15:12.5:12,2026-08-01:14.5:14\n"), csv)
    }

    func testProgressAndScoresAreShownToTwoDecimalsInMarkdownHTMLAndCSV() throws {
        // KR-1 of GRO-1 is at 0.5, SRC-1's KR-1 at 0: shown 0.50 and 0.00, as the README says; JSON keeps numbers.
        let scenario = try Scenario(for: self)
        try scenario.build()
        let report = try report(scenario)
        let markdown = OKRRenderer.markdown(report)
        XCTAssertTrue(markdown.contains("| 10% | 15% | 0.50 | 0.50 | ❌ missed |"), markdown)
        XCTAssertTrue(markdown.contains("| 0% | 0% | 0.00 | 0.00 | ❌ missed |"), markdown)
        XCTAssertTrue(markdown.contains("score 0.00"), markdown)
        let html = HTMLReport.okr(report)
        XCTAssertTrue(html.contains("<td class=\"n\">0.50</td>"))
        XCTAssertTrue(html.contains("score 0.00"))
        XCTAssertTrue(OKRRenderer.csv(report).contains(",Search,0.00,KR-1,"), OKRRenderer.csv(report))
        XCTAssertTrue(OKRRenderer.csv(report).contains(",10,15,0.50,0.50,2,"), OKRRenderer.csv(report))
        XCTAssertTrue(OKRRenderer.json(report).contains("\"progress\": 0.5,"))
    }

    func testARunningQuarterIsReportedUpToToday() throws {
        let scenario = try Scenario(for: self)
        try scenario.build()
        let report = try report(scenario, today: "2026-08-12")
        XCTAssertFalse(report.complete)
        XCTAssertEqual(report.lastDay.description, "2026-08-12")
        XCTAssertEqual(report.objectives.map(\.id), ["OKR-2026Q3-GRO-1", "OKR-2026Q3-GRO-3"])
        XCTAssertEqual(report.objectives[0].keyResults.map(\.endValue), [15])
    }

    func testAQuarterThatHasNotStartedSaysSoInEveryFormat() throws {
        let scenario = try Scenario(for: self)
        try scenario.build()
        // 2026-06-25: the Q3 objectives are planned (committed 2026-06-20), the quarter starts 2026-07-01.
        let report = try report(scenario, today: "2026-06-25")
        XCTAssertFalse(report.started)
        XCTAssertFalse(report.complete)
        XCTAssertEqual(report.status, "not started")
        XCTAssertFalse(report.objectives.isEmpty, "the planned objectives are listed")
        let krs = report.objectives.flatMap(\.keyResults)
        XCTAssertTrue(krs.allSatisfy { $0.endValue == nil && $0.progress == nil && $0.score == nil && $0.checkIns.isEmpty })
        let said = "2026-Q3 has not started: it runs 2026-07-01 to 2026-09-30; objectives planned for it as of 2026-06-25, nothing measured yet"
        XCTAssertTrue(OKRRenderer.markdown(report).contains(said), OKRRenderer.markdown(report))
        XCTAssertTrue(HTMLReport.okr(report).contains(said))
        XCTAssertFalse(OKRRenderer.markdown(report).contains("in progress"))
        let json = OKRRenderer.json(report)
        XCTAssertTrue(json.contains("\"started\": false"), json)
        XCTAssertTrue(json.contains("\"quarter_end\": \"2026-09-30\""), json)
        let csv = OKRRenderer.csv(report).split(separator: "\n")
        XCTAssertTrue(csv.first?.contains(",quarter_status,") == true)
        XCTAssertTrue(csv.dropFirst().allSatisfy { $0.contains(",not started,") }, "\(csv)")

        let running = try self.report(scenario, today: "2026-08-12")
        XCTAssertTrue(running.started)
        XCTAssertTrue(OKRRenderer.json(running).contains("\"started\": true"))
    }

    /// A revenue key result of a squad that budgets in EUR, with its confidence falling.
    func revenueScenario() throws -> Scenario {
        let scenario = try Scenario(for: self)
        func objective(current: String, confidence: String) -> String {
            """
            kind: Objective
            id: OKR-2026Q3-PAY-1
            squad: payments
            quarter: 2026-Q3
            title: Grow revenue
            aligns_to: revenue
            key_results:
              - id: KR-1
                title: Monthly revenue
                metric: revenue
                baseline: 1000000
                target: 2000000
                current: \(current)
                confidence: \(confidence)

            """
        }
        try scenario.commit("2026-06-20", [
            "playbooks/metrics.yml": "kind: Metric\nid: revenue\nname: Revenue\nunit: currency\ndirection: increase\nowner: payments\nnorth_star: true\n",
            "playbooks/squads/payments.yml": "kind: Squad\nid: payments\nname: Payments\nbudget: {quarterly: 50000, currency: EUR}\n",
            "playbooks/okrs/payments.yml": objective(current: "1000000", confidence: "0.7"),
        ])
        try scenario.commit("2026-07-20", ["playbooks/okrs/payments.yml": objective(current: "1300000", confidence: "0.6")])
        try scenario.commit("2026-08-05", ["playbooks/okrs/payments.yml": objective(current: "1350000.5", confidence: "0.5")])
        return scenario
    }

    func testKeyResultsGetAStatusFromProgressAgainstTimeElapsed() throws {
        let scenario = try revenueScenario()
        let history = try HistoryReader(roots: ["playbooks"], mode: .firstParent).read(scenario.repository)
        func status(on day: String, thresholds: KeyResultStatusThresholds = KeyResultStatusThresholds()) throws -> KeyResultStatus? {
            OKRReport(quarter: Quarter(year: 2026, number: 3), today: try XCTUnwrap(Day(day)), timelines: Timelines(history),
                      history: history, thresholds: thresholds).objectives.first?.keyResults.first?.status
        }
        // Progress 0.35 (1,350,000.5 of 1,000,000 → 2,000,000). On 2026-08-12, 43 of 92 days (0.467) have gone:
        // 0.35 ≥ 0.6 × 0.467 = 0.28 but < 0.9 × 0.467 = 0.42: at risk.
        XCTAssertEqual(try status(on: "2026-08-12"), .atRisk)
        // On 2026-07-25 (25 days, 0.272) the value is 1,300,000, progress 0.3 ≥ 0.9 × 0.272 = 0.245: on track.
        XCTAssertEqual(try status(on: "2026-07-25"), .onTrack)
        // Once the quarter has ended it is judged on the target, not on time: 0.35 short of it is missed,
        // under any thresholds (review54c D5: it was off track, or at risk with at_risk 0.3).
        XCTAssertEqual(try status(on: "2026-11-01"), .missed)
        XCTAssertEqual(try status(on: "2026-11-01", thresholds: KeyResultStatusThresholds(onTrack: 0.9, atRisk: 0.3)), .missed)
    }

    /// review54c D5: three days into 2026-Q3, before its first check-in (2026-07-20), the key result was
    /// off track (progress 0 against 3 % of the quarter); at the quarter's end one short of its target was
    /// still "at risk" or "off track" from progress against elapsed time. Not checked in yet in the first
    /// three weeks it is "no check-in yet" (unless already on track); a closed quarter's is achieved or missed.
    func testKeyResultStatusAtTheQuartersEdges() throws {
        let scenario = try revenueScenario()
        let history = try HistoryReader(roots: ["playbooks"], mode: .firstParent).read(scenario.repository)
        func status(on day: String) throws -> KeyResultStatus? {
            OKRReport(quarter: Quarter(year: 2026, number: 3), today: try XCTUnwrap(Day(day)), timelines: Timelines(history),
                      history: history).objectives.first?.keyResults.first?.status
        }
        XCTAssertEqual(try status(on: "2026-07-03"), .noCheckInYet)
        XCTAssertEqual(try status(on: "2026-07-19"), .noCheckInYet)
        XCTAssertEqual(try status(on: "2026-07-25"), .onTrack)
        let thresholds = KeyResultStatusThresholds()
        // Past the first three weeks, no check-in is no excuse; on track needs none; the target reached is achieved.
        XCTAssertEqual(KeyResultStatus.judge(progress: 0, expected: 0.25, thresholds: thresholds, complete: false, checkedIn: false, daysIn: 22), .offTrack)
        XCTAssertEqual(KeyResultStatus.judge(progress: 0.1, expected: 0.05, thresholds: thresholds, complete: false, checkedIn: false, daysIn: 5), .onTrack)
        XCTAssertEqual(KeyResultStatus.judge(progress: 1, expected: 1, thresholds: thresholds, complete: true, checkedIn: true, daysIn: 92), .achieved)
        XCTAssertEqual(KeyResultStatus.judge(progress: 0.88, expected: 1, thresholds: thresholds, complete: true, checkedIn: true, daysIn: 92), .missed)
        let early = OKRReport(quarter: Quarter(year: 2026, number: 3), today: Day(year: 2026, month: 7, day: 3), timelines: Timelines(history), history: history)
        XCTAssertTrue(OKRRenderer.markdown(early).contains("⚪ no check-in yet"))
        XCTAssertTrue(try XCTUnwrap(OKRReport.statusBasis(early)).hasSuffix("in the quarter's first 21 days one not checked in yet and not on track is no check-in yet)"))
    }

    func testValuesAreShownInTheirUnitAndTheConfidenceTrendIsReported() throws {
        let scenario = try revenueScenario()
        let history = try HistoryReader(roots: ["playbooks"], mode: .firstParent).read(scenario.repository)
        let report = OKRReport(quarter: Quarter(year: 2026, number: 3), today: Day(year: 2026, month: 8, day: 12),
                               timelines: Timelines(history), history: history)
        let kr = try XCTUnwrap(report.objectives.first?.keyResults.first)
        XCTAssertEqual(kr.unit, .currency)
        XCTAssertEqual(kr.currency, "EUR")
        XCTAssertEqual(kr.confidence.map(\.value), [0.7, 0.6, 0.5])
        XCTAssertEqual(kr.confidenceTrend, .falling)
        let markdown = OKRRenderer.markdown(report)
        XCTAssertTrue(markdown.contains("| KR-1 | Monthly revenue | EUR 1,000,000 | EUR 2,000,000 | EUR 1,000,000 | EUR 1,350,000.5 | 0.35 | 0.35 | 🟠 at risk | 0.7 → 0.6 → 0.5 (start to end: falling) |"), markdown)
        XCTAssertTrue(HTMLReport.okr(report).contains("<span class=\"status at-risk\">at risk</span>"))
        let json = OKRRenderer.json(report)
        XCTAssertTrue(json.contains("\"status\": \"at risk\""), json)
        XCTAssertTrue(json.contains("\"confidence_trend\": \"falling\""), json)
        XCTAssertTrue(json.contains("\"end_value\": 1350000.5"), "JSON keeps plain numbers")
        XCTAssertTrue(OKRRenderer.csv(report).contains(",currency,EUR,at risk,0.7,0.5,falling,,,,,\n"), OKRRenderer.csv(report))
    }

    /// A confidence written before the quarter and not changed during it is the key result's
    /// confidence for the quarter, as its `current` carries in as the start value: one point at the
    /// quarter's first day, steady, in every format (not "–"). Read with all parents too, where the
    /// objective was written on a side branch merged before the quarter.
    func testAConfidenceWrittenBeforeTheQuarterCarriesIntoIt() throws {
        func objective(current: String) -> String {
            Scenario.objective("OKR-2026Q3-GRO-1", squad: "growth", alignsTo: "weekly-active-learners", title: "Grow signups",
                               krs: [("KR-1", 10, 20, Double(current) ?? 0)]) + "    confidence: 0.6\n"
        }
        let scenario = try Scenario(for: self)
        let path = "playbooks/okrs/growth.yml"
        let base = try scenario.commit("2026-06-01", ["playbooks/metrics.yml": Scenario.metrics])
        let side = try scenario.commit("2026-06-05", [path: objective(current: "10")], parents: [base], updateHead: false)
        let main = try scenario.commit("2026-06-10", ["playbooks/README.md": "notes"])
        try scenario.commit("2026-06-20", [path: objective(current: "10")], parents: [main, side])
        try scenario.commit("2026-07-10", [path: objective(current: "12")])  // a check-in; the confidence stays
        for (mode, today) in [(WalkMode.firstParent, "2026-11-01"), (.firstParent, "2026-07-02"), (.allParents, "2026-08-12")] {
            let report = try report(scenario, today: today, mode: mode)
            let kr = try XCTUnwrap(report.objectives.first?.keyResults.first, "\(mode) \(today)")
            XCTAssertEqual(kr.confidence.map(\.value), [0.6], "\(mode) \(today)")
            XCTAssertEqual(kr.confidence.map { UTC.day(of: $0.time).description }, ["2026-07-01"], "\(mode) \(today)")
            XCTAssertEqual(kr.confidenceTrend, .steady, "\(mode) \(today)")
            XCTAssertEqual(OKRRenderer.confidenceText(kr), "0.6")
            XCTAssertTrue(OKRRenderer.markdown(report).contains(" | 0.6 | "), OKRRenderer.markdown(report))
            XCTAssertTrue(OKRRenderer.json(report).contains("\"confidence_trend\": \"steady\""), OKRRenderer.json(report))
            XCTAssertTrue(OKRRenderer.csv(report).contains(",0.6,0.6,steady"), OKRRenderer.csv(report))
            XCTAssertTrue(HTMLReport.okr(report).contains("<td>0.6</td>"), HTMLReport.okr(report))
        }
    }

    func testUnitsReadAsTheirMetricsDo() {
        XCTAssertEqual(UnitText.text(18.25, unit: .percent), "18.25%")
        XCTAssertEqual(UnitText.text(42000, unit: .count), "42,000")
        XCTAssertEqual(UnitText.text(-1234567.5, unit: .currency, currency: "USD"), "USD -1,234,567.5")
        XCTAssertEqual(UnitText.text(3.25, unit: .duration), "3.3 days")
        XCTAssertEqual(UnitText.text(1, unit: .duration), "1 day")
        // Singular whenever the number shown reads one: 1.04 and 0.96 read "1 days" before.
        XCTAssertEqual(UnitText.text(Decimal(string: "1.04"), unit: .duration), "1 day")
        XCTAssertEqual(UnitText.text(Decimal(string: "0.96"), unit: .duration), "1 day")
        XCTAssertEqual(UnitText.text(Decimal(string: "-1.04"), unit: .duration), "-1 day")
        XCTAssertEqual(UnitText.text(Decimal(string: "1.05"), unit: .duration), "1.1 days")
        XCTAssertEqual(UnitText.text(Decimal(string: "0.94"), unit: .duration), "0.9 days")
        XCTAssertEqual(UnitText.days("1"), "1 day")
        XCTAssertEqual(UnitText.days("14"), "14 days")
        XCTAssertEqual(UnitText.text(0.4213, unit: .ratio), "0.4213")
        XCTAssertEqual(UnitText.text(nil, unit: .count), "–")
    }

    func testDeletingTheCacheChangesNoNumber() throws {
        let scenario = try Scenario(for: self)
        try scenario.build()
        let render = { (history: History) -> String in
            OKRRenderer.json(OKRReport(quarter: Quarter(year: 2026, number: 3), today: Day(year: 2026, month: 11, day: 1),
                                       timelines: Timelines(history), history: history))
                + ExperimentRenderer.json(ExperimentReport(
                    period: Period(quarter: Quarter(year: 2026, number: 3)), today: Day(year: 2026, month: 11, day: 1),
                    timelines: Timelines(history), history: history))
        }
        let cold = render(try scenario.history(cache: true))
        let warm = try scenario.history(cache: true)
        XCTAssertEqual(warm.commitsRead, 0)
        XCTAssertEqual(render(warm), cold)
        try FileManager.default.removeItem(atPath: HistoryReader.defaultCacheFile(for: scenario.repository))
        XCTAssertEqual(render(try scenario.history(cache: false)), cold)
    }
}
