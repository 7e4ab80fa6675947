/// What one text is made of once normalised: stemmed terms (synonyms folded), word pairs,
/// character trigrams of the words, and the numbers it names.
struct Profile: Sendable {
    var terms: [Int32] = []
    var bigrams: [Int32] = []
    var grams: [Int32] = []
    var numbers: [String] = []
    var negated = false
}

/// Turns texts into profiles over shared vocabularies. Owns a stemmer, so one analyzer
/// serves one thread.
struct Analyzer {
    private let stemmer: Stemmer?
    private(set) var termIDs: [String: Int32] = [:]
    /// A display word per term: the first surface form seen.
    private(set) var termWords: [String] = []
    private(set) var bigramIDs: [UInt64: Int32] = [:]
    private(set) var gramIDs: [UInt64: Int32] = [:]
    /// Keys by id, for merging the vocabularies of analyzers that ran side by side.
    private(set) var termKeys: [String] = []
    private(set) var bigramKeys: [UInt64] = []
    private(set) var gramKeys: [UInt64] = []

    /// Whether word pairs are collected (not when they weigh nothing).
    let collectsPairs: Bool

    init(collectsPairs: Bool = true) {
        self.collectsPairs = collectsPairs
        stemmer = Stemmer()
    }

    /// What a word turned out to be, worked out once per distinct word.
    private enum Known {
        case skipped
        case negation(Int32)
        case number(Int32, String)
        case term(Int32, [Int32])
    }

    private var known: [String: Known] = [:]

    mutating func profile(_ text: String) -> Profile {
        var profile = Profile()
        var previousTerm: Int32?
        let tokens = Analyzer.joinPhrases(Tokenizer.tokens(text))
        for token in tokens {
            switch token {
            case .number(let digits):
                profile.numbers.append(digits)
                profile.terms.append(term("#" + digits, shown: digits))
                previousTerm = nil
            case .word(let word):
                switch resolve(word) {
                case .skipped:
                    continue
                case .negation(let id):
                    profile.negated = true
                    profile.terms.append(id)
                    previousTerm = id
                case .number(let id, let digits):
                    profile.numbers.append(digits)
                    profile.terms.append(id)
                    previousTerm = nil
                case .term(let id, let grams):
                    profile.terms.append(id)
                    if collectsPairs, let previousTerm { profile.bigrams.append(bigram(previousTerm, id)) }
                    previousTerm = id
                    profile.grams.append(contentsOf: grams)
                }
            }
        }
        return profile
    }

    private mutating func resolve(_ word: String) -> Known {
        if let known = known[word] { return known }
        let result: Known
        let stemmer = self.stemmer
        switch Lexicon.reading(word, stem: { stemmer?.stem(Substring($0)) ?? $0 }) {
        case .number(let digits):
            result = .number(term("#" + digits, shown: word), digits)
        case .negation:
            result = .negation(term("¬", shown: word))
        case .skipped:
            result = .skipped
        case .term(let key):
            var grams: [Int32] = []
            addGrams(of: word, to: &grams)
            result = .term(term(key, shown: word), grams)
        }
        known[word] = result
        return result
    }

    private static let phraseStarts = Set(Lexicon.phrases.keys.compactMap { $0.split(separator: " ").first.map(String.init) })
    /// Whether a lower-case word starts one of `Lexicon.phrases`.
    static func startsAPhrase(_ word: String) -> Bool { phraseStarts.contains(word) }

    /// "sign up" → "signup" and the like, so a phrase and its one-word form match.
    static func joinPhrases(_ tokens: [Token]) -> [Token] {
        guard tokens.contains(where: { if case .word(let w) = $0 { phraseStarts.contains(w) } else { false } }) else { return tokens }
        var out: [Token] = []
        out.reserveCapacity(tokens.count)
        var i = 0
        while i < tokens.count {
            if i + 1 < tokens.count, case .word(let a) = tokens[i], phraseStarts.contains(a), case .word(let b) = tokens[i + 1],
               let joined = Lexicon.phrases[a + " " + b] {
                out.append(.word(joined))
                i += 2
            } else {
                out.append(tokens[i])
                i += 1
            }
        }
        return out
    }

    private mutating func term(_ key: String, shown: String) -> Int32 {
        if let id = termIDs[key] { return id }
        let id = Int32(termWords.count)
        termIDs[key] = id
        termKeys.append(key)
        termWords.append(shown)
        return id
    }

    private mutating func bigram(_ a: Int32, _ b: Int32) -> Int32 {
        // Order-free: "pricing annual" and "annual pricing" are one pair.
        let key = Analyzer.pairKey(a, b)
        if let id = bigramIDs[key] { return id }
        let id = Int32(bigramIDs.count)
        bigramIDs[key] = id
        bigramKeys.append(key)
        return id
    }

    static func pairKey(_ a: Int32, _ b: Int32) -> UInt64 {
        UInt64(UInt32(min(a, b))) << 32 | UInt64(UInt32(max(a, b)))
    }

    /// Character trigrams of "#word#": soft matching for forms the stemmer keeps apart
    /// ("notify" / "notification") and for typos.
    private mutating func addGrams(of word: String, to grams: inout [Int32]) {
        var scalars: [UInt32] = [35]
        for scalar in word.unicodeScalars { scalars.append(scalar.value) }
        scalars.append(35)
        guard scalars.count >= 3 else { return }
        for i in 0...(scalars.count - 3) {
            let key = UInt64(scalars[i]) << 42 | UInt64(scalars[i + 1]) << 21 | UInt64(scalars[i + 2])
            if let id = gramIDs[key] {
                grams.append(id)
            } else {
                let id = Int32(gramIDs.count)
                gramIDs[key] = id
                gramKeys.append(key)
                grams.append(id)
            }
        }
    }
}
