/// The `lint --format json` contract of DESIGN.md:
/// `{"version": 1, "findings": [{"file", "line", "column", "rule", "severity", "message", "entity", "related"}],
///   "summary": {"files", "entities", "errors", "warnings"}}`.
public struct JSONReporter: Reporter {
    public init() {}

    public func render(_ report: LintReport) -> String {
        var out = "{\n  \"version\": 1,\n  \"findings\": ["
        for (index, finding) in report.findings.enumerated() {
            out += index == 0 ? "\n" : ",\n"
            out += "    {\"file\": \(JSON.string(finding.file)), \"line\": \(finding.line), \"column\": \(finding.column), "
            out += "\"rule\": \(JSON.string(finding.rule)), \"severity\": \(JSON.string(finding.severity.rawValue)), "
            out += "\"message\": \(JSON.string(finding.message)), "
            out += "\"entity\": \(finding.entity.map(JSON.string) ?? "null"), "
            out += "\"related\": [\(finding.related.map(JSON.string).joined(separator: ", "))]}"
        }
        out += report.findings.isEmpty ? "],\n" : "\n  ],\n"
        out += "  \"summary\": {\"files\": \(report.files), \"entities\": \(report.entities), \"errors\": \(report.errors), \"warnings\": \(report.warnings)}\n}\n"
        return out
    }
}

/// Minimal JSON text helpers shared by the reporters.
public enum JSON {
    /// A JSON string literal with every character that needs it escaped.
    public static func string(_ text: String) -> String {
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
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
