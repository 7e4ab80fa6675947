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
    }

    static func live(_ entities: [SourcedEntity], today: Day?) -> [Live] {
        entities.compactMap { sourced in
            guard case .experiment(let e) = sourced.entity, let status = e.status?.value,
                  let surface = e.surface?.value else { return nil }
            switch status {
            case .running, .paused:
                var end = e.end?.value
                // Still running after its planned end: live until at least today.
                if status == .running, let planned = end, let today, planned < today { end = today }
                return Live(experiment: e, file: sourced.file, start: e.start?.value, end: end, surface: Surface.normalised(surface))
            case .ready:
                // A ready experiment without planned dates has no window to compare yet.
                guard let start = e.start?.value else { return nil }
                return Live(experiment: e, file: sourced.file, start: start, end: e.end?.value, surface: Surface.normalised(surface))
            default:
                return nil
            }
        }
    }

    static func find(_ entities: [SourcedEntity], today: Day?) -> [Overlap] {
        let experiments = live(entities, today: today)
        // Bucket by the first surface segment: nested surfaces always share it.
        var byRoot: [Substring: [Int]] = [:]
        for (index, live) in experiments.enumerated() {
            byRoot[live.surface.split(separator: "/").first ?? "", default: []].append(index)
        }
        var out: [Overlap] = []
        for bucket in byRoot.values {
            // Sweep by start: once a later experiment starts after this one ends, none after it can meet it.
            let sorted = bucket.sorted { a, b in
                let sa = experiments[a].start, sb = experiments[b].start
                if sa != sb { return sa.map { s in sb.map { s < $0 } ?? false } ?? true }
                return a < b
            }
            for (position, i) in sorted.enumerated() {
                let end = experiments[i].end
                for j in sorted[(position + 1)...] {
                    if let end, let start = experiments[j].start, end < start { break }
                    if let overlap = collision(experiments[i], experiments[j]) { out.append(overlap) }
                }
            }
        }
        return out
    }

    /// The collision of two live experiments, or nil for a near miss.
    static func collision(_ a: Live, _ b: Live) -> Overlap? {
        guard Surface.related(a.surface, b.surface) else { return nil }
        guard let window = Window.overlap(a.start, a.end, b.start, b.end) else { return nil }
        guard AudienceOverlap.possible(a.experiment.audience, b.experiment.audience) else { return nil }
        if let ga = a.experiment.exclusionGroup, let gb = b.experiment.exclusionGroup, ga == gb { return nil }
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

/// Where a change lives, as a `/`-separated path.
enum Surface {
    static func normalised(_ surface: String) -> String {
        surface.lowercased().split(separator: "/", omittingEmptySubsequences: true)
            .map { $0.trimmingSpaces() }.joined(separator: "/")
    }

    /// The same surface, or one nested in the other at a `/` boundary.
    static func related(_ a: String, _ b: String) -> Bool {
        let a = normalised(a), b = normalised(b)
        if a == b { return true }
        let (short, long) = a.count < b.count ? (a, b) : (b, a)
        return long.hasPrefix(short + "/")
    }
}

/// Two date windows, inclusive; nil ends are open.
enum Window {
    /// "from D1 to D2" for the common part, or nil when the windows are disjoint.
    static func overlap(_ aStart: Day?, _ aEnd: Day?, _ bStart: Day?, _ bEnd: Day?) -> String? {
        let start = [aStart, bStart].compactMap { $0 }.max()
        let end = [aEnd, bEnd].compactMap { $0 }.min()
        if let start, let end, end < start { return nil }
        switch (start, end) {
        case let (s?, e?): return "from \(s) to \(e)"
        case let (s?, nil): return "from \(s) on"
        case let (nil, e?): return "until \(e)"
        case (nil, nil): return "with no dates"
        }
    }
}

/// Whether two audiences can hold the same person: an absent field means everyone.
enum AudienceOverlap {
    static let everywhere: Set<String> = ["all", "global", "worldwide", "any", "*"]

    static func possible(_ a: Audience?, _ b: Audience?) -> Bool {
        if let sa = a?.segment?.lowercased(), let sb = b?.segment?.lowercased(), sa != sb { return false }
        if !listsMeet(a?.regions, b?.regions) { return false }
        if !listsMeet(a?.platforms?.map(\.rawValue), b?.platforms?.map(\.rawValue)) { return false }
        return true
    }

    static func listsMeet(_ a: [String]?, _ b: [String]?) -> Bool {
        guard let a, let b else { return true }
        let sa = Set(a.map { $0.lowercased() }), sb = Set(b.map { $0.lowercased() })
        if !sa.isDisjoint(with: everywhere) || !sb.isDisjoint(with: everywhere) { return true }
        return !sa.isDisjoint(with: sb)
    }

    /// "segment trial-users, regions emea, all platforms".
    static func describe(_ a: Audience?, _ b: Audience?) -> String {
        let segment = a?.segment ?? b?.segment
        func common(_ x: [String]?, _ y: [String]?) -> [String]? {
            switch (x, y) {
            case (nil, nil): nil
            case let (x?, nil): x
            case let (nil, y?): y
            case let (x?, y?): x.filter { item in y.contains { $0.lowercased() == item.lowercased() } }
            }
        }
        let regions = common(a?.regions, b?.regions)
        let platforms = common(a?.platforms?.map(\.rawValue), b?.platforms?.map(\.rawValue))
        var parts = [segment.map { "segment \($0)" } ?? "every segment"]
        parts.append(regions.map { $0.isEmpty ? "all regions" : "regions \($0.joined(separator: ", "))" } ?? "all regions")
        parts.append(platforms.map { $0.isEmpty ? "all platforms" : "platforms \($0.joined(separator: ", "))" } ?? "all platforms")
        return parts.joined(separator: ", ")
    }
}

extension Substring {
    func trimmingSpaces() -> Substring {
        var s = self
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return s
    }
}
