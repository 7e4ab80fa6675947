/// What a shell hook runs, read line by line as far as telling whether it lints the staged playbook so that a failure
/// refuses the commit. Strict rather than clever: a line counts when it runs `PROGRAM lint --staged` (any program
/// name: `playbook`, `"$PLAYBOOK"`, `npx playbook`, a container) and its failure stops the hook:
/// `… lint --staged || exit 1` (or `|| exit`, `|| exit $?`), `exec … lint --staged`, the script's last command
/// (or one followed only by `exit` or `exit $?`), or the subshell `(…; cd ./'FOLDER' && playbook lint --staged) || exit 1`
/// that `hooks install` suggests. Before the program only `cd FOLDER &&` may run it (the playbook's folder, none for the
/// top). Comments, heredoc bodies, the text of `echo`/`printf`, and lines after an `exit` written at the start of a line
/// (the script's own end) run nothing; `|| true`, `; exit 0`, `false && …`, `!` do not stop the hook.
enum HookScript {
    /// Whether `text` lints the staged playbook in `playbookFolder` (relative to the top of the working tree, "" for the
    /// top, where git runs hooks) so that its failure refuses the commit.
    static func runsStagedLint(_ text: String, playbookFolder: String = "") -> Bool {
        let lines = commandLines(text)
        for (index, line) in lines.enumerated() {
            var body = line
            let stopped = dropStopper(&body)
            let next = index + 1 < lines.count ? lines[index + 1] : nil
            let last = next == nil || next.map { $0 == "exit" || $0 == "exit $?" } == true
            if body.hasPrefix("("), body.hasSuffix(")") {
                // The subshell's status is its last command's: what comes before it (`;`-joined) only prepares.
                guard stopped || last, let inner = split(body.dropFirst().dropLast(), at: ";").last(where: { !$0.isEmpty }),
                      lintChain(inner, playbookFolder: playbookFolder) != nil else { continue }
                return true
            }
            guard let execs = lintChain(body, playbookFolder: playbookFolder) else { continue }
            if stopped || last || execs { return true }
        }
        return false
    }

