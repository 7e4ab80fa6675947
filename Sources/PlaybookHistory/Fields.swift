import Foundation
import PlaybookModel
import PlaybookYAML

/// A field's value as the one scalar resolver (`ScalarValue`, YAML 1.2 core schema) read it:
/// a string, a number (its shortest exact decimal spelling), a boolean, or an empty list or mapping.
///
/// Kept in one string, as compact as the text it replaces: the plain spelling of the value, which
/// resolves back to the same value; a string whose plain spelling would resolve to something else
/// (a quoted `"47000"` or `"true"`, or the text `[]`) is marked with a leading U+0001, a character
/// no YAML scalar can hold unescaped. So `current: "47000"` and `current: 47000` are different
/// values, as they are to lint (a string where a number belongs, and a number).
public struct FieldValue: Sendable, Hashable, CustomStringConvertible {
    /// The plain spelling, or the mark and a string.
    @usableFromInline let storage: String
    static let stringMark: Character = "\u{1}"

    init(storage: String) { self.storage = storage }

    public static let emptyList = FieldValue(storage: "[]")
    public static let emptyMapping = FieldValue(storage: "{}")

    /// A string value, whatever it spells.
    public static func string(_ text: String) -> FieldValue {
        needsMark(text) ? FieldValue(storage: String(stringMark) + text) : FieldValue(storage: text)
    }

    /// The value `text` stands for written plain in YAML (tests, values built by hand): `[]` and `{}`
    /// are empty collections; nil for null.
    public init?(plain text: String) {
        if text == "[]" || text == "{}" {
            self = FieldValue(storage: text)
            return
        }
        guard let value = FieldValue.resolved(text, style: .plain, tag: nil) else { return nil }
        self = value
    }

    /// A scalar resolved as lint resolves it: nil for null (absent, as lint treats it); booleans as
    /// `true`/`false` (so `True` is `true`); integers in decimal (`0x1F` is `31`); finite numbers in
    /// their shortest exact decimal spelling (0.30 → 0.3 is no change, 0.35 stays 0.35); strings as written.
    static func resolved(_ text: String, style: ScalarStyle, tag: String?) -> FieldValue? {
        // A plain date (`2024-05-17`, in every experiment and approval) is neither an integer nor a
        // float: a string, spelled as written, without trying both.
        if style == .plain, tag == nil, isPlainDate(text) { return FieldValue(storage: text) }
        switch ScalarValue(text: text, style: style, tag: tag) {
        case .null: return nil
        case .bool(let value): return FieldValue(storage: value ? "true" : "false")
        case .int(let value): return FieldValue(storage: String(value))
        case .float(let value):
            // `.inf` and `.nan` keep their spelling, which resolves to the same non-finite number.
            guard value.isFinite, let exact = ExactNumber.canonical(text) else { return FieldValue(storage: text) }
            return FieldValue(storage: exact)
        case .string(let string):
            // A plain scalar that resolved to a string spells a string already; only a quoted or
            // tagged one can spell something else.
            if style == .plain && tag == nil { return FieldValue(storage: string) }
            return .string(string)
        }
    }

    /// `dddd-dd-dd`.
    private static func isPlainDate(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard bytes.count == 10 else { return false }
            for index in 0..<10 {
                let byte = bytes[index]
                if index == 4 || index == 7 {
                    if byte != UInt8(ascii: "-") { return false }
                } else if byte < UInt8(ascii: "0") || byte > UInt8(ascii: "9") {
                    return false
                }
            }
            return true
        }
    }

    /// Whether `text`, written plain, would not read back as this string.
    private static func needsMark(_ text: String) -> Bool {
        if text.first == stringMark || text == "[]" || text == "{}" { return true }
        return ScalarValue(text: text, style: .plain, tag: nil) != .string(text)
    }

    /// The first byte is the mark: U+0001 is a control, a `Character` of its own, so this is
    /// `storage.first == stringMark` without breaking the string into characters.
    @usableFromInline var isMarked: Bool { storage.utf8.first == 1 }

    /// The resolved scalar; nil for an empty list or mapping.
    public var scalar: ScalarValue? {
        if isMarked { return .string(String(storage.dropFirst())) }
        if isEmptyList || isEmptyMapping { return nil }
        return ScalarValue(text: storage, style: .plain, tag: nil)
    }

    public var isEmptyList: Bool { storage == "[]" }
    public var isEmptyMapping: Bool { storage == "{}" }

    /// As `log` shows it: the string, the number's decimal spelling, `true`/`false`, `[]` or `{}`.
    public var text: String { isMarked ? String(storage.dropFirst()) : storage }

    /// `body` on the UTF-8 bytes of `text`, read where they are (no string made of them: the
    /// mark is one byte, skipped).
    /// Inlinable: called from other modules, the generic function was not specialised and
    /// looked up its metadata on every call (0.6 % of the first site).
    @inlinable public func withTextUTF8<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        let marked = isMarked
        if let result = storage.utf8.withContiguousStorageIfAvailable({ body(marked ? UnsafeBufferPointer(rebasing: $0.dropFirst()) : $0) }) {
            return result
        }
        var copy = storage
        return copy.withUTF8 { body(marked ? UnsafeBufferPointer(rebasing: $0.dropFirst()) : $0) }
    }

    public var description: String { text }

    /// The value as YAML writes it: a string that would read as another type (`"47000"`, `"true"`) double-quoted,
    /// anything else as `text`.
    public var yamlText: String {
        guard isMarked else { return text }
        return "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// The number, exactly as written (lint's rule: an integer or a finite float; a quoted number is
    /// a string, not a number); nil for anything else.
    public var number: Decimal? {
        guard !isMarked else { return nil }
        return ExactNumber.decimal(storage)
    }

    /// The text lint reads where it expects text (a string, or a number or boolean as written);
    /// nil for an empty list or mapping.
    public var textValue: String? {
        isEmptyList || isEmptyMapping ? nil : text
    }

    /// One of an enumeration's values, read as lint reads it; nil for anything else.
    public func choice<E: RawRepresentable>(_ type: E.Type) -> E? where E.RawValue == String {
        textValue.flatMap(E.init(rawValue:))
    }

    /// The YAML node that reads back as this value (`EntityState.node`).
    func node(at mark: Mark) -> Node {
        if isMarked { return Node(.scalar(String(storage.dropFirst()), .doubleQuoted), mark: mark) }
        // `[]` and `{}` are two bytes: other values are not compared with them.
        if storage.utf8.count == 2 {
            if isEmptyList { return Node(.sequence([]), mark: mark) }
            if isEmptyMapping { return Node(.mapping([]), mark: mark) }
        }
        return Node(.scalar(storage, .plain), mark: mark)
    }
}

