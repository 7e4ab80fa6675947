import ArgumentParser
import Foundation
import PlaybookGit
import PlaybookHistory
import PlaybookLint
import PlaybookModel
import PlaybookOverlaps
import PlaybookReports
import PlaybookSite

struct SiteBuild: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "site",
        abstract: "Write the playbook as a static website: OKRs per quarter, squads, experiment calendar, learnings, program.",
        discussion: """
        Builds from the current branch's history and the playbook as committed at HEAD: a home \
        page per quarter (North Star and its trend, objectives and key results), a page per \
        squad and per entity (its fields and its history, commit by commit), the experiment \
        calendar per surface with collisions, the learnings library with search, and the \
        program page (velocity, win rate, cycle times per quarter). Plain HTML and CSS with a \
        little JavaScript for search; no request leaves the folder, so it works from disk and \
        on GitHub Pages. The same commit gives the same bytes (--today defaults to the day of \
        HEAD's commit).

        The folder is built beside its target and swapped in. An existing folder is replaced \
        only when a previous `playbook site` wrote it (it holds \(Site.marker)) or it is empty; \
        a symlink is never written through. Without -o the site goes to site/ at the repository top.

        Examples:
          playbook site
          playbook site -o /tmp/playbook-site --quarter 2026-Q3
        """
    )

    @Option(name: .shortAndLong, help: ArgumentHelp("The folder to write (default: site/ at the repository top).", valueName: "dir"))
    var output: String?

    @Option(help: "The quarter the home page shows, YYYY-Qn (default: the quarter containing --today).")
    var quarter: String?

    @Option(help: "Today's date, YYYY-MM-DD (default: the day of HEAD's commit, UTC).")
    var today: String?

    @OptionGroup var history: HistoryOptions

    func run() throws {
        let cwd = FileManager.default.currentDirectoryPath
        let repository: Repository
        do {
            repository = try Repository.discover(from: cwd)
        } catch let error as GitError {
            throw UsageError(description: "\(error.description)\n(the site is built from a git repository: run inside one)")
        }
        let target = try SiteFolder.target(output, repository: repository, cwd: cwd)
        try SiteFolder.check(target)  // before any work: a refused folder costs nothing
        let history = try history.readHistory()
        defer { history.finishBackgroundWork() }
        guard case let tip? = history.tip else {
            throw UsageError(description: history.caveats.joined(separator: " "))
        }
        let workspace = try Workspace.locate(from: cwd, configPath: self.history.config)
        let roots = HistoryOptions.repositoryRoots(workspace: workspace, workdir: repository.workdir)
        let entities: [SourcedEntity]
        let day: Day
        do {
            let commit = try repository.commitInfo(tip)
            day = try today.map(parseDay) ?? UTC.day(of: commit.committer.time)
            let include: (String) -> Bool = { FileDiscovery.isPlaybookFile($0) && !FileDiscovery.isHidden($0) }
            var files: [SourceFile] = []
            for file in try repository.changedFiles(from: nil, to: commit.tree, under: roots, include: include).sorted(by: { $0.path < $1.path }) {
                guard let blob = file.newBlob else { continue }
                files.append(SourceFile(path: file.path, bytes: try repository.blobData(blob)))
            }
            entities = EntityReading.entities(of: files, limits: workspace.configuration.limits)
        } catch let error as GitError {
            throw UsageError(description: "could not read the playbook at HEAD: \(error.description)")
        }
        let home = try quarter.map(parseQuarter) ?? day.quarter
        let input = SiteInput(history: history, timelines: Timelines(history), entities: entities, today: day, homeQuarter: home)
        let plan = SitePlan(input)
        try SiteFolder.write(plan, to: target)
        // The folder is a command-line argument: shown inert.
        let shown = Inert.terminalPath(target.display)
        Terminal.writeError("wrote \(plan.paths.count) files to \(shown); open \(Inert.terminalPath(target.display + "/index.html"))\n")
        withExtendedLifetime((history, input)) { exitSkippingTeardown(after: history) }
    }

    private func parseDay(_ text: String) throws -> Day {
        guard let day = Day(text) else { throw UsageError(description: "--today expects YYYY-MM-DD, got '\(text)'") }
        return day
    }
}
