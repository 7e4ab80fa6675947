import Foundation
import PlaybookModel
@testable import PlaybookSite
import XCTest

/// What the calendar's timelines show and how they read: their window, their ticks, their labels.
final class CalendarTimelineTests: XCTestCase {
    /// Each tick label of the first timeline on `calendar`, as drawn: its text and its left and right edges in px.
    private func tickLabels(_ calendar: String) throws -> [(text: String, left: Double, right: Double)] {
        let svg = try XCTUnwrap(calendar.components(separatedBy: "<svg class=\"timeline\"").dropFirst().first?.components(separatedBy: "</svg>").first)
        let texts = try NSRegularExpression(pattern: "<text class=\"tick\" x=\"([0-9.]+)\" y=\"[0-9]+\"( text-anchor=\"end\")?>([^<]*)</text>")
        return try texts.matches(in: svg, range: NSRange(svg.startIndex..., in: svg)).map { match in
            let x = try XCTUnwrap(Range(match.range(at: 1), in: svg).flatMap { Double(svg[$0]) })
            let text = try XCTUnwrap(Range(match.range(at: 3), in: svg).map { String(svg[$0]) })
            let drawn = Double(text.count) * CalendarPage.characterWidth
            return match.range(at: 2).location == NSNotFound ? (text, x, x + drawn) : (text, x - drawn, x)
        }
    }

