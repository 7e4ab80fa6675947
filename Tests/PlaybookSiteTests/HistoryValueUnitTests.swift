import Foundation
@testable import PlaybookSite
import XCTest

/// site63 #6: an objective's history wrote a key result's values raw ("key_results[KR-1].current: 41 → 42.5")
/// where the same page writes "41%": they are written in the metric's unit, as the rest of the page has them.
final class HistoryValueUnitTests: XCTestCase {
    func testAKeyResultsValuesInItsObjectivesHistoryAreInItsMetricsUnit() throws {
        let fixture = try SiteFixture(for: self)
        let page = try XCTUnwrap(Site.render(try fixture.input())["e/objectives.2026-Q4.html"])
        // signup-rate is a percent metric: 10.5 then 11.5 at the fixture's two commits.
        XCTAssertTrue(page.contains("<li><code>key_results[KR-1].current</code>: <del>10.5%</del> → <ins>11.5%</ins></li>"), page)
        XCTAssertTrue(page.contains("<li><code>key_results[KR-1].baseline</code>: <ins>10%</ins></li>"), page)
        // Other fields as written.
        XCTAssertTrue(page.contains("<li><code>key_results[KR-1].metric</code>: <ins>signup-rate</ins></li>"), page)
        XCTAssertFalse(page.contains("current</code>: <del>10.5</del>"), page)
    }

    /// A key result of a count metric has its thousands separated, as the page writes it.
    func testACountIsWrittenWithItsThousandsAsThePageWritesIt() throws {
        let fixture = try SiteFixture(for: self)
        let objective = { (current: String) in """
            kind: Objective
            id: OKR-2026Q4-GRO-2
            squad: growth
            quarter: 2026-Q4
            title: More learners
            key_results:
              - id: KR-1
                title: Weekly active learners to 2M
                metric: weekly-active-learners
                baseline: 1820000
                target: 2000000
                current: \(current)
            """ }
        try fixture.commit("2026-10-20", ["playbooks/okrs/q4b.yml": objective("1820000")])
        try fixture.commit("2026-10-27", ["playbooks/okrs/q4b.yml": objective("1874200")])
        let page = try XCTUnwrap(Site.render(try fixture.input())["e/objectives.2026-Q4.html"])
        XCTAssertTrue(page.contains("<li><code>key_results[KR-1].current</code>: <del>1,820,000</del> → <ins>1,874,200</ins></li>"), page)
    }
}
