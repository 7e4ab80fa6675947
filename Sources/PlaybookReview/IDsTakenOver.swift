import PlaybookGit
import PlaybookHistory
import PlaybookModel

/// An id whose entity another id takes over in one commit while the id itself stays, given to another
/// entity: two ids swapped (each entity given the other's id), or an entity moved to a new id and another
/// written under its old one. Read field by field, the id's entity "changed" into another one.
///
/// The rule is exact, so that it fires only where nothing else explains the commit: a swap hands every
/// field over unchanged, and a reuse copies the entity whole to a new id while the old id is given a
/// different entity (another title, most other fields different). Anything else is an ordinary edit,
/// judged as one: two variants of one template whose titles are corrected, or a copy beside a retitled
/// original, are edits.
enum IDsTakenOver {
    /// In each commit of the change, the ids whose entity went to another id while they stay (read as
    /// changed), each with the id that took it (`takers`).
    static func find(_ timelines: Timelines, range: Set<ObjectID>) -> [String: [ObjectID: String]] {
        scan(timelines, range: range).takers
    }

    /// In each commit of the change, the ids given the entity of an id the commit removes while their own
    /// goes to a new id (ids shifted: EXP-0004's entity to EXP-0003, EXP-0003's to EXP-0009), each with
    /// the removed id.
    static func given(_ timelines: Timelines, range: Set<ObjectID>) -> [String: [ObjectID: String]] {
        scan(timelines, range: range).givers
    }

    private static func scan(_ timelines: Timelines, range: Set<ObjectID>)
        -> (takers: [String: [ObjectID: String]], givers: [String: [ObjectID: String]]) {
        struct Moment: Hashable { var commit: ObjectID, kind: String }
        var sides: [Moment: [Side]] = [:]
        for timeline in timelines.byID.values {
            for (index, event) in timeline.events.enumerated() where range.contains(event.commit) {
                let before = event.type != .created && index > 0 && timeline.events[index - 1].type != .removed
                    ? values(timeline.events[index - 1].state) : nil
                if event.type == .removed {
                    guard let before else { continue }
                    sides[Moment(commit: event.commit, kind: timeline.kind), default: []]
                        .append(Side(id: timeline.id, before: before, after: [:], gone: true))
                } else {
                    sides[Moment(commit: event.commit, kind: timeline.kind), default: []]
                        .append(Side(id: timeline.id, before: event.type == .changed ? before : nil, after: values(event.state)))
                }
            }
        }
        var (takers, givers): ([String: [ObjectID: String]], [String: [ObjectID: String]]) = ([:], [:])
        for (moment, all) in sides where all.count > 1 {
            for (id, found) in Self.takers(all, kind: moment.kind) {
                takers[id, default: [:]][moment.commit] = found.taker
                if let giver = found.giver { givers[id, default: [:]][moment.commit] = giver }
            }
        }
        return (takers, givers)
    }

    /// Each id whose entity at the head is another id's at the start of the change, with that id: the
    /// commits' swaps (`find`) and renames (`renames`: old id → new, commit by commit) composed in walk
    /// order (`order`: each commit's place, parents first; never committer time, which a rebase makes one
    /// second), so the change agrees with its commits. Ids swapped and swapped back hold their own entity
    /// again and are left out.
    static func origins(_ takenOver: [String: [ObjectID: String]], given: [String: [ObjectID: String]] = [:],
                        renames: [ObjectID: [(from: String, to: String)]] = [:], order: [ObjectID: Int]) -> [String: String] {
        // Each commit's moves: the id `to` now holds what `from` held just before.
        var moves: [ObjectID: [(from: String, to: String)]] = renames
        for (id, commits) in takenOver {
            for (commit, taker) in commits where takenOver[taker]?[commit] == id {
                moves[commit, default: []].append((taker, id))
            }
        }
        // A shift: the removed id's entity to the id, the id's to the new one (no rename pairs them otherwise).
        for (id, commits) in given {
            for (commit, giver) in commits {
                guard let taker = takenOver[id]?[commit] else { continue }
                moves[commit, default: []].removeAll { $0.from == giver || $0.to == taker }
                moves[commit, default: []] += [(giver, id), (id, taker)]
            }
        }
        var origin: [String: String] = [:]
        for (_, pairs) in moves.sorted(by: { (order[$0.key] ?? -1, $0.key.description) < (order[$1.key] ?? -1, $1.key.description) }) {
            let held = pairs.map { ($0.to, origin[$0.from] ?? $0.from) }
            // An id renamed away holds nothing of the start any more (unless it is given something here too).
            for move in pairs { origin[move.from] = nil }
            for (id, from) in held { origin[id] = from }
        }
        return origin.filter { $0.key != $0.value }
    }

