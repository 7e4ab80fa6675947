import PlaybookModel
import PlaybookOverlaps
import PlaybookReports

/// The collisions the calendar and the experiments' pages show: the collision rule's (same
/// surface or nested, audiences that meet, no shared exclusion group), over the spans it was
/// live in for an experiment that has concluded or been abandoned (from the history: the rule
/// alone looks at live and ready experiments only, so two that ran together would stop colliding
/// once done; one concluded, re-opened and concluded again collides in neither span's gap), and
/// over the written windows of live and ready ones, as the rule judges them now. Made once per
/// site (`SiteInput.collisions`), by whichever page asks first.
struct LivedCollisions: Sendable {
    var graph: CollisionGraph
    /// The ids judged on their live spans.
    var judgedOnLive: Set<String>

    init(catalog: Catalog, lifecycles: ExperimentLifecycles, today: Day) {
        let list = catalog.sortedExperiments
        var entities: [SourcedEntity] = []
        var judgedOnLive: Set<String> = []
        var spans: [String: [(start: Day, end: Day)]] = [:]
        entities.reserveCapacity(list.count)
        for i in list.indices {
            var e = list[i]
            let id = e.id.value
            if let status = e.status, status.value == .concluded || status.value == .abandoned {
                let lived = SiteInput.days(lifecycles.liveSpans(of: id), until: today)
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
        // Without an experiment that ran and ended, they are the catalog's, computed already.
        graph = judgedOnLive.isEmpty ? catalog.collisions : CollisionGraph(entities, today: today, kept: catalog.collisions.kept, spans: spans)
    }
}
