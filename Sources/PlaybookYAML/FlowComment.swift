/// `regions: [de, fr #3]`: inside `[…]` and `{…}` too, a `#` after a space starts a comment that runs
/// to the line's end, so it hides the `]` (or the `,` after the item) and libyaml fails on a later
/// line with "did not find expected ',' or ']'". Found here, the error is said at the `#`, with the fix.
enum FlowComment {
    /// The comment inside a flow collection that hid its `,`, `]` or `}`, when libyaml's failure is
    /// that one; nil for any other failure.
    static func problem(_ error: LibYAMLError, problemOffset: Int, in text: SourceText) -> YAMLProblem? {
        guard error.problem == "did not find expected ',' or ']'" || error.problem == "did not find expected ',' or '}'",
              let contextMark = error.contextMark else { return nil }
        let bytes = text.bytes
        // From the start of the line where the collection opens, so that a `[…]` inside a `{…}` knows the `}`.
        var index = text.byteOffset(ofLine: contextMark.line)
        guard index <= text.byteOffset(of: contextMark) else { return nil }
        let end = min(problemOffset, bytes.count)
        var open: [UInt8] = []
        // Whether the next byte that is not a space starts an item or a value (where a quote opens a quoted scalar).
        var atItemStart = true
        while index < end {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                open.append(byte)
                atItemStart = true
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                _ = open.popLast()
                atItemStart = false
            case UInt8(ascii: ","):
                atItemStart = true
            case UInt8(ascii: ":") where index + 1 < end && (bytes[index + 1] == 0x20 || bytes[index + 1] == 0x09):
                atItemStart = true
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                // An apostrophe inside a word (`it's`) opens nothing.
                if atItemStart {
                    index = text.end(ofQuoted: byte, from: index)
                    atItemStart = false
                    continue
                }
            case UInt8(ascii: "#") where index > 0 && (bytes[index - 1] == 0x20 || bytes[index - 1] == 0x09):
                var lineEnd = index
                while lineEnd < bytes.count, bytes[lineEnd] != 0x0A, bytes[lineEnd] != 0x0D { lineEnd += 1 }
                // A comment that hides no `,` or bracket, or stands on a line of its own, is not what libyaml stumbled over.
                let structural = { (byte: UInt8) in byte == UInt8(ascii: ",") || byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}") }
                if !atLineStart(index, in: bytes), let hidden = bytes[index..<lineEnd].firstIndex(where: structural),
                   let last = bytes[index..<lineEnd].lastIndex(where: structural), let inner = open.last {
                    return said(error, hash: index, hidden: hidden, last: last, lineEnd: lineEnd, inner: inner, in: text)
                }
                index = lineEnd
                continue
            case 0x20, 0x09, 0x0A, 0x0D:
                break
            default:
                atItemStart = false
            }
            index += 1
        }
        return nil
    }

    /// Whether only spaces and tabs stand before `index` on its line.
    private static func atLineStart(_ index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var start = index
        while start > 0, bytes[start - 1] == 0x20 || bytes[start - 1] == 0x09 { start -= 1 }
        return start == 0 || bytes[start - 1] == 0x0A || bytes[start - 1] == 0x0D
    }

    /// `hidden` is the first `,`, `]` or `}` in the comment, `last` the last, after which the comment may go.
    private static func said(_ error: LibYAMLError, hash: Int, hidden: Int, last: Int, lineEnd: Int, inner: UInt8, in text: SourceText) -> YAMLProblem {
        let bytes = text.bytes
        var lineStart = hash
        while lineStart > 0, bytes[lineStart - 1] != 0x0A, bytes[lineStart - 1] != 0x0D { lineStart -= 1 }
        // The item the `#` follows: back to the `[`, `{` or `,` before it (in a mapping, its key's `: `).
        var itemStart = hash
        while itemStart > lineStart {
            let previous = bytes[itemStart - 1]
            if previous == UInt8(ascii: "[") || previous == UInt8(ascii: "{") || previous == UInt8(ascii: ",") { break }
            if inner == UInt8(ascii: "{"), previous == 0x20, itemStart >= 2, bytes[itemStart - 2] == UInt8(ascii: ":") { break }
            itemStart -= 1
        }
        while itemStart < hash, bytes[itemStart] == 0x20 || bytes[itemStart] == 0x09 { itemStart += 1 }
        var itemEnd = hidden
        while itemEnd > hash, bytes[itemEnd - 1] == 0x20 || bytes[itemEnd - 1] == 0x09 { itemEnd -= 1 }
        // The same judgement as yaml-comment-in-value: `#` straight before a word reads as part of the text,
        // `# …` as a comment; a quoted item is not cut.
        let next = hash + 1 < lineEnd ? bytes[hash + 1] : 0x20
        let looksLikeText = next != 0x20 && next != 0x09 && next != UInt8(ascii: "#")
        let first = bytes[itemStart]
        var quoted: String?
        // `confidence: 8 #high`: a number, date or boolean is read whole, and quoted with its `#…` it would be text.
        if looksLikeText, itemStart < hash, first != UInt8(ascii: "\""), first != UInt8(ascii: "'"),
           !readsAsNumberDateOrBoolean(bytes, itemStart, hash) {
            var indentEnd = lineStart
            while indentEnd < itemStart, bytes[indentEnd] == 0x20 { indentEnd += 1 }
            var item = ""
            for character in string(bytes, itemStart, itemEnd) {
                if character == "\\" || character == "\"" { item.append("\\") }
                item.append(character)
            }
            quoted = string(bytes, indentEnd, itemStart) + "\"" + item + "\"" + string(bytes, itemEnd, lineEnd)
        }
        return .commentInFlow(
            error, comment: string(bytes, hash, lineEnd), hides: bytes[hidden], inMapping: inner == UInt8(ascii: "{"),
            quoted: quoted, after: bytes[last], at: text.mark(atByteOffset: hash))
    }

    /// Whether the plain text in `start..<end` (spaces after it left out) reads as a number, a date or a
    /// boolean: digits with signs, points, dashes, colons or an exponent, or `true` / `false`.
    private static func readsAsNumberDateOrBoolean(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var end = end
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        let text = string(bytes, start, end)
        if ["true", "false"].contains(text.lowercased()) { return true }
        let digits = text.utf8.contains { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        return digits && text.utf8.allSatisfy { byte in
            (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || "+-.:_eE".utf8.contains(byte)
        }
    }

    private static func string(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<max(start, end)]), as: UTF8.self)
    }
}
