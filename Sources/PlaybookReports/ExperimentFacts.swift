import Foundation
import PlaybookGit
import PlaybookHistory
import PlaybookModel

/// One experiment's life as the report needs it, from its timeline: its values from the version at
/// the end of the period as lint's decoder reads it, its status moves from each version's `status`,
/// read up to the end of today (`movesUntil`), so a move a later commit undid is not one in any period.
public struct ExperimentFacts: Sendable {
    public var id: String
    public var squad: String
    public var title: String?
    /// Nil when the experiment is already in the first commit of a shallow clone (its creation is not known).
    public var created: Int64?
    /// The last move into `ready` before it started (decision to launch).
    public var ready: Int64?
    /// The move into `running` (the first since it last stood in draft or ready: a start undone is not one).
    public var started: Int64?
    /// The move into `concluded` (the first since it last ran: a conclusion undone, the experiment
    /// running again, is not one), as `ExperimentLifecycles.liveWindow(of:)` reads it.
    public var concluded: Int64?
    /// The move into `abandoned`, read as `concluded` is.
    public var abandoned: Int64?
    /// Seconds it was live from `started` to `concluded`: its live spans summed, as
    /// `ExperimentLifecycles.liveSpans(of:)` reads them, so the days it stood concluded before it was
    /// re-opened are not running time. Nil unless both moves are known, in that order.
    public var timeRunning: Int64?
    /// The version at the end of the period.
    public var version: TypedVersion
    /// Fields at the end of the period.
    public var state: EntityState { version.state }
    /// The experiment at the end of the period, as lint's decoder reads it.
    public var experiment: Experiment?

    /// Nil when the timeline has no event before `end`. `movesUntil`: its moves are read up to then
    /// (the end of today; `end` when nil or earlier), a move undone before it not counted.
    /// `boundary`: a shallow clone's edge commits.
    public init?(_ timeline: Timeline, until end: Int64, movesUntil: Int64? = nil, boundary: Set<ObjectID> = []) {
        guard let moves = ExperimentMoves(timeline, until: end, movesUntil: movesUntil ?? end, boundary: boundary) else { return nil }
        self.init(timeline, moves: moves, until: end)
    }

    /// With its moves already read (`ExperimentMoves` of the same timeline and `end`).
    init(_ timeline: Timeline, moves: ExperimentMoves, until end: Int64) {
        id = timeline.id
        version = timeline.version(at: moves.versionIndex)
        experiment = version.experiment
        squad = experiment?.squad?.value ?? "(no squad)"
        title = experiment?.title
        (created, ready, started, concluded, abandoned) = (moves.created, moves.ready, moves.started, moves.concluded, moves.abandoned)
        timeRunning = moves.timeRunning
    }

    /// The planned end: `end`, else `start` plus `design.duration_days`.
    public var plannedEnd: Day? { experiment?.plannedEnd }

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
    /// Seconds live from `started` to `concluded`, its live spans summed (`ExperimentFacts.timeRunning`).
    var timeRunning: Int64?
    /// The last move into draft or ready: a run before it was undone (it was not running then).
    var reset: Int64?
    /// The index in the timeline's `events` of the version standing at `end` (or the last one before a removal).
    var versionIndex: Int

    init?(_ timeline: Timeline, until end: Int64, movesUntil: Int64, boundary: Set<ObjectID>) {
        guard let moves = ExperimentLifecycles(tracking: [timeline], boundary: boundary).moves(0, until: end, movesUntil: movesUntil)
        else { return nil }
        self = moves
    }

    /// From one track's steps, read once (`ExperimentLifecycles`): the same moves, without reading a field again.
    /// `moves`: read with all parents, the status moves of every line (`ExperimentLifecycles.Track.moves`).
    /// The version is the one standing at `end`; the moves are read up to `movesUntil` (`end` if earlier).
    init?(_ steps: UnsafeBufferPointer<ExperimentLifecycles.Step>, moves: UnsafeBufferPointer<ExperimentLifecycles.Step>?,
                      track: ExperimentLifecycles.Track, until end: Int64, movesUntil: Int64) {
        let movesUntil = max(end, movesUntil)
        // Created when its first commit (on any line read) made it; its values come from the main line.
        guard let firstTime = track.firstTime, firstTime < end else { return nil }
        guard let last = steps.lastIndex(where: { $0.time < end }) else {
            // Read with all parents, made on a side branch merged after `end`: its values are the first
            // the main line held, its moves (its creation first) are the side's commits'.
            guard let moves, let first = steps.firstIndex(where: { !$0.removed }) else { return nil }
            versionIndex = steps[first].index
            created = track.firstOnEdge ? nil : firstTime
            read(moves, until: movesUntil)
            return
        }
        var step: Int? = last
        if steps[last].removed {
            step = nil
            var index = last
            while index > 0 {
                index -= 1
                if steps[index].time < end && !steps[index].removed {
                    step = index
                    break
                }
            }
        }
        guard let step else { return nil }
        versionIndex = steps[step].index
        created = track.firstOnEdge ? nil : firstTime
        read(moves ?? steps, until: movesUntil)
    }

    /// The moves into each status among `steps` before `end`, a move undone by a later one not
    /// counted, as `ExperimentLifecycles.liveWindow(of:)` counts them: back in draft or ready, its
    /// start is undone (the last move into `ready` before the start it kept counts); running, paused
    /// or analyzing again, its conclusion or abandonment is. The time it ran is summed over the spans
    /// `runs(of:before:)` reads: a re-opened experiment's days standing concluded are not in it.
    private mutating func read(_ steps: UnsafeBufferPointer<ExperimentLifecycles.Step>, until end: Int64) {
        var previous: ExperimentStatus?
        // The live spans ended since the start counted, summed, and when the one live now began.
        var ended: Int64 = 0
        var live: Int64?
        for step in steps where step.time < end {
            let status = step.status
            defer { previous = status }
            // At a shallow clone's edge the status is where history starts, not a move.
            guard let status, status != previous, !step.onEdge else { continue }
            switch status {
            case .draft, .ready:
                if status == .ready { ready = step.time }
                reset = step.time
                (started, concluded, abandoned, timeRunning) = (nil, nil, nil, nil)
                (ended, live) = (0, nil)
            case .running:
                started = started ?? step.time
                live = live ?? step.time
                (concluded, abandoned, timeRunning) = (nil, nil, nil)
            case .paused, .analyzing:
                // Re-opened after a conclusion: live again (it ran before).
                if live == nil, started != nil { live = step.time }
                (concluded, abandoned, timeRunning) = (nil, nil, nil)
            case .concluded, .abandoned:
                if let since = live { ended += max(0, step.time - since) }
                live = nil
                if status == .abandoned {
                    abandoned = abandoned ?? step.time
                } else if concluded == nil {
                    concluded = step.time
                    // Moves read on every line may come out of time order: a start after its conclusion is no cycle.
                    timeRunning = started.flatMap { $0 <= step.time ? ended : nil }
                }
            }
        }
    }
}
