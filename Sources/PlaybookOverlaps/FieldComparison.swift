import PlaybookSimilarity

/// Two items compared field by field beside their change texts: which fields match and which
/// differ. Any difference makes a pair related work rather than a duplicate.
struct FieldComparison {
    /// The fields that match, "change" first (left empty with `untilDifferent`: no array made for a question of yes or no).
    var matches: [String] = []
    var differences: [Difference] = []

    /// Changes this alike in words read as one text with a detail changed: a look-alike keeps most
    /// words, a restatement by another squad fewer (`DuplicateTests`' reworded streak hypothesis scores
    /// 0.62 and names a channel the other leaves out; the tuning pairs gave the same figures at 0.6–0.7).
    static let nearlySameWords = 0.7
    /// The same by meaning: the tuning rewordings' change cosines reach 0.78, the look-alikes' are mostly 0.8–0.98.
    static let nearlySameMeaning = 0.8
    /// …and shares words: a look-alike keeps most of them, a restatement may share none.
    static let someWordsShared = 0.25
    /// The facets whose mention on one side only makes a look-alike: a restatement alike in words
    /// often names a channel or segment the other leaves out ("push" / "notify", "active" learners).
    static let oneSided: Set<Facets.Facet> = [.platform, .region]
    /// Audiences whose cosine is under this read as different people when the changes are nearly the
    /// same (the tuning look-alikes for another audience: 0.09–0.57, and 0.72–0.93 where one qualifier
    /// changed). Restatements' audiences, reworded with the rest, go down to 0.15: hence only for
    /// nearly the same changes.
    static let differentAudience = 0.6
    /// Changes that share this much of their wording (`Corpus.Wording.overlap`, shared terms over
    /// all terms) are about the same thing, so opposite direction words set them apart; below it,
    /// only when what a direction word is about is named on the other side too. A restatement by
    /// another squad shares little (the seen rewordings: at most 0.33) and says its direction in
    /// other words, so "a bigger yearly discount" and "cut the price of a year" must not read as
    /// opposites (the seen rewordings misread that way shared 0.05–0.22); the seen opposite and
    /// negated look-alikes share 0.3–0.9 (one of 125 under 0.25).
    static let sameThing = 0.25
    /// Changes sharing this much of their wording are one text with a detail swapped when each
    /// names something the other does not ("in the sidebar" / "in the weekly email", "after one
    /// hour" / "after three days", "Paris" / "Madrid"): a look-alike, not a restatement. The seen
    /// rewordings share at most 0.33, the seen look-alikes mostly 0.4–1 (18 of 176 under 0.45).
    static let nearCopy = 0.4
    /// …and the detail is a few terms on each side: 163 of the 173 seen look-alikes that are near
    /// copies swap at most three. A text with more of its words replaced here and there is read as
    /// another squad's wording (`scripts/generate-hypotheses.py` restates by replacing a fifth of
    /// the words at random: without this bound 4 of its 169 restatements in 2,000 hypotheses were
    /// found, with it 97, against 143 before the detail rule).
    static let detailTerms = 3
    /// …or more, when each text's own words stand together in at most this many phrases (one in the
    /// title, one in the change): a look-alike swaps a phrase ("before the end of October" / "in January,
    /// after the boat show", "send a push notification" / "show on the home-screen widget"), a text with
    /// words replaced here and there scatters them. Of the nine labelled sets' look-alikes that are near
    /// copies swapping more than `detailTerms` on a side, 20 of 42 swap at most two phrases, against 2 of
    /// the 169 generated restatements that are near copies and no labelled rewording.
    static let swappedPhrases = 2

