import PlaybookModel

/// Where a change lives, as a `/`-separated path.
enum Surface {
    static func normalised(_ surface: String) -> String {
        surface.lowercased().split(separator: "/", omittingEmptySubsequences: true)
            .map { $0.trimmingSpaces() }.joined(separator: "/")
    }

    /// Whether `normalised(surface)` is `surface` itself: lower-case ASCII, no empty segment, no
    /// space at a segment's ends.
    static func isNormalised(_ surface: String) -> Bool {
        var previous = UInt8(ascii: "/")
        for byte in surface.utf8 {
            if byte >= 0x80 || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) { return false }
            if byte == UInt8(ascii: "/"), previous == UInt8(ascii: "/") || previous == UInt8(ascii: " ") { return false }
            if byte == UInt8(ascii: " "), previous == UInt8(ascii: "/") { return false }
            previous = byte
        }
        return previous != UInt8(ascii: "/") && previous != UInt8(ascii: " ")
    }

    /// The same surface, or one nested in the other at a `/` boundary.
    static func related(_ a: String, _ b: String) -> Bool {
        // Surfaces as people write them ("web/home/banner") are already normalised: compared
        // in place, with no copy (the duplicate check asks this of every pair it looks at).
        if isNormalised(a), isNormalised(b) {
            var (short, long) = a.utf8.count < b.utf8.count ? (a, b) : (b, a)
            return short.withUTF8 { s in
                long.withUTF8 { l in
                    s.count == l.count ? s.elementsEqual(l) : (l[s.count] == UInt8(ascii: "/") && s.elementsEqual(l[..<s.count]))
                }
            }
        }
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
        let (start, end) = common(aStart, aEnd, bStart, bEnd)
        if let start, let end, end < start { return nil }
        return describe(start, end)
    }

    /// The common part's first and last days (nil: open), which may not meet.
    static func common(_ aStart: Day?, _ aEnd: Day?, _ bStart: Day?, _ bEnd: Day?) -> (start: Day?, end: Day?) {
        let start = aStart.map { a in bStart.map { max(a, $0) } ?? a } ?? bStart
        let end = aEnd.map { a in bEnd.map { min(a, $0) } ?? a } ?? bEnd
        return (start, end)
    }

    /// "from D1 to D2", "from D1 on", "until D2" or "with no dates".
    static func describe(_ start: Day?, _ end: Day?) -> String {
        var text = ""
        describe(start, end, into: &text)
        return text
    }

    /// `describe`'s text appended to `text`.
    static func describe(_ start: Day?, _ end: Day?, into text: inout some ReasonText) {
        switch (start, end) {
        case let (s?, e?):
            text.append("from ")
            text.appendDay(s)
            text.append(" to ")
            text.appendDay(e)
        case let (s?, nil):
            text.append("from ")
            text.appendDay(s)
            text.append(" on")
        case let (nil, e?):
            text.append("until ")
            text.appendDay(e)
        case (nil, nil):
            text.append("with no dates")
        }
    }
}

/// Whether two audiences can hold the same person: an absent field means everyone.
enum AudienceOverlap {
    static let everywhere: Set<String> = ["all", "global", "worldwide", "any", "*"]

    static func possible(_ a: Audience?, _ b: Audience?) -> Bool {
        // `AudienceKey(a).meets(AudienceKey(b))` without building the keys, for ASCII audiences
        // (the duplicate check asks this of every pair of experiments it looks at).
        guard let a, let b else { return true }
        guard asciiOnly(a), asciiOnly(b) else { return AudienceKey(a).meets(AudienceKey(b)) }
        if let sa = stated(a.segment), let sb = stated(b.segment), !sameIgnoringCase(sa, sb) { return false }
        if disjoint(stated(a.regions), stated(b.regions)) { return false }
        if disjoint(stated(a.platforms), stated(b.platforms)) { return false }
        return true
    }

    /// What keeps two audiences apart that `possible` finds cannot overlap, each field with both sides'
    /// values: "segment new-buyers / returning-buyers", "region br / mx, platform ios / android".
    static func apart(_ a: Audience?, _ b: Audience?) -> String {
        let fields = apartFields(a, b)
        return fields.isEmpty ? "cannot overlap" : fields.joined(separator: "; ")
    }

