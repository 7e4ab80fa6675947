import Foundation
import PlaybookGit
import PlaybookHistory
import PlaybookModel

/// A commit that changed a key result's `current`.
public struct CheckIn: Sendable, Hashable {
    public var time: Int64
    public var value: Decimal
    public var commit: ObjectID
    public var author: Person
}

public struct LinkedExperiment: Sendable, Hashable {
    public var id: String
    public var title: String?
    /// Its status and outcome when the quarter ended (today while it runs); where a later commit up
    /// to today undid the move it stood at then (`undone`), the ones standing today instead, as
    /// `report experiments` counts that move in no period.
    public var status: ExperimentStatus?
    public var outcome: Outcome?
    /// The move it stood at when the quarter ended, undone by a later commit up to today, and its outcome then.
    public var undone: UndoneMove?
    public var outcomeThen: Outcome?
}

public struct KeyResultLine: Sendable {
    public var id: String
    public var reference: String
    public var title: String?
    public var metric: String?
    public var baseline: Decimal?
    public var target: Decimal?
    /// The value when the quarter began, or the first recorded one for a key result created during it.
    public var startValue: Decimal?
    /// The value when the quarter ended (or now, for the current quarter).
    public var endValue: Decimal?
    /// (end − baseline) / (target − baseline); nil when target equals baseline or a number is missing.
    public var progress: Decimal?
    /// Progress clamped to 0…1.
    public var score: Decimal?
    /// The check-ins during the quarter, oldest first.
    public var checkIns: [CheckIn]
    public var experiments: [LinkedExperiment]
    /// The metric's unit and, for a currency, the squad's currency: how values are shown.
    public var unit: MetricUnit?
    public var currency: String?
    /// Progress judged against the time elapsed in the quarter; nil without a progress.
    public var status: KeyResultStatus?
    /// `confidence` at the quarter's start (or its first value in it), each change during it, oldest first.
    public var confidence: [ConfidencePoint] = []
    /// Commits in the quarter that changed `baseline` or `target`, oldest first: progress is
    /// measured against the values at the end, whatever they were before.
    public var baselineChanges: [KeyResultEdit] = []
    public var targetChanges: [KeyResultEdit] = []

    /// Rising, falling or steady from the confidence at the quarter's start (or its first in it) to
    /// the one at its end, whatever it did between; nil without both (none given, or no longer given at the end).
    public var confidenceTrend: ConfidenceTrend? {
        guard let first = confidence.first?.value, let last = confidenceEnd else { return nil }
        return last > first ? .rising : (last < first ? .falling : .steady)
    }

    /// The confidence at the quarter's end (today while it runs); nil when none is given then.
    public var confidenceEnd: Decimal? { confidence.last?.value }

    /// When a commit in the quarter deleted the confidence or wrote one that is not a confidence
    /// (`high`, `70%`), if it is still not given at the quarter's end (`confidenceGaps` says which).
    public var confidenceRemoved: Int64? {
        guard let last = confidence.last, last.value == nil else { return nil }
        return last.time
    }

    /// The spells in the quarter the confidence was not given after it had been, oldest first: each
    /// from the commit that deleted it (or wrote one that is not a confidence) until it was given again.
    public var confidenceGaps: [ConfidenceGap] {
        var gaps: [ConfidenceGap] = []
        for point in confidence {
            if point.value == nil {
                gaps.append(ConfidenceGap(from: point.time, until: nil, notAConfidence: point.notAConfidence))
            } else if let open = gaps.indices.last, gaps[open].until == nil {
                gaps[open].until = point.time
            }
        }
        return gaps
    }
}

/// A key result's confidence at a moment: nil when a commit deleted it (no longer given) or wrote
/// one that is not a confidence (`notAConfidence`), which the report leaves out as lint does.
public struct ConfidencePoint: Sendable, Hashable {
    public var time: Int64
    public var value: Decimal?
    /// Without a value: a commit wrote something that is not a confidence (`high`, `70%`) rather than deleting it.
    public var notAConfidence = false
}

/// A spell the confidence was not given: from `from` until it was given again (`until`; nil when
/// still not given at the quarter's end), because a commit deleted it or wrote one that is not a confidence.
public struct ConfidenceGap: Sendable, Hashable {
    public var from: Int64
    public var until: Int64?
    public var notAConfidence: Bool
}

public enum ConfidenceTrend: String, Sendable, Hashable {
    case rising, falling, steady
}