    /// The lines that run commands, trimmed and without their comment: up to an `exit` written alone at the start of a
    /// line, leaving out blank lines, comments and heredoc bodies.
    static func commandLines(_ text: String) -> [Substring] {
        var out: [Substring] = []
        var heredoc: (word: Substring, tabs: Bool)?
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            if let open = heredoc {
                let line = open.tabs ? rawLine.drop(while: { $0 == "\t" }) : Substring(rawLine)
                if line == open.word { heredoc = nil }
                continue
            }
            let indented = rawLine.first == " " || rawLine.first == "\t"
            let line = withoutComment(Substring(rawLine).drop(while: { $0 == " " || $0 == "\t" }))
            guard !line.isEmpty else { continue }
            heredoc = heredocOpened(line)
            if !indented, isPlainExit(split(line, at: ";").first ?? "") { break }
            out.append(line)
        }
        return out
    }

    /// A line ending `|| exit`, `|| exit $?` or `|| exit N` (N not 0): its failure stops the hook. `line` keeps what comes before.
    static func dropStopper(_ line: inout Substring) -> Bool {
        guard let range = line.range(of: "||", options: .backwards) else { return false }
        let words = line[range.upperBound...].split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard words.first == "exit", words.count <= 2 else { return false }
        if words.count == 2, words[1] != "$?", !(words[1].allSatisfy(\.isNumber) && Int(words[1]) != 0) { return false }
        line = trimmed(line[..<range.lowerBound])
        return true
    }

    /// `cd FOLDER && … && PROGRAM lint --staged`: the lint command, when everything before it changes into the playbook's
    /// folder and nothing else (no `;`, `|`, `||` or `&`) is on the line: whether it is `exec`ed; nil for any other line.
    static func lintChain(_ body: Substring, playbookFolder: String) -> Bool? {
        let chain = split(body, at: "&&")
        guard let command = chain.last,
              chain.allSatisfy({ part in !part.isEmpty && ["||", "|", "&", ";"].allSatisfy { split(part, at: $0).count == 1 } })
        else { return nil }
        let folders = chain.dropLast().map(cdOperand)
        guard folders.count <= 1, !folders.contains(nil), (folders.first.flatMap { $0 } ?? "") == playbookFolder else { return nil }
        var words = command.split(whereSeparator: { $0 == " " || $0 == "\t" }).map { String($0) }
        var execs = false
        while let word = words.first, prefixes.contains(word) || isAssignment(word) {
            if word == "exec" { execs = true }
            words.removeFirst()
        }
        guard let program = words.first, !runNothing.contains(program),
              let lint = words.firstIndex(of: "lint"), words[(lint + 1)...].contains("--staged") else { return nil }
        return execs
    }

    /// The folder `cd FOLDER` changes into, relative as written (quotes and a leading `./`, a trailing `/` left out); nil for another command.
    static func cdOperand(_ command: Substring) -> String? {
        let words = command.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard words.count == 2, words[0] == "cd" else { return nil }
        var folder = words[1].replacingOccurrences(of: "'\\''", with: "\u{0}").filter { $0 != "'" && $0 != "\"" }
            .replacingOccurrences(of: "\u{0}", with: "'")
        while folder.hasPrefix("./") { folder.removeFirst(2) }
        while folder.hasSuffix("/") { folder.removeLast() }
        return folder
    }

    /// `exit` or `exit N` alone: the script ends there.
    static func isPlainExit(_ command: Substring) -> Bool {
        let words = command.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard words.first == "exit" else { return false }
        return words.count == 1 || (words.count == 2 && words[1].allSatisfy(\.isNumber))
    }

    /// Words before a command that leave it the command run (`exec` replaces the hook with it).
    static let prefixes: Set<String> = ["exec", "command", "time", "nohup"]

    /// Words in the place of the program that do not run it: text printed, a command that does nothing, a negation, the shell's own.
    static let runNothing: Set<String> = ["echo", "printf", "cat", ":", "true", "false", "!", "if", "then", "else", "elif", "while",
                                          "until", "do", "{", "("]

    /// `NAME=value` before a command.
    static func isAssignment(_ word: String) -> Bool {
        guard let equals = word.firstIndex(of: "="), equals != word.startIndex else { return false }
        return word[..<equals].allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
    }

    /// The delimiter of a heredoc the line opens (`<<EOF`, `<< 'EOF'`, `<<-EOF`, which strips leading tabs), outside quotes.
    static func heredocOpened(_ line: Substring) -> (word: Substring, tabs: Bool)? {
        var quote: Character?
        var index = line.startIndex
        while index < line.endIndex {
            let character = line[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "'" || character == "\"" {
                quote = character
            } else if line[index...].hasPrefix("<<"), !line[index...].hasPrefix("<<<") {
                var rest = line[line.index(index, offsetBy: 2)...]
                let tabs = rest.hasPrefix("-")
                if tabs { rest = rest.dropFirst() }
                rest = rest.drop(while: { $0 == " " || $0 == "\t" })
                let word = rest.prefix(while: { $0 != " " && $0 != "\t" && $0 != ";" && $0 != "|" && $0 != "&" && $0 != ")" })
                let bare = Substring(word.filter { $0 != "'" && $0 != "\"" && $0 != "\\" })
                return bare.isEmpty ? nil : (bare, tabs)
            }
            index = line.index(after: index)
        }
        return nil
    }

    /// The line up to its comment (`#` at its start or after a blank, outside quotes), trimmed.
    static func withoutComment(_ line: Substring) -> Substring {
        var quote: Character?
        var previous: Character = " "
        for index in line.indices {
            let character = line[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "'" || character == "\"" {
                quote = character
            } else if character == "#", previous == " " || previous == "\t" {
                return trimmed(line[..<index])
            }
            previous = character
        }
        return trimmed(line)
    }

    static func trimmed(_ text: Substring) -> Substring {
        var text = text.drop(while: { $0 == " " || $0 == "\t" })
        while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
        return text
    }

    /// `text` split at `separator` outside quotes, each part trimmed. `|` is not taken for a part of `||`, nor `&` of `&&`.
    static func split(_ text: Substring, at separator: String) -> [Substring] {
        var out: [Substring] = []
        var quote: Character?
        var start = text.startIndex
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "'" || character == "\"" {
                quote = character
            } else if text[index...].hasPrefix(separator) {
                let end = text.index(index, offsetBy: separator.count)
                let doubled = separator.count == 1 && (text[end...].hasPrefix(separator) || (index > text.startIndex && text[text.index(before: index)] == character))
                if !doubled {
                    out.append(trimmed(text[start..<index]))
                    start = end
                    index = end
                    continue
                }
            }
            index = text.index(after: index)
        }
        out.append(trimmed(text[start..<index]))
        return out
    }
}
