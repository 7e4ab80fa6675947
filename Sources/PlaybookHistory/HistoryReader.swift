import Foundation
import PlaybookGit
import PlaybookModel

/// Why the history could not be read at all.
public struct HistoryError: Error, CustomStringConvertible, Sendable {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}

/// Reads the playbook's history from git: walks the commits, compares the playbook roots of
/// each commit with its parent's, parses each changed blob once and follows entities by id.
public struct HistoryReader {
    public var roots: [String]
    public var mode: WalkMode
    /// Where the incremental cache lives; nil for no cache.
    public var cacheFile: String?
    /// Called now and then with (commits done, commits to do).
    public var progress: ((Int, Int) -> Void)?
    /// Write the cache and release the walk's temporaries on a second thread; the caller must
    /// call `History.finishBackgroundWork()` before exiting, or the cache may not be written.
    public var backgroundWork = false

    public init(roots: [String], mode: WalkMode = .firstParent, cacheFile: String? = nil,
                progress: ((Int, Int) -> Void)? = nil) {
        self.roots = roots
        self.mode = mode
        self.cacheFile = cacheFile
        self.progress = progress
    }

    /// The default cache location inside the repository's git directory.
    /// One file per walk mode, so alternating `--all-parents` runs do not rebuild each other's cache.
    public static func defaultCacheFile(for repository: Repository, mode: WalkMode = .firstParent) -> String {
        repository.gitDirectory + "/playbook/history-cache" + (mode == .firstParent ? "" : "-" + mode.rawValue)
    }

    /// Reads the history of HEAD, or of `requestedTip` (a review's head) when given; the cache
    /// serves HEAD only.
    public func read(_ repository: Repository, tip requestedTip: ObjectID? = nil) throws -> History {
        if let requestedTip, requestedTip != (try? repository.headCommit()) ?? nil {
            var uncached = self
            uncached.cacheFile = nil
            return try uncached.walk(repository, tip: requestedTip, head: .detached(requestedTip))
        }
        let head: HeadState
        if repository.isHeadUnborn {
            return History(
                head: .unborn(repository.headBranch ?? "HEAD"), tip: nil, mode: mode, roots: roots,
                commitCount: 0, records: [], shallowBoundary: [], commitsRead: 0)
        }
        guard let tip = try repository.headCommit() else {
            throw HistoryError("HEAD does not point at a commit")
        }
        if repository.isHeadDetached {
            head = .detached(tip)
        } else {
            head = .branch(repository.headBranch ?? "HEAD")
        }
        return try walk(repository, tip: tip, head: head)
    }

    /// The note of a commit placed at its parent's place (`placed`), being dated before it.
    private static func placedLaterNote(_ commit: CommitInfo, parent: ObjectID, placed: Int64) -> HistoryNote {
        // A time git accepts can lie at the ends of Int64 (git fsck: badDateOverflow); the gap then overflows.
        let (gap, overflow) = placed.subtractingReportingOverflow(commit.committer.time)
        return HistoryNote(
            commit: commit.id, path: "",
            message: overflow
                ? "commit \(commit.id) is dated \(commit.committer.time) s from 1970, too far before its parent "
                    + "\(parent) to count (a damaged date): reports place it at its parent's date"
                : "commit \(commit.id) is dated \(gap) s before its parent "
                    + "\(parent) (a clock or a rewrite): reports place it at its parent's date")
    }

    /// The note of a commit dated before its parent when the parent is the one out of line (a clock ahead).
    /// `edge`: the parent has no commit before it (the first commit, a shallow clone's edge).
    private static func parentAheadNote(_ commit: CommitInfo, parent: ObjectID, parentTime: Int64, edge: Bool) -> HistoryNote {
        let (gap, overflow) = parentTime.subtractingReportingOverflow(commit.committer.time)
        return HistoryNote(
            commit: commit.id, path: "",
            message: "commit \(commit.id) is dated " + (overflow ? "" : "\(gap) s ")
                + "before its parent \(parent), which is dated after "
                + (edge ? "the commits that follow it and has none before it" : "the commit before it too")
                + " (a clock ahead): reports place each by its own date")
    }