/// Where a key result stands against the time gone by in its quarter.
public enum KeyResultStatus: String, Sendable, Hashable {
    case onTrack = "on track"
    case atRisk = "at risk"
    case offTrack = "off track"
    /// The quarter has ended (`OKRReport.complete`) with the target reached: progress 1 or more.
    case achieved
    /// The quarter has ended short of the target.
    case missed
    /// Not yet checked in during the quarter's first `checkInGrace` days, and behind: too early to
    /// call it at risk or off track (its value is the one it started the quarter with).
    case noCheckInYet = "no check-in yet"

    /// How many days into a quarter a key result with no check-in yet is not judged behind: three weeks,
    /// a check-in cycle or two.
    public static let checkInGrace = 21

    /// A key result's status in a report: at the quarter's end (`complete`) achieved or missed; before
    /// it, `progress` against `expected` (`judge(progress:expected:thresholds:)`), except that one not
    /// checked in yet in the quarter's first `checkInGrace` days (`daysIn`) is "no check-in yet" rather than behind.
    public static func judge(progress: Decimal, expected: Decimal, thresholds: KeyResultStatusThresholds,
                             complete: Bool, checkedIn: Bool, daysIn: Int) -> KeyResultStatus {
        if complete { return progress >= 1 ? .achieved : .missed }
        let judged = judge(progress: progress, expected: expected, thresholds: thresholds)
        return judged != .onTrack && !checkedIn && daysIn <= checkInGrace ? .noCheckInYet : judged
    }

    /// A threshold as statuses are judged with it: through the shortest text, so 0.9 is exactly nine
    /// tenths (not the binary double's neighbour).
    static func exact(_ value: Double) -> Decimal { ExactNumber.decimal(String(value)) ?? Decimal(value) }

    /// `progress` against `expected` (the fraction of the quarter elapsed) under `thresholds`.
    public static func judge(progress: Decimal, expected: Decimal, thresholds: KeyResultStatusThresholds) -> KeyResultStatus {
        let onTrack = expected * exact(thresholds.onTrack)
        let atRisk = expected * exact(thresholds.atRisk)
        if progress >= onTrack { return .onTrack }
        return progress >= atRisk ? .atRisk : .offTrack
    }
}

public struct ObjectiveLine: Sendable {
    public var id: String
    public var squad: String
    public var title: String?
    public var alignsTo: String?
    /// Set when the objective first appeared during the quarter.
    public var added: Int64?
    /// Set when it was removed, or moved to another quarter, during the quarter.
    public var dropped: Int64?
    public var keyResults: [KeyResultLine]
    /// Key results a commit in the quarter took out of it (and none put back), oldest id first:
    /// listed under it, not in its score.
    public var keyResultsDropped: [DroppedKeyResult] = []

    /// The mean score of the key results that have one (not those dropped), exact (0.35 and 0.4 give 0.375, shown 0.38).
    public var score: Decimal? { Numbers.mean(keyResults.compactMap(\.score)) }
}

public struct NorthStarRollUp: Sendable {
    public var metric: String
    public var name: String?
    /// The metric's unit as it stood then (a later commit may change it).
    public var unit: MetricUnit?
    /// Objectives of the quarter aligned to the North Star, directly or through other objectives.
    public var objectives: [String]
    /// Mean score over those objectives' key results that have a score.
    public var meanScore: Decimal?
    public var scoredKeyResults: Int
    /// Key results that measure the North Star metric itself.
    public var direct: [String]
}

/// Each objective's line (nil: not reported) and notes, by its place in the sorted objectives;
/// filled by two threads.
/// Each experiment's `key_result`, written by two threads into their own halves.
private final class KeyResultReferences: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var all: [String?]

    init(count: Int) { all = Array(repeating: nil, count: count) }

    /// `references` of the experiments at `start`, `start + step`, … in order.
    func store(_ references: [String?], from start: Int, step: Int) {
        lock.lock()
        defer { lock.unlock() }
        for (offset, reference) in references.enumerated() { all[start + offset * step] = reference }
    }
}

private final class ObjectiveResults: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var results: [(line: ObjectiveLine?, notes: [HistoryNote])]

    private var taken = 0

    init(count: Int) { results = Array(repeating: (nil, []), count: count) }

    /// The next objective no thread has taken yet; nil once all are.
    func take() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard taken < results.count else { return nil }
        taken += 1
        return taken - 1
    }

    func store(_ part: [(index: Int, line: ObjectiveLine?, notes: [HistoryNote])]) {
        lock.lock()
        defer { lock.unlock() }
        for result in part { results[result.index] = (result.line, result.notes) }
    }
}

