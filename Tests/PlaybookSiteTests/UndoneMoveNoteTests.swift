import Foundation
import PlaybookModel
@testable import PlaybookSite
import XCTest

/// review69 D4: a key result's experiment concluded in its quarter and re-opened after it was listed on
/// the quarter's page and the objectives page as a plain `(win)`, where `report okr` says the conclusion
/// was undone and is counted in no period.
final class UndoneMoveNoteTests: XCTestCase {
    func testAConclusionUndoneAfterTheQuarterIsSaidAsTheReportSaysIt() throws {
        let fixture = try SiteFixture(for: self)
        let exp = { (status: String, outcome: String) in
            SiteFixture.experiment("EXP-0001", title: "Shorter form", status: status, extra: outcome.isEmpty ? "" : """
            result: {outcome: \(outcome), lift: 0.01, decision: ship, learnings: Tried twice.}
            """)
        }
        // Concluded a win in 2026-Q4 (2026-10-12, by the fixture), re-opened in 2027-Q1, concluded flat again.
        try fixture.commit("2027-01-05", ["playbooks/experiments/EXP-0001.yml": exp("running", "")])
        try fixture.commit("2027-01-20", ["playbooks/experiments/EXP-0001.yml": exp("concluded", "flat")])
        let files = Site.render(try fixture.input(today: "2027-01-25", home: Quarter(year: 2026, number: 4)))
        let full = "concluded, flat as of 2027-01-25 (its conclusion of 2026-10-12, win, was undone 2027-01-05: counted in no period)"
        let note = "<span class=\"undone\" title=\"\(full)\">win conclusion of 2026-10-12 undone</span>"
        let quarter = try XCTUnwrap(files["quarter-2026-Q4.html"] ?? files["index.html"])
        XCTAssertTrue(quarter.contains(">EXP-0001</a> (flat as of 2027-01-25; \(note))"), quarter)
        XCTAssertFalse(quarter.contains(">EXP-0001</a> (flat)"), quarter)
        let objectives = try XCTUnwrap(files["e/objectives.2026-Q4.html"])
        XCTAssertTrue(objectives.contains(">EXP-0001: Shorter form</a> (flat; \(note))"), objectives)
    }
}

/// Review: built after a quarter ended, the quarter's page listed a key result's experiment as it stood at the quarter's
/// end ("(running)", as `report okr` does) and the objectives page as it stands today ("(loss)"): the objectives page
/// now says both, the quarter's end first, and a page built before the conclusion says only "running".
final class QuarterEndStandingTests: XCTestCase {
    func testTheObjectivesPageSaysHowAnEndedQuartersExperimentStoodThenAndNow() throws {
        let fixture = try SiteFixture(for: self)
        let path = "playbooks/experiments/EXP-0002.yml"
        try fixture.commit("2026-11-02", [path: SiteFixture.experiment("EXP-0002", title: "Bigger button", status: "running", start: "2026-11-02", extra: "")])
        try fixture.commit("2027-01-10", [path: SiteFixture.experiment("EXP-0002", title: "Bigger button", status: "concluded", start: "2026-11-02", extra: """
        end: 2027-01-09
        result: {outcome: loss, lift: -0.02, decision: rollback, learnings: Nobody wanted it bigger.}
        """)])
        let files = Site.render(try fixture.input(today: "2027-01-20", home: Quarter(year: 2026, number: 4)))
        let quarter = try XCTUnwrap(files["quarter-2026-Q4.html"] ?? files["index.html"])
        XCTAssertTrue(quarter.contains(">EXP-0002</a> (running)"), quarter)
        let objectives = try XCTUnwrap(files["e/objectives.2026-Q4.html"])
        XCTAssertTrue(objectives.contains(">EXP-0002: Bigger button</a> (running at the end of 2026-Q4; loss on 2027-01-20)"), objectives)
        // The learnings library writes its lift as `report experiments` does: an ASCII minus.
        let learnings = try XCTUnwrap(files["learnings.html"])
        XCTAssertTrue(learnings.contains("lift</dt><dd>-2"), learnings)
        XCTAssertFalse(try XCTUnwrap(files["learnings.html"]).contains("\u{2212}"))
        // While the quarter runs (today in it), the standing is today's: nothing more is said.
        let during = Site.render(try fixture.input(today: "2026-12-01", home: Quarter(year: 2026, number: 4)))
        let duringObjectives = try XCTUnwrap(during["e/objectives.2026-Q4.html"])
        XCTAssertFalse(duringObjectives.contains("at the end of 2026-Q4"), duringObjectives)
    }

    /// Review: a chart's caption and the calendar's first paragraph broke "2026-12-" from "06" at 390 and 1400 px.
    func testADayInACaptionIsKeptOnOneLine() throws {
        let files = Site.render(try SiteFixture(for: self).input(today: "2026-11-30"))
        let program = try XCTUnwrap(files["program.html"])
        XCTAssertTrue(program.contains("(2026-Q4 to date, on <span class=\"nw\">2026-11-30</span>)</figcaption>"), program)
        XCTAssertTrue(try XCTUnwrap(files["calendar.html"]).contains("a dashed red line (<span class=\"nw\">2026-11-30</span>)"))
        XCTAssertEqual(hKeepingDays("from 2026-07-01 to 2026-09-30, not 12026-07-019 <b>"),
                       "from <span class=\"nw\">2026-07-01</span> to <span class=\"nw\">2026-09-30</span>, not 12026-07-019 &lt;b&gt;")
    }
}
