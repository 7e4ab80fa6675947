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
        switch text {
        case "", "~", "null", "Null", "NULL": self = .null
        case "true", "True", "TRUE": self = .bool(true)
        case "false", "False", "FALSE": self = .bool(false)
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": self = .float(.infinity)
        case "-.inf", "-.Inf", "-.INF": self = .float(-.infinity)
        case ".nan", ".NaN", ".NAN": self = .float(.nan)
        default:
            if let int = ScalarValue.integer(text) {
                self = .int(int)
            } else if ScalarValue.looksLikeFloat(text), let double = Double(text) {
                self = .float(double)
            } else {
                self = .string(text)
            }
        }
    }

    /// What the value is, for messages ("the string \"12\"", "a number").
    public var description: String {
        switch self {
        case .null: "null"
        case .bool(let b): "the boolean \(b)"
        case .int(let i): "the number \(i)"
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
    private static func integer(_ text: String) -> Int? {
        var text = text
        return text.withUTF8 { bytes -> Int? in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
            func number(_ part: Slice<UnsafeBufferPointer<UInt8>>, radix: Int) -> Int? {
                Int(String(decoding: part, as: UTF8.self), radix: radix)
            }
            if bytes.count >= 2, bytes[0] == UInt8(ascii: "0"), bytes[1] == UInt8(ascii: "x") { return number(bytes[2...], radix: 16) }
            if bytes.count >= 2, bytes[0] == UInt8(ascii: "0"), bytes[1] == UInt8(ascii: "o") { return number(bytes[2...], radix: 8) }
            var digits = bytes[...]
            if digits.first == UInt8(ascii: "+") { digits = digits.dropFirst() }
            guard !digits.isEmpty, digits.allSatisfy({ ($0 >= 48 && $0 <= 57) || $0 == UInt8(ascii: "-") }) else { return nil }
            return number(digits, radix: 10)
        }
    }

    /// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`
    private static func looksLikeFloat(_ text: String) -> Bool {
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
