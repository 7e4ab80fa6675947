/// Positions in UTF-8 text, counted the way libyaml counts them, so that marks we
/// compute ourselves (encoding problems, tabs) agree with the marks libyaml reports.
///
/// libyaml treats LF, CR, CR LF (one break), NEL (U+0085), LS (U+2028) and PS (U+2029)
/// as line breaks, and counts columns in characters (code points).
struct SourceText {
    let bytes: UnsafeBufferPointer<UInt8>

    /// Length in bytes of the line break starting at `offset`, or 0 if there is none.
    func lineBreakLength(at offset: Int) -> Int {
        let count = bytes.count
        guard offset < count else { return 0 }
        switch bytes[offset] {
        case 0x0A:
            return 1
        case 0x0D:
            return offset + 1 < count && bytes[offset + 1] == 0x0A ? 2 : 1
        case 0xC2:
            return offset + 1 < count && bytes[offset + 1] == 0x85 ? 2 : 0
        case 0xE2:
            guard offset + 2 < count, bytes[offset + 1] == 0x80 else { return 0 }
            return bytes[offset + 2] == 0xA8 || bytes[offset + 2] == 0xA9 ? 3 : 0
        default:
            return 0
        }
    }

    /// Where the line holding `offset` ends, past its line break (the text's end when it has none), and
    /// whether a line break was passed.
    func skipLine(from offset: Int) -> (next: Int, broke: Bool) {
        var i = offset
        while i < bytes.count {
            let breakLength = lineBreakLength(at: i)
            if breakLength > 0 { return (i + breakLength, true) }
            i += 1
        }
        return (i, false)
    }

    /// The mark of the byte at `offset` (or of the end of the text).
    ///
    /// Bytes before `offset` are expected to be valid UTF-8; any byte that is not a
    /// continuation byte starts a new character.
    func mark(atByteOffset offset: Int) -> Mark {
        let end = min(max(offset, 0), bytes.count)
        var line = 1
        var column = 1
        var i = 0
        while i < end {
            let breakLength = lineBreakLength(at: i)
            // A CR LF that straddles `offset` is not crossed: the LF still belongs to the CR's line.
            if breakLength > 0, i + breakLength <= end {
                line += 1
                column = 1
                i += breakLength
                continue
            }
            if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return Mark(line: line, column: column)
    }

    /// The byte offset where 1-based `line` starts, or the end of the text when it has fewer lines.
    func byteOffset(ofLine line: Int) -> Int {
        var current = 1
        var i = 0
        while current < line, i < bytes.count {
            let breakLength = lineBreakLength(at: i)
            if breakLength > 0 {
                current += 1
                i += breakLength
            } else {
                i += 1
            }
        }
        return i
    }

    /// The byte offset of libyaml's 0-based character index, clamped to the text.
    func byteOffset(ofCharacterIndex index: Int) -> Int {
        var characters = 0
        var i = 0
        while i < bytes.count {
            if bytes[i] & 0xC0 != 0x80 {
                if characters == index { return i }
                characters += 1
            }
            i += 1
        }
        return bytes.count
    }

    /// The byte offset of a mark, its column counted in characters as libyaml counts them.
    func byteOffset(of mark: Mark) -> Int {
        var offset = byteOffset(ofLine: mark.line)
        var column = 1
        while column < mark.column, offset < bytes.count, lineBreakLength(at: offset) == 0 {
            offset += 1
            while offset < bytes.count, bytes[offset] & 0xC0 == 0x80 { offset += 1 }
            column += 1
        }
        return offset
    }

    /// Just past the quoted scalar that opens at `start` (`''` inside single quotes, `\"` inside
    /// double), or the end of the text when it is never closed.
    func end(ofQuoted quote: UInt8, from start: Int) -> Int {
        var index = start + 1
        while index < bytes.count {
            if quote == UInt8(ascii: "\""), bytes[index] == UInt8(ascii: "\\") {
                index += 2
                continue
            }
            if bytes[index] == quote {
                if quote == UInt8(ascii: "'"), index + 1 < bytes.count, bytes[index + 1] == quote {
                    index += 2
                    continue
                }
                return index + 1
            }
            index += 1
        }
        return bytes.count
    }

    /// True when a document's `---` or `...` line starts at `offset`: the end of what the document holds.
    func isDocumentMarker(at offset: Int) -> Bool {
        guard offset + 3 <= bytes.count, offset == 0 || bytes[offset - 1] == 0x0A || bytes[offset - 1] == 0x0D,
              bytes[offset..<offset + 3].elementsEqual("---".utf8) || bytes[offset..<offset + 3].elementsEqual("...".utf8)
        else { return false }
        return offset + 3 == bytes.count || [0x20, 0x09, 0x0A, 0x0D].contains(bytes[offset + 3])
    }

    /// The text of 1-based `line`, without its line break.
    func text(ofLine line: Int) -> String {
        let start = byteOffset(ofLine: line)
        var end = start
        while end < bytes.count, lineBreakLength(at: end) == 0 { end += 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }
}
