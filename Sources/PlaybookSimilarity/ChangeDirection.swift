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
    public private(set) var up: [Axis: String] = [:]
    public private(set) var down: [Axis: String] = [:]
    /// Stems said not to happen ("do not show", "without a card"), and the rest.
    public private(set) var negated: Set<String> = []
    public private(set) var asserted: Set<String> = []
    /// What each direction word is about: the next word after it that is not a function word
    /// ("bigger discount on yearly billing": discount), per axis.
    public private(set) var objects: [Axis: Set<String>] = [:]
    /// What is said to happen before something and what after something: the next word after
    /// "before" or "after" that is not a function word ("two days before the payroll cutoff": payrol).
    public private(set) var before: Set<String> = []
    public private(set) var after: Set<String> = []
    /// Whether a removal word ("drop", "remove", "hide" …) and an adding one ("add", "show" …) are said,
    /// not denied (for `onlyRemoves`).
    public private(set) var removes = false
    public private(set) var adds = false
    /// Whether an up word of amount other than adding or showing is said, not denied ("more", "longer", "raise"):
    /// an increase, not only a thing put somewhere (for `replacesACount`).
    public private(set) var increases = false
    /// Whether the change gives one number of things in place of another ("a single screen instead of four pages",
    /// "eight things instead of twenty"), for `replacesACount`.
    public private(set) var insteadOfANumber = false
    /// Whether a comparative after an adding or showing word says the direction ("show fewer ads"): against plain
    /// showing ("display a two-field form" for "show a shorter form") that is no opposite, for `opposed`.
    public private(set) var comparesWhatItShows = false
    /// Whether the change places something next to something ("next to the price", "beside", "alongside"),
    /// and whether a word of place follows such a phrase closely ("next to the price at the top of each
    /// page": the top says where the price is, beside which the thing goes).
    public private(set) var placesBeside = false
    public private(set) var placeOfNeighbour = false
    /// Whether the change places something where it is seen first ("the first thing visitors see", "the
    /// shelf a shopper sees first"): at the top, or at eye level, so no direction of its own.
    public private(set) var placesFirstSeen = false
    /// What the change takes away to put something else in its place, with the words that take it away
    /// ("remove the waitlist and show the next class": waitlist, "remove"), for `removal(_:_:)`: a removal
    /// word, not denied, that an adding word follows in the same sentence.
    public private(set) var replaced: [String: String] = [:]
    /// Whether the change takes something away, in any wording ("scrap the fee", "get rid of", "stop
    /// asking for", "instead of a waitlist"), and the words so taken away, or reduced, or denied ("cut the
    /// fee", "do not ask for a phone number"): what the change does not keep, for `removal(_:_:)`.
    public private(set) var takesAway = false
    public private(set) var notKept: Set<String> = []
    /// The words read as taking something away ("scrap", "rid" of "get rid of", "turn" of "turn off", "instead"
    /// of "instead of", "longer" of "no longer"), for `onlyTakeAway(_:readAs:)`: "switch" or "turn" alone, or a
    /// "longer" trial, take nothing away.
    public private(set) var takingWords: Set<String> = []
    /// What the change says to keep ("… and keep the rejoining fee"), for `removal(_:_:)`: kept, whatever else
    /// the change takes away.
    public private(set) var keptOutright: Set<String> = []
    /// The words of what a removal word, not denied, takes away ("remove the sign-up form in front": sign, up,
    /// form), for `denied(besides:)`.
    public private(set) var takenAway: Set<String> = []
    /// Whether the change says there is none of something: it denies a thing ("no adverts", "without a password"),
    /// writes a thing "-free" ("ad-free", "fee-free") or says there is no charge ("carries no charge"), for `statedByOne`.
    public private(set) var saysNone = false
    /// Whether the change says there is no charge ("no charge", "at no extra cost", "fee-free"), and the charge it adds
    /// instead, if any ("add a 1% fee", "introduce a surcharge"; not one it takes away): one is the other's opposite.
    public private(set) var deniesACharge = false
    public private(set) var addedCharge: String?
    /// The stems each denial says not to happen, in order (`negated` is their union).
    public private(set) var denials: [[String]] = []
    /// The words as written, for messages (none when read from bare stems: then `spelled`).
    private var readings: [Reading] = []
    /// A verb and its particle as written, by the direction word they read as ("disabl": "switch off").
    private var phrasalWritten: [String: String] = [:]
    /// For `swappedTakings`, read once per change (only of one that takes something away): its words stated,
    /// stop words aside, and of those what it keeps. Built per pair, both sides' sets were 2 % of a lint's CPU
    /// (three comparisons of a pair ask it). Both follow from the fields above: not compared, not hashed.
    private var statedContent: Set<String> = []
    private var keptContent: Set<String> = []
    /// Which way the change moves a number, read from the text as written (`readingNumbers(in:)`): up for
    /// "from 7 to 14 days", "14 days instead of 7", "7 → 14"; down for the reverse; nil when no number is
    /// moved, or two move opposite ways. `numbersShown` says it as a message does ("7 → 14").
    public private(set) var numbersUp: Bool?
    public private(set) var numbersShown = ""
    /// Every number the change moves, from where (in days when it names a unit of time) and which way:
    /// when they do not all go one way on a side ("from 12 to 36 months, bringing the payment from £350 to
    /// £120"), `numbersOpposed` pairs them with the other side's moves from the same number.
    private var moves: [NumberMove] = []

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
            && a.saysNone == b.saysNone
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
                    && (numberAfter[index] || (index + 1 < written.count && Self.isNumber(written[index + 1])))))
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
            for (axis, isUp) in bounding ? (role?.pointing.first.map { [(Axis.bound, $0.up)] } ?? []) : stopsWhatFollows ? [] : (role?.pointing ?? []) {
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
        readTakings(taking, written: written, denied: deniedAt, kinds: stems == taking ? kinds : taking.map { Self.kinds[$0] ?? [] })
    }

    /// Verbs whose particle gives them a direction, by particle: the direction word each pair reads as, with
    /// the particle right after the verb or up to `particleReach` words later ("turn the waitlist off", "opt new
    /// learners in"), but for `particlesRightAfter`, and not past "for" ("opt for yearly billing in the app").
    static let phrasalVerbs: [String: [String: String]] = [
        "turn": ["off": "disabl", "on": "enabl"], "switch": ["off": "disabl", "on": "enabl"],
        "shut": ["off": "disabl", "down": "disabl"], "take": ["off": "remov", "away": "remov"],
        "phase": ["out": "remov", "in": "introduc"],
        "drop": ["in": noDirection, "into": noDirection, "off": noDirection],
        "opt": ["in": "enabl", "out": "disabl"], "roll": ["out": "launch", "back": "remov"],
        "bring": ["back": "introduc"], "scale": ["back": "reduc", "down": "reduc", "up": "increas"],
        "cut": ["back": "reduc"], "dial": ["down": "reduc", "up": "increas"], "ramp": ["down": "reduc", "up": "increas"],
        "tone": ["down": "reduc"], "step": ["up": "increas"],
    ]
    /// Particles that give a verb its direction only right after it (by verb): "switch users on the annual plan"
    /// turns nothing on, but "opt new learners in" opts them in.
    static let particlesRightAfter: [String: Set<String>] = [
        "turn": ["on"], "switch": ["on"], "phase": ["in"], "drop": ["in"], "scale": ["up"], "dial": ["up"], "ramp": ["up"],
        "step": ["up"], "roll": ["back"],
    ]
    /// What a verb reads as when its particle takes its direction away ("drop in a mesh file", "drop off a
    /// parcel": no removal): no direction word nor a taking.
    static let noDirection = "drop-in"
    static let particleReach = 3

    /// Each verb in `stems` that a particle gives a direction, with where its particle is and the direction
    /// word it reads as ("turn" of "turn off": "disabl"). A number between the verb and its particle is an
    /// amount taken off a price, a discount, not a removal ("take 10% off the first box").
    static func phrasalVerbs(in stems: [String], written: [String], numberAfter: [Bool]) -> [(verb: Int, particle: Int, word: String)] {
        var out: [(verb: Int, particle: Int, word: String)] = []
        for (index, stem) in stems.enumerated() {
            guard let particles = phrasalVerbs[stem] else { continue }
            let last = min(stems.count - 1, index + 1 + particleReach)
            guard index + 1 <= last else { continue }
            for at in (index + 1)...last {
                if clauseBreaks.contains(stems[at]) || stems[at] == "for" { break }
                guard let word = particles[stems[at]] else { continue }
                if at > index + 1, particlesRightAfter[stem]?.contains(stems[at]) == true { break }
                if numberAfter[index..<at].contains(true) || written[(index + 1)..<min(at, written.count)].contains(where: isNumber) { break }
                out.append((index, at, word))
                break
            }
        }
        return out
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

    /// The content words after `index` up to the end of what a word at `index` is about: a word joining
    /// another clause ("and", "instead", "when" …), a word in `until` ("replace X with"), a direction word
    /// after one content word, or `windowReach` words.
    static func window(after index: Int, in stems: [String], until: Set<String> = []) -> [String] {
        var out: [String] = []
        for next in stems.indices.dropFirst(index + 1).prefix(windowReach) {
            let stem = stems[next]
            if clauseBreaks.contains(stem) || until.contains(stem) || (!out.isEmpty && roles[stem] != nil) { break }
            if isContent(stem) { out.append(stem) }
        }
        return out
    }

    /// Whether `stem` makes an amount smaller or takes it away ("cut", "fewer", "remove").
    static func reduces(_ stem: String) -> Bool { pointing[stem]?.contains { $0.axis == .amount && !$0.up } ?? false }

    static func isContent(_ stem: String) -> Bool { !Lexicon.stopwords.contains(stem) && !skippedAfterNegation.contains(stem) }

    /// How far what a removal, reduction or denial word is about may reach ("stop asking for a phone number").
    static let windowReach = 6
    /// Stems that end what a word is about: the start of another clause.
    static let clauseBreaks: Set<String> = ["and", "or", "but", "then", "so", "instead", "while", "when", "if", "until", "unless",
                                            "becaus", "befor", "after", "where", "whenev"]
    /// Verbs that keep something as it is ("keep the joining fee").
    static let keeping: Set<String> = ["keep", "kept", "retain"]
    /// Verbs of taking away besides `removal`'s ("scrap the service fee").
    static let takingAway: Set<String> = ["scrap", "ditch", "delet", "abolish", "axe", "kill", "retir"]
    /// Whether `stems` say nothing but that `direction` takes something away ("remove", "scrap", "get rid",
    /// "instead", "turn off"), each word read so in its sentence: what two near copies swap when they take the
    /// same thing away in other words.
    public static func onlyTakeAway(_ stems: [String], readAs direction: ChangeDirection) -> Bool {
        !stems.isEmpty && stems.allSatisfy(direction.takingWords.contains)
    }
    /// Whether `first` and `second` (the stems only one of two near copies names) all make one move in other
    /// words: each a word of one kind of move, all of the same kind ("shorten" / "cut … down", "add" / "show",
    /// "raise" / "increase"; review70: "we shorten the first lesson to three minutes" and "we cut the first lesson
    /// down to three minutes" were related work that "differ in detail"). Taking away and making smaller stay
    /// apart ("remove the fee" / "reduce the fee"), as do adding and making bigger ("add a trial" / "extend the trial").
    public static func onlyTheSameMove(_ first: [String], _ second: [String]) -> Bool {
        guard !first.isEmpty, !second.isEmpty else { return false }
        let all = first + second
        return moveKinds.contains { kind in all.allSatisfy(kind.contains) }
    }
    /// The kinds of move `onlyTheSameMove` reads as one: taking away, making smaller, adding, making bigger.
    static let moveKinds: [Set<String>] = [
        ["remov", "hide", "drop", "disabl", "exclud", "elimin", "hidden"],
        ["cut", "reduc", "fewer", "less", "decreas", "lower", "shorten", "shorter", "smaller", "trim"],
        ["add", "show", "display", "introduc", "includ", "enabl", "launch", "reveal", "unhid"],
        ["more", "increas", "rais", "extend", "longer", "larger", "bigger", "higher", "doubl", "lengthen", "expand"],
    ]
    /// Verbs that take away with a particle ("turn off", "phase out", "take away").
    static let particleTakings: [String: Set<String>] = [
        "turn": ["off"], "switch": ["off"], "shut": ["off", "down"], "take": ["away", "out"], "phase": ["out"],
        "leav": ["out"], "cut": ["out"],
    ]

    /// The stem "free" hyphenated to the word before it ("dairy-free", "password-free"): without that word.
    /// (`TermReader` reads it so; "ride free" and "free delivery" keep the stem "free".)
    public static let without = "-free"

    /// The first word after `index` that is neither a stop word nor skipped after a negation: what a
    /// direction or removal word at `index` is about ("remove the waitlist": waitlist).
    static func object(after index: Int, in stems: [String]) -> String? {
        stems[(index + 1)...].first { !Lexicon.stopwords.contains($0) && !skippedAfterNegation.contains($0) }
    }

    /// The words of the thing named after `index` ("remove the sign-up form in front of": sign, up, form): up to
    /// `phraseWords` words that are not stop words (but "up", of "sign-up", "pop-up"), from the first such word
    /// to the next stop word.
    static func phrase(after index: Int, in stems: [String]) -> [String] {
        var out: [String] = []
        for stem in stems[(index + 1)...] {
            let stop = (Lexicon.stopwords.contains(stem) || skippedAfterNegation.contains(stem)) && !(stem == "up" && !out.isEmpty)
            if stop {
                if out.isEmpty { continue }
                break
            }
            out.append(stem)
            if out.count == phraseWords { break }
        }
        return out
    }

    /// At most this many words name what a removal takes away (`phrase(after:in:)`).
    static let phraseWords = 4

    /// What this change denies, less each denial whose first word `other` takes away in any wording: "no
    /// waitlist" and "remove the waitlist and show the next date" both say there is none, as "no more emailed
    /// quotes" and "a price instead of a quote by email" do, while "do not remove the waitlist" still denies
    /// the removal.
    public func denied(besides other: ChangeDirection) -> Set<String> {
        guard !negated.isEmpty, !other.takenAway.isEmpty || !other.notKept.isEmpty else { return negated }
        var out: Set<String> = []
        for denial in denials {
            guard let first = denial.first, other.takenAway.contains(first) || other.notKept.contains(first) else {
                out.formUnion(denial)
                continue
            }
        }
        return out
    }

    /// What `read` and `readTakings` ask of a stem: which of their lists hold it.
    struct Kind: OptionSet {
        let rawValue: UInt16
        /// `conditions`
        static let condition = Kind(rawValue: 1 << 0)
        /// `presence`
        static let presence = Kind(rawValue: 1 << 1)
        /// A key of `roles`: a negator or a direction word.
        static let role = Kind(rawValue: 1 << 2)
        /// `beside`
        static let beside = Kind(rawValue: 1 << 3)
        /// `removal`
        static let removal = Kind(rawValue: 1 << 4)
        /// `takingAway`
        static let takingAway = Kind(rawValue: 1 << 5)
        /// A key of `particleTakings`
        static let particleTaking = Kind(rawValue: 1 << 6)
        /// `keeping`
        static let keeping = Kind(rawValue: 1 << 7)
        /// `negators`
        static let negator = Kind(rawValue: 1 << 8)
        /// `reduces(_:)`
        static let reduces = Kind(rawValue: 1 << 9)
    }

    /// Each stem of those lists with the lists that hold it: one look-up per stem read, where asking list by
    /// list hashed an ordinary stem nine times (reading the hypotheses was a tenth of a large lint's CPU).
    static let kinds: [String: Kind] = {
        var out: [String: Kind] = [:]
        func mark(_ stems: some Sequence<String>, _ kind: Kind) { for stem in stems { out[stem, default: []].insert(kind) } }
        mark(conditions, .condition)
        mark(presence, .presence)
        mark(roles.keys, .role)
        mark(beside, .beside)
        mark(removal, .removal)
        mark(takingAway, .takingAway)
        mark(particleTakings.keys, .particleTaking)
        mark(keeping, .keeping)
        mark(negators, .negator)
        mark(pointing.keys.filter(reduces), .reduces)
        return out
    }()

    /// Stems that open a condition ("when", "if", "once", "whenever").
    static let conditions: Set<String> = ["when", "if", "onc", "once", "whenev"]
    /// How many words after a condition's opening word its own verb stands ("when a telematics box shows": 3).
    static let conditionReach = 4

    /// Stems that place a thing beside another ("next" before "to" too).
    static let beside: Set<String> = ["besid", "alongsid"]
    /// How many words after "next to" or "beside" a word of place still says where the neighbour is
    /// ("next to the price at the top": 6).
    static let neighbourReach = 6
    /// Stems of seeing, for a place said by what is seen first.
    static let seeing: Set<String> = ["see", "seen", "saw", "notic", "spot"]

    /// Whether the "first" at `index` places something by what is seen first: seen right before it ("the
    /// shelf a shopper sees first"), or "the first" and a thing seen two or three words on ("the first thing
    /// visitors see", "the first row users see") or on something ("the first thing on each listing"). Not
    /// "first see" (the first time, not a place), nor "the first time people see the price", nor a "first"
    /// that makes a compound with the word after it ("notice first-time deals", "see first-order offers").
    static func seenFirst(_ stems: [String], at index: Int, joined: [Bool]) -> Bool {
        if index + 1 < stems.count, joined[index + 1] || stems[index + 1] == "time" { return false }
        if index > 0, seeing.contains(stems[index - 1]) { return true }
        guard index > 0, stems[index - 1] == "the", index + 2 < stems.count, stems[index + 1] != "time" else { return false }
        return stems[index + 2] == "on" || stems[(index + 2)..<min(stems.count, index + 4)].contains(where: seeing.contains)
    }

    /// Verbs of letting, whose denial is of what someone is let do: "do not let ticket holders resell",
    /// "do not allow diners to cancel".
    static let permission: Set<String> = ["let", "allow", "permit"]
    /// Words before who is let ("let the app send", "let their guests bring").
    static let determiners: Set<String> = ["the", "a", "an", "their", "our", "your", "its", "his", "her", "any", "ani", "every", "everi", "all", "these", "those",
                                           "this", "that", "some"]

    /// Where the verb that a denied permission governs stands (after the negator at `negator`), or nil
    /// when no permission is denied. "Allow" and "permit" name it after "to" ("do not allow diners to
    /// cancel"); "let" names it bare after who is let, a plural ending them ("let ticket holders resell"),
    /// else one word ("let someone resell", "let the app send").
    static func governedVerb(_ stems: [String], _ written: [String], negator: Int) -> Int? {
        var index = negator + 1
        while index < stems.count, stems[index] == "t" || stems[index] == "do" || stems[index] == "to" { index += 1 }
        guard index < stems.count, permission.contains(stems[index]) else { return nil }
        let verb = stems[index]
        let reach = min(stems.count, index + 6)
        if verb != "let" {
            guard let to = stems[(index + 1)..<reach].firstIndex(of: "to"), to + 1 < stems.count else { return nil }
            return to + 1
        }
        var words = 0
        var first: Int?
        for next in (index + 1)..<reach where !determiners.contains(stems[next]) {
            if first == nil { first = next }
            let word = written[next].lowercased()
            if word.count > 3, word.hasSuffix("s"), !word.hasSuffix("ss"), stems[next] != word {
                return next + 1 < stems.count ? next + 1 : nil
            }
            words += 1
            if words == 3 { break }
        }
        guard let first, first + 1 < stems.count else { return nil }
        return first + 1
    }

    /// How two changes go opposite ways ("add / remove", "not show / show"), or nil. With
    /// `sameObject`, opposite direction words count only when what one of them is about is named
    /// by the other change too: "a bigger discount" and "cut the price" are not opposites, "a
    /// shorter signup form" and "a longer signup form" are; denials ("not show / show") do not count.
    /// The words are each side's own as written ("not surcharge / surcharges").
    public static func opposition(_ a: ChangeDirection, _ b: ChangeDirection, sameObject: Bool = false) -> String? {
        guard let words = opposed(a, b, sameObject: sameObject, { side, word in side.spelling(word) }) else { return nil }
        // A denial said by stopping, against starting the same thing, is named by its two verbs: "stop / start",
        // not "not auto / auto" (review52b #6: "stopping the auto-renewal reminder email" / "starting an auto-renewal
        // reminder email"). Only the words change: `denies` still reads it as a denial.
        if words.hasPrefix("not ") || words.contains(" / not ") {
            let aStops = words.hasPrefix("not ")
            let (stopper, starter) = aStops ? (a, b) : (b, a)
            if let stop = stopper.said(["stop"]), stopper.said(starters) == nil, starter.said(["stop"]) == nil,
               let start = starter.said(starters) {
                return aStops ? "\(stop) / \(start)" : "\(start) / \(stop)"
            }
        }
        return words
    }

    /// Verbs that begin what a "stop" ends.
    static let starters: Set<String> = ["start", "begin", "resum", "launch", "introduc", "restart"]

    /// The first of `stems` this change says, as written; nil when it says none of them.
    func said(_ stems: Set<String>) -> String? {
        for reading in readings {
            if let index = reading.stems.firstIndex(where: stems.contains) { return reading.written[index] }
        }
        return nil
    }

    /// Whether two changes go opposite ways (`opposition` is not nil), the words left unspelled.
    public static func opposes(_ a: ChangeDirection, _ b: ChangeDirection, sameObject: Bool = false) -> Bool {
        opposed(a, b, sameObject: sameObject) { _, word in word } != nil
    }

    /// What one change denies and the other does ("card / not card"), as `opposition` words it, or nil
    /// when the two do not go opposite ways or only their direction words do.
    public static func denial(_ a: ChangeDirection, _ b: ChangeDirection) -> String? {
        guard denies(a, b) else { return nil }
        return opposition(a, b)
    }

    /// `opposition`, each word of side `a` or `b` written by `spell`.
    static func opposed(_ a: ChangeDirection, _ b: ChangeDirection, sameObject: Bool,
                        _ spell: (ChangeDirection, String) -> String) -> String? {
        for axis in Axis.allCases {
            if sameObject {
                // Neither side's direction words are about anything: nothing to intersect.
                if a.objects[axis]?.isEmpty ?? true, b.objects[axis]?.isEmpty ?? true { continue }
                let aboutB = a.objects[axis, default: []].intersection(b.asserted.union(b.negated))
                let aboutA = b.objects[axis, default: []].intersection(a.asserted.union(a.negated))
                if aboutA.isEmpty && aboutB.isEmpty { continue }
            }
            // A comparative after showing against plain showing: "show a shorter form" / "display a two-field form".
            if axis == .amount, (a.comparesWhatItShows && b.up[axis].map(presence.contains) == true)
                || (b.comparesWhatItShows && a.up[axis].map(presence.contains) == true) {
                continue
            }
            // Only a one-way change on each side counts: "add X and remove Y" says no direction, nor does
            // "show Y instead of X" (`replacesACount`).
            if let ua = a.up[axis], a.down[axis] == nil, !(axis == .amount && a.replacesACount),
               let db = b.down[axis], b.up[axis] == nil { return "\(spell(a, ua)) / \(spell(b, db))" }
            if let da = a.down[axis], a.up[axis] == nil, let ub = b.up[axis], b.down[axis] == nil,
               !(axis == .amount && b.replacesACount) { return "\(spell(a, da)) / \(spell(b, ub))" }
        }
        if let moved = numbersOpposed(a, b, sameObject: sameObject, spell) { return moved }
        if let swapped = sequenceSwapped(a, b, spell) { return swapped }
        if let taken = removal(a, b, spell) { return taken }
        if let swapped = swappedTakings(a, b, spell) { return swapped }
        // "Carries no charge" against "add a 1% fee": what a change charges is the same thing however it is named.
        if a.deniesACharge, let charge = b.addedCharge { return "no charge / \(spell(b, charge))" }
        if b.deniesACharge, let charge = a.addedCharge { return "\(spell(a, charge)) / no charge" }
        // Function words deny nothing of their own ("with no surcharge, for …" is not "not for").
        if sameObject { return nil }
        // (Most changes deny nothing: no sets built for them.)
        if !a.negated.isEmpty, !b.onlyRemoves {
            let aDenies = a.denied(besides: b).intersection(b.asserted).subtracting(generic).subtracting(Lexicon.stopwords)
            if let word = aDenies.sorted().first { return "not \(spell(a, word)) / \(spell(b, word))" }
        }
        if !b.negated.isEmpty, !a.onlyRemoves {
            let bDenies = b.denied(besides: a).intersection(a.asserted).subtracting(generic).subtracting(Lexicon.stopwords)
            if let word = bDenies.sorted().first { return "\(spell(a, word)) / not \(spell(b, word))" }
        }
        return nil
    }

    /// Whether this change denies a word that `other` states undenied, function words aside ("do not offer
    /// a partner finder" against "offer a partner finder"), rather than a detail `other` leaves unsaid
    /// ("without signing up" against "once they finish the course").
    public func denies(whatIsSaidIn other: ChangeDirection) -> Bool {
        !negated.isEmpty && !denied(besides: other).subtracting(other.negated).intersection(other.asserted).subtracting(Lexicon.stopwords).isEmpty
    }

    /// One thing placed before something on one side and after it on the other ("two days before the
    /// cutoff" / "two days after the cutoff", "right after a flight is booked" / "a week before the
    /// flight"), or nil. "Before" and "after" are too common to count alone (a restatement says
    /// "after five lessons" where the idea says "before asking"): only about one same word, which
    /// neither side places both ways.
    static func sequenceSwapped(_ a: ChangeDirection, _ b: ChangeDirection, _ spell: (ChangeDirection, String) -> String) -> String? {
        if !a.before.isEmpty, !b.after.isEmpty,
           let word = a.before.intersection(b.after).subtracting(a.after).subtracting(b.before).min() {
            return "before \(spell(a, word)) / after \(spell(b, word))"
        }
        if !a.after.isEmpty, !b.before.isEmpty,
           let word = a.after.intersection(b.before).subtracting(a.before).subtracting(b.after).min() {
            return "after \(spell(a, word)) / before \(spell(b, word))"
        }
        return nil
    }

    /// One change removes something the other names and keeps ("remove the waitlist and show the next
    /// class instead" / "put people on a waitlist that books them in"), or nil: "remove X and show Y
    /// instead" says both ways on one axis, so the axes read no direction, yet taking X away is the
    /// opposite of the other change's X. Only for such a replacement, when the other change keeps X: names
    /// it, and neither takes it away in any wording nor denies it.
    static func removal(_ a: ChangeDirection, _ b: ChangeDirection, _ spell: (ChangeDirection, String) -> String) -> String? {
        func taken(_ x: ChangeDirection, from y: ChangeDirection) -> (word: String, verb: String)? {
            // (A one-way removal is read on the axes, `added` naming it: "– / removed".)
            // A change that takes something away keeps X only when it says so ("give members who no longer come
            // in a free class and keep the rejoining fee"): what it takes away may be X in a wording `notKept`
            // misses ("tile shots are swapped out: …").
            guard !x.replaced.isEmpty else { return nil }
            let kept = x.replaced.keys.filter {
                y.asserted.contains($0) && !y.negated.contains($0) && !y.notKept.contains($0) && (!y.takesAway || y.keptOutright.contains($0))
            }
            guard let word = kept.filter({ !generic.contains($0) && !Lexicon.stopwords.contains($0) }).min(), let verb = x.replaced[word] else { return nil }
            return (word, verb)
        }
        if let (word, verb) = taken(a, from: b) {
            return "\(spell(a, verb)) \(spell(a, word)) / \(spell(b, word))"
        }
        if let (word, verb) = taken(b, from: a) {
            return "\(spell(a, word)) / \(spell(b, verb)) \(spell(b, word))"
        }
        return nil
    }

    /// A direction that one of two otherwise alike changes states and the other leaves out
    /// ("later / –", "– / not show"), or nil. Adding or showing is what a change does by default,
    /// so those words alone say nothing; removing, hiding, more, fewer, earlier or later do.
    public static func added(_ a: ChangeDirection, _ b: ChangeDirection) -> String? {
        statedByOne(a, b).map { $0.onA ? "\(a.spelling($0.word)) / –" : "– / \(b.spelling($0.word))" }
    }

    /// Whether one of two changes states a direction the other leaves out (`added` is not nil).
    public static func addsOne(_ a: ChangeDirection, _ b: ChangeDirection) -> Bool {
        statedByOne(a, b) != nil
    }

    /// The first direction word (by axis) that one side states and the other leaves out, and which side states it.
    /// A place the other side says another way is not left out: the top ("at the top of the home page")
    /// by a change that puts the thing where it is seen first ("the first thing visitors see"), a place
    /// that only says where the thing's neighbour is ("next to the price at the top of the page") by a
    /// change that puts it beside the same kind of neighbour ("right beside what it costs").
    /// Nor is a removal left out by a change that says there is none of something when the removing change says so
    /// too ("Ad-free listening: remove ads" / "hear no adverts"): both say what is gone, one also how it goes.
    static func statedByOne(_ a: ChangeDirection, _ b: ChangeDirection) -> (word: String, onA: Bool)? {
        for axis in Axis.allCases where axis != .bound {
            if let word = a.stated(axis), b.up[axis] == nil, b.down[axis] == nil, !(axis == .position && a.placed(word, as: b)),
               !(axis == .amount && b.numbersUp == (a.up[axis] == word)),
               !(axis == .amount && removal.contains(word) && a.saysNone && b.saysNone) {
                return (word, true)
            }
            if let word = b.stated(axis), a.up[axis] == nil, a.down[axis] == nil, !(axis == .position && b.placed(word, as: a)),
               !(axis == .amount && a.numbersUp == (b.up[axis] == word)),
               !(axis == .amount && removal.contains(word) && b.saysNone && a.saysNone) {
                return (word, false)
            }
        }
        return nil
    }

    /// Whether this change's place `word` is said another way by `other` (`statedByOne`).
    func placed(_ word: String, as other: ChangeDirection) -> Bool {
        (placeOfNeighbour && other.placesBeside) || (other.placesFirstSeen && up[.position] == word)
    }

    /// Whether one change denies what the other does (`denial` is not nil). Told apart on the stems,
    /// as it was before the words were spelled (a spelling could hold "not ").
    public static func denies(_ a: ChangeDirection, _ b: ChangeDirection) -> Bool {
        opposed(a, b, sameObject: false) { _, word in shown(word) }?.contains("not ") ?? false
    }

    /// Whether the change shows one count of things in place of another ("show a single screen instead of four
    /// pages", "ask eight things instead of twenty before showing the price") and says no more, longer or raise,
    /// nor a removal word: its adding word is no increase (which way the count goes is in the numbers), so it says
    /// both ways on the amount axis, as "remove X and show Y" does. ("Add the lesson to the calendar a week later
    /// instead of the next day", "add ads from day one instead of after a month" trade no count.)
    public var replacesACount: Bool { insteadOfANumber && !removes && !increases }

    /// Whether `word`, a count, is larger than `other` (false when either is not a plain count).
    static func count(_ word: String?, exceeds other: String) -> Bool {
        func value(_ word: String) -> Double? { Double(Lexicon.numberWords[word.lowercased()] ?? word) }
        guard let word, let first = value(word), let second = value(other) else { return false }
        return first > second
    }

    /// Whether a word as written is a number ("4", "four", "twenty").
    static func isNumber(_ word: String) -> Bool {
        (word.first.map { $0.isASCII && $0.isNumber } ?? false) || (!multiples.contains(word.lowercased()) && Lexicon.numberWords[word.lowercased()] != nil)
    }
    /// Whether a word as written reads as a verb in -ing ("buying", "paying", "opening"): not a thing ("nothing",
    /// "something") nor a time of day ("evening", "morning").
    static func isVerbInIng(_ word: String) -> Bool {
        let lower = word.lowercased()
        return lower.count > 5 && lower.hasSuffix("ing") && !lower.hasSuffix("thing") && !["evening", "morning"].contains(lower)
    }

    /// Number words that say a share or a multiple, not a count ("instead of half").
    static let multiples: Set<String> = ["half", "double", "twice", "once"]

    /// Whether the change only takes something away ("drop the phone field"): what another change
    /// says is absent ("a form without the phone field") is then the same claim, not its denial.
    /// (A denied showing is not a removal: "kept if the client does not show up".)
    public var onlyRemoves: Bool { removes && !adds }

    /// Stems of taking something away (not of making it less).
    static let removal: Set<String> = ["remov", "hide", "drop", "disabl", "exclud", "elimin", "hidden"]

    /// The word of a one-way change on `axis`, unless it is only the default of adding or showing.
    func stated(_ axis: Axis) -> String? {
        if let word = up[axis], down[axis] == nil, !Self.presence.contains(word) { return word }
        if let word = down[axis], up[axis] == nil { return word }
        return nil
    }

    /// A direction word as a reader writes it: the stems of `words` that Snowball cuts short ("remov",
    /// "abov") spelled out, so a message says "direction (remove / –)"; "not " kept in front.
    static func shown(_ word: String) -> String {
        if word.hasPrefix("not ") { return "not " + shown(String(word.dropFirst(4))) }
        return spelled[word] ?? word
    }

    static let spelled: [String: String] = [
        "abov": "above", "decreas": "decrease", "disabl": "disable", "doubl": "double", "elimin": "eliminate",
        "enabl": "enable", "exclud": "exclude", "includ": "include", "increas": "increase", "introduc": "introduce",
        "postpon": "postpone", "rais": "raise", "reduc": "reduce", "remov": "remove", "replac": "replace", "requir": "require",
    ]

    /// Stems of adding and showing: what a change does unless it says otherwise.
    static let presence: Set<String> = ["add", "show", "display", "introduc", "includ", "enabl", "launch", "reveal", "unhid"]
    /// Words of place that a number after them makes a bound ("above £40", "below 10 percent").
    static let boundsBeforeANumber: Set<String> = ["abov", "below"]
    /// Comparatives of amount: after an adding or showing word they say which way the change goes ("show fewer ads").
    static let comparatives: Set<String> = ["more", "fewer", "less", "larger", "bigger", "higher", "smaller", "shorter", "longer", "lower"]

    /// Stems of what a price is called: after "no" they say free, not a denial.
    static let price: Set<String> = ["cost", "charg", "fee", "extra"]
    /// What a change charges ("a fee", "a surcharge", "charge"): not "cost", which a change also shows or compares.
    static let charges = ["fee", "charg", "surcharg"]
    /// At most this many stems after an adding or raising word name what it adds ("add a 1 % booking fee").
    static let chargeReach = 4
    /// Adding words that only show a thing ("show the booking fee"): they add no charge.
    static let showing: Set<String> = ["show", "display", "reveal", "unhid"]

    /// Stems (Snowball English) of words that deny what follows.
    static let negators: Set<String> = ["not", "no", "never", "without", "cannot", "nor", "don", "doesn", "won", "stop"]
    /// Words after a negator that carry nothing of their own ("do not let the …").
    static let skippedAfterNegation: Set<String> = [
        "a", "an", "the", "any", "to", "be", "let", "longer", "more", "our", "their", "it", "them", "t", "have", "need", "do",
    ]
    /// Who a change is for says nothing of its direction.
    static let generic: Set<String> = ["user", "new", "learner", "peopl", "custom", "visitor", "member", "subscrib", "shopper", "buyer"]

    /// `words` by stem: the axes a stem points along (in `Axis.allCases` order), and whether up
    /// (a stem listed both ways on one axis points up). One look-up per stem.
    static let pointing: [String: [(axis: Axis, up: Bool)]] = {
        var out: [String: [(axis: Axis, up: Bool)]] = [:]
        for axis in Axis.allCases {
            guard let lists = words[axis] else { continue }
            for stem in lists.up.union(lists.down) { out[stem, default: []].append((axis, lists.up.contains(stem))) }
        }
        return out
    }()

    /// The stems that are negators or direction words (`pointing`), with which.
    static let roles: [String: (negator: Bool, pointing: [(axis: Axis, up: Bool)])] = {
        var out: [String: (negator: Bool, pointing: [(axis: Axis, up: Bool)])] = pointing.mapValues { (false, $0) }
        for stem in negators { out[stem, default: (false, [])].negator = true }
        return out
    }()

    static let words: [Axis: (up: Set<String>, down: Set<String>)] = [
        .amount: (
            up: ["add", "show", "display", "introduc", "includ", "enabl", "launch", "reveal", "unhid", "more", "increas", "rais", "extend", "longer",
                 "larger", "bigger", "higher", "doubl", "lengthen", "expand", "requir"],
            down: ["remov", "hide", "drop", "disabl", "cut", "reduc", "fewer", "less", "decreas", "lower", "shorten", "shorter",
                   "smaller", "trim", "exclud", "elimin", "hidden"]),
        .time: (up: ["earlier", "sooner"], down: ["later", "delay", "postpon", "defer"]),
        .position: (up: ["abov", "top"], down: ["below", "bottom"]),
    ]
}

