import ArgumentParser
import Foundation
import PlaybookGit
import PlaybookHistory
import PlaybookLint
import PlaybookModel
import PlaybookOverlaps
import PlaybookReports
import PlaybookSite
import PlaybookYAML

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
        a symlink is never written through. Files added to it by hand go with it, except CNAME \
        and .nojekyll at its top (for GitHub Pages). Without -o the site goes to site/ at the repository top.

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
        MallocArenas.limitToOnePerCore()
        let cwd = FileManager.default.currentDirectoryPath
        let repository: Repository
        do {
            repository = try Repository.discover(from: cwd)
        } catch let error as GitError {
            throw UsageError(description: "\(error.description)\n(the site is built from a git repository: run inside one)")
        }
        let target = try SiteFolder.target(output, repository: repository, cwd: cwd)
        try SiteFolder.check(target)  // before any work: a refused folder costs nothing
        let workspace = try Workspace.locate(from: cwd, configPath: self.history.config)
        try SiteFolder.refuseHoldingPlaybook(target, workspace: workspace, configPath: self.history.config, cwd: cwd)
        let roots = HistoryOptions.repositoryRoots(workspace: workspace, workdir: repository.workdir)
        let limits = workspace.configuration.limits
        // Said here as well as on the pages, as the reports say it, for one who never opens them (a CI log);
        // before the site cache, which gives the same pages without reading the history.
        if repository.isShallow {
            Terminal.writeError("note: \(Inert.terminal(History.shallowCaveat(boundary: Array(repository.shallowBoundary))))\n")
        }
        // The same site as last time (same commit, history cache, configuration, options and
        // program): written from the site cache, nothing computed again.
        let cache = try siteCache(repository: repository, workspace: workspace, roots: roots, cwd: cwd)
        // What reading the history refuses is refused before the cache too (a root that is a file or a symlink).
        if cache != nil, repository.workdir != nil { _ = try workspace.checkRoots(requireExisting: false) }
        if let cache, let site = cache.read() {
            try SiteFolder.write(site, to: target)
            reportWritten(site.paths.count, to: target)
            return
        }
        // HEAD's playbook is decoded on another thread (with its own repository handle) while the
        // history loads: neither needs the other.
        let early = (try? repository.headCommit()).flatMap { $0 }.map { tip in
            OnThread(tip: tip) { try Self.playbook(at: tip, cwd: cwd, roots: roots, limits: limits) }
        }
        let history = try history.readHistory()
        defer { history.finishBackgroundWork() }
        // Not on the pages (the same commit gives the same site whatever the cache held): said here.
        if let note = history.cacheNote { Terminal.writeError("note: \(Inert.terminal(note))\n") }
        guard case let tip? = history.tip else {
            throw UsageError(description: history.caveats.joined(separator: " "))
        }
        let timelines = Timelines(history)  // while HEAD's playbook may still be decoding
        let entities: [SourcedEntity]
        let day: Day
        do {
            let read = try early.flatMap { $0.tip == tip ? $0 : nil }?.value()
                ?? Self.playbook(at: tip, cwd: cwd, roots: roots, limits: limits)
            entities = read.entities
            day = try today.map(Today.parse) ?? UTC.day(of: read.time)
        } catch let error as GitError {
            throw UsageError(description: "could not read the playbook at HEAD: \(error.description)")
        }
        let home = try quarter.map(parseQuarter) ?? day.quarter
        // Only a quarter asked for is refused: `--today` alone names a day, not a home page.
        if quarter != nil, let problem = SiteInput.problem(homeQuarter: home, history: history, today: day, entities: entities) {
            throw UsageError(description: problem)
        }
        let input = SiteInput(history: history, timelines: timelines, entities: entities, today: day, homeQuarter: home,
                              thresholds: workspace.configuration.keyResultStatus)
        let plan = SitePlan(input)
        // Each file goes into the new site cache as it is written (nothing read back); the key
        // is written last, once the history cache is written (its identity is part of the key).
        let keeper = cache.flatMap { SiteCache.Keeper(file: $0.file) }
        do {
            try SiteFolder.write(plan, to: target, keeping: keeper)
        } catch {
            keeper?.abandon()
            throw error
        }
        reportWritten(plan.paths.count, to: target)
        history.finishBackgroundWork()
        let kept: SiteCache?
        do {
            kept = try siteCache(repository: repository, workspace: workspace, roots: roots, cwd: cwd)
        } catch {
            keeper?.abandon()
            throw error
        }
        if let keeper {
            if let kept { kept.keep(keeper, paths: plan.paths) } else { keeper.abandon() }
        } else {
            kept?.store(paths: plan.paths, from: target.path)  // the first build: .git/playbook did not exist while it wrote
        }
        withExtendedLifetime((history, input)) { exitSkippingTeardown(after: history) }
    }

    private func reportWritten(_ count: Int, to target: SiteFolder.Target) {
        // The folder is a command-line argument: shown inert.
        let shown = Inert.terminalPath(target.display)
        Terminal.writeError("wrote \(count) files to \(shown); open \(Inert.terminalPath(target.display + "/index.html"))\n")
    }

    /// The site cache for this build's inputs (nil with --no-cache, or when HEAD or an input
    /// cannot be read: the site is then built in full, as without a cache).
    private func siteCache(repository: Repository, workspace: Workspace, roots: [String], cwd: String) throws -> SiteCache? {
        let mode: WalkMode = history.allParents ? .allParents : .firstParent
        let historyCache = HistoryReader.defaultCacheFile(for: repository, mode: mode)
        // Without a history cache (a first run) there is nothing to key on: nothing else is read.
        guard !history.noCache, SiteCache.identity(of: historyCache, follow: false) != nil else { return nil }
        // As given, checked; without them the day and quarter follow from HEAD's commit, which is in the key.
        let day = try today.map { try Today.parse($0).description } ?? "HEAD's day"
        let home = try quarter.map { try parseQuarter($0).description } ?? "the day's quarter"
        let configFile = history.config.map { Workspace.absolute($0, from: Workspace.normalized(cwd)) }
            ?? workspace.root + "/" + Configuration.fileName
        return SiteCache(repository: repository, historyCache: historyCache,
                         configFile: configFile, roots: roots, mode: mode, day: day, quarter: home)
    }

    /// The entities of the playbook as committed at `tip`, and the commit's time.
    private static func playbook(at tip: ObjectID, cwd: String, roots: [String], limits: Limits) throws -> (entities: [SourcedEntity], time: Int64) {
        let repository = try Repository.discover(from: cwd)
        let commit = try repository.commitInfo(tip)
        let include: (String) -> Bool = { PlaybookFiles.isPlaybookFile($0, roots: roots) }
        // One reader lists the files and reads their blobs from the pack files itself (libdeflate,
        // no libgit2 object per blob): through libgit2 (zlib) the blobs took ~7 % of a first site's samples, now ~5.5 %.
        let reader = try TreeReader(repository: repository, scattered: true)
        let changes = try reader.changedFiles(from: nil, to: commit.tree, under: roots, include: include).sorted { $0.path < $1.path }
        // Blobs are read here, in order, a chunk at a time; each chunk is decoded on another core
        // while the next is read.
        let chunk = 64
        var results = [[SourcedEntity]](repeating: [], count: (changes.count + chunk - 1) / chunk)
        let decoding = DispatchGroup()
        try results.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let output = buffer
            defer { decoding.wait() }  // the buffer must outlive every chunk's work, on error too
            for index in output.indices {
                var files: [SourceFile] = []
                for file in changes[(index * chunk)..<min(changes.count, (index + 1) * chunk)] {
                    // A committed symbolic link is never read as a file (lint reports it; its target may be anything).
                    guard let blob = file.newBlob, !file.newIsLink else { continue }
                    files.append(SourceFile(path: file.path, bytes: try reader.blobData(blob)))
                }
                DispatchQueue.global().async(group: decoding) { [files] in
                    output[index] = files.flatMap { EntityReading.entities(in: $0, limits: limits) }
                }
            }
        }
        return (Array(results.joined()), commit.committer.time)
    }

}

