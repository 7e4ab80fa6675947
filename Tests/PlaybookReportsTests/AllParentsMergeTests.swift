import Foundation
import PlaybookGit
import PlaybookHistory
import PlaybookModel
@testable import PlaybookReports
import XCTest

/// Merges read with all parents as a growth team makes them: an octopus merge, a move on one
/// branch and an edit on the other, a deletion on a branch while the main line concluded the
/// experiment. `log`, `report okr` and the first-parent walk tell the same story of each.
final class AllParentsMergeTests: XCTestCase {
    private let okr = "playbooks/okrs/growth.yml"
    private let bob = Person(name: "Bob", email: "bob@example.com")
    private let carol = Person(name: "Carol", email: "carol@example.com")
    private let dave = Person(name: "Dave", email: "dave@example.com")

    private func objective(_ kr1: Double, _ kr2: Double) -> String {
        Scenario.objective("OKR-2026Q3-GRO-1", squad: "growth", alignsTo: "weekly-active-learners", title: "Grow",
                           krs: [("KR-1", 100, 300, kr1), ("KR-2", 1, 10, kr2)])
    }

    private func history(_ scenario: Scenario, _ mode: WalkMode) throws -> History {
        try HistoryReader(roots: ["playbooks"], mode: mode).read(scenario.repository)
    }

    private func log(_ scenario: Scenario, _ id: String, mode: WalkMode) throws -> EntityLog {
        let history = try history(scenario, mode)
        return try XCTUnwrap(EntityLog(id: id, timelines: Timelines(history), history: history))
    }

    private func report(_ scenario: Scenario, mode: WalkMode) throws -> OKRReport {
        let history = try history(scenario, mode)
        return OKRReport(quarter: Quarter(year: 2026, number: 3), today: try XCTUnwrap(Day("2026-11-01")),
                         timelines: Timelines(history), history: history)
    }

    /// Bob checks KR-1 in on one branch, Dave KR-2 on another, and Carol merges both at once (an
    /// octopus merge, as `git merge a b` makes one). Each check-in is its author's, dated by his own
    /// commit with all parents, and each commit is an event of its key result's log.
    func testAnOctopusMergeKeepsEachBranchsCheckInItsAuthors() throws {
        let scenario = try Scenario(for: self)
        let base = try scenario.commit("2026-07-01", ["playbooks/metrics.yml": Scenario.metrics, okr: objective(110, 5)])
        let first = try scenario.commit("2026-07-03", [okr: objective(130, 5)], author: bob, parents: [base], updateHead: false)
        let second = try scenario.commit("2026-07-05", [okr: objective(110, 7)], author: dave, parents: [base], updateHead: false)
        let merge = try scenario.commit("2026-07-08", [okr: objective(130, 7)], author: carol, parents: [base, first, second])

        let all = try XCTUnwrap(try report(scenario, mode: .allParents).objectives.first?.keyResults)
        XCTAssertEqual(all.map { $0.checkIns.map(\.commit) }, [[first], [second]])
        XCTAssertEqual(all.map { $0.checkIns.map(\.author) }, [[bob], [dave]], "Dave's check-in is not Carol's")
        let firstParent = try XCTUnwrap(try report(scenario, mode: .firstParent).objectives.first?.keyResults)
        XCTAssertEqual(firstParent.map { $0.checkIns.map(\.commit) }, [[merge], [merge]])
        XCTAssertEqual(firstParent.map { $0.checkIns.map(\.author) }, [[bob], [dave]])

        let kr2 = try log(scenario, "OKR-2026Q3-GRO-1/KR-2", mode: .allParents)
        XCTAssertEqual(kr2.events.map(\.commit), [base, second], "Dave's commit is KR-2's event; the merge only carried it")
        XCTAssertEqual(kr2.events.last?.author, dave)
        let kr1 = try log(scenario, "OKR-2026Q3-GRO-1/KR-1", mode: .allParents)
        XCTAssertEqual(kr1.events.map(\.commit), [base, first])
        let objective = try log(scenario, "OKR-2026Q3-GRO-1", mode: .allParents)
        XCTAssertEqual(objective.events.map(\.commit), [base, first, second])
        XCTAssertEqual(objective.commitCount, 3)
    }

