import Foundation

/// What the process is attached to.
enum Terminal {
    /// Colour only on a terminal, and never when NO_COLOR is set to anything non-empty.
    static func wantsColor(fileDescriptor: Int32) -> Bool {
        if let noColor = ProcessInfo.processInfo.environment["NO_COLOR"], !noColor.isEmpty { return false }
        return isatty(fileDescriptor) == 1
    }

    /// Writes `text` to standard error; a failure ends the process with exit 2 (see `failed`).
    static func writeError(_ text: String) {
        var text = text
        text.withUTF8 { write(bytes: $0, to: STDERR_FILENO) }
    }

    /// Writes `text` to standard output from its own bytes (a large lint's output is 16 MB: no copy).
    static func write(_ text: String) {
        var text = text
        text.withUTF8 { write(bytes: $0, to: STDOUT_FILENO) }
    }

    /// Writes UTF-8 `bytes` to standard output.
    static func write(bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { write(bytes: $0, to: STDOUT_FILENO) }
    }

    /// Every byte, retrying short and interrupted writes; never traps (Foundation's `FileHandle.write` did).
    private static func write(bytes: UnsafeBufferPointer<UInt8>, to fd: Int32) {
        var written = 0
        while written < bytes.count {
            let n = POSIX.write(fd, bytes.baseAddress! + written, bytes.count - written)
            if n > 0 {
                written += n
            } else if n < 0, errno == EINTR {
                continue
            } else {
                failed(fd, errno: n < 0 ? errno : EIO)
            }
        }
    }

    /// A write that cannot be done (disk full, descriptor closed): exit 2, saying so on standard
    /// error when that is standard output's failure. A reader that closed the pipe early (EPIPE,
    /// with SIGPIPE ignored) ends the process quietly by SIGPIPE, as when it is not ignored.
    private static func failed(_ fd: Int32, errno code: Int32) -> Never {
        if code == EPIPE {
            signal(SIGPIPE, SIG_DFL)
            raise(SIGPIPE)
        }
        if fd == STDOUT_FILENO {
            let message = Array("playbook: cannot write standard output: \(String(cString: strerror(code)))\n".utf8)
            _ = message.withUnsafeBytes { POSIX.write(STDERR_FILENO, $0.baseAddress!, $0.count) }
        }
        exit(2)
    }
}