extension ChangeDirection {
    /// This change with the way it moves a number read from `texts` as written (the title, then the change):
    /// stems leave digits out, so "from 14 to 7 days" and "14 days instead of 7" are read here.
    public func readingNumbers(in texts: [String]) -> ChangeDirection {
        var moves: [NumberMove] = []
        for text in texts { moves += Self.numberMoves(in: text) }
        guard let first = moves.first else { return self }
        var out = self
        out.moves = moves
        guard moves.allSatisfy({ $0.up == first.up }) else { return out }
        out.numbersUp = first.up
        out.numbersShown = first.shown
        return out
    }

    /// Two changes that move a number opposite ways ("7 → 14 / 14 → 7"), or one that moves it against the
    /// other's one-way word of amount ("14 → 7 / extend"), or nil. With `sameObject`, the word's object must
    /// be named by the side that moves the number.
    static func numbersOpposed(_ a: ChangeDirection, _ b: ChangeDirection, sameObject: Bool,
                               _ spell: (ChangeDirection, String) -> String) -> String? {
        if let upA = a.numbersUp, let upB = b.numbersUp {
            return upA == upB ? nil : "\(a.numbersShown) / \(b.numbersShown)"
        }
        // Numbers moving both ways on one side at least: each move paired with the other side's moves from
        // the same number; opposed when some pair and every pair go opposite ways ("12 → 36 months,
        // £350 → £120" / "12 → 6 months, £350 → £700").
        if a.numbersUp == nil && !a.moves.isEmpty || b.numbersUp == nil && !b.moves.isEmpty {
            var first: String?
            var opposite = true
            for m in a.moves {
                for n in b.moves where m.from == n.from {
                    if m.up == n.up { opposite = false } else if first == nil { first = "\(m.shown) / \(n.shown)" }
                }
            }
            if opposite, let first { return first }
        }
        func against(_ moving: ChangeDirection, _ worded: ChangeDirection) -> String? {
            guard let up = moving.numbersUp, let word = worded.stated(.amount), (worded.up[.amount] == word) != up,
                  !(worded.replacesACount) else { return nil }
            if sameObject, worded.objects[.amount, default: []].isDisjoint(with: moving.asserted) { return nil }
            return spell(worded, word)
        }
        if let word = against(a, b) { return "\(a.numbersShown) / \(word)" }
        if let word = against(b, a) { return "\(word) / \(b.numbersShown)" }
        return nil
    }

