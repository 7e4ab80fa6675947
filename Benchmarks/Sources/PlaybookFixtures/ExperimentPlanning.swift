/// Where an experiment sits among the experiments of its hypothesis.
enum ExperimentRole {
    /// The hypothesis's only experiment: any status.
    case only
    /// Concluded without a clear answer, so the hypothesis is tested again.
    case firstOfTwo
    /// The second test of a hypothesis, starting after the first ended.
    case rerun(after: CalendarDay)
}

extension WorkPlanner {
    static let statuses: [(String, Int)] = [
        ("concluded", 48), ("analyzing", 8), ("running", 14), ("paused", 3), ("ready", 9), ("draft", 9), ("abandoned", 9),
    ]

    mutating func experiment(id: String, hypothesis h: Int, role: ExperimentRole, in plan: Plan) -> ExperimentPlan {
        let hypothesis = plan.hypotheses[h]
        let squad = plan.squads[hypothesis.squad]
        var status = random.weighted(Self.statuses)
        var earliest: CalendarDay?
        switch role {
        case .only: break
        case .firstOfTwo: status = "concluded"
        case .rerun(let after): earliest = after.adding(days: random.int(1...7))
        }
        let (start, end) = dates(status, earliest: earliest, short: { if case .firstOfTwo = role { true } else { false } }())
        let variants = self.variants(hypothesis.variantName)
        let regions = squad.region == "global"
            ? random.pick(random.int(2...3), of: ["emea", "na", "latam", "apac"]).sorted()
            : [squad.region]
        var guardrails = random.pick(random.int(1...2), of: MetricCatalog.guardrails(for: squad.stage).filter { $0 != hypothesis.metric })
        if squad.stage == .revenue, !guardrails.contains("refund-rate") { guardrails[0] = "refund-rate" }
        let isRerun = { if case .rerun = role { true } else { false } }()
        return ExperimentPlan(
            id: id, squad: hypothesis.squad,
            title: title(hypothesis, rerun: isRerun),
            hypothesis: h, keyResult: hypothesis.keyResult, status: status,
            primary: hypothesis.metric, guardrails: guardrails,
            surface: hypothesis.surface.surface, segment: hypothesis.segment.id, regions: regions,
            platforms: hypothesis.surface.platforms,
            exclusionGroup: hypothesis.surface.surface.split(separator: "/").joined(separator: "-"),
            variants: variants,
            design: status == "draft" && random.chance(0.5) ? nil : design(variants: variants.count, start: start, end: end),
            start: start, end: end,
            budget: random.int(5...80) * 100,
            result: status == "concluded" ? result(for: hypothesis, iterate: { if case .firstOfTwo = role { true } else { false } }()) : nil,
            approval: start.flatMap { status != "draft" && random.chance(0.7) ? approval(before: $0) : nil }
        )
    }

    /// Dates that fit the status as of `asOf`: finished work ended before it, running work ends after it.
    private mutating func dates(_ status: String, earliest: CalendarDay?, short: Bool) -> (CalendarDay?, CalendarDay?) {
        func day(_ month: Int, _ day: Int) -> CalendarDay { CalendarDay(year: 2026, month: month, day: day) }
        func start(_ from: CalendarDay, _ to: CalendarDay) -> CalendarDay {
            let picked = from.adding(days: random.int(0...(to - from)))
            return earliest.map { max($0, picked) } ?? picked
        }
        switch status {
        case "concluded":
            let s = short ? start(day(7, 1), day(7, 31)) : start(day(7, 1), day(8, 31))
            return (s, min(s.adding(days: short ? random.int(14...28) : random.int(14...42)), asOf.adding(days: -1)))
        case "analyzing":
            let s = start(day(7, 15), day(9, 5))
            return (s, min(s.adding(days: random.int(14...35)), asOf.adding(days: -2)))
        case "running":
            let s = start(day(9, 1), day(10, 10))
            return (s, max(s.adding(days: random.int(21...56)), asOf.adding(days: random.int(3...30))))
        case "paused":
            let s = start(day(8, 15), day(9, 30))
            return (s, max(s.adding(days: random.int(21...56)), asOf.adding(days: random.int(3...30))))
        case "ready":
            let s = start(day(10, 19), day(11, 30))
            return (s, s.adding(days: random.int(14...42)))
        case "draft":
            guard random.chance(0.6) else { return (nil, nil) }
            let s = start(day(11, 2), day(12, 14))
            return (s, s.adding(days: random.int(14...42)))
        default:  // abandoned: half never started
            guard random.chance(0.5) else { return (nil, nil) }
            let s = start(day(7, 1), day(9, 15))
            return (s, min(s.adding(days: random.int(3...20)), asOf.adding(days: -1)))
        }
    }

