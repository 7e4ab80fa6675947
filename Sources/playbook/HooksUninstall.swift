import ArgumentParser
import Foundation
import PlaybookGit
import PlaybookModel

extension Hooks {
    struct Uninstall: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove the hooks `playbook hooks install` wrote, putting back the ones they replaced.",
            discussion: """
            In the folder git runs hooks from (.git/hooks, or the one core.hooksPath names), removes \
            pre-commit and pre-merge-commit when `playbook hooks install` wrote them, and puts back \
            NAME.before-playbook, the other tool's hook that `hooks install --force` replaced. One of \
            them that differs from what this version writes (edited since, or written by another version) \
            is kept as NAME.removed-by-playbook first, and said. A hook playbook did not write is left alone. The clone's playbook.path setting, which `hooks install` \
            set to its own binary, is put back to the value it replaced (kept as playbook.pathBeforePlaybook), \
            or else removed, when it still holds the value `hooks install` wrote and no hook left reads it; \
            another value (one set by hand since) is kept, and said. The versioned .githooks that `playbook init` \
            writes stay: `git config --unset core.hooksPath` stops git running them.

            Examples:
              playbook hooks uninstall
            """
        )

        func run() throws {
            let (repository, workdir) = try InstalledHooks.workTree(for: "hooks uninstall", bare: "a bare repository runs no commit hooks; uninstall them in the clone that has them")
            let hooks = try InstalledHooks(repository: repository, workdir: workdir)
            // One of playbook's hooks that is not as this version writes it may hold lines of the user's: a copy is kept
            // (review, 2026-12-05: a line added to it was lost). Checked for every hook before anything changes.
            let differing = InstalledHooks.names.map { hooks.folder + "/" + $0 }.filter { hook in
                Workspace.lexists(hook) && InstalledHooks.isOurs(hook)
                    && !InstalledHooks.isAsWritten(hook, name: (hook as NSString).lastPathComponent)
            }
            for hook in differing where Workspace.lexists(InstalledHooks.removedCopy(of: hook)) {
                throw UsageError(description: "\(Inert.terminal(Workspace.display(hook, root: workdir))) differs from the hook this version of playbook writes "
                    + "(edited since, or written by another version), and \(Inert.terminal(Workspace.display(InstalledHooks.removedCopy(of: hook), root: workdir))), "
                    + "where a copy of it would be kept, already exists; move that away and run `playbook hooks uninstall` again")
            }
            var done = 0
            for name in InstalledHooks.names {
                let hook = hooks.folder + "/" + name
                let backup = InstalledHooks.backup(of: hook)
                let shown = Inert.terminal(Workspace.display(hook, root: workdir))
                guard Workspace.lexists(hook) else { continue }
                guard InstalledHooks.isOurs(hook) else {
                    Terminal.write("left \(shown) alone: `playbook hooks install` did not write it\n")
                    continue
                }
                var kept = ""
                if differing.contains(hook) {
                    let copy = InstalledHooks.removedCopy(of: hook)
                    if let reason = InstalledHooks.keepCopy(of: hook, as: copy) {
                        throw UsageError(description: "cannot keep a copy of \(shown), which differs from the hook this version of playbook writes, "
                            + "before removing it: \(reason); nothing was done to it")
                    }
                    kept = "; it differs from the hook this version of playbook writes (edited since, or written by another version), "
                        + "so it is kept as \(Inert.terminal(Workspace.display(copy, root: workdir)))"
                }
                if Workspace.lexists(backup) {
                    // Over ours in one step: git never finds the hook missing.
                    guard rename(backup, hook) == 0 else {
                        let reason = String(cString: strerror(errno))
                        if !kept.isEmpty { unlink(InstalledHooks.removedCopy(of: hook)) }
                        throw UsageError(description: "cannot put \(Inert.terminal(Workspace.display(backup, root: workdir))) back: " + reason)
                    }
                    Terminal.write("put back \(shown), the hook `playbook hooks install --force` replaced\(kept)\n")
                } else {
                    guard unlink(hook) == 0 else {
                        let reason = String(cString: strerror(errno))
                        if !kept.isEmpty { unlink(InstalledHooks.removedCopy(of: hook)) }
                        throw UsageError(description: "cannot remove \(shown): " + reason)
                    }
                    Terminal.write("removed \(shown)\(kept)\n")
                }
                done += 1
            }
            // The setting `hooks install` made for the hooks goes with them (the value it replaced comes back), unless a hook still reads it or it is the user's own.
            let setting: (changed: Bool, said: String)?
            do {
                setting = try InstalledHooks.forgetThisBinary(in: repository, hooksFolder: hooks.folder, workdir: workdir)
            } catch {
                throw UsageError(description: "cannot undo \(InstalledHooks.pathSetting) in this clone's git config: \(error)")
            }
            if done == 0 {
                let unchanged = setting?.changed == true ? "" : "; nothing changed"
                Terminal.write("no hook of `playbook hooks install` in \(Inert.terminal(Workspace.display(hooks.folder, root: workdir)))\(unchanged)\n")
            }
            if let setting { Terminal.write(setting.said + "\n") }
        }
    }
}