/// The quarter's OKRs, read from the history.
public struct OKRReport: Sendable {
    public var quarter: Quarter
    public var start: Day
    /// The day the report is made on (`--today`): linked experiments' undone moves are read up to its end.
    public var today: Day
    /// The last day counted: the quarter's last day, or today while it runs.
    public var lastDay: Day
    public var complete: Bool
    /// False while today is before the quarter's first day: nothing is measured yet, and the
    /// objectives listed are the ones planned for it as of today.
    public var started: Bool
    /// The quarter's last day (the report may stop earlier, at today).
    public var quarterLastDay: Day
    /// The fraction of the quarter elapsed by `lastDay` (1 once it is complete, 0 before it starts).
    public var elapsed: Decimal
    public var thresholds: KeyResultStatusThresholds
    public var objectives: [ObjectiveLine]
    public var northStar: NorthStarRollUp?
    public var source: SourceSummary

    public var squads: [String] { Array(Set(objectives.map(\.squad))).sorted() }

    /// `not started`, `in progress` or `complete`.
    public var status: String { !started ? "not started" : (complete ? "complete" : "in progress") }

    /// How statuses are judged, in words: "Status: progress against the 45% of the quarter elapsed
    /// (on track ≥ 0.9 × that, at risk ≥ 0.6 ×, else off track)"; nil before the quarter starts.
    static func statusBasis(_ report: OKRReport) -> String? {
        guard report.started else { return nil }
        if report.complete {
            return "Status: the quarter has ended: achieved where progress reached 1 (the target), else missed"
        }
        let early = Int(UTC.days(report.lastDay) - UTC.days(report.start) + 1) <= KeyResultStatus.checkInGrace
            ? "; in the quarter's first \(KeyResultStatus.checkInGrace) days one not checked in yet and not on track is no check-in yet" : ""
        let percent = Numbers.text(report.elapsed * 100, places: 0)
        return "Status: progress against the \(percent)% of the quarter elapsed (on track at ≥ \(Numbers.text(report.thresholds.onTrack, places: 4))× that, "
            + "at risk at ≥ \(Numbers.text(report.thresholds.atRisk, places: 4))×, else off track; set under reports in .playbook.yml\(early))"
    }

    /// The report's period in words: "2026-07-01 to 2026-09-30", "… (quarter in progress: values
    /// as of today)", or, before the quarter, that it has not started and when it runs.
    static func periodText(_ report: OKRReport) -> String {
        if !report.started {
            return "\(report.quarter) has not started: it runs \(report.start) to \(report.quarterLastDay); "
                + "objectives planned for it as of \(report.lastDay), nothing measured yet"
        }
        return "\(report.start) to \(report.lastDay)\(report.complete ? "" : " (quarter in progress: values as of today)")"
    }

