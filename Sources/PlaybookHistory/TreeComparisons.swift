import Foundation
import PlaybookGit
import PlaybookModel

/// The last version of each file the following thread parsed, for the comparing thread: when it
/// parses a file ahead of time, the version before is usually one the other thread parsed, and
/// with it at hand a one-value edit or appended keys are read without a full parse (which is
/// what `ParsedFile.parse(_:after:)` does with any earlier version; a wrong one only costs a parse).
final class SharedVersions: @unchecked Sendable {
    private let lock = NSLock()
    // Guarded by `lock`.
    private var latest: [String: (blob: ObjectID, file: ParsedFile)] = [:]

    func set(_ path: String, blob: ObjectID, file: ParsedFile) {
        lock.lock()
        // Bounded like the follower's own table: a path dropped here costs one full parse at most.
        if latest.count >= 4096, latest[path] == nil { latest.removeAll(keepingCapacity: true) }
        latest[path] = (blob, file)
        lock.unlock()
    }

    func get(_ path: String) -> (blob: ObjectID, file: ParsedFile)? {
        lock.lock()
        defer { lock.unlock() }
        return latest[path]
    }
}

/// One commit whose tree is to be compared with its parent's.
struct TreeJob: Sendable {
    var commit: CommitInfo
    var parentTree: ObjectID?
}

/// Compares the trees of a list of commits on a thread of its own (with its own repository
/// handle), handing each commit's changed files over in order through a bounded queue.
final class TreeComparisons: @unchecked Sendable {
    // Guarded by `condition`.
    private var ready: [Result<[ChangedFile], HistoryError>] = []
    private var readIndex = 0
    private var finished = false
    private var cancelled = false
    private let condition = NSCondition()
    private let capacity = 1024