/// One field of an entity as history sees it: a flattened path and its resolved value.
///
/// Paths join mapping keys with dots; list items that carry an `id` are named by it
/// (`key_results[KR-1].current`), other items by position (`approvals[0].by`).
public struct Field: Sendable, Hashable {
    public var path: String
    public var value: FieldValue

    public init(_ path: String, _ value: FieldValue) {
        self.path = path
        self.value = value
    }
}

/// A field that changed in one commit: nil on the side where it did not exist.
public struct FieldChange: Sendable, Hashable {
    public var path: String
    public var oldValue: FieldValue?
    public var newValue: FieldValue?

    public init(path: String, old: FieldValue?, new: FieldValue?) {
        self.path = path
        self.oldValue = old
        self.newValue = new
    }

    /// The old value's text.
    public var old: String? { oldValue?.text }
    /// The new value's text.
    public var new: String? { newValue?.text }

    /// The two values as `log` and `review` show them: a change of type only (`54100` to `"54100"`) shows the
    /// string quoted, as YAML writes it, where the two texts alone would read as no change.
    public var shown: (old: String?, new: String?) {
        guard let oldValue, let newValue, oldValue.text == newValue.text else { return (old, new) }
        return (oldValue.yamlText, newValue.yamlText)
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
                if let value = FieldValue.resolved(text, style: style, tag: node.tag) {
                    result.append(Field(path, value))
                }
            case .sequence(let items):
                if items.isEmpty {
                    result.append(Field(path, .emptyList))
                    continue
                }
                // Pushed in reverse so that popping visits them in document order.
                for (index, item) in items.enumerated().reversed() {
                    let name = itemID(item).map { "[\($0)]" } ?? "[\(index)]"
                    stack.append((path + name, item))
                }
            case .mapping(let pairs):
                if pairs.isEmpty {
                    result.append(Field(path, .emptyMapping))
                    continue
                }
                // A key written twice (lint's yaml-duplicate-key) has its first value, as lint's decoder reads it.
                var seen = Set<String>()
                var kept: [(String, Node)] = []
                for pair in pairs {
                    guard case .scalar(let key, _) = pair.key.value, seen.insert(key).inserted else { continue }
                    kept.append((path.isEmpty ? key : path + "." + key, pair.value))
                }
                stack.append(contentsOf: kept.reversed())
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
}

extension FieldValue: ExpressibleByStringLiteral {
    /// What a plain scalar written `value` stands for (`"12.5"` is a number, `"draft"` a string),
    /// for values written by hand; a literal that spells null stands for that text as a string.
    public init(stringLiteral value: String) {
        self = FieldValue(plain: value) ?? .string(value)
    }
}

extension Array where Element == FieldChange {
    /// These changes by who made each (`maker`): the groups in the order of their first change, each group's
    /// changes in order (a merge's change split by maker).
    public func grouped<Maker: Equatable>(byMaker maker: (FieldChange) throws -> Maker) rethrows -> [(maker: Maker, fields: [FieldChange])] {
        var groups: [(maker: Maker, fields: [FieldChange])] = []
        for field in self {
            let made = try maker(field)
            if let group = groups.firstIndex(where: { $0.maker == made }) {
                groups[group].fields.append(field)
            } else {
                groups.append((made, [field]))
            }
        }
        return groups
    }
}
