import PlaybookModel
import PlaybookYAML

/// An inline comment that turns named rules off for the next line or for its whole document:
///
/// ```yaml
/// # playbook-disable-next-line schema-unknown-key
/// legacy_field: kept for the old dashboard
/// # playbook-disable experiment-power, experiment-guardrails
/// ```
struct Suppression: Sendable, Hashable {
    enum Scope: Sendable, Hashable {
        /// Lines `first...last` (the next content line, or a whole document).
        case lines(first: Int, last: Int)
    }

    var rules: [String]
    var scope: Scope
    /// Where the comment is.
    var mark: Mark
    /// Where each of `rules` is written, by its place in `rules` (a finding about one rule of a
    /// list points at that rule).
    var ruleColumns: [Int] = []
    /// A directive written after a value on its line (`bogus: 1  # playbook-disable …`): ignored
    /// (which line would it mean?), and said so (`suppression-unused`).
    var trailing = false

    /// One rule of a suppression that silenced a finding: the suppression's place in its file's list
    /// and the rule's in its `rules`.
    struct Use: Sendable, Hashable {
        var suppression: Int
        var rule: Int
    }

    func covers(line: Int) -> Bool {
        switch scope {
        case .lines(let first, let last): first <= line && line <= last
        }
    }

    static let nextLineDirective = "playbook-disable-next-line"
    static let documentDirective = "playbook-disable"

    /// Finds the directives in a file's text. `documentStarts` are the first lines of its
    /// documents, in order. Only whole-line comments count, so text in values never does.
    static func scan(_ bytes: [UInt8], documentStarts: [Int], multilineScalars: [ClosedRange<Int>] = []) -> [Suppression] {
        guard contains(bytes, Array(documentDirective.utf8)) else { return [] }
        let lines = splitLines(bytes)
        var found: [Suppression] = []
        for (index, line) in lines.enumerated() {
            let lineNumber = index + 1
            var text = Substring(line)
            let indent = text.prefix(while: { $0 == " " || $0 == "\t" }).count
            text = text.dropFirst(indent)
            // Inside a block or multi-line quoted scalar, a `#` line is text, not a comment.
            if multilineScalars.contains(where: { $0.lowerBound < lineNumber && lineNumber <= $0.upperBound }) { continue }
            guard text.hasPrefix("#") else {
                if let column = trailingDirective(line) {
                    let words = Self.words(Substring(String(Array(line)[column...])), from: column + 1)
                    found.append(Suppression(rules: words.dropFirst().map(\.word), scope: .lines(first: 1, last: 0),
                                             mark: Mark(line: lineNumber, column: column), ruleColumns: words.dropFirst().map(\.column),
                                             trailing: true))
                }
                continue
            }
            let words = Self.words(text.dropFirst(), from: indent + 2)
            guard let directive = words.first?.word, directive == nextLineDirective || directive == documentDirective else { continue }
            let mark = Mark(line: lineNumber, column: indent + 1)
            let rules = words.dropFirst().map(\.word)
            let columns = words.dropFirst().map(\.column)
            if directive == nextLineDirective {
                // The next line that is neither blank nor a comment.
                var target = index + 1
                while target < lines.count, isBlankOrComment(lines[target]) { target += 1 }
                found.append(Suppression(rules: rules, scope: .lines(first: target + 1, last: target + 1), mark: mark, ruleColumns: columns))
            } else {
                // The document holding the comment; a comment before the first one belongs to it.
                let k = max(0, (documentStarts.lastIndex(where: { $0 <= lineNumber }) ?? 0))
                let first = k == 0 ? 1 : documentStarts[k]
                let last = k + 1 < documentStarts.count ? documentStarts[k + 1] - 1 : Int.max
                found.append(Suppression(rules: rules, scope: .lines(first: first, last: last), mark: mark, ruleColumns: columns))
            }
        }
        return found
    }

    /// The column (1-based, in characters) of a comment after content on `line` that starts with
    /// a directive; nil when there is none. A `#` is a comment where it follows a space or tab
    /// outside a quoted string, as YAML has it.
    static func trailingDirective(_ line: String) -> Int? {
        let characters = Array(line)
        var quote: Character?
        var index = 0
        while index < characters.count {
            let character = characters[index]
            let previous: Character = index == 0 ? " " : characters[index - 1]
            if let open = quote {
                if open == "\"", character == "\\" {
                    index += 1  // an escaped character
                } else if open == "'", character == "'", index + 1 < characters.count, characters[index + 1] == "'" {
                    index += 1  // '' is a quote inside single quotes
                } else if character == open {
                    quote = nil
                }
            } else if character == "\"" || character == "'", " \t:[{,".contains(previous) {
                quote = character
            } else if character == "#", previous == " " || previous == "\t" {
                let body = characters[(index + 1)...].drop(while: { $0 == " " })
                let directive = String(body.prefix(while: { $0 != " " && $0 != "\t" && $0 != "," }))
                return directive == nextLineDirective || directive == documentDirective ? index + 1 : nil
            }
            index += 1
        }
        return nil
    }

    /// The words of `text` (separated by spaces, tabs and commas), each with its column (1-based, in
    /// characters), `column` being that of `text`'s first character.
    static func words(_ text: Substring, from column: Int) -> [(word: String, column: Int)] {
        var out: [(word: String, column: Int)] = []
        var current = ""
        var start = column
        for (offset, character) in text.enumerated() {
            if character == " " || character == "," || character == "\t" {
                if !current.isEmpty { out.append((current, start)) }
                current = ""
            } else {
                if current.isEmpty { start = column + offset }
                current.append(character)
            }
        }
        if !current.isEmpty { out.append((current, start)) }
        return out
    }

    /// The column of `rules[place]`, or the comment's when it is not known.
    func column(ofRuleAt place: Int) -> Int {
        place < ruleColumns.count ? ruleColumns[place] : mark.column
    }

    private static func isBlankOrComment(_ line: String) -> Bool {
        let trimmed = line.drop(while: { $0 == " " || $0 == "\t" })
        return trimmed.isEmpty || trimmed.hasPrefix("#")
    }

    /// Lines split on LF, CRLF or a lone CR, as YAML counts them.
    static func splitLines(_ bytes: [UInt8]) -> [String] {
        var lines: [String] = []
        var start = 0
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x0A || bytes[i] == 0x0D {
                lines.append(String(decoding: bytes[start..<i], as: UTF8.self))
                if bytes[i] == 0x0D, i + 1 < bytes.count, bytes[i + 1] == 0x0A { i += 1 }
                start = i + 1
            }
            i += 1
        }
        lines.append(String(decoding: bytes[start..<bytes.count], as: UTF8.self))
        return lines
    }

    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, haystack.count >= needle.count else { return false }
        var i = 0
        let last = haystack.count - needle.count
        while i <= last {
            if haystack[i] == first, haystack[i..<(i + needle.count)].elementsEqual(needle) { return true }
            i += 1
        }
        return false
    }
}
