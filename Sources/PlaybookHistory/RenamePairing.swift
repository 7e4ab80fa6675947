import PlaybookModel

/// One side of a possible rename: an entity that a change removes (as it stood before) or adds.
public struct RenameCandidate: Sendable {
    public var id: String
    public var kind: String
    /// Its file: before the change for a removed entity, after it for an added one.
    public var path: String
    /// Its fields, the id left out.
    public var values: [String: FieldValue]

    public init(id: String, kind: String, path: String, values: [String: FieldValue]) {
        self.id = id
        self.kind = kind
        self.path = path
        self.values = values.filter { $0.key != "id" }
    }
}

/// When an entity removed and one added in the same change are one entity whose id changed: the rule
/// `review` lists renames by and the history follows an entity across, so the two always agree.
public enum RenamePairing {
    /// The pairs (index into `removed`, index into `added`) that are renames. An added entity of the
    /// same kind whose every field but `id` equals a removed one's, the pair alone in that (anywhere: a
    /// file named after its id is renamed too); else the entity of a kind removed from a file that holds
    /// only that one of its kind before and after (one entity per file, as `EXP-0001.yml`) and the one
    /// added there, with most fields equal; else, most fields equal too, the only one of its kind leaving
    /// a file the change deletes and the only one arriving in a file it adds (`git mv EXP-0001.yml
    /// EXP-0009.yml` and an edit). In a file of many (`metrics.yml`), one replaced by another sharing a
    /// unit and an owner is no rename.
    /// - Parameter count: how many entities of `kind` the file at `path` holds before the change
    ///   (`atBase`) or after it; nil where that side has no such file.
    /// - Parameter keepingTheName: the pairs that are not exact copies keep their title (or name) and quarter too (a
    ///   title still `playbook new`'s placeholder is kept only with every other field): the
    ///   history, which joins the two ids' timelines, asks this; `review`, which lists a rename and judges
    ///   its fields' changes, does not.
    public static func pairs(removed: [RenameCandidate], added: [RenameCandidate], keepingTheName: Bool = false,
                             count: (_ kind: String, _ path: String, _ atBase: Bool) -> Int?) -> [(old: Int, new: Int)] {
        guard !removed.isEmpty, !added.isEmpty else { return [] }
        var pairs: [(old: Int, new: Int)] = []

        // Every field but the id equal, and no other candidate with the same fields on either side.
        struct Contents: Hashable { var kind: String, values: [String: FieldValue] }
        let oldByContents = Dictionary(grouping: removed.indices) { Contents(kind: removed[$0].kind, values: removed[$0].values) }
        let newByContents = Dictionary(grouping: added.indices) { Contents(kind: added[$0].kind, values: added[$0].values) }
        for (contents, olds) in oldByContents where olds.count == 1 {
            guard let news = newByContents[contents], news.count == 1 else { continue }
            pairs.append((olds[0], news[0]))
        }

        // With `keepingTheName`, also the same title (or, for a metric or squad, name): a new experiment that
        // takes a dropped one's place in the same commit shares its squad, hypothesis, metric and surface, but
        // not its name (review, 2026-12-05: "drop the two-field idea; plan social login instead" joined the two
        // experiments' histories, the new one created at the old one's date).
        func mostlyEqual(_ old: Int, _ new: Int) -> Bool {
            let (before, after) = (removed[old].values, added[new].values)
            if keepingTheName {
                // An objective's id names its quarter: one rolled over to the next quarter is another objective
                // (review, 2026-12-05: the Q3 objective was reported under its Q4 successor's id).
                guard before["quarter"] == after["quarter"] else { return false }
                for name in ["title", "name"] where before[name] != nil || after[name] != nil {
                    guard before[name] == after[name] else { return false }
                    // `playbook new`'s `<what changes for whom in one line>` names no entity: two stubs share it.
                    if let kept = before[name], Placeholder.isUnfilled(kept.text) { return before == after }
                    break
                }
            }
            return Self.mostlyEqual(before, after)
        }

        // The one of its kind in a file replaced by another, most fields equal.
        var pairedIDs = Set(pairs.flatMap { [removed[$0.old].id, added[$0.new].id] })
        struct Place: Hashable { var kind: String, path: String }
        let oldByPlace = Dictionary(grouping: removed.indices.filter { !pairedIDs.contains(removed[$0].id) }) {
            Place(kind: removed[$0].kind, path: removed[$0].path)
        }
        let newByPlace = Dictionary(grouping: added.indices.filter { !pairedIDs.contains(added[$0].id) }) {
            Place(kind: added[$0].kind, path: added[$0].path)
        }
        for (place, olds) in oldByPlace where olds.count == 1 {
            guard let news = newByPlace[place], news.count == 1,
                  count(place.kind, place.path, true) == 1, count(place.kind, place.path, false) == 1,
                  mostlyEqual(olds[0], news[0]) else { continue }
            pairs.append((olds[0], news[0]))
        }

        // The one of its kind leaving a file the change deletes (or renames), and the one of its kind
        // arriving in a file it adds (or renames to), most fields equal.
        pairedIDs = Set(pairs.flatMap { [removed[$0.old].id, added[$0.new].id] })
        let leaving = Dictionary(grouping: removed.indices.filter {
            !pairedIDs.contains(removed[$0].id) && count(removed[$0].kind, removed[$0].path, true) == 1
                && count(removed[$0].kind, removed[$0].path, false) == nil
        }, by: { removed[$0].kind })
        let arriving = Dictionary(grouping: added.indices.filter {
            !pairedIDs.contains(added[$0].id) && count(added[$0].kind, added[$0].path, false) == 1
                && count(added[$0].kind, added[$0].path, true) == nil
        }, by: { added[$0].kind })
        for (kind, olds) in leaving where olds.count == 1 {
            guard let news = arriving[kind], news.count == 1, mostlyEqual(olds[0], news[0]) else { continue }
            pairs.append((olds[0], news[0]))
        }
        return pairs
    }

    /// More than half of the fields either side has are equal (the ids left out by the caller).
    public static func mostlyEqual(_ before: [String: FieldValue], _ after: [String: FieldValue]) -> Bool {
        let paths = Set(before.keys).union(after.keys)
        let equal = paths.count(where: { before[$0] != nil && before[$0] == after[$0] })
        return equal * 2 > paths.count
    }
}
