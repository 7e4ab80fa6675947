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
        once it has run, a concluded result is not edited without a note, ids are not reused. \
        Where git merges base and head cleanly, the change is judged as merged: that merge is \
        linted, and the history rules also judge what it brings to the base's tip.

        CI needs the full history (actions/checkout with fetch-depth: 0). A head that is GitHub's \
        test merge (refs/pull/N/merge, what actions/checkout checks out for a pull request: a merge \
        whose first parent is the base and whose second is not in it) is reviewed by its second \
        parent, the PR head, and the output says so.

        Examples:
          playbook review --base origin/main
          playbook review --base origin/main --format markdown > comment.md
          playbook review --base v1.2 --head feature/pricing --format sarif > review.sarif
          playbook review --base origin/main --link-base https://git.example.com/growth/playbook/blob/main/

        Links in the Markdown comment are absolute when --link-base (an http:// or https:// \
        address) is given or GitHub Actions sets GITHUB_SERVER_URL, GITHUB_REPOSITORY and \
        GITHUB_SHA; relative otherwise.

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

    @Option(help: ArgumentHelp(
        "Where links in the Markdown comment point: URL/path#Lline (default: GitHub Actions' GITHUB_SERVER_URL/GITHUB_REPOSITORY/blob/GITHUB_SHA/ when set, else relative paths).",
        valueName: "URL"))
    var linkBase: String?

    @Option(help: ArgumentHelp("The date time-based rules judge against, YYYY-MM-DD (default: today, UTC).", valueName: "date"), transform: Today.parse)
    var today: Day?

    @Option(help: "Similarity engine for duplicates: auto (the model when installed), model, or lexical.")
    var engine: EngineChoice = .auto

    func validate() throws {
        if let linkBase, !linkBase.isEmpty, !ReviewRenderer.Links.isWebAddress(linkBase) {
            throw ValidationError("--link-base must be an http:// or https:// address, such as "
                + "https://github.com/OWNER/REPO/blob/main/; got \"\(Inert.terminal(linkBase))\"")
        }
    }

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
        // The playbook lint would read from this folder: the nearest .playbook.yml upwards (a
        // playbook started with `playbook init growth` lives in growth/), else the repository top.
        let workspace = try Workspace.locate(from: cwd, configPath: nil)
        // Each side's settings and folders come from its own committed .playbook.yml (absent: the defaults).
        let settingsFile = Workspace.display(workspace.root + "/" + PlaybookLint.Configuration.fileName, root: workspace.displayBase)
        let reader = ChangeReader(
            settingsFile: settingsFile,
            settings: { bytes in
                let configuration = try bytes.map { try PlaybookLint.Configuration.parse($0, file: settingsFile) } ?? PlaybookLint.Configuration()
                let roots = HistoryOptions.repositoryRoots(
                    workspace: Workspace(root: workspace.root, displayBase: workspace.displayBase, configuration: configuration),
                    workdir: repository.workdir)
                return ChangeSettings(configuration: configuration, roots: roots)
            },
            // A name in other letter case (`x.YML`) is included to be named, as lint names it (`ChangeReader.source`).
            include: { PlaybookFiles.isPlaybookFile($0, roots: $1) || PlaybookFiles.isMiscasedPlaybookFile($0, roots: $1) },
            cacheFile: head == "HEAD" ? HistoryReader.defaultCacheFile(for: repository) : nil)
        let input: ReviewInput
        do {
            input = try reader.read(repository, base: baseID, head: headID)
        } catch {
            throw UsageError(description: error.description)
        }
        let configuration = input.configuration ?? workspace.configuration
        if input.headFiles.isEmpty, input.baseFiles.isEmpty {
            // Nothing to review is a set-up mistake (run from the wrong folder), not a clean change.
            let roots = HistoryOptions.repositoryRoots(workspace: Workspace(root: workspace.root, displayBase: workspace.displayBase, configuration: configuration),
                                                       workdir: repository.workdir)
            let shown = roots.map { Inert.terminal($0 + "/") }.joined(separator: ", ")
            throw UsageError(description: "no playbook files under \(shown) at the base or the head; review reads the playbook `lint` reads from this folder "
                + "(the nearest .playbook.yml upwards, else the repository top): run it where the playbook's .playbook.yml is")
        }
        // New work is compared by meaning with everything else, as lint does (the model read only for
        // texts not in the embedding cache, and within lint's bound on how many a run encodes).
        let compared = try EmbeddingEngine.lazyEncoder(
            for: engine, repositoryTop: repository.workdir ?? workspace.displayBase,
            encodeLimit: OverlapDuplicate.encodeLimit(in: configuration))
        let report = Reviewer.review(input, linter: Linter(configuration: configuration, today: today ?? Today.utc(),
                                                           encoder: compared.encoder))
        let fallback = try compared.fallback ?? EmbeddingEngine.failure(of: compared.model, choice: engine) ?? compared.capped?.reason
        switch format {
        case .markdown:
            let links = ReviewRenderer.Links.from(option: linkBase, environment: ProcessInfo.processInfo.environment)
            Terminal.write(ReviewRenderer.markdown(report, links: links, byWords: fallback))
        case .json: Terminal.write(ReviewRenderer.json(report))
        case .github:
            let settings = Workspace.display(workspace.root + "/" + PlaybookLint.Configuration.fileName, root: workspace.displayBase)
            Terminal.write(GitHubReporter().render(report.lintReport) + ReviewRenderer.relaxedAnnotations(report, file: settings)
                + ReviewRenderer.fixedAnnotation(report))
        case .sarif:
            Terminal.write(SARIFReporter().render(report.lintReport))
            if let note = ReviewRenderer.relaxedNote(report) { Terminal.writeError("playbook: \(note)\n") }
        case .text:
            Terminal.write(ReviewRenderer.text(report, color: Terminal.wantsColor(fileDescriptor: STDOUT_FILENO)))
            Terminal.writeError(TextReporter.summary(report.lintReport) + (fallback.map { "; duplicates compared by words (\($0))" } ?? "") + "\n")
        }
        if format == .github || format == .sarif, let note = ReviewRenderer.testMergeNote(report) { Terminal.writeError("playbook: \(note)\n") }
        if format != .text, let fallback { Terminal.writeError("playbook: duplicates compared by words: \(fallback)\n") }
        if report.errors > 0 { throw ExitCode(1) }
    }

    private func resolve(_ revision: String, in repository: Repository) throws -> ObjectID {
        do {
            return try repository.resolve(revision)
        } catch {
            // `origin/main` where origin is a remote: a branch this clone did not fetch, not a typo.
            let name = revision.hasPrefix("refs/remotes/") ? String(revision.dropFirst("refs/remotes/".count)) : revision
            if let slash = name.firstIndex(of: "/"), name.index(after: slash) < name.endIndex {
                let remote = String(name[..<slash])
                if (try? repository.configString("remote.\(remote).url")).flatMap({ $0 }) != nil {
                    throw UsageError(description: ReviewError.baseNotFetched(revision: revision, remote: remote,
                                                                             branch: String(name[name.index(after: slash)...])).description)
                }
            }
            throw UsageError(description: "no commit named \(revision): \(error)")
        }
    }
}
