/// Plans the squads and their objectives for the quarter.
struct OrganisationPlanner {
    static let quarter = "2026-Q3"

    var random: SeededGenerator

    /// `count` squads: the first five cover the five funnel stages (and own the catalog's
    /// metrics), the rest go round the stages and regions again.
    mutating func squads(_ count: Int) -> [SquadPlan] {
        (0..<count).map { index in
            let stage = Stage.allCases[index % Stage.allCases.count]
            let region = Vocabulary.regions[(index / Stage.allCases.count) % Vocabulary.regions.count]
            let round = index / (Stage.allCases.count * Vocabulary.regions.count)
            let suffix = round == 0 ? "" : "\(round + 1)"
            let members = self.members()
            return SquadPlan(
                id: "\(stage.rawValue)-\(region)" + (suffix.isEmpty ? "" : "-\(suffix)"),
                name: "\(stage.rawValue.prefix(1).uppercased())\(stage.rawValue.dropFirst()) \(Vocabulary.regionLabel(region))"
                    + (suffix.isEmpty ? "" : " \(suffix)"),
                mission: random.pick(Vocabulary.missions(stage)),
                stage: stage,
                region: region,
                members: members,
                champion: random.chance(0.7) ? members[0].name : random.pick(members).name,
                currency: Vocabulary.currency(for: region),
                metrics: MetricCatalog.driven(by: stage),
                code: "\(stage.code)-\(region.uppercased())\(suffix)"
            )
        }
    }

    /// Four to seven people with distinct names; the first is the product manager.
    private mutating func members() -> [(name: String, role: String)] {
        let count = random.int(4...7)
        let firsts = random.pick(count, of: Vocabulary.firstNames)
        return firsts.enumerated().map { index, first in
            (name: "\(first) \(random.pick(Vocabulary.lastNames))",
             role: index == 0 ? "Product manager" : random.pick(Vocabulary.roles))
        }
    }

    /// One to `maxPerSquad` objectives per squad; the first aligns to the North Star, later
    /// ones to the North Star or to the squad's first objective (a two-step ladder). Key
    /// results draw distinct metrics from what the squad drives and guards; a metric that
    /// comes back in another objective keeps its baseline and current value.
    mutating func objectives(for squads: inout [SquadPlan], maxPerSquad: Int) -> [ObjectivePlan] {
        var out: [ObjectivePlan] = []
        for s in squads.indices {
            let squad = squads[s]
            let pool = squad.metrics + MetricCatalog.guardrails(for: squad.stage).filter { !squad.metrics.contains($0) }
            var known: [String: KeyResultPlan] = [:]
            let count = random.int(1...maxPerSquad)
            let titles = random.pick(count, of: Vocabulary.objectiveTitles(squad.stage))
            var firstID = ""
            for k in 1...count {
                let id = "OKR-2026Q3-\(squad.code)-\(k)"
                if k == 1 { firstID = id }
                let alignsTo = k == 1 || random.chance(0.5) ? MetricCatalog.northStar : firstID
                // The squad's own metrics first, so most key results are about what it drives.
                let metrics = random.pick(random.int(1...4), of: random.chance(0.7) ? squad.metrics : pool)
                let keyResults = metrics.enumerated().map { n, metric in
                    let kr = keyResult(n + 1, metric: metric, known: known[metric])
                    known[metric] = kr
                    return kr
                }
                squads[s].objectives.append(out.count)
                out.append(ObjectivePlan(
                    id: id, squad: s, title: titles[(k - 1) % titles.count], alignsTo: alignsTo, keyResults: keyResults))
            }
        }
        return out
    }

    /// A measurable key result: the target moves the metric in its direction.
    private mutating func keyResult(_ n: Int, metric id: String, known: KeyResultPlan?) -> KeyResultPlan {
        let metric = MetricCatalog.byID[id]!  // ids come from the catalog itself
        let baseline = known?.baseline ?? random.number(metric.baseline, decimals: metric.decimals)
        let step = 1 / pow10(metric.decimals)
        let change = random.number(0.04...0.25, decimals: 3)
        var target = rounded(metric.increases ? baseline * (1 + change) : baseline * (1 - change), decimals: metric.decimals)
        if target == baseline { target = metric.increases ? baseline + step : baseline - step }
        let progress = random.number(0.0...1.1, decimals: 2)
        let current = known?.current ?? rounded(baseline + (target - baseline) * progress, decimals: metric.decimals)
        let verb = metric.increases ? "Raise" : "Cut"
        let name = metric.name.prefix(1).lowercased() + metric.name.dropFirst()
        let unit = metric.unit == "percent" ? "%" : metric.unit == "duration" ? " days" : ""
        return KeyResultPlan(
            id: "KR-\(n)",
            title: "\(verb) \(name) from \(format(baseline, metric.decimals))\(unit) to \(format(target, metric.decimals))\(unit)",
            metric: id, baseline: baseline, target: target, current: current,
            confidence: random.chance(0.5) ? random.number(0.3...0.9, decimals: 1) : nil,
            decimals: metric.decimals)
    }
}

func pow10(_ decimals: Int) -> Double {
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    return scale
}

/// `value` written with exactly `decimals` decimals, without Foundation: 12000, 61.0, 0.25.
func format(_ value: Double, _ decimals: Int) -> String {
    let scaled = Int((abs(value) * pow10(decimals)).rounded())
    let sign = value < 0 && scaled != 0 ? "-" : ""
    guard decimals > 0 else { return sign + String(scaled) }
    var digits = String(scaled)
    if digits.count <= decimals { digits = String(repeating: "0", count: decimals - digits.count + 1) + digits }
    return sign + digits.dropLast(decimals) + "." + digits.suffix(decimals)
}
