/// Which way a change goes: what it adds or removes, moves earlier or later, up or down, and
/// what it says not to do. Two texts that read alike but go opposite ways are two ideas.
public struct ChangeDirection: Sendable, Hashable {
    public enum Axis: String, Sendable, Hashable, CaseIterable {
        /// add, show, more, longer … against remove, hide, fewer, shorter …
        case amount
        /// earlier, sooner against later, delay, postpone
        case time
        /// above, top against below, bottom
        case position
        /// A bound, not a change: "more than 50 employees", "orders of less than £20", "later than 9pm"
        /// (a direction word that "than" follows). Bounds the other way are two ideas ("more than £50" /
        /// "less than £50"); a bound one side states and the other leaves out is no direction ("businesses
        /// with fewer than five employees" restates "the smallest firms").
        case bound

        // Compared and hashed as cases: a raw-valued enum otherwise takes `RawRepresentable`'s, which
        // hash the name, a string hashed at every look-up of a direction (pairs compare tens of thousands).
        public static func == (a: Axis, b: Axis) -> Bool { a.number == b.number }
        public func hash(into hasher: inout Hasher) { hasher.combine(number) }
        private var number: UInt8 {
            switch self {
            case .amount: 0
            case .time: 1
            case .position: 2
            case .bound: 3
            }
        }
    }

