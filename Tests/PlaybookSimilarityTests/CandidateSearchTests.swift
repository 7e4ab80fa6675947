import XCTest
@testable import PlaybookSimilarity

final class CandidateSearchTests: XCTestCase {
    /// Generated hypotheses, a fifth of them restated by another "squad".
    func corpus(size: Int, seed: UInt64) -> [String] {
        var generator = SyntheticHypotheses(seed: seed)
        var texts: [String] = []
        while texts.count < size {
            let text = generator.text()
            texts.append(text)
            if generator.next() % 5 == 0, texts.count < size { texts.append(SyntheticHypotheses.restate(text)) }
        }
        return texts
    }

    func testIndexScoresEveryPairAsComparingThePairAlone() {
        // The search keeps the word cosine it sums for its bound and scores with it: the score it
        // reports must be the pair's own score to the last bit, as comparing the two texts gives it.
        let corpus = Corpus(corpus(size: 800, seed: 11))
        let matches = CandidateSearch(corpus: corpus, threshold: 0.3).matches()
        XCTAssertGreaterThan(matches.count, 50, "the generated set must hold enough pairs")
        for match in matches {
            XCTAssertEqual(match.score, corpus.score(match.second, match.first), "\(match.first)-\(match.second)")
            XCTAssertEqual(corpus.wordCosine(match.second, match.first), corpus.wordCosine(match.first, match.second))
        }
    }

    func testIndexFindsWhatExhaustiveComparisonFinds() {
        let texts = corpus(size: 1200, seed: 7)
        let corpus = Corpus(texts)
        // Every pair scored once, at the lowest threshold; higher ones filter it.
        let everyPair = CandidateSearch(corpus: corpus, threshold: 0.3).exhaustiveMatches()
        for threshold in [0.3, 0.4, 0.6] {
            let search = CandidateSearch(corpus: corpus, threshold: threshold)
            XCTAssertEqual(search.maxPostings, 100)
            let exhaustive = Set(everyPair.filter { $0.score >= threshold }.map { [$0.first, $0.second] })
            var scored = 0
            let indexed = Set(search.matches(scored: &scored).map { [$0.first, $0.second] })
            let allPairs = texts.count * (texts.count - 1) / 2
            print("threshold \(threshold): the index checked \(scored) of \(allPairs) pairs (\(scored * 1000 / allPairs)‰)")
            // These generated texts share a small vocabulary; real ones spare far more.
            XCTAssertLessThan(scored, allPairs / 3, "the index must spare most comparisons")
            XCTAssertTrue(indexed.isSubset(of: exhaustive), "the index reported a pair the exact score rejects")
            let recall = exhaustive.isEmpty ? 1 : Double(indexed.count) / Double(exhaustive.count)
            print("recall vs exhaustive at threshold \(threshold): \(indexed.count)/\(exhaustive.count) = \(recall)")
            // The index's bounds (left-out terms, the number factor) are exact: nothing is lost.
            XCTAssertEqual(indexed, exhaustive, "threshold \(threshold)")
            XCTAssertGreaterThan(exhaustive.count, 100, "the generated set must hold enough pairs to measure recall")
        }
    }

    func testChunkedAnalysisScoresLikeOneAnalyzer() {
        let texts = corpus(size: 5200, seed: 11)
        let one = Corpus(texts)
        let chunked = Corpus(texts, parallel: { iterations, body in for i in 0..<iterations { body(i) } })
        var generator = SyntheticHypotheses(seed: 5)
        for _ in 0..<300 {
            let a = Int(generator.next() % 5200), b = Int(generator.next() % 5200)
            XCTAssertEqual(one.score(a, b), chunked.score(a, b), accuracy: 1e-6)
            XCTAssertEqual(Set(one.matchedTerms(a, b)), Set(chunked.matchedTerms(a, b)))
        }
        for a in stride(from: 0, to: 5199, by: 97) {
            XCTAssertEqual(one.score(a, a + 1), chunked.score(a, a + 1), accuracy: 1e-6)
        }
    }

    func testFrequentTermsAreLeftOutOfTheIndex() {
        let texts = corpus(size: 400, seed: 3)
        let corpus = Corpus(texts)
        let search = CandidateSearch(corpus: corpus, frequentFraction: 0.02, threshold: 0.5)
        XCTAssertTrue(corpus.documentFrequency.contains { Int($0) > search.maxPostings }, "the template words are frequent")
    }

    /// Texts that differ only in their numbers score under a pair with the same ones; the bound
    /// the search checks before scoring must keep every pair that still reaches the threshold.
    func testPairsWithOtherNumbersAreFoundAsComparingEveryPairFindsThem() {
        var generator = SyntheticHypotheses(seed: 19)
        var texts: [String] = []
        while texts.count < 900 {
            let text = generator.text()
            let n = generator.next() % 6
            texts.append("\(text) by \(n * 5)% in \(n + 2) weeks")
            texts.append("\(text) by \(n * 5 + 5 * (generator.next() % 2))% in \(n + 2) weeks")
        }
        let corpus = Corpus(texts)
        let everyPair = CandidateSearch(corpus: corpus, threshold: 0.3).exhaustiveMatches()
        for threshold in [0.3, 0.45, 0.6, 0.8] {
            let exhaustive = Set(everyPair.filter { $0.score >= threshold }.map { [$0.first, $0.second] })
            let indexed = Set(CandidateSearch(corpus: corpus, threshold: threshold).matches().map { [$0.first, $0.second] })
            XCTAssertEqual(indexed, exhaustive, "threshold \(threshold)")
            XCTAssertGreaterThan(exhaustive.count, 100)
        }
    }

    func testAllowedDecidesWhichPairsAreReported() {
        let texts = ["Add a streak reminder at 7pm", "Add a streak reminder at 7pm", "Add a streak reminder at 7pm"]
        let search = CandidateSearch(corpus: Corpus(texts), threshold: 0.5)
        XCTAssertEqual(search.matches().count, 3)
        XCTAssertEqual(search.matches(allowed: { a, b in a == 2 && b == 0 }).map { [$0.first, $0.second] }, [[0, 2]])
    }

    func testClustersJoinChainsOfPairs() {
        let matches = [Match(first: 1, second: 4, score: 0.9), Match(first: 4, second: 7, score: 0.8), Match(first: 2, second: 3, score: 0.7)]
        XCTAssertEqual(Clustering.clusters(matches), [[1, 4, 7], [2, 3]])
    }
}
