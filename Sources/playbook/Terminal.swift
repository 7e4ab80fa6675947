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

    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
