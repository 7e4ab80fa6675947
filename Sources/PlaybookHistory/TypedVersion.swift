import Foundation
import PlaybookModel
import PlaybookYAML

/// Turning a version's fields back into the YAML node they were read from, so that lint's own
/// decoder (`EntityDecoder`) reads it: a version of an entity is the typed value lint sees,
/// with lint's diagnostics, and reports read those values instead of parsing field texts.
extension EntityState {
    /// The version decoded by lint's decoder, leniently: a half-valid version yields what it can,
    /// and what lint would say about it is in `diagnostics`. Marks are not known here (1:1).
    public func decoded() -> DecodedDocument {
        guard let root = node() else { return DecodedDocument(entity: nil, diagnostics: []) }
        return EntityDecoder.decode(Document(root: root, start: VersionTree.mark, index: 0))
    }

    /// The document as a node tree: keys and list items in the order `fields` gives; each value the
    /// scalar (or empty collection) that resolves to it. Nil for an empty state.
    func node() -> Node? {
        // The fields in place (`fields` made a list of them first).
        let (paths, values) = placed
        var tree = VersionTree(capacity: paths.count)
        for index in paths.indices {
            if let value = values[index] { tree.insert(value, at: paths[index]) }
        }
        return tree.isEmpty ? nil : tree.node(0)
    }
}

/// A node tree being rebuilt from paths: mappings (key segments) and lists (`[name]` segments).
/// Held as one list of items linked to their parent's other children, not an object per node:
/// allocating, linking and freeing those objects was about a third of decoding a version.
private struct VersionTree {
    static let mark = Mark(line: 1, column: 1)

    private struct Item {
        var name: String
        var value: FieldValue?
        var isList = false
        /// Children in the order first seen, linked both ways (a path's next child is usually the last one).
        var first: Int32 = -1
        var last: Int32 = -1
        var next: Int32 = -1
        var previous: Int32 = -1
        /// How many children: a node's list of them is made at its size.
        var count: Int32 = 0
    }

    /// The root first.
    private var items: [Item]

    init(capacity: Int) {
        items = [Item(name: "")]
        items.reserveCapacity(2 * capacity + 1)
    }

    /// No field was inserted.
    var isEmpty: Bool { items[0].first < 0 }

    /// The child of `parent` named `name`, made when it is not there yet.
    private mutating func child(of parent: Int, _ name: UnsafeBufferPointer<UInt8>, list: Bool) -> Int {
        if items[parent].first < 0 && list { items[parent].isList = true }
        var index = items[parent].last
        while index >= 0 {
            if Self.same(items[Int(index)].name, name) { return Int(index) }
            index = items[Int(index)].previous
        }
        let made = Int32(items.count)
        let last = items[parent].last
        items.append(Item(name: String(decoding: name, as: UTF8.self), previous: last))
        if last >= 0 { items[Int(last)].next = made } else { items[parent].first = made }
        items[parent].last = made
        items[parent].count += 1
        return Int(made)
    }

    /// Whether `known` spells `name`: compared as bytes (`elementsEqual` walked both views index
    /// by index, a fifth of decoding a version).
    private static func same(_ known: String, _ name: UnsafeBufferPointer<UInt8>) -> Bool {
        guard known.utf8.count == name.count else { return false }
        let compared = known.utf8.withContiguousStorageIfAvailable { stored in
            guard let a = stored.baseAddress, let b = name.baseAddress else { return stored.count == name.count }
            return memcmp(a, b, name.count) == 0
        }
        return compared ?? known.utf8.elementsEqual(name)
    }

