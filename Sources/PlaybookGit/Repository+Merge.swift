internal import CLibGit2

extension Repository {
    /// The files of merging `theirs` into `ours` as `git merge` records them (renames found, file
    /// contents merged line by line), or nil when any file conflicts, filtered by `include`.
    ///
    /// Nothing is written to the repository: the blobs of files merged line by line go to an
    /// in-memory object store added to this repository's object database (readable through it,
    /// with `blobData`, for as long as this `Repository` lives).
    public func cleanMerge(_ ours: ObjectID, _ theirs: ObjectID, where include: (String) -> Bool) throws -> [IndexEntry]? {
        let operation = "merging \(theirs) into \(ours)"
        try holdWritesInMemory()
        var ourOID = ours.oid
        var theirOID = theirs.oid
        let our = try owned("reading commit \(ours)", borrowing: self, release: git_commit_free) { git_commit_lookup(&$0, pointer, &ourOID) }
        let their = try owned("reading commit \(theirs)", borrowing: self, release: git_commit_free) { git_commit_lookup(&$0, pointer, &theirOID) }
        var options = git_merge_options()
        try check(git_merge_options_init(&options, UInt32(GIT_MERGE_OPTIONS_VERSION)), operation)
        let index = try withExtendedLifetime((our, their)) {
            try owned(operation, borrowing: self, release: git_index_free) { git_merge_commits(&$0, pointer, our.pointer, their.pointer, &options) }
        }
        return index.withPointer { index -> [IndexEntry]? in
            guard git_index_has_conflicts(index) == 0 else { return nil }
            var entries: [IndexEntry] = []
            for position in 0..<git_index_entrycount(index) {
                guard let entry = git_index_get_byindex(index, position), let cPath = entry.pointee.path else { continue }
                let path = String(cString: cPath)
                guard include(path) else { continue }
                var added = IndexEntry(path: path, id: ObjectID(entry.pointee.id), mode: entry.pointee.mode, size: 0)
                added.nameIsUTF8 = String(validatingCString: cPath) != nil
                entries.append(added)
            }
            return entries
        }
    }

    /// Adds an in-memory object store in front of the object database, so that what libgit2
    /// writes (a merge's blobs) stays in memory; once per repository.
    private func holdWritesInMemory() throws(GitError) {
        guard !inMemoryWrites else { return }
        let database = try owned("opening the object database", borrowing: self, release: git_odb_free) { git_repository_odb(&$0, pointer) }
        var backend: UnsafeMutablePointer<git_odb_backend>?
        try check(git_mempack_new(&backend), "creating an in-memory object store")
        // The database owns the backend once added (and frees it with itself).
        let code = database.withPointer { git_odb_add_backend($0, backend, 1_000) }
        if code < 0 {
            backend?.pointee.free?(backend)
            _ = try check(code, "adding an in-memory object store")
        }
        inMemoryWrites = true
    }
}
