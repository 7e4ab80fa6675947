import Foundation
@testable import PlaybookSite
import XCTest

/// A squad's page says which of its experiments its budget counts, and why the others are not counted.
final class SquadBudgetTests: XCTestCase {
    /// review57 #2: EXP-0001, concluded, then deleted, is listed on the squad's page but counted by no
    /// budget (the squad-budget rule reads the playbook's files); EXP-0004, deleted while running, is
    /// listed too (it was missing), named unlinked and marked removed while running. The rows counted in
    /// 2026-Q4 add up to the committed figure.
    func testASquadPageSaysWhichExperimentsItsBudgetCounts() throws {
        let fixture = try SiteFixture(for: self)
        try fixture.commit("2026-10-14", ["playbooks/experiments/EXP-0004.yml": SiteFixture.experiment(
            "EXP-0004", title: "Shorter form", status: "running", start: "2026-10-14", extra: "")])
        try fixture.commit("2026-10-20", ["playbooks/experiments/EXP-0001.yml": nil, "playbooks/experiments/EXP-0004.yml": nil])
        let site = Site.render(try fixture.input(today: "2026-11-30"))
        let page = try XCTUnwrap(site["e/growth.html"])
        XCTAssertTrue(page.contains("<td><span class=\"nw\">2026-Q4</span></td><td class=\"n\">EUR\u{00A0}1,400 <span class=\"badge bad\">over the cap</span></td>"), page)
        let rows = page.components(separatedBy: "<tr>").filter { $0.contains("EXP-") && $0.contains("EUR") }
        func row(_ id: String) throws -> String { try XCTUnwrap(rows.first { $0.contains(">\(id)<") }, id) }
        XCTAssertTrue(try row("EXP-0001").contains("not counted: removed from the playbook"))
        XCTAssertTrue(try row("EXP-0002").hasSuffix("<td><span class=\"nw\">2026-Q4</span></td></tr>\n"))
        XCTAssertTrue(try row("EXP-0003").hasSuffix("<td><span class=\"nw\">2026-Q4</span></td></tr>\n"))
        let deleted = try row("EXP-0004")
        XCTAssertTrue(deleted.contains("<span class=\"missing\" title=\"not in the playbook at this commit\">EXP-0004</span>"), deleted)
        XCTAssertTrue(deleted.contains("running <span class=\"meta\">(removed while running, at "), deleted)
        XCTAssertTrue(deleted.contains("not counted: removed from the playbook"), deleted)
        // The index counts what the page lists, EXP-0004 deleted while running too, as the program page counts it
        // among those created (review: 5 on the index against 6 rows and 2 + 4 created).
        let index = try XCTUnwrap(site["squads.html"])
        XCTAssertEqual(Set(rows.compactMap { row in row.range(of: "EXP-\\d{4}", options: .regularExpression).map { String(row[$0]) } }).count, 4)
        XCTAssertTrue(index.contains("<td class=\"n\" data-label=\"experiments\">4</td>"), index)
    }

    /// review57 #6: "1,400 of 1,000 EUR" on the squads index was plain text, and at 390 px the squad page's
    /// standing column was scrolled out of view: each says "over the cap" in words beside the amount.
    func testOverTheCapIsSaidInWordsBesideTheAmount() throws {
        let site = Site.render(try SiteFixture(for: self).input(today: "2026-11-30"))
        let over = "<span class=\"badge bad\">over the cap</span>"
        XCTAssertTrue(try XCTUnwrap(site["squads.html"]).contains("<td data-label=\"budget 2026-Q4\">EUR\u{00A0}1,400 of EUR\u{00A0}1,000 \(over)</td>"))
        XCTAssertTrue(try XCTUnwrap(site["e/growth.html"]).contains("<td><span class=\"nw\">2026-Q4</span></td><td class=\"n\">EUR\u{00A0}1,400 \(over)</td>"))
        // Within the cap, the amount stands alone.
        XCTAssertTrue(try XCTUnwrap(site["e/growth.html"]).contains("<td class=\"n\">EUR\u{00A0}700</td><td class=\"n\">EUR\u{00A0}1,000</td>"))
    }
}