    /// - Parameter today: the current date (UTC); a quarter still running is reported up to today.
    /// `lifecycles`: every experiment's versions read once (`ExperimentLifecycles` of the same
    /// timelines), shared by the reports of many quarters; the same report without it.
    public init(quarter: Quarter, today: Day, timelines: Timelines, history: History,
                thresholds: KeyResultStatusThresholds = KeyResultStatusThresholds(), lifecycles: ExperimentLifecycles? = nil) {
        self.quarter = quarter
        self.today = today
        self.thresholds = thresholds
        source = SourceSummary(history)
        let bounds = UTC.bounds(of: quarter)
        start = bounds.start
        let startTime = UTC.seconds(bounds.start)
        let quarterEnd = UTC.seconds(bounds.end)
        let todayEnd = UTC.seconds(today) + 86_400
        started = todayEnd > startTime
        // Before the quarter, its planned objectives are read as they stand today.
        let endTime = started ? min(quarterEnd, todayEnd) : todayEnd
        let complete = todayEnd >= quarterEnd
        self.complete = complete
        lastDay = UTC.day(of: endTime - 1)
        quarterLastDay = UTC.day(fromDays: UTC.days(bounds.end) - 1)
        if started { source.count(history, from: bounds.start, to: lastDay) }
        let elapsed = started ? Decimal(endTime - startTime) / Decimal(quarterEnd - startTime) : 0
        self.elapsed = elapsed
        let daysIn = Int(UTC.days(lastDay) - UTC.days(start) + 1)

        // Each metric's unit and each squad's currency, as they stand at the end of the period,
        // as lint's decoder reads them.
        var units: [String: MetricUnit] = [:]
        var metricVersions: [(id: String, metric: Metric)] = []
        for timeline in timelines.all(kind: Kind.metric.rawValue) {
            guard let metric = timeline.version(before: endTime)?.metric else { continue }
            if let unit = metric.unit { units[timeline.id] = unit }
            metricVersions.append((timeline.id, metric))
        }
        var currencies: [String: String] = [:]
        for timeline in timelines.all(kind: Kind.squad.rawValue) {
            if let currency = timeline.version(before: endTime)?.squad?.budget?.currency { currencies[timeline.id] = currency }
        }

        // Experiments by the key result they name; only those of reported key results are decoded.
        // By position in `experimentTimelines` (a timeline copied per quarter into a list per key
        // result retained and released its id, kind, events and store, for every experiment).
        var experiments: [String: [Int]] = [:]
        let experimentTimelines = lifecycles?.timelines ?? timelines.all(kind: Kind.experiment.rawValue)
        if let lifecycles {
            for track in 0..<lifecycles.count {
                guard let reference = lifecycles.keyResult(track, before: endTime) else { continue }
                experiments[reference, default: []].append(track)
            }
        } else {
            // Each experiment's key result read on two threads (alternate experiments: halves left
            // one thread the older ones, which have a value to read, and the other mostly later ones,
            // which have none yet), then gathered in id order.
            let references = KeyResultReferences(count: experimentTimelines.count)
            TwoThreads.run { part in
                let indices = stride(from: part, to: experimentTimelines.count, by: 2)
                references.store(indices.map { experimentTimelines[$0].state(before: endTime)?.value("key_result")?.textValue },
                                 from: part, step: 2)
            }
            for (index, reference) in references.all.enumerated() {
                guard let reference else { continue }
                experiments[reference, default: []].append(index)
            }
        }
        var notes = ReportNotes()

        // In a shallow clone, what the oldest commit holds was not created there: it is only where history starts.
        let boundary = Set(history.shallowBoundary)
        let started = started, thresholds = thresholds
        // One objective's line; nil when it is not reported. Reads only, so the objectives can be
        // shared out between the two cores (decoding their versions and their experiments' is most of the work).
        func line(_ timeline: Timeline, notes: inout ReportNotes) -> ObjectiveLine? {
            // In the quarter at its start, at its end, or at some moment between: then it is reported,
            // with the version standing at the end (or the last one it had in the quarter).
            func isIn(_ state: EntityState?) -> Bool { state?.value("quarter")?.textValue.flatMap(Quarter.init) == quarter }
            let atStart = timeline.state(before: startTime)
            let atEnd = timeline.state(before: endTime)
            var lastIn: Int?
            var added: Int64?
            var dropped: Int64?
            var wasIn = isIn(atStart)
            // Events read field by field where they are (enumerating copied each whole event out).
            let events = timeline.events
            for index in events.indices where events[index].mainLine && events[index].time >= startTime && events[index].time < endTime {
                let nowIn = events[index].type != .removed && isIn(events[index].state)
                if nowIn {
                    lastIn = index
                    if !wasIn && added == nil && !isIn(atStart) && !boundary.contains(events[index].commit) { added = events[index].time }
                } else if wasIn {
                    dropped = events[index].time
                }
                wasIn = nowIn
            }
            if isIn(atEnd) { dropped = nil }
            let reported: TypedVersion?
            if isIn(atEnd) {
                reported = timeline.version(before: endTime)
            } else if let lastIn {
                reported = timeline.version(at: lastIn)
            } else {
                reported = isIn(atStart) ? timeline.version(before: startTime) : nil
            }
            guard let reported, let objective = reported.objective else { return nil }
            notes.unreadable(reported, of: timeline.id)
            var ids: [String] = []
            for (position, kr) in objective.keyResults.enumerated() {
                guard let id = kr.id?.value else {
                    notes.add(reported, "\(timeline.id): key result \(position + 1) has no id, so it is left out of the report (give it one, such as KR-\(position + 1))")
                    continue
                }
                if !ids.contains(id) { ids.append(id) }
            }
            let start = timeline.version(before: startTime)
            var keyResults = ids.sorted(by: KeyResultFields.naturalOrder).map { kr in
                Self.keyResult(kr, objective: timeline, version: reported, startVersion: start,
                               start: startTime, end: endTime, experiments: experiments["\(timeline.id)/\(kr)"] ?? [],
                               in: experimentTimelines, lifecycles: lifecycles, boundary: boundary, todayEnd: todayEnd, notes: &notes)
            }
            let squad = objective.squad?.value ?? "(no squad)"
            // Each measured up to the commit that removed it, as the version before that held it.
            var keyResultsDropped: [DroppedKeyResult] = []
            for removal in KeyResultChanges.removals(in: timeline, start: startTime, end: endTime, isIn: isIn) where !ids.contains(removal.kr) {
                guard let holder = removal.holder.map({ timeline.version(at: $0) }) ?? timeline.version(before: startTime) else { continue }
                var unused = ReportNotes()  // its values' notes are the versions' that held it, not the report's
                var line = Self.keyResult(removal.kr, objective: timeline, version: holder, startVersion: start,
                                          start: startTime, end: events[removal.removal].time, experiments: [],
                                          in: experimentTimelines, lifecycles: lifecycles, boundary: boundary, todayEnd: todayEnd, notes: &unused)
                line.unit = line.metric.flatMap { units[$0] }
                line.currency = line.unit == .currency ? currencies[squad] : nil
                keyResultsDropped.append(DroppedKeyResult(keyResult: line, removed: events[removal.removal].time,
                                                commit: events[removal.removal].commit, author: events[removal.removal].author))
            }
            keyResults = keyResults.map {
                var line = $0
                line.unit = line.metric.flatMap { units[$0] }
                line.currency = line.unit == .currency ? currencies[squad] : nil
                line.status = line.progress.map {
                    KeyResultStatus.judge(progress: $0, expected: elapsed, thresholds: thresholds, complete: complete,
                                          checkedIn: !line.checkIns.isEmpty, daysIn: daysIn)
                }
                return line
            }
            if !started {
                // Nothing of a quarter that has not begun is measured: no values, progress or score.
                keyResults = keyResults.map {
                    var planned = $0
                    (planned.startValue, planned.endValue, planned.progress, planned.score) = (nil, nil, nil, nil)
                    planned.checkIns = []
                    planned.status = nil
                    planned.confidence = []
                    (planned.baselineChanges, planned.targetChanges) = ([], [])
                    return planned
                }
            }
            return ObjectiveLine(
                id: timeline.id, squad: squad, title: objective.title,
                alignsTo: objective.alignsTo?.value, added: added, dropped: dropped, keyResults: keyResults,
                keyResultsDropped: keyResultsDropped)
        }
        // On two threads, each taking the next objective not yet taken (fixed shares left one
        // thread nearly all the work: alternating gave one thread every squad's first objective,
        // where the generated history links its experiments), each objective with its own
        // notes; put back in the objectives' order, the lines and notes are what one pass gives.
        let objectiveTimelines = timelines.all(kind: Kind.objective.rawValue)
        let results = ObjectiveResults(count: objectiveTimelines.count)
        // `line` only reads what it captures (the maps above are complete and no longer change).
        nonisolated(unsafe) let lineOf = line
        TwoThreads.run { _ in
            var partResults: [(index: Int, line: ObjectiveLine?, notes: [HistoryNote])] = []
            while let index = results.take() {
                var objectiveNotes = ReportNotes()
                let objectiveLine = lineOf(objectiveTimelines[index], &objectiveNotes)
                partResults.append((index, objectiveLine, objectiveNotes.notes))
            }
            results.store(partResults)
        }
        var lines: [ObjectiveLine] = []
        for result in results.results {
            if let line = result.line { lines.append(line) }
            for note in result.notes { notes.add(commit: note.commit, path: note.path, note.message) }
        }
        objectives = lines.sorted { ($0.squad, $0.id) < ($1.squad, $1.id) }
        // Objectives written for the quarter only after it ended: no commit in it held them, so the
        // history has no value for them there. Named, so a report that lists none says why (`site`
        // shows them as written).
        if complete {
            let reported = Set(lines.map(\.id))
            for timeline in objectiveTimelines where !reported.contains(timeline.id) {
                guard timeline.current?.value("quarter")?.textValue.flatMap(Quarter.init) == quarter,
                      let first = timeline.events.first(where: { $0.mainLine && $0.time >= quarterEnd }) else { continue }
                notes.add(commit: first.commit, path: first.path,
                          "\(timeline.id) is written for \(quarter) but only after the quarter ended (\(UTC.day(of: first.time))), "
                              + "so the history has no value for it in the quarter and the report leaves it out; `playbook site` lists it as written")
            }
        }
        northStar = Self.northStar(metrics: metricVersions, objectives: objectives)
        source.notes += notes.notes
    }

