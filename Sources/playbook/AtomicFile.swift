import Foundation
import PlaybookModel

/// Writes files the only safe way for a tool that edits a user's repository: to a temporary
/// file beside the target, then renamed over it, so a reader never sees half a file.
enum AtomicFile {
    struct Refusal: Error, CustomStringConvertible {
        var description: String
    }

    /// Writes `text` to `path` inside `top`, creating folders one at a time; refuses to replace an
    /// existing file unless `force`, and refuses any symbolic link on the way (`ContainedPath`), so
    /// nothing is ever written outside `top`. Paths in messages are shown relative to `base`; a
    /// refusal to replace a file ends with `ifTaken`, what to do instead.
    static func write(_ text: String, to path: String, within top: String, shownFrom base: String, force: Bool, mode: mode_t = 0o644,
                      ifTaken: String = "use --force to replace it") throws {
        let folder = (path as NSString).deletingLastPathComponent
        let shown = Inert.terminal(Workspace.display(path, root: base))
        guard let relativeFolder = ContainedPath.relative(folder, to: top) else {
            throw Refusal(description: "\(shown) lies outside \(Inert.terminal(top)); not writing it")
        }
        let created: [String]
        do {
            created = try ContainedPath.makeFolders(relativeFolder, under: top, shownFrom: base)
        } catch {
            throw Refusal(description: error.description)
        }
        do {
            try place(text, at: path, in: folder, shown: shown, force: force, mode: mode, ifTaken: ifTaken)
        } catch {
            // A failed write leaves nothing of its own behind: the folders it made go (empty ones only).
            ContainedPath.removeFolders(created)
            throw error
        }
    }

    /// The write itself, once the folders are there.
    private static func place(_ text: String, at path: String, in folder: String, shown: String, force: Bool, mode: mode_t, ifTaken: String) throws(Refusal) {
        var info = stat()
        var existing: stat?
        if lstat(path, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFREG else { throw Refusal(description: "\(shown) exists and is not a regular file; not replacing it") }
            guard force else { throw Refusal(description: "\(shown) already exists; \(ifTaken)") }
            existing = info
        }
        let temporary = folder + "/.\((path as NSString).lastPathComponent).playbook-\(getpid()).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { throw Refusal(description: "cannot write beside \(shown): \(String(cString: strerror(errno)))") }
        if let existing { keep(existing, on: fd, adding: mode) }
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { POSIX.write(fd, $0.baseAddress! + written, bytes.count - written) }
            if n < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                close(fd)
                unlink(temporary)
                throw Refusal(description: "cannot write beside \(shown): \(reason)")
            }
            written += n
        }
        fsync(fd)
        close(fd)
        if force {
            guard rename(temporary, path) == 0 else {
                let reason = String(cString: strerror(errno))
                unlink(temporary)
                throw Refusal(description: "cannot replace \(shown): \(reason)")
            }
        } else {
            // link() fails if the target appeared meanwhile, so an existing file is never clobbered.
            guard link(temporary, path) == 0 else {
                let reason = errno == EEXIST ? "it appeared while writing; not replacing it (\(ifTaken))" : String(cString: strerror(errno))
                unlink(temporary)
                throw Refusal(description: "cannot create \(shown): \(reason)")
            }
            unlink(temporary)
        }
    }

    /// Replaces the file at `path` (absolute; a new name, a regular file or a link, which is
    /// replaced itself) with `bytes`: written to a fresh file beside it, then renamed over it, so a
    /// reader never sees half a file. A replaced regular file keeps its permission bits (a private
    /// 0600 report stays private, as the shell's `>` keeps them) and, best effort, its owner and group.
    static func replace(at path: String, with bytes: [UInt8]) throws(Refusal) {
        let folder = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        var info = stat()
        let existing: stat? = lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG ? info : nil
        var temporary = ""
        var fd: Int32 = -1
        for attempt in 0..<100 {
            temporary = folder + "/.\(name).playbook-\(getpid())-\(attempt).tmp"
            // 0666 less the umask for a new file, as the shell's `>` creates one.
            fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o666)
            if fd >= 0 || errno != EEXIST { break }
        }
        guard fd >= 0 else { throw Refusal(description: String(cString: strerror(errno))) }
        if let existing { keep(existing, on: fd, adding: 0) }
        do throws(Refusal) {
            try OutputTarget.write(bytes, to: fd)
            guard fsync(fd) == 0 || errno == EINVAL else { throw Refusal(description: String(cString: strerror(errno))) }
        } catch {
            close(fd)
            unlink(temporary)
            throw error
        }
        close(fd)
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw Refusal(description: reason)
        }
    }

    /// Gives the new file `fd` the permission bits of the file it replaces, and the execute bits of
    /// `adding` wherever that file is readable (a hook stays runnable); as root, also its owner and
    /// group, and otherwise its group when the user may give it (both best effort).
    static func keep(_ existing: stat, on fd: Int32, adding: mode_t) {
        let bits = existing.st_mode & 0o777
        let execute = adding & 0o111 & (bits >> 2)
        if geteuid() == 0 {
            _ = fchown(fd, existing.st_uid, existing.st_gid)
        } else if existing.st_gid != getegid() {
            _ = fchown(fd, uid_t.max, existing.st_gid)
        }
        // After fchown, which may clear set-id bits; only the permission bits are kept.
        _ = fchmod(fd, bits | execute)
    }
}