    /// Follows `path` from the root, making the items it names: `key_results[KR-1].current` is key
    /// `key_results`, item `KR-1`, key `current`. An item's name ends at the first `]` followed by
    /// `.`, `[` or the end. Read as bytes in place (segments cut out of the string were each a
    /// substring retained and released).
    mutating func insert(_ leaf: FieldValue, at path: String) {
        var path = path
        path.withUTF8 { bytes in
            let dot = UInt8(ascii: "."), open = UInt8(ascii: "["), close = UInt8(ascii: "]")
            var node = 0
            var index = 0
            var keyStart = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte == dot || byte == open {
                    if keyStart < index { node = child(of: node, UnsafeBufferPointer(rebasing: bytes[keyStart..<index]), list: false) }
                    index += 1
                    keyStart = index
                    guard byte == open else { continue }
                    var end = index
                    while end < bytes.count {
                        if bytes[end] == close {
                            let next = end + 1
                            if next == bytes.count || bytes[next] == dot || bytes[next] == open { break }
                        }
                        end += 1
                    }
                    node = child(of: node, UnsafeBufferPointer(rebasing: bytes[index..<end]), list: true)
                    index = end < bytes.count ? end + 1 : end
                    if index < bytes.count, bytes[index] == dot { index += 1 }
                    keyStart = index
                } else {
                    index += 1
                }
            }
            if keyStart < index { node = child(of: node, UnsafeBufferPointer(rebasing: bytes[keyStart..<index]), list: false) }
            items[node].value = leaf
        }
    }

    /// The children of `parent`, in the order first seen.
    private func children(of parent: Int) -> [Int] {
        var result: [Int] = []
        result.reserveCapacity(Int(items[parent].count))
        var index = items[parent].first
        while index >= 0 {
            result.append(Int(index))
            index = items[Int(index)].next
        }
        return result
    }

    /// The first child of `parent` named `name`.
    private func child(of parent: Int, named name: String) -> Int? {
        var index = items[parent].first
        while index >= 0 {
            if items[Int(index)].name == name { return Int(index) }
            index = items[Int(index)].next
        }
        return nil
    }

    /// A list's items in order: an item named by its position (`[1]`, one without an id) goes back
    /// to that position; items named by id keep the order they were first seen in.
    private func itemOrder(_ list: Int) -> [Int] {
        var named: [Int] = []
        var positioned: [(Int, Int)] = []
        for item in children(of: list) {
            let name = items[item].name
            if let position = Int(name), position >= 0, child(of: item, named: "id").flatMap({ items[$0].value?.textValue }) != name {
                positioned.append((position, item))
            } else {
                named.append(item)
            }
        }
        for (position, item) in positioned.sorted(by: { $0.0 < $1.0 }) {
            named.insert(item, at: min(position, named.count))
        }
        return named
    }

    func node(_ index: Int) -> Node {
        if items[index].first < 0 { return (items[index].value ?? .emptyMapping).node(at: Self.mark) }
        if items[index].isList {
            return Node(.sequence(itemOrder(index).map { node($0) }), mark: Self.mark)
        }
        // The children followed where they are linked (a list of their indices was made first).
        var pairs: [Pair] = []
        pairs.reserveCapacity(Int(items[index].count))
        var child = items[index].first
        while child >= 0 {
            pairs.append(Pair(key: Node(.scalar(items[Int(child)].name, .plain), mark: Self.mark), value: node(Int(child))))
            child = items[Int(child)].next
        }
        return Node(.mapping(pairs), mark: Self.mark)
    }
}

/// The decoded versions of a history's timelines, each decoded once, on first use.
final class DecodedVersions: @unchecked Sendable {
    private struct Key: Hashable {
        var entity: String
        var event: Int
    }

    private let lock = NSLock()
    /// Sized for a report's few hundred versions: growing the table moved every document stored.
    private var decoded: [Key: DecodedDocument] = Dictionary(minimumCapacity: 1024)

    /// Event `index` of entity `id`'s timeline, whose state is `state`.
    func decoded(_ id: String, _ index: Int, of state: EntityState) -> DecodedDocument {
        let key = Key(entity: id, event: index)
        lock.lock()
        let known = decoded[key]
        lock.unlock()
        if let known { return known }
        let document = state.decoded()
        lock.lock()
        decoded[key] = document
        lock.unlock()
        return document
    }
}
