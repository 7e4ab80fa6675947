import PlaybookGit
import PlaybookLint
import PlaybookModel

/// The ids in use on every branch a clone can see (local and remote-tracking), read from git
/// with libgit2, so that two people running `playbook new` in two clones do not take one id.
struct BranchIDs {
    /// Branch names, in the order read.
    var branches: [String] = []
    /// Each id with the branches that hold it.
    var holders: [String: [String]] = [:]
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
            for branch in try repository.branches() {
                result.branches.append(branch.name)
                let tree = try repository.commitInfo(branch.commit, details: false).tree
                // Branches often share a commit (main and origin/main): each tree is walked once.
                if let known = idsOfTree[tree] {
                    for id in known { result.holders[id, default: []].append(branch.name) }
                    continue
                }
                var onBranch: Set<String> = []
                let files = try repository.changedFiles(from: nil, to: tree, under: roots) { FileDiscovery.isPlaybookFile($0) && !FileDiscovery.isHidden($0) }
                for file in files {
                    guard let blob = file.newBlob else { continue }
                    if idsOfBlob[blob] == nil {
                        let source = SourceFile(path: file.path, bytes: try repository.blobData(blob))
                        idsOfBlob[blob] = linter.entities(in: [source]).map(\.entity.id.value)
                    }
                    onBranch.formUnion(idsOfBlob[blob] ?? [])
                }
                idsOfTree[tree] = onBranch.sorted()
                for id in onBranch { result.holders[id, default: []].append(branch.name) }
            }
        } catch {
            result.problem = "\(error)"
        }
        return result
    }

    /// "2 branches (main, origin/main)".
    var checked: String {
        let count = branches.count == 1 ? "1 branch" : "\(branches.count) branches"
        return "\(count) (\(branches.joined(separator: ", ")))"
    }
}
