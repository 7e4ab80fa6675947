import Foundation
import PlaybookModel
@testable import PlaybookSite
import XCTest

/// An experiment first committed already running, concluded or abandoned (a playbook brought into git mid-quarter, as
/// the bundled example was on 2026-11-23, or a past test written down) ran before the history shows: the calendar's
/// table says so, where its ten concluded experiments read "live –" as if they never ran (review of 2026-12-06).
final class CalendarFirstCommittedTests: XCTestCase {
    private func experiment(_ id: String, _ status: String, start: String, surface: String) -> String {
        SiteFixture.experiment(id, title: "Test \(id)", status: status, start: start, extra: "")
            .replacingOccurrences(of: "surface: web/signup", with: "surface: \(surface)")
    }

    func testAnExperimentCommittedAlreadyPastReadySaysItRanBeforeTheHistory() throws {
        let fixture = try SiteFixture(for: self)
        let first: [String: String?] = [
            "playbooks/experiments/EXP-0004.yml": experiment("EXP-0004", "concluded\nresult: {outcome: win, lift: 0.03, decision: ship, learnings: it worked}",
                                                              start: "2026-10-01", surface: "web/pricing"),
            "playbooks/experiments/EXP-0005.yml": experiment("EXP-0005", "running", start: "2026-11-02", surface: "web/checkout"),
            "playbooks/experiments/EXP-0006.yml": experiment("EXP-0006", "running", start: "2026-11-23", surface: "web/home"),
            "playbooks/experiments/EXP-0007.yml": experiment("EXP-0007", "abandoned", start: "2026-10-05", surface: "web/search"),
            "playbooks/experiments/EXP-0008.yml": experiment("EXP-0008", "ready", start: "2026-11-30", surface: "web/cart"),
        ]
        try fixture.commit("2026-11-23", first)
        try fixture.commit("2026-11-26", ["playbooks/experiments/EXP-0008.yml": experiment("EXP-0008", "running", start: "2026-11-20", surface: "web/cart")])
        let files = Site.render(try fixture.input(today: "2026-11-30"))
        let calendar = try XCTUnwrap(files["calendar.html"])
        // Their histories: one entry has no order to speak of; two are newest first.
        let section = try XCTUnwrap(files["e/experiments.growth.2026-Q4.html"])
        XCTAssertTrue(section.contains("<p class=\"meta\">1 commit changed it.</p>"), section)
        XCTAssertTrue(section.contains("<p class=\"meta\">2 commits changed it, newest first.</p>"), section)
        func row(_ id: String) throws -> String {
            let start = try XCTUnwrap(calendar.range(of: "#k-\(id)\">\(id): Test \(id)</a>"), "no row for \(id)")
            return String(calendar[start.upperBound...].prefix { $0 != "\n" })
        }
        let (e0004, e0005, e0006, e0007, e0008) = (try row("EXP-0004"), try row("EXP-0005"), try row("EXP-0006"), try row("EXP-0007"), try row("EXP-0008"))
        XCTAssertTrue(e0004.contains("<td data-label=\"live\">– <span class=\"meta\">(first committed already concluded, <span class=\"nw\">2026-11-23</span>)</span></td>"), e0004)
        XCTAssertTrue(e0007.contains("<td data-label=\"live\">– <span class=\"meta\">(first committed already abandoned, <span class=\"nw\">2026-11-23</span>)</span></td>"), e0007)
        // Running when first committed, with a start before that day: its bar starts at the commit, and the row says why.
        XCTAssertTrue(e0005.contains("<td data-label=\"live\"><span class=\"nw\">2026-11-23</span> to <span class=\"nw\">2026-11-30</span> <span class=\"meta\">(first committed already running; <code>start</code> <span class=\"nw\">2026-11-02</span>)</span></td>"), e0005)
        // Written straight in as running on its start day, or moved to running by a later commit: nothing to say.
        XCTAssertFalse(e0006.contains("first committed"), e0006)
        XCTAssertFalse(e0008.contains("first committed"), e0008)
    }
}