    /// `early` holds comparisons already made (first-parent walks only), by commit.
    init(repository: Repository, jobs: [TreeJob], roots: [String], mode: WalkMode,
         early: [ObjectID: EarlyTreeComparisons.Result] = [:], shared: SharedVersions? = nil) throws {
        guard !jobs.isEmpty else { return }
        let second = try repository.reopen()
        // The repository handle moves to the thread and is used only there.
        nonisolated(unsafe) let handle = second
        let thread = Thread { [self] in
            self.run(handle, jobs: jobs, roots: roots, mode: mode, early: early, shared: shared)
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Appends a batch for the reader and returns how many commits now wait for it; nil when the reader has gone.
    private func hand(_ batch: inout [Result<[ChangedFile], HistoryError>]) -> Int? {
        condition.lock()
        defer { condition.unlock() }
        while ready.count - readIndex >= capacity && !cancelled { condition.wait() }
        if cancelled { return nil }
        ready.append(contentsOf: batch)
        batch.removeAll(keepingCapacity: true)
        condition.broadcast()
        return ready.count - readIndex
    }

    private func run(_ repository: Repository, jobs: [TreeJob], roots: [String], mode: WalkMode,
                     early: [ObjectID: EarlyTreeComparisons.Result], shared: SharedVersions?) {
        var batch: [Result<[ChangedFile], HistoryError>] = []
        // What this thread does with each new version besides comparing trees, by how far ahead it is.
        enum Share { case compareOnly, read, readAndParse }
        var share = Share.read
        let reader: TreeReader
        do {
            reader = try TreeReader(repository: repository)
        } catch {
            batch.append(.failure(HistoryError("opening the object database: \(error)")))
            _ = hand(&batch)
            condition.lock()
            finished = true
            condition.broadcast()
            condition.unlock()
            return
        }
        // The last version this thread parsed of each path: the next often differs in one value.
        var parsedHere: [String: (blob: ObjectID, file: ParsedFile)] = [:]
        /// The new version parsed, or only its bytes when the version before it is at hand on
        /// neither thread (the other, which reads commits in order, will have it): a changed file
        /// read after its previous version is mostly a value replaced, a whole parse without it.
        func parse(_ blob: ObjectID, path: String, previous: ObjectID?) -> (file: ParsedFile?, bytes: [UInt8]?) {
            guard let bytes = try? reader.blobData(blob) else { return (ParsedFile.read(blob, from: repository), nil) }
            // The version before, from this thread or the other.
            var before = parsedHere[path]
            if before?.blob != previous, let other = shared?.get(path), other.blob == previous || before == nil {
                before = other
            }
            if let previous, before?.blob != previous { return (nil, bytes) }
            let result = ParsedFile.parse(bytes, after: before?.file)
            if parsedHere.count >= 1024, parsedHere[path] == nil { parsedHere.removeAll(keepingCapacity: true) }
            parsedHere[path] = (blob, result)
            return (result, nil)
        }
        // Reads the side commits a merge's versions came from; opened at the first merge.
        var sideCommits: CommitReader?
        for job in jobs {
            let result: Result<[ChangedFile], HistoryError>
            do {
                let changes: [(change: FileChange, inherited: Bool, sides: [MergeSide])]
                if mode == .firstParent, let known = early[job.commit.id], known.tree == job.commit.tree,
                   known.parentTree == job.parentTree {
                    changes = known.changes.map { ($0, false, []) }
                } else {
                    changes = try CommitDiffer.changedFiles(
                        repository, reader: reader, for: job.commit, parentTree: job.parentTree, roots: roots, mode: mode)
                }
                // Work is shared by how far ahead this thread is: well ahead, it parses new versions
                // too; a little ahead, it reads their bytes; caught up with (the reader waiting), it
                // leaves reading and parsing to the reader. The split adapts to whichever side is slower.
                // A merge's changes are credited to the side commits that made them.
                var credits: MergeCredits?
                if job.commit.parents.count > 1, !changes.isEmpty {
                    if sideCommits == nil { sideCommits = CommitReader(repository: repository) }
                    credits = MergeCredits(repository: repository, merge: job.commit, trees: reader, commits: sideCommits!, roots: roots)
                }
                result = .success(changes.map { change, inherited, sides in
                    var file = ChangedFile(change: change, inherited: inherited, sides: sides)
                    file.credit = credits?.author(of: change.path, version: change.newBlob)
                    guard let blob = change.newBlob else { return file }
                    switch share {
                    case .compareOnly:
                        break
                    case .readAndParse:
                        let read = parse(blob, path: change.path, previous: change.oldBlob)
                        file.newVersion = read.file
                        file.newBytes = read.bytes
                    case .read:
                        if let bytes = try? reader.blobData(blob) {
                            file.newBytes = bytes
                        } else {
                            file.newVersion = ParsedFile.read(blob, from: repository)
                        }
                    }
                    return file
                })
            } catch {
                result = .failure(HistoryError("reading commit \(job.commit.id): \(error)"))
            }
            batch.append(result)
            var failed = false
            if case .failure = result { failed = true }
            // Handed over in batches: waking the other thread for every commit cost more than the work.
            if batch.count >= 16 || failed {
                guard let backlog = hand(&batch) else { return }
                // The reader caught up (it waits for this thread): it reads the next blobs itself.
                share = backlog > 64 ? .readAndParse : backlog > 16 ? .read : .compareOnly
            }
            if failed { break }
        }
        guard hand(&batch) != nil else { return }
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// The next commit's changed files, waiting for them if need be.
    func next() throws -> [ChangedFile] {
        condition.lock()
        defer { condition.unlock() }
        while readIndex >= ready.count {
            if finished { throw HistoryError("the tree comparison stopped early") }
            condition.wait()
        }
        let result = ready[readIndex]
        readIndex += 1
        // Drop what was consumed now and then, so the buffer stays small.
        if readIndex >= capacity {
            ready.removeFirst(readIndex)
            readIndex = 0
            condition.broadcast()
        }
        return try result.get()
    }

    /// Stops the thread early (after an error on this side); harmless once it has finished.
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }
}

/// Tree comparisons done while the commit walk is still running, newest commit first, on a
/// thread of its own: the walk must reach the oldest commit before anything can be parsed, and
/// this keeps the second core busy meanwhile. Only the first-parent line is compared here (one
/// parent per commit); `TreeComparisons` uses each result whose trees match its own job.
final class EarlyTreeComparisons: @unchecked Sendable {
    struct Pair: Sendable {
        var commit: ObjectID
        var tree: ObjectID
        var parentTree: ObjectID
    }

    struct Result: Sendable {
        var tree: ObjectID
        var parentTree: ObjectID
        var changes: [FileChange]
    }

    // Guarded by `condition`.
    private var waiting: [Pair] = []
    private var stopped = false
    private var exited = false
    private let condition = NSCondition()
    // Written only by the thread until it exits, read only after.
    private var results: [ObjectID: Result] = [:]

    // Used on the walk's thread only, to open a second handle when the first pair comes.
    private let source: Repository
    private let roots: [String]
    private var started = false

    /// Nothing runs until the first pair is submitted: a walk of a few new commits (over a
    /// cache) is not worth a thread and a second repository handle.
    init(repository: Repository, roots: [String]) {
        source = repository
        self.roots = roots
    }

    private func start() {
        started = true
        guard let second = try? source.reopen() else {
            exited = true
            return
        }
        // The repository handle moves to the thread and is used only there.
        nonisolated(unsafe) let handle = second
        let thread = Thread { [self, roots] in
            self.run(handle, roots: roots)
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// A commit of the first-parent line whose parent the walk has just read.
    func submit(_ pair: Pair) {
        if !started { start() }
        condition.lock()
        defer { condition.unlock() }
        if exited || stopped { return }
        waiting.append(pair)
        if waiting.count == 1 { condition.signal() }
    }

    /// Stops the thread (what it has not started is left for `TreeComparisons`) and returns what it compared.
    func finish() -> [ObjectID: Result] {
        guard started else { return [:] }
        condition.lock()
        stopped = true
        condition.broadcast()
        while !exited { condition.wait() }
        condition.unlock()
        return results
    }

    private func run(_ repository: Repository, roots: [String]) {
        defer {
            condition.lock()
            exited = true
            condition.broadcast()
            condition.unlock()
        }
        guard let reader = try? TreeReader(repository: repository) else { return }
        var batch: [Pair] = []
        while true {
            condition.lock()
            while waiting.isEmpty && !stopped { condition.wait() }
            if stopped {
                condition.unlock()
                return
            }
            swap(&batch, &waiting)
            condition.unlock()
            for pair in batch {
                // A failure here is left to `TreeComparisons`, which reports it in order.
                guard let changes = try? reader.changedFiles(
                    from: pair.parentTree, to: pair.tree, under: roots, include: { PlaybookFiles.isPlaybookFile($0, roots: roots) }).compactMap(\.filesOnly)
                else { continue }
                results[pair.commit] = Result(tree: pair.tree, parentTree: pair.parentTree, changes: changes)
                condition.lock()
                let stop = stopped
                condition.unlock()
                if stop { return }
            }
            batch.removeAll(keepingCapacity: true)
        }
    }
}
