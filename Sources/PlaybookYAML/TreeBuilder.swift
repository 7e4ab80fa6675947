/// A problem that ends the load; the documents finished before it are kept.
struct FatalProblem: Error {
    var problem: YAMLProblem
}

/// Turns the event stream into documents with an explicit stack of open collections,
/// so no code path recurses on the input's nesting depth.
///
/// Limits are enforced here: nesting depth (including depth that alias expansion
/// adds) and the number of nodes alias expansion adds to the file.
struct TreeBuilder {
    /// An anchored node, with what expanding an alias to it costs.
    private struct Anchored {
        var node: Node
        /// Nodes in the subtree (each scalar, sequence, mapping counts one).
        var size: Int
        /// Levels of collections in the subtree (0 for a scalar).
        var height: Int
        /// Bytes of scalar text in the subtree.
        var bytes: Int
    }

    /// A sequence or mapping whose end event has not come yet.
    private struct OpenCollection {
        var isMapping: Bool
        var mark: Mark
        var tag: String?
        var anchor: String?
        var items: [Node] = []
        var pairs: [Pair] = []
        var pendingKey: Node?
        var size = 1
        var height = 1
        var bytes = 0
        /// The mapping's scalar keys so far, each once (its first mark), while a linear scan finds them:
        /// scanned here, a key costs a length comparison where the pairs' keys cost copying each key
        /// node out of its enum (a retain and a release) and a string comparison.
        var keys: [(text: String, mark: Mark)] = []
        /// First mark of each scalar key, built once a mapping is too big for a linear scan.
        var keyIndex: [String: Mark]?
        /// A document's top-level collection.
        var isRoot = false
        /// An item of a sequence.
        var isSequenceItem = false
        /// The first key, for a mapping that is an item of a sequence: written again, it most likely
        /// starts the next item, whose "- " is missing.
        var firstKey: String?
        /// Set once a mapping is reported as two run together (a document missing its `---`, an item
        /// missing its dash): the key that starts each one. Other keys of the later one repeat keys
        /// of the earlier one by nature, so only this key's repeats are reported.
        var runTogetherKey: String?
        /// Marks of the duplicate keys reported since the last key that was not a duplicate: when a
        /// second `kind:` follows them, they begin the same run-together document.
        var trailingDuplicates: [Mark] = []
        /// Duplicate-key problems already reported that a later one replaces (the caller removes them).
        var withdrawn: [Mark] = []
    }

    /// Mappings up to this many distinct keys look for duplicate keys by scanning; bigger ones use a dictionary.
    private static let linearKeyScanLimit = 32

    let limits: Limits
    private(set) var documents: [Document] = []
    private(set) var problems: [YAMLProblem] = []
    /// Start and end of every literal or folded scalar, in source order (for the tab check).
    private(set) var blockScalars: [(start: Mark, end: Mark)] = []
    /// First and last line of every scalar that spans lines (block or multi-line flow scalars).
    private(set) var multilineScalars: [ClosedRange<Int>] = []

    private var open: [OpenCollection] = []
    private var anchors: [String: Anchored] = [:]
    private var root: Node?
    private var documentStart = Mark(line: 1, column: 1)
    private var aliasNodesAdded = 0
    /// Bytes of scalar text alias expansion has added: a few nodes can carry a long scalar each (one
    /// 100 KB scalar aliased 20,000 times is 2 GB of text in 20,000 nodes), and every step after the
    /// load (history, review, site) copies that text out.
    private var aliasBytesAdded = 0
    /// libyaml's work so far, in its own unit: every token costs one step per open nesting level.
    private var nestingWork = 0
    /// The most `nestingWork` may reach: linear in the input, and never reached by a file
    /// nested fewer than about `workPerByte` levels deep.
    private let nestingWorkBudget: Int
    static let workPerByte = 16
    private var lastMark = Mark(line: 1, column: 1)

    init(limits: Limits, inputBytes: Int) {
        self.limits = limits
        nestingWorkBudget = Self.workPerByte * inputBytes + 1_000_000
    }

