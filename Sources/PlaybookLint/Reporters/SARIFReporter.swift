import PlaybookModel

/// SARIF 2.1.0, the format GitHub code scanning uploads: every rule of the catalog with its
/// description and help, and each finding as a result with a physical location.
public struct SARIFReporter: Reporter {
    public static let toolVersion = "0.1.0"

    public init() {}

    public func render(_ report: LintReport) -> String {
        var text = ""
        renderParts(report) { text += $0 }
        return text
    }

    /// `render`'s text in parts, the results rendered a few chunks at a time over the cores (`renderInParts`).
    public func renderParts(_ report: LintReport, into write: (String) -> Void) {
        let rules = RuleCatalog.all
        let ruleIndex = Dictionary(rules.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        var out = "{\n"
        out += "  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n"
        out += "  \"version\": \"2.1.0\",\n"
        out += "  \"runs\": [\n    {\n"
        out += "      \"tool\": {\n        \"driver\": {\n"
        out += "          \"name\": \"playbook\",\n"
        out += "          \"semanticVersion\": \(JSON.string(Self.toolVersion)),\n"
        out += "          \"rules\": [\n"
        out += rules.map { "            " + Self.rule($0) }.joined(separator: ",\n")
        out += "\n          ]\n        }\n      },\n"
        out += "      \"columnKind\": \"unicodeCodePoints\",\n"
        out += "      \"results\": ["
        write(out)
        renderInParts(report.findings, into: write) { findings, first in Self.results(findings, first: first, ruleIndex: ruleIndex) }
        write((report.findings.isEmpty ? "]\n" : "\n      ]\n") + "    }\n  ]\n}\n")
    }

    /// One result a finding, each after a comma but the report's first, written piece by piece; a
    /// file's location worked out once per run of findings (the findings come sorted by file).
    private static func results(_ findings: ArraySlice<Finding>, first: Bool, ruleIndex: [String: Int]) -> String {
        findings.withUnsafeBufferPointer { findings in
            var file = (name: "", location: "")
            var out = ""
            out.reserveCapacity(findings.indices.reduce(0) { $0 + findings[$1].message.utf8.count + 2 * findings[$1].file.utf8.count + 256 })
            for index in findings.indices {
                if index == 0 || findings[index].file != file.name { file = (findings[index].file, artifactLocation(findings[index].file)) }
                out += first && index == 0 ? "\n" : ",\n"
                out += "        {\"ruleId\": "
                JSONText.append(quoted: findings[index].rule, to: &out)
                out += ", "
                if let rule = ruleIndex[findings[index].rule] {
                    out += "\"ruleIndex\": "
                    out += String(rule)
                    out += ", "
                }
                out += "\"level\": "
                JSONText.append(quoted: level(findings[index].severity), to: &out)
                // Shown to people (GitHub's code scanning decodes the JSON escapes): every control by code, line
                // breaks too, as the terminal shows them (a kept LF beside a CR shown as `\r` read inconsistently).
                out += ", \"message\": {\"text\": "
                JSONText.append(quoted: Inert.visible(findings[index].message), to: &out)
                out += "}, \"locations\": [{\"physicalLocation\": {\"artifactLocation\": "
                out += file.location
                out += ", \"region\": {\"startLine\": "
                out += String(max(1, findings[index].line))
                out += ", \"startColumn\": "
                out += String(max(1, findings[index].column))
                out += "}}}]"
                if let entity = findings[index].entity {
                    out += ", \"properties\": {\"entity\": "
                    JSONText.append(quoted: entity, to: &out)
                    out += ", \"related\": ["
                    for (number, related) in findings[index].related.enumerated() {
                        if number > 0 { out += ", " }
                        JSONText.append(quoted: related, to: &out)
                    }
                    out += "]}"
                }
                out += "}"
            }
            return out
        }
    }

    static func rule(_ rule: RuleDescriptor) -> String {
        var help = rule.summary
        if !rule.details.isEmpty { help += "\n\n" + rule.details }
        var markdown = "**\(rule.id)** — " + rule.summary
        if !rule.details.isEmpty { markdown += "\n\n" + rule.details }
        if let example = rule.triggering.first {
            markdown += "\n\nTriggers:\n\n```yaml\n" + example.replacing("↓", with: "") + "\n```"
        }
        if let example = rule.passing.first {
            markdown += "\n\nDoes not trigger:\n\n```yaml\n" + example + "\n```"
        }
        let fields = [
            "\"id\": \(JSON.string(rule.id))",
            "\"name\": \(JSON.string(name(rule.id)))",
            "\"shortDescription\": {\"text\": \(JSON.string(rule.summary))}",
            "\"fullDescription\": {\"text\": \(JSON.string(rule.details.isEmpty ? rule.summary : rule.details))}",
            "\"help\": {\"text\": \(JSON.string(help)), \"markdown\": \(JSON.string(markdown))}",
            "\"defaultConfiguration\": {\"level\": \(JSON.string(level(rule.severity)))}",
        ]
        return "{" + fields.joined(separator: ", ") + "}"
    }

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .note: "note"
        }
    }

    /// `schema-unknown-key` → `SchemaUnknownKey`.
    static func name(_ id: String) -> String {
        id.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// A repository-relative path against `%SRCROOT%`; a path outside the repository as a file URI.
    static func artifactLocation(_ path: String) -> String {
        PathSpelling.isAbsolute(path)
            ? "{\"uri\": \(JSON.string("file://" + uri(path)))}"
            : "{\"uri\": \(JSON.string(uri(path))), \"uriBaseId\": \"%SRCROOT%\"}"
    }

    /// A relative URI reference (`Inert.uriPath`).
    static func uri(_ path: String) -> String {
        Inert.uriPath(path)
    }
}
