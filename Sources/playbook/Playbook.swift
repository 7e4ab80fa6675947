import ArgumentParser
import Foundation
import PlaybookLint

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
        subcommands: [Lint.self, Rules.self, Schema.self, Review.self, Log.self, Report.self, Init.self, New.self, Hooks.self,
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
        do {
            var command = try Playbook.parseAsRoot()
            try command.run()
        } catch let code as ExitCode {
            exit(code.rawValue)
        } catch {
            let code = Playbook.exitCode(for: error)
            if code == .success {
                print(Playbook.fullMessage(for: error))
                exit(0)
            }
            let message: String
            switch error {
            case let error as UsageError: message = error.description
            case let error as ConfigurationError: message = error.description
            default: message = Playbook.fullMessage(for: error)
            }
            FileHandle.standardError.write(Data("playbook: \(message)\n".utf8))
            exit(2)
        }
    }
}
