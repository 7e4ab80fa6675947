import PlaybookModel
import PlaybookYAML

/// What the files lint could not turn into entities may define. A reference to it is not called
/// unresolved with a "did you mean" of another id: the file's own error comes first, and fixing it
/// may resolve the reference (no cascading errors: a merge conflict, a YAML slip or a misspelt kind
/// in the metric catalog would otherwise be an error at every reference to a metric).
struct UnreadDefinitions: Sendable {
    /// Ids such a file may define: its name without the extension (a playbook file is named after
    /// its entity), the `id` of each document that decoded to no entity, and, where the YAML did not
    /// load to its end or the file is in conflict, every top-level `id:` line of its bytes.
    var ids: Set<String> = []
    /// Whether any file could not be read or decoded in full: the playbook lint sees is then missing
    /// what it holds, so nothing is called missing from the whole playbook (the North Star).
    var incomplete = false
    /// The words (runs of letters, digits, `-` and `_`) of the files that had a problem when read
    /// (of the last committed version of one in conflict): what a field lint could not read may name.
    var words: Set<String> = []
    /// Whether some file could not be read and nothing it holds is known.
    var textUnknown = false

    /// Whether a file that had a problem when read may name `id` in a field lint could not read (a
    /// misspelt key, a document without its kind): a claim that nothing names it would be a cascade.
    func mayName(_ id: String) -> Bool {
        textUnknown || words.contains(id)
    }

    /// Adds the words of `bytes` to `words`.
    mutating func addWords(of bytes: [UInt8]) {
        var start: Int?
        for index in 0...bytes.count {
            let byte = index < bytes.count ? bytes[index] : 0x20
            let inWord = byte >= 0x80 || (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
            if inWord {
                if start == nil { start = index }
            } else if let from = start {
                words.insert(String(decoding: bytes[from..<index], as: UTF8.self))
                start = nil
            }
        }
    }

    /// A YAML problem after which the rest of the file is not read.
    static func stopsReading(_ kind: YAMLProblem.Kind) -> Bool {
        switch kind {
        case .syntax, .encoding, .sizeLimit, .aliasLimit, .depthLimit: true
        case .duplicateKey, .tab: false
        }
    }

    /// The `id` a document names at its top level, when it is written as text.
    static func writtenID(_ document: Document) -> String? {
        guard let node = document.root?["id"], case .scalar(let text, _) = node.value, !text.isEmpty else { return nil }
        return text
    }

    /// The values of the lines that start with `id:` (a top-level key of a block mapping), read from the
    /// bytes without YAML: for a file YAML could not read, or the version of a file in conflict.
    static func idLines(_ bytes: [UInt8]) -> [String] {
        var found: [String] = []
        var start = 0
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            let line = bytes[start..<end]
            if line.starts(with: Array("id:".utf8)) {
                var value = Substring(decoding: line.dropFirst(3), as: UTF8.self)
                if let comment = value.range(of: " #") { value = value[..<comment.lowerBound] }
                value = value.drop { $0 == " " || $0 == "\t" }
                while let last = value.last, last == " " || last == "\t" || last == "\r" { value = value.dropLast() }
                if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
                    value = value.dropFirst().dropLast()
                }
                if !value.isEmpty { found.append(String(value)) }
            }
            start = end + 1
        }
        return found
    }
}
