internal import CLibGit2

extension Repository {
    /// Sets `key` (e.g. "user.name") in the repository's own config file (`.git/config`).
    public func setConfig(_ key: String, _ value: String) throws {
        let operation = "setting \(key) in the repository config"
        let local = try localConfig(operation)
        try check(git_config_set_string(local.pointer, key, value), operation)
    }

    /// The value of `key` in the repository's own config file (`.git/config`) alone; nil when it is not set there.
    public func localConfigString(_ key: String) throws -> String? {
        let operation = "reading \(key) from the repository config"
        return try Self.string(key, in: localConfig(operation), operation)
    }

    /// Removes `key` from the repository's own config file (`.git/config`); the user's and the system's stay.
    public func removeConfig(_ key: String) throws {
        let operation = "removing \(key) from the repository config"
        let local = try localConfig(operation)
        try check(git_config_delete_entry(local.pointer, key), operation)
    }

    /// The repository's own config file, `.git/config` (the common one of a linked worktree).
    private func localConfig(_ operation: String) throws -> Owned<OpaquePointer> {
        let config = try owned(operation, borrowing: self, release: git_config_free) {
            git_repository_config(&$0, pointer)
        }
        return try owned(operation, borrowing: config, release: git_config_free) {
            git_config_open_level(&$0, config.pointer, GIT_CONFIG_LEVEL_LOCAL)
        }
    }

    /// The effective value of `key`, as git would see it (local, then global, then system);
    /// nil when it is not set anywhere.
    public func configString(_ key: String) throws -> String? {
        let operation = "reading \(key) from the config"
        let config = try owned(operation, borrowing: self, release: git_config_free) {
            git_repository_config(&$0, pointer)
        }
        return try Self.string(key, in: config, operation)
    }

    /// The value of `key` that a repository created now would see from the user's and the system's git
    /// configuration (global, XDG, system: no repository's own); nil when it is set in none of them.
    public static func userConfigString(_ key: String) throws -> String? {
        try ensureLibgit2()
        let operation = "reading \(key) from the git configuration"
        let config = try owned(operation, release: git_config_free) { git_config_open_default(&$0) }
        return try string(key, in: config, operation)
    }

    /// `key` read from `config` as a string; nil when it is not set there.
    private static func string(_ key: String, in config: Owned<OpaquePointer>, _ operation: String) throws -> String? {
        var buffer = git_buf()
        defer { git_buf_dispose(&buffer) }
        let code = git_config_get_string_buf(&buffer, config.pointer, key)
        if code == GIT_ENOTFOUND.rawValue { return nil }
        try check(code, operation)
        guard let text = buffer.ptr else { return "" }
        return String(cString: text)
    }
}
