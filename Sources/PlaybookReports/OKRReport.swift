import Foundation
import PlaybookGit
import PlaybookHistory
import PlaybookModel

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
    /// With no objective in the quarter (and `lookAround`): the latest earlier quarter and the next
    /// later one whose reports list objectives, so that an empty report says where to look (the
    /// first days of a quarter often have none yet); nil otherwise, or when there is none.
    public var latestEarlierWithObjectives: Quarter?
    public var nextLaterWithObjectives: Quarter?
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
                thresholds: KeyResultStatusThresholds = KeyResultStatusThresholds(), lifecycles: ExperimentLifecycles? = nil,
                lookAround: Bool = true) {
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
        func followed(_ reference: String) -> String { Self.followed(reference, in: timelines) }
        let experimentTimelines = lifecycles?.timelines ?? timelines.all(kind: Kind.experiment.rawValue)
        if let lifecycles {
            for track in 0..<lifecycles.count {
                guard let reference = lifecycles.keyResult(track, before: endTime) else { continue }
                experiments[followed(reference), default: []].append(track)
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
                experiments[followed(reference), default: []].append(index)
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
                               in: experimentTimelines, timelines: timelines, lifecycles: lifecycles, boundary: boundary, todayEnd: todayEnd,
                               notes: &notes)
            }
            let squad = objective.squad?.value ?? "(no squad)"
            // Each measured up to the commit that removed it, as the version before that held it.
            var keyResultsDropped: [DroppedKeyResult] = []
            for removal in KeyResultChanges.removals(in: timeline, start: startTime, end: endTime, isIn: isIn) where !ids.contains(removal.kr) {
                guard let holder = removal.holder.map({ timeline.version(at: $0) }) ?? timeline.version(before: startTime) else { continue }
                var unused = ReportNotes()  // its values' notes are the versions' that held it, not the report's
                var line = Self.keyResult(removal.kr, objective: timeline, version: holder, startVersion: start,
                                          start: startTime, end: events[removal.removal].time, experiments: [],
                                          in: experimentTimelines, timelines: timelines, lifecycles: lifecycles, boundary: boundary,
                                          todayEnd: todayEnd, notes: &unused)
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
        if lines.isEmpty, lookAround {
            // The quarters any version of an objective was written for, nearest first, each reported as
            // this one is (a quarter an objective names may still list none: written after it ended,
            // moved to another quarter): the first that lists one on either side.
            var named: Set<Quarter> = []
            for timeline in objectiveTimelines {
                for event in timeline.events where event.mainLine {
                    if let written = event.state.value("quarter")?.textValue.flatMap(Quarter.init) { named.insert(written) }
                }
            }
            func firstListing(_ candidates: [Quarter]) -> Quarter? {
                candidates.first { candidate in
                    !OKRReport(quarter: candidate, today: today, timelines: timelines, history: history, thresholds: thresholds,
                               lifecycles: lifecycles, lookAround: false).objectives.isEmpty
                }
            }
            latestEarlierWithObjectives = firstListing(named.filter { $0 < quarter }.sorted(by: >))
            nextLaterWithObjectives = firstListing(named.filter { $0 > quarter }.sorted())
        }
    }

    /// Where an empty report points instead, in words ("; the latest earlier quarter with objectives is 2026-Q3"),
    /// each quarter passed through `shown` (a command or a link); empty when it points nowhere.
    public static func elsewhere(_ report: OKRReport, shown: (Quarter) -> String) -> String {
        switch (report.latestEarlierWithObjectives, report.nextLaterWithObjectives) {
        case let (earlier?, later?): "; the latest earlier quarter with objectives is \(shown(earlier)), the next later one \(shown(later))"
        case let (earlier?, nil): "; the latest earlier quarter with objectives is \(shown(earlier))"
        case let (nil, later?): "; the next later quarter with objectives is \(shown(later))"
        case (nil, nil): ""
        }
    }
}
