import XCTest
@testable import PlaybookSimilarity
import PlaybookTestSupport

/// `TermReader` reads the words the tokenizer splits, with how each was written and whether a hyphen
/// joins it to the word before.
final class TermReaderTests: XCTestCase {
    let samples = [
        "Dairy-free meal kits, 3x faster: 1,000 users pay $30 (10% off) — add-on at 2.5 km/h",
        "Café-free Zürich: naïve users' 3rd add-on, 4X the price, Ω-free 5x",
        "top-up-to-date e-mail --free -free x-",
        "", "  ", "9-free", "a-b-c",
    ]

    func testTheSameWordsAsTheTokenizer() {
        for text in samples {
            let words = Tokenizer.tokens(text).compactMap { token -> String? in
                if case .word(let word) = token { return word }
                return nil
            }
            XCTAssertEqual(Tokenizer.writtenWords(text).map(\.word), words, text)
        }
    }

    /// Both splits read ASCII text byte by byte and any other text scalar by scalar: on ASCII the two
    /// paths give the same tokens, words, spellings and joins (seeded, so a failure names its text).
    func testTheASCIIPathAndTheScalarPathAgree() {
        let pieces = ["a", "b", "x", "X", "Z", "PL", "iOS", "Free", "1", "0", "9", ".", ",", "%", "-", " ", "!", "?", ":", "'", "$"]
        var random = SeededGenerator(state: 25)
        for _ in 0..<20_000 {
            let text = (0..<random.below(16)).map { _ in pieces[random.below(pieces.count)] }.joined()
            XCTAssertEqual(Tokenizer.tokens(text), Tokenizer.scalarTokens(text), text)
            let ascii = Tokenizer.writtenWords(text), scalar = Tokenizer.scalarWrittenWords(text)
            XCTAssertEqual(ascii.map(\.word), scalar.map(\.word), text)
            XCTAssertEqual(ascii.map(\.written), scalar.map(\.written), text)
            XCTAssertEqual(ascii.map(\.joined), scalar.map(\.joined), text)
        }
    }

    func testHyphenatedCompounds() {
        let reader = TermReader()
        XCTAssertEqual(reader.stems("a dairy-free option").stems, ["a", "dairi", ChangeDirection.without, "option"])
        XCTAssertEqual(reader.stems("ride free for a week").stems, ["ride", "free", "for", "a", "week"])
        XCTAssertEqual(reader.stems("no surprise add-on").stems, ["no", "surpris", "add-", "on"])
        // The compound is shown whole: a note about it never names the verb "add".
        XCTAssertEqual(reader.stems("no paid Add-on").written, ["no", "paid", "Add-on", "on"])
        XCTAssertEqual(ChangeDirection(sentences: [reader.stems("no paid add-on")]).spelling("add-"), "add-on")
        XCTAssertEqual(reader.stems("a sign-up form").stems, ["a", "sign", "up", "form"])
        // A place word before a particle written apart is the verb too, shown as written; not after an article.
        XCTAssertEqual(reader.stems("Top up before lights out").stems, ["top-", "up", "befor", "light", "out"])
        XCTAssertEqual(reader.stems("Top up before lights out").written, ["top up", "up", "before", "lights", "out"])
        XCTAssertEqual(reader.stems("topping up the card").stems, ["top-", "up", "the", "card"])
        XCTAssertEqual(reader.stems("at the top up front").stems, ["at", "the", "top", "up", "front"])
        XCTAssertEqual(reader.stems("move it to the top").stems, ["move", "it", "to", "the", "top"])
        // After an article alone it is the noun made of the verb ("the top up amount"); so are plurals.
        XCTAssertEqual(reader.stems("pre-select the top up amount").stems, ["pre", "select", "the", "top-", "up", "amount"])
        XCTAssertEqual(reader.stems("from the top up").stems, ["from", "the", "top", "up"])
        XCTAssertEqual(reader.stems("two top ups").stems, ["two", "top-", "up"])
        XCTAssertEqual(reader.stems("two top-ups, three drop-offs, add-ons").stems, ["two", "top-", "up", "three", "drop-", "off", "add-", "on"])
        XCTAssertEqual(reader.stems("first-time deals").joined, [false, true, false])
        XCTAssertEqual(reader.stems("9-free naïve-free").stems, ["free", "naïv", ChangeDirection.without])
        XCTAssertEqual(Tokenizer.writtenWords("top-up-to-date").map(\.joined), [false, true, true, true])
        // A hyphen joins words, whichever hyphen it is; a number before it is no compound.
        XCTAssertEqual(Tokenizer.writtenWords("dairy\u{2011}free dairy\u{2010}free").map(\.joined), [false, true, false, true])
        XCTAssertEqual(Tokenizer.writtenWords("3x-free 10%-free x-free").map(\.joined), [false, false, false, true])
        XCTAssertEqual(reader.stems("a dairy\u{2011}free option").stems, ["a", "dairi", ChangeDirection.without, "option"])
    }

