import PlaybookLint

/// What makes two findings the same problem across two versions of the playbook: the rule, the
/// entity, the other entities involved and the field — never the message (it names lines and
/// changes wording) nor the position (lines move when a comment is added). A finding that
/// belongs to no entity (a file that does not parse) is placed by its file instead.
/// Several findings may share an identity (two unknown keys of one entity): they are matched
/// by count, so a change that adds a third is reported for that one.
public struct FindingIdentity: Hashable, Sendable {
    public var rule: String
    public var entity: String?
    public var related: [String]
    public var field: String?
    /// Only for findings without an entity.
    public var file: String?
    /// Only for findings without an entity in a file the change moves: the text of the line it points
    /// at, so that another error in the moved file is not taken for the base's.
    public var written: String?

    /// - Parameter renamed: ids the change renames (old → new): a base finding of a renamed entity is
    ///   the same problem under its new id.
    /// - Parameter moved: files the change moves with their content (old path → new): a base finding of
    ///   no entity in a moved file is the same problem in the new file, when `written` is the same too.
    /// - Parameter written: for a finding of no entity in a moved file (either side), its line's text.
    public init(_ finding: Finding, renamed: [String: String] = [:], moved: [String: String] = [:], written: String? = nil) {
        rule = finding.rule
        entity = finding.entity.map { renamed[$0] ?? $0 }
        related = finding.related.map { renamed[$0] ?? $0 }.sorted()
        field = finding.field
        file = finding.entity == nil ? moved[finding.file] ?? finding.file : nil
        self.written = finding.entity == nil ? written : nil
    }
}
