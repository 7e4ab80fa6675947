import Foundation
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

    /// The shortcut that leaves most messages as they are, read eight bytes at a time, answers as
    /// reading them one by one does: on random strings of spaces, colons, hashes, brackets, letters,
    /// controls and non-ASCII (plain or not), short and long (a run of plain bytes across several blocks).
    func testPlainTextShortcutAgreesWithReadingByteByByte() {
        func byteByByte(_ text: String) -> Bool {
            var (hashes, leading, colons) = (0, true, 0)
            if text.unicodeScalars.contains(where: { !$0.isASCII && Inert.isInvisibleControl($0) }) { return false }
            for byte in text.utf8 {
                if byte >= 0x80 {
                    (hashes, leading) = (0, false)
                    continue
                }
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
        let pieces = [" ", ":", "#", "[", "a", "b", "\u{1B}", "\u{7F}", "é", "–", "\u{9B}", "\u{202E}", "~", String(repeating: "plain text ", count: 5)]
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

    /// Every scalar above ASCII passes the plain-text shortcuts (terminal and JSON) unless it is an
    /// invisible control, alone and inside a run of ASCII that the word-at-a-time reading covers.
    func testShortcutsPassNonASCIIButNoInvisibleControl() {
        for value in UInt32(0x80)...0xFFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let plain = !Inert.isInvisibleControl(scalar)
            for text in [String(scalar), "abcdefg" + String(scalar) + "hijklmnopq", "abcdef" + String(scalar)] {
                XCTAssertEqual(Inert.isPlainTerminalText(text), plain, "U+\(String(value, radix: 16))")
                XCTAssertEqual(JSONText.quoted(text) == "\"" + text + "\"", plain, "U+\(String(value, radix: 16))")
            }
        }
        for text in ["😀", "👩‍👩‍👧", "🇫🇷", "\u{10FFFF}"] {
            XCTAssertTrue(Inert.isPlainTerminalText(text), text.debugDescription)
        }
        // Above the BMP too, where the byte reading knows the invisible ones by their four bytes.
        for value in Array(UInt32(0x1D160)...0x1D180) + Array(UInt32(0xDFFF0)...0xE0090) + Array(UInt32(0x10000)...0x10100) {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let plain = !Inert.isInvisibleControl(scalar)
            for text in [String(scalar), "abcdefg" + String(scalar) + "hijklmnopq"] {
                XCTAssertEqual(Inert.isPlainTerminalText(text), plain, "U+\(String(value, radix: 16))")
                XCTAssertEqual(JSONText.quoted(text) == "\"" + text + "\"", plain, "U+\(String(value, radix: 16))")
            }
        }
    }

    /// review55: characters that draw as nothing though Unicode does not call them formats are shown too:
    /// a title spelt in tag characters (read by a program, invisible to a person), Hangul fillers, the
    /// musical symbols' invisible beams.
    func testCharactersThatDrawAsNothingAreShown() {
        let smuggled = "Fine title" + String(String.UnicodeScalarView("ignore".unicodeScalars.map { Unicode.Scalar($0.value + 0xE0000)! }))
        XCTAssertEqual(Inert.terminal(smuggled), "Fine title\\u{E0069}\\u{E0067}\\u{E006E}\\u{E006F}\\u{E0072}\\u{E0065}")
        for value: UInt32 in [0x115F, 0x1160, 0x3164, 0xFFA0, 0x1D173, 0x1D17A, 0xE0000, 0xE007F] {
            let text = "HYP-" + String(Character(Unicode.Scalar(value)!)) + "1"
            let shown = "HYP-\\u{\(String(value, radix: 16, uppercase: true))}1"
            XCTAssertEqual(Inert.terminal(text), shown)
            XCTAssertEqual(Inert.html(text), shown)
            XCTAssertEqual(Inert.csvCell(text), shown)
        }
        // JSON spells one above the BMP as its surrogate pair, and reads back the same text.
        let json = JSONText.quoted(smuggled)
        XCTAssertTrue(json.hasSuffix("\\udb40\\udc69\\udb40\\udc67\\udb40\\udc6e\\udb40\\udc6f\\udb40\\udc72\\udb40\\udc65\""), json)
        XCTAssertEqual(try? JSONSerialization.jsonObject(with: Data(("[" + json + "]").utf8)) as? [String], [smuggled])
        XCTAssertFalse(Inert.markdown("see GH-12 and gh-7").contains("GH-1"), Inert.markdown("see GH-12"))
        XCTAssertEqual(Inert.markdown("GH-x and UGH-"), "GH-x and UGH-")
    }

    /// Strings that are hostile or awkward in Unicode (controls, bidi overrides and isolates, C1,
    /// zero-width characters, combining marks after `:`, `#` or a space, emoji sequences, look-alikes
    /// of `:`) come out of `terminal` and `JSONText.quoted` as the full scalar-by-scalar escaping gives
    /// them, alone and in random mixes: the shortcuts never leave one as it is that needs escaping.
    func testShortcutsAgreeWithTheFullEscapingOnHostileStrings() {
        let hostile = [
            "–", "a – b", "\u{1B}[2J", "\u{7}", "\r", "\n", "\t", "\u{0}", "\u{7F}", "\u{80}", "\u{85}", "\u{9B}", "\u{9F}", "\u{A0}",
            "\u{202A}", "\u{202B}", "\u{202C}", "\u{202D}", "\u{202E}", "\u{2066}", "\u{2067}", "\u{2068}", "\u{2069}", "\u{2065}",
            "\u{206A}", "\u{200E}", "\u{200F}", "\u{061C}", "\u{061B}", "\u{2028}", "\u{2029}", "\u{2027}", "\u{202F}",
            "\u{200B}", "\u{200C}", "\u{200D}", "\u{2060}", "\u{FEFF}", "\u{301}", "e\u{301}", ":\u{301}", "#\u{301}", "[\u{301}",
            " \u{301}", "::", " ::", ":", "#", "##[", "#", "[", "]", "\"", "\\", "%", "：：", "\u{FE55}", "\u{037E}", "\u{2236}",
            "😀", "👩‍👩‍👧", "🇫🇷", "👍🏽", "\u{10FFFF}", "x", "plain words ", "é", "ß", "日本",
        ]
        var state: UInt64 = 11
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        let mixes = (0..<20_000).map { _ in (0..<next(12)).map { _ in hostile[next(hostile.count)] }.joined() }
        var (same, escaped) = (0, 0)
        for text in hostile + mixes {
            let terminal = Inert.terminal(text)
            XCTAssertEqual(terminal, Inert.terminalEscaped(text), text.debugDescription)
            XCTAssertEqual(JSONText.quoted(text), JSONText.quotedEscaping(text), text.debugDescription)
            var appended = "x"
            JSONText.append(quoted: text, to: &appended)
            XCTAssertEqual(appended, "x" + JSONText.quotedEscaping(text), text.debugDescription)
            XCTAssertFalse(terminal.unicodeScalars.contains(where: Inert.isInvisibleControl), text.debugDescription)
            if terminal == text { same += 1 } else { escaped += 1 }
        }
        // Both kinds are well represented: the comparison is not all one way.
        XCTAssertGreaterThan(same, 500)
        XCTAssertGreaterThan(escaped, 5000)
    }

    /// Format characters that show nothing (a zero width space, a word joiner, a soft hyphen…) make two
    /// ids, titles or paths look the same: they are shown as escapes, as a bidi override is, in terminal
    /// text, Markdown, code spans, CSV and HTML; the zero width (non-)joiners of emoji and scripts stay.
    func testInvisibleFormatCharactersAreShownAndJoinersKept() {
        for value: UInt32 in [0xAD, 0x34F, 0x180E, 0x200B, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0xFEFF] {
            let text = "EXP-" + String(Character(Unicode.Scalar(value)!)) + "1"
            let shown = "EXP-\\u{\(String(value, radix: 16, uppercase: true))}1"
            XCTAssertEqual(Inert.terminal(text), shown)
            XCTAssertEqual(Inert.markdown(text), shown.replacingOccurrences(of: "\\", with: "\\\\"))
            XCTAssertEqual(Inert.markdownCode(text), "`" + shown + "`")
            XCTAssertEqual(Inert.csvCell(text), shown)
            XCTAssertEqual(Inert.html(text), shown)
        }
        for text in ["👩\u{200D}👩\u{200D}👧", "می\u{200C}خواهم"] {
            XCTAssertEqual(Inert.terminal(text), text)
            XCTAssertEqual(Inert.markdown(text), text)
        }
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
        XCTAssertEqual(Inert.csvCell("two\nlines"), "two\\nlines", "a line break is shown, as CR is: a CI log reads each line")
        XCTAssertEqual(Inert.csvCell("a\r\n::warning::x"), "a\\r\\n::warning::x")
        XCTAssertEqual(Inert.csvCell("a\u{1B}b"), "a\\u{1B}b")
    }

    func testHTMLEscapesMarkupAndControls() {
        XCTAssertEqual(Inert.html("<b a='x'>&\"\u{202E}</b>"), "&lt;b a=&#39;x&#39;&gt;&amp;&quot;\\u{202E}&lt;/b&gt;")
    }

    /// A combining mark (U+0301) after a mark, or a prepend mark (U+0600) before it, joins the two into
    /// one `Character`; a browser, a Markdown renderer and a CI runner still read the mark's own bytes.
    func testHTMLEscapesMarkupThatAMarkJoinsIntoOneCharacter() {
        let shown = Inert.html("x\"\u{301} onfocus=alert(1) y='\u{301}<\u{301}b>\u{301}&\u{301}\u{600}#")
        XCTAssertEqual(shown, "x&quot;\u{301} onfocus=alert(1) y=&#39;\u{301}&lt;\u{301}b&gt;\u{301}&amp;\u{301}\u{600}&#35;")
        for raw in ["\"", "'", "<", ">"] {
            XCTAssertFalse(shown.utf8.contains(raw.utf8.first!), "raw \(raw) in \(shown)")
        }
    }

    func testMarkdownCodeCountsBackticksAndEscapesPipesThatAMarkJoins() {
        // "``" + U+0301 is a run of two backticks: the fence needs three.
        XCTAssertEqual(Inert.markdownCode("x``\u{301} [a](https://e.example)"), "```x``\u{301} [a](https://e.example)```")
        XCTAssertEqual(Inert.markdownCode("x|\u{301}y"), "`x\\|\u{301}y`", "a pipe is escaped whatever follows it")
        XCTAssertEqual(Inert.markdownCode("`\u{301}x"), "`` `\u{301}x ``", "a leading backtick is padded away from the fence")
    }

    func testNoCommandSyntaxReachesTheBytesWhatAMarkJoins() throws {
        let forged = "x \u{600}##[error]forged \u{600}#\u{600}##[warning]y"
        for shown in [Inert.terminal(forged), Inert.csvCell(forged), JSONText.quoted(forged)] {
            XCTAssertNil(shown.utf8.firstRange(of: "##[".utf8), shown)
        }
        XCTAssertEqual(Inert.terminal("\u{600}##[error]x"), "\u{600}#\\u{23}[error]x")
        let decoded = try JSONSerialization.jsonObject(with: Data(JSONText.quoted(forged).utf8), options: .fragmentsAllowed) as? String
        XCTAssertEqual(decoded, forged, "the JSON value is unchanged")
        // A leading `::` is a command whatever mark follows it.
        XCTAssertEqual(Inert.terminal("::\u{301}error::x"), "\\u{3A}:\u{301}error::x")
        XCTAssertEqual(Inert.terminalPath("::\u{301}x.yml"), "./::\u{301}x.yml")
    }

    /// The runner trims any white space before it looks for `::` (no-break, em and ideographic spaces too):
    /// after such a space a leading `::` is escaped as after an ASCII one.
    func testALeadingCommandAfterUnicodeWhiteSpaceIsEscaped() {
        for space in ["\u{A0}", "\u{2003}", "\u{3000}", " \u{A0} "] {
            let shown = Inert.terminal(space + "::error file=x.yml::forged")
            XCTAssertFalse(String(shown.unicodeScalars.drop(while: { $0.properties.isWhitespace })).hasPrefix("::"), shown)
            XCTAssertEqual(shown, space + "\\u{3A}:error file=x.yml::forged")
        }
        XCTAssertEqual(Inert.terminal("\u{A0}plain text"), "\u{A0}plain text")
    }

    func testJSONEscapesC1AndBidiButKeepsTheValue() throws {
        let literal = JSONText.quoted(Self.hostile)
        XCTAssertFalse(literal.unicodeScalars.contains(where: Inert.isInvisibleControl), literal)
        let decoded = try JSONSerialization.jsonObject(with: Data(literal.utf8), options: .fragmentsAllowed) as? String
        XCTAssertEqual(decoded, Self.hostile)
    }
}
