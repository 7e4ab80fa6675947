import Foundation
import PlaybookModel
@testable import PlaybookSite
import XCTest

/// A site built `--today` before the commit's last moves (review54): what its pages say an entity
/// stood at on that day, as the reports judge it.
final class SiteAsOfTodayTests: XCTestCase {
    /// review54 #1: built `--today 2026-10-01`, before EXP-0001 concluded (2026-10-12), the calendar and
    /// the experiment's section called it concluded (its status at HEAD) beside a live bar cut at today,
    /// and named EXP-0002, written only on 2026-10-12, ready. Each says what stood on today, as
    /// `report experiments --today` judges an experiment running, with the commit's status beside it.
    func testStatusesAreThoseOfTodayWithTheCommitsBesideThem() throws {
        let fixture = try SiteFixture(for: self)
        let files = Site.render(try fixture.input(today: "2026-10-01"))
        let running = "running <span class=\"meta\">(on 2026-10-01; concluded at this commit)</span>"
        let notYet = "<span class=\"meta\">(not in the playbook on 2026-10-01; ready at this commit)</span>"
        let calendar = try XCTUnwrap(files["calendar.html"])
        XCTAssertTrue(calendar.contains("<td>" + running + "</td>"), calendar)
        XCTAssertTrue(calendar.contains("<td>" + notYet + "</td>"), calendar)
        XCTAssertFalse(calendar.contains("<td>concluded</td>"), calendar)
        let experiments = try XCTUnwrap(files["e/experiments.growth.2026-Q3.html"])
        XCTAssertTrue(experiments.contains("<dt>status</dt><dd>" + running + "</dd>"), experiments)
        let planned = try XCTUnwrap(files["e/experiments.growth.2026-Q4.html"])
        XCTAssertTrue(planned.contains("<dt>status</dt><dd>" + notYet + "</dd>"), planned)
        for page in ["e/hypotheses.growth.html", "e/growth.html", "e/objectives.2026-Q4.html"] {
            XCTAssertTrue(try XCTUnwrap(files[page]).contains(running), page)
        }
        // Judged on the commit's own day, nothing differs and nothing is added.
        let atCommit = Site.render(try fixture.input(today: "2026-10-12"))
        XCTAssertTrue(try XCTUnwrap(atCommit["calendar.html"]).contains("<td>concluded</td>"))
        XCTAssertFalse(atCommit.values.contains { $0.contains("at this commit)") })
    }
}