    /// `words` and `meaning` say how alike the change texts read (the word score and the cosine);
    /// `lookAlike` that one of them restates a text nearly the same as the other (see
    /// `DuplicateDetection.inheritedDifferences`), so what one names and the other does not counts too.
    /// `wording` compares the two texts term by term (shared terms and those only one names).
    /// (`__shared`: an initialiser takes its arguments owned, which copied both items, a retain of
    /// each of their fields, for every pair compared; borrowed, they are only read.)
    /// With `untilDifferent`, only whether any field differs is answered: `matches` is left out and the
    /// comparison stops at the first difference (the neighbour rule asks this of tens of thousands of pairs).
    init(_ a: __shared DuplicateDetection.Item, _ b: __shared DuplicateDetection.Item, words: Double, meaning: Double?, catalog: MetricCatalog,
         wording: Corpus.Wording? = nil, lookAlike: Bool = false, untilDifferent: Bool = false) {
        if !untilDifferent { matches.append("change") }
        // A field a rule found to differ is not also listed as matching (the channel rule below tells
        // apart a surface the facets matched: "differ in surface (– / email); match: …, surface").
        defer {
            if !matches.isEmpty, !differences.isEmpty {
                let differing = Set(differences.map(\.kind))
                matches.removeAll { differing.contains($0.prefix { $0 != " " }) }
            }
        }
        let overlap = wording?.overlap ?? 1
        // (Asked only whether they differ, the words are not spelled: no message is written.)
        if untilDifferent {
            if ChangeDirection.opposes(a.direction, b.direction, sameObject: overlap < Self.sameThing) {
                differences.append("direction")
                return
            }
        } else if let opposite = ChangeDirection.opposition(a.direction, b.direction, sameObject: overlap < Self.sameThing) {
            differences.append("direction (\(opposite))")
        }
        if let ma = a.metric, let mb = b.metric {
            if let same = catalog.same(ma, mb) {
                if !untilDifferent { matches.append("metric \(same)") }
            } else {
                differences.append(untilDifferent ? "metric" : "metric (\(catalog.apart(ma, mb)))")
                if untilDifferent { return }
            }
        }
        for (facet, detail) in Facets.differences(a.facets, b.facets) { differences.append("\(facet.rawValue) (\(detail))") }
        // Audiences that state ages in numbers none of which meet ("aged 2 to 4" / "aged 5 to 8", "Year 4" / "Year 2"):
        // the vocabulary reads both as children.
        if let apart = AgeBands.apart(a.ages, b.ages) { differences.append("audience (\(apart))") }
        if untilDifferent {
            if !differences.isEmpty { return }
            // Asked only whether they differ: two experiments' surfaces and audiences first, a comparison of
            // two fields, before the reading of their wording below (the same answer: any difference is one).
            if a.isExperiment, b.isExperiment {
                if let sa = a.experimentSurface, let sb = b.experimentSurface, !Surface.related(sa, sb) {
                    differences.append("surface")
                    return
                }
                if !AudienceOverlap.possible(a.experimentAudience, b.experimentAudience) {
                    differences.append("audience")
                    return
                }
            }
        } else {
            matches += Facets.matchesNamed(a.facets, b.facets)
        }
        let nearlySame = words >= Self.nearlySameWords || ((meaning ?? 0) >= Self.nearlySameMeaning && words >= Self.someWordsShared)
        if nearlySame || lookAlike {
            contrast(a, b, audiences: nearlySame, untilDifferent: untilDifferent)
            if untilDifferent, !differences.isEmpty { return }
        }
        if differences.isEmpty, let wording, wording.overlap >= Self.nearCopy {
            let (onlyA, onlyB) = (Self.unframed(Self.named(wording.onlyFirst), in: a.text), Self.unframed(Self.named(wording.onlySecond), in: b.text))
            let (channelA, channelB) = (a.facets.values[.surface]?["channel"], b.facets.values[.surface]?["channel"])
            if DuplicateDetection.sameDurations(a.text, b.text, saidBy: (wording.onlyFirst, wording.onlySecond)) {
                // One duration said two ways ("a 14-day trial" / "a two-week trial", "24 hours before" / "a day
                // before"): no detail.
            } else if meaning == nil {
                // Words alone find nothing but near copies, so there a swapped word is the only restatement
                // they can see ("in the evening" / "at night"); another amount still tells two apart, and so
                // does a swapped word that names another channel, platform or region ("WhatsApp share button"
                // / "Email share button": an experiment's facets leave its title's channel to its surface
                // field, and by words the pair was a duplicate, with the model related work: review54).
                if onlyA.isEmpty, onlyB.isEmpty {
                    swappedAmounts(a, b, wording)
                } else if !onlyA.isEmpty, !onlyB.isEmpty, let named = Self.swappedFacet(onlyA, onlyB) {
                    differences.append("\(named.0.rawValue) (\(named.1))")
                }
            } else if (channelA == nil) != (channelB == nil), channelA == nil ? b.channelInTitleAndChange : a.channelInTitleAndChange {
                // A near copy that sends the change through a channel the other does not name, in its
                // title and its change ("… at the exit desk" / "… from a link in the thank-you email"):
                // another surface, however many words the move takes. (Pages, and a channel named
                // once, are left to the rule below: texts with words replaced here and there drop one
                // as often; `scripts/generate-hypotheses.py`'s restatements lost 60 of 1,047 found
                // to a rule on any one-sided page or channel.)
                let named = { (channel: [String: String]?) in channel.map { $0.keys.sorted().joined(separator: ", ") } ?? "–" }
                differences.append("surface (\(named(channelA)) / \(named(channelB)))")
            } else if Self.onlyTakeAway(onlyA, readAs: a.direction), Self.onlyTakeAway(onlyB, readAs: b.direction) {
                // Near copies that take the same thing away in other words ("remove" / "scrap the service fee
                // and add a tip jar", "get rid of"): one change, no detail (`ChangeDirection` reads the direction).
            } else if Self.onlyTheSameMove(onlyA, onlyB) {
                // Near copies that make one move in other words ("shorten" / "cut … down"): one change, no detail.
            } else if Self.onlyOnePlace(onlyA, onlyB) {
                // Near copies that name a region and one within it ("in Brazil" / "across LATAM"): the region matches (as
                // `Facets` reads nested regions, and as words alone found), so no detail (review: "differ in detail (in
                // Brazil / across LATAM); match: …, region (latam)" said the region both matched and differed).
            } else if !onlyA.isEmpty, !onlyB.isEmpty,
                      max(onlyA.count, onlyB.count) <= Self.detailTerms
                      || (Self.phrases(of: onlyA, in: a.text) <= Self.swappedPhrases && Self.phrases(of: onlyB, in: b.text) <= Self.swappedPhrases) {
                differences.append(.detail(onlyA, in: a.text, onlyB, in: b.text))
            } else if onlyA.isEmpty != onlyB.isEmpty {
                // One text and the same with a qualifier added are two scopes ("… in Berlin", "… for
                // businesses", "… in the Android app"): a restatement rewords both texts (of the 272 seen
                // rewordings one shares `nearCopy` of its terms, naming words of its own too), while 6 of
                // the 10 seen look-alikes still read as one idea with the model were such near copies.
                differences.append(.detail(onlyA, in: a.text, onlyB, in: b.text))
            } else if onlyA.isEmpty, onlyB.isEmpty {
                swappedAmounts(a, b, wording)
            }
        }
        // The surface and audience kept apart in the item: binding the experiment copied it (a retain
        // of each of its dozens of fields) for every pair compared.
        if a.isExperiment, b.isExperiment {
            if !untilDifferent, let tested = Self.sameTest(a, b) { matches.append("hypothesis \(tested)") }
            if let sa = a.experimentSurface, let sb = b.experimentSurface {
                if Surface.related(sa, sb) {
                    if !untilDifferent { matches.append("surface") }
                } else {
                    differences.append("surface (\(sa) / \(sb))")
                    if untilDifferent { return }
                }
            }
            if AudienceOverlap.possible(a.experimentAudience, b.experimentAudience) {
                if !untilDifferent { matches.append("audience") }
            } else {
                // A region or platform the titles already differ in is not named twice (review52b #8: "differ in region
                // (germany / uk), audience (region de / uk)").
                // (Only a difference naming values on both sides: a one-sided "region (germany / –)" does not say the other's.)
                let named = Set(differences.filter { !$0.description.unicodeScalars.contains("–") }.map { String($0.kind) })
                if let apart = AudienceOverlap.apart(a.experimentAudience, b.experimentAudience, besides: named) {
                    differences.append("audience (\(apart))")
                }
            }
        }
        if !untilDifferent, let alike = Self.audiencesAlike(a, b) { matches.append(alike) }
    }

