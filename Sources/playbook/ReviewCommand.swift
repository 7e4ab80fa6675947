import ArgumentParser
import Foundation
import PlaybookGit
import PlaybookHistory
import PlaybookLint
import PlaybookModel
import PlaybookReview

struct Review: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Review a change: entities added, changed and removed, their findings, and history rules.",
        discussion: """
        Compares HEAD (or --head) with the merge base of --base, as `git diff base...head` \
        does: lists the entities the change adds, changes (field by field) and removes; lints \
        the changed files against the whole playbook (overlaps with every other squad's work \
        included); and applies the rules only history can check to the change's commits: \
        statuses never move backwards, an experiment's primary metric and hypothesis are fixed \
        once it has run, a concluded result is not edited without a note, ids are not reused.

        CI needs the full history (actions/checkout with fetch-depth: 0).

        Examples:
          playbook review --base origin/main
          playbook review --base origin/main --format markdown > comment.md
          playbook review --base v1.2 --head feature/pricing --format sarif > review.sarif

        Exit codes: 0 no errors, 1 errors found, 2 the review could not run.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case markdown, json, github, sarif, text
    }

    @Option(help: "The branch, tag or commit the change goes into.")
    var base: String

    @Option(help: "The change's last commit (default: HEAD).")
    var head = "HEAD"

    @Option(help: "Output format: markdown (a PR comment), json, github, sarif or text.")
    var format: Format = .markdown

    @Option(help: ArgumentHelp("The date time-based rules judge against, YYYY-MM-DD (default: today, UTC).", valueName: "date"))
    var today: Day?

    func run() throws {
        let cwd = FileManager.default.currentDirectoryPath
        let repository: Repository
        do {
            repository = try Repository.discover(from: cwd)
        } catch {
            throw UsageError(description: "review compares commits of a git repository: \(error)")
        }
        let baseID = try resolve(base, in: repository)
        let headID = try resolve(head, in: repository)
        let mergeBase = try repository.mergeBase(baseID, headID)
        if repository.isShallow, mergeBase == nil {
            throw UsageError(description: "this clone is shallow and the merge base of \(base) and \(head) is missing; fetch the full history (git fetch --unshallow, or fetch-depth: 0 in actions/checkout)")
        }
        let workspace = try Workspace.locate(from: repository.workdir ?? cwd, configPath: nil)
        let configuration = try configurationAt(headID, repository: repository, workspace: workspace)
        let roots = HistoryOptions.repositoryRoots(workspace: Workspace(root: workspace.root, displayBase: workspace.displayBase, configuration: configuration),
                                                   workdir: repository.workdir)
        let include: (String) -> Bool = { path in
            FileDiscovery.isPlaybookFile(path) && !FileDiscovery.isHidden(path)
        }
        do {
            let headTree = try repository.commitInfo(headID).tree
            let baseTipTree = try repository.commitInfo(baseID).tree
            let baseTree = try mergeBase.map { try repository.commitInfo($0).tree }
            func read(_ tree: ObjectID?) throws -> [String: SourceFile] {
                var files: [String: SourceFile] = [:]
                for file in try repository.changedFiles(from: nil, to: tree, under: roots, include: include) {
                    guard let blob = file.newBlob else { continue }
                    files[file.path] = SourceFile(path: file.path, bytes: try repository.blobData(blob))
                }
                return files
            }
            let changedInChange = try repository.changedFiles(from: baseTree, to: headTree, under: roots, include: include)
            let changed = changedInChange.filter { $0.newBlob != nil }.map(\.path)
            // The playbook as it will be once merged: the head, plus what landed on the base since
            // the branch point in files the change leaves alone (ids and overlaps are checked against it).
            var merged = try read(headTree)
            let touched = Set(changedInChange.map(\.path))
            for file in try repository.changedFiles(from: baseTree, to: baseTipTree, under: roots, include: include) where !touched.contains(file.path) {
                if let blob = file.newBlob {
                    merged[file.path] = SourceFile(path: file.path, bytes: try repository.blobData(blob))
                } else {
                    merged[file.path] = nil
                }
            }
            let baseTip = try read(baseTipTree)
            // Merge commits bring the base's own changes along the first-parent line: the
            // change's entities and history rules come from its other commits.
            let commits = Set(try repository.commits(from: headID, excluding: mergeBase).filter {
                try repository.commitInfo($0).parents.count <= 1
            })
            let cache = head == "HEAD" ? usableCacheFile(for: repository, mode: .firstParent) : nil
            let history = try HistoryReader(roots: roots, mode: .firstParent, cacheFile: cache).read(repository, tip: headID)
            let input = ReviewInput(base: baseID, head: headID, mergeBase: mergeBase,
                                    headFiles: merged.keys.sorted().compactMap { merged[$0] },
                                    baseFiles: baseTip.keys.sorted().compactMap { baseTip[$0] },
                                    changedFiles: changed, commits: commits, history: history)
            let report = Reviewer.review(input, linter: Linter(configuration: configuration, today: today ?? Today.utc()))
            switch format {
            case .markdown: Terminal.write(ReviewRenderer.markdown(report))
            case .json: Terminal.write(ReviewRenderer.json(report))
            case .github: Terminal.write(GitHubReporter().render(report.lintReport))
            case .sarif: Terminal.write(SARIFReporter().render(report.lintReport))
            case .text:
                Terminal.write(TextReporter(color: Terminal.wantsColor(fileDescriptor: STDOUT_FILENO)).render(report.lintReport))
                Terminal.writeError(TextReporter.summary(report.lintReport) + "\n")
            }
            if report.errors > 0 { throw ExitCode(1) }
        } catch let error as GitError {
            throw UsageError(description: "could not read the change from git: \(error)")
        } catch let error as HistoryError {
            throw UsageError(description: "could not read the history: \(error)")
        }
    }

    private func resolve(_ revision: String, in repository: Repository) throws -> ObjectID {
        do {
            return try repository.resolve(revision)
        } catch {
            throw UsageError(description: "no commit named \(revision): \(error)")
        }
    }

    /// The settings as committed at the head (a change may edit them), else the defaults.
    private func configurationAt(_ commit: ObjectID, repository: Repository, workspace: Workspace) throws -> Configuration {
        let relative = Workspace.display(workspace.root + "/" + PlaybookLint.Configuration.fileName, root: workspace.displayBase)
        guard let bytes = try? repository.fileData(at: commit, path: relative) else { return workspace.configuration }
        return try PlaybookLint.Configuration.parse(bytes, file: relative)
    }
}
