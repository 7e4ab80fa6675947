import Foundation
import PlaybookModel
@testable import PlaybookSite
import XCTest

/// review69 D7: the site wrote a lift `+1%` where the reports write `+1.0%` (the lifts of one report share
/// their decimals), and a score `0.5` where the README says scores are shown to two decimals.
final class SharedDecimalsTests: XCTestCase {
    private func site() throws -> [String: String] {
        let fixture = try SiteFixture(for: self)
        try fixture.commit("2026-10-20", [
            "playbooks/okrs/q3.yml": SiteFixture.objective(current: 12),
            "playbooks/experiments/EXP-0004.yml": SiteFixture.experiment("EXP-0004", title: "Price anchor", status: "concluded", extra: """
            result: {outcome: win, lift: 0.01, decision: ship, learnings: A small win.}
            """),
        ])
        return Site.render(try fixture.input())
    }

    func testTheLiftsOfAPageShareTheirDecimals() throws {
        let files = try site()
        // Beside EXP-0001's +6.2%: on the library, the experiments' page and the hypothesis's (its expected +10%).
        let learnings = try XCTUnwrap(files["learnings.html"])
        XCTAssertTrue(learnings.contains("<dt>lift</dt><dd>+1.0%</dd>") && learnings.contains("<dt>lift</dt><dd>+6.2%</dd>"), learnings)
        XCTAssertTrue(learnings.contains("<dt>lift</dt><dd>expected +10.0%</dd>"), learnings)
        let experiments = try XCTUnwrap(files["e/experiments.growth.2026-Q3.html"])
        XCTAssertTrue(experiments.contains("<dt>lift</dt><dd>+1.0%</dd>") && experiments.contains("<dt>lift</dt><dd>+6.2%</dd>"), experiments)
        let hypotheses = try XCTUnwrap(files["e/hypotheses.growth.html"])
        XCTAssertTrue(hypotheses.contains("+1.0%</td>") && hypotheses.contains("<dt>expected lift</dt><dd>+10.0%</dd>"), hypotheses)
        for (name, page) in files where name.hasSuffix(".html") { XCTAssertFalse(page.contains(">+1%<"), name) }
    }

    func testAScoreIsShownToTwoDecimals() throws {
        let files = try site()
        // KR-1 from 10 to 14, at 12: progress and score 0.5.
        let home = try XCTUnwrap(files["quarter-2026-Q4.html"])
        XCTAssertTrue(home.contains("<span class=\"score\">0.50</span>"), home)
        XCTAssertFalse(home.contains("<span class=\"score\">0.5</span>"), home)
        XCTAssertEqual(NumberTexts.score(Decimal(1)), "1.00")
        XCTAssertEqual(NumberTexts.score(Decimal(0)), "0.00")
        XCTAssertEqual(NumberTexts.score(Decimal(string: "0.375")), "0.38")
        XCTAssertEqual(NumberTexts.score(Double?.none), "–")
    }

    /// A progress of 0.5 was written `0.5` on the quarter's page and the objectives' page where `report okr`
    /// writes `0.50`: progress, like a score, to two decimals, every decimal written.
    func testProgressIsShownToTwoDecimalsAsReportOkrWritesIt() throws {
        let files = try site()
        // KR-1 from 10 to 14, at 12: progress 0.5.
        let home = try XCTUnwrap(files["quarter-2026-Q4.html"])
        XCTAssertTrue(home.contains("progress 0.50 ·"), home)
        XCTAssertFalse(home.contains("progress 0.5 "), home)
        let objectives = try XCTUnwrap(files["e/objectives.2026-Q4.html"])
        XCTAssertTrue(objectives.contains("progress 0.50,"), objectives)
        XCTAssertFalse(objectives.contains("progress 0.5,"), objectives)
    }
}
