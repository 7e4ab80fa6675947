import PlaybookModel

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
        JSONText.quoted(text)
    }
}
