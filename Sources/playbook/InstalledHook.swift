import Foundation
import PlaybookGit
import PlaybookLint
import PlaybookModel

/// The hooks `playbook hooks install` writes into the folder git runs hooks from (not the versioned
/// `.githooks` that `init` writes): where that folder is, what each hook says, and telling them from
/// another tool's hook.
struct InstalledHooks {
    /// Where git looks for hooks (absolute), and the folder nothing is written outside of.
    let folder: String
    let top: String
    /// Whether core.hooksPath names a folder outside the repository (its working tree and git folder):
    /// a hook written there runs for every repository that uses the setting, often all on the machine.
    let outside: Bool

    /// `pre-commit` for `git commit`, `pre-merge-commit` for a `git merge` without conflicts, which
    /// git commits without running pre-commit.
    static let names = ["pre-commit", "pre-merge-commit"]

    /// What a replaced hook of another tool is kept as, beside it (git never runs it).
    static func backup(of hook: String) -> String { hook + ".before-playbook" }

    /// What `hooks uninstall` keeps one of playbook's hooks as, beside it, when it removes it and it is not byte for byte
    /// as this version writes it: edited since (lines of the user's), or written by another version.
    static func removedCopy(of hook: String) -> String { hook + ".removed-by-playbook" }

    /// Keeps the regular file `hook` as its backup: a hard link, else (another device, a file system
    /// that refuses links) a copy with its permission bits. Nil when kept, else the reason.
    static func keepBackup(of hook: String) -> String? {
        keepCopy(of: hook, as: backup(of: hook))
    }

    /// Keeps the regular file `hook` as `backup` (which must not exist): a hard link, else a copy with its permission bits.
    /// Nil when kept, else the reason.
    static func keepCopy(of hook: String, as backup: String) -> String? {
        if link(hook, backup) == 0 { return nil }
        var info = stat()
        guard lstat(hook, &info) == 0, let data = FileManager.default.contents(atPath: hook) else { return String(cString: strerror(errno)) }
        let fd = open(backup, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return String(cString: strerror(errno)) }
        AtomicFile.keep(info, on: fd, adding: 0)
        do {
            try OutputTarget.write([UInt8](data), to: fd)
            guard fsync(fd) == 0 || errno == EINVAL else { throw AtomicFile.Refusal(description: String(cString: strerror(errno))) }
        } catch {
            close(fd)
            unlink(backup)
            return "\(error)"
        }
        close(fd)
        return nil
    }

    /// The repository around the current folder and its working tree, for a hooks command: `command` names it
    /// in the refusal outside a repository, `bare` is said of a bare one (it runs no commit hooks).
    static func workTree(for command: String, bare: String) throws -> (repository: Repository, workdir: String) {
        let repository: Repository
        do {
            repository = try Repository.discover(from: FileManager.default.currentDirectoryPath)
        } catch {
            throw UsageError(description: "\(command) needs a git repository: \(error)")
        }
        guard let workdir = repository.workdir else { throw UsageError(description: bare) }
        return (repository, workdir)
    }

    /// The first line after `#!/bin/sh` of every hook `hooks install` writes.
    static let marker = "# Installed by `playbook hooks install`"

    /// The folder git runs hooks from: core.hooksPath (relative to the top of the working tree, or from
    /// the home folder for `~/`, as git expands it), else the repository's own (common) hooks folder.
    init(repository: Repository, workdir: String) throws {
        let configured = (try? repository.configString("core.hooksPath")).flatMap { $0 }
        let common = Workspace.normalized(repository.commonDirectory)
        if let configured, let expanded = Self.expandingHome(configured), PathSpelling.isAbsolute(expanded) {
            // An absolute core.hooksPath is the user's own setting, usually outside any repository.
            folder = Workspace.normalized(expanded)
            top = folder
            outside = VersionedHooks.relative(folder, to: Workspace.normalized(workdir)) == nil
                && VersionedHooks.relative(folder, to: common) == nil
        } else if let configured {
            guard !configured.hasPrefix("~") else {
                throw UsageError(description: "core.hooksPath is \(Inert.terminal(configured)), and there is no home folder to read it from "
                    + "(HOME unset, or no such user); set core.hooksPath to an absolute path")
            }
            folder = Workspace.absolute(configured, from: workdir)
            top = workdir
            outside = false
        } else {
            folder = common + "/hooks"
            top = common
            outside = false
        }
    }