    /// One key result of `version`, the objective's reported version.
    private static func keyResult(
        _ kr: String, objective: Timeline, version: TypedVersion, startVersion: TypedVersion?,
        start: Int64, end: Int64, experiments: [Int], in experimentTimelines: [Timeline],
        lifecycles: ExperimentLifecycles?, boundary: Set<ObjectID>, todayEnd: Int64, notes: inout ReportNotes
    ) -> KeyResultLine {
        let currentField = KeyResultFields.field(kr, "current")
        let confidenceField = KeyResultFields.field(kr, "confidence")
        let idField = KeyResultFields.field(kr, "id")
        let reference = "\(objective.id)/\(kr)"
        let state = version.state
        let startState = startVersion?.state
        let atStart = startVersion?.objective.flatMap { KeyResultFields.keyResult(kr, in: $0) }
        var startValue = KeyResultFields.exact(atStart?.current, startState, currentField)
        var endValue = startValue
        var checkIns: [CheckIn] = []
        var previous = EntityState()
        // Events read field by field where they are (`for event in` copied each whole event out, per key result).
        let events = objective.mainLineEvents
        let sideAware = objective.hasSideEvents
        // Read with all parents: where each of `events` is in `objective.events`, and the merges
        // that repeat a side branch's check-in (indices into `events`).
        let mainLine = sideAware ? objective.events.indices.filter { objective.events[$0].mainLine } : []
        var merges: [Int] = []
        for index in events.indices where events[index].time < end {
            defer { previous = events[index].type == .removed ? EntityState() : events[index].state }
            guard events[index].time >= start, events[index].type != .removed,
                  let change = events[index].fields.first(where: { $0.path == currentField }), let new = change.newValue else { continue }
            guard let value = new.number else {
                // A number all the same, but one too large or too small to compute with exactly.
                let why = if case .float(let number)? = new.scalar, number.isFinite {
                    "is \(new.text), \(ExactNumber.tooWide(number))"
                } else if case .float? = new.scalar {
                    "must be a finite number, found \(KeyResultFields.describe(new))"
                } else {
                    "must be a number, found \(KeyResultFields.describe(new))"
                }
                notes.add(commit: events[index].commit, path: events[index].path,
                          "\(reference): \"current\" \(why); lint reports it, and it is not counted as a check-in")
                continue
            }
            let before = endValue
            endValue = value
            if startValue == nil {
                // Created during the quarter (or first measured in it): it starts at its first recorded value.
                startValue = value
            }
            // A change while it was there; its first value on a key result that had none; or its
            // return (the value or the whole key result taken out, put back) at a value other than
            // the one it left with. Its creation is not a check-in.
            if previous[currentField] != nil || (previous[idField] != nil && before == nil) || (before != nil && before != value) {
                if sideAware && events[index].inherited {
                    merges.append(index)
                } else {
                    checkIns.append(CheckIn(time: events[index].time, value: value, commit: events[index].commit, author: events[index].author))
                }
            }
        }
        if sideAware {
            // Read with all parents, a merged side branch's check-ins are the report's events, each
            // dated by and credited to its own commit (the merge repeating them is not counted again);
            // the values at the quarter's start and end stay the first-parent line's.
            let side = sideCheckIns(kr, objective: objective, start: start, end: end)
            let added = side.checkIns + mergeCheckIns(kr, objective: objective, merges: merges.map { mainLine[$0] }, listed: side.listed)
            if !added.isEmpty {
                checkIns += added
                checkIns.sort { $0.time < $1.time }
            }
        }
        let typed = version.objective.flatMap { KeyResultFields.keyResult(kr, in: $0) }
        if typed?.current == nil, state.value(currentField) != nil {
            // Lint cannot read the reported version's value (its note says why): neither can the report.
            endValue = nil
        }
        var confidence: [ConfidencePoint] = []
        if let value = KeyResultFields.exact(atStart?.confidence, startState, confidenceField) {
            confidence.append(ConfidencePoint(time: start, value: value))
        }
        for index in events.indices where events[index].time >= start && events[index].time < end && events[index].type != .removed {
            guard let change = events[index].fields.first(where: { $0.path == confidenceField }) else { continue }
            let point: ConfidencePoint
            if let number = change.newValue?.number {
                point = ConfidencePoint(time: events[index].time, value: number)
            } else if events[index].state[idField] != nil, !confidence.isEmpty {
                // Deleted (or written empty) while the key result stays: no longer given; written as
                // something that is not a confidence, left out as lint leaves it (its note says why).
                // Either way its old value is not the quarter's.
                let deleted = change.newValue.map { if case .null? = $0.scalar { true } else { false } } ?? true
                point = ConfidencePoint(time: events[index].time, value: nil, notAConfidence: !deleted)
            } else {
                continue
            }
            guard confidence.last.map({ $0.value != point.value }) ?? true else { continue }
            confidence.append(point)
        }
        let baseline = KeyResultFields.exact(typed?.baseline, state, KeyResultFields.field(kr, "baseline"))
        let target = KeyResultFields.exact(typed?.target, state, KeyResultFields.field(kr, "target"))
        var progress: Decimal?
        if let baseline, let target, let endValue {
            progress = Numbers.ratio(endValue - baseline, target - baseline)
        }
        var linked: [LinkedExperiment] = []
        for position in experiments {
            guard let version = experimentTimelines[position].version(before: end), let experiment = version.experiment,
                  experiment.keyResult?.value == reference else { continue }
            let id = experimentTimelines[position].id
            notes.unreadable(version, of: id)
            var line = LinkedExperiment(id: id, title: experiment.title, status: experiment.status?.value, outcome: experiment.result?.outcome?.value)
            // A move it stood at when the quarter ended that a later commit up to today undid counts in no period
            // (`report experiments`): it is shown as it stands today, the undone move said.
            let lives = lifecycles ?? ExperimentLifecycles(tracking: [experimentTimelines[position]], boundary: boundary)
            if let undone = lives.undoneMove(of: id, standingAt: end, movesUntil: todayEnd) {
                line.undone = undone
                line.outcomeThen = line.outcome
                let now = experimentTimelines[position].version(before: todayEnd)?.experiment
                (line.status, line.outcome) = (now?.status?.value ?? undone.undoneTo, now?.result?.outcome?.value)
            }
            linked.append(line)
        }
        return KeyResultLine(
            id: kr, reference: reference, title: typed?.title,
            metric: typed?.metric?.value, baseline: baseline, target: target,
            startValue: startValue, endValue: endValue, progress: progress,
            score: progress.map { min(Decimal(1), max(Decimal(0), $0)) }, checkIns: checkIns, experiments: linked,
            confidence: confidence,
            baselineChanges: KeyResultChanges.edits(of: KeyResultFields.field(kr, "baseline"), in: events, start: start, end: end),
            targetChanges: KeyResultChanges.edits(of: KeyResultFields.field(kr, "target"), in: events, start: start, end: end))
    }

