import Foundation
import PlaybookModel
@testable import PlaybookSite
import XCTest

/// A site built `--today` before the commit's last moves (review54c): the figures its pages give (a key
/// result's current value, a squad's budgets) are those of that day, as the reports and the home page read them.
final class SiteAsOfTodayFiguresTests: XCTestCase {
    /// review54c D1: built `--today 2026-10-01`, the objective's and the metric's pages gave KR-1's current
    /// as 11.5% (written on 2026-10-12) where the home page gives 10.5% as of that day, and the metric's
    /// page listed EXP-0002, written on 2026-10-12, as though it stood then. Both give that day's value with
    /// the commit's beside it, and mark the experiment not yet written.
    func testAKeyResultsCurrentIsThatOfToday() throws {
        let fixture = try SiteFixture(for: self)
        let files = Site.render(try fixture.input(today: "2026-10-01"))
        let current = "10.5% <span class=\"meta\">(on 2026-10-01; 11.5% at this commit)</span>"
        let objectives = try XCTUnwrap(files["e/objectives.2026-Q4.html"])
        XCTAssertTrue(objectives.contains("<dt>current</dt><dd>\(current)</dd>"), objectives)
        let metric = try XCTUnwrap(files["e/signup-rate.html"])
        XCTAssertTrue(metric.contains("<td class=\"n\">\(current)</td>"), metric)
        XCTAssertTrue(metric.contains("Social sign-in</a> (primary) <span class=\"meta\">(not in the playbook on 2026-10-01)</span></li>"), metric)
        // Judged on the commit's own day, the commit's value stands alone.
        let atCommit = Site.render(try fixture.input(today: "2026-10-12"))
        XCTAssertTrue(try XCTUnwrap(atCommit["e/objectives.2026-Q4.html"]).contains("<dt>current</dt><dd>11.5%</dd>"))
        XCTAssertFalse(atCommit.values.contains { $0.contains("at this commit)") || $0.contains("(not in the playbook on") })
    }
}
