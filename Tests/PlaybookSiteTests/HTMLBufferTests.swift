import PlaybookModel
@testable import PlaybookSite
import XCTest

/// The buffer's and paths' shortcuts write what the strings they stand for held.
final class HTMLBufferTests: XCTestCase {
    func testADayIsWrittenAsItsDescription() {
        for day in [Day(year: 2026, month: 7, day: 5), Day(year: 999, month: 12, day: 31), Day(year: 0, month: 1, day: 1),
                    Day(year: 9_999, month: 10, day: 10), Day(year: 10_000, month: 1, day: 9), Day(year: -44, month: 3, day: 15)] {
            var out = HTMLBuffer()
            out.day(day)
            XCTAssertEqual(out.string, day.description)
        }
    }

    func testAnIdOfLettersDigitsAndDashesIsItsOwnFileNameUpToAHundredBytes() {
        XCTAssertEqual(SitePath.fileName("EXP-0042"), "EXP-0042")
        let hundred = String(repeating: "a", count: 100)
        XCTAssertEqual(SitePath.fileName(hundred), hundred)
        XCTAssertEqual(SitePath.fileName(hundred + "a"), String(repeating: "a", count: 80) + "__" + SitePath.fileName(hundred + "a").suffix(16))
        XCTAssertEqual(SitePath.fileName("a.b"), "a_2Eb")
        XCTAssertEqual(SitePath.fileName(""), "_")
    }
}
