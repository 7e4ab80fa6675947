import ArgumentParser
import Foundation
import PlaybookGit
import PlaybookModel

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
            core.hooksPath to .githooks so every clone's hook is the versioned one, and lists \
            every hook in .githooks that git then runs (all of them, not only pre-commit). Otherwise \
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
            let versioned: ContainedPath.Kind
            do {
                versioned = try ContainedPath.kind(of: ".githooks/pre-commit", under: workdir, shownFrom: workdir)
            } catch {
                throw UsageError(description: "cannot use .githooks: \(error.description)")
            }
            if versioned == .file, FileManager.default.isExecutableFile(atPath: workdir + "/.githooks/pre-commit") {
                let current = try? repository.configString("core.hooksPath")
                if let current, current != ".githooks", !force {
                    throw UsageError(description: "core.hooksPath is already \(Inert.terminal(current)); use --force to point it at .githooks")
                }
                // Pointing core.hooksPath at the folder turns on every hook in it, not only pre-commit: say which.
                let hooks = try Self.enabledHooks(in: workdir + "/.githooks")
                try repository.setConfig("core.hooksPath", ".githooks")
                Terminal.write("core.hooksPath set to .githooks; git now runs these hooks from it: "
                    + hooks.map(Inert.terminal).joined(separator: ", ") + "\n")
                return
            }
            let configured = (try? repository.configString("core.hooksPath")).flatMap { $0 }
            let folder: String
            let top: String
            if let configured, PathSpelling.isAbsolute(configured) {
                // An absolute core.hooksPath is the user's own setting, outside any repository.
                folder = Workspace.normalized(configured)
                top = folder
            } else if let configured {
                folder = Workspace.absolute(configured, from: workdir)
                top = workdir
            } else {
                folder = Workspace.normalized(repository.gitDirectory) + "/hooks"
                top = Workspace.normalized(repository.gitDirectory)
            }
            let hook = folder + "/pre-commit"
            do {
                try AtomicFile.write(Self.script, to: hook, within: top, shownFrom: workdir, force: force, mode: 0o755)
            } catch let refusal as AtomicFile.Refusal {
                throw UsageError(description: refusal.description)
            }
            Terminal.write("wrote \(Inert.terminal(Workspace.display(hook, root: workdir))): commits now run `playbook lint --staged`\n")
        }

        /// The names git runs as hooks (githooks(5)).
        static let hookNames: Set<String> = [
            "applypatch-msg", "pre-applypatch", "post-applypatch", "pre-commit", "pre-merge-commit", "prepare-commit-msg",
            "commit-msg", "post-commit", "pre-rebase", "post-checkout", "post-merge", "pre-push", "pre-receive", "update",
            "proc-receive", "post-receive", "post-update", "reference-transaction", "push-to-checkout", "pre-auto-gc",
            "post-rewrite", "sendemail-validate", "fsmonitor-watchman", "p4-changelist", "p4-prepare-changelist",
            "p4-post-changelist", "p4-pre-submit", "post-index-change",
        ]

        /// The hooks git will run from `folder`: executable files named as hooks, sorted. A hook
        /// that is a symbolic link is refused: git would run whatever it points to.
        static func enabledHooks(in folder: String) throws -> [String] {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            var hooks: [String] = []
            for name in names.sorted() where hookNames.contains(name) {
                var info = stat()
                guard lstat(folder + "/" + name, &info) == 0 else { continue }
                if info.st_mode & S_IFMT == S_IFLNK {
                    throw UsageError(description: ".githooks/\(Inert.terminal(name)) is a symbolic link; git would run whatever it points to. Replace it with the script itself")
                }
                if info.st_mode & S_IFMT == S_IFREG, info.st_mode & 0o111 != 0 { hooks.append(name) }
            }
            return hooks
        }

        /// Runs the playbook on PATH, else the binary that installed the hook.
        static var script: String {
            // Quoted for sh scalar by scalar: a mark after a `'` does not hide it from the shell.
            var this = ""
            for scalar in (Bundle.main.executablePath ?? "playbook").unicodeScalars {
                if scalar == "'" { this += "'\\''" } else { this.unicodeScalars.append(scalar) }
            }
            return """
            #!/bin/sh
            # Installed by `playbook hooks install`: refuses a commit whose staged playbook files have errors.
            if command -v playbook >/dev/null 2>&1; then
                exec playbook lint --staged
            fi
            exec '\(this)' lint --staged

            """
        }
    }
}
