/// One leaf of a document, named by its path: mapping keys joined with dots, list items named
/// `[id]` when the item is a mapping with a non-empty scalar `id`, else `[index]`.
public struct FlatLeaf: Sendable {
    public enum Value: Sendable {
        case scalar(String, ScalarStyle, tag: String?)
        case emptySequence
        case emptyMapping
    }

    public var path: String
    public var value: Value
    /// Where a scalar starts (1-based line; 1-based column in characters) and the line it ends on.
    public var line: Int32 = 0
    public var column: Int32 = 0
    public var endLine: Int32 = 0
}

/// Reads a YAML stream straight from libyaml's events into leaves, without building a tree:
/// the history reads every version of every file and needs only paths and scalars.
///
/// It reads only plain, well-formed files. Anything else (bad encoding, a syntax error, an anchor
/// or alias, a key that is not a scalar or is written twice in one mapping, deep nesting, a file
/// over the size limit) returns nil,
/// and the caller loads the file with `YAMLLoader`, which has the exact rules and messages for it.
/// For every file it does read, the leaves equal those of the loader's tree, in document order.
public enum FlatReader {
    /// Deeper files go to the loader, which owns the nesting limits.
    static let maxDepth = 16

    /// The documents of a stream, each as its leaves; nil for a document without content.
    public static func read(_ bytes: [UInt8]) -> [[FlatLeaf]?]? {
        readWithRootKeys(bytes)?.documents
    }

    /// A key of a document's root mapping that starts a line (column 1): the line, and how many
    /// of the document's leaves come before its value's.
    public struct RootKey: Sendable, Equatable {
        public var line: Int32
        public var leaf: Int32
        /// The key itself.
        public var name: String

        public init(line: Int32, leaf: Int32, name: String = "") {
            self.line = line
            self.leaf = leaf
            self.name = name
        }
    }

    /// As `read`, with the root keys that start a line, in line order, of every document (a
    /// history that splices lines into a one-document file needs to know where its keys begin).
    public static func readWithRootKeys(_ bytes: [UInt8]) -> (documents: [[FlatLeaf]?], rootKeys: [RootKey])? {
        guard bytes.count <= Limits.standard.maxBytes else { return nil }
        return bytes.withUnsafeBufferPointer { all -> (documents: [[FlatLeaf]?], rootKeys: [RootKey])? in
            guard case .utf8(let bomLength) = EncodingCheck.check(all) else { return nil }
            let text = UnsafeBufferPointer(rebasing: all[bomLength...])
            guard !text.isEmpty else { return ([], []) }
            var state = FlatState()
            state.leaves.reserveCapacity(64)
            do throws(LibYAMLError) {
                let parser = try LibYAMLParser(input: text)
                while true {
                    let event = try parser.next()
                    if case .streamEnd = event { break }
                    guard state.consume(event) else { return nil }
                }
            } catch {
                return nil
            }
            return (state.documents, state.rootKeys)
        }
    }
}

/// The walk over one stream's events.
private struct FlatState {
    struct Frame {
        var isMapping: Bool
        var path: String
        /// Children seen (pairs of a mapping, items of a sequence).
        var count = 0
        /// A mapping's key whose value comes next.
        var key: String?
        /// For a mapping that is a list item: the path of its list, and where its leaves begin.
        var itemOf: String?
        var firstLeaf = 0
        var named = false
        /// A mapping's keys so far: a key written twice sends the file to the loader, whose
        /// tree keeps its first value as lint's decoder does.
        var keys: [String] = []
    }

    var documents: [[FlatLeaf]?] = []
    var rootKeys: [FlatReader.RootKey] = []
    var leaves: [FlatLeaf] = []
    var stack: [Frame] = []
    var hasRoot = false

