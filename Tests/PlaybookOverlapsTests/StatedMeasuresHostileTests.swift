import XCTest
@testable import PlaybookOverlaps

/// Hostile free text through the readers of durations, times of day and shares (`statedMeasures`,
/// `closerInMeasure`) and of numbers (`statedQuantities`): each reads what the text states, with no trap
/// and no blow-up.
final class StatedMeasuresHostileTests: XCTestCase {
    typealias Measure = DuplicateDetection.Measure

    /// Numbers past any range read as the Double they are (no Int to overflow); "1e308" is a 1, an "e" and a
    /// 308; zero and thirteen o'clock are no times of day; a zero duration gives no ratio to divide by.
    func testHugeZeroAndOutOfRangeNumbers() {
        let read = DuplicateDetection.statedMeasures, closer = DuplicateDetection.closerInMeasure
        XCTAssertEqual(read("wait 99999999999999999999 days"), [Measure(kind: .duration, value: 1e20)])
        XCTAssertEqual(read("wait 1e308 days"), [Measure(kind: .number, value: 1), Measure(kind: .duration, value: 308)])
        let endless = read("keep it for " + String(repeating: "9", count: 400) + " years")
        XCTAssertEqual(endless.map(\.kind), [.duration])
        XCTAssertEqual(endless.first?.value, .infinity)
        XCTAssertEqual(read("at 0 am, at 13 pm, at 0 o clock"), [Measure(kind: .number, value: 0), Measure(kind: .number, value: 13),
                                                                  Measure(kind: .number, value: 0)])
        XCTAssertEqual(read("at 12 am"), [Measure(kind: .time, value: 0, upper: 0.01)])
        let third = read("a third of what it used to be")
        XCTAssertEqual(third, [Measure(kind: .share, value: 1.0 / 3)])
        // Zero and infinite durations give no ratio that meets a third; the 5 and 15 minutes do.
        XCTAssertEqual(closer(third, read("from 15 minutes to 5, 0 days"), read("from 15 minutes to 30, 0 days")), true)
        XCTAssertNil(closer(third, endless, read("from 0 days to 0 days")))
        XCTAssertEqual(DuplicateDetection.statedQuantities("from 1,5,,,. to ..,3" + String(repeating: "0", count: 400)),
                       [15, .infinity])
    }

    /// Digits and letters outside ASCII (Arabic-Indic and full-width digits, a digit with a combining mark,
    /// right-to-left text, emoji, control characters) are not read as numbers; an unbroken 100 KB word
    /// reads nothing.
    func testUnicodeAndLongWords() {
        let read = DuplicateDetection.statedMeasures
        XCTAssertEqual(read("at ٨ am, at ８ pm, at 8\u{301} am, בשעה 8 am \u{202E}, 👍🏽 9 pm\u{7}"),
                       [Measure(kind: .time, value: 8, upper: 8.01), Measure(kind: .time, value: 21, upper: 21.01)])
        XCTAssertEqual(read(String(repeating: "w", count: 100_000)), [])
        XCTAssertEqual(read(String(repeating: "7", count: 100_000)).map(\.kind), [.number])
        XCTAssertEqual(DuplicateDetection.quantityTokens("e\u{301}t\u{E9} 3\u{FE0F}\u{20E3} days"), ["t", "days"])
    }

    /// 50 KB of "am pm …", of durations and of numbers is read once, in a pass (each measure in order).
    func testLongTextsOfClockWordsAndNumbers() {
        let read = DuplicateDetection.statedMeasures
        XCTAssertEqual(read(String(repeating: "am pm ", count: 8_500)), [])
        let days = read((1...5_000).map { "\($0) days" }.joined(separator: " "))
        XCTAssertEqual(days.count, 5_000)
        XCTAssertEqual(days.last, Measure(kind: .duration, value: 5_000))
        XCTAssertEqual(read((1...10_000).map { "\($0)" }.joined(separator: " ")).count, 10_000)
    }

    /// Two look-alikes each stating 2,000 figures (a table pasted into the change): the ratios of two of
    /// each, compared pairwise, grew as the fourth power of the figures (200 took 8 s in a debug build,
    /// 2,000 would take days, and the overlaps run with them); such a look-alike now reads no ratio, and
    /// a text without a share none, and the durations still decide.
    func testLookAlikesStatingThousandsOfFiguresDecideAtOnce() {
        let read = DuplicateDetection.statedMeasures, closer = DuplicateDetection.closerInMeasure
        let table = " ref " + (1...2_000).map { "\(10_000 + $0)" }.joined(separator: " ")
        let shorter = read("cut the lesson from fifteen minutes to five" + table), longer = read("cut the lesson from fifteen minutes to thirty" + table)
        XCTAssertNil(closer(read("about a third of what it used to be"), shorter, longer))
        XCTAssertEqual(closer(read("a five minute lesson"), shorter, longer), true)
        XCTAssertEqual(closer(read("a half hour lesson, thirty minutes"), shorter, longer), false)
        // Within the limit the share still decides.
        let few = " ref " + (1...20).map { "\(10_000 + $0)" }.joined(separator: " ")
        XCTAssertEqual(closer(read("about a third of what it used to be"), read("cut the lesson from fifteen minutes to five" + few),
                              read("cut the lesson from fifteen minutes to thirty" + few)), true)
    }

    /// The gaps between two of a look-alike's numbers grow as their square (5,000 figures took 8 s in a debug
    /// build): a look-alike stating more than `pairedNumbersLimit` numbers reads none, and the size of a change
    /// decides only within it.
    func testTheSizeOfAChangeIsReadOnlyAgainstLookAlikesOfFewNumbers() {
        let q = DuplicateDetection.statedQuantities, closer = DuplicateDetection.closerInQuantity
        func table(_ count: Int) -> String { " ref " + (1...count).map { "\(10_000 + $0)" }.joined(separator: " ") }
        let x = q("an extra 500 miles")
        XCTAssertEqual(closer(x, q("from 1000 to 1500 miles" + table(20)), q("from 1000 to 750 miles" + table(20))), true)
        XCTAssertNil(closer(x, q("from 1000 to 1500 miles" + table(40)), q("from 1000 to 750 miles" + table(40))))
        XCTAssertTrue(DuplicateDetection.gaps(Set((1...5_000).map(Double.init))).isEmpty)
    }
}
