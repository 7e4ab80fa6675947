import Foundation
@testable import PlaybookSite
import XCTest

/// A squad whose id changed (its file moved, `growth` to `activation`): the old id has no page.
final class RenamedSquadTests: XCTestCase {
    /// review54 #4: after `git mv squads/growth.yml squads/activation.yml` with the id changed, the
    /// history and the reports of the quarters before the rename still name `growth`. Every link lands
    /// on a page; `growth`, where a report read it then, is named with its new id and links to the squad's
    /// page (review59s #5: it was unlinked, titled "not in the playbook at this commit", as if the squad were gone).
    func testARenamedSquadsOldIdLinksToItsNewPageAndEveryLinkLands() throws {
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
        let renamed = { (up: String) in "<a href=\"\(up)e/activation.html\" title=\"renamed to activation on 2027-01-05\">growth (now activation)</a>" }
        // The 2026-Q4 report read the objective at the quarter's end, in `growth`.
        let quarter = try XCTUnwrap(site["quarter-2026-Q4.html"])
        XCTAssertTrue(quarter.contains("squad \(renamed(""))"), quarter)
        XCTAssertTrue(try XCTUnwrap(site["calendar.html"]).contains("<td data-label=\"squad\">\(renamed(""))</td>"))
        // The program's table of experiments the playbook let go of names the squad so too.
        XCTAssertFalse(site.values.contains { $0.contains("title=\"not in the playbook at this commit\">growth<") })
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
        // EXP-0002 and EXP-0003 (EUR 700 each) start in 2026-Q4, in growth on that day.
        XCTAssertTrue(index.contains("<td data-label=\"squad\"><span class=\"missing\" title=\"not in the playbook at this commit\">growth</span></td>"
                                     + "<td class=\"t\" data-label=\"name\">Growth</td><td data-label=\"funnel stage\">activation</td><td class=\"t\" data-label=\"champion\">Ana Ruiz</td>"
                                     + "<td class=\"n\" data-label=\"members\">1</td><td data-label=\"budget 2026-Q4\">EUR\u{00A0}1,400 of EUR\u{00A0}1,000 <span class=\"badge bad\">over the cap</span></td>"
                                     + "<td class=\"n\" data-label=\"experiments\">3</td>"), index)
        XCTAssertTrue(index.contains("Growth <span class=\"meta\">(not in the playbook on 2026-11-30)</span>"), index)
        XCTAssertFalse(index.contains(">EUR\u{00A0}0 of EUR\u{00A0}1,000"), index)
        let page = try XCTUnwrap(site["e/activation.html"])
        XCTAssertTrue(page.contains("(not in the playbook on 2026-11-30; its budget and experiments are counted as they stood then)"), page)
        XCTAssertTrue(page.contains("not counted: in growth on 2026-11-30"), page)
    }

    /// `git mv` of growth's file to `to` with its id changed to `activation` (nil: the id edited in place), its
    /// experiments re-pointed, on 2027-01-05.
    private func rename(_ fixture: SiteFixture, to path: String?, squad: String? = nil) throws {
        if path != nil {
            try FileManager.default.removeItem(atPath: fixture.root + "/playbooks/squads/growth.yml")
            try fixture.repository.stage(paths: ["playbooks/squads/growth.yml"])
        }
        var files = [path ?? "playbooks/squads/growth.yml": squad ?? SiteFixture.squad.replacingOccurrences(of: "id: growth", with: "id: activation")]
        for file in ["playbooks/experiments/EXP-0001.yml", "playbooks/experiments/EXP-0002.yml", "playbooks/experiments/EXP-0003.yml"] {
            files[file] = try String(contentsOfFile: fixture.root + "/" + file, encoding: .utf8).replacingOccurrences(of: "squad: growth", with: "squad: activation")
        }
        try fixture.commit("2027-01-05", files)
    }

    /// The old id on its squad's page: named, not a link, and not said to be missing (review59s #5).
    private let unlinkedGrowth = "<code>growth</code>"

    /// site58 #3: the squad's page under its new id did not say it had been `growth` (whose reports and
    /// history the site still shows under that id). It says so, and when; the old id, which has no page, unlinked.
    func testARenamedSquadsPageSaysItsFormerIdAndWhenItWasRenamed() throws {
        let fixture = try SiteFixture(for: self)
        try rename(fixture, to: "playbooks/squads/activation.yml")
        let site = Site.render(try fixture.input(today: "2027-01-20"))
        let page = try XCTUnwrap(site["e/activation.html"])
        XCTAssertTrue(page.contains("<p class=\"meta\">Formerly \(unlinkedGrowth): renamed to activation on 2027-01-05.</p>\n"), page)
        XCTAssertNil(site["e/growth.html"])
        XCTAssertEqual(try brokenLinks(site).broken, [])
    }

