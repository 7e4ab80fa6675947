import PlaybookSimilarity

/// What the words of a hypothesis say about where a change lives and whom it is for: its
/// platform, region, surface and segment. Each facet has dimensions (a platform has an
/// operating system and a device); two texts differ on a facet when, on some dimension, both
/// name values and share none ("iPhone" and "Android phones": ios against android).
struct Facets: Sendable, Hashable {
    enum Facet: String, Sendable, Hashable, CaseIterable, Comparable {
        case platform, region, surface, segment
        static func < (a: Facet, b: Facet) -> Bool { a.rawValue < b.rawValue }
        // Compared and hashed as cases: a raw-valued enum otherwise takes `RawRepresentable`'s, which
        // hash and compare the name, a string hashed at every look-up of a pair's facets.
        static func == (a: Facet, b: Facet) -> Bool { a.number == b.number }
        func hash(into hasher: inout Hasher) { hasher.combine(number) }
        private var number: UInt8 {
            switch self {
            case .platform: 0
            case .region: 1
            case .surface: 2
            case .segment: 3
            }
        }
    }

    /// The stem of "without".
    static let without = "without"

    /// For each facet and dimension, the values named, each with the vocabulary's phrase that named it.
    private(set) var values: [Facet: [String: [String: String]]] = [:]

    /// Segment values a text names only to deny them ("couples, no children", "without kids"), keyed by dimension
    /// and value (`deniedKey`), each with the phrase that named it: another audience than one that names them
    /// (a blind hand-written look-alike, couples against families, was a duplicate "matching segment (child)").
    private(set) var deniedSegments: [String: String] = [:]

    static func deniedKey(_ dimension: String, _ value: String) -> String { dimension + "\u{1}" + value }

    /// Reads what `TermReader` read of a text for the given facets.
    init(stems: Reading, facets: Set<Facet>) {
        self.init(stems: stems.stems, facets: facets)
    }

    /// Reads `stems` (from `TermReader`) for the given facets; the longest phrase wins. What a text
    /// says it does without ("without an email", "without me emailing anyone") is not where it happens:
    /// a phrase right after a "without" of its own (not one in a phrase, "without paying"), or after it
    /// and one determiner or pronoun, names nothing. A bare "push" is the verb as often as the channel
    /// ("push a signature to every mailbox"): the channel only as a noun phrase of the vocabulary, or
    /// beside another channel ("move the reminder from email to push").
    init(stems: [String], facets: Set<Facet>) {
        var index = 0
        var lastMatch = 0..<0
        func freeWithout(_ at: Int) -> Bool {
            stems[at] == Self.without && !(lastMatch.count > 1 && lastMatch.contains(at))
        }
        // A segment after "no" ("no children"), as after "without", is denied: named by nothing.
        func deniedSegment(_ at: Int) -> Phrase? {
            guard facets.contains(.segment) else { return nil }
            let before = at >= 1 && stems[at - 1] == Self.no ? at - 1
                : at >= 2 && stems[at - 2] == Self.no && Self.determiners.contains(stems[at - 1]) ? at - 2 : nil
            guard let before, !(lastMatch.count > 1 && lastMatch.contains(before)) else { return nil }
            return (Self.phrases[stems[at]] ?? []).first { phrase in
                phrase.facet == .segment && at + phrase.stems.count <= stems.count && phrase.stems.elementsEqual(stems[at..<(at + phrase.stems.count)])
            }
        }
        while index < stems.count {
            var matched = 1
            var done: Set<Facet> = []
            if (index >= 1 && freeWithout(index - 1))
                || (index >= 2 && freeWithout(index - 2) && Self.determiners.contains(stems[index - 1])) {
                // Still read as one phrase, so that its words are not read again on their own.
                let longest = (Self.phrases[stems[index]] ?? []).first { phrase in
                    facets.contains(phrase.facet) && index + phrase.stems.count <= stems.count
                        && phrase.stems.elementsEqual(stems[index..<(index + phrase.stems.count)])
                }
                if let longest, longest.facet == .segment { deny(longest) }
                index += longest?.stems.count ?? 1
                continue
            }
            if let denied = deniedSegment(index) {
                deny(denied)
                index += denied.stems.count
                continue
            }
            // Phrases by their first stem, longest first: one dictionary look-up per word, and
            // for each facet the longest phrase that fits.
            for phrase in Self.phrases[stems[index]] ?? [] where facets.contains(phrase.facet) && !done.contains(phrase.facet) {
                let end = index + phrase.stems.count
                guard end <= stems.count, phrase.stems.elementsEqual(stems[index..<end]) else { continue }
                if phrase.facet == .surface, Self.namesAPage(phrase), Self.saysWhen(stems, at: index) {
                    // Read as one phrase, naming nothing, so that its words are not read again on their own.
                    matched = max(matched, phrase.stems.count)
                    done.insert(phrase.facet)
                    continue
                }
                add(phrase)
                matched = max(matched, phrase.stems.count)
                done.insert(phrase.facet)
            }
            if !done.isEmpty { lastMatch = index..<(index + matched) }
            index += matched
        }
        if facets.contains(.surface), let channels = values[.surface]?["channel"], channels["push"] == nil,
           !channels.isEmpty, stems.contains(Self.push), let push = Self.barePush {
            add(push)
        }
        // "Web and app", "iOS, Android and web": every platform, which restricts nothing.
        if facets.contains(.platform), let os = values[.platform]?["os"], os["web"] != nil {
            let bareApp = stems.indices.contains { at in Self.apps.contains(stems[at]) && (at == 0 || stems[at - 1] != "web") }
            namesEveryPlatform = bareApp || (os["ios"] != nil && os["android"] != nil)
        }
    }

