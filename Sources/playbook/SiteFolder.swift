import Foundation
import PlaybookGit
import PlaybookLint
import PlaybookModel
import PlaybookSite

/// Writes a built site into its folder all at once: into a fresh sibling folder first, then
/// swapped in, so a reader (or a failed run) never leaves half a site; refuses to replace a
/// folder that a previous `playbook site` did not write, and never writes through a symlink.
enum SiteFolder {
    struct Target {
        /// Absolute, without `.` or `..` components.
        var path: String
        /// As the user gave it (or `site` for the default).
        var display: String
        var parent: String { (path as NSString).deletingLastPathComponent }
        var name: String { (path as NSString).lastPathComponent }
    }

    /// The folder to write: `-o` as given (relative to the current directory), else `site/` at
    /// the repository top, which must not be reached through a symlink.
    static func target(_ output: String?, repository: Repository, cwd: String) throws -> Target {
        if let output {
            guard !output.isEmpty else { throw UsageError(description: "-o needs a folder name") }
            let path = Workspace.normalized(PathSpelling.isAbsolute(output) ? output : cwd + "/" + output)
            // Replacing the folder would take the repository with it. Inside the git folder the site
            // would be taken for git's own files (a folder named like the site cache's kept pages was
            // removed with them after "wrote …"); around it, replacing it would take git's files. A
            // linked worktree's own git folder and the common one it shares count too, and so does
            // a folder reached through a symbolic link outside the repository (`WriteGuard`).
            switch WriteGuard(around: [path], cwd: cwd).folderRelation(path) {
            case .holdsRepository?:
                throw UsageError(description: "-o \(output) holds the repository itself; name a folder for the site, such as site")
            case .git?:
                throw UsageError(description: "-o \(output) is inside the repository's git folder or holds it; name a folder for the site, such as site")
            default:
                break
            }
            // Inside the repository, the folders above the site are reached through no symbolic link
            // (as a report's `-o` is): a link there could lead anywhere.
            if let workdir = repository.workdir.map(Workspace.normalized),
               let relative = ContainedPath.relative((path as NSString).deletingLastPathComponent, to: workdir) {
                do {
                    if try ContainedPath.kind(of: relative, under: workdir, shownFrom: workdir) != .folder {
                        throw UsageError(description: "cannot write the site to \(Inert.terminal(output)): its folder does not exist; create it first")
                    }
                } catch let refusal as ContainedPath.Refusal {
                    throw UsageError(description: "cannot write the site to \(Inert.terminal(output)): \(refusal.description)")
                }
            }
            return Target(path: path, display: output)
        }
        guard let workdir = repository.workdir else {
            throw UsageError(description: "this repository has no work tree (it is bare); give the folder to write with -o DIR")
        }
        let top = Workspace.normalized(workdir)
        return Target(path: top + "/site", display: top == Workspace.normalized(cwd) ? "site" : top + "/site")
    }

