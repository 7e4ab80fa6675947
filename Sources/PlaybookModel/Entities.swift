import PlaybookYAML

/// The five kinds of playbook document.
public enum Kind: String, Sendable, Hashable, CaseIterable {
    case metric = "Metric"
    case squad = "Squad"
    case objective = "Objective"
    case hypothesis = "Hypothesis"
    case experiment = "Experiment"
}

/// A metric of the catalog. Fields the schema requires are optional here so that a
/// document with a missing field still yields an entity (and one finding, not a cascade).
public struct Metric: Sendable, Hashable, FieldValidity {
    public var id: Located<String>
    /// Where the document's mapping starts.
    public var documentMark = Mark(line: 1, column: 1)
    public var invalidFields: Set<String> = []
    public var name: String?
    public var description: String?
    public var event: String?
    public var unit: MetricUnit?
    public var direction: Direction?
    public var owner: Reference?
    public var northStar: Located<Bool>?

    public init(id: Located<String>) { self.id = id }
}

public struct Member: Sendable, Hashable {
    public var name: Located<String>?
    public var role: String?
    public var mark: Mark

    public init(mark: Mark) { self.mark = mark }
}

public struct Budget: Sendable, Hashable {
    public var quarterly: Located<Double>?
    public var currency: String?
    public var mark: Mark

    public init(mark: Mark) { self.mark = mark }
}

public struct Squad: Sendable, Hashable, FieldValidity {
    public var id: Located<String>
    /// Where the document's mapping starts.
    public var documentMark = Mark(line: 1, column: 1)
    public var invalidFields: Set<String> = []
    public var name: String?
    public var mission: String?
    public var funnelStage: FunnelStage?
    public var region: String?
    public var members: [Member] = []
    public var champion: Located<String>?
    public var budget: Budget?
    public var metrics: [Reference] = []

    public init(id: Located<String>) { self.id = id }
}

public struct KeyResult: Sendable, Hashable {
    public var id: Located<String>?
    public var title: String?
    public var metric: Reference?
    public var baseline: Located<Double>?
    public var target: Located<Double>?
    public var current: Located<Double>?
    public var confidence: Located<Double>?
    public var mark: Mark

    public init(mark: Mark) { self.mark = mark }
}

public struct Objective: Sendable, Hashable, FieldValidity {
    public var id: Located<String>
    /// Where the document's mapping starts.
    public var documentMark = Mark(line: 1, column: 1)
    public var invalidFields: Set<String> = []
    public var squad: Reference?
    public var quarter: Located<Quarter>?
    public var title: String?
    public var alignsTo: Reference?
    public var keyResults: [KeyResult] = []
    public var keyResultsMark: Mark?

    public init(id: Located<String>) { self.id = id }
}

/// "We believe that CHANGE for AUDIENCE will OUTCOME because RATIONALE."
public struct Statement: Sendable, Hashable {
    public var change: String?
    public var audience: String?
    public var outcome: String?
    public var rationale: String?
    public var mark: Mark

    public init(mark: Mark) { self.mark = mark }
}

/// Impact, confidence and ease, each meant to be 1–10.
public struct ICE: Sendable, Hashable {
    public var impact: Located<Int>?
    public var confidence: Located<Int>?
    public var ease: Located<Int>?
    public var mark: Mark

    public init(mark: Mark) { self.mark = mark }
}

public struct Hypothesis: Sendable, Hashable, FieldValidity {
    public var id: Located<String>
    /// Where the document's mapping starts.
    public var documentMark = Mark(line: 1, column: 1)
    public var invalidFields: Set<String> = []
    public var squad: Reference?
    public var title: String?
    public var statement: Statement?
    public var metric: Reference?
    public var expectedLift: Located<Double>?
    public var ice: ICE?
    public var status: Located<HypothesisStatus>?
    public var keyResult: Reference?
    /// Reviews, e.g. the growth council's acknowledgement of a duplicate (`overlaps: [HYP-…]`).
    public var approvals: [Approval] = []

    public init(id: Located<String>) { self.id = id }
}

public struct ExperimentMetrics: Sendable, Hashable {
    public var primary: Reference?
    public var guardrails: [Reference] = []
    public var mark: Mark

    public init(mark: Mark) { self.mark = mark }
}

public struct Audience: Sendable, Hashable {
    public var segment: String?
    public var regions: [String]?
    /// The platforms as written (absent: all); lint reports a name that is not a `Platform`.
    public var platforms: [String]?
    public var mark: Mark

    public init(mark: Mark) { self.mark = mark }
}

