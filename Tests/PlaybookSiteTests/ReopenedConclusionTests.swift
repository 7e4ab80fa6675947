import Foundation
import PlaybookModel
@testable import PlaybookSite
import XCTest

/// review58s #2: the learnings library promises a re-opened experiment's earlier conclusions, but one
/// concluded, re-opened and concluded again within one quarter lost its first (the report of the
/// quarter counts the experiment once): its learnings ("avocado") were nowhere on the site.
final class ReopenedConclusionTests: XCTestCase {
    private func reopenedWithin(keepResult: Bool) throws -> [String: String] {
        let fixture = try SiteFixture(for: self)
        let exp = { (status: String, extra: String) in
            SiteFixture.experiment("EXP-0002", title: "Weekly reminder", status: status, start: "2026-10-13", extra: extra)
        }
        let first = "result: {outcome: win, lift: 0.035, decision: ship, learnings: Avocado households came back most.}"
        try fixture.commit("2026-10-13", ["playbooks/experiments/EXP-0002.yml": exp("running", "")])
        try fixture.commit("2026-10-20", ["playbooks/experiments/EXP-0002.yml": exp("concluded", first)])
        try fixture.commit("2026-10-25", ["playbooks/experiments/EXP-0002.yml": exp("running", keepResult ? first : "")])
        try fixture.commit("2026-11-15", ["playbooks/experiments/EXP-0002.yml": exp("concluded", """
        result: {outcome: win, lift: 0.028, decision: ship, learnings: After fixing the sample ratio it still wins.}
        """)])
        return Site.render(try fixture.input(today: "2026-11-25"))
    }

    func testAConclusionUndoneAndMadeAgainWithinItsQuarterIsInTheLibrary() throws {
        for keep in [false, true] {
            let files = try reopenedWithin(keepResult: keep)
            let page = try XCTUnwrap(files["learnings.html"])
            let cards = page.components(separatedBy: "<li class=\"card\"").filter { $0.contains(">EXP-0002</a> Weekly reminder</h2>") }
            XCTAssertEqual(cards.count, 2, "keep \(keep): \(page)")
            let earlier = try XCTUnwrap(cards.first)
            XCTAssertTrue(earlier.contains("Concluded 2026-10-20, re-opened 2026-10-25: as it read then. Undone, so no report counts this conclusion."), earlier)
            XCTAssertTrue(earlier.contains("<dd>+3.5%</dd>") && earlier.contains("Avocado households came back most."), earlier)
            XCTAssertTrue(cards.last?.contains("<dd>+2.8%</dd>") ?? false, cards.last ?? "")
            // review59s #6a: the undone conclusion's outcome is told apart from the wins the reports count, in its card
            // and in the outcome filter; the standing one is a win.
            XCTAssertTrue(earlier.contains("<dt>outcome</dt><dd><span class=\"badge none\">win (undone)</span>"), earlier)
            XCTAssertTrue(cards.last?.contains("<dt>outcome</dt><dd><span class=\"badge good\">win</span>") ?? false, cards.last ?? "")
            XCTAssertTrue(page.contains("<option value=\"win\">win</option><option value=\"win (undone)\">win (undone)</option>"), "keep \(keep)")
            let index = try XCTUnwrap(files["assets/search-index.js"])
            XCTAssertTrue(index.contains("\"o\": \"win (undone)\""), "keep \(keep)")
            XCTAssertTrue(index.contains("Avocado"), "keep \(keep)")
        }
    }

    /// The program page's running → concluded time of a re-opened experiment is the time it was live,
    /// as `report experiments` counts it: EXP-0002 ran 7 days, stood concluded 5, ran 21 more: 28
    /// days, not 33; with EXP-0001's 22 days (09-20 to 10-12) the quarter's median is 25, its p90 28.
    func testTheProgramPageLeavesOutTheDaysAReopenedExperimentStoodConcluded() throws {
        let files = try reopenedWithin(keepResult: false)
        let program = try XCTUnwrap(files["program.html"])
        let row = try XCTUnwrap(program.components(separatedBy: "<tr>").first { $0.contains(">2026-Q4</span>") }, program)
        XCTAssertTrue(row.contains("<span class=\"nw\">25.0</span> <span class=\"nw\">(p90 28.0, n=2)</span>"), row)
        // site63 #3: one decimal on the chart's bars too, as in the table and `report experiments` (25.0, not 25).
        XCTAssertTrue(program.contains(">25.0</text>"), program)
        XCTAssertFalse(program.contains(">25</text>"), program)
    }
}
