import PlaybookModel

/// Experiments that contaminate each other: live at the same time, on the same or a nested
/// surface, for audiences that overlap, and not kept apart by a shared exclusion group.
enum CollisionDetection {
    /// What takes part, and over which window: running and paused experiments over
    /// `start`–`end`, ready ones over their planned dates. A missing end is open-ended; a
    /// running or paused experiment without a start has been live since before anything else.
    struct Live {
        var experiment: Experiment
        var file: String
        var start: Day?
        var end: Day?
        var surface: String
        var audience: AudienceKey
        /// When it was live in several spans (`start` the first's start, `end` the last's end): it
        /// meets another only in one of them, not in a gap between. Nil: `start` to `end` whole.
        var spans: [(start: Day, end: Day)]?

        init(experiment: Experiment, file: String, start: Day?, end: Day?, surface: String) {
            self.experiment = experiment
            self.file = file
            self.start = start
            self.end = end
            self.surface = surface
            audience = AudienceKey(experiment.audience)
        }
    }

    static func live(_ entities: [SourcedEntity], today: Day?) -> [Live] {
        entities.compactMap { sourced in
            guard case .experiment(let e) = sourced.entity, let status = e.status?.value,
                  let surface = e.surface?.value else { return nil }
            // Without an end, the planned one is start + design.duration_days, when known.
            let plannedEnd = e.end?.value ?? e.start.flatMap { start in
                e.design?.durationDays.map { start.value.adding(days: $0.value) }
            }
            switch status {
            case .running, .paused:
                var end = plannedEnd
                // Still running after its planned end: live until at least today.
                if status == .running, let planned = end, let today, planned < today { end = today }
                return Live(experiment: e, file: sourced.file, start: e.start?.value, end: end, surface: Surface.normalised(surface))
            case .ready:
                // A ready experiment without planned dates has no window to compare yet.
                guard let start = e.start?.value else { return nil }
                return Live(experiment: e, file: sourced.file, start: start, end: plannedEnd, surface: Surface.normalised(surface))
            default:
                return nil
            }
        }
    }

    /// Every colliding pair; or, past `perExperiment` (above 0) collisions for one experiment, one
    /// entry for it instead (`CollisionGraph.overlaps(crowdedPast:listed:)`): 20,000 experiments live
    /// on one surface are 200 million pairs, more than memory holds.
    static func find(_ entities: [SourcedEntity], today: Day?, perExperiment: Int? = nil) -> [Overlap] {
        guard let limit = perExperiment, limit > 0 else {
            let graph = CollisionGraph(entities, today: today)
            return graph.overlaps(limit: graph.count)
        }
        let listed = CollisionGraph.listedWhenCrowded
        return CollisionGraph(entities, today: today, kept: max(limit, listed), keptWhenCrowded: listed).overlaps(crowdedPast: limit, listed: listed)
    }

    /// Calls `meet(i, j)` once for each pair of `own` × `subtree` (own ⊆ subtree) whose windows
    /// overlap and that no shared exclusion group keeps apart, `i` before `j` in start order: a
    /// sweep by start that keeps the windows still open, by exclusion group.
    static func sweep(own: [Int], subtree: [Int], _ experiments: [Test], meet: (Int, Int) -> Void) {
        let isOwn = Set(own)
        // Start order, a missing start first; ties in input order, so messages do not depend on the index.
        let order = subtree.sorted { a, b in
            let sa = experiments[a].start, sb = experiments[b].start
            if sa != sb { return sa.map { s in sb.map { s < $0 } ?? false } ?? true }
            return a < b
        }
        // Open windows by exclusion group (nil: none): one group's experiments never collide.
        var openOwn: [Int32: [Int]] = [:], openOther: [Int32: [Int]] = [:]
        /// Meets `j` with the open windows of other groups, dropping those that ended before it starts.
        func meetOpen(_ open: inout [Int32: [Int]], _ j: Int) {
            let start = experiments[j].start, group = experiments[j].group
            for key in Array(open.keys) where group < 0 || key < 0 || key != group {
                guard var list = open[key] else { continue }
                var kept = 0
                for i in list {
                    if let start, let end = experiments[i].end, end < start { continue }
                    list[kept] = i
                    kept += 1
                    meet(i, j)
                }
                list.removeLast(list.count - kept)
                open[key] = list.isEmpty ? nil : list
            }
        }
        for j in order {
            meetOpen(&openOwn, j)
            let group = experiments[j].group
            if isOwn.contains(j) {
                meetOpen(&openOther, j)
                openOwn[group, default: []].append(j)
            } else {
                openOther[group, default: []].append(j)
            }
        }
    }

    /// Whether two live experiments collide (the test alone, without building the reason).
    /// `related` says the surfaces are known to be the same or nested.
    static func collides(_ a: Live, _ b: Live, related: Bool = false) -> Bool {
        guard related || Surface.related(a.surface, b.surface) else { return false }
        if let ga = a.experiment.exclusionGroup, let gb = b.experiment.exclusionGroup, ga == gb { return false }
        guard meet(a, b) else { return false }
        return a.audience.meets(b.audience)
    }

