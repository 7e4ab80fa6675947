import XCTest
@testable import PlaybookOverlaps

/// The durations, times of day and shares a text states, as the tie-break between two look-alikes reads
/// them when the bare numbers decide nothing (`DuplicateDetection.statedMeasures`, `closerInMeasure`).
final class StatedMeasuresTests: XCTestCase {
    typealias Measure = DuplicateDetection.Measure

    func testDurationsAreReadInDaysWithTheirRoleInTheChange() {
        let read = DuplicateDetection.statedMeasures
        XCTAssertEqual(read("move in for as little as four weeks instead of a full quarter"),
                       [Measure(kind: .duration, value: 28, role: .new), Measure(kind: .duration, value: 91, role: .old)])
        // A bare number paired with a duration takes its unit (in days: compared in minutes, to the bit).
        let lesson = read("cut the lesson from fifteen minutes to five")
        XCTAssertEqual(lesson.map(\.kind), [.duration, .duration])
        XCTAssertEqual(lesson.map(\.role), [.old, .new])
        XCTAssertEqual(lesson.map { ($0.value * 1440).rounded() }, [15, 5])
        XCTAssertEqual(read("a 30-day contract, a fortnight later, half an hour, a quarter of an hour"),
                       [Measure(kind: .duration, value: 30), Measure(kind: .duration, value: 14),
                        Measure(kind: .duration, value: 1.0 / 48), Measure(kind: .duration, value: 1.0 / 96)])
        // "A quarter" alone is as often a share of a price; "a night" is a count, not a time of day.
        XCTAssertEqual(read("take a quarter off the first box"), [])
        XCTAssertEqual(read("charge per night"), [])
        XCTAssertEqual(read("show the paywall sooner"), [])
    }

    func testTimesOfDayAreIntervalsOfTheClock() {
        let read = DuplicateDetection.statedMeasures
        XCTAssertEqual(read("send it at 8 am instead of 7:30 pm"),
                       [Measure(kind: .time, value: 8, upper: 8.01, role: .new), Measure(kind: .time, value: 19.5, upper: 19.51, role: .old)])
        XCTAssertEqual(read("from the evening to breakfast time"),
                       [Measure(kind: .time, value: 17, upper: 23, role: .old), Measure(kind: .time, value: 6, upper: 10, role: .new)])
        let breakfast = Measure(kind: .time, value: 6, upper: 10), night = Measure(kind: .time, value: 20, upper: 5)
        XCTAssertTrue(breakfast.meets(Measure(kind: .time, value: 8, upper: 8.01)))
        XCTAssertFalse(breakfast.meets(Measure(kind: .time, value: 21, upper: 21.01)))
        // An interval past midnight meets an hour after it.
        XCTAssertTrue(night.meets(Measure(kind: .time, value: 2, upper: 2.01)))
        XCTAssertFalse(night.meets(Measure(kind: .time, value: 12, upper: 12.01)))
        // Durations meet within a tenth (four weeks is a month); a duration never meets a time of day.
        XCTAssertTrue(Measure(kind: .duration, value: 28).meets(Measure(kind: .duration, value: 30)))
        XCTAssertFalse(Measure(kind: .duration, value: 14).meets(Measure(kind: .duration, value: 30)))
        XCTAssertFalse(Measure(kind: .duration, value: 8).meets(Measure(kind: .time, value: 8, upper: 8.01)))
    }

    /// A text moving a message to the morning goes with the look-alike that sends it at 7 am, not at 9 pm,
    /// though both state a morning time and an evening one, each of which "the evening" or "the morning"
    /// meets: what each moves to decides.
    func testATimeOfDayInWordsGoesWithTheLookAlikeMovingToIt() {
        let read = DuplicateDetection.statedMeasures, closer = DuplicateDetection.closerInMeasure
        let x = read("Breakfast-time digest. send the daily digest in the morning rather than in the evening")
        let earlier = read("Earlier digest. send the daily digest at 7 am instead of 8 pm")
        let later = read("Later digest. send the daily digest at 9 pm instead of 7 am")
        XCTAssertEqual(closer(x, earlier, later), true)
        XCTAssertEqual(closer(x, later, earlier), false)
        // A text that names no time, or only what both look-alikes move from, decides nothing.
        XCTAssertNil(closer(read("a better daily digest"), earlier, later))
        XCTAssertNil(closer(read("no more digests at 8 pm"), read("send it at 7 am"), read("send it at 9 am")))
    }

    func testADurationInOtherUnitsGoesWithTheLookAlikeOfThatLength() {
        let read = DuplicateDetection.statedMeasures, closer = DuplicateDetection.closerInMeasure
        let monthLater = read("propose a slot about a month later before the client leaves")
        let fourWeeks = read("book the next visit four weeks out"), twoWeeks = read("book the next visit two weeks out")
        XCTAssertEqual(closer(monthLater, fourWeeks, twoWeeks), true)
        XCTAssertEqual(closer(monthLater, twoWeeks, fourWeeks), false)
        // Both look-alikes state the month: nothing of their own to meet.
        XCTAssertNil(closer(monthLater, read("a month out by email"), read("a month out by text")))
    }

    /// A share ("a third of what it used to be") goes with the look-alike whose two numbers stand in that
    /// ratio (fifteen minutes to five), not the one that doubles them.
    func testAShareGoesWithTheLookAlikeWhoseNumbersStandInThatRatio() {
        let read = DuplicateDetection.statedMeasures, closer = DuplicateDetection.closerInMeasure
        let third = read("a much briefer practice each day, about a third of what it used to be")
        let shorter = read("cut the daily lesson from fifteen minutes to five"), longer = read("raise the daily lesson from fifteen minutes to thirty")
        XCTAssertEqual(closer(third, shorter, longer), true)
        XCTAssertEqual(closer(third, longer, shorter), false)
        XCTAssertNil(closer(read("a quarter of what it used to be"), shorter, longer))
    }

    /// A hypothesis's text is the user's: long runs of number words, huge numbers and odd scripts are read
    /// without trapping.
    func testHostileTextIsReadWithoutTrapping() {
        let read = DuplicateDetection.statedMeasures
        XCTAssertEqual(read(String(repeating: "forty five ", count: 50_000)).count, 1)
        XCTAssertEqual(read(String(repeating: "9", count: 400) + " days").first?.value, .infinity)
        XCTAssertEqual(read("\u{663} days at \u{FF18} am, a a a a, instead of of rather than from to"), [])
        XCTAssertEqual(read("13 pm and 0 am").map(\.kind), [.number, .number])
    }
}
