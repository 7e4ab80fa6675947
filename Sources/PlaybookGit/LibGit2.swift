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
    // libgit2 caches trees only up to 4 KiB by default, so large parent trees are parsed
    // again on every commit of a walk; the total cache stays bounded by libgit2's overall limit.
    _ = playbook_git_set_tree_cache_limit(8 * 1024 * 1024)
    // A walk needs only the last few trees; libgit2's default 256 MiB cache grew a 50,000-commit
    // walk to 900 MB, and faulting in those pages cost more than re-reading the odd tree.
    _ = playbook_git_set_cache_max_size(32 * 1024 * 1024)
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
