internal import CLibGit2

extension Repository {
    /// True when git ignores `path` (relative to the working directory, `/`-separated): a rule of
    /// a `.gitignore` on the way to it, `.git/info/exclude` or `core.excludesFile` matches it or
    /// a folder above it. A folder is judged as one when it exists as one. Tracked files are not
    /// special: like `git check-ignore --no-index`, only the rules count.
    public func isIgnored(_ path: String) throws -> Bool {
        var ignored: Int32 = 0
        try check(git_ignore_path_is_ignored(&ignored, pointer, path), "checking whether git ignores \(path)")
        return ignored == 1
    }
}
