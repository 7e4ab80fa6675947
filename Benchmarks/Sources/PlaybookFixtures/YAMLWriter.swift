/// Writes block-style YAML the way people do: plain scalars where they are safe, quoted
/// where they are not, long prose folded (`>-`) at 80 columns.
struct YAMLWriter {
    static let width = 80
    private(set) var text = ""

    mutating func comment(_ line: String) {
        text += "# \(line)\n"
    }

    mutating func documentSeparator() {
        text += "---\n"
    }

    /// `key: value` with the value written as a YAML scalar.
    mutating func field(_ key: String, _ value: String, indent: Int = 0, prefix: String = "") {
        text += pad(indent) + prefix + "\(key): \(YAMLWriter.scalar(value))\n"
    }

    /// `key: value` where `value` is already YAML (a number, a flow list, a flow mapping).
    mutating func raw(_ key: String, _ value: String, indent: Int = 0, prefix: String = "") {
        text += pad(indent) + prefix + "\(key): \(value)\n"
    }

    /// `key:` opening a nested block.
    mutating func open(_ key: String, indent: Int = 0, prefix: String = "") {
        text += pad(indent) + prefix + "\(key):\n"
    }

    /// `- value`, one item of a block sequence.
    mutating func item(_ value: String, indent: Int) {
        text += pad(indent) + "- \(YAMLWriter.scalar(value))\n"
    }

    /// Prose: on the key's line when it fits, folded over several lines when it does not.
    mutating func prose(_ key: String, _ value: String, indent: Int = 0, prefix: String = "") {
        let head = pad(indent) + prefix + "\(key): "
        let scalar = YAMLWriter.scalar(value)
        if head.count + scalar.count <= YAMLWriter.width {
            text += head + scalar + "\n"
            return
        }
        text += head + ">-\n"
        folded(value, indent: indent + prefix.count + 2)
    }

    /// `- ` followed by prose, folded when long.
    mutating func proseItem(_ value: String, indent: Int) {
        let scalar = YAMLWriter.scalar(value)
        if indent + 2 + scalar.count <= YAMLWriter.width {
            text += pad(indent) + "- " + scalar + "\n"
            return
        }
        text += pad(indent) + "- >-\n"
        folded(value, indent: indent + 2)
    }

    private mutating func folded(_ value: String, indent: Int) {
        var line = ""
        for word in value.split(separator: " ") {
            if !line.isEmpty, indent + line.count + 1 + word.count > YAMLWriter.width {
                text += pad(indent) + line + "\n"
                line = ""
            }
            line += line.isEmpty ? String(word) : " " + word
        }
        if !line.isEmpty { text += pad(indent) + line + "\n" }
    }

    private func pad(_ n: Int) -> String {
        String(repeating: " ", count: n)
    }

    /// A flow sequence of plain words: `[web, ios]`.
    static func flow(_ items: [String]) -> String {
        "[" + items.map(scalar).joined(separator: ", ") + "]"
    }

    /// The value as a plain scalar when YAML would read it back as the same string, else double-quoted.
    static func scalar(_ value: String) -> String {
        isPlainSafe(value) ? value : quoted(value)
    }

    static func quoted(_ value: String) -> String {
        var out = "\""
        for character in value {
            switch character {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.append(character)
            }
        }
        return out + "\""
    }

    static func isPlainSafe(_ value: String) -> Bool {
        guard let first = value.first, let last = value.last, first != " ", last != " " else { return false }
        if "-?:,[]{}#&*!|>'\"%@`".contains(first) { return false }
        if value.contains(": ") || value.contains(" #") || value.hasSuffix(":") || value.contains("\n") || value.contains("\t") {
            return false
        }
        if ["null", "Null", "NULL", "~", "true", "True", "TRUE", "false", "False", "FALSE"].contains(value) { return false }
        // Anything that starts like a number might resolve as one.
        if let f = value.unicodeScalars.first, ("0"..."9").contains(f) || f == "." || f == "+" {
            return value.unicodeScalars.contains { !("0"..."9").contains($0) && $0 != "." && $0 != "-" && $0 != "e" && $0 != "E" && $0 != "+" }
                && !value.unicodeScalars.allSatisfy { ("0"..."9").contains($0) || $0 == "-" }
        }
        return true
    }
}
