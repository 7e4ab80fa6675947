import Foundation
import PlaybookLint
import PlaybookModel

/// Renders a review for a pull-request comment (Markdown) or for scripts (JSON).
public enum ReviewRenderer {
    /// The first line of the comment: a bot finds its earlier comment by it and edits it in place.
    public static let marker = "<!-- playbook-review -->"

    /// Where links in the comment point: `base` + path + `#Lline` when the caller knows where the
    /// repository lives (a PR comment is read away from the files), else a relative path.
    public struct Links: Sendable, Hashable {
        /// An absolute URL prefix ending in `/` (`https://github.com/o/r/blob/SHA/`), or nil for relative links.
        public var base: String?

        public init(base: String? = nil) {
            self.base = base.map { $0.hasSuffix("/") ? $0 : $0 + "/" }
        }

        /// The links for a run: `--link-base` when given, else GitHub Actions' `GITHUB_SERVER_URL`,
        /// `GITHUB_REPOSITORY` and `GITHUB_SHA` (`…/blob/SHA/`), else relative.
        public static func from(option: String?, environment: [String: String]) -> Links {
            if let option, !option.isEmpty { return Links(base: option) }
            guard let server = environment["GITHUB_SERVER_URL"], !server.isEmpty,
                  let repository = environment["GITHUB_REPOSITORY"], !repository.isEmpty,
                  let sha = environment["GITHUB_SHA"], !sha.isEmpty
            else { return Links() }
            let trimmed = server.hasSuffix("/") ? String(server.dropLast()) : server
            return Links(base: "\(trimmed)/\(repository)/blob/\(sha)/")
        }

        /// Whether `base` may start the comment's links: an `http://` or `https://` address with a host.
        /// Any other scheme (`javascript:`, `data:`, `file:`) is refused, though GitHub would drop the link.
        public static func isWebAddress(_ base: String) -> Bool {
            let lowered = base.lowercased()
            guard let scheme = ["http://", "https://"].first(where: { lowered.hasPrefix($0) }) else { return false }
            return base.dropFirst(scheme.count).first.map { $0 != "/" } ?? false
        }

        /// The link to a line of a file.
        func to(_ path: String, line: Int) -> String {
            (base.map(ReviewRenderer.linkBase) ?? "") + ReviewRenderer.link(path) + "#L\(line)"
        }
    }

    /// The most a comment holds, in UTF-8 bytes: GitHub refuses a comment body over 65,536
    /// characters (and posts nothing), so the comment stays well below that.
    public static let commentLimit = 60_000

    /// The comment; one that would pass `limit` is cut (`cut`), the summary and errors first.
    /// `byWords`: why duplicates were compared by words though the model was wanted, said under the summary.
    public static func markdown(_ report: ReviewReport, links: Links = Links(), limit: Int = commentLimit, byWords: String? = nil) -> String {
        let head = header(report, byWords: byWords)
        let full = head + body(report, links: links)
        if full.utf8.count <= limit { return full }
        // The findings the change fixes are the first thing left out, the rest written as it would be.
        if !report.fixed.isEmpty {
            var lighter = report
            lighter.fixed = []
            let fixed = count(report.fixed.count, "finding", "findings")
            let note = "> ℹ️ The \(fixed) this change fixes \(report.fixed.count == 1 ? "is" : "are") left out to keep this comment within "
                + "GitHub's limit; `playbook review --format text` (or `--format json`) with the same `--base` lists them.\n\n"
            let shorter = head + note + body(lighter, links: links)
            if shorter.utf8.count <= limit { return shorter }
        }
        return cut(report, links: links, head: head, limit: limit)
    }

