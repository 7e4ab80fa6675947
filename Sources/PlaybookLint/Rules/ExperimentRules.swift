import PlaybookModel

/// A running experiment from the example base, changed to show one rule.
func exampleExperiment(_ changes: [String: String], dropping: Set<String> = [], adding: String = "") -> String {
    var fields: [(String, String)] = [
        ("kind", "Experiment"), ("id", "EXP-0002"), ("squad", "activation-emea"), ("title", "Streak reminder at 7pm"),
        ("hypothesis", "HYP-0001"), ("status", "running"), ("metrics", "{primary: d1-retention}"),
        ("surface", "ios/notifications/streak"),
        ("variants", "[{id: control, allocation: 50}, {id: reminder, allocation: 50}]"),
        ("design", "{mde: 0.02, power: 0.8, alpha: 0.05, sample_size: 12000}"),
        ("start", "2026-11-02"), ("end", "2026-12-14"), ("budget", "500"),
    ]
    fields = fields.filter { !dropping.contains($0.0) }.map { ($0.0, changes[$0.0] ?? $0.1) }
    return fields.map { "\($0.0): \($0.1)" }.joined(separator: "\n") + (adding.isEmpty ? "" : "\n" + adding)
}

/// A hypothesis of the checkout squad that predicts net revenue, for the examples of its experiments (written after
/// them, as a document of its own, when an example names it).
let checkoutHypothesis = """
    kind: Hypothesis
    id: HYP-0010
    squad: checkout-emea
    title: The annual plan's monthly price sells more annual plans
    statement:
      change: show the annual plan's price per month beside its yearly price
      audience: visitors of the pricing page
      outcome: more of them buy the annual plan
      rationale: buyers in interviews compared the yearly price with the monthly plan's
    metric: net-revenue
    expected_lift: 0.02
    ice: {impact: 6, confidence: 5, ease: 8}
    status: testing
    """

/// Variants split the whole audience.
enum VariantAllocation: RepositoryRule {
    static let descriptor = RuleDescriptor(
        id: "experiment-allocation", severity: .error,
        summary: "An experiment's variant allocations do not add up to 100 percent.",
        details: "Allocations are percentages of the experiment's audience; a split that does not total 100 leaves traffic unassigned or double-counted.",
        triggering: [exampleExperiment(["variants": "↓[{id: control, allocation: 50}, {id: reminder, allocation: 40}]"])],
        passing: [exampleExperiment(["variants": "[{id: control, allocation: 34}, {id: a, allocation: 33}, {id: b, allocation: 33}]"])]
    )

    static func check(_ context: RuleContext) -> [LocatedDiagnostic] {
        context.compactMap(\.experiments) { experiment, file in
            let allocations = experiment.variants.compactMap { $0.allocation?.value }
            guard !experiment.variants.isEmpty, allocations.count == experiment.variants.count else { return nil }
            let total = allocations.reduce(0, +)
            guard abs(total - 100) > 1e-9 else { return nil }
            return context.finding(
                file, experiment.variantsMark ?? experiment.id.mark,
                "the variants of \(experiment.id.value) are allocated \(format(total))% in all; allocations must add up to 100",
                entity: experiment.id.value)
        }
    }
}

/// A launched experiment has a power calculation.
enum PowerCalculation: RepositoryRule {
    static let descriptor = RuleDescriptor(
        id: "experiment-power", severity: .error,
        summary: "A launched (running, paused, analyzing or concluded) experiment has no complete power calculation.",
        details: "Without a minimum detectable effect, power, alpha and a sample size (or duration) fixed before launch, nobody can tell a flat result from an underpowered test.",
        triggering: [
            exampleExperiment(["status": "↓running"], dropping: ["design"]),
            exampleExperiment(["status": "↓paused"], dropping: ["design"]),
            exampleExperiment(["design": "↓{mde: 0.02, power: 0.8, alpha: 0.05}"]),
        ],
        passing: [
            exampleExperiment(["status": "draft"], dropping: ["design"]),
            exampleExperiment(["design": "{mde: 0.02, power: 0.8, alpha: 0.05, duration_days: 21}"]),
        ]
    )

