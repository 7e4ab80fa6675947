import Foundation
import PlaybookGit
import PlaybookModel

/// A versioned hooks folder (`.githooks`, as `init` writes it) that core.hooksPath is to name,
/// for `init` and `hooks install` alike. Git reads a relative core.hooksPath from the top of the
/// working tree, so a playbook in a subfolder is named by its path from there; and neither command
/// turns off the hooks git runs today (another core.hooksPath, or hooks in .git/hooks) without --force.
struct VersionedHooks {
    let repository: Repository
    let workdir: String
    /// The folder, absolute.
    let folder: String
    /// The folder as core.hooksPath names it: relative to the top of the working tree.
    let setting: String

    /// `folder` is absolute, inside the working tree, and need not exist yet.
    init(folder: String, in repository: Repository, workdir: String) throws {
        self.repository = repository
        self.workdir = workdir
        self.folder = folder
        guard let setting = Self.relative(folder, to: workdir) else {
            throw UsageError(description: "\(Inert.terminal(folder)) is outside the working tree of the repository at \(Inert.terminal(workdir))")
        }
        self.setting = setting
    }

    /// Refuses, unless `force`, to change which hooks git runs: another core.hooksPath, or hooks
    /// that git runs from the repository's own hooks folder and would stop running.
    func check(force: Bool) throws {
        guard !force else { return }
        let current = (try? repository.configString("core.hooksPath")).flatMap { $0 }
        if let current {
            guard isPointedAt else {
                throw UsageError(description: "core.hooksPath is already \(Inert.terminal(current)); use --force to point it at \(Inert.terminal(setting))")
            }
            return
        }
        // (The common folder: a linked worktree's own git folder holds no hooks git runs.)
        let own = Workspace.normalized(repository.commonDirectory) + "/hooks"
        let running = Self.runnable(in: own)
        guard running.isEmpty else {
            let shown = Inert.terminal(Workspace.display(own, root: workdir))
            throw UsageError(description: "git runs \(running.map(Inert.terminal).joined(separator: ", ")) from \(shown); "
                + "pointing core.hooksPath at \(Inert.terminal(setting)) would turn them off. Move them into \(Inert.terminal(setting)) "
                + "and use --force, or call `playbook lint --staged` from your own pre-commit hook")
        }
    }

    /// Whether core.hooksPath names the folder already, however it is written (".githooks/", its absolute path).
    var isPointedAt: Bool {
        guard let current = (try? repository.configString("core.hooksPath")).flatMap({ $0 }) else { return false }
        return current == setting || Workspace.absolute(current, from: workdir) == Workspace.normalized(folder)
    }

    /// Sets core.hooksPath (and `playbook.path`, for a hook run without playbook on PATH); returns the hooks git now
    /// runs from the folder, and what to say of the `playbook.path` it replaced (`InstalledHooks.rememberThisBinary`).
    func point() throws -> (hooks: [String], replacedPath: String?) {
        let hooks = try Self.enabledHooks(in: folder, shownAs: setting)
        try repository.setConfig("core.hooksPath", setting)
        // For a hook run without playbook on PATH; the hooks run it from PATH first, so a failure here loses nothing
        // else (review73: it failed `init` after core.hooksPath was set).
        let replaced = (try? InstalledHooks.rememberThisBinary(in: repository)).flatMap { $0 }
        return (hooks, replaced)
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
    static func enabledHooks(in folder: String, shownAs shown: String) throws -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        var hooks: [String] = []
        for name in names.sorted() where hookNames.contains(name) {
            var info = stat()
            guard lstat(folder + "/" + name, &info) == 0 else { continue }
            if info.st_mode & S_IFMT == S_IFLNK {
                throw UsageError(description: "\(Inert.terminal(shown))/\(Inert.terminal(name)) is a symbolic link; git would run whatever it points to. Replace it with the script itself")
            }
            if info.st_mode & S_IFMT == S_IFREG, info.st_mode & 0o111 != 0 { hooks.append(name) }
        }
        return hooks
    }

    /// The hooks git runs from `folder` as it is (a link to a script counts): what setting core.hooksPath would stop.
    static func runnable(in folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.sorted().filter { name in
            var info = stat()
            return hookNames.contains(name) && stat(folder + "/" + name, &info) == 0
                && info.st_mode & S_IFMT == S_IFREG && info.st_mode & 0o111 != 0
        }
    }

    /// `path` relative to `top`, following symbolic links in the part of `path` that exists
    /// (the working tree libgit2 reports may be spelled through other links than the folder).
    static func relative(_ path: String, to top: String) -> String? {
        for (candidate, root) in [(path, top), (WriteGuard.resolved(path), WriteGuard.resolved(top))] {
            let shown = Workspace.display(candidate, root: root)
            if !shown.hasPrefix("/") { return shown }
        }
        return nil
    }
}
