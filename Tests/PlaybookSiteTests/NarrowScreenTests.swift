import Foundation
import PlaybookReports
@testable import PlaybookSite
import XCTest

/// Pages read on a phone 390 px wide: no text under 12 px, nothing that widens the page.
/// (scripts/site-browser-check.py measures the same in Chromium.)
final class NarrowScreenTests: XCTestCase {
    /// The `font-size` a stylesheet rule for `selector` sets inside the narrow screens' media query.
    private func narrowFontSize(of selector: String) -> Double? {
        guard let media = Assets.stylesheet.components(separatedBy: "@media (max-width: 600px) {").dropFirst().first,
              let rule = media.components(separatedBy: "\n").first(where: { $0.trimmingCharacters(in: .whitespaces).hasPrefix(selector + " {") }),
              let size = rule.components(separatedBy: "font-size:").dropFirst().first?.split(separator: "px").first
        else { return nil }
        return Double(size.trimmingCharacters(in: .whitespaces))
    }

    /// A table or timeline wider than the screen scrolls in its region, and says so: a shadow at the edge it goes on
    /// toward, covered once scrolled there (review: at 390 px a squad's budget standing, the program's win rates and a
    /// metric's targets were off to the side with no sign that the table scrolls).
    func testAScrollingRegionShowsAShadowWhereItGoesOn() throws {
        let rule = try XCTUnwrap(Assets.stylesheet.components(separatedBy: "\n.scroll {").dropFirst().first?.components(separatedBy: "}").first)
        XCTAssertTrue(rule.contains("overflow-x: auto"), rule)
        // Two covers that scroll with the content, two shadows that stay at the region's edges.
        XCTAssertEqual(rule.components(separatedBy: "no-repeat local").count - 1, 2, rule)
        XCTAssertEqual(rule.components(separatedBy: "no-repeat scroll").count - 1, 2, rule)
        XCTAssertTrue(rule.contains("radial-gradient(farthest-side at 100% 50%"), rule)
    }

    /// A chart is 560 units wide and shrinks with its column: at 390 px it is 366 px wide (334 px
    /// in the North Star's panel), so its 15-unit text came out at 8.9–9.8 px and its title at 10 px.
    /// On a narrow screen its text is set larger in its units, the layout leaves room for it, and
    /// the title is HTML, which wraps.
    func testChartTextReadsAtTwelvePixelsOrMoreOnANarrowScreen() throws {
        let size = try XCTUnwrap(narrowFontSize(of: ".chart text"), "no narrow-screen text size for charts")
        XCTAssertEqual(size, Charts.narrowText)
        XCTAssertGreaterThanOrEqual(size * 334 / Charts.width, 12)
        let quarters = (2024...2026).flatMap { year in (1...4).map { "\(year)-Q\($0)" } }
        let svg = Charts.bars(title: "Experiments started and concluded per quarter", categories: quarters,
                              series: [Series(name: "started", values: quarters.map { _ in 1_000_000 })], yLabel: "experiments",
                              format: { Numbers.grouped($0, places: 0) })
        XCTAssertTrue(svg.hasPrefix("<figure class=\"chart\"><figcaption>Experiments started and concluded per quarter</figcaption><svg "), svg)
        XCTAssertFalse(svg.contains("class=\"title\""), "the title is not SVG text, which cannot wrap")
        // Twelve quarters below the axis: the quarter under each, its year under the first and each Q1 only.
        XCTAssertEqual(svg.components(separatedBy: "<tspan").count - 1, 3, svg)
        XCTAssertTrue(svg.contains(">Q1<tspan x=\"") && svg.contains(">2025</tspan>"), svg)
        // Room for "1,000,000" at the narrow size, right of the rotated axis title.
        let tick = try XCTUnwrap(svg.components(separatedBy: "<text x=\"").dropFirst().first { $0.contains(">1,000,000</text>") })
        let right = try XCTUnwrap(Double(tick.prefix { $0 != "\"" }))
        XCTAssertGreaterThanOrEqual(right - 9 * size * 0.58, 18 + size / 2, svg)
    }

