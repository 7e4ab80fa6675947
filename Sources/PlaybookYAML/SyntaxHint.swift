/// What a line that libyaml could not read most likely needs, said in the words of someone filling
/// in a playbook file: libyaml's reasons ("mapping values are not allowed in this context", "found
/// character that cannot start any token") name the grammar, not the fix, and the fix is nearly
/// always to quote a value.
enum SyntaxHint {
    /// A hint for the line where libyaml stopped (its text without the line break), or nil;
    /// `previousLine` is the last line before it that is neither blank nor a comment.
    static func hint(forLine line: String, previousLine: String?, problem: String) -> String? {
        let indent = line.prefix { $0 == " " }
        let rest = line.dropFirst(indent.count)
        guard let colon = find(": ", in: rest) ?? (rest.hasSuffix(":") ? rest.index(before: rest.endIndex) : nil) else {
            return nil
        }
        let key = rest[..<colon]
        // A key of the playbook format is one word; anything else is not a line this knows.
        guard isKey(key) else { return nil }
        var value = rest[rest.index(after: colon)...].drop { $0 == " " }
        if let comment = find(" #", in: value) { value = value[..<comment] }
        while value.last == " " { value = value.dropLast() }
        guard let first = value.first else { return nil }
        let quoted = "\(indent)\(key): \"\(escaped(first == "'" || first == "\"" ? unquoted(value) : value))\""
        switch first {
        case "'":
            if value.dropFirst().contains("'"), !(value.count >= 2 && value.hasSuffix("'") && !value.dropFirst().dropLast().contains("'")) {
                return "inside single quotes an apostrophe is written twice ('It''s'), or the value goes in double quotes: \(quoted)"
            }
        case "\"":
            return "a double quote inside double quotes is written \\\" (or the value goes in single quotes): \(quoted)"
        case "[" where value.last != "]", "{" where value.last != "}":
            // A complete list or mapping ([a, b]) is most likely meant as one: the fault is elsewhere.
            return "YAML reads a value starting with \(first) as a \(first == "[" ? "list" : "mapping"); if it is text, quote it: \(quoted)"
        case "@", "`", "%", "*", "&", "!", "|", ">":
            return "YAML reserves \(first) at the start of a value; if it is text, quote it: \(quoted)"
        case "-" where value.count > 1 && value.dropFirst().first == " ":
            return "YAML reads \"- \" after a key as the start of a list; if it is text, quote it: \(quoted)"
        default:
            break
        }
        if problem.contains("mapping values are not allowed"), find(": ", in: value) != nil {
            return "a value holding \": \" must be quoted: \(quoted)"
        }
        if indentationProblems.contains(where: problem.contains), let previousLine {
            return indentation(of: indent.count, after: previousLine)
        }
        return nil
    }

    /// libyaml's reasons for a key line that does not start in its mapping's column.
    private static let indentationProblems = [
        "mapping values are not allowed", "did not find expected key", "did not find expected '-' indicator",
    ]

    /// Whether a key indented `column` spaces starts where the key on the line before it does.
    private static func indentation(of column: Int, after previousLine: String) -> String? {
        let (keyColumn, rest) = keyStart(previousLine)
        guard let colon = rest.firstIndex(of: ":"), isKey(rest[..<colon]) else { return nil }
        var value = rest[rest.index(after: colon)...]
        guard value.isEmpty || value.first == " " else { return nil }
        if let comment = find("#", in: value) { value = value[..<comment] }
        let opensMapping = value.allSatisfy { $0 == " " }
        let how = column > keyColumn && !opensMapping ? "more" : column < keyColumn ? "less" : nil
        return how.map { "this line is indented \($0) than the key before it; keys of one mapping start in the same column" }
    }

    /// The line as it would read with a space after its key's colon, when it is written `key:value`
    /// (YAML then reads the whole `key:value` as one word); nil for a line of another shape.
    static func spaceAfterColon(inLine line: String) -> String? {
        var end = line.endIndex
        while end > line.startIndex, line[line.index(before: end)] == " " { end = line.index(before: end) }
        let (_, rest) = keyStart(line[..<end])
        guard let colon = rest.firstIndex(of: ":"), isKey(rest[..<colon]) else { return nil }
        let value = rest[rest.index(after: colon)...]
        // `http://`, `a::b` and a value holding ": " (which libyaml would have read as a key) are other shapes.
        guard let first = value.first, first != " ", first != "/", first != ":", find(": ", in: value) == nil else { return nil }
        return "\(line[..<colon]): \(value)"
    }

    /// Where a line's key starts (after its indentation and any "- " of list items), and the text from there.
    private static func keyStart(_ line: Substring) -> (column: Int, rest: Substring) {
        var rest = line.drop { $0 == " " }
        while rest.hasPrefix("- ") { rest = rest.dropFirst().drop { $0 == " " } }
        return (line.count - rest.count, rest)
    }

    private static func keyStart(_ line: String) -> (column: Int, rest: Substring) {
        keyStart(line[...])
    }

    /// How many characters (all ASCII) come before a line's key: its indentation and any "- ".
    static func keyColumn(of line: String) -> Int {
        keyStart(line).column
    }

    /// Where a `key:` or `key: value` line's key starts (after its indentation and any "- "), or nil
    /// for a line of another shape.
    static func keyColumn(ofKeyLine line: String) -> Int? {
        let (column, rest) = keyStart(line)
        guard let colon = rest.firstIndex(of: ":"), isKey(rest[..<colon]) else { return nil }
        let value = rest[rest.index(after: colon)...]
        return value.isEmpty || value.first == " " ? column : nil
    }

    /// A key of the playbook format: one word.
    private static func isKey(_ text: Substring) -> Bool {
        !text.isEmpty && text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
    }

    /// Where `pattern` first starts in `text`.
    private static func find(_ pattern: String, in text: Substring) -> Substring.Index? {
        var index = text.startIndex
        while index < text.endIndex {
            if text[index...].hasPrefix(pattern) { return index }
            index = text.index(after: index)
        }
        return nil
    }

    /// The text between a value's quotes as written (an inner quote left as it is).
    private static func unquoted(_ value: Substring) -> Substring {
        var inner = value.dropFirst()
        if let last = inner.last, last == value.first { inner = inner.dropLast() }
        return inner
    }

    private static func escaped(_ text: Substring) -> String {
        var out = ""
        for character in text {
            if character == "\\" || character == "\"" { out.append("\\") }
            out.append(character)
        }
        return out
    }
}
