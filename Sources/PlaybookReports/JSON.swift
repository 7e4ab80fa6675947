import Foundation
import PlaybookModel

/// A JSON value written with keys in the order given, so output is stable for scripts and goldens.
public indirect enum JSON: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    /// An exact decimal, written with all its digits (no binary rounding on the way out).
    case decimal(Decimal)
    case integer(Int)
    case string(String)
    case array([JSON])
    case object([(String, JSON)])

    public static func == (a: JSON, b: JSON) -> Bool { a.rendered() == b.rendered() }

    /// A string, or null.
    static func optional(_ text: String?) -> JSON { text.map(JSON.string) ?? .null }
    /// A number rounded to `places` decimals, or null.
    static func number(_ value: Double?, places: Int) -> JSON {
        guard let value, value.isFinite else { return .null }
        return .number(Numbers.rounded(value, places: places))
    }

    /// An exact decimal, unrounded, or null: scripts get the true value and round it themselves.
    static func exact(_ value: Decimal?) -> JSON {
        guard let value, value.isFinite else { return .null }
        return .decimal(value)
    }

    /// Pretty-printed with two-space indentation and a final newline.
    public func rendered() -> String {
        var out = ""
        write(into: &out, indent: "")
        // Appended in place: `out + "\n"` copied the whole rendering (half a megabyte for a quarter's OKRs).
        out += "\n"
        return out
    }

    private func write(into out: inout String, indent: String) {
        switch self {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .integer(let value): out += String(value)
        case .number(let value): out += Numbers.plain(value)
        case .decimal(let value): out += Numbers.plain(value)
        case .string(let text): JSONText.append(quoted: text, to: &out)
        case .array(let items):
            guard !items.isEmpty else { out += "[]"; return }
            out += "[\n"
            let inner = indent + "  "
            for (index, item) in items.enumerated() {
                out += inner
                item.write(into: &out, indent: inner)
                out += index == items.count - 1 ? "\n" : ",\n"
            }
            out += indent
            out += "]"
        case .object(let pairs):
            guard !pairs.isEmpty else { out += "{}"; return }
            out += "{\n"
            let inner = indent + "  "
            for (index, (key, value)) in pairs.enumerated() {
                out += inner
                JSONText.append(quoted: key, to: &out)
                out += ": "
                value.write(into: &out, indent: inner)
                out += index == pairs.count - 1 ? "\n" : ",\n"
            }
            out += indent
            out += "}"
        }
    }

    static func quoted(_ text: String) -> String {
        JSONText.quoted(text)
    }
}

/// The one number formatter, shared by every renderer, so Markdown, CSV, HTML and JSON say the same thing.
/// Report values are exact decimals; a displayed value is the true value correctly rounded
/// (half away from zero: 0.375 → 0.38, −0.375 → −0.38).
public enum Numbers {
    public static func rounded(_ value: Decimal, places: Int) -> Decimal {
        var input = value
        var result = Decimal()
        NSDecimalRound(&result, &input, places, .plain)
        return result.isZero ? 0 : result  // no "-0"
    }

    /// All the digits, without exponent or trailing zeros (`2.5`, `1000`, `0.375`).
    public static func plain(_ value: Decimal) -> String {
        guard value.isFinite else { return "null" }
        return value.isZero ? "0" : value.description
    }

    /// Rounded to `places` and printed shortest; "–" for none.
    public static func text(_ value: Decimal?, places: Int = 2) -> String {
        guard let value, value.isFinite else { return "–" }
        return plain(rounded(value, places: places))
    }

    /// Rounded to `places` and written with all of them (`0.50`, `0.00`, `0.38`), as progress and
    /// scores are shown; "–" for none.
    public static func fixed(_ value: Decimal?, places: Int = 2) -> String {
        guard let value, value.isFinite else { return "–" }
        let text = plain(rounded(value, places: places))
        guard places > 0 else { return text }
        let parts = text.split(separator: ".", maxSplits: 1)
        let fraction = parts.count == 2 ? String(parts[1]) : ""
        return parts[0] + "." + fraction + String(repeating: "0", count: max(0, places - fraction.count))
    }

    /// A probability (a p-value, an alpha) to four places; one above zero that four places make 0
    /// is `< 0.0001` (a highly significant result is not p = 0). "–" for none.
    public static func probability(_ value: Decimal?) -> String {
        let shown = text(value, places: 4)
        guard let value, shown == "0", value > 0 else { return shown }
        return "< 0.0001"
    }

    /// `numerator / denominator` as an exact decimal (38 significant digits); nil for a zero denominator.
    public static func ratio(_ numerator: Decimal, _ denominator: Decimal) -> Decimal? {
        denominator.isZero ? nil : numerator / denominator
    }

    /// The mean, or nil for no values.
    public static func mean(_ values: [Decimal]) -> Decimal? {
        values.isEmpty ? nil : values.reduce(0, +) / Decimal(values.count)
    }

    /// For drawing only (chart coordinates), never for a displayed number.
    public static func double(_ value: Decimal) -> Double {
        NSDecimalNumber(decimal: value).doubleValue
    }

    // Binary doubles remain for measured durations and chart geometry, which no one checks by hand.

    public static func rounded(_ value: Double, places: Int) -> Double {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let result = (value * scale).rounded() / scale
        return result == 0 ? 0 : result  // no "-0"
    }

    /// Shortest text: integers without a decimal point, others as Swift prints them.
    public static func plain(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return String(value)
    }

    /// Rounded to `places` and printed shortest.
    public static func text(_ value: Double?, places: Int = 2) -> String {
        guard let value, value.isFinite else { return "–" }
        return plain(rounded(value, places: places))
    }

    /// A duration in days as the reports print it: one decimal, always written (`7.0`, `5.5`),
    /// as DESIGN.md says durations are given; "–" for none.
    public static func days(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "–" }
        let tenths = rounded(value * 10, places: 0)
        guard abs(tenths) < 1e15 else { return plain(rounded(value, places: 1)) }
        let whole = Int(tenths)
        return (whole < 0 ? "-" : "") + "\(abs(whole) / 10).\(abs(whole) % 10)"
    }
}
