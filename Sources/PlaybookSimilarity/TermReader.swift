import Foundation

/// The words of a text as Snowball stems, in order, for the checks that read what a text says
/// rather than score how alike two texts are (direction, negation, facets). Owns a stemmer, so
/// one reader serves one thread.
public final class TermReader {
    private let stemmer: Stemmer?

    public init() {
        stemmer = Stemmer()
    }

    /// Lower-case words, numbers left out, each stemmed ("Screens" → "screen"), beside each word as
    /// written. Two hyphenated compounds are read before stemming, where the hyphen still shows:
    /// "dairy-free" says without dairy, so its "free" is the stem `ChangeDirection.without` ("-free"),
    /// not the price of "ride free" or the free plan; a direction word hyphenated to a particle
    /// ("add-on", "drop-off", "top-up", "add-to-cart") names a thing, not the change, so its stem
    /// gets a trailing hyphen ("add-") that no list of direction words holds. So does a place word
    /// read as a verb before its particle written apart ("top up", `placeVerbs`).
    public func stems(_ text: String) -> Reading {
        let words = Tokenizer.writtenWords(text)
        var stems: [String] = []
        var written: [String] = []
        var joined: [Bool] = []
        var numberAfter: [Bool] = []
        numberAfter.reserveCapacity(words.count)
        stems.reserveCapacity(words.count)
        written.reserveCapacity(words.count)
        joined.reserveCapacity(words.count)
        for word in words {
            var stem = stemmer?.stem(Substring(word.word)) ?? word.word
            if word.joined, let last = stems.indices.last {
                if word.word == "free" {
                    stem = ChangeDirection.without
                } else if Self.particles.contains(Self.singular(word.word)), ChangeDirection.pointing[stems[last]] != nil {
                    stems[last] += "-"
                    // Shown as the compound, never as the bare verb it is not ("not add-on", not "not add").
                    written[last] += "-" + word.written
                }
            } else if let last = stems.indices.last, Self.placeVerbs[stems[last]]?.contains(Self.singular(word.word)) == true,
                      !Self.placeAfterArticle(stems, last) {
                // A place word that a particle follows is a verb ("top up the card", "topping up", "top off") or
                // the noun made of it ("the top up amount", "top ups"), as the compound "top-up" is, unless a
                // preposition and an article make it the place ("at the top up front", "move it to the top").
                stems[last] += "-"
                written[last] += " " + word.written
            }
            stems.append(stem)
            written.append(word.written)
            joined.append(word.joined)
            numberAfter.append(word.numberAfter)
        }
        return Reading(stems: stems, written: written, joined: joined, numberAfter: numberAfter)
    }

    /// A particle in the plural ("top-ups", "drop-offs", "add-ons") as the particle.
    static func singular(_ word: String) -> String {
        word.count > 2 && word.hasSuffix("s") ? String(word.dropLast()) : word
    }

    /// Whether the word at `index` follows a preposition of place and an article ("at the", "to the",
    /// "on the", "from the"): then it is the place.
    static func placeAfterArticle(_ stems: [String], _ index: Int) -> Bool {
        index >= 2 && stems[index - 1] == "the" && placePrepositions.contains(stems[index - 2])
    }

    /// Prepositions that put a thing at a place ("at the top", "to the top", "on the top", "from the top").
    static let placePrepositions: Set<String> = ["at", "to", "on", "from", "in", "into", "onto", "near", "toward"]

    /// Words that, hyphenated after a verb, make a noun of it ("add-on", "drop-off", "cut-off", "top-up",
    /// "add-to-cart").
    static let particles: Set<String> = ["on", "off", "up", "down", "in", "out", "over", "back", "to", "away"]

    /// Stems of places on a page that are also verbs with a particle written after a space ("top up",
    /// "topping up", "top off", "bottom out"), with those particles: the verb fills or ends something, it
    /// places nothing.
    static let placeVerbs: [String: Set<String>] = ["top": ["up", "off"], "bottom": ["out"]]

    /// `words` (terms as `Corpus.Wording` lists them: each as the corpus first wrote it, perhaps in another
    /// text, lower-cased, a synonym folded into its group's first word) as `text` writes them ("confirm" for
    /// its "confirmation", "free" for its "complimentary", "pl" for its "PL"); a word `text` does not write
    /// alone (a joined phrase, a number) stays as it is.
    public func spelled(_ words: [String], in text: String) -> [String] {
        guard !words.isEmpty else { return words }
        let byTerm = writtenTerms(text)
        return words.map { word in term(word).flatMap { byTerm[$0] } ?? word }
    }