    /// The marker, the title and the summary line.
    static func header(_ report: ReviewReport, byWords: String? = nil) -> String {
        var out = marker + "\n## Playbook review\n\n"
        let verdict = report.errors > 0 ? "❌" : (report.warnings > 0 ? "⚠️" : "✅")
        out += "\(verdict) **\(count(report.errors, "error", "errors")), \(count(report.warnings, "warning", "warnings"))** "
        out += "in \(count(report.touchedFiles.count, "changed file", "changed files")) "
        out += "(`\(short(report.mergeBase?.description ?? report.base.description))`…`\(short(report.head.description))`, "
        out += "\(count(report.commits, "commit", "commits")))\n\n"
        if let note = testMergeNote(report, code: { "`\($0)`" }) { out += note + "\n\n" }
        if let byWords {
            out += "ℹ️ Duplicates were compared by words, not by meaning: \(Inert.markdown(byWords)).\n\n"
        }
        if !report.relaxedRules.isEmpty {
            out += "⚠️ **This change relaxes rules in `.playbook.yml`**, so its findings are not counted as before:\n\n"
            for relaxed in report.relaxedRules {
                out += "- `\(relaxed.rule)`: \(RuleRelaxation.name(relaxed.before)) → **\(RuleRelaxation.name(relaxed.after))**"
                out += relaxed.files.map { " in " + RuleRelaxation.list($0.map(Inert.markdownCodeOutsideTables)) } ?? ""
                out += relaxed.paths.map { " for paths matching " + RuleRelaxation.list($0.map(Inert.markdownCodeOutsideTables)) } ?? ""
                out += "\n"
            }
            out += "\n"
        }
        if !report.changedOptions.isEmpty {
            out += "⚠️ **This change sets rule options in `.playbook.yml`** that decide what its findings are:\n\n"
            for change in report.changedOptions {
                out += "- `\(change.rule)` `\(change.option)`: \(RuleOptionChange.number(change.before)) → **\(RuleOptionChange.number(change.after))**\n"
            }
            out += "\n"
        }
        if !report.changedSettings.isEmpty {
            out += "⚠️ **This change sets overlap-gate or limit settings in `.playbook.yml`** that decide what its findings are:\n\n"
            for change in report.changedSettings {
                out += "- `\(change.setting)`: \(Inert.markdown(change.before)) → **\(Inert.markdown(change.after))**\n"
            }
            out += "\n"
        }
        return out
    }

    /// Names the rules the change turns off or lowers, for a terminal or standard error; nil when none.
    public static func relaxedNote(_ report: ReviewReport) -> String? {
        var parts: [String] = []
        if !report.relaxedRules.isEmpty {
            parts.append("this change relaxes rules in .playbook.yml: " + report.relaxedRules.map { Inert.terminal($0.summary) }.joined(separator: "; "))
        }
        if !report.changedOptions.isEmpty {
            parts.append("this change sets rule options in .playbook.yml: " + report.changedOptions.map(\.summary).joined(separator: "; "))
        }
        if !report.changedSettings.isEmpty {
            parts.append("this change sets settings in .playbook.yml: " + report.changedSettings.map { Inert.terminal($0.summary) }.joined(separator: "; "))
        }
        return parts.isEmpty ? nil : parts.joined(separator: "\nplaybook: ")
    }

    /// One GitHub workflow annotation per rule the change turns off or lowers (a warning on the
    /// settings file: the findings it silences are nowhere else to be seen).
    public static func relaxedAnnotations(_ report: ReviewReport, file: String) -> String {
        report.relaxedRules.map {
            "::warning file=\(GitHubReporter.property(file)),title=\(GitHubReporter.property("playbook: rule relaxed"))::"
                + GitHubReporter.data("this change relaxes a rule in .playbook.yml: " + $0.summary) + "\n"
        }.joined() + report.changedOptions.map {
            "::warning file=\(GitHubReporter.property(file)),title=\(GitHubReporter.property("playbook: rule option changed"))::"
                + GitHubReporter.data("this change sets a rule option in .playbook.yml: " + $0.summary) + "\n"
        }.joined() + report.changedSettings.map {
            "::warning file=\(GitHubReporter.property(file)),title=\(GitHubReporter.property("playbook: setting changed"))::"
                + GitHubReporter.data("this change sets a setting in .playbook.yml: " + $0.summary) + "\n"
        }.joined()
    }

    /// Says that the head asked for was GitHub's test merge and which commit was judged instead.
    public static func testMergeNote(_ report: ReviewReport, code: (String) -> String = { $0 }) -> String? {
        guard let merge = report.testMerge else { return nil }
        return "head \(code(short(merge.description))) is GitHub's test merge of the change into the base; "
            + "reviewing its PR head \(code(short(report.head.description)))."
    }

