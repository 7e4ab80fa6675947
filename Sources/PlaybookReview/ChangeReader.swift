import PlaybookGit
import PlaybookHistory
import PlaybookLint
import PlaybookModel

/// Why a change could not be read.
public enum ReviewError: Error, CustomStringConvertible, Sendable {
    /// A shallow clone without the merge base: the branch point is unknown.
    case shallowWithoutMergeBase
    /// A remote-tracking branch the clone never fetched (a single-branch CI checkout): `origin/main`.
    case baseNotFetched(revision: String, remote: String, branch: String)
    /// Base and head share no history: there is no branch point to compare with.
    case noMergeBase
    case git(GitError)
    case history(HistoryError)
    /// A `.playbook.yml` of the change that cannot be read.
    case settings(String)

    public var description: String {
        switch self {
        case .shallowWithoutMergeBase:
            "this clone is shallow and the merge base is missing; fetch the full history "
                + "(git fetch --unshallow, or fetch-depth: 0 in actions/checkout)"
        case .baseNotFetched(let revision, let remote, let branch):
            "\(Inert.terminal(revision)) is not fetched in this clone (a single-branch or shallow checkout fetches only the head): "
                + "fetch it first (git fetch \(Inert.terminal(remote)) \(Inert.terminal(branch))), or check out with fetch-depth: 0 in actions/checkout"
        case .noMergeBase:
            "the base and the head share no history (no merge base), so there is no change to compare with its "
                + "branch point, as `git diff base...head` refuses too: review a head that branched from the base"
        case .git(let error): "could not read the change from git: \(error)"
        case .history(let error): "could not read the history: \(error)"
        case .settings(let problem): problem
        }
    }
}

/// What one side's `.playbook.yml` makes of the playbook: its settings, and its folders as paths
/// from the repository top.
public struct ChangeSettings: Sendable {
    public var configuration: Configuration
    public var roots: [String]

    public init(configuration: Configuration, roots: [String]) {
        self.configuration = configuration
        self.roots = roots
    }
}

/// Reads a change (`base...head`, as `git diff` means it) out of a repository into a `ReviewInput`:
/// the playbook as it will be once merged, the base's tip, the files and commits of the change.
public struct ChangeReader {
    /// The playbook's folders, when no `settings` reads them per side.
    public var roots: [String]
    /// Which paths under the given folders are playbook files.
    public var include: (_ path: String, _ roots: [String]) -> Bool
    /// The history cache, used only when the head is HEAD.
    public var cacheFile: String?
    /// Where `.playbook.yml` is, from the repository top, and what its bytes (nil: absent) make of
    /// the playbook: each side is read under its own folders and judged by the settings read here.
    public var settingsFile: String?
    public var settings: (([UInt8]?) throws -> ChangeSettings)?

    public init(roots: [String], include: @escaping (String) -> Bool, cacheFile: String? = nil) {
        self.roots = roots
        self.include = { path, _ in include(path) }
        self.cacheFile = cacheFile
    }

    /// A reader that takes each side's settings and folders from its own `.playbook.yml` at `settingsFile`.
    public init(settingsFile: String, settings: @escaping ([UInt8]?) throws -> ChangeSettings,
                include: @escaping (_ path: String, _ roots: [String]) -> Bool, cacheFile: String? = nil) {
        self.roots = []
        self.include = include
        self.cacheFile = cacheFile
        self.settingsFile = settingsFile
        self.settings = settings
    }

    public func read(_ repository: Repository, base: ObjectID, head: ObjectID) throws(ReviewError) -> ReviewInput {
        do {
            // GitHub's test merge (what actions/checkout checks out for a pull request) is judged
            // by its PR head: the merge's own first-parent history skips the PR's commits.
            if let prHead = try Self.testMergeHead(repository, base: base, head: head) {
                var input = try readChange(repository, base: base, head: prHead)
                input.testMerge = head
                return input
            }
            return try readChange(repository, base: base, head: head)
        } catch let error as ReviewError {
            throw error
        } catch let error as GitError {
            throw .git(error)
        } catch let error as HistoryError {
            throw .history(error)
        } catch {
            throw .history(HistoryError("\(error)"))
        }
    }

    /// The PR head when `head` is a test merge of a change into the base, as GitHub makes for a
    /// pull request (`refs/pull/N/merge`): a merge of two parents, the first the base's tip (or
    /// one of its ancestors, when the base moved on since), the second not in the base; else nil.
    public static func testMergeHead(_ repository: Repository, base: ObjectID, head: ObjectID) throws -> ObjectID? {
        let parents = try repository.commitInfo(head, details: false).parents
        guard parents.count == 2, head != base else { return nil }
        let (first, second) = (parents[0], parents[1])
        let firstInBase = try first == base || shallowAware(repository) { try repository.isDescendant(base, of: first) }
        guard firstInBase, second != base else { return nil }
        guard try !shallowAware(repository, { try repository.isDescendant(base, of: second) }) else { return nil }
        return second
    }

    /// A walk over commits: in a shallow clone, a commit it cannot find is one the clone cut off.
    static func shallowAware<T>(_ repository: Repository, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as GitError where repository.isShallow {
            _ = error
            throw ReviewError.shallowWithoutMergeBase
        }
    }

