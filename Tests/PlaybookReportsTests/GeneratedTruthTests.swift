import Foundation
import PlaybookGit
import PlaybookHistory
import PlaybookModel
@testable import PlaybookReports
import PlaybookTestSupport
import XCTest

/// Seeded random histories whose every OKR number is known: the generator keeps the first-parent
/// line's tree itself and an independent reckoning of the conventions (value at the quarter's start
/// and end, check-ins, progress, score) is compared with the report, in both walk modes and
/// through the history cache. The histories have check-ins with exact decimals, writes of an
/// unchanged value, title edits, key results and objectives added during the quarter, files moved
/// between folders, and side branches merged keeping the main line's tree (`git merge -X ours`),
/// whose own values must never be reported.
final class GeneratedTruthTests: XCTestCase {
    /// One key result as the generator wrote it.
    private struct KR: Equatable {
        var id: String
        var baseline: String
        var target: String
        var current: String
    }

    private struct Objective: Equatable {
        var id: String
        var squad: String
        var title: String
        var krs: [KR]
        var path: String
    }

    /// One experiment as the generator wrote it.
    private struct Exp: Equatable {
        var id: String
        var squad: String
        var status: String
        var outcome: String?
        var path: String
    }

    /// The main line as written: each commit's time and the objectives and experiments in its tree.
    private struct MainCommit {
        var time: Int64
        var objectives: [String: Objective]
        var experiments: [String: Exp]
    }

    private typealias Generator = SeededGenerator

    private static let squads = ["growth", "search", "activation"]

    private static func text(_ objective: Objective) -> String {
        var text = """
        kind: Objective
        id: \(objective.id)
        squad: \(objective.squad)
        quarter: 2026-Q3
        title: \(objective.title)
        aligns_to: weekly-active-learners
        key_results:

        """
        for kr in objective.krs {
            text += """
              - id: \(kr.id)
                title: \(kr.id) of \(objective.id)
                metric: signup-rate
                baseline: \(kr.baseline)
                target: \(kr.target)
                current: \(kr.current)

            """
        }
        return text
    }

    private static func text(_ experiment: Exp) -> String {
        var extra = ""
        if ["running", "paused", "concluded"].contains(experiment.status) { extra += "start: 2026-06-01\n" }
        if let outcome = experiment.outcome {
            extra += "result:\n  outcome: \(outcome)\n  decision: \(outcome == "win" ? "ship" : "kill")\n  learnings: Learned \(experiment.id).\n"
        }
        return Scenario.experiment(experiment.id, squad: experiment.squad, status: experiment.status, extra: extra)
    }

    /// The next step of an experiment's lifecycle (paused and back, a win, loss or no outcome, abandoned).
    private static func advance(_ experiment: inout Exp, _ random: inout Generator) {
        switch experiment.status {
        case "draft": experiment.status = random.chance(85) ? "ready" : "abandoned"
        case "ready": experiment.status = random.chance(85) ? "running" : "abandoned"
        case "running":
            let roll = random.below(100)
            if roll < 20 {
                experiment.status = "paused"
            } else if roll < 30 {
                experiment.status = "abandoned"
            } else {
                experiment.status = "concluded"
                experiment.outcome = [nil, "win", "loss", "inconclusive", "win"][random.below(5)]
            }
        case "paused": experiment.status = "running"
        default: break
        }
    }

    private static func day(_ offset: Int) -> String {
        let time = Scenario.noon("2026-06-10") + Int64(offset) * 86_400
        return UTC.day(of: time).description
    }

