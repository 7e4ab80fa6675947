import PlaybookGit
import PlaybookHistory
import PlaybookModel

/// An id whose entity another id takes over in one commit while the id itself stays, given to another
/// entity: two ids swapped (each entity given the other's id), or an entity moved to a new id and another
/// written under its old one. Read field by field, the id's entity "changed" into another one.
///
/// The rule is strict, read from the field that tells entities of a kind apart (`title`; `name` for
/// metrics and squads): anything else is an ordinary edit, judged as one. Two experiments of one template
/// share most fields, so only that field, handed over exactly, says an entity went to another id.
enum IDsTakenOver {
    /// In each commit of the change, the ids whose entity went to another id while they stay (read as
    /// changed), each with the id that took it (`takers`).
    static func find(_ timelines: Timelines, range: Set<ObjectID>) -> [String: [ObjectID: String]] {
        struct Moment: Hashable { var commit: ObjectID, kind: String }
        var sides: [Moment: [Side]] = [:]
        for timeline in timelines.byID.values {
            for (index, event) in timeline.events.enumerated() where range.contains(event.commit) && event.type != .removed {
                let before = event.type == .changed && index > 0 ? values(timeline.events[index - 1].state) : nil
                sides[Moment(commit: event.commit, kind: timeline.kind), default: []]
                    .append(Side(id: timeline.id, before: before, after: values(event.state)))
            }
        }
        var out: [String: [ObjectID: String]] = [:]
        for (moment, all) in sides where all.count > 1 {
            for (id, taker) in takers(all, kind: moment.kind) { out[id, default: [:]][moment.commit] = taker }
        }
        return out
    }

    /// Pairs of `.changed` deltas whose ids the change swaps (by the rule of `takers`, from where the
    /// change starts to where it ends), replaced by two `.renamed` deltas, with the renames.
    /// - Parameter states: an id's fields where the change starts and where it ends.
    static func swapped(_ deltas: [EntityDelta], states: (String) -> (start: EntityState?, end: EntityState?))
        -> (deltas: [EntityDelta], renames: [EntityRename]) {
        var ends: [String: (start: EntityState, end: EntityState)] = [:]
        var sides: [String: [Side]] = [:]
        for delta in deltas where delta.change == .changed {
            let (start, end) = states(delta.id)
            guard let start, let end else { continue }
            ends[delta.id] = (start, end)
            sides[delta.kind, default: []].append(Side(id: delta.id, before: values(start), after: values(end)))
        }
        // Each id with the one whose entity it holds at the end, where the two hold each other's.
        var swaps: [String: String] = [:]
        for (kind, all) in sides where all.count > 1 {
            let found = takers(all, kind: kind)
            for (id, taker) in found where found[taker] == id { swaps[taker] = id }
        }
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

    /// One id of one kind in one commit (or across the change): what it held before (nil: absent) and
    /// after, without the id, each read once.
    struct Side {
        var id: String
        var before: [String: FieldValue]?
        var after: [String: FieldValue]
    }

    /// The fields other than the distinguishing one that may differ between what one id of a swap holds
    /// and what the other held: an edit or two made in the swapping commit (then judged as edits).
    static let editsInASwap = 2

    /// Among the ids of one kind in one commit, each id whose entity went to another, with that id:
    /// - a swap: A and B present before and after, A's title now B's and B's now A's exactly, and each
    ///   holding what the other held in every other field but at most `editsInASwap`;
    /// - a reuse: A present before and after under another title, and the one new id (absent before)
    ///   carrying A's old title, its other fields mostly what A held.
    /// Candidates are found by (kind, title), so the cost is linear in the ids.
    static func takers(_ sides: [Side], kind: String) -> [String: String] {
        let key = distinguishing(kind)
        var heldBefore: [FieldValue: [Int]] = [:]
        var arrivedWith: [FieldValue: [Int]] = [:]
        for (index, side) in sides.enumerated() {
            if let before = side.before {
                if let title = before[key] { heldBefore[title, default: []].append(index) }
            } else if let title = side.after[key] {
                arrivedWith[title, default: []].append(index)
            }
        }
        var out: [String: String] = [:]
        for side in sides {
            guard let before = side.before, let title = before[key], side.after[key] != title else { continue }
            if let now = side.after[key], let held = heldBefore[now], held.count == 1,
               let otherBefore = sides[held[0]].before, sides[held[0]].after[key] == title,
               differing(otherBefore, side.after) <= editsInASwap, differing(before, sides[held[0]].after) <= editsInASwap {
                out[side.id] = sides[held[0]].id
            } else if let arrived = arrivedWith[title], arrived.count == 1, EntityRenames.mostlyEqual(before, sides[arrived[0]].after) {
                out[side.id] = sides[arrived[0]].id
            }
        }
        return out
    }

    /// The field that tells one entity of a kind from another: `name` for metrics and squads, else `title`.
    static func distinguishing(_ kind: String) -> String {
        kind == Kind.metric.rawValue || kind == Kind.squad.rawValue ? "name" : "title"
    }

    /// An entity's fields where the change starts (nil: it did not exist) and where it ends.
    static func ends(of timeline: Timeline?, range: Set<ObjectID>) -> (start: EntityState?, end: EntityState?) {
        guard let events = timeline?.events, let first = events.firstIndex(where: { range.contains($0.commit) }),
              let last = events.lastIndex(where: { range.contains($0.commit) }) else { return (nil, nil) }
        let start = first > 0 && events[first - 1].type != .removed ? events[first - 1].state : nil
        return (start, events[last].type == .removed ? nil : events[last].state)
    }

    private static func values(_ state: EntityState) -> [String: FieldValue] { state.values.filter { $0.key != "id" } }

    /// How many fields either side has that the other does not hold alike.
    private static func differing(_ a: [String: FieldValue], _ b: [String: FieldValue]) -> Int {
        a.count(where: { b[$0.key] != $0.value }) + b.count(where: { a[$0.key] == nil })
    }
}