    /// `apart`'s fields, none when no field names two values that differ.
    private static func apartFields(_ a: Audience?, _ b: Audience?) -> [String] {
        var fields: [String] = []
        if let sa = stated(a?.segment), let sb = stated(b?.segment), !sameLowercased(sa, sb) { fields.append("segment \(sa) / \(sb)") }
        if let ra = stated(a?.regions), let rb = stated(b?.regions), separate(ra, rb) {
            fields.append("region \(ra.joined(separator: ", ")) / \(rb.joined(separator: ", "))")
        }
        let (pa, pb) = (stated(a?.platforms), stated(b?.platforms))
        if let pa, let pb, separate(pa, pb) { fields.append("platform \(pa.joined(separator: ", ")) / \(pb.joined(separator: ", "))") }
        return fields
    }

    /// `apart`'s fields less a region or platform that `named` holds (the kinds of difference a message already
    /// names with both sides' values), or nil when none is left: "differ in region (germany / uk)" is not followed
    /// by "audience (region de / uk)" (review52b #8).
    static func apart(_ a: Audience?, _ b: Audience?, besides named: Set<String>) -> String? {
        // The fields as made, not split out of the joined text again (Foundation's split, per pair compared).
        let made = apartFields(a, b)
        let fields = (made.isEmpty ? ["cannot overlap"] : made)
            .filter { field in !["region", "platform"].contains { named.contains($0) && field.hasPrefix($0 + " ") } }
        return fields.isEmpty ? nil : fields.joined(separator: "; ")
    }

    /// A segment that says something: nil when absent or blank (an audience field left blank names no one apart).
    static func stated(_ value: String?) -> String? {
        guard let value, value.contains(where: { !$0.isWhitespace }) else { return nil }
        return value
    }

    /// A list's values that say something, or nil when none does: `[]` and `[""]` are read as absent (everyone),
    /// so no difference is ever stated with a blank side ("platform  / ").
    static func stated(_ list: [String]?) -> [String]? {
        guard let list else { return nil }
        if list.allSatisfy({ stated($0) != nil }) { return list.isEmpty ? nil : list }
        let named = list.filter { stated($0) != nil }
        return named.isEmpty ? nil : named
    }

    /// Two lists, neither naming everywhere, that share no value, ignoring case (in any script).
    private static func separate(_ a: [String], _ b: [String]) -> Bool {
        !a.contains(where: namesEverywhere) && !b.contains(where: namesEverywhere)
            && !a.contains { x in b.contains { sameLowercased(x, $0) } }
    }

    /// Two lists (nil, or naming everywhere: everyone) that share no value, ignoring case.
    private static func disjoint(_ a: [String]?, _ b: [String]?) -> Bool {
        guard let a, let b else { return false }
        if a.contains(where: namesEverywhere) || b.contains(where: namesEverywhere) { return false }
        return !a.contains { x in b.contains { sameIgnoringCase(x, $0) } }
    }

    /// Whether a value means everyone ("All", "global" …).
    private static func namesEverywhere(_ value: String) -> Bool {
        everywhere.contains(value.lowercased())
    }

    private static func asciiOnly(_ audience: Audience) -> Bool {
        func ascii(_ s: String) -> Bool { s.utf8.allSatisfy { $0 < 0x80 } }
        return (audience.segment.map(ascii) ?? true) && (audience.regions?.allSatisfy(ascii) ?? true)
            && (audience.platforms?.allSatisfy(ascii) ?? true)
    }

    /// ASCII strings equal once lower-cased.
    private static func sameIgnoringCase(_ a: String, _ b: String) -> Bool {
        a == b || (a.utf8.count == b.utf8.count && a.utf8.elementsEqual(b.utf8) { x, y in
            (x >= 65 && x <= 90 ? x | 32 : x) == (y >= 65 && y <= 90 ? y | 32 : y)
        })
    }

    /// "segment trial-users, regions emea, all platforms".
    static func describe(_ a: Audience?, _ b: Audience?) -> String {
        var text = ""
        describe(a, b, into: &text)
        return text
    }

