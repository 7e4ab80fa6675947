import PlaybookModel
import PlaybookYAML
import XCTest

final class ScalarValueTests: XCTestCase {
    private func plain(_ text: String) -> ScalarValue { ScalarValue(text: text, style: .plain, tag: nil) }

    func testPlainIntegersInEachSpellingTheCoreSchemaAllows() {
        XCTAssertEqual(plain("42"), .int(42))
        XCTAssertEqual(plain("+12"), .int(12))
        XCTAssertEqual(plain("-5"), .int(-5))
        XCTAssertEqual(plain("0x1F"), .int(31))
        XCTAssertEqual(plain("0o17"), .int(15))
    }

    func testTextsThatOnlyStartLikeIntegersStayStrings() {
        XCTAssertEqual(plain("2026-10-15"), .string("2026-10-15"))
        XCTAssertEqual(plain("12-3"), .string("12-3"))
        XCTAssertEqual(plain("0x"), .string("0x"))
        XCTAssertEqual(plain("+"), .string("+"))
        XCTAssertEqual(plain("0xfg"), .string("0xfg"))
        // Digits of other scripts, and a combining accent on a digit, spell no integer.
        XCTAssertEqual(plain("٤٢"), .string("٤٢"))
        XCTAssertEqual(plain("4\u{301}2"), .string("4\u{301}2"))
        XCTAssertEqual(plain("0x\u{301}1F"), .string("0x\u{301}1F"))
        XCTAssertEqual(plain("1.5"), .float(1.5))
        XCTAssertEqual(ScalarValue(text: "42", style: .doubleQuoted, tag: nil), .string("42"))
    }
}
