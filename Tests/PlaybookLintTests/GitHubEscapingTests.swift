@testable import PlaybookLint
import PlaybookModel
import XCTest

/// The GitHub reporter's shortcut (a message with nothing to escape is written as it is) agrees
/// with its full escaping on hostile and awkward Unicode.
final class GitHubEscapingTests: XCTestCase {
    func testShortcutAgreesWithTheFullEscapingOnHostileStrings() {
        let hostile = [
            "–", "a – b", "\u{1B}[2J", "\r", "\n", "\t", "\u{0}", "\u{7F}", "\u{80}", "\u{85}", "\u{9B}", "\u{A0}", "\u{202A}",
            "\u{202E}", "\u{2066}", "\u{2069}", "\u{200E}", "\u{200F}", "\u{061C}", "\u{2028}", "\u{2029}", "\u{200B}", "\u{200D}",
            "\u{FEFF}", "\u{301}", ":\u{301}", "%\u{301}", ",", ":", "%", "::", "％", "：", "😀", "👩‍👩‍👧", "🇫🇷", "é", "日本", "plain ",
        ]
        var state: UInt64 = 5
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        let mixes = (0..<10_000).map { _ in (0..<next(10)).map { _ in hostile[next(hostile.count)] }.joined() }
        var (same, escaped) = (0, 0)
        for text in hostile + mixes {
            let data = GitHubReporter.data(text)
            XCTAssertEqual(data, GitHubReporter.dataEscaping(text), text.debugDescription)
            XCTAssertEqual(GitHubReporter.property(text), GitHubReporter.propertyEscaping(text), text.debugDescription)
            XCTAssertFalse(data.unicodeScalars.contains { Inert.isInvisibleControl($0) }, text.debugDescription)
            if data == text { same += 1 } else { escaped += 1 }
        }
        XCTAssertGreaterThan(same, 300)
        XCTAssertGreaterThan(escaped, 3000)
    }

    /// GitHub decodes `%0D` and `%0A` back to CR and LF, so a file name holding either still names the
    /// file; a CR written `\r` named a file that does not exist. Other controls stay shown by code.
    func testCarriageReturnAndLineFeedArePercentEncodedInEveryPartOfACommand() {
        let name = "playbooks/a\rb\nc:d,e%f\u{1B}[2J\tg.yml"
        let report = LintReport(findings: [
            Finding(file: name, line: 3, column: 7, rule: "yaml-syntax", severity: .error, message: "bad\r\nvalue: 100%, \u{1B}[31m"),
        ], files: 1, entities: 0, lintedFiles: [name])
        XCTAssertEqual(GitHubReporter().render(report),
                       "::error file=playbooks/a%0Db%0Ac%3Ad%2Ce%25f\\u{1B}[2J\\tg.yml,line=3,col=7,title=playbook yaml-syntax::"
                           + "bad%0D%0Avalue: 100%25, \\u{1B}[31m\n")
        XCTAssertEqual(GitHubReporter.property("a\r:b"), "a%0D%3Ab")
        XCTAssertEqual(GitHubReporter.data("a\r:b,c"), "a%0D:b,c")
    }
}
