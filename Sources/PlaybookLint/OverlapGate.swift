import PlaybookModel

/// How an unacknowledged overlap with another squad's work counts, by where it is found
/// (`overlaps:` in `.playbook.yml`). The pre-commit hook lets it through as a warning, so the
/// PR the council must review can be opened; `lint` and `review` keep each rule's severity
/// (a collision is an error) until an approval acknowledges it.
public struct OverlapGate: Sendable, Hashable {
    /// Under `lint --staged`; nil keeps the rule's own severity.
    public var staged: Severity? = .warning
    /// Under `lint` and `review`; nil keeps the rule's own severity.
    public var review: Severity?

    public init(staged: Severity? = .warning, review: Severity? = nil) {
        self.staged = staged
        self.review = review
    }

    func severity(in mode: LintMode) -> Severity? {
        switch mode {
        case .staged: staged
        case .standard: review
        }
    }

    /// The overlap rules whose findings the gate governs (acknowledged ones are notes already).
    static let rules: Set<String> = [OverlapDuplicate.descriptor.id, OverlapCollision.descriptor.id]

    /// An unacknowledged overlap whose two sides belong to different squads.
    static func applies(to diagnostic: Diagnostic, index: RepositoryIndex) -> Bool {
        guard rules.contains(diagnostic.rule), let id = diagnostic.entity, let other = diagnostic.related.first else { return false }
        return squad(of: id, index) != squad(of: other, index)
    }

    static func squad(of id: String, _ index: RepositoryIndex) -> String? {
        switch index[id]?.entity {
        case .hypothesis(let hypothesis)?: hypothesis.squad?.value
        case .experiment(let experiment)?: experiment.squad?.value
        default: nil
        }
    }
}
