internal import CLibGit2

extension Repository {
    /// The commit a revision names: a branch, tag, full or abbreviated id, `HEAD`, `HEAD~2`, `main^2`…
    /// Tags are peeled to the commit they point at.
    public func resolve(_ rev: String) throws -> ObjectID {
        let operation = "resolving revision '\(rev)'"
        let object = try owned(operation, borrowing: self, release: git_object_free) {
            git_revparse_single(&$0, pointer, rev)
        }
        let commit = try owned(operation, borrowing: self, release: git_object_free) {
            git_object_peel(&$0, object.pointer, GIT_OBJECT_COMMIT)
        }
        return commit.withPointer { ObjectID(git_object_id($0)) }
    }

    /// The commit HEAD points at, or nil when HEAD is unborn (no commit yet).
    public func headCommit() throws -> ObjectID? {
        let unborn = try check(git_repository_head_unborn(pointer), "reading HEAD")
        guard unborn == 0 else { return nil }
        var oid = git_oid()
        try check(git_reference_name_to_id(&oid, pointer, "HEAD"), "reading HEAD")
        return ObjectID(oid)
    }

    /// Points HEAD straight at `commit` (a detached HEAD), without touching index or working tree.
    func detachHead(at commit: ObjectID) throws {
        var oid = commit.oid
        try check(git_repository_set_head_detached(pointer, &oid), "detaching HEAD at \(commit)")
    }
}
