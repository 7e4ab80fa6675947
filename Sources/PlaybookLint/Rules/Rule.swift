import PlaybookModel
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

/// What a repository-wide rule sees: every entity, an index by id, today and its options.
public struct RuleContext: Sendable {
    public let entities: [PlacedEntity]
    let index: RepositoryIndex
    public let today: Day
    let options: [String: Double]
    let rule: RuleDescriptor

    /// The configured value of an option, else its default.
    public func option(_ name: String) -> Double {
        options[name] ?? rule.options.first { $0.name == name }?.defaultValue ?? 0
    }

    /// Every entity of one kind, with its file, first definitions only (duplicates are their own finding).
    func all<T>(_ extract: (Entity) -> T?) -> [(T, String)] {
        entities.compactMap { placed in
            guard index[placed.entity.id.value]?.file == placed.file, let value = extract(placed.entity) else { return nil }
            return (value, placed.file)
        }
    }

    var experiments: [(Experiment, String)] { all { if case .experiment(let e) = $0 { e } else { nil } } }
    var hypotheses: [(Hypothesis, String)] { all { if case .hypothesis(let h) = $0 { h } else { nil } } }
    var objectives: [(Objective, String)] { all { if case .objective(let o) = $0 { o } else { nil } } }
    var squads: [(Squad, String)] { all { if case .squad(let s) = $0 { s } else { nil } } }
    var metrics: [(Metric, String)] { all { if case .metric(let m) = $0 { m } else { nil } } }

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
