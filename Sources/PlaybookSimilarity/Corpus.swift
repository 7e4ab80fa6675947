internal import CStemmer // also brings C's log(), keeping this module free of Foundation

/// How the parts of a pair score are weighed. The defaults were chosen on the labelled set of
/// growth hypotheses in the tests (`PlaybookOverlapsTests/DuplicateQualityTests`).
public struct ScoreWeights: Sendable, Hashable {
    /// Cosine of stemmed, synonym-folded word TF-IDF vectors.
    public var words: Float = 0.85
    /// Cosine of word-pair TF-IDF vectors (order-free adjacent pairs). Off by default: on the
    /// labelled set every weight tried above 0 lowered the best F1 (0.783 → 0.778).
    public var pairs: Float = 0
    /// Cosine of character-trigram vectors of the words: soft matching for word forms the
    /// stemmer and the synonym list miss.
    public var grams: Float = 0.15
    /// The factor for two texts that both name numbers but not the same ones (another dose
    /// is another test: "20% off" is not "50% off"). 0.4 had the best F1 on the labelled set
    /// (0.761, against 0.720 with 0.5).
    public var numberMismatch: Float = 0.4
    /// The factor for one text negating ("not", "without", "no") and the other not. Off (1)
    /// by default: growth teams restate ideas with negations ("users who have not practised"),
    /// and on the labelled set 0.9 lowered F1 from 0.761 to 0.743; the negation still counts
    /// as a term of its own.
    public var negationMismatch: Float = 1

    public init() {}

    public init(words: Float, pairs: Float, grams: Float, numberMismatch: Float) {
        self.words = words
        self.pairs = pairs
        self.grams = grams
        self.numberMismatch = numberMismatch
    }
}

/// A set of texts analysed together: vocabularies, document frequencies and one weighted,
/// normalised vector per text and per feature. Pure: texts in, vectors out.
public struct Corpus: Sendable {
    public let count: Int
    let words: [SparseVector]
    let pairs: [SparseVector]
    let grams: [SparseVector]
    /// Per text `d`: the numbers it names, each once, numbered across the corpus and ascending, at
    /// `numberIds[numberStart[d]..<numberStart[d + 1]]`: the candidate search asks `numberFactor` of millions
    /// of pairs, and comparing lists of strings was a hundredth of a lint.
    let numberStart: [Int32]
    let numberIds: [Int32]
    let negated: [Bool]
    /// Documents each word term occurs in.
    let documentFrequency: [Int32]
    let termWords: [String]
    public let weights: ScoreWeights

    /// Below this many texts, document frequencies say nothing: every term weighs the same.
    public static let minimumForIDF = 50

    /// Runs `body` for each of `0..<iterations`, possibly at the same time. The caller picks
    /// how, so that this module stays free of threads.
    public typealias Parallel = (_ iterations: Int, _ body: @Sendable (Int) -> Void) -> Void

