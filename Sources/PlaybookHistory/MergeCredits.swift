import PlaybookGit

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
    private var infos: [ObjectID: CommitInfo] = [:]
    /// Per merged parent: the commits reachable from it but not from the first parent (nil when
    /// they cannot be listed, e.g. a shallow clone's missing parent).
    private var sides: [ObjectID: Set<ObjectID>?] = [:]

    init(repository: Repository, merge: CommitInfo, trees: TreeReader, commits: CommitReader) {
        self.repository = repository
        self.merge = merge
        self.trees = trees
        self.commits = commits
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
        guard let side = try sideOnly(tip), side.contains(tip), try file(path, in: tip) == version else { return nil }
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
