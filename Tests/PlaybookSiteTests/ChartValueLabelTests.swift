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
}
