import PlaybookHistory
import PlaybookModel

/// A list of mappings (`approvals`, `variants`) read out of an entity's flattened fields, item by
/// item, so that items are compared as what they are and not by their place in the list.
struct ListItem: Equatable {
    /// The item's fields below `list[i]` (`by`, `note`; "" for a scalar item), in document order.
    var order: [String] = []
    var fields: [String: FieldValue] = [:]

    /// Equal items hold the same values, whatever the order of their keys.
    static func == (a: ListItem, b: ListItem) -> Bool { a.fields == b.fields }

    /// Holds a `field` that says something (as lint reads `learnings`: not only white space or invisible characters).
    func has(_ field: String) -> Bool { !(fields[field]?.text ?? "").isBlank }
}

enum ListItems {
    /// The items of `list` in `state`, in list order.
    static func items(_ list: String, in state: EntityState?) -> [ListItem] {
        guard let state else { return [] }
        let prefix = list + "["
        var byIndex: [Int: ListItem] = [:]
        for field in state.fields where field.path.hasPrefix(prefix) {
            let rest = field.path.dropFirst(prefix.count)
            guard let close = rest.firstIndex(of: "]"), let index = Int(rest[..<close]) else { continue }
            var name = rest[rest.index(after: close)...]
            if name.hasPrefix(".") { name = name.dropFirst() }
            if byIndex[index, default: ListItem()].fields.updateValue(field.value, forKey: String(name)) == nil {
                byIndex[index]?.order.append(String(name))
            }
        }
        return byIndex.keys.sorted().compactMap { byIndex[$0] }
    }

    /// How `old` became `new`: the items kept (equal in every field, wherever they moved), and
    /// for the rest, pairs (old index, new index) where an item sits in the same gap between kept
    /// items (an edit in place), else the index of an item added or removed. A copy of an item
    /// that is kept too is added.
    struct Alignment {
        var edited: [(old: Int, new: Int)] = []
        var added: [Int] = []
        var removed: [Int] = []
    }

    /// A longest common subsequence of equal items, the gaps between them paired in order; then
    /// an item left over on one side that equals one left over on the other has moved: kept, and
    /// an edit pair it belonged to is broken (its other side added or removed).
    static func align(_ old: [ListItem], _ new: [ListItem]) -> Alignment {
        var alignment = inOrder(old, new)
        var looseOld = Set(alignment.removed).union(alignment.edited.map(\.old)).sorted()
        var moved: (old: Set<Int>, new: Set<Int>) = ([], [])
        for n in Set(alignment.added).union(alignment.edited.map(\.new)).sorted() {
            guard let k = looseOld.firstIndex(where: { old[$0] == new[n] }) else { continue }
            moved.old.insert(looseOld.remove(at: k))
            moved.new.insert(n)
        }
        guard !moved.new.isEmpty else { return alignment }
        var broken = Alignment()
        for (o, n) in alignment.edited {
            switch (moved.old.contains(o), moved.new.contains(n)) {
            case (false, false): broken.edited.append((o, n))
            case (true, false): broken.added.append(n)
            case (false, true): broken.removed.append(o)
            case (true, true): continue
            }
        }
        alignment.edited = broken.edited
        alignment.added = (alignment.added.filter { !moved.new.contains($0) } + broken.added).sorted()
        alignment.removed = (alignment.removed.filter { !moved.old.contains($0) } + broken.removed).sorted()
        return alignment
    }

    /// `align` for items that keep their order.
    private static func inOrder(_ old: [ListItem], _ new: [ListItem]) -> Alignment {
        let (n, m) = (old.count, new.count)
        var lengths = Array(repeating: Array(repeating: 0, count: m + 1), count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                lengths[i][j] = old[i] == new[j] ? lengths[i + 1][j + 1] + 1 : max(lengths[i + 1][j], lengths[i][j + 1])
            }
        }
        var alignment = Alignment()
        var (gapOld, gapNew): ([Int], [Int]) = ([], [])
        func closeGap() {
            for k in 0..<max(gapOld.count, gapNew.count) {
                switch (k < gapOld.count, k < gapNew.count) {
                case (true, true): alignment.edited.append((gapOld[k], gapNew[k]))
                case (true, false): alignment.removed.append(gapOld[k])
                default: alignment.added.append(gapNew[k])
                }
            }
            (gapOld, gapNew) = ([], [])
        }
        var (i, j) = (0, 0)
        while i < n || j < m {
            if i < n, j < m, old[i] == new[j] {
                closeGap()
                (i, j) = (i + 1, j + 1)
            } else if j < m, i == n || lengths[i][j + 1] >= lengths[i + 1][j] {
                gapNew.append(j)
                j += 1
            } else {
                gapOld.append(i)
                i += 1
            }
        }
        closeGap()
        return alignment
    }

    /// The field changes of `list` from `old` to `new`, item by aligned item: an inserted item
    /// shows as its own fields added, not as every later item shifting by one.
    static func changes(_ list: String, from old: EntityState?, to new: EntityState?) -> [FieldChange] {
        let (before, after) = (items(list, in: old), items(list, in: new))
        let alignment = align(before, after)
        func path(_ index: Int, _ field: String) -> String { field.isEmpty ? "\(list)[\(index)]" : "\(list)[\(index)].\(field)" }
        var out: [(order: Int, change: FieldChange)] = []
        for (o, n) in alignment.edited {
            let fields = after[n].order + before[o].order.filter { after[n].fields[$0] == nil }
            for field in fields where before[o].fields[field] != after[n].fields[field] {
                out.append((n, FieldChange(path: path(n, field), old: before[o].fields[field], new: after[n].fields[field])))
            }
        }
        for n in alignment.added {
            for field in after[n].order {
                out.append((n, FieldChange(path: path(n, field), old: nil, new: after[n].fields[field])))
            }
        }
        for o in alignment.removed {
            for field in before[o].order {
                out.append((o, FieldChange(path: path(o, field), old: before[o].fields[field], new: nil)))
            }
        }
        return out.enumerated().sorted { ($0.element.order, $0.offset) < ($1.element.order, $1.offset) }.map(\.element.change)
    }
}