    /// `path` with a leading `~/` or `~user/` replaced by that home folder, as git reads core.hooksPath;
    /// nil when there is none to replace it with.
    static func expandingHome(_ path: String) -> String? {
        guard path.hasPrefix("~") else { return path }
        let slash = path.firstIndex(of: "/") ?? path.endIndex
        let user = String(path[path.index(after: path.startIndex)..<slash])
        let home = user.isEmpty
            ? ProcessInfo.processInfo.environment["HOME"]
            : getpwnam(user).map { String(cString: $0.pointee.pw_dir) }
        guard let home, !home.isEmpty else { return nil }
        return home + path[slash...]
    }

    /// Whether the hook at `path` is an executable regular file holding, byte for byte, what this version writes as `name`
    /// for the playbook in `playbookFolder`.
    static func isCurrent(_ path: String, name: String, playbookFolder: String) -> Bool {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_mode & 0o100 != 0,
              let bytes = FileManager.default.contents(atPath: path) else { return false }
        return bytes == Data(script(name: name, playbookFolder: playbookFolder).utf8)
    }

    /// Whether the hook at `path`, `name`, is byte for byte as this version writes it for the playbook folder it names
    /// (its `cd ./'FOLDER' || exit 1` line; the top without one): one `hooks uninstall` removes keeping no copy.
    static func isAsWritten(_ path: String, name: String) -> Bool {
        guard let data = FileManager.default.contents(atPath: path) else { return false }
        let prefix = "cd ./'", suffix = "' || exit 1"
        let line = String(decoding: data, as: UTF8.self).split(separator: "\n").first { $0.hasPrefix(prefix) && $0.hasSuffix(suffix) }
        let folder = line.map { $0.dropFirst(prefix.count).dropLast(suffix.count).replacingOccurrences(of: "'\\''", with: "'") } ?? ""
        return isCurrent(path, name: name, playbookFolder: folder)
    }

    /// Whether the file at `path` runs `playbook lint --staged` in `playbookFolder` so that its failure refuses the commit,
    /// as `init` and `hooks install` recognise it in `.githooks` (`HookScript`).
    static func runsStagedLint(_ path: String, playbookFolder: String) -> Bool {
        FileManager.default.contents(atPath: path).map {
            HookScript.runsStagedLint(String(decoding: $0, as: UTF8.self), playbookFolder: playbookFolder)
        } ?? false
    }

    /// Whether the hook at `path` is another tool's that git runs (an executable file) and that runs `playbook lint --staged`
    /// in `playbookFolder` already: `hooks install` keeps it as it is, done.
    static func lintsAlready(_ path: String, playbookFolder: String, workdir: String) -> Bool {
        guard Workspace.lexists(path), !isOurs(path), FileManager.default.isExecutableFile(atPath: path) else { return false }
        // `init`'s hook lints from the folder above its own (`growth/.githooks` lints growth/): done when that is the playbook's.
        if FileManager.default.contents(atPath: path) == Data(Templates.hook().utf8) {
            let above = ((path as NSString).deletingLastPathComponent as NSString).deletingLastPathComponent
            let relative = VersionedHooks.relative(Workspace.normalized(above), to: Workspace.normalized(workdir))
            if relative == playbookFolder || (playbookFolder.isEmpty && relative == ".") { return true }
        }
        return runsStagedLint(path, playbookFolder: playbookFolder)
    }

    /// Whether the file at `path` is a hook `hooks install` wrote.
    static func isOurs(_ path: String) -> Bool {
        guard let data = FileManager.default.contents(atPath: path) else { return false }
        return String(decoding: data.prefix(256), as: UTF8.self).contains(marker)
    }

    /// The folder holding the playbook that `cwd` is in, relative to the top of the working tree (""
    /// for the top): the nearest one with a `.playbook.yml`, from `cwd` up to the top.
    static func playbookFolder(from cwd: String, workdir: String) -> String {
        let top = Workspace.normalized(workdir)
        var relative = VersionedHooks.relative(Workspace.normalized(cwd), to: top) ?? ""
        if relative == "." { relative = "" }
        while !relative.isEmpty {
            if Workspace.lexists(top + "/" + relative + "/.playbook.yml") { return relative }
            relative = (relative as NSString).deletingLastPathComponent
        }
        return ""
    }

