import PlaybookModel
import PlaybookReports
@testable import PlaybookSite
import XCTest

/// The site's byte-level escaping must give exactly what `HTMLReport.escapeVisible` gives.
final class EscapingTests: XCTestCase {
    func testHostileAndOrdinaryStringsEscapeAsEscapeVisibleDoes() {
        let cases = [
            "", "plain words", "Tom's <b>bold</b> & \"quoted\" #1", "##[error] forged", "tab\there\r\nline",
            "bell\u{07} del\u{7F} nul\u{00}", "naïve café — 50 %", "'\u{301} quote with a combining accent",
            "\u{600}' prepend before a quote", "a\u{200D}'", "\u{202E}evil\u{202C} override", "\u{2066}isolate\u{2069}",
            "left\u{200E}right\u{200F}", "arabic\u{61C}mark", "line\u{2028}para\u{2029}", "c1\u{85}\u{9F}",
            "emoji 👍🏽 <script>", "<\u{300}", "é&", "&é", "\u{1F1FA}\u{1F1F8}'", "x\r\n'",
        ]
        for text in cases {
            XCTAssertEqual(h(text), HTMLReport.escapeVisible(text), "escaping \(text.unicodeScalars.map { String($0.value, radix: 16) })")
            XCTAssertEqual(Escaping.jsonQuoted(text), JSONText.quoted(HTMLReport.visible(text)), "quoting \(text)")
        }
        XCTAssertEqual(Escaping.jsonQuoted("a ##[ b"), JSONText.quoted("a ##[ b"))
        // Invisible format characters are shown by their code, as bidi controls are; joiners stay.
        XCTAssertEqual(h("EXP-\u{200B}1 \u{FEFF}\u{AD}"), "EXP-⟨U+200B⟩1 ⟨U+FEFF⟩⟨U+00AD⟩")
        XCTAssertEqual(h("\u{2060}\u{180E}\u{34F}"), "⟨U+2060⟩⟨U+180E⟩⟨U+034F⟩")
        XCTAssertEqual(h("👩\u{200D}👧 می\u{200C}خواهم"), "👩\u{200D}👧 می\u{200C}خواهم")
    }

    /// A quote that a combining mark joins into one character is still a quote to the browser: an
    /// attribute value cannot be closed with it, on the byte path or the general one.
    func testQuoteJoinedToACombiningMarkIsEscaped() {
        for text in ["x\"\u{301} onfocus=alert(1) y=\"\u{301}", "a'\u{301}<\u{301}script>", "\u{600}\" \u{202E}"] {
            let escaped = h(text)
            for raw in ["\"", "'", "<", ">"] {
                XCTAssertFalse(escaped.utf8.contains(raw.utf8.first!), "raw \(raw) in \(escaped)")
            }
        }
    }

    func testRandomStringsEscapeAsEscapeVisibleDoes() {
        // Scalars chosen to hit every branch: markup, controls, bidi, combining marks, prepends, plain text.
        let alphabet: [Unicode.Scalar] = ["a", "Z", " ", "#", "&", "<", ">", "\"", "'", "\t", "\n", "\r", "\u{0}", "\u{1B}",
                                          "\u{7F}", "\u{80}", "\u{9F}", "\u{A0}", "é", "\u{301}", "\u{600}", "\u{61C}",
                                          "\u{200D}", "\u{200E}", "\u{2028}", "\u{202A}", "\u{202E}", "\u{2066}", "\u{2069}",
                                          "\u{2060}", "—", "👍", "\\", "[", "\u{1F3FD}", "\u{FE0F}"]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        for _ in 0..<20_000 {
            var text = String.UnicodeScalarView()
            for _ in 0..<next(12) { text.append(alphabet[next(alphabet.count)]) }
            let string = String(text)
            XCTAssertEqual(h(string), HTMLReport.escapeVisible(string), "escaping \(string.unicodeScalars.map { String($0.value, radix: 16) })")
            XCTAssertEqual(Escaping.jsonQuoted(string), JSONText.quoted(HTMLReport.visible(string)), "quoting \(string)")
        }
    }

    /// `written` splits text without a carriage return at its line-feed bytes; it must give what the
    /// first version gave (Foundation's `\r\n` search, lines of `Character`s, blank ones judged by
    /// `Character.isWhitespace`), which text with a carriage return still takes.
    func testWrittenTextIsWhatLinesOfCharactersGave() {
        let cases = [
            "", "\n", "\n\n", " \n\t\n", "one", "one\n", "one\n\n  \n", "one\ntwo", "\none", "one\n\ntwo\n",
            "a <b> & 'c'\n#1\n", "tab\tline\n\u{0B}\u{0C}", "nbsp\n\u{A0}", "ideographic\n\u{3000}\n", "line sep\n\u{2028}",
            "mark after\n\u{301}", "space and mark\n \u{301}", "emoji\n👍🏽\n", "bidi\n\u{202E}x\n", "nel\n\u{85}",
            "bell\u{07}\nx", "crlf\r\nline\r\n", "cr\ronly", "cr cr lf\r\r\n", "\r\n\r\n", "mixed\nlf\r\ncrlf\n \n",
        ]
        for text in cases {
            XCTAssertEqual(written(text), writtenWithReturns(text), "writing \(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        let alphabet: [Unicode.Scalar] = ["a", " ", "\t", "\n", "\n", "\n", "\u{0B}", "<", "'", "\u{A0}", "\u{301}", "\u{2028}",
                                          "\u{202E}", "\u{85}", "\u{3000}", "\u{1B}", "é", "👍"]
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        for _ in 0..<20_000 {
            var text = String.UnicodeScalarView()
            for _ in 0..<next(10) { text.append(alphabet[next(alphabet.count)]) }
            let string = String(text)
            XCTAssertEqual(written(string), writtenWithReturns(string), "writing \(string.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    /// A surface breaks after each `/`: byte by byte where it is ASCII, as Foundation's search gave it.
    func testSurfacesBreakAfterSlashesAsFoundationsSearchGave() {
        let cases = ["", "web", "/", "web/checkout/payment-step", "//a//", "web/café/x", "a/\u{301}b", "a/\u{338}", "&amp;/&lt;"]
        for text in cases {
            XCTAssertEqual(CalendarPage.breakingAfterSlashes(text), text.replacingOccurrences(of: "/", with: "/<wbr>"), text)
        }
    }

    /// A surface's cell keeps a short segment's hyphen from breaking it (`android/install/app-` over `size`, review of
    /// 2026-12-06), breaks after each `/`, and leaves a segment too long for any cell breakable.
    func testASurfacesShortSegmentsStayWholeInItsCell() {
        XCTAssertEqual(CalendarPage.surfaceCell("android/install/app-size"), "android/<wbr>install/<wbr><span class=\"nw\">app-size</span>")
        XCTAssertEqual(CalendarPage.surfaceCell("web/checkout"), "web/<wbr>checkout")
        XCTAssertEqual(CalendarPage.surfaceCell("onboarding-new-users"), "<span class=\"nw\">onboarding-new-users</span>")
        let long = "app/" + String(repeating: "a-", count: 20)
        XCTAssertEqual(CalendarPage.surfaceCell(long), long.replacingOccurrences(of: "/", with: "/<wbr>"))
        // Escaped text stays escaped: the segments are split on the `/` the escaping leaves.
        XCTAssertEqual(CalendarPage.surfaceCell(h("web/<x-y>")), "web/<wbr><span class=\"nw\">&lt;x-y&gt;</span>")
    }
}
