import Foundation
internal import CLibGit2

/// One file that differs between two trees: absent on one side when added or deleted.
public struct FileChange: Sendable, Hashable {
    /// Repository-relative, '/' separated.
    public var path: String
    public var oldBlob: ObjectID?
    public var newBlob: ObjectID?
    /// The new side is a symbolic link (mode 120000): its blob holds the link's target, not a file's bytes.
    public var newIsLink: Bool
    /// The old side is a symbolic link.
    public var oldIsLink: Bool
    /// The file's own name is valid UTF-8 (else `path` shows its bad bytes as U+FFFD).
    public var nameIsUTF8 = true

    public init(path: String, oldBlob: ObjectID?, newBlob: ObjectID?, newIsLink: Bool = false, oldIsLink: Bool = false) {
        self.path = path
        self.oldBlob = oldBlob
        self.newBlob = newBlob
        self.newIsLink = newIsLink
        self.oldIsLink = oldIsLink
    }

    /// The change with each side that is a symbolic link read as no file (its blob is the link's target,
    /// which could be any text: never read as the file); nil when neither side is a file.
    public var filesOnly: FileChange? {
        guard oldIsLink || newIsLink else { return self }
        let (old, new) = (oldIsLink ? nil : oldBlob, newIsLink ? nil : newBlob)
        guard old != nil || new != nil else { return nil }
        return FileChange(path: path, oldBlob: old, newBlob: new)
    }
}

extension Repository {
    /// The files under `roots` that differ between two trees, sorted by path, keeping only
    /// paths `include` accepts. A nil `old` tree means "empty" (a root commit).
    ///
    /// Compares the trees by hand and skips every subtree whose id did not change:
    /// `git_diff_tree_to_tree` expands every subtree, which costs O(all files) per commit.
    /// A root of "." or "" means the whole tree. For a walk, keep one `TreeReader` instead:
    /// it reuses each commit's trees as the next one's parent trees.
    public func changedFiles(
        from old: ObjectID?, to new: ObjectID?, under roots: [String], include: (String) -> Bool
    ) throws -> [FileChange] {
        try TreeReader(repository: self).changedFiles(from: old, to: new, under: roots, include: include)
    }

    /// The id of the blob at `path` in `tree`, or nil when there is no file there.
    public func blobID(inTree tree: ObjectID, path: String) throws -> ObjectID? {
        guard let entry = try entry(inTree: tree, path: path), entry.isBlob else { return nil }
        return entry.id
    }

    /// The blob at `path` in `tree` and whether it is a symbolic link (its blob then holds the target), or nil
    /// when there is no file there.
    public func blobEntry(inTree tree: ObjectID, path: String) throws -> (id: ObjectID, isLink: Bool)? {
        guard let entry = try entry(inTree: tree, path: path), entry.isBlob else { return nil }
        return (entry.id, entry.isLink)
    }

    private struct Entry: Equatable {
        var name: String
        var id: ObjectID
        var isTree: Bool
        var isBlob: Bool
        var isLink = false
    }

    private func entry(inTree tree: ObjectID, path: String) throws -> Entry? {
        let treeObject = try lookupTree(tree)
        var entryPointer: OpaquePointer?
        let code = git_tree_entry_bypath(&entryPointer, treeObject.pointer, path)
        if code == GIT_ENOTFOUND.rawValue { return nil }
        try check(code, "reading \(path) in tree \(tree)")
        guard let entryPointer else { return nil }
        let entry = Owned<OpaquePointer>(entryPointer, borrowing: treeObject) { git_tree_entry_free($0) }
        return entry.withPointer { Self.entry(copying: $0) }
    }

    private func lookupTree(_ id: ObjectID) throws(GitError) -> Owned<OpaquePointer> {
        var oid = id.oid
        return try owned("reading tree \(id)", borrowing: self, release: git_tree_free) {
            git_tree_lookup(&$0, pointer, &oid)
        }
    }

    private static func entry(copying entry: OpaquePointer) -> Entry {
        let type = git_tree_entry_type(entry)
        return Entry(
            name: String(cString: git_tree_entry_name(entry)),
            id: ObjectID(git_tree_entry_id(entry)),
            isTree: type == GIT_OBJECT_TREE,
            isBlob: type == GIT_OBJECT_BLOB,
            isLink: git_tree_entry_filemode(entry) == GIT_FILEMODE_LINK)
    }
}