    /// A review too large for one comment: after the summary, a note saying what is left out and
    /// where to see all of it, then the findings one a line (errors, then warnings, then notes)
    /// and the entities, each as far as `limit` allows; no field changes and no base findings.
    static func cut(_ report: ReviewReport, links: Links, head: String, limit: Int) -> String {
        let reserve = 1_200  // the note and the headings
        var room = max(0, limit - head.utf8.count - reserve)
        func rank(_ severity: Severity) -> Int { severity == .error ? 0 : (severity == .warning ? 1 : 2) }
        let ordered = report.findings.enumerated()
            .sorted { (rank($0.element.severity), $0.offset) < (rank($1.element.severity), $1.offset) }.map(\.element)
        var findings = ""
        var shownFindings = 0
        for finding in ordered {
            let clipped = finding.message.count > 1_000 ? String(finding.message.prefix(1_000)) + "…" : finding.message
            let entity = finding.entity.map { Inert.markdownCodeOutsideTables($0) + " " } ?? ""
            let line = "- \(icon(finding.severity)) **\(finding.severity.rawValue)** `\(finding.rule)` \(entity)"
                + "[\(Inert.markdownCodeOutsideTables(finding.file)) line \(finding.line)](\(links.to(finding.file, line: finding.line))): \(message(clipped))\n"
            guard line.utf8.count <= room else { break }
            room -= line.utf8.count
            findings += line
            shownFindings += 1
        }
        var entities = ""
        var shownEntities = 0
        let byEntity = Dictionary(grouping: report.findings) { $0.entity ?? "" }
        let top = "| entity | kind | change | findings |\n| --- | --- | --- | --- |\n"
        if !report.deltas.isEmpty, top.utf8.count < room {
            room -= top.utf8.count
            for delta in report.deltas {
                let row = "| \(Inert.markdownCode(delta.id)) | \(text(delta.kind)) | \(change(delta)) | \(tally(byEntity[delta.id] ?? [])) |\n"
                guard row.utf8.count <= room else { break }
                room -= row.utf8.count
                entities += row
                shownEntities += 1
            }
        }
        var shown: [String] = []
        if !report.findings.isEmpty {
            shown.append("\(shownFindings) of \(count(report.findings.count, "finding", "findings")) (errors first)")
        }
        if !report.deltas.isEmpty {
            shown.append("\(shownEntities) of \(count(report.deltas.count, "changed entity", "changed entities"))")
        }
        // Only what this comment would have held and leaves out, each said once.
        var left: [String] = []
        if report.deltas.contains(where: { ($0.change == .changed || $0.change == .renamed) && !$0.fields.isEmpty }) {
            left.append("the field changes")
        }
        if !report.fixed.isEmpty { left.append("the \(count(report.fixed.count, "finding", "findings")) it fixes") }
        if !report.existing.isEmpty { left.append("the \(count(report.existing.count, "finding", "findings")) already on the base") }
        let plural = left.count > 1 || (left.first.map { !$0.hasPrefix("the 1 ") } ?? false)
        var out = head
        out += "> ⚠️ **This review is too long for one comment** (GitHub takes at most 65,536 characters), so it is cut"
        out += shown.isEmpty ? "" : ": it shows \(shown.joined(separator: " and "))"
        out += left.isEmpty ? "" : "; " + listed(left) + (plural ? " are" : " is") + " left out"
        out += ". Every finding of the change is in this run's annotations (`--format github`) and SARIF upload; "
        out += "`playbook review --format text` with the same `--base` prints the whole review.\n\n"
        if !findings.isEmpty { out += "### Findings\n\n" + findings + "\n" }
        if !entities.isEmpty { out += "### Entities\n\n" + top + entities }
        return out
    }