    /// `.playbook.yml` as committed at `commit` (nil: absent, or no settings file to read).
    private func settingsBytes(_ repository: Repository, at commit: ObjectID) throws -> [UInt8]? {
        guard let settingsFile else { return nil }
        return try repository.fileData(at: commit, path: settingsFile)
    }

    /// What `bytes` make of the playbook; nil when this reader has fixed folders.
    private func settings(of bytes: [UInt8]?) throws(ReviewError) -> ChangeSettings? {
        guard let settings else { return nil }
        do {
            return try settings(bytes)
        } catch {
            throw .settings("\(error)")
        }
    }

    private func readChange(_ repository: Repository, base: ObjectID, head: ObjectID) throws -> ReviewInput {
        let mergeBase = try Self.shallowAware(repository) { try repository.mergeBase(base, head) }
        guard let mergeBase else { throw repository.isShallow ? ReviewError.shallowWithoutMergeBase : ReviewError.noMergeBase }
        let headTree = try repository.commitInfo(head).tree
        let baseTipTree = try repository.commitInfo(base).tree
        let baseTree = try repository.commitInfo(mergeBase).tree
        // The settings the playbook is judged by are those the merge will have: where git merges the
        // base and the head cleanly, that merge's `.playbook.yml` (the base's later edits to it
        // included); where anything conflicts, the head's if the change edits it, else the base's tip's.
        // The base's files are read as they can be: a base whose `.playbook.yml` git cannot give as
        // a file (a symbolic link) is read with the defaults, so the change that fixes it can be reviewed.
        let headBytes = try settingsBytes(repository, at: head)
        let mergeBaseBytes = try? settingsBytes(repository, at: mergeBase)
        let baseTipBytes = try? settingsBytes(repository, at: base)
        var mergedBytes = headBytes
        var startBytes = mergeBaseBytes
        var merge: [IndexEntry]?
        if mergeBase != base {
            // The merge is read under every side's folders; the merged settings then pick its playbook files.
            let sides = [headBytes, baseTipBytes, mergeBaseBytes].compactMap { try? settings(of: $0) }
            var candidates = roots
            for root in sides.flatMap(\.roots) where !candidates.contains(root) { candidates.append(root) }
            merge = try? repository.cleanMerge(base, head, where: { path in
                path == settingsFile || (Self.isUnder(path, candidates) && include(path, candidates))
            })
            if let merge {
                let entry = merge.first { $0.path == settingsFile }
                if let entry, entry.mode == IndexEntry.symlinkMode {
                    throw ReviewError.settings("\(settingsFile ?? ""): the merge makes it a symbolic link, which is not read")
                }
                mergedBytes = try entry.map { try repository.blobData($0.id) }
                startBytes = baseTipBytes
            } else if headBytes == mergeBaseBytes {
                (mergedBytes, startBytes) = (baseTipBytes, baseTipBytes)
            }
        }
        // Each side is read under its own folders: a change that edits `roots:` takes files out of
        // the playbook or brings them in as surely as one that deletes or adds them.
        let headSettings = try settings(of: mergedBytes)
        let baseTipSettings = try? settings(of: baseTipBytes)
        let mergedRoots = headSettings?.roots ?? roots
        let baseRoots = baseTipSettings?.roots ?? mergedRoots
        func read(_ tree: ObjectID?, under roots: [String]) throws -> [String: SourceFile] {
            var files: [String: SourceFile] = [:]
            for file in try repository.changedFiles(from: nil, to: tree, under: roots, include: { include($0, roots) }) where file.newBlob != nil {
                files[file.path] = try Self.source(file, in: repository)
            }
            return files
        }
        let inMerged = { (path: String) in include(path, mergedRoots) }
        let changedInChange = try repository.changedFiles(from: baseTree, to: headTree, under: mergedRoots, include: inMerged)
        let changed = changedInChange.filter { $0.newBlob != nil }.map(\.path)
        // The playbook as it will be once merged: the head, plus what landed on the base since
        // the branch point in files the change leaves alone (ids and overlaps are checked against it).
        var merged = try read(headTree, under: mergedRoots)
        let headSources = merged
        let touched = Set(changedInChange.map(\.path))
        for file in try repository.changedFiles(from: baseTree, to: baseTipTree, under: mergedRoots, include: inMerged)
        where !touched.contains(file.path) {
            if file.newBlob != nil {
                merged[file.path] = try Self.source(file, in: repository)
            } else {
                merged[file.path] = nil
            }
        }
        let baseTip = try read(baseTipTree, under: baseRoots)
        // Files the head's folders bring into the playbook unchanged are the change's files too.
        let changedSet = Set(changed)
        var changedFiles = changed + merged.keys.filter { baseTip[$0] == nil && !changedSet.contains($0) }.sorted()
        // Where git merges the base and the head cleanly, the playbook once merged is that merge
        // (what GitHub's test-merge commit holds), and the change is what it brings to the base.
        var onMerge = mergeBase == base  // nothing landed on the base since: the head is the merge
        if let merge, let result = try? mergedFiles(repository, merge, baseTipTree: baseTipTree, roots: mergedRoots, baseRoots: baseRoots) {
            (merged, changedFiles, onMerge) = (result.files, result.changed, true)
        }
        // The history cache holds the history under the head's own folders (what lint and the reports
        // read at HEAD): where the merge's folders differ (the base changed `roots:` since the fork),
        // the history is read without it, rather than the cache rebuilt for other folders and rebuilt
        // again by the next lint.
        let headOwnRoots = (try? settings(of: headBytes))?.roots ?? roots
        let history = try HistoryReader(roots: mergedRoots, mode: .firstParent, cacheFile: mergedRoots == headOwnRoots ? cacheFile : nil)
            .read(repository, tip: head)
        var input = ReviewInput(
            base: base, head: head, mergeBase: mergeBase,
            headFiles: merged.keys.sorted().compactMap { merged[$0] },
            baseFiles: baseTip.keys.sorted().compactMap { baseTip[$0] },
            changedFiles: changedFiles, commits: try Self.commits(repository, head: head, mergeBase: mergeBase), history: history)
        input.judgedOnMerge = onMerge
        // The base's files the change takes out of the playbook (deleted, renamed away, or under a folder it drops).
        input.removedFiles = baseTip.keys.filter { merged[$0] == nil }.sorted()
        if mergeBase != base {
            // Files the merge holds otherwise than the head: findings there are placed on the head's lines.
            for (path, file) in merged {
                guard case .bytes(let bytes)? = headSources[path]?.content, case .bytes(let mergedBytes) = file.content,
                      bytes != mergedBytes else { continue }
                input.headVersions[path] = bytes
            }
        }
        if settingsFile != nil {
            input.configuration = headSettings?.configuration
            // What the change does to the settings: against the base's tip when judged on the merge
            // (the base's own later edits are not the change's), else against the merge base;
            // settings that cannot be read there are compared as the defaults.
            input.baseConfiguration = (try? settings(of: startBytes))?.configuration ?? Configuration()
        }
        return input
    }

