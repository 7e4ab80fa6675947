import PlaybookYAML

/// A scalar resolved with the YAML 1.2 core schema (quoted scalars are always strings).
/// The one resolver: lint's decoder, history and reports all read scalars through it.
public enum ScalarValue: Equatable, Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case float(Double)
    case string(String)

    public init(text: String, style: ScalarStyle, tag: String?) {
        if let tag, tag == "!!str" || tag == "!" {
            self = .string(text)
            return
        }
        guard style == .plain else {
            self = .string(text)
            return
        }
        // Most plain scalars are words: only these first bytes can start a null, a boolean or a number.
        if let first = text.utf8.first, !ScalarValue.mayStartNonString(first) {
            self = .string(text)
            return
        }
        // A number (most of the rest) is no word below: compared with each, every value paid
        // seventeen string comparisons before it was read as a number.
        if ScalarValue.startsWithDigit(text) {
            self = ScalarValue.number(text)
            return
        }
        switch text {
        case "", "~", "null", "Null", "NULL": self = .null
        case "true", "True", "TRUE": self = .bool(true)
        case "false", "False", "FALSE": self = .bool(false)
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": self = .float(.infinity)
        case "-.inf", "-.Inf", "-.INF": self = .float(-.infinity)
        case ".nan", ".NaN", ".NAN": self = .float(.nan)
        default:
            self = ScalarValue.number(text)
        }
    }

    /// A plain scalar that is none of the words above: an integer, a float or a string.
    private static func number(_ text: String) -> ScalarValue {
        if let int = ScalarValue.integer(text) { return .int(int) }
        if ScalarValue.looksLikeFloat(text), let double = Double(text) { return .float(double) }
        return .string(text)
    }

    /// Whether `text` starts with a digit, or a sign and a digit: no null, boolean, `.inf` or `.nan` does.
    private static func startsWithDigit(_ text: String) -> Bool {
        var bytes = text.utf8.makeIterator()
        guard var byte = bytes.next() else { return false }
        if byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") {
            guard let next = bytes.next() else { return false }
            byte = next
        }
        return byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    /// What the value is, for messages ("the string \"12\"", "a number").
    public var description: String {
        switch self {
        case .null: "null"
        case .bool(let b): "the boolean \(b)"
        case .int(let i): "the number \(i)"
        case .float(let d) where d.isNaN: ".nan"
        case .float(let d) where !d.isFinite: d > 0 ? ".inf" : "-.inf"
        case .float(let d): "the number \(d)"
        case .string(let s): "the string \"\(s.count > 40 ? String(s.prefix(40)) + "…" : s)\""
        }
    }

    private static func mayStartNonString(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."), UInt8(ascii: "~"),
             UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "t"), UInt8(ascii: "T"), UInt8(ascii: "f"), UInt8(ascii: "F"):
            true
        default:
            false
        }
    }

    /// Read as bytes: integers are spelled in ASCII (Swift parses no other digits), so a text with
    /// any other byte is none, and in ASCII a character is a byte. (Comparing characters cost a
    /// tenth of decoding a playbook: every date and name starting with n, t or f comes here.)
    static func integer(_ text: String) -> Int? {
        // Read in place where the text is contiguous (it always is but for bridged strings): through
        // the view's indices, each byte cost tens of instructions (every date and number comes here).
        if let read = text.utf8.withContiguousStorageIfAvailable(integer(bytes:)), let known = read { return known }
        return integerThroughView(text)
    }

    /// `integerThroughView` over contiguous bytes; nil (outer) for the rare `0x` and `0o`, left to it.
    private static func integer(bytes: UnsafeBufferPointer<UInt8>) -> Int?? {
        let count = bytes.count
        if count >= 2, bytes[0] == UInt8(ascii: "0"), bytes[1] == UInt8(ascii: "x") || bytes[1] == UInt8(ascii: "o") { return nil }
        var index = 0
        if count > 0, bytes[0] == UInt8(ascii: "+") { index = 1 }
        guard index < count else { return .some(nil) }
        for at in index..<count {
            let byte = bytes[at]
            guard (byte >= 48 && byte <= 57) || byte == UInt8(ascii: "-") else { return .some(nil) }
        }
        let negative = bytes[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        guard index < count else { return .some(nil) }
        var value = 0
        for at in index..<count {
            let byte = bytes[at]
            guard byte >= 48, byte <= 57 else { return .some(nil) }
            let (shifted, over) = value.multipliedReportingOverflow(by: 10)
            let digit = Int(byte - 48)
            let (next, beyond) = negative ? shifted.subtractingReportingOverflow(digit) : shifted.addingReportingOverflow(digit)
            guard !over, !beyond else { return .some(nil) }
            value = next
        }
        return .some(value)
    }

    /// `integer` read through the string's views.
    static func integerThroughView(_ text: String) -> Int? {
        var bytes = text.utf8[...]
        // `0x` and `0o` are rare: only a text starting with those bytes is asked about them as characters.
        if bytes.count >= 2, bytes.first == UInt8(ascii: "0"),
           case let second = bytes[bytes.index(after: bytes.startIndex)], second == UInt8(ascii: "x") || second == UInt8(ascii: "o") {
            let characters = Substring(text)
            if characters.hasPrefix("0x") { return Int(characters.dropFirst(2), radix: 16) }
            if characters.hasPrefix("0o") { return Int(characters.dropFirst(2), radix: 8) }
        }
        if bytes.first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        guard !bytes.isEmpty, bytes.allSatisfy({ ($0 >= 48 && $0 <= 57) || $0 == UInt8(ascii: "-") }) else { return nil }
        return decimal(bytes)
    }

    /// `Int(text)` of digits and `-` only, read byte by byte (the generic parse over a `Substring`
    /// was most of resolving a number): an optional leading `-`, then at least one digit; nil on overflow.
    private static func decimal(_ bytes: Substring.UTF8View) -> Int? {
        var digits = bytes
        let negative = digits.first == UInt8(ascii: "-")
        if negative { digits = digits.dropFirst() }
        guard !digits.isEmpty else { return nil }
        var value = 0
        for byte in digits {
            guard byte >= 48, byte <= 57 else { return nil }
            let (shifted, over) = value.multipliedReportingOverflow(by: 10)
            let digit = Int(byte - 48)
            let (next, beyond) = negative ? shifted.subtractingReportingOverflow(digit) : shifted.addingReportingOverflow(digit)
            guard !over, !beyond else { return nil }
            value = next
        }
        return value
    }

    /// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`
    static func looksLikeFloat(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable(looksLikeFloat(bytes:)) ?? looksLikeFloatThroughView(text)
    }

    /// `looksLikeFloatThroughView` over contiguous bytes.
    private static func looksLikeFloat(bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = bytes.count
        var index = 0
        func isDigit(_ at: Int) -> Bool { at < count && bytes[at] >= 48 && bytes[at] <= 57 }
        if count > 0, bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+") { index = 1 }
        var digits = 0
        while isDigit(index) { digits += 1; index += 1 }
        if index < count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            while isDigit(index) { digits += 1; index += 1 }
        }
        guard digits > 0 else { return false }
        if index < count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") { index += 1 }
            guard isDigit(index) else { return false }
            while isDigit(index) { index += 1 }
        }
        return index == count
    }

    /// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`, read through the string's views.
    static func looksLikeFloatThroughView(_ text: String) -> Bool {
        var bytes = Substring(text).utf8[...]
        if let first = bytes.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        var digits = 0
        while let b = bytes.first, b >= 48, b <= 57 { digits += 1; bytes = bytes.dropFirst() }
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            while let b = bytes.first, b >= 48, b <= 57 { digits += 1; bytes = bytes.dropFirst() }
        }
        guard digits > 0 else { return false }
        if let e = bytes.first, e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if let s = bytes.first, s == UInt8(ascii: "-") || s == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
            guard let b = bytes.first, b >= 48, b <= 57 else { return false }
            while let b = bytes.first, b >= 48, b <= 57 { bytes = bytes.dropFirst() }
        }
        return bytes.isEmpty
    }
}
