import PlaybookModel

/// Focus: few key results per objective.
enum KeyResultsPerObjective: RepositoryRule {
    static let descriptor = RuleDescriptor(
        id: "okr-key-results", severity: .error,
        summary: "An objective has more key results than the limit (default 4).",
        details: "Three to four key results keep an objective focused; more dilute a squad's attention.",
        options: [RuleOption("max", 4, "most key results one objective may have")],
        triggering: ["""
        kind: Objective
        id: OKR-2026Q4-ACT-2
        squad: activation-emea
        quarter: 2026-Q4
        title: Make the first week a habit
        aligns_to: weekly-active-learners
        key_results:
          - {id: KR-1, title: Day-1 retention to 36%, metric: d1-retention, baseline: 31, target: 36}
          - {id: KR-2, title: Day-1 retention to 37%, metric: d1-retention, baseline: 31, target: 37}
          - {id: KR-3, title: Day-1 retention to 38%, metric: d1-retention, baseline: 31, target: 38}
          - {id: KR-4, title: Day-1 retention to 39%, metric: d1-retention, baseline: 31, target: 39}
          - ↓{id: KR-5, title: Day-1 retention to 40%, metric: d1-retention, baseline: 31, target: 40}
        """],
        passing: ["""
        kind: Objective
        id: OKR-2026Q4-ACT-2
        squad: activation-emea
        quarter: 2026-Q4
        title: Make the first week a habit
        aligns_to: weekly-active-learners
        key_results:
          - {id: KR-1, title: Day-1 retention to 36%, metric: d1-retention, baseline: 31, target: 36}
        """]
    )

    static func check(_ context: RuleContext) -> [LocatedDiagnostic] {
        let limit = Int(context.option("max"))
        return context.compactMap(\.objectives) { objective, file in
            guard objective.keyResults.count > limit else { return nil }
            return context.finding(
                file, objective.keyResults[limit].mark,
                "objective \(objective.id.value) has \(objective.keyResults.count) key results; keep at most \(limit) so the squad stays focused",
                entity: objective.id.value, amount: Double(objective.keyResults.count), excess: Double(objective.keyResults.count - limit))
        }
    }
}

/// Focus: few objectives per squad and quarter.
enum ObjectivesPerSquad: RepositoryRule {
    static let descriptor = RuleDescriptor(
        id: "okr-objectives-per-squad", severity: .error,
        summary: "A squad has more objectives in one quarter than the limit (default 3).",
        details: "A squad that owns many objectives in a quarter owns none of them; the limit keeps OKRs a choice.",
        options: [RuleOption("max", 3, "most objectives one squad may have in a quarter")],
        triggering: [(2...4).map { n in """
        kind: Objective
        id: \(n == 4 ? "↓" : "")OKR-2026Q4-ACT-\(n)
        squad: activation-emea
        quarter: 2026-Q4
        title: Objective number \(n)
        aligns_to: weekly-active-learners
        key_results:
          - {id: KR-1, title: Day-1 retention up, metric: d1-retention, baseline: 31, target: 3\(n)}
        """ }.joined(separator: "\n---\n")],
        passing: ["""
        kind: Objective
        id: OKR-2026Q3-ACT-9
        squad: activation-emea
        quarter: 2026-Q3
        title: Last quarter's objective does not count toward this one
        aligns_to: weekly-active-learners
        key_results:
          - {id: KR-1, title: Day-1 retention up, metric: d1-retention, baseline: 30, target: 31}
        """]
    )

    static func check(_ context: RuleContext) -> [LocatedDiagnostic] {
        let limit = Int(context.option("max"))
        var seen: [String: Int] = [:]
        var out: [(key: String, finding: LocatedDiagnostic)] = []
        context.forEach(\.objectives) { objective, file in
            guard let squad = objective.squad?.value, let quarter = objective.quarter?.value else { return }
            let key = "\(squad) \(quarter)"
            seen[key, default: 0] += 1
            if seen[key] == limit + 1 {
                out.append((key, context.finding(
                    file, objective.id.mark,
                    "squad \(squad) has more than \(limit) objectives in \(quarter); merge or drop some so each gets real attention",
                    entity: objective.id.value)))
            }
        }
        // The squad's count in the quarter, known once every objective is seen.
        return out.map { key, finding in
            var finding = finding
            finding.diagnostic.amount = Double(seen[key] ?? 0)
            return finding
        }
    }
}

/// A key result is a measurable change of a metric in its direction.
enum MeasurableKeyResult: RepositoryRule {
    static let descriptor = RuleDescriptor(
        id: "kr-measurable", severity: .error,
        summary: "A key result's target equals its baseline, or moves against its metric's direction.",
        details: "A key result measures progress on a metric: it needs a baseline and a different target, and for an `increase` metric the target must be higher (lower for `decrease`).",
        triggering: ["""
        kind: Objective
        id: OKR-2026Q4-ACT-2
        squad: activation-emea
        quarter: 2026-Q4
        title: Keep day-1 retention
        aligns_to: weekly-active-learners
        key_results:
          - {id: KR-1, title: Hold day-1 retention, metric: d1-retention, baseline: 31, target: ↓31}
          - {id: KR-2, title: Fewer refunds, metric: refund-rate, baseline: 4, target: ↓5}
        """],
        passing: ["""
        kind: Objective
        id: OKR-2026Q4-ACT-2
        squad: activation-emea
        quarter: 2026-Q4
        title: Fewer refunds
        aligns_to: weekly-active-learners
        key_results:
          - {id: KR-1, title: Refund rate down to 3%, metric: refund-rate, baseline: 4, target: 3}
        """]
    )

