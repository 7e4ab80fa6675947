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
        return EntityDecoder.decode(Document(root: root, start: VersionNode.mark, index: 0))
    }

    /// The document as a node tree: keys and list items in the order `fields` gives; each value the
    /// scalar (or empty collection) that resolves to it. Nil for an empty state.
    func node() -> Node? {
        let fields = fields
        guard !fields.isEmpty else { return nil }
        let root = VersionNode()
        for field in fields { root.insert(field.value, at: field.path) }
        return root.node()
    }
}

/// A node being rebuilt from paths: a mapping (key segments) or a list (`[name]` segments).
private final class VersionNode {
    static let mark = Mark(line: 1, column: 1)

    var value: FieldValue?
    var isList = false
    /// Children in the order first seen; few per node, and a path's next child is usually the last one.
    var names: [String] = []
    var nodes: [VersionNode] = []

    private func child(_ name: UnsafeBufferPointer<UInt8>, list: Bool) -> VersionNode {
        if nodes.isEmpty && list { isList = true }
        var index = names.count - 1
        while index >= 0 {
            if Self.same(names[index], name) { return nodes[index] }
            index -= 1
        }
        let node = VersionNode()
        names.append(String(decoding: name, as: UTF8.self))
        nodes.append(node)
        return node
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

    /// Follows `path` from here, making the nodes it names: `key_results[KR-1].current` is key
    /// `key_results`, item `KR-1`, key `current`. An item's name ends at the first `]` followed by
    /// `.`, `[` or the end. Read as bytes in place (segments cut out of the string were each a
    /// substring retained and released).
    func insert(_ leaf: FieldValue, at path: String) {
        var path = path
        path.withUTF8 { bytes in
            let dot = UInt8(ascii: "."), open = UInt8(ascii: "["), close = UInt8(ascii: "]")
            var node = self
            var index = 0
            var keyStart = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte == dot || byte == open {
                    if keyStart < index { node = node.child(UnsafeBufferPointer(rebasing: bytes[keyStart..<index]), list: false) }
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
                    node = node.child(UnsafeBufferPointer(rebasing: bytes[index..<end]), list: true)
                    index = end < bytes.count ? end + 1 : end
                    if index < bytes.count, bytes[index] == dot { index += 1 }
                    keyStart = index
                } else {
                    index += 1
                }
            }
            if keyStart < index { node = node.child(UnsafeBufferPointer(rebasing: bytes[keyStart..<index]), list: false) }
            node.value = leaf
        }
    }

    /// List items in order: an item named by its position (`[1]`, one without an id) goes back to
    /// that position; items named by id keep the order they were first seen in.
    private func itemOrder() -> [Int] {
        var named: [Int] = []
        var positioned: [(Int, Int)] = []
        for (slot, name) in names.enumerated() {
            if let position = Int(name), position >= 0, nodes[slot].child(named: "id")?.value?.textValue != name {
                positioned.append((position, slot))
            } else {
                named.append(slot)
            }
        }
        for (position, slot) in positioned.sorted(by: { $0.0 < $1.0 }) {
            named.insert(slot, at: min(position, named.count))
        }
        return named
    }

    private func child(named name: String) -> VersionNode? {
        names.firstIndex(of: name).map { nodes[$0] }
    }

    func node() -> Node {
        if nodes.isEmpty { return (value ?? .emptyMapping).node(at: Self.mark) }
        if isList {
            return Node(.sequence(itemOrder().map { nodes[$0].node() }), mark: Self.mark)
        }
        return Node(.mapping(names.indices.map {
            Pair(key: Node(.scalar(names[$0], .plain), mark: Self.mark), value: nodes[$0].node())
        }), mark: Self.mark)
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
