import Foundation
import PlaybookGit
import PlaybookHistory
import PlaybookModel

/// The days a report covers: [start, end), end exclusive.
public struct Period: Sendable, Hashable {
    public var start: Day
    /// The day after the last one counted.
    public var end: Day
    public var label: String
    /// What the period is called in words: `quarter`, or `period` for one given by its days.
    public var noun: String

    public init(quarter: Quarter) {
        let bounds = UTC.bounds(of: quarter)
        start = bounds.start
        end = bounds.end
        label = quarter.description
        noun = "quarter"
    }

    /// `since` and `until` both included.
    public init(since: Day, until: Day) {
        start = since
        end = UTC.dayAfter(until)
        label = "\(since) to \(until)"
        noun = "period"
    }

    public var lastDay: Day { UTC.day(fromDays: UTC.days(end) - 1) }
    var startTime: Int64 { UTC.seconds(start) }
    var endTime: Int64 { UTC.seconds(end) }

    func contains(_ time: Int64?) -> Bool {
        guard let time else { return false }
        return time >= startTime && time < endTime
    }
}

/// Count, median and 90th percentile of durations in days.
public struct CycleTime: Sendable {
    public var count: Int
    public var median: Double?
    public var p90: Double?

    init(_ seconds: [Int64]) {
        let days = seconds.map { Double($0) / 86_400 }
        count = days.count
        median = Statistics.median(days)
        p90 = Statistics.p90(days)
    }
}

public struct StaleExperiment: Sendable {
    public var id: String
    public var title: String?
    public var plannedEnd: Day
    public var daysOverdue: Int

    /// `1 day`, `58 days`, as the reports say it.
    static func days(_ count: Int) -> String { count == 1 ? "1 day" : "\(count) days" }
}

public struct SquadExperiments: Sendable {
    public var squad: String
    public var created: [String]
    public var started: [String]
    public var concluded: [String]
    public var abandoned: [String]
    /// Concluded in the period with an outcome.
    public var withOutcome: Int
    public var wins: Int
    /// wins / withOutcome, exact; `wins` and `withOutcome` are its numerator and denominator.
    public var winRate: Decimal? { Numbers.ratio(Decimal(wins), Decimal(withOutcome)) }
    public var createdToRunning: CycleTime
    public var readyToRunning: CycleTime
    public var runningToConcluded: CycleTime
    public var stale: [StaleExperiment]
    /// Experiments concluded in the period, for the learnings digest.
    public var learnings: [ExperimentFacts]
}

/// Experiment velocity, cycle times, win rate and learnings per squad for a period.
public struct ExperimentReport: Sendable {
    public var period: Period
    /// Stale experiments are judged on this day: the period's last day, or today if earlier; no
    /// event after it is counted.
    public var judgedOn: Day
    public var squads: [SquadExperiments]
    /// Every squad's experiments together (medians over all of them, not of the squads' medians).
    public var overall: SquadExperiments?
    public var source: SourceSummary

    /// False while today is before the period's first day: nothing is counted yet (as `OKRReport.started`).
    public var started: Bool { judgedOn >= period.start }
    /// Today is the period's last day or later (as `OKRReport.complete`); before, it is in progress.
    public var complete: Bool { judgedOn >= period.lastDay }

    /// `not started`, `in progress` or `complete`, as `OKRReport.status` (CSV `period_status`).
    public var status: String { !started ? "not started" : (complete ? "complete" : "in progress") }

    /// The period in words, as `OKRReport.periodText` words a quarter: "2026-07-01 to 2026-09-30",
    /// with "(quarter in progress: values as of today, 2026-08-15)" or "(quarter has not started:
    /// nothing counted yet)" when it is not over.
    public var periodText: String {
        let days = "\(period.start) to \(period.lastDay)"
        if !started { return days + " (\(period.noun) has not started: nothing counted yet)" }
        return days + (complete ? "" : " (\(period.noun) in progress: values as of today, \(judgedOn))")
    }

    /// The name `overall` carries as its squad.
    public static let allSquads = "(all squads)"

    /// `overall`, or a line of zeros when no experiment had an event in the period: JSON's
    /// `total` and CSV's company row are always there, so a script reads them without a check.
    public var total: SquadExperiments {
        overall ?? SquadExperiments(
            squad: Self.allSquads, created: [], started: [], concluded: [], abandoned: [], withOutcome: 0, wins: 0,
            createdToRunning: CycleTime([]), readyToRunning: CycleTime([]), runningToConcluded: CycleTime([]),
            stale: [], learnings: [])
    }

    public init(period: Period, today: Day, timelines: Timelines, history: History) {
        self.init(period: period, today: today, lifecycles: ExperimentLifecycles(timelines: timelines, history: history), history: history)
    }