    /// The `.changed` and `.renamed` deltas of ids whose entity at the end is another id's at the start
    /// (`origins`) than the delta says, made `.renamed` from that id, with the renames so corrected (a
    /// renumber followed by a swap, a swap followed by a renumber).
    /// - Parameter states: an id's fields where the change starts and where it ends.
    static func swapped(_ deltas: [EntityDelta], renames: [EntityRename], origins: [String: String],
                        states: (String) -> (start: EntityState?, end: EntityState?))
        -> (deltas: [EntityDelta], renames: [EntityRename]) {
        guard !origins.isEmpty else { return (deltas, renames) }
        var out: [EntityRename] = []
        let deltas = deltas.map { delta -> EntityDelta in
            guard delta.change == .changed || delta.change == .renamed, let from = origins[delta.id], from != (delta.renamedFrom ?? delta.id),
                  let before = states(from).start, let after = states(delta.id).end else {
                return delta
            }
            var renamed = delta
            renamed.change = .renamed
            renamed.renamedFrom = from
            renamed.fields = Reviewer.approvalsAligned(HistoryRules.difference(from: before, to: after).filter { $0.path != "id" },
                                                       from: before, to: after)
            out.append(EntityRename(from: from, to: delta.id, kind: delta.kind, before: before, after: after))
            return renamed
        }
        let corrected = Set(out.map(\.to))
        return (deltas, renames.filter { !corrected.contains($0.to) } + out)
    }

    /// Whether the id holds at the end of the change what it held at the start (both absent, or equal
    /// but for the id): a takeover of it undone later in the change.
    static func back(_ id: String, timelines: Timelines, range: Set<ObjectID>) -> Bool {
        let (start, end) = ends(of: timelines[id], range: range)
        return start.map(values) == end.map(values)
    }

    /// Whether the id holds again, after `commit` within the change, exactly what it held at the start (but
    /// for the id): a reuse of it in `commit` undone later (reverted, or the new entity moved on to another id).
    static func givenBack(_ id: String, after commit: ObjectID, timelines: Timelines, range: Set<ObjectID>) -> Bool {
        guard let events = timelines[id]?.events, let start = ends(of: timelines[id], range: range).start.map(values),
              let at = events.firstIndex(where: { $0.commit == commit }) else { return back(id, timelines: timelines, range: range) }
        return events[(at + 1)...].contains { range.contains($0.commit) && $0.type != .removed && values($0.state) == start }
    }

    /// One id of one kind in one commit (or across the change): what it held before (nil: absent) and
    /// after, without the id, each read once.
    struct Side {
        var id: String
        var before: [String: FieldValue]?
        var after: [String: FieldValue]
        /// Removed in the commit (`after` empty).
        var gone = false
    }

    /// Among the ids of one kind in one commit, each id whose entity went to another, with that id (and the
    /// removed id whose entity it is given, for a shift):
    /// - a swap: A and B present before and after, A now holding exactly what B held and B exactly what A
    ///   held (every field but `id`), A and B having differed in a field besides the distinguishing one;
    /// - a shift: A present before and after, now holding exactly what an id removed in the commit held,
    ///   and a new id holding exactly what A held, the two having differed in a field besides that one;
    /// - a reuse: A present before and after, a new id (absent before) holding exactly what A held, and A
    ///   now under another title and different in more than half of its other fields.
    /// Candidates are found by what they hold, so the cost is linear in the ids.
    static func takers(_ sides: [Side], kind: String) -> [String: (taker: String, giver: String?)] {
        let key = distinguishing(kind)
        var heldBefore: [[String: FieldValue]: [Int]] = [:]
        var arrivedWith: [[String: FieldValue]: [Int]] = [:]
        var goneWith: [[String: FieldValue]: [Int]] = [:]
        for (index, side) in sides.enumerated() {
            if side.gone, let before = side.before {
                goneWith[before, default: []].append(index)
            } else if let before = side.before {
                heldBefore[before, default: []].append(index)
            } else {
                arrivedWith[side.after, default: []].append(index)
            }
        }
        // Two entities told apart by more than the distinguishing field.
        func distinct(_ one: [String: FieldValue], _ other: [String: FieldValue]) -> Bool {
            other.contains(where: { $0.key != key && one[$0.key] != $0.value }) || one.contains(where: { $0.key != key && other[$0.key] == nil })
        }
        var out: [String: (taker: String, giver: String?)] = [:]
        for side in sides where !side.gone {
            guard let before = side.before, side.after != before else { continue }
            if let held = heldBefore[side.after], held.count == 1, let otherBefore = sides[held[0]].before,
               sides[held[0]].id != side.id, sides[held[0]].after == before, distinct(before, otherBefore) {
                out[side.id] = (sides[held[0]].id, nil)
            } else if let arrived = arrivedWith[before], arrived.count == 1, let gone = goneWith[side.after], gone.count == 1,
                      distinct(before, side.after) {
                out[side.id] = (sides[arrived[0]].id, sides[gone[0]].id)
            } else if let arrived = arrivedWith[before], arrived.count == 1, side.after[key] != before[key], replaced(before, by: side.after, key: key) {
                out[side.id] = (sides[arrived[0]].id, nil)
            }
        }
        return out
    }

    /// Whether `after` differs from `before` in more than half of `before`'s fields other than the
    /// distinguishing one and `kind`: another entity, not the one edited.
    static func replaced(_ before: [String: FieldValue], by after: [String: FieldValue], key: String) -> Bool {
        let others = before.filter { $0.key != key && $0.key != "kind" }
        return others.count(where: { after[$0.key] != $0.value }) * 2 > others.count
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
}
