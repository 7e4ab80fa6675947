import Foundation
import PlaybookHistory
import PlaybookModel
import PlaybookOverlaps
import PlaybookReports
@testable import PlaybookSite
import PlaybookYAML
import XCTest

final class SiteTests: XCTestCase {
    private func html(_ files: [String: String]) -> [(String, String)] {
        files.keys.sorted().filter { $0.hasSuffix(".html") }.compactMap { path in files[path].map { (path, $0) } }
    }

    func testHostileTitleIsTextAndItsBidiOverrideIsShownNotObeyed() throws {
        let files = Site.render(try SiteFixture(for: self).input())
        var seen = 0
        for (path, page) in html(files) {
            XCTAssertFalse(page.contains("<img"), "\(path) holds live markup from a title")
            XCTAssertFalse(page.unicodeScalars.contains("\u{202E}"), "\(path) holds a raw bidi override")
            if page.contains("&lt;img src=x onerror=alert(1)&gt; ⟨U+202E⟩evil") { seen += 1 }
        }
        XCTAssertGreaterThanOrEqual(seen, 4)  // the hypothesis, the experiment, the calendar, the learnings
        let entity = try XCTUnwrap(files["e/hypotheses.growth.html"])
        XCTAssertTrue(entity.contains("<h2 id=\"k-HYP-0001-h\"><span class=\"kind\">Hypothesis HYP-0001</span>&lt;img src=x onerror=alert(1)&gt; ⟨U+202E⟩evil</h2>"))
        let index = try XCTUnwrap(files["assets/search-index.js"])
        XCTAssertFalse(index.unicodeScalars.contains("\u{202E}"))
        XCTAssertTrue(index.contains("<img src=x onerror=alert(1)> ⟨U+202E⟩evil"))  // shown with textContent, never parsed
    }

    func testEveryLinkStaysInsideTheSiteAndReachesAPage() throws {
        let (broken, links) = try brokenLinks(Site.render(try SiteFixture(for: self).input()))
        XCTAssertEqual(broken, [])
        XCTAssertGreaterThan(links, 100)
        // The check itself finds a link to no page, to no section, and out of the site.
        XCTAssertEqual(try brokenLinks(["e/a.html": "<a href=\"../e/gone.html\"> <a href=\"a.html#k-X\"> <a href=\"../../x.html\">"]).broken,
                       ["e/a.html: ../e/gone.html (a missing page)", "e/a.html: a.html#k-X (a missing element)", "e/a.html: ../../x.html (climbs out of the site)"])
    }