/// Work started on its own thread now, its result (or error) collected later; `tip` names what it reads.
private final class OnThread: @unchecked Sendable {
    let tip: ObjectID
    private let done = DispatchSemaphore(value: 0)
    private var result: Result<(entities: [SourcedEntity], time: Int64), Error>?

    init(tip: ObjectID, _ work: @escaping @Sendable () throws -> (entities: [SourcedEntity], time: Int64)) {
        self.tip = tip
        let thread = Thread { [self] in
            result = Result { try work() }
            done.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Waits for the work; its value or its error.
    func value() throws -> (entities: [SourcedEntity], time: Int64) {
        done.wait()
        done.signal()
        guard let result else { throw UsageError(description: "internal error: HEAD's playbook was not read") }
        return try result.get()
    }
}

/// glibc's allocator gives threads that allocate at once heaps of their own (up to eight per
/// core), and memory freed in one heap is not reused by the others: the site's threads (HEAD's
/// decoding, reports, pages) each grew their own, and the peak memory with them. One heap per core
/// keeps the peak about 40 MB lower on the realistic 50,000-commit history (2 cores: 331–343 → 293–304 MB
/// cold, 274–280 → 257–263 MB warm) at the same time; a single heap saved 20 MB more but made the
/// threads queue for it (warm 1.05 → 1.7 s, cold 2.3 → 2.9–4.4 s wall). Elsewhere (macOS, or a C
/// library without `mallopt`) nothing changes.
private enum MallocArenas {
    static func limitToOnePerCore() {
        #if canImport(Glibc)
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        // RTLD_DEFAULT (a null handle): the symbol as the process resolves it; absent outside glibc.
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        let arenaMax: Int32 = -8  // M_ARENA_MAX in <malloc.h>
        let cores = Int32(clamping: max(1, ProcessInfo.processInfo.activeProcessorCount))
        _ = unsafeBitCast(symbol, to: Mallopt.self)(arenaMax, cores)
        #endif
    }
}