    /// `words` (as `spelled` takes them) as the stretches of `text` that say them ("within 24 hours of
    /// signup", "after a week without an order"): each run of words where they stand together (at most one
    /// other word between two of them), with the articles, numbers and one preposition just before it and a
    /// word for a place just after it ("flow", "page"), runs joined by " … ". Nil when `text` does not write
    /// one of them as a word of its own or the stretches run past `maxWords` words: a list of terms
    /// ("welcome hours signup") says less than the phrase.
    public func phrased(_ words: [String], in text: String, maxWords: Int = 12) -> String? {
        guard !words.isEmpty else { return nil }
        let targets = words.compactMap { word in NumberTerm.term(of: word).map { "#" + $0 } ?? term(word.lowercased()) }
        guard targets.count == words.count else { return nil }
        // Words as written between white space, each with the terms of its letters and its numbers.
        let tokens = text.split(whereSeparator: { $0.isWhitespace })
        var keys: [[String]] = []
        keys.reserveCapacity(tokens.count)
        for token in tokens {
            let scalars = Array(token.unicodeScalars)
            var read: [String] = []
            Tokenizer.scanScalars(scalars) { piece in
                switch piece {
                case .word(let range):
                    if let key = term(String(String.UnicodeScalarView(scalars[range])).lowercased()) { read.append(key) }
                case .number(let range):
                    read.append("#" + NumberTerm.term(scalars[range].map { UInt8(truncatingIfNeeded: $0.value) }))
                case .other: break
                }
            }
            keys.append(read)
        }
        var places: [Int] = []
        for target in targets {
            guard let place = keys.firstIndex(where: { $0.contains(target) }) else { return nil }
            places.append(place)
        }
        places = Array(Set(places)).sorted()
        var runs: [ClosedRange<Int>] = []
        for place in places {
            if let last = runs.last, place - last.upperBound <= 2 {
                runs[runs.count - 1] = last.lowerBound...place
            } else {
                runs.append(place...place)
            }
        }
        func bare(_ token: Substring) -> String {
            token.lowercased().trimmingCharacters(in: Self.edgePunctuation)
        }
        // Each word as the text writes it where its case says something ("Berlin", "iOS"), else lower-cased
        // (a sentence's first word, a Title Case title's words), as `spelled` shows terms.
        var cased: [String: String] = [:]
        for word in Tokenizer.writtenWords(text) where cased[word.word] == nil { cased[word.word] = word.written }
        func recased(_ token: Substring) -> String {
            var out = ""
            var letters = ""
            for character in token {
                if character.isLetter {
                    letters.append(character)
                    continue
                }
                out += cased[letters.lowercased()] ?? letters
                letters = ""
                out.append(character)
            }
            return out + (cased[letters.lowercased()] ?? letters)
        }
        var shown: [String] = []
        var count = 0
        for (index, run) in runs.enumerated() {
            // Articles and numbers, then one preposition, before the run (never into the run before it).
            let floor = index == 0 ? 0 : runs[index - 1].upperBound + 1
            var start = run.lowerBound
            while start > floor, Self.articles.contains(bare(tokens[start - 1])) || bare(tokens[start - 1]).first?.isNumber == true { start -= 1 }
            if start > floor, Self.prepositions.contains(bare(tokens[start - 1])) { start -= 1 }
            // …and the word for a place in steps or on screen just after it ("the referral flow", "the pricing page").
            var end = run.upperBound
            let next = index + 1 < runs.count ? runs[index + 1].lowerBound : tokens.count
            if end + 1 < next, Self.placeHeads.contains(bare(tokens[end + 1])) { end += 1 }
            count += end - start + 1
            let stretch = tokens[start...end].map(recased).joined(separator: " ")
            shown.append(stretch.trimmingCharacters(in: Self.edgePunctuation))
        }
        guard count <= maxWords else { return nil }
        return shown.joined(separator: " … ")
    }

