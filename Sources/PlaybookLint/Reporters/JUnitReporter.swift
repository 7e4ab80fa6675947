import PlaybookModel

/// JUnit XML, as CI test viewers read it: one test suite, one test case per file linted
/// (passing when it has no error) and, inside a failing case, one `<failure>` per error.
/// Warnings and notes are listed in the case's `<system-out>` without failing it.
public struct JUnitReporter: Reporter {
    public init() {}

    public func render(_ report: LintReport) -> String {
        var byFile: [String: [Finding]] = [:]
        for finding in report.findings { byFile[finding.file, default: []].append(finding) }
        let ordered = Set(report.lintedFiles).union(byFile.keys).sorted()
        let failing = ordered.filter { file in byFile[file, default: []].contains { $0.severity == .error } }.count

        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"playbook lint\" tests=\"\(ordered.count)\" failures=\"\(failing)\" errors=\"0\">\n"
        out += "  <testsuite name=\"playbook lint\" tests=\"\(ordered.count)\" failures=\"\(failing)\" errors=\"0\" skipped=\"0\">\n"
        for file in ordered {
            let findings = byFile[file, default: []]
            let errors = findings.filter { $0.severity == .error }
            let others = findings.filter { $0.severity != .error }
            out += "    <testcase classname=\"playbook.lint\" name=\"\(Self.escape(Inert.terminal(file)))\" file=\"\(Self.escape(Inert.terminal(file)))\""
            if findings.isEmpty {
                out += "/>\n"
                continue
            }
            out += ">\n"
            for finding in errors {
                out += "      <failure message=\"\(Self.escape(Inert.terminal(finding.message)))\" type=\"\(Self.escape(finding.rule))\">"
                out += Self.escape(Self.line(finding)) + "</failure>\n"
            }
            if !others.isEmpty {
                out += "      <system-out>" + Self.escape(others.map(Self.line).joined(separator: "\n")) + "</system-out>\n"
            }
            out += "    </testcase>\n"
        }
        out += "  </testsuite>\n</testsuites>\n"
        return out
    }

    static func line(_ finding: Finding) -> String {
        "\(Inert.terminalPath(finding.file)):\(finding.line):\(finding.column): \(finding.severity.rawValue): \(Inert.terminal(finding.message)) [\(finding.rule)]"
    }

    /// XML text and attribute escaping; characters XML 1.0 cannot carry are replaced.
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\n": out += "&#10;"
            case "\r": out += "&#13;"
            case "\t": out += "&#9;"
            default:
                let v = scalar.value
                if v < 0x20 || (0xFFFE...0xFFFF).contains(v) {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
