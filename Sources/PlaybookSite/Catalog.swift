import PlaybookModel
import PlaybookOverlaps

/// The entities at the site's commit, by kind and id, with the links between them both ways.
struct Catalog {
    var metrics: [String: Metric] = [:]
    var squads: [String: Squad] = [:]
    var objectives: [String: Objective] = [:]
    var hypotheses: [String: Hypothesis] = [:]
    var experiments: [String: Experiment] = [:]
    var files: [String: String] = [:]
    /// Each entity's page from the site's top (names unique regardless of case), with its title:
    /// what a link to it needs, in one lookup.
    private(set) var links: [String: Link] = [:]

    struct Link {
        var path: String
        var title: String?
    }
    var northStar: Metric?

    /// Sorted by id once: pages ask for these many times.
    private(set) var sortedExperiments: [Experiment] = []
    private(set) var sortedHypotheses: [Hypothesis] = []
    private(set) var sortedObjectives: [Objective] = []
    private(set) var sortedSquads: [Squad] = []
    private(set) var sortedMetrics: [Metric] = []
    /// Reverse links, each list sorted by id.
    private var testing: [String: [Experiment]] = [:]
    private var hypothesesByKeyResult: [String: [Hypothesis]] = [:]
    private var experimentsByKeyResult: [String: [Experiment]] = [:]
    private(set) var experimentsBySquad: [String: [Experiment]] = [:]
    private(set) var hypothesesBySquad: [String: [Hypothesis]] = [:]
    private(set) var objectivesBySquad: [String: [Objective]] = [:]
    private(set) var experimentsByMetric: [String: [Experiment]] = [:]
    private(set) var objectivesByParent: [String: [Objective]] = [:]
    /// Key results by the metric they measure, in objective order, each with its objective.
    private(set) var keyResultsByMetric: [String: [(objective: Objective, keyResult: KeyResult)]] = [:]
    /// Every collision, kept compact: pages list a few and count the rest.
    let collisions: CollisionGraph

    init(_ entities: [SourcedEntity], collisions: CollisionGraph) {
        self.collisions = collisions
        for sourced in entities {
            let id = sourced.entity.id.value
            files[id] = sourced.file
            switch sourced.entity {
            case .metric(let e):
                metrics[id] = e
                if e.northStar?.value == true, northStar.map({ id < $0.id.value }) ?? true { northStar = e }
            case .squad(let e): squads[id] = e
            case .objective(let e): objectives[id] = e
            case .hypothesis(let e): hypotheses[id] = e
            case .experiment(let e): experiments[id] = e
            }
        }
        for (id, name) in SitePath.uniqueFileNames(Array(files.keys)) {
            links[id] = Link(path: SitePath.entity(fileName: name), title: title(of: id))
        }
        sortedExperiments = experiments.keys.sorted().compactMap { experiments[$0] }
        sortedHypotheses = hypotheses.keys.sorted().compactMap { hypotheses[$0] }
        sortedObjectives = objectives.keys.sorted().compactMap { objectives[$0] }
        sortedSquads = squads.keys.sorted().compactMap { squads[$0] }
        sortedMetrics = metrics.keys.sorted().compactMap { metrics[$0] }
        for e in sortedExperiments {
            if let hypothesis = e.hypothesis?.value { testing[hypothesis, default: []].append(e) }
            if let reference = e.keyResult?.value { experimentsByKeyResult[reference, default: []].append(e) }
            if let squad = e.squad?.value { experimentsBySquad[squad, default: []].append(e) }
            var named: Set<String> = []
            for metric in [e.metrics?.primary].compactMap({ $0 }) + (e.metrics?.guardrails ?? []) where named.insert(metric.value).inserted {
                experimentsByMetric[metric.value, default: []].append(e)
            }
        }
        for hypothesis in sortedHypotheses {
            if let reference = hypothesis.keyResult?.value { hypothesesByKeyResult[reference, default: []].append(hypothesis) }
            if let squad = hypothesis.squad?.value { hypothesesBySquad[squad, default: []].append(hypothesis) }
        }
        for objective in sortedObjectives {
            if let squad = objective.squad?.value { objectivesBySquad[squad, default: []].append(objective) }
            if let parent = objective.alignsTo?.value { objectivesByParent[parent, default: []].append(objective) }
            for keyResult in objective.keyResults {
                if let metric = keyResult.metric?.value { keyResultsByMetric[metric, default: []].append((objective, keyResult)) }
            }
        }
    }

    func exists(_ id: String) -> Bool { files[id] != nil }

    /// The page of an entity at this commit.
    func path(of id: String) -> String { links[id]?.path ?? SitePath.entity(id) }

    func kind(of id: String) -> Kind? {
        if metrics[id] != nil { return .metric }
        if squads[id] != nil { return .squad }
        if objectives[id] != nil { return .objective }
        if hypotheses[id] != nil { return .hypothesis }
        if experiments[id] != nil { return .experiment }
        return nil
    }

    /// A short human name for an entity: its title or name.
    func title(of id: String) -> String? {
        metrics[id]?.name ?? squads[id]?.name ?? objectives[id]?.title ?? hypotheses[id]?.title ?? experiments[id]?.title
    }

    /// The unit of the metric a key result measures.
    func unit(ofMetric id: String?) -> MetricUnit? { id.flatMap { metrics[$0]?.unit } }

    func squad(of id: String) -> String? {
        switch kind(of: id) {
        case .metric: metrics[id]?.owner?.value
        case .squad: id
        case .objective: objectives[id]?.squad?.value
        case .hypothesis: hypotheses[id]?.squad?.value
        case .experiment: experiments[id]?.squad?.value
        case nil: nil
        }
    }

    /// Experiments testing a hypothesis.
    func experiments(testing hypothesis: String) -> [Experiment] { testing[hypothesis] ?? [] }

    /// Hypotheses and experiments naming a key result (`OKR-…/KR-n`).
    func work(for reference: String) -> (hypotheses: [Hypothesis], experiments: [Experiment]) {
        (hypothesesByKeyResult[reference] ?? [], experimentsByKeyResult[reference] ?? [])
    }

    /// The quarter an experiment's budget counts in: its start (planned start before it runs).
    /// An abandoned experiment whose start never came spent nothing (as the squad-budget rule counts).
    func budgetQuarter(_ experiment: Experiment, today: Day) -> Quarter? {
        guard let start = experiment.start?.value else { return nil }
        if experiment.status?.value == .abandoned, start > today { return nil }
        return start.quarter
    }
}
