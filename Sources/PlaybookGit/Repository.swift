import Foundation
internal import CLibGit2

/// An open git repository. Owns its libgit2 handle and frees it in `deinit`.
///
/// Not `Sendable`: open one repository per task and pass plain values between tasks.
public final class Repository {
    let pointer: OpaquePointer
    /// An in-memory object store sits in front of the object database (`cleanMerge`).
    var inMemoryWrites = false

    private init(owning pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit { git_repository_free(pointer) }

    /// Finds the repository containing `path` (walking up like git, across file-system
    /// boundaries) and opens it. `path` may be a file or a directory, relative or absolute.
    ///
    /// Throws "not a git repository (or any parent up to /): PATH" when there is none.
    public static func discover(from path: String) throws -> Repository {
        try ensureLibgit2()
        let start = absolutePath(path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: start, isDirectory: &isDirectory) else {
            throw GitError(
                code: .notFound, message: "no such file or directory: \(start)",
                operation: "looking for a git repository")
        }
        let directory = isDirectory.boolValue ? start : (start as NSString).deletingLastPathComponent
        var handle: OpaquePointer?
        let code = git_repository_open_ext(&handle, directory, GIT_REPOSITORY_OPEN_CROSS_FS.rawValue, nil)
        if code == GIT_ENOTFOUND.rawValue { throw GitError.notARepository(start) }
        try check(code, "opening the repository containing \(start)")
        return try Repository(handle, operation: "opening the repository containing \(start)")
    }

    /// Opens the repository at `path`, which must be its working directory or its git
    /// directory (no walking up).
    public static func open(at path: String) throws -> Repository {
        try ensureLibgit2()
        let location = absolutePath(path)
        var handle: OpaquePointer?
        try check(git_repository_open(&handle, location), "opening the repository at \(location)")
        return try Repository(handle, operation: "opening the repository at \(location)")
    }

    /// Creates a new repository at `path` (making missing directories) whose HEAD points at
    /// the unborn branch `initialBranch`. Throws when a repository already exists there.
    public static func create(at path: String, initialBranch: String = "main", bare: Bool = false) throws -> Repository {
        try ensureLibgit2()
        let location = absolutePath(path)
        let operation = "creating a repository at \(location)"
        var options = git_repository_init_options()
        try check(
            git_repository_init_options_init(&options, UInt32(GIT_REPOSITORY_INIT_OPTIONS_VERSION)), operation)
        options.flags = GIT_REPOSITORY_INIT_MKPATH.rawValue | GIT_REPOSITORY_INIT_NO_REINIT.rawValue
        if bare { options.flags |= GIT_REPOSITORY_INIT_BARE.rawValue }
        var handle: OpaquePointer?
        let code = initialBranch.withCString { branch in
            options.initial_head = branch
            return git_repository_init_ext(&handle, location, &options)
        }
        try check(code, operation)
        return try Repository(handle, operation: operation)
    }

    private convenience init(_ handle: OpaquePointer?, operation: String) throws(GitError) {
        guard let handle else {
            throw GitError(code: .generic, message: "libgit2 returned no repository", operation: operation)
        }
        self.init(owning: handle)
    }

    /// The working directory, absolute, without a trailing slash; nil for a bare repository.
    public var workdir: String? {
        git_repository_workdir(pointer).map { Self.withoutTrailingSlash(String(cString: $0)) }
    }

    /// The git directory (`.git`, or the repository itself when bare), absolute, without a trailing slash.
    public var gitDirectory: String {
        Self.withoutTrailingSlash(String(cString: git_repository_path(pointer)))
    }

    /// The folder a linked worktree shares with the main one (its hooks, config and objects live there);
    /// `gitDirectory` itself elsewhere. Absolute, without a trailing slash.
    public var commonDirectory: String {
        Self.withoutTrailingSlash(String(cString: git_repository_commondir(pointer)))
    }

    public var isBare: Bool { git_repository_is_bare(pointer) == 1 }

    /// True for a shallow clone (CI checkouts often are): history stops at a cut-off commit.
    public var isShallow: Bool { git_repository_is_shallow(pointer) == 1 }

    /// True when HEAD names a branch that has no commit yet (a fresh repository).
    public var isHeadUnborn: Bool { git_repository_head_unborn(pointer) == 1 }

    /// True when HEAD points straight at a commit rather than at a branch.
    public var isHeadDetached: Bool { git_repository_head_detached(pointer) == 1 }

    static func absolutePath(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
            ? path
            : FileManager.default.currentDirectoryPath + "/" + path
        return withoutTrailingSlash((absolute as NSString).standardizingPath)
    }

    static func withoutTrailingSlash(_ path: String) -> String {
        var path = Substring(path)
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        return String(path)
    }
}

@available(*, unavailable, message: "open one Repository per task and pass values between tasks")
extension Repository: Sendable {}
