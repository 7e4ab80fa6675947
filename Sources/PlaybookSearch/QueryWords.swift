import Foundation
import PlaybookSimilarity

/// How much of a query an item's words say: the query's terms (stemmed, synonyms folded, as
/// `playbook overlaps` reads them) each weighed by how rare it is among the items, counted by the
/// best field that has it: title and statement fully, learnings and context for less.
struct QueryWords {
    /// What a term found only in the learnings, or only in the context, counts for.
    static let learningsWeight = 0.7
    static let contextWeight = 0.5
    /// The share of the word score that says how closely the title and statement match as a whole
    /// (the lexical duplicate score); the rest is how much of the query they hold. It orders
    /// items that hold the same words: the one saying little else first.
    static let wholeTextShare = 0.1

    /// A word score in 0–1 per item. `idea[i]`: the idea item `i` belongs to (a hypothesis and its
    /// experiments are one), so that a word is as rare as the ideas that say it.
    static func scores(_ query: String, items: [PriorArt], idea: [Int]) -> [Double] {
        let n = items.count
        guard n > 0 else { return [] }
        // Texts 0..<n titles and statements, n..<2n learnings, 2n..<3n context, then the query.
        // Terms and their weights only: character trigrams (soft matching for the duplicate scorer) cost a third of a search.
        let corpus = Corpus(items.map(\.text) + items.map(\.learningsText) + items.map(\.context) + [query],
                            weights: ScoreWeights(words: 1, pairs: 0, grams: 0, numberMismatch: ScoreWeights().numberMismatch))
        let q = 3 * n
        // A negation ("no", "without") is a term to the duplicate scorer, but says nothing of a topic; nor does
        // "test" ("try", "experiment", "trial run" fold into it): every experiment is one, and "try a lesson" found
        // an exam's "test date" and a "split-tested" page before the idea that let people try a lesson (review63).
        // (A term is shown as one of its words as written, "tested" or "try": read by its stem.)
        let reader = TermReader()
        let terms = corpus.matchedTerms(q, q, limit: .max).filter { term in
            !negations.contains(term.lowercased()) && !reader.contentStems(term).contains(where: methodStems.contains)
        }
        guard !terms.isEmpty else { return [Double](repeating: 0, count: n) }
        let position = Dictionary(terms.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        // found[i][t]: the weight of item i's best field holding term t.
        var found = [[Double]](repeating: [Double](repeating: 0, count: terms.count), count: n)
        var saying = [Set<Int>](repeating: [], count: terms.count)
        for i in 0..<n {
            for (field, weight) in [(i, 1.0), (n + i, learningsWeight), (2 * n + i, contextWeight)] {
                for term in corpus.matchedTerms(field, q, limit: .max) {
                    guard let t = position[term] else { continue }
                    found[i][t] = max(found[i][t], weight)
                }
            }
            for t in terms.indices where found[i][t] > 0 { saying[t].insert(idea[i]) }
        }
        let ideas = Set(idea).count
        // BM25's idf, squared as a TF-IDF cosine weighs a term on both sides: a word most items say
        // ("learners") counts for little beside one few say. A term no item has weighs as one a single item has.
        let rarity = saying.map { ideasSaying -> Double in
            let d = Double(max(ideasSaying.count, 1))
            let idf = log(1 + (Double(ideas) - d + 0.5) / (d + 0.5))
            return idf * idf
        }
        let total = rarity.reduce(0, +)
        return (0..<n).map { i in
            let held = terms.indices.reduce(0.0) { $0 + rarity[$1] * found[i][$1] } / total
            guard held > 0 else { return 0 }
            return (1 - wholeTextShare) * held + wholeTextShare * corpus.score(i, q)
        }
    }

    static let negations: Set<String> = ["no", "not", "without", "never", "nor"]
    /// The stems of the method every experiment shares, one term to the duplicate scorer (`Lexicon`'s
    /// "test", "experiment", "try"): they say nothing of an idea's topic.
    static let methodStems: Set<String> = ["test", "experi", "tri"]
}
