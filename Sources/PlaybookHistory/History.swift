import PlaybookGit

/// How an entity changed in one commit.
public enum ChangeType: String, Sendable, Hashable {
    /// It appears (for the first time, or again after a removal).
    case added
    case changed
    case removed
}

/// One entity's change in one commit, found by following the entity's id across files.
public struct EntityChange: Sendable, Hashable {
    public var entity: String
    public var kind: String
    public var type: ChangeType
    /// The file holding the entity after the commit (before it, for a removal).
    public var path: String
    /// The file that held it before, when the commit moved it.
    public var previousPath: String?
    /// For `added`: every field; for `removed`: every field, gone; otherwise what differs.
    public var fields: [FieldChange]
    /// Set on a merge read with all parents, for a change the merge took from another parent:
    /// it moves the main line's values, but the side branch's own commits are its events.
    public var inherited: Bool
    /// Who made the change when it is not the commit's author: on a merge, the author of the
    /// commit on the merged side that made the file's version (as recorded, then after `.mailmap`).
    public var author: Person?
    /// For `added`: the id the entity had before this commit, when the commit renamed it (`RenamePairing`:
    /// the same commit removes that id, whose removal carries `renamedTo`).
    public var renamedFrom: String?
    /// For `removed`: the id the entity goes by after this commit, when the commit renamed it.
    public var renamedTo: String?

    public init(entity: String, kind: String, type: ChangeType, path: String, previousPath: String?, fields: [FieldChange],
                inherited: Bool = false, author: Person? = nil, renamedFrom: String? = nil, renamedTo: String? = nil) {
        self.entity = entity
        self.kind = kind
        self.type = type
        self.path = path
        self.previousPath = previousPath
        self.fields = fields
        self.inherited = inherited
        self.author = author
        self.renamedFrom = renamedFrom
        self.renamedTo = renamedTo
    }
}

/// Something the walk could not read, said instead of crashing.
public struct HistoryNote: Sendable, Hashable {
    /// How a note on a file version the history could not read starts.
    public static let skippedPrefix = "skipped: the file does not parse"
    /// How a note on a file version that writes a key twice starts (read, with the key's first value).
    public static let duplicateKeyPrefix = "a key is written twice"
    /// How a note on a commit libgit2 cannot parse starts.
    public static let skippedCommitPrefix = "skipped commit "

    public var commit: ObjectID
    public var path: String
    public var message: String

    public init(commit: ObjectID, path: String, message: String) {
        self.commit = commit
        self.path = path
        self.message = message
    }

    /// Whether the note is about a file version (or a commit) the history could not read and skipped.
    public var isSkippedVersion: Bool {
        message.hasPrefix(Self.skippedPrefix) || message.hasPrefix(Self.skippedCommitPrefix)
    }

    /// Whether the note says that a file holds a copy of this entity (a file the entity's own
    /// history may never have passed through).
    public func isDuplicate(of id: String) -> Bool {
        message.hasPrefix(id + " is defined in more than one file")
    }
}

/// One walked commit that changed at least one entity or left a note.
public struct CommitRecord: Sendable, Hashable {
    public var id: ObjectID
    /// When it landed, seconds since 1970 UTC: its committer time, or its first parent's time when
    /// it is dated before that (a clock, a rewrite), so its change does not move back past the commits
    /// before it; unless the parent is the one out of line (dated after the commit before it too, a clock
    /// ahead), when both keep their own dates. A parent with no commit before it (the first commit, or the
    /// edge of a shallow clone) is judged by the commits after: it is out of line when dated after the time of
    /// reading, or when a commit after this one is no earlier than it and dated before the parent too.
    public var time: Int64
    /// As recorded in the commit; `History` resolves it through `.mailmap`. A change may name
    /// another (`EntityChange.author`: a merge's changes are credited to the side commits that made them).
    public var author: Person
    public var summary: String
    public var changes: [EntityChange]
    public var notes: [HistoryNote]
    /// On HEAD's first-parent line. Values at a date are read from this line's commits only;
    /// a side branch's commit (read with all parents) is an event, never a value.
    public var mainLine: Bool