    static func check(_ context: RuleContext) -> [LocatedDiagnostic] {
        context.compactMap(\.experiments) { experiment, file in
            guard let located = experiment.status, located.value.hasLaunched, !experiment.isInvalid("design") else { return nil }
            let status = located.value
            guard let design = experiment.design else {
                return context.finding(
                    file, located.mark,
                    "\(experiment.id.value) is \(status.rawValue) but has no `design`: add the power calculation (mde, power, alpha, and sample_size or duration_days)",
                    entity: experiment.id.value)
            }
            var missing: [String] = []
            if design.mde == nil { missing.append("mde") }
            if design.power == nil { missing.append("power") }
            if design.alpha == nil { missing.append("alpha") }
            if design.sampleSize == nil && design.durationDays == nil { missing.append("sample_size or duration_days") }
            guard !missing.isEmpty else { return nil }
            return context.finding(
                file, design.mark,
                "the power calculation of \(status.rawValue) experiment \(experiment.id.value) lacks \(missing.joined(separator: ", "))",
                entity: experiment.id.value)
        }
    }
}

/// Dates that the status needs, in order.
enum ExperimentDates: RepositoryRule {
    static let descriptor = RuleDescriptor(
        id: "experiment-dates", severity: .error,
        summary: "A running experiment has no `start`, a concluded one no `end`, or `end` is before `start`.",
        details: "Start and end dates are how reports measure cycle time and how collisions are found.",
        triggering: [
            exampleExperiment(["status": "↓running"], dropping: ["start"]),
            exampleExperiment(["status": "analyzing", "end": "↓2026-10-30"]),
            exampleExperiment(["status": "↓concluded"], dropping: ["end"], adding: "result: {outcome: flat, decision: kill, learnings: Reminders at 7pm did not move retention.}"),
        ],
        passing: [exampleExperiment(["status": "draft"], dropping: ["start", "end"])]
    )

    static func check(_ context: RuleContext) -> [LocatedDiagnostic] {
        var out: [LocatedDiagnostic] = []
        context.forEach(\.experiments) { experiment, file in
            let id = experiment.id.value
            if let status = experiment.status {
                if status.value == .running, experiment.start == nil, !experiment.isInvalid("start") {
                    out.append(context.finding(file, status.mark, "\(id) is running but has no `start` date", entity: id))
                }
                if status.value == .concluded {
                    if experiment.start == nil, !experiment.isInvalid("start") {
                        out.append(context.finding(file, status.mark, "\(id) is concluded but has no `start` date", entity: id))
                    }
                    if experiment.end == nil, !experiment.isInvalid("end") {
                        out.append(context.finding(file, status.mark, "\(id) is concluded but has no `end` date", entity: id))
                    }
                }
            }
            if let start = experiment.start, let end = experiment.end, end.value < start.value {
                out.append(context.finding(file, end.mark, "\(id) ends on \(end.value), before it starts on \(start.value)", entity: id))
            }
        }
        return out
    }
}

/// A running experiment past its planned end is forgotten, or its analysis is late.
enum StaleExperiment: RepositoryRule {
    static let descriptor = RuleDescriptor(
        id: "experiment-stale", severity: .warning,
        summary: "A running experiment is past its planned `end`, or without `end` past `start` plus `design.duration_days` (relative to today, or `--today`).",
        details: "An experiment left running past its planned end keeps traffic from other tests and delays its decision; conclude it, or move its end date with a reason.",
        triggering: [exampleExperiment(["end": "↓2026-11-20"])],
        passing: [exampleExperiment(["status": "analyzing", "end": "2026-11-20"])]
    )

    static func check(_ context: RuleContext) -> [LocatedDiagnostic] {
        context.compactMap(\.experiments) { experiment, file in
            guard experiment.status?.value == .running, experiment.daysOverdue(on: context.today) != nil,
                  let planned = experiment.plannedEnd else { return nil }
            if let end = experiment.end {
                return context.finding(
                    file, end.mark,
                    "\(experiment.id.value) is still running after its planned end \(end.value) (today is \(context.today)); conclude it or move `end`",
                    entity: experiment.id.value)
            }
            // No `end`: planned to end `design.duration_days` after `start`, as the reports count it.
            let days = experiment.design?.durationDays
            return context.finding(
                file, days?.mark ?? experiment.start?.mark ?? experiment.documentMark,
                "\(experiment.id.value) is still running after its planned end \(planned) (start \(experiment.start?.value.description ?? "?") "
                    + "plus \(days?.value ?? 0) days of `design.duration_days`; today is \(context.today)); conclude it or set `end`",
                entity: experiment.id.value)
        }
    }
}

/// A concluded experiment records what happened and what was learnt.
enum ConcludedResult: RepositoryRule {
    static let descriptor = RuleDescriptor(
        id: "experiment-result", severity: .error,
        summary: "A concluded experiment lacks `result.outcome`, `result.decision` or non-empty `result.learnings`.",
        details: "Learnings that stay in one squad's head are the costliest waste of a decentralised growth team; concluding means writing them down.",
        triggering: [
            exampleExperiment(["status": "↓concluded", "end": "2026-11-16"]),
            exampleExperiment(["status": "concluded", "end": "2026-11-16"], adding: "result: ↓{outcome: win, decision: ship, learnings: \"\"}"),
        ],
        passing: [exampleExperiment(["status": "concluded", "end": "2026-11-16"],
                                    adding: "result: {outcome: win, lift: 0.021, decision: ship, learnings: Evening reminders bring back lapsed streaks.}")]
    )