    /// The calendar's timeline is 1,100 px wide. It scrolls in a region of its own under a caption
    /// (the page never does), and its labels are HTML that stays at the left while the bars scroll,
    /// so a 390 px screen shows which experiment a bar is; it was one SVG, labels and all, so
    /// scrolling to the bars hid the labels.
    func testTheCalendarsTimelineScrollsUnderACaptionWithItsLabelsStayingInView() throws {
        let calendar = try XCTUnwrap(Site.render(try SiteFixture(for: self).input())["calendar.html"])
        let region = "<p class=\"caption\">Timeline of <code>web</code>, <span class=\"nw\">2026-09-20</span> to <span class=\"nw\">2026-12-19</span> "
            + "<span class=\"meta\">(it scrolls sideways on a narrow screen; the table below gives every window's dates)</span>"
            + "<span class=\"tl-hint meta\" aria-hidden=\"true\">← Scroll the timeline sideways: it runs from <span class=\"nw\">2026-09-20</span> to <span class=\"nw\">2026-12-19</span>. →</span></p>\n"
            + "<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"timeline of web\"><div class=\"tl\"><ul class=\"tl-labels\">"
        XCTAssertTrue(calendar.contains(region), calendar)
        XCTAssertTrue(calendar.contains("<li class=\"tl-lane\">web/signup</li>"), calendar)
        XCTAssertTrue(calendar.contains("<li class=\"tl-row\"><a href=\"e/experiments.growth.2026-Q4.html#k-EXP-0002\">⚠ EXP-0002</a></li>"), calendar)
        // A dashed line where an exclusion group starts, in the labels as across the bars; a group's name on a row of its own.
        XCTAssertTrue(calendar.contains("<li class=\"tl-row tl-group\"><a href=\"e/experiments.growth.2026-Q3.html#k-EXP-0001\">EXP-0001</a></li>"), calendar)
        XCTAssertTrue(calendar.contains("<li class=\"tl-eg l2\" title=\"exclusion group onboarding\">exclusion group<br><strong>onboarding</strong></li>"), calendar)
        // The bars in pixels (its 12 px text stays 12 px), without the labels; the group's row two lines (review69 D9).
        XCTAssertTrue(calendar.contains("<svg class=\"timeline\" width=\"938\" height=\"208\" viewBox=\"0 0 938 208\""), calendar)
        let svg = try XCTUnwrap(calendar.components(separatedBy: "<svg class=\"timeline\"").dropFirst().first?.components(separatedBy: "</svg>").first)
        XCTAssertFalse(svg.contains("⚠ EXP-0002") || svg.contains(">web/signup<"), svg)
        for rule in [".tl-labels { position: sticky; left: 0;", ".tl-head { height: 40px; }", ".tl-labels .tl-lane { height: 26px;", ".tl-row { height: 30px;"] {
            XCTAssertTrue(Assets.stylesheet.contains(rule), rule)
        }
    }
}