    /// Builds a history of about `steps` main-line commits from `seed`; returns the main line as written.
    private func generate(seed: UInt64, steps: Int, into scenario: Scenario) throws -> [MainCommit] {
        var random = Generator(state: seed)
        var objectives: [String: Objective] = [:]
        var experiments: [String: Exp] = [:]
        var nextExperiment = 1
        var line: [MainCommit] = []
        var day = 0
        var nextObjective = 1

        func newKR(_ number: Int) -> KR {
            var baseline = random.value(), target = random.value()
            while Decimal(string: target) == Decimal(string: baseline) { target = random.value() }
            if random.chance(30) { swap(&baseline, &target) }  // a key result that should go down
            return KR(id: "KR-\(number)", baseline: baseline, target: target, current: random.value())
        }
        func addObjective() {
            let squad = Self.squads[random.below(Self.squads.count)]
            let id = String(format: "OKR-2026Q3-%@-%d", String(squad.prefix(3)).uppercased(), nextObjective)
            nextObjective += 1
            let krs = (1...(random.below(3) + 1)).map { newKR($0) }
            objectives[id] = Objective(id: id, squad: squad, title: "Objective \(id)", krs: krs,
                                       path: "playbooks/okrs/\(squad)/\(id).yml")
        }
        /// What the working folder holds; each commit writes only what differs from the tree it should have,
        /// so a side branch's files never linger in the working folder.
        var written: [String: String] = [:]
        func files() -> [String: String?] {
            var tree: [String: String] = ["playbooks/metrics.yml": Scenario.metrics]
            for objective in objectives.values { tree[objective.path] = Self.text(objective) }
            for experiment in experiments.values { tree[experiment.path] = Self.text(experiment) }
            var files: [String: String?] = [:]
            for (path, text) in tree where written[path] != text { files[path] = text }
            for path in written.keys where tree[path] == nil { files[path] = .some(nil) }
            written = tree
            return files
        }
        @discardableResult
        func commitMain(parents: [ObjectID]? = nil) throws -> ObjectID {
            let id = try scenario.commit(Self.day(day), files(), parents: parents)
            line.append(MainCommit(time: Scenario.noon(Self.day(day)), objectives: objectives, experiments: experiments))
            day += 1
            return id
        }

        addObjective()
        addObjective()
        var head = try commitMain()
        for _ in 0..<steps {
            let ids = objectives.keys.sorted()
            let target = ids[random.below(ids.count)]
            let roll = random.below(100)
            let before = experiments
            let open = experiments.values.filter { !["concluded", "abandoned"].contains($0.status) }.map(\.id).sorted()
            if random.chance(65) {
                // Experiments move on alongside (in the same commit as) whatever else happens.
                if open.count < 3 || random.chance(25) {
                    let id = String(format: "EXP-%04d", nextExperiment)
                    nextExperiment += 1
                    let squad = Self.squads[random.below(Self.squads.count)]
                    experiments[id] = Exp(id: id, squad: squad, status: "draft", path: "playbooks/experiments/\(id).yml")
                } else if random.chance(8), let done = experiments.values.filter({ $0.status == "concluded" }).map(\.id).sorted().first {
                    // Reopened (as a revert of its conclusion does): it concludes when it concludes again.
                    experiments[done]!.status = "running"
                    experiments[done]!.outcome = nil
                } else {
                    Self.advance(&experiments[open[random.below(open.count)]]!, &random)
                }
            }
            if roll < 50 {
                // A check-in; one in ten writes the value the key result already has.
                let k = random.below(objectives[target]!.krs.count)
                if !random.chance(10) { objectives[target]!.krs[k].current = random.value() }
            } else if roll < 60 {
                objectives[target]!.title = "Objective \(target), reworded \(random.below(1000))"
            } else if roll < 75 {
                // A side branch sets a value that the merge throws away (the main line's tree wins).
                let kept = objectives
                var side = objectives
                let k = random.below(side[target]!.krs.count)
                side[target]!.krs[k].current = "99999.99"
                objectives = side
                // The side branch starts from the main line before this step and concludes every open experiment as a win.
                let keptExperiments = experiments
                experiments = before
                for id in open where experiments[id] != nil {
                    experiments[id]!.status = "concluded"
                    experiments[id]!.outcome = "win"
                }
                let sideCommit = try scenario.commit(Self.day(day), files(), parents: [head], updateHead: false)
                objectives = kept
                experiments = keptExperiments
                day += 1
                if random.chance(60) {
                    let other = ids[random.below(ids.count)]
                    let j = random.below(objectives[other]!.krs.count)
                    objectives[other]!.krs[j].current = random.value()
                }
                head = try commitMain()
                head = try commitMain(parents: [head, sideCommit])
                continue
            } else if roll < 82 {
                // The file moves to another folder; the entity stays the same.
                objectives[target]!.path = objectives[target]!.path.hasPrefix("playbooks/okrs/archive/")
                    ? "playbooks/okrs/\(objectives[target]!.squad)/\(target).yml" : "playbooks/okrs/archive/\(target).yml"
                if let id = experiments.keys.sorted().first(where: { _ in random.chance(30) }) {
                    experiments[id]!.path = "playbooks/experiments/\(experiments[id]!.squad)/\(id).yml"
                }
            } else if roll < 92 {
                let count = objectives[target]!.krs.count
                if count < 11 { objectives[target]!.krs.append(newKR(count + 1)) }
            } else {
                addObjective()
            }
            head = try commitMain()
        }
        return line
    }