    /// Both lines check KR-1 in (Bob's branch 150, the main line 120 a day later) and Carol's merge
    /// keeps Bob's 150 (`git merge -X theirs`): the value Bob made, as the first-parent walk credits
    /// it. With all parents the merge still moves the line's value back to 150, so it stays in the
    /// trajectory, dated by the merge, but as Bob's check-in, not Carol's.
    func testAMergeKeepingASidesCheckInOverTheMainLinesIsCreditedToWhoMadeIt() throws {
        let scenario = try Scenario(for: self)
        let base = try scenario.commit("2026-07-01", ["playbooks/metrics.yml": Scenario.metrics, okr: objective(100, 5)])
        let side = try scenario.commit("2026-08-03", [okr: objective(150, 5)], author: bob, parents: [base], updateHead: false)
        let main = try scenario.commit("2026-08-04", [okr: objective(120, 5)])
        let merge = try scenario.commit("2026-08-05", [okr: objective(150, 5)], author: carol, parents: [main, side])

        let firstParent = try XCTUnwrap(try report(scenario, mode: .firstParent).objectives.first?.keyResults.first)
        XCTAssertEqual(firstParent.checkIns.map(\.commit), [main, merge])
        XCTAssertEqual(firstParent.checkIns.map(\.author), [Scenario.ada, bob])
        let all = try XCTUnwrap(try report(scenario, mode: .allParents).objectives.first?.keyResults.first)
        XCTAssertEqual(all.checkIns.map(\.commit), [side, main, merge])
        XCTAssertEqual(all.checkIns.map(\.value), [150, 120, 150])
        XCTAssertEqual(all.checkIns.map(\.author), [bob, Scenario.ada, bob], "Carol chose Bob's value; she made none")

        let kr1 = try log(scenario, "OKR-2026Q3-GRO-1/KR-1", mode: .allParents)
        XCTAssertEqual(kr1.events.map(\.commit), [base, side, main, merge], "by date")
        XCTAssertEqual(kr1.events.last?.author, bob)
    }

    /// Bob checks KR-1 in on a branch in June (Q2); Carol merges it in July. With all parents his
    /// commit is counted in Q2, its own quarter, and the Q3 report would show the value moving with no
    /// check-in: the merge that brought it is the quarter's check-in, by Bob, as the first-parent walk counts it.
    func testACheckInMadeOnABranchBeforeTheQuarterIsTheMergesInIt() throws {
        let scenario = try Scenario(for: self)
        let base = try scenario.commit("2026-06-10", ["playbooks/metrics.yml": Scenario.metrics, okr: objective(100, 5)])
        let side = try scenario.commit("2026-06-20", [okr: objective(150, 5)], author: bob, parents: [base], updateHead: false)
        // (The scenario commits from one work tree: the main line's file is written back as it was.)
        let main = try scenario.commit("2026-06-25", [okr: objective(100, 5), "playbooks/squads/growth.yml": "kind: Squad\nid: growth\nname: Growth\n"])
        let merge = try scenario.commit("2026-07-05", [okr: objective(150, 5)], author: carol, parents: [main, side])

        for mode in [WalkMode.firstParent, .allParents] {
            let kr1 = try XCTUnwrap(try report(scenario, mode: mode).objectives.first?.keyResults.first)
            XCTAssertEqual(kr1.checkIns.map(\.commit), [merge], "\(mode)")
            XCTAssertEqual(kr1.checkIns.map(\.author), [bob], "\(mode)")
            XCTAssertEqual(kr1.checkIns.map(\.value), [150], "\(mode)")
            XCTAssertEqual(kr1.endValue, 150, "\(mode)")
        }
        let kr1 = try log(scenario, "OKR-2026Q3-GRO-1/KR-1", mode: .allParents)
        XCTAssertEqual(kr1.events.map(\.commit), [base, side], "the log lists Bob's commit, dated by it")
    }

    /// Bob checks KR-1 in on a pull request's branch and Carol then checks KR-2 in on the same branch; Dave
    /// merges it, the main line having left the file alone. Each check-in is its maker's in either walk (the
    /// first-parent walk credited the file's last commit, Carol's, with both), and an experiment Bob created
    /// there and Carol concluded was created by Bob.
    func testABranchWithTwoAuthorsKeepsEachValueItsMakers() throws {
        let scenario = try Scenario(for: self)
        let experiment = "playbooks/experiments/EXP-0001.yml"
        let base = try scenario.commit("2026-07-01", ["playbooks/metrics.yml": Scenario.metrics, okr: objective(100, 5)])
        let bobs = try scenario.commit("2026-07-10", [okr: objective(120, 5),
                                                      experiment: Scenario.experiment("EXP-0001", squad: "growth", status: "running")],
                                       author: bob, parents: [base], updateHead: false)
        let carols = try scenario.commit("2026-07-11", [okr: objective(120, 7),
                                                        experiment: Scenario.experiment("EXP-0001", squad: "growth", status: "concluded")],
                                         author: carol, parents: [bobs], updateHead: false)
        let merge = try scenario.commit("2026-07-14", [:], author: dave, parents: [base, carols])

        let firstParent = try XCTUnwrap(try report(scenario, mode: .firstParent).objectives.first?.keyResults)
        XCTAssertEqual(firstParent.map { $0.checkIns.map(\.commit) }, [[merge], [merge]])
        XCTAssertEqual(firstParent.map { $0.checkIns.map(\.author) }, [[bob], [carol]], "KR-1 is Bob's check-in")
        let all = try XCTUnwrap(try report(scenario, mode: .allParents).objectives.first?.keyResults)
        XCTAssertEqual(all.map { $0.checkIns.map(\.author) }, [[bob], [carol]])

        let kr1 = try log(scenario, "OKR-2026Q3-GRO-1/KR-1", mode: .firstParent)
        XCTAssertEqual(kr1.events.last?.author, bob)
        let created = try log(scenario, "EXP-0001", mode: .firstParent)
        XCTAssertEqual(created.events.map(\.type), [.created])
        XCTAssertEqual(created.events.first?.author, bob, "Bob created it; Carol concluded it")
    }

