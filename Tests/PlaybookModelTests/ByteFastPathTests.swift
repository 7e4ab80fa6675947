@testable import PlaybookModel
import PlaybookTestSupport
import XCTest

/// The byte-level fast paths of the model give what the character-level ways they stand in for
/// give, on generated texts: scalars read as integers and floats, `key_result` references split,
/// and paths made safe to start a terminal line (by their bytes).
final class ByteFastPathTests: XCTestCase {
    /// Texts of up to `length` pieces drawn from `pieces`.
    private func texts(_ pieces: [String], count: Int, length: Int, seed: UInt64) -> [String] {
        var random = SeededGenerator(state: seed)
        return (0..<count).map { _ in
            (0..<Int(random.next() % UInt64(length + 1))).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
        }
    }

    func testIntegersAndFloatsReadFromBytesAsThroughTheViews() {
        let pieces = ["0", "1", "7", "9", "-", "+", ".", "e", "E", "x", "o", "a", " ", "é", "9223372036854775807", "00", "٣"]
        let generated = texts(pieces, count: 20_000, length: 6, seed: 3)
            + ["", "0x1F", "0o17", "+", "-", "+-5", "-9223372036854775808", "9223372036854775808", "1e5", ".5", "5.", "1e", "2026-10-15"]
        for text in generated {
            XCTAssertEqual(ScalarValue.integer(text), ScalarValue.integerThroughView(text), text)
            XCTAssertEqual(ScalarValue.looksLikeFloat(text), ScalarValue.looksLikeFloatThroughView(text), text)
        }
    }

    func testKeyResultReferencesSplitAsByCharacters() {
        func byCharacters(_ text: String) -> (String, String)? {
            let parts = text.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 2 else { return nil }
            let objective = String(parts[0]), keyResult = String(parts[1])
            guard IDForm.isPrefixed(objective, prefix: "OKR"), IDForm.isKeyResultID(keyResult) else { return nil }
            return (objective, keyResult)
        }
        let pieces = ["OKR-", "2026Q3", "-ACT-1", "/", "KR-", "3", "12", "x", "/\u{301}", "é", " "]
        for text in texts(pieces, count: 20_000, length: 5, seed: 5) + ["OKR-A/KR-1", "OKR-A/KR-1/", "/KR-1", "OKR-A/\u{301}KR-1"] {
            let fast = IDForm.keyResultReference(text)
            let slow = byCharacters(text)
            XCTAssertEqual(fast?.objective, slow?.0, text)
            XCTAssertEqual(fast?.keyResult, slow?.1, text)
        }
    }

    /// Read by bytes, as a CI runner reads a line: a space or `::` that a combining mark after it
    /// joins into one character (` \u{301}`, `::\u{301}`) still counts.
    func testTerminalPathsAsWhenTheirBytesWereCounted() {
        func counted(_ text: String) -> String {
            let start = text.utf8.drop { $0 == UInt8(ascii: " ") }
            return start.starts(with: "::".utf8) || start.count != text.utf8.count ? Inert.terminal("./" + text) : Inert.terminal(text)
        }
        let pieces = [" ", ":", "::", "a", "/", " \u{301}", "é", "\u{7}", "playbooks/x.yml"]
        for text in texts(pieces, count: 20_000, length: 5, seed: 9) {
            XCTAssertEqual(Inert.terminalPath(text), counted(text), text)
        }
    }
}
