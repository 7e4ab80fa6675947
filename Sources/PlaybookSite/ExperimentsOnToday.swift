import PlaybookHistory
import PlaybookModel
import PlaybookReports

/// The experiments as the playbook held them on `today` where a later commit changed them (a
/// `--today` before the commit's last moves), read as `report experiments --today` reads them (the
/// last first-parent commit before today's end): what the calendar draws and judges collisions on,
/// and the result an experiment's section gives as known on today. Built from the timelines the site
/// holds already (no walk of the history); with nothing changed after today it holds nothing, and
/// every page reads the commit's experiments as before. Made once per site (`SiteInput.onToday`).
struct ExperimentsOnToday: Sendable {
    let today: Day
    /// The playbook's experiments a commit after today changed, by id: each as it read on today, nil
    /// when the playbook did not hold it then (written later, or removed then and restored since).
    private(set) var changed: [String: Experiment?] = [:]
    /// The experiments gone from the playbook at the commit that it held on today, as they read then, by id.
    private(set) var gone: [(id: String, experiment: Experiment)] = []
    /// When each experiment of `changed` or `gone` was live up to today, where the spans read from
    /// its status at the commit lose what stood on today (deleted since, or its start undone after
    /// today: back in draft or ready): from its moves up to today's end, as the report counts its start.
    private var livedOnToday: [String: [(start: Day, end: Day?)]] = [:]

    init(catalog: Catalog, lifecycles: ExperimentLifecycles, timelines: Timelines, today: Day) {
        self.today = today
        let endOfToday = UTC.seconds(UTC.dayAfter(today))
        for id in lifecycles.ids {
            guard let timeline = timelines[id], Self.changed(timeline, after: endOfToday) else { continue }
            let then = timeline.version(before: endOfToday)?.experiment ?? Self.madeOnASide(id, timeline, lifecycles: lifecycles, before: endOfToday)
            if catalog.experiments.contains(id) {
                changed[id] = .some(then)
            } else if let then {
                gone.append((id, then))
            } else {
                continue
            }
            // Its moves up to today's end, each run apart (re-opened after a conclusion, the gap between shows).
            guard then != nil, SiteInput.days(lifecycles.liveSpans(of: id), until: today).isEmpty else { continue }
            livedOnToday[id] = SiteInput.days(lifecycles.liveSpans(of: id, before: endOfToday), until: today)
        }
    }

    /// Read with all parents, an experiment made on a side branch before `time` that the main line held
    /// only after it (merged later), as `report experiments --all-parents` reads it then: created and
    /// moved by the side's commits, so at the status its last move before `time` set, with the values of
    /// the first version the main line held. Nil for any other (the main line's version is the one read).
    static func madeOnASide(_ id: String, _ timeline: Timeline, lifecycles: ExperimentLifecycles, before time: Int64) -> Experiment? {
        guard timeline.hasSideEvents, !timeline.events.contains(where: { $0.mainLine && $0.time < time }),
              let facts = lifecycles.facts(of: id, until: time), var experiment = facts.experiment else { return nil }
        let mark = experiment.status?.mark ?? experiment.id.mark
        experiment.status = lifecycles.status(of: id, before: time).map { Located($0, at: mark) }
        return experiment
    }

    /// Whether a first-parent commit after `time` changed the entity: its version then is not the commit's.
    static func changed(_ timeline: Timeline, after time: Int64) -> Bool {
        let events = timeline.events
        guard let last = events.lastIndex(where: \.mainLine) else { return false }
        return events.lastIndex(where: { $0.mainLine && $0.time < time }) != last
    }

    /// Whether nothing the playbook held on today differs from the commit's.
    var isEmpty: Bool { changed.isEmpty && gone.isEmpty }

    /// Whether a commit after today changed experiment `id`, one of the playbook's at the commit.
    func changedAfterToday(_ id: String) -> Bool { changed.index(forKey: id) != nil }

    /// Whether the playbook held experiment `id` on today (as far as the commits after today tell:
    /// true for one they did not change).
    func heldOnToday(_ id: String) -> Bool {
        guard let then = changed[id] else { return true }
        return then != nil
    }

    /// The result experiment `id` had on today where a commit after today changed it (nil: none then,
    /// or not in the playbook then), else `atCommit`, its result at the commit.
    func result(of id: String, atCommit: ExperimentResult?) -> ExperimentResult? {
        guard let then = changed[id] else { return atCommit }
        return then?.result
    }

    /// When experiment `id` was live up to today (`SiteInput.liveSpans(of:)`).
    func liveSpans(of id: String, lifecycles: ExperimentLifecycles) -> [(start: Day, end: Day?)] {
        livedOnToday[id] ?? SiteInput.days(lifecycles.liveSpans(of: id), until: today)
    }

    /// The experiments the calendar shows, in id order: each of the commit's as it read on today
    /// (as at the commit when no later commit changed it, or when the playbook did not hold it then),
    /// and those gone since that the playbook held on today. `heldOnToday` is false for one written later.
    func experiments(_ catalog: Catalog) -> [(experiment: Experiment, heldOnToday: Bool)] {
        let list = catalog.sortedExperiments
        guard !isEmpty else { return list.map { ($0, true) } }
        var out: [(experiment: Experiment, heldOnToday: Bool)] = []
        out.reserveCapacity(list.count + gone.count)
        var next = 0
        for i in list.indices {
            let id = list[i].id.value
            while next < gone.count, gone[next].id < id { out.append((gone[next].experiment, true)); next += 1 }
            switch changed[id] {
            case .some(.some(let then)): out.append((then, true))
            case .some(.none): out.append((list[i], false))
            case .none: out.append((list[i], true))
            }
        }
        for rest in gone[next...] { out.append((rest.experiment, true)) }
        return out
    }
}
