import Foundation
import PlaybookModel

/// Files written all together or not at all (`playbook init`): every target is checked first,
/// the files are written into a temporary folder inside `top`, then moved into place; when any
/// step fails, what was moved is taken back, replaced files are restored, folders made are
/// removed, and the temporary folder goes, so a failed run leaves the folder as it found it.
struct FileSet {
    var top: String
    /// Where paths in messages are shown from.
    var base: String
    var files: [Templates.File]

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Writes the files, then runs `finish` (which may fail too and is then undone with them).
    func write(force: Bool, finish: () throws -> Void) throws {
        try check(force: force)
        var undo = Undo()
        var staging: String?
        // Runs after `undo`, which needs the files kept aside in the staging folder.
        defer { if let staging { try? FileManager.default.removeItem(atPath: staging) } }
        do {
            undo.folders.append(contentsOf: try makeTop())
            let folder = try makeStaging()
            staging = folder
            try stage(into: folder)
            for (index, file) in files.enumerated() {
                try place(file, from: folder + "/\(index)", backup: folder + "/\(index).previous", force: force, undo: &undo)
            }
            try finish()
        } catch {
            undo.run()
            throw error
        }
    }

    /// Every target: reached without a symbolic link, and not in the way unless `force`.
    private func check(force: Bool) throws {
        // `top` is the folder the user named (a link to a folder is their choice); what is below it is checked.
        var info = stat()
        if stat(top, &info) == 0, info.st_mode & S_IFMT != S_IFDIR {
            throw Failure(description: "\(Inert.terminal(top)) exists and is not a folder")
        }
        for file in files {
            let shown = Inert.terminal(file.path)
            let kind: ContainedPath.Kind
            do {
                kind = try ContainedPath.kind(of: file.path, under: top, shownFrom: top)
            } catch {
                throw Failure(description: error.description + "; nothing was written")
            }
            switch kind {
            case .missing: continue
            case .file where force: continue
            case .file: throw Failure(description: "\(shown) already exists in \(Inert.terminal(top)); use --force to replace the starter files")
            case .folder, .other: throw Failure(description: "\(shown) exists in \(Inert.terminal(top)) and is not a regular file; nothing was written")
            }
        }
    }

    /// Creates `top` when it does not exist yet; returns the folders made, outermost first.
    private func makeTop() throws -> [String] {
        var missing: [String] = []
        var current = top
        var info = stat()
        while lstat(current, &info) != 0 {
            missing.insert(current, at: 0)
            let parent = (current as NSString).deletingLastPathComponent
            if parent == current { break }
            current = parent
        }
        for folder in missing where mkdir(folder, 0o755) != 0 && errno != EEXIST {
            throw Failure(description: "cannot create \(Inert.terminal(folder)): \(String(cString: strerror(errno)))")
        }
        return missing
    }

    /// A fresh private folder inside `top`, on the same file system as the targets.
    private func makeStaging() throws -> String {
        let staging = top + "/.playbook-init-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        guard mkdir(staging, 0o700) == 0 else {
            throw Failure(description: "cannot write in \(Inert.terminal(top)): \(String(cString: strerror(errno))); nothing was written")
        }
        return staging
    }

    /// Writes every file into the staging folder, named by its position.
    private func stage(into staging: String) throws {
        for (index, file) in files.enumerated() {
            let path = staging + "/\(index)"
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, file.executable ? 0o755 : 0o644)
            guard fd >= 0 else { throw Failure(description: "cannot write in \(Inert.terminal(top)): \(String(cString: strerror(errno)))") }
            defer { close(fd) }
            let bytes = Array(file.text.utf8)
            var written = 0
            while written < bytes.count {
                let n = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress! + written, bytes.count - written) }
                if n < 0, errno == EINTR { continue }
                guard n > 0 else { throw Failure(description: "cannot write in \(Inert.terminal(top)): \(String(cString: strerror(errno)))") }
                written += n
            }
            guard fsync(fd) == 0 else { throw Failure(description: "cannot write in \(Inert.terminal(top)): \(String(cString: strerror(errno)))") }
        }
    }

    /// Moves one staged file to its place; an existing file (only with `force`) is kept aside to restore.
    private func place(_ file: Templates.File, from staged: String, backup: String, force: Bool, undo: inout Undo) throws {
        let target = top + "/" + file.path
        let shown = Inert.terminal(file.path)
        do {
            let folder = (file.path as NSString).deletingLastPathComponent
            undo.folders.append(contentsOf: try ContainedPath.makeFolders(folder, under: top, shownFrom: top))
        } catch {
            throw Failure(description: error.description + "; nothing was written")
        }
        var info = stat()
        if force, lstat(target, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFREG, link(target, backup) == 0 else {
                throw Failure(description: "cannot replace \(shown): \(String(cString: strerror(errno))); nothing was written")
            }
            // The replaced file's permission bits (and owner, as root) stay, as the shell's `>` keeps them.
            let staging = open(staged, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
            if staging >= 0 {
                AtomicFile.keep(info, on: staging, adding: file.executable ? 0o755 : 0)
                close(staging)
            }
            guard rename(staged, target) == 0 else {
                throw Failure(description: "cannot replace \(shown): \(String(cString: strerror(errno))); nothing was written")
            }
            undo.restore.append((backup, target))
        } else {
            // link() fails if the target appeared meanwhile, so an existing file is never clobbered.
            guard link(staged, target) == 0 else {
                let reason = errno == EEXIST ? "it appeared while writing" : String(cString: strerror(errno))
                throw Failure(description: "cannot create \(shown): \(reason); nothing was written")
            }
            undo.created.append(target)
        }
    }

    /// What a failed run takes back, newest first.
    private struct Undo {
        var created: [String] = []
        var restore: [(backup: String, target: String)] = []
        var folders: [String] = []

        func run() {
            for path in created.reversed() { unlink(path) }
            for (backup, target) in restore.reversed() { rename(backup, target) }
            for folder in folders.reversed() { rmdir(folder) }
        }
    }
}