    /// What each missing part of a result is, for the message.
    static let advice = [
        "outcome": "its outcome (win, loss, flat or inconclusive)",
        "decision": "the decision taken (ship, iterate or kill)",
        "learnings": "what was learnt",
    ]

    static func check(_ context: RuleContext) -> [LocatedDiagnostic] {
        context.compactMap(\.experiments) { experiment, file in
            guard let status = experiment.status, status.value == .concluded, !experiment.isInvalid("result") || experiment.result != nil else { return nil }
            guard let result = experiment.result else {
                return context.finding(file, status.mark, "\(experiment.id.value) is concluded but has no `result` (outcome, decision, learnings)", entity: experiment.id.value)
            }
            var missing: [String] = []
            if result.outcome == nil, !experiment.isInvalid("result.outcome") { missing.append("outcome") }
            if result.decision == nil, !experiment.isInvalid("result.decision") { missing.append("decision") }
            if !result.learnings.contains(where: { !$0.isBlank }), !experiment.isInvalid("result.learnings") {
                missing.append("learnings")
            }
            guard !missing.isEmpty else { return nil }
            return context.finding(
                file, result.mark,
                "the result of concluded experiment \(experiment.id.value) lacks \(missing.joined(separator: ", ")); "
                    + (missing == ["learnings"] ? "write down what was learnt so other squads can use it"
                        : "record " + missing.map { advice[$0] ?? $0 }.joined(separator: ", ") + " so other squads can use it"),
                entity: experiment.id.value)
        }
    }
}

/// Revenue experiments watch what they could break.
enum RevenueGuardrails: RepositoryRule {
    static let descriptor = RuleDescriptor(
        id: "experiment-guardrails", severity: .error,
        summary: "An experiment on revenue has no guardrail metric.",
        details: "An experiment is on revenue when its squad's funnel stage is `revenue`, its primary metric's unit is `currency`, or its surface names pricing, checkout, billing or payment; such tests can win on the primary metric while hurting refunds or churn, so they name guardrails.",
        triggering: [
            exampleExperiment(["surface": "web/checkout/annual-plan"]).replacing("metrics: {primary", with: "metrics: ↓{primary"),
            exampleExperiment(["squad": "checkout-emea", "hypothesis": "HYP-0010", "metrics": "↓{primary: net-revenue, guardrails: []}"],
                              adding: "---\n" + checkoutHypothesis),
        ],
        passing: [exampleExperiment(["surface": "web/pricing-page", "metrics": "{primary: d1-retention, guardrails: [refund-rate]}"])]
    )

    static let revenueWords = ["pricing", "checkout", "billing", "payment"]

    static func check(_ context: RuleContext) -> [LocatedDiagnostic] {
        context.compactMap(\.experiments) { experiment, file in
            guard let metrics = experiment.metrics, metrics.guardrails.isEmpty else { return nil }
            var reasons: [String] = []
            if context.squad(experiment.squad?.value)?.funnelStage == .revenue { reasons.append("its squad works on revenue") }
            if context.metric(metrics.primary?.value)?.unit == .currency { reasons.append("its primary metric is money") }
            if let surface = experiment.surface?.value.lowercased(), let word = revenueWords.first(where: { surface.contains($0) }) {
                reasons.append("its surface is \(word)")
            }
            guard !reasons.isEmpty else { return nil }
            return context.finding(
                file, metrics.mark,
                "\(experiment.id.value) touches revenue (\(reasons.joined(separator: ", "))) but names no guardrail metric; add `metrics.guardrails` such as refunds or churn",
                entity: experiment.id.value)
        }
    }
}