    /// site58 #3: the id edited in the same file is a rename whatever else changed with it (a new name and mission).
    func testASquadWhoseIdChangedInItsOwnFileIsRenamed() throws {
        let fixture = try SiteFixture(for: self)
        let squad = SiteFixture.squad.replacingOccurrences(of: "id: growth", with: "id: activation")
            .replacingOccurrences(of: "name: Growth", with: "name: Activation")
            .replacingOccurrences(of: "mission: Get more learners to their first lesson.", with: "mission: Every learner through a first week.")
        try rename(fixture, to: nil, squad: squad)
        let page = try XCTUnwrap(Site.render(try fixture.input(today: "2027-01-20"))["e/activation.html"])
        XCTAssertTrue(page.contains("<p class=\"meta\">Formerly \(unlinkedGrowth): renamed to activation on 2027-01-05.</p>"), page)
    }

    /// site58 #3: where the old id has a page (a squad written under it again later), that page says what it was renamed to,
    /// and the new id's page links to it.
    func testAnOldIdWrittenAgainLaterSaysItWasRenamedAndIsLinked() throws {
        let fixture = try SiteFixture(for: self)
        try rename(fixture, to: "playbooks/squads/activation.yml")
        try fixture.commit("2027-01-10", ["playbooks/squads/growth.yml": SiteFixture.squad.replacingOccurrences(of: "name: Growth", with: "name: Growth, again")])
        let site = Site.render(try fixture.input(today: "2027-01-20"))
        let activation = try XCTUnwrap(site["e/activation.html"])
        XCTAssertTrue(activation.contains("<p class=\"meta\">Formerly <a href=\"../e/growth.html\">growth</a>: renamed to activation on 2027-01-05.</p>"), activation)
        let growth = try XCTUnwrap(site["e/growth.html"])
        XCTAssertTrue(growth.contains("<p class=\"meta\">Renamed to <a href=\"../e/activation.html\">activation</a> on 2027-01-05; the id <code>growth</code> was written again later, for this squad.</p>"), growth)
        XCTAssertEqual(try brokenLinks(site).broken, [])
    }

    /// site58 #3: a squad deleted and another, unlike it, written in another file in the same commit is no rename.
    func testASquadGoneAndAnotherNewInOneCommitIsNoRename() throws {
        let fixture = try SiteFixture(for: self)
        let other = """
        kind: Squad
        id: retention
        name: Retention
        mission: Keep learners coming back.
        funnel_stage: retention
        members:
          - {name: Bo Chen, role: engineering manager}
        champion: Bo Chen
        budget: {quarterly: 5000, currency: USD}
        metrics: [weekly-active-learners]
        """
        try rename(fixture, to: "playbooks/squads/retention.yml", squad: other)
        let site = Site.render(try fixture.input(today: "2027-01-20"))
        XCTAssertNotNil(site["e/retention.html"])
        XCTAssertFalse(site.values.contains { $0.contains("Formerly ") || $0.contains("Renamed to ") })
    }

    /// review59s #5: the program page's table of experiments the playbook let go of named the squad of one removed
    /// before the rename by its old id, unlinked and titled "not in the playbook at this commit": it names it with
    /// its new id and links to the squad's page.
    func testTheProgramsRemovedExperimentsNameARenamedSquadWithItsNewId() throws {
        let fixture = try SiteFixture(for: self)
        try fixture.commit("2026-12-15", ["playbooks/experiments/EXP-0002.yml": nil])
        try FileManager.default.removeItem(atPath: fixture.root + "/playbooks/squads/growth.yml")
        try fixture.repository.stage(paths: ["playbooks/squads/growth.yml"])
        var files = ["playbooks/squads/activation.yml": SiteFixture.squad.replacingOccurrences(of: "id: growth", with: "id: activation")]
        for file in ["playbooks/experiments/EXP-0001.yml", "playbooks/experiments/EXP-0003.yml"] {
            files[file] = try String(contentsOfFile: fixture.root + "/" + file, encoding: .utf8).replacingOccurrences(of: "squad: growth", with: "squad: activation")
        }
        try fixture.commit("2027-01-05", files)
        let site = Site.render(try fixture.input(today: "2027-01-20"))
        let program = try XCTUnwrap(site["program.html"])
        let row = try XCTUnwrap(program.components(separatedBy: "<tr>").first { $0.hasPrefix("<td>EXP-0002</td>") }, program)
        XCTAssertTrue(row.contains("<td><a href=\"e/activation.html\" title=\"renamed to activation on 2027-01-05\">growth (now activation)</a></td>"), row)
        XCTAssertFalse(program.contains("not in the playbook at this commit\">growth<"), program)
    }
}