    func testEveryPageCarriesTheStrictPolicyAndNoInlineScriptOrStyle() throws {
        let files = Site.render(try SiteFixture(for: self).input())
        let handler = try NSRegularExpression(pattern: "<[^>]*\\son[a-z]+=")  // inside a tag: user text has no raw <
        for (path, page) in html(files) {
            XCTAssertTrue(page.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'self'; style-src 'self';"), path)
            XCTAssertFalse(page.contains("<script>"), "\(path) has an inline script")
            XCTAssertFalse(page.contains(" style="), "\(path) has an inline style")
            XCTAssertFalse(page.contains("<style"), "\(path) has a style element")
            XCTAssertEqual(handler.numberOfMatches(in: page, range: NSRange(page.startIndex..., in: page)), 0, "\(path) has an event handler")
        }
    }

    func testTheSameInputGivesTheSameBytes() throws {
        let fixture = try SiteFixture(for: self)
        let first = Site.render(try fixture.input())
        let second = Site.render(try fixture.input())
        XCTAssertEqual(first.keys.sorted(), second.keys.sorted())
        for (path, text) in first { XCTAssertEqual(text, second[path], path) }
    }

    /// Pages share work (the learnings entries behind the page and its search index are made once,
    /// by whichever is rendered first): the bytes must not depend on the order pages are rendered
    /// in, on rendering them on every core at once, or on asking for bytes rather than text.
    func testPagesGiveTheSameBytesInAnyOrderAndOnEveryCoreAtOnce() throws {
        let input = try SiteFixture(for: self).input()
        let forward = SitePlan(input)
        let inOrder = forward.paths.indices.map { forward.render($0) }
        let backward = SitePlan(input)
        var reversed = [String](repeating: "", count: backward.paths.count)
        for index in backward.paths.indices.reversed() { reversed[index] = backward.render(index) }
        XCTAssertEqual(backward.paths, forward.paths)
        let atOnce = Site.render(input)
        let bytes = SitePlan(input)
        for (index, path) in forward.paths.enumerated() {
            XCTAssertEqual(reversed[index], inOrder[index], path)
            XCTAssertEqual(atOnce[path], inOrder[index], path)
            var written: [UInt8] = []
            bytes.withBytes(of: index) { written = Array($0) }
            XCTAssertEqual(String(decoding: written, as: UTF8.self), inOrder[index], path)
        }
        // The shared entries are those of both files: a card per index entry.
        let learnings = try XCTUnwrap(forward.paths.firstIndex(of: SitePath.learnings))
        let index = try XCTUnwrap(forward.paths.firstIndex(of: SitePath.searchIndex))
        let cards = inOrder[learnings].components(separatedBy: "<li class=\"card\"").count - 1
        XCTAssertEqual(cards, 3)
        XCTAssertEqual(reversed[index].split(separator: "\n").filter { $0.hasPrefix("{") }.count, cards)
    }

    func testHomeShowsTheQuartersTreeWithUnitsScoresAndASwitcher() throws {
        let input = try SiteFixture(for: self).input()
        let files = Site.render(input)
        XCTAssertEqual(input.okr.map(\.quarter.description), ["2026-Q3", "2026-Q4"])
        XCTAssertNotNil(files["quarter-2026-Q3.html"])
        let home = try XCTUnwrap(files["index.html"])
        XCTAssertEqual(home, files["quarter-2026-Q4.html"])
        XCTAssertTrue(home.contains("<a href=\"quarter-2026-Q3.html\">2026-Q3</a>"))
        XCTAssertTrue(home.contains("<a href=\"quarter-2026-Q4.html\" aria-current=\"page\">2026-Q4</a>"))
        // The key result, as `report okr` computes it: started the quarter at 10.5, ends at 11.5.
        let kr = try XCTUnwrap(input.okr.last?.objectives.first?.keyResults.first)
        XCTAssertEqual(kr.startValue, 10.5)
        XCTAssertEqual(kr.endValue, 11.5)
        XCTAssertTrue(home.contains("start 10.5% · now 11.5%"))
        XCTAssertTrue(home.contains("baseline 10% · target 14%"))
        XCTAssertTrue(home.contains("value=\"\(Numbers.text(kr.score))\""))  // 0.38
        XCTAssertTrue(home.contains("<span class=\"badge bad\">off track</span>"))
        XCTAssertTrue(home.contains("<strong>North Star</strong> <a href=\"e/weekly-active-learners.html\">"))
    }

    /// A quarter's page reads the quarter as `report okr` does (review43): the North Star marked
    /// then (not HEAD's), each metric in the unit it had then, no figure from an objective moved out
    /// of the quarter; lifts and budget totals read as the reports and lint read them.
    func testAQuartersPageReadsTheQuarterAsItsReportDoes() throws {
        let fixture = try SiteFixture(for: self)
        let measuringTheNorthStar = """
        ---
        kind: Objective
        id: OKR-2026Q4-GRO-2
        squad: growth
        quarter: QUARTER
        title: More learners
        aligns_to: weekly-active-learners
        key_results:
          - {id: KR-1, title: Learners to 500, metric: weekly-active-learners, baseline: 200, target: 500, current: 260}
        """
        let ready = { (id: String, budget: String) in
            SiteFixture.experiment(id, title: "Idea \(id)", status: "ready", start: "2026-12-01", extra: "").replacingOccurrences(of: "budget: 700", with: "budget: \(budget)")
        }
        try fixture.commit("2026-10-20", [
            "playbooks/okrs/q3.yml": SiteFixture.objective(current: 11.5) + measuringTheNorthStar.replacingOccurrences(of: "QUARTER", with: "2026-Q4"),
            "playbooks/squads/growth.yml": SiteFixture.squad.replacingOccurrences(of: "quarterly: 1000", with: "quarterly: 1400.3"),
            "playbooks/experiments/EXP-0001.yml": SiteFixture.experiment("EXP-0001", title: "Shorter form", status: "concluded", extra: """
            result: {outcome: win, lift: 0.00275, decision: ship, learnings: Fewer fields.}
            """),
            "playbooks/experiments/EXP-0002.yml": ready("EXP-0002", "700.1"),
            "playbooks/experiments/EXP-0003.yml": ready("EXP-0003", "700.2"),
        ])
        // Moved out of 2026-Q4 during it: dropped from the quarter, its key result no longer the North Star's figure.
        try fixture.commit("2026-11-02", [
            "playbooks/okrs/q3.yml": SiteFixture.objective(current: 11.5) + measuringTheNorthStar.replacingOccurrences(of: "QUARTER", with: "2027-Q1"),
        ])
        // In 2027 the North Star moves to another metric and signup-rate becomes a ratio.
        try fixture.commit("2027-01-10", [
            "playbooks/metrics.yml": SiteFixture.metrics
                .replacingOccurrences(of: "north_star: true", with: "north_star: false")
                .replacingOccurrences(of: "unit: percent", with: "unit: ratio") + """

            ---
            kind: Metric
            id: paid-learners
            name: Paid learners
            unit: count
            direction: increase
            owner: growth
            north_star: true
            """,
        ])
        let input = try fixture.input(today: "2027-01-15")
        let files = Site.render(input)
        let q4 = try XCTUnwrap(files["quarter-2026-Q4.html"])
        XCTAssertTrue(q4.contains("North Star: Weekly active learners</h2>"), q4)
        XCTAssertTrue(q4.contains("<strong>North Star</strong> <a href=\"e/weekly-active-learners.html\">"), q4)
        XCTAssertFalse(q4.contains("Not aligned to the North Star"), q4)
        XCTAssertTrue(q4.contains("No key result of 2026-Q4 measures the North Star itself."), q4)
        XCTAssertTrue(q4.contains("baseline 10% · target 14%"), q4)
        // The learnings library and the squad page, as `report experiments` and `lint` read them.
        XCTAssertTrue(try XCTUnwrap(files["learnings.html"]).contains("+0.28%"))
        let squad = try XCTUnwrap(files.first { $0.key.hasPrefix("e/") && $0.value.contains("<h2>Budget against the cap</h2>") }?.value)
        XCTAssertTrue(squad.contains("EUR\u{00A0}1,400.3</td><td class=\"n\">EUR\u{00A0}1,400.3"), squad)
        XCTAssertFalse(squad.contains("over the cap</span>"), squad)
        // The day its numbers are judged on, and the reports that give the same numbers.
        XCTAssertTrue(q4.contains("Standings and stale counts as of 2027-01-15: give <code>playbook report okr</code> and <code>playbook report experiments</code> <code>--today 2027-01-15</code>"), q4)
    }

    /// A key result's score bar is coloured as its status badge: a score of 0.75 late in the quarter
    /// is at risk (progress against the time gone by), so its bar is not the green of a fixed band.
    func testAScoreBarTakesTheColourOfItsKeyResultsStatus() throws {
        let fixture = try SiteFixture(for: self)
        try fixture.commit("2026-12-01", ["playbooks/okrs/q3.yml": SiteFixture.objective(current: 13)])
        let files = Site.render(try fixture.input(today: "2026-12-20"))
        let home = try XCTUnwrap(files["index.html"])
        XCTAssertTrue(home.contains("<meter class=\"warn\" min=\"0\" max=\"1\" value=\"0.75\" aria-hidden=\"true\"></meter> <span class=\"score\">0.75</span> <span class=\"badge warn\">at risk</span>"), home)
        // Every bar beside a badge, on every page, has the badge's colour.
        let pair = try NSRegularExpression(pattern: "<meter class=\"(\\w+)\"[^>]*>[^<]*</meter> <span class=\"score\">[^<]*</span>(?:</span>)?,? <span class=\"badge (\\w+)\">")
        var pairs = 0
        for (path, page) in html(files) {
            for match in pair.matches(in: page, range: NSRange(page.startIndex..., in: page)) {
                let colours = (1...2).compactMap { Range(match.range(at: $0), in: page).map { String(page[$0]) } }
                XCTAssertEqual(colours.first, colours.last, path)
                pairs += 1
            }
        }
        XCTAssertGreaterThanOrEqual(pairs, 2)  // the quarter's tree and the key result on its objective's page
        XCTAssertTrue(try XCTUnwrap(files["assets/site.css"]).contains("meter.warn::-webkit-meter-optimum-value { background: #a86b00; }"))
    }

    /// Two experiments that ran together on one surface, for one audience, outside any exclusion
    /// group collided (lint said so then); once both are done the calendar still shows it, judged
    /// on the windows as they were lived: as a past fact (review58s #3), that they ran at the same
    /// time, not as a collision to resolve (no marker, no review badge, no advice, not counted).
    func testTheCalendarSaysExperimentsThatRanTogetherAndEndedRanAtTheSameTime() throws {
        let fixture = try SiteFixture(for: self)
        let pricing = { (id: String, status: String) in
            SiteFixture.experiment(id, title: "Pricing \(id)", status: status, start: "2026-10-13", extra: "end: 2026-10-30")
                .replacingOccurrences(of: "surface: web/signup", with: "surface: web/pricing")
        }
        try fixture.commit("2026-10-01", ["playbooks/experiments/EXP-0004.yml": pricing("EXP-0004", "ready"),
                                          "playbooks/experiments/EXP-0005.yml": pricing("EXP-0005", "ready")])
        try fixture.commit("2026-10-13", ["playbooks/experiments/EXP-0004.yml": pricing("EXP-0004", "running"),
                                          "playbooks/experiments/EXP-0005.yml": pricing("EXP-0005", "running")])
        try fixture.commit("2026-11-05", ["playbooks/experiments/EXP-0004.yml": pricing("EXP-0004", "concluded"),
                                          "playbooks/experiments/EXP-0005.yml": pricing("EXP-0005", "abandoned")])
        let calendar = try XCTUnwrap(Site.render(try fixture.input())["calendar.html"])
        let row = { (id: String) in calendar.components(separatedBy: "<tr>").first { $0.hasPrefix("<td data-label=\"surface\">") && $0.contains(">\(id): Pricing") } ?? "" }
        XCTAssertTrue(row("EXP-0004").contains("<span class=\"meta\">ran at the same time as <a href=\"e/experiments.growth.2026-Q4.html#k-EXP-0005\">EXP-0005</a>, ended</span>"), row("EXP-0004"))
        XCTAssertTrue(row("EXP-0005").contains("<span class=\"meta\">ran at the same time as <a href=\"e/experiments.growth.2026-Q4.html#k-EXP-0004\">EXP-0004</a>, ended</span>"), row("EXP-0005"))
        XCTAssertFalse(row("EXP-0004").contains("<strong>"), row("EXP-0004"))
        // No red outline, no collision marker: nothing to resolve.
        XCTAssertTrue(calendar.contains("fill=\"#2f5fd0\" rx=\"2\"><title>EXP-0004 live 2026-10-13 to 2026-11-05</title>"), calendar)
        XCTAssertFalse(calendar.contains("⚠ EXP-0004") || calendar.contains("⚠ EXP-0005"), calendar)
        let pair = try XCTUnwrap(calendar.components(separatedBy: "<h3>Ran at the same time on <code>web</code>, one or both ended</h3>\n<ul><li>").dropFirst().first?
            .components(separatedBy: "</li>").first, calendar)
        XCTAssertTrue(pair.hasSuffix("EXP-0005</a>: EXP-0004 and EXP-0005 ran at the same time from 2026-10-13 to 2026-11-05 on the surface web/pricing for every segment, all regions, all platforms, in no shared exclusion group."), pair)
        // The pair that still collides (EXP-0002 and EXP-0003, ready) is counted alone, with its badge and advice.
        XCTAssertTrue(calendar.contains("<p>1 pair of experiments collide; each area above lists them.</p>"), calendar)
        XCTAssertTrue(calendar.contains("<p>1 pair of experiments, one or both ended by 2026-11-30, ran at the same time on the same or a nested surface for overlapping audiences; a past fact, no collision to resolve"), calendar)
        XCTAssertTrue(calendar.contains("move one&#39;s dates, or split the audience <span class=\"badge bad\">not reviewed</span>"), calendar)
    }

    /// A terminal's escape sequence in a title is shown as its code, as a bidi control is: ESC
    /// (U+001B) and NEL (U+0085, C1) as ⟨U+001B⟩ and ⟨U+0085⟩ in pages and the search index, not
    /// as U+FFFD, which hid what was there.
    func testControlCharactersAreShownByTheirCodeAsBidiControlsAre() throws {
        let fixture = try SiteFixture(for: self)
        try fixture.commit("2026-11-01", ["playbooks/hypotheses/HYP-0003.yml": SiteFixture.hypothesis("HYP-0003", title: "\"\\e[31mRED\\e[0m \\Nnext\"", status: "backlog")])
        let files = Site.render(try fixture.input())
        let page = try XCTUnwrap(files["e/hypotheses.growth.html"])
        XCTAssertTrue(page.contains("⟨U+001B⟩[31mRED⟨U+001B⟩[0m ⟨U+0085⟩next"), page)
        XCTAssertTrue(try XCTUnwrap(files["assets/search-index.js"]).contains("⟨U+001B⟩[31mRED⟨U+001B⟩[0m ⟨U+0085⟩next"))
        for (path, text) in html(files) { XCTAssertFalse(text.unicodeScalars.contains("\u{FFFD}"), path) }
    }

    /// A quarter that has ended gives its key results' last value as the end, not as "now".
    func testAClosedQuartersKeyResultSaysEndNotNow() throws {
        let fixture = try SiteFixture(for: self)
        let closed = try XCTUnwrap(Site.render(try fixture.input(today: "2027-01-15"))["quarter-2026-Q4.html"])
        XCTAssertTrue(closed.contains("start 10.5% · end 11.5%"), closed)
        XCTAssertFalse(closed.contains(" · now "), closed)
        XCTAssertTrue(try XCTUnwrap(Site.render(try fixture.input(today: "2026-11-30"))["quarter-2026-Q4.html"]).contains("start 10.5% · now 11.5%"))
    }

    /// An experiment's budget is money in its squad's currency, on its page, in the squad's table
    /// of experiments and in what is left of the cap.
    func testBudgetsCarryTheSquadsCurrency() throws {
        let files = Site.render(try SiteFixture(for: self).input())
        XCTAssertTrue(try XCTUnwrap(files["e/experiments.growth.2026-Q3.html"]).contains("<dt>budget</dt><dd>EUR\u{00A0}700</dd>"))
        let squad = try XCTUnwrap(files["e/growth.html"])
        XCTAssertTrue(squad.contains("<td class=\"n\">EUR\u{00A0}700</td><td><span class=\"nw\">2026-Q3</span></td></tr>"), squad)
        // Committed, cap and left of the cap (EUR 1,000, of which 700 committed in Q3); "committed", not "spent"
        // (review52a #5: the squad-budget rule counts drafts and planned experiments too).
        XCTAssertTrue(squad.contains("<th scope=\"col\" class=\"n\">committed</th>"), squad)
        XCTAssertFalse(squad.contains(">spent<"), squad)
        XCTAssertTrue(squad.contains("<td class=\"n\">EUR\u{00A0}700</td><td class=\"n\">EUR\u{00A0}1,000</td><td class=\"n\">EUR\u{00A0}300</td>"), squad)
    }

    /// The North Star's trend chart labels each quarter's point in that quarter's unit, as the table
    /// beside it does: a count before the metric became a percent is not shown as a percent.
    func testTheTrendChartLabelsEachPointInItsQuartersUnit() throws {
        let fixture = try SiteFixture(for: self)
        let measuring = { (quarter: String, id: String, current: String) in
            """

            ---
            kind: Objective
            id: \(id)
            squad: growth
            quarter: \(quarter)
            title: More learners
            aligns_to: weekly-active-learners
            key_results:
              - {id: KR-1, title: Learners up, metric: weekly-active-learners, baseline: 200, target: 500, current: \(current)}
            """
        }
        try fixture.commit("2026-10-20", [
            "playbooks/okrs/q3.yml": SiteFixture.objective(current: 11.5) + measuring("2026-Q4", "OKR-2026Q4-GRO-2", "260"),
        ])
        try fixture.commit("2027-01-10", [
            "playbooks/metrics.yml": SiteFixture.metrics.replacingOccurrences(of: "unit: count\ndirection: increase\nowner: growth\nnorth_star: true",
                                                                              with: "unit: percent\ndirection: increase\nowner: growth\nnorth_star: true"),
            "playbooks/okrs/q3.yml": SiteFixture.objective(current: 11.5) + measuring("2026-Q4", "OKR-2026Q4-GRO-2", "260")
                + measuring("2027-Q1", "OKR-2027Q1-GRO-1", "12.5"),
        ])
        let home = try XCTUnwrap(Site.render(try fixture.input(today: "2027-01-15"))["index.html"])
        XCTAssertTrue(home.contains("<td><span class=\"nw\">2026-Q4</span></td><td class=\"n\">260</td>"), home)
        XCTAssertTrue(home.contains("<title>Weekly active learners, 2026-Q4: 260</title>"), home)
        XCTAssertTrue(home.contains("<title>Weekly active learners, 2027-Q1: 12.5% (to date, on 2027-01-15)</title>"), home)
    }

    func testKeyResultValuesReadAsTheReportWritesThemWithCurrencyAndRatioPlaces() throws {
        let fixture = try SiteFixture(for: self)
        try fixture.commit("2026-10-20", [
            "playbooks/metrics.yml": SiteFixture.metrics + """

            ---
            kind: Metric
            id: blended-cac
            name: Blended CAC
            unit: currency
            direction: decrease
            owner: growth
            ---
            kind: Metric
            id: paid-share
            name: Paid share of signups
            unit: ratio
            direction: decrease
            owner: growth
            """,
            "playbooks/okrs/q4-cost.yml": """
            kind: Objective
            id: OKR-2026Q4-GRO-2
            squad: growth
            quarter: 2026-Q4
            title: Cheaper signups
            aligns_to: weekly-active-learners
            key_results:
              - {id: KR-1, title: CAC down, metric: blended-cac, baseline: 48, target: 40, current: 44.5}
              - {id: KR-2, title: Less paid, metric: paid-share, baseline: 0.3, target: 0.2, current: 0.2345}
            """,
        ])
        let input = try fixture.input()
        let files = Site.render(input)
        let krs = try XCTUnwrap(input.okr.last?.objectives.first { $0.id == "OKR-2026Q4-GRO-2" }?.keyResults)
        let cac = try XCTUnwrap(krs.first), share = try XCTUnwrap(krs.last)
        XCTAssertEqual(cac.currency, "EUR")
        // What `report okr` writes (Markdown and HTML): the squad's currency, a ratio to four places.
        let report = { (kr: KeyResultLine, value: Decimal?) in UnitText.text(value, unit: kr.unit, currency: kr.currency) }
        XCTAssertEqual(report(cac, cac.baseline), "EUR 48")
        XCTAssertEqual(report(share, share.endValue), "0.2345")
        let home = try XCTUnwrap(files["index.html"])
        XCTAssertTrue(home.contains("baseline EUR\u{00A0}48 · target EUR\u{00A0}40 · start EUR\u{00A0}44.5 · now EUR\u{00A0}44.5"), "home card")
        XCTAssertTrue(home.contains("baseline 0.3 · target 0.2 · start 0.2345 · now 0.2345"), "home card")
        let page = try XCTUnwrap(files["e/objectives.2026-Q4.html"], "objective page")
        XCTAssertTrue(page.contains("<dt>baseline</dt><dd>EUR\u{00A0}48</dd><dt>target</dt><dd>EUR\u{00A0}40</dd><dt>current</dt><dd>EUR\u{00A0}44.5</dd>"))
        XCTAssertTrue(page.contains("<dt>current</dt><dd>0.2345</dd>"))
        XCTAssertTrue(page.contains("start EUR\u{00A0}44.5, end EUR\u{00A0}44.5"))
        let metric = try XCTUnwrap(files["e/paid-share.html"], "metric page")
        XCTAssertTrue(metric.contains("<td class=\"n\">0.2345</td>"))
    }

    func testCycleTimesInTheProgramChartAreTheTablesAndTheReports() throws {
        let fixture = try SiteFixture(for: self)
        // EXP-0002, written on 2026-10-12 at noon, starts running on 2026-10-20 at 20:00: 8.33 days.
        try fixture.commit("2026-10-20", hour: 20, [
            "playbooks/experiments/EXP-0002.yml": SiteFixture.experiment("EXP-0002", title: "Social sign-in", status: "running",
                                                                         start: "2026-10-20", extra: ""),
        ])
        let input = try fixture.input()
        let program = try XCTUnwrap(Site.render(input)["program.html"])
        let line = try XCTUnwrap(input.program.first { $0.period.label == "2026-Q4" }?.overall)
        XCTAssertEqual(line.createdToRunning.median.map { Numbers.text($0, places: 1) }, "8.3")
        XCTAssertTrue(program.contains("<td class=\"n\"><span class=\"nw\">8.3</span> <span class=\"nw\">(p90 8.3, n=1)</span></td>"), "the table, as report experiments rounds it")
        XCTAssertTrue(program.contains("<title>created → running, 2026-Q4 to date: 8.3</title>"), "the chart's label says what the table says")
        // A numeric column's header stands right, over its numbers.
        XCTAssertTrue(program.contains("<th scope=\"col\">quarter</th><th scope=\"col\" class=\"n\">created</th>"), program)
        XCTAssertTrue(try XCTUnwrap(Site.render(try SiteFixture(for: self).input())["assets/site.css"]).contains("th.n { text-align: right; }"))
        XCTAssertFalse(program.contains("8.33"))
    }

    func testAQuarterThatHasNotStartedSaysSoNotThatItRunsBackwards() throws {
        let input = try SiteFixture(for: self).input(today: "2026-11-30", home: Quarter(year: 2027, number: 1))
        let report = try XCTUnwrap(input.okr.first { $0.quarter == Quarter(year: 2027, number: 1) })
        XCTAssertFalse(report.started)
        let page = try XCTUnwrap(Site.render(input)["quarter-2027-Q1.html"])
        // As `report okr` says it: not started, when it runs; no "in progress" ending before it begins.
        XCTAssertFalse(page.contains("in progress"))
        XCTAssertFalse(page.contains("2027-01-01 to 2026-11-30"))
        XCTAssertTrue(page.contains("2027-01-01 to 2027-03-31 (not started: objectives planned for it as of 2026-11-30, nothing measured yet)"))
    }

    func testCalendarShowsPlannedAndLiveWindowsCollisionsAndExclusionGroups() throws {
        let files = Site.render(try SiteFixture(for: self).input())
        let calendar = try XCTUnwrap(files["calendar.html"])
        XCTAssertTrue(calendar.contains("EXP-0001 live 2026-09-20 to 2026-10-12"))  // first seen running, then concluded
        XCTAssertTrue(calendar.contains("EXP-0001 planned 2026-09-21 to 2026-10-05"))
        XCTAssertTrue(calendar.contains("EXP-0002 planned 2026-12-01 to 2026-12-15"))
        // EXP-0002 and EXP-0003 share the surface and their windows, and no exclusion group.
        XCTAssertTrue(calendar.contains("<a href=\"e/experiments.growth.2026-Q4.html#k-EXP-0002\">EXP-0002</a> × <a href=\"e/experiments.growth.2026-Q4.html#k-EXP-0003\">EXP-0003</a>"))
        XCTAssertTrue(calendar.contains("<dt>onboarding</dt><dd><a href=\"e/experiments.growth.2026-Q4.html#k-EXP-0003\">EXP-0003</a></dd>"))
    }

    /// Collisions are judged on the written window, so the red outline marks that window, not the
    /// live bar (review43: a running experiment's few live days were outlined, its planned window grey).
    func testTheCollisionOutlineMarksTheWrittenWindowEvenWhileLive() throws {
        let fixture = try SiteFixture(for: self)
        try fixture.commit("2026-11-20", [
            "playbooks/experiments/EXP-0002.yml": SiteFixture.experiment("EXP-0002", title: "Social sign-in", status: "running",
                                                                         start: "2026-12-01", extra: ""),
        ])
        let calendar = try XCTUnwrap(Site.render(try fixture.input())["calendar.html"])
        let live = try XCTUnwrap(calendar.range(of: "<title>EXP-0002 live 2026-11-20 to 2026-11-30</title>"))
        let liveRect = try XCTUnwrap(calendar[..<live.lowerBound].range(of: "<rect", options: .backwards))
        XCTAssertFalse(calendar[liveRect.lowerBound..<live.lowerBound].contains("#c0281b"), String(calendar[liveRect.lowerBound..<live.lowerBound]))
        let afterLive = calendar[live.upperBound...]
        let outline = try XCTUnwrap(afterLive.range(of: "<rect"))
        XCTAssertTrue(afterLive[outline.lowerBound...].prefix(200).contains("fill=\"none\" stroke=\"#c0281b\""), String(afterLive.prefix(300)))
    }

    func testLearningsListEveryHypothesisAndConcludedExperimentInTheSearchIndex() throws {
        let files = Site.render(try SiteFixture(for: self).input())
        let index = try XCTUnwrap(files["assets/search-index.js"])
        XCTAssertTrue(index.hasPrefix("window.playbookSearchIndex = ["))
        let entries = index.split(separator: "\n").filter { $0.hasPrefix("{") }
        XCTAssertEqual(entries.count, 3)  // two hypotheses, one concluded experiment
        XCTAssertTrue(entries.contains { $0.contains("EXP-0001") && $0.contains("zeppelin") && $0.contains("\"o\": \"win\"") })
        let page = try XCTUnwrap(files["learnings.html"])
        XCTAssertTrue(page.contains("<script src=\"assets/search-index.js\"></script>"))
        XCTAssertTrue(page.contains("<dt>lift</dt><dd>+6.2%</dd><dt>decision</dt><dd>ship</dd>"))
    }

    /// A commit that only moved the file is listed but not counted, and the page says so as `log` does (review: "5 commits
    /// changed it, newest first." above six entries).
    func testAnEntitysHistorySaysWhichCommitsOnlyMovedItsFile() throws {
        let fixture = try SiteFixture(for: self)
        let text = try String(contentsOfFile: fixture.root + "/playbooks/experiments/EXP-0002.yml", encoding: .utf8)
        try fixture.commit("2026-10-21", ["playbooks/experiments/EXP-0002.yml": nil, "playbooks/experiments/growth/EXP-0002.yml": text])
        let page = try XCTUnwrap(Site.render(try fixture.input())["e/experiments.growth.2026-Q4.html"])
        XCTAssertTrue(page.contains("1 commit changed it; 1 only moved its file, newest first."), page)
        XCTAssertTrue(page.contains("(moved from <code>playbooks/experiments/EXP-0002.yml</code>)"), page)
    }

    func testEntityPagesLinkBothWaysAndShowTheirHistory() throws {
        let files = Site.render(try SiteFixture(for: self).input())
        let experiment = try XCTUnwrap(files["e/experiments.growth.2026-Q3.html"])
        XCTAssertTrue(experiment.contains("<section class=\"entity\" id=\"k-EXP-0001\" aria-labelledby=\"k-EXP-0001-h\">"))
        XCTAssertTrue(experiment.contains("<a href=\"../e/hypotheses.growth.html#k-HYP-0001\">"))
        XCTAssertTrue(experiment.contains("<a href=\"../e/objectives.2026-Q4.html#k-OKR-2026Q4-GRO-1.k-KR-1\">OKR-2026Q4-GRO-1/KR-1</a>"))
        XCTAssertTrue(experiment.contains("<a href=\"../e/growth.html\">growth: Growth</a>"))
        XCTAssertTrue(experiment.contains("2 commits changed it"))
        XCTAssertTrue(experiment.contains("<code>status</code>: <del>running</del> → <ins>concluded</ins>"))
        let hypothesis = try XCTUnwrap(files["e/hypotheses.growth.html"])
        XCTAssertTrue(hypothesis.contains("<a href=\"../e/experiments.growth.2026-Q4.html#k-EXP-0002\">EXP-0002</a>"))
        // The shared page lists its entities first, each a link to its section.
        XCTAssertTrue(hypothesis.contains("<nav aria-label=\"On this page\"><ul class=\"toc\"><li><a href=\"#k-HYP-0001\">"))
        let objective = try XCTUnwrap(files["e/objectives.2026-Q4.html"])
        XCTAssertTrue(objective.contains("<a href=\"../e/experiments.growth.2026-Q3.html#k-EXP-0001\">EXP-0001:"))
        XCTAssertTrue(objective.contains("<section id=\"k-OKR-2026Q4-GRO-1.k-KR-1\""))
        let squad = try XCTUnwrap(files["e/growth.html"])
        XCTAssertTrue(squad.contains("<a href=\"../e/hypotheses.growth.html#k-HYP-0002\">HYP-0002</a>"))
        XCTAssertTrue(squad.contains("EUR\u{00A0}1,400"))  // EXP-0002 and EXP-0003 start in 2026-Q4
        XCTAssertTrue(squad.contains("over the cap"))
    }

    func testIdsBecomeFileNamesThatStayInTheFolder() {
        for id in ["../../etc/passwd", "/abs", "..", ".", "a/b", "x\u{0}y", "EXP_1", "EXP.1", String(repeating: "é", count: 400)] {
            let name = SitePath.fileName(id)
            XCTAssertFalse(name.contains("/") || name.contains(".") || name.isEmpty, "\(id) → \(name)")
            XCTAssertLessThanOrEqual(name.utf8.count, 100)
        }
        XCTAssertNotEqual(SitePath.fileName("EXP_1"), SitePath.fileName("EXP.1"))
        XCTAssertNotEqual(SitePath.fileName(String(repeating: "a", count: 300)), SitePath.fileName(String(repeating: "a", count: 301)))
        XCTAssertEqual(SitePath.fileName("EXP-0001"), "EXP-0001")
    }

    func testUnitsAndVisibleText() {
        // Report values are exact decimals: the text is rounded from the decimal the YAML wrote.
        XCTAssertEqual(Numbers.unit(Decimal(string: "18.2"), .percent), "18.2%")
        XCTAssertEqual(Numbers.unit(Decimal(string: "1962000"), .count), "1,962,000")
        XCTAssertEqual(Numbers.unit(Decimal(string: "-1234.5"), .currency), "-1,234.5")
        XCTAssertEqual(Numbers.unit(Decimal(string: "3.25"), .duration), "3.3 days")
        XCTAssertEqual(Numbers.unit(Decimal(string: "0.125"), .ratio), "0.125")
        XCTAssertEqual(Numbers.unit(Double(1_962_000), .count), "1,962,000")
        XCTAssertEqual(Numbers.signedPercent(-0.094), "-9.4%")
        // Rounded from the decimal written, as `report experiments` rounds it; nothing left is 0% either side.
        XCTAssertEqual(Numbers.signedPercent(0.00275), "+0.28%")
        XCTAssertEqual(Numbers.signedPercent(-0.00275), "-0.28%")
        XCTAssertEqual(Numbers.signedPercent(0.00001), "0%")
        XCTAssertEqual(Numbers.signedPercent(-0.00001), "0%")
        XCTAssertEqual(LiftText.signedPercent(0.00001), "0%")
        XCTAssertEqual(HTMLReport.escapeVisible("a\u{202E}b\u{7}c\n<"), "a⟨U+202E⟩b⟨U+0007⟩c &lt;")
    }

    func testIdsDifferingOnlyInCaseGetPagesThatDifferEvenWhereCaseIsIgnored() throws {
        let fixture = try SiteFixture(for: self)
        try fixture.commit("2026-11-01", [
            "playbooks/hypotheses/HYP-abc.yml": SiteFixture.hypothesis("HYP-abc", title: "Lower case", status: "backlog"),
            "playbooks/hypotheses/HYP-ABC.yml": SiteFixture.hypothesis("HYP-ABC", title: "Upper case", status: "backlog"),
            "playbooks/hypotheses/HYP-Abc.yml": SiteFixture.hypothesis("HYP-Abc", title: "Title case", status: "backlog"),
            "playbooks/experiments/EXP-0004.yml": SiteFixture.experiment("EXP-0004", title: "Tests the lower-case one", status: "draft", extra: "")
                .replacingOccurrences(of: "hypothesis: HYP-0001", with: "hypothesis: HYP-abc")
                .replacingOccurrences(of: "squad: growth", with: "squad: Growth"),
        ])
        let files = Site.render(try fixture.input())
        // On macOS's file system two names that differ only in case are one file.
        let folded = Dictionary(grouping: files.keys) { $0.lowercased() }
        XCTAssertEqual(folded.values.filter { $0.count > 1 }, [])
        // The hypotheses share their squad's page, each in a section of its own (fragments heed case).
        let hypotheses = try XCTUnwrap(files["e/hypotheses.growth_c2.html"])
        XCTAssertTrue(hypotheses.contains("<h2 id=\"k-HYP-ABC-h\"><span class=\"kind\">Hypothesis HYP-ABC</span>Upper case</h2>"))
        XCTAssertTrue(hypotheses.contains("<h2 id=\"k-HYP-Abc-h\"><span class=\"kind\">Hypothesis HYP-Abc</span>Title case</h2>"))
        XCTAssertTrue(hypotheses.contains("<h2 id=\"k-HYP-abc-h\"><span class=\"kind\">Hypothesis HYP-abc</span>Lower case</h2>"))
        // Squads whose names differ only in case get shared pages whose names differ: sorted, the
        // first keeps its name, the others are numbered, the same way every time.
        let experiment = try XCTUnwrap(files["e/experiments.Growth.2026-Q3.html"])
        XCTAssertTrue(experiment.contains("<h1>Experiments of Growth starting in 2026-Q3</h1>"))
        XCTAssertTrue(try XCTUnwrap(files["e/experiments.growth_c2.2026-Q3.html"]).contains("<h1>Experiments of growth starting in 2026-Q3</h1>"))
        // Links reach the section of the id they name.
        XCTAssertTrue(experiment.contains("<a href=\"../e/hypotheses.growth_c2.html#k-HYP-abc\">HYP-abc: Lower case</a>"))
        let learnings = try XCTUnwrap(files["learnings.html"])
        XCTAssertTrue(learnings.contains("<a href=\"e/hypotheses.growth_c2.html#k-HYP-Abc\">HYP-Abc</a>"))
    }

    func testAnIdDefinedTwiceIsShownOnceAsItsFirstDefinition() throws {
        let fixture = try SiteFixture(for: self)
        // The metric signup-rate is defined in playbooks/metrics.yml; this file comes first by path.
        try fixture.commit("2026-11-01", [
            "playbooks/hypotheses/signup-rate.yml": SiteFixture.hypothesis("signup-rate", title: "Same id as a metric", status: "backlog"),
        ])
        let files = Site.render(try fixture.input())
        XCTAssertNil(files["e/signup-rate.html"])
        let hypotheses = try XCTUnwrap(files["e/hypotheses.growth.html"])
        XCTAssertEqual(hypotheses.components(separatedBy: "id=\"k-signup-rate\"").count - 1, 1)
        XCTAssertTrue(try XCTUnwrap(files["e/experiments.growth.2026-Q3.html"])
            .contains("<a href=\"../e/hypotheses.growth.html#k-signup-rate\">signup-rate: Same id as a metric</a>"))
    }

    func testUniqueFileNamesDoNotDependOnTheOrderIdsComeIn() {
        let ids = ["b", "B", "a-1", "A-1", "x_c2", "X", "x"]
        let names = SitePath.uniqueFileNames(ids)
        XCTAssertEqual(names, SitePath.uniqueFileNames(ids.reversed()))
        XCTAssertEqual(Set(names.values.map { $0.lowercased() }).count, ids.count)
        XCTAssertEqual(names["B"], "B")
        XCTAssertEqual(names["b"], "b_c2")
        XCTAssertEqual(names["x_c2"], "x_5Fc2")  // an id's own `_` is escaped, so it never meets a number
    }

    func testCollisionListsAreCappedAndSayHowManyWereLeftOut() throws {
        let fixture = try SiteFixture(for: self)
        var files: [String: String] = [:]
        // 70 ready experiments on one surface, all at once: 2,415 pairs.
        for index in 10..<80 {
            files["playbooks/experiments/EXP-00\(index).yml"] = SiteFixture.experiment(
                "EXP-00\(index)", title: "Crowded \(index)", status: "ready", start: "2026-12-01", extra: "")
        }
        try fixture.commit("2026-11-01", files)
        let site = Site.render(try fixture.input())
        let calendar = try XCTUnwrap(site["calendar.html"])
        let pairs = 72 * 71 / 2  // with EXP-0002 and EXP-0003 (EXP-0003 shares no group with them)
        XCTAssertTrue(calendar.contains("<p>\(pairs) pairs of experiments collide; each area above lists its first 50"), calendar)
        XCTAssertTrue(calendar.contains("and \(pairs - 50) more pairs on <code>web</code>, left out here"))
        XCTAssertEqual(calendar.components(separatedBy: " × ").count - 1, 50)
        // A row names its first 20 partners and counts the rest.
        XCTAssertTrue(calendar.contains("<a href=\"e/experiments.growth.2026-Q4.html#k-EXP-0028\">EXP-0028</a></strong> and 51 more"))
        let page = try XCTUnwrap(site["e/experiments.growth.2026-Q4.html"])
        let section = try XCTUnwrap(page.components(separatedBy: "<section class=\"entity\" id=\"k-EXP-0010\"").dropFirst().first?
            .components(separatedBy: "<section class=\"entity\"").first)
        XCTAssertTrue(section.contains("(71 experiments; the first 50 by id are listed)"))
        XCTAssertEqual(section.components(separatedBy: "not reviewed").count - 1, 50)
    }
}

extension SiteTests {
    /// review46 #1: an objective's and a metric's pages read a quarter's values in the unit and
    /// currency of that quarter (as its page and `report okr` do), not in those of HEAD.
    func testEntityPagesReadAQuartersValuesInThatQuartersUnitAndCurrency() throws {
        let fixture = try SiteFixture(for: self)
        let cac = """

        ---
        kind: Metric
        id: blended-cac
        name: Blended CAC
        unit: currency
        direction: decrease
        owner: growth
        """
        try fixture.commit("2026-10-20", [
            "playbooks/metrics.yml": SiteFixture.metrics + cac,
            "playbooks/okrs/q4-cost.yml": """
            kind: Objective
            id: OKR-2026Q4-GRO-2
            squad: growth
            quarter: 2026-Q4
            title: Cheaper signups
            aligns_to: weekly-active-learners
            key_results:
              - {id: KR-1, title: CAC down, metric: blended-cac, baseline: 48, target: 40, current: 44.5}
            """,
        ])
        // In 2027 signup-rate becomes a ratio and the squad budgets in USD.
        try fixture.commit("2027-01-10", [
            "playbooks/metrics.yml": SiteFixture.metrics.replacingOccurrences(of: "unit: percent", with: "unit: ratio") + cac,
            "playbooks/squads/growth.yml": SiteFixture.squad.replacingOccurrences(of: "currency: EUR", with: "currency: USD"),
        ])
        let files = Site.render(try fixture.input(today: "2027-01-15"))
        let objectives = try XCTUnwrap(files["e/objectives.2026-Q4.html"])
        XCTAssertTrue(objectives.contains("<dt>baseline</dt><dd>10%</dd><dt>target</dt><dd>14%</dd><dt>current</dt><dd>11.5%</dd>"), objectives)
        XCTAssertTrue(objectives.contains("start 10.5%, end 11.5%"), objectives)
        XCTAssertTrue(objectives.contains("<dt>baseline</dt><dd>EUR\u{00A0}48</dd><dt>target</dt><dd>EUR\u{00A0}40</dd><dt>current</dt><dd>EUR\u{00A0}44.5</dd>"), objectives)
        XCTAssertTrue(objectives.contains("start EUR\u{00A0}44.5, end EUR\u{00A0}44.5"), objectives)
        XCTAssertFalse(objectives.contains("USD"), objectives)
        let signup = try XCTUnwrap(files["e/signup-rate.html"])
        XCTAssertTrue(signup.contains("<td class=\"n\">10%</td><td class=\"n\">14%</td><td class=\"n\">11.5%</td>"), signup)
        let cacPage = try XCTUnwrap(files["e/blended-cac.html"])
        XCTAssertTrue(cacPage.contains("<td class=\"n\">EUR\u{00A0}48</td><td class=\"n\">EUR\u{00A0}40</td><td class=\"n\">EUR\u{00A0}44.5</td>"), cacPage)
    }
}

extension SiteTests {
    /// review46 #2: a tiny p-value or MDE is not rounded to 0 on the experiment's page.
    func testAnExperimentsSmallPValueAndMDEAreNotShownAsZero() throws {
        let fixture = try SiteFixture(for: self)
        try fixture.commit("2026-10-20", [
            "playbooks/experiments/EXP-0001.yml": SiteFixture.experiment("EXP-0001", title: "Shorter form", status: "concluded", extra: """
            result: {outcome: win, lift: 0.062, p_value: 0.00004, decision: ship, learnings: Fewer fields.}
            """).replacingOccurrences(of: "mde: 0.05", with: "mde: 0.0004").replacingOccurrences(of: "alpha: 0.05", with: "alpha: 0.005"),
            "playbooks/experiments/EXP-0002.yml": SiteFixture.experiment("EXP-0002", title: "Social sign-in", status: "concluded", extra: """
            result: {outcome: loss, lift: -0.01, p_value: 0.0312, decision: drop, learnings: Nobody signs in with it.}
            """),
        ])
        let page = try XCTUnwrap(Site.render(try fixture.input())["e/experiments.growth.2026-Q3.html"])
        XCTAssertTrue(page.contains("MDE 0.04% · power 0.8 · alpha 0.005 ·"), page)
        XCTAssertTrue(page.contains("<dt>p-value</dt><dd>&lt; 0.0001</dd>"), page)
        // Values that four places (one for the MDE) show are written as before.
        XCTAssertTrue(page.contains("MDE 5% · power 0.8 · alpha 0.05 ·"), page)
        XCTAssertTrue(page.contains("<dt>p-value</dt><dd>0.0312</dd>"), page)
    }
}

extension SiteTests {
    /// review46 #3: the live window is read from the status at the commit (as `report experiments`
    /// finds the experiment running, stale and colliding). cal51 #1: an undone start is still not one (it never ran), but an undone conclusion (the
    /// experiment re-opened) leaves a gap: two live bars, each span on the experiment's page, where
    /// this test expected one bar from the first start to today.
    func testALiveWindowIgnoresAnUndoneStartAndShowsTheGapOfAnUndoneConclusion() throws {
        let fixture = try SiteFixture(for: self)
        let running = SiteFixture.experiment("EXP-0001", title: "Shorter form", status: "running", extra: "")
        let social = { (status: String) in
            SiteFixture.experiment("EXP-0002", title: "Social sign-in", status: status, start: "2026-12-01", extra: "")
        }
        // EXP-0001's conclusion (2026-10-12) is undone: it runs again. EXP-0002 starts and is put back to ready.
        try fixture.commit("2026-10-20", ["playbooks/experiments/EXP-0001.yml": running])
        try fixture.commit("2026-11-01", ["playbooks/experiments/EXP-0002.yml": social("running")])
        try fixture.commit("2026-11-02", ["playbooks/experiments/EXP-0002.yml": social("ready")])
        let input = try fixture.input()
        XCTAssertEqual(input.catalog.experiments.read("EXP-0001") { $0.status?.value }, .running)
        let files = Site.render(input)
        let calendar = try XCTUnwrap(files["calendar.html"])
        XCTAssertTrue(calendar.contains("EXP-0001 live 2026-09-20 to 2026-10-12</title>"), calendar)
        XCTAssertTrue(calendar.contains("EXP-0001 live 2026-10-20 to 2026-11-30</title>"), calendar)
        XCTAssertFalse(calendar.contains("EXP-0001 live 2026-09-20 to 2026-11-30"), calendar)
        XCTAssertFalse(calendar.contains("EXP-0002 live"), calendar)
        // The legend says what is left out: only an undone start.
        XCTAssertTrue(calendar.contains("only a start undone by a later commit, back to draft or ready, is not counted"), calendar)
        XCTAssertFalse(calendar.contains("a move undone by a later commit is not counted"), calendar)
        XCTAssertTrue(try XCTUnwrap(files["e/experiments.growth.2026-Q3.html"]).contains("<dt>ran</dt><dd>2026-09-20 to 2026-10-12, 2026-10-20 to now</dd>"))
        XCTAssertTrue(try XCTUnwrap(files["e/experiments.growth.2026-Q4.html"]).contains("<dt>ran</dt><dd>–</dd>"))
        // Concluded again later: the second span ends at the conclusion that stands.
        try fixture.commit("2026-11-10", ["playbooks/experiments/EXP-0001.yml": SiteFixture.experiment("EXP-0001", title: "Shorter form", status: "concluded", extra: "")])
        let again = try XCTUnwrap(Site.render(try fixture.input())["calendar.html"])
        XCTAssertTrue(again.contains("EXP-0001 live 2026-09-20 to 2026-10-12</title>"), again)
        XCTAssertTrue(again.contains("EXP-0001 live 2026-10-20 to 2026-11-10</title>"), again)
    }

