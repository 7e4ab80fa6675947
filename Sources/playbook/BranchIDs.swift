import PlaybookGit
import PlaybookHistory
import PlaybookLint
import PlaybookModel

/// The ids in use on every branch a clone can see (local and remote-tracking), read from git
/// with libgit2, so that two people running `playbook new` in two clones do not take one id.
struct BranchIDs {
    /// Branch names, in the order read.
    var branches: [String] = []
    /// Each id with the branches that hold it.
    var holders: [String: [String]] = [:]
    /// Ids that ever existed on the current branch's first-parent history (removed ones too):
    /// `review` refuses a removed id used again (history-id-reuse).
    /// Nil when that history could not be read (the branches' ids still count).
    var everOnBranch: Set<String>? = []
    /// Why the branches could not be read, when they could not (not a repository, say).
    var problem: String?

    /// Reads the playbook files under `roots` (relative to the repository top) on every branch;
    /// each blob is decoded once, however many branches share it.
    static func read(from path: String, roots: (Repository) -> [String], linter: Linter) -> BranchIDs {
        var result = BranchIDs()
        do {
            let repository = try Repository.discover(from: path)
            let roots = roots(repository)
            var idsOfBlob: [ObjectID: [String]] = [:]
            var idsOfTree: [ObjectID: [String]] = [:]
            // Branches differ in few files: each tree is compared with the previous branch's,
            // so unchanged folders are never opened again.
            let reader = try TreeReader(repository: repository)
            var files: [String: ObjectID] = [:]
            var previous: ObjectID?
            let include: (String) -> Bool = { PlaybookFiles.isPlaybookFile($0, roots: roots) }
            for branch in try repository.branches() {
                result.branches.append(branch.name)
                let tree = try repository.commitInfo(branch.commit, details: false).tree
                if idsOfTree[tree] == nil {
                    // New blobs are decoded together, spread over the cores.
                    var unread: [String: ObjectID] = [:]
                    var sources: [SourceFile] = []
                    for change in try reader.changedFiles(from: previous, to: tree, under: roots, include: include).compactMap(\.filesOnly) {
                        files[change.path] = change.newBlob
                        guard let blob = change.newBlob, idsOfBlob[blob] == nil, unread[change.path] == nil else { continue }
                        unread[change.path] = blob
                        idsOfBlob[blob] = []
                        sources.append(SourceFile(path: change.path, bytes: try repository.blobData(blob)))
                    }
                    for placed in linter.entities(in: sources) {
                        if let blob = unread[placed.file] { idsOfBlob[blob, default: []].append(placed.entity.id.value) }
                    }
                    previous = tree
                    var onBranch: Set<String> = []
                    for blob in files.values { onBranch.formUnion(idsOfBlob[blob] ?? []) }
                    idsOfTree[tree] = onBranch.sorted()
                }
                for id in idsOfTree[tree] ?? [] { result.holders[id, default: []].append(branch.name) }
            }
            // The history review reads (first parent, through the same cache): every id it ever had.
            if let history = try? HistoryReader(roots: roots, mode: .firstParent,
                                                cacheFile: usableCacheFile(for: repository, mode: .firstParent)).read(repository) {
                for record in history.records {
                    for change in record.changes { result.everOnBranch?.insert(change.entity) }
                }
            } else {
                result.everOnBranch = nil
            }
        } catch {
            // Half a reading would name some branches and not others: say none were read.
            result = BranchIDs(problem: "\(error)")
        }
        return result
    }

    /// "2 branches (main, origin/main)"; past eight names, "40 branches (a, b, …, h and 32 more)".
    var checked: String {
        let count = branches.count == 1 ? "1 branch" : "\(branches.count) branches"
        let shown = branches.count > 8 ? branches.prefix(8).joined(separator: ", ") + " and \(branches.count - 8) more" : branches.joined(separator: ", ")
        return "\(count) (\(shown))"
    }
}
