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
