/// An entity's fields at one moment (flattened path → resolved value), kept as the changes that
/// led to it over a shared base, so a long timeline does not copy every field for every commit.
public struct EntityState: Sendable, Hashable, CustomStringConvertible {
    /// The newest layer of changes, linked to the older ones; a field's value is its last
    /// occurrence (`newValue`; nil for a field removed). Linked rather than held in an array:
    /// a timeline's next state adds one link instead of copying the list of layers.
    private var top: Layer?
    /// Layers kept before they are folded into one: lookups scan at most this many.
    private static let depth = 8
    /// The first layer is a fold (`placed`): each path once, in the place it first had; a removed
    /// one stays there without a value, so that, should it come back, the fold does not show.
    private var foldedBase = false

    private final class Layer: Sendable {
        let changes: [FieldChange]
        let below: Layer?
        /// Layers from this one down.
        let count: Int

        init(_ changes: [FieldChange], below: Layer?) {
            self.changes = changes
            self.below = below
            count = (below?.count ?? 0) + 1
        }
    }

    /// The layers, oldest first.
    private var layers: [[FieldChange]] {
        var result: [[FieldChange]] = []
        result.reserveCapacity(top?.count ?? 0)
        var layer = top
        while let current = layer {
            result.append(current.changes)
            layer = current.below
        }
        result.reverse()
        return result
    }

    /// No fields.
    public init() { top = nil }

    init(layer: [FieldChange]) { top = layer.isEmpty ? nil : Layer(layer, below: nil) }

    /// From fields in order.
    public init(fields: [Field]) {
        self.init(layer: fields.map { FieldChange(path: $0.path, old: nil, new: $0.value) })
    }

    /// From plain values (tests, callers building a state by hand), in path order.
    public init(_ values: [String: FieldValue]) {
        self.init(layer: values.sorted { $0.key < $1.key }.map { FieldChange(path: $0.key, old: nil, new: $0.value) })
    }

    /// This state after `changes`.
    func applying(_ changes: [FieldChange]) -> EntityState {
        guard !changes.isEmpty else { return self }
        var next = self
        next.top = Layer(changes, below: top)
        if (next.top?.count ?? 0) > Self.depth {
            // Removed paths too (no value): a fold of only the fields there moved a path removed
            // before it and back after it to the end, where with no fold it kept its first place.
            let (paths, values) = next.placed
            var base: [FieldChange] = []
            base.reserveCapacity(paths.count)
            for index in paths.indices { base.append(FieldChange(path: paths[index], old: nil, new: values[index])) }
            next = EntityState(layer: base)
            next.foldedBase = true
        }
        return next
    }

    /// The value at `path`, as `log` shows it.
    public subscript(path: String) -> String? { value(path)?.text }

    /// The resolved value at `path`.
    public func value(_ path: String) -> FieldValue? {
        var layer = top
        while let current = layer {
            if let change = current.changes.last(where: { $0.path == path }) { return change.newValue }
            layer = current.below
        }
        return nil
    }

    /// Every field and its value.
    public var values: [String: FieldValue] {
        var result: [String: FieldValue] = [:]
        for layer in layers {
            for change in layer { result[change.path] = change.newValue }
        }
        return result
    }

    /// Every field in document order as far as the changes tell it: a field keeps the place it
    /// first had, and one added later follows those already there.
    public var fields: [Field] {
        let (paths, values) = placed
        var result: [Field] = []
        result.reserveCapacity(paths.count)
        for index in paths.indices {
            if let value = values[index] { result.append(Field(paths[index], value)) }
        }
        return result
    }

    /// Every path the changes gave a value, each once in the place it first had, with its latest
    /// value: nil for one removed since (it keeps its place should it come back).
    var placed: (paths: [String], values: [FieldValue?]) {
        let layers = layers
        if foldedBase, let folded = Self.placedOverFoldedBase(layers) { return folded }
        // Each path's place and latest value; a removed path keeps its place should it come back.
        var paths: [String] = []
        var values: [FieldValue?] = []
        // Sized for the first layer (usually a whole version): growing the table rehashed every path.
        let expected = layers.first?.count ?? 0
        var position = PathPlaces(capacity: expected)
        paths.reserveCapacity(expected)
        values.reserveCapacity(expected)
        for layer in layers {
            // Read in place: `for change in layer` copied each change out, its old value too.
            layer.withUnsafeBufferPointer { changes in
                for index in changes.indices {
                    // One hash per path: the place is looked up and, for a new path, its slot kept to take.
                    let (place, slot) = position.find(changes[index].path, among: paths)
                    if let place {
                        values[place] = changes[index].newValue
                    } else if let value = changes[index].newValue {
                        position.take(slot, for: paths.count)
                        paths.append(changes[index].path)
                        values.append(value)
                    }
                    // Removed before it had a place: none taken.
                }
            }
        }
        return (paths, values)
    }