    /// The check-ins of key result `kr` made by commits on merged side branches (read with all
    /// parents) in [start, end), which a merge carried onto the first-parent line: a change of its
    /// `current` to a number, or its first value on a key result that was there without one; the
    /// key result's creation is not a check-in.
    /// `listed`: the events (indices into `objective.events`) that say the key result's value as the report
    /// lists it: the main line's own and the carried side ones, at any time.
    private static func sideCheckIns(_ kr: String, objective: Timeline, start: Int64, end: Int64) -> (checkIns: [CheckIn], listed: [Int]) {
        let currentField = KeyResultFields.field(kr, "current")
        let idField = KeyResultFields.field(kr, "id")
        var checkIns: [CheckIn] = []
        let events = objective.events
        let carried = objective.carriedSideEvents(changing: currentField)
        let listed = (events.indices.filter { events[$0].mainLine && !events[$0].inherited } + carried).sorted()
        for index in carried
            where events[index].type == .changed && events[index].time >= start && events[index].time < end {
            let fields = events[index].fields
            guard let change = fields.first(where: { $0.path == currentField }), let value = change.newValue?.number,
                  change.oldValue != nil || !fields.contains(where: { $0.path == idField && $0.oldValue == nil }) else { continue }
            checkIns.append(CheckIn(time: events[index].time, value: value, commit: events[index].commit, author: events[index].author))
        }
        return (checkIns, listed)
    }

