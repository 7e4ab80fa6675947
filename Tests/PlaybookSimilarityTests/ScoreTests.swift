import XCTest
@testable import PlaybookSimilarity

final class ScoreTests: XCTestCase {
    func score(_ a: String, _ b: String) -> Double {
        Corpus([a, b]).score(0, 1)
    }

    func testTokensKeepNumbersAndSplitPunctuation() {
        XCTAssertEqual(Tokenizer.tokens("Offer 10% off, $1,000 max; 2.5x faster — sign-up"), [
            .word("offer"), .number("10%"), .word("off"), .number("1000"), .word("max"), .number("2.5x"),
            .word("faster"), .word("sign"), .word("up"),
        ])
        XCTAssertEqual(Tokenizer.tokens("Über Café"), [.word("über"), .word("café")])
        // The ASCII fast path and the general one agree.
        for text in ["Offer 10% off, $1,000 max; 2.5x faster, sign-up 7pm 3x", "Streak reminders at 7pm for 3 X users", "a1b2 99.9% 1.", "x 5x5 12,5"] {
            XCTAssertEqual(Tokenizer.tokens(text), Tokenizer.scalarTokens(text), text)
        }
    }

    func testStemmingAndSynonymsMatchRewordedText() {
        XCTAssertGreaterThan(score("Send reminder notifications to lapsed users", "Sending a reminder notification to lapsed learners"), 0.8)
        XCTAssertGreaterThan(score("Sign up with Google", "Signup with Google"), 0.9)
    }

    func testIdenticalTextsScoreOneAndDisjointZero() {
        XCTAssertEqual(score("Streak reminder at 7pm", "Streak reminder at 7pm"), 1, accuracy: 1e-5)
        XCTAssertEqual(score("Streak reminder", "Annual pricing table"), 0, accuracy: 0.05)
    }

    func testDifferentNumbersLowerTheScore() {
        let same = score("Offer a 20% discount on annual plans", "Offer a 20% discount on annual plans")
        let different = score("Offer a 20% discount on annual plans", "Offer a 50% discount on annual plans")
        XCTAssertLessThan(different, same * 0.8)
    }

    func testMatchedTermsAreTheSharedWords() {
        let corpus = Corpus(["Add a streak reminder to the home screen", "Streak reminders on home"])
        XCTAssertEqual(Set(corpus.matchedTerms(0, 1)), ["streak", "reminder", "home"])
    }
}
