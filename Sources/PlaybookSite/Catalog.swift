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
    var northStar: Metric?

    init(_ entities: [SourcedEntity]) {
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
    }

    func exists(_ id: String) -> Bool { files[id] != nil }

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

    var sortedExperiments: [Experiment] { experiments.keys.sorted().compactMap { experiments[$0] } }
    var sortedHypotheses: [Hypothesis] { hypotheses.keys.sorted().compactMap { hypotheses[$0] } }
    var sortedObjectives: [Objective] { objectives.keys.sorted().compactMap { objectives[$0] } }
    var sortedSquads: [Squad] { squads.keys.sorted().compactMap { squads[$0] } }
    var sortedMetrics: [Metric] { metrics.keys.sorted().compactMap { metrics[$0] } }

    /// Experiments testing a hypothesis.
    func experiments(testing hypothesis: String) -> [Experiment] {
        sortedExperiments.filter { $0.hypothesis?.value == hypothesis }
    }

    /// Hypotheses and experiments naming a key result (`OKR-…/KR-n`), or any key result of an objective.
    func work(for reference: String) -> (hypotheses: [Hypothesis], experiments: [Experiment]) {
        func matches(_ value: String?) -> Bool {
            guard let value else { return false }
            return value == reference || value.hasPrefix(reference + "/")
        }
        return (sortedHypotheses.filter { matches($0.keyResult?.value) }, sortedExperiments.filter { matches($0.keyResult?.value) })
    }

    /// The quarter an experiment's budget counts in: its start (planned start before it runs).
    /// An abandoned experiment whose start never came spent nothing (as the squad-budget rule counts).
    func budgetQuarter(_ experiment: Experiment, today: Day) -> Quarter? {
        guard let start = experiment.start?.value else { return nil }
        if experiment.status?.value == .abandoned, start > today { return nil }
        return start.quarter
    }
}
