import Dispatch
import PlaybookModel

/// Turns a lint report into the text of one output format.
public protocol Reporter: Sendable {
    func render(_ report: LintReport) -> String
    /// `render`'s text handed to `write` in parts, in order: a large report need not be held whole.
    func renderParts(_ report: LintReport, into write: (String) -> Void)
}

extension Reporter {
    public func renderParts(_ report: LintReport, into write: (String) -> Void) {
        write(render(report))
    }
}

/// Findings rendered in chunks over the cores, eight chunks at a time, each chunk's text handed to
/// `write` in order as soon as its wave is done, so that each can go (be written out and freed)
/// before the next are rendered. A large playbook's findings run to hundreds of thousands of lines
/// (over 200 MB of text): rendered on one thread and whole, they were seconds and as much memory
/// again as the findings, each page of it faulted in fresh.
/// `render(slice, first)` renders a chunk; `first` says it is the first of the report.
func renderInParts(_ findings: [Finding], into write: (String) -> Void,
                   _ render: @Sendable (ArraySlice<Finding>, _ first: Bool) -> String) {
    renderInParts(findings, empty: "", into: write, render)
}

/// `renderInParts` for parts of any kind (a text's bytes), `empty` standing in for a part written.
func renderInParts<Part: Sendable>(_ findings: [Finding], empty: Part, into write: (Part) -> Void,
                                   _ render: @Sendable (ArraySlice<Finding>, _ first: Bool) -> Part) {
    let chunk = 2048
    let chunks = (findings.count + chunk - 1) / chunk
    guard chunks > 1 else { return write(render(findings[...], true)) }
    let wave = 8
    var parts = [Part](repeating: empty, count: wave)
    for first in stride(from: 0, to: chunks, by: wave) {
        let count = min(wave, chunks - first)
        parts.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let output = buffer
            DispatchQueue.concurrentPerform(iterations: count) { k in
                let c = first + k
                output[k] = render(findings[(c * chunk)..<min(findings.count, (c + 1) * chunk)], c == 0)
            }
        }
        for k in 0..<count {
            write(parts[k])
            parts[k] = empty
        }
    }
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
        var text = ""
        renderParts(report) { text += $0 }
        return text
    }

    /// `render`'s text handed to `write` in parts, in order, rendered a few at a time over the cores.
    public func renderParts(_ report: LintReport, into write: (String) -> Void) {
        renderBytes(report) { write(String(decoding: $0, as: UTF8.self)) }
    }

    /// `render`'s text as UTF-8 bytes, handed to `write` in parts, in order, rendered a few at a time
    /// over the cores: for a terminal or a file, which take bytes (made a `String`, each part was
    /// checked to be UTF-8 again, byte by byte, what its pieces already were).
    public func renderBytes(_ report: LintReport, into write: ([UInt8]) -> Void) {
        renderInParts(report.findings, empty: [], into: write) { findings, _ in lines(findings) }
    }

    /// One line a finding.
    /// (The findings read in place, field by field: taken one by one, each was copied, a retain of each
    /// of its fields; a file's shown path worked out once for its run of findings; the text measured,
    /// then written into one allocation of its length: appended to a `String` piece by piece, each
    /// piece cost a few hundred instructions, most of rendering.)
    private func lines(_ findings: ArraySlice<Finding>) -> [UInt8] {
        findings.withUnsafeBufferPointer { findings in
            var shownFile = (file: "", path: "")
            var paths: [String] = []
            var messages: [String] = []
            paths.reserveCapacity(findings.count)
            messages.reserveCapacity(findings.count)
            for index in findings.indices {
                if index == 0 || findings[index].file != shownFile.file {
                    shownFile = (findings[index].file, Inert.terminalPath(findings[index].file))
                }
                paths.append(shownFile.path)
                messages.append(TextReporter.oneLine(findings[index].message))
            }
            func write(_ out: inout some MessageText) {
                for index in findings.indices {
                    let severity = findings[index].severity
                    if color { out.append(Style.bold) }
                    out.append(paths[index])
                    out.append(":")
                    out.appendDecimal(findings[index].line)
                    out.append(":")
                    out.appendDecimal(findings[index].column)
                    out.append(":")
                    if color {
                        out.append(Style.reset)
                        out.append(" ")
                        out.append(Style.color(severity))
                    } else {
                        out.append(" ")
                    }
                    out.append(severity.rawValue)
                    out.append(":")
                    if color { out.append(Style.reset) }
                    out.append(" ")
                    out.append(messages[index])
                    out.append(" ")
                    if color { out.append(Style.dim) }
                    out.append("[")
                    out.append(findings[index].rule)
                    out.append("]")
                    if color { out.append(Style.reset) }
                    out.append("\n")
                }
            }
            var length = MessageLength()
            write(&length)
            return [UInt8](unsafeUninitializedCapacity: length.count) { buffer, initialized in
                var bytes = MessageBytes(buffer)
                write(&bytes)
                initialized = bytes.count
            }
        }
    }

    /// Keeps a finding on one line and inert in a terminal or CI log (`Inert.terminal`).
    static func oneLine(_ text: String) -> String {
        Inert.terminal(text)
    }

    /// "2 errors, 1 warning in 57 files (312 entities)", or for named paths "… in 1 file of 57 (312 entities
    /// in the playbook)", and the acknowledged overlaps when there are any: "; 1 acknowledged overlap (--verbose
    /// lists it)" when they were left out of the listing, with the notes listed for them when those are more
    /// than the pairs ("1 acknowledged overlap (4 notes; --verbose lists them)": each side, each rule).
    /// `leftOut`: warnings and notes of files the commit leaves unchanged that `lint --staged` did not list;
    /// `elsewhere`: the errors it listed that were there before the commit, in files it leaves unchanged, and those files.
    public static func summary(_ report: LintReport, acknowledgedHidden: Bool = false,
                               leftOut: (warnings: Int, notes: Int) = (0, 0),
                               elsewhere: (count: Int, files: [String]) = (0, [])) -> String {
        func count(_ n: Int, _ one: String, _ many: String) -> String { "\(n) \(n == 1 ? one : many)" }
        var text = "\(count(report.errors, "error", "errors")), \(count(report.warnings, "warning", "warnings")) in "
        if let read = report.filesRead, read != report.files {
            // The entities are the whole playbook's: the other files were read for what the named ones refer to.
            text += "\(count(report.files, "file", "files")) of \(read) (\(count(report.entities, "entity", "entities")) in the playbook)"
        } else {
            text += "\(count(report.files, "file", "files")) (\(count(report.entities, "entity", "entities")))"
        }
        let acknowledged = report.acknowledgedOverlaps
        if acknowledged > 0 {
            text += "; \(count(acknowledged, "acknowledged overlap", "acknowledged overlaps"))"
            let notes = report.acknowledgedOverlapNotes
            switch (acknowledgedHidden, notes == acknowledged) {
            case (true, true): text += acknowledged == 1 ? " (--verbose lists it)" : " (--verbose lists them)"
            case (true, false): text += " (\(count(notes, "note", "notes")); --verbose lists them)"
            case (false, false): text += " (\(count(notes, "note", "notes")) listed)"
            case (false, true): break
            }
        }
        if let note = elsewhereNote(elsewhere) { text += "; " + note }
        if let note = leftOutNote(leftOut) { text += "; " + note }
        return text
    }

    /// What `lint --staged` says of the errors it listed that were there before the commit, in files it leaves
    /// unchanged, which do not refuse it: "1 error already there before this commit, in a file it does not change
    /// (playbooks/experiments/EXP-0004.yml), does not refuse it: fix it or ask its author"; nil when there are none.
    public static func elsewhereNote(_ elsewhere: (count: Int, files: [String])) -> String? {
        guard elsewhere.count > 0, !elsewhere.files.isEmpty else { return nil }
        let shown = 3
        var files = elsewhere.files.prefix(shown).map(Inert.terminalPath).joined(separator: ", ")
        if elsewhere.files.count > shown { files += " and \(elsewhere.files.count - shown) more" }
        let errors = elsewhere.count == 1 ? "1 error" : "\(elsewhere.count) errors"
        return elsewhere.files.count == 1
            ? "\(errors) already there before this commit, in a file it does not change (\(files)), does not refuse it: fix it or ask its author"
            : "\(errors) already there before this commit, in \(elsewhere.files.count) files it does not change (\(files)), do not refuse it: fix them or ask their authors"
    }

    /// What `lint --staged` did not list: warnings and notes already there before the commit, in files it
    /// leaves unchanged; nil when nothing was left out.
    public static func leftOutNote(_ leftOut: (warnings: Int, notes: Int)) -> String? {
        guard leftOut.warnings + leftOut.notes > 0 else { return nil }
        func count(_ n: Int, _ one: String, _ many: String) -> String { "\(n) \(n == 1 ? one : many)" }
        let counted = [leftOut.warnings > 0 ? count(leftOut.warnings, "warning", "warnings") : nil,
                       leftOut.notes > 0 ? count(leftOut.notes, "note", "notes") : nil].compactMap { $0 }
        return "not listed: \(counted.joined(separator: " and ")) already there before this commit, in files it leaves unchanged "
            + (leftOut.warnings + leftOut.notes == 1 ? "(--verbose lists it)" : "(--verbose lists them)")
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