    /// Two items that `untilDifferent` found no field to tell apart (with the same `words`, `meaning`,
    /// `wording` and `lookAlike`) compared in full: no difference then either, and the matches are read
    /// without looking for differences again (each such pair was compared twice with the model, once
    /// to ask and once in full, the second time through every rule of the first).
    init(alike a: __shared DuplicateDetection.Item, _ b: __shared DuplicateDetection.Item, catalog: MetricCatalog) {
        matches.append("change")
        if let ma = a.metric, let mb = b.metric, let same = catalog.same(ma, mb) { matches.append("metric \(same)") }
        matches += Facets.matchesNamed(a.facets, b.facets)
        if a.isExperiment, b.isExperiment {
            if let tested = Self.sameTest(a, b) { matches.append("hypothesis \(tested)") }
            if let sa = a.experimentSurface, let sb = b.experimentSurface, Surface.related(sa, sb) { matches.append("surface") }
            if AudienceOverlap.possible(a.experimentAudience, b.experimentAudience) { matches.append("audience") }
        }
        if let alike = Self.audiencesAlike(a, b) { matches.append(alike) }
    }

    /// Two hypotheses' audiences as a field that matches, when they read alike by meaning (the cosine
    /// that backs a weak match of their changes, `DuplicateDetection.corroboratingAudience`): "audience
    /// (cosine 0.62)". A message said which fields matched without naming the audience, one of the
    /// three a duplicate is made of. Nothing is said without vectors (words only), or under that cosine.
    static func audiencesAlike(_ a: DuplicateDetection.Item, _ b: DuplicateDetection.Item) -> String? {
        DuplicateDetection.alikeAudienceCosine(a, b).map { "audience (cosine \(DuplicateDetection.format($0)))" }
    }

