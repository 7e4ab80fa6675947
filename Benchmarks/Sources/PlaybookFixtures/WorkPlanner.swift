/// Plans hypotheses and the experiments that test them, with dates, budgets and results
/// consistent with the status each is in as of `asOf`.
struct WorkPlanner {
    var random: SeededGenerator
    let asOf: CalendarDay

    /// Hypothesis `h` and experiment `e` go to squad `h % squads` and `e % squads`; within a
    /// squad, experiments take the hypotheses in turn, now and then a second experiment
    /// re-runs the previous hypothesis, and the hypotheses left over wait in the backlog.
    mutating func plan(_ plan: inout Plan, hypotheses: Int, experiments: Int) {
        let hypothesisWidth = max(4, String(hypotheses).count)
        let experimentWidth = max(4, String(experiments).count)
        for h in 0..<hypotheses {
            plan.hypotheses.append(hypothesis(id: "HYP-" + padded(h + 1, hypothesisWidth), squad: h % plan.squads.count, in: plan))
        }
        var tested: [Int: [Int]] = [:]  // hypothesis -> its experiments, in order
        for s in plan.squads.indices {
            let own = Array(stride(from: s, to: hypotheses, by: plan.squads.count))
            let numbers = Array(stride(from: s, to: experiments, by: plan.squads.count))
            var next = 0
            var rerunOf: Int?
            for (position, e) in numbers.enumerated() {
                let h: Int
                var role = ExperimentRole.only
                if let previous = rerunOf, let first = tested[previous]?.last {
                    h = previous
                    role = .rerun(after: plan.experiments[first].end ?? asOf)
                    rerunOf = nil
                } else {
                    h = own[min(next, own.count - 1)]
                    next += 1
                    if position + 1 < numbers.count, random.chance(0.12) {
                        role = .firstOfTwo
                        rerunOf = h
                    }
                }
                tested[h, default: []].append(plan.experiments.count)
                plan.experiments.append(experiment(id: "EXP-" + padded(e + 1, experimentWidth), hypothesis: h, role: role, in: plan))
            }
        }
        for h in plan.hypotheses.indices {
            plan.hypotheses[h].status = status(of: (tested[h] ?? []).map { plan.experiments[$0] })
        }
        plan.experiments.sort { $0.id < $1.id }
        setBudgets(&plan)
    }

    private mutating func hypothesis(id: String, squad s: Int, in plan: Plan) -> HypothesisPlan {
        let squad = plan.squads[s]
        let objective = plan.objectives[random.pick(squad.objectives)]
        let keyResult = random.pick(objective.keyResults)
        let metric = MetricCatalog.byID[keyResult.metric]!  // key results use catalog metrics
        let verb = random.pick(Vocabulary.verbs)
        let object = random.pick(Vocabulary.objects(squad.stage))
        let industry = random.pick(Vocabulary.industries)
        let feature = random.pick(Vocabulary.features)
        let qualifier = random.pick(Vocabulary.qualifiers)
        let number = String(random.int(qualifier.numbers))
        let surface = random.pick(Vocabulary.surfaces(squad.stage))
        let segment = random.pick(Vocabulary.segments)
        let lift = random.number(0.02...0.15, decimals: 2)
        let findings = random.pick(2, of: Vocabulary.findings(squad.stage))
        let evidence = random.pick(2, of: Vocabulary.evidence)
        let metricName = metric.name.prefix(1).lowercased() + metric.name.dropFirst()
        return HypothesisPlan(
            id: id, squad: s, title: "\(capitalised(verb)) \(object) for \(industry)",
            change: "\(verb) \(object) on \(surface.surface) \(qualifier.phrase.replacingAll("#", with: number)), for \(industry) with \(feature)",
            audience: "\(segment.phrase) in \(Vocabulary.regionLabel(squad.region)), reached through \(surface.platforms.joined(separator: " and "))",
            outcome: "\(metric.increases ? "raise" : "cut") \(metricName) by about \(format(lift * 100, 0))%",
            rationale: "\(evidence[0]) \(findings[0]), and \(evidence[1]) \(findings[1])",
            metric: keyResult.metric, expectedLift: lift,
            ice: (random.int(2...10), random.int(2...9), random.int(2...10)),
            keyResult: "\(objective.id)/\(keyResult.id)",
            surface: surface, segment: segment, variantName: random.pick(Vocabulary.variantNames),
            object: object, industry: industry, tag: qualifier.tag.replacingAll("#", with: number))
    }

    /// A hypothesis's status follows its latest experiment.
    private mutating func status(of experiments: [ExperimentPlan]) -> String {
        guard let last = experiments.last else { return random.chance(0.75) ? "backlog" : "parked" }
        switch last.status {
        case "concluded":
            switch last.result?.outcome {
            case "win": return "validated"
            case "loss", "flat": return "invalidated"
            default: return "parked"
            }
        case "abandoned": return "parked"
        default: return "testing"
        }
    }

    /// Each squad's cap sits 20% above what its experiments spend in their busiest quarter.
    private func setBudgets(_ plan: inout Plan) {
        var spent: [String: Int] = [:]
        for experiment in plan.experiments {
            guard let start = experiment.start else { continue }
            spent["\(experiment.squad) \(start.quarter)", default: 0] += experiment.budget
        }
        for s in plan.squads.indices {
            let busiest = spent.filter { $0.key.hasPrefix("\(s) ") }.values.max() ?? 0
            plan.squads[s].quarterlyBudget = max(10_000, (busiest * 6 / 5 + 4_999) / 5_000 * 5_000)
        }
    }
}

func padded(_ n: Int, _ width: Int) -> String {
    let digits = String(n)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
}

func capitalised(_ text: String) -> String {
    text.prefix(1).uppercased() + text.dropFirst()
}
