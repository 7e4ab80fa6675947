import Foundation
import PlaybookModel
@testable import PlaybookSite
import XCTest

/// What a reader gets from the pages besides the calendar (review56): each number said once, each learning
/// named with its experiment, each value labelled as what it is.
final class SiteReadingTests: XCTestCase {
    /// review56 #3: each score was a `<meter>` whose fallback text was the number, then the number again, so a
    /// screen reader or a reader without CSS got "0.83 0.83". The meter is hidden from screen readers and has
    /// no text; the visible number is the one said.
    func testEachScoreIsSaidOnce() throws {
        let fixture = try SiteFixture(for: self)
        let files = Site.render(try fixture.input(today: "2026-12-20"))
        let meter = try NSRegularExpression(pattern: "<meter [^>]*>([^<]*)</meter> <span class=\"score\">([^<]*)</span>")
        var meters = 0
        for (path, page) in files where path.hasSuffix(".html") {
            for match in meter.matches(in: page, range: NSRange(page.startIndex..., in: page)) {
                let whole = try XCTUnwrap(Range(match.range, in: page).map { String(page[$0]) })
                XCTAssertTrue(whole.contains("aria-hidden=\"true\""), "\(path): \(whole)")
                XCTAssertEqual(Range(match.range(at: 1), in: page).map { String(page[$0]) }, "", "\(path): \(whole)")
                meters += 1
            }
        }
        XCTAssertGreaterThan(meters, 0)
    }

    /// review56 #4: a hypothesis's card in the library gave the learnings of the experiments that tested it
    /// without saying which experiment (HYP-0002 showed EXP-0003's "Shorter signup form won…"). Each
    /// experiment's learnings are under its name, linked to its section.
    func testAHypothesisCardNamesTheExperimentItsLearningsComeFrom() throws {
        let fixture = try SiteFixture(for: self)
        let learnings = try XCTUnwrap(Site.render(try fixture.input(today: "2026-11-30"))["learnings.html"])
        let card = try XCTUnwrap(learnings.components(separatedBy: "<li class=\"card\"").first { $0.contains("#k-HYP-0001\">HYP-0001</a>") })
        XCTAssertTrue(card.contains("<p class=\"meta\">Learned from <a href=\"e/experiments.growth.2026-Q3.html#k-EXP-0001\">EXP-0001</a>:</p>"
            + "<p class=\"written\">The zeppelin-shaped drop at the password step vanished.</p>"), card)
    }
}
