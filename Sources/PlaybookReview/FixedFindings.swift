import PlaybookLint

extension Reviewer {
    /// The base's findings the head has none of (`unmatched`) that the change fixed: one of an entity
    /// the head still has (under its new id, when renamed) or that the change removes, or one of no
    /// entity; not one of an entity the head cannot read any more (a file the change breaks hides its
    /// entities' findings, it does not fix them: nothing in a file `broken`, where the change brings a
    /// finding of no entity). An overlap once per pair; errors first.
    static func fixedFindings(_ unmatched: [Finding], deltas: [EntityDelta], renamed: [String: String],
                              present: Set<String>, broken: Set<String>, changed: Set<String>) -> [Finding] {
        let removed = Set(deltas.filter { $0.change == .removed }.map(\.id))
        let fixed = unmatched.filter { finding in
            guard !broken.contains(finding.file) else { return false }
            guard let entity = finding.entity else { return true }
            return present.contains(renamed[entity] ?? entity) || removed.contains(entity)
        }
        func rank(_ severity: Severity) -> Int { severity == .error ? 0 : (severity == .warning ? 1 : 2) }
        return onePerPair(fixed, changed: changed, entities: removed.union(renamed.keys))
            .sorted { rank($0.severity) != rank($1.severity) ? rank($0.severity) < rank($1.severity) : Finding.ordered($0, $1) }
    }
}
