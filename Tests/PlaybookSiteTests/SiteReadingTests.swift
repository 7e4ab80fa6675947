import Foundation
import PlaybookModel
@testable import PlaybookSite
import XCTest

/// What a reader gets from the pages besides the calendar (review56): each number said once, each learning
/// named with its experiment, each value labelled as what it is.
final class SiteReadingTests: XCTestCase {
    /// review56 #3: each score was a `<meter>` whose fallback text was the number, then the number again, so a
    /// screen reader or a reader without CSS got "0.83 0.83". The meter is hidden from screen readers and has
    /// no text; the visible number is the one said.
    func testEachScoreIsSaidOnce() throws {
        let fixture = try SiteFixture(for: self)
        let files = Site.render(try fixture.input(today: "2026-12-20"))
        let meter = try NSRegularExpression(pattern: "<meter [^>]*>([^<]*)</meter> <span class=\"score\">([^<]*)</span>")
        var meters = 0
        for (path, page) in files where path.hasSuffix(".html") {
            for match in meter.matches(in: page, range: NSRange(page.startIndex..., in: page)) {
                let whole = try XCTUnwrap(Range(match.range, in: page).map { String(page[$0]) })
                XCTAssertTrue(whole.contains("aria-hidden=\"true\""), "\(path): \(whole)")
                XCTAssertEqual(Range(match.range(at: 1), in: page).map { String(page[$0]) }, "", "\(path): \(whole)")
                meters += 1
            }
        }
        XCTAssertGreaterThan(meters, 0)
    }

    /// review56 #4: a hypothesis's card in the library gave the learnings of the experiments that tested it
    /// without saying which experiment (HYP-0002 showed EXP-0003's "Shorter signup form won…"). Each
    /// experiment's learnings are under its name, linked to its section.
    func testAHypothesisCardNamesTheExperimentItsLearningsComeFrom() throws {
        let fixture = try SiteFixture(for: self)
        let learnings = try XCTUnwrap(Site.render(try fixture.input(today: "2026-11-30"))["learnings.html"])
        let card = try XCTUnwrap(learnings.components(separatedBy: "<li class=\"card\"").first { $0.contains("#k-HYP-0001\">HYP-0001</a>") })
        XCTAssertTrue(card.contains("<p class=\"meta\">Learned from <a href=\"e/experiments.growth.2026-Q3.html#k-EXP-0001\">EXP-0001</a>:</p>"
            + "<p class=\"written\">The zeppelin-shaped drop at the password step vanished.</p>"), card)
    }
}

extension SiteReadingTests {
    /// review56 #5: the home page's North Star chart was titled "at each quarter's end" and its table's column
    /// "value at end", while the running quarter's point was today's value. That one is said to date, on today.
    func testTheRunningQuartersNorthStarValueIsSaidToDate() throws {
        let fixture = try SiteFixture(for: self)
        try fixture.commit("2026-10-15", ["playbooks/okrs/wal.yml": """
        kind: Objective
        id: OKR-2026Q4-GRO-2
        squad: growth
        quarter: 2026-Q4
        title: More learners
        aligns_to: weekly-active-learners
        key_results:
          - id: KR-1
            title: Weekly active learners from 1000 to 2000
            metric: weekly-active-learners
            baseline: 1000
            target: 2000
            current: 1500
        """])
        let home = try XCTUnwrap(Site.render(try fixture.input(today: "2026-11-30"))["index.html"])
        XCTAssertTrue(home.contains("<figcaption>Weekly active learners at each quarter&#39;s end (2026-Q4 to date, on <span class=\"nw\">2026-11-30</span>)</figcaption>")
                      || home.contains("<figcaption>Weekly active learners at each quarter's end (2026-Q4 to date, on <span class=\"nw\">2026-11-30</span>)</figcaption>"), home)
        XCTAssertTrue(home.contains("<title>Weekly active learners, 2026-Q4: 1,500 (to date, on 2026-11-30)</title>"), home)
        // The mean score beside it is so far too: a running quarter's low score read as a fall (review of 2026-12-06).
        XCTAssertTrue(home.contains("<figcaption>Mean score of key results aligned to the North Star (2026-Q4 to date, on <span class=\"nw\">2026-11-30</span>)</figcaption>"), home)
        XCTAssertTrue(home.contains("<title>mean score, 2026-Q4: 0.44 (to date, on 2026-11-30)</title>"), home)
        XCTAssertTrue(home.contains(">value at end (or to date)</th>"), home)
        XCTAssertTrue(home.contains("<tr><td><span class=\"nw\">2026-Q4</span></td><td class=\"n\">1,500 <span class=\"meta\">(to date, on 2026-11-30)</span></td>"), home)
        // Once the quarter has ended, its value is the one at its end.
        let ended = try XCTUnwrap(Site.render(try fixture.input(today: "2027-01-15"))["quarter-2026-Q4.html"])
        XCTAssertFalse(ended.contains("to date"), ended)
        XCTAssertTrue(ended.contains(">value at end</th>"), ended)
    }

