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

    public init(quarter: Quarter) {
        let bounds = UTC.bounds(of: quarter)
        start = bounds.start
        end = bounds.end
        label = quarter.description
    }

    /// `since` and `until` both included.
    public init(since: Day, until: Day) {
        start = since
        end = UTC.day(fromDays: UTC.days(until) + 1)
        label = "\(since) to \(until)"
    }

    public var lastDay: Day { UTC.day(fromDays: UTC.days(end) - 1) }
    var startTime: Int64 { UTC.seconds(start) }
    var endTime: Int64 { UTC.seconds(end) }

    func contains(_ time: Int64?) -> Bool {
        guard let time else { return false }
        return time >= startTime && time < endTime
    }
}

/// One experiment's life as the report needs it, from its timeline: its values from the version at
/// the end of the period as lint's decoder reads it, its status moves from each version's `status`.
public struct ExperimentFacts: Sendable {
    public var id: String
    public var squad: String
    public var title: String?
    /// Nil when the experiment is already in the first commit of a shallow clone (its creation is not known).
    public var created: Int64?
    /// The last move into `ready` before it started (decision to launch).
    public var ready: Int64?
    /// The first move into `running`.
    public var started: Int64?
    /// The first move into `concluded`.
    public var concluded: Int64?
    /// The first move into `abandoned`.
    public var abandoned: Int64?
    /// The version at the end of the period.
    public var version: TypedVersion
    /// Fields at the end of the period.
    public var state: EntityState { version.state }
    /// The experiment at the end of the period, as lint's decoder reads it.
    public var experiment: Experiment?

    /// Nil when the timeline has no event before `end`. `boundary`: a shallow clone's edge commits.
    public init?(_ timeline: Timeline, until end: Int64, boundary: Set<ObjectID> = []) {
        guard let moves = ExperimentMoves(timeline, until: end, boundary: boundary) else { return nil }
        self.init(timeline, moves: moves, until: end)
    }

    /// With its moves already read (`ExperimentMoves` of the same timeline and `end`).
    init(_ timeline: Timeline, moves: ExperimentMoves, until end: Int64) {
        id = timeline.id
        version = moves.version
        experiment = version.experiment
        squad = experiment?.squad?.value ?? "(no squad)"
        title = experiment?.title
        (created, ready, started, concluded, abandoned) = (moves.created, moves.ready, moves.started, moves.concluded, moves.abandoned)
    }

    /// The planned end: `end`, else `start` plus `design.duration_days`.
    public var plannedEnd: Day? {
        if let end = experiment?.end?.value { return end }
        guard let start = experiment?.start?.value, let days = experiment?.design?.durationDays?.value else { return nil }
        return UTC.day(fromDays: UTC.days(start) + Int64(days))
    }

    public var outcome: Outcome? { experiment?.result?.outcome?.value }

    public var decision: Decision? { experiment?.result?.decision?.value }

    /// `result.lift` as written, exactly.
    public var lift: Decimal? { KeyResultFields.exact(experiment?.result?.lift, state, "result.lift") }

    /// `result.p_value` as written, exactly.
    public var pValue: Decimal? { KeyResultFields.exact(experiment?.result?.pValue, state, "result.p_value") }

    /// `result.learnings` as one text, or its list items joined.
    public var learnings: String? {
        let items = experiment?.result?.learnings ?? []
        return items.isEmpty ? nil : items.joined(separator: " ")
    }
}

/// When an experiment moved through its lifecycle, from each version's `status` read as lint reads
/// it (a value outside the lifecycle is no status); decodes nothing but the version it stands at.
struct ExperimentMoves {
    var created: Int64?
    var ready: Int64?
    var started: Int64?
    var concluded: Int64?
    var abandoned: Int64?
    /// The main line's index of the version standing at `end` (or the last one before a removal).
    var versionIndex: Int
    let timeline: Timeline

    var version: TypedVersion { timeline.version(at: versionIndex) }

