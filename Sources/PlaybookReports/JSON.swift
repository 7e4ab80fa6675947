import PlaybookModel

/// A JSON value written with keys in the order given, so output is stable for scripts and goldens.
public indirect enum JSON: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
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

    /// Pretty-printed with two-space indentation and a final newline.
    public func rendered() -> String {
        var out = ""
        write(into: &out, indent: "")
        return out + "\n"
    }

    private func write(into out: inout String, indent: String) {
        switch self {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .integer(let value): out += String(value)
        case .number(let value): out += Numbers.plain(value)
        case .string(let text): out += JSON.quoted(text)
        case .array(let items):
            guard !items.isEmpty else { out += "[]"; return }
            out += "[\n"
            let inner = indent + "  "
            for (index, item) in items.enumerated() {
                out += inner
                item.write(into: &out, indent: inner)
                out += index == items.count - 1 ? "\n" : ",\n"
            }
            out += indent + "]"
        case .object(let pairs):
            guard !pairs.isEmpty else { out += "{}"; return }
            out += "{\n"
            let inner = indent + "  "
            for (index, (key, value)) in pairs.enumerated() {
                out += inner + JSON.quoted(key) + ": "
                value.write(into: &out, indent: inner)
                out += index == pairs.count - 1 ? "\n" : ",\n"
            }
            out += indent + "}"
        }
    }

    static func quoted(_ text: String) -> String {
        JSONText.quoted(text)
    }
}

/// Number formatting shared by every renderer, so Markdown, CSV and JSON say the same thing.
public enum Numbers {
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
}