    private func walk(_ repository: Repository, tip: ObjectID, head: HeadState) throws -> History {
        let boundary = repository.isShallow ? repository.shallowBoundary : []

        let key = CacheKey(mode: mode, roots: roots)
        var prior: CachedHistory?
        var cacheNote: String?
        switch cacheFile.map({ HistoryCache.load(from: $0, key: key, at: tip) }) ?? .absent {
        case .absent: break
        case .loaded(let cached): prior = cached
        case .rejected(let reason): cacheNote = reason
        }
        if let cached = prior, cached.tip != tip, !((try? repository.isDescendant(tip, of: cached.tip)) ?? false) {
            prior = nil  // rewritten history (force-push, reset): start again
        }
        TreeReader.stopCachingCommitsAndTrees()
        // The first-parent line's trees are compared while the walk goes on (on the second core).
        let early = mode == .firstParent ? EarlyTreeComparisons(repository: repository, roots: roots) : nil
        // Stops its thread on every way out (it is idle once the walk is done).
        defer { _ = early?.finish() }
        var walk = try CommitWalk(repository: repository, mode: mode, boundary: boundary, early: early)
        var pending = try walk.commits(from: tip, known: prior?.commits ?? [])
        var mainLine = CommitWalk.firstParentLine(from: tip, through: pending.commits, boundary: boundary)
        if let cached = prior, mainLine.reached != nil && mainLine.reached != cached.tip {
            // The main line joins the cached one below its tip (or reaches it only through a side
            // branch): the cached records are not this line's, or not on it the same way.
            prior = nil
            pending = try walk.commits(from: tip, known: [])
            mainLine = CommitWalk.firstParentLine(from: tip, through: pending.commits, boundary: boundary)
        }

        var diff = CommitDiffer(repository: repository, mode: mode, brokenPaths: prior?.brokenPaths ?? [:],
                                locations: prior?.locations ?? [:], followed: prior?.followed ?? [:])
        var records = prior?.records ?? []
        // Moved, not shared: a record written later (a new commit, a name the mailmap changes)
        // would otherwise copy every record.
        prior?.records = []
        var known = prior?.commits ?? []
        let total = pending.commits.count
        // At a shallow clone's edge the parent is unknown: the commit is read as if it were the first.
        var jobs: [TreeJob] = []
        jobs.reserveCapacity(total)
        var skipped: [CommitRecord] = []
        // Where each commit of this run is placed: no earlier than its first parent (side commits
        // and merges too), so a commit dated before its parent (a clock, a rewrite) does not move
        // its change back past the commits before it. `placedLater` keeps the ones that moved.
        var times: [ObjectID: Int64] = [:]
        var placedLater = prior?.placedLater ?? [:]
        // A commit dated before its parent may be the one out of line (a clock behind, a rewrite) or its
        // parent may be (a clock ahead: dated after the commits that follow it). When the commit is no earlier
        // than the commit before its parent, the parent is: both keep their own dates, as moving every later
        // commit to a date in the future would take them out of every report; the commit is noted.
        var parentAhead: [ObjectID: (parent: ObjectID, time: Int64)] = [:]
        // A parent with no commit before it (the first commit, a shallow clone's edge) is judged by the commits
        // after: by the commit's own first-parent children (their own dates). Not by the time of reading: the
        // same commits are placed the same way whenever they are read (review73: a root dated 100 s ahead moved
        // its child's date once the clock passed it, and a site of one commit changed).
        var followers: [ObjectID: [Int64]] = [:]
        for info in pending.commits where !boundary.contains(info.id) {
            if let parent = info.parents.first { followers[parent, default: []].append(info.committer.time) }
        }
        var firstParents: [ObjectID: ObjectID] = [:]
        func firstParent(_ commit: ObjectID) -> ObjectID? {
            guard !boundary.contains(commit) else { return nil }
            return firstParents[commit] ?? (try? walk.info(commit))?.parents.first
        }
        // Where `commit` is placed: read in this run, or in an earlier one (the cache).
        func placedTime(_ commit: ObjectID) -> Int64? {
            times[commit] ?? placedLater[commit] ?? (try? walk.info(commit))?.committer.time
        }
        func parentTime(_ info: CommitInfo) -> (parent: ObjectID, time: Int64)? {
            guard !boundary.contains(info.id), let parent = info.parents.first else { return nil }
            return placedTime(parent).map { (parent, $0) }
        }
        // Whether `parent`, placed at `parentTime`, is the one out of line rather than its child `commit` dated `time` before it.
        func parentIsAhead(_ commit: ObjectID, at time: Int64, parent: ObjectID, parentTime: Int64) -> Bool {
            if let before = firstParent(parent).flatMap(placedTime) { return time >= before && parentTime > before }
            // No commit before the parent: it is ahead when the commit is in line with a commit after it that is dated
            // before the parent too (a rewrite's commits, all dated early, cannot be told from this). With no commit after
            // it, nothing tells which of the two is out of line: the commit is placed at its parent's date, as elsewhere.
            return (followers[commit] ?? []).contains { time <= $0 && $0 < parentTime }
        }
        // The cached tip was placed with no commit after it: when its parent has none before it, it is judged again
        // by the commits that now follow it (a cold read judges it so), its record moved and its note rewritten.
        if let oldTip = prior?.tip, followers[oldTip] != nil, !boundary.contains(oldTip), let info = try? walk.info(oldTip),
           let (parent, parentTime) = parentTime(info), info.committer.time < parentTime, firstParent(parent) == nil {
            let ahead = parentIsAhead(oldTip, at: info.committer.time, parent: parent, parentTime: parentTime)
            let placed = ahead ? info.committer.time : parentTime
            if placed != placedLater[oldTip] ?? info.committer.time {
                placedLater[oldTip] = ahead ? nil : placed
                times[oldTip] = placed
                if let index = records.lastIndex(where: { $0.id == oldTip }) {
                    records[index].time = placed
                    records[index].notes.removeAll { $0.path.isEmpty && $0.message.hasPrefix("commit \(oldTip) is dated ") }
                    records[index].notes.append(ahead
                        ? Self.parentAheadNote(info, parent: parent, parentTime: parentTime, edge: true)
                        : Self.placedLaterNote(info, parent: parent, placed: placed))
                }
            }
        }
        for info in pending.commits {
            if !boundary.contains(info.id), let parent = info.parents.first { firstParents[info.id] = parent }
            if let reason = walk.unparsable[info.id] {
                // Its own date is unknown: placed where its parent is.
                let time = parentTime(info)?.time ?? 0
                times[info.id] = time
                if time != 0 { placedLater[info.id] = time }
                skipped.append(CommitRecord(
                    id: info.id, time: time, author: Person(name: "", email: ""),
                    summary: "", changes: [], notes: [HistoryNote(
                        commit: info.id, path: "",
                        message: "\(HistoryNote.skippedCommitPrefix)\(info.id): libgit2 cannot parse it (\(reason)); its changes are counted with the next commit")],
                    mainLine: mainLine.commits.contains(info.id)))
                continue
            }
            var placed = info.committer.time
            if let (parent, parentTime) = parentTime(info), placed < parentTime {
                if parentIsAhead(info.id, at: placed, parent: parent, parentTime: parentTime) {
                    parentAhead[info.id] = (parent, parentTime)
                } else {
                    placed = parentTime
                }
            }
            times[info.id] = placed
            if placed != info.committer.time { placedLater[info.id] = placed }
            let parent = boundary.contains(info.id) ? nil : info.parents.first
            jobs.append(TreeJob(commit: info, parentTree: try walk.tree(of: parent)))
        }
        // The commits live on in `jobs`; the list they came in is not needed again.
        pending.commits = []
        // Two cores: one thread compares trees (libgit2), this one parses blobs and follows entities.
        let shared = SharedVersions()
        diff.shared = shared
        let comparisons = try TreeComparisons(repository: repository, jobs: jobs, roots: roots, mode: mode,
                                              early: early?.finish() ?? [:], shared: shared)
        defer { comparisons.cancel() }
        var skippedIndex = 0
        for (index, job) in jobs.enumerated() {
            let changes = try comparisons.next()
            // Skipped commits stay in walk order: before the first child that was read.
            while skippedIndex < skipped.count, job.commit.parents.contains(skipped[skippedIndex].id) {
                records.append(skipped[skippedIndex])
                known.append(skipped[skippedIndex].id)
                skippedIndex += 1
            }
            if var record = try diff.record(for: job.commit, changes: changes,
                                            mainLine: mainLine.commits.contains(job.commit.id)) {
                if let placed = placedLater[job.commit.id], let parent = job.commit.parents.first {
                    record.time = placed
                    record.notes.append(Self.placedLaterNote(job.commit, parent: parent, placed: placed))
                } else if let (parent, parentTime) = parentAhead[job.commit.id] {
                    record.notes.append(Self.parentAheadNote(job.commit, parent: parent, parentTime: parentTime,
                                                             edge: firstParent(parent) == nil))
                }
                records.append(record)
            }
            known.append(job.commit.id)
            if index % 256 == 0 || index == total - 1 { progress?(index + 1, total) }
        }
        for record in skipped[skippedIndex...] {
            records.append(record)
            known.append(record.id)
        }
        let mailmap = try repository.mailmap()
        // In place, before the cache shares the records: copying every record (and its changes)
        // cost more than resolving the names, and a write after the cache took them copied them
        // all. The cache keeps the authors as recorded (the mailmap is applied on every run).
        var recordedAuthors: [Int: Person] = [:]
        var recordedChangeAuthors: [Int: [Int: Person]] = [:]
        if mailmap.count > 0 {
            // Two threads, each over half the records with a mailmap of its own (a mailmap remembers
            // its answers as it goes): one pass was a fortieth of a cached report, all on the first thread.
            nonisolated(unsafe) let mailmaps = [mailmap, records.count >= 4096 ? try repository.mailmap() : mailmap]
            let found = RecordedAuthors()
            records.withUnsafeMutableBufferPointer { buffer in
                nonisolated(unsafe) let all = buffer
                let half = all.count / 2
                let resolve: @Sendable (Int) -> Void = { part in
                    var recorded: [Int: Person] = [:]
                    var recordedChanges: [Int: [Int: Person]] = [:]
                    for index in part == 0 ? 0..<half : half..<all.count {
                        let author = mailmaps[part].resolve(all[index].author)
                        if author != all[index].author {
                            recorded[index] = all[index].author
                            all[index].author = author
                        }
                        // A merge's changes credited to the side commits' authors.
                        guard all[index].changes.contains(where: { $0.author != nil }) else { continue }
                        for position in all[index].changes.indices {
                            guard let asRecorded = all[index].changes[position].author else { continue }
                            let credited = mailmaps[part].resolve(asRecorded)
                            if credited != asRecorded {
                                recordedChanges[index, default: [:]][position] = asRecorded
                                all[index].changes[position].author = credited
                            }
                        }
                    }
                    found.store(recorded, recordedChanges)
                }
                if all.count >= 4096 {
                    TwoThreads.run { part in resolve(part) }
                } else {
                    resolve(0)
                    resolve(1)
                }
            }
            recordedAuthors = found.all
            recordedChangeAuthors = found.changes
        }
        var snapshot: CachedHistory?
        if cacheFile != nil, total > 0 || prior == nil {
            snapshot = CachedHistory(key: key, tip: tip, commits: known, records: records, brokenPaths: diff.brokenPaths,
                                     placedLater: placedLater, locations: diff.locations, followed: diff.followed,
                                     recordedAuthors: recordedAuthors, recordedChangeAuthors: recordedChangeAuthors)
        }
        let save = { [cacheFile] in
            if let cacheFile, let snapshot { try? HistoryCache.save(snapshot, to: cacheFile) }
        }
        var background: BackgroundWork?
        if backgroundWork {
            nonisolated(unsafe) let temporaries: [Any] = [jobs, pending, walk, diff, comparisons, prior as Any]
            background = BackgroundWork(leftovers: temporaries, job: save)
        } else {
            save()
        }

        // Read at its own tip, the cache holds only the tip of its commit list (nothing was walked).
        let commitCount = total == 0 ? prior?.commitsUpToTip ?? known.count : known.count
        var history = History(
            head: head, tip: tip, mode: mode, roots: roots, commitCount: commitCount, records: records,
            shallowBoundary: boundary.sorted { $0.description < $1.description }, commitsRead: total)
        history.background = background
        if let cacheNote {
            history.cacheNote = cacheNote + "; the history was read from git"
                + (HistoryCache.untrustedLocation(directory: ((cacheFile ?? "") as NSString).deletingLastPathComponent,
                                                  file: cacheFile ?? "") == nil ? " and the cache rebuilt." : ".")
        }
        return history
    }
}