    public init(id: ObjectID, time: Int64, author: Person, summary: String, changes: [EntityChange], notes: [HistoryNote],
                mainLine: Bool = true) {
        self.id = id
        self.time = time
        self.author = author
        self.summary = summary
        self.changes = changes
        self.notes = notes
        self.mainLine = mainLine
    }
}

/// Which commits a walk visits.
public enum WalkMode: String, Sendable, Hashable {
    /// The current branch's main line: each commit against its first parent (merges included).
    case firstParent = "first-parent"
    /// Every reachable commit as an event; values still come from the first-parent line, and a
    /// merge is credited only with what none of its parents had.
    case allParents = "all-parents"
}

/// Where HEAD stood when the history was read.
public enum HeadState: Sendable, Hashable {
    case branch(String)
    case detached(ObjectID)
    /// The branch has no commit yet (an empty repository, or a fresh orphan branch).
    case unborn(String)
}

/// The playbook's history as read from git, oldest commit first.
public struct History: Sendable {
    public var head: HeadState
    public var tip: ObjectID?
    public var mode: WalkMode
    public var roots: [String]
    /// Commits visited, whether or not they changed the playbook.
    public var commitCount: Int
    /// Commits that changed an entity or left a note, in walk order (parents first).
    public var records: [CommitRecord]
    /// Set for a shallow clone: the commits whose parents are missing, so history before them is unknown.
    public var shallowBoundary: [ObjectID]
    /// How many commits were read from git rather than from the cache.
    public var commitsRead: Int

    public init(head: HeadState, tip: ObjectID?, mode: WalkMode, roots: [String], commitCount: Int,
                records: [CommitRecord], shallowBoundary: [ObjectID], commitsRead: Int) {
        self.head = head
        self.tip = tip
        self.mode = mode
        self.roots = roots
        self.commitCount = commitCount
        self.records = records
        self.shallowBoundary = shallowBoundary
        self.commitsRead = commitsRead
    }

    public var isShallow: Bool { !shallowBoundary.isEmpty }

    /// Set when a cache was there but could not be used (damaged, another version, a symbolic link).
    public var cacheNote: String?

    /// Set when the reader left the cache write to a second thread.
    var background: BackgroundWork?

    /// Waits for work the reader left running (the cache write); returns at once when there is none.
    public func finishBackgroundWork() {
        background?.wait()
    }

    /// Every record's notes, in walk order. The records are read in place and most hold none
    /// (`flatMap` copied each of 50,000 records out, every report of the site again).
    public var notes: [HistoryNote] {
        records.withUnsafeBufferPointer { records in
            var notes: [HistoryNote] = []
            for index in records.indices where !records[index].notes.isEmpty { notes += records[index].notes }
            return notes
        }
    }

    /// What a report should say about HEAD and the completeness of the history; empty when all is plain.
    public var caveats: [String] {
        var lines: [String] = []
        switch head {
        case .unborn(let branch):
            lines.append("The branch \(branch) has no commits yet, so there is no history to report.")
        case .detached(let commit):
            lines.append("HEAD is detached at \(commit.description.prefix(12)); this is the history of that commit.")
        case .branch: break
        }
        if let cacheNote { lines.append(cacheNote) }
        if isShallow { lines.append(Self.shallowCaveat(boundary: shallowBoundary)) }
        return lines
    }

    /// What a report (and `playbook site`, on standard error and its pages) says of a shallow clone whose
    /// history stops at `boundary` (the commits whose parents are missing, as `shallowBoundary` holds them).
    public static func shallowCaveat(boundary: [ObjectID]) -> String {
        let cut = boundary.sorted { $0.description < $1.description }.map { String($0.description.prefix(12)) }.joined(separator: ", ")
        return "This is a shallow clone: history before \(cut) is missing, so earlier values, "
            + "creations and check-ins are not counted. Fetch it with `git fetch --unshallow` "
            + "(in GitHub Actions: `fetch-depth: 0` on actions/checkout)."
    }
}
