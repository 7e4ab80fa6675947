import PlaybookModel
import PlaybookOverlaps
import PlaybookReports

/// The collisions the calendar and the experiments' pages show: the collision rule's (same
/// surface or nested, audiences that meet, no shared exclusion group), over the windows as they
/// were lived for an experiment that has concluded or been abandoned (its live window from the
/// history: the rule alone looks at live and ready experiments only, so two that ran together
/// would stop colliding once done), and over the written windows of live and ready ones, as the
/// rule judges them now. Made once per site (`SiteInput.collisions`), by whichever page asks first.
struct LivedCollisions: Sendable {
    var graph: CollisionGraph
    /// The ids judged on their live window.
    var judgedOnLive: Set<String>

    init(catalog: Catalog, lifecycles: ExperimentLifecycles, today: Day) {
        let list = catalog.sortedExperiments
        var entities: [SourcedEntity] = []
        var judgedOnLive: Set<String> = []
        entities.reserveCapacity(list.count)
        for i in list.indices {
            var e = list[i]
            let id = e.id.value
            if let status = e.status, status.value == .concluded || status.value == .abandoned,
               let window = lifecycles.liveWindow(of: id), let end = window.end {
                // Paused: live over its window, and not stretched to today as a late running one is.
                e.status = Located(.paused, at: status.mark)
                e.start = Located(UTC.day(of: window.start), at: e.start?.mark ?? status.mark)
                e.end = Located(UTC.day(of: end), at: e.end?.mark ?? status.mark)
                judgedOnLive.insert(id)
            }
            entities.append(SourcedEntity(entity: .experiment(e), file: catalog.files[id] ?? ""))
        }
        self.judgedOnLive = judgedOnLive
        // Without an experiment that ran and ended, they are the catalog's, computed already.
        graph = judgedOnLive.isEmpty ? catalog.collisions : CollisionGraph(entities, today: today, kept: catalog.collisions.kept)
    }
}
