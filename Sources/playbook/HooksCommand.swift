import ArgumentParser
import Foundation
import PlaybookGit

struct Hooks: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Install the git pre-commit hook that runs `playbook lint --staged`.",
        discussion: """
        Examples:
          playbook hooks install
        """,
        subcommands: [Install.self]
    )

    struct Install: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make `git commit` refuse commits whose staged playbook files have errors.",
            discussion: """
            When the repository has .githooks/pre-commit (as `playbook init` writes it), sets \
            core.hooksPath to .githooks so every clone's hook is the versioned one. Otherwise \
            writes the hook into the repository's hooks folder (atomically; an existing hook is \
            kept unless --force).

            Examples:
              playbook hooks install
              playbook hooks install --force     # replace an existing pre-commit hook
            """
        )

        @Flag(help: "Replace an existing pre-commit hook.")
        var force = false

        func run() throws {
            let repository: Repository
            do {
                repository = try Repository.discover(from: FileManager.default.currentDirectoryPath)
            } catch {
                throw UsageError(description: "hooks install needs a git repository: \(error)")
            }
            guard let workdir = repository.workdir else {
                throw UsageError(description: "a bare repository has no commits made in it to check; install the hook in a clone")
            }
            if FileManager.default.isExecutableFile(atPath: workdir + "/.githooks/pre-commit") {
                let current = try? repository.configString("core.hooksPath")
                if let current, current != ".githooks", !force {
                    throw UsageError(description: "core.hooksPath is already \(current); use --force to point it at .githooks")
                }
                try repository.setConfig("core.hooksPath", ".githooks")
                Terminal.write("core.hooksPath set to .githooks: .githooks/pre-commit now runs on every commit\n")
                return
            }
            let folder = (try? repository.configString("core.hooksPath")).flatMap { $0 }.map {
                $0.hasPrefix("/") ? $0 : workdir + "/" + $0
            } ?? repository.gitDirectory + "/hooks"
            let hook = folder + "/pre-commit"
            do {
                try AtomicFile.write(Self.script, to: hook, force: force, mode: 0o755)
            } catch let refusal as AtomicFile.Refusal {
                throw UsageError(description: refusal.description)
            }
            Terminal.write("wrote \(hook): commits now run `playbook lint --staged`\n")
        }

        /// Runs the playbook on PATH, else the binary that installed the hook.
        static var script: String {
            let this = Bundle.main.executablePath ?? "playbook"
            return """
            #!/bin/sh
            # Installed by `playbook hooks install`: refuses a commit whose staged playbook files have errors.
            if command -v playbook >/dev/null 2>&1; then
                exec playbook lint --staged
            fi
            exec '\(this.replacing("'", with: "'\\''"))' lint --staged

            """
        }
    }
}