    /// `describe`'s text appended to `text`, with no list built (a busy surface has hundreds of
    /// thousands of collisions, each described).
    static func describe(_ a: Audience?, _ b: Audience?, into text: inout some ReasonText) {
        if let segment = stated(a?.segment) ?? stated(b?.segment) {
            text.append("segment ")
            text.append(segment)
        } else {
            text.append("every segment")
        }
        text.append(", ")
        common(stated(a?.regions), stated(b?.regions), { $0 }, name: "regions", into: &text)
        text.append(", ")
        common(stated(a?.platforms), stated(b?.platforms), { $0 }, name: "platforms", into: &text)
    }

    /// "NAME x, y": the values of `x` also in `y` (ignoring case), or either when the other is nil;
    /// "all NAME" when there are none.
    private static func common<Value>(_ x: [Value]?, _ y: [Value]?, _ word: (Value) -> String, name: String, into text: inout some ReasonText) {
        var first = true
        for item in x ?? y ?? [] {
            if x != nil, let y {
                let value = word(item)
                guard y.contains(where: { sameLowercased(word($0), value) }) else { continue }
            }
            if first {
                text.append(name)
                text.append(" ")
            } else {
                text.append(", ")
            }
            text.append(word(item))
            first = false
        }
        if first {
            text.append("all ")
            text.append(name)
        }
    }

    /// `a.lowercased() == b.lowercased()`, without lower-casing ASCII strings.
    private static func sameLowercased(_ a: String, _ b: String) -> Bool {
        let ascii = a.utf8.allSatisfy { $0 < 0x80 } && b.utf8.allSatisfy { $0 < 0x80 }
        return ascii ? sameIgnoringCase(a, b) : a.lowercased() == b.lowercased()
    }
}

/// An audience folded once for many comparisons: lowercased segment, and region and platform
/// sets where nil means everyone (absent, or naming `all`, `global`…), as `AudienceOverlap.possible` reads them.
struct AudienceKey: Sendable, Hashable {
    var segment: String?
    var regions: Set<String>?
    var platforms: Set<String>?

    init(_ audience: Audience?) {
        segment = AudienceOverlap.stated(audience?.segment)?.lowercased()
        regions = Self.folded(AudienceOverlap.stated(audience?.regions))
        platforms = Self.folded(AudienceOverlap.stated(audience?.platforms))
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

/// Where a collision's reason is written: a `String`, or its UTF-8 bytes (`ReasonBytes`). A busy
/// surface has hundreds of thousands of collisions, each described piece by piece: appended to a
/// `String`, each piece cost a few hundred instructions of its checks.
protocol ReasonText {
    mutating func append(_ piece: String)
    /// `String(number)`'s text.
    mutating func appendDecimal(_ number: Int)
}

extension ReasonText {
    /// `day.description`'s text, YYYY-MM-DD.
    mutating func appendDay(_ day: Day) {
        appendDecimal(day.year)
        append(day.month < 10 ? "-0" : "-")
        appendDecimal(day.month)
        append(day.day < 10 ? "-0" : "-")
        appendDecimal(day.day)
    }
}

extension String: ReasonText {
    mutating func appendDecimal(_ number: Int) { append(String(number)) }
}

/// A reason's UTF-8 bytes, kept to be written again for the next pair.
struct ReasonBytes: ReasonText {
    var bytes: [UInt8] = []

    mutating func append(_ piece: String) {
        if piece.utf8.withContiguousStorageIfAvailable({ bytes.append(contentsOf: $0) }) == nil {
            bytes.append(contentsOf: Array(piece.utf8))
        }
    }

    mutating func appendDecimal(_ number: Int) {
        if number < 0 { bytes.append(UInt8(ascii: "-")) }
        let start = bytes.count
        var rest = number.magnitude
        repeat {
            bytes.append(UInt8(ascii: "0") + UInt8(rest % 10))
            rest /= 10
        } while rest > 0
        bytes[start...].reverse()
    }

    /// The text written, as a `String`.
    var text: String { String(decoding: bytes, as: UTF8.self) }
}
