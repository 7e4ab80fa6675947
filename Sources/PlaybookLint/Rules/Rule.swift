import PlaybookModel
import PlaybookSimilarity
import PlaybookYAML

/// A number a rule lets the configuration change (`rules: {okr-key-results: {max: 5}}`).
public struct RuleOption: Sendable, Hashable {
    public var name: String
    public var defaultValue: Double
    public var summary: String

    public init(_ name: String, _ defaultValue: Double, _ summary: String) {
        self.name = name
        self.defaultValue = defaultValue
        self.summary = summary
    }
}

/// A diagnostic placed in a file.
public struct LocatedDiagnostic: Sendable, Hashable {
    public var file: String
    public var diagnostic: Diagnostic

    public init(file: String, diagnostic: Diagnostic) {
        self.file = file
        self.diagnostic = diagnostic
    }
}

/// The entities of a repository sorted by kind, first definitions only (a duplicate id is
/// its own finding): computed once per run and shared by every rule.
struct RepositoryView: Sendable {
    var experiments: [(Experiment, String)] = []
    var hypotheses: [(Hypothesis, String)] = []
    var objectives: [(Objective, String)] = []
    var squads: [(Squad, String)] = []
    var metrics: [(Metric, String)] = []

    /// `index` is the index of these `entities`.
    init(_ entities: [PlacedEntity], index: RepositoryIndex) {
        for (placed, kept) in zip(entities, index.inFirstFile) where kept {
            switch placed.entity {
            case .experiment(let e): experiments.append((e, placed.file))
            case .hypothesis(let h): hypotheses.append((h, placed.file))
            case .objective(let o): objectives.append((o, placed.file))
            case .squad(let s): squads.append((s, placed.file))
            case .metric(let m): metrics.append((m, placed.file))
            }
        }
    }
}

/// What a repository-wide rule sees: every entity, an index by id, today and its options.
public struct RuleContext: Sendable {
    public let entities: [PlacedEntity]
    let index: RepositoryIndex
    let view: RepositoryView
    public let today: Day
    /// Where the lint runs (the pre-commit hook or a full check).
    public let mode: LintMode
    let options: [String: Double]
    let rule: RuleDescriptor
    /// The sentence encoder duplicate detection compares meaning with, when the model is installed.
    var encoder: (any SentenceEncoder)? = nil
    /// How many related entities each entity's `overlap-related` notes name at most (0 when the rule is
    /// off everywhere: related work is then not looked for); nil: all of them.
    var relatedPerEntity: Int? = OverlapRelated.defaultPerEntity

    /// The configured value of an option, else its default.
    public func option(_ name: String) -> Double {
        options[name] ?? rule.options.first { $0.name == name }?.defaultValue ?? 0
    }

    var experiments: [(Experiment, String)] { view.experiments }
    var hypotheses: [(Hypothesis, String)] { view.hypotheses }
    var objectives: [(Objective, String)] { view.objectives }
    var squads: [(Squad, String)] { view.squads }
    var metrics: [(Metric, String)] { view.metrics }

    func squad(_ id: String?) -> Squad? {
        guard let id, case .squad(let squad)? = index[id]?.entity else { return nil }
        return squad
    }

    func metric(_ id: String?) -> Metric? {
        guard let id else { return nil }
        return index.metric(id)
    }

    /// A finding of this rule.
    func finding(_ file: String, _ mark: Mark, _ message: String, entity: String?, related: [String] = []) -> LocatedDiagnostic {
        LocatedDiagnostic(file: file, diagnostic: Diagnostic(rule: rule.id, mark: mark, message: message, entity: entity, related: related))
    }
}

/// A rule that judges the repository as a whole (governance). Each is one small type with
/// its descriptor — id, severity, description, options and examples — and its check.
public protocol RepositoryRule: Sendable {
    static var descriptor: RuleDescriptor { get }
    static func check(_ context: RuleContext) -> [LocatedDiagnostic]
}