    /// "Signup form, social-proof variant, first 14 days, for dental clinics": what, how, how much, for whom.
    private func title(_ hypothesis: HypothesisPlan, rerun: Bool) -> String {
        let object = hypothesis.object.hasPrefix("the ") ? String(hypothesis.object.dropFirst(4)) : hypothesis.object
        return "\(capitalised(object)), \(hypothesis.variantName) variant, \(hypothesis.tag), for \(hypothesis.industry)"
            + (rerun ? " (re-run)" : "")
    }

    private mutating func approval(before start: CalendarDay) -> ApprovalPlan {
        let (by, role) = random.pick(Vocabulary.council)
        return ApprovalPlan(by: by, role: role, date: start.adding(days: -random.int(1...6)), note: random.pick(Vocabulary.approvalNotes))
    }

    private mutating func variants(_ name: String) -> [(id: String, allocation: Int)] {
        switch random.weighted([(2, 70), (3, 15), (80, 10), (90, 5)]) {
        case 3: [("control", 34), (name, 33), (name + "-b", 33)]
        case 80: [("control", 80), (name, 20)]
        case 90: [("control", 90), (name, 10)]
        default: [("control", 50), (name, 50)]
        }
    }

    /// A power calculation: sample size from the minimum detectable effect on a 20% base rate.
    private mutating func design(variants: Int, start: CalendarDay?, end: CalendarDay?) -> DesignPlan {
        let mde = random.number(0.02...0.10, decimals: 2)
        let power = random.pick([0.8, 0.8, 0.9])
        let alpha = random.pick([0.05, 0.05, 0.05, 0.01, 0.1])
        let z = (power == 0.9 ? 1.34 : 1.0) * (alpha == 0.01 ? 1.49 : alpha == 0.1 ? 0.79 : 1.0)
        let perVariant = 64 * z / (mde * mde)
        let sample = (Int(perVariant) * variants + 99) / 100 * 100
        let duration = start.flatMap { s in end.map { $0 - s } } ?? random.int(14...42)
        return DesignPlan(mde: mde, power: power, alpha: alpha, sampleSize: sample, durationDays: duration)
    }

    private mutating func result(for hypothesis: HypothesisPlan, iterate: Bool) -> ResultPlan {
        let outcome = iterate
            ? random.weighted([("inconclusive", 60), ("flat", 40)])
            : random.weighted([("win", 30), ("loss", 20), ("flat", 30), ("inconclusive", 20)])
        let lift: Double, pValue: Double, decision: String, pool: [String]
        switch outcome {
        case "win":
            (lift, pValue, decision, pool) = (random.number(0.015...0.12, decimals: 3), random.number(0.001...0.049, decimals: 3), "ship", Vocabulary.winLearnings)
        case "loss":
            (lift, pValue, decision, pool) = (random.number(-0.08 ... -0.01, decimals: 3), random.number(0.001...0.049, decimals: 3), "kill", Vocabulary.lossLearnings)
        case "flat":
            (lift, pValue, decision, pool) = (random.number(-0.006...0.006, decimals: 3), random.number(0.2...0.9, decimals: 2),
                                              iterate || random.chance(0.3) ? "iterate" : "kill", Vocabulary.flatLearnings)
        default:
            (lift, pValue, decision, pool) = (random.number(-0.02...0.03, decimals: 3), random.number(0.06...0.35, decimals: 2), "iterate", Vocabulary.inconclusiveLearnings)
        }
        let metric = MetricCatalog.byID[hypothesis.metric]!  // hypotheses use catalog metrics
        let learning = random.pick(pool)
            .replacingAll("%METRIC%", with: metric.name.prefix(1).lowercased() + metric.name.dropFirst())
            .replacingAll("%LIFT%", with: (lift >= 0 ? "+" : "") + format(lift * 100, 1) + "%")
            .replacingAll("%SEGMENT%", with: hypothesis.segment.phrase)
        var learnings = [learning]
        if random.chance(0.3) {
            learnings.append(random.pick([
                "Shared in the weekly growth council; the playbook entry links the dashboards.",
                "Other squads on \(hypothesis.surface.surface) should read this before testing similar changes.",
                "Segment cuts are in the analysis notebook linked from the experiment brief.",
            ]))
        }
        return ResultPlan(outcome: outcome, lift: lift, pValue: pValue, decision: decision, learnings: learnings)
    }
}

extension String {
    /// Every occurrence of `target` replaced, without Foundation.
    func replacingAll(_ target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