    /// The hypothesis two experiments both test, when they name one.
    static func sameTest(_ a: DuplicateDetection.Item, _ b: DuplicateDetection.Item) -> String? {
        guard let tested = a.testedHypothesis, !tested.isEmpty, tested == b.testedHypothesis else { return nil }
        return tested
    }

    /// Only an amount in digits swapped ("a £20 deposit" / "a £50 deposit", "after 3 days" / "after 7
    /// days"): a number has no word stems, so `named` leaves it out with the filler.
    private mutating func swappedAmounts(_ a: DuplicateDetection.Item, _ b: DuplicateDetection.Item, _ wording: Corpus.Wording) {
        var (amountsA, amountsB) = (Self.amounts(wording.onlyFirst), Self.amounts(wording.onlySecond))
        if amountsA.isEmpty != amountsB.isEmpty {
            // The swapped number is also said elsewhere on one side ("2 hours before … 2 passes" / "2 hours
            // before … 4 passes"): terms are distinct, so the numbers are counted.
            (amountsA, amountsB) = Self.numbersSaidMore(a.text, b.text)
        }
        if !amountsA.isEmpty, !amountsB.isEmpty { differences.append(.detail(amountsA, in: a.text, amountsB, in: b.text)) }
    }

    /// Words that say how far a region reaches ("across LATAM", "throughout the EU"), not another place.
    static let reach: Set<String> = ["across", "throughout", "within", "whole", "entir", "all", "everywher", "over", "region", "countri"]

