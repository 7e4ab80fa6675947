import Foundation
import PlaybookGit
import PlaybookHistory
import PlaybookModel
@testable import PlaybookReports
import XCTest

/// review65: a key result's confidence when a commit wrote one that is not a confidence, or deleted it
/// for a while, read alike in every format.
final class OKRReportConfidenceTests: XCTestCase {
    private func report(_ scenario: Scenario, today: String) throws -> OKRReport {
        let history = try HistoryReader(roots: ["playbooks"]).read(scenario.repository)
        return OKRReport(quarter: Quarter(year: 2026, number: 3), today: try XCTUnwrap(Day(today)),
                         timelines: Timelines(history), history: history)
    }

    /// An objective with two key results, each `confidence:` line written as given (none when nil); also
    /// `OKRReportLaterCommitTests`' fixture.
    static func objective(_ kr1: String?, _ kr2: String?) -> String {
        """
        kind: Objective
        id: OKR-2026Q3-ACT-1
        squad: activation-core
        quarter: 2026-Q3
        title: First-session wins
        aligns_to: weekly-active-learners
        key_results:
          - id: KR-1
            title: Completion
            metric: signup-rate
            baseline: 61
            target: 66
            current: 64
        \(kr1.map { "    confidence: \($0)\n" } ?? "")  - id: KR-2
            title: Activation
            metric: signup-rate
            baseline: 10
            target: 20
            current: 12
        \(kr2.map { "    confidence: \($0)\n" } ?? "")
        """
    }

