/// The staging area as it was when read: what `git commit` would record.
public struct StagedSnapshot: Sendable, Hashable {
    /// Stage-0 entries, sorted by path (byte order, as git sorts them).
    public var entries: [IndexEntry]
    /// Paths with unresolved merge conflicts (entries at stages 1–3), sorted, each once.
    public var conflicts: [String]

    public init(entries: [IndexEntry], conflicts: [String]) {
        self.entries = entries
        self.conflicts = conflicts
    }
}

/// One file recorded in the index.
public struct IndexEntry: Sendable, Hashable {
    /// Relative to the working directory, with '/' separators. Bytes that are not UTF-8 are
    /// shown as U+FFFD; read such a file by `id`, not by path.
    public var path: String
    /// The staged blob (or, for a submodule, the commit it points at).
    public var id: ObjectID
    /// The git file mode: 0o100644, 0o100755, `IndexEntry.symlinkMode`, `IndexEntry.gitlinkMode`.
    public var mode: UInt32
    /// The file size git recorded when the file was staged (the working-tree size, truncated
    /// to 32 bits; 0 when git has no stat data for it). Not the blob's size: read the blob for that.
    public var size: Int
    /// The path is valid UTF-8 (else `path` shows its bad bytes as U+FFFD).
    public var nameIsUTF8 = true
    /// Staged with `git add -N`: only a place for the file, which the next commit does not record.
    public var isIntentToAdd = false

    /// A symbolic link: the blob holds the link's target, not file content.
    public static let symlinkMode: UInt32 = 0o120000
    /// A submodule: the id is a commit in another repository, there is no blob.
    public static let gitlinkMode: UInt32 = 0o160000

    public init(path: String, id: ObjectID, mode: UInt32, size: Int) {
        self.path = path
        self.id = id
        self.mode = mode
        self.size = size
    }

    /// True for an ordinary file (executable or not): neither a symlink nor a submodule.
    public var isRegularFile: Bool { mode & 0o170000 == 0o100000 }
}
