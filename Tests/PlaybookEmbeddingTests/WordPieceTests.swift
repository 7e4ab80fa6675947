import PlaybookEmbedding
import XCTest

/// The tokenizer's rules on a small vocabulary; no model needed.
final class WordPieceTests: XCTestCase {
    let words = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "sign", "##up", "form", "cafe", "-", "!", ",", "re", "##sume",
                 "新", "用", "un", "##want", "##ed", "want", "σ", "##σ", "ecole", "a", "##b", "##c"]

    func ids(_ text: String, maximumLength: Int = 64) throws -> [String] {
        let tokenizer = try WordPieceTokenizer(vocabulary: words.joined(separator: "\n") + "\n")
        return tokenizer.ids(for: text, maximumLength: maximumLength).map { words[Int($0)] }
    }

    func testGreedyLongestMatchWithContinuationPieces() throws {
        XCTAssertEqual(try ids("Signup unwanted"), ["[CLS]", "sign", "##up", "un", "##want", "##ed", "[SEP]"])
    }

    func testAWordThatCannotBeCoveredIsUnknownWhole() throws {
        XCTAssertEqual(try ids("signx form"), ["[CLS]", "[UNK]", "form", "[SEP]"])
    }

    func testAccentsAreStrippedAndCaseFolded() throws {
        XCTAssertEqual(try ids("CAFÉ Résumé e\u{301}cole"), ["[CLS]", "cafe", "re", "##sume", "ecole", "[SEP]"])
    }

    func testPunctuationIsSplitOffAndControlCharactersDropped() throws {
        XCTAssertEqual(try ids("sign-up!\u{0}form,\u{200B}cafe"), ["[CLS]", "sign", "-", "[UNK]", "!", "form", ",", "cafe", "[SEP]"])
    }

    /// A word longer than 100 letters is one unknown token, as the reference reads it, whatever its length;
    /// upper-case ASCII and other letters lower-cased on the way (how fast: `scripts/bench-hostile`, word-1M / word-4M).
    func testAVeryLongWordIsOneUnknownTokenAndTheWordsAroundItStay() throws {
        let long = String(repeating: "AÉ", count: 100_000)
        XCTAssertEqual(try ids("SIGNUP \(long) Form"), ["[CLS]", "sign", "##up", "[UNK]", "form", "[SEP]"])
    }

    func testCJKIdeographsStandAlone() throws {
        XCTAssertEqual(try ids("新用form"), ["[CLS]", "新", "用", "form", "[SEP]"])
    }

    func testACombiningMarkAfterASpaceDoesNotGlueWords() throws {
        // " \u{301}" is one Character in Swift; BERT splits on the space and drops the mark.
        XCTAssertEqual(try ids("form \u{301}cafe"), ["[CLS]", "form", "cafe", "[SEP]"])
    }

    func testFinalSigmaIsLowercasedOnItsOwnAsTheReferenceTokenizerDoes() throws {
        XCTAssertEqual(try ids("ΣΣ"), ["[CLS]", "σ", "##σ", "[SEP]"])
    }

    func testWordsPastOneHundredCharactersAreUnknown() throws {
        XCTAssertEqual(try ids(String(repeating: "a", count: 100) + " " + String(repeating: "a", count: 101)).count, 4)
        XCTAssertEqual(try ids(String(repeating: "a", count: 101)), ["[CLS]", "[UNK]", "[SEP]"])
    }

    func testTruncatesToTheTokenLimitKeepingTheMarkers() throws {
        XCTAssertEqual(try ids("form form form form", maximumLength: 4), ["[CLS]", "form", "form", "[SEP]"])
    }

    func testAVocabularyWithoutTheSpecialTokensIsRejected() {
        XCTAssertThrowsError(try WordPieceTokenizer(vocabulary: "a\nb\n"))
    }

    /// Lines are looked up by their bytes, but as Swift compares strings: a line that is canonically
    /// an ASCII token (U+037E is ";") takes that token when it comes first, the later ";" does not;
    /// a piece with a non-ASCII letter is found through the strings; a CRLF file has the same lines
    /// as an LF one (split as a Swift String, "\r\n" is one Character: the file was one line).
    func testLookUpByBytesGivesWhatStringComparisonGives() throws {
        let lines = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "\u{37E}", "a", ";", "b", "##\u{3C3}", "\u{3C3}", "##b"]
        let tokenizer = try WordPieceTokenizer(vocabulary: lines.joined(separator: "\n"))
        XCTAssertEqual(tokenizer.ids(for: "a;b", maximumLength: 16), [2, 5, 4, 7, 3])
        XCTAssertEqual(tokenizer.ids(for: "σσb", maximumLength: 16), [2, 9, 8, 10, 3])
        XCTAssertEqual(tokenizer.lineCount, 11)
        XCTAssertEqual(tokenizer.vocabularySize, 10, "U+037E and ; are one token")
        let windows = try WordPieceTokenizer(vocabulary: lines.joined(separator: "\r\n") + "\r\n")
        XCTAssertEqual(windows.lineCount, 11)
        XCTAssertEqual(windows.ids(for: "a;b", maximumLength: 16), [2, 5, 4, 7, 3])
        XCTAssertEqual(windows.ids(for: "σσb", maximumLength: 16), [2, 9, 8, 10, 3])
        let crlf = try WordPieceTokenizer(vocabulary: lines.joined(separator: "\n") + "\r")
        XCTAssertEqual(crlf.ids(for: "b", maximumLength: 8), [2, 7, 3], "a final \\r is dropped")
    }
}
