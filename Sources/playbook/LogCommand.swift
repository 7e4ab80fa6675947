import ArgumentParser
import Foundation
import PlaybookHistory
import PlaybookModel
import PlaybookReports

struct Log: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show one entity's timeline, commit by commit, field by field.",
        discussion: """
        Follows the entity by its id through the history of the playbook roots, so a file that \
        was moved or renamed keeps its history. Shows entity-level changes (the fields of that \
        entity), not every commit that touched its file. A key result is named OKR-…/KR-n.

        Examples:
          playbook log EXP-0042
          playbook log OKR-2026Q3-ACQL-1/KR-1 --format json
        """
    )

    @Argument(help: "The entity id (EXP-…, HYP-…, OKR-…, OKR-…/KR-n, a squad or metric id).", completion: .custom(EntityCompletion.all))
    var id: String

    /// The formats `log` renders; its own list, so `--help` offers only these.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, markdown, json
    }

    @Option(help: "Output format: text, markdown or json (default: text in a terminal, else markdown).")
    var format: Format?

    @OptionGroup var history: HistoryOptions

    func run() throws {
        // An empty id (`log ''`, `log OKR-…/`) names no entity: a bad argument, not a missing one.
        let parts = id.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        if id.trimmingCharacters(in: .whitespaces).isEmpty || parts.first?.isEmpty == true {
            throw UsageError(description: "the entity id is empty: name one, e.g. `playbook log EXP-0042` or `playbook log OKR-2026Q3-ACQL-1/KR-1`")
        }
        // `log OKR-…/`: the objective is named, its key result is not (review: it said "the entity id is empty").
        if parts.count == 2, parts[1].trimmingCharacters(in: .whitespaces).isEmpty {
            throw UsageError(description: "the key result after `/` is empty: name one, e.g. `playbook log \(parts[0])/KR-1`, or the objective alone, `playbook log \(parts[0])`")
        }
        let history = try history.readHistory()
        defer { history.finishBackgroundWork() }  // on the error paths: let the cache write finish
        if case .unborn = history.head {
            throw UsageError(description: history.caveats.joined(separator: " "))
        }
        let timelines = Timelines(history)
        guard let log = EntityLog(id: id, timelines: timelines, history: history) else {
            let hint = Suggestion.phrase(Suggestion.closestID(to: id, in: timelines.byID.keys.sorted()))
            throw UsageError(description: "no commit on this line of history holds \(id)\(hint)"
                + (history.isShallow ? " (this is a shallow clone: `git fetch --unshallow` fetches the rest)" : "")
                + Self.skipped(history.notes))
        }
        // Markdown's escapes (`\\[\\]`) are for a Markdown viewer, not a terminal; piped, the output stays Markdown.
        switch format ?? (isatty(STDOUT_FILENO) == 1 ? .text : .markdown) {
        case .text: Terminal.write(LogRenderer.text(log))
        case .markdown: Terminal.write(LogRenderer.markdown(log))
        case .json: Terminal.write(LogRenderer.json(log))
        }
        exitSkippingTeardown(after: history, keeping: (timelines, log))
    }

    /// The files the history skipped (they do not parse: not UTF-8, broken YAML), each with its
    /// last such note: the id may be in one of them. Empty when none was skipped.
    static func skipped(_ notes: [HistoryNote]) -> String {
        var last: [String: HistoryNote] = [:]
        for note in notes where note.message.hasPrefix(HistoryNote.skippedPrefix) { last[note.path] = note }
        guard !last.isEmpty else { return "" }
        return "; \(last.count == 1 ? "a file version" : "file versions") it could not read may hold it:\n"
            + last.keys.sorted().compactMap { path in
                last[path].map { "  \(path) at \($0.commit.description.prefix(12)): \($0.message)" }
            }.joined(separator: "\n")
    }
}
