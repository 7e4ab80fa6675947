import Foundation
@testable import PlaybookSite
import XCTest

/// review58s #7: at 390 px the calendar's timelines opened scrolled to their start (July), today out of
/// view. Each SVG says where today's line is, and the calendar's script (a file, as the policy wants)
/// scrolls a region narrower than its timeline there; without script it opens at its start, as before.
final class CalendarOpensAtTodayTests: XCTestCase {
    func testEachTimelineSaysWhereTodayIsAndTheCalendarLoadsItsScript() throws {
        let files = Site.render(try SiteFixture(for: self).input(today: "2026-11-30"))
        let calendar = try XCTUnwrap(files["calendar.html"])
        let timelines = calendar.components(separatedBy: "<svg class=\"timeline\"").dropFirst()
        XCTAssertFalse(timelines.isEmpty)
        for svg in timelines {
            let today = try XCTUnwrap(svg.components(separatedBy: " data-today=\"").dropFirst().first?.split(separator: "\"").first, svg)
            // Today's line is drawn at that x.
            XCTAssertTrue(svg.contains("<line x1=\"\(today)\" x2=\"\(today)\""), svg)
        }
        XCTAssertTrue(calendar.contains("<script src=\"assets/timeline.js\"></script>"), calendar)
        let script = try XCTUnwrap(files["assets/timeline.js"])
        XCTAssertTrue(script.contains("data-today") && script.contains("scrollLeft"), script)
    }
}