    /// The stems that point each way, per axis, with the word that said so.
    public internal(set) var up: [Axis: String] = [:]
    public internal(set) var down: [Axis: String] = [:]
    /// Stems said not to happen ("do not show", "without a card"), and the rest.
    public internal(set) var negated: Set<String> = []
    public internal(set) var asserted: Set<String> = []
    /// What each direction word is about: the next word after it that is not a function word
    /// ("bigger discount on yearly billing": discount), per axis.
    public internal(set) var objects: [Axis: Set<String>] = [:]
    /// What is said to happen before something and what after something: the next word after
    /// "before" or "after" that is not a function word ("two days before the payroll cutoff": payrol).
    public internal(set) var before: Set<String> = []
    public internal(set) var after: Set<String> = []
    /// What the change puts before what ("the annual plan above the monthly plan"), for `orderSwapped`.
    var orderings: [Ordering] = []
    /// Whether a removal word ("drop", "remove", "hide" …) and an adding one ("add", "show" …) are said,
    /// not denied (for `onlyRemoves`).
    public internal(set) var removes = false
    public internal(set) var adds = false
    /// Whether an up word of amount other than adding or showing is said, not denied ("more", "longer", "raise"):
    /// an increase, not only a thing put somewhere (for `replacesACount`).
    public internal(set) var increases = false
    /// Whether the change gives one number of things in place of another ("a single screen instead of four pages",
    /// "eight things instead of twenty"), for `replacesACount`.
    public internal(set) var insteadOfANumber = false
    /// Whether a comparative after an adding or showing word says the direction ("show fewer ads"): against plain
    /// showing ("display a two-field form" for "show a shorter form") that is no opposite, for `opposed`.
    public internal(set) var comparesWhatItShows = false
    /// Whether the change places something next to something ("next to the price", "beside", "alongside"),
    /// and whether a word of place follows such a phrase closely ("next to the price at the top of each
    /// page": the top says where the price is, beside which the thing goes).
    public internal(set) var placesBeside = false
    public internal(set) var placeOfNeighbour = false
    /// Whether the change places something where it is seen first ("the first thing visitors see", "the
    /// shelf a shopper sees first"): at the top, or at eye level, so no direction of its own.
    public internal(set) var placesFirstSeen = false
    /// What the change takes away to put something else in its place, with the words that take it away
    /// ("remove the waitlist and show the next class": waitlist, "remove"), for `removal(_:_:)`: a removal
    /// word, not denied, that an adding word follows in the same sentence.
    public internal(set) var replaced: [String: String] = [:]
    /// Whether the change takes something away, in any wording ("scrap the fee", "get rid of", "stop
    /// asking for", "instead of a waitlist"), and the words so taken away, or reduced, or denied ("cut the
    /// fee", "do not ask for a phone number"): what the change does not keep, for `removal(_:_:)`.
    public internal(set) var takesAway = false
    public internal(set) var notKept: Set<String> = []
    /// The words read as taking something away ("scrap", "rid" of "get rid of", "turn" of "turn off", "instead"
    /// of "instead of", "longer" of "no longer"), for `onlyTakeAway(_:readAs:)`: "switch" or "turn" alone, or a
    /// "longer" trial, take nothing away.
    public internal(set) var takingWords: Set<String> = []
    /// What the change says to keep ("… and keep the rejoining fee"), for `removal(_:_:)`: kept, whatever else
    /// the change takes away.
    public internal(set) var keptOutright: Set<String> = []
    /// The words of what a removal word, not denied, takes away ("remove the sign-up form in front": sign, up,
    /// form), for `denied(besides:)`.
    public internal(set) var takenAway: Set<String> = []
    /// Whether the change says there is none of something: it denies a thing ("no adverts", "without a password"),
    /// writes a thing "-free" ("ad-free", "fee-free") or says there is no charge ("carries no charge"), for `statedByOne`.
    public internal(set) var saysNone = false
    /// Whether the change says there is no charge ("no charge", "at no extra cost", "fee-free"), and the charge it adds
    /// instead, if any ("add a 1% fee", "introduce a surcharge"; not one it takes away): one is the other's opposite.
    public internal(set) var deniesACharge = false
    public internal(set) var addedCharge: String?
    /// The stems each denial says not to happen, in order (`negated` is their union).
    public internal(set) var denials: [[String]] = []
    /// The words as written, for messages (none when read from bare stems: then `spelled`).
    var readings: [Reading] = []
    /// A verb and its particle as written, by the direction word they read as ("disabl": "switch off").
    var phrasalWritten: [String: String] = [:]
    /// For `swappedTakings`, read once per change (only of one that takes something away): its words stated,
    /// stop words aside, and of those what it keeps. Built per pair, both sides' sets were 2 % of a lint's CPU
    /// (three comparisons of a pair ask it). Both follow from the fields above: not compared, not hashed.
    var statedContent: Set<String> = []
    var keptContent: Set<String> = []
    /// Which way the change moves a number, read from the text as written (`readingNumbers(in:)`): up for
    /// "from 7 to 14 days", "14 days instead of 7", "7 → 14"; down for the reverse; nil when no number is
    /// moved, or two move opposite ways. `numbersShown` says it as a message does ("7 → 14").
    public internal(set) var numbersUp: Bool?
    public internal(set) var numbersShown = ""
    /// Every number the change moves, from where (in days when it names a unit of time) and which way:
    /// when they do not all go one way on a side ("from 12 to 36 months, bringing the payment from £350 to
    /// £120"), `numbersOpposed` pairs them with the other side's moves from the same number.
    var moves: [NumberMove] = []

    /// A number moved: from what value, which way, as a message says it ("12 → 36").
    struct NumberMove: Hashable, Sendable {
        var from: Double
        var up: Bool
        var shown: String
    }

    /// Reads `stems` (from `TermReader`).
    public init(stems: [String]) {
        self.init(sentences: [stems])
    }

    /// Reads what `TermReader` read of one text.
    public init(stems: Reading) {
        self.init(sentences: [stems])
    }

    /// Reads the stems of each sentence (a title, then a change): a denial reaches no further than
    /// its sentence ("Instant booking without a quote. Show a fixed price …" does not deny showing).
    public init(sentences: [[String]]) {
        self.init(sentences: sentences.map { Reading(stems: $0) }, spelt: false)
    }

    /// The same, with the words as written (`TermReader`), which tell where a denial's reach begins
    /// ("do not let ticket holders resell": the plural ends who is let).
    public init(sentences: [Reading]) {
        self.init(sentences: sentences, spelt: true)
    }

