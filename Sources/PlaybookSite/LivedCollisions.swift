import PlaybookModel
import PlaybookOverlaps
import PlaybookReports

/// The collisions the calendar and the experiments' pages show: the collision rule's (same
/// surface or nested, audiences that meet, no shared exclusion group), over the spans it was
/// live in for an experiment that has concluded or been abandoned (from the history: the rule
/// alone looks at live and ready experiments only, so two that ran together would stop colliding
/// once done; one concluded, re-opened and concluded again collides in neither span's gap), and
/// over the written windows of live and ready ones, as the rule judges them now. All as the
/// playbook held them on today (`ExperimentsOnToday`): one abandoned after today is judged on its
/// written window, one started after today as it stood then, one written after today not at all.
/// Made once per site (`SiteInput.collisions`), by whichever page asks first.
struct LivedCollisions: Sendable {
    var graph: CollisionGraph
    /// The ids judged on their live spans.
    var judgedOnLive: Set<String>

    init(catalog: Catalog, lifecycles: ExperimentLifecycles, onToday: ExperimentsOnToday, today: Day) {
        let list = onToday.experiments(catalog)
        var entities: [SourcedEntity] = []
        var judgedOnLive: Set<String> = []
        var spans: [String: [(start: Day, end: Day)]] = [:]
        entities.reserveCapacity(list.count)
        for i in list.indices where list[i].heldOnToday {
            var e = list[i].experiment
            let id = e.id.value
            if let status = e.status, status.value == .concluded || status.value == .abandoned {
                let lived = onToday.liveSpans(of: id, lifecycles: lifecycles)
                if let first = lived.first, let end = lived.last?.end {
                    // Paused: live over its window, and not stretched to today as a late running one is.
                    e.status = Located(.paused, at: status.mark)
                    e.start = Located(first.start, at: e.start?.mark ?? status.mark)
                    e.end = Located(end, at: e.end?.mark ?? status.mark)
                    judgedOnLive.insert(id)
                    if lived.count > 1 { spans[id] = lived.map { ($0.start, $0.end ?? $0.start) } }
                }
            }
            entities.append(SourcedEntity(entity: .experiment(e), file: catalog.files[id] ?? ""))
        }
        self.judgedOnLive = judgedOnLive
        // Without an experiment that ran and ended, or one that stood otherwise on today, they are
        // the catalog's, computed already.
        graph = judgedOnLive.isEmpty && onToday.isEmpty ? catalog.collisions(today: today)
            : CollisionGraph(entities, today: today, kept: catalog.keptCollisions, spans: spans)
    }

    /// A pair's reason as the calendar words it: the collision rule says "live together" of every pair, but
    /// it judges one running, paused or ready on its written window, which need not be when it ran (a draft
    /// until later, a start still to come); "live together" is kept for a pair both judged on their live
    /// spans from the history, and the others say which windows overlap.
    func worded(_ reason: String, ids: [String]) -> String {
        guard ids.count == 2 else { return reason }
        for (a, b) in [(ids[0], ids[1]), (ids[1], ids[0])] {
            let prefix = "\(a) and \(b) are live together "
            guard reason.hasPrefix(prefix) else { continue }
            let rest = reason.dropFirst(prefix.count)
            switch (judgedOnLive.contains(a), judgedOnLive.contains(b)) {
            case (true, true): return reason
            case (false, false): return "\(a) and \(b): their planned windows overlap \(rest)"
            case (true, false): return "\(a) (live, from the history) and \(b) (its planned window) overlap \(rest)"
            case (false, true): return "\(a) (its planned window) and \(b) (live, from the history) overlap \(rest)"
            }
        }
        return reason
    }
}
