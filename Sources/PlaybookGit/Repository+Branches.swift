internal import CLibGit2

/// A branch as `git branch -a` lists it: local (`main`) or remote-tracking (`origin/main`).
public struct Branch: Sendable, Hashable {
    /// The short name: `main`, `origin/feature-x`.
    public var name: String
    public var isRemote: Bool
    /// The commit it points at.
    public var commit: ObjectID

    public init(name: String, isRemote: Bool, commit: ObjectID) {
        self.name = name
        self.isRemote = isRemote
        self.commit = commit
    }
}

extension Repository {
    /// Every local and remote-tracking branch, sorted by name; symbolic ones (`origin/HEAD`)
    /// are left out, as they only repeat another branch.
    public func branches() throws -> [Branch] {
        let operation = "listing branches"
        let iterator = try owned(operation, borrowing: self, release: git_branch_iterator_free) {
            git_branch_iterator_new(&$0, pointer, GIT_BRANCH_ALL)
        }
        var found: [Branch] = []
        while true {
            var reference: OpaquePointer?
            var type = GIT_BRANCH_LOCAL
            let status = git_branch_next(&reference, &type, iterator.pointer)
            if status == GIT_ITEROVER.rawValue { break }
            try check(status, operation)
            guard let reference else { continue }
            let owner = Owned(reference, borrowing: self, release: git_reference_free)
            let branch: Branch? = try owner.withPointer { pointer throws(GitError) -> Branch? in
                guard git_reference_type(pointer) == GIT_REFERENCE_DIRECT, let target = git_reference_target(pointer) else { return nil }
                var name: UnsafePointer<CChar>?
                try check(git_branch_name(&name, pointer), operation)
                guard let name else { return nil }
                return Branch(name: String(cString: name), isRemote: type == GIT_BRANCH_REMOTE, commit: ObjectID(target))
            }
            if let branch { found.append(branch) }
        }
        return found.sorted { $0.name < $1.name }
    }
}