    /// Whether the platforms named are all of them (the web, and the apps or iOS and Android): such a text is
    /// for everyone, so naming them on one side only tells nothing apart (review of 2026-12-06: "differ in
    /// platform (– / web)" for travellers searching "web and app" against all travellers).
    private(set) var namesEveryPlatform = false
    static let apps: Set<String> = ["app", "apps"]

    /// Stems that, with an ordinal, make the page after them a time, not a place: "ask for everything else
    /// after the first lesson" says when, not on which page (review, 2026-12-05: "differ in surface (signup /
    /// lesson)"). Only with an ordinal, which counts the page's occurrences ("the first lesson", "the next
    /// checkout"): "an upgrade prompt after a lesson" is at the lesson's end, the page a restatement names
    /// ("when someone sees their lesson results": held-out's P149, lost when any page after "after" was a time).
    /// ("During checkout" is in checkout: a place.)
    static let timeWords: Set<String> = ["after", "befor", "until"]
    static let ordinals: Set<String> = ["first", "second", "third", "next", "last"]
    /// Words that may stand between a time word and its ordinal ("after the first lesson", "before their second order").
    static let timeDeterminers: Set<String> = ["a", "an", "the", "their", "your", "our", "his", "her", "my"]

    /// Whether the phrase at `index` follows a time word and an ordinal, a determiner perhaps between
    /// ("after the first lesson", "before second checkout").
    static func saysWhen(_ stems: [String], at index: Int) -> Bool {
        guard index >= 2, ordinals.contains(stems[index - 1]) else { return false }
        var back = index - 2
        if timeDeterminers.contains(stems[back]) { back -= 1 }
        return back >= 0 && timeWords.contains(stems[back])
    }

    /// Whether a surface phrase names only a page (not a channel): a page after a time word is when.
    static func namesAPage(_ phrase: Phrase) -> Bool {
        !phrase.tags.isEmpty && phrase.tags.keys.allSatisfy { $0 == "page" }
    }

    /// The stem of "no".
    static let no = "no"

    private mutating func deny(_ phrase: Phrase) {
        for (dimension, value) in phrase.tags { deniedSegments[Self.deniedKey(dimension, value)] = phrase.shown }
    }

    private mutating func add(_ phrase: Phrase) {
        for (dimension, value) in phrase.tags {
            values[phrase.facet, default: [:]][dimension, default: [:]][value] = phrase.shown
            // The values it also meets, unnamed (""): shared, never shown.
            for also in Self.alsoMeets[phrase.facet]?[dimension]?[value] ?? [] where values[phrase.facet]?[dimension]?[also] == nil {
                values[phrase.facet, default: [:]][dimension, default: [:]][also] = ""
            }
        }
        bits.formUnion(phrase.bits)
    }

    /// The stems of the words that may stand between "without" and what it leaves out ("without an
    /// email", "without me emailing").
    static let determiners: Set<String> = ["a", "an", "the", "ani", "any", "me", "us", "them", "their", "our", "your", "my",
                                           "his", "her", "it", "anyon", "anyone"]
    static let push = "push"
    /// The channel "push", as a bare "push" beside another channel names it.
    static let barePush: Phrase? = phrases["by"]?.first { $0.tags == ["channel": "push"] }.map {
        Phrase(stems: ["push"], shown: "push", facet: .surface, tags: $0.tags, bits: $0.bits)
    }

