import Foundation
import PlaybookModel
@testable import PlaybookSite
import XCTest

/// Two experiments live at the same time on one surface, for audiences in different regions, drew overlapping bars
/// with no red outline and nothing said why (review of 2026-12-06): each row now names the other and what keeps them apart.
final class CalendarNearMissTests: XCTestCase {
    private func experiment(_ id: String, _ status: String, surface: String, extra: String) -> String {
        SiteFixture.experiment(id, title: "Test \(id)", status: status, start: "2026-11-02", extra: extra)
            .replacingOccurrences(of: "surface: web/signup", with: "surface: \(surface)")
    }

    func testExperimentsLiveTogetherForAudiencesThatCannotOverlapSayWhyTheyDoNotCollide() throws {
        let fixture = try SiteFixture(for: self)
        try fixture.commit("2026-11-02", [
            "playbooks/experiments/EXP-0020.yml": experiment("EXP-0020", "running", surface: "web/checkout", extra: "audience: {regions: [emea]}"),
            // Nested, in another region: apart.
            "playbooks/experiments/EXP-0021.yml": experiment("EXP-0021", "running", surface: "web/checkout/payment", extra: "audience: {regions: [latam]}"),
            // The same region as EXP-0020: a collision, not a near miss.
            "playbooks/experiments/EXP-0022.yml": experiment("EXP-0022", "ready", surface: "web/checkout", extra: "audience: {regions: [emea, apac]}"),
            // Apart from EXP-0025 by region, but in one exclusion group with it: the group keeps them apart already.
            "playbooks/experiments/EXP-0023.yml": experiment("EXP-0023", "running", surface: "web/checkout",
                                                             extra: "audience: {platforms: [ios], regions: [latam]}\nexclusion_group: checkout-tests"),
            // Another surface altogether: nothing to say.
            "playbooks/experiments/EXP-0024.yml": experiment("EXP-0024", "running", surface: "web/search", extra: "audience: {regions: [latam]}"),
        ])
        try fixture.commit("2026-11-03", [
            "playbooks/experiments/EXP-0025.yml": experiment("EXP-0025", "running", surface: "web/checkout", extra: "audience: {segment: returning-buyers, regions: [apac]}\nexclusion_group: checkout-tests"),
        ])
        let calendar = try XCTUnwrap(Site.render(try fixture.input(today: "2026-11-30"))["calendar.html"])
        func row(_ id: String) throws -> String {
            let start = try XCTUnwrap(calendar.range(of: "#k-\(id)\">\(id): Test \(id)</a>"), "no row for \(id)")
            return String(calendar[start.upperBound...].prefix { $0 != "\n" })
        }
        let apart = "<span class=\"meta\">live beside it, audiences apart: "
        let (e0020, e0021, e0022, e0023, e0024, e0025) = (try row("EXP-0020"), try row("EXP-0021"), try row("EXP-0022"), try row("EXP-0023"),
                                                          try row("EXP-0024"), try row("EXP-0025"))
        XCTAssertTrue(e0020.contains(apart + "<a href=\"e/experiments.growth.2026-Q4.html#k-EXP-0021\">EXP-0021</a> (region emea / latam), "), e0020)
        XCTAssertTrue(e0020.contains("EXP-0025</a> (region emea / apac)</span>"), e0020)
        XCTAssertTrue(e0021.contains(apart + "<a href=\"e/experiments.growth.2026-Q4.html#k-EXP-0020\">EXP-0020</a> (region latam / emea), "
                                     + "<a href=\"e/experiments.growth.2026-Q4.html#k-EXP-0022\">EXP-0022</a> (region latam / emea, apac), "
                                     + "<a href=\"e/experiments.growth.2026-Q4.html#k-EXP-0025\">EXP-0025</a> (region latam / apac)</span>"), e0021)
        // EXP-0022 collides with EXP-0020 (shared region): named in bold, not as apart from it.
        XCTAssertTrue(e0022.contains("<strong><a href=\"e/experiments.growth.2026-Q4.html#k-EXP-0020\">EXP-0020</a>"), e0022)
        XCTAssertFalse(e0022.contains("EXP-0020</a> (region"), e0022)
        // One exclusion group holds EXP-0023 and EXP-0025: neither names the other.
        XCTAssertFalse(e0023.contains("EXP-0025</a> ("), e0023)
        XCTAssertTrue(e0025.contains(apart + "<a href=\"e/experiments.growth.2026-Q4.html#k-EXP-0020\">EXP-0020</a> (region apac / emea), "), e0025)
        XCTAssertFalse(e0025.contains("EXP-0023</a> ("), e0025)
        XCTAssertFalse(e0024.contains(apart), e0024)
    }

    /// The audiences' values are written by users: what keeps them apart is escaped.
    func testWhatKeepsThemApartIsText() throws {
        let fixture = try SiteFixture(for: self)
        try fixture.commit("2026-11-02", [
            "playbooks/experiments/EXP-0020.yml": experiment("EXP-0020", "running", surface: "web/checkout", extra: "audience: {regions: [\"<b>emea</b>\"]}"),
            "playbooks/experiments/EXP-0021.yml": experiment("EXP-0021", "running", surface: "web/checkout", extra: "audience: {regions: [latam]}"),
        ])
        let calendar = try XCTUnwrap(Site.render(try fixture.input(today: "2026-11-30"))["calendar.html"])
        XCTAssertTrue(calendar.contains("EXP-0021</a> (region &lt;b&gt;emea&lt;/b&gt; / latam)</span>"), calendar)
        XCTAssertFalse(calendar.contains("<b>emea"), calendar)
    }
}