/// A concluded result whose lift contradicts its outcome: a positive `lift` moves the primary
/// metric in its `direction` (so it is good news whichever way the metric should go).
enum OutcomeLift: RepositoryRule {
    static let descriptor = RuleDescriptor(
        id: "experiment-outcome-lift", severity: .warning,
        summary: "An experiment's `result.outcome` is `win` but its `lift` is negative, or `loss` but its `lift` is positive.",
        details: "A positive lift moves the primary metric in its `direction`: for a metric that should decrease (churn, refunds), a fall of 3% is `lift: 0.03`. A win whose lift goes the wrong way (or a loss whose lift goes the right way) is a sign slip or a wrong outcome, and it skews every win rate and learning built on it.",
        triggering: [
            exampleExperiment(["status": "concluded", "end": "2026-11-16"],
                              adding: "result: {outcome: win, lift: ↓-0.021, decision: ship, learnings: Evening reminders bring back lapsed streaks.}"),
            exampleExperiment(["status": "concluded", "end": "2026-11-16"],
                              adding: "result: {outcome: loss, lift: ↓0.015, decision: kill, learnings: Evening reminders annoy learners.}"),
        ],
        passing: [
            exampleExperiment(["status": "concluded", "end": "2026-11-16"],
                              adding: "result: {outcome: win, lift: 0.021, decision: ship, learnings: Evening reminders bring back lapsed streaks.}"),
            exampleExperiment(["status": "concluded", "end": "2026-11-16"],
                              adding: "result: {outcome: loss, lift: -0.015, decision: kill, learnings: Evening reminders annoy learners.}"),
        ]
    )

    static func check(_ context: RuleContext) -> [LocatedDiagnostic] {
        context.compactMap(\.experiments) { experiment, file in
            guard let result = experiment.result, let outcome = result.outcome?.value, let lift = result.lift, lift.value.isFinite else { return nil }
            let wrongWay: Bool
            switch outcome {
            case .win: wrongWay = lift.value < 0
            case .loss: wrongWay = lift.value > 0
            case .flat, .inconclusive: wrongWay = false
            }
            guard wrongWay else { return nil }
            let primary = experiment.metrics?.primary?.value
            let direction = context.metric(primary)?.direction.map { " (\($0.rawValue))" } ?? ""
            let moves = "moves \(primary ?? "its primary metric") \(lift.value < 0 ? "against" : "in") its direction\(direction)"
            return context.finding(
                file, lift.mark,
                "\(experiment.id.value) is a \(outcome.rawValue) but its lift \(format(lift.value)) \(moves); "
                    + "a positive lift moves the metric in its direction, so correct the lift's sign or the outcome",
                entity: experiment.id.value)
        }
    }
}

/// An experiment measures what its hypothesis predicts: a hypothesis names the metric its change should move,
/// and an experiment whose primary metric is another cannot confirm or refute it.
enum ExperimentMetricMismatch: RepositoryRule {
    static let descriptor = RuleDescriptor(
        id: "experiment-metric-mismatch", severity: .warning,
        summary: "An experiment's `metrics.primary` is not the `metric` of the hypothesis it names, so it does not test that hypothesis's prediction.",
        details: "A hypothesis predicts a move in one metric; an experiment decided on another metric leaves the prediction untested however it ends, and its result is filed against the wrong idea. Measure the hypothesis's metric as the primary one (the other can stay as a guardrail), or point `hypothesis` at the hypothesis the experiment does test. Said only when both metrics are in the catalog (an unknown one is `reference-unresolved`). Once the experiment has launched, changing its primary metric or hypothesis is `history-locked-field` in review: if it stays as it is, suppress this with a comment that says why.",
        triggering: [exampleExperiment(["metrics": "{primary: ↓weekly-active-learners}"])],
        passing: [
            exampleExperiment(["metrics": "{primary: d1-retention, guardrails: [weekly-active-learners]}"]),
            exampleExperiment(["squad": "checkout-emea", "hypothesis": "HYP-0010", "metrics": "{primary: net-revenue, guardrails: [refund-rate]}"],
                              adding: "---\n" + checkoutHypothesis),
        ]
    )

    static func check(_ context: RuleContext) -> [LocatedDiagnostic] {
        context.compactMap(\.experiments) { experiment, file in
            guard let primary = experiment.metrics?.primary, let named = experiment.hypothesis?.value,
                  let placed = context.index[named], case .hypothesis(let hypothesis) = placed.entity,
                  let predicted = hypothesis.metric, predicted.value != primary.value,
                  context.metric(primary.value) != nil, context.metric(predicted.value) != nil else { return nil }
            let id = experiment.id.value
            var message = "\(id)'s primary metric is \(primary.value), but its hypothesis \(named) (\(placed.file):\(predicted.mark.line)) "
                + "predicts a change in \(predicted.value), so \(id) does not test that prediction; measure \(predicted.value) as the primary metric "
                + "(\(primary.value) can stay as a guardrail), or point `hypothesis` at the hypothesis \(id) tests"
            if experiment.status?.value.hasLaunched ?? false {
                message += " (it has launched: changing either now is history-locked-field in review; if it stays, suppress this with a comment saying why)"
            }
            return context.finding(file, primary.mark, message, entity: id, related: [named])
        }
    }
}
