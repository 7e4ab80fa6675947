internal import CLibGit2

/// One file that differs between two trees: absent on one side when added or deleted.
public struct FileChange: Sendable, Hashable {
    /// Repository-relative, '/' separated.
    public var path: String
    public var oldBlob: ObjectID?
    public var newBlob: ObjectID?

    public init(path: String, oldBlob: ObjectID?, newBlob: ObjectID?) {
        self.path = path
        self.oldBlob = oldBlob
        self.newBlob = newBlob
    }
}

extension Repository {
    /// The files under `roots` that differ between two trees, sorted by path, keeping only
    /// paths `include` accepts. A nil `old` tree means "empty" (a root commit).
    ///
    /// Compares the trees by hand and skips every subtree whose id did not change:
    /// `git_diff_tree_to_tree` expands every subtree, which costs O(all files) per commit.
    /// A root of "." or "" means the whole tree.
    public func changedFiles(
        from old: ObjectID?, to new: ObjectID?, under roots: [String], include: (String) -> Bool
    ) throws -> [FileChange] {
        var changes: [FileChange] = []
        for root in roots {
            let prefix = root.trimmingSlashes
            let oldRoot = try old.flatMap { try subtree(of: $0, at: prefix) }
            let newRoot = try new.flatMap { try subtree(of: $0, at: prefix) }
            if oldRoot == newRoot { continue }
            try compare(oldRoot, newRoot, prefix: prefix.isEmpty ? "" : prefix + "/", include: include, into: &changes)
        }
        changes.sort { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        // Overlapping roots (playbooks and playbooks/okrs) would list a file twice.
        var seen = Set<String>()
        return changes.filter { seen.insert($0.path).inserted }
    }

    /// The id of the blob at `path` in `tree`, or nil when there is no file there.
    public func blobID(inTree tree: ObjectID, path: String) throws -> ObjectID? {
        guard let entry = try entry(inTree: tree, path: path), entry.isBlob else { return nil }
        return entry.id
    }

    private struct Entry: Equatable {
        var name: String
        var id: ObjectID
        var isTree: Bool
        var isBlob: Bool
    }

    private func subtree(of tree: ObjectID, at path: String) throws -> ObjectID? {
        if path.isEmpty { return tree }
        guard let entry = try entry(inTree: tree, path: path), entry.isTree else { return nil }
        return entry.id
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

    private func entries(of tree: ObjectID?) throws -> [Entry] {
        guard let tree else { return [] }
        let owner = try lookupTree(tree)
        return owner.withPointer { tree in
            let count = git_tree_entrycount(tree)
            var result: [Entry] = []
            result.reserveCapacity(count)
            for index in 0..<count {
                guard let entry = git_tree_entry_byindex(tree, index) else { continue }
                result.append(Self.entry(copying: entry))
            }
            return result
        }
    }

    private static func entry(copying entry: OpaquePointer) -> Entry {
        let type = git_tree_entry_type(entry)
        return Entry(
            name: String(cString: git_tree_entry_name(entry)),
            id: ObjectID(git_tree_entry_id(entry)),
            isTree: type == GIT_OBJECT_TREE,
            isBlob: type == GIT_OBJECT_BLOB)
    }

    private func compare(
        _ old: ObjectID?, _ new: ObjectID?, prefix: String, include: (String) -> Bool,
        into changes: inout [FileChange]
    ) throws {
        if old == new { return }
        let oldEntries = try entries(of: old)
        let newEntries = try entries(of: new)
        var byName: [String: Entry] = [:]
        byName.reserveCapacity(oldEntries.count)
        for entry in oldEntries { byName[entry.name] = entry }
        for entry in newEntries {
            let before = byName.removeValue(forKey: entry.name)
            if before == entry { continue }
            let path = prefix + entry.name
            let oldTree = before.flatMap { $0.isTree ? $0.id : nil }
            let oldBlob = before.flatMap { $0.isBlob ? $0.id : nil }
            if entry.isTree || oldTree != nil {
                try compare(oldTree, entry.isTree ? entry.id : nil, prefix: path + "/", include: include, into: &changes)
            }
            let newBlob = entry.isBlob ? entry.id : nil
            if (oldBlob != nil || newBlob != nil) && oldBlob != newBlob && include(path) {
                changes.append(FileChange(path: path, oldBlob: oldBlob, newBlob: newBlob))
            }
        }
        for entry in byName.values {
            let path = prefix + entry.name
            if entry.isTree {
                try compare(entry.id, nil, prefix: path + "/", include: include, into: &changes)
            } else if entry.isBlob, include(path) {
                changes.append(FileChange(path: path, oldBlob: entry.id, newBlob: nil))
            }
        }
    }
}

extension String {
    fileprivate var trimmingSlashes: String {
        var text = Substring(self)
        while text.hasPrefix("./") { text = text.dropFirst(2) }
        while text.hasPrefix("/") { text = text.dropFirst() }
        while text.hasSuffix("/") { text = text.dropLast() }
        return text == "." ? "" : String(text)
    }
}