extension NarrowScreenTests {
    /// review53a #2: "reviewed by Growth council on 2025-10-17" ran off a 390 px screen, and a
    /// reviewer's name of 270 letters without a space made the calendar and the experiment's page
    /// 2,740 px wide at 1400: the badge was never allowed to wrap. It wraps now, and breaks a word
    /// longer than its line (scripts/site-browser-check.py measures the pages in Chromium).
    func testAReviewersBadgeWrapsAndBreaksALongNameRatherThanWideningThePage() throws {
        let rule = try XCTUnwrap(Assets.stylesheet.components(separatedBy: "\n").first { $0.trimmingCharacters(in: .whitespaces).hasPrefix(".badge {") })
        XCTAssertFalse(rule.contains("nowrap"), rule)
        XCTAssertTrue(rule.contains("overflow-wrap: anywhere") && rule.contains("max-width: 100%"), rule)
        let fixture = try SiteFixture(for: self)
        let name = "Growth council " + String(repeating: "Supercalifragilistic", count: 14)
        try fixture.commit("2026-11-20", [
            "playbooks/experiments/EXP-0002.yml": SiteFixture.experiment("EXP-0002", title: "Social sign-in", status: "ready", start: "2026-12-01", extra: """
            approvals:
              - {by: "\(name)", role: council, date: 2026-11-20, overlaps: [EXP-0003]}
            """),
        ])
        let site = Site.render(try fixture.input())
        // The name is in the badge, on a list's line (in a table's cell a badge stays whole).
        for page in ["calendar.html", "e/experiments.growth.2026-Q4.html"] {
            XCTAssertTrue(try XCTUnwrap(site[page]).contains(" <span class=\"badge good\">reviewed by \(name) on 2026-11-20</span></li>"), page)
        }
    }

    /// The rules of the narrow screens' media query.
    private var narrowRules: String {
        Assets.stylesheet.components(separatedBy: "@media (max-width: 600px) {").dropFirst().first?.components(separatedBy: "@media print").first ?? ""
    }

    /// site63 #5: at 390 px the squads index's budget column and its "over the cap" were reachable only by scrolling
    /// sideways. On a narrow screen each squad is a block of its fields, each named by its column (CSS only).
    func testTheSquadsIndexStacksEachSquadOnANarrowScreen() throws {
        let index = try XCTUnwrap(Site.render(try SiteFixture(for: self).input(today: "2026-11-30"))["squads.html"])
        XCTAssertTrue(index.contains("<table class=\"stack\"><thead>"), index)
        XCTAssertTrue(index.contains("<td data-label=\"budget 2026-Q4\">EUR\u{00A0}1,400 of EUR\u{00A0}1,000 <span class=\"badge bad\">over the cap</span></td>"), index)
        XCTAssertTrue(index.contains("<td class=\"t\" data-label=\"name\">Growth</td>"), index)
        let rules = narrowRules
        XCTAssertTrue(rules.contains("table.stack, table.stack tbody, table.stack tr, table.stack td { display: block;"), rules)
        XCTAssertTrue(rules.contains("table.stack td::before { content: attr(data-label)"), rules)
        // Other tables keep their columns.
        let squad = try XCTUnwrap(Site.render(try SiteFixture(for: self).input(today: "2026-11-30"))["e/growth.html"])
        XCTAssertFalse(squad.contains("data-label"), squad)
    }

