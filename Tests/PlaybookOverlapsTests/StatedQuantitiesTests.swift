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
}
