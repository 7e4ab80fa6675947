internal import CLibGit2

extension Repository {
    /// Commits the index on HEAD, like `git commit`: the new commit's parent is HEAD's commit
    /// (none when HEAD is unborn) and HEAD's branch, or a detached HEAD, moves to it.
    /// The message is cleaned up as git does (trailing whitespace, final newline).
    /// - Parameter committer: defaults to the author.
    public func commit(message: String, author: Signature, committer: Signature? = nil) throws -> ObjectID {
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
        if var parentOID = try headCommit()?.oid {
            parents.append(try owned("reading HEAD's commit", borrowing: self, release: git_commit_free) {
                git_commit_lookup(&$0, pointer, &parentOID)
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
                    &commitOID, pointer, "HEAD", authorSignature.pointer, committerSignature.pointer,
                    nil, cleanMessage, tree.pointer, parentBuffer.count, parentBuffer.baseAddress)
            }
        }
        try check(code, operation)
        return ObjectID(commitOID)
    }

    static func signature(_ value: Signature) throws(GitError) -> Owned<UnsafeMutablePointer<git_signature>> {
        var signature: UnsafeMutablePointer<git_signature>?
        try check(
            git_signature_new(&signature, value.name, value.email, value.time, Int32(clamping: value.offsetMinutes)),
            "making the signature of \(value.name) <\(value.email)>")
        guard let signature else {
            throw GitError(code: .generic, message: "libgit2 returned no signature", operation: "committing")
        }
        return Owned(signature, release: git_signature_free)
    }

    static func prettify(_ message: String) throws(GitError) -> String {
        var buffer = git_buf()
        defer { git_buf_dispose(&buffer) }
        try check(git_message_prettify(&buffer, message, 0, CChar(UInt8(ascii: "#"))), "cleaning up the commit message")
        guard let text = buffer.ptr else { return "" }
        return String(cString: text)
    }
}
