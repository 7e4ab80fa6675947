import PlaybookHistory
import PlaybookModel
import PlaybookReports

/// The experiments the playbook had let go of by today (deleted, or moved out of it) that ran before
/// they went: the calendar draws each where it ran, as the history recorded it (its last version
/// before the removal, its live spans up to the removal), marked removed: those gone at the commit
/// too, and those written again after today (the commit holds them, and has their sections). One
/// removed after today was held on today (`ExperimentsOnToday.gone`): it is not here.
struct RemovedExperiments: Sendable {
    struct Removed: Sendable {
        var id: String
        /// Its last version before the removal, as lint's decoder reads it.
        var experiment: Experiment
        /// The commit that removed it (its first 12 hexadecimal digits, as a page's history names a commit) and its day.
        var commit: String
        var day: Day
        /// When it was live, oldest first, each to its last day: one running when removed, to the removal's.
        var live: [(start: Day, end: Day)]
        /// When it stood paused within those spans, each to its last day (paused when removed: to the removal's).
        var paused: [(start: Day, end: Day?)]
    }

    /// In id order.
    private(set) var list: [Removed] = []

    init(catalog: Catalog, lifecycles: ExperimentLifecycles, timelines: Timelines, onToday: ExperimentsOnToday, today: Day) {
        let endOfToday = UTC.seconds(UTC.dayAfter(today))
        // The commit's experiments the playbook did not hold on today are read too (removed then, restored since).
        for id in lifecycles.ids where !catalog.experiments.contains(id) || !onToday.heldOnToday(id) {
            // Events read by position (`for event in` copied each whole event out).
            guard let timeline = timelines[id] else { continue }
            let events = timeline.events
            guard let removal = events.lastIndex(where: { $0.mainLine && $0.time < endOfToday }), events[removal].type == .removed,
                  let last = events[..<removal].lastIndex(where: \.mainLine), events[last].type != .removed,
                  let experiment = timeline.version(at: last).experiment else { continue }
            let removed = events[removal].time, day = UTC.day(of: removed)
            let live = SiteInput.days(lifecycles.liveSpans(of: id, before: removed), until: today).map { ($0.start, max($0.start, $0.end ?? day)) }
            guard !live.isEmpty else { continue }
            let paused = SiteInput.pausedDays(lifecycles.pauses(of: id, before: removed), until: today).map { ($0.start, $0.end ?? day) }
            list.append(Removed(id: id, experiment: experiment, commit: String(events[removal].commit.description.prefix(12)), day: day, live: live,
                                paused: paused.map { ($0.0, Optional($0.1)) }))
        }
    }
}
