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

    /// What the check found in one document: its diagnostics, and the empty values a comment took
    /// the place of (by the empty value's mark, with the comment) for `explaining` the findings there.
    struct Found {
        var diagnostics: [Diagnostic] = []
        var emptied: [Mark: String] = [:]
        /// The mapping values emptied, by their field's path (`exclusion_group`), with the comment.
        var emptiedFields: [String: String] = [:]
    }

    /// Each plain value of a mapping (an empty one written on its key's line), and each plain item of a list,
    /// that such a comment follows or stands in place of. `entity` is the document's id, when it has one.
    static func diagnostics(_ root: Node?, bytes: [UInt8], entity: String? = nil) -> Found {
        guard let root else { return Found() }
        let lineStarts = Self.lineStarts(bytes)
        let kind = Self.kind(of: root)
        var found = Found()
        // Each node with the field path it is the value of, or that its list is: a list item is named by its list's key.
        var pending: [(node: Node, path: [String])] = [(root, [])]
        while let (node, path) = pending.popLast() {
            switch node.value {
            case .scalar: break
            case .sequence(let items):
                // A list written `[…]` is quoted item by item; one written `- …` line by line.
                let flow = offset(of: node.mark, bytes: bytes, lineStarts: lineStarts).map { $0 < bytes.count && bytes[$0] == UInt8(ascii: "[") } ?? false
                for item in items {
                    pending.append((item, path))
                    guard case .scalar(let text, .plain) = item.value else { continue }
                    let place = Place.item(of: path.last, flow: flow, field: Field(kind: kind, path: path, item: true))
                    let dash = flow ? nil : Self.dashColumn(before: item.mark, bytes: bytes, lineStarts: lineStarts)
                    found.add(judge(place, text: text, at: item.mark, owner: dash, bytes: bytes, lineStarts: lineStarts), entity: entity, at: item.mark)
                }
            case .mapping(let pairs):
                for pair in pairs {
                    guard case .scalar(let name, _) = pair.key.value else {
                        pending.append((pair.value, []))
                        continue
                    }
                    pending.append((pair.value, path + [name]))
                    // A value begun on a later line (`title:⏎  Shoppers preferred …`) is judged too; an empty one only on its key's line.
                    guard case .scalar(let text, .plain) = pair.value.value, !text.isEmpty || pair.value.mark.line == pair.key.mark.line else { continue }
                    let place = Place.value(of: name, field: Field(kind: kind, path: path + [name], item: false))
                    let judged = judge(place, text: text, at: pair.value.mark, owner: pair.key.mark.column, bytes: bytes, lineStarts: lineStarts)
                    if let comment = judged?.emptied { found.emptiedFields[(path + [name]).joined(separator: ".")] = comment }
                    found.add(judged, entity: entity, at: pair.value.mark)
                }
            }
        }
        return found
    }

    /// A value cut by a comment, or a comment in an empty value's place.
    private static func judge(_ place: Place, text: String, at mark: Mark, owner: Int?, bytes: [UInt8], lineStarts: [Int]) -> (Diagnostic, emptied: String?)? {
        if text.isEmpty {
            return emptyValue(of: place, at: mark, bytes: bytes, lineStarts: lineStarts).map { ($0.diagnostic, $0.comment) }
        }
        // A number, a date, an id or a choice is read whole; only the note after it is left out, and quoted
        // with it the value would be text the field refuses: nothing the field can hold is lost, nothing said.
        // (Asked only of a value cut: the format is looked up for few values.)
        guard let diagnostic = cutValue(of: place, text: text, at: mark, owner: owner, bytes: bytes, lineStarts: lineStarts),
              place.holdsText else { return nil }
        return (diagnostic, nil)
    }

    /// The column of the `-` before a list item written on its line, if one is there.
    private static func dashColumn(before mark: Mark, bytes: [UInt8], lineStarts: [Int]) -> Int? {
        guard var index = offset(of: mark, bytes: bytes, lineStarts: lineStarts) else { return nil }
        var column = mark.column
        while index > 0, bytes[index - 1] == 0x20 { index -= 1; column -= 1 }
        guard index > 0, bytes[index - 1] == UInt8(ascii: "-") else { return nil }
        return column - 1
    }

    /// The document's kind, when its `kind` is one.
    private static func kind(of root: Node) -> Kind? {
        guard case .mapping(let pairs) = root.value else { return nil }
        for pair in pairs {
            if case .scalar("kind", _) = pair.key.value, case .scalar(let text, _) = pair.value.value { return Kind(rawValue: text) }
        }
        return nil
    }

    /// A value's field: the document's kind and the path of keys to it; `item` for each item of its list.
    private struct Field {
        var kind: Kind?
        var path: [String]
        var item: Bool

        var holdsText: Bool { CommentInValueCheck.holdsText(kind, path, item: item) }
    }

    /// Whether the field at `path` (or, for `item`, each of its list's items) holds free text, which quotes
    /// keep whole; a key the format does not know is taken for text.
    private static func holdsText(_ kind: Kind?, _ path: [String], item: Bool) -> Bool {
        // Ids written as text: quoted with a `#…`, they name nothing.
        if let last = path.last, last == "aligns_to" || last == "overlaps" { return false }
        guard let kind, !path.isEmpty, let type = FormatSpec.type(of: kind, at: path) else { return true }
        switch (type, item) {
        case (.text, _), (.textOrList, _), (.list(.text), true): return true
        default: return false
        }
    }

    /// What the cut text is: a mapping's value, or an item of a list (written `- …` or `[…]`), with its
    /// field, which says whether quotes can keep a `#…` in it.
    private enum Place {
        case value(of: String, field: Field)
        case item(of: String?, flow: Bool, field: Field)

        /// "title", "an item of learnings".
        var name: String {
            switch self {
            case .value(let key, _): key
            case .item(let key?, _, _): "an item of \(key)"
            case .item(nil, _, _): "an item of the list"
            }
        }

        var holdsText: Bool {
            switch self {
            case .value(_, let field), .item(_, _, let field): field.holdsText
            }
        }

        /// The text quoted as it is written in its place.
        func quoted(_ whole: String) -> String {
            switch self {
            case .value(let key, _): "\(key): \"\(whole)\""
            case .item(_, flow: false, _): "- \"\(whole)\""
            case .item(_, flow: true, _): "\"\(whole)\""
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

    /// `owner` is the column of the value's key or of the item's `-` (nil in a `[…]`): a line indented past it
    /// would continue the value, so one that starts `#word` there is the value's text read as a comment.
    private static func cutValue(of place: Place, text: String, at mark: Mark, owner: Int?, bytes: [UInt8], lineStarts: [Int]) -> Diagnostic? {
        guard let offset = offset(of: mark, bytes: bytes, lineStarts: lineStarts),
              let valueEnd = end(ofPlain: text, from: offset, bytes: bytes) else { return nil }
        var after = valueEnd
        while after < bytes.count, bytes[after] == 0x20 || bytes[after] == 0x09 { after += 1 }
        var nextLine = false
        if after == valueEnd || after >= bytes.count || bytes[after] != UInt8(ascii: "#") {
            // Nothing after the value on its line: the next line, if it would continue the value and starts `#word`.
            guard let owner, after < bytes.count, bytes[after] == 0x0A || bytes[after] == 0x0D else { return nil }
            after += bytes[after] == 0x0D && after + 1 < bytes.count && bytes[after + 1] == 0x0A ? 2 : 1
            let lineStart = after
            while after < bytes.count, bytes[after] == 0x20 { after += 1 }
            guard after - lineStart + 1 > owner, after < bytes.count, bytes[after] == UInt8(ascii: "#"),
                  after + 1 < bytes.count, startsWord(bytes[after + 1]) else { return nil }
            nextLine = true
        }
        guard after + 1 < bytes.count else { return nil }
        let next = bytes[after + 1]
        guard next != 0x20, next != 0x09, next != 0x0A, next != 0x0D, next != UInt8(ascii: "#") else { return nil }
        var end = after
        while end < bytes.count, bytes[end] != 0x0A, bytes[end] != 0x0D { end += 1 }
        if nextLine { while end > after, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 } }
        let comment = String(decoding: bytes[after..<end], as: UTF8.self)
        // As YAML reads the value (its lines folded), with what follows it on the line, or the next line's text.
        let rest = nextLine ? " " + comment : String(decoding: bytes[valueEnd..<end], as: UTF8.self)
        let whole = (text + rest).replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        let said = nextLine ? "\"\(comment)\" on the next line" : "\"\(comment)\""
        return Diagnostic(
            rule: LintRuleID.yamlCommentInValue, mark: Self.mark(atByte: after, bytes: bytes, lineStarts: lineStarts),
            message: "\(said) is read as a comment, so \(place.name) is only \"\(text)\"; if it belongs to the \(place.what), quote it: \(place.quoted(whole))")
    }

    /// Just past the plain scalar `text` written from `offset`: its words in order, the spaces and line
    /// breaks between them as YAML folds them left out of the comparison; nil when the bytes differ.
    private static func end(ofPlain text: String, from offset: Int, bytes: [UInt8]) -> Int? {
        var index = offset
        for byte in text.utf8 where byte != 0x20 && byte != 0x09 && byte != 0x0A {
            while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 || bytes[index] == 0x0A || bytes[index] == 0x0D { index += 1 }
            guard index < bytes.count, bytes[index] == byte else { return nil }
            index += 1
        }
        return index
    }

    /// Whether a byte after a `#` starts a word: a letter or a digit (any byte of a non-ASCII character counts).
    private static func startsWord(_ byte: UInt8) -> Bool {
        byte >= 0x80 || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z"))
    }

    /// The mark of a byte offset, its column counted in characters.
    private static func mark(atByte offset: Int, bytes: [UInt8], lineStarts: [Int]) -> Mark {
        var line = 0
        var (low, high) = (0, lineStarts.count - 1)
        while low <= high {
            let middle = (low + high) / 2
            if lineStarts[middle] <= offset { line = middle; low = middle + 1 } else { high = middle - 1 }
        }
        let characters = bytes[lineStarts[line]..<offset].reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
        return Mark(line: line + 1, column: characters + 1)
    }

    /// `segment: #paid only`, `- #dach`: YAML reads an empty value and a comment. Said when the `#` is
    /// followed straight by a letter or digit (as text is), not for `# …`, `##` or a bare `#`.
    private static func emptyValue(of place: Place, at mark: Mark, bytes: [UInt8], lineStarts: [Int]) -> (diagnostic: Diagnostic, comment: String)? {
        // An empty value's mark is just after its `:` or `-`, on that line.
        guard let offset = offset(of: mark, bytes: bytes, lineStarts: lineStarts) else { return nil }
        var hash = offset
        while hash < bytes.count, bytes[hash] == 0x20 || bytes[hash] == 0x09 { hash += 1 }
        guard hash > offset, hash + 1 < bytes.count, bytes[hash] == UInt8(ascii: "#") else { return nil }
        guard startsWord(bytes[hash + 1]) else { return nil }
        var end = hash
        while end < bytes.count, bytes[end] != 0x0A, bytes[end] != 0x0D { end += 1 }
        while end > hash, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        let comment = String(decoding: bytes[hash..<end], as: UTF8.self)
        let escaped = comment.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        let fix = place.holdsText ? "if it is the \(place.what), quote it: \(place.quoted(escaped))" : "write the \(place.what) before the \"#\""
        let diagnostic = Diagnostic(
            rule: LintRuleID.yamlCommentInValue, mark: Mark(line: mark.line, column: mark.column + (hash - offset)),
            message: "\"\(comment)\" is read as a comment, so \(place.name) is empty; \(fix)")
        return (diagnostic, comment)
    }

    /// `diagnostics` (the document's decoded ones) with each that is about a value a comment emptied saying so:
    /// "missing required field" there is the comment's doing.
    static func explaining(_ diagnostics: [Diagnostic], _ emptied: [Mark: String]) -> [Diagnostic] {
        guard !emptied.isEmpty else { return diagnostics }
        return diagnostics.map { diagnostic in
            guard let comment = emptied[diagnostic.mark] else { return diagnostic }
            var explained = diagnostic
            explained.message += " (\"\(comment)\" after it is read as a comment)"
            return explained
        }
    }

    /// Each collision of an experiment whose `exclusion_group: #…` was read as a comment says so where it says
    /// the pair shares no group (`ExclusionGroupComments.explaining`): otherwise it tells them to put into one
    /// group what they wrote as one. `groups`: experiment id → the comment written as its exclusion_group.
    static func explainCollisions(_ parts: inout [[LocatedDiagnostic]], groups: [String: String]) {
        guard !groups.isEmpty else { return }
        for part in parts.indices {
            for index in parts[part].indices where parts[part][index].diagnostic.rule == OverlapCollision.descriptor.id {
                let diagnostic = parts[part][index].diagnostic
                let ids = [diagnostic.entity].compactMap { $0 } + diagnostic.related
                parts[part][index].diagnostic.message = ExclusionGroupComments.explaining(diagnostic.message, ids: ids, groups: groups)
            }
        }
    }

    /// The byte offset where each line starts.
    private static func lineStarts(_ bytes: [UInt8]) -> [Int] {
        var starts = [0]
        for (index, byte) in bytes.enumerated() where byte == 0x0A { starts.append(index + 1) }
        return starts
    }
}

extension CommentInValueCheck.Found {
    fileprivate mutating func add(_ judged: (Diagnostic, emptied: String?)?, entity: String?, at mark: Mark) {
        guard let judged else { return }
        var diagnostic = judged.0
        diagnostic.entity = entity
        diagnostics.append(diagnostic)
        if let comment = judged.emptied { emptied[mark] = comment }
    }
}