    /// Marks a stretch of text does not begin or end with when it is quoted.
    static let edgePunctuation = CharacterSet(charactersIn: ",.;:!?()[]{}\"'“”‘’")
    static let placeHeads: Set<String> = ["flow", "flows", "process", "journey", "funnel", "step", "steps", "page", "pages",
                                          "screen", "screens", "form", "forms", "tab", "menu"]
    static let articles: Set<String> = ["a", "an", "the", "their", "your", "its", "our", "his", "her", "this", "that", "each", "every"]
    static let prepositions: Set<String> = ["in", "on", "at", "to", "for", "from", "by", "with", "without", "within", "after",
                                            "before", "into", "onto", "via", "through", "during", "until", "over", "under", "per"]

    /// `words` (as `spelled` takes them: terms two texts share) as the texts write them: as `first` does,
    /// or as `second` does when `first` does not write it alone; both ("lapsed/quit", "seven/7") when they
    /// write it as different words (a synonym folded into it, a number in words and in digits), since
    /// neither word is in both texts. A word neither writes alone (a joined phrase) stays as it is.
    public func spelled(_ words: [String], in first: String, and second: String) -> [String] {
        guard !words.isEmpty else { return words }
        // Each text's terms looked up once, not once per word (a lookup hashes the whole text).
        return spelled(words, in: WrittenTerms(first, terms: writtenTerms(first)), and: WrittenTerms(second, terms: writtenTerms(second)))
    }

    /// A text with its terms as it writes them (`writtenTerms(of:)`), read once for the many pairs that name it.
    public struct WrittenTerms: Sendable {
        let text: String
        let terms: [String: String]
        init(_ text: String, terms: [String: String]) {
            self.text = text
            self.terms = terms
        }

        /// Whether the text writes the one-digit number `digit` only bare: never with a unit glued after it ("7pm",
        /// "3x"). A bare digit ("1" of `alert(1)`, a list's "2") is a weak term to list as shared (review 2026-12-05).
        public func writesOnlyBare(_ digit: UInt8) -> Bool {
            let bytes = Array(text.utf8)
            func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
            for i in bytes.indices where bytes[i] == digit {
                if i > 0, isDigit(bytes[i - 1]) || bytes[i - 1] == 0x2E || bytes[i - 1] == 0x2C { continue }
                guard i + 1 < bytes.count else { continue }
                let next = bytes[i + 1] | 0x20
                if next >= 0x61 && next <= 0x7A { return false }
            }
            return true
        }
    }

    /// `text` with its terms as it writes them, for `spelled(_:in:and:)`; not remembered by this reader.
    public func writtenTerms(of text: String) -> WrittenTerms { WrittenTerms(text, terms: readWrittenTerms(text)) }

    /// `spelled(_:in:and:)` for texts whose terms are read already.
    public func spelled(_ words: [String], in first: WrittenTerms, and second: WrittenTerms) -> [String] {
        let (firstTerms, secondTerms) = (first.terms, second.terms)
        let (first, second) = (first.text, second.text)
        return words.map { word in
            let key = writtenKey(word)
            switch (written(key, in: first, terms: firstTerms), written(key, in: second, terms: secondTerms)) {
            case let (one?, other?): return sameWord(one, other) ? one : one + "/" + other
            case let (one?, nil), let (nil, one?): return one
            case (nil, nil): return word
            }
        }
    }

    /// The key `written` looks a word up by: its number's term ("#7") or its term; nil for a word the
    /// analyser skips. Remembered: a pair's shared terms are a few words of a playbook's vocabulary, each
    /// asked for again in pair after pair.
    private func writtenKey(_ word: String) -> String? {
        if let known = keys[word] { return known }
        let key = NumberTerm.term(of: word).map { "#" + $0 } ?? term(word)
        if keys.count >= Self.spellingsKept { keys.removeAll(keepingCapacity: true) }
        keys[word] = .some(key)
        return key
    }
    private var keys: [String: String?] = [:]

    /// How `text` writes the term whose key is `key` (`writtenKey`; a number in digits first, as it writes
    /// them: "7" for "7pm", else in words, as `terms`, its `writtenTerms`, hold them); nil when it does not
    /// write it alone.
    private func written(_ key: String?, in text: String, terms: [String: String]) -> String? {
        guard let key else { return nil }
        if key.hasPrefix("#"), let place = NumberTerm.written(in: text).first(where: { $0.term == key.dropFirst() })?.scalars {
            return String(String.UnicodeScalarView(Array(text.unicodeScalars)[place]))
        }
        return terms[key]
    }

