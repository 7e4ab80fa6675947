import Foundation
import PlaybookModel

/// What `-o PATH` names when it already exists, and how a report is written there: a regular
/// file (or a new name) is replaced atomically; a FIFO, a character device (`/dev/null`, a
/// terminal) or a descriptor link (`/dev/stdout`, `/dev/fd/N`, `>(cmd)`) is written into, as a
/// shell's `>` does, and never replaced by a regular file; anything else is refused.
enum OutputTarget {
    enum Kind: Equatable {
        case newOrRegular
        case stream
        /// A link to an open descriptor of this process: written to that descriptor, at its offset.
        case descriptor(Int32)
        case refused(String)
    }

    static func kind(of path: String) -> Kind {
        var info = stat()
        guard lstat(path, &info) == 0 else { return .newOrRegular }
        var kind = info.st_mode & S_IFMT
        if kind == S_IFLNK {
            // A link is followed only to a stream: a link to a regular file is replaced as before
            // (the atomic write replaces the link itself); a dangling link is a new name.
            var target = stat()
            guard stat(path, &target) == 0 else { return .newOrRegular }
            let followed = target.st_mode & S_IFMT
            if let fd = descriptor(linkedFrom: path) { return .descriptor(fd) }
            guard followed == S_IFIFO || followed == S_IFCHR || followed == S_IFSOCK else { return .newOrRegular }
            kind = followed
        }
        switch kind {
        case S_IFREG: return .newOrRegular
        case S_IFIFO, S_IFCHR: return .stream
        case S_IFDIR: return .refused("it is a folder")
        case S_IFSOCK: return .refused("it is a socket")
        case S_IFBLK: return .refused("it is a block device")
        default: return .refused("it exists and is not a regular file")
        }
    }

    /// N for `/proc/self/fd/N`, `/dev/fd/N` or a link leading to one (what `/dev/stdout` is on Linux).
    private static func descriptor(linkedFrom path: String) -> Int32? {
        var current = Workspace.normalized(path)
        for _ in 0..<8 {
            for prefix in ["/proc/self/fd/", "/dev/fd/", "/proc/thread-self/fd/"] where current.hasPrefix(prefix) {
                guard let fd = Int32(current.dropFirst(prefix.count)), fcntl(fd, F_GETFD) != -1 else { return nil }
                return fd
            }
            var buffer = [CChar](repeating: 0, count: 4097)
            let count = readlink(current, &buffer, buffer.count - 1)
            guard count > 0 else { return nil }
            let target = String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            current = Workspace.normalized(PathSpelling.isAbsolute(target) ? target : (current as NSString).deletingLastPathComponent + "/" + target)
        }
        return nil
    }

    /// Opens `path` for writing without creating or replacing it, and writes `bytes` into it.
    static func writeInto(_ path: String, _ bytes: [UInt8]) throws(AtomicFile.Refusal) {
        var fd: Int32
        repeat { fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC) } while fd < 0 && errno == EINTR
        guard fd >= 0 else { throw AtomicFile.Refusal(description: String(cString: strerror(errno))) }
        defer { close(fd) }
        try write(bytes, to: fd)
    }

    /// Writes every byte to `fd`, retrying short writes.
    static func write(_ bytes: [UInt8], to fd: Int32) throws(AtomicFile.Refusal) {
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { POSIX.write(fd, $0.baseAddress! + written, bytes.count - written) }
            if n < 0 {
                if errno == EINTR { continue }
                throw AtomicFile.Refusal(description: String(cString: strerror(errno)))
            }
            written += n
        }
    }
}
