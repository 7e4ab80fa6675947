import Foundation
import PlaybookGit
import PlaybookHistory
import PlaybookModel

/// How the report computes a key result's line, its check-ins from merged side branches, and the North Star roll-up.
extension OKRReport {
    /// `OKR-OLD/KR-1`, written before the objective's id changed, names `OKR-NEW/KR-1`: the history followed it.
    static func followed(_ reference: String, in timelines: Timelines) -> String {
        guard let slash = reference.firstIndex(of: "/") else { return reference }
        let objective = String(reference[..<slash])
        let now = timelines.followed(objective)
        return now == objective ? reference : now + reference[slash...]
    }

    /// One key result of `version`, the objective's reported version.
    static func keyResult(
        _ kr: String, objective: Timeline, version: TypedVersion, startVersion: TypedVersion?,
        start: Int64, end: Int64, experiments: [Int], in experimentTimelines: [Timeline], timelines: Timelines,
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
            let added = side.checkIns + mergeCheckIns(kr, objective: objective, merges: merges.map { mainLine[$0] }, listed: side.listed, start: start)
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
                  experiment.keyResult.map({ Self.followed($0.value, in: timelines) }) == reference else { continue }
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
    static func sideCheckIns(_ kr: String, objective: Timeline, start: Int64, end: Int64) -> (checkIns: [CheckIn], listed: [Int]) {
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
    /// side's older value): each is a check-in of its own, so the trajectory ends where the value
    /// does, dated by the merge and credited to who made the value it kept.
    /// So is a merge that brings a check-in made on its side before the quarter began (`start`): the
    /// side's commit is counted in its own quarter, and the merge moved the line's value in this one.
    static func mergeCheckIns(_ kr: String, objective: Timeline, merges: [Int], listed: [Int], start: Int64) -> [CheckIn] {
        let currentField = KeyResultFields.field(kr, "current")
        let events = objective.events
        return merges.compactMap { index in
            let resolved = objective.mergeResolution(index, listed: listed).first(where: { $0.path == currentField })
            guard let field = resolved ?? Self.broughtFromBefore(start, currentField, merge: index, in: objective),
                  let value = field.newValue?.number
            else { return nil }
            // Dated by the merge, which moved the line's value; credited to whoever made the value it
            // kept (the side commit's author, as the first-parent walk credits it).
            return CheckIn(time: events[index].time, value: value, commit: events[index].commit,
                           author: objective.maker(of: field, resolvedBy: index))
        }
    }

    /// The change of `field` merge event `merge` (a repeat of its side's check-in) brings when the side
    /// commit that made that value is dated before `start`; nil when it is in the quarter (counted
    /// there) or the merge does not change the field.
    static func broughtFromBefore(_ start: Int64, _ field: String, merge: Int, in objective: Timeline) -> FieldChange? {
        let events = objective.events
        guard let change = events[merge].fields.first(where: { $0.path == field }), change.oldValue != nil,
              change.newValue?.number != nil else { return nil }
        var index = merge - 1
        // The walk lists the merge's side commits just before it: the last that set the value made it.
        while index >= 0, !events[index].mainLine {
            if events[index].fields.contains(where: { $0.path == field && $0.newValue == change.newValue }) {
                return events[index].time < start ? change : nil
            }
            index -= 1
        }
        return nil
    }

    static func northStar(metrics: [(id: String, metric: Metric)], objectives: [ObjectiveLine]) -> NorthStarRollUp? {
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