    /// Carol checks KR-1 in at 130 on her branch; Bob, who checked in 120 on his, merges her branch into his
    /// with `-X ours` (keeping his 120), and Dave merges Bob's branch. The main line never held 130: with all
    /// parents Carol's commit is no check-in and no event of the key result's log, as a value thrown away by
    /// a merge on the main line is not.
    func testAValueAMergeOnTheSideThrewAwayIsNoCheckIn() throws {
        let scenario = try Scenario(for: self)
        let base = try scenario.commit("2026-07-01", ["playbooks/metrics.yml": Scenario.metrics, okr: objective(100, 5)])
        let bobs = try scenario.commit("2026-07-10", [okr: objective(120, 5)], author: bob, parents: [base], updateHead: false)
        let carols = try scenario.commit("2026-07-11", [okr: objective(130, 5)], author: carol, parents: [base], updateHead: false)
        let ours = try scenario.commit("2026-07-12", [okr: objective(120, 5)], author: bob, parents: [bobs, carols], updateHead: false)
        let merge = try scenario.commit("2026-07-14", [okr: objective(120, 5)], author: dave, parents: [base, ours])

        let all = try XCTUnwrap(try report(scenario, mode: .allParents).objectives.first?.keyResults.first)
        XCTAssertEqual(all.checkIns.map(\.commit), [bobs], "Carol's 130 never reached the main line")
        let firstParent = try XCTUnwrap(try report(scenario, mode: .firstParent).objectives.first?.keyResults.first)
        XCTAssertEqual(firstParent.checkIns.map(\.commit), [merge])
        XCTAssertEqual(firstParent.checkIns.map(\.author), [bob])
        let kr1 = try log(scenario, "OKR-2026Q3-GRO-1/KR-1", mode: .allParents)
        XCTAssertEqual(kr1.events.map(\.commit), [base, bobs])
    }

    /// The same with an experiment: Carol concludes it as a win on her branch, Bob abandons it on his and merges
    /// hers with `-X ours`; Dave merges Bob's. With all parents the experiment was abandoned, not also concluded.
    func testAConclusionAMergeOnTheSideThrewAwayIsNoMove() throws {
        let scenario = try Scenario(for: self)
        let path = "playbooks/experiments/EXP-0001.yml"
        let running = Scenario.experiment("EXP-0001", squad: "growth", status: "running", extra: "start: 2026-07-01")
        let won = Scenario.experiment("EXP-0001", squad: "growth", status: "concluded", extra: """
            start: 2026-07-01
            end: 2026-08-01
            result:
              outcome: win
              lift: 0.05
              decision: ship
              learnings: shorter forms win
            """)
        let dropped = Scenario.experiment("EXP-0001", squad: "growth", status: "abandoned", extra: """
            start: 2026-07-01
            result:
              outcome: inconclusive
              decision: kill
              learnings: stopped
            """)
        let base = try scenario.commit("2026-07-01", ["playbooks/metrics.yml": Scenario.metrics, path: running])
        let carols = try scenario.commit("2026-08-05", [path: won], author: carol, parents: [base], updateHead: false)
        let bobs = try scenario.commit("2026-08-06", [path: dropped], author: bob, parents: [base], updateHead: false)
        let ours = try scenario.commit("2026-08-07", [path: dropped], author: bob, parents: [bobs, carols], updateHead: false)
        try scenario.commit("2026-08-10", [path: dropped], author: dave, parents: [base, ours])

        for mode in [WalkMode.firstParent, .allParents] {
            let history = try history(scenario, mode)
            let report = ExperimentReport(period: Period(quarter: Quarter(year: 2026, number: 3)), today: try XCTUnwrap(Day("2026-11-01")),
                                          timelines: Timelines(history), history: history)
            XCTAssertEqual(report.total.concluded, [], "\(mode)")
            XCTAssertEqual(report.total.abandoned, ["EXP-0001"], "\(mode)")
            XCTAssertEqual(report.total.wins, 0, "\(mode)")
        }
    }

