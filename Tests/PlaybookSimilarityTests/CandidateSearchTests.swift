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

    /// The word cosines of a text's candidates are summed eight candidates at a time, then four, then the rest one by one:
    /// for any number of candidates (not only multiples of four), of unequal lengths (so each block
    /// stops summing together at its shortest and each finishes alone), every score is the pair's own to the
    /// bit and the pairs are those comparing every pair finds.
    func testWordCosinesOfAnyNumberOfCandidatesOfUnequalLengthsAreThePairsOwn() {
        let vocabulary = ["streak", "reminder", "email", "push", "night", "onboarding", "checkout", "coupon", "badge",
                          "weekly", "digest", "friend", "invite", "trial", "upgrade", "banner"]
        for candidates in 1...21 {
            // A long probing text last, and before it `candidates` texts of 1 to 13 of its words, each with words of its own.
            var texts: [String] = []
            for index in 0..<candidates {
                let length = 1 + (index * 5) % 13
                let shared = (0..<length).map { vocabulary[($0 * 3 + index) % vocabulary.count] }
                texts.append((shared + (0...(index % 3)).map { "own\(index)x\($0)" }).joined(separator: " "))
            }
            texts.append(vocabulary.joined(separator: " "))
            let corpus = Corpus(texts)
            let search = CandidateSearch(corpus: corpus, threshold: 0.01)
            let indexed = search.matches()
            let exhaustive = search.exhaustiveMatches()
            XCTAssertEqual(Set(indexed.map { [$0.first, $0.second] }), Set(exhaustive.map { [$0.first, $0.second] }), "\(candidates) candidates")
            XCTAssertGreaterThanOrEqual(indexed.filter { $0.second == candidates }.count, candidates, "every text shares words with the last")
            for match in indexed {
                XCTAssertEqual(match.score, corpus.score(match.second, match.first), "\(candidates) candidates: \(match.first)-\(match.second)")
            }
        }
    }

    /// Odd corpora: none, one text, texts with no terms, the same text many times (its terms in every
    /// text, so left out of the index), and a text of 100,000 distinct words among ordinary ones: the
    /// index reports what comparing every pair reports, each pair once, with the same scores.
    func testOddCorporaGiveWhatComparingEveryPairGives() {
        let words = (0..<100_000).map { "w\($0)x" }.joined(separator: " ")
        let ordinary = corpus(size: 60, seed: 3)
        let corpora: [String: [String]] = [
            "empty": [], "one": ["Send a reminder email"], "no terms": ["", "  ", "!!! ???", ""],
            "repeated": Array(repeating: "Send a streak reminder email at night", count: 70) + ["", "Send a streak reminder"],
            "huge": [words] + ordinary + [words, "w1x w2x w3x"] + ordinary.prefix(3),
        ]
        for (name, texts) in corpora.sorted(by: { $0.key < $1.key }) {
            let corpus = Corpus(texts)
            for threshold in [0.01, 0.3, 0.5, 1.0] {
                let search = CandidateSearch(corpus: corpus, threshold: threshold)
                let exhaustive = search.exhaustiveMatches().filter { $0.score >= threshold }
                let indexed = search.matches()
                XCTAssertEqual(Set(indexed.map { [$0.first, $0.second] }).count, indexed.count, "\(name) \(threshold): a pair twice")
                let found = Dictionary(indexed.map { ([$0.first, $0.second], $0.score) }, uniquingKeysWith: { a, _ in a })
                let expected = Dictionary(exhaustive.map { ([$0.first, $0.second], $0.score) }, uniquingKeysWith: { a, _ in a })
                XCTAssertTrue(found == expected, "\(name) \(threshold): \(found.count) pairs, \(expected.count) comparing every pair; "
                              + "\(found.filter { expected[$0.key] != $0.value }.prefix(3)) \(expected.filter { found[$0.key] != $0.value }.prefix(3))")
                if !texts.isEmpty {
                    // In two halves of rows, the same pairs.
                    let half = texts.count / 2
                    let split = search.matches(rows: 0..<half) + search.matches(rows: half..<texts.count)
                    XCTAssertEqual(Set(split.map { [$0.first, $0.second] }), Set(indexed.map { [$0.first, $0.second] }), "\(name) \(threshold) split")
                }
            }
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

    /// Texts of common words (over the index's cut-off, so some left out of it) and middling ones (indexed):
    /// what the common words add decides pairs near the bar. The search sums what a candidate shares with a
    /// text on its left-out words to decide whether to score it in full; at thresholds a hundredth apart it
    /// must find every pair comparing every pair finds. (Taking that share as 0 loses pairs at 24 of them.)
    func testPairsLiftedByLeftOutWordsAreFoundAsComparingEveryPairFindsThem() {
        var generator = SyntheticHypotheses(seed: 23)
        // Made-up words of letters alone (digits would read as numbers), which no stemmer or synonym folds.
        let letters = Array("bdfghjklmnprstvz")
        func word(_ prefix: String, _ i: Int) -> String { prefix + String(letters[i / 16]) + String(letters[i % 16]) + "ox" }
        // Common words in some 150 texts each (over the index's cut-off of 100), middling ones in a few;
        // each text has a twin with the same common words and one middling word changed.
        let common = (0..<20).map { word("cu", $0) }
        let middling = (0..<250).map { word("mi", $0) }
        var texts: [String] = []
        while texts.count < 1000 {
            var commonWords: [String] = []
            for _ in 0..<3 { commonWords += Array(repeating: generator.pick(common), count: 1 + Int(generator.next() % 3)) }
            let kept = generator.pick(middling)
            texts.append((commonWords + [kept, generator.pick(middling)]).joined(separator: " "))
            texts.append((commonWords + [kept, generator.pick(middling)]).joined(separator: " "))
        }
        let corpus = Corpus(texts)
        let everyPair = CandidateSearch(corpus: corpus, threshold: 0.2).exhaustiveMatches()
        // Pairs over the bar only with the common (left-out) words: without them they score under it.
        let withoutCommon = Corpus(texts.map { $0.split(separator: " ").filter { !$0.hasPrefix("cu") }.joined(separator: " ") })
        var lifted = 0
        for step in 0..<40 {
            let threshold = 0.2 + Double(step) / 100
            let search = CandidateSearch(corpus: corpus, threshold: threshold)
            let exhaustive = Set(everyPair.filter { $0.score >= threshold }.map { [$0.first, $0.second] })
            let indexed = Set(search.matches().map { [$0.first, $0.second] })
            XCTAssertEqual(indexed, exhaustive, "threshold \(threshold): \(exhaustive.subtracting(indexed).count) pairs lost")
            if step % 10 == 0 {
                lifted += exhaustive.filter { withoutCommon.score($0[0], $0[1]) < threshold }.count
            }
        }
        XCTAssertGreaterThan(lifted, 10, "the generated set must hold pairs the common words lift over the bar")
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
