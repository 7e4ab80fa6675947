import PlaybookLint

extension Reviewer {
    /// The base's findings the head has none of (`unmatched`) that the change fixed: one of an entity
    /// the head still has (under its new id, when renamed) or that the change removes, or one of no
    /// entity; not one of an entity the head cannot read any more (a file the change breaks hides its
    /// entities' findings, it does not fix them: nothing in a file `broken`, where the change brings a
    /// finding of no entity). A finding of no entity the head still has in another file (`head`: the
    /// head's findings; a file renamed, or the north star's error now on a file the change adds) is
    /// not fixed either. An overlap once per pair; errors first.
    static func fixedFindings(_ unmatched: [Finding], head: [Finding], deltas: [EntityDelta], renamed: [String: String],
                              present: Set<String>, broken: Set<String>, changed: Set<String>) -> [Finding] {
        let removed = Set(deltas.filter { $0.change == .removed }.map(\.id))
        func anyFile(_ finding: Finding) -> FindingIdentity {
            var identity = FindingIdentity(finding)
            identity.file = nil
            return identity
        }
        let stillThere = Set(head.filter { $0.entity == nil }.map(anyFile))
        let fixed = unmatched.filter { finding in
            guard !broken.contains(finding.file) else { return false }
            guard let entity = finding.entity else { return !stillThere.contains(anyFile(finding)) }
            return present.contains(renamed[entity] ?? entity) || removed.contains(entity)
        }
        func rank(_ severity: Severity) -> Int { severity == .error ? 0 : (severity == .warning ? 1 : 2) }
        return onePerPair(fixed, changed: changed, entities: removed.union(renamed.keys))
            .sorted { rank($0.severity) != rank($1.severity) ? rank($0.severity) < rank($1.severity) : Finding.ordered($0, $1) }
    }
}
