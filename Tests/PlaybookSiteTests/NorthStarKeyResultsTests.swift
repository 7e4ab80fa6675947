import Foundation
@testable import PlaybookSite
import XCTest

/// The home page's North Star panel names every key result that measures the North Star, as `report okr` lists them
/// ("measured directly by A, B"), each with its value, and one figure only when they agree (review: a second squad's
/// key result on the North Star was never shown, and which one the panel showed followed the squads' ids).
final class NorthStarKeyResultsTests: XCTestCase {
    static func objective(_ id: String, squad: String, current: Double) -> String {
        """
        kind: Objective
        id: \(id)
        squad: \(squad)
        quarter: 2026-Q4
        title: More weekly learners
        key_results:
          - id: KR-1
            title: Weekly active learners from 40,000 to 50,000
            metric: weekly-active-learners
            baseline: 40000
            target: 50000
            current: \(current)
        """
    }

    func testEveryKeyResultMeasuringTheNorthStarIsOnTheHomePage() throws {
        let fixture = try SiteFixture(for: self)
        try fixture.commit("2026-10-21", ["playbooks/okrs/wal-a.yml": Self.objective("OKR-2026Q4-GRO-2", squad: "growth", current: 45000),
                                          "playbooks/okrs/wal-b.yml": Self.objective("OKR-2026Q4-GRO-3", squad: "growth", current: 42000)])
        let home = try XCTUnwrap(Site.render(try fixture.input())["index.html"])
        let panel = try XCTUnwrap(home.components(separatedBy: "<section class=\"northstar\"").dropFirst().first?.components(separatedBy: "</section>").first)
        XCTAssertTrue(panel.contains("Measured directly by 2 key results:"), panel)
        XCTAssertTrue(panel.contains("OKR-2026Q4-GRO-2/KR-1</a>: 45,000; from"), panel)
        XCTAssertTrue(panel.contains("OKR-2026Q4-GRO-3/KR-1</a>: 42,000; from"), panel)
        // Two values: no single figure stands for both.
        XCTAssertFalse(panel.contains("<p class=\"figure\">"), panel)
    }

    func testOneKeyResultKeepsItsFigure() throws {
        let fixture = try SiteFixture(for: self)
        try fixture.commit("2026-10-21", ["playbooks/okrs/wal-a.yml": Self.objective("OKR-2026Q4-GRO-2", squad: "growth", current: 45000)])
        let home = try XCTUnwrap(Site.render(try fixture.input())["index.html"])
        XCTAssertTrue(home.contains("<p class=\"figure\">45,000</p><p><a "), home)
        XCTAssertFalse(home.contains("Measured directly by"), home)
    }
}
