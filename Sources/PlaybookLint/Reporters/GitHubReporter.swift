import PlaybookModel

/// GitHub Actions workflow commands: one `::error file=…,line=…,col=…,title=…::message` line
/// per finding, which GitHub turns into annotations on the pull request's diff.
public struct GitHubReporter: Reporter {
    public init() {}

    public func render(_ report: LintReport) -> String {
        var out = ""
        for finding in report.findings {
            let command = switch finding.severity {
            case .error: "error"
            case .warning: "warning"
            case .note: "notice"
            }
            let properties = [
                "file=\(Self.property(finding.file))",
                "line=\(finding.line)",
                "col=\(finding.column)",
                "title=\(Self.property("playbook \(finding.rule)"))",
            ]
            out += "::\(command) \(properties.joined(separator: ","))::\(Self.data(finding.message))\n"
        }
        return out
    }

    /// Escapes a command's message: invisible controls but LF shown (`Inert.visible`), then `%`, CR and LF.
    static func data(_ text: String) -> String {
        var out = ""
        for character in Inert.visible(text, keepingNewlines: true).unicodeScalars {
            switch character {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }

    /// Escapes a property value: as a message, plus `:` and `,`, which separate properties.
    static func property(_ text: String) -> String {
        var out = ""
        for character in data(text).unicodeScalars {
            switch character {
            case ":": out += "%3A"
            case ",": out += "%2C"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }
}
