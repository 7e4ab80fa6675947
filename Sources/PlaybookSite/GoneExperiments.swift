import PlaybookHistory
import PlaybookModel
import PlaybookReports

/// The experiments the history holds that are no longer in the playbook at the commit (deleted, or
/// moved to a folder the playbook leaves out, such as `.archive/`), with the conclusion the reports
/// still count as of today (one undone by then is counted by none), the experiment as the report counting it read it. The
/// program page counts them, so the library lists them and the hypotheses they tested name them.
/// Those the playbook still held on today (deleted after it: a `--today` before the commit's last
/// moves) are named by the hypotheses they tested then, as they read on today, concluded or not.
/// Made once per site (`SiteInput.gone`), by whichever page asks first.
struct GoneExperiments: Sendable {
    struct Conclusion: Sendable {
        var id: String
        /// The experiment as the report counting this conclusion read it (at the end of its quarter, or today).
        var experiment: Experiment
        /// The day it concluded, and the last day it read so: the report's last day, or, deleted before
        /// it, the day before its deletion (the day of its deletion when it last changed that day).
        var concluded: Day
        var read: Day
    }

    /// By id, each experiment's counted conclusion (at most one).
    var conclusions: [Conclusion] = []
    /// Positions in `conclusions` of those that tested each hypothesis.
    private var byHypothesis: [String: [Int]] = [:]
    /// Those the playbook held on today, as they read then, by the hypothesis they tested then.
    private var heldOnToday: [String: [(id: String, experiment: Experiment)]] = [:]
    /// Those the playbook held on today, as they read then, by the squad they belonged to then.
    private var heldOnTodayBySquad: [String: [(id: String, experiment: Experiment)]] = [:]

    init(catalog: Catalog, lifecycles: ExperimentLifecycles, timelines: Timelines, onToday: ExperimentsOnToday, today: Day) {
        for held in onToday.gone {
            if let hypothesis = held.experiment.hypothesis?.value { heldOnToday[hypothesis, default: []].append(held) }
            if let squad = held.experiment.squad?.value { heldOnTodayBySquad[squad, default: []].append(held) }
        }
        for id in lifecycles.ids.sorted() where !catalog.experiments.contains(id) {
            if let counted = lifecycles.countedConclusion(of: id, today: today) {
                guard let facts = lifecycles.facts(of: id, until: counted.until), let experiment = facts.experiment else { continue }
                if let hypothesis = experiment.hypothesis?.value { byHypothesis[hypothesis, default: []].append(conclusions.count) }
                conclusions.append(Conclusion(id: id, experiment: experiment, concluded: UTC.day(of: counted.concluded),
                                              read: Self.lastRead(timelines[id], until: counted.until)))
            }
        }
    }

    /// The last day before `until` an experiment read as it did then: the day before `until`, or, when
    /// it was deleted (or moved out of the playbook) before then, the day before that, or the deletion's
    /// own day when it last changed that day.
    static func lastRead(_ timeline: Timeline?, until: Int64) -> Day {
        let dayBefore = UTC.day(fromDays: UTC.days(UTC.day(of: until)) - 1)
        guard let events = timeline?.events, let last = events.lastIndex(where: { $0.mainLine && $0.time < until }),
              events[last].type == .removed else { return dayBefore }
        let removed = UTC.day(of: events[last].time)
        let changed = events[..<last].last(where: { $0.mainLine && $0.type != .removed }).map { UTC.day(of: $0.time) }
        return max(changed ?? removed, UTC.day(fromDays: UTC.days(removed) - 1))
    }

    /// The gone experiments a squad's pages count and name, by id, each once, as `named(testing:today:)`
    /// reads them: those the playbook held on today (`held`: counted among today's experiments already),
    /// and those whose conclusion the reports count, as the report counting its last one read it.
    func named(ofSquad squad: String, today: Day) -> [(id: String, experiment: Experiment, read: Day, held: Bool)] {
        var named: [String: (experiment: Experiment, read: Day, held: Bool)] = [:]
        for counted in conclusions where counted.experiment.squad?.value == squad { named[counted.id] = (counted.experiment, counted.read, false) }
        for held in heldOnTodayBySquad[squad] ?? [] { named[held.id] = (held.experiment, today, true) }
        return named.keys.sorted().compactMap { id in named[id].map { (id, $0.experiment, $0.read, $0.held) } }
    }

    /// The conclusions of gone experiments that tested `hypothesis`, by id, oldest first.
    func testing(_ hypothesis: String) -> [Conclusion] { (byHypothesis[hypothesis] ?? []).map { conclusions[$0] } }

    /// The gone experiments a hypothesis's page names, by id, each once: as it read on `today` when
    /// the playbook held it then, else as the report counting its last conclusion read it.
    func named(testing hypothesis: String, today: Day) -> [(id: String, experiment: Experiment, read: Day)] {
        var named: [String: (experiment: Experiment, read: Day)] = [:]
        for counted in testing(hypothesis) { named[counted.id] = (counted.experiment, counted.read) }
        for held in heldOnToday[hypothesis] ?? [] { named[held.id] = (held.experiment, today) }
        return named.keys.sorted().compactMap { id in named[id].map { (id, $0.experiment, $0.read) } }
    }
}