    /// `placed` when the first layer is a fold and the later layers change a few paths (a
    /// check-in, a status): each change is looked for among the paths so far instead of hashing
    /// every path into a table, the most of a timeline's folds. Nil when the later layers change
    /// too many paths for that to pay.
    private static func placedOverFoldedBase(_ layers: [[FieldChange]]) -> (paths: [String], values: [FieldValue?])? {
        guard let base = layers.first else { return ([], []) }
        var later = 0
        for layer in layers.dropFirst() { later += layer.count }
        guard later <= 64 else { return nil }
        // As `placed`: a path keeps the place it first had (a removed one too, should it come
        // back); one added later follows those already there.
        var paths = base.map(\.path)
        var values: [FieldValue?] = base.map(\.newValue)
        for layer in layers.dropFirst() {
            for change in layer {
                // Newest places first: a change usually touches what the last layers touched.
                if let index = paths.lastIndex(of: change.path) {
                    values[index] = change.newValue
                } else if let value = change.newValue {
                    paths.append(change.path)
                    values.append(value)
                }
            }
        }
        return (paths, values)
    }

    public var keys: Dictionary<String, FieldValue>.Keys { values.keys }
    public var isEmpty: Bool {
        guard let top else { return true }
        // The newest change of all set a value: that field is there.
        if top.changes.last?.newValue != nil { return false }
        return values.isEmpty
    }

    public static func == (a: EntityState, b: EntityState) -> Bool { a.values == b.values }
    public func hash(into hasher: inout Hasher) { hasher.combine(values) }
    public var description: String { values.mapValues(\.text).description }
}

/// The places of paths in a list of them, found by a hash of their bytes (FNV-1a) in an
/// open-addressed table: a `[String: Int]` hashed each path with SipHash and compared it
/// through the string comparison, most of `placed` (0.6 % of the first site).
private struct PathPlaces {
    /// Per slot: the path's place, -1 for none; and the path's hash.
    private var places: [Int32]
    private var hashes: [UInt64]
    private var used = 0

    init(capacity: Int) {
        var size = 16
        while size < 2 * capacity { size <<= 1 }
        places = Array(repeating: -1, count: size)
        hashes = Array(repeating: 0, count: size)
    }

    private static func hash(_ path: String) -> UInt64 {
        func fnv(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            return hash
        }
        if let hash = path.utf8.withContiguousStorageIfAvailable(fnv) { return hash }
        var copy = path
        return copy.withUTF8(fnv)
    }

    /// The place of `path` in `paths` (those this table was told of), else nil and the hash and slot to take for it.
    func find(_ path: String, among paths: [String]) -> (place: Int?, slot: (hash: UInt64, index: Int)) {
        let hash = Self.hash(path)
        let mask = places.count - 1
        var index = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
        while places[index] >= 0 {
            if hashes[index] == hash, paths[Int(places[index])] == path { return (Int(places[index]), (hash, index)) }
            index = (index + 1) & mask
        }
        return (nil, (hash, index))
    }

    /// `place` given to the path `find` left `slot` for (no other taken since).
    mutating func take(_ slot: (hash: UInt64, index: Int), for place: Int) {
        places[slot.index] = Int32(place)
        hashes[slot.index] = slot.hash
        used += 1
        if 2 * used > places.count { grow() }
    }

    /// Twice the slots, each path placed again by its hash.
    private mutating func grow() {
        let oldPlaces = places, oldHashes = hashes
        places = Array(repeating: -1, count: 2 * oldPlaces.count)
        hashes = Array(repeating: 0, count: 2 * oldPlaces.count)
        let mask = places.count - 1
        for old in oldPlaces.indices where oldPlaces[old] >= 0 {
            var index = Int(truncatingIfNeeded: oldHashes[old] ^ (oldHashes[old] >> 29)) & mask
            while places[index] >= 0 { index = (index + 1) & mask }
            places[index] = oldPlaces[old]
            hashes[index] = oldHashes[old]
        }
    }
}
