import PlaybookGit
import PlaybookHistory

/// An entity whose id the change renames, found among the removed and added entities.
public struct EntityRename: Sendable, Hashable {
    public var from: String
    public var to: String
    public var kind: String
    /// The entity at the base, under its old id.
    public var before: EntityState
    /// The entity as the change leaves it, under its new id.
    public var after: EntityState
}

/// Pairs a removed entity with an added one as one entity renamed: a change that only renames an
/// id read as a removal and an addition, its findings as fixed and new.
enum EntityRenames {
    /// `deltas` with each rename's removal and addition replaced by one `.renamed` delta, and the renames.
    /// An added entity of the same kind whose every field but `id` equals a removed one's, the pair
    /// alone in that (anywhere: a file named after its id is renamed too); else the entity of a kind
    /// removed from a file that holds only that one of its kind at the base and at the head (one entity
    /// per file, as `EXP-0001.yml`) and the one added there, with most fields equal; else, most fields
    /// equal too, the only one of its kind leaving a file of one the change deletes and the only one
    /// arriving in a file of one it adds (`git mv EXP-0001.yml EXP-0009.yml` and an edit). In a file of
    /// many (`metrics.yml`), one replaced by another sharing a unit and an owner is no rename.
    /// - Parameter count: how many entities of `kind` the file at `path` holds at the base (`atBase`)
    ///   or the head; nil where that side has no such file.
    static func paired(_ deltas: [EntityDelta], count: (_ kind: String, _ path: String, _ atBase: Bool) -> Int?) -> (deltas: [EntityDelta], renames: [EntityRename]) {
        let removed = deltas.filter { $0.change == .removed }
        let added = deltas.filter { $0.change == .added }
        // The rule is the history's (`RenamePairing`), so a rename review lists is one the reports follow.
        let pairs = RenamePairing.pairs(
            removed: removed.map { RenameCandidate(id: $0.id, kind: $0.kind, path: $0.path, values: values(of: $0, old: true)) },
            added: added.map { RenameCandidate(id: $0.id, kind: $0.kind, path: $0.path, values: values(of: $0, old: false)) },
            count: count
        ).map { (old: removed[$0.old], new: added[$0.new]) }
        guard !pairs.isEmpty else { return (deltas, []) }

        var renames: [EntityRename] = []
        var replaced: [String: EntityDelta] = [:]  // by the added entity's id
        var dropped: Set<String> = []  // the removed entities' ids
        for (old, new) in pairs {
            let before = state(of: old, old: true)
            let after = state(of: new, old: false)
            let fields = HistoryRules.difference(from: before, to: after).filter { $0.path != "id" }
            var delta = new
            delta.change = .renamed
            delta.renamedFrom = old.id
            delta.fields = Reviewer.approvalsAligned(fields, from: before, to: after)
            replaced[new.id] = delta
            dropped.insert(old.id)
            renames.append(EntityRename(from: old.id, to: new.id, kind: new.kind, before: before, after: after))
        }
        let out = deltas.compactMap { delta -> EntityDelta? in
            switch delta.change {
            case .removed where dropped.contains(delta.id): nil
            case .added: replaced[delta.id] ?? delta
            default: delta
            }
        }
        return (out, renames.sorted { ($0.kind, $0.to) < ($1.kind, $1.to) })
    }

    /// More than half of the fields either side has are equal (the ids left out by the caller).
    static func mostlyEqual(_ before: [String: FieldValue], _ after: [String: FieldValue]) -> Bool {
        RenamePairing.mostlyEqual(before, after)
    }

    /// The ids whose entity another id takes over in a commit of the change, with those commits (`moves`).
    /// Such an id, used again later in the change, is reused, not its entity back.
    static func renamedAway(_ timelines: Timelines, range: Set<ObjectID>) -> [String: Set<ObjectID>] {
        var out: [String: Set<ObjectID>] = [:]
        for (commit, moves) in moves(timelines, range: range) {
            for move in moves { out[move.from, default: []].insert(commit) }
        }
        return out
    }

    /// Each commit's renames (old id → new): in one commit, an id removed and one of its kind arriving
    /// with every other field equal (the only such), else the only one of its kind removed and the only
    /// one arriving, most fields equal.
    static func moves(_ timelines: Timelines, range: Set<ObjectID>) -> [ObjectID: [(from: String, to: String)]] {
        struct Moment: Hashable { var commit: ObjectID, kind: String }
        var leaving: [Moment: [(id: String, values: [String: FieldValue])]] = [:]
        var arriving: [Moment: [(id: String, values: [String: FieldValue])]] = [:]
        for timeline in timelines.byID.values {
            for (index, event) in timeline.events.enumerated() where range.contains(event.commit) {
                let moment = Moment(commit: event.commit, kind: timeline.kind)
                switch event.type {
                case .removed where index > 0:
                    leaving[moment, default: []].append((timeline.id, timeline.events[index - 1].state.values.filter { $0.key != "id" }))
                case .created, .restored:
                    arriving[moment, default: []].append((timeline.id, event.state.values.filter { $0.key != "id" }))
                default:
                    continue
                }
            }
        }
        var out: [ObjectID: [(from: String, to: String)]] = [:]
        for (moment, olds) in leaving {
            guard let news = arriving[moment] else { continue }
            for old in olds {
                let exact = news.filter { $0.values == old.values }
                if exact.count == 1 {
                    out[moment.commit, default: []].append((old.id, exact[0].id))
                } else if olds.count == 1, news.count == 1, mostlyEqual(old.values, news[0].values) {
                    out[moment.commit, default: []].append((old.id, news[0].id))
                }
            }
        }
        return out
    }

    /// A removed entity's fields as the base had them, or an added one's as the change leaves them; the id left out.
    private static func values(of delta: EntityDelta, old: Bool) -> [String: FieldValue] {
        var out: [String: FieldValue] = [:]
        for field in delta.fields where field.path != "id" {
            if let value = old ? field.oldValue : field.newValue { out[field.path] = value }
        }
        return out
    }

    /// The state a removed (`old`) or added delta's fields spell out, in their order.
    private static func state(of delta: EntityDelta, old: Bool) -> EntityState {
        EntityState(fields: delta.fields.compactMap { field in (old ? field.oldValue : field.newValue).map { Field(field.path, $0) } })
    }
}