    /// Refuses a target that is, holds or lies inside a playbook root, holds the configuration
    /// file, or holds any YAML file: replacing the folder would delete the playbook itself,
    /// uncommitted edits included (a site never writes a YAML file).
    static func refuseHoldingPlaybook(_ target: Target, workspace: Workspace, configPath: String?, cwd: String) throws {
        // As spelled and as resolved, with the playbook around the target too (`WriteGuard`).
        switch WriteGuard(around: [target.path], cwd: cwd, configPath: configPath).folderRelation(target.path) {
        case .root(let root, let relation)?:
            throw UsageError(description: "-o \(Inert.terminal(target.display)) \(relation) the playbook root \(Inert.terminal(root)); replacing it would delete playbook files. Name a folder outside the roots for the site, such as site")
        case .configuration(let config)?:
            throw UsageError(description: "-o \(Inert.terminal(target.display)) holds the playbook configuration \(Inert.terminal(Workspace.display(config, root: workspace.displayBase))); name another folder for the site, such as site")
        case .holdsRepository?, .git?:
            throw UsageError(description: "-o \(Inert.terminal(target.display)) is inside the repository's git folder or holds it; name a folder for the site, such as site")
        case nil:
            break
        }
        var info = stat()
        guard lstat(target.path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR,
              let walk = FileManager.default.enumerator(atPath: target.path) else { return }
        while let entry = walk.nextObject() as? String {
            let name = (entry as NSString).lastPathComponent
            if FileDiscovery.isPlaybookFile(name) || name == Configuration.fileName {
                throw UsageError(description: "-o \(Inert.terminal(target.display)) holds \(Inert.terminal(target.display + "/" + entry)), a YAML file a site never writes; not replacing the folder. Name another folder for the site, such as site")
            }
        }
    }

    /// Whether the target exists, after making sure it may be replaced: a folder (never a
    /// symlink) that is empty or holds the marker of a previous site; or a new name in an existing folder.
    @discardableResult
    static func check(_ target: Target) throws -> Bool {
        var info = stat()
        let exists = lstat(target.path, &info) == 0
        if exists {
            if info.st_mode & S_IFMT == S_IFLNK {
                throw UsageError(description: "\(target.display) is a symlink; the site is never written through one. Remove it or pick another folder with -o")
            }
            guard info.st_mode & S_IFMT == S_IFDIR else {
                throw UsageError(description: "\(target.display) exists and is not a folder; pick another folder with -o")
            }
            // A folder that cannot be listed (no read permission) is not known to be empty: never replaced.
            guard let entries = try? FileManager.default.contentsOfDirectory(atPath: target.path) else {
                throw UsageError(description: "\(target.display) cannot be listed, so it may hold files that are not the site's; not replacing it. Pick another folder with -o")
            }
            var marker = stat()
            let isSite = lstat(target.path + "/" + Site.marker, &marker) == 0 && marker.st_mode & S_IFMT == S_IFREG
            guard entries.isEmpty || isSite else {
                throw UsageError(description: "\(target.display) is not empty and was not written by `playbook site` (no \(Site.marker) in it); not replacing it. Pick an empty or new folder with -o")
            }
            // A folder made read-only (it, or a folder in it) is not replaced: renamed aside, it could
            // not be emptied, and each run left a hidden copy of it beside the new site.
            if let folder = readOnlyFolder(in: target.path) {
                let which = folder == target.path ? "" : " (\(Inert.terminalPath(folder)) in it)"
                throw UsageError(description: "\(target.display) is read-only\(which), so it is not replaced; make it writable (chmod -R u+w) or pick another folder with -o")
            }
        } else {
            var parent = stat()
            guard stat(target.parent, &parent) == 0, parent.st_mode & S_IFMT == S_IFDIR else {
                throw UsageError(description: "the folder \(target.parent) does not exist; create it first")
            }
        }
        return exists
    }

    /// The first folder, `path` itself or one inside it, that its owner may not write (no owner write
    /// permission) or this user may not (`access`); nil when every one may be written. Symlinks are not followed.
    private static func readOnlyFolder(in path: String) -> String? {
        var pending = [path]
        while let folder = pending.popLast() {
            var info = stat()
            guard lstat(folder, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else { continue }
            if info.st_mode & S_IWUSR == 0 || access(folder, W_OK) != 0 { return folder }
            for entry in (try? FileManager.default.contentsOfDirectory(atPath: folder))?.sorted().reversed() ?? [] {
                pending.append(folder + "/" + entry)
            }
        }
        return nil
    }

    /// Renders the plan's files on every core and writes each as soon as it is rendered, into a
    /// fresh folder beside the target that is then swapped in. A rebuild links the files whose
    /// bytes it already wrote (no new inode, nothing to copy) and writes the others. `keeper`
    /// (the site cache being written) is handed each file once it is written, to link.
    static func write(_ plan: some SiteFiles, to target: Target, keeping keeper: SiteCache.Keeper? = nil) throws {
        for path in plan.paths where !isSafe(path) {
            throw UsageError(description: "internal error: the site holds an unsafe path \(path)")  // SitePath never makes one
        }
        let exists = try check(target)
        let staging = try freshFolder(near: target, purpose: "new")
        do {
            var folders: Set<String> = []
            for path in plan.paths {
                var folder = Substring(path)
                while let slash = folder.lastIndex(of: "/") {
                    folder = folder[..<slash]
                    folders.insert(String(folder))
                }
            }
            for folder in folders.sorted() where mkdir(staging + "/" + folder, 0o755) != 0 {
                throw UsageError(description: "cannot create \(staging)/\(folder): \(String(cString: strerror(errno)))")
            }
            let failure = FirstError()
            let old = target.path
            DispatchQueue.concurrentPerform(iterations: plan.paths.count) { index in
                guard !failure.isSet else { return }
                let path = plan.paths[index]
                plan.withBytes(of: index) { bytes in
                    // A page kept in the site cache (its bytes checked as it was read) is linked, not written
                    // again, unless another site's folder holds it too: the two folders would then be one
                    // file, and a page edited in one would change in the other.
                    if let source = plan.linkSource(of: index), unshared(source, replacing: exists ? old + "/" + path : nil),
                       link(source, to: staging + "/" + path, size: bytes.count) { return }
                    // linkat without AT_SYMLINK_FOLLOW never follows a symlink put there since the check.
                    if exists, unchanged(bytes, at: old + "/" + path),
                       linkat(AT_FDCWD, old + "/" + path, AT_FDCWD, staging + "/" + path, 0) == 0 {
                        keeper?.add(index, bytes, writtenAt: staging + "/" + path)
                        return
                    }
                    do {
                        try writeFile(bytes, at: staging + "/" + path)
                        keeper?.add(index, bytes, writtenAt: staging + "/" + path)
                    } catch { failure.set(error) }
                }
            }
            if let error = failure.error { throw error }
            if exists { keepPublishingFiles(from: old, into: staging, site: Set(plan.paths)) }
        } catch {
            try? FileManager.default.removeItem(atPath: staging)
            throw error
        }
        if !exists {
            guard rename(staging, target.path) == 0 else {
                let reason = String(cString: strerror(errno))
                try? FileManager.default.removeItem(atPath: staging)
                throw UsageError(description: "cannot move the site into \(target.display): \(reason)")
            }
            return
        }
        let old = target.parent + "/.\(target.name).playbook-site-old-\(getpid())"
        guard rename(target.path, old) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: staging)
            throw UsageError(description: "cannot replace \(target.display): \(reason)")
        }
        guard rename(staging, target.path) == 0 else {
            let reason = String(cString: strerror(errno))
            _ = rename(old, target.path)
            try? FileManager.default.removeItem(atPath: staging)
            throw UsageError(description: "cannot move the site into \(target.display): \(reason)")
        }
        do {
            try FileManager.default.removeItem(atPath: old)
        } catch {
            // A folder the user made read-only is moved aside but cannot be emptied: say where it is.
            Terminal.writeError("note: the previous site could not be removed; it is in \(Inert.terminalPath(old))\n")
        }
    }