    /// The report's numbers for one key result, reckoned from the main line as written.
    private struct Expected: Equatable {
        var start: Decimal?
        var end: Decimal?
        var checkIns: [Decimal]
        var checkInTimes: [Int64]
        var progress: Decimal?
        var score: Decimal?
    }

    private func expected(_ line: [MainCommit], start: Int64, end: Int64) -> [String: [String: Expected]] {
        guard let atEnd = line.last(where: { $0.time < end }) else { return [:] }
        var result: [String: [String: Expected]] = [:]
        for (id, objective) in atEnd.objectives {
            for kr in objective.krs {
                func value(_ commit: MainCommit?) -> Decimal? {
                    commit?.objectives[id]?.krs.first { $0.id == kr.id }.flatMap { Decimal(string: $0.current) }
                }
                var first = value(line.last { $0.time < start })
                var last = first
                var checkIns: [Decimal] = [], times: [Int64] = []
                var previous: MainCommit?
                for commit in line where commit.time < end {
                    defer { previous = commit }
                    guard commit.time >= start, let now = value(commit) else { continue }
                    let before = value(previous)
                    guard before != now else { continue }
                    last = now
                    if first == nil { first = now }
                    if before != nil {
                        checkIns.append(now)
                        times.append(commit.time)
                    }
                }
                let baseline = Decimal(string: kr.baseline)!, target = Decimal(string: kr.target)!
                let progress = last.map { ($0 - baseline) / (target - baseline) }
                result[id, default: [:]][kr.id] = Expected(
                    start: first, end: last, checkIns: checkIns, checkInTimes: times, progress: progress,
                    score: progress.map { min(1, max(0, $0)) })
            }
        }
        return result
    }

    /// One squad's line of `report experiments`, reckoned from the main line as written.
    private struct ExpectedSquad: Equatable {
        var created: [String]
        var started: [String]
        var concluded: [String]
        var abandoned: [String]
        var wins: Int
        var withOutcome: Int
        var createdToRunning: Int
        var readyToRunning: Int
        var runningToConcluded: Int
    }

    /// When an experiment moved through its lifecycle (up to the end of today), and its outcome at the end of the period.
    private struct Moves: Equatable {
        var squad = "", created: Int64?, ready: Int64?, started: Int64?, concluded: Int64?, abandoned: Int64?, outcome: String?
    }

