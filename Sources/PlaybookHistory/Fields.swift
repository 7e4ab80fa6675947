import PlaybookModel
import PlaybookYAML

/// One field of an entity as history sees it: a flattened path and its scalar text.
///
/// Paths join mapping keys with dots; list items that carry an `id` are named by it
/// (`key_results[KR-1].current`), other items by position (`approvals[0].by`).
public struct Field: Sendable, Hashable {
    public var path: String
    public var value: String

    public init(_ path: String, _ value: String) {
        self.path = path
        self.value = value
    }
}

/// A field that changed in one commit: nil on the side where it did not exist.
public struct FieldChange: Sendable, Hashable {
    public var path: String
    public var old: String?
    public var new: String?

    public init(path: String, old: String?, new: String?) {
        self.path = path
        self.old = old
        self.new = new
    }
}

/// Flattens a YAML node into fields, in document order, without recursion on input depth
/// (the loader bounds depth, but an explicit stack keeps this safe on its own).
enum FieldFlattener {
    static func fields(of root: Node) -> [Field] {
        var result: [Field] = []
        var stack: [(String, Node)] = [("", root)]
        while let (path, node) = stack.popLast() {
            switch node.value {
            case .scalar(let text, let style):
                if let value = normalized(text, style: style, tag: node.tag) {
                    result.append(Field(path, value))
                }
            case .sequence(let items):
                if items.isEmpty {
                    result.append(Field(path, "[]"))
                    continue
                }
                // Pushed in reverse so that popping visits them in document order.
                for (index, item) in items.enumerated().reversed() {
                    let name = itemID(item).map { "[\($0)]" } ?? "[\(index)]"
                    stack.append((path + name, item))
                }
            case .mapping(let pairs):
                if pairs.isEmpty {
                    result.append(Field(path, "{}"))
                    continue
                }
                for pair in pairs.reversed() {
                    guard case .scalar(let key, _) = pair.key.value else { continue }
                    stack.append((path.isEmpty ? key : path + "." + key, pair.value))
                }
            }
        }
        return result
    }

    /// The `id` of a list item that is a mapping with a scalar `id`.
    private static func itemID(_ node: Node) -> String? {
        guard case .mapping(let pairs) = node.value else { return nil }
        for pair in pairs {
            if case .scalar("id", _) = pair.key.value, case .scalar(let id, _) = pair.value.value, !id.isEmpty {
                return id
            }
        }
        return nil
    }

    /// The text a scalar stands for, resolved as lint resolves it (YAML 1.2 core schema): null as
    /// absent, booleans as `true`/`false` (so `True` is `true`), integers in decimal (`0x1F` is `31`),
    /// finite numbers in their shortest exact decimal spelling (so 0.30 → 0.3 is no change, and
    /// 0.35 stays 0.35 rather than a binary approximation); everything else as written.
    static func normalized(_ text: String, style: ScalarStyle, tag: String?) -> String? {
        switch ScalarValue(text: text, style: style, tag: tag) {
        case .null: return nil
        case .bool(let value): return value ? "true" : "false"
        case .int(let value): return String(value)
        case .float(let value):
            guard value.isFinite, let exact = ExactNumber.canonical(text) else { return text }
            return exact
        case .string(let text): return text
        }
    }
}
