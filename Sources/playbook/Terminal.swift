import Foundation

/// What the process is attached to.
enum Terminal {
    /// Colour only on a terminal, and never when NO_COLOR is set to anything non-empty.
    static func wantsColor(fileDescriptor: Int32) -> Bool {
        if let noColor = ProcessInfo.processInfo.environment["NO_COLOR"], !noColor.isEmpty { return false }
        return isatty(fileDescriptor) == 1
    }

    static func writeError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Writes `text` to standard output from its own bytes (a large lint's output is 16 MB: no copy).
    static func write(_ text: String) {
        var text = text
        text.withUTF8 { write(bytes: $0) }
    }

    /// Writes UTF-8 `bytes` to standard output.
    static func write(bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { write(bytes: $0) }
    }

    private static func write(bytes: UnsafeBufferPointer<UInt8>) {
        var written = 0
        while written < bytes.count {
            let n = POSIX.write(STDOUT_FILENO, bytes.baseAddress! + written, bytes.count - written)
            if n > 0 {
                written += n
            } else if n < 0, errno == EINTR {
                continue
            } else {
                // What is left goes through FileHandle, which reports a failure as it always has.
                FileHandle.standardOutput.write(Data(bytes[written...]))
                return
            }
        }
    }
}