    /// Analyses `texts` (split into chunks run through `parallel` when given and worth it)
    /// and weighs them as one collection.
    public init(_ texts: [String], weights: ScoreWeights = ScoreWeights(), parallel: Parallel? = nil) {
        let analysed = Vocabulary.analyse(texts, pairs: weights.pairs > 0, parallel: parallel)
        let profiles = analysed.profiles
        count = texts.count
        self.weights = weights
        termWords = analysed.termWords

        func frequencies(_ lists: [[Int32]], size: Int) -> [Int32] {
            var df = [Int32](repeating: 0, count: size)
            var seen = [Int32](repeating: -1, count: size)
            for (doc, list) in lists.enumerated() {
                for id in list where seen[Int(id)] != Int32(doc) {
                    seen[Int(id)] = Int32(doc)
                    df[Int(id)] += 1
                }
            }
            return df
        }
        let n = texts.count
        let useIDF = n >= Corpus.minimumForIDF
        func vectors(_ lists: [[Int32]], size: Int) -> ([SparseVector], [Int32]) {
            let df = frequencies(lists, size: size)
            // BM25's idf: positive for every term, small for terms in most documents.
            let idf: [Float] = df.map { d in
                useIDF ? Float(log(1 + (Double(n) - Double(d) + 0.5) / (Double(d) + 0.5))) : 1
            }
            let vectors = lists.map { list in
                SparseVector(ids: list) { id, tf in (1 + Float(log(Double(tf)))) * idf[Int(id)] }
            }
            return (vectors, df)
        }
        let wordVectors = vectors(profiles.map(\.terms), size: analysed.termWords.count)
        words = wordVectors.0
        documentFrequency = wordVectors.1
        // A part weighed 0 is not built: twenty thousand texts make that worth it.
        let none = [SparseVector](repeating: SparseVector(), count: n)
        pairs = weights.pairs > 0 ? vectors(profiles.map(\.bigrams), size: analysed.bigramCount).0 : none
        grams = weights.grams > 0 ? vectors(profiles.map(\.grams), size: analysed.gramCount).0 : none
        var numbering: [String: Int32] = [:]
        var (numberStart, numberIds): ([Int32], [Int32]) = ([0], [])
        for profile in profiles {
            let first = numberIds.count
            for number in Set(profile.numbers) {
                if let id = numbering[number] { numberIds.append(id); continue }
                numbering[number] = Int32(numbering.count)
                numberIds.append(Int32(numbering.count - 1))
            }
            numberIds[first...].sort()
            numberStart.append(Int32(numberIds.count))
        }
        (self.numberStart, self.numberIds) = (numberStart, numberIds)
        negated = profiles.map(\.negated)
    }

    /// The similarity of texts `a` and `b`, in 0–1.
    public func score(_ a: Int, _ b: Int) -> Double {
        score(a, b, wordCosine: words[a].dot(words[b]))
    }

    /// The same, with the word cosine already known (the candidate search computes it first).
    func score(_ a: Int, _ b: Int, wordCosine: Float) -> Double {
        score(a, b, wordCosine: wordCosine, gramCosine: weights.grams > 0 ? grams[a].dot(grams[b]) : 0)
    }

    /// The same, with the gram cosine already known too (the candidate search sums it against a dense
    /// layout of one text's grams, to the bit as `SparseVector.dot` sums it).
    func score(_ a: Int, _ b: Int, wordCosine: Float, gramCosine: Float) -> Double {
        let w = weights
        var s = w.words * wordCosine
        if w.pairs > 0 { s += w.pairs * pairs[a].dot(pairs[b]) }
        if w.grams > 0 { s += w.grams * gramCosine }
        if let factor = numberFactor(a, b) { s *= factor }
        if negated[a] != negated[b] { s *= w.negationMismatch }
        return Double(min(1, max(0, s)))
    }

    /// What differing numbers multiply the score by, or nil when they leave it alone.
    func numberFactor(_ a: Int, _ b: Int) -> Float? {
        let (startA, endA) = (Int(numberStart[a]), Int(numberStart[a + 1]))
        let (startB, endB) = (Int(numberStart[b]), Int(numberStart[b + 1]))
        guard startA < endA, startB < endB else { return nil }
        // Both lists are sorted and distinct: count the common ones in one merge.
        var i = startA, j = startB, common = 0
        while i < endA && j < endB {
            if numberIds[i] == numberIds[j] {
                common += 1
                i += 1
                j += 1
            } else if numberIds[i] < numberIds[j] {
                i += 1
            } else {
                j += 1
            }
        }
        let (countA, countB) = (endA - startA, endB - startB)
        // The same numbers: the score is left alone.
        if common == countA, common == countB { return nil }
        let jaccard = Float(common) / Float(countA + countB - common)
        return weights.numberMismatch + (1 - weights.numberMismatch) * jaccard
    }

