import Foundation
import PlaybookModel
@testable import PlaybookSite
import XCTest

/// review58s #4: the program page counted an experiment created and deleted without ever running
/// (Q3 "created 10", as `report experiments` says) that no page of the site had: only 9 were findable.
/// The page lists those it counts that are no longer in the playbook, so its counts reconcile.
final class ProgramGoneExperimentsTests: XCTestCase {
    func testAnExperimentCountedButDeletedIsListedUnderTheQuartersTable() throws {
        let fixture = try SiteFixture(for: self)
        try fixture.commit("2026-10-05", ["playbooks/experiments/EXP-0009.yml": SiteFixture.experiment("EXP-0009", title: "Podcast <ads> test", status: "draft", extra: "")])
        let removal = try fixture.commit("2026-10-20", ["playbooks/experiments/EXP-0009.yml": nil]).description.prefix(12)
        let input = try fixture.input()
        XCTAssertTrue(try XCTUnwrap(input.program.first { $0.period.label == "2026-Q4" }?.overall).created.contains("EXP-0009"))
        let program = try XCTUnwrap(Site.render(input)["program.html"])
        XCTAssertTrue(program.contains("<p>One experiment the table counts is no longer in the playbook at this commit (deleted, or moved out of it), so it has no page of its own (where another page lists it, it is not linked); as it last read:</p>"), program)
        let row = try XCTUnwrap(program.components(separatedBy: "<tr><td>EXP-0009</td>").dropFirst().first?.components(separatedBy: "</tr>").first, program)
        XCTAssertEqual(row, "<td class=\"t\">Podcast &lt;ads&gt; test</td><td><a href=\"e/growth.html\">growth</a></td><td><span class=\"nw\">2026-10-05</span></td>"
                       + "<td><span class=\"nw\">2026-10-20</span> (<code>\(removal)</code>)</td><td><span class=\"nw\">2026-Q4: created</span></td>")
        // Nothing is listed when every experiment counted is in the playbook.
        XCTAssertFalse(try XCTUnwrap(Site.render(try SiteFixture(for: self).input())["program.html"]).contains("no longer in the playbook"))
    }
}