    /// Adds what `other` names.
    mutating func merge(_ other: Facets) {
        // Every platform only when the other part names none ("… in the iPad app" for users on web and app is the iPad).
        namesEveryPlatform = (namesEveryPlatform && other.values[.platform] == nil) || (other.namesEveryPlatform && values[.platform] == nil)
        for (facet, dimensions) in other.values {
            for (dimension, named) in dimensions {
                values[facet, default: [:]][dimension, default: [:]].merge(named) { first, second in first.isEmpty ? second : first }
            }
        }
        bits.formUnion(other.bits)
        deniedSegments.merge(other.deniedSegments) { first, _ in first }
    }

    /// A segment one side denies and the other names ("no children / families"), or nil.
    static func deniedDifference(_ a: Facets, _ b: Facets) -> String? {
        func named(_ denied: [String: String], by other: Facets) -> (String, String)? {
            for key in denied.keys.sorted() {
                let parts = key.split(separator: "\u{1}", maxSplits: 1).map(String.init)
                guard parts.count == 2, other.deniedSegments[key] == nil,
                      let shown = other.values[.segment]?[parts[0]]?[parts[1]], !shown.isEmpty else { continue }
                return ("no " + (denied[key] ?? parts[1]), shown)
            }
            return nil
        }
        if !a.deniedSegments.isEmpty, let (denied, shown) = named(a.deniedSegments, by: b) { return denied + " / " + shown }
        if !b.deniedSegments.isEmpty, let (denied, shown) = named(b.deniedSegments, by: a) { return shown + " / " + denied }
        return nil
    }

    /// The facets on which the two differ, each with the values that say so ("ios / android").
    static func differences(_ a: Facets, _ b: Facets) -> [(Facet, String)] {
        var out: [(Facet, String)] = []
        // (Most texts deny no segment.)
        let denied = a.deniedSegments.isEmpty && b.deniedSegments.isEmpty ? nil : deniedDifference(a, b)
        // Most texts name no facet: nothing to sort or compare.
        guard !a.values.isEmpty, !b.values.isEmpty, mayDiffer(a, b) else { return denied.map { [(.segment, $0)] } ?? out }
        for facet in sorted {
            if facet == .segment, let denied {
                out.append((.segment, denied))
                continue
            }
            guard let da = a.values[facet], let db = b.values[facet] else { continue }
            // Usually no dimension differs (the neighbour rule has told most such pairs apart already):
            // then nothing to sort.
            guard da.contains(where: { dimension, va in db[dimension].map { vb in !va.keys.contains { vb[$0] != nil } } ?? false })
            else { continue }
            for dimension in da.keys.sorted() {
                guard let va = da[dimension], let vb = db[dimension], !va.keys.contains(where: { vb[$0] != nil }) else { continue }
                out.append((facet, Self.shownValues(va) + " / " + Self.shownValues(vb)))
                break
            }
        }
        return out
    }

    /// The facets one side names and the other does not name at all, each with what was named
    /// ("ipad / –").
    /// With `among`, only those facets are listed (the others' values are not gathered, sorted and joined).
    static func namedOnOneSide(_ a: Facets, _ b: Facets, among: Set<Facet>? = nil) -> [(Facet, String)] {
        guard !a.values.isEmpty || !b.values.isEmpty else { return [] }
        return sorted.compactMap { facet in
            if let among, !among.contains(facet) { return nil }
            if facet == .platform, a.namesEveryPlatform || b.namesEveryPlatform { return nil }
            let va = a.values[facet], vb = b.values[facet]
            func named(_ dimensions: [String: [String: String]]) -> String {
                Set(dimensions.values.flatMap(\.values)).subtracting([""]).sorted().joined(separator: ", ")
            }
            if let va, vb == nil { return (facet, named(va) + " / –") }
            if let vb, va == nil { return (facet, "– / " + named(vb)) }
            return nil
        }
    }

    /// The first facet of `namedOnOneSide`, values not gathered: whether there is one.
    static func firstNamedOnOneSide(_ a: Facets, _ b: Facets, among: Set<Facet>) -> Facet? {
        guard !a.values.isEmpty || !b.values.isEmpty else { return nil }
        return sorted.first { facet in
            among.contains(facet) && (a.values[facet] == nil) != (b.values[facet] == nil)
                && !(facet == .platform && (a.namesEveryPlatform || b.namesEveryPlatform))
        }
    }