    private static func keyResultsJSON(_ report: OKRReport) throws -> [[String: Any]] {
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(OKRRenderer.json(report).utf8)) as? [String: Any])
        let objectives = try XCTUnwrap((json["squads"] as? [[String: Any]])?.first?["objectives"] as? [[String: Any]])
        return try XCTUnwrap(objectives.first?["key_results"] as? [[String: Any]])
    }

    /// review65 #1 (its okr5): on 09-15 KR-1's confidence became `high` and KR-2's `70%`, not numbers;
    /// the notes said the report leaves the value out, yet it showed the values before (0.7, 0.5) as the
    /// quarter's end, with a trend. A value that is not a confidence is read as one not given from that
    /// commit on: no end value, no trend, `not a confidence` (since when, at the end), in every format;
    /// KR-2, given again on 09-20, shows the spell between.
    func testAConfidenceThatIsNotANumberIsNotGivenFromThatCommitOnInEveryFormat() throws {
        let scenario = try Scenario(for: self)
        let path = "playbooks/okrs/act.yml"
        try scenario.commit("2026-06-20", ["playbooks/metrics.yml": Scenario.metrics, path: Self.objective("0.7", "0.5")])
        try scenario.commit("2026-07-20", [path: Self.objective("0.8", "0.5")])
        try scenario.commit("2026-09-15", [path: Self.objective("high", "70%")])
        try scenario.commit("2026-09-20", [path: Self.objective("high", "0.6")])
        let report = try report(scenario, today: "2026-12-05")
        XCTAssertTrue(report.source.notes.contains { $0.message.contains("found the string \"high\"") }, "\(report.source.notes)")
        let krs = try XCTUnwrap(report.objectives.first?.keyResults)
        XCTAssertEqual(krs[0].confidence.map(\.value), [0.7, 0.8, nil])
        XCTAssertNil(krs[0].confidenceEnd, "not the 0.8 before it")
        XCTAssertNil(krs[0].confidenceTrend)
        XCTAssertEqual(krs[0].confidenceRemoved.map { UTC.day(of: $0).description }, "2026-09-15")
        XCTAssertEqual(krs[1].confidenceEnd, 0.6)
        XCTAssertEqual(krs[1].confidenceTrend, .rising)

        let kr1Text = "0.7 → 0.8 → not a confidence since 2026-09-15"
        let kr2Text = "0.5 → not a confidence → 0.6 (start to end: rising)"
        let markdown = OKRRenderer.markdown(report)
        XCTAssertTrue(markdown.contains("| \(kr1Text) |"), markdown)
        XCTAssertTrue(markdown.contains("| \(kr2Text) |"), markdown)
        let html = HTMLReport.okr(report)
        XCTAssertTrue(html.contains("<td>\(kr1Text)</td>"), html)
        XCTAssertTrue(html.contains("<td>\(kr2Text)</td>"), html)

        let lines = try Self.keyResultsJSON(report)
        XCTAssertTrue(lines[0]["confidence_end"] is NSNull)
        XCTAssertTrue(lines[0]["confidence_trend"] is NSNull)
        XCTAssertEqual(lines[0]["confidence_removed"] as? String, "2026-09-15")
        XCTAssertEqual((lines[0]["confidence"] as? [[String: Any]])?.compactMap { $0["value"] as? Double }, [0.7, 0.8])
        let gaps1 = try XCTUnwrap(lines[0]["confidence_gaps"] as? [[String: Any]])
        XCTAssertEqual(gaps1.count, 1)
        XCTAssertEqual(gaps1.first?["from"] as? String, "2026-09-15")
        XCTAssertTrue(gaps1.first?["until"] is NSNull)
        XCTAssertEqual(gaps1.first?["reason"] as? String, "not a confidence")
        XCTAssertEqual(lines[1]["confidence_end"] as? Double, 0.6)
        XCTAssertEqual(lines[1]["confidence_trend"] as? String, "rising")
        let gaps2 = try XCTUnwrap(lines[1]["confidence_gaps"] as? [[String: Any]])
        XCTAssertEqual(gaps2.first?["from"] as? String, "2026-09-15")
        XCTAssertEqual(gaps2.first?["until"] as? String, "2026-09-20")

        let csv = OKRRenderer.csv(report).split(separator: "\n")
        XCTAssertTrue(csv[1].contains(",0.7,,,,2026-09-15,"), "\(csv[1])")
        XCTAssertTrue(csv[2].contains(",0.5,0.6,rising,,,"), "\(csv[2])")

        // Before 09-15 the values stand.
        let august = try self.report(scenario, today: "2026-08-15")
        XCTAssertEqual(august.objectives.first?.keyResults.first?.confidenceEnd, 0.8)
    }

    /// review65 #2 (its okr3): KR-2's confidence 0.7 was deleted on 08-01 and set to 0.8 on 08-15; the
    /// Markdown says `0.7 → not given → 0.8`, while JSON's `confidence` (the values given) read as if it
    /// had gone straight from 0.7 to 0.8. `confidence_gaps` (added; `confidence` keeps its entries) says
    /// when it was not given and when it was given again.
    func testAConfidenceDeletedAndGivenAgainMidQuarterIsAGapInJSON() throws {
        let scenario = try Scenario(for: self)
        let path = "playbooks/okrs/act.yml"
        try scenario.commit("2026-06-20", ["playbooks/metrics.yml": Scenario.metrics, path: Self.objective("0.5", "0.7")])
        try scenario.commit("2026-08-01", [path: Self.objective("0.5", nil)])
        try scenario.commit("2026-08-15", [path: Self.objective("0.5", "0.8")])
        let report = try report(scenario, today: "2026-12-05")
        let kr2 = try XCTUnwrap(report.objectives.first?.keyResults.last)
        XCTAssertEqual(OKRRenderer.confidenceText(kr2), "0.7 → not given → 0.8 (start to end: rising)")
        let lines = try Self.keyResultsJSON(report)
        let values = try XCTUnwrap(lines[1]["confidence"] as? [[String: Any]])
        XCTAssertEqual(values.compactMap { $0["date"] as? String }, ["2026-07-01", "2026-08-15"])
        XCTAssertEqual(values.compactMap { $0["value"] as? Double }, [0.7, 0.8])
        let gaps = try XCTUnwrap(lines[1]["confidence_gaps"] as? [[String: Any]])
        XCTAssertEqual(gaps.count, 1)
        XCTAssertEqual(gaps.first?["from"] as? String, "2026-08-01")
        XCTAssertEqual(gaps.first?["until"] as? String, "2026-08-15")
        XCTAssertEqual(gaps.first?["reason"] as? String, "not given")
        XCTAssertTrue(lines[1]["confidence_removed"] is NSNull)
        XCTAssertEqual((lines[0]["confidence_gaps"] as? [[String: Any]])?.count, 0, "none for a confidence always given")
    }
}
