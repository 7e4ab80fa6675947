import PlaybookModel

private func exampleHypothesis(_ status: String = "backlog", ice: String = "{impact: 6, confidence: 5, ease: 7}", lift: String? = "0.02") -> String {
    """
    kind: Hypothesis
    id: HYP-0002
    squad: activation-emea
    title: A streak freeze keeps learners through a missed day
    statement:
      change: offer one free streak freeze a week
      audience: learners with a streak of 5+ days
      outcome: fewer of them lapse after a missed day
      rationale: half of lapsed streaks end on a single missed day
    metric: d1-retention
    \(lift.map { "expected_lift: \($0)\n" } ?? "")ice: \(ice)
    status: \(status)
    """
}

/// ICE scores are 1–10.
enum ICERange: RepositoryRule {
    static let descriptor = RuleDescriptor(
        id: "ice-range", severity: .error,
        summary: "An ICE score (impact, confidence, ease) is outside 1–10.",
        details: "ICE ranks ideas across squads only if every squad scores on the same 1–10 scale.",
        triggering: [exampleHypothesis(ice: "{impact: ↓11, confidence: 5, ease: ↓0}")],
        passing: [exampleHypothesis(ice: "{impact: 10, confidence: 1, ease: 5}")]
    )

    static func check(_ context: RuleContext) -> [LocatedDiagnostic] {
        var out: [LocatedDiagnostic] = []
        context.forEach(\.hypotheses) { hypothesis, file in
            guard let ice = hypothesis.ice else { return }
            for (name, score) in [("impact", ice.impact), ("confidence", ice.confidence), ("ease", ice.ease)] {
                guard let score, !(1...10).contains(score.value) else { continue }
                out.append(context.finding(
                    file, score.mark, "ICE \(name) of \(hypothesis.id.value) is \(score.value); scores run from 1 to 10",
                    entity: hypothesis.id.value))
            }
        }
        return out
    }
}

/// A hypothesis being tested has an experiment testing it.
enum TestingHasExperiment: RepositoryRule {
    static let descriptor = RuleDescriptor(
        id: "hypothesis-untested", severity: .error,
        summary: "A hypothesis is `testing` but no experiment names it.",
        details: "`testing` means an experiment is under way or planned; without one the status hides an idea nobody is testing. Not said while a file with an error of its own (a misspelt key, no kind, YAML lint could not read) holds the hypothesis's id: the experiment naming it may be there; nor while an experiment of the hypothesis's squad names a hypothesis that does not exist: it may be meant to name this one.",
        triggering: [exampleHypothesis("↓testing")],
        passing: [exampleHypothesis("backlog")]
    )

    static func check(_ context: RuleContext) -> [LocatedDiagnostic] {
        let tested = Set(context.compactMap(\.experiments) { experiment, _ in experiment.hypothesis?.value })
        // Squads with an experiment whose `hypothesis` names none (its own error): it may be meant to test
        // any hypothesis of its squad, so none of them is called untested.
        let unsure = Set(context.compactMap(\.experiments) { experiment, _ -> String? in
            guard let squad = experiment.squad?.value, let named = experiment.hypothesis?.value,
                  !context.index.defines(named, as: .hypothesis) else { return nil }
            return squad
        })
        return context.compactMap(\.hypotheses) { hypothesis, file in
            guard let status = hypothesis.status, status.value == .testing, !tested.contains(hypothesis.id.value),
                  // An experiment that names it may be in a file with an error of its own, or name it wrongly.
                  !context.unread.mayName(hypothesis.id.value),
                  !(hypothesis.squad.map { unsure.contains($0.value) } ?? false) else { return nil }
            return context.finding(
                file, status.mark, "\(hypothesis.id.value) is testing, but no experiment names it as its hypothesis: write one (`playbook new experiment --hypothesis \(hypothesis.id.value)`) or set its status back",
                entity: hypothesis.id.value)
        }
    }
}

/// A lift is a fraction: `expected_lift: 6` or `lift: 7.1` is most likely 6% or 7.1% written as a percent.
enum LiftScale: RepositoryRule {
    static let descriptor = RuleDescriptor(
        id: "lift-scale", severity: .warning,
        summary: "A lift (a hypothesis's `expected_lift`, an experiment's `result.lift`) is beyond ±1, a change of more than 100%: most likely a percent written where a fraction belongs.",
        details: "Lifts are fractions (0.06 is +6%), so `6` reads as +600% and skews every sizing and win rate built on it. A real lift that large can keep its value with a `# playbook-disable-line lift-scale` comment.",
        triggering: [exampleHypothesis(lift: "↓6")],
        passing: [exampleHypothesis(lift: "0.06"), exampleHypothesis(lift: "-0.4")]
    )

    static func check(_ context: RuleContext) -> [LocatedDiagnostic] {
        let hypotheses = context.compactMap(\.hypotheses) { hypothesis, file -> LocatedDiagnostic? in
            guard let lift = hypothesis.expectedLift, abs(lift.value) > 1, lift.value.isFinite else { return nil }
            return context.finding(file, lift.mark, "\(hypothesis.id.value) expects a lift of \(words(lift.value))", entity: hypothesis.id.value)
        }
        let experiments = context.compactMap(\.experiments) { experiment, file -> LocatedDiagnostic? in
            guard let lift = experiment.result?.lift, abs(lift.value) > 1, lift.value.isFinite else { return nil }
            return context.finding(file, lift.mark, "\(experiment.id.value) records a lift of \(words(lift.value))", entity: experiment.id.value)
        }
        return hypotheses + experiments
    }

    /// "6, that is +600%; a lift is a fraction: for 6% write 0.06".
    private static func words(_ value: Double) -> String {
        // To a millionth first: 7.1 × 100 is 710.0000000000001 in binary.
        func plain(_ x: Double) -> String { format((x * 1_000_000).rounded() / 1_000_000) }
        let percent = value * 100
        return "\(plain(value)), that is \(percent > 0 ? "+" : "")\(plain(percent))%; a lift is a fraction: for \(plain(value))% write \(plain(value / 100))"
    }
}

/// A hypothesis names a measurable outcome: its metric and the lift expected.
enum ExpectedLift: RepositoryRule {
    static let descriptor = RuleDescriptor(
        id: "hypothesis-expected-lift", severity: .warning,
        summary: "A hypothesis does not say how much it expects its metric to move (`expected_lift`).",
        details: "A measurable outcome is a metric and an expected lift; without the lift, no experiment can be sized for it.",
        triggering: [exampleHypothesis(lift: nil).replacing("kind: Hypothesis", with: "↓kind: Hypothesis")],
        passing: [exampleHypothesis(lift: "0.015")]
    )

    static func check(_ context: RuleContext) -> [LocatedDiagnostic] {
        context.compactMap(\.hypotheses) { hypothesis, file in
            guard hypothesis.expectedLift == nil, !hypothesis.isInvalid("expected_lift"), hypothesis.status?.value != .parked else { return nil }
            return context.finding(
                file, hypothesis.documentMark,
                "\(hypothesis.id.value) names no `expected_lift`: say how much \(hypothesis.metric?.value ?? "its metric") should move (0.02 = 2%)",
                entity: hypothesis.id.value)
        }
    }
}
