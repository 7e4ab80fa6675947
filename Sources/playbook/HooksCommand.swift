import ArgumentParser
import Foundation
import PlaybookGit
import PlaybookModel

struct Hooks: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Install the git pre-commit and pre-merge-commit hooks that run `playbook lint --staged`.",
        discussion: """
        Examples:
          playbook hooks install
          playbook hooks uninstall
        """,
        subcommands: [Install.self, Uninstall.self]
    )

    struct Install: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make `git commit` refuse commits whose staged playbook files have errors.",
            discussion: """
            When the repository has .githooks/pre-commit (as `playbook init` writes it), sets \
            core.hooksPath to .githooks (refused when that hook never runs `playbook lint --staged` so that a failure stops it) so every clone's hook is the versioned one, and lists \
            every hook in .githooks that git then runs (all of them, not only pre-commit); it \
            refuses without --force when core.hooksPath names another folder or git runs hooks \
            from .git/hooks, which that would turn off. Otherwise \
            writes the pre-commit and pre-merge-commit hooks (a merge without conflicts runs only \
            the latter) into the folder git runs hooks from (atomically; another tool's hook that already runs \
            `playbook lint --staged` from the playbook's folder, a failure stopping it, is left as it is, done; any other existing hook is kept unless --force), run from the playbook's folder when it is a subfolder; a core.hooksPath outside \
            the repository (such as ~/.githooks, which other repositories use too) only with --force. Another tool's \
            hook that --force replaces is kept beside it as NAME.before-playbook, which \
            `playbook hooks uninstall` puts back.

            Examples:
              playbook hooks install
              playbook hooks install --force     # replace an existing pre-commit hook
            """
        )

        @Flag(help: "Replace an existing pre-commit or pre-merge-commit hook (another tool's is kept as NAME.before-playbook).")
        var force = false

        func run() throws {
            let (repository, workdir) = try InstalledHooks.workTree(for: "hooks install", bare: "a bare repository has no commits made in it to check; install the hook in a clone")
            let versioned: ContainedPath.Kind
            do {
                versioned = try ContainedPath.kind(of: ".githooks/pre-commit", under: workdir, shownFrom: workdir)
            } catch {
                throw UsageError(description: "cannot use .githooks: \(error.description)")
            }
            if versioned == .file, FileManager.default.isExecutableFile(atPath: workdir + "/.githooks/pre-commit") {
                // A hook of someone else's that never lints would be turned on and the playbook left
                // unchecked, with "git now runs these hooks" said: refused, changing nothing (--force too).
                let text = FileManager.default.contents(atPath: workdir + "/.githooks/pre-commit").map { String(decoding: $0, as: UTF8.self) }
                if let text, !HookScript.runsStagedLint(text) {
                    throw UsageError(description: ".githooks/pre-commit does not run `playbook lint --staged` so that a failure refuses the commit: pointing core.hooksPath at it "
                        + "would leave playbook files unchecked; "
                        + "add the line `playbook lint --staged || exit 1` to it and run `playbook hooks install` again (or set core.hooksPath yourself if it lints another way)")
                }
                let folder = try VersionedHooks(folder: workdir + "/.githooks", in: repository, workdir: workdir)
                try folder.check(force: force)
                // Pointing core.hooksPath at the folder turns on every hook in it, not only pre-commit: say which. Pointed
                // there already (`init` did, or a run before this one), nothing changes, and that is said.
                let already = folder.isPointedAt
                let (hooks, replacedPath) = try folder.point()
                let shown = hooks.map(Inert.terminal).joined(separator: ", ")
                Terminal.write(already
                    ? "already in place: core.hooksPath names .githooks, and git runs these hooks from it: \(shown)\n"
                    : "core.hooksPath set to .githooks; git now runs these hooks from it: \(shown)\n")
                if let replacedPath { Terminal.write(replacedPath + "\n") }
                return
            }
            let hooks = try InstalledHooks(repository: repository, workdir: workdir)
            let playbook = InstalledHooks.playbookFolder(from: FileManager.default.currentDirectoryPath, workdir: workdir)
            try InstalledHooks.checkNotBesideASubfolderPlaybook(repository, workdir: workdir, playbookFolder: playbook)
            if hooks.outside, !force {
                throw UsageError(description: "core.hooksPath is \(Inert.terminal(hooks.folder)), outside this repository: a hook written there runs for "
                    + "every repository that uses that setting (often every one on this machine); use --force to write it there anyway, "
                    + "or add the line `\(InstalledHooks.lineForAnotherHook(playbookFolder: playbook))` to the hooks in it")
            }
            let paths = InstalledHooks.names.map { hooks.folder + "/" + $0 }
            // Into the git folder only where git runs hooks by default: core.hooksPath naming another
            // folder in it (`.git/refs/heads`) would have the hook taken for git's own files.
            for hook in paths {
                if let refusal = WriteGuard(around: [hook], cwd: workdir).fileRefusal(hook, example: ".githooks/pre-commit", allowingHooks: true) {
                    throw UsageError(description: "cannot write the hook \(Inert.terminal(Workspace.display(hook, root: workdir))): \(refusal) (core.hooksPath names its folder)")
                }
            }
            // Installed already, byte for byte as this run would write them: nothing to do, and nothing wrong (a setup
            // script run twice, or CI, gets exit 0, not the refusal that keeps another tool's hook). Another tool's hook that
            // runs `playbook lint --staged` already (the line the refusal below asks for, added) is done too, and kept.
            let current = zip(InstalledHooks.names, paths).filter { InstalledHooks.isCurrent($1, name: $0, playbookFolder: playbook) }.map(\.1)
            let linting = force ? [] : paths.filter { !current.contains($0) && InstalledHooks.lintsAlready($0, playbookFolder: playbook, workdir: workdir) }
            let toWrite = force ? paths : paths.filter { !current.contains($0) && !linting.contains($0) }
            func display(_ hooks: [String]) -> String {
                hooks.map { Inert.terminal(Workspace.display($0, root: workdir)) }.joined(separator: " and ")
            }
            let leftAsItWas = linting.isEmpty ? nil : "left \(display(linting)) as \(linting.count == 1 ? "it was: it runs" : "they were: they run") "
                + "`playbook lint --staged` already"
            if toWrite.isEmpty {
                let replacedPath = current.isEmpty ? nil : (try? InstalledHooks.rememberThisBinary(in: repository)).flatMap { $0 }
                if !current.isEmpty {
                    Terminal.write("\(display(current)) already installed and up to date: commits and merges run `playbook lint --staged`\n")
                }
                if let leftAsItWas { Terminal.write(leftAsItWas + "\n") }
                if let replacedPath { Terminal.write(replacedPath + "\n") }
                return
            }
            // Checked before anything is written: an existing hook is kept unless --force, and another
            // tool's hook that --force replaces is kept beside it, for `hooks uninstall` to put back.
            let line = InstalledHooks.lineForAnotherHook(playbookFolder: playbook)
            var replaced: [String] = []
            for hook in toWrite where Workspace.lexists(hook) {
                let shown = Inert.terminal(Workspace.display(hook, root: workdir))
                let ours = InstalledHooks.isOurs(hook)
                let keptAs = "it is kept as \(Inert.terminal((hook as NSString).lastPathComponent)).before-playbook"
                guard force else {
                    if ours {
                        throw UsageError(description: "\(shown) is playbook's hook, but not as this version writes it (edited since, or written by another version); "
                            + "use --force to write it again")
                    }
                    if InstalledHooks.runsStagedLint(hook, playbookFolder: playbook) {
                        throw UsageError(description: "\(shown) runs `playbook lint --staged`, but git does not run it: it is not an executable file; "
                            + "make it one (chmod +x), or use --force to replace it (\(keptAs))")
                    }
                    throw UsageError(description: "\(shown) already exists (another tool's hook): add the line `\(line)` to it, "
                        + "or use --force to replace it (\(keptAs))")
                }
                // Checked for every hook before any backup: a link (or a folder) would be refused only when written,
                // after its backup was made (macOS's link() even follows it), and the stray backup blocked every rerun.
                var info = stat()
                guard lstat(hook, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
                    throw UsageError(description: "\(shown) is not a regular file (a symbolic link?); not replacing it: "
                        + "put the file it names in its place, or add the line `\(line)` to that file")
                }
                if !ours { replaced.append(hook) }
            }
            for hook in replaced where Workspace.lexists(InstalledHooks.backup(of: hook)) {
                throw UsageError(description: "\(Inert.terminal(Workspace.display(InstalledHooks.backup(of: hook), root: workdir))) already exists; "
                    + "move it away (or put it back as the hook) before replacing \(Inert.terminal(Workspace.display(hook, root: workdir)))")
            }
            // Undone when a later step fails: the hooks written are taken back (a replaced one from its backup), and
            // the backups made are removed, so that running again finds things as they were.
            var backedUp: [String] = []
            var written: [String] = []
            let existed = Set(toWrite.filter(Workspace.lexists))
            func undo() {
                for hook in written.reversed() where !backedUp.contains(hook) && !existed.contains(hook) { unlink(hook) }
                for hook in backedUp {
                    if written.contains(hook) { rename(InstalledHooks.backup(of: hook), hook) } else { unlink(InstalledHooks.backup(of: hook)) }
                }
            }
            for hook in replaced {
                if let reason = InstalledHooks.keepBackup(of: hook) {
                    undo()
                    throw UsageError(description: "cannot keep \(Inert.terminal(Workspace.display(hook, root: workdir))) as a backup before replacing it: " + reason)
                }
                backedUp.append(hook)
            }
            for (name, hook) in zip(InstalledHooks.names, paths) where toWrite.contains(hook) {
                do {
                    try AtomicFile.write(InstalledHooks.script(name: name, playbookFolder: playbook), to: hook, within: hooks.top,
                                         shownFrom: workdir, force: force, mode: 0o755)
                    written.append(hook)
                } catch let refusal as AtomicFile.Refusal {
                    undo()
                    throw UsageError(description: refusal.description)
                } catch {
                    undo()
                    throw error
                }
            }
            // For a hook run without playbook on PATH; the hooks run it from PATH first, so a failure here loses nothing else.
            let replacedPath = (try? InstalledHooks.rememberThisBinary(in: repository)).flatMap { $0 }
            let place = playbook.isEmpty ? "" : " in \(Inert.terminal(playbook))/"
            Terminal.write("wrote \(display(toWrite)): commits and merges now run `playbook lint --staged`\(place)\n")
            if let leftAsItWas { Terminal.write(leftAsItWas + "\n") }
            for hook in replaced {
                Terminal.write("kept the hook it replaced as \(Inert.terminal(Workspace.display(InstalledHooks.backup(of: hook), root: workdir))) "
                    + "(`playbook hooks uninstall` puts it back)\n")
            }
            if let replacedPath { Terminal.write(replacedPath + "\n") }
        }
    }
}
