import ArgumentParser
import Foundation
import PlaybookGit
import PlaybookLint
import PlaybookModel
import PlaybookOverlaps

extension ReportFormat: ExpressibleByArgument {}

struct Lint: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate the playbook files: YAML, schema, references, governance.",
        discussion: """
        Without PATH, lints every *.yml / *.yaml file under the configured roots (default \
        playbooks/, settings from .playbook.yml at the repository top). With PATHs, lints those \
        files and folders, still resolving references against the whole repository. No file of \
        yours is ever written (only caches under .git/playbook).

        Under --staged (the pre-commit hook) an overlap with another squad's work is a warning \
        saying the PR needs a council approval before it merges; `lint` and `review` keep each \
        overlap rule's severity until an approval acknowledges it (`overlaps:` in .playbook.yml \
        changes both). Acknowledged overlaps are counted in the summary; --verbose lists them. \
        Under --staged without PATH, the commit is refused (exit 1) for the errors it brings: a new \
        error anywhere, or any error in a file it changes; errors HEAD already had in files it does \
        not change are listed and counted but do not refuse it, as `review` treats the base's. The \
        text and github formats list every error, every finding of the files the commit changes, \
        and elsewhere the warnings and notes HEAD did not have; the others (already there before \
        the commit) are counted. The parent's findings are those the \
        run on the committed content kept (.git/playbook/staged-baseline), else linted anew. \
        --verbose lists them too, and json, sarif and junit always list everything. Run by the hooks \
        `init` and `hooks install` write (PLAYBOOK_HOOK=1), a commit whose index and HEAD hold neither \
        a .playbook.yml nor a playbook file (a branch without the playbook) has nothing to judge and \
        passes; run by hand, it exits 2 as `lint` does.

        Examples:
          playbook lint
          playbook lint playbooks/experiments/EXP-0042.yml
          playbook lint --staged            # what `git commit` is about to record
          playbook lint --verbose           # also list overlaps the council acknowledged
          playbook lint --format json > findings.json

        Exit codes: 0 clean (warnings allowed), 1 errors found, 2 the tool could not run.
        """
    )

    @Argument(help: "Files or folders to lint (default: the configured roots).", completion: .file(extensions: ["yml", "yaml"]))
    var paths: [String] = []

    @Flag(help: "Lint the content staged in the git index rather than the working tree.")
    var staged = false

    @Option(help: "Output format: text, json, sarif, github or junit.")
    var format: ReportFormat = .text

    @Option(help: "Configuration file to use instead of .playbook.yml at the repository top.")
    var config: String?

    @Flag(help: "Never colour the output (NO_COLOR in the environment does the same).")
    var noColor = false

    @Option(help: ArgumentHelp("The date time-based rules judge against, YYYY-MM-DD (default: today, UTC).", valueName: "date"), transform: Today.parse)
    var today: Day?

    @Flag(name: .shortAndLong, help: "Also list the overlaps a council has acknowledged (otherwise only counted).")
    var verbose = false

    @Option(help: "Similarity engine for duplicates: auto (the model when installed), model, or lexical.")
    var engine: EngineChoice = .auto

    func run() throws {
        let cwd = FileManager.default.currentDirectoryPath
        let source: any LintSource = staged
            ? try StagedSource(from: cwd, configPath: config)
            : try WorkingTreeSource(from: cwd, configPath: config, requirePlaybook: paths.isEmpty, named: paths)
        for note in (source as? StagedSource)?.notes ?? [] { Terminal.writeError("playbook: note: \(note)\n") }
        let selection = try source.files(for: paths)
        let compared = try EmbeddingEngine.lazyEncoder(
            for: engine, repositoryTop: source.repositoryTop,
            encodeLimit: OverlapDuplicate.encodeLimit(in: source.configuration))
        let linter = Linter(configuration: source.configuration, today: today ?? Today.utc(), mode: staged ? .staged : .standard,
                            encoder: compared.encoder)
        // Under --staged, the commit is refused for the errors it brings, as `review` judges a change: a new error
        // anywhere (a change can break an unchanged file's reference) or any error in a file it changes. Errors its
        // parent (HEAD, linted alike) had in files it leaves unchanged are listed and counted but do not refuse it.
        // Where people read (text, PR annotations), what the commit changes is listed: every error, every finding
        // of the files it changes, and elsewhere the warnings and notes its parent did not have; the others are counted.
        let quiet = !verbose && (format == .text || format == .github)
        let staged = paths.isEmpty ? source as? StagedSource : nil
        let changed = try staged?.changedPaths()
        let full = staged?.holdsNoPlaybook == true
            ? LintReport(findings: [], files: 0, entities: 0)
            : linter.lint(selection.files, reportedFiles: selection.reported)
        // A model whose files are there but whose weights would not load: said like a missing one.
        let fallback = try compared.fallback ?? EmbeddingEngine.failure(of: compared.model, choice: engine) ?? compared.capped?.reason
        let engineName = fallback == nil ? compared.encoder?.modelName ?? "lexical" : "lexical"
        let (report, leftOut, elsewhere) = try { () throws -> (LintReport, (warnings: Int, notes: Int), (count: Int, files: [String])) in
            guard let staged else { return (full, (0, 0), (0, [])) }
            let day = linter.today
            func fingerprint(_ content: (files: [(path: String, id: ObjectID)], settings: ObjectID?)) -> String {
                StagedBaseline.fingerprint(files: content.files, settings: content.settings, today: day, engine: engineName)
            }
            // The parent's findings as a run on that content kept them (the index a commit recorded),
            // else linted now; then this content's kept for the next run, whose parent it may be.
            var known: [LintReport.ScopeKey: Int]?
            if let changed, changed.isEmpty {
                known = full.scopeKeys // the index is HEAD's content: every finding was there before
            } else if let changed, (quiet && full.hasFindings(outside: changed)) || full.hasErrors(outside: changed) {
                // HEAD judged with the settings it holds (a commit that changes them is compared with HEAD as it was
                // judged); none when they cannot be read, and then every error is the commit's.
                var headLinter = linter
                if let headConfiguration = staged.headConfiguration {
                    headLinter.configuration = headConfiguration
                    known = try staged.content(atHead: true).flatMap { StagedBaseline.load(gitDirectory: staged.gitDirectory, fingerprint: fingerprint($0)) }
                        ?? headLinter.lint(try staged.headFiles()).scopeKeys
                }
            }
            if let content = try staged.content(atHead: false) {
                StagedBaseline.save(gitDirectory: staged.gitDirectory, fingerprint: fingerprint(content), keys: full.scopeKeys)
            }
            guard let changed, let known else { return (full, (0, 0), (0, [])) }
            // Errors are listed wherever they are; those the parent had, in files the commit leaves unchanged, are said to be so.
            let before = full.errors(outside: changed, before: known)
            // A settings change can change any file's findings: all of them are listed, as they now are.
            guard quiet, !staged.changesSettings(changed) else { return (full, (0, 0), before) }
            let scoped = full.scoped(toChanged: changed, known: known)
            return (scoped.report, (scoped.leftOutWarnings, scoped.leftOutNotes), before)
        }()
        // The files' bytes, and below the findings, freed on another core: nothing reads them again.
        Parting.release(consume selection)

        let color = !noColor && Terminal.wantsColor(fileDescriptor: STDOUT_FILENO)
        // Reviewed overlaps are quiet where people read (text, PR annotations); machine formats keep them.
        let shown = {
            var shown = quiet ? report.withoutAcknowledgedOverlaps() : report
            shown.engine = (engineName, fallback)
            return shown
        }()
        let reporter = format.reporter(color: color)
        // Text written part by part as rendered over the cores, not joined first nor held whole (over 200 MB
        // for a large playbook).
        if format == .text {
            // Bytes straight to the output: the text report's parts are not made strings first.
            TextReporter(color: color).renderBytes(shown) { Terminal.write(bytes: $0) }
        } else {
            reporter.renderParts(shown) { Terminal.write($0) }
        }
        Parting.release(consume shown)
        let languageNote = OverlapFinder.notEnglishNote(report.notEnglish).map(Inert.terminal)
        if format == .text {
            let engineNote = fallback.map { "; duplicates compared by words (\($0))" } ?? ""
            Terminal.writeError(TextReporter.summary(report, acknowledgedHidden: quiet, leftOut: leftOut, elsewhere: elsewhere) + engineNote
                                + (languageNote.map { "; \($0)" } ?? "") + "\n")
        } else if let fallback {
            Terminal.writeError("playbook: duplicates compared by words: \(fallback)\n")
        }
        if format != .text, let languageNote { Terminal.writeError("playbook: \(languageNote)\n") }
        if format != .text, let note = TextReporter.elsewhereNote(elsewhere) {
            Terminal.writeError("playbook: \(note)\n")
        }
        if format != .text, let note = TextReporter.leftOutNote(leftOut) {
            Terminal.writeError("playbook: \(note)\n")
        }
        // (Under --staged, `elsewhere` holds the errors HEAD had in files the commit does not change: not the commit's.)
        let failed = report.errors > elsewhere.count
        Parting.release(consume report)
        if failed { throw ExitCode(1) }
    }
}

