import Foundation
import PlaybookYAML

/// Numbers read from YAML as decimals, so what a person wrote (0.35) is what is computed with,
/// not its nearest binary fraction (0.34999…). Up to 38 significant digits are kept.
public enum ExactNumber {
    /// What lint's schema-range message says of a number too large or too small to compute with
    /// exactly (the decoder drops it; reports find their note by it).
    public static let beyondExact = "for playbook to compute with exactly"

    /// "a number too large for playbook to compute with exactly", as lint and reports say it.
    public static func tooWide(_ value: Double) -> String {
        "a number too \(abs(value) < 1 ? "small" : "large") \(beyondExact)"
    }

    private static let posix = Locale(identifier: "en_US_POSIX")

    /// The decimal a plain scalar's text stands for under the YAML 1.2 core schema; nil for
    /// anything that is not a finite number (strings, booleans, `.inf`, `.nan`, out of range).
    public static func decimal(_ text: String) -> Decimal? {
        switch ScalarValue(text: text, style: .plain, tag: nil) {
        case .int(let value): return Decimal(value)
        case .float(let value):
            guard value.isFinite else { return nil }
            return Decimal(string: text, locale: posix)
        case .null, .bool, .string: return nil
        }
    }

    /// The shortest exact decimal spelling of a number's text (`2.50` → `2.5`, `1e3` → `1000`).
    public static func canonical(_ text: String) -> String? {
        simpleCanonical(text) ?? decimal(text).map(\.description)
    }

    /// The same for the common spelling (an optional sign, digits, a point, digits; at most 30
    /// digits), without parsing a `Decimal`: the history spells every number of every version.
    /// Nil for anything else.
    static func simpleCanonical(_ text: String) -> String? {
        var negative = false
        var integer: [UInt8] = []
        var fraction: [UInt8] = []
        var seenPoint = false
        var digits = 0
        for (index, byte) in text.utf8.enumerated() {
            switch byte {
            case UInt8(ascii: "-") where index == 0: negative = true
            case UInt8(ascii: "+") where index == 0: break
            case UInt8(ascii: "."):
                if seenPoint { return nil }
                seenPoint = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                digits += 1
                if digits > 30 { return nil }
                if seenPoint {
                    fraction.append(byte)
                } else if !(integer.isEmpty && byte == UInt8(ascii: "0")) {
                    integer.append(byte)
                }
            default: return nil
            }
        }
        guard digits > 0 else { return nil }
        while fraction.last == UInt8(ascii: "0") { fraction.removeLast() }
        if integer.isEmpty && fraction.isEmpty { return "0" }
        var result: [UInt8] = negative ? [UInt8(ascii: "-")] : []
        result += integer.isEmpty ? [UInt8(ascii: "0")] : integer
        if !fraction.isEmpty {
            result.append(UInt8(ascii: "."))
            result += fraction
        }
        return String(decoding: result, as: UTF8.self)
    }
}
