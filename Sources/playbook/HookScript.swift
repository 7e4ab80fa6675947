/// What a shell hook runs, read line by line as far as telling whether it lints the staged
/// playbook: comments, the text of `echo`/`printf`, and lines after an `exit` written at the start
/// of a line (the script's own end) run nothing. Anything else that runs `… lint … --staged` counts,
/// whatever names the program (`playbook`, `"$PLAYBOOK"`, `npx playbook`, a container, a renamed
/// binary): a hook is refused only when it plainly does not lint.
enum HookScript {
    static func runsStagedLint(_ text: String) -> Bool {
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let indented = rawLine.first == " " || rawLine.first == "\t"
            let line = Substring(rawLine).drop(while: { $0 == " " || $0 == "\t" })
            if line.hasPrefix("#") { continue }
            let commands = segments(line)
            if !indented, let first = commands.first, isPlainExit(first) { return false }
            for command in commands {
                var words = command.split(whereSeparator: { $0 == " " || $0 == "\t" }).map { String($0) }
                guard let lint = words.firstIndex(of: "lint"), words[(lint + 1)...].contains(where: isStagedFlag) else { continue }
                words = Array(words[..<lint])
                while let word = words.first, prefixes.contains(word) || isAssignment(word) { words.removeFirst() }
                guard let program = words.first, !["echo", "printf", ":", "true", "false"].contains(program) else { continue }
                return true
            }
        }
        return false
    }

    /// `--staged`, or `--staged)` closing a subshell, as in the line `hooks install` suggests for a playbook in a subfolder.
    static func isStagedFlag(_ word: String) -> Bool {
        var word = Substring(word)
        while word.hasSuffix(")") { word = word.dropLast() }
        return word == "--staged"
    }

    /// `exit` or `exit N` alone: the script ends there.
    static func isPlainExit(_ command: Substring) -> Bool {
        let words = command.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard words.first == "exit" else { return false }
        return words.count == 1 || (words.count == 2 && words[1].allSatisfy(\.isNumber))
    }

    /// Words before a command that leave it the command run.
    static let prefixes: Set<String> = ["then", "else", "elif", "do", "!", "exec", "command", "time", "nohup", "if", "while", "until", "{", "("]

    /// `NAME=value` before a command.
    static func isAssignment(_ word: String) -> Bool {
        guard let equals = word.firstIndex(of: "="), equals != word.startIndex else { return false }
        return word[..<equals].allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
    }

    /// The commands of a line, split at `;`, `&`, `|` outside quotes, up to a comment (`#` after a
    /// blank, outside quotes).
    static func segments(_ line: Substring) -> [Substring] {
        var out: [Substring] = []
        var quote: Character?
        var start = line.startIndex
        var previous: Character = " "
        var index = line.startIndex
        while index < line.endIndex {
            let character = line[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "'" || character == "\"" {
                quote = character
            } else if character == "#", previous == " " || previous == "\t" {
                break
            } else if character == ";" || character == "&" || character == "|" {
                out.append(line[start..<index])
                start = line.index(after: index)
            }
            previous = character
            index = line.index(after: index)
        }
        out.append(line[start..<index])
        return out.map { $0.drop(while: { $0 == " " || $0 == "\t" }) }.filter { !$0.isEmpty }
    }
}
