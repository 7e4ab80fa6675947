import Foundation
import PlaybookGit
import PlaybookHistory
import PlaybookModel

/// Where a report's numbers came from, and what it cannot see.
public struct SourceSummary: Sendable {
    public var head: String
    public var commit: ObjectID?
    public var mode: String
    public var commits: Int
    public var shallow: Bool
    public var caveats: [String]
    public var notes: [HistoryNote]

    public init(_ history: History) {
        switch history.head {
        case .branch(let name): head = name
        case .unborn(let name): head = name
        case .detached(let commit): head = "detached at \(commit.description.prefix(12))"
        }
        commit = history.tip
        mode = history.mode.rawValue
        commits = history.commitCount
        shallow = history.isShallow
        caveats = history.caveats
        notes = Self.fewDuplicateKeyNotes(history.notes)
    }

    /// How many notes on versions that write a key twice a report shows; the rest are counted.
    public static let duplicateKeyNotes = 3

    /// `notes` with the first few on versions that write a key twice, and one note counting the
    /// others (on the commit of the first left out, naming no file): a file that has always had
    /// one would otherwise fill the report with a note per commit.
    static func fewDuplicateKeyNotes(_ notes: [HistoryNote]) -> [HistoryNote] {
        let duplicates = notes.filter { $0.message.hasPrefix(HistoryNote.duplicateKeyPrefix) }
        guard duplicates.count > duplicateKeyNotes else { return notes }
        let rest = duplicates.count - duplicateKeyNotes
        var shown = 0
        var out: [HistoryNote] = []
        for note in notes {
            guard note.message.hasPrefix(HistoryNote.duplicateKeyPrefix) else { out.append(note); continue }
            shown += 1
            if shown <= duplicateKeyNotes { out.append(note) }
            if shown == duplicateKeyNotes + 1 {
                out.append(HistoryNote(commit: note.commit, path: "",
                                       message: "\(rest) more file \(rest == 1 ? "version writes" : "versions write") a key twice; each is read with the key's first value"))
            }
        }
        return out
    }

    /// How many commits were read, as every header and footer says it: `1 commit`, `21 commits`.
    public var commitsRead: String { commits == 1 ? "1 commit" : "\(commits) commits" }

    /// Of the commits read, how many changed the playbook in the days the report counts (its
    /// period up to today); nil when it counts no period (`site`, a quarter not started yet).
    public var periodCommits: Int?
    /// The first and last day `periodCommits` counts.
    public var periodDays: (start: Day, last: Day)?

    /// Counts the commits of `history` that changed an entity from `start` to `last` (both included).
    mutating func count(_ history: History, from start: Day, to last: Day) {
        guard last >= start else { return }
        let from = UTC.seconds(start), to = UTC.seconds(last) + 86_400
        periodCommits = history.records.reduce(0) { $0 + ($1.time >= from && $1.time < to && !$1.changes.isEmpty ? 1 : 0) }
        periodDays = (start, last)
    }

    /// The reports' header on the history: every commit read (the whole line, whatever the period)
    /// and those of the period counted, so the two are never taken for each other:
    /// `history: 37 commits read (first-parent), 31 changing the playbook from 2026-10-01 to 2026-11-15`.
    public var historyText: String {
        var text = "history: \(commitsRead) read (\(mode))"
        if let periodCommits, let periodDays {
            text += ", \(periodCommits) changing the playbook from \(periodDays.start) to \(periodDays.last)"
        }
        return text
    }
}
