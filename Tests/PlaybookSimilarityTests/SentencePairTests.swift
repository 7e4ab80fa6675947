import Foundation
import XCTest
@testable import PlaybookSimilarity

/// Everyday sentence pairs graded 0–5 by hand in the style of semantic-similarity benchmarks
/// (5: same meaning; 0: unrelated): a check that the scorer ranks general English, not only
/// growth hypotheses, better than a plain TF-IDF cosine.
final class SentencePairTests: XCTestCase {
    static let pairs: [(String, String, Double)] = [
        ("A man is playing a guitar.", "A man plays the guitar.", 5),
        ("A woman is slicing an onion.", "A woman cuts an onion into slices.", 4.6),
        ("A dog is running through the grass.", "A dog runs across a field of grass.", 4.4),
        ("Two children are playing in the park.", "Kids are playing at the park.", 4.2),
        ("The cat is sleeping on the sofa.", "A cat sleeps on the couch.", 4.6),
        ("A man is riding a bicycle.", "A man rides a bike down the street.", 4),
        ("Three men were killed in the attack.", "Five men were killed in the attack.", 2.6),
        ("The company reported a 10% rise in profit.", "The company reported a 25% rise in profit.", 2.8),
        ("The cat is not sleeping.", "The cat is sleeping.", 2),
        ("A woman is playing the piano.", "A man is playing the guitar.", 1.2),
        ("A man is cooking pasta.", "A man is eating pasta.", 2.2),
        ("The children ran to the school bus.", "The kids are running to the school bus.", 4.6),
        ("A plane is taking off.", "An airplane is taking off.", 5),
        ("The stock market fell sharply on Monday.", "Shares dropped steeply on Monday.", 4),
        ("The president met the prime minister in Paris.", "The prime minister and the president held talks in Paris.", 4.2),
        ("A girl is brushing her hair.", "A girl is combing her hair.", 4),
        ("A man is lifting weights.", "A woman is swimming in a pool.", 0.2),
        ("The weather is sunny today.", "Interest rates were raised again.", 0),
        ("A boy is kicking a ball.", "A boy kicks a football in the yard.", 4),
        ("The train arrived late.", "The train was delayed.", 3.8),
        ("A man is slicing a tomato.", "A man is slicing a cucumber.", 2.4),
        ("The dog barked at the mailman.", "The mailman was barked at by the dog.", 4.8),
        ("Two women are talking on the phone.", "Two women are walking in the rain.", 0.8),
        ("A chef is preparing a meal in the kitchen.", "A cook makes food in a kitchen.", 4.2),
        ("The bank raised interest rates by 0.5%.", "The bank cut interest rates by 0.5%.", 1.8),
        ("A man is driving a car.", "A man is driving a truck.", 3),
        ("Police arrested two suspects.", "Two suspects were arrested by the police.", 5),
        ("A baby is laughing.", "A baby is crying.", 1.4),
        ("People are walking on the beach.", "Someone is reading a book in the library.", 0),
        ("A woman is dancing on stage.", "A woman dances on a stage.", 5),
        ("The team won the championship.", "The team lost the final match.", 1.2),
        ("A man is playing a flute.", "A man plays the flute.", 5),
        ("A monkey is climbing a tree.", "A squirrel climbs a tree.", 2.2),
        ("The meeting was postponed until next week.", "The meeting has been delayed to next week.", 4.6),
        ("A person is peeling a potato.", "A person peels potatoes.", 4.6),
        ("The museum opens at nine.", "The museum closes at six.", 1.6),
    ]

    static func spearman(_ x: [Double], _ y: [Double]) -> Double {
        func ranks(_ v: [Double]) -> [Double] {
            let order = v.indices.sorted { v[$0] < v[$1] }
            var r = [Double](repeating: 0, count: v.count)
            var i = 0
            while i < order.count {
                var j = i
                while j + 1 < order.count && v[order[j + 1]] == v[order[i]] { j += 1 }
                for k in i...j { r[order[k]] = Double(i + j) / 2 }
                i = j + 1
            }
            return r
        }
        let rx = ranks(x), ry = ranks(y)
        let mx = rx.reduce(0, +) / Double(rx.count), my = ry.reduce(0, +) / Double(ry.count)
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for i in rx.indices {
            sxy += (rx[i] - mx) * (ry[i] - my)
            sxx += (rx[i] - mx) * (rx[i] - mx)
            syy += (ry[i] - my) * (ry[i] - my)
        }
        return sxy / (sxx * syy).squareRoot()
    }

    /// Lower-cased words, smoothed TF-IDF, cosine: the baseline.
    static func baseline(_ texts: [String]) -> (Int, Int) -> Double {
        let words = texts.map { $0.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init) }
        var df: [String: Double] = [:]
        for w in words { for t in Set(w) { df[t, default: 0] += 1 } }
        let n = Double(texts.count)
        let vectors: [[String: Double]] = words.map { w in
            var v: [String: Double] = [:]
            for t in w { v[t, default: 0] += 1 }
            for (t, tf) in v { v[t] = tf * (log((1 + n) / (1 + (df[t] ?? 0))) + 1) }
            let norm = v.values.reduce(0) { $0 + $1 * $1 }.squareRoot()
            return v.mapValues { $0 / norm }
        }
        return { a, b in vectors[a].reduce(0) { $0 + $1.value * (vectors[b][$1.key] ?? 0) } }
    }

    func testScoresRankSentencePairsBetterThanPlainTFIDF() {
        let texts = Self.pairs.flatMap { [$0.0, $0.1] }
        let corpus = Corpus(texts)
        let plain = Self.baseline(texts)
        let gold = Self.pairs.map(\.2)
        let ours = Self.pairs.indices.map { corpus.score(2 * $0, 2 * $0 + 1) }
        let base = Self.pairs.indices.map { plain(2 * $0, 2 * $0 + 1) }
        let rhoOurs = Self.spearman(ours, gold), rhoBase = Self.spearman(base, gold)
        print(String(format: "sentence pairs: Spearman %.3f (plain TF-IDF cosine %.3f)", rhoOurs, rhoBase))
        XCTAssertGreaterThan(rhoOurs, rhoBase)
    }
}
