import Foundation
import PlaybookLint
import PlaybookModel

/// Renders a review for a pull-request comment (Markdown) or for scripts (JSON).
public enum ReviewRenderer {
    /// The first line of the comment: a bot finds its earlier comment by it and edits it in place.
    public static let marker = "<!-- playbook-review -->"

    public static func markdown(_ report: ReviewReport) -> String {
        var out = marker + "\n## Playbook review\n\n"
        let verdict = report.errors > 0 ? "❌" : (report.warnings > 0 ? "⚠️" : "✅")
        out += "\(verdict) **\(count(report.errors, "error", "errors")), \(count(report.warnings, "warning", "warnings"))** "
        out += "in \(count(report.changedFiles.count, "changed file", "changed files")) "
        out += "(`\(short(report.mergeBase?.description ?? report.base.description))`…`\(short(report.head.description))`, "
        out += "\(count(report.commits, "commit", "commits")))\n\n"

        let byEntity = Dictionary(grouping: report.findings) { $0.entity ?? "" }
        if report.deltas.isEmpty {
            out += "No playbook entity changed.\n\n"
        } else {
            out += "| entity | kind | change | fields | findings |\n| --- | --- | --- | --- | --- |\n"
            for delta in report.deltas {
                let fields = delta.change == .changed ? delta.fields.prefix(6).map { "`\(code($0.path))`" }.joined(separator: ", ")
                    + (delta.fields.count > 6 ? " …" : "") : "—"
                let found = byEntity[delta.id] ?? []
                let errors = found.count(where: { $0.severity == .error })
                let warnings = found.count(where: { $0.severity == .warning })
                let summary = found.isEmpty ? "—" : [errors > 0 ? count(errors, "error", "errors") : nil, warnings > 0 ? count(warnings, "warning", "warnings") : nil,
                                                     found.count - errors - warnings > 0 ? count(found.count - errors - warnings, "note", "notes") : nil]
                    .compactMap { $0 }.joined(separator: ", ")
                out += "| `\(code(delta.id))` | \(text(delta.kind)) | \(delta.change.rawValue) | \(fields) | \(summary) |\n"
            }
            out += "\n"
        }

        if !report.findings.isEmpty {
            out += "### Findings\n\n"
            let groups = byEntity.keys.sorted()
            for key in groups {
                guard let findings = byEntity[key], let first = findings.first else { continue }
                out += key.isEmpty ? "#### `\(code(first.file))`\n\n" : "#### `\(code(key))` — `\(code(first.file))`\n\n"
                for finding in findings {
                    out += "- \(icon(finding.severity)) **\(finding.severity.rawValue)** `\(finding.rule)` "
                    out += "[line \(finding.line)](\(link(finding.file))#L\(finding.line)): \(text(finding.message))\n"
                }
                out += "\n"
            }
        }

        if !report.existing.isEmpty {
            out += "<details><summary>Already on the base in the changed files: "
                + "\(count(report.existing.count, "finding", "findings")) (not counted)</summary>\n\n"
            for finding in report.existing {
                out += "- \(icon(finding.severity)) **\(finding.severity.rawValue)** `\(finding.rule)` "
                out += "[`\(code(finding.file))` line \(finding.line)](\(link(finding.file))#L\(finding.line)): \(text(finding.message))\n"
            }
            out += "\n</details>\n\n"
        }

        let changed = report.deltas.filter { $0.change == .changed && !$0.fields.isEmpty }
        if !changed.isEmpty {
            out += "<details><summary>Field changes</summary>\n\n| entity | field | before | after |\n| --- | --- | --- | --- |\n"
            for delta in changed {
                for field in delta.fields {
                    out += "| `\(code(delta.id))` | `\(code(field.path))` | \(value(field.old)) | \(value(field.new)) |\n"
                }
            }
            out += "\n</details>\n"
        }
        return out
    }

    public static func json(_ report: ReviewReport) -> String {
        var out = "{\n  \"version\": 1,\n"
        out += "  \"base\": \(JSON.string(report.base.description)),\n  \"head\": \(JSON.string(report.head.description)),\n"
        out += "  \"merge_base\": \(report.mergeBase.map { JSON.string($0.description) } ?? "null"),\n"
        out += "  \"commits\": \(report.commits),\n  \"entities\": ["
        for (index, delta) in report.deltas.enumerated() {
            out += index == 0 ? "\n" : ",\n"
            let fields = delta.fields.map {
                "{\"path\": \(JSON.string($0.path)), \"old\": \($0.old.map(JSON.string) ?? "null"), \"new\": \($0.new.map(JSON.string) ?? "null")}"
            }
            out += "    {\"id\": \(JSON.string(delta.id)), \"kind\": \(JSON.string(delta.kind)), \"change\": \(JSON.string(delta.change.rawValue)), "
            out += "\"path\": \(JSON.string(delta.path)), \"fields\": [\(fields.joined(separator: ", "))]}"
        }
        out += report.deltas.isEmpty ? "],\n" : "\n  ],\n"
        // The base's own findings in the changed files: listed, not counted in the summary.
        out += "  \"existing_findings\": ["
        for (index, finding) in report.existing.enumerated() {
            out += index == 0 ? "\n" : ",\n"
            out += "    {\"file\": \(JSON.string(finding.file)), \"line\": \(finding.line), \"column\": \(finding.column), "
            out += "\"rule\": \(JSON.string(finding.rule)), \"severity\": \(JSON.string(finding.severity.rawValue)), "
            out += "\"message\": \(JSON.string(finding.message)), \"entity\": \(finding.entity.map(JSON.string) ?? "null")}"
        }
        out += report.existing.isEmpty ? "],\n" : "\n  ],\n"
        // The findings and summary follow the lint contract.
        let lint = JSONReporter().render(report.lintReport)
        if let start = lint.range(of: "\"findings\":"), let end = lint.range(of: "\n}", options: .backwards) {
            out += "  " + lint[start.lowerBound..<end.lowerBound] + "\n}\n"
        }
        return out
    }

    static func count(_ n: Int, _ one: String, _ many: String) -> String { "\(n) \(n == 1 ? one : many)" }

    static func short(_ id: String) -> String { String(id.prefix(8)) }

    static func icon(_ severity: Severity) -> String {
        switch severity {
        case .error: "❌"
        case .warning: "⚠️"
        case .note: "ℹ️"
        }
    }

    /// User text made inert for a table cell or a list item (`Inert.markdown`): no markup,
    /// mention, reference or link, one line.
    static func text(_ raw: String) -> String {
        Inert.markdown(raw)
    }

    /// Text inside single backticks: controls shown escaped, backticks and pipes replaced, one line.
    static func code(_ raw: String) -> String {
        String(Inert.visible(raw).map { $0 == "`" || $0 == "|" ? " " : $0 })
    }

    /// A relative link target: everything but letters, digits and `-._~/` percent-encoded.
    static func link(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }

    static func value(_ raw: String?) -> String {
        guard let raw else { return "—" }
        let clipped = raw.count > 80 ? String(raw.prefix(80)) + "…" : raw
        return clipped.isEmpty ? "\"\"" : "`\(code(clipped))`"
    }
}
