import Foundation
import PlaybookModel
import PlaybookReports
@testable import PlaybookSite
import XCTest

/// A key result's confidence written before its quarter and not changed during it is its confidence
/// for the quarter, on the quarter's objectives tree and the objectives' page, as `report okr` says it.
final class ConfidenceCarriedTests: XCTestCase {
    func testTheTreeShowsAConfidenceWrittenBeforeTheQuarter() throws {
        let fixture = try SiteFixture(for: self)
        let objective = { (current: Double) in
            SiteFixture.objective(current: current).replacingOccurrences(of: "OKR-2026Q4-GRO-1", with: "OKR-2027Q1-GRO-1")
                .replacingOccurrences(of: "quarter: 2026-Q4", with: "quarter: 2027-Q1") + "\n    confidence: 0.7\n"
        }
        try fixture.commit("2026-12-10", ["playbooks/okrs/q1.yml": objective(10.5)])
        try fixture.commit("2027-01-12", ["playbooks/okrs/q1.yml": objective(11)])  // a check-in; the confidence stays
        let input = try fixture.input(today: "2027-01-20", home: Quarter(year: 2027, number: 1))
        let report = try XCTUnwrap(input.okr.first { $0.quarter.description == "2027-Q1" })
        let kr = try XCTUnwrap(report.objectives.first { $0.id == "OKR-2027Q1-GRO-1" }?.keyResults.first)
        XCTAssertEqual(OKRRenderer.confidenceText(kr), "0.7")
        let files = Site.render(input)
        let quarter = try XCTUnwrap(files["quarter-2027-Q1.html"])
        let item = try XCTUnwrap(quarter.components(separatedBy: "id=\"k-OKR-2027Q1-GRO-1_2FKR-1\"").dropFirst().first?
            .components(separatedBy: "</li>").first, quarter)
        XCTAssertTrue(item.contains("confidence 0.7"), item)
        let page = try XCTUnwrap(files["e/objectives.2027-Q1.html"], "\(files.keys.sorted())")
        XCTAssertTrue(page.contains("confidence 0.7,"), page)
    }
}
