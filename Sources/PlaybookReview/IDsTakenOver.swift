import PlaybookGit
import PlaybookHistory

/// An id whose entity another id takes over while the id itself stays, given to another entity: the
/// entity moved to a new id and a new one under the old id in one commit, or two ids swapped (each
/// file given the other's id). Read field by field, the id's entity "changed" into another one.
enum IDsTakenOver {
    /// In each commit of the change, the ids whose entity went to another id while they stay (read as
    /// changed), each with the id that took it: an id that does not keep its entity (`keeps`), and of the ids of
    /// that kind changed or arriving in the commit, the one holding every field the id held before (the
    /// only such), else the only one holding more than half of them and more of them than the id itself still holds.
    static func find(_ timelines: Timelines, range: Set<ObjectID>) -> [String: [ObjectID: String]] {
        struct Moment: Hashable { var commit: ObjectID, kind: String }
        struct Step { var id: String, before: [String: FieldValue]?, after: [String: FieldValue] }
        var steps: [Moment: [Step]] = [:]
        for timeline in timelines.byID.values {
            for (index, event) in timeline.events.enumerated() where range.contains(event.commit) && event.type != .removed {
                let before = event.type == .changed && index > 0 ? values(timeline.events[index - 1].state) : nil
                steps[Moment(commit: event.commit, kind: timeline.kind), default: []]
                    .append(Step(id: timeline.id, before: before, after: values(event.state)))
            }
        }
        var out: [String: [ObjectID: String]] = [:]
        for (moment, all) in steps where all.count > 1 {
            for step in all {
                guard let before = step.before, !keeps(before, step.after) else { continue }
                let others = all.filter { $0.id != step.id }
                let taker: Step?
                if let exact = only(others.filter { $0.after == before }) {
                    taker = exact
                } else {
                    let kept = equal(before, step.after)
                    taker = only(others.filter { equal(before, $0.after) > kept && EntityRenames.mostlyEqual(before, $0.after) })
                }
                if let taker { out[step.id, default: [:]][moment.commit] = taker.id }
            }
        }
        return out
    }

    /// Pairs of `.changed` deltas whose ids the change swaps (each holds at the head what the other held
    /// at the base, by the rule of `find`), replaced by two `.renamed` deltas, with the renames.
    /// - Parameter states: an id's fields where the change starts and where it ends.
    static func swapped(_ deltas: [EntityDelta], states: (String) -> (start: EntityState?, end: EntityState?))
        -> (deltas: [EntityDelta], renames: [EntityRename]) {
        let changed = deltas.filter { $0.change == .changed }
        var ends: [String: (start: EntityState, end: EntityState)] = [:]
        for delta in changed {
            let (start, end) = states(delta.id)
            if let start, let end { ends[delta.id] = (start, end) }
        }
        // The id whose base entity each id's head entity is, of its kind.
        var cameFrom: [String: String] = [:]
        for delta in changed {
            guard let own = ends[delta.id] else { continue }
            let (before, after) = (values(own.start), values(own.end))
            guard !keeps(before, after) else { continue }
            let others = changed.filter { $0.kind == delta.kind && $0.id != delta.id }
            let kept = equal(before, after)
            let exact = others.filter { ends[$0.id].map { values($0.end) == before } ?? false }
            let close = others.filter { other in
                ends[other.id].map { equal(before, values($0.end)) > kept && EntityRenames.mostlyEqual(before, values($0.end)) } ?? false
            }
            if let taker = only(exact) ?? only(close) { cameFrom[taker.id] = delta.id }
        }
        let swaps = cameFrom.filter { cameFrom[$0.value] == $0.key }
        guard !swaps.isEmpty else { return (deltas, []) }
        var renames: [EntityRename] = []
        let out = deltas.map { delta -> EntityDelta in
            guard delta.change == .changed, let from = swaps[delta.id], let before = ends[from]?.start, let after = ends[delta.id]?.end else {
                return delta
            }
            var renamed = delta
            renamed.change = .renamed
            renamed.renamedFrom = from
            renamed.fields = Reviewer.approvalsAligned(HistoryRules.difference(from: before, to: after).filter { $0.path != "id" },
                                                       from: before, to: after)
            renames.append(EntityRename(from: from, to: delta.id, kind: delta.kind, before: before, after: after))
            return renamed
        }
        return (out, renames)
    }

    /// An entity's fields where the change starts (nil: it did not exist) and where it ends.
    static func ends(of timeline: Timeline?, range: Set<ObjectID>) -> (start: EntityState?, end: EntityState?) {
        guard let events = timeline?.events, let first = events.firstIndex(where: { range.contains($0.commit) }),
              let last = events.lastIndex(where: { range.contains($0.commit) }) else { return (nil, nil) }
        let start = first > 0 && events[first - 1].type != .removed ? events[first - 1].state : nil
        return (start, events[last].type == .removed ? nil : events[last].state)
    }

    /// Whether an id still holds its entity, edited: most fields equal and the same title. Whatever else in
    /// the commit resembles what it held (a copy added beside it), an edit is no takeover; two experiments
    /// of one template share most fields, so a swap or a reuse shows in the title.
    static func keeps(_ before: [String: FieldValue], _ after: [String: FieldValue]) -> Bool {
        EntityRenames.mostlyEqual(before, after) && before["title"] == after["title"]
    }

    private static func values(_ state: EntityState) -> [String: FieldValue] { state.values.filter { $0.key != "id" } }

    private static func equal(_ a: [String: FieldValue], _ b: [String: FieldValue]) -> Int { a.count(where: { b[$0.key] == $0.value }) }

    private static func only<T>(_ items: [T]) -> T? { items.count == 1 ? items[0] : nil }
}
