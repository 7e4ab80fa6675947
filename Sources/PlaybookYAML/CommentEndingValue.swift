/// `change: showing a card in⏎    the #2 slot⏎    instead of the quote`: the ` #2` starts a comment, which ends
/// the plain value on its line, and libyaml fails on the next line with "did not find expected key".
/// Found here, the error is said at the `#`, as yaml-comment-in-value would say a value it cut.
enum CommentEndingValue {
    /// The comment on the line before libyaml's failure that ended the value the failing line goes on
    /// with, when that is the failure; nil otherwise.
    static func problem(_ error: LibYAMLError, problemOffset: Int, in text: SourceText) -> YAMLProblem? {
        guard error.problem == "did not find expected key", let contextMark = error.contextMark else { return nil }
        let bytes = text.bytes
        var lineStart = min(problemOffset, bytes.count)
        while lineStart > 0, bytes[lineStart - 1] != 0x0A, bytes[lineStart - 1] != 0x0D { lineStart -= 1 }
        // The failing line goes on with a value: indented past the mapping's keys.
        guard indentation(at: lineStart, in: bytes) + 1 > contextMark.column, lineStart > 0 else { return nil }
        var previousEnd = lineStart - 1
        if previousEnd > 0, bytes[previousEnd] == 0x0A, bytes[previousEnd - 1] == 0x0D { previousEnd -= 1 }
        var previousStart = previousEnd
        while previousStart > 0, bytes[previousStart - 1] != 0x0A, bytes[previousStart - 1] != 0x0D { previousStart -= 1 }
        let indent = indentation(at: previousStart, in: bytes)
        var index = previousStart + indent
        // A key's line (at the mapping's column): the value after its `: `, which must be plain.
        if indent + 1 == contextMark.column {
            while index + 1 < previousEnd, !(bytes[index] == UInt8(ascii: ":") && bytes[index + 1] == 0x20) { index += 1 }
            index += 1
            while index < previousEnd, bytes[index] == 0x20 { index += 1 }
            guard index < previousEnd, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "'") else { return nil }
        } else if indent + 1 < contextMark.column || (index < previousEnd && bytes[index] == UInt8(ascii: "#")) {
            return nil
        }
        while index + 1 < previousEnd {
            if bytes[index] == UInt8(ascii: "#"), bytes[index - 1] == 0x20 || bytes[index - 1] == 0x09 {
                // Written `# …`, it is a comment, and the value's line after it a mistake of its own.
                guard startsWord(bytes[index + 1]) else { return nil }
                var end = previousEnd
                while end > index, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
                let comment = String(decoding: UnsafeBufferPointer(rebasing: bytes[index..<end]), as: UTF8.self)
                var problem = YAMLProblem.syntax(
                    problem: error.problem, context: error.context, contextMark: contextMark, at: text.mark(atByteOffset: index))
                problem.message += "; \"\(comment)\" is read as a comment, which ends the value, so line \(text.mark(atByteOffset: lineStart).line) "
                    + "cannot go on with it; if the # belongs to the value, quote the whole value"
                return problem
            }
            index += 1
        }
        return nil
    }

    private static func indentation(at start: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var index = start
        while index < bytes.count, bytes[index] == 0x20 { index += 1 }
        return index - start
    }

    /// A letter or a digit (any byte of a non-ASCII character counts), as yaml-comment-in-value judges text.
    private static func startsWord(_ byte: UInt8) -> Bool {
        byte >= 0x80 || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z"))
    }
}