    /// Whether two spellings are one word ("lapsed", "Lapse"): the same stem, read without synonyms.
    private func sameWord(_ one: String, _ other: String) -> Bool {
        let (a, b) = (one.lowercased(), other.lowercased())
        return a == b || stemmer.map { $0.stem(Substring(a)) == $0.stem(Substring(b)) } ?? false
    }

    /// Each term of `text` (as `term` makes it) as `text` first writes it, remembered (`spellings`).
    private func writtenTerms(_ text: String) -> [String: String] {
        if let known = spellings[text] { return known }
        let read = readWrittenTerms(text)
        if spellings.count >= Self.spellingsKept { spellings.removeAll(keepingCapacity: true) }
        spellings[text] = read
        return read
    }

    private func readWrittenTerms(_ text: String) -> [String: String] {
        var read: [String: String] = [:]
        let words = Tokenizer.writtenWords(text)
        for (index, word) in words.enumerated() {
            if let key = term(word.word), read[key] == nil { read[key] = word.written }
            // A phrase read as one term ("sign in" → login, as `Analyzer.joinPhrases` reads it) as the text writes it: the
            // shared terms listed "login" for two texts that each said "Sign in with Apple" (review).
            if index + 1 < words.count, Analyzer.startsAPhrase(word.word), let joined = Lexicon.phrases[word.word + " " + words[index + 1].word],
               let key = term(joined), read[key] == nil {
                read[key] = word.written + " " + words[index + 1].written
            }
        }
        return read
    }

    /// Each text's terms as it writes them, for `spelled`: a text is named in the messages of many pairs
    /// (a long one was read again for each, 7 % of a lint of 8,000 long experiments). At most
    /// `spellingsKept` texts, then forgotten all at once.
    private var spellings: [String: [String: String]] = [:]
    private static let spellingsKept = 4096

    /// The term `Analyzer` makes of a lower-case word (nil for a word it skips).
    private func term(_ word: String) -> String? {
        switch Lexicon.reading(word, stem: { stemmer?.stem(Substring($0)) ?? $0 }) {
        case .number(let digits): return "#" + digits
        case .negation: return "¬"
        case .skipped: return nil
        case .term(let key): return key
        }
    }

    /// `stems` without stop words and one-letter words: the words that carry what a text says, in order.
    /// Remembered for the last `spellingsKept` texts: a text is read again for each pair whose swapped
    /// words are counted in phrases (`FieldComparison.phrases`), a long one tens of times.
    public func contentStems(_ text: String) -> [String] {
        if let known = contents[text] { return known }
        let read = Tokenizer.tokens(text).compactMap { token -> String? in
            guard case .word(let word) = token, !Lexicon.stopwords.contains(word), word.unicodeScalars.count > 1 else { return nil }
            return stemmer?.stem(Substring(word)) ?? word
        }
        if contents.count >= Self.spellingsKept { contents.removeAll(keepingCapacity: true) }
        contents[text] = read
        return read
    }

    private var contents: [String: [String]] = [:]
}

/// A text's words as `TermReader` reads them: each word's stem, and the word as written. A collection
/// of the stems.
public struct Reading: RandomAccessCollection, Sendable {
    public let stems: [String]
    /// The words as written, one per stem.
    public let written: [String]
    /// Whether a hyphen joins each word to the one before ("first-time": false, true).
    public let joined: [Bool]
    /// Whether a number in digits follows each word, after spaces or a currency sign only ("above £40":
    /// true, false), which makes a word of place a bound (`ChangeDirection.Axis.bound`).
    public let numberAfter: [Bool]

    public init(stems: [String], written: [String], joined: [Bool]? = nil, numberAfter: [Bool]? = nil) {
        precondition(stems.count == written.count, "one written word per stem")
        precondition(joined.map { $0.count == stems.count } ?? true, "one join per stem")
        precondition(numberAfter.map { $0.count == stems.count } ?? true, "one number mark per stem")
        self.stems = stems
        self.written = written
        self.joined = joined ?? [Bool](repeating: false, count: stems.count)
        self.numberAfter = numberAfter ?? [Bool](repeating: false, count: stems.count)
    }

    /// Stems read from elsewhere, with no spelling of their own.
    public init(stems: [String]) {
        self.init(stems: stems, written: stems)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { stems.count }
    public subscript(position: Int) -> String { stems[position] }
}
