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
    /// nothing is ever written outside `top`. Paths in messages are shown relative to `base`.
    static func write(_ text: String, to path: String, within top: String, shownFrom base: String, force: Bool, mode: mode_t = 0o644) throws {
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
            try place(text, at: path, in: folder, shown: shown, force: force, mode: mode)
        } catch {
            // A failed write leaves nothing of its own behind: the folders it made go (empty ones only).
            ContainedPath.removeFolders(created)
            throw error
        }
    }

    /// The write itself, once the folders are there.
    private static func place(_ text: String, at path: String, in folder: String, shown: String, force: Bool, mode: mode_t) throws(Refusal) {
        var info = stat()
        if lstat(path, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFREG else { throw Refusal(description: "\(shown) exists and is not a regular file; not replacing it") }
            guard force else { throw Refusal(description: "\(shown) already exists; use --force to replace it") }
        }
        let temporary = folder + "/.\((path as NSString).lastPathComponent).playbook-\(getpid()).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { throw Refusal(description: "cannot write beside \(shown): \(String(cString: strerror(errno)))") }
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
                let reason = errno == EEXIST ? "it appeared while writing; not replacing it" : String(cString: strerror(errno))
                unlink(temporary)
                throw Refusal(description: "cannot create \(shown): \(reason)")
            }
            unlink(temporary)
        }
    }
}
