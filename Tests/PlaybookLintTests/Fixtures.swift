import PlaybookLint
import PlaybookModel

/// A small, clean repository: the metric catalog, two squads, an objective, a hypothesis and an experiment.
enum Fixture {
    static let metrics = """
    kind: Metric
    id: weekly-active-learners
    name: Weekly active learners
    unit: count
    direction: increase
    owner: activation-emea
    north_star: true
    ---
    kind: Metric
    id: d1-retention
    name: Day-1 retention
    unit: percent
    direction: increase
    owner: activation-emea
    ---
    kind: Metric
    id: refund-rate
    name: Refund rate
    unit: percent
    direction: decrease
    owner: checkout-emea
    """

    static let squads = """
    kind: Squad
    id: activation-emea
    name: Activation EMEA
    funnel_stage: activation
    region: emea
    members:
      - {name: Ana Ruiz, role: product manager}
      - {name: Tom Berg, role: engineer}
    champion: Ana Ruiz
    metrics: [weekly-active-learners, d1-retention]
    ---
    kind: Squad
    id: checkout-emea
    name: Checkout EMEA
    funnel_stage: revenue
    members:
      - {name: Lea Marx, role: analyst}
    champion: Lea Marx
    budget: {quarterly: 5000, currency: EUR}
    metrics: [refund-rate]
    """

    static let objective = """
    kind: Objective
    id: OKR-2026Q3-ACT-1
    squad: activation-emea
    quarter: 2026-Q3
    title: Make the first lesson stick
    aligns_to: weekly-active-learners
    key_results:
      - id: KR-1
        title: Day-1 retention from 31% to 36%
        metric: d1-retention
        baseline: 31
        target: 36
        current: 33
    """

    static let hypothesis = """
    kind: Hypothesis
    id: HYP-0001
    squad: activation-emea
    title: A shorter first lesson keeps more new learners
    statement:
      change: cut the first lesson from 12 to 5 minutes
      audience: new learners on mobile
      outcome: more of them come back the next day
      rationale: session recordings show drop-off after minute six
    metric: d1-retention
    expected_lift: 0.03
    ice: {impact: 7, confidence: 6, ease: 8}
    status: testing
    key_result: OKR-2026Q3-ACT-1/KR-1
    """

    static let experiment = """
    kind: Experiment
    id: EXP-0001
    squad: activation-emea
    title: Five-minute first lesson
    hypothesis: HYP-0001
    key_result: OKR-2026Q3-ACT-1/KR-1
    status: running
    metrics:
      primary: d1-retention
      guardrails: [refund-rate]
    surface: ios/onboarding/first-lesson
    design: {mde: 0.02, power: 0.8, alpha: 0.05, sample_size: 18000, duration_days: 14}
    start: 2026-11-02
    end: 2026-12-20
    """

    /// The clean repository as files, with any file replaced or added.
    static func files(replacing overrides: [String: String] = [:]) -> [SourceFile] {
        var contents = [
            "playbooks/metrics.yml": metrics,
            "playbooks/squads.yml": squads,
            "playbooks/okrs/activation.yml": objective,
            "playbooks/hypotheses/HYP-0001.yml": hypothesis,
            "playbooks/experiments/EXP-0001.yml": experiment,
        ]
        for (path, text) in overrides { contents[path] = text }
        return contents.keys.sorted().map { SourceFile(path: $0, bytes: Array(contents[$0, default: ""].utf8)) }
    }

    static func lint(replacing overrides: [String: String] = [:], configuration: Configuration = Configuration()) -> LintReport {
        Linter(configuration: configuration, today: Day(year: 2026, month: 11, day: 23)).lint(files(replacing: overrides))
    }
}