    /// Refuses `hooks install` run outside any playbook (`playbookFolder` is the top, which has no `.playbook.yml` and no
    /// default root, in the working tree or the index) when the index holds a `.playbook.yml` in a subfolder: the hook
    /// would lint from the top, where there is no playbook; the refusal names the folder to run from, as `lint --staged` does.
    static func checkNotBesideASubfolderPlaybook(_ repository: Repository, workdir: String, playbookFolder: String) throws {
        guard playbookFolder.isEmpty else { return }
        let roots = Configuration().roots
        let atTheTop: (String) -> Bool = { path in path == Configuration.fileName || roots.contains { PathSpelling.isWithin(path, $0) } }
        guard !Workspace.lexists(workdir + "/" + Configuration.fileName), !roots.contains(where: { Workspace.lexists(workdir + "/" + $0) }),
              let entries = try? repository.stagedEntries(where: { atTheTop($0) || $0.hasSuffix("/" + Configuration.fileName) }).entries,
              !entries.contains(where: { atTheTop($0.path) }),
              let nested = entries.first?.path else { return }
        let folder = Inert.terminal((nested as NSString).deletingLastPathComponent)
        let more = entries.count > 1 ? " (and \(entries.count - 1) more)" : ""
        throw UsageError(description: "no playbook at the repository top (no \(Configuration.fileName), and no folder \(roots.map(Inert.terminal).joined(separator: ", "))); "
            + "the index has \(Inert.terminal(nested))\(more): run from \(folder)/ (cd \(folder) && playbook hooks install), "
            + "so that the hook lints that playbook")
    }

    /// Quoted for sh scalar by scalar: a mark after a `'` does not hide it from the shell.
    static func shellQuoted(_ text: String) -> String {
        var quoted = ""
        for scalar in text.unicodeScalars {
            if scalar == "'" { quoted += "'\\''" } else { quoted.unicodeScalars.append(scalar) }
        }
        return "'" + quoted + "'"
    }

    /// Shell commands, before entering the playbook's folder from the top of the working tree, that make
    /// the index and the repository git names (relative to the top: `.git/index` for a plain `git commit`)
    /// absolute, and let a commit through on a branch without the folder (an orphan gh-pages, an older
    /// worktree): it holds no playbook to check.
    static func leavingTheTop(for playbookFolder: String) -> [String] {
        [
            "case $GIT_INDEX_FILE in ''|/*) ;; *) GIT_INDEX_FILE=$PWD/$GIT_INDEX_FILE; export GIT_INDEX_FILE ;; esac",
            "case $GIT_DIR in ''|/*) ;; *) GIT_DIR=$PWD/$GIT_DIR; export GIT_DIR ;; esac",
            "[ -d \(folderOperand(playbookFolder)) ] || exit 0",
        ]
    }

    /// The folder as an operand of `cd` or `[ -d`: from `./`, so neither CDPATH nor a leading `-` changes what it names.
    static func folderOperand(_ playbookFolder: String) -> String { "./" + shellQuoted(playbookFolder) }

    /// The line to add to another tool's hook (run by git from the top of the working tree).
    static func lineForAnotherHook(playbookFolder: String) -> String {
        guard !playbookFolder.isEmpty else { return "playbook lint --staged || exit 1" }
        return "(" + leavingTheTop(for: playbookFolder).joined(separator: "; ")
            + "; cd \(folderOperand(playbookFolder)) && playbook lint --staged) || exit 1"
    }

    /// Runs the playbook on PATH, else the one the clone's `playbook.path` names, from the playbook's folder
    /// (`playbookFolder`, relative to the top of the working tree, where git runs hooks).
    static func script(name: String, playbookFolder: String) -> String {
        let move = playbookFolder.isEmpty ? "" : """
            # Git runs hooks from the top of the working tree; the playbook is in \(Inert.terminal(playbookFolder))/.
            # The index and the repository git names from there are made absolute first; a branch without the folder has nothing to check.
            \(leavingTheTop(for: playbookFolder).joined(separator: "\n"))
            cd \(folderOperand(playbookFolder)) || exit 1

            """
        let what = name == "pre-merge-commit" ? "a merge" : "a commit"
        return """
            #!/bin/sh
            \(marker): refuses \(what) whose staged playbook files have errors.
            \(rememberingTheTop)
            \(move)\(runningPlaybook())
            """
    }

