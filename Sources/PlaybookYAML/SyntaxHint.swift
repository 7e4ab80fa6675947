/// What a line that libyaml could not read most likely needs, said in the words of someone filling
/// in a playbook file: libyaml's reasons ("mapping values are not allowed in this context", "found
/// character that cannot start any token") name the grammar, not the fix, and the fix is nearly
/// always to quote a value.
enum SyntaxHint {
    /// A hint for the line where libyaml stopped (its text without the line break), or nil.
    static func hint(forLine line: String, problem: String) -> String? {
        let indent = line.prefix { $0 == " " }
        let rest = line.dropFirst(indent.count)
        guard let colon = find(": ", in: rest) ?? (rest.hasSuffix(":") ? rest.index(before: rest.endIndex) : nil) else {
            return nil
        }
        let key = rest[..<colon]
        // A key of the playbook format is one word; anything else is not a line this knows.
        guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else { return nil }
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
        case "[", "{":
            return "YAML reads a value starting with \(first) as a \(first == "[" ? "list" : "mapping"); if it is text, quote it: \(quoted)"
        case "@", "`", "%", "*", "&", "!", "|", ">":
            return "YAML reserves \(first) at the start of a value; if it is text, quote it: \(quoted)"
        case "-" where value.count > 1 && value.dropFirst().first == " ":
            return "YAML reads \"- \" after a key as the start of a list; if it is text, quote it: \(quoted)"
        default:
            break
        }
        if problem.contains("mapping values are not allowed") {
            if find(": ", in: value) != nil {
                return "a value holding \": \" must be quoted: \(quoted)"
            }
            if !indent.isEmpty {
                return "this line is indented more than the key before it; keys of one mapping start in the same column"
            }
        }
        return nil
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
