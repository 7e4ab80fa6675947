import Foundation
import PlaybookReports
@testable import PlaybookSite
import XCTest

/// review58s #1: every bar of a chart says its value, a fraction (38.5 days) as well as a whole number.
final class ChartValueLabelTests: XCTestCase {
    /// The values written on the bars, in order (level or upright).
    private func labels(_ svg: String) throws -> [String] {
        let label = try NSRegularExpression(pattern: "<text class=\"value(?: in)?\" [^>]*>(?:<title>[^<]*</title>)?([^<]*)</text>")
        return label.matches(in: svg, range: NSRange(svg.startIndex..., in: svg)).compactMap { match in
            Range(match.range(at: 1), in: svg).map { String(svg[$0]) }
        }
    }

    /// The program page's cycle times of the reviewer's grocery app: three series over two quarters, a bar of
    /// 38.5 days (too wide to be written level over its bar) had only its tooltip.
    func testABarWhoseValueIsAFractionHasItsValueWritten() throws {
        let svg = Charts.bars(title: "Median cycle time per quarter, in days", categories: ["2026-Q3", "2026-Q4" + Charts.toDate], series: [
            Series(name: "created → running", values: [7, 0]),
            Series(name: "ready → running", values: [nil, 6]),
            Series(name: "running → concluded", values: [35.5, 38.5]),
        ], yLabel: "days", places: 1) { Numbers.text($0, places: 1) }
        XCTAssertEqual(try labels(svg), ["7", "35.5", "0", "6", "38.5"], svg)
        // Written upright (a quarter turn back), centred on its bar.
        XCTAssertTrue(svg.contains("dominant-baseline=\"central\" transform=\"rotate(-90 "), svg)
    }

    /// review59s #6b: a value of 0 has no bar, only its label, 0, which had no hover text: it carries the title
    /// a bar of it would (series, category and value), and the bars keep theirs.
    func testAZeroValuesLabelHasTheHoverTextABarHas() throws {
        let svg = Charts.bars(title: "Median cycle time per quarter, in days", categories: ["2026-Q3", "2026-Q4"], series: [
            Series(name: "created → running", values: [7, 0]),
        ], yLabel: "days", places: 1) { Numbers.text($0, places: 1) }
        XCTAssertTrue(svg.contains("<title>created → running, 2026-Q4: 0</title>0</text>"), svg)
        XCTAssertTrue(svg.contains("<title>created → running, 2026-Q3: 7</title></rect>"), svg)
        XCTAssertEqual(svg.components(separatedBy: "<title>").count - 1, 2, svg)
    }

    /// Eight quarters of three series: the bars widen into their gaps so that each value fits upright.
    func testEveryBarOfEightQuartersHasItsValueWritten() throws {
        let quarters = (1...8).map { "Q\($0)" }
        let series = (0..<3).map { s in Series(name: "s\(s)", values: quarters.indices.map { Double($0 * 3 + s) + 10.5 }) }
        let svg = Charts.bars(title: "t", categories: quarters, series: series, yLabel: "days", places: 1) { Numbers.text($0, places: 1) }
        XCTAssertEqual(try labels(svg).count, 24, svg)
    }

    /// The visible values of a line chart (`<text class="value">`), in order.
    private func pointLabels(_ svg: String) throws -> [String] {
        let label = try NSRegularExpression(pattern: "<text class=\"value\" [^>]*>([^<]*)</text>")
        return label.matches(in: svg, range: NSRange(svg.startIndex..., in: svg)).compactMap { match in
            Range(match.range(at: 1), in: svg).map { String(svg[$0]) }
        }
    }

    /// site63 #2: the program page's win rate of one quarter was a lone dot whose 66.7% was only in its `<title>`:
    /// a lone dot's value is written beside it, and the values are in the chart's text alternative.
    func testALoneDotHasItsValueWrittenAndInTheTextAlternative() throws {
        let svg = Charts.lines(title: "Win rate per quarter", categories: ["2026-Q3", "2026-Q4" + Charts.toDate],
                               series: [Series(name: "win rate", values: [2.0 / 3, nil])], yLabel: "win rate", maximum: 1, places: 3) { Numbers.percent($0) }
        XCTAssertEqual(try pointLabels(svg), ["66.7%"], svg)
        XCTAssertTrue(svg.contains("aria-label=\"Win rate per quarter. 2026-Q3 66.7%\""), svg)
        // The axis of a rate still starts at 0.
        XCTAssertFalse(svg.contains("The axis starts at"), svg)
    }

    /// A few points each have their value written; many (that do not fit side by side) the last one only.
    func testAFewPointsAreAllLabelledAndManyTheLastOnly() throws {
        let few = Charts.lines(title: "t", categories: ["2026-Q1", "2026-Q2", "2026-Q3"], series: [Series(name: "s", values: [0.25, 0.5, 0.45])], yLabel: "score")
        XCTAssertEqual(try pointLabels(few), ["0.25", "0.5", "0.45"], few)
        let quarters = (1...12).map { "Q\($0)" }
        let many = Charts.lines(title: "t", categories: quarters, series: [Series(name: "s", values: quarters.indices.map { 1_000_000 + Double($0) * 1_234 })],
                                yLabel: "count", places: 0) { Numbers.grouped($0, places: 0) }
        XCTAssertEqual(try pointLabels(many), ["1,013,574"], many)
        // Each value is kept in its hover text and in the text alternative.
        XCTAssertTrue(many.contains("Q1 1,000,000, Q2 1,001,234"), many)
    }