    /// site63 #4: at 1400 px the timeline stopped short of the tables (1,100 px in a 1,168 px box); at 390 px it opened
    /// at today showing three weeks with no word that earlier bars lay off to the left; and the explanation filled two
    /// and a half screens before the first timeline. The timeline fills the widest box, a narrow screen has a line that
    /// says it scrolls (and opens with today three quarters across, most of the view before it), and the explanation
    /// is a short lead and the legend, its full text in a details element after them.
    func testTheCalendarsTimelineFillsTheWideBoxAndItsNarrowViewSaysItScrolls() throws {
        let calendar = try XCTUnwrap(Site.render(try SiteFixture(for: self).input())["calendar.html"])
        // 1,200 px of main less 2 × 16 px of padding, less the 230 px label column.
        XCTAssertTrue(Assets.stylesheet.contains("main { max-width: 1200px; margin: 0 auto; padding: 1rem 1rem 3rem; }"))
        XCTAssertTrue(Assets.stylesheet.contains(".tl-labels { position: sticky; left: 0; z-index: 1; flex: none; width: 230px;"))
        XCTAssertEqual(CalendarPage.timelineWidth, 1_200 - 2 * 16 - 230)
        XCTAssertTrue(calendar.contains("<svg class=\"timeline\" width=\"938\""), calendar)
        // The hint, shown on a narrow screen only.
        XCTAssertTrue(calendar.contains("<span class=\"tl-hint meta\" aria-hidden=\"true\">← Scroll the timeline sideways: it runs from "), calendar)
        XCTAssertTrue(Assets.stylesheet.contains(".tl-hint { display: none;"))
        XCTAssertTrue(narrowRules.contains(".tl-hint { display: block; }"), narrowRules)
        XCTAssertTrue(Assets.timelineScript.contains("region.scrollLeft = Math.max(0, today - bars * 3 / 4);"))
        // Before the first timeline: the lead, the legend, a closed details with the full text, the days shown and the areas.
        let before = try XCTUnwrap(calendar.components(separatedBy: "<h1>").dropFirst().first?.components(separatedBy: "<p class=\"caption\">Timeline of").first)
        let details = try XCTUnwrap(before.range(of: "<details class=\"reading\"><summary>How to read the calendar</summary>"), before)
        let closing = try XCTUnwrap(before.range(of: "</details>"), before)
        XCTAssertTrue(before[details.upperBound..<closing.lowerBound].contains("Each surface's experiments: the dashed outline is the window as planned"), before)
        let outside = String(before[..<details.lowerBound]) + String(before[closing.upperBound...])
        let text = outside.replacingOccurrences(of: "<[^>]*>", with: "", options: .regularExpression)
        XCTAssertLessThan(text.count, 450, text)
        XCTAssertTrue(before[..<details.lowerBound].contains("<ul class=\"legend\">"), before)
    }

    /// Review of 2026-12-06: at 390 px the North Star's trend table broke its quarters at the hyphen ("2026-" over
    /// "Q3"). No table cell of the site that is a quarter alone may break: each is kept on one line.
    func testNoQuarterInATableBreaksAtItsHyphen() throws {
        let files = Site.render(try SiteFixture(for: self).input(today: "2026-11-30"))
        let quarterCell = try NSRegularExpression(pattern: "<td[^>]*>([0-9]{4}-Q[1-4])</td>")
        var found = 0
        for (path, page) in files where path.hasSuffix(".html") {
            let matches = quarterCell.matches(in: page, range: NSRange(page.startIndex..., in: page))
            XCTAssertTrue(matches.isEmpty, "\(path): " + matches.prefix(3).compactMap { Range($0.range, in: page).map { String(page[$0]) } }.joined(separator: ", "))
            found += page.components(separatedBy: "<span class=\"nw\">2026-Q4</span></td>").count - 1
        }
        // The trend table, the metric's key results, the squad's budgets and the program's rows each hold one.
        XCTAssertGreaterThanOrEqual(found, 4)
        let home = try XCTUnwrap(files["index.html"])
        XCTAssertTrue(home.contains("<tr><td><span class=\"nw\">2026-Q4</span></td>"), home)
        let metric = try XCTUnwrap(files[files.keys.first { $0.hasPrefix("e/signup") } ?? ""])
        XCTAssertTrue(metric.contains("<span class=\"nw\">2026-Q4</span></td>"), metric)
    }

    /// Review of 2026-12-06: at 390 px the calendar's eight columns were cramped into a region scrolled sideways, titles
    /// one word a line. On a narrow screen each row is a block of its cells, each named by its column.
    func testTheCalendarsTablesStackOnANarrowScreen() throws {
        let calendar = try XCTUnwrap(Site.render(try SiteFixture(for: self).input(today: "2026-11-30"))["calendar.html"])
        let tables = calendar.components(separatedBy: "<p class=\"caption\">Experiments on ").dropFirst()
        XCTAssertFalse(tables.isEmpty, calendar)
        for table in tables {
            XCTAssertTrue(table.contains("<table class=\"stack\"><thead>"), String(table.prefix(400)))
            XCTAssertTrue(table.contains("<td data-label=\"planned\">"), String(table.prefix(400)))
        }
    }
}
