import XCTest
@testable import PlaybookOverlaps

/// The numbers a text states, as the tie-break between two look-alikes that differ in a number reads them
/// (`DuplicateDetection.statedQuantities`, `closerInQuantity`).
final class StatedQuantitiesTests: XCTestCase {
    func testNumbersAreReadFromDigitsWordsOrdinalsAndFractions() {
        let read = DuplicateDetection.statedQuantities
        XCTAssertEqual(read("cut the free trial from 30 days to 14 days"), [30, 14])
        XCTAssertEqual(read("give new accounts a fortnight before billing starts rather than four weeks"), [14, 4])
        XCTAssertEqual(read("allow bios of up to five hundred characters rather than one hundred and fifty"), [500, 150])
        XCTAssertEqual(read("raise the free mileage from 1,000 to 1,500 miles, a 50% rise"), [1000, 1500, 50])
        XCTAssertEqual(read("forty-five-minute workouts"), [45])
        // A fraction after "a" is a share; before a noun it is an ordinal.
        XCTAssertEqual(read("cut the price so it saves a fifth instead of a tenth"), [20, 10])
        XCTAssertEqual(read("add a free shaker to a third order"), [3])
        XCTAssertEqual(read("show the paywall sooner"), [])
        // An amount of money: the currency sign or code is not a digit, the amount is read.
        XCTAssertEqual(read("a £50 deposit rather than £20"), [50, 20])
        XCTAssertEqual(read("$20 off, €5 back or 50 EUR"), [20, 5, 50])
        XCTAssertEqual(read("pens under £4.99"), [4.99])
    }

    /// An ASCII text is read byte by byte (`quantityTokens`): the tokens are those read character by
    /// character (`quantityTokensByCharacter`), on texts drawn from letters of both cases, digits, commas,
    /// points and other punctuation (and with a non-ASCII character, which takes the character path).
    func testQuantityTokensOfAnASCIITextAreThoseReadCharacterByCharacter() {
        var random = SystemRandomNumberGenerator()
        let pieces = ["a", "B", "z", "Q", "e", "1", "0", "9", ",", ".", " ", "-", "%", "\n", "\r\n", "'", "(", "$", "1,500", "3.5.",
                      "Days", "HUNDRED", "x2", "\t", "~", "@", "[", "`", "{"]
        var tokens = 0
        for round in 0..<3000 {
            var text = (0..<Int.random(in: 0...24, using: &random)).map { _ in pieces.randomElement(using: &random) ?? "" }.joined()
            if round % 10 == 0 { text += "é 4" }
            let fast = DuplicateDetection.quantityTokens(text)
            XCTAssertEqual(fast, DuplicateDetection.quantityTokensByCharacter(text), text)
            tokens += fast.count
        }
        XCTAssertGreaterThan(tokens, 1000)
        XCTAssertEqual(DuplicateDetection.quantityTokens("Raise 1,500. Miles to 2.5x, A 15%"), ["raise", "1,500.", "miles", "to", "2.5", "x", "a", "15"])
    }

    func testATextGoesWithTheLookAlikeWhoseOwnNumberItStates() {
        let closer = DuplicateDetection.closerInQuantity
        let shorter: Set<Double> = [30, 14], longer: Set<Double> = [30, 45]
        XCTAssertEqual(closer([14, 4], shorter, longer), true)
        XCTAssertEqual(closer([14, 4], longer, shorter), false)
        // The number both state (30) decides nothing; nor do numbers that meet both sides' own, or neither.
        XCTAssertNil(closer([30], shorter, longer))
        XCTAssertNil(closer([14, 45], shorter, longer))
        XCTAssertNil(closer([], shorter, longer))
        // A look-alike that states no number of its own: nothing to compare.
        XCTAssertNil(closer([1], [1, 10, 3], [1]))
    }

    /// A text that states the change as its size ("an extra 500 miles") goes with the look-alike whose two
    /// numbers are that far apart (1,000 to 1,500), not the one that goes from 1,000 to 750.
    func testATextStatingTheSizeOfTheChangeGoesWithTheLookAlikeThatFarApart() {
        let closer = DuplicateDetection.closerInQuantity
        let raised: Set<Double> = [7, 1000, 1500], lowered: Set<Double> = [7, 1000, 750]
        XCTAssertEqual(closer([500], raised, lowered), true)
        XCTAssertEqual(closer([500], lowered, raised), false)
        XCTAssertEqual(closer([250], raised, lowered), false)
        // A gap both look-alikes have (993 = 1000 − 7) decides nothing; nor does a number one of them states
        // (it is compared as a number first), nor a number that is no gap.
        XCTAssertNil(closer([993], raised, lowered))
        XCTAssertNil(closer([1000], raised, lowered))
        XCTAssertNil(closer([42], raised, lowered))
        XCTAssertEqual(DuplicateDetection.gaps([1, 4, 6]), [3, 5, 2])
    }
    /// A hypothesis's text is the user's: numbers past any range, in other scripts, or in a megabyte of
    /// text are read without trapping (Int overflow) or slowing down, and nothing but ASCII digits reads as digits.
    func testHostileNumbersAreReadWithoutOverflowing() {
        let read = DuplicateDetection.statedQuantities
        // Before: "hundred" multiplied an Int, and a dozen of them overflowed (a crash).
        XCTAssertEqual(read("one " + Array(repeating: "hundred", count: 12).joined(separator: " ")), [1e24])
        XCTAssertEqual(read(Array(repeating: "hundred", count: 400).joined(separator: " ")), [.infinity])
        XCTAssertEqual(read("ninety nine thousand " + Array(repeating: "thousand", count: 40).joined(separator: " ")).count, 1)
        XCTAssertEqual(read("from " + String(repeating: "9", count: 40) + " up"), [1e40])
        XCTAssertEqual(read(String(repeating: "9", count: 400)), [.infinity])
        XCTAssertEqual(read("1e999, -3.5 and 2.5.6"), [1, 999, 3.5])
        XCTAssertEqual(read("from \u{663}\u{660} days to \u{FF11}\u{FF14} days \u{1F525} 5\u{FE0F}\u{20E3} \u{0}12\u{0}"), [12])
        XCTAssertEqual(read(String(repeating: "forty five and ", count: 70_000)), [45])
        XCTAssertEqual(read("1" + String(repeating: ",", count: 1 << 20)), [1])
    }
}
