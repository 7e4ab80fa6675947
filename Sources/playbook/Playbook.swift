import ArgumentParser
import Foundation
import PlaybookLint
import PlaybookModel

/// The `playbook` command: subcommands, and the mapping of failures to exit codes
/// (0 clean, 1 errors found, 2 the tool could not run).
struct Playbook: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "playbook",
        abstract: "Lint and report on a git-native growth playbook.",
        discussion: """
        Growth squads keep their metric catalog, squads, OKRs, hypotheses and experiments \
        as YAML in a git repository; playbook keeps that repository honest.

        Exit codes: 0 clean (warnings allowed), 1 errors found, 2 the tool could not run.
        """,
        version: "0.1.0",
        subcommands: [Lint.self, Rules.self, Schema.self, Review.self, Log.self, Report.self, SiteBuild.self, Init.self, New.self, Hooks.self,
                      Overlaps.self, Similarity.self, Search.self]
    )
}

/// A failure that stops the tool before it can judge anything (exit code 2).
struct UsageError: Error, CustomStringConvertible {
    var description: String
}

@main
enum Main {
    static func main() {
        reserveClosedStandardDescriptors()
        // With the current folder deleted, Foundation gives "/" for it: every command would then
        // work on the file system's root (`init` would initialise it). Refused before anything runs.
        if currentFolderIsGone() {
            Terminal.writeError("playbook: the current folder no longer exists; cd into an existing folder and run again\n")
            exit(2)
        }
        do {
            var command = try Playbook.parseAsRoot(FreeTextArguments.rewritten(Array(CommandLine.arguments.dropFirst())))
            try command.run()
        } catch let code as ExitCode {
            exit(code.rawValue)
        } catch {
            let code = Playbook.exitCode(for: error)
            if code == .success {
                Terminal.write(Inert.terminalLines(Playbook.fullMessage(for: error)) + "\n")
                exit(0)
            }
            let message: String
            switch error {
            case let error as UsageError: message = error.description
            case let error as ConfigurationError: message = error.description
            case let error as RootError: message = error.description
            default: message = Playbook.fullMessage(for: error)
            }
            // Messages quote paths, arguments and configuration keys: shown inert, line by line, an
            // argument's own line breaks first written `\n` (they are not the message's).
            Terminal.writeError("playbook: \(Inert.terminalLines(Main.quotingArgumentsOnOneLine(message, CommandLine.arguments.dropFirst())))\n")
            exit(2)
        }
    }
}

extension Main {
    /// `message` with every argument (and every option's value after `=`) that holds a line break and
    /// something else written as `Inert.terminal` writes it, on one line: `--quarter $'2026\nQ1'` quoted
    /// raw would start a line of standard error with text of the caller's choosing.
    static func quotingArgumentsOnOneLine(_ message: String, _ arguments: some Sequence<String>) -> String {
        var shown = message
        var quoted: [String] = []
        for argument in arguments {
            quoted.append(argument)
            if argument.hasPrefix("-"), let equals = argument.firstIndex(of: "=") { quoted.append(String(argument[argument.index(after: equals)...])) }
        }
        // Longest first, so an option's value never breaks up the whole argument it came from.
        for text in quoted.sorted(by: { $0.utf8.count > $1.utf8.count })
        where text.unicodeScalars.contains(where: { $0 == "\n" || $0 == "\r" })
            && text.unicodeScalars.contains(where: { !$0.properties.isWhitespace }) {
            shown = shown.replacing(text, with: Inert.terminal(text))
        }
        return shown
    }
}

/// Whether the process's current folder has been removed: getcwd fails with ENOENT (Linux), or
/// the folder is still open but has no link left in the file system (macOS keeps its path).
private func currentFolderIsGone() -> Bool {
    var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    if getcwd(&buffer, buffer.count) == nil, errno == ENOENT { return true }
    var info = stat()
    return stat(".", &info) == 0 && info.st_nlink == 0
}

/// A standard descriptor the process was started without (`<&-`, `>&-`, `2>&-`) would be taken
/// by the next file opened, and output written into it, or a file read as standard input. Each
/// is held by /dev/null opened the wrong way round, so reading or writing it fails (EBADF) and
/// is reported as for any other read or write error.
private func reserveClosedStandardDescriptors() {
    for fd in Int32(0)...2 where fcntl(fd, F_GETFD) == -1 {
        let held = open("/dev/null", fd == STDIN_FILENO ? O_WRONLY : O_RDONLY)
        if held >= 0, held != fd {
            dup2(held, fd)
            close(held)
        }
    }
}
