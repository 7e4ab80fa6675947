/// An entity's fields in one version of a file, in document order.
///
/// A version read by replacing values (`ParsedFile.edited`, most versions of a long history)
/// shares the list of the version it was read after and keeps only its replaced values beside
/// it: a new version retains one list instead of copying every field (each path and value
/// retained, and released again with the old version), and two versions over one list are
/// compared by their replaced values alone.
struct FieldList: Sendable, RandomAccessCollection, Hashable {
    /// The fields as last read whole; shared by the versions read from it.
    private(set) var base: [Field]
    /// Values replaced since, in position order.
    private var replaced: [Replacement] = []

    private struct Replacement: Sendable {
        var position: Int
        var value: FieldValue
    }

    /// Replaced values kept beside the list before they are folded into a list of their own:
    /// lookups search them, and a check-in or a status changes one or two.
    private static let limit = 32

    init(_ fields: [Field]) {
        base = fields
    }

    var startIndex: Int { 0 }
    var endIndex: Int { base.count }

    subscript(position: Int) -> Field {
        guard !replaced.isEmpty else { return base[position] }
        return Field(base[position].path, value(at: position))
    }

    /// The value at `position`.
    func value(at position: Int) -> FieldValue {
        let (found, index) = search(position)
        return found ? replaced[index].value : base[position].value
    }

    /// Where `position` is among the replaced values, or would go.
    private func search(_ position: Int) -> (found: Bool, index: Int) {
        var low = 0, high = replaced.count
        while low < high {
            let middle = (low + high) / 2
            if replaced[middle].position < position { low = middle + 1 } else { high = middle }
        }
        return (low < replaced.count && replaced[low].position == position, low)
    }

    /// Every field, as one list.
    var all: [Field] { replaced.isEmpty ? base : Array(self) }

    /// Replaces the value at `position`; the path stays.
    mutating func replaceValue(at position: Int, with value: FieldValue) {
        precondition(base.indices.contains(position))
        let (found, index) = search(position)
        if found {
            replaced[index].value = value
        } else {
            replaced.insert(Replacement(position: position, value: value), at: index)
            if replaced.count > Self.limit { self = FieldList(all) }
        }
    }

    mutating func insert(contentsOf fields: [Field], at position: Int) {
        var all = all
        all.insert(contentsOf: fields, at: position)
        self = FieldList(all)
    }

    mutating func append(contentsOf fields: [Field]) {
        insert(contentsOf: fields, at: count)
    }

    /// What changed from `old` to `new` when both are over one list (so the same paths in the
    /// same order): each position either replaced whose values differ, in order, as
    /// `CommitDiffer.difference` gives it for lists with the same paths. Nil otherwise.
    static func changes(from old: FieldList, to new: FieldList) -> [FieldChange]? {
        guard old.base.count == new.base.count, old.sharesBase(with: new) else { return nil }
        var result: [FieldChange] = []
        var a = 0, b = 0
        while a < old.replaced.count || b < new.replaced.count {
            let position: Int
            if b == new.replaced.count || (a < old.replaced.count && old.replaced[a].position < new.replaced[b].position) {
                position = old.replaced[a].position
                a += 1
            } else if a == old.replaced.count || new.replaced[b].position < old.replaced[a].position {
                position = new.replaced[b].position
                b += 1
            } else {
                position = new.replaced[b].position
                a += 1
                b += 1
            }
            let before = old.value(at: position), after = new.value(at: position)
            if before != after { result.append(FieldChange(path: new.base[position].path, old: before, new: after)) }
        }
        return result
    }

    /// Whether both lists are one stored list (the storage of one, not equal contents).
    private func sharesBase(with other: FieldList) -> Bool {
        base.withUnsafeBufferPointer { mine in
            other.base.withUnsafeBufferPointer { theirs in mine.baseAddress == theirs.baseAddress }
        }
    }

    static func == (a: FieldList, b: FieldList) -> Bool {
        a.count == b.count && a.elementsEqual(b)
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for field in self { hasher.combine(field) }
    }
}