    /// EXP-0001 created (07-01, ending 08-01), renamed EXP-0002 on Bob's branch (07-10), extended to 08-10 by the main
    /// line on `mainDay`, and Dave's merge (07-14) holding the extended experiment under the new id.
    private func renamedOnABranch(_ scenario: Scenario, mainDay: String) throws -> (base: ObjectID, side: ObjectID, main: ObjectID, merge: ObjectID) {
        let old = "playbooks/experiments/EXP-0001.yml", new = "playbooks/experiments/EXP-0002.yml"
        let experiment = { (id: String, end: String) in
            Scenario.experiment(id, squad: "growth", status: "running", title: "Shorter signup form", extra: "end: \(end)")
        }
        let base = try scenario.commit("2026-07-01", ["playbooks/metrics.yml": Scenario.metrics, old: experiment("EXP-0001", "2026-08-01")])
        let side = try scenario.commit("2026-07-10", [old: nil, new: experiment("EXP-0002", "2026-08-01")], author: bob,
                                       parents: [base], updateHead: false)
        // (The side's commit changed the work tree the scenario commits from: the main line's files are written as they are.)
        let main = try scenario.commit(mainDay, [old: experiment("EXP-0001", "2026-08-10"), new: nil])
        let merge = try scenario.commit("2026-07-14", [old: nil, new: experiment("EXP-0002", "2026-08-10")], author: dave,
                                        parents: [main, side])
        return (base, side, main, merge)
    }

    /// Bob renames EXP-0001 to EXP-0002 on his branch while the main line extends it; Dave's merge holds the
    /// extended experiment under the new id. In either walk both ids' logs name Bob as who renamed it (`log
    /// EXP-0002` said Dave, `log EXP-0001` Bob).
    func testARenameOnABranchIsTheRenamersInBothLogs() throws {
        let scenario = try Scenario(for: self)
        let (_, _, main, merge) = try renamedOnABranch(scenario, mainDay: "2026-07-12")
        for mode in [WalkMode.firstParent, .allParents] {
            let renamed = try log(scenario, "EXP-0002", mode: mode)
            let rename = try XCTUnwrap(renamed.events.first { $0.renamedFrom == "EXP-0001" }, "\(mode)")
            XCTAssertEqual(rename.author, bob, "\(mode)")
            let gone = try log(scenario, "EXP-0001", mode: mode)
            // (With all parents the main line's extension, made after Bob's rename, is listed after it, by date.)
            let renaming = try XCTUnwrap(gone.events.first { $0.renamedTo == "EXP-0002" }, "\(mode)")
            XCTAssertEqual(renaming.author, bob, "\(mode)")
            XCTAssertEqual(gone.events.last?.commit, mode == .firstParent ? merge : main, "\(mode)")
        }
    }

    /// The same rename, the main line's edit made before it or after it: with all parents Bob's commit is the rename in
    /// both ids' logs, dated by it (`log EXP-0002 --all-parents` listed Dave's merge on the 14th, `log EXP-0001
    /// --all-parents` Bob's commit on the 10th), and the merge, which changed no value either line had not, is not listed.
    func testWithAllParentsARenameOnABranchIsItsCommit() throws {
        for mainDay in ["2026-07-08", "2026-07-12"] {
            let scenario = try Scenario(for: self)
            let (base, side, main, _) = try renamedOnABranch(scenario, mainDay: mainDay)
            let renamed = try log(scenario, "EXP-0002", mode: .allParents)
            XCTAssertEqual(Set(renamed.events.map(\.commit)), [base, main, side], "main line on \(mainDay)")
            let rename = try XCTUnwrap(renamed.events.first { $0.renamedFrom == "EXP-0001" })
            XCTAssertEqual(rename.commit, side, "main line on \(mainDay)")
            XCTAssertEqual(UTC.day(of: rename.time).description, "2026-07-10")
            let gone = try log(scenario, "EXP-0001", mode: .allParents)
            XCTAssertEqual(gone.events.first { $0.renamedTo == "EXP-0002" }?.commit, side, "main line on \(mainDay)")
        }
    }