/// The commits to read, parents before children, stopping at known (cached) commits and at
/// the edge of a shallow clone.
struct CommitWalk {
    let repository: Repository
    let mode: WalkMode
    let boundary: Set<ObjectID>
    private var trees: [ObjectID: ObjectID] = [:]
    /// Commits libgit2 would not parse, with its reason: walked through (their parents are read
    /// from the raw object) but skipped, so their changes land on the next commit that parses.
    private(set) var unparsable: [ObjectID: String] = [:]
    /// Given each first-parent commit with its parent's tree as soon as the parent is read.
    let early: EarlyTreeComparisons?
    /// Reads packed commits without libgit2 (the same values; libgit2 reads the rest).
    private let reader: CommitReader

    init(repository: Repository, mode: WalkMode, boundary: Set<ObjectID>, early: EarlyTreeComparisons? = nil) throws {
        self.repository = repository
        self.mode = mode
        self.boundary = boundary
        self.early = early
        reader = CommitReader(repository: repository)
    }

    struct Pending {
        var commits: [CommitInfo]
    }

    /// The tree of a parent commit; nil for none, or when a shallow clone lacks it.
    mutating func tree(of commit: ObjectID?) throws -> ObjectID? {
        guard let commit else { return nil }
        if unparsable[commit] != nil {
            // Skipped: its children are compared with what its own parent had.
            return try tree(of: boundary.contains(commit) ? nil : info(commit).parents.first)
        }
        if let tree = trees[commit] { return tree }
        guard repository.contains(commit) else { return nil }
        return try info(commit).tree
    }

