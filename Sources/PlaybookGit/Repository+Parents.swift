internal import CLibGit2

extension Repository {
    /// Commits the index with explicit parents, e.g. a merge or a commit on a side line.
    ///
    /// When `updateHead` is true, HEAD (its branch, or a detached HEAD) moves to the new commit,
    /// which libgit2 allows only when the first parent is HEAD's commit; otherwise no reference moves.
    public func commit(
        message: String, author: Signature, committer: Signature? = nil,
        parents parentIDs: [ObjectID], updateHead: Bool
    ) throws -> ObjectID {
        let operation = "committing"
        guard !isBare else {
            throw GitError(
                code: .bareRepository, message: "a bare repository has no index to commit", operation: operation)
        }
        let index = try owned("opening the index", borrowing: self, release: git_index_free) {
            git_repository_index(&$0, pointer)
        }
        try check(git_index_read(index.pointer, 1), "reading the index")
        guard git_index_has_conflicts(index.pointer) == 0 else {
            throw GitError(
                code: .conflict, message: "the index has unresolved conflicts; resolve and stage them first",
                operation: operation)
        }
        var treeOID = git_oid()
        try check(git_index_write_tree(&treeOID, index.pointer), "writing the index as a tree")
        let tree = try owned(operation, borrowing: self, release: git_tree_free) {
            git_tree_lookup(&$0, pointer, &treeOID)
        }
        var parents: [Owned<OpaquePointer>] = []
        for id in parentIDs {
            var oid = id.oid
            parents.append(try owned("reading parent \(id)", borrowing: self, release: git_commit_free) {
                git_commit_lookup(&$0, pointer, &oid)
            })
        }
        let authorSignature = try Self.signature(author)
        let committerSignature = try Self.signature(committer ?? author)
        let cleanMessage = try Self.prettify(message)
        var commitOID = git_oid()
        var parentPointers: [OpaquePointer?] = parents.map { $0.pointer }
        // The owners must outlive the call that borrows their pointers.
        let code = withExtendedLifetime((parents, tree, authorSignature, committerSignature)) {
            parentPointers.withUnsafeMutableBufferPointer { parentBuffer in
                git_commit_create(
                    &commitOID, pointer, updateHead ? "HEAD" : nil, authorSignature.pointer,
                    committerSignature.pointer, nil, cleanMessage, tree.pointer, parentBuffer.count,
                    parentBuffer.baseAddress)
            }
        }
        try check(code, operation)
        return ObjectID(commitOID)
    }

    /// Points HEAD straight at `commit` (a detached HEAD), without touching index or working tree.
    public func detachHEAD(at commit: ObjectID) throws {
        try detachHead(at: commit)
    }
}
