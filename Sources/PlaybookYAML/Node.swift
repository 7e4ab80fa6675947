/// A position in a source file: 1-based line, 1-based column counted in characters.
public struct Mark: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (a: Mark, b: Mark) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }

    public var description: String { "\(line):\(column)" }
}

/// How a scalar was written; quoted and block scalars are always strings.
public enum ScalarStyle: Sendable, Hashable {
    case plain, singleQuoted, doubleQuoted, literal, folded
}

/// A key/value entry of a mapping, in source order.
public struct Pair: Sendable {
    public var key: Node
    public var value: Node

    public init(key: Node, value: Node) {
        self.key = key
        self.value = value
    }
}

/// One node of a YAML document, with the mark where it starts.
///
/// Aliases are expanded by the loader (within its limits), so a tree never
/// contains an alias; `tag` is the explicit tag as written (`!!str`, `!custom`), if any.
public struct Node: Sendable {
    public enum Value: Sendable {
        case scalar(String, ScalarStyle)
        case sequence([Node])
        case mapping([Pair])
    }

    public var value: Value
    public var mark: Mark
    public var tag: String?

    public init(_ value: Value, mark: Mark, tag: String? = nil) {
        self.value = value
        self.mark = mark
        self.tag = tag
    }
}

/// One document of a (possibly multi-document) YAML stream.
public struct Document: Sendable {
    /// The root node; nil for an empty document (`---` with nothing after it).
    public var root: Node?
    /// Where the document starts (its `---`, or its first token).
    public var start: Mark
    /// 0-based position of the document in its file.
    public var index: Int

    public init(root: Node?, start: Mark, index: Int) {
        self.root = root
        self.start = start
        self.index = index
    }
}

/// A problem found while reading YAML, located in the file.
public struct YAMLProblem: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// libyaml rejected the input; `message` carries libyaml's reason.
        case syntax
        /// The same key appears twice in one mapping.
        case duplicateKey
        /// A tab character where YAML forbids it or where it is likely a mistake.
        case tab
        /// Alias expansion past `Limits.maxAliasExpansion` (billion laughs).
        case aliasLimit
        /// Nesting past `Limits.maxDepth`.
        case depthLimit
        /// File larger than `Limits.maxBytes`.
        case sizeLimit
        /// Not UTF-8 text: invalid bytes, NUL bytes, a UTF-16/32 encoding.
        case encoding
    }

    public var kind: Kind
    public var mark: Mark
    public var message: String
    /// True when the file's documents could not be (fully) read because of this problem.
    public var isFatal: Bool

    public init(kind: Kind, mark: Mark, message: String, isFatal: Bool) {
        self.kind = kind
        self.mark = mark
        self.message = message
        self.isFatal = isFatal
    }

    public var description: String { "\(mark): \(message)" }
}

/// Bounds that keep hostile input from exhausting time or memory.
///
/// Each bound has a hard ceiling (`Limits.ceiling`) that no configuration can raise: the
/// loader clamps whatever it is given, so its work stays linear in the input. libyaml spends
/// time proportional to the current flow-nesting level on every token, so the depth ceiling
/// is also the constant of that linear bound.
public struct Limits: Sendable, Hashable {
    /// Largest file accepted, in bytes.
    public var maxBytes: Int
    /// Deepest nesting of collections accepted, counting nesting that alias expansion adds.
    /// It also bounds how deep Swift recurses when it destroys a tree, so keep it in the hundreds.
    public var maxDepth: Int
    /// Most nodes that alias expansion may add to one file.
    public var maxAliasExpansion: Int

    public init(maxBytes: Int = 8 * 1024 * 1024, maxDepth: Int = 128, maxAliasExpansion: Int = 100_000) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
        self.maxAliasExpansion = maxAliasExpansion
    }

    public static let standard = Limits()

    /// The highest value each bound may take: 64 MiB, 256 levels, 1,000,000 alias nodes.
    public static let ceiling = Limits(maxBytes: 64 * 1024 * 1024, maxDepth: 256, maxAliasExpansion: 1_000_000)

    /// These limits with every bound lowered to its ceiling.
    public var clamped: Limits {
        Limits(
            maxBytes: min(maxBytes, Self.ceiling.maxBytes),
            maxDepth: min(maxDepth, Self.ceiling.maxDepth),
            maxAliasExpansion: min(maxAliasExpansion, Self.ceiling.maxAliasExpansion))
    }
}

/// What loading one file produced: the documents read, and the problems found.
/// On a fatal problem, `documents` holds those that were complete before it.
public struct LoadResult: Sendable {
    public var documents: [Document]
    public var problems: [YAMLProblem]
    /// Lines covered by scalars that span several lines (their text is not YAML structure:
    /// a `#` there is content, not a comment).
    public var multilineScalars: [ClosedRange<Int>]

    public init(documents: [Document], problems: [YAMLProblem], multilineScalars: [ClosedRange<Int>] = []) {
        self.documents = documents
        self.problems = problems
        self.multilineScalars = multilineScalars
    }
}