    private init(sentences: [Reading], spelt: Bool) {
        for reading in sentences { read(reading.stems, written: reading.written, joined: reading.joined, numberAfter: reading.numberAfter) }
        asserted.subtract(Self.negators)
        if !negated.isEmpty { saysNone = true }
        if deniesACharge { addedCharge = nil }
        if spelt { readings = sentences }
        if takesAway, !notKept.isEmpty {
            statedContent = asserted.subtracting(Lexicon.stopwords)
            keptContent = statedContent.subtracting(notKept).subtracting(negated).subtracting(Self.generic)
        }
    }

    // What a change says, not how it is written: two changes reading the same are equal.
    public static func == (a: ChangeDirection, b: ChangeDirection) -> Bool {
        a.up == b.up && a.down == b.down && a.negated == b.negated && a.asserted == b.asserted && a.objects == b.objects
            && a.before == b.before && a.after == b.after && a.removes == b.removes && a.adds == b.adds && a.replaced == b.replaced
            && a.takesAway == b.takesAway && a.notKept == b.notKept
            && a.placesBeside == b.placesBeside && a.placeOfNeighbour == b.placeOfNeighbour && a.placesFirstSeen == b.placesFirstSeen
            && a.takenAway == b.takenAway && a.denials == b.denials && a.increases == b.increases
            && a.insteadOfANumber == b.insteadOfANumber && a.takingWords == b.takingWords && a.keptOutright == b.keptOutright
            && a.comparesWhatItShows == b.comparesWhatItShows && a.numbersUp == b.numbersUp && a.moves == b.moves
            && a.saysNone == b.saysNone && a.orderings == b.orderings
            && a.deniesACharge == b.deniesACharge && a.addedCharge == b.addedCharge
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(up)
        hasher.combine(down)
        hasher.combine(negated)
        hasher.combine(asserted)
        hasher.combine(objects)
        hasher.combine(before)
        hasher.combine(after)
        hasher.combine(removes)
        hasher.combine(adds)
        hasher.combine(placesBeside)
        hasher.combine(placeOfNeighbour)
        hasher.combine(placesFirstSeen)
        hasher.combine(replaced)
        hasher.combine(takesAway)
        hasher.combine(notKept)
        hasher.combine(takenAway)
        hasher.combine(denials)
        hasher.combine(increases)
        hasher.combine(insteadOfANumber)
        hasher.combine(takingWords)
        hasher.combine(keptOutright)
        hasher.combine(comparesWhatItShows)
        hasher.combine(numbersUp)
        hasher.combine(moves)
        hasher.combine(saysNone)
        hasher.combine(deniesACharge)
        hasher.combine(addedCharge)
        hasher.combine(orderings)
    }

    /// `stem` as this change first writes it ("surcharge" for "surcharg", "PL" for "pl"); "not " kept in
    /// front. Read from bare stems, a direction word spelled out (`spelled`), else the stem.
    func spelling(_ stem: String) -> String {
        if stem.hasPrefix("not ") { return "not " + spelling(String(stem.dropFirst(4))) }
        for reading in readings {
            if let index = reading.stems.firstIndex(of: stem) { return reading.written[index] }
        }
        return phrasalWritten[stem] ?? Self.shown(stem)
    }

    /// Whether a number stands at `at`, or just before it, or is the word before the noun at `at` ("three rooms").
    static func numberEnds(at: Int, written: [String], numberAfter: [Bool]) -> Bool {
        func number(_ i: Int) -> Bool { i >= 0 && i < written.count && (isNumber(written[i]) || (i < numberAfter.count && numberAfter[i])) }
        return number(at) || number(at - 1)
    }