    /// review53a #1: a draft planned to `end: 9999-12-31` stretched every timeline to ten years past
    /// today, its 41 quarter labels drawn over each other and every real bar a few pixels wide. The
    /// timelines now show today, the days experiments were live and at most six months of plans
    /// beyond; the far window runs to the edge with an arrow and its dates as written.
    func testAWindowWrittenYearsOffNeitherStretchesTheTimelineNorCrowdsItsLabels() throws {
        let fixture = try SiteFixture(for: self)
        try fixture.commit("2026-11-01", [
            "playbooks/experiments/EXP-0004.yml": SiteFixture.experiment("EXP-0004", title: "Leaderboard", status: "draft", start: "2026-12-10",
                                                                         extra: "end: 9999-12-31")
                .replacingOccurrences(of: "surface: web/signup", with: "surface: web/leaderboard"),
        ])
        let calendar = try XCTUnwrap(Site.render(try fixture.input(today: "2026-11-30"))["calendar.html"])
        // EXP-0001 was live from 2026-09-20; six months of plans after today.
        XCTAssertTrue(calendar.contains("Timeline of <code>web</code>, <span class=\"nw\">2026-09-20</span> to <span class=\"nw\">2027-06-01</span>"), calendar)
        XCTAssertTrue(calendar.contains("<p>The timelines show <span class=\"nw\">2026-09-20</span> to <span class=\"nw\">2027-06-01</span>.</p>"), calendar)
        XCTAssertTrue(calendar.contains("<p>The timelines show today and every day an experiment was live, and the planned windows up to six months beyond those days"), calendar)
        XCTAssertTrue(calendar.contains("<title>EXP-0004 runs on after 2027-06-01: planned 2026-12-10 to 9999-12-31</title>"), calendar)
        XCTAssertTrue(calendar.contains("<title>EXP-0004 planned 2026-12-10 to 9999-12-31</title>"), calendar)
        // EXP-0001's three live weeks are a bar, not a sliver: 23 days of 255 over 854 px.
        let bar = try XCTUnwrap(calendar.range(of: ##"width="([0-9.]+)" height="10" fill="#2f5fd0" rx="2"><title>EXP-0001 live"##, options: .regularExpression))
        let width = try XCTUnwrap(Double(calendar[bar].dropFirst(7).prefix { $0 != "\"" }))
        XCTAssertGreaterThan(width, 70, calendar)
        let labels = try tickLabels(calendar)
        XCTAssertEqual(labels.map(\.text), ["2026-10", "2026-11", "2026-12", "2027-01", "2027-02", "2027-03", "2027-04", "2027-05"], calendar)
        for (a, b) in zip(labels, labels.dropFirst()) {
            XCTAssertLessThanOrEqual(a.right + CalendarPage.labelGap, b.left, "\(a.text) meets \(b.text)")
        }
    }

    /// review53a #1: the ticks were every month, or every quarter past 800 days, whatever the span,
    /// so five years of quarters (and ten of them) overlapped. At any span they now stand their
    /// labels' width apart, months, quarters or years, and a label never passes the timeline's edge.
    func testTickLabelsNeverOverlapAtAnySpan() throws {
        let first = try XCTUnwrap(Day("2021-03-17"))
        for days in [10, 40, 100, 200, 365, 500, 800, 1_200, 1_900, 3_000, 4_000, 7_300, 14_600, 36_500] {
            let range = (first, first.adding(days: days))
            let perDay = 854.0 / Double(days + 1)
            let ticks = CalendarPage.ticks(range, pixelsPerDay: perDay)
            XCTAssertGreaterThanOrEqual(ticks.count, days >= 60 ? 2 : 0, "\(days) days: \(ticks.map(\.label))")
            for (a, b) in zip(ticks, ticks.dropFirst()) {
                let apart = Double(b.day.dayNumber - a.day.dayNumber) * perDay
                XCTAssertGreaterThanOrEqual(apart, 3 + Double(a.label.count) * CalendarPage.characterWidth + CalendarPage.labelGap,
                                            "\(days) days: \(a.label) and \(b.label) are \(apart) px apart")
            }
            XCTAssertTrue(ticks.allSatisfy { $0.day >= range.0 && $0.day <= range.1 }, "\(days) days: \(ticks.map(\.label))")
        }
        // Months while they fit, then quarters, then years.
        XCTAssertEqual(CalendarPage.ticks((first, first.adding(days: 100)), pixelsPerDay: 854.0 / 101).map(\.label), ["2021-04", "2021-05", "2021-06"])
        XCTAssertEqual(CalendarPage.ticks((first, first.adding(days: 1_000)), pixelsPerDay: 854.0 / 1_001).first?.label, "2021-04")
        XCTAssertEqual(CalendarPage.ticks((first, first.adding(days: 1_000)), pixelsPerDay: 854.0 / 1_001).dropFirst().first?.label, "2021-07")
        XCTAssertEqual(CalendarPage.ticks((first, first.adding(days: 3_000)), pixelsPerDay: 854.0 / 3_001).map(\.label).prefix(2), ["2022", "2023"])
    }

    /// review54 #3: a timeline of a day or two (every experiment live or planned within them, today
    /// included) drew no tick at all, its range holding no first of a month. Its first day is its one
    /// tick, labelled with the date; a longer range keeps its months, quarters or years.
    func testATimelineOfADayOrTwoLabelsItsFirstDay() throws {
        let fixture = try SiteFixture(for: self)
        for id in ["EXP-0001", "EXP-0002", "EXP-0003"] {
            try FileManager.default.removeItem(atPath: fixture.root + "/playbooks/experiments/\(id).yml")
            try fixture.repository.stage(paths: ["playbooks/experiments/\(id).yml"])
        }
        try fixture.commit("2026-11-29", ["playbooks/experiments/EXP-0009.yml": SiteFixture.experiment(
            "EXP-0009", title: "Two-day banner", status: "running", start: "2026-11-29", extra: "end: 2026-11-30")])
        let calendar = try XCTUnwrap(Site.render(try fixture.input(today: "2026-11-30"))["calendar.html"])
        XCTAssertTrue(calendar.contains("Timeline of <code>web</code>, <span class=\"nw\">2026-11-29</span> to <span class=\"nw\">2026-11-30</span>"), calendar)
        XCTAssertEqual(try tickLabels(calendar).map(\.text), ["2026-11-29"], calendar)
        let first = try XCTUnwrap(Day("2021-03-17"))
        for days in [1, 2, 5, 10] {
            let ticks = CalendarPage.ticks((first, first.adding(days: days)), pixelsPerDay: 854.0 / Double(days + 1))
            XCTAssertEqual(ticks.map(\.label), ["2021-03-17"], "\(days) days")
        }
        // A range that holds the first of a month ticks the month alone, as before.
        XCTAssertEqual(CalendarPage.ticks((first, first.adding(days: 20)), pixelsPerDay: 854.0 / 21).map(\.label), ["2021-04"])
    }

    /// review53a #3: a row's label was the id, the exclusion group, then ⚠, cut at 32 characters, so
    /// an experiment in a group named with more than about 19 lost its collision marker, and review53d #4: after
    /// the id, a long id (`EXP-checkout-onepage-redesign-2026-v2`, valid) lost it too. The marker comes first now,
    /// and the whole label is the link's tooltip.
    func testACollidingExperimentKeepsItsMarkerWhateverItsExclusionGroupsName() throws {
        let fixture = try SiteFixture(for: self)
        let group = "onboarding-first-week"
        try fixture.commit("2026-11-01", [
            "playbooks/experiments/EXP-0003.yml": SiteFixture.experiment("EXP-0003", title: "Welcome email", status: "ready", start: "2026-12-05",
                                                                         extra: "exclusion_group: \(group)"),
        ])
        let calendar = try XCTUnwrap(Site.render(try fixture.input())["calendar.html"])
        // EXP-0003 collides with EXP-0002 (which is in no group).
        XCTAssertTrue(calendar.contains(" × <a href=\"e/experiments.growth.2026-Q4.html#k-EXP-0003\">EXP-0003</a>: "), calendar)
        // The group is named on its own row above (site58 #2), and in the tooltip.
        XCTAssertTrue(calendar.contains("<a href=\"e/experiments.growth.2026-Q4.html#k-EXP-0003\" title=\"EXP-0003, collides, exclusion group \(group)\">"
                                        + "⚠ EXP-0003</a>"), calendar)
        XCTAssertTrue(calendar.contains(">⚠ EXP-0002</a></li>"), calendar)
        let long = "EXP-checkout-onepage-redesign-2026-v2"
        try fixture.commit("2026-11-02", [
            "playbooks/experiments/EXP-0003.yml": SiteFixture.experiment(long, title: "Welcome email", status: "ready", start: "2026-12-05", extra: ""),
        ])
        let again = try XCTUnwrap(Site.render(try fixture.input())["calendar.html"])
        XCTAssertTrue(again.contains("title=\"\(long), collides\">⚠ EXP-checkout-onepage-redesign…</a>"), again)
    }

    /// site58 #2: an exclusion group was named after the id in each row's label, which the narrow screen's label
    /// column (8.5rem) cut: at 390 px `EXP-0003 · onboarding` read `EXP-0003 · onbo…`. The group is named in full on
    /// a row of its own above its experiments' rows, which runs on as wide as it needs, in the labels and in the bars' rows.
    func testAnExclusionGroupIsNamedInFullOnARowOfItsOwnAboveItsExperiments() throws {
        let fixture = try SiteFixture(for: self)
        let group = "onboarding-first-week"
        try fixture.commit("2026-11-01", [
            "playbooks/experiments/EXP-0002.yml": SiteFixture.experiment("EXP-0002", title: "Social sign-in", status: "ready", start: "2026-12-01",
                                                                         extra: "exclusion_group: \(group)"),
        ])
        let calendar = try XCTUnwrap(Site.render(try fixture.input())["calendar.html"])
        // Groups sorted by name, each under its row (two groups on one surface still collide); the rows in no group after a dashed line.
        XCTAssertTrue(calendar.contains("<li class=\"tl-lane\">web/signup</li><li class=\"tl-eg l2\" title=\"exclusion group onboarding\">exclusion group<br><strong>onboarding</strong></li>"
                                        + "<li class=\"tl-row\"><a href=\"e/experiments.growth.2026-Q4.html#k-EXP-0003\" title=\"EXP-0003, collides, exclusion group onboarding\">⚠ EXP-0003</a></li>"
                                        + "<li class=\"tl-eg l3 tl-group\" title=\"exclusion group \(group)\">exclusion group<br><strong>onboarding-<br>first-week</strong></li>"
                                        + "<li class=\"tl-row\"><a href=\"e/experiments.growth.2026-Q4.html#k-EXP-0002\" title=\"EXP-0002, collides, exclusion group \(group)\">⚠ EXP-0002</a></li>"
                                        + "<li class=\"tl-row tl-group\"><a href=\"e/experiments.growth.2026-Q3.html#k-EXP-0001\">EXP-0001</a></li>"), calendar)
        XCTAssertFalse(calendar.contains(" · onboarding"), calendar)
        // The bars' side has the two group rows too, of two and three lines: 40 + 26 + 3 × 30 + 5 × 22 + 8.
        XCTAssertTrue(calendar.contains("<svg class=\"timeline\" width=\"938\" height=\"274\" viewBox=\"0 0 938 274\""), calendar)
        let rule = try XCTUnwrap(Assets.stylesheet.components(separatedBy: "\n").first { $0.trimmingCharacters(in: .whitespaces).hasPrefix(".tl-labels .tl-eg {") })
        XCTAssertTrue(rule.contains("height: 22px;"), rule)  // CalendarPage.groupHead
        // review69 D9: it stays in its column (`.tl-labels li` cuts what a line of wide letters still has past it).
        XCTAssertFalse(rule.contains("overflow: visible"), rule)
    }

    /// review59s #3: a long exclusion group's name (the grocery history's, 62 characters) ran on past the right edge of
    /// a 390 px screen, with or without the script. It is broken after a `-` into lines of `groupLineLength`, each
    /// a 22 px line of its row, which is as tall in the labels (`.l2`…) as across the bars; escaped line by line.
    func testALongExclusionGroupIsBrokenIntoLinesItsRowTallerOnBothSides() throws {
        let fixture = try SiteFixture(for: self)
        let group = "checkout-slots-and-loyalty-points-holdout-2026-q4-emea-<i>x</i>"
        try fixture.commit("2026-11-01", [
            "playbooks/experiments/EXP-0002.yml": SiteFixture.experiment("EXP-0002", title: "Social sign-in", status: "ready", start: "2026-12-01",
                                                                         extra: "exclusion_group: \"\(group)\""),
        ])
        let calendar = try XCTUnwrap(Site.render(try fixture.input())["calendar.html"])
        XCTAssertTrue(calendar.contains("<li class=\"tl-eg l6\" title=\"exclusion group checkout-slots-and-loyalty-points-holdout-2026-q4-emea-&lt;i&gt;x&lt;/i&gt;\">exclusion group<br><strong>checkout-slots-<br>and-loyalty-<br>points-holdout-<br>2026-q4-emea-<br>&lt;i&gt;x&lt;/i&gt;</strong></li>"), calendar)
        XCTAssertFalse(calendar.contains("<i>"), calendar)
        // Two group rows (this one's six lines, onboarding's two): 40 + 26 + 3 × 30 + 8 × 22 + 8.
        XCTAssertTrue(calendar.contains("<svg class=\"timeline\" width=\"938\" height=\"340\" viewBox=\"0 0 938 340\""), calendar)
        XCTAssertTrue(Assets.stylesheet.contains(".tl-labels .tl-eg.l6 { height: 132px; }"))
        for line in CalendarPage.groupLines(group).lines { XCTAssertLessThanOrEqual(line.count, CalendarPage.groupLineLength) }
        XCTAssertEqual(CalendarPage.groupLines(group).lines.joined(), group)
        // Past four lines the last is cut; the whole name is the row's tooltip.
        let endless = String(repeating: "holdout-", count: 40)
        let cut = CalendarPage.groupLines(endless)
        XCTAssertTrue(cut.cut && cut.lines.count == CalendarPage.groupLinesMost && cut.lines.last?.hasSuffix("…") == true, "\(cut)")
    }
}

/// review69 D9: at 390 px "exclusion group signup-2026" (195 px) ran on past the 136 px label column over the
/// timeline (`white-space: nowrap`, `overflow: visible`); an experiment's id the column cuts had no tooltip.
final class CalendarLabelColumnTests: XCTestCase {
    func testEveryLineOfAGroupsRowFitsTheNarrowLabelColumn() {
        // The narrow column's text box: 8.5rem less 20 px of padding; the widest character of 12 px text.
        let room = 136.0 - 20
        XCTAssertLessThanOrEqual(Double("exclusion group".count) * CalendarPage.characterWidth, room)
        for name in ["signup-2026", "onboarding-first-week", "checkout-slots-and-loyalty-points-holdout-2026-q4-emea", String(repeating: "x", count: 90)] {
            let (lines, _) = CalendarPage.groupLines(name)
            for line in lines { XCTAssertLessThanOrEqual(Double(line.count) * CalendarPage.characterWidth, room, "\(name): \(line)") }
            XCTAssertEqual(CalendarPage.groupRowLines(name), 1 + lines.count)
        }
        XCTAssertEqual(CalendarPage.groupLines("signup-2026").lines, ["signup-2026"])
        XCTAssertFalse(Assets.stylesheet.contains("overflow: visible; }\n    /* A long name"), "the group's row runs on no more")
    }

    func testAnIdTheNarrowColumnCutsHasItsWholeLabelAsItsTooltip() throws {
        let fixture = try SiteFixture(for: self)
        try fixture.commit("2026-11-01", [
            "playbooks/experiments/EXP-ONBOARDING-CHECKLIST.yml": SiteFixture.experiment("EXP-ONBOARDING-CHECKLIST", title: "Checklist", status: "ready",
                                                                                          start: "2026-12-01", extra: ""),
        ])
        let calendar = try XCTUnwrap(Site.render(try fixture.input())["calendar.html"])
        XCTAssertTrue(calendar.contains("title=\"EXP-ONBOARDING-CHECKLIST, collides\">⚠ EXP-ONBOARDING-CHECKLIST</a>"), calendar)
        // One the column shows whole needs none.
        XCTAssertTrue(calendar.contains("<a href=\"e/experiments.growth.2026-Q3.html#k-EXP-0001\">EXP-0001</a>"), calendar)
    }
}
