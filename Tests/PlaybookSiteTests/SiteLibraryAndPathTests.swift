import Foundation
import PlaybookModel
import PlaybookReports
@testable import PlaybookSite
import XCTest

/// What an outside review of `playbook site` found (issue #16): the learnings library against the
/// reports, focus rings' contrast, page names Windows can hold, and the README's site section.
final class SiteLibraryAndPathTests: XCTestCase {
    /// Issue #16 (1): a re-opened experiment's first conclusion is in the library, with its quarter
    /// and its learnings as they read then, so that the library filtered by a quarter holds what the
    /// program page counts for it; a conclusion undone within its quarter is in neither.
    func testTheLibraryListsEveryConclusionTheReportsCount() throws {
        let fixture = try SiteFixture(for: self)
        let exp1 = { (status: String, extra: String) in
            SiteFixture.experiment("EXP-0001", title: "Shorter form", status: status, extra: extra)
        }
        let exp2 = { (status: String, extra: String) in
            SiteFixture.experiment("EXP-0002", title: "Social sign-in", status: status, start: "2026-12-01", extra: extra)
        }
        // EXP-0001 concluded a win on 2026-10-12 (the fixture: "zeppelin"); re-opened in 2027-Q1 and concluded again.
        // EXP-0002 concluded by mistake on 2027-01-10 and put back to running the next day.
        try fixture.commit("2026-12-02", ["playbooks/experiments/EXP-0002.yml": exp2("running", "")])
        try fixture.commit("2027-01-05", ["playbooks/experiments/EXP-0001.yml": exp1("running", "")])
        try fixture.commit("2027-01-10", ["playbooks/experiments/EXP-0002.yml": exp2("concluded", "result: {outcome: win, lift: 0.5, decision: ship, learnings: Mistaken}")])
        try fixture.commit("2027-01-11", ["playbooks/experiments/EXP-0002.yml": exp2("running", "")])
        try fixture.commit("2027-02-01", ["playbooks/experiments/EXP-0001.yml": exp1("concluded", """
        result: {outcome: loss, lift: -0.02, decision: kill, learnings: Supercalifragilistic second look.}
        """)])
        let input = try fixture.input(today: "2027-02-15")
        let entries = LearningsPage(input: input, catalog: input.catalog).entries().filter { $0.kind == .experiment }
        XCTAssertEqual(entries.map { "\($0.id) \($0.quarter ?? "-") \($0.outcome) \($0.lift) \($0.decision ?? "-")" },
                       ["EXP-0001 2026-Q4 win +6.2% ship", "EXP-0001 2027-Q1 loss −2% kill"])
        XCTAssertEqual(entries.map { $0.searchable.contains("zeppelin-shaped") }, [true, false])
        XCTAssertEqual(entries.map { $0.searchable.contains("Supercalifragilistic") }, [false, true])
        // Every quarter the program page counts, the library filtered by that quarter lists the same experiments.
        XCTAssertEqual(input.program.map(\.period.label), ["2026-Q3", "2026-Q4", "2027-Q1"])
        for report in input.program {
            XCTAssertEqual(entries.filter { $0.quarter == report.period.label }.map(\.id), report.total.concluded, report.period.label)
        }
        let files = Site.render(input)
        let page = try XCTUnwrap(files["learnings.html"])
        XCTAssertTrue(page.contains("<p class=\"meta\">Concluded 2026-10-12, later re-opened: as it read on 2026-12-31.</p>"), page)
        XCTAssertFalse(page.contains("Mistaken"))
        let index = try XCTUnwrap(files["assets/search-index.js"]).split(separator: "\n")
        XCTAssertTrue(index.contains { $0.contains("zeppelin") && $0.contains("\"q\": \"2026-Q4\"") && $0.contains("\"o\": \"win\"") })
        XCTAssertTrue(index.contains { $0.contains("Supercalifragilistic") && $0.contains("\"q\": \"2027-Q1\"") && $0.contains("\"o\": \"loss\"") })
    }
}
