import PlaybookModel
import PlaybookYAML

/// `title: Screenshots #2 in DE`: YAML starts a comment at a `#` after a space, so the value is
/// cut to "Screenshots" without a word said. A `#` followed straight by a word or digit reads as part
/// of the text to a person (an issue number, a hashtag), where a comment is written `# …`.
enum CommentInValueCheck {
    /// Whether the bytes hold a space, a `#` and then something other than a space or `#` (one pass;
    /// most files have no such place and are not walked).
    static func mayHold(_ bytes: [UInt8]) -> Bool {
        var index = 1
        while index + 1 < bytes.count {
            if bytes[index] == UInt8(ascii: "#"), bytes[index - 1] == 0x20 || bytes[index - 1] == 0x09 {
                let next = bytes[index + 1]
                if next != 0x20, next != 0x09, next != 0x0A, next != 0x0D, next != UInt8(ascii: "#") { return true }
            }
            index += 1
        }
        return false
    }

    /// Each plain value of a mapping, written on its key's line, that such a comment follows.
    static func diagnostics(_ root: Node?, bytes: [UInt8]) -> [Diagnostic] {
        guard let root else { return [] }
        let lineStarts = Self.lineStarts(bytes)
        var out: [Diagnostic] = []
        var pending = [root]
        while let node = pending.popLast() {
            switch node.value {
            case .scalar: break
            case .sequence(let items): pending += items
            case .mapping(let pairs):
                for pair in pairs {
                    pending.append(pair.value)
                    guard case .scalar(let key, _) = pair.key.value, case .scalar(let text, .plain) = pair.value.value,
                          pair.value.mark.line == pair.key.mark.line, !text.isEmpty,
                          let finding = cutValue(key: key, text: text, at: pair.value.mark, bytes: bytes, lineStarts: lineStarts) else { continue }
                    out.append(finding)
                }
            }
        }
        return out
    }

    private static func cutValue(key: String, text: String, at mark: Mark, bytes: [UInt8], lineStarts: [Int]) -> Diagnostic? {
        guard mark.line - 1 < lineStarts.count else { return nil }
        var offset = lineStarts[mark.line - 1]
        // Columns count characters: step over the code points before the value.
        var column = 1
        while column < mark.column, offset < bytes.count, bytes[offset] != 0x0A {
            offset += 1
            while offset < bytes.count, bytes[offset] & 0xC0 == 0x80 { offset += 1 }
            column += 1
        }
        let written = Array(text.utf8)
        guard offset + written.count <= bytes.count, bytes[offset..<(offset + written.count)].elementsEqual(written) else { return nil }
        var after = offset + written.count
        var spaces = 0
        while after < bytes.count, bytes[after] == 0x20 || bytes[after] == 0x09 { after += 1; spaces += 1 }
        guard spaces > 0, after + 1 < bytes.count, bytes[after] == UInt8(ascii: "#") else { return nil }
        let next = bytes[after + 1]
        guard next != 0x20, next != 0x09, next != 0x0A, next != 0x0D, next != UInt8(ascii: "#") else { return nil }
        var end = after
        while end < bytes.count, bytes[end] != 0x0A, bytes[end] != 0x0D { end += 1 }
        let comment = String(decoding: bytes[after..<end], as: UTF8.self)
        let whole = String(decoding: bytes[offset..<end], as: UTF8.self).replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "\"", with: "\\\"")
        let hashColumn = mark.column + text.unicodeScalars.count + spaces
        return Diagnostic(
            rule: LintRuleID.yamlCommentInValue, mark: Mark(line: mark.line, column: hashColumn),
            message: "\"\(comment)\" is read as a comment, so \(key) is only \"\(text)\"; if it belongs to the value, quote it: \(key): \"\(whole)\"")
    }

    /// The byte offset where each line starts.
    private static func lineStarts(_ bytes: [UInt8]) -> [Int] {
        var starts = [0]
        for (index, byte) in bytes.enumerated() where byte == 0x0A { starts.append(index + 1) }
        return starts
    }
}