    /// The same report from lifecycles read once: reports of many periods share `lifecycles`.
    public init(period: Period, today: Day, lifecycles: ExperimentLifecycles, history: History) {
        self.period = period
        source = SourceSummary(history)
        let judgedOn = min(period.lastDay, today)
        self.judgedOn = judgedOn
        source.count(history, from: period.start, to: judgedOn)
        // Events after today are not counted (commits dated later, a --today in the past), as
        // `report okr` stops at today: the period counted ends with the day judged on.
        var counted = period
        counted.end = UTC.dayAfter(judgedOn)
        // Only experiments the report shows are decoded: those that moved in the period, or are running when judged.
        let judgeTime = counted.endTime
        // Moves are read up to the end of today, not of the period: a move a later commit undid is
        // not one, in this period or any other (a conclusion re-opened after the period ended too).
        let endOfToday = UTC.seconds(UTC.dayAfter(today))
        var running: Set<String> = []
        var facts: [ExperimentFacts] = []
        // A period not started yet has no day judged in it: no experiment is stale in it.
        let judging = judgedOn >= period.start
        for track in 0..<lifecycles.count {
            guard let moves = lifecycles.moves(track, until: counted.endTime, movesUntil: endOfToday) else { continue }
            // Running when judged unless that run was undone since (back in draft or ready): as the
            // site's calendar reads it, it was not live then. A conclusion or abandonment it stood at
            // that a later commit undid (running again) is not one: it was still running then.
            let runningWhenJudged = judging && lifecycles.status(track, before: judgeTime, movesUntil: endOfToday) == .running
                && !(moves.reset.map { $0 >= judgeTime } ?? false)
            if runningWhenJudged { running.insert(lifecycles.timelines[track].id) }
            let shown = [moves.created, moves.started, moves.concluded, moves.abandoned].contains(where: counted.contains) || runningWhenJudged
            if shown { facts.append(ExperimentFacts(lifecycles.timelines[track], moves: moves, until: counted.endTime)) }
        }
        var result: [SquadExperiments] = []
        var notes = ReportNotes()
        // Groups hold positions in `facts`: a fact (a decoded experiment and its version) is copied
        // only into the lines that list it.
        var bySquad: [String: [Int]] = [:]
        for (position, fact) in facts.enumerated() { bySquad[fact.squad, default: []].append(position) }
        let groups = bySquad.keys.sorted().map { ($0, bySquad[$0] ?? []) }
        // Facts read where they are (`facts[p].concluded` on the array copied each whole fact out,
        // its decoded experiment and version, to read one field).
        var overallLine: SquadExperiments?
        facts.withUnsafeBufferPointer { facts in
            for (index, (squad, mine)) in (groups + [(Self.allSquads, Array(facts.indices))]).enumerated() {
                let concluded = mine.filter { counted.contains(facts[$0].concluded) }
                let started = mine.filter { counted.contains(facts[$0].started) }
                let outcomes = concluded.compactMap { facts[$0].outcome }
                for p in mine where [facts[p].created, facts[p].started, facts[p].concluded, facts[p].abandoned].contains(where: counted.contains) {
                    notes.unreadable(facts[p].version, of: facts[p].id)
                }
                let stale = mine.compactMap { p -> StaleExperiment? in
                    guard running.contains(facts[p].id), let planned = facts[p].plannedEnd,
                          let overdue = facts[p].experiment?.daysOverdue(on: judgedOn)
                    else { return nil }
                    return StaleExperiment(id: facts[p].id, title: facts[p].title, plannedEnd: planned, daysOverdue: overdue)
                }
                let line = SquadExperiments(
                    squad: squad,
                    created: mine.filter { counted.contains(facts[$0].created) }.map { facts[$0].id },
                    started: started.map { facts[$0].id },
                    concluded: concluded.map { facts[$0].id },
                    abandoned: mine.filter { counted.contains(facts[$0].abandoned) }.map { facts[$0].id },
                    withOutcome: outcomes.count,
                    wins: outcomes.filter { $0 == .win }.count,
                    createdToRunning: CycleTime(started.compactMap { p in facts[p].started.flatMap { s in facts[p].created.map { s - $0 } } }),
                    readyToRunning: CycleTime(started.compactMap { p in facts[p].started.flatMap { s in facts[p].ready.map { s - $0 } } }),
                    runningToConcluded: CycleTime(concluded.compactMap { facts[$0].timeRunning }),
                    stale: stale,
                    learnings: concluded.map { facts[$0] })
                let empty = line.created.isEmpty && line.started.isEmpty && line.concluded.isEmpty
                    && line.abandoned.isEmpty && line.stale.isEmpty
                if index == groups.count {
                    overallLine = empty ? nil : line
                } else if !empty {
                    result.append(line)
                }
            }
        }
        overall = overallLine
        squads = result
        source.notes += notes.notes
    }
}