/// The files one lint run reads, and those whose findings it reports (nil: all of them).
struct Selection {
    var files: [SourceFile]
    var reported: Set<String>?
}

/// Where the files of a lint run come from.
protocol LintSource {
    var configuration: Configuration { get }
    /// The git repository's top (where `.git` holds the caches), or the workspace root outside one.
    var repositoryTop: String { get }
    func files(for paths: [String]) throws -> Selection
}

/// Files as they are in the working tree.
struct WorkingTreeSource: LintSource {
    let workspace: Workspace
    let cwd: String
    var repositoryTop: String { workspace.displayBase }

    /// `named`: the paths on the command line. Run from a folder in no playbook, they are linted in
    /// the playbook of the first one (its configuration, its other files to resolve references
    /// against), not alone, where every reference would read as unresolved.
    init(from cwd: String, configPath: String?, requirePlaybook: Bool = true, named: [String] = []) throws {
        self.cwd = cwd
        var start = cwd
        if configPath == nil, let first = named.first, !Workspace.encloses(cwd) {
            let absolute = Workspace.absolute(first, from: Workspace.normalized(cwd))
            var info = stat()
            let isFolder = stat(absolute, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
            start = isFolder ? absolute : (absolute as NSString).deletingLastPathComponent
        }
        workspace = try Workspace.locate(from: start, configPath: configPath, requirePlaybook: requirePlaybook)
    }

    var configuration: Configuration { workspace.configuration }

    func files(for paths: [String]) throws -> Selection {
        // What git ignores (node_modules/, vendored copies) is not playbook content; a file named on
        // the command line is read all the same.
        let ignores = GitIgnores(top: workspace.displayBase)
        var all = try workspace.discoverRootFiles(requireExisting: paths.isEmpty, ignores: ignores)
        var reported: Set<String>?
        if !paths.isEmpty {
            var named: Set<String> = []
            for path in paths {
                let absolute = Workspace.absolute(path, from: Workspace.normalized(cwd))
                try workspace.checkFolders(above: absolute, named: path)
                var info = stat()
                guard lstat(absolute, &info) == 0 else {
                    throw UsageError(description: "no such file or folder: \(Inert.terminal(path))")
                }
                if info.st_mode & S_IFMT == S_IFDIR {
                    for file in FileDiscovery.yamlFiles(under: absolute, ignored: ignores?.filter(below: absolute)) {
                        let shown = Workspace.display(file.path, root: workspace.displayBase)
                        all[shown] = file
                        named.insert(shown)
                    }
                } else {
                    // A file named on the command line is read even without a .yml name;
                    // a symbolic link is still not followed, and a FIFO, socket or device is not opened.
                    let shown = Workspace.display(absolute, root: workspace.displayBase)
                    let problem = switch info.st_mode & S_IFMT {
                    case S_IFREG: nil as String?
                    case S_IFLNK: FileDiscovery.linkProblem(Array(absolute.utf8))
                    default: FileDiscovery.notRegularProblem
                    }
                    all[shown] = FileDiscovery.Found(path: absolute, problem: problem)
                    named.insert(shown)
                }
            }
            reported = named
        }
        let found = all
        let workspace = self.workspace
        let files = FileDiscovery.readAll(found.keys.sorted()) { workspace.read($0, problem: found[$0]?.problem) }
        return Selection(files: files, reported: reported)
    }
}
