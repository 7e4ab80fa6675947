import PlaybookModel

/// What a rule is: its identifier, default severity and a one-line description.
public struct RuleDescriptor: Sendable, Hashable {
    public var id: String
    public var severity: Severity
    public var summary: String

    public init(_ id: String, _ severity: Severity, _ summary: String) {
        self.id = id
        self.severity = severity
        self.summary = summary
    }
}

/// Identifiers of the rules the lint layer itself produces.
public enum LintRuleID {
    public static let yamlSyntax = "yaml-syntax"
    public static let yamlDuplicateKey = "yaml-duplicate-key"
    public static let yamlTab = "yaml-tab"
    public static let yamlAliasLimit = "yaml-alias-limit"
    public static let yamlDepthLimit = "yaml-depth-limit"
    public static let yamlSizeLimit = "yaml-size-limit"
    public static let yamlEncoding = "yaml-encoding"
    public static let fileUnreadable = "file-unreadable"
    public static let duplicateID = "id-duplicate"
    public static let unresolvedReference = "reference-unresolved"
    public static let northStar = "north-star"
    public static let alignment = "objective-alignment"
}

/// Every rule, in one explicit list: the single source for `playbook rules`, configuration
/// validation and the README's rule reference.
public enum RuleCatalog {
    public static let all: [RuleDescriptor] = [
        RuleDescriptor(LintRuleID.yamlSyntax, .error, "The file is not valid YAML."),
        RuleDescriptor(LintRuleID.yamlDuplicateKey, .error, "A mapping defines the same key twice; only the first would count."),
        RuleDescriptor(LintRuleID.yamlTab, .error, "A tab character is used for indentation; YAML allows only spaces."),
        RuleDescriptor(LintRuleID.yamlAliasLimit, .error, "Anchors and aliases expand past the limit (a billion-laughs file)."),
        RuleDescriptor(LintRuleID.yamlDepthLimit, .error, "Collections nest deeper than the limit."),
        RuleDescriptor(LintRuleID.yamlSizeLimit, .error, "The file is larger than the size limit."),
        RuleDescriptor(LintRuleID.yamlEncoding, .error, "The file is not UTF-8 text (invalid bytes, NUL bytes, UTF-16)."),
        RuleDescriptor(LintRuleID.fileUnreadable, .error, "The file could not be read."),
        RuleDescriptor(RuleID.kind, .error, "A document has no `kind`, or one that is not Metric, Squad, Objective, Hypothesis or Experiment."),
        RuleDescriptor(RuleID.required, .error, "A required field is missing."),
        RuleDescriptor(RuleID.type, .error, "A field has the wrong type (text, number, list, mapping…)."),
        RuleDescriptor(RuleID.enumValue, .error, "A field's value is not one of the allowed values."),
        RuleDescriptor(RuleID.date, .error, "A date is not a real calendar date written YYYY-MM-DD."),
        RuleDescriptor(RuleID.quarter, .error, "A quarter is not written YYYY-Qn."),
        RuleDescriptor(RuleID.idForm, .error, "An id, key-result reference or event name does not have the required form."),
        RuleDescriptor(RuleID.unknownKey, .error, "A key is not part of the format (a typo must not pass silently)."),
        RuleDescriptor(RuleID.range, .error, "A fraction (confidence, mde, power, alpha, p_value) is outside 0–1."),
        RuleDescriptor(LintRuleID.duplicateID, .error, "Two entities (or two key results of one objective) share an id."),
        RuleDescriptor(LintRuleID.unresolvedReference, .error, "A reference names a squad, metric, objective, key result or hypothesis that does not exist."),
        RuleDescriptor(LintRuleID.northStar, .error, "Exactly one metric must be marked `north_star: true`."),
        RuleDescriptor(LintRuleID.alignment, .error, "An objective must align to the North Star metric, directly or through other objectives."),
    ]

    private static let byID: [String: RuleDescriptor] = Dictionary(all.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })

    public static func rule(_ id: String) -> RuleDescriptor? { byID[id] }
}
