/// Finds the lines a merge leaves around a conflict it could not resolve (`<<<<<<< HEAD`,
/// `=======`, `>>>>>>> branch`, and `|||||||` in the diff3 style), at the start of a line.
///
/// Only asked after libyaml failed, and only about lines up to the failure. Text of a block scalar
/// (`|`, `>`) or a quoted scalar may hold such a line: indented, it is no marker (a block scalar's
/// text is always indented: libyaml reads none at column 1); at column 1 in a quoted scalar,
/// it is one only if the file fails at or after it.
enum ConflictMarkers {
    /// The first marker line up to line `lastLine`: the marker as written and its mark (column 1).
    static func first(in text: SourceText, through lastLine: Int) -> (marker: String, mark: Mark)? {
        let bytes = text.bytes
        var line = 1
        var i = 0
        while i < bytes.count, line <= lastLine {
            if let marker = marker(at: i, in: bytes) {
                return (marker, Mark(line: line, column: 1))
            }
            // Skip to the start of the next line.
            let (next, broke) = text.skipLine(from: i)
            i = next
            if broke { line += 1 }
        }
        return nil
    }

    /// The marker starting at `offset`: seven of `<`, `=`, `|` or `>`, then a space or the line's end.
    private static func marker(at offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard offset + 7 <= bytes.count else { return nil }
        let character = bytes[offset]
        guard character == UInt8(ascii: "<") || character == UInt8(ascii: "=")
            || character == UInt8(ascii: "|") || character == UInt8(ascii: ">") else { return nil }
        for i in offset..<offset + 7 where bytes[i] != character { return nil }
        if offset + 7 < bytes.count {
            let next = bytes[offset + 7]
            guard next == 0x20 || next == 0x0A || next == 0x0D else { return nil }
            // `=======` stands alone on its line.
            if character == UInt8(ascii: "="), next == 0x20 { return nil }
        }
        return String(repeating: Character(Unicode.Scalar(character)), count: 7)
    }
}
