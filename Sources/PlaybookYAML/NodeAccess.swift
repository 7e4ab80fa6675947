/// Shallow accessors for decoders: each looks at one node, never walks a tree.
extension Node {
    /// The text of a scalar, or nil for a sequence or mapping.
    public var scalar: String? {
        if case .scalar(let text, _) = value { return text }
        return nil
    }

    /// How a scalar was written, or nil for a sequence or mapping.
    public var scalarStyle: ScalarStyle? {
        if case .scalar(_, let style) = value { return style }
        return nil
    }

    /// The items of a sequence, or nil for a scalar or mapping.
    public var items: [Node]? {
        if case .sequence(let items) = value { return items }
        return nil
    }

    /// The pairs of a mapping in source order (duplicates included), or nil for a scalar or sequence.
    public var pairs: [Pair]? {
        if case .mapping(let pairs) = value { return pairs }
        return nil
    }

    /// The value of the first pair whose key is a scalar with this text; nil if there
    /// is none or the node is not a mapping. Later duplicates are ignored.
    public subscript(key: String) -> Node? {
        guard case .mapping(let pairs) = value else { return nil }
        for pair in pairs {
            if case .scalar(let text, _) = pair.key.value, text == key {
                return pair.value
            }
        }
        return nil
    }

    /// The pair whose key is a scalar with this text (the first one), for the key's mark.
    public func pair(forKey key: String) -> Pair? {
        guard case .mapping(let pairs) = value else { return nil }
        for pair in pairs {
            if case .scalar(let text, _) = pair.key.value, text == key {
                return pair
            }
        }
        return nil
    }
}

extension LoadResult {
    /// The problem that stopped the load, if one did.
    public var fatalProblem: YAMLProblem? {
        problems.first { $0.isFatal }
    }
}
