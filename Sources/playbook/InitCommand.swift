import ArgumentParser
import Foundation
import PlaybookGit
import PlaybookLint
import PlaybookModel

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Start a new playbook repository that lints clean.",
        discussion: """
        Writes .playbook.yml, a metric catalog with its North Star, one squad and the \
        pre-commit and pre-merge-commit hooks, creates the git repository if there is none, and points \
        core.hooksPath at .githooks (as a path from the top of the repository, when the \
        folder is inside one). Existing files are never replaced, and the hooks git runs \
        today (another core.hooksPath, or hooks in .git/hooks) never turned off, without --force. \
        With --no-hooks, writes no hook and leaves core.hooksPath alone (a repository whose hooks \
        another tool manages: call `playbook lint --staged` from them).

        Examples:
          playbook init
          playbook init growth-playbook --squad activation-emea --north-star weekly-active-learners
          playbook init growth --no-hooks     # husky or another tool runs the hooks
        """
    )

    @Argument(help: "Folder to create the playbook in (default: the current folder).")
    var directory: String = "."

    @Option(help: "Id of the first squad (kebab-case).")
    var squad = "growth"

    @Option(help: "Id of the North Star metric (kebab-case).")
    var northStar = "weekly-active-users"

    @Flag(help: "Replace files that already exist, and point core.hooksPath at .githooks even when git runs other hooks.")
    var force = false

    @Flag(help: "Write no git hook and leave core.hooksPath as it is.")
    var noHooks = false

    /// Longest id `init` accepts: the squad's id names its file, and both ids stay readable.
    static let maxIDLength = 64

    func validate() throws {
        for (name, value) in [("--squad", squad), ("--north-star", northStar)] {
            guard value.count <= Self.maxIDLength else {
                throw ValidationError("\(name) must be at most \(Self.maxIDLength) characters; got \(value.count)")
            }
            guard IDForm.isKebabCase(value) else {
                throw ValidationError("\(name) must be kebab-case, such as activation-emea; got \"\(Inert.terminal(value))\"")
            }
        }
        // Ids are one namespace across kinds: a squad and a metric of one id would not lint clean.
        guard squad != northStar else {
            throw ValidationError("--squad and --north-star name the squad and the metric, whose ids must differ; both are \"\(Inert.terminal(squad))\"")
        }
    }

    /// Every input is checked before anything is written; the files are written together or not
    /// at all (`FileSet`), and the git steps are undone with them when they fail.
    func run() throws {
        let cwd = Workspace.normalized(FileManager.default.currentDirectoryPath)
        let top = Workspace.absolute(directory, from: cwd)
        try Self.refuseLinks(to: top, from: cwd)
        // Inside a git folder the playbook would be git's own files, and core.hooksPath would point into it.
        if let refusal = WriteGuard(around: [top + "/" + Configuration.fileName], cwd: cwd).gitFolderRefusal(top) {
            throw UsageError(description: "cannot start a playbook in \(Inert.terminal(top)): \(refusal); name a folder outside it")
        }
        let files = Templates.initial(squad: squad, northStar: northStar, owner: Templates.userName(near: top))
            .filter { !noHooks || !$0.path.hasPrefix(".githooks/") }
        // In an existing repository the hook goes where git will run it, and the hooks git runs today stay unless --force.
        // --no-hooks changes only the hook step: the repository is still found, and created only when there is none.
        let enclosing: VersionedHooks?
        do {
            enclosing = try Self.enclosingHooks(for: top, force: force, checked: !noHooks)
        } catch let refusal as UsageError {
            throw UsageError(description: refusal.description + "; or use --no-hooks and call `playbook lint --staged` from the hooks you have")
        }
        // A new repository would run the hooks the user's git configuration names (a company-wide secret scan):
        // pointing it at .githooks turns them off, so that too needs --force.
        if !noHooks, enclosing == nil, !force, let configured = (try? Repository.userConfigString("core.hooksPath")).flatMap({ $0 }) {
            throw UsageError(description: "core.hooksPath is \(Inert.terminal(configured)) in your git configuration, so a new repository "
                + "runs its hooks from there; use --force to point this one at .githooks, or call `playbook lint --staged` from those hooks")
        }
        var setting = ".githooks"
        var replacedPath: String?
        do {
            try FileSet(top: top, base: top, files: files).write(force: force) {
                if let enclosing {
                    if noHooks { return }
                    replacedPath = try enclosing.point().replacedPath
                    setting = enclosing.setting
                } else {
                    var info = stat()
                    let hadGit = lstat(top + "/.git", &info) == 0
                    do {
                        let repository = try Repository.create(at: top)
                        if noHooks { return }
                        replacedPath = try VersionedHooks(folder: top + "/.githooks", in: repository, workdir: top).point().replacedPath
                    } catch {
                        if !hadGit { try? FileManager.default.removeItem(atPath: top + "/.git") }
                        throw error
                    }
                }
            }
        } catch let failure as FileSet.Failure {
            throw UsageError(description: failure.description)
        }
        let hooks = noHooks
            ? "  no hook written (--no-hooks): have your pre-commit and pre-merge-commit hooks run `playbook lint --staged`"
            : "  .githooks/pre-commit, .githooks/pre-merge-commit: run `playbook lint --staged` (core.hooksPath is \(Inert.terminal(setting)))"
        Terminal.write("""
        Started a playbook in \(Inert.terminal(top)):
          .playbook.yml: settings (roots, rule severities)
          playbooks/metrics.yml: the metric catalog, with \(northStar) as the North Star
          playbooks/squads/\(squad).yml: your first squad
        \(hooks)
        Next: playbook lint, then playbook new hypothesis --squad \(squad)

        """)
        if let replacedPath { Terminal.write(replacedPath + "\n") }
    }

    /// The folder named is reached through no symbolic link below the current folder (or below the
    /// top of the repository holding the current folder, for a path outside it): a link could lead
    /// into another repository or anywhere else, and init would create a repository, write the
    /// playbook and set `core.hooksPath` there. Links above (macOS's /tmp) are the system's own.
    static func refuseLinks(to top: String, from cwd: String) throws {
        var base = cwd
        if ContainedPath.relative(top, to: cwd) == nil {
            guard let workdir = (try? Repository.discover(from: cwd))?.workdir.map(Workspace.normalized),
                  ContainedPath.relative(top, to: workdir) != nil else { return }
            base = workdir
        }
        guard let relative = ContainedPath.relative(top, to: base) else { return }
        do {
            switch try ContainedPath.kind(of: relative, under: base, shownFrom: cwd) {
            case .missing, .folder: return
            case .file, .other: throw UsageError(description: "\(Inert.terminal(top)) exists and is not a folder")
            }
        } catch let refusal as ContainedPath.Refusal {
            throw UsageError(description: "cannot start a playbook in \(Inert.terminal(top)): \(refusal.description)")
        }
    }

    /// The `.githooks` of `top` in the repository that already holds it, checked; nil when there is none
    /// (init creates one). `top` need not exist yet: the repository is found from its nearest existing folder.
    /// Unchecked (`--no-hooks`: core.hooksPath is left alone), it only says which repository holds `top`.
    static func enclosingHooks(for top: String, force: Bool, checked: Bool) throws -> VersionedHooks? {
        var existing = top
        while !Workspace.exists(existing), existing != "/" {
            existing = (existing as NSString).deletingLastPathComponent
        }
        guard let repository = try? Repository.discover(from: existing), let workdir = repository.workdir else { return nil }
        let hooks = try VersionedHooks(folder: top + "/.githooks", in: repository, workdir: workdir)
        if checked { try hooks.check(force: force) }
        return hooks
    }
}
