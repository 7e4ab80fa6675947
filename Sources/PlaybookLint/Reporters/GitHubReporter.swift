import PlaybookModel

/// GitHub Actions workflow commands: one `::error file=…,line=…,col=…,title=…::message` line
/// per finding, which GitHub turns into annotations on the pull request's diff.
public struct GitHubReporter: Reporter {
    public init() {}

    public func render(_ report: LintReport) -> String {
        var text = ""
        renderParts(report) { text += $0 }
        return text
    }

    /// `render`'s text in parts, rendered a few at a time over the cores (`renderInParts`).
    public func renderParts(_ report: LintReport, into write: (String) -> Void) {
        renderInParts(report.findings, into: write) { findings, _ in Self.lines(findings) }
    }

    /// One command a finding, written piece by piece; a file's and a rule's escaped forms worked
    /// out once per run of findings (the findings come sorted by file).
    private static func lines(_ findings: ArraySlice<Finding>) -> String {
        findings.withUnsafeBufferPointer { findings in
            var file = (name: "", property: ""), rule = (name: "", property: "")
            var out = ""
            out.reserveCapacity(findings.indices.reduce(0) { $0 + findings[$1].message.utf8.count + 2 * findings[$1].file.utf8.count + 96 })
            for index in findings.indices {
                if index == 0 || findings[index].file != file.name { file = (findings[index].file, property(findings[index].file)) }
                if index == 0 || findings[index].rule != rule.name { rule = (findings[index].rule, property("playbook " + findings[index].rule)) }
                let command = switch findings[index].severity {
                case .error: "::error file="
                case .warning: "::warning file="
                case .note: "::notice file="
                }
                out += command
                out += file.property
                out += ",line="
                out += String(findings[index].line)
                out += ",col="
                out += String(findings[index].column)
                out += ",title="
                out += rule.property
                out += "::"
                out += data(findings[index].message)
                out += "\n"
            }
            return out
        }
    }

    /// Escapes a command's message as GitHub's runner reads it back: `%`, CR and LF percent-encoded
    /// (`%25`, `%0D`, `%0A`), which the runner decodes, so a file name keeps its line breaks. Every other
    /// invisible control is shown as `Inert.visible` shows it (`\u{1B}`): the runner has no escape for
    /// it, and written raw it would reach the CI log, whose viewer reads ANSI. A file whose name holds one
    /// is still named, readably, but its annotation does not attach to the file.
    public static func data(_ text: String) -> String {
        // No control and no `%` (most messages): nothing to escape, the text itself.
        isPlain(text, property: false) ? text : dataEscaping(text)
    }

    /// `data` without its shortcut: every scalar looked at.
    static func dataEscaping(_ text: String) -> String {
        var out = ""
        for character in text.unicodeScalars {
            switch character {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            default:
                if Inert.isInvisibleControl(character) {
                    out += Inert.visible(String(character))
                } else {
                    out.unicodeScalars.append(character)
                }
            }
        }
        return out
    }

    /// Escapes a property value: as a message, plus `:` and `,`, which separate properties.
    public static func property(_ text: String) -> String {
        isPlain(text, property: true) ? text : propertyEscaping(text)
    }

    /// `property` without its shortcut.
    static func propertyEscaping(_ text: String) -> String {
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

    /// Whether `text` has no control (`Inert.isInvisibleControl`) and no `%` (nor `:` or `,` in a
    /// `property`): what `data` (or `property`) leaves as it is.
    private static func isPlain(_ text: String, property: Bool) -> Bool {
        func plain(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            guard let base = bytes.baseAddress else { return true }
            for k in bytes.indices {
                let byte = base[k]
                if byte >= 0x80 {
                    // Non-ASCII stays as it is, unless it is an invisible control.
                    if Inert.isInvisibleControl(lead: byte, base + k + 1) { return false }
                    continue
                }
                guard byte >= 0x20, byte < 0x7F, byte != UInt8(ascii: "%") else { return false }
                if property, byte == UInt8(ascii: ":") || byte == UInt8(ascii: ",") { return false }
            }
            return true
        }
        return text.utf8.withContiguousStorageIfAvailable(plain) ?? Array(text.utf8).withUnsafeBufferPointer(plain)
    }
}
