import PlaybookModel
import PlaybookYAML

/// Per squad and quarter, experiment budgets stay within the squad's cap.
enum SquadBudget: RepositoryRule {
    static let descriptor = RuleDescriptor(
        id: "squad-budget", severity: .error,
        summary: "A squad's experiment budgets in one quarter add up to more than its quarterly cap. An abandoned experiment counts unless it never started (no `start`, or one after today): clear `start` when abandoning one that never ran.",
        details: "Budgets count in the quarter of the experiment's `start` (the planned start for draft and ready ones); abandoned experiments that never started (no `start`, or one after today) do not count. The finding points at the experiment that crosses the cap, taking experiments in the order they start, then by id (saying the quarter's total where later ones add to it; every finding measures that total, so a review sees a change adding to it), and at every experiment whose budget alone is over it (even after the cap was crossed).",
        triggering: ["""
        kind: Experiment
        id: EXP-0002
        squad: activation-emea
        title: Paid push campaign for lapsed learners
        hypothesis: HYP-0001
        status: ready
        metrics: {primary: d1-retention}
        surface: email/winback
        start: 2026-12-01
        end: 2026-12-20
        budget: ↓4500
        ""","""
        kind: Experiment
        id: EXP-0002
        squad: activation-emea
        title: Paid push campaign for lapsed learners
        hypothesis: HYP-0001
        status: ready
        metrics: {primary: d1-retention}
        surface: email/winback
        start: 2026-12-01
        end: 2026-12-20
        budget: ↓4500
        ---
        kind: Experiment
        id: EXP-0003
        squad: activation-emea
        title: Billboards for lapsed learners
        hypothesis: HYP-0001
        status: draft
        metrics: {primary: d1-retention}
        surface: offline/billboards
        start: 2026-12-05
        end: 2026-12-30
        budget: ↓9000
        """],
        passing: ["""
        kind: Experiment
        id: EXP-0002
        squad: activation-emea
        title: Paid push campaign for lapsed learners
        hypothesis: HYP-0001
        status: abandoned
        metrics: {primary: d1-retention}
        surface: email/winback
        budget: 4500
        """]
    )

    static func check(_ context: RuleContext) -> [LocatedDiagnostic] {
        var spent: [String: Double] = [:]
        // Each squad quarter's budgets, for its total in an order no file move changes.
        var budgets: [String: [Double]] = [:]
        // Every finding: its index in `out`, its squad quarter, and the sum its message names (the
        // running total it crossed the cap at, or the budget alone over it).
        var found: [(index: Int, key: String, named: Double, cap: Double)] = []
        var out: [LocatedDiagnostic] = []
        // Spent in the order the experiments start (then by id), not in file order: the experiment that
        // takes a quarter over the cap is the same however the files are named or moved.
        var paid: [(start: Day, id: String, squad: String, cap: Double, budget: Double, mark: Mark, file: String)] = []
        // Abandoned experiments counted (their start has come), per squad quarter: a finding names them, since
        // one abandoned before it ran still holds a `start` until someone clears it.
        var abandoned: [String: [(id: String, start: Day)]] = [:]
        context.forEach(\.experiments) { experiment, file in
            guard let budget = experiment.budget, let start = experiment.start?.value,
                  let squadID = experiment.squad?.value, let cap = context.squad(squadID)?.budget?.quarterly?.value
            else { return }
            // An abandoned experiment whose start never came spent nothing.
            if experiment.status?.value == .abandoned {
                if start > context.today { return }
                abandoned["\(squadID) \(start.quarter)", default: []].append((experiment.id.value, start))
            }
            paid.append((start, experiment.id.value, squadID, cap, budget.value, budget.mark, file))
        }
        paid.sort { ($0.start, $0.id, $0.file) < ($1.start, $1.id, $1.file) }
        for experiment in paid {
            let (budget, cap, squadID) = (experiment.budget, experiment.cap, experiment.squad)
            let quarter = experiment.start.quarter
            let key = "\(squadID) \(quarter)"
            let before = spent[key, default: 0]
            spent[key] = before + budget
            budgets[key, default: []].append(budget)
            if BudgetTotal.isOver(budget, cap: cap) {
                // Over the cap on its own: whatever else the squad plans, this one cannot fit.
                found.append((out.count, key, budget, cap))
                out.append(context.finding(
                    experiment.file, experiment.mark,
                    "\(experiment.id)'s budget of \(format(budget)) alone is over squad \(squadID)'s quarterly cap of \(format(cap)) in \(quarter); split it, cut it, or raise the cap",
                    entity: experiment.id, related: [squadID]))
            } else if !BudgetTotal.isOver(before, cap: cap), BudgetTotal.isOver(before + budget, cap: cap) {
                found.append((out.count, key, before + budget, cap))
                out.append(context.finding(
                    experiment.file, experiment.mark,
                    "\(experiment.id) brings squad \(squadID)'s experiment budgets in \(quarter) to \(format(shown(before + budget))), over its quarterly cap of \(format(cap))",
                    entity: experiment.id, related: [squadID]))
            }
        }
        // The quarter's total is known once every experiment is seen. Every finding of the quarter
        // measures it (a change adding more makes each worse, one cutting it makes none worse): summed
        // smallest first, so moving or renaming files never changes it, and kept to 10⁻⁶.
        var totals: [String: Double] = [:]
        for (index, key, named, cap) in found {
            let total = totals[key] ?? BudgetTotal.of(budgets[key, default: []])
            totals[key] = total
            if total > shown(named) { out[index].diagnostic.message += "; the quarter's total is \(format(total))" }
            if let counted = abandoned[key]?.sorted(by: { ($0.start, $0.id) < ($1.start, $1.id) }), !counted.isEmpty {
                let named = counted.prefix(3).map { "\($0.id) (start \($0.start))" }.joined(separator: ", ")
                    + (counted.count > 3 ? " and \(counted.count - 3) more" : "")
                out[index].diagnostic.message += "; it counts abandoned \(named): clear `start` of one that never ran"
            }
            out[index].diagnostic.amount = total
            out[index].diagnostic.excess = total - cap
        }
        return out
    }