    private mutating func read(_ asWritten: [String], written: [String], joined: [Bool], numberAfter: [Bool]) {
        // A verb with its particle says a direction ("switch off autoplay" disables it); read as that word.
        var stems = asWritten
        // What is taken away is read from the words as written ("turn off" is a taking there already), but
        // for a verb its particle makes no direction at all ("drop in a file" uploads it).
        var taking = asWritten
        for (verb, particle, word) in Self.phrasalVerbs(in: asWritten, written: written, numberAfter: numberAfter) {
            stems[verb] = word
            if word == Self.noDirection { taking[verb] = word }
            if phrasalWritten[word] == nil, particle < written.count { phrasalWritten[word] = written[verb] + " " + written[particle] }
        }
        var negatedUntil = -1
        var negatedFrom = 0
        var pending = 0
        var besideAt: Int?
        // Where removal words (with what each is about) and adding words are said, not denied, and which
        // words are denied: for what the sentence replaces and what it does not keep.
        var removals: [(at: Int, object: String)] = []
        var lastAdding = -1
        var deniedAt = [Bool](repeating: false, count: stems.count)
        var conditionAt: Int?
        // Where an adding or showing word was last said, not denied (for "show fewer ads").
        var presenceAt = -1
        // What each stem is to the rules below, from one look-up (most stems are none of it).
        let kinds = stems.map { Self.kinds[$0] ?? [] }
        for (index, stem) in stems.enumerated() {
            let kind = kinds[index]
            // "Dairy-free" (`TermReader` reads its "free" as `without`) says without dairy.
            if stem == Self.without {
                saysNone = true
                continue
            }
            if kind.contains(.condition) { conditionAt = index }
            // "A discount when a telematics box shows they drive safely": what the condition's subject shows is
            // when the change applies, not a thing the change shows.
            if let at = conditionAt, index - at <= Self.conditionReach, kind.contains(.presence), index < written.count,
               written[index].lowercased().hasSuffix("s"), written[index].lowercased() != stem {
                asserted.insert(stem)
                continue
            }
            if index + 1 < stems.count, stems[index + 1] == Self.without, Self.charges.contains(stem) { deniesACharge = true }
            if index + 1 < stems.count, stems[index + 1] == Self.without, !Self.price.contains(stem) {
                negated.insert(stem)
                denials.append([stem])
                continue
            }
            // One look-up tells a negator and a direction word; most stems are neither.
            let role = kind.contains(.role) ? Self.roles[stem] : nil
            // "More than 50 employees", "baskets above £40": a bound, not more of anything nor a place.
            // ("Sooner than we do today", "earlier than competitors" compare with what is done now: a change.)
            // "Priced lower than buying each separately", "cheaper than paying for both": compared with another way of
            // doing it (a verb in -ing after "than"), a property of the offer, as a bound is, not a change from today.
            let bounding = role != nil && ((index + 1 < stems.count && stems[index + 1] == "than"
                    && (numberAfter[index + 1] || (index + 2 < written.count
                        && (Self.isNumber(written[index + 2]) || Self.isVerbInIng(written[index + 2])))))
                || (Self.boundsBeforeANumber.contains(stem)
                    && (numberAfter[index] || (index + 1 < written.count && Self.isNumber(written[index + 1]))))
                // "When a property has three rooms or fewer left", "once they have 10 or more orders": in a condition, a
                // bound after a number (read as the word before it having one after it, `numberAfter`), perhaps with its
                // noun, says when the change applies, not which way it goes. (Outside a condition, "nannies of three or
                // more years" against new ones still reads as more of something: the labelled look-alike it tells apart.)
                || (conditionAt != nil && index >= 2 && stems[index - 1] == "or"
                    && Self.numberEnds(at: index - 2, written: written, numberAfter: numberAfter)))
            if stem == "first", Self.seenFirst(stems, at: index, joined: joined) { placesFirstSeen = true }
            if kind.contains(.beside) || (stem == "next" && index + 1 < stems.count && stems[index + 1] == "to") {
                placesBeside = true
                besideAt = index
            }
            let negator = role?.negator ?? false
            // "No cost", "no charge", "no fee" mean free: nothing is denied.
            if negator, index + 1 < stems.count, Self.price.contains(stems[index + 1]) {
                saysNone = true
                deniesACharge = true
                continue
            }
            if negator {
                negatedUntil = index + 4
                negatedFrom = index + 1
                pending = 2
                denials.append([])
                // "Do not let ticket holders resell": the denial is of what they are let do.
                if let verb = Self.governedVerb(stems, written, negator: index) {
                    negatedFrom = verb
                    negatedUntil = verb + 3
                }
                continue
            }
            if index < negatedFrom, Self.permission.contains(stem) { continue }
            let isNegated = index <= negatedUntil && pending > 0 && index >= negatedFrom
            deniedAt[index] = isNegated && !Self.skippedAfterNegation.contains(stem)
            if isNegated, !Self.skippedAfterNegation.contains(stem) {
                negated.insert(stem)
                denials[denials.count - 1].append(stem)
                pending -= 1
            } else if !isNegated {
                asserted.insert(stem)
                // (Both kinds are direction words: other stems are not looked up again.)
                if role != nil, !bounding {
                    if Self.removal.contains(stem) {
                        removes = true
                        if let object = Self.object(after: index, in: stems) { removals.append((index, object)) }
                        takenAway.formUnion(Self.phrase(after: index, in: stems))
                    } else if Self.presence.contains(stem) {
                        adds = true
                    }
                }
            }
            if kind.contains(.presence), !isNegated { presenceAt = index }
            // The charge an adding or raising word is about ("add a 1% fee", "raise the booking fee"), not one a
            // customer pays anyway ("before the customer pays the filing fee") nor one only shown ("show the fee").
            if addedCharge == nil, !isNegated, lastAdding >= 0, index - lastAdding <= Self.chargeReach, Self.charges.contains(stem),
               !Self.showing.contains(stems[lastAdding]) {
                addedCharge = stem
            }
            if stem == "befor" || stem == "after", let object = Self.object(after: index, in: stems) {
                if stem == "befor" { before.insert(object) } else { after.insert(object) }
            }
            // "No more emailed quotes", "no longer asks for": not less of anything, but a stop to what follows
            // (a taking, `readTakings`), which points no way of its own.
            let stopsWhatFollows = index > 0 && stems[index - 1] == "no" && (stem == "more" || stem == "longer") && !bounding
            // "Not small", "no longer short": a plain adjective denied points the other way from its comparative ("not small"
            // is as "larger"; review: "not small" against "larger" had read "differ in direction (– / larger)"). Only one that
            // ends its phrase: "no late fee", "no long-term lease" deny the fee and the lease, not lateness or length.
            let endsPhrase = index + 1 == stems.count || Lexicon.stopwords.contains(stems[index + 1])
            let deniedPointing = isNegated && role == nil && endsPhrase
                ? Self.deniedAdjectives[stem].flatMap { Self.roles[$0]?.pointing } ?? [] : []
            for (axis, isUp) in bounding ? (role?.pointing.first.map { [(Axis.bound, $0.up)] } ?? []) : stopsWhatFollows ? [] : (role?.pointing ?? deniedPointing) {
                if axis == .amount, isUp, !isNegated {
                    lastAdding = index
                    if !Self.presence.contains(stem) { increases = true }
                }
                if axis == .position, let at = besideAt, index - at <= Self.neighbourReach { placeOfNeighbour = true }
                // "Show fewer ads", "add more photos": the comparative says which way; the showing it follows
                // is no direction of its own (it had read "show fewer" both ways, as "add X and remove Y").
                if axis == .amount, !isNegated, Self.comparatives.contains(stem), presenceAt >= 0, index - presenceAt <= 2,
                   up[.amount] == stems[presenceAt] {
                    up[.amount] = nil
                    comparesWhatItShows = true
                }
                // A negated direction word points the other way: "do not show" is hiding.
                objects[axis, default: []].formUnion(Self.object(after: index, in: stems).map { [$0] } ?? [])
                if isUp {
                    if isNegated { down[axis] = down[axis] ?? "not " + stem } else { up[axis] = up[axis] ?? stem }
                } else {
                    if isNegated { up[axis] = up[axis] ?? "not " + stem } else { down[axis] = down[axis] ?? stem }
                }
            }
        }
        // "Remove X and add Y": X is replaced, named with its own removal word. (An adding word before the
        // removal, or in another sentence, the title, makes no replacement: "More bookings. Remove the waitlist".)
        for (at, object) in removals where at < lastAdding && replaced[object] == nil { replaced[object] = stems[at] }
        readOrderings(asWritten, written: written, numberAfter: numberAfter)
        readTakings(taking, written: written, denied: deniedAt, kinds: stems == taking ? kinds : taking.map { Self.kinds[$0] ?? [] })
    }

