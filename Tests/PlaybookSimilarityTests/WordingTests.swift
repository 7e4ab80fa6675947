import XCTest
@testable import PlaybookSimilarity

final class WordingTests: XCTestCase {
    /// The one-sided words, listed when asked, and the counts from one walk agree with the plain
    /// definition: each text's distinct terms that the other lacks, in id order, as the corpus wrote them.
    func testWordingAgreesWithTheTermsEachTextLacks() {
        var random = SystemRandomNumberGenerator()
        let vocabulary = ["streak", "reminder", "push", "email", "lapsed", "learners", "annual", "price", "discount",
                          "onboarding", "checkout", "7pm", "3 days", "trial", "free", "widget", "home", "screen", "later"]
        let texts = (0..<40).map { _ in
            (0..<Int.random(in: 0...9, using: &random)).map { _ in vocabulary.randomElement(using: &random) ?? "" }.joined(separator: " ")
        }
        let corpus = Corpus(texts)
        var sawBoth = false
        for a in 0..<texts.count {
            for b in 0..<texts.count {
                let x = corpus.words[a].ids, y = corpus.words[b].ids
                let onlyX = x.filter { !y.contains($0) }.map { corpus.termWords[Int($0)] }
                let onlyY = y.filter { !x.contains($0) }.map { corpus.termWords[Int($0)] }
                let shared = x.filter { y.contains($0) }.count
                let wording = corpus.wording(a, b)
                XCTAssertEqual(wording.onlyFirst, onlyX)
                XCTAssertEqual(wording.onlySecond, onlyY)
                XCTAssertEqual(wording.shared, shared)
                XCTAssertEqual(wording.onlyFirstCount, onlyX.count)
                XCTAssertEqual(wording.onlySecondCount, onlyY.count)
                let all = shared + onlyX.count + onlyY.count
                XCTAssertEqual(wording.overlap, all == 0 ? 0 : Double(shared) / Double(all))
                if shared > 0, !onlyX.isEmpty, !onlyY.isEmpty { sawBoth = true }
            }
        }
        XCTAssertTrue(sawBoth, "the draw should hold pairs that share some terms and differ on others")
        XCTAssertEqual(corpus.wording(0, 1), corpus.wording(0, 1))
    }
}
