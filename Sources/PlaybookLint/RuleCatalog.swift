import PlaybookModel

/// What a rule is: identifier, default severity, description, options, and examples that
/// trigger it and that do not. The examples are its tests and its documentation: each is a
/// YAML file added to `ExampleBase`, and `↓` marks where a finding must point.
public struct RuleDescriptor: Sendable, Hashable {
    public var id: String
    public var severity: Severity
    public var summary: String
    public var details: String
    public var options: [RuleOption]
    public var triggering: [String]
    public var passing: [String]

    public init(id: String, severity: Severity, summary: String, details: String = "", options: [RuleOption] = [],
                triggering: [String] = [], passing: [String] = []) {
        self.id = id
        self.severity = severity
        self.summary = summary
        self.details = details
        self.options = options
        self.triggering = triggering
        self.passing = passing
    }
}

/// Identifiers of the rules the lint layer itself produces (outside `RepositoryRule`s).
public enum LintRuleID {
    public static let yamlSyntax = "yaml-syntax"
    public static let yamlDuplicateKey = "yaml-duplicate-key"
    public static let yamlTab = "yaml-tab"
    public static let yamlAliasLimit = "yaml-alias-limit"
    public static let yamlDepthLimit = "yaml-depth-limit"
    public static let yamlSizeLimit = "yaml-size-limit"
    public static let yamlEncoding = "yaml-encoding"
    public static let yamlTag = "yaml-tag"
    public static let yamlCommentInValue = "yaml-comment-in-value"
    public static let placeholderUnfilled = "placeholder-unfilled"
    public static let fileUnreadable = "file-unreadable"
    public static let fileEmpty = "file-empty"
    public static let duplicateID = "id-duplicate"
    public static let unresolvedReference = "reference-unresolved"
    public static let northStar = "north-star"
    public static let alignment = "objective-alignment"
    public static let suppressionUnused = "suppression-unused"
    public static let suppressionUnknownRule = "suppression-unknown-rule"
    public static let configOverrideUnmatched = "config-override-unmatched"
    public static let historyStatusRegression = "history-status-regression"
    public static let historyLockedField = "history-locked-field"
    public static let historyResultEdit = "history-result-edit"
    public static let historyIDReuse = "history-id-reuse"
    public static let historyClosedQuarter = "history-closed-quarter"
}

/// Every rule, in one explicit list: the single source for `playbook rules`, configuration
/// validation, the README's rule reference and the example tests.
public enum RuleCatalog {
    /// Rules that judge the repository as a whole, run in this order.
    public static let repositoryRules: [any RepositoryRule.Type] = [
        KeyResultsPerObjective.self, ObjectivesPerSquad.self, MeasurableKeyResult.self, PercentScale.self,
        ICERange.self, TestingHasExperiment.self, ExpectedLift.self, LiftScale.self, IDMismatch.self,
        VariantAllocation.self, PowerCalculation.self, ExperimentDates.self, StaleExperiment.self,
        ConcludedResult.self, OutcomeLift.self, RevenueGuardrails.self, ExperimentMetricMismatch.self,
        SquadBudget.self, SquadChampion.self, MetricOwner.self,
        OverlapDuplicate.self, OverlapRelated.self, OverlapCollision.self, OverlapAcknowledged.self,
    ]

    public static let all: [RuleDescriptor] = BuiltinRules.yaml + BuiltinRules.schema + [BuiltinRules.placeholder] + BuiltinRules.repository
        + repositoryRules.map { $0.descriptor } + BuiltinRules.suppression + BuiltinRules.configuration + BuiltinRules.history

    private static let byID: [String: RuleDescriptor] = Dictionary(all.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })

    public static func rule(_ id: String) -> RuleDescriptor? { byID[id] }
}
