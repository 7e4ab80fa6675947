import PlaybookHistory
import PlaybookModel
import PlaybookReports

extension SiteInput {
    /// The squads the squads index lists, in id order: each the playbook held on today, as it read then
    /// (one renamed or deleted since among them, `held` true), and each of the commit's written after today
    /// (`held` false), as the commit has it. A `--today` before the commit's last moves counts a squad's
    /// budget and experiments as they stood then, so the squads are the ones that stood then too.
    func squadsOnToday() -> [(squad: Squad, held: Bool)] {
        let endOfToday = UTC.seconds(UTC.dayAfter(today))
        var out: [(squad: Squad, held: Bool)] = []
        var seen: Set<String> = []
        for timeline in timelines.all(kind: Kind.squad.rawValue) {
            guard ExperimentsOnToday.changed(timeline, after: endOfToday) else { continue }
            seen.insert(timeline.id)
            if let then = timeline.version(before: endOfToday)?.squad {
                out.append((then, true))
            } else if let now = catalog.squads[timeline.id] {
                out.append((now, false))
            }
        }
        for squad in catalog.sortedSquads where !seen.contains(squad.id.value) { out.append((squad, true)) }
        return out.sorted { $0.squad.id.value < $1.squad.id.value }
    }

    /// Whether the playbook held squad `id` on today (true for one no commit after today changed).
    func squadHeldOnToday(_ id: String) -> Bool {
        let endOfToday = UTC.seconds(UTC.dayAfter(today))
        guard let timeline = timelines[id], ExperimentsOnToday.changed(timeline, after: endOfToday) else { return true }
        return timeline.version(before: endOfToday)?.squad != nil
    }
}