    /// False when the file must go to the full loader.
    mutating func consume(_ event: ParseEvent) -> Bool {
        switch event {
        case .streamStart, .streamEnd:
            return true
        case .documentStart:
            if !leaves.isEmpty { leaves.removeAll(keepingCapacity: true) }
            stack.removeAll(keepingCapacity: true)
            hasRoot = false
            return true
        case .documentEnd:
            // Handed over whole; the next document starts a buffer of its own at a useful size.
            documents.append(hasRoot ? leaves : nil)
            leaves = []
            leaves.reserveCapacity(64)
            return true
        case .alias:
            return false
        case .scalar(let scalar):
            if scalar.anchor != nil { return false }
            if stack.isEmpty {
                // libyaml stands in an empty plain scalar for a document with no content.
                if scalar.style == .plain, scalar.text.isEmpty, scalar.tag == nil { return true }
                hasRoot = true
                leaves.append(FlatLeaf(path: "", value: .scalar(scalar.text, scalar.style, tag: scalar.tag)))
                return true
            }
            let last = stack.count - 1
            if stack[last].isMapping {
                guard let key = stack[last].key else {
                    if stack[last].keys.contains(scalar.text) { return false }
                    stack[last].keys.append(scalar.text)
                    stack[last].key = scalar.text
                    if last == 0, scalar.start.column == 1 {
                        rootKeys.append(FlatReader.RootKey(line: Int32(clamping: scalar.start.line), leaf: Int32(clamping: leaves.count),
                                                           name: scalar.text))
                    }
                    return true
                }
                stack[last].key = nil
                stack[last].count += 1
                if key == "id", !scalar.text.isEmpty, stack[last].itemOf != nil, !stack[last].named {
                    name(last, id: scalar.text)
                }
                let parent = stack[last].path
                leaves.append(FlatLeaf(path: parent.isEmpty ? key : Self.joined(parent, ".", key, nil),
                                       value: .scalar(scalar.text, scalar.style, tag: scalar.tag),
                                       line: Int32(clamping: scalar.start.line), column: Int32(clamping: scalar.start.column),
                                       endLine: Int32(clamping: scalar.end.line)))
            } else {
                let index = stack[last].count
                stack[last].count += 1
                leaves.append(FlatLeaf(path: Self.joined(stack[last].path, "[", String(index), "]"),
                                       value: .scalar(scalar.text, scalar.style, tag: scalar.tag),
                                       line: Int32(clamping: scalar.start.line), column: Int32(clamping: scalar.start.column),
                                       endLine: Int32(clamping: scalar.end.line)))
            }
            return true
        case .sequenceStart(let start), .mappingStart(let start):
            if start.anchor != nil || stack.count >= FlatReader.maxDepth { return false }
            var isMapping = false
            if case .mappingStart = event { isMapping = true }
            var frame = Frame(isMapping: isMapping, path: "")
            if stack.isEmpty {
                hasRoot = true
            } else {
                let last = stack.count - 1
                if stack[last].isMapping {
                    // A key that is a collection: the loader's tree skips it; leave it to the loader.
                    guard let key = stack[last].key else { return false }
                    stack[last].key = nil
                    stack[last].count += 1
                    let parent = stack[last].path
                    frame.path = parent.isEmpty ? key : Self.joined(parent, ".", key, nil)
                } else {
                    let index = stack[last].count
                    stack[last].count += 1
                    frame.path = Self.joined(stack[last].path, "[", String(index), "]")
                    if isMapping {
                        frame.itemOf = stack[last].path
                        frame.firstLeaf = leaves.count
                    }
                }
            }
            stack.append(frame)
            return true
        case .sequenceEnd, .mappingEnd:
            guard let done = stack.popLast() else { return true }
            if done.count == 0 {
                leaves.append(FlatLeaf(path: done.path, value: done.isMapping ? .emptyMapping : .emptySequence))
            }
            return true
        }
    }

    /// `head`, `separator`, `tail` and `close` in one string, built in one allocation (a path is
    /// made for every leaf of every version the history reads).
    private static func joined(_ head: String, _ separator: Unicode.Scalar, _ tail: String, _ close: Unicode.Scalar?) -> String {
        var head = head, tail = tail
        return head.withUTF8 { head in
            tail.withUTF8 { tail in
                let count = head.count + 1 + tail.count + (close == nil ? 0 : 1)
                return String(unsafeUninitializedCapacity: count) { buffer in
                    var position = 0
                    for byte in head { buffer[position] = byte; position += 1 }
                    buffer[position] = UInt8(ascii: separator)
                    position += 1
                    for byte in tail { buffer[position] = byte; position += 1 }
                    if let close {
                        buffer[position] = UInt8(ascii: close)
                        position += 1
                    }
                    return position
                }
            }
        }
    }

    /// Renames the list item at `index` by its id: its path and those of the leaves it already has.
    private mutating func name(_ index: Int, id: String) {
        guard let list = stack[index].itemOf else { return }
        let old = stack[index].path
        let new = list + "[" + id + "]"
        stack[index].named = true
        stack[index].path = new
        for position in stack[index].firstLeaf..<leaves.count {
            leaves[position].path = new + leaves[position].path.dropFirst(old.count)
        }
    }
}
