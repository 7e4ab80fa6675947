internal import CLibGit2

extension Repository {
    /// The bytes of a blob.
    public func blobData(_ id: ObjectID) throws -> [UInt8] {
        var oid = id.oid
        let blob = try owned("reading blob \(id)", borrowing: self, release: git_blob_free) {
            git_blob_lookup(&$0, pointer, &oid)
        }
        return Self.bytes(of: blob)
    }

    /// The content of the file at `path` (relative to the repository root, '/' separated) in
    /// `commit`'s tree; nil when the commit has nothing there or has a directory or a
    /// submodule there. A symlink gives its target, as `git show COMMIT:PATH` does.
    public func fileData(at commit: ObjectID, path: String) throws -> [UInt8]? {
        let operation = "reading \(path) at commit \(commit)"
        guard !path.isEmpty, !path.hasPrefix("/") else {
            throw GitError(
                code: .invalid, message: "expected a path relative to the repository root, got '\(path)'",
                operation: operation)
        }
        var commitOID = commit.oid
        let commitObject = try owned(operation, borrowing: self, release: git_commit_free) {
            git_commit_lookup(&$0, pointer, &commitOID)
        }
        let tree = try owned(operation, borrowing: commitObject, release: git_tree_free) {
            git_commit_tree(&$0, commitObject.pointer)
        }
        var entryPointer: OpaquePointer?
        let code = git_tree_entry_bypath(&entryPointer, tree.pointer, path)
        if code == GIT_ENOTFOUND.rawValue { return nil }
        try check(code, operation)
        guard let entryPointer else { return nil }
        let entry = Owned(entryPointer, borrowing: tree, release: git_tree_entry_free)
        // A committed symbolic link holds a path, not content: never read it as the file.
        if entry.withPointer({ git_tree_entry_filemode($0) == GIT_FILEMODE_LINK }) {
            throw GitError(
                code: .invalid,
                message: "\(path) is a symbolic link in that commit, which playbook does not follow; commit the file itself",
                operation: operation)
        }
        let blobID = entry.withPointer { entry -> ObjectID? in
            guard git_tree_entry_type(entry) == GIT_OBJECT_BLOB, let id = git_tree_entry_id(entry) else { return nil }
            return ObjectID(id)
        }
        guard let blobID else { return nil }
        return try blobData(blobID)
    }

    /// Stores `bytes` as a blob in the object database (without touching the index).
    func writeBlob(_ bytes: [UInt8]) throws -> ObjectID {
        var oid = git_oid()
        try check(
            bytes.withUnsafeBytes { git_blob_create_from_buffer(&oid, pointer, $0.baseAddress, $0.count) },
            "writing a blob")
        return ObjectID(oid)
    }

    /// Stores `bytes` as an object of the given type, unchecked: for tests that need objects
    /// git itself would write but libgit2 refuses to parse (an overflowing date).
    func writeRawCommit(_ text: String) throws -> ObjectID {
        let operation = "writing a raw commit"
        let database = try owned(operation, borrowing: self, release: git_odb_free) {
            git_repository_odb(&$0, pointer)
        }
        var oid = git_oid()
        let bytes = Array(text.utf8)
        try check(bytes.withUnsafeBytes { git_odb_write(&oid, database.pointer, $0.baseAddress, $0.count, GIT_OBJECT_COMMIT) },
                  operation)
        return ObjectID(oid)
    }

    /// The tree and parents of a commit read from its stored bytes, for a commit libgit2 will
    /// not parse (its other headers may be damaged): enough to walk past it.
    public func commitLinks(_ id: ObjectID) throws -> (tree: ObjectID, parents: [ObjectID]) {
        var tree: ObjectID?
        var parents: [ObjectID] = []
        // Split on the "\n" scalar: as Characters, a "\r\n" in damaged headers would never split.
        for line in try rawObject(id).unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map({ Substring($0) }) {
            if line.isEmpty { break }  // the headers end at the first blank line
            if line.hasPrefix("tree "), tree == nil { tree = ObjectID(hex: String(line.dropFirst(5))) }
            if line.hasPrefix("parent "), let parent = ObjectID(hex: String(line.dropFirst(7))) { parents.append(parent) }
        }
        guard let tree else {
            throw GitError(code: .invalid, message: "commit \(id) names no tree", operation: "reading commit \(id)")
        }
        return (tree, parents)
    }

    /// The raw text of any object as stored (for a commit: headers, blank line, message).
    /// For tests that check what was written.
    func rawObject(_ id: ObjectID) throws -> String {
        let operation = "reading object \(id)"
        let database = try owned(operation, borrowing: self, release: git_odb_free) {
            git_repository_odb(&$0, pointer)
        }
        var oid = id.oid
        let object = try owned(operation, borrowing: database, release: git_odb_object_free) {
            git_odb_read(&$0, database.pointer, &oid)
        }
        return object.withPointer { object in
            let size = git_odb_object_size(object)
            guard size > 0, let data = git_odb_object_data(object) else { return "" }
            return String(decoding: UnsafeRawBufferPointer(start: data, count: size), as: UTF8.self)
        }
    }

    /// Copies a blob's content out of libgit2's buffer, which the blob owns.
    static func bytes(of blob: Owned<OpaquePointer>) -> [UInt8] {
        blob.withPointer { blob in
            let size = Int(git_blob_rawsize(blob))
            guard size > 0, let content = git_blob_rawcontent(blob) else { return [] }
            return Array(UnsafeRawBufferPointer(start: content, count: size))
        }
    }
}