    /// Read with all parents: the merges (indices into `objective.events`) that repeat a side
    /// branch's change of key result `kr`'s `current` yet leave it at another value than the
    /// check-ins listed before them in time said (both lines checked in, and the merge kept the
    /// side's older value): each is a check-in of its own, by the merge's author, so the
    /// trajectory ends where the value does.
    private static func mergeCheckIns(_ kr: String, objective: Timeline, merges: [Int], listed: [Int]) -> [CheckIn] {
        let currentField = KeyResultFields.field(kr, "current")
        let events = objective.events
        return merges.compactMap { index in
            guard let value = objective.mergeResolution(index, listed: listed).first(where: { $0.path == currentField })?.newValue?.number
            else { return nil }
            return CheckIn(time: events[index].time, value: value, commit: events[index].commit, author: events[index].commitAuthor)
        }
    }

    private static func northStar(metrics: [(id: String, metric: Metric)], objectives: [ObjectiveLine]) -> NorthStarRollUp? {
        guard let (metric, state) = metrics.first(where: { $0.metric.northStar?.value == true }) else { return nil }
        let live = objectives.filter { $0.dropped == nil }
        // Aligned directly, or through a chain of objectives that ends at the North Star.
        var aligned = Set(live.filter { $0.alignsTo == metric }.map(\.id))
        var grew = true
        while grew {
            grew = false
            for objective in live where !aligned.contains(objective.id) {
                if let parent = objective.alignsTo, aligned.contains(parent) {
                    aligned.insert(objective.id)
                    grew = true
                }
            }
        }
        let included = live.filter { aligned.contains($0.id) }
        let scores = included.flatMap(\.keyResults).compactMap(\.score)
        return NorthStarRollUp(
            metric: metric, name: state.name, unit: state.unit, objectives: included.map(\.id).sorted(),
            meanScore: Numbers.mean(scores),
            scoredKeyResults: scores.count,
            direct: live.flatMap(\.keyResults).filter { $0.metric == metric }.map(\.reference))
    }
}