    /// The numbers a text moves, in the order written: "from N to M" (a word may stand before each number:
    /// "from day 3 to day 1", and after the first: "from 14 days to 7"), "M … instead of N" and "M … rather
    /// than N" (M at most five words before), "N → M" and "N -> M". A move between equal numbers is none.
    static func numberMoves(in text: String) -> [NumberMove] {
        // A move needs one of its words; most texts have none, and reading every word with its value
        // was a sixth of a large playbook's reading of its texts.
        guard mayMoveNumbers(text) else { return [] }
        let tokens = numberTokens(text)
        func number(in range: Range<Int>, last: Bool = false) -> Int? {
            let indices = range.clamped(to: 0..<tokens.count).filter { tokens[$0].value != nil }
            return last ? indices.last : indices.first
        }
        func unit(after index: Int) -> Double? {
            guard index + 1 < tokens.count else { return nil }
            let word = tokens[index + 1].text
            return daysIn[word.hasSuffix("s") ? String(word.dropLast()) : word]
        }
        var out: [NumberMove] = []
        func move(_ from: Int?, _ to: Int?) {
            guard let from, let to, var x = tokens[from].value, var y = tokens[to].value else { return }
            // "Two weeks instead of 10 days": in days, when both numbers name a unit of time.
            if let unitX = unit(after: from), let unitY = unit(after: to) {
                x *= unitX
                y *= unitY
            }
            guard x != y else { return }
            out.append(NumberMove(from: x, up: y > x, shown: "\(tokens[from].text) → \(tokens[to].text)"))
        }
        for (index, token) in tokens.enumerated() {
            switch token.text {
            case "from":
                guard let first = number(in: (index + 1)..<(index + 3)),
                      let to = ((first + 1)..<min(tokens.count, first + 3)).first(where: { tokens[$0].text == "to" }) else { continue }
                move(first, number(in: (to + 1)..<(to + 3)))
            case "instead", "rather":
                guard index + 1 < tokens.count, tokens[index + 1].text == (token.text == "instead" ? "of" : "than") else { continue }
                move(number(in: (index + 2)..<(index + 4)), number(in: (index - 5)..<index, last: true))
            case "→", "->":
                move(number(in: (index - 2)..<index, last: true), number(in: (index + 1)..<(index + 3)))
            default:
                continue
            }
        }
        return out
    }

