/// Path patterns for per-path overrides: `*` and `?` within one folder name, `**` across
/// folders; a pattern without wildcards also matches everything under that folder.
struct Glob: Sendable, Hashable {
    let pattern: String
    private let segments: [Substring]

    init(_ pattern: String) {
        self.pattern = pattern
        segments = pattern.split(separator: "/")
    }

    func matches(_ path: String) -> Bool {
        let parts = path.split(separator: "/")
        if !pattern.contains(where: { "*?".contains($0) }) {
            return parts.count >= segments.count && zip(parts, segments).allSatisfy { $0 == $1 }
        }
        return Glob.match(segments[...], parts[...])
    }

    /// `**` matches any run of folders. Matched like `*` below: linear backtracking to the
    /// last `**` only, so no pattern (`**/**/**/…`) can make matching exponential.
    private static func match(_ pattern: ArraySlice<Substring>, _ path: ArraySlice<Substring>) -> Bool {
        wildcard(Array(pattern), Array(path), isStar: { $0 == "**" }, matchesOne: { segment, part in
            matchSegment(Array(segment.unicodeScalars), Array(part.unicodeScalars))
        })
    }

    /// `*` any run of characters, `?` one character, within one folder name.
    private static func matchSegment(_ pattern: [Unicode.Scalar], _ text: [Unicode.Scalar]) -> Bool {
        wildcard(pattern, text, isStar: { $0 == "*" }, matchesOne: { $0 == "?" || $0 == $1 })
    }

    /// Wildcard matching in O(pattern × text) steps without recursion: on a mismatch, only the
    /// most recent star takes one more element (earlier stars never need to, since the later
    /// one can absorb anything they would).
    static func wildcard<Element>(
        _ pattern: [Element], _ text: [Element], isStar: (Element) -> Bool, matchesOne: (Element, Element) -> Bool
    ) -> Bool {
        var p = 0, t = 0
        var star = -1, starText = 0
        while t < text.count {
            if p < pattern.count, isStar(pattern[p]) {
                star = p
                starText = t
                p += 1
            } else if p < pattern.count, matchesOne(pattern[p], text[t]) {
                p += 1
                t += 1
            } else if star >= 0 {
                p = star + 1
                starText += 1
                t = starText
            } else {
                return false
            }
        }
        while p < pattern.count, isStar(pattern[p]) { p += 1 }
        return p == pattern.count
    }
}
