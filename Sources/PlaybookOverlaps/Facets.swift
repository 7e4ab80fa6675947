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

    /// For each facet and dimension, the values named, with the words that named them.
    private(set) var values: [Facet: [String: [String: String]]] = [:]

    /// Reads `stems` (from `TermReader`) for the given facets; the longest phrase wins.
    init(stems: [String], facets: Set<Facet>) {
        var index = 0
        while index < stems.count {
            var matched = 1
            var done: Set<Facet> = []
            // Phrases by their first stem, longest first: one dictionary look-up per word, and
            // for each facet the longest phrase that fits.
            for phrase in Self.phrases[stems[index]] ?? [] where facets.contains(phrase.facet) && !done.contains(phrase.facet) {
                let end = index + phrase.stems.count
                guard end <= stems.count, phrase.stems.elementsEqual(stems[index..<end]) else { continue }
                for (dimension, value) in phrase.tags {
                    values[phrase.facet, default: [:]][dimension, default: [:]][value] = phrase.stems.joined(separator: " ")
                }
                bits.formUnion(phrase.bits)
                matched = max(matched, phrase.stems.count)
                done.insert(phrase.facet)
            }
            index += matched
        }
    }

    /// Adds what `other` names.
    mutating func merge(_ other: Facets) {
        for (facet, dimensions) in other.values {
            for (dimension, named) in dimensions {
                values[facet, default: [:]][dimension, default: [:]].merge(named) { first, _ in first }
            }
        }
        bits.formUnion(other.bits)
    }

    /// The facets on which the two differ, each with the values that say so ("ios / android").
    static func differences(_ a: Facets, _ b: Facets) -> [(Facet, String)] {
        var out: [(Facet, String)] = []
        // Most texts name no facet: nothing to sort or compare.
        guard !a.values.isEmpty, !b.values.isEmpty, mayDiffer(a, b) else { return out }
        for facet in sorted {
            guard let da = a.values[facet], let db = b.values[facet] else { continue }
            // Usually no dimension differs (the neighbour rule has told most such pairs apart already):
            // then nothing to sort.
            guard da.contains(where: { dimension, va in db[dimension].map { vb in !va.keys.contains { vb[$0] != nil } } ?? false })
            else { continue }
            for dimension in da.keys.sorted() {
                guard let va = da[dimension], let vb = db[dimension], !va.keys.contains(where: { vb[$0] != nil }) else { continue }
                out.append((facet, va.keys.sorted().joined(separator: ", ") + " / " + vb.keys.sorted().joined(separator: ", ")))
                break
            }
        }
        return out
    }

    /// The facets one side names and the other does not name at all, each with what was named
    /// ("ipad / –").
    static func namedOnOneSide(_ a: Facets, _ b: Facets) -> [(Facet, String)] {
        guard !a.values.isEmpty || !b.values.isEmpty else { return [] }
        return sorted.compactMap { facet in
            let va = a.values[facet], vb = b.values[facet]
            func named(_ dimensions: [String: [String: String]]) -> String {
                Set(dimensions.values.flatMap(\.values)).sorted().joined(separator: ", ")
            }
            if let va, vb == nil { return (facet, named(va) + " / –") }
            if let vb, va == nil { return (facet, "– / " + named(vb)) }
            return nil
        }
    }

    /// The facets both name and share a value on.
    static func matches(_ a: Facets, _ b: Facets) -> [Facet] {
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

    /// `Facet.allCases` in order, sorted once.
    static let sorted = Facet.allCases.sorted()

    struct Phrase {
        var stems: [String]
        var facet: Facet
        var tags: [String: String]
        /// `tags` as bits of `numbering`.
        var bits = Values()
    }

    /// A set of the vocabulary's values, one bit each (`numbering`): 128 bits held in place.
    struct Values: Sendable, Hashable {
        var low: UInt64 = 0
        var high: UInt64 = 0
        mutating func formUnion(_ other: Values) {
            low |= other.low
            high |= other.high
        }
        func meets(_ other: Values) -> Bool { low & other.low != 0 || high & other.high != 0 }
        func masked(_ mask: Values) -> Values { Values(low: low & mask.low, high: high & mask.high) }
        var isEmpty: Bool { low == 0 && high == 0 }
    }

    /// The values named, as bits of `numbering`: a pair's facets are compared by these first (most
    /// pairs share every value they both name, and looking up each value in the dictionaries cost more
    /// than the rest of comparing their fields).
    private(set) var bits = Values()

    /// Whether a dimension is named on both sides with no value shared: `differences` finds any.
    static func mayDiffer(_ a: Facets, _ b: Facets) -> Bool {
        guard numbering.exact else { return true }
        guard !a.bits.isEmpty, !b.bits.isEmpty else { return false }
        for dimension in numbering.dimensions {
            let (x, y) = (a.bits.masked(dimension), b.bits.masked(dimension))
            if !x.isEmpty, !y.isEmpty, !x.meets(y) { return true }
        }
        return false
    }

    /// Each value the vocabulary gives a facet's dimension numbered (a bit of `Values`), with each
    /// dimension's bits (`dimensions`); `exact` while they fit in 128 (else `mayDiffer` always answers yes).
    static let numbering: (values: [Facet: [String: [String: Values]]], dimensions: [Values], exact: Bool) = {
        var out: [Facet: [String: [String: Values]]] = [:]
        var dimensions: [Values] = []
        var next = 0
        for facet in sorted {
            let tags = (vocabulary[facet] ?? [:]).values.flatMap { $0.map { [$0.key, $0.value] } }
            var seen: [String: [String: Values]] = [:]
            for dimension in Set(tags.map { $0[0] }).sorted() {
                var mask = Values()
                for value in Set(tags.filter { $0[0] == dimension }.map { $0[1] }).sorted() {
                    var bit = Values()
                    if next < 64 { bit.low = 1 << UInt64(next) } else if next < 128 { bit.high = 1 << UInt64(next - 64) }
                    next += 1
                    seen[dimension, default: [:]][value] = bit
                    mask.formUnion(bit)
                }
                dimensions.append(mask)
            }
            out[facet] = seen
        }
        return (out, dimensions, next <= 128)
    }()

    /// The vocabulary as stemmed phrases, by first stem, longest first, built once.
    static let phrases: [String: [Phrase]] = {
        let reader = TermReader()
        var out: [String: [Phrase]] = [:]
        for (facet, table) in vocabulary {
            for (text, tags) in table {
                let stems = reader.stems(text)
                guard let first = stems.first else { continue }
                var bits = Values()
                for (dimension, value) in tags { bits.formUnion(numbering.values[facet]?[dimension]?[value] ?? Values()) }
                out[first, default: []].append(Phrase(stems: stems, facet: facet, tags: tags, bits: bits))
            }
        }
        return out.mapValues { list in
            list.sorted { a, b in
                a.stems.count != b.stems.count ? a.stems.count > b.stems.count : (a.facet, a.stems.joined()) < (b.facet, b.stems.joined())
            }
        }
    }()

    /// Growth vocabulary, general rather than tuned: platforms and devices, markets, the
    /// surfaces products have, and the segments squads target.
    static let vocabulary: [Facet: [String: [String: String]]] = [
        .platform: [
            "ios": ["os": "ios"], "iphone": ["os": "ios", "device": "phone"], "ipad": ["os": "ios", "device": "tablet"],
            "apple watch": ["os": "ios", "device": "watch"], "face id": ["os": "ios"], "apple wallet": ["os": "ios"],
            "android": ["os": "android"], "wear os": ["os": "android", "device": "watch"], "google pay": ["os": "android"],
            "web": ["os": "web"], "website": ["os": "web"], "browser": ["os": "web"], "chrome": ["os": "web"],
            "desktop": ["os": "web", "device": "desktop"], "laptop": ["device": "desktop"], "pc": ["device": "desktop"],
            "computer": ["device": "desktop"], "mobile web": ["os": "web", "device": "phone"], "mobile app": ["device": "phone"],
            "android auto": ["os": "android", "device": "car"], "android automotive": ["os": "android", "device": "car"],
            "carplay": ["os": "ios", "device": "car"],
            "phone": ["device": "phone"], "smartphone": ["device": "phone"], "tablet": ["device": "tablet"],
            "smartwatch": ["device": "watch"], "smart watch": ["device": "watch"],
            // "Watch" alone is as often the verb ("let people watch a sample", "a watched fare"): the device only after a determiner.
            "the watch": ["device": "watch"], "our watch": ["device": "watch"],
            "your watch": ["device": "watch"], "their watch": ["device": "watch"], "my watch": ["device": "watch"], "smart tv": ["device": "tv"], "tv": ["device": "tv"],
            "television": ["device": "tv"], "smart speaker": ["device": "speaker"], "alexa": ["device": "speaker", "assistant": "alexa"],
            "echo": ["device": "speaker", "assistant": "alexa"], "google assistant": ["device": "speaker", "assistant": "google"],
        ],
        .region: regions,
        .surface: [
            "pricing page": ["page": "pricing"], "plans page": ["page": "pricing"],
            "paywall": ["page": "paywall"], "checkout": ["page": "checkout"], "payment page": ["page": "checkout"],
            "payment step": ["page": "checkout"], "card form": ["page": "checkout"], "cart": ["page": "cart"], "basket": ["page": "cart"],
            "product page": ["page": "product"], "item page": ["page": "product"], "listing page": ["page": "listing"],
            "search results": ["page": "search"], "search": ["page": "search"], "home screen": ["page": "home"],
            "home page": ["page": "home"], "homepage": ["page": "home"], "landing page": ["page": "home"], "front page": ["page": "home"],
            "main screen": ["page": "home"], "dashboard": ["page": "dashboard"], "settings page": ["page": "settings"],
            "settings screen": ["page": "settings"],
            "account page": ["page": "account"], "profile page": ["page": "profile"], "lesson": ["page": "lesson"],
            "onboarding": ["page": "onboarding"], "welcome flow": ["page": "onboarding"], "signup page": ["page": "signup"],
            "signup form": ["page": "signup"], "registration form": ["page": "signup"], "login screen": ["page": "login"],
            "course map": ["page": "course map"], "lock screen": ["page": "lock screen"], "help centre": ["page": "help"],
            "help center": ["page": "help"], "app store": ["page": "app store"], "cancellation flow": ["page": "cancellation"],
            "cancel flow": ["page": "cancellation"], "order confirmation": ["page": "order confirmation"],
            "order history": ["page": "order history"], "delivery confirmation": ["page": "delivery confirmation"],
            "lesson complete screen": ["page": "lesson end"], "invite screen": ["page": "invite"], "billing page": ["page": "billing"],
            "email": ["channel": "email"], "e mail": ["channel": "email"], "inbox": ["channel": "email"], "newsletter": ["channel": "email"],
            "push": ["channel": "push"], "notification": ["channel": "push"], "sms": ["channel": "sms"], "text message": ["channel": "sms"],
            "whatsapp": ["channel": "whatsapp"], "in app": ["channel": "in-app"], "banner": ["element": "banner"],
        ],
        .segment: [
            "new": ["stage": "new"], "newcom": ["stage": "new"], "newly": ["stage": "new"], "first time": ["stage": "new"],
            "fresh": ["stage": "new"], "freshly": ["stage": "new"], "signed up": ["stage": "new"],
            "active": ["stage": "active"], "engag": ["stage": "active"], "current": ["stage": "active"], "exist": ["stage": "active"],
            "lapsed": ["stage": "lapsed"], "dormant": ["stage": "lapsed"], "inact": ["stage": "lapsed"], "idl": ["stage": "lapsed"],
            "churn": ["stage": "lapsed"], "who cancel": ["stage": "lapsed"], "return": ["stage": "returning"],
            "come back": ["stage": "returning"], "coming back": ["stage": "returning"], "former": ["stage": "lapsed"], "win back": ["stage": "lapsed"],
            "free trial": ["stage": "trial"], "trial": ["stage": "trial"],
            "free": ["plan": "free"], "non pay": ["plan": "free"], "anonym": ["plan": "free"], "not log": ["plan": "free"],
            "premium": ["plan": "paid"], "pay": ["plan": "paid"], "paid": ["plan": "paid"], "subscrib": ["plan": "paid"],
            "enterpris": ["plan": "enterprise"], "newsletter subscrib": ["role": "newsletter"],
            "student": ["role": "student"], "univers": ["role": "student"], "classmat": ["role": "student"],
            "senior": ["role": "retiree"], "retire": ["role": "retiree"], "teacher": ["role": "teacher"],
            "educ": ["role": "teacher"], "instructor": ["role": "teacher"], "parent": ["role": "parent"], "famili": ["role": "parent"],
            "freelanc": ["role": "freelancer"], "team": ["role": "team"], "compani": ["role": "team"], "colleagu": ["role": "team"],
            "cowork": ["role": "team"], "wholesal": ["role": "wholesale"], "hr": ["role": "hr"], "employe": ["role": "hr"],
            "never bought": ["purchase": "none"], "bought": ["purchase": "buyer"], "buyer": ["purchase": "buyer"],
        ],
    ]

    /// Markets: a country names its region too, so "Brazil" meets "LATAM" but not "Mexico".
    static let regions: [String: [String: String]] = {
        var out: [String: [String: String]] = [
            "latam": ["region": "latam"], "latin america": ["region": "latam"], "latin american": ["region": "latam"],
            "emea": ["region": "emea"], "europe": ["region": "emea"], "european": ["region": "emea"], "eu": ["region": "emea"],
            "dach": ["region": "emea"], "apac": ["region": "apac"], "asia": ["region": "apac"], "north america": ["region": "na"],
            "north american": ["region": "na"], "middle east": ["region": "mena"], "gulf": ["region": "mena"], "mena": ["region": "mena"],
        ]
        let countries: [String: ([String], String)] = [
            "brazil": (["brazil", "brazilian"], "latam"), "mexico": (["mexico", "mexican"], "latam"),
            "argentina": (["argentina", "argentinian"], "latam"), "colombia": (["colombia", "colombian"], "latam"),
            "chile": (["chile", "chilean"], "latam"), "germany": (["germany", "german"], "emea"),
            "france": (["france", "french"], "emea"), "spain": (["spain"], "emea"), "italy": (["italy", "italian"], "emea"),
            "poland": (["poland", "polish"], "emea"), "uk": (["uk", "britain", "british", "england", "london", "manchester"], "emea"),
            "netherlands": (["netherlands", "dutch"], "emea"), "turkey": (["turkey", "turkish"], "emea"),
            "egypt": (["egypt", "egyptian"], "mena"), "saudi arabia": (["saudi"], "mena"), "uae": (["uae", "emirates"], "mena"),
            "india": (["india", "indian"], "apac"), "indonesia": (["indonesia", "indonesian"], "apac"),
            "japan": (["japan", "japanese"], "apac"), "korea": (["korea", "korean"], "apac"),
            "vietnam": (["vietnam", "vietnamese"], "apac"), "philippines": (["philippines", "filipino"], "apac"),
            "australia": (["australia", "australian"], "apac"), "china": (["china", "chinese"], "apac"),
            "united states": (["usa", "united states"], "na"), "canada": (["canada", "canadian"], "na"),
        ]
        for (country, (names, region)) in countries {
            for name in names { out[name] = ["region": region, "country": country] }
        }
        for city in ["london", "manchester"] { out[city]?["city"] = city }
        return out
    }()
}