    private func expectedMoves(_ line: [MainCommit], end: Int64, movesUntil: Int64) -> [String: Moves] {
        var moves: [String: Moves] = [:]
        var previous: [String: Exp] = [:]
        for commit in line where commit.time < movesUntil {
            for (id, experiment) in commit.experiments {
                // Its moves are read up to today, but an experiment made after the period is not the period's.
                guard commit.time < end || moves[id] != nil else { continue }
                var move = moves[id] ?? Moves(created: commit.time)
                if commit.time < end {
                    move.squad = experiment.squad
                    move.outcome = experiment.status == "concluded" ? experiment.outcome : nil
                }
                if previous[id]?.status != experiment.status {
                    // A move a later one undid is not one: back in draft or ready, the start is
                    // undone; running or paused again, the conclusion or abandonment is.
                    switch experiment.status {
                    case "draft", "ready":
                        if experiment.status == "ready" { move.ready = commit.time }
                        (move.started, move.concluded, move.abandoned) = (nil, nil, nil)
                    case "running":
                        move.started = move.started ?? commit.time
                        (move.concluded, move.abandoned) = (nil, nil)
                    case "paused", "analyzing": (move.concluded, move.abandoned) = (nil, nil)
                    case "concluded": move.concluded = move.concluded ?? commit.time
                    case "abandoned": move.abandoned = move.abandoned ?? commit.time
                    default: break
                    }
                }
                moves[id] = move
            }
            previous = commit.experiments
        }
        return moves
    }

    private func expectedExperiments(_ moves: [String: Moves], start: Int64, end: Int64) -> [String: ExpectedSquad] {
        func inPeriod(_ time: Int64?) -> Bool { time.map { $0 >= start && $0 < end } ?? false }
        var squads: [String: ExpectedSquad] = [:]
        for group in Set(moves.values.map(\.squad)).sorted() + [ExperimentReport.allSquads] {
            let mine = moves.filter { group == ExperimentReport.allSquads || $0.value.squad == group }
            func ids(_ time: (Moves) -> Int64?) -> [String] { mine.filter { inPeriod(time($0.value)) }.map(\.key).sorted() }
            let concluded = mine.values.filter { inPeriod($0.concluded) }
            let started = mine.values.filter { inPeriod($0.started) }
            let squad = ExpectedSquad(
                created: ids(\.created), started: ids(\.started), concluded: ids(\.concluded), abandoned: ids(\.abandoned),
                wins: concluded.filter { $0.outcome == "win" }.count,
                withOutcome: concluded.filter { $0.outcome != nil }.count,
                createdToRunning: started.filter { $0.created != nil }.count,
                readyToRunning: started.filter { $0.ready != nil }.count,
                runningToConcluded: concluded.filter { $0.started != nil }.count)
            if !(squad.created + squad.started + squad.concluded + squad.abandoned).isEmpty { squads[group] = squad }
        }
        return squads
    }