    /// The facets both name and share a value on. Read from the values' bits (`numbering`): a value
    /// shared on a facet's dimension is a bit both sides have within the facet's `facetMasks`, so
    /// only a pair that shares one looks up its dictionaries, for the differences (the dictionaries
    /// read for every facet of every pair compared in full were a tenth of the comparison's time).
    static func matches(_ a: Facets, _ b: Facets) -> [Facet] {
        guard exactBits else { return matchesByValues(a, b) }
        guard !a.values.isEmpty, !b.values.isEmpty, a.bits.meets(b.bits) else { return [] }
        var differing: [Facet]?
        return sorted.indices.compactMap { index in
            guard a.bits.masked(facetMasks[index]).meets(b.bits) else { return nil }
            if differing == nil { differing = differences(a, b).map(\.0) }
            return (differing ?? []).contains(sorted[index]) ? nil : sorted[index]
        }
    }

    /// The facets both name alike (`matches`), each with the values both name ("surface (checkout)",
    /// "segment (new)"): a hypothesis has no surface field, so a bare "surface" said nothing of where
    /// (review54). A facet met only through an overlapping value keeps its bare name.
    static func matchesNamed(_ a: Facets, _ b: Facets) -> [String] {
        matches(a, b).map { facet in
            guard let da = a.values[facet], let db = b.values[facet] else { return facet.rawValue }
            var shared: Set<String> = []
            for (dimension, va) in da {
                guard let vb = db[dimension] else { continue }
                for value in va.keys where vb[value] != nil && !(va[value]!.isEmpty && vb[value]!.isEmpty) { shared.insert(value) }
            }
            return shared.isEmpty ? facet.rawValue : "\(facet.rawValue) (\(shared.sorted().joined(separator: ", ")))"
        }
    }

    /// Each facet of `sorted`: the bits of all its dimensions' values.
    static let facetMasks: [Values] = sorted.map { facet in
        var mask = Values()
        for values in (numbering.values[facet] ?? [:]).values {
            for bits in values.values { mask.formUnion(bits) }
        }
        return mask
    }

    /// `matches` read from the dictionaries of values (what it answers when the bits cannot say, and
    /// what the tests hold it to).
    static func matchesByValues(_ a: Facets, _ b: Facets) -> [Facet] {
        guard !a.values.isEmpty, !b.values.isEmpty else { return [] }
        var differing: [Facet]?
        return sorted.filter { facet in
            guard let da = a.values[facet], let db = b.values[facet] else { return false }
            let shared = da.keys.contains { dimension in
                guard let va = da[dimension], let vb = db[dimension] else { return false }
                return va.keys.contains { vb[$0] != nil }
            }
            guard shared else { return false }
            if differing == nil { differing = differences(a, b).map(\.0) }
            return !(differing ?? []).contains(facet)
        }
    }

    /// A dimension's values as a message names them: those the text named, not those they also meet.
    private static func shownValues(_ named: [String: String]) -> String {
        named.filter { !$0.value.isEmpty }.keys.sorted().joined(separator: ", ")
    }

    /// Values that overlap others of their dimension: a text naming the first meets a text naming any
    /// of the others, though the vocabulary keeps them apart elsewhere. A dashboard is the home screen
    /// of a product one signs in to ("the main screen", "the start page" of a workspace), so it meets
    /// the home screen and still differs from the settings or the pricing page. One way only: a home
    /// screen does not take on a dashboard's meetings. (A returning customer meeting active and lapsed
    /// ones was tried: no seen verdict moved, and on a generated playbook of 8,000 files 291 notes that
    /// told "lapsed" from "returning" users apart became 158 more duplicates.) A listing page is a list of
    /// results, as search results are ("bigger product images on the listing page" / "… in search results"),
    /// and still differs from the product page, the cart or the home screen.
    static let alsoMeets: [Facet: [String: [String: [String]]]] = [
        .surface: ["page": ["dashboard": ["home"], "listing": ["search"]]],
    ]

    /// `Facet.allCases` in order, sorted once.
    static let sorted = Facet.allCases.sorted()

    /// The values named, as bits of `numbering`: a pair's facets are compared by these first (most
    /// pairs share every value they both name, and looking up each value in the dictionaries cost more
    /// than the rest of comparing their fields).
    private(set) var bits = Values()

    /// Whether a dimension is named on both sides with no value shared: `differences` finds any.
    static func mayDiffer(_ a: Facets, _ b: Facets) -> Bool {
        guard exactBits else { return true }
        guard !a.bits.isEmpty, !b.bits.isEmpty else { return false }
        // Sides naming the same values, or one only values the other names too, share a value on
        // every dimension both name (most pairs compared).
        if a.bits == b.bits { return false }
        for dimension in dimensionMasks {
            let (x, y) = (a.bits.masked(dimension), b.bits.masked(dimension))
            if !x.isEmpty, !y.isEmpty, !x.meets(y) { return true }
        }
        return false
    }
}
