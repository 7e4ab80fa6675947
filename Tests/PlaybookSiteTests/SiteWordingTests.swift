import Foundation
@testable import PlaybookSite
import XCTest

/// review58s #6: small wordings: an undated window, the minus of a negative amount, one style of currency.
final class SiteWordingTests: XCTestCase {
    /// An abandoned experiment with no dates said "planned ? to ?".
    func testAnExperimentWithNoDatesSaysNoDatesPlanned() throws {
        let fixture = try SiteFixture(for: self)
        let undated = SiteFixture.experiment("EXP-0004", title: "Undated", status: "abandoned", extra: "")
            .replacingOccurrences(of: "start: 2026-09-21\n", with: "").replacingOccurrences(of: ", duration_days: 14", with: "")
        try fixture.commit("2026-10-14", ["playbooks/experiments/EXP-0004.yml": undated])
        let site = Site.render(try fixture.input(today: "2026-11-30"))
        let page = try XCTUnwrap(site.first { $0.value.contains("id=\"k-EXP-0004\"") }?.value)
        let section = try XCTUnwrap(page.components(separatedBy: "id=\"k-EXP-0004\"").dropFirst().first)
        XCTAssertTrue(section.contains("<dt>planned</dt><dd>no dates planned</dd>"), section)
        XCTAssertFalse(section.contains("? to ?"), section)
    }

    /// A budget's amounts are written as the reports write a currency value (`EUR 48`, the key results'
    /// style; budgets said `4,000 EUR`), and the left of a cap overrun with the reports' minus (review: a typographic
    /// minus on the site where the reports write `-`).
    func testBudgetsAreWrittenInTheReportsCurrencyStyleWithTheirMinus() throws {
        let site = Site.render(try SiteFixture(for: self).input(today: "2026-11-30"))
        let squad = try XCTUnwrap(site["e/growth.html"])
        // 2026-Q4: EUR 1,400 committed against EUR 1,000.
        XCTAssertTrue(squad.contains("<td class=\"n\">EUR\u{00A0}1,000</td><td class=\"n\">EUR\u{00A0}-400</td>"), squad)
        XCTAssertFalse(squad.contains("\u{2212}"), squad)
        XCTAssertTrue(try XCTUnwrap(site["e/experiments.growth.2026-Q3.html"]).contains("<dt>budget</dt><dd>EUR\u{00A0}700</dd>"))
    }

    /// A pair judged on a running experiment past its written end (review59s #2, the grocery history's EXP-0012
    /// × EXP-0021) said "their planned windows overlap" up to today; then, worded as `playbook overlaps` words it,
    /// "are live together", of a ready one that never ran (site63 #1: EXP-0107 and EXP-0109). One live beside one
    /// ready says which is which; two ready ones that their planned windows overlap; "live together" is left
    /// to two live ones.
    func testAPairOfALiveAndAReadyOneSaysWhichIsWhichAndTwoReadyOnesHavePlannedWindows() throws {
        let fixture = try SiteFixture(for: self)
        let slots = { (id: String, status: String, start: String, end: String) in
            SiteFixture.experiment(id, title: "Slots \(id)", status: status, start: start, extra: "end: \(end)")
                .replacingOccurrences(of: "surface: web/signup", with: "surface: app/slots")
        }
        try fixture.commit("2026-11-01", ["playbooks/experiments/EXP-0012.yml": slots("EXP-0012", "running", "2026-11-01", "2026-11-15"),
                                          "playbooks/experiments/EXP-0013.yml": slots("EXP-0013", "running", "2026-11-05", "2026-12-10"),
                                          "playbooks/experiments/EXP-0021.yml": slots("EXP-0021", "ready", "2026-11-10", "2026-12-20")])
        let calendar = try XCTUnwrap(Site.render(try fixture.input(today: "2026-11-25"))["calendar.html"])
        XCTAssertTrue(calendar.contains(": EXP-0012 is live and EXP-0021 is planned: their windows overlap from 2026-11-10 to 2026-11-25 on the surface app/slots"), calendar)
        XCTAssertFalse(calendar.contains("EXP-0012 and EXP-0021 are live together"), calendar)
        // Two running ones are live together.
        XCTAssertTrue(calendar.contains(": EXP-0012 and EXP-0013 are live together from 2026-11-05 to "), calendar)
        XCTAssertTrue(calendar.contains(": EXP-0013 is live and EXP-0021 is planned: their windows overlap from 2026-11-10 to "), calendar)
        XCTAssertFalse(calendar.contains("EXP-0012 and EXP-0021: their planned windows"), calendar)
        // The fixture's EXP-0002 and EXP-0003 are both ready.
        XCTAssertTrue(calendar.contains("EXP-0002 and EXP-0003: their planned windows overlap from "), calendar)
    }

    /// review59s #4: at 390 px the squad page's "Budget against the cap" broke `EUR` from its amount. Every
    /// amount of money the site writes (budgets, and key results in a currency metric) joins the code and the
    /// number with a no-break space, a character that escaping leaves alone, the same on every build.
    func testACurrencyAndItsAmountAreJoinedByANoBreakSpaceOnEveryPage() throws {
        let fixture = try SiteFixture(for: self)
        let input = try fixture.input(today: "2026-11-30")
        let site = Site.render(input)
        let squad = try XCTUnwrap(site["e/growth.html"])
        XCTAssertTrue(squad.contains("<td class=\"n\">EUR\u{00A0}1,000</td><td class=\"n\">EUR\u{00A0}-400</td>"), squad)
        let breaking = try NSRegularExpression(pattern: "\\bEUR(?: |&nbsp;|&#160;)")
        var amounts = 0
        for (path, page) in site where path.hasSuffix(".html") {
            XCTAssertEqual(breaking.numberOfMatches(in: page, range: NSRange(page.startIndex..., in: page)), 0, path)
            amounts += page.components(separatedBy: "EUR\u{00A0}").count - 1
        }
        XCTAssertGreaterThan(amounts, 5)
        XCTAssertEqual(Site.render(input), site)
    }
}
