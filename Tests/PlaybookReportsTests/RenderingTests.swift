import Foundation
import PlaybookGit
import PlaybookHistory
import PlaybookModel
@testable import PlaybookReports
import XCTest

/// Rendered output against golden files (UPDATE_GOLDENS=1 rewrites them).
final class RenderingTests: XCTestCase {
    private let today = Day(year: 2026, month: 11, day: 1)
    private let quarter = Quarter(year: 2026, number: 3)

    private func reports(title: String = "Grow signups") throws -> (OKRReport, ExperimentReport, History) {
        let scenario = try Scenario(for: self)
        try scenario.build(title1: title)
        let history = try scenario.history()
        let timelines = Timelines(history)
        return (OKRReport(quarter: quarter, today: today, timelines: timelines, history: history),
                ExperimentReport(period: Period(quarter: quarter), today: today, timelines: timelines, history: history),
                history)
    }

    func testOKRReportRenderings() throws {
        let (okr, _, _) = try reports()
        try GoldenFile.assertMatches(OKRRenderer.markdown(okr), "okr.md")
        try GoldenFile.assertMatches(OKRRenderer.json(okr), "okr.json")
        try GoldenFile.assertMatches(OKRRenderer.csv(okr), "okr.csv")
        try GoldenFile.assertMatches(HTMLReport.okr(okr), "okr.html")
    }

    func testExperimentReportRenderings() throws {
        let (_, experiments, _) = try reports()
        try GoldenFile.assertMatches(ExperimentRenderer.markdown(experiments), "experiments.md")
        try GoldenFile.assertMatches(ExperimentRenderer.json(experiments), "experiments.json")
        try GoldenFile.assertMatches(ExperimentRenderer.csv(experiments), "experiments.csv")
        try GoldenFile.assertMatches(HTMLReport.experiments(experiments), "experiments.html")
    }

