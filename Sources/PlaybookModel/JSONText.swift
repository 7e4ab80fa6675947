/// JSON string literals, written the same way by every renderer (lint, overlaps, reports).
public enum JSONText {
    /// `text` as a JSON string literal: quotes, backslashes and control characters escaped,
    /// and U+2028 / U+2029 too, so the output is also safe inside JavaScript; DEL, C1 controls
    /// and bidi controls (`Inert.isInvisibleControl`) are escaped as `\uXXXX` too, so JSON
    /// printed to a terminal cannot drive or reorder it, and `##[` as `#\u0023[` so a CI log
    /// cannot read a command in it (the decoded value is unchanged).
    public static func quoted(_ text: String) -> String {
        var out = "\""
        out.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if Inert.isInvisibleControl(scalar) {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        // `##[` anywhere in a CI log line is the runner's older command syntax; `\u0023` decodes to the same `#`.
        if out.contains("##[") { out = out.replacing("##[", with: "#\\u0023[") }
        return out + "\""
    }
}