    mutating func consume(_ event: ParseEvent) throws(FatalProblem) {
        // libyaml rescans every open level for each token it reads (its simple-key check), so
        // bytes times depth bounds its time; stopping at a budget keeps the load linear whatever
        // `maxDepth` allows.
        nestingWork += open.count
        switch event {
        case .scalar(let scalar): lastMark = scalar.start
        case .alias(_, let mark): lastMark = mark
        case .sequenceStart(let start), .mappingStart(let start): lastMark = start.mark
        default: break
        }
        if nestingWork > nestingWorkBudget {
            throw FatalProblem(problem: .nestingWork(at: lastMark, depth: open.count))
        }
        switch event {
        case .streamStart, .streamEnd:
            break
        case .documentStart(let mark):
            documentStart = mark
            anchors.removeAll(keepingCapacity: true)
            root = nil
        case .documentEnd:
            documents.append(Document(root: root, start: documentStart, index: documents.count))
            root = nil
        case .scalar(let scalar):
            try addScalar(scalar)
        case .alias(let name, let mark):
            try addAlias(name, at: mark)
        case .sequenceStart(let start):
            try openCollection(start, isMapping: false)
        case .mappingStart(let start):
            try openCollection(start, isMapping: true)
        case .sequenceEnd, .mappingEnd:
            try closeCollection()
        }
    }

    private mutating func addScalar(_ scalar: ScalarEvent) throws(FatalProblem) {
        if scalar.style == .literal || scalar.style == .folded {
            blockScalars.append((scalar.start, scalar.end))
        }
        if scalar.end.line > scalar.start.line {
            multilineScalars.append(scalar.start.line...scalar.end.line)
        }
        // libyaml stands in an empty plain scalar for a document with no content.
        if open.isEmpty, scalar.style == .plain, scalar.text.isEmpty, scalar.tag == nil, scalar.anchor == nil {
            return
        }
        let node = Node(.scalar(scalar.text, scalar.style), mark: scalar.start, tag: scalar.tag)
        let bytes = scalar.text.utf8.count
        if let anchor = scalar.anchor {
            anchors[anchor] = Anchored(node: node, size: 1, height: 0, bytes: bytes)
        }
        try attach(node, size: 1, height: 0, bytes: bytes)
    }

    private mutating func addAlias(_ name: String, at mark: Mark) throws(FatalProblem) {
        guard let anchored = anchors[name] else {
            throw FatalProblem(problem: .unknownAnchor(name, at: mark))
        }
        aliasNodesAdded += anchored.size
        if aliasNodesAdded > limits.maxAliasExpansion {
            throw FatalProblem(problem: .aliasLimit(limits.maxAliasExpansion, at: mark))
        }
        aliasBytesAdded += anchored.bytes
        if aliasBytesAdded > limits.maxBytes {
            throw FatalProblem(problem: .aliasBytesLimit(limits.maxBytes, at: mark))
        }
        if open.count + anchored.height > limits.maxDepth {
            throw FatalProblem(problem: .depthLimit(limits.maxDepth, at: mark, throughAlias: true))
        }
        // The copy shares storage with the anchored node (copy-on-write), so it costs O(1).
        // Its top node is marked where the alias is used; nodes inside keep their own marks.
        var copy = anchored.node
        copy.mark = mark
        try attach(copy, size: anchored.size, height: anchored.height, bytes: anchored.bytes)
    }

    private mutating func openCollection(_ start: CollectionStart, isMapping: Bool) throws(FatalProblem) {
        if open.count >= limits.maxDepth {
            throw FatalProblem(problem: .depthLimit(limits.maxDepth, at: start.mark))
        }
        var collection = OpenCollection(isMapping: isMapping, mark: start.mark, tag: start.tag, anchor: start.anchor)
        collection.isRoot = open.isEmpty
        collection.isSequenceItem = !open.isEmpty && !open[open.count - 1].isMapping
        open.append(collection)
    }

    private mutating func closeCollection() throws(FatalProblem) {
        guard var done = open.popLast() else { return }
        let value: Node.Value
        if done.isMapping {
            if let key = done.pendingKey {
                // Cannot happen with libyaml's well-formed event stream; keep the key rather than lose it.
                done.pairs.append(Pair(key: key, value: Node(.scalar("", .plain), mark: key.mark)))
            }
            value = .mapping(done.pairs)
        } else {
            value = .sequence(done.items)
        }
        let node = Node(value, mark: done.mark, tag: done.tag)
        if let anchor = done.anchor {
            anchors[anchor] = Anchored(node: node, size: done.size, height: done.height, bytes: done.bytes)
        }
        try attach(node, size: done.size, height: done.height, bytes: done.bytes)
    }

