/// The small repository every rule example is added to (as `playbooks/zz-example.yml`),
/// so examples can name real squads, metrics, objectives and hypotheses. It lints clean
/// on the examples' `today`.
public enum ExampleBase {
    public static let today = "2026-11-23"
    public static let examplePath = "playbooks/zz-example.yml"

    public static let files: [(path: String, text: String)] = [
        ("playbooks/metrics.yml", """
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
        ---
        kind: Metric
        id: net-revenue
        name: Net revenue
        unit: currency
        direction: increase
        owner: checkout-emea
        """),
        ("playbooks/squads.yml", """
        kind: Squad
        id: activation-emea
        name: Activation EMEA
        funnel_stage: activation
        region: emea
        members: [{name: Ana Ruiz, role: product manager}, {name: Tom Berg, role: engineer}]
        champion: Ana Ruiz
        budget: {quarterly: 5000, currency: EUR}
        metrics: [weekly-active-learners, d1-retention]
        ---
        kind: Squad
        id: checkout-emea
        name: Checkout EMEA
        funnel_stage: revenue
        region: emea
        members: [{name: Lea Marx, role: analyst}]
        champion: Lea Marx
        budget: {quarterly: 8000, currency: EUR}
        metrics: [refund-rate, net-revenue]
        """),
        ("playbooks/okrs.yml", """
        kind: Objective
        id: OKR-2026Q4-ACT-1
        squad: activation-emea
        quarter: 2026-Q4
        title: Make the first lesson stick
        aligns_to: weekly-active-learners
        key_results:
          - {id: KR-1, title: Day-1 retention from 31% to 36%, metric: d1-retention, baseline: 31, target: 36, current: 33}
        """),
        ("playbooks/work.yml", """
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
        key_result: OKR-2026Q4-ACT-1/KR-1
        ---
        kind: Experiment
        id: EXP-0001
        squad: activation-emea
        title: Five-minute first lesson
        hypothesis: HYP-0001
        key_result: OKR-2026Q4-ACT-1/KR-1
        status: running
        metrics: {primary: d1-retention}
        surface: ios/onboarding/first-lesson
        variants: [{id: control, allocation: 50}, {id: short, allocation: 50}]
        design: {mde: 0.02, power: 0.8, alpha: 0.05, sample_size: 18000}
        start: 2026-11-02
        end: 2026-12-14
        budget: 1000
        """),
    ]
}
