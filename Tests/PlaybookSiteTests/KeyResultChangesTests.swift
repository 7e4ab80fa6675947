import Foundation
import PlaybookModel
import PlaybookReports
@testable import PlaybookSite
import XCTest

/// review (site) #1: the site never showed a key result removed during the quarter, nor a baseline or target
/// changed during it, where `report okr` lists both; KR-1 read `baseline 9.5% · … · start 10%` unexplained.
/// Now the quarter's page and the objectives' page say them as the report does, escaped like every user string.
final class KeyResultChangesTests: XCTestCase {
    private static func objective(baseline: String, keyResult2: String?) -> String {
        SiteFixture.objective(current: 11.5).replacingOccurrences(of: "baseline: 10", with: "baseline: \(baseline)")
            + (keyResult2.map { "\n  - id: KR-2\n    title: \"Orders <i>all</i>\"\n    metric: revenue\n    baseline: 1000\n    target: 2000\n    current: \($0)\n" } ?? "")
    }

    private func site() throws -> (files: [String: String], markdown: String) {
        let fixture = try SiteFixture(for: self)
        let metrics = SiteFixture.metrics + "\n---\nkind: Metric\nid: revenue\nname: Revenue\nunit: currency\ndirection: increase\nowner: growth\n"
        try fixture.commit("2026-10-20", ["playbooks/metrics.yml": metrics,
                                          "playbooks/okrs/q3.yml": Self.objective(baseline: "9.5", keyResult2: "1000")])
        try fixture.commit("2026-10-25", ["playbooks/okrs/q3.yml": Self.objective(baseline: "9.5", keyResult2: "1200")])
        try fixture.commit("2026-11-02", ["playbooks/okrs/q3.yml": Self.objective(baseline: "9.5", keyResult2: nil)])
        let input = try fixture.input()
        let report = try XCTUnwrap(input.okr.first { $0.quarter.description == "2026-Q4" })
        return (Site.render(input), OKRRenderer.markdown(report))
    }

    func testTheQuarterAndObjectivesPagesSayAKeyResultRemovedDuringTheQuarter() throws {
        let (files, markdown) = try site()
        // The report's own sentence, its values written as the page writes them (`EUR` and the amount never apart).
        XCTAssertTrue(markdown.contains("KR-2 Orders \\<i\\>all\\</i\\>: removed 2026-11-02 by Ada (start EUR 1,000, last EUR 1,200, 1 check-in); not counted in the score"), markdown)
        let said = "KR-2 Orders &lt;i&gt;all&lt;/i&gt;: removed 2026-11-02 by Ada (start EUR\u{00A0}1,000, last EUR\u{00A0}1,200, 1 check-in); not counted in the score"
        for name in ["index.html", "quarter-2026-Q4.html", "e/objectives.2026-Q4.html"] {
            let page = try XCTUnwrap(files[name], name)
            XCTAssertTrue(page.contains(said), "\(name): \(page)")
            XCTAssertFalse(page.contains("<i>all</i>"), name)
        }
    }

    func testTheQuarterAndObjectivesPagesSayABaselineChangedDuringTheQuarter() throws {
        let (files, markdown) = try site()
        let said = "baseline changed 10% → 9.5% on 2026-10-20 by Ada"
        XCTAssertTrue(markdown.contains(said), markdown)
        let home = try XCTUnwrap(files["quarter-2026-Q4.html"])
        // Beside KR-1, on its line of the tree.
        let item = try XCTUnwrap(home.components(separatedBy: "id=\"k-OKR-2026Q4-GRO-1_2FKR-1\"").dropFirst().first?
            .components(separatedBy: "</li>").first, home)
        XCTAssertTrue(item.contains(said), item)
        let objectives = try XCTUnwrap(files["e/objectives.2026-Q4.html"])
        let section = try XCTUnwrap(objectives.components(separatedBy: "id=\"k-OKR-2026Q4-GRO-1.k-KR-1\"").dropFirst().first?
            .components(separatedBy: "</section>").first, objectives)
        XCTAssertTrue(section.contains("<dt>changed in 2026-Q4</dt><dd>\(said)</dd>"), section)
    }
}
