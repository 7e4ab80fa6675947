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
        for text in ["Offer 10% off, $1,000 max; 2.5x faster, sign-up 7pm 3x", "Streak reminders at 7pm for 3 X users", "a1b2 99.9% 1.", "x 5x5 12,5",
                     "£20k, 2.5M and 1bn; 10min 5km 2mb 3kg 7Bn 0.5k 1.2.3k 4m."] {
            XCTAssertEqual(Tokenizer.tokens(text), Tokenizer.scalarTokens(text), text)
        }
    }

    /// review 2026-12-05 (D): an escape sequence is no text: the hyperlink escape `ESC ]8;;URL ESC \` gave the terms
    /// "8", "http", "evil" and "example"; a colour (CSI), a C1 introducer and any other control are read as a space.
    func testEscapeSequencesAndControlsGiveNoTerms() {
        let link = "\u{1B}]8;;http://evil.example/\u{1B}\\First lesson\u{1B}]8;;\u{1B}\\ alert"
        XCTAssertEqual(Tokenizer.tokens(link), [.word("first"), .word("lesson"), .word("alert")])
        XCTAssertEqual(Tokenizer.tokens("\u{1B}]8;;http://evil.example/\u{07}lesson\u{1B}[1;31mred\u{1B}[0m\u{9B}2Jgone\u{1B}Mx\u{0}y"),
                       [.word("lesson"), .word("red"), .word("gone"), .word("x"), .word("y")])
        XCTAssertEqual(Tokenizer.writtenWords(link).map(\.word), ["first", "lesson", "alert"])
        XCTAssertEqual(Tokenizer.tokens("Café\tlesson\n8 days"), [.word("café"), .word("lesson"), .number("8"), .word("days")])
    }

    /// A magnitude that no letter follows is part of its number: "£20k" is 20000, as "£20,000" is, and not
    /// 20 (a £20 voucher and a £20k prize were one number); "10min", "5km" and "2mb" stay a number and a word.
    func testAMagnitudeScalesItsNumber() {
        XCTAssertEqual(Tokenizer.tokens("a £20k prize, £20,000 cash, 2.5M users, 1bn views, 0.5K, 1.2345k"), [
            .word("a"), .number("20000"), .word("prize"), .number("20000"), .word("cash"), .number("2500000"), .word("users"),
            .number("1000000000"), .word("views"), .number("500"), .number("1234.5"),
        ])
        XCTAssertEqual(Tokenizer.tokens("10min 5km 2mb 7pm"), [
            .number("10"), .word("min"), .number("5"), .word("km"), .number("2"), .word("mb"), .number("7"), .word("pm"),
        ])
        XCTAssertEqual(NumberTerm.written(in: "win €1,000 or £20k — 3 days").map(\.term), ["1000", "20000", "3"])
        XCTAssertEqual(NumberTerm.written(in: "win €1,000 or £20k").map(\.scalars), [5..<10, 15..<18])
        XCTAssertLessThan(score("A £20 prize draw for referrals", "A £20k prize draw for referrals"),
                          score("A £20,000 prize draw for referrals", "A £20k prize draw for referrals"))
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