    /// A commit as libgit2 reads it; for a commit libgit2 refuses, its links read from the raw object.
    mutating func info(_ id: ObjectID) throws -> CommitInfo {
        do {
            // With its author and message: libgit2 does not keep the commit (see
            // `TreeReader.stopCachingCommitsAndTrees`), so reading it again later would parse it twice.
            return try reader.info(id)
        } catch {
            let links = try repository.commitLinks(id)
            unparsable[id] = "\(error)"
            let zero = Signature(name: "", email: "", time: 0)
            return CommitInfo(id: id, parents: links.parents, tree: links.tree, author: zero, committer: zero, summary: "")
        }
    }

    /// Parents this walk follows: none past the shallow edge or where the object is missing.
    private func followed(_ info: CommitInfo) -> [ObjectID] {
        if boundary.contains(info.id) { return [] }
        let parents = mode == .firstParent ? Array(info.parents.prefix(1)) : info.parents
        return parents.filter { boundary.isEmpty || repository.contains($0) }
    }

    /// The first-parent line from `tip` through the commits about to be read, and the known
    /// (cached) commit it reaches, if any.
    static func firstParentLine(
        from tip: ObjectID, through commits: [CommitInfo], boundary: Set<ObjectID>
    ) -> (commits: Set<ObjectID>, reached: ObjectID?) {
        // Only each commit's first parent: copying whole commits (names, messages) into a table
        // cost more than following the line.
        var firstParent: [ObjectID: ObjectID?] = [:]
        firstParent.reserveCapacity(commits.count)
        for info in commits {
            let parent: ObjectID? = boundary.contains(info.id) ? nil : info.parents.first
            firstParent[info.id] = .some(parent)  // a root or boundary commit is kept, with no parent
        }
        var line = Set<ObjectID>()
        line.reserveCapacity(commits.count)
        var current: ObjectID? = tip
        while let id = current, let parent = firstParent[id] {
            line.insert(id)
            current = parent
        }
        return (line, current.flatMap { firstParent[$0] == nil ? $0 : nil })
    }

