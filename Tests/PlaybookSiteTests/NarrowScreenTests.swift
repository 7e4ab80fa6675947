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
}
