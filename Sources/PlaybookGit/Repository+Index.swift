import Foundation
internal import CLibGit2

extension Repository {
    /// The staged entries whose path passes `include`, read fresh from disk.
    ///
    /// - Parameter indexFile: the index to read instead of the repository's own. Git sets
    ///   `GIT_INDEX_FILE` for hooks, and during `git commit -a` or `git commit PATH` the content
    ///   being committed is in a temporary index (`.git/index.lock`, `.git/next-index-*.lock`),
    ///   not in `.git/index`: a pre-commit hook should pass that variable's value here.
    ///   A relative path is taken from the current directory, as git does.
    /// - Parameter include: decides which paths (relative to the working directory, '/'
    ///   separated) are returned; it filters `conflicts` too.
    /// - Throws: for a bare repository (it has no index to lint), or when the index cannot be read.
    public func stagedEntries(
        indexFile: String? = nil, where include: (String) -> Bool
    ) throws -> StagedSnapshot {
        let index = try openIndex(file: indexFile, purpose: "reading the staged files")
        // Force: a hook runs right after git wrote the index, possibly within the same second.
        try check(git_index_read(index.pointer, 1), "reading the index")
        var entries: [IndexEntry] = []
        var conflicts = Set<String>()
        index.withPointer { index in
            for position in 0..<git_index_entrycount(index) {
                guard let entry = git_index_get_byindex(index, position), let cPath = entry.pointee.path else {
                    continue
                }
                // Copied out now: the entry is borrowed from the index.
                let path = String(cString: cPath)
                guard include(path) else { continue }
                let nameIsUTF8 = String(validatingCString: cPath) != nil
                if git_index_entry_stage(entry) != 0 {
                    conflicts.insert(path)
                    continue
                }
                var added = IndexEntry(path: path, id: ObjectID(entry.pointee.id), mode: entry.pointee.mode, size: Int(entry.pointee.file_size))
                added.nameIsUTF8 = nameIsUTF8
                added.isIntentToAdd = entry.pointee.flags_extended & UInt16(GIT_INDEX_ENTRY_INTENT_TO_ADD.rawValue) != 0
                entries.append(added)
            }
        }
        entries.sort { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        let sortedConflicts = conflicts.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        return StagedSnapshot(entries: entries, conflicts: sortedConflicts)
    }

    /// Adds working-tree files to the index and writes it, like `git add PATH…`.
    /// A path whose file is gone but is in the index is removed from it, like `git add` does.
    /// Paths are relative to the working directory (or absolute inside it).
    public func stage(paths: [String]) throws {
        let index = try openIndex(file: nil, purpose: "staging files")
        let workdir = self.workdir ?? ""
        try check(git_index_read(index.pointer, 1), "reading the index")
        for path in paths {
            let relative = try relativePath(path, in: workdir)
            let onDisk = (try? FileManager.default.attributesOfItem(atPath: workdir + "/" + relative)) != nil
            if onDisk {
                try check(git_index_add_bypath(index.pointer, relative), "staging \(relative)")
            } else if git_index_get_bypath(index.pointer, relative, 0) != nil {
                try check(git_index_remove_bypath(index.pointer, relative), "unstaging deleted \(relative)")
            } else {
                throw GitError(
                    code: .notFound, message: "no such file in the working tree or the index: \(relative)",
                    operation: "staging files")
            }
        }
        try check(git_index_write(index.pointer), "writing the index")
    }

    /// Records an unresolved conflict for `path` in the index (stages 1–3) and writes it.
    /// A nil side means that side did not have the file. For tests of conflict handling.
    func recordConflict(path: String, ancestor: ObjectID?, ours: ObjectID?, theirs: ObjectID?) throws {
        let index = try openIndex(file: nil, purpose: "recording a conflict")
        try check(git_index_read(index.pointer, 1), "reading the index")
        let code = path.withCString { cPath -> Int32 in
            func entry(_ id: ObjectID?) -> git_index_entry? {
                guard let id else { return nil }
                var entry = git_index_entry()
                entry.mode = 0o100644
                entry.id = id.oid
                entry.path = cPath
                return entry
            }
            return withOptionalPointer(to: entry(ancestor)) { base in
                withOptionalPointer(to: entry(ours)) { mine in
                    withOptionalPointer(to: entry(theirs)) { other in
                        git_index_conflict_add(index.pointer, base, mine, other)
                    }
                }
            }
        }
        try check(code, "recording a conflict for \(path)")
        try check(git_index_write(index.pointer), "writing the index")
    }

    /// The repository's index, or a standalone index file; owned, freed with the returned owner.
    private func openIndex(file: String?, purpose: String) throws(GitError) -> Owned<OpaquePointer> {
        if let file {
            // git_index_open quietly starts an empty index when the file is missing.
            guard FileManager.default.fileExists(atPath: file) else {
                throw GitError(code: .notFound, message: "no index file at \(file)", operation: purpose)
            }
            return try owned("opening the index \(file)", borrowing: self, release: git_index_free) {
                git_index_open(&$0, file)
            }
        }
        guard !isBare else {
            throw GitError(
                code: .bareRepository,
                message: "a bare repository has no index to lint: \(gitDirectory) (run inside a working tree)",
                operation: purpose)
        }
        return try owned("opening the index", borrowing: self, release: git_index_free) {
            git_repository_index(&$0, pointer)
        }
    }

    private func relativePath(_ path: String, in workdir: String) throws(GitError) -> String {
        if path.hasPrefix("/") {
            guard path.hasPrefix(workdir + "/") else {
                throw GitError(
                    code: .invalid, message: "\(path) is outside the working tree \(workdir)",
                    operation: "staging files")
            }
            return String(path.dropFirst(workdir.count + 1))
        }
        return path
    }
}

/// Passes a pointer to the wrapped value, or nil, for the duration of `body`.
private func withOptionalPointer<Value, Result>(
    to value: Value?, _ body: (UnsafePointer<Value>?) -> Result
) -> Result {
    guard let value else { return body(nil) }
    return withUnsafePointer(to: value) { body($0) }
}