    /// Bob files the experiment in another folder on his branch; the main line pauses it; Carol's
    /// clean merge holds the paused experiment at Bob's path. The move is Bob's, made once: with all
    /// parents `log` lists his commit and not the merge's repeat of it, by date; first-parent, the
    /// merge's move is credited to Bob.
    func testAMoveOnOneBranchAndAnEditOnTheOtherIsOneMove() throws {
        let scenario = try Scenario(for: self)
        let old = "playbooks/experiments/EXP-0001.yml", new = "playbooks/archive/EXP-0001.yml"
        let running = Scenario.experiment("EXP-0001", squad: "growth", status: "running")
        let paused = Scenario.experiment("EXP-0001", squad: "growth", status: "paused")
        let base = try scenario.commit("2026-07-01", ["playbooks/metrics.yml": Scenario.metrics, old: running])
        let side = try scenario.commit("2026-07-02", [old: nil, new: running], author: bob, parents: [base], updateHead: false)
        let main = try scenario.commit("2026-07-03", [old: paused])
        let merge = try scenario.commit("2026-07-04", [old: nil, new: paused], author: carol, parents: [main, side])

        let all = try log(scenario, "EXP-0001", mode: .allParents)
        XCTAssertEqual(all.events.map(\.commit), [base, side, main], "one move, Bob's; in date order")
        XCTAssertEqual(all.moveCount, 1)
        XCTAssertEqual(all.commitCount, 2)
        XCTAssertTrue(LogRenderer.markdown(all).contains("2 commits changed it; 1 only moved its file."))

        let firstParent = try log(scenario, "EXP-0001", mode: .firstParent)
        XCTAssertEqual(firstParent.events.map(\.commit), [base, main, merge])
        XCTAssertEqual(firstParent.events.last?.previousPath, old)
        XCTAssertEqual(firstParent.events.last?.author, bob, "Bob moved it")
    }

    /// EXP-0001 created (07-01), deleted on Bob's branch (07-02), the main line's commit with `mainFiles` (07-03; the
    /// experiment written back as `mainStatus`, since Bob's commit took it out of the work tree the scenario commits
    /// from), and Carol's merge, which deletes it (07-04).
    private func deletedOnABranch(_ scenario: Scenario, mainStatus: String, mainFiles: [String: String?] = [:])
        throws -> (base: ObjectID, side: ObjectID, main: ObjectID, merge: ObjectID) {
        let path = "playbooks/experiments/EXP-0001.yml"
        let base = try scenario.commit("2026-07-01", ["playbooks/metrics.yml": Scenario.metrics,
                                                      path: Scenario.experiment("EXP-0001", squad: "growth", status: "running")])
        let side = try scenario.commit("2026-07-02", [path: nil], author: bob, parents: [base], updateHead: false)
        let main = try scenario.commit("2026-07-03", mainFiles.merging([path: Scenario.experiment("EXP-0001", squad: "growth", status: mainStatus)]) { $1 })
        let merge = try scenario.commit("2026-07-04", [path: nil], author: carol, parents: [main, side])
        return (base, side, main, merge)
    }

    /// Bob deletes the experiment on his branch while the main line concludes it; Carol resolves the
    /// modify/delete conflict by deleting. The experiment left the playbook with the merge, after its
    /// conclusion: `log` with all parents dates its removal by the merge (as the site and the
    /// first-parent walk do), by Bob, who deleted it, and not before the conclusion.
    func testADeletionKeptOverTheMainLinesEditIsDatedByTheMerge() throws {
        let scenario = try Scenario(for: self)
        let (base, _, main, merge) = try deletedOnABranch(scenario, mainStatus: "concluded")
        for mode in [WalkMode.firstParent, .allParents] {
            let log = try log(scenario, "EXP-0001", mode: mode)
            XCTAssertEqual(log.events.map(\.commit), [base, main, merge], "\(mode)")
            XCTAssertEqual(log.events.last?.type, .removed, "\(mode)")
            XCTAssertEqual(log.events.last?.author, bob, "\(mode)")
        }
    }

    /// Bob deletes the experiment on his branch and nothing else touches it before Carol's merge:
    /// with all parents his commit is the removal, dated by it (as a side's check-in is).
    func testAPlainDeletionOnABranchIsItsCommitsWithAllParents() throws {
        let scenario = try Scenario(for: self)
        let (base, side, _, _) = try deletedOnABranch(scenario, mainStatus: "running", mainFiles: [okr: objective(100, 5)])
        let log = try log(scenario, "EXP-0001", mode: .allParents)
        XCTAssertEqual(log.events.map(\.commit), [base, side])
        XCTAssertEqual(log.events.last?.type, .removed)
    }
}