    /// Whether the words only each text names are regions, and regions the facets read as one place (the same, or one
    /// within the other: "Brazil" / "LATAM"), besides words of reach.
    static func onlyOnePlace(_ onlyA: [String], _ onlyB: [String]) -> Bool {
        guard !onlyA.isEmpty, !onlyB.isEmpty else { return false }
        let reader = ThreadReader.current
        func places(_ words: [String]) -> Facets? {
            var named = false
            for word in words {
                let stems = reader.stems(word).stems
                if stems.allSatisfy(reach.contains) { continue }
                guard Facets(stems: stems, facets: [.region]).values[.region] != nil else { return nil }
                named = true
            }
            return named ? Facets(stems: reader.stems(words.joined(separator: " ")), facets: [.region]) : nil
        }
        guard let a = places(onlyA), let b = places(onlyB) else { return false }
        return Facets.differences(a, b).isEmpty
    }

    /// The first channel, platform or region that the words only one text names and those only the other
    /// names tell apart ("whatsapp / email"), or nil.
    static func swappedFacet(_ onlyA: [String], _ onlyB: [String]) -> (Facets.Facet, String)? {
        let reader = ThreadReader.current
        let among: Set<Facets.Facet> = [.surface, .platform, .region]
        let (fa, fb) = (Facets(stems: reader.stems(onlyA.joined(separator: " ")), facets: among),
                        Facets(stems: reader.stems(onlyB.joined(separator: " ")), facets: among))
        return Facets.differences(fa, fb).first
    }

    /// Words that name who in general ("someone", "a person", "users"): swapping them swaps no detail.
    static let filler: Set<String> = ["someon", "somebodi", "anyon", "anybodi", "everyon", "everybodi", "person", "peopl", "user",
                                      "custom", "member", "visitor", "folk"]

    /// Words that say a place is a sequence of steps without naming another one ("in signup" / "in the
    /// signup flow", "the returns process", "the checkout step"): added on one side they add no scope
    /// (review54: two copies but for "flow" were related work "differ in detail (– / flow)").
    static let sequence: Set<String> = ["flow", "process", "journey", "funnel", "step"]

    /// The `words` (as the corpus first wrote them) that name something, filler and `sequence` left out.
    static func named(_ words: [String]) -> [String] {
        guard !words.isEmpty else { return [] }
        let reader = ThreadReader.current
        return words.filter { word in !reader.stems(word).allSatisfy { filler.contains($0) || sequence.contains($0) } }
    }

    /// Words that frame an idea as an attempt rather than say what it changes ("Try …", "Test: …",
    /// "Retest …", "…, second attempt", "… again."): a near copy that adds only these is the same idea
    /// written again, not another scope (review44: exact copies titled "Try …" were only related).
    static let framing: Set<String> = ["tri", "test", "retest", "retri", "attempt", "again", "rerun", "redo", "revisit", "reattempt"]
    /// Ordinals that count attempts: framing only just before a framing word ("second attempt", "third try").
    static let attemptCounts: Set<String> = ["second", "third", "fourth", "fifth", "anoth"]

    /// The stems `text` uses only to frame itself as an attempt: a framing word that opens the text or
    /// ends a sentence or clause (the next character a `.`, `,`, `:`, `;`, `!`, `?` or `)`, or the end),
    /// and an ordinal just before such a word. A framing word inside a phrase ("a buy again button", "a
    /// progress test after each unit") names something and is kept.
    static func framingStems(in text: String) -> Set<String> {
        let reader = ThreadReader.current
        var words: [(stems: [String], closes: Bool)] = []
        var current = ""
        var pending: [String]?
        for character in text.lowercased() + " " {
            if character.isLetter || character.isNumber || character == "'" {
                current.append(character)
                continue
            }
            if !current.isEmpty {
                if let stems = pending { words.append((stems, false)) }
                pending = Array(reader.stems(current))
                current = ""
            }
            if character == " " || character == "\t" || character == "\n" { continue }
            if let stems = pending {
                words.append((stems, ".,:;!?)".contains(character)))
                pending = nil
            }
        }
        if let stems = pending { words.append((stems, true)) }
        var out: Set<String> = []
        for (index, word) in words.enumerated() {
            guard !word.stems.isEmpty, word.stems.allSatisfy(framing.contains), index == 0 || word.closes else { continue }
            out.formUnion(word.stems)
            if index > 0, !words[index - 1].stems.isEmpty, words[index - 1].stems.allSatisfy(attemptCounts.contains) {
                out.formUnion(words[index - 1].stems)
            }
        }
        return out
    }