    mutating func commits(from tip: ObjectID, known knownList: [ObjectID]) throws -> Pending {
        // The tip read already (a rerun with nothing new, the tip last in walk order): nothing to
        // walk in either mode, and no table of 50,000 known commits to build for it.
        if knownList.last == tip { return Pending(commits: []) }
        let known = Set(knownList)
        var result: [CommitInfo] = []
        switch mode {
        case .firstParent:
            var current: ObjectID? = tip
            var child: CommitInfo?
            while let id = current {
                if known.contains(id) { break }
                let info = try info(id)
                trees[id] = info.tree
                result.append(info)
                if let early, let child, unparsable[child.id] == nil, unparsable[id] == nil {
                    early.submit(.init(commit: child.id, tree: child.tree, parentTree: info.tree))
                }
                child = info
                current = followed(info).first
            }
            result.reverse()
        case .allParents:
            // Depth-first, marking a commit when it is expanded and emitting it after all its
            // parents: a valid parents-first order even where lines fork and join.
            var expanded: Set<ObjectID> = []
            var infos: [ObjectID: CommitInfo] = [:]
            var stack: [(ObjectID, Bool)] = [(tip, false)]
            while let (id, done) = stack.popLast() {
                if done {
                    if let info = infos[id] { result.append(info) }
                    continue
                }
                if expanded.contains(id) { continue }
                if known.contains(id) { continue }
                expanded.insert(id)
                let info = try info(id)
                infos[id] = info
                trees[id] = info.tree
                stack.append((id, true))
                for parent in followed(info).reversed() where !expanded.contains(parent) {
                    stack.append((parent, false))
                }
            }
        }
        return Pending(commits: result)
    }
}

/// The authors the mailmap renamed, by record index, gathered from the threads that renamed them.
private final class RecordedAuthors: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var all: [Int: Person] = [:]
    /// The changes' authors the mailmap renamed, by record index and change index.
    private(set) var changes: [Int: [Int: Person]] = [:]

    func store(_ part: [Int: Person], _ partChanges: [Int: [Int: Person]]) {
        lock.lock()
        defer { lock.unlock() }
        all.merge(part, uniquingKeysWith: { first, _ in first })  // the parts' indices differ
        changes.merge(partChanges, uniquingKeysWith: { first, _ in first })
    }
}
