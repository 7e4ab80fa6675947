import Foundation
@testable import PlaybookSite
import XCTest

/// Experiments that ran together on one surface and have ended collided: the calendar shows it,
/// and so does each one's page (they listed only the collisions of live and ready experiments).
final class PastCollisionsTests: XCTestCase {
    /// The section of experiment `id` on its shared page.
    private func section(_ id: String, in page: String) throws -> String {
        try XCTUnwrap(page.components(separatedBy: "<section class=\"entity\" id=\"k-\(id)\"").dropFirst().first?
            .components(separatedBy: "<section class=\"entity\"").first, "no section of \(id)")
    }

    func testAnExperimentsPageListsTheCollisionsItHadWhileItRanAsTheCalendarDoes() throws {
        let fixture = try SiteFixture(for: self)
        let pricing = { (id: String, status: String, start: String, end: String) in
            SiteFixture.experiment(id, title: "Pricing \(id)", status: status, start: start, extra: "end: \(end)")
                .replacingOccurrences(of: "surface: web/signup", with: "surface: web/pricing")
        }
        try fixture.commit("2026-10-01", ["playbooks/experiments/EXP-0004.yml": pricing("EXP-0004", "ready", "2026-10-13", "2026-10-30"),
                                          "playbooks/experiments/EXP-0005.yml": pricing("EXP-0005", "ready", "2026-10-13", "2026-10-30")])
        try fixture.commit("2026-10-13", ["playbooks/experiments/EXP-0004.yml": pricing("EXP-0004", "running", "2026-10-13", "2026-10-30"),
                                          "playbooks/experiments/EXP-0005.yml": pricing("EXP-0005", "running", "2026-10-13", "2026-10-30")])
        try fixture.commit("2026-10-20", ["playbooks/experiments/EXP-0005.yml": pricing("EXP-0005", "abandoned", "2026-10-13", "2026-10-30")])
        // EXP-0006 is planned over the days EXP-0004 ran past its written end: it collides with it as it ran.
        try fixture.commit("2026-11-05", ["playbooks/experiments/EXP-0004.yml": pricing("EXP-0004", "concluded", "2026-10-13", "2026-10-30"),
                                          "playbooks/experiments/EXP-0006.yml": pricing("EXP-0006", "ready", "2026-11-03", "2026-11-20")])
        let site = Site.render(try fixture.input())
        let page = try XCTUnwrap(site["e/experiments.growth.2026-Q4.html"])
        let link = { (id: String, title: String) in "<a href=\"../e/experiments.growth.2026-Q4.html#k-\(id)\">\(id): \(title)</a>" }

        let ended = try section("EXP-0004", in: page)
        XCTAssertTrue(ended.contains("<p>Live together with it while it ran (it has ended, so, as on the <a href=\"../calendar.html\">calendar</a>, on the window it was live), on the same or a nested surface"), ended)
        // Both ended (review58s #3): they ran at the same time, nothing is left to review.
        XCTAssertTrue(ended.contains("<li>\(link("EXP-0005", "Pricing EXP-0005")) <span class=\"badge none\">ended</span></li>"), ended)
        XCTAssertTrue(ended.contains("<li>\(link("EXP-0006", "Pricing EXP-0006")) <span class=\"badge bad\">not reviewed</span></li>"), ended)
        let abandoned = try section("EXP-0005", in: page)
        XCTAssertTrue(abandoned.contains("<li>\(link("EXP-0004", "Pricing EXP-0004")) <span class=\"badge none\">ended</span>"), abandoned)
        let ready = try section("EXP-0006", in: page)
        XCTAssertTrue(ready.contains("in no shared exclusion group; one marked ended is judged on the window it was live, as on the <a href=\"../calendar.html\">calendar</a>:</p>"), ready)
        XCTAssertTrue(ready.contains("<li>\(link("EXP-0004", "Pricing EXP-0004")) <span class=\"badge none\">ended</span>"), ready)
        XCTAssertFalse(ready.contains("EXP-0005"), "EXP-0005 was abandoned before EXP-0006's window")

        // Every experiment's page names the partners its calendar row names.
        let calendar = try XCTUnwrap(site["calendar.html"])
        for id in ["EXP-0001", "EXP-0002", "EXP-0003", "EXP-0004", "EXP-0005", "EXP-0006"] {
            let row = calendar.components(separatedBy: "<tr>").first { $0.hasPrefix("<td>") && $0.contains("#k-\(id)\">\(id):") }?.components(separatedBy: "</tr>")[0] ?? ""
            let named = { (text: String, prefix: String) in
                text.components(separatedBy: prefix).dropFirst().compactMap { $0.split(separator: "\"").first.map(String.init) }
            }
            let onCalendar = named(row, "experiments.growth.2026-Q4.html#k-").filter { $0 != id }.sorted()
            let section = try section(id, in: site[id == "EXP-0001" ? "e/experiments.growth.2026-Q3.html" : "e/experiments.growth.2026-Q4.html"] ?? "")
            let listed = section.components(separatedBy: ">Collisions</h3>").dropFirst().first.map { named($0.components(separatedBy: "</ul>")[0], "<li><a href=\"../e/experiments.growth.2026-Q4.html#k-") } ?? []
            XCTAssertEqual(listed.sorted(), onCalendar, id)
        }
    }
}