    /// `words` (terms only `text` names) without those `text` uses only to frame itself as an attempt
    /// (`framingStems`).
    static func unframed(_ words: [String], in text: String) -> [String] {
        guard !words.isEmpty else { return words }
        let reader = ThreadReader.current
        guard words.contains(where: { reader.stems($0).contains(where: framing.contains) }) else { return words }
        let framed = framingStems(in: text)
        guard !framed.isEmpty else { return words }
        return words.filter { word in
            let stems = reader.stems(word)
            return stems.isEmpty || !stems.allSatisfy(framed.contains)
        }
    }

    /// Whether `words` say nothing but that `direction` takes something away (`ChangeDirection.onlyTakeAway`).
    static func onlyTheSameMove(_ first: [String], _ second: [String]) -> Bool {
        let reader = ThreadReader.current
        return ChangeDirection.onlyTheSameMove(first.flatMap { reader.stems($0) }, second.flatMap { reader.stems($0) })
    }

    static func onlyTakeAway(_ words: [String], readAs direction: ChangeDirection) -> Bool {
        let reader = ThreadReader.current
        return ChangeDirection.onlyTakeAway(words.flatMap { reader.stems($0) }, readAs: direction)
    }

    /// The numbers in digits each text says more often than the other, each once, in order of first mention
    /// (read as `DuplicateDetection.quantityTokens` reads them: "£20" is 20, "1,500" one number).
    static func numbersSaidMore(_ a: String, _ b: String) -> (a: [String], b: [String]) {
        func numbers(_ text: String) -> [String] {
            DuplicateDetection.quantityTokens(text).filter { $0.first?.isASCIIDigit == true }
        }
        let (inA, inB) = (numbers(a), numbers(b))
        func more(_ x: [String], than y: [String]) -> [String] {
            var left = Dictionary(y.map { ($0, 1) }, uniquingKeysWith: +)
            var out: [String] = []
            for number in x {
                if let count = left[number], count > 0 { left[number] = count - 1 } else if !out.contains(number) { out.append(number) }
            }
            return out
        }
        return (more(inA, than: inB), more(inB, than: inA))
    }

    /// The `words` that are numbers in digits ("20", "4.99", "30%").
    static func amounts(_ words: [String]) -> [String] {
        words.filter { $0.first?.isASCIIDigit == true }
    }

    /// How many runs of consecutive words of `text` (stop words left out) are among `words`.
    static func phrases(of words: [String], in text: String) -> Int {
        let reader = ThreadReader.current
        let own = Set(words.flatMap { reader.contentStems($0) })
        var runs = 0
        var inRun = false
        for stem in reader.contentStems(text) {
            let isOwn = own.contains(stem)
            if isOwn, !inRun { runs += 1 }
            inRun = isOwn
        }
        return runs
    }

    /// What one change denies and the other does ("card / not card"), however little wording they
    /// share: a text that restates one of two look-alikes is not the one that says "without" it.
    private static func denial(_ a: DuplicateDetection.Item, _ b: DuplicateDetection.Item) -> String? {
        ChangeDirection.denial(a.direction, b.direction)
    }

    /// Words any audience may say (function words, people in general, a stage both may name): left out when two
    /// audiences are compared by their words, so "new couriers" and "new restaurant partners" share none.
    static let audienceFiller: Set<String> = {
        let words = "a an the of for to in on at by with from and or but who whose that which than their they them our your "
            + "all any every each some most more less who've who're we us it its is are be been being was were has have had "
            + "users user customers customer people person persons visitors visitor members member accounts account clients client "
            + "everyone anyone someone anybody folks those these this new first time returning existing current active regular"
        return Set(TermReader().stems(words).stems)
    }()

