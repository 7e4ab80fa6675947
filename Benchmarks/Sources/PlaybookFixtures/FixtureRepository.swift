/// One generated file: its path under the repository root and its text.
public struct FixtureFile: Sendable {
    public var path: String
    public var text: String

    public init(path: String, text: String) {
        self.path = path
        self.text = text
    }
}

/// What a generator run produced.
public struct GeneratedRepository: Sendable {
    public var files: [FixtureFile]
    /// Documents written, per kind (`Metric`, `Squad`, `Objective`, `Hypothesis`, `Experiment`).
    public var entities: [String: Int]
    /// The day the repository describes: time-based rules must judge against it (`--today`).
    public var asOf: CalendarDay

    public var entityCount: Int { entities.values.reduce(0, +) }
}

public enum FixtureError: Error, CustomStringConvertible, Sendable {
    case tooFewFiles(requested: Int, minimum: Int)

    public var description: String {
        switch self {
        case .tooFewFiles(let requested, let minimum):
            "a playbook repository needs at least \(minimum) files (a catalog, five squads with their objectives, a hypothesis and an experiment); \(requested) were asked for"
        }
    }
}

/// A synthetic playbook repository of any size, valid under DESIGN.md's format and rules:
///
///     playbooks/metrics.yml                       the catalog, one North Star
///     playbooks/squads/<squad>.yml                one squad per 200 files (at least five)
///     playbooks/okrs/2026-Q3/<squad>.yml          one to three objectives per squad
///     playbooks/hypotheses/HYP-0001.yml …         half of the rest
///     playbooks/experiments/EXP-0001.yml …        the other half
///
/// Every reference resolves, ids are unique, budgets stay under caps, and statuses, dates
/// and results agree as of `asOf`. The same count and seed give the same bytes.
public enum FixtureRepository {
    public static let asOf = CalendarDay(year: 2026, month: 10, day: 15)
    public static let minimumFileCount = 13

    public static func generate(fileCount: Int, seed: UInt64 = 2026) throws(FixtureError) -> GeneratedRepository {
        guard fileCount >= minimumFileCount else {
            throw .tooFewFiles(requested: fileCount, minimum: minimumFileCount)
        }
        let squadCount = max(Stage.allCases.count, fileCount / 200)
        let rest = fileCount - 1 - 2 * squadCount
        let hypothesisCount = (rest + 1) / 2
        let experimentCount = rest - hypothesisCount

        var plan = Plan()
        var organisation = OrganisationPlanner(random: SeededGenerator(seed: seed))
        plan.squads = organisation.squads(squadCount)
        plan.objectives = organisation.objectives(for: &plan.squads, maxPerSquad: 3)
        var work = WorkPlanner(random: SeededGenerator(seed: seed ^ 0x5EED), asOf: asOf)
        work.plan(&plan, hypotheses: hypothesisCount, experiments: experimentCount)

        var owners: [Stage: String] = [:]
        for squad in plan.squads where owners[squad.stage] == nil { owners[squad.stage] = squad.id }

        var files: [FixtureFile] = []
        files.reserveCapacity(fileCount)
        files.append(FixtureFile(path: "playbooks/metrics.yml", text: DocumentRendering.metrics(owners: owners)))
        for squad in plan.squads {
            files.append(FixtureFile(path: "playbooks/squads/\(squad.id).yml", text: DocumentRendering.squad(squad)))
        }
        for squad in plan.squads {
            files.append(FixtureFile(
                path: "playbooks/okrs/\(OrganisationPlanner.quarter)/\(squad.id).yml",
                text: DocumentRendering.objectives(squad.objectives.map { plan.objectives[$0] }, squad: squad)))
        }
        for (index, hypothesis) in plan.hypotheses.enumerated() {
            files.append(FixtureFile(
                path: "playbooks/hypotheses/\(hypothesis.id).yml",
                text: DocumentRendering.hypothesis(hypothesis, squad: plan.squads[hypothesis.squad], flowICE: index % 3 != 2)))
        }
        for experiment in plan.experiments {
            files.append(FixtureFile(
                path: "playbooks/experiments/\(experiment.id).yml",
                text: DocumentRendering.experiment(
                    experiment, squad: plan.squads[experiment.squad], hypothesis: plan.hypotheses[experiment.hypothesis])))
        }
        return GeneratedRepository(
            files: files,
            entities: [
                "Metric": MetricCatalog.all.count, "Squad": plan.squads.count, "Objective": plan.objectives.count,
                "Hypothesis": plan.hypotheses.count, "Experiment": plan.experiments.count,
            ],
            asOf: asOf)
    }
}
