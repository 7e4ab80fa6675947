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

    /// Text escaped into a buffer (in one pass, taken back on meeting a control) is what `h` gives,
    /// after whatever the buffer held.
    func testTextIsEscapedAsHEscapesIt() {
        let alphabet: [Unicode.Scalar] = ["a", " ", "#", "&", "<", ">", "\"", "'", "\t", "\n", "\r", "\u{0}", "\u{1B}", "\u{7F}",
                                          "\u{85}", "\u{A0}", "é", "\u{301}", "\u{200B}", "\u{202E}", "\u{2066}", "👍"]
        var state: UInt64 = 0x0123_4567_89AB_CDEF
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        for _ in 0..<20_000 {
            var text = String.UnicodeScalarView()
            for _ in 0..<next(12) { text.append(alphabet[next(alphabet.count)]) }
            let string = String(text)
            var out = HTMLBuffer()
            out.raw("<p>")
            out.text(string)
            XCTAssertEqual(out.string, "<p>" + h(string), "escaping \(string.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }
}