    /// Set by the hooks `init` and `hooks install` write for the `lint --staged` they run: a commit whose index and HEAD
    /// hold neither a settings file nor a playbook file (a branch without the playbook, such as an orphan gh-pages) has
    /// nothing to judge and goes through, while `lint --staged` run by hand refuses it (exit 2) as `lint` does.
    static let hookVariable = "PLAYBOOK_HOOK"

    /// The binary running now, its links resolved: what a hook falls back on when `playbook` is not on
    /// PATH (built as `.build/release/playbook` and never installed). Nil when the system does not say.
    static var thisBinary: String? {
        Bundle.main.executablePath.map(WriteGuard.resolved)
    }

    /// The git setting a hook reads the playbook from when `playbook` is not on PATH: the clone's own
    /// (`.git/config`), which `init` and `hooks install` set to the binary they ran as. Not the hook itself:
    /// `init`'s hooks are versioned, and one person's build folder would be committed for everyone.
    static let pathSetting = "playbook.path"

    /// The value `init` or `hooks install` last wrote to `pathSetting`: what `hooks uninstall` removes (whichever
    /// playbook binary runs it), while another value, set since, is the user's and stays.
    static let pathSetByPlaybook = "playbook.pathSetByPlaybook"

    /// The value of `pathSetting` that `init` or `hooks install` replaced (one set by hand), kept for `hooks uninstall`
    /// to put back, as it puts back a hook kept as NAME.before-playbook.
    static let pathBeforePlaybook = "playbook.pathBeforePlaybook"

    /// `git config KEY VALUE` for the user to run, when the terminal shows it exactly; nil when the value holds
    /// control characters (a newline, an escape), which are shown escaped and so would not put it back.
    static func configCommand(_ key: String, _ value: String) -> String? {
        let command = "git config \(key) \(shellQuoted(value))"
        return Inert.terminal(command) == command ? command : nil
    }

    /// Sets `pathSetting` in `repository`'s own configuration to the binary running now (built as
    /// `.build/release/playbook` and never installed, the hook still finds it), and records it in `pathSetByPlaybook`.
    /// A value set by hand that it replaces is kept in `pathBeforePlaybook`. Returns what to say when it replaced
    /// another value (set by hand, or another build's), which would otherwise be lost silently.
    static func rememberThisBinary(in repository: Repository) throws -> String? {
        guard let thisBinary else { return nil }
        let before = (try? repository.localConfigString(pathSetting)).flatMap { $0 }
        let setBefore = (try? repository.localConfigString(pathSetByPlaybook)).flatMap { $0 }
        // Another playbook's value is not the user's: the value before it (if any) stays the one to put back.
        let byHand = before.map { $0 != thisBinary && $0 != setBefore } ?? false
        if byHand, let before { try repository.setConfig(pathBeforePlaybook, before) }
        try repository.setConfig(pathSetByPlaybook, thisBinary)
        try repository.setConfig(pathSetting, thisBinary)
        guard let before, before != thisBinary else { return nil }
        let set = "set \(pathSetting) in this clone's git config to \(Inert.terminal(thisBinary)), for the hooks when playbook is not on PATH; "
            + "it was \(Inert.terminal(before))"
        let kept = byHand ? "; kept as \(pathBeforePlaybook) for `playbook hooks uninstall` to put back" : ""
        guard let command = configCommand(pathSetting, before) else {
            return set + " (it held control characters, shown escaped)" + kept
        }
        return set + ": `\(command)` puts it back" + kept
    }

