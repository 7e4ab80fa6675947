import PlaybookModel

/// The `lint --format json` contract of DESIGN.md:
/// `{"version": 1, "findings": [{"file", "line", "column", "rule", "severity", "message", "entity", "related"}],
///   "summary": {"files", "entities", "errors", "warnings"}}`; beyond it, `engine` (and `engine_note`,
/// why by words) after `version` when the run says what duplicates were compared with (at the top, as
/// in `overlaps` and `search`: the summary's values stay all whole numbers for typed readers).
public struct JSONReporter: Reporter {
    public init() {}

    public func render(_ report: LintReport) -> String {
        var text = ""
        renderParts(report) { text += $0 }
        return text
    }

    /// `render`'s text in parts, the findings rendered a few chunks at a time over the cores (`renderInParts`).
    public func renderParts(_ report: LintReport, into write: (String) -> Void) {
        var engine = ""
        if let (name, note) = report.engine {
            engine = "  \"engine\": " + JSONText.quoted(name) + ",\n" + (note.map { "  \"engine_note\": " + JSONText.quoted($0) + ",\n" } ?? "")
        }
        if !report.notEnglish.isEmpty {
            engine += "  \"not_english\": [" + report.notEnglish.map(JSONText.quoted).joined(separator: ", ") + "],\n"
        }
        write("{\n  \"version\": 1,\n" + engine + "  \"findings\": [")
        renderInParts(report.findings, into: write) { findings, first in Self.objects(findings, first: first) }
        write((report.findings.isEmpty ? "],\n" : "\n  ],\n")
              + "  \"summary\": {\"files\": \(report.files), \"entities\": \(report.entities), \"errors\": \(report.errors), \"warnings\": \(report.warnings)}\n}\n")
    }

    /// One object a finding, each after a comma but the report's first, written piece by piece
    /// (the findings read in place: a finding copied out is a retain of each of its fields).
    private static func objects(_ findings: ArraySlice<Finding>, first: Bool) -> String {
        findings.withUnsafeBufferPointer { findings in
            var out = ""
            out.reserveCapacity(findings.indices.reduce(0) { $0 + findings[$1].message.utf8.count + findings[$1].file.utf8.count + 192 })
            for index in findings.indices {
                out += first && index == 0 ? "\n" : ",\n"
                out += "    {\"file\": "
                JSONText.append(quoted: findings[index].file, to: &out)
                out += ", \"line\": "
                out += String(findings[index].line)
                out += ", \"column\": "
                out += String(findings[index].column)
                out += ", \"rule\": "
                JSONText.append(quoted: findings[index].rule, to: &out)
                out += ", \"severity\": "
                JSONText.append(quoted: findings[index].severity.rawValue, to: &out)
                out += ", \"message\": "
                JSONText.append(quoted: findings[index].message, to: &out)
                out += ", \"entity\": "
                if let entity = findings[index].entity {
                    JSONText.append(quoted: entity, to: &out)
                } else {
                    out += "null"
                }
                out += ", \"related\": ["
                for (number, related) in findings[index].related.enumerated() {
                    if number > 0 { out += ", " }
                    JSONText.append(quoted: related, to: &out)
                }
                out += "]"
                // Only a review's finding made worse by the change carries this (an addition to the contract).
                if let was = findings[index].worsenedFrom, let now = findings[index].amount {
                    out += ", \"made_worse\": {\"now\": \(number(now)), \"was\": \(number(was))}"
                }
                out += "}"
            }
            return out
        }
    }
}

/// A finite number as JSON: whole numbers without a decimal point, others as written shortest.
private func number(_ value: Double) -> String {
    guard value.isFinite else { return "null" }
    return value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
}

/// Minimal JSON text helpers shared by the reporters.
public enum JSON {
    /// A JSON string literal with every character that needs it escaped.
    public static func string(_ text: String) -> String {
        JSONText.quoted(text)
    }
}
