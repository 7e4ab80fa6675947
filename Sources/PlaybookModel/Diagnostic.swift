import PlaybookYAML

/// A problem the model layer found in one document, before any severity is applied.
///
/// The lint layer turns diagnostics into findings: it adds the file, looks up the
/// rule's severity in the configuration and applies suppressions.
public struct Diagnostic: Sendable, Hashable {
    /// Identifier of the rule that produced it (see `RuleID`).
    public var rule: String
    public var mark: Mark
    public var message: String
    /// Id of the entity the problem belongs to, when known.
    public var entity: String?
    /// Ids of other entities involved (a duplicate's twin, an overlap's partner).
    public var related: [String]
    /// The field (`design.mde`) that is present but invalid, so rules do not also call it missing.
    public var field: String?
    /// What the rule measured, where more is worse (a quarter's budget total, a count of key
    /// results): a review compares it with the base's to see a problem made worse.
    public var amount: Double?
    /// How far `amount` is over the rule's limit (a budget total less its cap, a count less the most allowed):
    /// what `lint --staged` compares with HEAD's, so a limit lowered under an unchanged total is the change's doing.
    public var excess: Double?

    public init(rule: String, mark: Mark, message: String, entity: String? = nil, related: [String] = [], field: String? = nil,
                amount: Double? = nil, excess: Double? = nil) {
        self.rule = rule
        self.mark = mark
        self.message = message
        self.entity = entity
        self.related = related
        self.field = field
        self.amount = amount
        self.excess = excess
    }
}

/// Identifiers of the rules whose diagnostics the model layer produces while decoding.
public enum RuleID {
    public static let kind = "schema-kind"
    public static let required = "schema-required"
    public static let type = "schema-type"
    public static let enumValue = "schema-enum"
    public static let date = "schema-date"
    public static let quarter = "schema-quarter"
    public static let idForm = "schema-id"
    public static let unknownKey = "schema-unknown-key"
    public static let range = "schema-range"
}
