/// How two changes compare: opposite ways, denials, removals, additions.
extension ChangeDirection {
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
            // "Stop offering" is named so, not "not offering": the verb said after "stop".
            let sides = words.components(separatedBy: " / ")
            if sides.count == 2 {
                let denied = String(sides[aStops ? 0 : 1].dropFirst(4))
                if let stop = stopper.stop(before: denied) {
                    return aStops ? "\(stop) \(denied) / \(sides[1])" : "\(sides[0]) / \(stop) \(denied)"
                }
            }
        }
        return words
    }

    /// One change makes a thing required and the other makes it optional ("make the learning-goal question
    /// required" / "… optional with a Skip button"), named by the two words as written, or nil (review: the two were
    /// "the same change"). A requirement denied ("no longer require") is no requirement: it makes optional too.
    static func requiredAgainstOptional(_ a: ChangeDirection, _ b: ChangeDirection) -> String? {
        func requires(_ x: ChangeDirection) -> String? {
            guard let word = x.said(requiring), x.negated.isDisjoint(with: requiring) else { return nil }
            return word
        }
        func optional(_ x: ChangeDirection) -> String? {
            guard let word = x.said(["option"]), word.lowercased().hasPrefix("optional"), !x.negated.contains("option") else { return nil }
            return word
        }
        if let required = requires(a), optional(a) == nil, requires(b) == nil, let optional = optional(b) { return "\(required) / \(optional)" }
        if let required = requires(b), optional(b) == nil, requires(a) == nil, let optional = optional(a) { return "\(optional) / \(required)" }
        return nil
    }

    /// "Stop" as written right before `word` as written ("stop offering"), or nil.
    func stop(before word: String) -> String? {
        for reading in readings {
            for index in reading.written.indices.dropFirst() where reading.written[index] == word && reading.stems[index - 1] == "stop" {
                return reading.written[index - 1]
            }
        }
        return nil
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
            // One order said both ways ("X above Y" / "Y below X") is no opposite place.
            if axis == .position, sameOrder(a, b) { continue }
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
        if let swapped = orderSwapped(a, b, spell) { return swapped }
        if let taken = removal(a, b, spell) { return taken }
        if let swapped = swappedTakings(a, b, spell) { return swapped }
        if let turned = startedAgainstTaken(a, b, spell) { return turned }
        if let made = requiredAgainstOptional(a, b) { return made }
        // "Carries no charge" against "add a 1% fee": what a change charges is the same thing however it is named.
        if a.deniesACharge, let charge = b.addedCharge { return "no charge / \(spell(b, charge))" }
        if b.deniesACharge, let charge = a.addedCharge { return "\(spell(a, charge)) / no charge" }
        // Function words deny nothing of their own ("with no surcharge, for …" is not "not for").
        if sameObject { return nil }
        // (Most changes deny nothing: no sets built for them.)
        if !a.negated.isEmpty, !b.onlyRemoves {
            let aDenies = a.deniedRequirements(besides: b).intersection(b.asserted).subtracting(generic).subtracting(Lexicon.stopwords)
            if let word = a.firstDenied(among: aDenies) { return "not \(spell(a, word)) / \(spell(b, word))" }
        }
        if !b.negated.isEmpty, !a.onlyRemoves {
            let bDenies = b.deniedRequirements(besides: a).intersection(a.asserted).subtracting(generic).subtracting(Lexicon.stopwords)
            if let word = b.firstDenied(among: bDenies) { return "\(spell(a, word)) / not \(spell(b, word))" }
        }
        return nil
    }

    /// The first of `words` this change denies, in the order its denials say them: the verb a denial is of
    /// ("stop offering the 7-day free trial": offer, not day; review, 2026-12-05, read "day / not day").
    func firstDenied(among words: Set<String>) -> String? {
        guard !words.isEmpty else { return nil }
        for denial in denials {
            if let word = denial.first(where: words.contains) { return word }
        }
        return words.min()
    }

    /// One change turns on, adds or shows a thing and nothing else ("switch on a discount countdown timer")
    /// that the other takes away in words no axis reads ("kill", "get rid of", "scrap", "ditch") and adds
    /// nothing: opposite changes, named by their verbs ("turn on / kill"), or nil. (Review, 2026-12-05: the two
    /// read as related work that "differ in detail (turn … switch / kill … rid)".) Only when what is turned on,
    /// the word after the adding verb, is among what the other takes away.
    static func startedAgainstTaken(_ a: ChangeDirection, _ b: ChangeDirection, _ spell: (ChangeDirection, String) -> String) -> String? {
        func started(_ x: ChangeDirection, taken y: ChangeDirection) -> (on: String, off: String)? {
            guard y.takesAway, !x.takesAway, let on = x.up[.amount], x.down[.amount] == nil, presence.contains(on),
                  y.up[.amount] == nil, y.down[.amount] == nil, !y.adds,
                  !(x.objects[.amount] ?? []).intersection(y.notKept).subtracting(y.keptOutright).subtracting(generic).isEmpty,
                  let off = y.firstTaking() else { return nil }
            return (spell(x, on).lowercased(), off)
        }
        if let (on, off) = started(a, taken: b) { return "\(on) / \(off)" }
        if let (on, off) = started(b, taken: a) { return "\(off) / \(on)" }
        return nil
    }

    /// The first word this change takes something away with (`takingWords`), as written and lower-cased, with
    /// the words its phrase says it with ("get rid of", "do away with", "no longer").
    func firstTaking() -> String? {
        for reading in readings {
            guard let index = reading.stems.firstIndex(where: takingWords.contains) else { continue }
            let word = reading.written[index].lowercased()
            switch reading.stems[index] {
            case "rid": return index > 0 ? "\(reading.written[index - 1].lowercased()) rid of" : "rid of"
            case "away": return index > 0 ? "\(reading.written[index - 1].lowercased()) away with" : "away with"
            case "instead": return "instead of"
            case "longer", "more": return "no \(word)"
            default: return word
            }
        }
        return takingWords.min()
    }

    /// Whether this change denies a word that `other` states undenied, function words aside ("do not offer
    /// a partner finder" against "offer a partner finder"), rather than a detail `other` leaves unsaid
    /// ("without signing up" against "once they finish the course").
    public func denies(whatIsSaidIn other: ChangeDirection) -> Bool {
        !negated.isEmpty && !deniedRequirements(besides: other).subtracting(other.negated).intersection(other.asserted).subtracting(Lexicon.stopwords).isEmpty
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

    /// Plain adjectives (as stems) that point no way of their own ("a small banner" adds a banner), each with the
    /// comparative whose way it points when denied ("not small": the other way from "smaller").
    static let deniedAdjectives: [String: String] = [
        "small": "smaller", "short": "shorter", "big": "bigger", "larg": "larger", "long": "longer", "high": "higher", "low": "lower",
        "few": "fewer", "earli": "earlier", "late": "later",
    ]

    static let words: [Axis: (up: Set<String>, down: Set<String>)] = [
        .amount: (
            up: ["add", "show", "display", "introduc", "includ", "enabl", "launch", "reveal", "unhid", "more", "increas", "rais", "extend", "longer",
                 "larger", "bigger", "higher", "doubl", "lengthen", "expand", "requir"],
            down: ["remov", "hide", "drop", "disabl", "cut", "reduc", "fewer", "less", "decreas", "lower", "shorten", "shorter",
                   "smaller", "trim", "exclud", "elimin", "hidden", "merg", "consolid"]),
        .time: (up: ["earlier", "sooner"], down: ["later", "delay", "postpon", "defer"]),
        .position: (up: ["abov", "top"], down: ["below", "bottom"]),
    ]
}