    /// site63 #2: the North Star of 1,820,000 and 1,874,200 drawn on an axis from 0 to 2,000,000 looked flat: an axis
    /// allowed to leave 0 starts at a round number below values far from 0, and the chart says so; a lone value gets
    /// a range around it.
    func testAnAxisOfValuesFarFromZeroStartsBelowThemAndSaysSo() throws {
        XCTAssertEqual(Charts.Scale(minimum: 1_820_000, maximum: 1_874_200, places: 0, fromZero: false).ticks, [1_800_000, 1_825_000, 1_850_000, 1_875_000, 1_900_000])
        let lone = Charts.Scale(minimum: 1_874_200, maximum: 1_874_200, places: 0, fromZero: false)
        XCTAssertEqual(lone.ticks.first, 1_825_000)
        XCTAssertGreaterThan(lone.top, 1_874_200)
        // Values near 0 keep an axis from 0, as every axis does unless told.
        XCTAssertEqual(Charts.Scale(minimum: 100, maximum: 300, places: 0, fromZero: false).bottom, 0)
        XCTAssertEqual(Charts.Scale(minimum: 1_820_000, maximum: 1_874_200, places: 0).bottom, 0)
        let svg = Charts.lines(title: "Weekly active learners at each quarter's end", categories: ["2026-Q2", "2026-Q3"],
                               series: [Series(name: "Weekly active learners", values: [1_820_000, 1_874_200])], yLabel: "count", places: 0,
                               fromZero: false) { Numbers.grouped($0, places: 0) }
        XCTAssertEqual(try pointLabels(svg), ["1,820,000", "1,874,200"], svg)
        XCTAssertTrue(svg.contains("<p class=\"meta\">The axis starts at 1,800,000, not at 0.</p>"), svg)
        XCTAssertTrue(svg.contains("2026-Q2 1,820,000, 2026-Q3 1,874,200. The axis starts at 1,800,000, not at 0.\""), svg)
        // Two points 3 % apart stand apart by more than half the plot's height.
        let ys = try NSRegularExpression(pattern: "<circle cx=\"[^\"]*\" cy=\"([^\"]*)\"").matches(in: svg, range: NSRange(svg.startIndex..., in: svg))
            .compactMap { Range($0.range(at: 1), in: svg).flatMap { Double(svg[$0]) } }
        XCTAssertEqual(ys.count, 2)
        XCTAssertGreaterThan(abs(ys[0] - ys[1]), (Charts.Scale.bottomY - Charts.top) / 2, svg)
    }

    /// site63 #3: the cycle times' bars said 46 beside 3.5: a duration has one decimal, always written, as the reports write it.
    func testACycleTimeBarSaysItsDaysWithOneDecimal() throws {
        let svg = Charts.bars(title: "Median cycle time per quarter, in days", categories: ["2026-Q3"], series: [
            Series(name: "running → concluded", values: [46]),
        ], yLabel: "days", places: 1) { Numbers.days($0) }
        XCTAssertEqual(try labels(svg), ["46.0"], svg)
    }

    /// site63 #2 on the home page: the North Star measured at 1,874,200 (from 1,820,000) is written beside its dot, on an
    /// axis that does not start at 0, said so under the chart.
    func testTheHomePagesNorthStarChartWritesItsValueOnAnAxisAwayFromZero() throws {
        let fixture = try SiteFixture(for: self)
        try fixture.commit("2026-10-20", ["playbooks/okrs/q4b.yml": """
            kind: Objective
            id: OKR-2026Q4-GRO-2
            squad: growth
            quarter: 2026-Q4
            title: More learners
            key_results:
              - id: KR-1
                title: Weekly active learners to 2M
                metric: weekly-active-learners
                baseline: 1820000
                target: 2000000
                current: 1874200
            """])
        let home = try XCTUnwrap(Site.render(try fixture.input())["index.html"])
        let chart = try XCTUnwrap(home.components(separatedBy: "<figure class=\"chart\">").dropFirst().first, home)
        XCTAssertTrue(chart.hasPrefix("<figcaption>Weekly active learners at each quarter&#39;s end"), chart)
        XCTAssertEqual(try pointLabels(chart), ["1,874,200"], chart)
        XCTAssertTrue(chart.contains("<p class=\"meta\">The axis starts at 1,825,000, not at 0.</p>"), chart)
        XCTAssertFalse(chart.contains(">0</text>"), chart)
        // The hover text keeps its note.
        XCTAssertTrue(chart.contains(": 1,874,200 (to date, on 2026-11-30)</title>"), chart)
    }
}
