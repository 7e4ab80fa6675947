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
    /// style; budgets said `4,000 EUR`), and the left of a cap overrun with the pages' minus (it had a hyphen).
    func testBudgetsAreWrittenInTheReportsCurrencyStyleWithATrueMinus() throws {
        let site = Site.render(try SiteFixture(for: self).input(today: "2026-11-30"))
        let squad = try XCTUnwrap(site["e/growth.html"])
        // 2026-Q4: EUR 1,400 committed against EUR 1,000.
        XCTAssertTrue(squad.contains("<td class=\"n\">EUR 1,000</td><td class=\"n\">EUR −400</td>"), squad)
        XCTAssertFalse(squad.contains("-400"), squad)
        XCTAssertTrue(try XCTUnwrap(site["e/experiments.growth.2026-Q3.html"]).contains("<dt>budget</dt><dd>EUR 700</dd>"))
    }
}
