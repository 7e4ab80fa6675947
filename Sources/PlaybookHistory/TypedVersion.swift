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
        for field in fields {
            root.insert(field.value, along: VersionNode.segments(field.path)[...])
        }
        return root.node()
    }
}

/// A node being rebuilt from paths: a mapping (key segments) or a list (`[name]` segments).
private final class VersionNode {
    static let mark = Mark(line: 1, column: 1)

    enum Segment {
        case key(String)
        case item(String)
    }

    var value: FieldValue?
    var isList = false
    var order: [String] = []
    var children: [String: VersionNode] = [:]

    /// `key_results[KR-1].current` → key `key_results`, item `KR-1`, key `current`. An item's name
    /// ends at the first `]` followed by `.`, `[` or the end.
    static func segments(_ path: String) -> [Segment] {
        var result: [Segment] = []
        let bytes = path.utf8
        let dot = UInt8(ascii: "."), open = UInt8(ascii: "["), close = UInt8(ascii: "]")
        var index = bytes.startIndex
        var keyStart = index
        func flushKey(upTo end: String.Index) {
            if keyStart < end { result.append(.key(String(decoding: bytes[keyStart..<end], as: UTF8.self))) }
        }
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == dot {
                flushKey(upTo: index)
                index = bytes.index(after: index)
                keyStart = index
            } else if byte == open {
                flushKey(upTo: index)
                let nameStart = bytes.index(after: index)
                var end = nameStart
                while end < bytes.endIndex {
                    if bytes[end] == close {
                        let next = bytes.index(after: end)
                        if next == bytes.endIndex || bytes[next] == dot || bytes[next] == open { break }
                    }
                    end = bytes.index(after: end)
                }
                result.append(.item(String(decoding: bytes[nameStart..<end], as: UTF8.self)))
                index = end < bytes.endIndex ? bytes.index(after: end) : end
                keyStart = index
            } else {
                index = bytes.index(after: index)
            }
        }
        flushKey(upTo: index)
        return result
    }

    func insert(_ leaf: FieldValue, along path: ArraySlice<Segment>) {
        guard let first = path.first else {
            value = leaf
            return
        }
        let name: String
        switch first {
        case .key(let key): name = key
        case .item(let item):
            name = item
            if order.isEmpty { isList = true }
        }
        let child: VersionNode
        if let known = children[name] {
            child = known
        } else {
            child = VersionNode()
            children[name] = child
            order.append(name)
        }
        child.insert(leaf, along: path.dropFirst())
    }

    /// List items in order: an item named by its position (`[1]`, one without an id) goes back to
    /// that position; items named by id keep the order they were first seen in.
    private func itemOrder() -> [String] {
        var named: [String] = []
        var positioned: [(Int, String)] = []
        for name in order {
            if let position = Int(name), position >= 0, children[name]?.children["id"]?.value?.textValue != name {
                positioned.append((position, name))
            } else {
                named.append(name)
            }
        }
        for (position, name) in positioned.sorted(by: { $0.0 < $1.0 }) {
            named.insert(name, at: min(position, named.count))
        }
        return named
    }

    func node() -> Node {
        if order.isEmpty { return (value ?? .emptyMapping).node(at: Self.mark) }
        if isList {
            return Node(.sequence(itemOrder().compactMap { children[$0]?.node() }), mark: Self.mark)
        }
        return Node(.mapping(order.compactMap { key in
            children[key].map { Pair(key: Node(.scalar(key, .plain), mark: Self.mark), value: $0.node()) }
        }), mark: Self.mark)
    }
}

/// The decoded versions of one timeline, each decoded once, on first use.
final class DecodedVersions: @unchecked Sendable {
    private let lock = NSLock()
    private var byEvent: [Int: DecodedDocument] = [:]

    func decoded(_ index: Int, of state: EntityState) -> DecodedDocument {
        lock.lock()
        if let known = byEvent[index] {
            lock.unlock()
            return known
        }
        lock.unlock()
        let decoded = state.decoded()
        lock.lock()
        byEvent[index] = decoded
        lock.unlock()
        return decoded
    }
}