    private func check(seed: UInt64, steps: Int) throws {
        let scenario = try Scenario(for: self)
        let line = try generate(seed: seed, steps: steps, into: scenario)
        let quarter = Quarter(year: 2026, number: 3)
        let start = Scenario.noon("2026-07-01") - 12 * 3600, end = Scenario.noon("2026-10-01") - 12 * 3600
        let truth = expected(line, start: start, end: end)
        // Today is 2026-11-01: moves are read up to its end, so a Q3 move undone in October is not one.
        let endOfToday = Scenario.noon("2026-11-02") - 12 * 3600
        let moves = expectedMoves(line, end: end, movesUntil: endOfToday)
        let experimentTruth = expectedExperiments(moves, start: start, end: end)
        XCTAssertGreaterThan(truth.count, 2, "seed \(seed): the generated quarter has objectives")
        let cacheFile = HistoryReader.defaultCacheFile(for: scenario.repository)
        let readings: [(String, () throws -> History)] = [
            ("first parent", { try HistoryReader(roots: ["playbooks"]).read(scenario.repository) }),
            ("all parents", { try HistoryReader(roots: ["playbooks"], mode: .allParents).read(scenario.repository) }),
            ("cache written", { try HistoryReader(roots: ["playbooks"], cacheFile: cacheFile).read(scenario.repository) }),
            ("cache read", { try HistoryReader(roots: ["playbooks"], cacheFile: cacheFile).read(scenario.repository) }),
        ]
        var checkInsSeen = 0
        for (name, read) in readings {
            let history = try read()
            let report = OKRReport(quarter: quarter, today: try XCTUnwrap(Day("2026-11-01")),
                                   timelines: Timelines(history), history: history)
            XCTAssertEqual(report.objectives.map(\.id).sorted(), truth.keys.sorted(), "seed \(seed), \(name)")
            for objective in report.objectives {
                guard let krs = truth[objective.id] else { continue }
                XCTAssertEqual(objective.keyResults.map(\.id).sorted(), krs.keys.sorted(), "seed \(seed), \(name), \(objective.id)")
                for line in objective.keyResults {
                    guard let want = krs[line.id] else { continue }
                    let got = Expected(start: line.startValue, end: line.endValue, checkIns: line.checkIns.map(\.value),
                                       checkInTimes: line.checkIns.map(\.time), progress: line.progress, score: line.score)
                    XCTAssertEqual(got, want, "seed \(seed), \(name), \(line.reference)")
                    checkInsSeen += got.checkIns.count
                }
                let scores = krs.values.compactMap(\.score)
                let mean = scores.isEmpty ? nil : scores.reduce(0, +) / Decimal(scores.count)
                if let mean, let score = objective.score {
                    XCTAssertLessThan(abs(NSDecimalNumber(decimal: mean - score).doubleValue), 1e-20,
                                      "seed \(seed), \(name), \(objective.id) score")
                } else {
                    XCTAssertEqual(objective.score, mean, "seed \(seed), \(name), \(objective.id) score")
                }
            }
            XCTAssertFalse(OKRRenderer.json(report).contains("99999.99"), "seed \(seed), \(name): a discarded side value")

            let timelines = Timelines(history)
            for (id, want) in moves {
                let facts = try XCTUnwrap(ExperimentFacts(try XCTUnwrap(timelines[id]), until: end, movesUntil: endOfToday))
                let got = Moves(squad: facts.squad, created: facts.created, ready: facts.ready, started: facts.started,
                                concluded: facts.concluded, abandoned: facts.abandoned, outcome: facts.outcome?.rawValue)
                XCTAssertEqual(got, want, "seed \(seed), \(name), \(id)")
            }
            let experiments = ExperimentReport(period: Period(quarter: quarter), today: try XCTUnwrap(Day("2026-11-01")),
                                               timelines: Timelines(history), history: history)
            var got: [String: ExpectedSquad] = [:]
            for squad in experiments.squads + (experiments.overall.map { [$0] } ?? []) {
                got[squad.squad] = ExpectedSquad(
                    created: squad.created.sorted(), started: squad.started.sorted(), concluded: squad.concluded.sorted(),
                    abandoned: squad.abandoned.sorted(), wins: squad.wins, withOutcome: squad.withOutcome,
                    createdToRunning: squad.createdToRunning.count, readyToRunning: squad.readyToRunning.count,
                    runningToConcluded: squad.runningToConcluded.count)
            }
            XCTAssertEqual(got.keys.sorted(), experimentTruth.keys.sorted(), "seed \(seed), \(name): squads")
            for (squad, want) in experimentTruth {
                XCTAssertEqual(got[squad], want, "seed \(seed), \(name), \(squad)")
            }
        }
        XCTAssertGreaterThan(checkInsSeen, 20, "seed \(seed): the history exercises check-ins")
        let overall = try XCTUnwrap(experimentTruth[ExperimentReport.allSquads])
        XCTAssertGreaterThan(overall.concluded.count, 3, "seed \(seed): the history concludes experiments")
        XCTAssertGreaterThan(overall.wins, 0, "seed \(seed): and some win")
    }

    func testEveryOKRAndExperimentNumberOfRandomHistoriesMatchesAnIndependentReckoning() throws {
        for seed: UInt64 in [1, 7, 2026] {
            try check(seed: seed, steps: 90)
        }
    }
}

/// What the history generator draws beyond a number below n.
private extension SeededGenerator {
    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }

    /// A value with up to two decimals, such as 12.35, 7 or 0.4.
    mutating func value() -> String {
        let whole = below(200)
        switch below(3) {
        case 0: return "\(whole)"
        case 1: return "\(whole).\(below(9) + 1)"
        default: return String(format: "%d.%02d", whole, below(99) + 1)
        }
    }
}
