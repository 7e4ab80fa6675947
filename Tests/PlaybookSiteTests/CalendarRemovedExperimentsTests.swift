import Foundation
import PlaybookModel
@testable import PlaybookSite
import XCTest

/// Experiments the playbook no longer holds, on the calendar: drawn where they ran, as the history
/// recorded them, marked removed, named unlinked (no page describes them).
final class CalendarRemovedExperimentsTests: XCTestCase {
    /// The pricing experiment EXP-0004: `status` on 2026-10-13 (start and end written), on web/pricing.
    private func pricing(_ status: String) -> [String: String?] {
        ["playbooks/experiments/EXP-0004.yml": SiteFixture.experiment("EXP-0004", title: "Annual plan first", status: status, start: "2026-10-13",
                                                                      extra: "end: 2026-10-30")
            .replacingOccurrences(of: "surface: web/signup", with: "surface: web/pricing")]
    }

    /// site56 #1: EXP-0004 ran from 2026-10-13, concluded on 2026-10-16 and was deleted on 2026-10-20; the
    /// calendar of 2026-11-30, whose timelines show those days, had no row for it. It has one, its live bar as
    /// the history recorded it, its status as it last read, said removed at the deleting commit, named unlinked
    /// (no page holds it), its collisions said not to be judged; built before it ran, nothing changes.
    func testAnExperimentDeletedAfterItConcludedIsDrawnWhereItRanMarkedRemoved() throws {
        let fixture = try SiteFixture(for: self)
        try fixture.commit("2026-10-13", pricing("running"))
        try fixture.commit("2026-10-16", pricing("concluded"))
        let deletion = try fixture.commit("2026-10-20", ["playbooks/experiments/EXP-0004.yml": nil])
        let files = Site.render(try fixture.input(today: "2026-11-30"))
        let calendar = try XCTUnwrap(files["calendar.html"])
        let short = String(deletion.description.prefix(12))
        let gone = "<span class=\"missing\" title=\"not in the playbook at this commit\">EXP-0004</span>"
        let status = "concluded <span class=\"meta\">(removed from the playbook at \(short) on 2026-10-20)</span>"
        XCTAssertTrue(calendar.contains("<td data-label=\"surface\"><code>web/<wbr>pricing</code></td><td class=\"t\" data-label=\"experiment\">\(gone)</td><td data-label=\"squad\"><a href=\"e/growth.html\">growth</a></td><td data-label=\"status\">\(status)</td>"
            + "<td data-label=\"planned\"><span class=\"nw\">2026-10-13</span> to <span class=\"nw\">2026-10-30</span></td>"
            + "<td data-label=\"live\"><span class=\"nw\">2026-10-13</span> to <span class=\"nw\">2026-10-16</span></td><td data-label=\"exclusion group\">–</td>"
            + "<td data-label=\"collides with\"><span class=\"meta\">not judged: removed from the playbook</span></td></tr>"), calendar)
        XCTAssertTrue(calendar.contains("<li class=\"tl-row\"><span class=\"missing\" title=\"EXP-0004, removed from the playbook at \(short) on 2026-10-20\">EXP-0004</span></li>"), calendar)
        XCTAssertTrue(calendar.contains("<title>EXP-0004 live 2026-10-13 to 2026-10-16</title>"), calendar)
        XCTAssertFalse(calendar.contains("EXP-0004\">EXP-0004</a>"), calendar)
        XCTAssertEqual(try brokenLinks(files).broken, [])
        // Built before it was written, it is not drawn.
        let before = try XCTUnwrap(Site.render(try fixture.input(today: "2026-10-12"))["calendar.html"])
        XCTAssertFalse(before.contains("EXP-0004"), before)
    }

    /// site56 #1: EXP-0004, run and concluded in October and deleted on 2026-10-20, was written again on
    /// 2026-12-05 as a new plan. Built `--today 2026-11-30`, the calendar listed it as not yet in the playbook,
    /// with no bar where it ran. It is drawn where it ran, marked removed with the commit's status beside it,
    /// and linked to its section, which the commit holds.
    func testAnExperimentRemovedBeforeTodayAndRestoredSinceIsDrawnWhereItRanLinkedToItsSection() throws {
        let fixture = try SiteFixture(for: self)
        try fixture.commit("2026-10-13", pricing("running"))
        try fixture.commit("2026-10-16", pricing("concluded"))
        let deletion = try fixture.commit("2026-10-20", ["playbooks/experiments/EXP-0004.yml": nil])
        try fixture.commit("2026-12-05", pricing("ready"))
        let files = Site.render(try fixture.input(today: "2026-11-30"))
        let calendar = try XCTUnwrap(files["calendar.html"])
        let short = String(deletion.description.prefix(12))
        let link = "<a href=\"e/experiments.growth.2026-Q4.html#k-EXP-0004\">EXP-0004: Annual plan first</a>"
        let status = "concluded <span class=\"meta\">(removed from the playbook at \(short) on 2026-10-20; ready at this commit)</span>"
        XCTAssertTrue(calendar.contains("<td class=\"t\" data-label=\"experiment\">\(link)</td><td data-label=\"squad\"><a href=\"e/growth.html\">growth</a></td><td data-label=\"status\">\(status)</td>"
            + "<td data-label=\"planned\"><span class=\"nw\">2026-10-13</span> to <span class=\"nw\">2026-10-30</span></td>"
            + "<td data-label=\"live\"><span class=\"nw\">2026-10-13</span> to <span class=\"nw\">2026-10-16</span></td>"), calendar)
        XCTAssertTrue(calendar.contains("<li class=\"tl-row\"><a href=\"e/experiments.growth.2026-Q4.html#k-EXP-0004\">EXP-0004</a></li>"), calendar)
        XCTAssertTrue(calendar.contains("<title>EXP-0004 live 2026-10-13 to 2026-10-16</title>"), calendar)
        XCTAssertFalse(calendar.contains("not yet in the playbook"), calendar)
        XCTAssertEqual(try brokenLinks(files).broken, [])
    }

    /// site56 #2: EXP-0004 ran from 2026-10-13, concluded on 2026-10-16, was re-opened on 2026-10-18 and
    /// deleted on 2026-10-25. Built `--today 2026-10-20`, the calendar drew one bar from 2026-10-13 to today,
    /// as though it had run throughout; it draws both runs with the gap between, as for one not deleted.
    func testAnExperimentReopenedBeforeTodayAndDeletedAfterKeepsTheGapBetweenItsRuns() throws {
        let fixture = try SiteFixture(for: self)
        try fixture.commit("2026-10-13", pricing("running"))
        try fixture.commit("2026-10-16", pricing("concluded"))
        try fixture.commit("2026-10-18", pricing("running"))
        try fixture.commit("2026-10-25", ["playbooks/experiments/EXP-0004.yml": nil])
        let calendar = try XCTUnwrap(Site.render(try fixture.input(today: "2026-10-20"))["calendar.html"])
        XCTAssertTrue(calendar.contains("<td data-label=\"live\"><span class=\"nw\">2026-10-13</span> to <span class=\"nw\">2026-10-16</span>,<br>"
            + "<span class=\"nw\">2026-10-18</span> to <span class=\"nw\">2026-10-20</span></td>"), calendar)
        XCTAssertTrue(calendar.contains("<title>EXP-0004 live 2026-10-13 to 2026-10-16</title>"), calendar)
        XCTAssertTrue(calendar.contains("<title>EXP-0004 live 2026-10-18 to 2026-10-20</title>"), calendar)
        XCTAssertFalse(calendar.contains("<title>EXP-0004 live 2026-10-13 to 2026-10-20</title>"), calendar)
    }
}