    /// Everything after the summary: the entity table, the findings, the base's findings, the field changes.
    static func body(_ report: ReviewReport, links: Links) -> String {
        var out = ""
        let byEntity = Dictionary(grouping: report.findings) { $0.entity ?? "" }
        if report.deltas.isEmpty {
            out += "No playbook entity changed.\n\n"
        } else {
            out += "| entity | kind | change | fields | findings |\n| --- | --- | --- | --- | --- |\n"
            for delta in report.deltas {
                let fields = delta.change == .changed || delta.change == .renamed ? delta.fields.prefix(6).map { Inert.markdownCode($0.path) }.joined(separator: ", ")
                    + (delta.fields.count > 6 ? " …" : "") : "—"
                out += "| \(Inert.markdownCode(delta.id)) | \(text(delta.kind)) | \(change(delta)) | \(fields.isEmpty ? "—" : fields) | \(tally(byEntity[delta.id] ?? [])) |\n"
            }
            // Findings of entities the change did not edit (a reference it broke, a file-level
            // problem): one row, so the table's counts add up to the header's.
            let listed = Set(report.deltas.map(\.id))
            let elsewhere = report.findings.filter { !listed.contains($0.entity ?? "") }
            if !elsewhere.isEmpty {
                out += "| *other entities and files* | | | | \(tally(elsewhere)) |\n"
            }
            out += "\n"
        }

        if !report.findings.isEmpty {
            out += "### Findings\n\n"
            // One heading per entity and file: findings tied to no entity (YAML syntax, encoding, an
            // unreadable file) were all listed under the first such file's heading.
            struct Heading: Hashable, Comparable {
                var entity: String, file: String
                static func < (a: Heading, b: Heading) -> Bool { (a.entity, a.file) < (b.entity, b.file) }
            }
            let byHeading = Dictionary(grouping: report.findings) { Heading(entity: $0.entity ?? "", file: $0.file) }
            for heading in byHeading.keys.sorted() {
                guard let findings = byHeading[heading] else { continue }
                out += heading.entity.isEmpty ? "#### \(Inert.markdownCodeOutsideTables(heading.file))\n\n"
                    : "#### \(Inert.markdownCodeOutsideTables(heading.entity)) — \(Inert.markdownCodeOutsideTables(heading.file))\n\n"
                for finding in findings {
                    out += "- \(icon(finding.severity)) **\(finding.severity.rawValue)** `\(finding.rule)` "
                    out += "[line \(finding.line)](\(links.to(finding.file, line: finding.line))): \(message(finding.message))\n"
                }
                out += "\n"
            }
        }

        if !report.fixed.isEmpty {
            // The base's file and line: no link, the head may no longer have that line (or file).
            out += "### Fixes \(count(report.fixed.count, "finding", "findings")) the base had\n\n"
            for finding in report.fixed {
                out += "- \(icon(finding.severity)) **\(finding.severity.rawValue)** `\(finding.rule)` "
                out += "\(Inert.markdownCodeOutsideTables(finding.file)) line \(finding.line): \(message(finding.message))\n"
            }
            out += "\n"
        }

        if !report.existing.isEmpty {
            out += "<details><summary>Already on the base in the changed files: "
                + "\(count(report.existing.count, "finding", "findings")) (not counted)</summary>\n\n"
            for finding in report.existing {
                out += "- \(icon(finding.severity)) **\(finding.severity.rawValue)** `\(finding.rule)` "
                out += "[\(Inert.markdownCodeOutsideTables(finding.file)) line \(finding.line)](\(links.to(finding.file, line: finding.line))): \(message(finding.message))\n"
            }
            out += "\n</details>\n\n"
        }

        let changed = report.deltas.filter { ($0.change == .changed || $0.change == .renamed) && !$0.fields.isEmpty }
        if !changed.isEmpty {
            out += "<details><summary>Field changes</summary>\n\n| entity | field | before | after |\n| --- | --- | --- | --- |\n"
            for delta in changed {
                for field in delta.fields {
                    out += "| \(Inert.markdownCode(delta.id)) | \(Inert.markdownCode(field.path)) | \(value(field.shown.old)) | \(value(field.shown.new)) |\n"
                }
            }
            out += "\n</details>\n"
        }
        return out
    }

    /// For a terminal: the entities the change adds, changes (field by field) and removes, then
    /// its findings one a line as lint prints them. The summary line is the caller's (stderr).
    public static func text(_ report: ReviewReport, color: Bool) -> String {
        var out = testMergeNote(report).map { $0.prefix(1).uppercased() + $0.dropFirst() + "\n" } ?? ""
        if !report.relaxedRules.isEmpty {
            out += "This change relaxes rules in .playbook.yml:\n"
            out += report.relaxedRules.map { "  \(Inert.terminal($0.summary))\n" }.joined()
        }
        if !report.changedOptions.isEmpty {
            out += "This change sets rule options in .playbook.yml:\n"
            out += report.changedOptions.map { "  \($0.summary)\n" }.joined()
        }
        if !report.changedSettings.isEmpty {
            out += "This change sets settings in .playbook.yml:\n"
            out += report.changedSettings.map { "  \(Inert.terminal($0.summary))\n" }.joined()
        }
        if report.deltas.isEmpty {
            out += "No playbook entity changed.\n"
        }
        for change in [EntityDelta.Change.added, .changed, .renamed, .removed] {
            let deltas = report.deltas.filter { $0.change == change }
            guard !deltas.isEmpty else { continue }
            out += "\(change.rawValue.capitalized) (\(deltas.count)):\n"
            for delta in deltas {
                let id = delta.renamedFrom.map { Inert.terminal($0) + " → " } ?? ""
                out += "  \(id)\(Inert.terminal(delta.id)) (\(Inert.terminal(delta.kind))) \(Inert.terminal(delta.path))\n"
                guard change == .changed || change == .renamed else { continue }
                for field in delta.fields {
                    out += "      \(Inert.terminal(field.path)): \(plain(field.shown.old)) → \(plain(field.shown.new))\n"
                }
            }
        }
        if !report.findings.isEmpty {
            out += "\n" + TextReporter(color: color).render(report.lintReport)
        }
        if !report.fixed.isEmpty {
            out += "\nFixes \(count(report.fixed.count, "finding", "findings")) the base had (at the base's lines):\n"
            out += TextReporter(color: false).render(LintReport(findings: report.fixed, files: 0, entities: 0))
        }
        if !report.existing.isEmpty {
            out += "\nAlready on the base in the changed files (not counted):\n"
            out += TextReporter(color: false).render(LintReport(findings: report.existing, files: 0, entities: 0))
        }
        return out
    }

