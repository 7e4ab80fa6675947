internal import CLibGit2

extension Repository {
    /// The best common ancestor of two commits, as `git merge-base` finds it (what `base...head`
    /// compares against); nil when they share no history.
    public func mergeBase(_ one: ObjectID, _ other: ObjectID) throws -> ObjectID? {
        var result = git_oid()
        var a = one.oid
        var b = other.oid
        let code = git_merge_base(&result, pointer, &a, &b)
        if code == GIT_ENOTFOUND.rawValue { return nil }
        _ = try check(code, "finding the merge base of \(one) and \(other)")
        return ObjectID(result)
    }

    /// The commits reachable from `tip` but not from `excluded` (`excluded..tip`), newest first.
    public func commits(from tip: ObjectID, excluding excluded: ObjectID?) throws -> [ObjectID] {
        let walk = try owned("listing commits", borrowing: self, release: git_revwalk_free) {
            git_revwalk_new(&$0, pointer)
        }
        var start = tip.oid
        _ = try check(git_revwalk_push(walk.pointer, &start), "listing commits from \(tip)")
        if let excluded {
            var hidden = excluded.oid
            _ = try check(git_revwalk_hide(walk.pointer, &hidden), "listing commits after \(excluded)")
        }
        var ids: [ObjectID] = []
        var oid = git_oid()
        while true {
            let code = git_revwalk_next(&oid, walk.pointer)
            if code == GIT_ITEROVER.rawValue { break }
            _ = try check(code, "listing commits from \(tip)")
            ids.append(ObjectID(oid))
        }
        return ids
    }
}
