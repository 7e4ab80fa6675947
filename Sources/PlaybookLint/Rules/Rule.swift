import PlaybookModel
import PlaybookSimilarity
import PlaybookYAML

/// A number a rule lets the configuration change (`rules: {okr-key-results: {max: 5}}`).
public struct RuleOption: Sendable, Hashable {
    public var name: String
    public var defaultValue: Double
    public var summary: String
    /// The whole numbers `.playbook.yml` may set it to; any other is refused at its line.
    public var range: ClosedRange<Int>
    /// Whether it is on or off: written `true` or `false` (1 and 0 read alike), held as 1 or 0.
    public var isSwitch = false

    public init(_ name: String, _ defaultValue: Double, _ summary: String, range: ClosedRange<Int> = 0...1_000_000) {
        self.name = name
        self.defaultValue = defaultValue
        self.summary = summary
        self.range = range
    }

    /// An option that is on or off, off by default.
    public static func offSwitch(_ name: String, _ summary: String) -> RuleOption {
        var option = RuleOption(name, 0, summary, range: 0...1)
        option.isSwitch = true
        return option
    }

    /// Its default as `.playbook.yml` writes it: `40`, `false`.
    public var shownDefault: String {
        if isSwitch { return defaultValue != 0 ? "true" : "false" }
        return format(defaultValue)
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
    /// An entity and its file, held by reference: a rule reads the entity in place (a constant of a
    /// class), where an element of a list of values was copied for each rule, a retain of each of an
    /// experiment's dozens of fields (and a release).
    final class Entry<Entity: Sendable>: Sendable {
        let entity: Entity
        let file: String

        init(_ entity: Entity, _ file: String) {
            self.entity = entity
            self.file = file
        }
    }

    var experiments: [Entry<Experiment>] = []
    var hypotheses: [Entry<Hypothesis>] = []
    var objectives: [Entry<Objective>] = []
    var squads: [Entry<Squad>] = []
    var metrics: [Entry<Metric>] = []

    /// `index` is the index of these `entities`.
    init(_ entities: [PlacedEntity], index: RepositoryIndex) {
        for (placed, kept) in zip(entities, index.inFirstFile) where kept {
            switch placed.entity {
            case .experiment(let e): experiments.append(Entry(e, placed.file))
            case .hypothesis(let h): hypotheses.append(Entry(h, placed.file))
            case .objective(let o): objectives.append(Entry(o, placed.file))
            case .squad(let s): squads.append(Entry(s, placed.file))
            case .metric(let m): metrics.append(Entry(m, placed.file))
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
    /// What files that could not be decoded may define: a reference to it is not called unresolved.
    var unread = UnreadDefinitions()

    /// The configured value of an option, else its default.
    public func option(_ name: String) -> Double {
        options[name] ?? rule.options.first { $0.name == name }?.defaultValue ?? 0
    }

    /// `compactMap` over the entities of `list` with their files, each entity read in place (see `RepositoryView.Entry`).
    func compactMap<Entity, T>(_ list: KeyPath<RepositoryView, [RepositoryView.Entry<Entity>]>, _ transform: (borrowing Entity, String) -> T?) -> [T] {
        var out: [T] = []
        forEach(list) { entity, file in
            if let value = transform(entity, file) { out.append(value) }
        }
        return out
    }

    /// Each entity of `list` with its file, read in place (see `RepositoryView.Entry`).
    func forEach<Entity>(_ list: KeyPath<RepositoryView, [RepositoryView.Entry<Entity>]>, _ body: (borrowing Entity, String) -> Void) {
        for entry in view[keyPath: list] { body(entry.entity, entry.file) }
    }

    func squad(_ id: String?) -> Squad? {
        guard let id, case .squad(let squad)? = index[id]?.entity else { return nil }
        return squad
    }

    func metric(_ id: String?) -> Metric? {
        guard let id else { return nil }
        return index.metric(id)
    }

    /// A finding of this rule; `amount` is what it measured, where more is worse.
    func finding(_ file: String, _ mark: Mark, _ message: String, entity: String?, related: [String] = [],
                 amount: Double? = nil, excess: Double? = nil) -> LocatedDiagnostic {
        LocatedDiagnostic(file: file, diagnostic: Diagnostic(rule: rule.id, mark: mark, message: message, entity: entity,
                                                             related: related, amount: amount, excess: excess))
    }
}

/// A rule that judges the repository as a whole (governance). Each is one small type with
/// its descriptor — id, severity, description, options and examples — and its check.
public protocol RepositoryRule: Sendable {
    static var descriptor: RuleDescriptor { get }
    static func check(_ context: RuleContext) -> [LocatedDiagnostic]
}
