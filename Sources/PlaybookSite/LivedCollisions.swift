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
    /// The ids still planned on today (ready): the collision rule judges them on their planned windows.
    private var plannedIds: Set<String> = []
    /// Pairs of which one experiment or both had ended (concluded or abandoned) by today: they ran at the
    /// same time, a past fact, and are no collision to resolve (lint and `playbook overlaps` judge running,
    /// paused and ready experiments only, so they see no such pair).
    private(set) var endedPairs = 0
    /// How many such pairs each experiment is in.
    private var endedPartners: [String: Int] = [:]

    /// The pairs the collision rule judges on today: all but `endedPairs`.
    var collidingPairs: Int { graph.count - endedPairs }

    /// Whether `a` or `b` had ended by today (the pair ran at the same time, in the past; the rule judges it not).
    func isPast(_ a: String, _ b: String) -> Bool { judgedOnLive.contains(a) || judgedOnLive.contains(b) }

    /// How many experiments collide with `id` as the collision rule judges them, past pairs left out.
    func collisionCount(of id: String) -> Int { graph.count(of: id) - (endedPartners[id] ?? 0) }

    /// `id`'s partners, the first `limit` by id: those it collides with, and those it ran at the same time with (one or both ended).
    func partners(of id: String, limit: Int) -> (colliding: [(id: String, reviewedBy: String?)], ranWith: [String]) {
        guard !judgedOnLive.isEmpty else { return (graph.partners(of: id, limit: limit), []) }
        let all = graph.partners(of: id, limit: graph.count(of: id))
        return (Array(all.lazy.filter { !self.isPast(id, $0.id) }.prefix(limit)),
                Array(all.lazy.filter { self.isPast(id, $0.id) }.map(\.id).prefix(limit)))
    }

    /// The reason of a pair of which one or both had ended by today (the collision rule's), in the past tense,
    /// without the rule's advice (nothing is left to move or split): two that were live ran at the same time;
    /// one still ready overlapped with its planned window.
    func ranTogether(_ reason: String, ids: [String]) -> String {
        var text = reason
        if ids.count == 2, let range = text.range(of: " are live together ") {
            let planned = ids.first { plannedIds.contains($0) }
            let ended = ids.first { judgedOnLive.contains($0) }
            if let planned, let ended, planned != ended {
                // "EXP-1 and EXP-2" → "EXP-1 (live, from the history) and EXP-2 (its planned window) overlapped".
                let note = { (id: String) in id == ended ? "\(id) (live, from the history)" : "\(id) (its planned window)" }
                text.replaceSubrange(text.startIndex..<range.upperBound, with: "\(note(ids[0])) and \(note(ids[1])) overlapped ")
            } else {
                text.replaceSubrange(range, with: " ran at the same time ")
            }
        }
        if let advice = text.range(of: ", and share no exclusion_group; ") {
            text.replaceSubrange(advice.lowerBound..<text.endIndex, with: ", in no shared exclusion group")
        }
        return text
    }

    init(catalog: Catalog, lifecycles: ExperimentLifecycles, onToday: ExperimentsOnToday, today: Day) {
        let list = onToday.experiments(catalog)
        var entities: [SourcedEntity] = []
        var judgedOnLive: Set<String> = []
        var plannedIds: Set<String> = []
        var spans: [String: [(start: Day, end: Day)]] = [:]
        entities.reserveCapacity(list.count)
        for i in list.indices where list[i].heldOnToday {
            var e = list[i].experiment
            let id = e.id.value
            if e.status?.value == .ready { plannedIds.insert(id) }
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
        self.plannedIds = plannedIds
        defer {
            // Pairs with a side that had ended by today: each side counts the pair once (an ended one
            // every partner it has; one still judged, its ended partners).
            for id in judgedOnLive {
                for other in graph.partners(of: id, limit: graph.count(of: id)) {
                    endedPartners[id, default: 0] += 1
                    if !judgedOnLive.contains(other.id) { endedPartners[other.id, default: 0] += 1 }
                }
            }
            endedPairs = endedPartners.values.reduce(0, +) / 2
        }
        // Without an experiment that ran and ended, or one that stood otherwise on today, they are
        // the catalog's, computed already.
        graph = judgedOnLive.isEmpty && onToday.isEmpty ? catalog.collisions(today: today)
            : CollisionGraph(entities, today: today, kept: catalog.keptCollisions, spans: spans)
    }

    /// A judged pair's reason as the calendar words it: the collision rule says "live together" of every pair,
    /// which holds only when both are live (running or paused) on today; two still planned (ready) say that
    /// their planned windows overlap, and one live beside one planned says which is which
    /// (`EXP-2 is live and EXP-1 is planned: their windows overlap from … to …`). A pair with a side that
    /// has ended is `ranTogether`'s.
    func worded(_ reason: String, ids: [String]) -> String {
        guard ids.count == 2 else { return reason }
        let planned = (plannedIds.contains(ids[0]), plannedIds.contains(ids[1]))
        guard planned.0 || planned.1 else { return reason }
        for (a, b) in [(ids[0], ids[1]), (ids[1], ids[0])] {
            let prefix = "\(a) and \(b) are live together "
            guard reason.hasPrefix(prefix) else { continue }
            let rest = reason.dropFirst(prefix.count)
            if planned.0 && planned.1 { return "\(a) and \(b): their planned windows overlap \(rest)" }
            let (live, ready) = planned.0 ? (ids[1], ids[0]) : (ids[0], ids[1])
            return "\(live) is live and \(ready) is planned: their windows overlap \(rest)"
        }
        return reason
    }

    /// How `id` and `other`, a colliding pair, stand on today, as an experiment's page words a partner:
    /// `both live`, `both planned`, or which of the two is live and which planned.
    func standing(of id: String, with other: String) -> String {
        switch (plannedIds.contains(id), plannedIds.contains(other)) {
        case (false, false): "both live"
        case (true, true): "both planned: their planned windows overlap"
        case (true, false): "it is live; this one is planned"
        case (false, true): "it is planned; this one is live"
        }
    }
}
