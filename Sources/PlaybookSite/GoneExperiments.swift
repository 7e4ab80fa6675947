import PlaybookModel
import PlaybookReports

/// The experiments the history holds that are no longer in the playbook at the commit (deleted, or
/// moved to a folder the playbook leaves out, such as `.archive/`), with each of their conclusions
/// the reports still count as of today, the experiment as the report counting it read it. The
/// program page counts them, so the library lists them and the hypotheses they tested name them.
/// Made once per site (`SiteInput.gone`), by whichever page asks first.
struct GoneExperiments: Sendable {
    struct Conclusion: Sendable {
        var id: String
        /// The experiment as the report counting this conclusion read it (at the end of its quarter, or today).
        var experiment: Experiment
        /// The day it concluded, and the last day the report read.
        var concluded: Day
        var read: Day
    }

    /// By id, each experiment's conclusions oldest first.
    var conclusions: [Conclusion] = []
    /// Positions in `conclusions` of those that tested each hypothesis.
    private var byHypothesis: [String: [Int]] = [:]

    init(catalog: Catalog, lifecycles: ExperimentLifecycles, today: Day) {
        for id in lifecycles.ids.sorted() where !catalog.experiments.contains(id) {
            for counted in lifecycles.countedConclusions(of: id, today: today) {
                guard let facts = lifecycles.facts(of: id, until: counted.until), let experiment = facts.experiment else { continue }
                if let hypothesis = experiment.hypothesis?.value { byHypothesis[hypothesis, default: []].append(conclusions.count) }
                conclusions.append(Conclusion(id: id, experiment: experiment, concluded: UTC.day(of: counted.concluded),
                                              read: UTC.day(fromDays: UTC.days(UTC.day(of: counted.until)) - 1)))
            }
        }
    }

    /// The conclusions of gone experiments that tested `hypothesis`, by id, oldest first.
    func testing(_ hypothesis: String) -> [Conclusion] { (byHypothesis[hypothesis] ?? []).map { conclusions[$0] } }
}