    /// Whether the windows of two live experiments share a day: a span of one with a span of the
    /// other, where either was live in several (`Live.spans`).
    static func meet(_ a: Live, _ b: Live) -> Bool {
        guard Window.meet(a.start, a.end, b.start, b.end) else { return false }
        return (a.spans == nil && b.spans == nil) || !common(a, b).isEmpty
    }

    /// The days two live experiments share, oldest first: one window, or, where either was live
    /// in several spans, each part a span of one shares with one of the other.
    static func common(_ a: Live, _ b: Live) -> [(start: Day?, end: Day?)] {
        let first: [(start: Day?, end: Day?)] = a.spans?.map { ($0.start, $0.end) } ?? [(a.start, a.end)]
        let second: [(start: Day?, end: Day?)] = b.spans?.map { ($0.start, $0.end) } ?? [(b.start, b.end)]
        var out: [(start: Day?, end: Day?)] = []
        for x in first {
            for y in second {
                let (start, end) = Window.common(x.start, x.end, y.start, y.end)
                if let start, let end, end < start { continue }
                out.append((start, end))
            }
        }
        return out.sorted { a, b in a.start.map { s in b.start.map { s < $0 } ?? false } ?? (b.start != nil) }
    }

    /// `common`'s parts as a reason words them: "from D1 to D2 and from D3 to D4".
    static func describeCommon(_ a: Live, _ b: Live, into text: inout some ReasonText) -> Bool {
        let parts = common(a, b)
        guard !parts.isEmpty else { return false }
        for (index, part) in parts.enumerated() {
            if index > 0 { text.append(" and ") }
            Window.describe(part.start, part.end, into: &text)
        }
        return true
    }

    /// What the collision test reads of an experiment, copied out once and with its exclusion
    /// group and audience numbered, so that hundreds of thousands of tests compare integers.
    struct Test: Sendable {
        var start: Day?
        var end: Day?
        /// The exclusion group's number, -1 for none.
        var group: Int32
        var audience: Int32
    }

    /// Each experiment's test, the distinct audiences, and whether audience i meets audience j
    /// (`meets[i * count + j]`) when there are few enough to tabulate (else `meets` is empty).
    static func tests(_ live: [Live]) -> (tests: [Test], audiences: [AudienceKey], meets: [Bool]) {
        var groups: [String: Int32] = [:], audiences: [AudienceKey: Int32] = [:]
        var distinct: [AudienceKey] = []
        let tests = live.map { item -> Test in
            var group: Int32 = -1
            if let name = item.experiment.exclusionGroup {
                group = groups[name] ?? Int32(groups.count)
                groups[name] = group
            }
            let audience: Int32
            if let number = audiences[item.audience] {
                audience = number
            } else {
                audience = Int32(distinct.count)
                audiences[item.audience] = audience
                distinct.append(item.audience)
            }
            return Test(start: item.start, end: item.end, group: group, audience: audience)
        }
        let count = distinct.count
        // A table of 512 × 512 is a quarter of a megabyte; past that each test compares the sets.
        guard count <= 512 else { return (tests, distinct, []) }
        var meets = [Bool](repeating: false, count: count * count)
        for i in 0..<count {
            for j in i..<count {
                let meet = distinct[i].meets(distinct[j])
                meets[i * count + j] = meet
                meets[j * count + i] = meet
            }
        }
        return (tests, distinct, meets)
    }

    /// The collision of two live experiments, or nil for a near miss.
    /// `related` says the surfaces are known to be the same or nested.
    static func collision(_ a: Live, _ b: Live, related: Bool = false) -> Overlap? {
        guard collides(a, b, related: related) else { return nil }
        // Named in id order, as the pair is listed ("EXP-0003 ↔ EXP-0004: EXP-0003 and EXP-0004 …"), whichever the sweep met first.
        let (a, b) = a.experiment.id.value <= b.experiment.id.value ? (a, b) : (b, a)
        var window = ""
        if a.spans == nil && b.spans == nil {
            guard let whole = Window.overlap(a.start, a.end, b.start, b.end) else { return nil }
            window = whole
        } else {
            guard describeCommon(a, b, into: &window) else { return nil }
        }
        let ea = a.experiment, eb = b.experiment
        let surface = a.surface == b.surface ? "the surface \(a.surface)" : "nested surfaces \(a.surface) and \(b.surface)"
        let who = AudienceOverlap.describe(ea.audience, eb.audience)
        let reason = "\(ea.id.value) and \(eb.id.value) are live together \(window) on \(surface) for \(who), "
            + "and share no exclusion_group; put them in one exclusion_group, move one's dates, or split the audience"
        return Overlap(
            kind: .collision,
            sides: [OverlapSide(id: ea.id.value, squad: ea.squad?.value, file: a.file, mark: ea.id.mark),
                    OverlapSide(id: eb.id.value, squad: eb.squad?.value, file: b.file, mark: eb.id.mark)],
            score: 1, reason: reason)
    }
}
