@testable import PlaybookModel
import XCTest

/// Each output format makes a hostile string inert in one way (`Inert`).
final class InertTests: XCTestCase {
    /// Every character class no output may show raw.
    static let hostile = "a\u{1B}[31mred\u{07}\r\nb\u{7F}c\u{9B}2Jd\u{202E}evil\u{2066}e\u{200F}f\u{061C}g\u{2028}h\u{0}"

    func testTerminalShowsEveryControlAsAVisibleEscape() {
        let shown = Inert.terminal(Self.hostile)
        XCTAssertFalse(shown.unicodeScalars.contains(where: Inert.isInvisibleControl), shown)
        XCTAssertEqual(shown, "a\\u{1B}[31mred\\u{7}\\r\\nb\\u{7F}c\\u{9B}2Jd\\u{202E}evil\\u{2066}e\\u{200F}f\\u{61C}g\\u{2028}h\\u{0}")
    }

    func testTerminalNeverStartsAWorkflowCommand() {
        XCTAssertEqual(Inert.terminal("::add-mask::secret"), "\\u{3A}:add-mask::secret")
        XCTAssertEqual(Inert.terminal("  ::error::x"), "  \\u{3A}:error::x")
        XCTAssertFalse(Inert.terminal("x ##[add-mask]y").contains("##["))
        XCTAssertEqual(Inert.terminalPath("::warning::x.yml"), "./::warning::x.yml")
        XCTAssertEqual(Inert.terminalPath("playbooks/a.yml"), "playbooks/a.yml")
        // A newline in a field cannot start a line at all.
        XCTAssertFalse(Inert.terminalPath("a.yml\n::add-mask::x").contains("\n"))
    }

    /// The shortcut that leaves most messages as they are, read sixteen bytes at a time, answers as
    /// reading them one by one does: on random strings of spaces, colons, hashes, brackets, letters,
    /// controls and non-ASCII, short and long (a run of plain bytes across several blocks).
    func testPlainTextShortcutAgreesWithReadingByteByByte() {
        func byteByByte(_ text: String) -> Bool {
            var (hashes, leading, colons) = (0, true, 0)
            for byte in text.utf8 {
                guard byte >= 0x20, byte < 0x7F else { return false }
                if byte == UInt8(ascii: "["), hashes >= 2 { return false }
                hashes = byte == UInt8(ascii: "#") ? hashes + 1 : 0
                if leading {
                    if byte == UInt8(ascii: ":") {
                        colons += 1
                        if colons == 2 { return false }
                    } else if byte != UInt8(ascii: " ") || colons > 0 {
                        leading = false
                    }
                }
            }
            return true
        }
        let pieces = [" ", ":", "#", "[", "a", "b", "\u{1B}", "\u{7F}", "é", "~", String(repeating: "plain text ", count: 5)]
        var state: UInt64 = 3
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        var (plain, other) = (0, 0)
        for _ in 0..<20_000 {
            let text = (0..<next(40)).map { _ in pieces[next(pieces.count)] }.joined()
            let expected = byteByByte(text)
            XCTAssertEqual(Inert.isPlainTerminalText(text), expected, text.debugDescription)
            if expected { plain += 1 } else { other += 1 }
        }
        XCTAssertGreaterThan(plain, 1000)
        XCTAssertGreaterThan(other, 1000)
        XCTAssertTrue(Inert.isPlainTerminalText(""))
        XCTAssertFalse(Inert.isPlainTerminalText(String(repeating: "x", count: 40) + "##["))
        XCTAssertTrue(Inert.isPlainTerminalText(String(repeating: "x", count: 40) + "#[#["))
        XCTAssertFalse(Inert.isPlainTerminalText(String(repeating: "x", count: 15) + "#" + "#[" + "x"))
    }

    func testTerminalLinesKeepsLineBreaksButNeutralisesEachLine() {
        XCTAssertEqual(Inert.terminalLines("first\n::add-mask::x\u{1B}"), "first\n\\u{3A}:add-mask::x\\u{1B}")
    }

    func testMarkdownMakesNoMentionReferenceLinkImageOrHTML() {
        let shown = Inert.markdown("@octocat @org/team #123 ![px](https://t.example/p.png) [x](http://e) <img src=x> www.example.com *b* `c` | d")
        XCTAssertFalse(shown.contains("@o"), "no mention: \(shown)")
        XCTAssertFalse(shown.contains("#1"), "no issue reference: \(shown)")
        XCTAssertFalse(shown.contains("://"), "no autolink: \(shown)")
        XCTAssertFalse(shown.contains("www."), "no autolink: \(shown)")
        // Every mark that opens markup is backslash-escaped (literal text in CommonMark).
        let unescaped = shown.replacing(/\\[\[\]<>*`|]/, with: "")
        for opener in ["[", "]", "<", "*", "`", "|"] {
            XCTAssertFalse(unescaped.contains(opener), "\(opener) survived: \(shown)")
        }
        XCTAssertFalse(Inert.markdown(Self.hostile).unicodeScalars.contains(where: Inert.isInvisibleControl))
    }

    func testMarkdownCodeSpanFenceIsLongerThanAnyBacktickRun() {
        XCTAssertEqual(Inert.markdownCode("a``b"), "```a``b```")
        XCTAssertEqual(Inert.markdownCode("`x"), "`` `x ``")
        XCTAssertEqual(Inert.markdownCode("a|b\nc"), "`a\\|b\\nc`")
    }

    func testCSVNeutralisesFormulasAlsoAfterLeadingWhitespace() {
        for formula in ["=1+1", "+A1", "-cmd", "@SUM(A1)", "\t=1+1", "\r=1+1", "  =1+1", "\n=1", "\t1"] {
            XCTAssertTrue(Inert.csvCell(formula).hasPrefix("'"), "\(formula.debugDescription) → \(Inert.csvCell(formula).debugDescription)")
        }
        XCTAssertEqual(Inert.csvCell("-3"), "-3", "a number stays a number")
        XCTAssertEqual(Inert.csvCell("0.5"), "0.5")
        XCTAssertEqual(Inert.csvCell("two\nlines"), "two\nlines", "a line break is left to the quoting")
        XCTAssertEqual(Inert.csvCell("a\u{1B}b"), "a\\u{1B}b")
    }

    func testHTMLEscapesMarkupAndControls() {
        XCTAssertEqual(Inert.html("<b a='x'>&\"\u{202E}</b>"), "&lt;b a=&#39;x&#39;&gt;&amp;&quot;\\u{202E}&lt;/b&gt;")
    }

    func testJSONEscapesC1AndBidiButKeepsTheValue() throws {
        let literal = JSONText.quoted(Self.hostile)
        XCTAssertFalse(literal.unicodeScalars.contains(where: Inert.isInvisibleControl), literal)
        let decoded = try JSONSerialization.jsonObject(with: Data(literal.utf8), options: .fragmentsAllowed) as? String
        XCTAssertEqual(decoded, Self.hostile)
    }
}
