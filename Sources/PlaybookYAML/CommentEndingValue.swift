/// `change: showing a card in⏎    the #2 slot⏎    instead of the quote`: the ` #2` starts a comment, which ends
/// the plain value on its line, and libyaml fails on the next line with "did not find expected key" (in a list,
/// "did not find expected '-' indicator"). So does a line of the value that starts `#word`
/// (`- Shoppers preferred the bundle⏎    #2 layout over the grid⏎    on mobile`): the whole line is a comment.
/// Found here, the error is said at the `#`, as yaml-comment-in-value would say a value it cut.
enum CommentEndingValue {
    /// The comment before libyaml's failure that ended the value the failing line goes on with, when that
    /// is the failure; nil otherwise.
    static func problem(_ error: LibYAMLError, problemOffset: Int, in text: SourceText) -> YAMLProblem? {
        guard error.problem == "did not find expected key" || error.problem == "did not find expected '-' indicator",
              let contextMark = error.contextMark else { return nil }
        let bytes = text.bytes
        // The column (from 0) of the mapping's keys or the list's `-`: a line indented past it goes on with a value.
        let owner = contextMark.column - 1
        var failing = min(problemOffset, bytes.count)
        while failing > 0, bytes[failing - 1] != 0x0A, bytes[failing - 1] != 0x0D { failing -= 1 }
        guard indentation(at: failing, in: bytes) > owner else { return nil }
        // Back over blank lines and the comment lines just before the failing line: the first of those comments
        // (a line of its own, indented past the key or `-`) is the one that ended the value.
        var hash: Int?
        var line = lineBefore(failing, in: bytes)
        while let current = line {
            let indent = indentation(at: current.start, in: bytes)
            let first = current.start + indent
            if first < current.end, bytes[first] != UInt8(ascii: "#") { break }
            if first < current.end {
                guard indent > owner else { return nil }
                hash = first
            }
            line = lineBefore(current.start, in: bytes)
        }
        // The value's last line before the comment, then its lines back to the key's or item's line.
        guard let last = line else { return nil }
        var valueLine = last
        while indentation(at: valueLine.start, in: bytes) > owner || isBlank(valueLine, in: bytes) {
            guard let previous = lineBefore(valueLine.start, in: bytes) else { return nil }
            let first = previous.start + indentation(at: previous.start, in: bytes)
            // A comment among the value's lines: the value ended there, not where libyaml failed.
            if first < previous.end, bytes[first] == UInt8(ascii: "#") { return nil }
            valueLine = previous
        }
        guard var valueStart = valueStart(onOwnerLine: valueLine, column: owner, in: bytes) else { return nil }
        if valueStart == valueLine.end || bytes[valueStart] == UInt8(ascii: "#") {
            // Nothing after the key or `-`: the value starts on the next line, which must be plain text.
            guard valueLine.start != last.start, let next = lineAfter(valueLine.end, in: bytes) else { return nil }
            valueStart = next.start + indentation(at: next.start, in: bytes)
            guard valueStart < next.end, startsPlain(at: valueStart, in: bytes) else { return nil }
        } else {
            guard startsPlain(at: valueStart, in: bytes) else { return nil }
        }
        // A ` #` on the value's last line, after the value has started, ended it there, before any comment line.
        var midLine = false
        var index = last.start == valueLine.start ? valueStart : last.start + indentation(at: last.start, in: bytes)
        while index + 1 < last.end {
            if bytes[index] == UInt8(ascii: "#"), bytes[index - 1] == 0x20 || bytes[index - 1] == 0x09 {
                hash = index
                midLine = true
                break
            }
            index += 1
        }
        // Written `# …`, it is a comment, and the value's line after it a mistake of its own.
        guard let hash, hash + 1 < bytes.count, startsWord(bytes[hash + 1]) else { return nil }
        var end = hash
        while end < bytes.count, bytes[end] != 0x0A, bytes[end] != 0x0D { end += 1 }
        while end > hash, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        let comment = String(decoding: UnsafeBufferPointer(rebasing: bytes[hash..<end]), as: UTF8.self)
        var problem = YAMLProblem.syntax(
            problem: error.problem, context: error.context, contextMark: contextMark, at: text.mark(atByteOffset: hash))
        let place = midLine ? "" : " at the start of its line"
        problem.message += "; \"\(comment)\"\(place) is read as a comment, which ends the value, so line \(text.mark(atByteOffset: failing).line) "
            + "cannot go on with it; if the # belongs to the value, quote the whole value"
        return problem
    }

    /// A line's start and end (before its line break).
    private typealias Line = (start: Int, end: Int)

    /// The line before the one starting at `start`, if there is one.
    private static func lineBefore(_ start: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Line? {
        guard start > 0 else { return nil }
        var end = start - 1
        if end > 0, bytes[end] == 0x0A, bytes[end - 1] == 0x0D { end -= 1 }
        var lineStart = end
        while lineStart > 0, bytes[lineStart - 1] != 0x0A, bytes[lineStart - 1] != 0x0D { lineStart -= 1 }
        return (lineStart, end)
    }

    /// The line after the one ending at `end` (at its line break), if there is one.
    private static func lineAfter(_ end: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Line? {
        guard end < bytes.count else { return nil }
        let start = end + (bytes[end] == 0x0D && end + 1 < bytes.count && bytes[end + 1] == 0x0A ? 2 : 1)
        guard start < bytes.count else { return nil }
        var lineEnd = start
        while lineEnd < bytes.count, bytes[lineEnd] != 0x0A, bytes[lineEnd] != 0x0D { lineEnd += 1 }
        return (start, lineEnd)
    }

    /// Where the value starts on the line of its key or `-` (the key or `-` at `column`, from 0; before it
    /// only the spaces and `- ` of the lists it is in), or nil when the line is not such a line.
    private static func valueStart(onOwnerLine line: Line, column: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let at = line.start + column
        guard at < line.end, bytes[line.start..<at].allSatisfy({ $0 == 0x20 || $0 == UInt8(ascii: "-") }) else { return nil }
        var index: Int
        if bytes[at] == UInt8(ascii: "-"), at + 1 == line.end || bytes[at + 1] == 0x20 {
            index = at + 1
        } else {
            // A key's line: the value after its `: `.
            index = at
            while index < line.end, !(bytes[index] == UInt8(ascii: ":") && (index + 1 == line.end || bytes[index + 1] == 0x20)) { index += 1 }
            guard index < line.end else { return nil }
            index += 1
        }
        while index < line.end, bytes[index] == 0x20 { index += 1 }
        return index
    }

    /// Whether a value starting at `index` is plain text (not quoted, a block scalar, a collection, an anchor…).
    private static func startsPlain(at index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        if bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "?") {
            return index + 1 < bytes.count && !(bytes[index + 1] == 0x20 || bytes[index + 1] == 0x0A || bytes[index + 1] == 0x0D)
        }
        return !"\"'|>[{&*!%@`#".utf8.contains(bytes[index])
    }

    /// Whether a line holds nothing but spaces.
    private static func isBlank(_ line: Line, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes[line.start..<line.end].allSatisfy { $0 == 0x20 }
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