    /// Files a host reads from the top of the published folder, which users add beside the site
    /// (GitHub Pages' custom domain, and its switch that turns Jekyll off): a rebuild keeps them.
    static let publishingFiles = ["CNAME", ".nojekyll"]

    /// Links each publishing file the previous site's folder holds into the new one, when it is a
    /// regular file the site does not write itself; one that cannot be kept is named.
    private static func keepPublishingFiles(from old: String, into staging: String, site: Set<String>) {
        for name in publishingFiles where !site.contains(name) {
            var info = stat()
            guard lstat(old + "/" + name, &info) == 0 else { continue }
            guard info.st_mode & S_IFMT == S_IFREG else {
                // A symbolic link (or anything but a file) is never followed, nor kept without a word.
                Terminal.writeError("note: \(name) was not kept in the new site: it is not a regular file; add the file itself\n")
                continue
            }
            if !link(old + "/" + name, to: staging + "/" + name, size: Int(info.st_size)) {
                Terminal.writeError("note: \(name) could not be kept in the new site; add it again\n")
            }
        }
    }

    /// Links `source` at `path` when it is a regular file of `size` bytes there (a symlink put in its
    /// place since it was read is linked as a symlink, never followed: then it is taken out again).
    private static func link(_ source: String, to path: String, size: Int) -> Bool {
        guard linkat(AT_FDCWD, source, AT_FDCWD, path, 0) == 0 else { return false }
        var info = stat()
        if lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG, Int(info.st_size) == size { return true }
        unlink(path)
        return false
    }