    /// Adds a finished node to the innermost open collection, or makes it the document's root.
    private mutating func attach(_ node: Node, size: Int, height: Int, bytes: Int) throws(FatalProblem) {
        let last = open.count - 1
        guard last >= 0 else {
            root = node
            return
        }
        // The collection reached once and changed in place: through `open[last]` each change
        // checked the list's storage for sharing and the index against its bounds again.
        if let duplicate = Self.add(node, size: size, height: height, bytes: bytes, to: &open[last]) {
            if !open[last].withdrawn.isEmpty {
                let withdrawn = open[last].withdrawn
                problems.removeAll { $0.kind == .duplicateKey && withdrawn.contains($0.mark) }
                open[last].withdrawn = []
            }
            problems.append(duplicate)
        }
    }

    /// Adds `node` to `collection`; the problem, when it is a key that repeats an earlier one.
    private static func add(_ node: Node, size: Int, height: Int, bytes: Int, to collection: inout OpenCollection) -> YAMLProblem? {
        collection.size += size
        collection.bytes += bytes
        collection.height = max(collection.height, height + 1)
        if !collection.isMapping {
            collection.items.append(node)
        } else if let key = collection.pendingKey {
            collection.pairs.append(Pair(key: key, value: node))
            collection.pendingKey = nil
        } else {
            collection.pendingKey = node
            return checkDuplicate(key: node, in: &collection)
        }
        return nil
    }

    /// The problem when a scalar key repeats one already in the mapping; else records the key.
    private static func checkDuplicate(key: Node, in collection: inout OpenCollection) -> YAMLProblem? {
        guard case .scalar(let text, _) = key.value else { return nil }
        if let first = firstMark(ofKey: text, in: collection) {
            return duplicate(text, at: key.mark, firstAt: first, in: &collection)
        }
        if !collection.trailingDuplicates.isEmpty { collection.trailingDuplicates.removeAll() }
        if collection.isSequenceItem, collection.firstKey == nil { collection.firstKey = text }
        if collection.keyIndex != nil {
            collection.keyIndex?[text] = key.mark
        } else if collection.keys.count >= linearKeyScanLimit {
            var keyIndex: [String: Mark] = [:]
            keyIndex.reserveCapacity(collection.keys.count * 2)
            for earlier in collection.keys { keyIndex[earlier.text] = earlier.mark }
            keyIndex[text] = key.mark
            collection.keyIndex = keyIndex
            collection.keys = []
        } else {
            collection.keys.append((text, key.mark))
        }
        return nil
    }

    /// The problem for a key written a second time in one mapping. A second `kind:` at the top of a
    /// document, or a repeat of a list item's first key, most likely starts a document or an item whose
    /// `---` or "- " is missing: that is said once, and the other keys it repeats are not reported.
    private static func duplicate(_ text: String, at mark: Mark, firstAt first: Mark, in collection: inout OpenCollection) -> YAMLProblem? {
        if let runTogetherKey = collection.runTogetherKey {
            guard text == runTogetherKey else { return nil }
        } else if collection.isRoot, text == "kind" {
            collection.runTogetherKey = text
        } else if collection.isSequenceItem, text == collection.firstKey {
            collection.runTogetherKey = text
        } else {
            collection.trailingDuplicates.append(mark)
            return .duplicateKey(text, at: mark, firstAt: first)
        }
        if collection.isSequenceItem {
            return .itemMissingDash(key: text, at: mark, firstAt: first)
        }
        // Keys repeated just before the `kind:` belong to the same document: it starts at the first.
        let documentStart = collection.trailingDuplicates.first ?? mark
        collection.withdrawn = collection.trailingDuplicates
        collection.trailingDuplicates.removeAll()
        return .documentMissingStart(at: mark, startLine: documentStart.line)
    }

    private static func firstMark(ofKey text: String, in collection: OpenCollection) -> Mark? {
        if let keyIndex = collection.keyIndex {
            return keyIndex[text]
        }
        // The length first: an integer comparison, inlined, where most keys differ.
        let count = text.utf8.count
        for earlier in collection.keys where earlier.text.utf8.count == count && earlier.text == text {
            return earlier.mark
        }
        return nil
    }
}
