import Foundation
internal import CLibGit2

/// A commit as plain values: what a history walk needs to know about it.
public struct CommitInfo: Sendable, Hashable {
    public var id: ObjectID
    /// Parent ids in order (the first is the main line); empty for a root commit.
    public var parents: [ObjectID]
    public var tree: ObjectID
    public var author: Signature
    public var committer: Signature
    /// The first line of the message.
    public var summary: String

    public init(id: ObjectID, parents: [ObjectID], tree: ObjectID, author: Signature, committer: Signature, summary: String) {
        self.id = id
        self.parents = parents
        self.tree = tree
        self.author = author
        self.committer = committer
        self.summary = summary
    }
}

extension Repository {
    /// Reads one commit's ids, signatures and summary.
    public func commitInfo(_ id: ObjectID) throws -> CommitInfo {
        var oid = id.oid
        let commit = try owned("reading commit \(id)", borrowing: self, release: git_commit_free) {
            git_commit_lookup(&$0, pointer, &oid)
        }
        return commit.withPointer { commit in
            var parents: [ObjectID] = []
            let count = git_commit_parentcount(commit)
            parents.reserveCapacity(Int(count))
            for index in 0..<count {
                if let parent = git_commit_parent_id(commit, index) { parents.append(ObjectID(parent)) }
            }
            let summary = git_commit_summary(commit).map { String(cString: $0) } ?? ""
            return CommitInfo(
                id: id, parents: parents, tree: ObjectID(git_commit_tree_id(commit)),
                author: Self.signature(copying: git_commit_author(commit)),
                committer: Self.signature(copying: git_commit_committer(commit)),
                summary: summary)
        }
    }

    /// True when `commit` has `ancestor` in its history (a commit is not its own descendant).
    public func isDescendant(_ commit: ObjectID, of ancestor: ObjectID) throws -> Bool {
        var commitOID = commit.oid
        var ancestorOID = ancestor.oid
        let code = try check(git_graph_descendant_of(pointer, &commitOID, &ancestorOID),
                             "checking whether \(commit) descends from \(ancestor)")
        return code == 1
    }

    /// True when the object database holds `id` (a shallow or partial clone may not).
    public func contains(_ id: ObjectID) -> Bool {
        guard let database = try? owned("opening the object database", borrowing: self, release: git_odb_free, {
            git_repository_odb(&$0, pointer)
        }) else { return false }
        var oid = id.oid
        return git_odb_exists(database.pointer, &oid) == 1
    }

    /// The commits listed in `.git/shallow`: their parents are missing from a shallow clone.
    public var shallowBoundary: Set<ObjectID> {
        guard let text = try? String(contentsOfFile: gitDirectory + "/shallow", encoding: .utf8) else { return [] }
        return Set(text.split(whereSeparator: \.isNewline).compactMap { ObjectID(hex: String($0)) })
    }

    static func signature(copying signature: UnsafePointer<git_signature>?) -> Signature {
        guard let signature else { return Signature(name: "", email: "", time: 0) }
        let value = signature.pointee
        return Signature(
            name: value.name.map { String(cString: $0) } ?? "",
            email: value.email.map { String(cString: $0) } ?? "",
            time: Int64(value.when.time), offsetMinutes: Int(value.when.offset))
    }
}

extension Repository {
    /// The branch HEAD names, short form (`main`), even when it is unborn; nil when HEAD is detached.
    public var headBranch: String? {
        guard !isHeadDetached else { return nil }
        var reference: OpaquePointer?
        guard git_reference_lookup(&reference, pointer, "HEAD") == 0, let reference else { return nil }
        let owner = Owned<OpaquePointer>(reference, borrowing: self) { git_reference_free($0) }
        return owner.withPointer { reference -> String? in
            guard let target = git_reference_symbolic_target(reference) else { return nil }
            let name = String(cString: target)
            return name.hasPrefix("refs/heads/") ? String(name.dropFirst("refs/heads/".count)) : name
        }
    }
}

extension Repository {
    /// Opens this repository again, for another thread (a `Repository` must stay on one).
    public func reopen() throws -> Repository {
        try Repository.open(at: workdir ?? gitDirectory)
    }
}