    init?(_ timeline: Timeline, until end: Int64, boundary: Set<ObjectID>) {
        // Created when its first commit (on any line read) made it; its values come from the main line.
        let events = timeline.events
        guard let first = events.first, first.time < end,
              let last = events.lastIndex(where: { $0.mainLine && $0.time < end })
        else { return nil }
        let index = events[last].type != .removed ? last
            : events.indices.last(where: { events[$0].mainLine && events[$0].time < end && events[$0].type != .removed })
        guard let index else { return nil }
        versionIndex = index
        self.timeline = timeline
        created = boundary.contains(first.commit) ? nil : first.time
        var previous: ExperimentStatus?
        for event in timeline.mainLineEvents where event.time < end {
            let status = event.type == .removed ? nil : event.state.value("status")?.choice(ExperimentStatus.self)
            defer { previous = status }
            // At a shallow clone's edge the status is where history starts, not a move.
            guard let status, status != previous, !boundary.contains(event.commit) else { continue }
            switch status {
            case .ready where started == nil: ready = event.time
            case .running where started == nil: started = event.time
            case .concluded where concluded == nil: concluded = event.time
            case .abandoned where abandoned == nil: abandoned = event.time
            default: break
            }
        }
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
    /// Stale experiments are judged on this day: the period's last day, or today if earlier.
    public var judgedOn: Day
    public var squads: [SquadExperiments]
    /// Every squad's experiments together (medians over all of them, not of the squads' medians).
    public var overall: SquadExperiments?
    public var source: SourceSummary

    /// The name `overall` carries as its squad.
    public static let allSquads = "(all squads)"

    public init(period: Period, today: Day, timelines: Timelines, history: History) {
        self.period = period
        source = SourceSummary(history)
        let judgedOn = min(period.lastDay, today)
        self.judgedOn = judgedOn
        let judgeEnd = UTC.seconds(judgedOn) + 86_400
        let boundary = Set(history.shallowBoundary)
        // Only experiments the report shows are decoded: those that moved in the period, or are running when judged.
        let judgeTime = min(judgeEnd, period.endTime)
        let facts = timelines.all(kind: Kind.experiment.rawValue).compactMap { timeline -> ExperimentFacts? in
            guard let moves = ExperimentMoves(timeline, until: period.endTime, boundary: boundary) else { return nil }
            let shown = [moves.created, moves.started, moves.concluded, moves.abandoned].contains(where: period.contains)
                || timeline.state(before: judgeTime)?.value("status")?.choice(ExperimentStatus.self) == .running
            return shown ? ExperimentFacts(timeline, moves: moves, until: period.endTime) : nil
        }
        var result: [SquadExperiments] = []
        var notes = ReportNotes()
        let groups = Set(facts.map(\.squad)).sorted().map { squad in (squad, facts.filter { $0.squad == squad }) }
        for (index, (squad, mine)) in (groups + [(Self.allSquads, facts)]).enumerated() {
            let concluded = mine.filter { period.contains($0.concluded) }
            let started = mine.filter { period.contains($0.started) }
            let outcomes = concluded.compactMap(\.outcome)
            for fact in mine where [fact.created, fact.started, fact.concluded, fact.abandoned].contains(where: period.contains) {
                notes.unreadable(fact.version, of: fact.id)
            }
            let stale = mine.compactMap { fact -> StaleExperiment? in
                guard let state = timelines[fact.id]?.state(before: judgeTime),
                      state.value("status")?.choice(ExperimentStatus.self) == .running, let planned = fact.plannedEnd, planned < judgedOn
                else { return nil }
                return StaleExperiment(id: fact.id, title: fact.title, plannedEnd: planned,
                                       daysOverdue: Int(UTC.days(judgedOn) - UTC.days(planned)))
            }
            let line = SquadExperiments(
                squad: squad,
                created: mine.filter { period.contains($0.created) }.map(\.id),
                started: started.map(\.id),
                concluded: concluded.map(\.id),
                abandoned: mine.filter { period.contains($0.abandoned) }.map(\.id),
                withOutcome: outcomes.count,
                wins: outcomes.filter { $0 == .win }.count,
                createdToRunning: CycleTime(started.compactMap { f in f.started.flatMap { s in f.created.map { s - $0 } } }),
                readyToRunning: CycleTime(started.compactMap { f in f.started.flatMap { s in f.ready.map { s - $0 } } }),
                runningToConcluded: CycleTime(concluded.compactMap { f in
                    f.concluded.flatMap { c in f.started.flatMap { $0 <= c ? c - $0 : nil } }
                }),
                stale: stale,
                learnings: concluded)
            let empty = line.created.isEmpty && line.started.isEmpty && line.concluded.isEmpty
                && line.abandoned.isEmpty && line.stale.isEmpty
            if index == groups.count {
                overall = empty ? nil : line
            } else if !empty {
                result.append(line)
            }
        }
        squads = result
        source.notes += notes.notes
    }
}
