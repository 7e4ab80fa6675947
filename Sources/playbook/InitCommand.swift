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
        pre-commit hook, creates the git repository if there is none, and points \
        core.hooksPath at .githooks. Existing files are never replaced without --force.

        Examples:
          playbook init
          playbook init growth-playbook --squad activation-emea --north-star weekly-active-learners
        """
    )

    @Argument(help: "Folder to create the playbook in (default: the current folder).")
    var directory: String = "."

    @Option(help: "Id of the first squad (kebab-case).")
    var squad = "growth"

    @Option(help: "Id of the North Star metric (kebab-case).")
    var northStar = "weekly-active-users"

    @Flag(help: "Replace files that already exist.")
    var force = false

    func validate() throws {
        for (name, value) in [("--squad", squad), ("--north-star", northStar)] where !IDForm.isKebabCase(value) {
            throw ValidationError("\(name) must be kebab-case, such as activation-emea; got \"\(value)\"")
        }
    }

    func run() throws {
        let top = Workspace.absolute(directory, from: Workspace.normalized(FileManager.default.currentDirectoryPath))
        let files = Templates.initial(squad: squad, northStar: northStar, owner: Templates.userName(near: top))
        if !force, let existing = files.first(where: { FileManager.default.fileExists(atPath: top + "/" + $0.path) }) {
            throw UsageError(description: "\(existing.path) already exists in \(top); use --force to replace the starter files")
        }
        for file in files {
            do {
                try AtomicFile.write(file.text, to: top + "/" + file.path, force: force, mode: file.executable ? 0o755 : 0o644)
            } catch let refusal as AtomicFile.Refusal {
                throw UsageError(description: refusal.description)
            }
        }
        let repository: Repository
        if let found = try? Repository.discover(from: top), found.workdir != nil {
            repository = found
        } else {
            repository = try Repository.create(at: top)
        }
        try repository.setConfig("core.hooksPath", ".githooks")
        Terminal.write("""
        Started a playbook in \(top):
          .playbook.yml: settings (roots, rule severities)
          playbooks/metrics.yml: the metric catalog, with \(northStar) as the North Star
          playbooks/squads/\(squad).yml: your first squad
          .githooks/pre-commit: runs `playbook lint --staged` (core.hooksPath is set)
        Next: playbook lint, then playbook new hypothesis --squad \(squad)

        """)
    }
}