    /// A field value for terminal text: clipped to one readable line, `—` when absent.
    static func plain(_ raw: String?) -> String {
        guard let raw else { return "—" }
        let clipped = raw.count > 80 ? String(raw.prefix(80)) + "…" : raw
        return clipped.isEmpty ? "\"\"" : Inert.terminal(clipped)
    }

    public static func json(_ report: ReviewReport) -> String {
        var out = "{\n  \"version\": 1,\n"
        out += "  \"base\": \(JSON.string(report.base.description)),\n  \"head\": \(JSON.string(report.head.description)),\n"
        out += "  \"merge_base\": \(report.mergeBase.map { JSON.string($0.description) } ?? "null"),\n"
        out += "  \"test_merge\": \(report.testMerge.map { JSON.string($0.description) } ?? "null"),\n"
        out += "  \"commits\": \(report.commits),\n"
        // Every file the change touches (what `summary.files` counts), and those of them it removes.
        out += "  \"changed_files\": [" + report.touchedFiles.map(JSON.string).joined(separator: ", ") + "],\n"
        out += "  \"removed_files\": [" + report.removedFiles.map(JSON.string).joined(separator: ", ") + "],\n"
        // Rules the change's .playbook.yml turns off or lowers against the base's ("off" for off; files null: everywhere;
        // paths: the override patterns it lowers where no file shows it, else null).
        out += "  \"relaxed_rules\": [" + report.relaxedRules.map {
            "{\"rule\": \(JSON.string($0.rule)), \"before\": \(JSON.string(RuleRelaxation.name($0.before))), "
                + "\"after\": \(JSON.string(RuleRelaxation.name($0.after))), "
                + "\"files\": \($0.files.map { "[" + $0.map(JSON.string).joined(separator: ", ") + "]" } ?? "null"), "
                + "\"paths\": \($0.paths.map { "[" + $0.map(JSON.string).joined(separator: ", ") + "]" } ?? "null")}"
        }.joined(separator: ", ") + "],\n"
        // Rule options whose value in effect (the default where unset) the change alters.
        out += "  \"changed_options\": [" + report.changedOptions.map {
            "{\"rule\": \(JSON.string($0.rule)), \"option\": \(JSON.string($0.option)), "
                + "\"before\": \(RuleOptionChange.number($0.before)), \"after\": \(RuleOptionChange.number($0.after))}"
        }.joined(separator: ", ") + "],\n"
        // `overlaps:` gate and `limits:` settings whose value in effect the change alters (values as text).
        out += "  \"changed_settings\": [" + report.changedSettings.map {
            "{\"setting\": \(JSON.string($0.setting)), \"before\": \(JSON.string($0.before)), \"after\": \(JSON.string($0.after))}"
        }.joined(separator: ", ") + "],\n"
        out += "  \"entities\": ["
        for (index, delta) in report.deltas.enumerated() {
            out += index == 0 ? "\n" : ",\n"
            let fields = delta.fields.map {
                "{\"path\": \(JSON.string($0.path)), \"old\": \($0.old.map(JSON.string) ?? "null"), \"new\": \($0.new.map(JSON.string) ?? "null")}"
            }
            out += "    {\"id\": \(JSON.string(delta.id)), \"kind\": \(JSON.string(delta.kind)), \"change\": \(JSON.string(delta.change.rawValue)), "
            out += "\"path\": \(JSON.string(delta.path)), \"renamed_from\": \(delta.renamedFrom.map(JSON.string) ?? "null"), "
            out += "\"fields\": [\(fields.joined(separator: ", "))]}"
        }
        out += report.deltas.isEmpty ? "],\n" : "\n  ],\n"
        // The base's own findings in the changed files: listed, not counted in the summary.
        out += "  \"existing_findings\": " + findingList(report.existing) + ",\n"
        // The base's findings the change fixes, at the base's file and line: credited, not counted.
        out += "  \"fixed_findings\": " + findingList(report.fixed) + ",\n"
        // The findings and summary follow the lint contract.
        let lint = JSONReporter().render(report.lintReport)
        if let start = lint.range(of: "\"findings\":"), let end = lint.range(of: "\n}", options: .backwards) {
            out += "  " + lint[start.lowerBound..<end.lowerBound] + "\n}\n"
        }
        return out
    }

