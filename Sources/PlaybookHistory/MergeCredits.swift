import PlaybookGit
import PlaybookModel

/// Who made the versions a merge brings onto its first parent's line. A merge's change to a file
/// is credited to the commit on the merged side that made the version the merge holds (the one
/// whose parents all hold another version there), found by walking the side back only while the
/// version stays the same; nil when the merge itself made it (a conflict resolved by hand, a
/// file taken back to a version the first parent's line had), and the merge's own author stands.
/// Reads commits and trees on the thread that compares trees, with that thread's readers.
struct MergeCredits {
    private let repository: Repository
    private let merge: CommitInfo
    private let trees: TreeReader
    private let commits: CommitReader
    /// The playbook's folders, relative to the repository top.
    private let roots: [String]
    private var infos: [ObjectID: CommitInfo] = [:]
    /// Per merged parent: the commits reachable from it but not from the first parent (nil when
    /// they cannot be listed, e.g. a shallow clone's missing parent).
    private var sides: [ObjectID: Set<ObjectID>?] = [:]

    init(repository: Repository, merge: CommitInfo, trees: TreeReader, commits: CommitReader, roots: [String]) {
        self.repository = repository
        self.merge = merge
        self.trees = trees
        self.commits = commits
        self.roots = roots
    }

    /// The author of the side commit that made `version` (nil: the file is gone) of `path`, when
    /// it is someone other than the merge's author; nil for the merge's own author.
    mutating func author(of path: String, version: ObjectID?) -> Person? {
        for parent in merge.parents.dropFirst() {
            guard let found = (try? author(of: path, version: version, from: parent)) ?? nil else { continue }
            let own = Person(name: merge.author.name, email: merge.author.email)
            return found == own ? nil : found
        }
        return nil
    }

    private mutating func author(of path: String, version: ObjectID?, from tip: ObjectID) throws -> Person? {
        guard let side = try sideOnly(tip), side.contains(tip) else { return nil }
        var path = path
        if try file(path, in: tip) != version {
            // The first parent's line moved the file since the lines forked: the side has the
            // version under the file's old path, where its commits made it.
            guard let version, try file(path, in: tip) == nil,
                  let fork = try repository.mergeBase(merge.parents[0], tip),
                  let moved = try Self.sidePath(of: version, inSide: try info(tip).tree, fork: try info(fork).tree,
                                                repository: repository, roots: roots)
            else { return nil }
            path = moved
        }
        var current = tip
        // Each step goes to a parent on the side: at most as many steps as the side has commits.
        while true {
            let info = try info(current)
            // A parent on the side holding the same version goes on; one on the first parent's line
            // means the version was already there, and the merge brought it back itself.
            var same: ObjectID?
            var elsewhere = false
            for parent in info.parents {
                // A parent that cannot be read (past a shallow clone's edge) is taken to hold another version.
                let held: ObjectID?
                do { held = try file(path, in: parent) } catch { continue }
                guard held == version else { continue }
                if side.contains(parent) {
                    same = parent
                    break
                }
                elsewhere = true
            }
            guard let same else { return elsewhere ? nil : Person(name: info.author.name, email: info.author.email) }
            current = same
        }
    }

    /// Where a merged side holds `version` of a file it has no file for at the merge's path: the
    /// path of the one file the side changed since the lines forked (`fork`) into that very
    /// version (git merged the side's edit into the file the first parent's line moved). Nil when
    /// no file, or more than one, of the side's changes holds it: the merge made that version.
    static func sidePath(of version: ObjectID, inSide sideTree: ObjectID, fork forkTree: ObjectID?,
                         repository: Repository, roots: [String]) throws -> String? {
        let holding = try repository.changedFiles(from: forkTree, to: sideTree, under: roots, include: { PlaybookFiles.isPlaybookFile($0, roots: roots) })
            .filter { $0.newBlob == version && !$0.newIsLink }
        return holding.count == 1 ? holding[0].path : nil
    }

    private mutating func sideOnly(_ tip: ObjectID) throws -> Set<ObjectID>? {
        if let known = sides[tip] { return known }
        let listed = try? Set(repository.commits(from: tip, excluding: merge.parents[0]))
        sides[tip] = .some(listed)
        return listed
    }

    private mutating func info(_ id: ObjectID) throws -> CommitInfo {
        if let known = infos[id] { return known }
        let info = try commits.info(id)
        infos[id] = info
        return info
    }

    /// The id of the file at `path` in a commit; nil when there is none (or a link, which is no file).
    private mutating func file(_ path: String, in commit: ObjectID) throws -> ObjectID? {
        try trees.fileID(inTree: try info(commit).tree, path: path)
    }
}
