internal import CLibGit2

extension Repository {
    /// Commits the index on HEAD, like `git commit`: the new commit's parent is HEAD's commit
    /// (none when HEAD is unborn) and HEAD's branch, or a detached HEAD, moves to it.
    /// The message is cleaned up as git does (trailing whitespace, final newline).
    /// - Parameter committer: defaults to the author.
    public func commit(message: String, author: Signature, committer: Signature? = nil) throws -> ObjectID {
        let parents = try headCommit().map { [$0] } ?? []
        return try commit(message: message, author: author, committer: committer, parents: parents, updateHead: true)
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