    /// Findings as JSON's `existing_findings` lists them, one a line.
    static func findingList(_ findings: [Finding]) -> String {
        var out = "["
        for (index, finding) in findings.enumerated() {
            out += index == 0 ? "\n" : ",\n"
            out += "    {\"file\": \(JSON.string(finding.file)), \"line\": \(finding.line), \"column\": \(finding.column), "
            out += "\"rule\": \(JSON.string(finding.rule)), \"severity\": \(JSON.string(finding.severity.rawValue)), "
            out += "\"message\": \(JSON.string(finding.message)), \"entity\": \(finding.entity.map(JSON.string) ?? "null")}"
        }
        return out + (findings.isEmpty ? "]" : "\n  ]")
    }

    /// An entity's change for a table cell: `renamed from `EXP-1`` for a rename.
    static func change(_ delta: EntityDelta) -> String {
        delta.renamedFrom.map { "renamed from \(Inert.markdownCode($0))" } ?? delta.change.rawValue
    }

    /// One notice for GitHub's annotations when the change fixes findings the base had (they are
    /// nowhere in the annotations, which show what is there); empty when it fixes none.
    public static func fixedAnnotation(_ report: ReviewReport) -> String {
        guard !report.fixed.isEmpty else { return "" }
        return "::notice title=\(GitHubReporter.property("playbook: fixed findings"))::"
            + GitHubReporter.data("this change fixes \(count(report.fixed.count, "finding", "findings")) the base had (\(tally(report.fixed)))") + "\n"
    }

    /// "2 errors, 1 warning" for a table cell; `—` for none.
    static func tally(_ found: [Finding]) -> String {
        let errors = found.count(where: { $0.severity == .error })
        let warnings = found.count(where: { $0.severity == .warning })
        let notes = found.count - errors - warnings
        guard !found.isEmpty else { return "—" }
        return [errors > 0 ? count(errors, "error", "errors") : nil, warnings > 0 ? count(warnings, "warning", "warnings") : nil,
                notes > 0 ? count(notes, "note", "notes") : nil].compactMap { $0 }.joined(separator: ", ")
    }

    static func count(_ n: Int, _ one: String, _ many: String) -> String { "\(n) \(n == 1 ? one : many)" }

    /// "a", "a and b", "a, b and c".
    static func listed(_ items: [String]) -> String {
        items.count < 2 ? items.joined() : items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
    }

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

    /// A finding's message for Markdown: its code spans kept, the rest inert (`Inert.markdownMessage`).
    static func message(_ raw: String) -> String {
        Inert.markdownMessage(raw)
    }

    /// An absolute link prefix as given: controls, spaces, quotes, angle brackets and parentheses
    /// percent-encoded so the Markdown link stays one link.
    static func linkBase(_ raw: String) -> String {
        var out = ""
        for byte in raw.utf8 {
            switch byte {
            case 0...0x20, 0x7F...0xFF, UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "<"), UInt8(ascii: ">"),
                 UInt8(ascii: "\""), UInt8(ascii: "`"), UInt8(ascii: "\\"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "|"):
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            default:
                out.unicodeScalars.append(Unicode.Scalar(byte))
            }
        }
        return out
    }

    /// A relative link target (`Inert.uriPath`).
    static func link(_ path: String) -> String {
        Inert.uriPath(path)
    }

    static func value(_ raw: String?) -> String {
        guard let raw else { return "—" }
        let clipped = raw.count > 80 ? String(raw.prefix(80)) + "…" : raw
        return clipped.isEmpty ? "\"\"" : Inert.markdownCode(clipped)
    }
}
