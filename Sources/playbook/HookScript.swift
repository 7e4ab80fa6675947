/// What a shell hook runs, read line by line as far as telling whether it lints the staged
/// playbook: comments, the text of `echo`/`printf`, and lines after an unconditional `exit` run nothing.
enum HookScript {
    /// Whether `text` has a command line that runs `playbook … lint --staged` before any
    /// unconditional `exit` (one at the top level, not behind `||`/`&&` or inside `if`/`case`/a loop).
    static func runsStagedLint(_ text: String) -> Bool {
        var depth = 0
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            var line = Substring(rawLine).drop(while: { $0 == " " || $0 == "\t" })
            if line.hasPrefix("#") { continue }
            if let comment = line.firstRange(of: " #") ?? line.firstRange(of: "\t#") { line = line[..<comment.lowerBound] }
            for (separator, segment) in segments(line) {
                var words = segment.split(whereSeparator: { $0 == " " || $0 == "\t" }).map { String($0) }
                let first = words.first ?? ""
                switch first {
                case "if", "case", "while", "until", "for", "{": depth += 1
                case "fi", "esac", "done", "}": depth = max(0, depth - 1)
                default: break
                }
                if segment.hasSuffix("{"), first != "{" { depth += 1 }  // a function's body
                if first == "exit", depth == 0, separator == ";" { return false }
                while let word = words.first, prefixes.contains(word) || isAssignment(word) { words.removeFirst() }
                guard let command = words.first, !["echo", "printf", ":", "true", "false", "case"].contains(command) else { continue }
                guard let playbook = words.firstIndex(where: { name(of: $0) == "playbook" }),
                      let lint = words[(playbook + 1)...].firstIndex(of: "lint"),
                      words[(lint + 1)...].contains("--staged") else { continue }
                return true
            }
        }
        return false
    }

    /// Words before a command that leave it the command run.
    static let prefixes: Set<String> = ["then", "else", "elif", "do", "!", "exec", "command", "time", "nohup", "if", "while", "until", "{", "("]

    /// `NAME=value` before a command.
    static func isAssignment(_ word: String) -> Bool {
        guard let equals = word.firstIndex(of: "="), equals != word.startIndex else { return false }
        return word[..<equals].allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
    }

    /// A command word's program name: its last path component, without quotes.
    static func name(of word: String) -> String {
        let unquoted = word.filter { $0 != "'" && $0 != "\"" }
        return String(unquoted.split(separator: "/").last ?? "")
    }

    /// The commands of a line with the separator before each (`;` at the start of the line).
    static func segments(_ line: Substring) -> [(String, Substring)] {
        var out: [(String, Substring)] = []
        var separator = ";"
        var start = line.startIndex
        var index = line.startIndex
        while index < line.endIndex {
            let rest = line[index...]
            let found = ["&&", "||", ";", "|", "&"].first { rest.hasPrefix($0) }
            if let found {
                out.append((separator, line[start..<index]))
                separator = found == "&&" || found == "||" || found == "|" ? found : ";"
                index = line.index(index, offsetBy: found.count)
                start = index
            } else {
                index = line.index(after: index)
            }
        }
        out.append((separator, line[start...]))
        return out.map { ($0.0, $0.1.drop(while: { $0 == " " || $0 == "\t" })) }
    }
}
