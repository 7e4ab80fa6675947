import Foundation
import PlaybookModel
@testable import PlaybookSite
import XCTest

/// A quarter that has not started by `--today` (planned objectives, a `--quarter` ahead): nothing is
/// measured or counted in it yet, as `report okr` says; the site says it has not started, never "to date".
final class QuarterNotStartedTests: XCTestCase {
    /// The North Star measured in 2026-Q4 (running on 2026-11-30) and planned for 2027-Q1.
    private func fixture() throws -> SiteFixture {
        let fixture = try SiteFixture(for: self)
        func objective(_ quarter: String, _ id: String, current: Int) -> String {
            """
            kind: Objective
            id: \(id)
            squad: growth
            quarter: \(quarter)
            title: More learners
            aligns_to: weekly-active-learners
            key_results:
              - id: KR-1
                title: Weekly active learners up
                metric: weekly-active-learners
                baseline: 1000
                target: 2000
                current: \(current)
            """
        }
        try fixture.commit("2026-10-15", [
            "playbooks/okrs/wal.yml": objective("2026-Q4", "OKR-2026Q4-GRO-2", current: 1500),
            "playbooks/okrs/wal-next.yml": objective("2027-Q1", "OKR-2027Q1-GRO-1", current: 1700),
        ])
        return fixture
    }

    /// site58 #1: the page of 2027-Q1, on 2026-11-30, drew the objective's value of that day as the quarter's
    /// North Star and captioned the trend "(2027-Q1 to date, on 2026-11-30)".
    func testTheNorthStarTrendSaysAQuarterAheadHasNotStartedAndShowsNoValueForIt() throws {
        let site = Site.render(try fixture().input(today: "2026-11-30"))
        let ahead = try XCTUnwrap(site["quarter-2027-Q1.html"])
        XCTAssertTrue(ahead.contains("(not started: objectives planned for it as of 2026-11-30, nothing measured yet)"), ahead)
        XCTAssertTrue(ahead.contains("<figcaption>Weekly active learners at each quarter&#39;s end (2026-Q4 to date; 2027-Q1 not started, on <span class=\"nw\">2026-11-30</span>)</figcaption>"), ahead)
        XCTAssertFalse(ahead.contains("2027-Q1 to date"), ahead)
        XCTAssertFalse(ahead.contains("2027-Q1: 1,700"), ahead)
        XCTAssertTrue(ahead.contains("<title>Weekly active learners, 2026-Q4: 1,500 (to date, on 2026-11-30)</title>"), ahead)
        XCTAssertTrue(ahead.contains("<tr><td><span class=\"nw\">2026-Q4</span></td><td class=\"n\">1,500 <span class=\"meta\">(to date, on 2026-11-30)</span></td>"), ahead)
        XCTAssertTrue(ahead.contains("<tr><td><span class=\"nw\">2027-Q1</span></td><td class=\"n\">– <span class=\"meta\">(not started)</span></td><td class=\"n\">–</td></tr>"), ahead)
        // The running quarter's own page is as it was: to date, and no quarter ahead in its trend.
        let home = try XCTUnwrap(site["index.html"])
        XCTAssertTrue(home.contains("<figcaption>Weekly active learners at each quarter&#39;s end (2026-Q4 to date, on <span class=\"nw\">2026-11-30</span>)</figcaption>"), home)
        XCTAssertFalse(home.contains("not started"), home)
        // Once 2027-Q1 runs, it is to date, and 2026-Q4 ended.
        let later = try XCTUnwrap(Site.render(try fixture().input(today: "2027-02-01"))["quarter-2027-Q1.html"])
        XCTAssertTrue(later.contains("<figcaption>Weekly active learners at each quarter&#39;s end (2027-Q1 to date, on <span class=\"nw\">2027-02-01</span>)</figcaption>"), later)
        XCTAssertFalse(later.contains("not started"), later)
    }

    /// review69 D5: a quarter with no objective (here 2027-Q2, the home page on its first days) said only that
    /// it had none; it links the latest earlier quarter that has them, and a quarter before any the next later one.
    func testAQuarterWithoutObjectivesLinksTheNearestQuarterThatHasThem() throws {
        let site = Site.render(try fixture().input(today: "2027-04-03"))
        let home = try XCTUnwrap(site["index.html"])
        XCTAssertTrue(home.contains("<p>No objective of 2027-Q2 is in the history; the latest earlier quarter with objectives is "
            + "<a href=\"quarter-2027-Q1.html\">2027-Q1</a>.</p>"), home)
        let first = try XCTUnwrap(site["quarter-2026-Q3.html"])
        XCTAssertTrue(first.contains("<p>No objective of 2026-Q3 is in the history; the next later quarter with objectives is "
            + "<a href=\"quarter-2026-Q4.html\">2026-Q4</a>.</p>"), first)
    }

    /// site58 #1: with `--quarter 2027-Q1` on 2026-11-30 the program page drew 2027-Q1 as a quarter that had ended
    /// with nothing in it (bars of 0, a row of zeros); it now says the quarter has not started and counts nothing in it.
    func testTheProgramPageSaysAQuarterAheadHasNotStartedAndCountsNothingInIt() throws {
        let input = try fixture().input(today: "2026-11-30", home: try XCTUnwrap(Quarter("2027-Q1")))
        let program = try XCTUnwrap(Site.render(input)["program.html"])
        XCTAssertTrue(program.contains("<figcaption>Experiments started and concluded per quarter (2026-Q4 to date; 2027-Q1 not started, on <span class=\"nw\">2026-11-30</span>)</figcaption>"), program)
        XCTAssertTrue(program.contains("All squads; 2026-Q4 counted to date; 2027-Q1 not started, on 2026-11-30"), program)
        XCTAssertFalse(program.contains("2027-Q1: 0"), program)
        XCTAssertFalse(program.contains("2027-Q1 to date"), program)
        XCTAssertTrue(program.contains("<tr><td><span class=\"nw\">2027-Q1</span></td>" + String(repeating: "<td class=\"n\">–</td>", count: 9) + "</tr>"), program)
        // Without a quarter ahead, the captions are as they were.
        let today = try XCTUnwrap(Site.render(try fixture().input(today: "2026-11-30"))["program.html"])
        XCTAssertTrue(today.contains("<figcaption>Experiments started and concluded per quarter (2026-Q4 to date, on <span class=\"nw\">2026-11-30</span>)</figcaption>"), today)
        XCTAssertTrue(today.contains("All squads; 2026-Q4 counted to date, on 2026-11-30"), today)
        XCTAssertFalse(today.contains("not started"), today)
    }
}