    func testAPeriodWithoutEventsStillHasACompanyTotal() throws {
        let scenario = try Scenario(for: self)
        try scenario.build(title1: "Grow signups")
        let history = try scenario.history()
        let empty = ExperimentReport(period: Period(quarter: Quarter(year: 2020, number: 1)), today: today,
                                     timelines: Timelines(history), history: history)
        XCTAssertTrue(empty.squads.isEmpty)
        // A script reads `total` without checking for null.
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(ExperimentRenderer.json(empty).utf8)) as? [String: Any])
        let total = try XCTUnwrap(json["total"] as? [String: Any], "total is an object, not null")
        XCTAssertEqual(total["created"] as? Int, 0)
        XCTAssertEqual(total["wins"] as? Int, 0)
        XCTAssertTrue(total["win_rate"] is NSNull)
        let csvLines = ExperimentRenderer.csv(empty).split(separator: "\n")
        XCTAssertEqual(csvLines.count, 2, "header and the company total row")
        XCTAssertTrue(csvLines[1].contains(ExperimentRenderer.totalLabel))
    }

    func testLogRenderingsFollowTheEntityAcrossTheRename() throws {
        let (_, _, history) = try reports()
        let timelines = Timelines(history)
        let log = try XCTUnwrap(EntityLog(id: "EXP-0004", timelines: timelines, history: history))
        XCTAssertEqual(log.events.map(\.type), [.created, .changed, .changed])
        XCTAssertEqual(log.events[1].previousPath, "playbooks/experiments/EXP-0004.yml")
        try GoldenFile.assertMatches(LogRenderer.markdown(log), "log-EXP-0004.md")
        try GoldenFile.assertMatches(LogRenderer.json(log), "log-EXP-0004.json")

        let kr = try XCTUnwrap(EntityLog(id: "OKR-2026Q3-GRO-1/KR-2", timelines: timelines, history: history))
        XCTAssertEqual(kr.events.map(\.type), [.created, .changed])
        XCTAssertEqual(kr.events[1].fields, [FieldChange(path: "current", old: "90", new: "70")])
        try GoldenFile.assertMatches(LogRenderer.markdown(kr), "log-KR.md")
        XCTAssertNil(EntityLog(id: "EXP-9999", timelines: timelines, history: history))
    }

    func testHTMLEscapesEveryUserString() throws {
        let hostile = "<script>alert('x')</script> & \"quoted\""
        let (okr, experiments, _) = try reports(title: hostile)
        let page = HTMLReport.okr(okr)
        XCTAssertFalse(page.contains("<script"), "a user string reached the page unescaped")
        XCTAssertTrue(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot;"))
        // Learnings carry markup too (<b>win</b>).
        let other = HTMLReport.experiments(experiments)
        XCTAssertFalse(other.contains("<b>"))
        XCTAssertTrue(other.contains("&lt;b&gt;win&lt;/b&gt;"))
        XCTAssertTrue(other.contains("default-src 'none'"))
        // Markdown keeps user text from breaking out of its table cell.
        // (a backslash-escaped `\<` is literal text in CommonMark, not a tag).
        XCTAssertFalse(OKRRenderer.markdown(okr).replacing("\\<", with: "").contains("<"))
    }

    /// The report pages show a control by its code, as the site and the README do (`⟨U+001B⟩`), not in
    /// the terminal's form (`\u{1B}`).
    func testHTMLReportsShowControlsByTheirCodeAsTheSiteDoes() throws {
        let (okr, experiments, _) = try reports(title: "\"Obj \\e[31mRED \\u202Eevil\"")  // YAML's escapes: a raw ESC is not allowed in a file
        let page = HTMLReport.okr(okr)
        XCTAssertTrue(page.contains("Obj ⟨U+001B⟩[31mRED ⟨U+202E⟩evil"), page)
        XCTAssertFalse(page.contains("\\u{"), page)
        XCTAssertFalse(HTMLReport.experiments(experiments).contains("\\u{"))
    }

    func testANoteAboutACommitNotAFileNamesNoEmptyFile() throws {
        let commit = try XCTUnwrap(ObjectID(hex: String(repeating: "ab", count: 20)))
        let out = HistoryNotes.markdown([
            HistoryNote(commit: commit, path: "", message: "commit is dated 7200 s before its parent"),
            HistoryNote(commit: commit, path: "playbooks/o.yml", message: "skipped: the file does not parse")])
        XCTAssertFalse(out.contains("``"), "an empty code span (two backticks) is literal text in CommonMark")
        XCTAssertTrue(out.contains("- `abababababab`: commit is dated 7200 s before its parent\n"))
        XCTAssertTrue(out.contains("- `abababababab` `playbooks/o.yml`: skipped: the file does not parse\n"))
    }

    /// DESIGN.md: "Durations are in days, one decimal": a whole number of days is written `7.0`.
    func testDurationsAreWrittenWithOneDecimal() throws {
        let day: Int64 = 86_400
        XCTAssertEqual(ExperimentRenderer.cycle(CycleTime([7 * day, 33 * day])), "20.0 / 33.0 (n=2)")
        XCTAssertEqual(ExperimentRenderer.cycle(CycleTime([day * 554 / 100])), "5.5 / 5.5 (n=1)")
        XCTAssertEqual(ExperimentRenderer.cycle(CycleTime([day * 1296 / 100])), "13.0 / 13.0 (n=1)")
        XCTAssertEqual(ExperimentRenderer.cycle(CycleTime([0])), "0.0 / 0.0 (n=1)")
        // The CSV's duration cells likewise; JSON keeps numbers (`7` and `7.0` are the same number there).
        let (_, experiments, _) = try reports()
        let rows = ExperimentRenderer.csv(experiments).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = try XCTUnwrap(rows.first)
        let growth = try XCTUnwrap(rows.first { $0[2] == "growth" })
        let cells = Dictionary(uniqueKeysWithValues: zip(header, growth))
        XCTAssertEqual(["created_to_running_median", "created_to_running_p90", "ready_to_running_median"].map { cells[$0] },
                       ["11.5", "13.0", "6.0"])
    }

    /// Every count column of the experiments CSV writes 0 for none, as the Markdown does; the stale
    /// experiments' ids have a column of their own.
    func testTheExperimentsCSVWritesZeroForNoStaleExperiment() throws {
        let (_, experiments, _) = try reports()
        let rows = ExperimentRenderer.csv(experiments).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = try XCTUnwrap(rows.first)
        let counts = ["created", "started", "concluded", "abandoned", "with_outcome", "wins", "stale_running"]
        for row in rows.dropFirst() {
            let cells = Dictionary(uniqueKeysWithValues: zip(header, row))
            for column in counts { XCTAssertNotNil(Int(cells[column] ?? ""), "\(row[2]): \(column) is a count") }
        }
        let search = try XCTUnwrap(rows.first { $0[2] == "search" })
        XCTAssertEqual(search[header.firstIndex(of: "stale_running")!], "0")
        let growth = try XCTUnwrap(rows.first { $0[2] == "growth" })
        XCTAssertEqual(growth[header.firstIndex(of: "stale_running")!], "1")
        XCTAssertEqual(header.firstIndex(of: "stale_running_ids").map { growth[$0] }, "EXP-0002")
    }

    /// review60 #3: Markdown, HTML and JSON say whether the period is over ("in progress: values as of
    /// today, …", `period.started`, `period.complete`, `period.judged_on`); the CSV said nothing, so a
    /// spreadsheet of a running quarter read as final. Its last two columns (added at the end, as
    /// scripts read by position) are the period's status, as `report okr`'s CSV `quarter_status`, and
    /// the day it is judged on, on every row.
    func testTheExperimentsCSVSaysWhetherThePeriodIsOver() throws {
        let scenario = try Scenario(for: self)
        try scenario.build()
        let history = try scenario.history()
        let timelines = Timelines(history)
        for (day, status, judged) in [("2026-06-25", "not started", "2026-06-25"), ("2026-08-12", "in progress", "2026-08-12"),
                                      ("2026-11-01", "complete", "2026-09-30")] {
            let report = ExperimentReport(period: Period(quarter: quarter), today: try XCTUnwrap(Day(day)), timelines: timelines, history: history)
            XCTAssertEqual(report.status, status)
            let rows = ExperimentRenderer.csv(report).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
            XCTAssertEqual(rows.first?.suffix(2).map(String.init), ["period_status", "judged_on"])
            XCTAssertEqual(rows.first?.prefix(3).map(String.init), ["period_start", "period_end", "squad"], "the earlier columns stay where they were")
            for row in rows.dropFirst() { XCTAssertEqual(row.suffix(2).map(String.init), [status, judged], "\(day): \(row)") }
        }
    }

    /// The header's commit count is every commit read, whatever the period; said so, beside the
    /// period's own (commits changing the playbook from its first day to the last one counted).
    func testTheHeaderTellsCommitsReadFromThePeriodsCommits() throws {
        let scenario = try Scenario(for: self)
        try scenario.build(title1: "Grow signups")
        let later = Scenario.objective("OKR-2026Q4-GRO-1", squad: "growth", alignsTo: "weekly-active-learners", title: "Later",
                                       krs: [("KR-1", 1, 2, 1)])
        try scenario.commit("2027-01-05", ["playbooks/okrs/later.yml": later])
        let history = try scenario.history()
        let timelines = Timelines(history)
        let okr = OKRReport(quarter: quarter, today: today, timelines: timelines, history: history)
        let inQuarter = history.records.filter { !$0.changes.isEmpty && $0.time >= Scenario.noon("2026-07-01") && $0.time < Scenario.noon("2026-10-01") }.count
        XCTAssertLessThan(inQuarter, history.commitCount)
        let expected = "history: \(history.commitCount) commits read (first-parent), \(inQuarter) changing the playbook from 2026-07-01 to 2026-09-30"
        XCTAssertTrue(OKRRenderer.markdown(okr).contains(expected), OKRRenderer.markdown(okr))
        let experiments = ExperimentReport(period: Period(quarter: quarter), today: today, timelines: timelines, history: history)
        XCTAssertTrue(ExperimentRenderer.markdown(experiments).contains(expected))
        XCTAssertTrue(HTMLReport.okr(okr).contains(expected))
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(OKRRenderer.json(okr).utf8)) as? [String: Any])
        let source = try XCTUnwrap(json["source"] as? [String: Any])
        XCTAssertEqual(source["commits"] as? Int, history.commitCount, "the field scripts read is unchanged")
        XCTAssertEqual(source["commits_in_period"] as? Int, inQuarter)
    }

    func testCSVQuotesAndDefusesFormulas() {
        XCTAssertEqual(CSV.render([["a,b", "say \"hi\"", "=SUM(A1)", "-3", "plain"]]),
                       "\"a,b\",\"say \"\"hi\"\"\",'=SUM(A1),-3,plain\n")
    }

    func testCalendarArithmetic() {
        XCTAssertEqual(UTC.iso(1_782_864_000), "2026-07-01T00:00:00Z")
        XCTAssertEqual(UTC.day(of: 1_782_863_999).description, "2026-06-30")
        XCTAssertEqual(UTC.days(Day(year: 1970, month: 1, day: 1)), 0)
        XCTAssertEqual(UTC.day(fromDays: UTC.days(Day(year: 2024, month: 2, day: 29))).description, "2024-02-29")
        XCTAssertEqual(UTC.bounds(of: Quarter(year: 2026, number: 4)).end.description, "2027-01-01")
    }
}
