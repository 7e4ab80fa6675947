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
