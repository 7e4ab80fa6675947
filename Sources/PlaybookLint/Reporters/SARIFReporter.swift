/// SARIF 2.1.0, the format GitHub code scanning uploads: every rule of the catalog with its
/// description and help, and each finding as a result with a physical location.
public struct SARIFReporter: Reporter {
    public static let toolVersion = "0.1.0"

    public init() {}

    public func render(_ report: LintReport) -> String {
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
        for (number, finding) in report.findings.enumerated() {
            out += number == 0 ? "\n" : ",\n"
            out += "        {\"ruleId\": \(JSON.string(finding.rule)), "
            if let index = ruleIndex[finding.rule] { out += "\"ruleIndex\": \(index), " }
            out += "\"level\": \(JSON.string(Self.level(finding.severity))), "
            out += "\"message\": {\"text\": \(JSON.string(finding.message))}, "
            out += "\"locations\": [{\"physicalLocation\": {\"artifactLocation\": \(Self.artifactLocation(finding.file)), "
            out += "\"region\": {\"startLine\": \(max(1, finding.line)), \"startColumn\": \(max(1, finding.column))}}}]"
            if let entity = finding.entity {
                out += ", \"properties\": {\"entity\": \(JSON.string(entity)), \"related\": [\(finding.related.map(JSON.string).joined(separator: ", "))]}"
            }
            out += "}"
        }
        out += report.findings.isEmpty ? "]\n" : "\n      ]\n"
        out += "    }\n  ]\n}\n"
        return out
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
        path.hasPrefix("/")
            ? "{\"uri\": \(JSON.string("file://" + uri(path)))}"
            : "{\"uri\": \(JSON.string(uri(path))), \"uriBaseId\": \"%SRCROOT%\"}"
    }

    /// A relative URI reference: every byte outside the unreserved set and `/` percent-encoded.
    static func uri(_ path: String) -> String {
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
}