    /// Whether `path` lies under one of `roots` (`.` or "" the top).
    static func isUnder(_ path: String, _ roots: [String]) -> Bool {
        roots.contains { $0 == "." || $0.isEmpty || path.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") }
    }

    /// The playbook files under `roots` of the clean merge of the head into the base, and the paths
    /// where it differs from the base's tip.
    private func mergedFiles(_ repository: Repository, _ merge: [IndexEntry], baseTipTree: ObjectID,
                             roots: [String], baseRoots: [String])
        throws -> (files: [String: SourceFile], changed: [String])
    {
        let entries = merge.filter { Self.isUnder($0.path, roots) && include($0.path, roots) }
        var baseBlobs: [String: (ObjectID, Bool)] = [:]
        for file in try repository.changedFiles(from: nil, to: baseTipTree, under: baseRoots, include: { include($0, baseRoots) }) {
            if let blob = file.newBlob { baseBlobs[file.path] = (blob, file.newIsLink) }
        }
        var files: [String: SourceFile] = [:]
        var changed: [String] = []
        for entry in entries where entry.isRegularFile || entry.mode == IndexEntry.symlinkMode {
            let isLink = entry.mode == IndexEntry.symlinkMode
            var file = FileChange(path: entry.path, oldBlob: nil, newBlob: entry.id, newIsLink: isLink)
            file.nameIsUTF8 = entry.nameIsUTF8
            files[entry.path] = try Self.source(file, in: repository)
            if let old = baseBlobs[entry.path], old.0 == entry.id, old.1 == isLink { continue }
            changed.append(entry.path)
        }
        return (files, changed.sorted())
    }

    /// The file as committed; a symbolic link is not followed or read as YAML, as `lint` words it.
    static func source(_ file: FileChange, in repository: Repository) throws -> SourceFile? {
        guard let blob = file.newBlob else { return nil }
        if !file.nameIsUTF8 { return SourceFile(path: file.path, content: .unreadable(SourceFile.invalidNameProblem)) }
        if PlaybookFiles.hasMiscasedPlaybookName(file.path) {
            return SourceFile(path: file.path, content: .unreadable(SourceFile.miscasedNameProblem(file.path)))
        }
        if file.newIsLink { return SourceFile(path: file.path, content: .unreadable(SourceFile.symbolicLinkProblem)) }
        return SourceFile(path: file.path, bytes: try repository.blobData(blob))
    }

    /// The change's own commits: `mergeBase..head`, without the merges that only bring the base's
    /// changes along the first-parent line (every merged parent is the base's: outside the range).
    /// A merge of another branch of the change (a merged parent inside the range) is kept: the
    /// history is read first-parent, so that merge is where the branch's changes land.
    static func commits(_ repository: Repository, head: ObjectID, mergeBase: ObjectID?) throws -> Set<ObjectID> {
        let range = Set(try repository.commits(from: head, excluding: mergeBase))
        return try range.filter {
            let parents = try repository.commitInfo($0, details: false).parents
            return parents.count <= 1 || parents.dropFirst().contains(where: range.contains)
        }
    }
}
