import PlaybookGit
import PlaybookHistory
import PlaybookModel

/// What a report could not read, said beside it: values lint finds invalid are left out of the
/// report, and each such value gets a note naming the commit and file it was read from.
struct ReportNotes {
    private(set) var notes: [HistoryNote] = []
    private var seen = Set<HistoryNote>()

    mutating func add(commit: ObjectID, path: String, _ message: String) {
        let note = HistoryNote(commit: commit, path: path, message: message)
        if seen.insert(note).inserted { notes.append(note) }
    }

    mutating func add(_ version: TypedVersion, _ message: String) {
        add(commit: version.commit, path: version.path, message)
    }

    /// One note per value of `version` that lint's decoder could not read.
    mutating func unreadable(_ version: TypedVersion, of id: String) {
        for diagnostic in version.unreadableValues {
            add(version, "\(id): \(diagnostic.message); lint reports it, and the report leaves the value out")
        }
    }
}
