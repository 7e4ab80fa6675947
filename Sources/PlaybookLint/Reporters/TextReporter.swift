import Dispatch
import PlaybookModel

/// Turns a lint report into the text of one output format.
public protocol Reporter: Sendable {
    func render(_ report: LintReport) -> String
}

/// The formats `playbook lint --format` accepts, by name.
public enum ReportFormat: String, Sendable, CaseIterable {
    case text, json, sarif, github, junit

    public func reporter(color: Bool) -> any Reporter {
        switch self {
        case .text: TextReporter(color: color)
        case .json: JSONReporter()
        case .sarif: SARIFReporter()
        case .github: GitHubReporter()
        case .junit: JUnitReporter()
        }
    }
}

/// `file:line:col: severity: message [rule-id]`, one finding a line, as compilers print.
public struct TextReporter: Reporter {    public var color: Bool

    public init(color: Bool) {
        self.color = color
    }

    public func render(_ report: LintReport) -> String {
        renderParts(report).joined()
    }

    /// `render`'s text in parts, in order (written one after the other, the text need not be joined).
    public func renderParts(_ report: LintReport) -> [String] {
        // In chunks over the cores: a large playbook's related-work notes run to tens of thousands
        // of lines (16 MB), written after everything else is done.
        let findings = report.findings
        let chunk = 2048
        let chunks = (findings.count + chunk - 1) / chunk
        guard chunks > 1 else { return [lines(findings[...])] }
        var parts = [String](repeating: "", count: chunks)
        parts.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let output = buffer
            DispatchQueue.concurrentPerform(iterations: chunks) { c in
                output[c] = lines(findings[(c * chunk)..<min(findings.count, (c + 1) * chunk)])
            }
        }
        return parts
    }

    /// One line a finding.
    /// (The findings read in place, field by field: taken one by one, each was copied, a retain of each
    /// of its fields; the text reserved at about its length, not grown by doubling.)
    private func lines(_ findings: ArraySlice<Finding>) -> String {
        var out = ""
        out.reserveCapacity(findings.indices.reduce(0) { $0 + findings[$1].message.utf8.count + findings[$1].file.utf8.count + 64 })
        for index in findings.indices {
            let message = TextReporter.oneLine(findings[index].message)
            let location = "\(Inert.terminalPath(findings[index].file)):\(findings[index].line):\(findings[index].column):"
            let severity = findings[index].severity.rawValue + ":"
            if color {
                out += "\(Style.bold)\(location)\(Style.reset) \(Style.color(findings[index].severity))\(severity)\(Style.reset) \(message) \(Style.dim)[\(findings[index].rule)]\(Style.reset)\n"
            } else {
                out += "\(location) \(severity) \(message) [\(findings[index].rule)]\n"
            }
        }
        return out
    }

    /// Keeps a finding on one line and inert in a terminal or CI log (`Inert.terminal`).
    static func oneLine(_ text: String) -> String {
        Inert.terminal(text)
    }

    /// "2 errors, 1 warning in 57 files (312 entities)", and the acknowledged overlaps when there
    /// are any: "; 1 acknowledged overlap (--verbose lists it)" when they were left out of the listing.
    public static func summary(_ report: LintReport, acknowledgedHidden: Bool = false) -> String {
        func count(_ n: Int, _ one: String, _ many: String) -> String { "\(n) \(n == 1 ? one : many)" }
        var text = "\(count(report.errors, "error", "errors")), \(count(report.warnings, "warning", "warnings")) in "
            + "\(count(report.files, "file", "files")) (\(count(report.entities, "entity", "entities")))"
        let acknowledged = report.acknowledgedOverlaps
        if acknowledged > 0 {
            text += "; \(count(acknowledged, "acknowledged overlap", "acknowledged overlaps"))"
            if acknowledgedHidden { text += acknowledged == 1 ? " (--verbose lists it)" : " (--verbose lists them)" }
        }
        return text
    }

    enum Style {
        static let reset = "\u{1B}[0m"
        static let bold = "\u{1B}[1m"
        static let dim = "\u{1B}[2m"
        static func color(_ severity: Severity) -> String {
            switch severity {
            case .error: "\u{1B}[1;31m"
            case .warning: "\u{1B}[1;33m"
            case .note: "\u{1B}[1;36m"
            }
        }
    }
}
