import Foundation
import PlaybookModel
import PlaybookReports
@testable import PlaybookSite
import XCTest

/// review58s #5: the site's on track / at risk / off track badges were never explained, while
/// `report okr` prints the basis. The objectives tree says it, with the report's numbers.
final class OKRStatusBasisTests: XCTestCase {
    /// The report's "Status:" sentence, from its Markdown, with the site's words and markup taken out.
    private func reportBasis(_ report: OKRReport) throws -> String {
        try XCTUnwrap(OKRRenderer.markdown(report).split(separator: "\n").first { $0.hasPrefix("Status: ") }.map(String.init))
    }

    func testARunningQuartersTreeSaysHowStatusesAreJudgedAsTheReportDoes() throws {
        let input = try SiteFixture(for: self).input(today: "2026-11-30")
        let report = try XCTUnwrap(input.okr.first { $0.quarter.description == "2026-Q4" })
        let home = try XCTUnwrap(Site.render(input)["index.html"])
        let basis = "Statuses: progress against the 66% of the quarter elapsed by 2026-11-30 (on track at ≥ 0.9× that, at risk at ≥ 0.6×, else off track; "
            + "set under <code>reports</code> in <code>.playbook.yml</code>), as <code>playbook report okr</code> judges them."
        XCTAssertTrue(home.contains("<p class=\"meta\">\(basis)</p>"), home)
        // The report's sentence, word for word, but for the site's markup and the day it names.
        let site = basis.replacingOccurrences(of: "<code>", with: "").replacingOccurrences(of: "</code>", with: "")
            .replacingOccurrences(of: "Statuses:", with: "Status:").replacingOccurrences(of: " by 2026-11-30", with: "")
            .replacingOccurrences(of: ", as playbook report okr judges them.", with: "")
        XCTAssertEqual(site, try reportBasis(report))
    }

    func testAnEndedQuartersTreeSaysWhatItsStatusesMean() throws {
        let input = try SiteFixture(for: self).input(today: "2027-01-15")
        let page = try XCTUnwrap(Site.render(input)["quarter-2026-Q4.html"])
        XCTAssertTrue(page.contains("<p class=\"meta\">Statuses: the quarter has ended, so a key result is achieved where its progress reached 1 (the target), else missed, as <code>playbook report okr</code> judges them.</p>"), page)
        XCTAssertEqual(try reportBasis(try XCTUnwrap(input.okr.first { $0.quarter.description == "2026-Q4" })),
                       "Status: the quarter has ended: achieved where progress reached 1 (the target), else missed")
    }
}