    /// Reads what the sentence takes away in any wording (`takesAway`, `notKept`): a removal word or phrase
    /// not denied ("scrap", "ditch", "get rid of", "do away with", "turn off", "replace X with", "Y instead of
    /// X", "stop asking for", "no longer"), and what a reduction ("cut", "fewer") or a denial is about.
    private mutating func readTakings(_ stems: [String], written: [String], denied: [Bool], kinds: [Kind]) {
        for (index, stem) in stems.enumerated() {
            let kind = kinds[index]
            let next = index + 1 < stems.count ? stems[index + 1] : ""
            var end = index
            var until: Set<String> = []
            var removing = true
            // A denied removal or reduction takes nothing away ("do not remove the waitlist").
            if denied[index] {
                continue
            } else if !kind.isDisjoint(with: [.removal, .takingAway]) {
                // (`end` stays: what follows the word is what it takes away.)
            } else if kind.contains(.particleTaking), let particles = Self.particleTakings[stem], let at = stems[(index + 1)..<min(stems.count, index + 5)].firstIndex(where: particles.contains) {
                // "Turn off the waitlist", "turn the waitlist off": what lies between, else what follows.
                if at > index + 1 {
                    takesAway = true
                    takingWords.insert(stem)
                    notKept.formUnion(stems[(index + 1)..<at].filter(Self.isContent))
                    continue
                }
                end = at
            } else if stem == "rid", index > 0, stems[index - 1] == "get" || stems[index - 1] == "got" {
                end = next == "of" ? index + 1 : index
            } else if stem == "away", index > 0, stems[index - 1] == "do" || stems[index - 1] == "done", next == "with" {
                end = index + 1
            } else if stem == "instead", next == "of" {
                end = index + 1
                // (A larger count instead of a smaller one, "twelve per row instead of four", still adds.)
                if index + 2 < written.count, Self.isNumber(written[index + 2]),
                   !Self.count(written[max(0, index - 6)..<index].last(where: Self.isNumber), exceeds: written[index + 2]) {
                    insteadOfANumber = true
                }
            } else if stem == "replac" || stem == "swap" {
                until = stem == "replac" ? ["with", "by"] : ["for", "with"]
            } else if stem == "stop", index + 1 < written.count, written[index + 1].lowercased().hasSuffix("ing") {
                // "Stop asking for a phone number": what the stopped doing is about.
            } else if stem == "longer" || stem == "more", index > 0, stems[index - 1] == "no", next != "than" {
            } else if kind.contains(.keeping) {
                keptOutright.formUnion(Self.window(after: index, in: stems))
                continue
            } else if kind.contains(.negator) {
                removing = false
                // "Do not remove the waitlist" keeps it.
                if let object = Self.object(after: index, in: stems), Self.reduces(object) { continue }
            } else if kind.contains(.reduces), next != "than" {
                // ("Fewer than five employees" is a bound: it reduces nothing.)
                removing = false
            } else {
                continue
            }
            if removing {
                takesAway = true
                takingWords.insert(stem)
            }
            notKept.formUnion(Self.window(after: end, in: stems, until: until))
        }
    }
}