    /// A sum of budgets as shown and compared (`BudgetTotal.shown`).
    static func shown(_ value: Double) -> Double {
        BudgetTotal.shown(value)
    }
}

/// A squad's champion is one of its members.
enum SquadChampion: RepositoryRule {
    static let descriptor = RuleDescriptor(
        id: "squad-champion", severity: .error,
        summary: "A squad's `champion` is not one of its `members`.",
        details: "The champion speaks for the squad in the growth council; it must be someone on the squad.",
        triggering: ["""
        kind: Squad
        id: referral-na
        name: Referral NA
        funnel_stage: referral
        members: [{name: Sam Lee, role: engineer}]
        champion: ↓Sam Li
        """],
        passing: ["""
        kind: Squad
        id: referral-na
        name: Referral NA
        funnel_stage: referral
        members: [{name: Sam Lee, role: engineer}]
        champion: Sam Lee
        """]
    )

    static func check(_ context: RuleContext) -> [LocatedDiagnostic] {
        context.compactMap(\.squads) { squad, file in
            guard let champion = squad.champion else { return nil }
            let names = squad.members.compactMap { $0.name?.value }
            guard !names.contains(champion.value) else { return nil }
            let hint = Suggestion.phrase(Suggestion.closest(to: champion.value, in: names))
            return context.finding(
                file, champion.mark,
                "champion \"\(champion.value)\" of squad \(squad.id.value) is not one of its members\(hint)",
                entity: squad.id.value)
        }
    }
}

/// Every metric has an owner squad that exists.
enum MetricOwner: RepositoryRule {
    static let descriptor = RuleDescriptor(
        id: "metric-owner", severity: .error,
        summary: "A metric's `owner` is not an existing squad.",
        details: "A metric without an owning squad drifts: its definition fragments as every squad measures it its own way.",
        triggering: ["""
        kind: Metric
        id: lessons-per-learner
        name: Lessons per learner
        unit: ratio
        direction: increase
        owner: ↓activation-apac
        """],
        passing: ["""
        kind: Metric
        id: lessons-per-learner
        name: Lessons per learner
        unit: ratio
        direction: increase
        owner: activation-emea
        """]
    )

    static func check(_ context: RuleContext) -> [LocatedDiagnostic] {
        context.compactMap(\.metrics) { metric, file in
            guard let owner = metric.owner else { return nil }
            if let target = context.index[owner.value] {
                guard target.entity.kind != .squad, !context.index.defines(owner.value, as: .squad) else { return nil }
                return context.finding(file, owner.mark, "the owner of metric \(metric.id.value) must be a squad, but \"\(owner.value)\" is a \(target.entity.kind.rawValue)", entity: metric.id.value)
            }
            // A squad in a file that could not be decoded is not missing: that file's error comes first.
            if context.unread.ids.contains(owner.value) { return nil }
            let hint = Suggestion.phrase(context.index.suggestion(for: owner.value, kind: .squad))
            return context.finding(
                file, owner.mark, "metric \(metric.id.value) is owned by squad \"\(owner.value)\", which does not exist\(hint)",
                entity: metric.id.value, related: [owner.value])
        }
    }
}
