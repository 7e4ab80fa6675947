/// Free text that starts with `-` (`new --title "-5% churn with a pause button"`, `search "-5%
/// churn"`) as a value, before the argument parser reads the command line: the parser takes any
/// word starting with `-` for options, so the title was "Missing value for '--title'" and the
/// query a group of short flags holding `h`, which printed the help and exited 0.
///
/// A word is left to the parser when it is spelled as an option could be (`-h`, `--squad`,
/// `--squad=growth`), so `--title --squad growth` still says the title's value is missing;
/// anything else starting with `-` (a space, a digit, a `%` after it) is text: after a free-text
/// option it becomes that option's value (`--title=…`), and as `search`'s query it is moved
/// behind `--`, where the parser reads it as the argument. Nothing after a `--` is touched.
enum FreeTextArguments {
    /// Options whose value is free text, by subcommand.
    static let textOptions: [String: Set<String>] = ["new": ["--title"]]
    /// Subcommands whose one argument is free text.
    static let textArguments: Set<String> = ["search"]
    /// Their options whose value is a number: the word after one stays its value (`--limit -1` is
    /// refused for its range, not read as the query).
    static let numberOptions: [String: Set<String>] = ["search": ["--limit"]]

    static func rewritten(_ arguments: [String]) -> [String] {
        guard let command = arguments.first else { return arguments }
        let options = textOptions[command] ?? []
        let takesText = textArguments.contains(command)
        let numbers = numberOptions[command] ?? []
        guard !options.isEmpty || takesText else { return arguments }
        var out: [String] = [command]
        var moved: [String] = []
        var index = 1
        while index < arguments.count {
            let word = arguments[index]
            if word == "--" {
                out.append(contentsOf: arguments[index...])
                index = arguments.count
                break
            }
            if options.contains(word), index + 1 < arguments.count, isText(arguments[index + 1]) {
                out.append(word + "=" + arguments[index + 1])
                index += 2
                continue
            }
            if numbers.contains(word), index + 1 < arguments.count {
                out.append(contentsOf: [word, arguments[index + 1]])
                index += 2
                continue
            }
            if takesText, isText(word) {
                moved.append(word)
            } else {
                out.append(word)
            }
            index += 1
        }
        guard !moved.isEmpty else { return out }
        // Behind the `--` already given, or a new one.
        if !out.contains("--") { out.append("--") }
        return out + moved
    }

    /// Starts with `-` but is spelled as no option can be: not `-x`, `--name` or `--name=value`.
    static func isText(_ word: String) -> Bool {
        let scalars = Array(word.unicodeScalars)
        guard scalars.count > 1, scalars[0] == "-" else { return false }
        func isLetter(_ scalar: Unicode.Scalar) -> Bool { ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) }
        if scalars.count == 2 { return !isLetter(scalars[1]) && scalars[1] != "-" }
        guard scalars[1] == "-" else { return true }
        // `--name` or `--name=…`: a letter, then letters, digits and `-` up to the end or a `=`.
        guard isLetter(scalars[2]) else { return true }
        for scalar in scalars[3...] {
            if scalar == "=" { return false }
            guard isLetter(scalar) || ("0"..."9").contains(scalar) || scalar == "-" else { return true }
        }
        return false
    }
}