    /// review56 #6: on the program page a value of 0 was a thin bar (read as a small value), and no bar said
    /// its value. A 0 has no bar and its value written on the axis; every bar has its value written over it.
    func testABarChartDrawsNoBarForZeroAndWritesEachValue() throws {
        let svg = Charts.bars(title: "Experiments started and concluded per quarter", categories: ["2026-Q3", "2026-Q4"],
                              series: [Series(name: "started", values: [0, 3]), Series(name: "concluded", values: [2, 0])],
                              yLabel: "experiments", integer: true)
        XCTAssertEqual(svg.components(separatedBy: "<rect ").count - 1, 2, svg)
        // No bar for the 0; its label carries the hover text instead (review59s #6b).
        XCTAssertFalse(svg.contains("started, 2026-Q3: 0</title></rect>"), svg)
        let label = try NSRegularExpression(pattern: "<text class=\"value(?: in)?\" x=\"[0-9.]+\" y=\"([0-9.]+)\" text-anchor=\"middle\">(?:<title>[^<]*</title>)?([^<]*)</text>")
        let labels = label.matches(in: svg, range: NSRange(svg.startIndex..., in: svg)).compactMap { match in
            Range(match.range(at: 2), in: svg).map { String(svg[$0]) }
        }
        XCTAssertEqual(labels, ["0", "2", "3", "0"], svg)
        // The tallest, reaching the top, has its value inside it.
        XCTAssertTrue(svg.contains("<text class=\"value in\""), svg)
        XCTAssertTrue(svg.contains("y=\"\(Charts.n(Charts.Scale.bottomY - 4))\" text-anchor=\"middle\"><title>started, 2026-Q3: 0</title>0</text>"), svg)
        let program = try XCTUnwrap(Site.render(try SiteFixture(for: self).input())["program.html"])
        XCTAssertTrue(program.contains("<text class=\"value\""), program)
    }
}

extension SiteReadingTests {
    /// review56 #7: on a squad's page at 1400 px the Experiments table broke its dates at their hyphens
    /// ("2026-⏎08-05") though the title column had room. Each date is kept on one line.
    func testASquadsExperimentDatesStayOnOneLine() throws {
        let fixture = try SiteFixture(for: self)
        try fixture.commit("2026-10-20", [
            "playbooks/experiments/EXP-0004.yml": SiteFixture.experiment("EXP-0004", title: "Annual plan first", status: "ready", start: "2026-12-10",
                                                                         extra: "end: 2026-12-24"),
        ])
        let squad = try XCTUnwrap(Site.render(try fixture.input(today: "2026-11-30"))["e/growth.html"])
        XCTAssertTrue(squad.contains("<td><span class=\"nw\">2026-12-10</span></td><td><span class=\"nw\">2026-12-24</span></td>"), squad)
        XCTAssertTrue(squad.contains("<td><span class=\"nw\">2026-09-21</span></td><td>–</td>"), squad)
    }
}

extension SiteReadingTests {
    /// review57 #5: built on 2026-11-30, the program page charted and tabled 2026-Q4 beside 2026-Q3, a full
    /// quarter, with nothing saying it was counted to date. Its charts' captions, its label under the axis and
    /// its table's caption say so, as the home page says it of the North Star; the ended quarter is not marked.
    func testTheProgramPageMarksTheRunningQuarterToDate() throws {
        let program = try XCTUnwrap(Site.render(try SiteFixture(for: self).input(today: "2026-11-30"))["program.html"])
        XCTAssertTrue(program.contains("<figcaption>Experiments started and concluded per quarter (2026-Q4 to date, on <span class=\"nw\">2026-11-30</span>)"), program)
        XCTAssertTrue(program.contains(">2026-Q4<tspan x=\""), program)
        XCTAssertTrue(program.contains("\">to date</tspan></text>"), program)
        XCTAssertTrue(program.contains("<p class=\"caption\">All squads; 2026-Q4 counted to date, on 2026-11-30</p>"), program)
        XCTAssertTrue(program.contains("<td><span class=\"nw\">2026-Q3</span></td>"), program)
    }
}