/// Where a report's numbers came from, and what it cannot see.
public struct SourceSummary: Sendable {
    public var head: String
    public var commit: ObjectID?
    public var mode: String
    public var commits: Int
    public var shallow: Bool
    public var caveats: [String]
    public var notes: [HistoryNote]

    public init(_ history: History) {
        switch history.head {
        case .branch(let name): head = name
        case .unborn(let name): head = name
        case .detached(let commit): head = "detached at \(commit.description.prefix(12))"
        }
        commit = history.tip
        mode = history.mode.rawValue
        commits = history.commitCount
        shallow = history.isShallow
        caveats = history.caveats
        notes = Self.fewDuplicateKeyNotes(history.notes)
    }

    /// How many notes on versions that write a key twice a report shows; the rest are counted.
    public static let duplicateKeyNotes = 3

    /// `notes` with the first few on versions that write a key twice, and one note counting the
    /// others (on the commit of the first left out, naming no file): a file that has always had
    /// one would otherwise fill the report with a note per commit.
    static func fewDuplicateKeyNotes(_ notes: [HistoryNote]) -> [HistoryNote] {
        let duplicates = notes.filter { $0.message.hasPrefix(HistoryNote.duplicateKeyPrefix) }
        guard duplicates.count > duplicateKeyNotes else { return notes }
        let rest = duplicates.count - duplicateKeyNotes
        var shown = 0
        var out: [HistoryNote] = []
        for note in notes {
            guard note.message.hasPrefix(HistoryNote.duplicateKeyPrefix) else { out.append(note); continue }
            shown += 1
            if shown <= duplicateKeyNotes { out.append(note) }
            if shown == duplicateKeyNotes + 1 {
                out.append(HistoryNote(commit: note.commit, path: "",
                                       message: "\(rest) more file \(rest == 1 ? "version writes" : "versions write") a key twice; each is read with the key's first value"))
            }
        }
        return out
    }

    /// How many commits were read, as every header and footer says it: `1 commit`, `21 commits`.
    public var commitsRead: String { commits == 1 ? "1 commit" : "\(commits) commits" }

    /// Of the commits read, how many changed the playbook in the days the report counts (its
    /// period up to today); nil when it counts no period (`site`, a quarter not started yet).
    public var periodCommits: Int?
    /// The first and last day `periodCommits` counts.
    public var periodDays: (start: Day, last: Day)?

    /// Counts the commits of `history` that changed an entity from `start` to `last` (both included).
    mutating func count(_ history: History, from start: Day, to last: Day) {
        guard last >= start else { return }
        let from = UTC.seconds(start), to = UTC.seconds(last) + 86_400
        periodCommits = history.records.reduce(0) { $0 + ($1.time >= from && $1.time < to && !$1.changes.isEmpty ? 1 : 0) }
        periodDays = (start, last)
    }

    /// The reports' header on the history: every commit read (the whole line, whatever the period)
    /// and those of the period counted, so the two are never taken for each other:
    /// `history: 37 commits read (first-parent), 31 changing the playbook from 2026-10-01 to 2026-11-15`.
    public var historyText: String {
        var text = "history: \(commitsRead) read (\(mode))"
        if let periodCommits, let periodDays {
            text += ", \(periodCommits) changing the playbook from \(periodDays.start) to \(periodDays.last)"
        }
        return text
    }
}