    /// Whether `text` can hold a word `numberMoves` starts from: false only for a text in ASCII that does not
    /// write "from", "instead", "rather" or "->" in any case, even within a word (any other text is read).
    static func mayMoveNumbers(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            // Lower-cased as bytes: ASCII letters only (a byte past ASCII sends the text to the full reading).
            var window: UInt64 = 0
            for byte in bytes {
                if byte >= 0x80 { return true }
                let lower = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
                window = window << 8 | UInt64(lower)
                if lower == 0x3E, window & 0xFFFF == 0x2D3E { return true } // "->"
                if window & 0xFFFF_FFFF == 0x6672_6F6D { return true } // "from"
                if window & 0xFFFF_FFFF_FFFF == 0x7261_7468_6572 { return true } // "rather"
                if window & 0xFF_FFFF_FFFF_FFFF == 0x69_6E73_7465_6164 { return true } // "instead"
            }
            return false
        } ?? true // not contiguous (bridged): read in full
    }

    /// Units of time, in days, for `numberMoves`.
    static let daysIn: [String: Double] = ["minute": 1.0 / 1_440, "min": 1.0 / 1_440, "hour": 1.0 / 24, "hr": 1.0 / 24, "day": 1, "week": 7,
                                           "month": 30, "year": 365]

    /// A text's words, numbers and arrows, lower-cased, each number with its value ("£20k": 20000, "seven": 7;
    /// "half", "double", "twice" and "once" say a share or a multiple: no value).
    static func numberTokens(_ text: String) -> [(text: String, value: Double?)] {
        var out: [(text: String, value: Double?)] = []
        let scalars = Array(text.lowercased().unicodeScalars)
        var index = 0
        func isDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 48 && s.value <= 57 }
        while index < scalars.count {
            let scalar = scalars[index]
            if isDigit(scalar) {
                var end = index
                var digits = ""
                while end < scalars.count, isDigit(scalars[end]) || ((scalars[end] == "," || scalars[end] == ".")
                        && end + 1 < scalars.count && isDigit(scalars[end + 1])) {
                    if scalars[end] != "," { digits.unicodeScalars.append(scalars[end]) }
                    end += 1
                }
                var value = Double(digits)
                var shownEnd = end
                if end < scalars.count, scalars[end] == "k" || scalars[end] == "m",
                   end + 1 >= scalars.count || !scalars[end + 1].properties.isAlphabetic {
                    value = value.map { $0 * (scalars[end] == "k" ? 1_000 : 1_000_000) }
                    shownEnd = end + 1
                }
                var start = index
                if start > 0, Tokenizer.beforeAmount.contains(scalars[start - 1].value), scalars[start - 1] != " " { start -= 1 }
                var shown = String.UnicodeScalarView()
                shown.append(contentsOf: scalars[start..<shownEnd])
                out.append((String(shown), value))
                index = shownEnd
            } else if scalar.properties.isAlphabetic {
                var end = index
                while end < scalars.count, scalars[end].properties.isAlphabetic { end += 1 }
                var word = String.UnicodeScalarView()
                word.append(contentsOf: scalars[index..<end])
                let text = String(word)
                let value = multiples.contains(text) ? nil : Lexicon.numberWords[text].flatMap(Double.init)
                out.append((text, value))
                index = end
            } else if scalar == "→" || (scalar == "-" && index + 1 < scalars.count && scalars[index + 1] == ">") {
                out.append((scalar == "→" ? "→" : "->", nil))
                index += scalar == "→" ? 1 : 2
            } else {
                index += 1
            }
        }
        return out
    }

    /// Two changes that each take away what the other keeps ("room photos instead of tile shots" / "tile shots
    /// instead of room photos", "a monthly plan instead of the annual one" / "the annual plan, not the monthly
    /// one"), or nil: the same words, swapped, are opposite changes. Each side must keep, undenied, a word the
    /// other takes away, and nine in ten of their words are shared.
    static func swappedTakings(_ a: ChangeDirection, _ b: ChangeDirection, _ spell: (ChangeDirection, String) -> String) -> String? {
        guard a.takesAway, b.takesAway, !a.notKept.isEmpty, !b.notKept.isEmpty else { return nil }
        // The same words, swapped: a rewording that takes the same thing away in other words ("drop tile shots in
        // favour of room photos on every listing card") shares fewer, and its windows run on into the place.
        // (Each side's words read once, when it was read: `statedContent`, `keptContent`.)
        let (wordsA, wordsB) = (a.statedContent, b.statedContent)
        let (fewer, more) = wordsA.count <= wordsB.count ? (wordsA, wordsB) : (wordsB, wordsA)
        var shared = 0
        for word in fewer where more.contains(word) { shared += 1 }
        // (The union's size: the two sizes less what they share.)
        guard shared * 10 >= (wordsA.count + wordsB.count - shared) * 9 else { return nil }
        guard let dropsOnA = a.notKept.intersection(b.keptContent).min(), let dropsOnB = b.notKept.intersection(a.keptContent).min() else { return nil }
        return "\(spell(a, dropsOnB)) instead of \(spell(a, dropsOnA)) / \(spell(b, dropsOnA)) instead of \(spell(b, dropsOnB))"
    }
}