    /// cal51 #1: an experiment concluded, re-opened and concluded again collides with another only
    /// where one of its spans meets it: not with one that ran only in the gap, on the calendar or on
    /// either page, and the reason names the days they shared.
    func testNoCollisionInTheGapOfAReopenedExperiment() throws {
        let fixture = try SiteFixture(for: self)
        // EXP-0001: live 2026-09-20 to 2026-10-12, re-opened 2026-11-01, concluded again 2026-11-10.
        // EXP-0004 ran 2026-10-14 to 2026-10-28, only in the gap; EXP-0005 2026-10-05 to 2026-11-05, across it.
        let other = { (id: String, status: String) in
            SiteFixture.experiment(id, title: "Other \(id)", status: status, start: "2026-10-01", extra: "")
        }
        try fixture.commit("2026-10-05", ["playbooks/experiments/EXP-0005.yml": other("EXP-0005", "running")])
        try fixture.commit("2026-10-14", ["playbooks/experiments/EXP-0004.yml": other("EXP-0004", "running")])
        try fixture.commit("2026-10-28", ["playbooks/experiments/EXP-0004.yml": other("EXP-0004", "concluded")])
        try fixture.commit("2026-11-01", ["playbooks/experiments/EXP-0001.yml": SiteFixture.experiment("EXP-0001", title: "Shorter form", status: "running", extra: "")])
        try fixture.commit("2026-11-05", ["playbooks/experiments/EXP-0005.yml": other("EXP-0005", "concluded")])
        try fixture.commit("2026-11-10", ["playbooks/experiments/EXP-0001.yml": SiteFixture.experiment("EXP-0001", title: "Shorter form", status: "concluded", extra: "")])
        let input = try fixture.input()
        XCTAssertEqual(input.liveSpans(of: "EXP-0001").map { "\($0.start) \($0.end.map(\.description) ?? "now")" },
                       ["2026-09-20 2026-10-12", "2026-11-01 2026-11-10"])
        let graph = input.collisions.graph
        XCTAssertEqual(graph.partners(of: "EXP-0001", limit: 50).map(\.id), ["EXP-0005"], "EXP-0004 ran only in EXP-0001's gap")
        XCTAssertEqual(graph.partners(of: "EXP-0004", limit: 50).map(\.id), ["EXP-0005"])
        XCTAssertEqual(graph.count(of: "EXP-0001"), 1)
        XCTAssertEqual(graph.count, 3, "EXP-0001 × EXP-0005, EXP-0004 × EXP-0005 and the fixture's EXP-0002 × EXP-0003")
        let files = Site.render(input)
        let calendar = try XCTUnwrap(files["calendar.html"])
        XCTAssertFalse(calendar.contains("EXP-0001 and EXP-0004") || calendar.contains("EXP-0004 and EXP-0001"), calendar)
        XCTAssertTrue(calendar.contains("EXP-0001 and EXP-0005 ran at the same time from 2026-10-05 to 2026-10-12 and from 2026-11-01 to 2026-11-05 on the surface web/signup"), calendar)
        XCTAssertTrue(calendar.contains("EXP-0001 live 2026-09-20 to 2026-10-12</title>") && calendar.contains("EXP-0001 live 2026-11-01 to 2026-11-10</title>"), calendar)
    }
}

extension SiteTests {
    /// review46 #4: after the North Star moves to another metric, the new one's trend does not show
    /// the old one's aligned mean score for the quarters before.
    func testTheNorthStarTrendDoesNotMixTwoMetrics() throws {
        let fixture = try SiteFixture(for: self)
        try fixture.commit("2027-01-10", [
            "playbooks/metrics.yml": SiteFixture.metrics.replacingOccurrences(of: "north_star: true", with: "north_star: false") + """

            ---
            kind: Metric
            id: paid-learners
            name: Paid learners
            unit: count
            direction: increase
            owner: growth
            north_star: true
            """,
        ])
        let input = try fixture.input(today: "2027-01-15")
        let q4Score = try XCTUnwrap(input.okr.first { $0.quarter == Quarter(year: 2026, number: 4) }?.northStar?.meanScore)
        let files = Site.render(input)
        let q4 = try XCTUnwrap(files["quarter-2026-Q4.html"])
        XCTAssertTrue(q4.contains("<tr><td><span class=\"nw\">2026-Q4</span></td><td class=\"n\">–</td><td class=\"n\">\(Numbers.text(q4Score))</td></tr>"), q4)
        let q1 = try XCTUnwrap(files["quarter-2027-Q1.html"])
        XCTAssertTrue(q1.contains("North Star: Paid learners</h2>"), q1)
        XCTAssertTrue(q1.contains("<tr><td><span class=\"nw\">2026-Q4</span></td><td class=\"n\">–</td><td class=\"n\">–</td></tr>"), q1)
        XCTAssertFalse(q1.contains("Mean score of key results aligned to the North Star"), q1)
    }
}

extension SiteTests {
    /// review46 #5: a home quarter before the history is refused, with the quarters the history
    /// holds (its home and program pages had nothing: "No experiment was started … yet").
    func testAHomeQuarterBeforeTheHistoryIsRefusedWithTheHistorysQuarters() throws {
        let fixture = try SiteFixture(for: self)
        let history = try HistoryReader(roots: ["playbooks"]).read(fixture.repository)
        let today = try XCTUnwrap(Day("2026-11-30"))
        XCTAssertEqual(SiteInput.problem(homeQuarter: Quarter(year: 2019, number: 1), history: history, today: today, entities: []),
                       "--quarter 2019-Q1 is before the history: its first playbook commit is in 2026-Q3; give a quarter from 2026-Q3 to 2026-Q4 (or one that objectives are planned for)")
        XCTAssertEqual(SiteInput.problem(homeQuarter: Quarter(year: 2026, number: 2), history: history, today: today, entities: [])?.hasPrefix("--quarter 2026-Q2 is before"), true)
        for allowed in [Quarter(year: 2026, number: 3), Quarter(year: 2026, number: 4)] {
            XCTAssertNil(SiteInput.problem(homeQuarter: allowed, history: history, today: today, entities: []), allowed.description)
        }
        // After today's quarter and the last commit's, with no objective planned for it: nothing to
        // show, and every page's switcher, trend and program charts would gain an empty quarter.
        XCTAssertEqual(SiteInput.problem(homeQuarter: Quarter(year: 2027, number: 1), history: history, today: today, entities: []),
                       "--quarter 2027-Q1 is after the history: its last playbook commit and today (2026-11-30) are in 2026-Q4 or before; give a quarter from 2026-Q3 to 2026-Q4 (or one that objectives are planned for)")
        // One that objectives are planned for has a page, before or after.
        let planned = try XCTUnwrap(EntityDecoder.decode(try XCTUnwrap(YAMLLoader.load(Array(SiteFixture.objective(current: 1)
            .replacingOccurrences(of: "quarter: 2026-Q4", with: "quarter: 2027-Q2").utf8)).documents.first)).entity)
        XCTAssertNil(SiteInput.problem(homeQuarter: Quarter(year: 2027, number: 2), history: history, today: today,
                                       entities: [SourcedEntity(entity: planned, file: "playbooks/okrs/next.yml")]))
    }
}

extension SiteTests {
    /// review46 #7: one commit dated far ahead (a wrong clock) adds its own quarter, not a page for
    /// every quarter up to it; nor does a HEAD so dated, which is the site's day.
    func testAMisdatedCommitAddsOneQuarterNotEveryQuarterUpToIt() throws {
        let fixture = try SiteFixture(for: self)
        try fixture.commit("2099-06-01", ["playbooks/hypotheses/HYP-0009.yml": SiteFixture.hypothesis("HYP-0009", title: "From the future", status: "backlog")])
        try fixture.commit("2026-11-01", ["playbooks/hypotheses/HYP-0010.yml": SiteFixture.hypothesis("HYP-0010", title: "Back in time", status: "backlog")])
        let input = try fixture.input()
        XCTAssertEqual(input.okr.map(\.quarter.description), ["2026-Q3", "2026-Q4", "2099-Q2"])
        let files = Site.render(input)
        XCTAssertEqual(files.keys.filter { $0.hasPrefix("quarter-") }.sorted(), ["quarter-2026-Q3.html", "quarter-2026-Q4.html", "quarter-2099-Q2.html"])
        try fixture.commit("2099-07-01", ["playbooks/hypotheses/HYP-0011.yml": SiteFixture.hypothesis("HYP-0011", title: "HEAD too", status: "backlog")])
        XCTAssertEqual(try fixture.input(today: "2099-07-01").okr.map(\.quarter.description), ["2026-Q3", "2026-Q4", "2099-Q2", "2099-Q3"])
        // A quiet quarter between two with commits keeps its page (2027-Q1 here).
        let quiet = try SiteFixture(for: self)
        try quiet.commit("2027-05-02", ["playbooks/hypotheses/HYP-0009.yml": SiteFixture.hypothesis("HYP-0009", title: "Later", status: "backlog")])
        XCTAssertEqual(try quiet.input(today: "2027-05-02").okr.map(\.quarter.description), ["2026-Q3", "2026-Q4", "2027-Q1", "2027-Q2"])
    }
}

extension SiteTests {
    /// review46 #6: values below zero (an NPS-like North Star) are drawn inside the chart, on an
    /// axis that reaches below zero; the tick labels say so.
    func testNegativeValuesAreDrawnInsideTheChart() throws {
        let svg = Charts.lines(title: "NPS at each quarter's end", categories: ["2025-Q1", "2025-Q2", "2025-Q3"],
                               series: [Series(name: "NPS", values: [-30, -22, -15])], yLabel: "count")
        let circles = try NSRegularExpression(pattern: "<circle cx=\"[^\"]*\" cy=\"([^\"]*)\"")
        let ys = circles.matches(in: svg, range: NSRange(svg.startIndex..., in: svg)).compactMap { match in
            Range(match.range(at: 1), in: svg).flatMap { Double(svg[$0]) }
        }
        XCTAssertEqual(ys.count, 3)
        for y in ys { XCTAssertTrue((Charts.top...Charts.Scale.bottomY).contains(y), "\(y) is outside the frame: \(svg)") }
        XCTAssertEqual(ys, ys.sorted(by: >), "a larger value is drawn higher")
        XCTAssertTrue(svg.contains("dominant-baseline=\"middle\">-30</text>"), svg)
        XCTAssertTrue(svg.contains("dominant-baseline=\"middle\">0</text>"), svg)
        // Values from 0 up keep the axis they had: from 0 to a round number above the largest.
        XCTAssertEqual(Charts.Scale(maximum: 37).ticks, [0, 10, 20, 30, 40])
        XCTAssertEqual(Charts.Scale(minimum: -5, maximum: 37).ticks, [-20, 0, 20, 40])
        XCTAssertEqual(Charts.Scale(minimum: -30, maximum: 0).ticks, [-30, -20, -10, 0])
    }
}

extension SiteTests {
    /// review46 #8: one day past its planned end is "1 day", as `report experiments` says it.
    func testAnExperimentOneDayPastItsPlannedEndIsOneDayNotOneDays() throws {
        let fixture = try SiteFixture(for: self)
        // EXP-0002: planned 2026-12-01 plus 14 days, so 2026-12-15; running on 2026-12-16.
        try fixture.commit("2026-11-20", [
            "playbooks/experiments/EXP-0002.yml": SiteFixture.experiment("EXP-0002", title: "Social sign-in", status: "running", start: "2026-12-01", extra: ""),
        ])
        let input = try fixture.input(today: "2026-12-16")
        XCTAssertEqual(input.program.last?.overall?.stale.first?.daysOverdue, 1)
        let program = try XCTUnwrap(Site.render(input)["program.html"])
        XCTAssertTrue(program.contains("Social sign-in</a>: 1 day past 2026-12-15</li>"), program)
        XCTAssertFalse(program.contains("1 days"), program)
    }
}

extension SiteTests {
    /// review46 #11: no page skips a heading level (the learnings cards were `h3` under the `h1`).
    func testNoPageSkipsAHeadingLevel() throws {
        let files = Site.render(try SiteFixture(for: self).input())
        let heading = try NSRegularExpression(pattern: "<h([1-6])[ >]")
        for (path, page) in html(files) {
            let levels = heading.matches(in: page, range: NSRange(page.startIndex..., in: page)).compactMap { match in
                Range(match.range(at: 1), in: page).flatMap { Int(page[$0]) }
            }
            XCTAssertEqual(levels.first, 1, path)
            for (previous, level) in zip(levels, levels.dropFirst()) {
                XCTAssertLessThanOrEqual(level, previous + 1, "\(path): h\(previous) then h\(level)")
            }
        }
        XCTAssertTrue(try XCTUnwrap(files["learnings.html"]).contains("<li class=\"card\" id=\"c0\"><article aria-labelledby=\"c0-h\"><h2 id=\"c0-h\">"))
    }
}

extension SiteTests {
    /// review46 #9: in a script written without spaces (Japanese here) a query finds a word inside
    /// a longer run, not only at its start; other scripts keep the prefix rule. review54s: a query of
    /// an emoji alone is looked for as written (it showed every card, as an empty query does). Runs the page's
    /// own search script in Node against the site's index. `scripts/setup --for-tests` installs Node;
    /// skipped without it only outside CI (in CI its absence is a failure, not a silent skip).
    func testSearchFindsAWordInsideJapaneseText() throws {
        guard let node = try Self.node() else { return }
        let fixture = try SiteFixture(for: self)
        try fixture.commit("2026-10-20", [
            "playbooks/experiments/EXP-0002.yml": SiteFixture.experiment("EXP-0002", title: "価格テスト改善", status: "concluded", start: "2026-10-01", extra: """
            result: {outcome: loss, lift: -0.01, decision: drop, learnings: 価格テスト改善は効果なし。データが足りない 🍰}
            """),
        ])
        let files = Site.render(try fixture.input())
        let harness = """
        var elements = {};
        function element(id) {
          if (!elements[id]) { elements[id] = { hidden: false, value: "", textContent: "", listeners: {}, addEventListener: function (type, f) { this.listeners[type] = f; } }; }
          return elements[id];
        }
        global.document = { getElementById: element };
        global.window = {};
        \(try XCTUnwrap(files["assets/search-index.js"]))
        \(try XCTUnwrap(files["assets/search.js"]))
        ["価格テスト改善", "テスト", "価格", "効果", "データ", "改善 テスト", "zeppelin", "pelin", "テストX", "🍰", "🚀", " "].forEach(function (q) {
          element("q").value = q; element("q").listeners.input();
          console.log(q + ": " + element("count").textContent);
        });
        """
        let output = try Self.run(harness, in: node)
        // The whole run, found by the prefix rule too (the experiment, and the hypothesis it tests): every part of it finds the same.
        XCTAssertEqual(output, """
        価格テスト改善: 2 of 4 shown
        テスト: 2 of 4 shown
        価格: 2 of 4 shown
        効果: 2 of 4 shown
        データ: 2 of 4 shown
        改善 テスト: 2 of 4 shown
        zeppelin: 2 of 4 shown
        pelin: 0 of 4 shown
        テストX: 0 of 4 shown
        🍰: 2 of 4 shown
        🚀: 0 of 4 shown
         : 4 of 4 shown

        """)
    }
}

extension SiteTests {
    /// Node, to run the site's script in; nil (a skip, a failure under CI) when there is none.
    static func node() throws -> String? {
        let node = ["/usr/bin/node", "/usr/local/bin/node", "/opt/homebrew/bin/node"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard node == nil else { return node }
        if ProcessInfo.processInfo.environment["CI"] != nil {
            XCTFail("no Node to run the search script: scripts/setup --for-tests installs it")
            return nil
        }
        throw XCTSkip("no Node to run the search script (scripts/setup --for-tests installs it)")
    }

    /// What `script` prints, run by `node`.
    static func run(_ script: String, in node: String) throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("search-\(UUID().uuidString).js")
        try Data(script.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: node)
        process.arguments = [file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return output
    }

    /// review54s: the library's query and filters are kept over a reload, in the address's fragment
    /// (`#search=…&outcome=…`), and a link with them opens the library filtered; a value no filter
    /// offers is ignored, and a card's own anchor (no "=") is never replaced.
    func testTheLibrarysChoicesLiveInTheAddressFragment() throws {
        guard let node = try Self.node() else { return }
        let fixture = try SiteFixture(for: self)
        let files = Site.render(try fixture.input())
        let run = { (hash: String, steps: String) throws -> String in
            let harness = """
            var elements = {};
            function element(id) {
              if (!elements[id]) { elements[id] = { hidden: false, value: "", textContent: "", options: [], listeners: {}, addEventListener: function (type, f) { this.listeners[type] = f; } }; }
              return elements[id];
            }
            element("f-outcome").options = [{ value: "" }, { value: "win" }, { value: "backlog" }];
            element("f-squad").options = [{ value: "" }, { value: "growth" }];
            global.document = { getElementById: element };
            global.window = { location: { hash: \(hash.debugDescription), href: "file:///site/learnings.html" + \(hash.debugDescription) },
                              history: { replaceState: function (state, title, url) {
                console.log("address " + url);
                window.location.href = url;
                window.location.hash = url.indexOf("#") === -1 ? "" : url.slice(url.indexOf("#"));
              } } };
            \(try XCTUnwrap(files["assets/search-index.js"]))
            \(try XCTUnwrap(files["assets/search.js"]))
            console.log("loaded: " + JSON.stringify(element("q").value) + " " + JSON.stringify(element("f-outcome").value) + " " + element("count").textContent);
            \(steps)
            """
            return try Self.run(harness, in: node)
        }
        // Choosing writes the address; the query's spaces and symbols are encoded, not written as they are.
        XCTAssertEqual(try run("", """
            element("f-outcome").value = "win"; element("f-outcome").listeners.change();
            element("q").value = "zeppelin & <b>"; element("q").listeners.input();
            element("q").value = ""; element("q").listeners.input();
            element("f-outcome").value = ""; element("f-outcome").listeners.change();
            """), """
            loaded: "" "" 3 of 3 shown
            address file:///site/learnings.html#outcome=win
            address file:///site/learnings.html#search=zeppelin+%26+%3Cb%3E&outcome=win
            address file:///site/learnings.html#outcome=win
            address file:///site/learnings.html

            """)
        // Reloaded (or opened from a link) with choices: they are put back and applied.
        XCTAssertEqual(try run("#search=zeppel&outcome=win", ""), "loaded: \"zeppel\" \"win\" 1 of 3 shown\n")
        // A value no filter offers is ignored; a card's anchor stays when nothing is chosen.
        XCTAssertEqual(try run("#outcome=%3Cscript%3E", ""), "loaded: \"\" \"\" 3 of 3 shown\n")
        XCTAssertEqual(try run("#k-EXP-0001", "element(\"q\").listeners.input();"), "loaded: \"\" \"\" 3 of 3 shown\n")
    }

    /// cal51 #2: a chart's axis is labelled with its ticks exactly (0, 0.5, 1), whatever the
    /// values and the format: a label is never a rounded neighbour of its tick (0.3 at 0.25),
    /// binary noise (0.30000000000000004) or a redundant point (1.0), and the ticks are evenly spaced.
    func testAxisTickLabelsPrintTheirTicksExactly() throws {
        let labels = try NSRegularExpression(pattern: "text-anchor=\"end\" dominant-baseline=\"middle\">([^<]*)</text>")
        func ticks(_ svg: String) -> [String] {
            labels.matches(in: svg, range: NSRange(svg.startIndex..., in: svg)).compactMap { match in
                Range(match.range(at: 1), in: svg).map { String(svg[$0]) }
            }
        }
        // Each format with the places it shows, as the pages pass them.
        let formats: [(String, Int, (Double) -> String)] = [
            ("text", 2, { Numbers.text($0) }),
            ("cycle days", 1, { Numbers.text($0, places: 1) }),
            ("percent", 3, { Numbers.percent($0) }),
            ("count", UnitText.places(.count), { Numbers.unit($0, .count) }),
            ("duration", UnitText.places(.duration), { Numbers.unit($0, .duration) }),
            ("ratio", UnitText.places(.ratio), { Numbers.unit($0, .ratio) }),
            ("no unit", UnitText.places(nil), { Numbers.unit($0, nil) }),
        ]
        let maxima: [Double] = [0, 0.0003, 0.004, 0.07, 0.3, 0.9, 1, 1.1, 7, 12.5, 0.00000041, 123.4, 987_654]
        for (name, places, format) in formats {
            for maximum in maxima {
                for (minimum, bars) in [(0, true), (0, false), (-maximum * 0.7, false)] {
                    let series = [Series(name: "s", values: [minimum, maximum])]
                    let svg = bars
                        ? Charts.bars(title: "t", categories: ["2026-Q1", "2026-Q2"], series: series, yLabel: "y", places: places, format: format)
                        : Charts.lines(title: "t", categories: ["2026-Q1", "2026-Q2"], series: series, yLabel: "y", places: places, format: format)
                    let shown = ticks(svg)
                    XCTAssertGreaterThanOrEqual(shown.count, 2, "\(name) \(maximum): \(svg)")
                    // Each label's number, exactly: units and thousands' commas taken off.
                    let numbers = shown.map { label -> Decimal? in
                        let number = label.replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "%", with: "")
                            .replacingOccurrences(of: " days", with: "").replacingOccurrences(of: " day", with: "")
                        XCTAssertNotNil(number.range(of: "^-?(0|[1-9][0-9]*)(\\.[0-9]*[1-9])?$", options: .regularExpression),
                                        "\(name) \(minimum)…\(maximum): \(label) is not a number printed exactly (\(shown))")
                        return Decimal(string: number, locale: Locale(identifier: "en_US_POSIX"))
                    }
                    let steps = zip(numbers.dropFirst(), numbers).map { a, b in a.flatMap { a in b.map { a - $0 } } }
                    XCTAssertEqual(Set(steps).count, 1, "\(name) \(minimum)…\(maximum): ticks not evenly spaced as printed: \(shown)")
                    XCTAssertTrue(steps.allSatisfy { ($0 ?? 0) > 0 }, "\(name) \(minimum)…\(maximum): \(shown)")
                }
            }
        }
        // The cycle-time chart of the program page (days to one place): not 0, 0.3, 0.5, 0.8, 1.
        let input = try SiteFixture(for: self).input()
        XCTAssertEqual(ticks(Charts.bars(title: "t", categories: ["2026-Q1"], series: [Series(name: "s", values: [0.9])], yLabel: "days",
                                         places: 1, format: { Numbers.text($0, places: 1) })), ["0", "0.5", "1"])
        XCTAssertFalse(ticks(try XCTUnwrap(Site.render(input)["program.html"])).isEmpty)
        XCTAssertEqual(ticks(Charts.lines(title: "t", categories: ["2026-Q1"], series: [Series(name: "s", values: [0.6])], yLabel: "score",
                                          maximum: 1)), ["0", "0.25", "0.5", "0.75", "1"])
    }
}

extension SiteTests {
    /// cal51 #3: an experiment still running past its planned end is judged live until today (the
    /// collision rule stretches it), so its red outline on the calendar reaches today's line, not
    /// its planned end.
    func testTheRedOutlineOfALateExperimentReachesToday() throws {
        let fixture = try SiteFixture(for: self)
        // EXP-0002 and EXP-0003 collide on web/signup; both planned 14 days from 2026-12-01 and -05, both still running.
        try fixture.commit("2026-11-20", [
            "playbooks/experiments/EXP-0002.yml": SiteFixture.experiment("EXP-0002", title: "Social sign-in", status: "running", start: "2026-12-01", extra: ""),
            "playbooks/experiments/EXP-0003.yml": SiteFixture.experiment("EXP-0003", title: "Welcome email", status: "running", start: "2026-12-05",
                                                                         extra: "exclusion_group: onboarding"),
        ])
        let calendar = try XCTUnwrap(Site.render(try fixture.input(today: "2027-01-10"))["calendar.html"])
        let line = try NSRegularExpression(pattern: "<line x1=\"([0-9.]+)\"[^>]*><title>today 2027-01-10, at its end</title>")
        let match = try XCTUnwrap(line.firstMatch(in: calendar, range: NSRange(calendar.startIndex..., in: calendar)), calendar)
        let today = try XCTUnwrap(Range(match.range(at: 1), in: calendar).flatMap { Double(calendar[$0]) })
        // The outlines without a fill, in red: the windows the collisions are judged on, one per experiment.
        let outline = try NSRegularExpression(pattern: "<rect x=\"([0-9.]+)\" y=\"[0-9.]+\" width=\"([0-9.]+)\" height=\"20\" fill=\"none\" stroke=\"#c0281b\"")
        let ends = outline.matches(in: calendar, range: NSRange(calendar.startIndex..., in: calendar)).compactMap { match -> Double? in
            guard let x = Range(match.range(at: 1), in: calendar).flatMap({ Double(calendar[$0]) }),
                  let width = Range(match.range(at: 2), in: calendar).flatMap({ Double(calendar[$0]) }) else { return nil }
            return x + width
        }
        XCTAssertEqual(ends.count, 2, calendar)
        for end in ends { XCTAssertGreaterThanOrEqual(end, today, "a red outline stops before today: \(calendar)") }
        XCTAssertTrue(calendar.contains("EXP-0002 collides 2026-12-01 to 2027-01-10, running past its planned end"), calendar)
        // Before its planned end it is judged on the window as written.
        let early = try XCTUnwrap(Site.render(try fixture.input(today: "2026-12-02"))["calendar.html"])
        XCTAssertTrue(early.contains("EXP-0002 collides 2026-12-01 to 2026-12-15</title>"), early)
    }
}

extension SiteTests {
    /// cal51 #4: the timeline's last month label (and today's) is drawn inside the SVG: one that
    /// would pass its right edge, where the SVG clips it, ends at its line instead of starting there.
    func testTheTimelinesLabelsStayInsideItsRightEdge() throws {
        let fixture = try SiteFixture(for: self)
        // The timeline runs to 2027-01-03: the 2027-01 tick is 3 days, about 24 px, from its right edge.
        try fixture.commit("2026-10-20", [
            "playbooks/experiments/EXP-0003.yml": SiteFixture.experiment("EXP-0003", title: "Welcome email", status: "ready", start: "2026-12-20",
                                                                         extra: "exclusion_group: onboarding"),
        ])
        for today in ["2026-11-30", "2027-01-03"] {
            let calendar = try XCTUnwrap(Site.render(try fixture.input(today: today))["calendar.html"])
            let svg = try XCTUnwrap(calendar.range(of: "<svg class=\"timeline\"").map { String(calendar[$0.lowerBound...]) })
            let width = try XCTUnwrap(svg.range(of: #"width="([0-9]+)""#, options: .regularExpression).flatMap { Double(svg[$0].dropFirst(7).dropLast()) })
            let texts = try NSRegularExpression(pattern: "<text[^>]* x=\"([0-9.]+)\" y=\"[0-9]+\"( text-anchor=\"end\")?>([^<]*)</text>")
            var labels: [String] = []
            for match in texts.matches(in: svg, range: NSRange(svg.startIndex..., in: svg)) {
                let x = try XCTUnwrap(Range(match.range(at: 1), in: svg).flatMap { Double(svg[$0]) })
                let text = try XCTUnwrap(Range(match.range(at: 3), in: svg).map { String(svg[$0]) })
                // 12 px text: a character is 0.62 × 12 px wide at most.
                let drawn = Double(text.count) * 0.62 * 12
                let (left, right) = match.range(at: 2).location == NSNotFound ? (x, x + drawn) : (x - drawn, x)
                XCTAssertTrue(left >= 0 && right <= width, "\(text) is drawn from \(left) to \(right), past the timeline's edge at \(width) (today \(today))")
                labels.append(text)
            }
            XCTAssertEqual(labels.filter { $0.hasPrefix("20") }, ["2026-10", "2026-11", "2026-12", "2027-01"], svg)
            XCTAssertTrue(labels.contains("today"), svg)
        }
    }
}
