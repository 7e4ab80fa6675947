import Foundation
import PlaybookGit
import PlaybookHistory
import PlaybookModel

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
    /// The status experiment `id` had in the first main-line version the history holds, and that version's
    /// time: one already running or concluded there (a playbook brought into git mid-quarter, a shallow
    /// clone) ran before the history says, which its live days cannot show. Nil when no version holds it.
    public func firstHeld(_ id: String) -> (status: ExperimentStatus?, time: Int64)? {
        guard let position = positions[id] else { return nil }
        let range = tracks[position].steps
        guard let first = range.first(where: { !steps[$0].removed }) else { return nil }
        return (steps[first].status, steps[first].time)
    }

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
