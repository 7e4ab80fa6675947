import Foundation
import PlaybookLint
import PlaybookModel

/// Walks folders for playbook files without following symbolic links.
enum FileDiscovery {
    static func isPlaybookFile(_ name: String) -> Bool {
        PlaybookFiles.hasPlaybookName(name)
    }

    static let symlinkProblem = SourceFile.symbolicLinkProblem
    static let symlinkedFolderProblem = "it is a symbolic link to a folder, which playbook does not follow (it could point outside the repository); commit the folder itself"
    static let notRegularProblem = "it is not a regular file (a FIFO, socket or device)"

    /// Why a folder that cannot be listed is not read (its files would go unlinted in silence).
    static func unlistedFolderProblem(_ error: Int32) -> String {
        "it is a folder that cannot be listed (\(String(cString: strerror(error))))"
    }

    /// Why the symbolic link at `raw` (a path's bytes) is not read: a link to a folder says so.
    static func linkProblem(_ raw: [UInt8]) -> String {
        leadsToFolder(raw) ? symlinkedFolderProblem : symlinkProblem
    }

    /// Whether the symbolic link at `raw` (a path's bytes) leads to a folder: asked with `stat`, which
    /// opens and reads nothing there.
    static func leadsToFolder(_ raw: [UInt8]) -> Bool {
        var info = stat()
        return (raw + [0]).withUnsafeBufferPointer { stat(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), &info) } == 0
            && info.st_mode & S_IFMT == S_IFDIR
    }

    /// A file found under a root: its absolute path, and why it cannot be read, if it cannot.
    struct Found: Hashable {
        var path: String
        var problem: String?
    }

    /// The `*.yml` / `*.yaml` entries under `folder`. Hidden files and folders are skipped, and so
    /// are folders holding a `.git` (submodules and nested repositories) below `folder`.
    /// Symbolic links are never followed (one could lead outside the repository); like FIFOs,
    /// sockets, folders named `*.yml` and names that are not UTF-8, they are reported, not read.
    /// So are a symbolic link to a folder, whatever its name, and a folder that cannot be listed
    /// (`folder` itself included): the files they hide would otherwise go unread without a word.
    ///
    /// `ignored` (`GitIgnores`), when given, is asked about each folder before it is entered and each
    /// `*.yml` file before it is listed: what it says yes to is left out (git-ignored paths).
    static func yamlFiles(under folder: String, ignored: ((_ path: String, _ isFolder: Bool) -> Bool)? = nil) -> [Found] {
        var found: [Found] = []
        // Each folder with its bytes as the file system has them, and whether they are UTF-8: a file
        // under a folder whose name is not is unreadable as its own bad name is (`lint --staged` and
        // `review` check the whole path too); its folder is still listed by those bytes.
        var pending: [(path: String, raw: [UInt8], valid: Bool)] = [(folder, Array(folder.utf8), true)]
        while let (current, currentRaw, currentValid) = pending.popLast() {
            guard let directory = (currentRaw + [0]).withUnsafeBufferPointer({ opendir(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self)) }) else {
                found.append(Found(path: current, problem: unlistedFolderProblem(errno)))
                continue
            }
            defer { closedir(directory) }
            while let entry = readdir(directory) {
                let raw = withUnsafePointer(to: entry.pointee.d_name) {
                    $0.withMemoryRebound(to: UInt8.self, capacity: 256) { pointer in
                        Array(UnsafeBufferPointer(start: pointer, count: strlen(UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self))))
                    }
                }
                let name = String(decoding: raw, as: UTF8.self)
                if name == "." || name == ".." { continue }
                // Hidden files and folders (.git, .github, .playbook.yml) are not playbook content.
                if name.hasPrefix(".") { continue }
                let path = current + "/" + name
                // The entry's type as the folder lists it; `lstat` only where the file system does not
                // say (a large playbook's files cost a system call each otherwise, on one core).
                let listed = Int(entry.pointee.d_type)
                if listed != Int(DT_UNKNOWN), listed != Int(DT_DIR), listed != Int(DT_LNK), !isPlaybookFile(name),
                   !PlaybookFiles.hasMiscasedPlaybookName(name) { continue }
                let kind: mode_t
                switch listed {
                case Int(DT_DIR): kind = S_IFDIR
                case Int(DT_REG): kind = S_IFREG
                case Int(DT_LNK): kind = S_IFLNK
                case Int(DT_UNKNOWN):
                    let rawPath = currentRaw + [UInt8(ascii: "/")] + raw + [0]
                    var info = stat()
                    guard rawPath.withUnsafeBufferPointer({ lstat(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), &info) }) == 0 else { continue }
                    kind = info.st_mode & S_IFMT
                default: kind = S_IFIFO // a FIFO, socket or device: reported below, never opened
                }
                if let ignored, ignored(path, kind == S_IFDIR) { continue }
                if kind == S_IFDIR {
                    // Another repository (a submodule, whose `.git` is a file, or a nested clone) is not
                    // this playbook's content: `--staged`, review and the history never read into it.
                    if Workspace.lexists(path + "/.git") { continue }
                    pending.append((path, currentRaw + [UInt8(ascii: "/")] + raw, currentValid && String(validating: raw, as: UTF8.self) != nil))
                    if isPlaybookFile(name) { found.append(Found(path: path, problem: "it is a folder, not a file")) }
                    continue
                }
                guard isPlaybookFile(name) else {
                    // `HYP-1.YML` is no playbook file, but meant as one: named, not read (lint passed over it in silence).
                    if PlaybookFiles.hasMiscasedPlaybookName(name) {
                        found.append(Found(path: path, problem: SourceFile.miscasedNameProblem(name)))
                        continue
                    }
                    // A link to a folder (`playbooks/shared`, to a folder shared by teams) hides a tree of files, maybe
                    // outside the repository: named, never entered. A link to anything else is no playbook file.
                    if kind == S_IFLNK, leadsToFolder(currentRaw + [UInt8(ascii: "/")] + raw) {
                        found.append(Found(path: path, problem: symlinkedFolderProblem))
                    }
                    continue
                }
                if !currentValid || String(validating: raw, as: UTF8.self) == nil {
                    found.append(Found(path: path, problem: SourceFile.invalidNameProblem))
                    continue
                }
                switch kind {
                case S_IFREG: found.append(Found(path: path, problem: nil))
                case S_IFLNK: found.append(Found(path: path, problem: linkProblem(currentRaw + [UInt8(ascii: "/")] + raw)))
                default: found.append(Found(path: path, problem: notRegularProblem))
                }
            }
        }
        return found
    }

    /// Reads many files on every core, keeping their order.
    static func readAll(_ paths: [String], _ read: @Sendable (String) -> SourceFile) -> [SourceFile] {
        var files = [SourceFile?](repeating: nil, count: paths.count)
        files.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let output = buffer
            let chunk = 64
            DispatchQueue.concurrentPerform(iterations: (paths.count + chunk - 1) / chunk) { c in
                for index in (c * chunk)..<min(paths.count, (c + 1) * chunk) {
                    output[index] = read(paths[index])
                }
            }
        }
        return files.compactMap { $0 }
    }

    /// The bytes of a regular file, or why they cannot be had; a file past `limit` is not read.
    /// The file itself is never followed if it is a symbolic link (`O_NOFOLLOW`), and what was opened
    /// is checked (`fstat`). For a path already known to be a regular file (found by the walk, or looked
    /// up before): opening a FIFO, even without blocking, would wake a writer waiting on it, so a path
    /// of unknown kind goes through `readChecked`.
    static func read(_ path: String, limit: Int) -> SourceFile.Content {
        // A regular file is opened and checked straight away (`O_NOFOLLOW`, then `fstat`): an `lstat`
        // first walked the path once more, a fifth of reading a small file. Anything else is left to
        // `readChecked`, which says what it is.
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
        if fd >= 0 {
            var info = stat()
            if fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG {
                defer { close(fd) }
                if Int(info.st_size) > limit { return .tooLarge(size: Int(info.st_size)) }
                return readOpen(fd, size: Int(info.st_size))
            }
            close(fd)
        }
        return readChecked(path, limit: limit)
    }

    /// `read` with the file's kind looked up first (`lstat`), for a path of unknown kind and for the
    /// words of what is not a regular file.
    static func readChecked(_ path: String, limit: Int) -> SourceFile.Content {
        var info = stat()
        guard lstat(path, &info) == 0 else { return .unreadable(String(cString: strerror(errno))) }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFLNK: return .unreadable(symlinkProblem)
        case S_IFDIR: return .unreadable("it is a directory")
        default: return .unreadable("it is not a regular file")
        }
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
        guard fd >= 0 else {
            return .unreadable(errno == ELOOP ? symlinkProblem : String(cString: strerror(errno)))
        }
        defer { close(fd) }
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return .unreadable("it is not a regular file") }
        if Int(info.st_size) > limit { return .tooLarge(size: Int(info.st_size)) }
        return readOpen(fd, size: Int(info.st_size))
    }

    /// Up to `size` bytes of an open regular file, read into an array not zeroed first.
    private static func readOpen(_ fd: Int32, size wanted: Int) -> SourceFile.Content {
        var failure: Int32 = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: wanted) { buffer, initialized in
            var filled = 0
            while filled < wanted {
                let n = POSIX.read(fd, buffer.baseAddress! + filled, wanted - filled)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    break
                }
                if n == 0 { break }
                filled += n
            }
            initialized = filled
        }
        if failure != 0 { return .unreadable(String(cString: strerror(failure))) }
        return .bytes(bytes)
    }
}
