internal import CLibGit2

/// The process-wide libgit2 set-up, done once, lazily, on first use.
///
/// A global `let` is initialised exactly once, thread-safely, the first time it is read.
/// libgit2 is never shut down: a CLI exits instead, and shutting down while another
/// repository is still open would free state it uses.
private let libgit2Setup: Result<Void, GitError> = {
    let count = git_libgit2_init()
    guard count >= 0 else {
        return .failure(GitError.last(code: count, operation: { "initialising libgit2" }))
    }
    // Like git, do not re-hash every object read: it was half the time of a history walk.
    // A failure here only costs speed, so it is not fatal.
    _ = playbook_git_disable_strict_hash_verification()
    // libgit2's object cache keeps its defaults (trees up to 4 KiB, 256 MiB in all): a history
    // walk keeps the large trees it needs itself (TreeReader). Caching every large tree filled
    // the cache, and libgit2 then evicts by scanning its whole map, again and again.
    // Owner validation (git's "dubious ownership" / safe.directory check) is off. It exists
    // because git runs commands named in a repository's config (core.fsmonitor, hooks, filter
    // drivers, ssh commands); libgit2 as used here runs none of them, it only reads objects,
    // the index and config values. CI checkouts (containers, other runners) are often owned
    // by another user, and a linter that refuses them would be a trap.
    _ = playbook_git_disable_owner_validation()
    return .success(())
}()

/// Makes sure libgit2 is initialised; every entry point calls this before its first libgit2 call.
func ensureLibgit2() throws(GitError) {
    try libgit2Setup.get()
}