    /// Whether the regular file `source` is in no folder but its own (one link), or only in the one
    /// being replaced, as `old` (the same file): linking it into the new site then joins no two folders.
    private static func unshared(_ source: String, replacing old: String?) -> Bool {
        var info = stat()
        guard lstat(source, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return false }
        if info.st_nlink == 1 { return true }
        var there = stat()
        guard let old, lstat(old, &there) == 0 else { return false }
        return there.st_dev == info.st_dev && there.st_ino == info.st_ino
    }

    /// A new, empty folder beside the target (same file system, so the swap is a rename).
    private static func freshFolder(near target: Target, purpose: String) throws -> String {
        for attempt in 0..<100 {
            let path = target.parent + "/.\(target.name).playbook-site-\(purpose)-\(getpid())-\(attempt)"
            if mkdir(path, 0o755) == 0 { return path }
            guard errno == EEXIST else {
                throw UsageError(description: "cannot create a folder beside \(target.display): \(String(cString: strerror(errno)))")
            }
        }
        throw UsageError(description: "cannot create a folder beside \(target.display): too many leftovers named .\(target.name).playbook-site-*")
    }

    /// Whether the regular file at `path` (never a symlink) holds exactly `new`.
    private static func unchanged(_ new: UnsafeBufferPointer<UInt8>, at path: String) -> Bool {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var info = stat()
        let size = new.count
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG, Int(info.st_size) == size else { return false }
        var old = [UInt8](repeating: 0, count: size)
        var filled = 0
        while filled < size {
            let n = old.withUnsafeMutableBytes { buffer in POSIX.read(fd, buffer.baseAddress! + filled, size - filled) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { return false }
            filled += n
        }
        return old.withUnsafeBytes { old in
            guard let a = new.baseAddress, let b = old.baseAddress else { return size == 0 }
            return memcmp(a, b, size) == 0
        }
    }

    /// Creates the file (its folder exists); never follows a symlink.
    private static func writeFile(_ bytes: UnsafeBufferPointer<UInt8>, at path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw UsageError(description: "cannot write \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var written = 0
        while written < bytes.count {
            let n = POSIX.write(fd, bytes.baseAddress! + written, bytes.count - written)
            if n < 0 {
                if errno == EINTR { continue }
                throw UsageError(description: "cannot write \(path): \(String(cString: strerror(errno)))")
            }
            written += n
        }
    }

    /// A relative path of plain components: nothing absolute, empty, `.` or `..`.
    static func isSafe(_ path: String) -> Bool {
        // By bytes, as the file system reads it (`PathSpelling`): a mark after `/` hides nothing.
        guard !path.isEmpty, !path.utf8.contains(where: { $0 == 0 || $0 == UInt8(ascii: "\\") }) else { return false }
        return path.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).allSatisfy {
            !$0.isEmpty && !$0.elementsEqual(".".utf8) && !$0.elementsEqual("..".utf8)
        }
    }
}

/// The files of a site to write: their paths, and each file's bytes on demand (from any thread).
protocol SiteFiles: Sendable {
    var paths: [String] { get }
    func withBytes(of index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Void)
    /// A file already holding the bytes of `paths[index]`, to link instead of writing them; nil when none.
    func linkSource(of index: Int) -> String?
}

extension SiteFiles {
    func linkSource(of index: Int) -> String? { nil }
}

/// Each file rendered when it is written and let go after: the whole site is never held in memory at once.
extension SitePlan: SiteFiles {}

/// The first error of work spread over threads; later ones are dropped.
private final class FirstError: @unchecked Sendable {
    private let lock = NSLock()
    private var first: Error?

    var isSet: Bool { lock.withLock { first != nil } }
    var error: Error? { lock.withLock { first } }

    func set(_ error: Error) {
        lock.withLock { if first == nil { first = error } }
    }
}