    /// The counts and ordinals an audience states (`DuplicateDetection.statedQuantities`, with "single" and "solo" as one:
    /// "single-person households"); empty without an audience.
    static func audienceNumbers(_ audience: String?) -> Set<Double> {
        guard let audience, !audience.isEmpty else { return [] }
        var numbers = DuplicateDetection.statedQuantities(audience)
        let words = DuplicateDetection.quantityTokens(audience)
        if words.contains("single") || words.contains("solo") { numbers.insert(1) }
        return numbers
    }

    /// An audience's words (by stem) past `audienceFiller`: two audiences that each say something and share none of
    /// them are two audiences to the comparison without the model.
    static func audienceWords(_ audience: String) -> Set<String> {
        Set(ThreadReader.current.stems(audience).stems).subtracting(audienceFiller)
    }

    /// Two changes that read nearly the same are told apart by what one of them adds: a direction
    /// ("… a week later"), a platform or region the other does not name ("… on the iPad"), or
    /// (with `audiences`) an audience that reads differently.
    private mutating func contrast(_ a: DuplicateDetection.Item, _ b: DuplicateDetection.Item, audiences: Bool, untilDifferent: Bool) {
        if untilDifferent {
            // Asked only whether a field differs (none did before: the comparison stops at the first):
            // the first difference answers, unworded (the values a message names were gathered, sorted
            // and joined for each one-sided facet of tens of thousands of pairs).
            if ChangeDirection.addsOne(a.direction, b.direction) || ChangeDirection.denies(a.direction, b.direction) {
                differences.append("direction")
                return
            }
            if let facet = Facets.firstNamedOnOneSide(a.facets, b.facets, among: Self.oneSided) {
                differences.append("\(facet.rawValue)")
                return
            }
        } else {
            let named = Set(differences.map(\.kind))
            if !named.contains("direction"), let added = ChangeDirection.added(a.direction, b.direction) ?? Self.denial(a, b) {
                differences.append("direction (\(added))")
            }
            for (facet, detail) in Facets.namedOnOneSide(a.facets, b.facets, among: Self.oneSided)
            where !named.contains(Substring(facet.rawValue)) {
                differences.append("\(facet.rawValue) (\(detail))")
            }
        }
        guard audiences, differences.allSatisfy({ !$0.kind.hasPrefix("segment") && $0.kind != "audience" }) else { return }
        // The same change for people counted otherwise ("single-person households" / "households of four or more",
        // "whose first-ever order" / "whose tenth order"): audiences that read alike, by words and by meaning, and
        // differ in the number that says who they are. Only for nearly the same changes (a restatement shares few
        // words), and not for ages (`AgeBands` reads those, ranges and all).
        if !a.audienceNumbers.isEmpty, !b.audienceNumbers.isEmpty, a.audienceNumbers.isDisjoint(with: b.audienceNumbers),
           a.ages == nil, b.ages == nil {
            differences.append(untilDifferent ? "audience" : "audience (\(a.audience ?? "–") / \(b.audience ?? "–"), another number)")
            return
        }
        guard let va = a.audienceVector, let vb = b.audienceVector else {
            // Without the model (no vectors on either side), audiences that share no word past the ones any audience
            // says are two audiences (review: couriers against restaurant partners, vegetarians against meat lovers,
            // called duplicates by words alone where the model reads them apart).
            if a.audienceVector == nil, b.audienceVector == nil, let wa = a.audienceWords, let wb = b.audienceWords,
               !wa.isEmpty, !wb.isEmpty, wa.isDisjoint(with: wb) {
                differences.append("audience (\(a.audience ?? "–") / \(b.audience ?? "–"), no word in common)")
            }
            return
        }
        let cosine = DuplicateDetection.cosine(va, vb)
        if cosine < Self.differentAudience {
            // Both audiences as written, so that a reader sees who each side is for ("logged-out visitors /
            // logged-in visitors"), not only that they read apart.
            differences.append("audience (\(a.audience ?? "–") / \(b.audience ?? "–"), cosine \(DuplicateDetection.format(cosine)))")
        }
    }
}
