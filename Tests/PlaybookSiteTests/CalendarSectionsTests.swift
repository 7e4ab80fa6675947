import Foundation
import PlaybookModel
@testable import PlaybookSite
import XCTest

/// A generated history's current calendar drew its 2,338 surfaces under `web` as one timeline with one table
/// (review of 2026-12-06): an area of more than `surfacesPerArea` surfaces is split by its first two segments.
final class CalendarSectionsTests: XCTestCase {
    func testAnAreaOfManySurfacesIsSplitByItsSecondSegment() throws {
        let fixture = try SiteFixture(for: self)
        func files(_ count: Int) -> [String: String?] {
            var out: [String: String?] = [:]
            for n in 0..<count {
                let id = String(format: "EXP-%04d", 100 + n)
                out["playbooks/experiments/\(id).yml"] = SiteFixture.experiment(id, title: "Test \(id)", status: "concluded\nresult: {outcome: win, lift: 0.03, decision: ship, learnings: it worked}", start: "2026-10-05", extra: "")
                    .replacingOccurrences(of: "surface: web/signup", with: "surface: web/\(n % 2 == 0 ? "checkout" : "search")/step-\(n)")
            }
            return out
        }
        // 60 surfaces with the fixture's web/signup: one section.
        try fixture.commit("2026-11-02", files(59))
        let one = try XCTUnwrap(Site.render(try fixture.input(today: "2026-11-30"))["calendar.html"])
        XCTAssertTrue(one.contains("Areas: <a href=\"#k-web\">web</a> (60 surfaces)</p>"), one)
        XCTAssertTrue(one.contains("Timeline of <code>web</code>"), one)
        // 61: split by the second segment, each with its timeline and table.
        try fixture.commit("2026-11-03", files(60))
        let split = try XCTUnwrap(Site.render(try fixture.input(today: "2026-11-30"))["calendar.html"])
        XCTAssertTrue(split.contains("Areas: <a href=\"#k-web_2Fcheckout\">web/checkout</a> (30 surfaces) · <a href=\"#k-web_2Fsearch\">web/search</a> (30 surfaces) · <a href=\"#k-web_2Fsignup\">web/signup</a> (1 surface)</p>"), split)
        for section in ["web/checkout", "web/search", "web/signup"] {
            XCTAssertTrue(split.contains("Timeline of <code>\(section)</code>"), section)
            XCTAssertTrue(split.contains("<p class=\"caption\">Experiments on \(section)</p>"), section)
        }
        XCTAssertFalse(split.contains("Timeline of <code>web</code>"), split)
    }
}
