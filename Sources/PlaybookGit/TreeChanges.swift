import Foundation
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

    private static func entry(copying entry: OpaquePointer) -> Entry {
        let type = git_tree_entry_type(entry)
        return Entry(
            name: String(cString: git_tree_entry_name(entry)),
            id: ObjectID(git_tree_entry_id(entry)),
            isTree: type == GIT_OBJECT_TREE,
            isBlob: type == GIT_OBJECT_BLOB)
    }

    /// Walks two trees' entries side by side in git's order (names compared bytewise, a
    /// directory as if its name ended in "/"), copying out only the entries that differ.
    private func compare(
        _ old: ObjectID?, _ new: ObjectID?, prefix: String, include: (String) -> Bool,
        into changes: inout [FileChange]
    ) throws {
        if old == new { return }
        let oldTree = try old.map { id throws(GitError) in try lookupTree(id) }
        let newTree = try new.map { id throws(GitError) in try lookupTree(id) }
        // Collected first, recursed into after, so no borrowed entry outlives this frame's trees.
        var subtrees: [(String, ObjectID?, ObjectID?)] = []
        withExtendedLifetime((oldTree, newTree)) {
            let oldCount = oldTree.map { git_tree_entrycount($0.pointer) } ?? 0
            let newCount = newTree.map { git_tree_entrycount($0.pointer) } ?? 0
            var i = 0, j = 0
            while i < oldCount || j < newCount {
                let a = i < oldCount ? oldTree.flatMap { git_tree_entry_byindex($0.pointer, i) } : nil
                let b = j < newCount ? newTree.flatMap { git_tree_entry_byindex($0.pointer, j) } : nil
                let order: Int32
                switch (a, b) {
                case (let a?, let b?): order = Self.gitOrder(a, b)
                case (.some, nil): order = -1
                case (nil, .some): order = 1
                case (nil, nil): return
                }
                if order == 0, let a, let b {
                    i += 1
                    j += 1
                    if git_oid_equal(git_tree_entry_id(a), git_tree_entry_id(b)) == 1
                        && git_tree_entry_type(a) == git_tree_entry_type(b) { continue }
                    record(Self.entry(copying: a), Self.entry(copying: b), prefix: prefix, include: include,
                           subtrees: &subtrees, changes: &changes)
                } else if order < 0, let a {
                    i += 1
                    record(Self.entry(copying: a), nil, prefix: prefix, include: include, subtrees: &subtrees, changes: &changes)
                } else if let b {
                    j += 1
                    record(nil, Self.entry(copying: b), prefix: prefix, include: include, subtrees: &subtrees, changes: &changes)
                }
            }
        }
        for (path, oldID, newID) in subtrees {
            try compare(oldID, newID, prefix: path + "/", include: include, into: &changes)
        }
    }

    private func record(
        _ before: Entry?, _ after: Entry?, prefix: String, include: (String) -> Bool,
        subtrees: inout [(String, ObjectID?, ObjectID?)], changes: inout [FileChange]
    ) {
        guard let name = after?.name ?? before?.name else { return }
        let path = prefix + name
        let oldTree = before.flatMap { $0.isTree ? $0.id : nil }
        let newTree = after.flatMap { $0.isTree ? $0.id : nil }
        if oldTree != nil || newTree != nil { subtrees.append((path, oldTree, newTree)) }
        let oldBlob = before.flatMap { $0.isBlob ? $0.id : nil }
        let newBlob = after.flatMap { $0.isBlob ? $0.id : nil }
        if (oldBlob != nil || newBlob != nil) && oldBlob != newBlob && include(path) {
            changes.append(FileChange(path: path, oldBlob: oldBlob, newBlob: newBlob))
        }
    }

    /// git's tree order: bytewise by name, a directory compared as if its name ended in "/".
    private static func gitOrder(_ a: OpaquePointer, _ b: OpaquePointer) -> Int32 {
        guard let nameA = git_tree_entry_name(a), let nameB = git_tree_entry_name(b) else { return 0 }
        let lengthA = strlen(nameA), lengthB = strlen(nameB)
        let common = min(lengthA, lengthB)
        let prefixOrder = memcmp(nameA, nameB, common)
        if prefixOrder != 0 { return prefixOrder }
        let nextA: UInt8 = lengthA > common ? UInt8(bitPattern: nameA[common])
            : (git_tree_entry_type(a) == GIT_OBJECT_TREE ? UInt8(ascii: "/") : 0)
        let nextB: UInt8 = lengthB > common ? UInt8(bitPattern: nameB[common])
            : (git_tree_entry_type(b) == GIT_OBJECT_TREE ? UInt8(ascii: "/") : 0)
        // Same name, one a file and one a directory: different entries, not a match.
        if nextA == nextB && lengthA == lengthB { return 0 }
        return Int32(nextA) - Int32(nextB)
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
