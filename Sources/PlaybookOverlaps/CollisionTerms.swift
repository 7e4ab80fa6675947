import PlaybookModel

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
    /// Whether the windows share a day.
    static func meet(_ aStart: Day?, _ aEnd: Day?, _ bStart: Day?, _ bEnd: Day?) -> Bool {
        let start = aStart.map { s in bStart.map { max(s, $0) } ?? s } ?? bStart
        let end = aEnd.map { e in bEnd.map { min(e, $0) } ?? e } ?? bEnd
        if let start, let end, end < start { return false }
        return true
    }

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
        AudienceKey(a).meets(AudienceKey(b))
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

/// An audience folded once for many comparisons: lowercased segment, and region and platform
/// sets where nil means everyone (absent, or naming `all`, `global`…), as `AudienceOverlap.possible` reads them.
struct AudienceKey: Sendable, Hashable {
    var segment: String?
    var regions: Set<String>?
    var platforms: Set<String>?

    init(_ audience: Audience?) {
        segment = audience?.segment?.lowercased()
        regions = Self.folded(audience?.regions)
        platforms = Self.folded(audience?.platforms?.map(\.rawValue))
    }

    private static func folded(_ list: [String]?) -> Set<String>? {
        guard let list else { return nil }
        let set = Set(list.map { $0.lowercased() })
        return set.isDisjoint(with: AudienceOverlap.everywhere) ? set : nil
    }

    func meets(_ other: AudienceKey) -> Bool {
        if let a = segment, let b = other.segment, a != b { return false }
        if let a = regions, let b = other.regions, a.isDisjoint(with: b) { return false }
        if let a = platforms, let b = other.platforms, a.isDisjoint(with: b) { return false }
        return true
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
