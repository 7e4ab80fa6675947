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
    fileprivate init?(_ steps: UnsafeBufferPointer<ExperimentLifecycles.Step>, moves: UnsafeBufferPointer<ExperimentLifecycles.Step>?,
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

/// Every experiment's lifecycle, read once from the history: what the experiment reports of many
/// periods share (`ExperimentReport.init(period:today:lifecycles:history:)`), and each
/// experiment's moves without decoding a version (`life(of:)`).
///
/// Each experiment's main-line versions with the status each holds are read once, so the reports
/// of many periods do not read every version's `status` again per period. The steps of all
/// experiments are held in one list of plain values, each experiment a range of it: the reports scan
/// every experiment for every period, and a track per experiment holding its own lists (copied out
/// to be read, every string and list in it retained and released, from both cores at once) cost
/// more than the scan.
public struct ExperimentLifecycles: Sendable {
    /// One main-line version of an experiment.
    struct Step: Sendable {
        /// The event's index in the timeline's `events`.
        var index: Int
        var time: Int64
        /// The version's status as lint reads it; nil for a removal or a value outside the lifecycle.
        var status: ExperimentStatus?
        var removed: Bool
        /// The commit is a shallow clone's edge.
        var onEdge: Bool
    }

    /// One experiment: where its steps are, and its first event.
    struct Track: Sendable {
        /// Its main line's events, in `events` order, in `steps`.
        var steps: Range<Int>
        /// Read with all parents, when side branches changed it: its status moves in `moveSteps`, one
        /// per event that set a status, of the main line (a merge repeating a side's change left out)
        /// and of the side commits whose change a merge carried, in `events` order; nil when the main
        /// line's steps are its moves.
        var moves: Range<Int>?
        /// The first event's time (on any line read), and whether that commit is a shallow clone's edge.
        var firstTime: Int64?
        var firstOnEdge: Bool
    }

    /// The experiments' timelines, sorted by id; `tracks` and `timelines` share positions.
    let timelines: [Timeline]
    private let tracks: [Track]
    private let steps: [Step]
    /// The tracks' moves read with all parents (`Track.moves`), each step's status the one its commit set.
    private let moveSteps: [Step]
    /// Each step's version's `key_result` as text (nil for a removal), beside `steps`.
    private let keyResults: [String?]
    private let positions: [String: Int]

    /// Every experiment the history holds, by id (sorted), those no longer in the playbook too.
    public var ids: [String] { timelines.map(\.id) }

    public init(timelines: Timelines, history: History) {
        self.init(tracking: timelines.all(kind: Kind.experiment.rawValue), boundary: Set(history.shallowBoundary))
    }

    init(tracking timelines: [Timeline], boundary: Set<ObjectID>) {
        self.timelines = timelines
        var tracks: [Track] = [], steps: [Step] = [], keyResults: [String?] = [], moveSteps: [Step] = []
        tracks.reserveCapacity(timelines.count)
        // Events read field by field where they are (`for event in` copied each whole event out).
        for track in timelines.indices {
            let first = steps.count
            let events = timelines[track].events
            for index in events.indices where events[index].mainLine {
                let removed = events[index].type == .removed
                steps.append(Step(index: index, time: events[index].time,
                                  status: removed ? nil : events[index].state.value("status")?.choice(ExperimentStatus.self),
                                  removed: removed, onEdge: boundary.contains(events[index].commit)))
                keyResults.append(removed ? nil : events[index].state.value("key_result")?.textValue)
            }
            var moves: Range<Int>?
            if timelines[track].hasSideEvents {
                // Every line's own events: a side commit's status is the one it set, which its
                // state (the main line's) does not hold.
                let firstMove = moveSteps.count
                // A side commit's move counts when a merge carried it onto the main line.
                let carried = Set(timelines[track].carriedSideEvents(changing: "status"))
                for index in events.indices where events[index].mainLine ? !events[index].inherited : carried.contains(index) {
                    let status: ExperimentStatus?
                    switch events[index].type {
                    case .removed:
                        status = nil
                    case .created, .restored:
                        status = events[index].fields.last(where: { $0.path == "status" })?.newValue?.choice(ExperimentStatus.self)
                    case .changed:
                        guard let change = events[index].fields.last(where: { $0.path == "status" }) else { continue }
                        status = change.newValue?.choice(ExperimentStatus.self)
                    }
                    moveSteps.append(Step(index: index, time: events[index].time, status: status, removed: events[index].type == .removed,
                                          onEdge: boundary.contains(events[index].commit)))
                }
                moves = firstMove..<moveSteps.count
            }
            tracks.append(Track(steps: first..<steps.count, moves: moves, firstTime: events.isEmpty ? nil : events[0].time,
                                firstOnEdge: !events.isEmpty && boundary.contains(events[0].commit)))
        }
        self.tracks = tracks
        self.steps = steps
        self.moveSteps = moveSteps
        self.keyResults = keyResults
        positions = Dictionary(timelines.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The status experiment `id` stood at just before `time` (committer time): the main line's, or,
    /// read with all parents, for one the main line held only after `time` (made on a side branch
    /// merged later), the one its last move before `time` set, as the reports count its moves then.
    public func status(of id: String, before time: Int64) -> ExperimentStatus? {
        positions[id].flatMap { status($0, movedBefore: time) }
    }

    /// `status(of:before:)` of experiment `track`.
    private func status(_ track: Int, movedBefore time: Int64) -> ExperimentStatus? {
        if let step = lastStep(track, before: time) { return steps[step].status }
        guard let moves = tracks[track].moves else { return nil }
        return moveSteps[moves].last(where: { $0.time < time })?.status
    }

    /// How many experiments are tracked.
    var count: Int { tracks.count }

    /// The lifecycle moves of experiment `track` (nil when it has no event before `end`): its version
    /// standing at `end`, its moves read up to `movesUntil` (`end` when nil or earlier), a move undone
    /// before then not counted.
    func moves(_ track: Int, until end: Int64, movesUntil: Int64? = nil) -> ExperimentMoves? {
        steps.withUnsafeBufferPointer { steps in
            moveSteps.withUnsafeBufferPointer { moveSteps in
                ExperimentMoves(UnsafeBufferPointer(rebasing: steps[tracks[track].steps]),
                                moves: tracks[track].moves.map { UnsafeBufferPointer(rebasing: moveSteps[$0]) },
                                track: tracks[track], until: end, movesUntil: movesUntil ?? end)
            }
        }
    }

    /// The status of experiment `track` standing just before `time` (as `Timeline.state(before:)` reads it).
    func status(_ track: Int, before time: Int64) -> ExperimentStatus? {
        lastStep(track, before: time).flatMap { steps[$0].status }
    }

    /// The status of experiment `track` standing just before `time` as the reports read it, moves read
    /// up to `movesUntil`: a conclusion or abandonment it stood at that a later move undid (running,
    /// paused or analyzing again) is not one, so it stood where it was before (`ExperimentMoves` counts
    /// it in no period); one taken back to draft or ready undid the start too, and stands as written.
    func status(_ track: Int, before time: Int64, movesUntil: Int64) -> ExperimentStatus? {
        guard let standing = status(track, before: time), standing == .concluded || standing == .abandoned,
              movesUntil > time else { return status(track, before: time) }
        let read = tracks[track].moves.map { moveSteps[$0] } ?? steps[tracks[track].steps]
        let ended: Set<ExperimentStatus> = [.concluded, .abandoned]
        guard let next = read.first(where: { step in
            step.time >= time && step.time < movesUntil && !step.onEdge && step.status.map { !ended.contains($0) } ?? false
        })?.status, [.running, .paused, .analyzing].contains(next) else { return standing }
        return read.last(where: { step in step.time < time && !step.onEdge && step.status.map { !ended.contains($0) } ?? false })?.status
    }

    /// The `key_result` of experiment `track` standing just before `time` (as `Timeline.state(before:)` reads it).
    func keyResult(_ track: Int, before time: Int64) -> String? {
        lastStep(track, before: time).flatMap { keyResults[$0] }
    }

    /// The position in `steps` of the last step of experiment `track` before `time`.
    private func lastStep(_ track: Int, before time: Int64) -> Int? {
        let range = tracks[track].steps
        var index = range.upperBound
        while index > range.lowerBound {
            index -= 1
            if steps[index].time < time { return index }
        }
        return nil
    }

    /// When the experiment was created, made ready, started, concluded and abandoned, over its
    /// whole history (what `ExperimentFacts` holds, without decoding a version); nil when unknown.
    public func life(of id: String) -> ExperimentLife? {
        guard let position = positions[id], let moves = moves(position, until: Int64.max) else { return nil }
        return ExperimentLife(created: moves.created, ready: moves.ready, started: moves.started,
                              concluded: moves.concluded, abandoned: moves.abandoned)
    }

    /// The conclusion of the experiment that `report experiments` counts as of `today`, if any: the
    /// reports read every move up to the end of today, so only the conclusion standing then counts,
    /// in the quarter it was made; one a later commit (before today's end) undid, the experiment
    /// re-opened, is counted by no report, whether it was re-opened in its own quarter or a later one.
    /// `until`: the end of that quarter's report (today's end if earlier), which `facts(of:until:)`
    /// reads the experiment at, as that report does.
    public func countedConclusion(of id: String, today: Day) -> (concluded: Int64, until: Int64)? {
        let endOfToday = UTC.seconds(UTC.dayAfter(today))
        guard let position = positions[id], let concluded = moves(position, until: endOfToday)?.concluded else { return nil }
        // As `ExperimentReport` bounds its period: events after today are not counted.
        var counted = Period(quarter: UTC.day(of: concluded).quarter)
        counted.end = UTC.dayAfter(min(counted.lastDay, today))
        guard counted.contains(concluded) else { return nil }
        return (concluded, counted.endTime)
    }

    /// The move experiment `id` stood at just before `end` (its conclusion, its abandonment, or for one
    /// running, paused or analyzing its start) when a later commit before `movesUntil` undid it, as
    /// `report experiments` reads moves up to the end of today and counts such a move in no period: a
    /// conclusion or abandonment undone by a move back to draft, ready, running, paused or analyzing, a
    /// start by a move back to draft or ready. Nil when nothing it stood at then was undone.
    public func undoneMove(of id: String, standingAt end: Int64, movesUntil: Int64) -> UndoneMove? {
        guard movesUntil > end, let position = positions[id], let standing = status(position, movedBefore: end),
              let then = moves(position, until: end) else { return nil }
        let made: Int64?
        let undoing: Set<ExperimentStatus>
        switch standing {
        case .concluded: (made, undoing) = (then.concluded, [.draft, .ready, .running, .paused, .analyzing])
        case .abandoned: (made, undoing) = (then.abandoned, [.draft, .ready, .running, .paused, .analyzing])
        case .running, .paused, .analyzing: (made, undoing) = (then.started, [.draft, .ready])
        case .draft, .ready: return nil
        }
        guard let made else { return nil }
        // The first move after `end` (before `movesUntil`) that `ExperimentMoves` reads as undoing it;
        // the others (a conclusion after the start, an abandonment after the conclusion) leave it standing.
        var previous: ExperimentStatus? = standing
        let read = tracks[position].moves.map { moveSteps[$0] } ?? steps[tracks[position].steps]
        for step in read where step.time >= end && step.time < movesUntil {
            let status = step.status
            defer { previous = status }
            guard let status, status != previous, !step.onEdge, undoing.contains(status) else { continue }
            return UndoneMove(status: standing, made: made, undone: step.time, undoneTo: status)
        }
        return nil
    }

    /// The experiment as the report of a period ending at `end` reads it (nil with no event before `end`):
    /// its version then; its moves read up to `end` only (a report reads them up to the end of today).
    public func facts(of id: String, until end: Int64) -> ExperimentFacts? {
        guard let position = positions[id], let moves = moves(position, until: end) else { return nil }
        return ExperimentFacts(timelines[position], moves: moves, until: end)
    }

    /// When the experiment was live, from its first move to running to now (`end` nil) or to its
    /// last conclusion: the first start of `liveSpans(of:)` to the last one's end, gaps and all.
    /// Nil in draft or ready, or when no move to running is known.
    public func liveWindow(of id: String) -> (start: Int64, end: Int64?)? {
        let spans = liveSpans(of: id)
        guard let first = spans.first, let last = spans.last else { return nil }
        return (first.start, last.end)
    }

    /// When the experiment was live, oldest first, read from its status at the tip and the moves
    /// that led to it: a span from its move to running (the first since it last stood in draft or
    /// ready) until it concluded or was abandoned, or until now (`end` nil) while it is running,
    /// paused or analyzing. A conclusion undone (running, paused or analyzing again) ends a span
    /// and starts another where it was re-opened, so the gap between shows; a start undone (back in
    /// draft or ready) is not one, and neither is anything before it. Empty in draft or ready, or
    /// when no move to running is known.
    public func liveSpans(of id: String) -> [(start: Int64, end: Int64?)] { liveSpans(of: id, before: Int64.max) }

    /// When the experiment was live, oldest first, as `liveSpans(of:)` reads it from its status just
    /// before `time` (committer time) and the moves before it that led there: what a day before the
    /// tip's last moves showed, or, for one removed since, what its last version showed. Read with
    /// all parents, one the main line held only after `time` (made on a side branch merged later)
    /// stands at the status its moves before `time` set.
    public func liveSpans(of id: String, before time: Int64) -> [(start: Int64, end: Int64?)] { runs(of: id, before: time).live }

    /// When the experiment stood paused within the spans `liveSpans(of:before:)` reads, oldest first,
    /// from the same moves: from its move to paused until it ran again, concluded or was abandoned, or
    /// until now (`end` nil) while it stays paused. Still live for the collision rule; a calendar says so.
    public func pauses(of id: String, before time: Int64) -> [(start: Int64, end: Int64?)] { runs(of: id, before: time).paused }

    /// The live spans and the pauses within them, as `liveSpans(of:before:)` and `pauses(of:before:)` read them.
    private func runs(of id: String, before time: Int64) -> (live: [(start: Int64, end: Int64?)], paused: [(start: Int64, end: Int64?)]) {
        guard let position = positions[id], let tip = status(position, movedBefore: time) else { return ([], []) }
        var spans: [(start: Int64, end: Int64?)] = []
        var pauses: [(start: Int64, end: Int64?)] = []
        var open: Int64?
        var pausedSince: Int64?
        var previous: ExperimentStatus?
        let read = tracks[position].moves.map { moveSteps[$0] } ?? steps[tracks[position].steps]
        for step in read where step.time < time {
            let status = step.status
            defer { previous = status }
            // At a shallow clone's edge the status is where history starts, not a move.
            guard let status, status != previous, !step.onEdge else { continue }
            // Any move out of paused ends the pause.
            if let since = pausedSince, status != .paused {
                pauses.append((since, max(since, step.time)))
                pausedSince = nil
            }
            switch status {
            case .draft, .ready:
                spans = []
                pauses = []
                open = nil
            case .running:
                open = open ?? step.time
            case .paused, .analyzing:
                // Re-opened after a conclusion: live again (it ran before).
                if open == nil, !spans.isEmpty { open = step.time }
                if status == .paused, open != nil { pausedSince = step.time }
            case .concluded, .abandoned:
                if let start = open { spans.append((start, max(start, step.time))) }
                open = nil
            }
        }
        switch tip {
        case .draft, .ready: return ([], [])
        case .running, .paused, .analyzing:
            // Live at the tip: the open span runs to now (the last one reopened when the moves read
            // on every line end with a conclusion the main line does not hold).
            if let start = open { spans.append((start, nil)) } else if !spans.isEmpty { spans[spans.count - 1].end = nil }
            if tip == .paused, let since = pausedSince { pauses.append((since, nil)) }
        case .concluded, .abandoned:
            // Concluded at the tip, though the moves read end live: the open span ends where it began.
            if let start = open { spans.append((start, start)) }
        }
        return (spans, pauses)
    }
}

/// A move an experiment stood at when a period ended that a later commit undid
/// (`ExperimentLifecycles.undoneMove(of:standingAt:movesUntil:)`): no report counts it.
public struct UndoneMove: Sendable, Hashable {
    /// The status it stood at: concluded or abandoned (that move undone), or running, paused or analyzing (its start undone).
    public var status: ExperimentStatus
    /// When the undone move was made (the conclusion, the abandonment, the start).
    public var made: Int64
    /// When a later commit undid it, and the status that commit set.
    public var undone: Int64
    public var undoneTo: ExperimentStatus

    /// What was undone, in words: `conclusion`, `abandonment` or `start`.
    public var moveName: String {
        switch status {
        case .concluded: "conclusion"
        case .abandoned: "abandonment"
        default: "start"
        }
    }
}

/// An experiment's lifecycle moves, as `ExperimentFacts` holds them.
public struct ExperimentLife: Sendable, Hashable {
    public var created: Int64?
    public var ready: Int64?
    public var started: Int64?
    public var concluded: Int64?
    public var abandoned: Int64?
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