public struct Variant: Sendable, Hashable {
    public var id: String?
    public var allocation: Located<Double>?
    public var mark: Mark

    public init(mark: Mark) { self.mark = mark }
}

/// The power calculation behind an experiment.
public struct Design: Sendable, Hashable {
    public var mde: Located<Double>?
    public var power: Located<Double>?
    public var alpha: Located<Double>?
    public var sampleSize: Located<Int>?
    public var durationDays: Located<Int>?
    public var mark: Mark

    /// The longest `duration_days` the format accepts: 3,650 days (ten years). Longer is a typo (a
    /// sample size written as days, a stray digit), reported as schema-range and never drawn.
    public static let longestDuration = 3_650

    public init(mark: Mark) { self.mark = mark }
}

public struct ExperimentResult: Sendable, Hashable {
    public var outcome: Located<Outcome>?
    public var lift: Located<Double>?
    public var pValue: Located<Double>?
    public var decision: Located<Decision>?
    public var learnings: [String] = []
    public var mark: Mark

    public init(mark: Mark) { self.mark = mark }
}

public struct Approval: Sendable, Hashable {
    public var by: String?
    public var role: String?
    public var date: Located<Day>?
    public var note: String?
    public var overlaps: [Reference] = []
    public var mark: Mark

    public init(mark: Mark) { self.mark = mark }
}

public struct Experiment: Sendable, Hashable, FieldValidity {
    public var id: Located<String>
    /// Where the document's mapping starts.
    public var documentMark = Mark(line: 1, column: 1)
    public var invalidFields: Set<String> = []
    public var squad: Reference?
    public var title: String?
    public var hypothesis: Reference?
    public var keyResult: Reference?
    public var status: Located<ExperimentStatus>?
    public var metrics: ExperimentMetrics?
    public var surface: Located<String>?
    public var audience: Audience?
    public var exclusionGroup: String?
    public var variants: [Variant] = []
    public var variantsMark: Mark?
    public var design: Design?
    public var start: Located<Day>?
    public var end: Located<Day>?
    public var budget: Located<Double>?
    public var result: ExperimentResult?
    public var approvals: [Approval] = []

    public init(id: Located<String>) { self.id = id }

    /// When it is planned to end: `end`, else `start` plus `design.duration_days`. The one
    /// definition of a stale experiment (lint's experiment-stale, report experiments' stale list,
    /// the site's calendar): running after this day.
    public var plannedEnd: Day? {
        if let end { return end.value }
        guard let start, let days = design?.durationDays else { return nil }
        return start.value.adding(days: days.value)
    }

    /// How many days `today` is past the planned end (`plannedEnd`), when it is; nil on or before
    /// it or without a plan. Whether the experiment is still running is the caller's to know.
    public func daysOverdue(on today: Day) -> Int? {
        guard let planned = plannedEnd, planned < today else { return nil }
        return today.dayNumber - planned.dayNumber
    }
}

/// Knows which fields were written but could not be read, so a rule does not report
/// the same mistake again as a missing field.
public protocol FieldValidity {
    var invalidFields: Set<String> { get }
}

extension FieldValidity {
    /// True when `field`, or anything inside it, was present but invalid.
    public func isInvalid(_ field: String) -> Bool {
        invalidFields.contains(field) || invalidFields.contains { $0.hasPrefix(field + ".") }
    }
}

/// One decoded document. Indirect: each kind's value lives in one box, so a copy of an entity (a
/// `SourcedEntity` handed around, a `switch` reading its id) is one retain, not one per field.
public indirect enum Entity: Sendable, Hashable {
    case metric(Metric)
    case squad(Squad)
    case objective(Objective)
    case hypothesis(Hypothesis)
    case experiment(Experiment)

    public var kind: Kind {
        switch self {
        case .metric: .metric
        case .squad: .squad
        case .objective: .objective
        case .hypothesis: .hypothesis
        case .experiment: .experiment
        }
    }

    /// Fields written but unreadable (see `FieldValidity`).
    public var invalidFields: Set<String> {
        switch self {
        case .metric(let e): e.invalidFields
        case .squad(let e): e.invalidFields
        case .objective(let e): e.invalidFields
        case .hypothesis(let e): e.invalidFields
        case .experiment(let e): e.invalidFields
        }
    }

    public var id: Located<String> {
        switch self {
        case .metric(let e): e.id
        case .squad(let e): e.id
        case .objective(let e): e.id
        case .hypothesis(let e): e.id
        case .experiment(let e): e.id
        }
    }
}
