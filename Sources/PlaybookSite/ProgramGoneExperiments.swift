import PlaybookHistory
import PlaybookModel
import PlaybookReports

/// The experiments the program page's quarters count (created, started, concluded or abandoned in
/// one of them) that the playbook no longer holds at the commit (deleted, or moved out of it): no page
/// of the site has them, so the page lists them under its table, as they last read, for its counts
/// to reconcile with what a reader can find (one created and deleted without running is nowhere else).
struct ProgramGoneExperiments {
    struct Gone {
        var id: String
        /// As it last read before its removal (or, with no removal on the main line, as it last read).
        var title: String?
        var squad: String?
        var created: Day?
        /// The commit that removed it (its first 12 hexadecimal digits, as a page's history names a commit) and its day.
        var removed: (commit: String, day: Day)?
        /// Each quarter counting it, with what it counts there (`2026-Q3: created, abandoned`).
        var counted: [String]
    }

    /// In id order.
    private(set) var list: [Gone] = []

    init(reports: [ExperimentReport], catalog: Catalog, timelines: Timelines, lifecycles: ExperimentLifecycles) {
        var counted: [String: [String]] = [:]
        for report in reports {
            guard let overall = report.overall else { continue }
            var events: [String: [String]] = [:]
            for (name, ids) in [("created", overall.created), ("started", overall.started), ("concluded", overall.concluded), ("abandoned", overall.abandoned)] {
                for id in ids where !catalog.experiments.contains(id) { events[id, default: []].append(name) }
            }
            for (id, names) in events { counted[id, default: []].append("\(report.period.label): \(names.joined(separator: ", "))") }
        }
        for id in counted.keys.sorted() {
            var gone = Gone(id: id, counted: counted[id] ?? [])
            gone.created = lifecycles.life(of: id)?.created.map(UTC.day(of:))
            if let timeline = timelines[id] {
                let events = timeline.events
                let removal = events.lastIndex { $0.mainLine && $0.type == .removed }
                if let removal {
                    gone.removed = (String(events[removal].commit.description.prefix(12)), UTC.day(of: events[removal].time))
                }
                let last = events[..<(removal ?? events.endIndex)].lastIndex { $0.mainLine && $0.type != .removed }
                if let experiment = last.flatMap({ timeline.version(at: $0).experiment }) {
                    gone.title = experiment.title
                    gone.squad = experiment.squad?.value
                }
            }
            list.append(gone)
        }
    }
}
