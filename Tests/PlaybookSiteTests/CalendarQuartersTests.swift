import Foundation
import PlaybookModel
@testable import PlaybookSite
import XCTest

/// A long history's calendar was one page: 6,828 experiments over three years drew one timeline 934,000 px tall
/// (review of 2026-12-06). The current page keeps today's contention, what is planned and the quarter before
/// today's; an experiment whose windows all ended before that, and that nothing judges any more, is drawn on
/// the pages of the quarters it was planned or live in.
final class CalendarQuartersTests: XCTestCase {
    private func experiment(_ id: String, _ status: String, start: String, surface: String) -> String {
        SiteFixture.experiment(id, title: "Test \(id)", status: status, start: start, extra: "")
            .replacingOccurrences(of: "surface: web/signup", with: "surface: \(surface)")
    }

    private let concluded = "concluded\nresult: {outcome: win, lift: 0.03, decision: ship, learnings: it worked}"

    func testExperimentsThatEndedBeforeTheLastQuarterAreOnTheirQuartersPages() throws {
        let fixture = try SiteFixture(for: self)
        try fixture.commit("2026-11-02", [
            // Planned 2025-12-25 to 2026-01-08: the last days of 2025-Q4 and the first of 2026-Q1.
            "playbooks/experiments/EXP-0010.yml": experiment("EXP-0010", concluded, start: "2025-12-25", surface: "web/pricing"),
            "playbooks/experiments/EXP-0011.yml": experiment("EXP-0011", concluded, start: "2026-02-02", surface: "app/home"),
            // Ready with a window long past: still judged for collisions, so on the current page (and counted on 2026-Q1's).
            "playbooks/experiments/EXP-0012.yml": experiment("EXP-0012", "ready", start: "2026-03-02", surface: "web/cart"),
            // Concluded in the quarter before today's: the current page keeps it.
            "playbooks/experiments/EXP-0014.yml": experiment("EXP-0014", concluded, start: "2026-08-03", surface: "web/search"),
            "playbooks/experiments/EXP-0013.yml": experiment("EXP-0013", "ready", start: "2026-11-23", surface: "web/home"),
        ])
        try fixture.commit("2026-11-23", ["playbooks/experiments/EXP-0013.yml": experiment("EXP-0013", "running", start: "2026-11-23", surface: "web/home")])
        let files = Site.render(try fixture.input(today: "2026-11-30"))
        let pages = files.keys.filter { $0.hasPrefix("calendar") }.sorted()
        XCTAssertEqual(pages, ["calendar-2025-Q4.html", "calendar-2026-Q1.html", "calendar.html"])
        let current = try XCTUnwrap(files["calendar.html"]), q1 = try XCTUnwrap(files["calendar-2026-Q1.html"]), q4 = try XCTUnwrap(files["calendar-2025-Q4.html"])
        func lists(_ page: String, _ id: String) -> Bool { page.contains("#k-\(id)\">\(id): Test \(id)</a>") }
        XCTAssertEqual(["EXP-0010", "EXP-0011", "EXP-0012", "EXP-0013", "EXP-0014"].filter { lists(current, $0) }, ["EXP-0012", "EXP-0013", "EXP-0014"])
        XCTAssertEqual(["EXP-0010", "EXP-0011", "EXP-0012", "EXP-0013", "EXP-0014"].filter { lists(q1, $0) }, ["EXP-0010", "EXP-0011"])
        XCTAssertEqual(["EXP-0010", "EXP-0011", "EXP-0012", "EXP-0013", "EXP-0014"].filter { lists(q4, $0) }, ["EXP-0010"])
        // The current page starts at the quarter before today's and links every page, newest first.
        XCTAssertTrue(current.contains("<p>The timelines show <span class=\"nw\">2026-07-01</span> to"), current)
        XCTAssertTrue(current.contains("Calendar pages: <strong>current</strong> · <a href=\"calendar-2026-Q1.html\">2026-Q1</a> · <a href=\"calendar-2025-Q4.html\">2025-Q4</a></p></nav>"), current)
        XCTAssertTrue(current.contains("<h2>Collisions</h2>"))
        // A quarter's page draws that quarter's days, says how many it lists, and links back.
        XCTAssertTrue(q1.contains("<h1>Experiment calendar, 2026-Q1</h1>"), q1)
        XCTAssertTrue(q1.contains("The 2 experiments planned or live in 2026-Q1 (<span class=\"nw\">2026-01-01</span> to <span class=\"nw\">2026-03-31</span>) that had ended before <span class=\"nw\">2026-07-01</span>"), q1)
        XCTAssertTrue(q1.contains("1 other was planned or live in 2026-Q1 and is still ready, running or paused, or reaches the quarter before today's: it is on the current calendar."), q1)
        XCTAssertTrue(q1.contains("Calendar pages: <a href=\"calendar.html\">current</a> · <strong>2026-Q1</strong> · <a href=\"calendar-2025-Q4.html\">2025-Q4</a>"), q1)
        XCTAssertTrue(q1.contains("Timeline of <code>web</code>, <span class=\"nw\">2026-01-01</span> to <span class=\"nw\">2026-03-31</span>"), q1)
        XCTAssertTrue(q1.contains("Timeline of <code>app</code>"), q1)
        XCTAssertFalse(q1.contains("<h2>Collisions</h2>"))
        XCTAssertTrue(q4.contains("The 1 experiment planned or live in 2025-Q4"), q4)
        XCTAssertFalse(q4.contains("on the current calendar. "), q4)
        // EXP-0010's window runs on past 2025-Q4's last day: the arrow says so.
        XCTAssertTrue(q4.contains("EXP-0010 runs on after 2025-12-31: planned 2025-12-25 to 2026-01-08"), q4)
    }

    func testACalendarWhoseExperimentsAllReachTheLastQuarterIsOnePage() throws {
        let fixture = try SiteFixture(for: self)
        try fixture.commit("2026-11-02", [
            "playbooks/experiments/EXP-0014.yml": experiment("EXP-0014", concluded, start: "2026-07-01", surface: "web/search"),
            // Ready, planned long ago: judged, so it keeps nothing off the current page.
            "playbooks/experiments/EXP-0012.yml": experiment("EXP-0012", "ready", start: "2025-03-02", surface: "web/cart"),
        ])
        let files = Site.render(try fixture.input(today: "2026-11-30"))
        XCTAssertEqual(files.keys.filter { $0.hasPrefix("calendar") }, ["calendar.html"])
        let current = try XCTUnwrap(files["calendar.html"])
        XCTAssertFalse(current.contains("Calendar pages"), current)
        // Its window, long past, reaches back as far as planning reaches from the days lived (six months), as before.
        XCTAssertTrue(current.contains("<p>The timelines show <span class=\"nw\">2026-03-21</span> to"), current)
    }
}
