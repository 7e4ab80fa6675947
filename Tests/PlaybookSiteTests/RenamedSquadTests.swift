import Foundation
@testable import PlaybookSite
import XCTest

/// A squad whose id changed (its file moved, `growth` to `activation`): the old id has no page.
final class RenamedSquadTests: XCTestCase {
    /// review54 #4: after `git mv squads/growth.yml squads/activation.yml` with the id changed, the
    /// history and the reports of the quarters before the rename still name `growth`. Every link lands
    /// on a page; `growth` is named unlinked, marked not in the playbook, where a report read it then.
    func testARenamedSquadsOldIdIsNamedUnlinkedAndEveryLinkLands() throws {
        let fixture = try SiteFixture(for: self)
        try FileManager.default.removeItem(atPath: fixture.root + "/playbooks/squads/growth.yml")
        try fixture.repository.stage(paths: ["playbooks/squads/growth.yml"])
        var files = ["playbooks/squads/activation.yml": SiteFixture.squad.replacingOccurrences(of: "id: growth", with: "id: activation")]
        for path in ["playbooks/metrics.yml", "playbooks/okrs/q3.yml", "playbooks/hypotheses/HYP-0001.yml", "playbooks/hypotheses/HYP-0002.yml",
                     "playbooks/experiments/EXP-0001.yml", "playbooks/experiments/EXP-0002.yml"] {
            files[path] = try String(contentsOfFile: fixture.root + "/" + path, encoding: .utf8)
                .replacingOccurrences(of: "squad: growth", with: "squad: activation").replacingOccurrences(of: "owner: growth", with: "owner: activation")
        }
        // EXP-0003 is left naming the old id, as a rename that missed a file leaves it.
        try fixture.commit("2027-01-05", files)
        let site = Site.render(try fixture.input(today: "2027-01-20"))
        XCTAssertNotNil(site["e/activation.html"])
        XCTAssertNil(site["e/growth.html"])
        let (broken, links) = try brokenLinks(site)
        XCTAssertEqual(broken, [])
        XCTAssertGreaterThan(links, 100)
        let unlinked = "<span class=\"missing\" title=\"not in the playbook at this commit\">growth</span>"
        // The 2026-Q4 report read the objective at the quarter's end, in `growth`.
        XCTAssertTrue(try XCTUnwrap(site["quarter-2026-Q4.html"]).contains("squad \(unlinked)"))
        XCTAssertTrue(try XCTUnwrap(site["calendar.html"]).contains("<td>\(unlinked)</td>"))
        XCTAssertFalse(site.values.contains { $0.contains("growth.html\"") })
    }

    /// review57 #1: with `--today` before the rename, the squads are those of that day: `growth` (named
    /// unlinked, its budget and experiments counted then), and `activation`, written later, marked so; the
    /// squad's page under its new id says it was not in the playbook then, and why its budget is empty.
    func testASquadRenamedAfterTodayIsListedUnderItsOldIdWithItsBudget() throws {
        let fixture = try SiteFixture(for: self)
        try FileManager.default.removeItem(atPath: fixture.root + "/playbooks/squads/growth.yml")
        try fixture.repository.stage(paths: ["playbooks/squads/growth.yml"])
        var files = ["playbooks/squads/activation.yml": SiteFixture.squad.replacingOccurrences(of: "id: growth", with: "id: activation")]
        for path in ["playbooks/experiments/EXP-0001.yml", "playbooks/experiments/EXP-0002.yml", "playbooks/experiments/EXP-0003.yml"] {
            files[path] = try String(contentsOfFile: fixture.root + "/" + path, encoding: .utf8)
                .replacingOccurrences(of: "squad: growth", with: "squad: activation")
        }
        try fixture.commit("2026-12-10", files)
        let site = Site.render(try fixture.input(today: "2026-11-30"))
        let index = try XCTUnwrap(site["squads.html"])
        // EXP-0002 and EXP-0003 (700 EUR each) start in 2026-Q4, in growth on that day.
        XCTAssertTrue(index.contains("<td><span class=\"missing\" title=\"not in the playbook at this commit\">growth</span></td>"
                                     + "<td class=\"t\">Growth</td><td>activation</td><td class=\"t\">Ana Ruiz</td><td class=\"n\">1</td><td>1,400 of 1,000 EUR <span class=\"badge bad\">over the cap</span></td><td class=\"n\">3</td>"), index)
        XCTAssertTrue(index.contains("Growth <span class=\"meta\">(not in the playbook on 2026-11-30)</span>"), index)
        XCTAssertFalse(index.contains(">0 of 1,000 EUR"), index)
        let page = try XCTUnwrap(site["e/activation.html"])
        XCTAssertTrue(page.contains("(not in the playbook on 2026-11-30; its budget and experiments are counted as they stood then)"), page)
        XCTAssertTrue(page.contains("not counted: in growth on 2026-11-30"), page)
    }
}
