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

    /// Each plain value of a mapping written on its key's line, and each plain item of a list, that
    /// such a comment follows.
    static func diagnostics(_ root: Node?, bytes: [UInt8]) -> [Diagnostic] {
        guard let root else { return [] }
        let lineStarts = Self.lineStarts(bytes)
        var out: [Diagnostic] = []
        // Each node with the key it is the value of, or that its list is: a list item is named by its list's key.
        var pending: [(node: Node, key: String?)] = [(root, nil)]
        while let (node, key) = pending.popLast() {
            switch node.value {
            case .scalar: break
            case .sequence(let items):
                // A list written `[…]` is quoted item by item; one written `- …` line by line.
                let flow = offset(of: node.mark, bytes: bytes, lineStarts: lineStarts).map { $0 < bytes.count && bytes[$0] == UInt8(ascii: "[") } ?? false
                for item in items {
                    pending.append((item, key))
                    guard case .scalar(let text, .plain) = item.value, !text.isEmpty,
                          let finding = cutValue(of: .item(of: key, flow: flow), text: text, at: item.mark, bytes: bytes, lineStarts: lineStarts) else { continue }
                    out.append(finding)
                }
            case .mapping(let pairs):
                for pair in pairs {
                    guard case .scalar(let name, _) = pair.key.value else {
                        pending.append((pair.value, nil))
                        continue
                    }
                    pending.append((pair.value, name))
                    guard case .scalar(let text, .plain) = pair.value.value,
                          pair.value.mark.line == pair.key.mark.line, !text.isEmpty,
                          let finding = cutValue(of: .value(of: name), text: text, at: pair.value.mark, bytes: bytes, lineStarts: lineStarts) else { continue }
                    out.append(finding)
                }
            }
        }
        return out
    }

    /// What the cut text is: a mapping's value, or an item of a list (written `- …` or `[…]`).
    private enum Place {
        case value(of: String)
        case item(of: String?, flow: Bool)

        /// "title", "an item of learnings".
        var name: String {
            switch self {
            case .value(let key): key
            case .item(let key?, _): "an item of \(key)"
            case .item(nil, _): "an item of the list"
            }
        }

        /// The text quoted as it is written in its place.
        func quoted(_ whole: String) -> String {
            switch self {
            case .value(let key): "\(key): \"\(whole)\""
            case .item(_, flow: false): "- \"\(whole)\""
            case .item(_, flow: true): "\"\(whole)\""
            }
        }

        var what: String {
            if case .value = self { "value" } else { "item" }
        }
    }

    /// The byte offset of a mark (its column counts characters), or nil past the text.
    private static func offset(of mark: Mark, bytes: [UInt8], lineStarts: [Int]) -> Int? {
        guard mark.line >= 1, mark.line - 1 < lineStarts.count else { return nil }
        var offset = lineStarts[mark.line - 1]
        // Columns count characters: step over the code points before the mark.
        var column = 1
        while column < mark.column, offset < bytes.count, bytes[offset] != 0x0A {
            offset += 1
            while offset < bytes.count, bytes[offset] & 0xC0 == 0x80 { offset += 1 }
            column += 1
        }
        return offset
    }

    private static func cutValue(of place: Place, text: String, at mark: Mark, bytes: [UInt8], lineStarts: [Int]) -> Diagnostic? {
        guard let offset = offset(of: mark, bytes: bytes, lineStarts: lineStarts) else { return nil }
        let written = Array(text.utf8)
        // A value over lines (folded by YAML) does not match its bytes: not judged.
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
            message: "\"\(comment)\" is read as a comment, so \(place.name) is only \"\(text)\"; if it belongs to the \(place.what), quote it: \(place.quoted(whole))")
    }

    /// The byte offset where each line starts.
    private static func lineStarts(_ bytes: [UInt8]) -> [Int] {
        var starts = [0]
        for (index, byte) in bytes.enumerated() where byte == 0x0A { starts.append(index + 1) }
        return starts
    }
}