    /// Whether `score(a, b)` can reach `threshold` when the word cosine is at most `wordCosine`:
    /// the other parts taken at their largest (1), the number and negation factors as they are.
    /// Cheap, so the candidate search asks it before computing any cosine in full.
    func scoreCanReach(_ a: Int, _ b: Int, wordCosine: Float, threshold: Double) -> Bool {
        let w = weights
        var s = w.words * max(0, wordCosine) + max(0, w.pairs) + max(0, w.grams)
        if let factor = numberFactor(a, b) { s *= max(0, factor) }
        if negated[a] != negated[b] { s *= max(0, w.negationMismatch) }
        // A hair over, so that rounding in the full score cannot lose a pair at the threshold.
        return Double(s) * 1.0001 + 1e-6 >= threshold
    }

    /// The cosine of the word vectors alone: cheap, and an upper bound's worth of the score.
    func wordCosine(_ a: Int, _ b: Int) -> Float {
        words[a].dot(words[b])
    }

    /// How two texts' wording compares, term by term (stems with synonyms folded, numbers as digits).
    public struct Wording: Sendable, Hashable {
        /// Distinct terms both texts have.
        public let shared: Int
        /// How many distinct terms only the first, only the second text has.
        public let onlyFirstCount: Int
        public let onlySecondCount: Int
        // The two texts' sorted term ids and the corpus's words: the terms only one text has are
        // listed when asked (most comparisons read only `overlap`; listing them for every pair
        // compared cost two arrays and a retain per term).
        private let first: [Int32]
        private let second: [Int32]
        private let termWords: [String]

        init(_ first: [Int32], _ second: [Int32], termWords: [String]) {
            var shared = 0, i = 0, j = 0
            while i < first.count, j < second.count {
                if first[i] == second[j] {
                    shared += 1
                    i += 1
                    j += 1
                } else if first[i] < second[j] {
                    i += 1
                } else {
                    j += 1
                }
            }
            self.shared = shared
            onlyFirstCount = first.count - shared
            onlySecondCount = second.count - shared
            self.first = first
            self.second = second
            self.termWords = termWords
        }

        /// Distinct terms only one text has, as first written in the corpus, in id order.
        public var onlyFirst: [String] { Self.only(first, notIn: second, termWords) }
        public var onlySecond: [String] { Self.only(second, notIn: first, termWords) }

        private static func only(_ x: [Int32], notIn y: [Int32], _ termWords: [String]) -> [String] {
            var out: [String] = []
            var j = 0
            for id in x {
                while j < y.count, y[j] < id { j += 1 }
                if j < y.count, y[j] == id { continue }
                out.append(termWords[Int(id)])
            }
            return out
        }

        /// Shared terms over all distinct terms of the two texts (1 for two copies, 0 for nothing in common).
        public var overlap: Double {
            let all = shared + onlyFirstCount + onlySecondCount
            return all == 0 ? 0 : Double(shared) / Double(all)
        }

        public static func == (a: Wording, b: Wording) -> Bool {
            a.shared == b.shared && a.onlyFirst == b.onlyFirst && a.onlySecond == b.onlySecond
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(shared)
            hasher.combine(onlyFirst)
            hasher.combine(onlySecond)
        }
    }

    /// The terms texts `a` and `b` share and those only one of them has (listed when asked):
    /// a walk over two sorted id lists, as cheap as `score`.
    public func wording(_ a: Int, _ b: Int) -> Wording {
        Wording(words[a].ids, words[b].ids, termWords: termWords)
    }

    /// The words two texts share, heaviest first (as first written in the corpus).
    public func matchedTerms(_ a: Int, _ b: Int, limit: Int = 6) -> [String] {
        words[a].shared(words[b])
            .sorted { $0.product != $1.product ? $0.product > $1.product : $0.id < $1.id }
            .prefix(limit)
            .map { termWords[Int($0.id)] }
    }
}