    static func check(_ context: RuleContext) -> [LocatedDiagnostic] {
        var out: [LocatedDiagnostic] = []
        context.forEach(\.objectives) { objective, file in
            for kr in objective.keyResults {
                guard let baseline = kr.baseline?.value, let target = kr.target else { continue }
                let name = "\(objective.id.value)/\(kr.id?.value ?? "key result")"
                if target.value == baseline {
                    out.append(context.finding(file, target.mark, "key result \(name) has target equal to its baseline (\(format(baseline))): it cannot measure progress", entity: objective.id.value))
                    continue
                }
                guard let metric = context.metric(kr.metric?.value), let direction = metric.direction else { continue }
                let wrongWay = direction == .increase ? target.value < baseline : target.value > baseline
                if wrongWay {
                    out.append(context.finding(
                        file, target.mark,
                        "key result \(name) aims to \(direction == .increase ? "lower" : "raise") \(metric.id.value) from \(format(baseline)) to \(format(target.value)), but that metric's direction is \(direction.rawValue)",
                        entity: objective.id.value, related: [metric.id.value]))
                }
            }
        }
        return out
    }
}

/// A percent metric's key-result values are percentage points: `baseline: 0.22, target: 0.28` is most
/// likely 22% → 28% written as fractions, and every report would show 0.22% → 0.28%.
enum PercentScale: RepositoryRule {
    static let descriptor = RuleDescriptor(
        id: "percent-scale", severity: .warning,
        summary: "A key result of a `percent` metric has its baseline, target and current all between 0 and 1: most likely shares written as fractions where percentage points belong.",
        details: "A percent metric's key-result values are percentage points (`baseline: 31` is 31%), so `baseline: 0.31, target: 0.36` shows as 0.31% → 0.36% in every report. A key result that really moves within one percentage point can keep its values with a `# playbook-disable-line percent-scale` comment.",
        triggering: [keyResult("↓{id: KR-1, title: Day-1 retention from 31% to 36%, metric: d1-retention, baseline: 0.31, target: 0.36, current: 0.33}")],
        passing: [
            keyResult("{id: KR-1, title: Day-1 retention from 31% to 36%, metric: d1-retention, baseline: 31, target: 36, current: 33}"),
            keyResult("{id: KR-1, title: Refund rate from 1.2% to 0.6%, metric: refund-rate, baseline: 1.2, target: 0.6, current: 0.9}"),
            keyResult("{id: KR-1, title: Learners from 0.2 to 0.5 million, metric: weekly-active-learners, baseline: 0.2, target: 0.5}"),
        ]
    )

    private static func keyResult(_ line: String) -> String {
        """
        kind: Objective
        id: OKR-2026Q4-ACT-2
        squad: activation-emea
        quarter: 2026-Q4
        title: Make the first week a habit
        aligns_to: weekly-active-learners
        key_results:
          - \(line)
        """
    }

    static func check(_ context: RuleContext) -> [LocatedDiagnostic] {
        var out: [LocatedDiagnostic] = []
        context.forEach(\.objectives) { objective, file in
            for kr in objective.keyResults {
                guard let metric = context.metric(kr.metric?.value), metric.unit == .percent else { continue }
                let values = [("baseline", kr.baseline), ("target", kr.target), ("current", kr.current)]
                    .compactMap { name, value in value.map { (name, $0.value) } }
                // Between 0 and 1, not all 0: a value of 1 or more is points already.
                guard !values.isEmpty, values.allSatisfy({ (0..<1).contains($0.1) }), values.contains(where: { $0.1 > 0 }) else { continue }
                let name = "\(objective.id.value)/\(kr.id?.value ?? "key result")"
                let shown = values.map { "\($0.0) \(format($0.1))%" }.joined(separator: ", ")
                let meant = values.map { "\($0.0): \(points($0.1))" }.joined(separator: ", ")
                out.append(context.finding(
                    file, kr.mark,
                    "key result \(name) measures \(metric.id.value), a percent metric, whose values are percentage points: reports will show \(shown); "
                        + "if these are fractions, write \(meant)",
                    entity: objective.id.value, related: [metric.id.value]))
            }
        }
        return out
    }

    /// A fraction as percentage points, to a millionth first (0.29 × 100 is 28.999999999999996 in binary).
    private static func points(_ value: Double) -> String {
        format((value * 100 * 1_000_000).rounded() / 1_000_000)
    }
}

func format(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
}
