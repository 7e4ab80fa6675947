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
        // One side ended (review59s #1): lint and `playbook overlaps` judge it no more, so neither does the site.
        XCTAssertFalse(ended.contains(">Collisions</h3>"), ended)
        XCTAssertTrue(ended.contains(">Ran at the same time as</h3><p>On the same or a nested surface, for overlapping audiences, in no shared exclusion group, while it was live (it has ended); a past fact"), ended)
        XCTAssertTrue(ended.contains("<li>\(link("EXP-0005", "Pricing EXP-0005")) <span class=\"badge none\">ended</span></li>"), ended)
        XCTAssertTrue(ended.contains("<li>\(link("EXP-0006", "Pricing EXP-0006"))</li>"), ended)
        XCTAssertFalse(ended.contains("not reviewed"), ended)
        let abandoned = try section("EXP-0005", in: page)
        XCTAssertTrue(abandoned.contains("<li>\(link("EXP-0004", "Pricing EXP-0004")) <span class=\"badge none\">ended</span>"), abandoned)
        let ready = try section("EXP-0006", in: page)
        XCTAssertFalse(ready.contains(">Collisions</h3>"), ready)
        XCTAssertTrue(ready.contains("in no shared exclusion group, while the other was live (it has ended); a past fact"), ready)
        XCTAssertTrue(ready.contains("<li>\(link("EXP-0004", "Pricing EXP-0004")) <span class=\"badge none\">ended</span></li>"), ready)
        XCTAssertFalse(ready.contains("EXP-0005"), "EXP-0005 was abandoned before EXP-0006's window")

        // Every experiment's page names the partners its calendar row names.
        let calendar = try XCTUnwrap(site["calendar.html"])
        for id in ["EXP-0001", "EXP-0002", "EXP-0003", "EXP-0004", "EXP-0005", "EXP-0006"] {
            let row = calendar.components(separatedBy: "<tr>").first { $0.hasPrefix("<td data-label=\"surface\">") && $0.contains("#k-\(id)\">\(id):") }?.components(separatedBy: "</tr>")[0] ?? ""
            let named = { (text: String, prefix: String) in
                text.components(separatedBy: prefix).dropFirst().compactMap { $0.split(separator: "\"").first.map(String.init) }
            }
            let onCalendar = named(row, "experiments.growth.2026-Q4.html#k-").filter { $0 != id }.sorted()
            let section = try section(id, in: site[id == "EXP-0001" ? "e/experiments.growth.2026-Q3.html" : "e/experiments.growth.2026-Q4.html"] ?? "")
            let listed = [">Collisions</h3>", ">Ran at the same time as</h3>"].flatMap { heading in
                section.components(separatedBy: heading).dropFirst().first.map { named($0.components(separatedBy: "</ul>")[0], "<li><a href=\"../e/experiments.growth.2026-Q4.html#k-") } ?? []
            }
            XCTAssertEqual(listed.sorted(), onCalendar, id)
        }
    }

    /// A running experiment whose window overlaps the days a concluded one was live (review59s #1, the
    /// grocery history's EXP-0022 and EXP-0010): `playbook overlaps` and lint judge running, paused and
    /// ready experiments only and report nothing, so the site counts no collision, shows no badge and
    /// gives no advice; it says they ran at the same time, a past fact.
    func testARunningExperimentAndOneThatHasEndedRanAtTheSameTimeAndDoNotCollide() throws {
        let fixture = try SiteFixture(for: self)
        let checkout = { (id: String, status: String, start: String, end: String) in
            SiteFixture.experiment(id, title: "Checkout \(id)", status: status, start: start, extra: "end: \(end)")
                .replacingOccurrences(of: "surface: web/signup", with: "surface: app/checkout/first-order")
        }
        try fixture.commit("2026-10-20", ["playbooks/experiments/EXP-0010.yml": checkout("EXP-0010", "running", "2026-10-20", "2026-11-15")])
        try fixture.commit("2026-11-10", ["playbooks/experiments/EXP-0022.yml": checkout("EXP-0022", "running", "2026-11-10", "2026-12-10")])
        try fixture.commit("2026-11-20", ["playbooks/experiments/EXP-0010.yml": checkout("EXP-0010", "concluded", "2026-10-20", "2026-11-15")])
        let site = Site.render(try fixture.input(today: "2026-11-25"))
        let calendar = try XCTUnwrap(site["calendar.html"])
        let area = try XCTUnwrap(calendar.components(separatedBy: "<h2 id=\"k-app\"><code>app</code></h2>").dropFirst().first?.components(separatedBy: "</section>").first, calendar)
        XCTAssertFalse(area.contains("<h3>Collisions on"), area)
        XCTAssertFalse(area.contains("not reviewed") || area.contains("split the audience") || area.contains("⚠"), area)
        XCTAssertTrue(area.contains("<h3>Ran at the same time on <code>app</code>, one or both ended</h3>"), area)
        XCTAssertTrue(area.contains(": EXP-0010 and EXP-0022 ran at the same time from 2026-11-10 to 2026-11-20 on the surface app/checkout/first-order for every segment, all regions, all platforms, in no shared exclusion group.</li>"), area)
        let row = { (id: String) in calendar.components(separatedBy: "<tr>").first { $0.hasPrefix("<td data-label=\"surface\">") && $0.contains(">\(id): Checkout") }?.components(separatedBy: "</tr>")[0] ?? "" }
        XCTAssertTrue(row("EXP-0022").contains("<span class=\"meta\">ran at the same time as <a href=\"e/experiments.growth.2026-Q4.html#k-EXP-0010\">EXP-0010</a>, which had ended</span>"), row("EXP-0022"))
        XCTAssertFalse(row("EXP-0022").contains("<strong>"), row("EXP-0022"))
        // Only the fixture's two ready experiments on web/signup still collide.
        XCTAssertTrue(calendar.contains("<p>1 pair of experiments collide; each area above lists them.</p>"), calendar)
        XCTAssertTrue(calendar.contains("<p>1 pair of experiments, one or both ended by 2026-11-25, ran at the same time"), calendar)

        let page = try XCTUnwrap(site["e/experiments.growth.2026-Q4.html"])
        for (id, other) in [("EXP-0022", "EXP-0010"), ("EXP-0010", "EXP-0022")] {
            let own = try section(id, in: page)
            XCTAssertFalse(own.contains(">Collisions</h3>") || own.contains("not reviewed"), own)
            XCTAssertTrue(own.contains(">Ran at the same time as</h3>"), own)
            XCTAssertTrue(own.contains("#k-\(other)\">\(other): Checkout \(other)</a>"), own)
        }
    }
}