    /// A word keeps the writer's case where it says something: a capital inside ("PL", "iOS"), a capital in
    /// the middle of a sentence ("Leipzig"); not a sentence's first capital, nor a Title Case title's.
    func testWrittenKeepsMeaningfulCase() {
        func written(_ text: String) -> [String] { Tokenizer.writtenWords(text).map(\.written) }
        XCTAssertEqual(written("Show prices in PL and on iOS. Then Leipzig"), ["show", "prices", "in", "PL", "and", "on", "iOS", "then", "Leipzig"])
        XCTAssertEqual(written("add a surcharge in Leipzig"), ["add", "a", "surcharge", "in", "Leipzig"])
        XCTAssertEqual(written("Longer Drop-Off Hours at the Dry Cleaner"), ["longer", "drop", "off", "hours", "at", "the", "dry", "cleaner"])
        XCTAssertEqual(written("Free Shipping"), ["free", "shipping"])
        XCTAssertEqual(written("Zürich café for PL: Straße in München"), ["zürich", "café", "for", "PL", "straße", "in", "München"])
    }

    /// Terms as the corpus lists them, spelled as one text writes them.
    func testSpelledAsTheTextWritesThem() {
        let reader = TermReader()
        XCTAssertEqual(reader.spelled(["confirm", "pl", "kiosk", "signup", "30"], in: "show the confirmation at PL kiosks after sign up, 30 days"),
                       ["confirmation", "PL", "kiosks", "sign up", "30"])
    }

    /// A phrase read as one term ("sign in" → login) is spelled as the texts write it, never as a word neither writes
    /// (review: "shared terms: Apple, login, …" for two texts that each said "Sign in with Apple").
    func testAPhraseReadAsOneTermIsSpelledAsWritten() {
        let reader = TermReader()
        let first = "Sign in with Apple on iOS. add Sign in with Apple to the signup screen on iOS"
        let second = "Sign in with Apple on web. add Sign in with Apple to the signup screen on web"
        XCTAssertEqual(reader.spelled(["login", "signup"], in: first, and: second), ["sign in", "signup"])
        XCTAssertEqual(reader.spelled(["login"], in: "Log in with a magic link", and: "one-tap login"), ["log in/login"])
        // A word of the phrase both write alone is spelled so.
        XCTAssertEqual(reader.spelled(["push"], in: "a push notification after checkout", and: "send push notifications"), ["push"])
    }

    /// A reader remembers each text's spellings (a bounded number of texts): asked again, and after it
    /// has forgotten them for many other texts, it answers as a new reader does.
    func testSpelledTheSameFromMemory() {
        let reader = TermReader()
        let texts = (0..<5_000).map { "Show the Kiosk\($0 % 7 == 0 ? "s" : "") at PL airports, step \($0)" }
        for round in 0..<2 {
            for text in texts.shuffled() {
                XCTAssertEqual(reader.spelled(["kiosk", "pl", "airport"], in: text),
                               TermReader().spelled(["kiosk", "pl", "airport"], in: text), "round \(round): \(text)")
            }
        }
        XCTAssertEqual(reader.spelled(["kiosk"], in: texts[7]), ["Kiosks"])
        XCTAssertEqual(reader.spelled(["kiosk"], in: texts[8]), ["Kiosk"])
    }

    /// A reader remembers each text's content stems (a bounded number of texts): asked again, and after
    /// it has forgotten them for many other texts, it answers as a new reader does.
    func testContentStemsTheSameFromMemory() {
        let reader = TermReader()
        let texts = (0..<5_000).map { "Show the Kiosk\($0 % 7 == 0 ? "s" : "") at PL airports, step \($0) of \($0 % 3 == 0 ? "a" : "the") trip" }
        for round in 0..<2 {
            for text in texts.shuffled() {
                XCTAssertEqual(reader.contentStems(text), TermReader().contentStems(text), "round \(round): \(text)")
            }
        }
        XCTAssertEqual(reader.contentStems(texts[7]), ["show", "kiosk", "pl", "airport", "step", "trip"])
    }
}
