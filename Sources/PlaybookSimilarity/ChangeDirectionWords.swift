/// The word lists and phrase readers `ChangeDirection` reads a change with: verbs with particles, what a
/// word is about, the kinds of move.
extension ChangeDirection {
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
        let all = deniedAdjectivesRead(stopsRead(first)) + deniedAdjectivesRead(stopsRead(second))
        return moveKinds.contains { kind in all.allSatisfy(kind.contains) }
    }

    /// `stems` with a stop said in other words read as one: "no longer" as "stop", a showing verb denied
    /// ("never show", "stop show", "not display") as hiding, a requirement denied ("no longer require") as making
    /// optional (review: "never show the app rating prompt" / "hide …", "no longer show …" / "stop showing …" and
    /// "no longer require a phone number" / "make the phone number field optional" were related work that "differ
    /// in detail").
    static func stopsRead(_ stems: [String]) -> [String] {
        var stops: [String] = []
        var index = 0
        while index < stems.count {
            if stems[index] == "no", index + 1 < stems.count, stems[index + 1] == "longer" {
                stops.append("stop")
                index += 2
            } else {
                stops.append(stems[index])
                index += 1
            }
        }
        guard stops.count > 1 else { return stops }
        var out: [String] = []
        index = 0
        while index < stops.count {
            if index + 1 < stops.count, negators.contains(stops[index]), showingVerbs.contains(stops[index + 1]) {
                out.append("hide")
                index += 2
            } else if index + 1 < stops.count, negators.contains(stops[index]), requiring.contains(stops[index + 1]) {
                // "No longer require" makes a thing optional.
                out.append("option")
                index += 2
            } else {
                out.append(stops[index])
                index += 1
            }
        }
        return out
    }
    /// Verbs of showing, which a denial turns into hiding (not adding: "never add a fee" keeps none, "remove the fee" takes one away).
    static let showingVerbs: Set<String> = ["show", "display", "reveal"]

    /// `stems` with each denied plain adjective ("not small", `deniedAdjectives`) read as the comparative it agrees with
    /// ("larger"): "make the buy button not small" and "… larger" make one move (review: "differ in detail (not small /
    /// larger)").
    static func deniedAdjectivesRead(_ stems: [String]) -> [String] {
        guard stems.count > 1 else { return stems }
        var out: [String] = []
        var index = 0
        while index < stems.count {
            if index + 1 < stems.count, negators.contains(stems[index]), let comparative = deniedAdjectives[stems[index + 1]],
               let opposite = oppositeComparatives[comparative] {
                out.append(opposite)
                index += 2
            } else {
                out.append(stems[index])
                index += 1
            }
        }
        return out
    }
    /// Each comparative of `deniedAdjectives` with the one pointing the other way on its scale.
    static let oppositeComparatives: [String: String] = [
        "smaller": "larger", "larger": "smaller", "shorter": "longer", "longer": "shorter", "bigger": "smaller", "higher": "lower",
        "lower": "higher", "fewer": "more", "earlier": "later", "later": "earlier",
    ]
    /// The kinds of move `onlyTheSameMove` reads as one: taking away, making smaller, adding, making bigger,
    /// placing beside ("next to" / "beside" / "alongside": "to" is a stop word, so "next to" leaves "next").
    static let moveKinds: [Set<String>] = [
        ["remov", "hide", "drop", "disabl", "exclud", "elimin", "hidden", "stop"],
        ["cut", "reduc", "fewer", "less", "decreas", "lower", "shorten", "shorter", "smaller", "trim", "merg", "consolid"],
        ["add", "show", "display", "introduc", "includ", "enabl", "launch", "reveal", "unhid"],
        ["more", "increas", "rais", "extend", "longer", "larger", "bigger", "higher", "doubl", "lengthen", "expand"],
        ["next", "besid", "alongsid", "adjac"],
        ["option"],
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

    /// What this change denies less each denial of a requirement ("no longer require a phone number", "a phone number
    /// that is not mandatory") when `other` makes a thing optional: both say it is no longer required (review:
    /// "no longer require a phone number" / "make the phone number field optional" differed "in direction (not phone /
    /// phone)"). A plain denial ("no phone number") still differs from an optional one.
    func deniedRequirements(besides other: ChangeDirection) -> Set<String> {
        let denied = denied(besides: other)
        guard !denied.isEmpty, other.asserted.contains("option"), denials.contains(where: { $0.first.map(Self.requiring.contains) == true })
        else { return denied }
        var out: Set<String> = []
        for denial in denials where !(denial.first.map(Self.requiring.contains) ?? false) { out.formUnion(denial) }
        return denied.intersection(out)
    }
    /// Words of requiring, whose denial makes a thing optional.
    static let requiring: Set<String> = ["requir", "mandatori", "compulsori", "oblig"]

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
}