    /// Undoes `rememberThisBinary` for `hooks uninstall`, once no hook git runs from `folder` reads `pathSetting`: when
    /// it holds the value `init` or `hooks install` wrote (`pathSetByPlaybook`; before that was recorded, the binary
    /// running now), puts back the value it replaced (`pathBeforePlaybook`) or else removes it; another value, set
    /// since, is left. Nil when it is not set there, else whether it changed (removed or put back) and what was done, to say.
    static func forgetThisBinary(in repository: Repository, hooksFolder folder: String, workdir: String) throws -> (changed: Bool, said: String)? {
        guard let value = try repository.localConfigString(pathSetting) else { return nil }
        let shown = "\(pathSetting) (\(Inert.terminal(value)))"
        let reading = names.map { folder + "/" + $0 }.filter { hook in
            FileManager.default.contents(atPath: hook).map { String(decoding: $0, as: UTF8.self).contains(pathSetting) } ?? false
        }
        if let hook = reading.first {
            return (false, "kept \(shown) in this clone's git config: \(Inert.terminal(Workspace.display(hook, root: workdir))) still reads it")
        }
        let setByPlaybook = try repository.localConfigString(pathSetByPlaybook)
        let before = try repository.localConfigString(pathBeforePlaybook)
        guard value == (setByPlaybook ?? thisBinary) else {
            var said = "left \(shown) in this clone's git config: "
            if let setByPlaybook, setByPlaybook != thisBinary {
                said += "it is not the playbook `playbook init` or `hooks install` set (\(Inert.terminal(setByPlaybook))), perhaps set by hand since "
            } else {
                said += "it names another playbook than this one, perhaps set by hand "
            }
            said += "(`git config --unset \(pathSetting)` removes it)"
            if let before {
                said += "; \(pathBeforePlaybook) keeps \(Inert.terminal(before)), the value `hooks install` replaced"
            }
            return (false, said)
        }
        if let before {
            try repository.setConfig(pathSetting, before)
            try repository.removeConfig(pathBeforePlaybook)
            if setByPlaybook != nil { try repository.removeConfig(pathSetByPlaybook) }
            return (true, "put back \(pathSetting) (\(Inert.terminal(before))) in this clone's git config, the value `playbook init` or "
                + "`hooks install` replaced with \(Inert.terminal(value)) for the hooks")
        }
        try repository.removeConfig(pathSetting)
        if setByPlaybook != nil { try repository.removeConfig(pathSetByPlaybook) }
        return (true, "removed \(shown) from this clone's git config, which `playbook init` or `hooks install` set for the hooks")
    }

    /// The first command of every hook `init` and `hooks install` write, before it changes folder: git runs hooks from
    /// the top of the working tree, which a relative `pathSetting` is read from (as git reads a relative core.hooksPath).
    static let rememberingTheTop = "top=$PWD"

    /// The end of every hook `init` and `hooks install` write: `playbook lint --staged` with the playbook on
    /// PATH, else with the binary `pathSetting` names (`~/` from the home folder, a relative path from the top of the
    /// working tree, kept by `rememberingTheTop`) when it is an executable file, else a refusal saying what is wrong
    /// and how to put playbook on PATH. Every value is a quoted variable, never text of the script.
    static func runningPlaybook() -> String {
        let fix = "put playbook on PATH (for example: install -m 755 .build/release/playbook /usr/local/bin/)"
        return """
            # A branch whose index and HEAD hold no playbook (an orphan gh-pages) has nothing to check: `lint --staged` lets it through.
            \(hookVariable)=1; export \(hookVariable)
            if command -v playbook >/dev/null 2>&1; then
                exec playbook lint --staged
            fi
            # Else the playbook `init` or `hooks install` ran as, kept in this clone's git config (\(pathSetting)):
            # `~/` is read from the home folder, a relative path from the top of the working tree ($top).
            named=$(git config --get \(pathSetting))
            installed=$(git config --path --get \(pathSetting) 2>/dev/null) || installed=$named
            case $installed in ''|/*) ;; *) installed=$top/$installed ;; esac
            if [ -f "$installed" ] && [ -x "$installed" ]; then
                exec "$installed" lint --staged
            fi
            hook=$(basename "$0")
            if [ -z "$named" ]; then
                printf '%s\\n' "$hook: playbook is not on PATH; \(fix), or name it with git config \(pathSetting) PATH-TO-PLAYBOOK, and try again." >&2
                exit 1
            fi
            if [ "$installed" = "$named" ]; then
                shown="$named (git config \(pathSetting))"
            elif [ "$installed" = "$top/$named" ]; then
                shown="$named (git config \(pathSetting), read from the top of the working tree: $installed)"
            else
                shown="$named (git config \(pathSetting), read as $installed)"
            fi
            if [ ! -e "$installed" ]; then
                printf '%s\\n' "$hook: playbook is not on PATH, and $shown is not there; \(fix) and try again." >&2
            elif [ -d "$installed" ]; then
                printf '%s\\n' "$hook: playbook is not on PATH, and $shown is a folder; name the playbook binary in it, or \(fix), and try again." >&2
            else
                printf '%s\\n' "$hook: playbook is not on PATH, and $shown is not an executable file; make it one (chmod +x) or \(fix), and try again." >&2
            fi
            exit 1

            """
    }
}
