import Foundation
import PlaybookGit
import PlaybookHistory
import PlaybookModel
@testable import PlaybookReports
import PlaybookYAML
import XCTest

/// Lint and the reports read one file the same way: a value lint finds invalid is no value in a
/// report (with a note saying why), and a value lint accepts is read as lint reads it.
final class TypedValueTests: XCTestCase {
    private let quarter = Quarter(year: 2026, number: 3)

    private func okr(_ scenario: Scenario) throws -> OKRReport {
        let history = try scenario.history()
        return OKRReport(quarter: quarter, today: try XCTUnwrap(Day("2026-11-01")), timelines: Timelines(history), history: history)
    }

    private func experiments(_ scenario: Scenario) throws -> ExperimentReport {
        let history = try scenario.history()
        return ExperimentReport(period: Period(quarter: quarter), today: try XCTUnwrap(Day("2026-11-01")),
                                timelines: Timelines(history), history: history)
    }

    /// What lint's decoder makes of the file at HEAD.
    private func lint(_ scenario: Scenario, _ path: String) throws -> [DecodedDocument] {
        let text = try String(contentsOfFile: scenario.root + "/" + path, encoding: .utf8)
        return YAMLLoader.load(Array(text.utf8)).documents.map(EntityDecoder.decode)
    }

    private func objective(_ krs: String, extra: String = "") -> String {
        """
        kind: Objective
        id: OKR-2026Q3-GRO-1
        squad: growth
        quarter: 2026-Q3
        title: Grow signups
        aligns_to: weekly-active-learners
        \(extra)
        key_results:
        \(krs)
        """
    }

    private func kr(_ id: String?, baseline: String = "10", target: String = "20", current: String, confidence: String? = nil) -> String {
        (id.map { "  - id: \($0)\n    title: \($0)\n" } ?? "  - title: without an id\n")
            + "    metric: signup-rate\n    baseline: \(baseline)\n    target: \(target)\n    current: \(current)\n"
            + (confidence.map { "    confidence: \($0)\n" } ?? "")
    }

    func testAQuotedNumberIsNoValueForLintNorReport() throws {
        let scenario = try Scenario(for: self)
        let path = "playbooks/okrs/growth.yml"
        try scenario.commit("2026-06-20", ["playbooks/metrics.yml": Scenario.metrics,
                                           path: objective(kr("KR-1", current: "10", confidence: "0.7") + kr("KR-2", current: "5"))])
        try scenario.commit("2026-07-10", [path: objective(kr("KR-1", current: "12", confidence: "0.7") + kr("KR-2", current: "6"))])
        let quoted = try scenario.commit("2026-08-10", [path: objective(kr("KR-1", current: "\"15\"", confidence: "\"0.5\"") + kr("KR-2", current: "7"))])

        // Lint: a string where a number belongs, twice; the key result has neither value.
        let decoded = try XCTUnwrap(try lint(scenario, path).first)
        guard case .objective(let lintObjective)? = decoded.entity else { return XCTFail("not an objective") }
        XCTAssertNil(lintObjective.keyResults[0].current)
        XCTAssertNil(lintObjective.keyResults[0].confidence)
        XCTAssertEqual(decoded.diagnostics.filter { $0.rule == RuleID.type }.count, 2)

        let report = try okr(scenario)
        let line = try XCTUnwrap(report.objectives.first)
        let kr1 = line.keyResults[0], kr2 = line.keyResults[1]
        // The report agrees: no end value, no progress, and the quoted value is no check-in (it used to read 15, two check-ins).
        XCTAssertEqual(kr1.startValue, 10)
        XCTAssertNil(kr1.endValue)
        XCTAssertNil(kr1.progress)
        XCTAssertNil(kr1.score)
        XCTAssertEqual(kr1.checkIns.map(\.value), [12])
        // Nor an end confidence: from that commit on it is not a confidence (review65 #1), not the 0.7 before.
        XCTAssertEqual(kr1.confidence.map(\.value), [0.7, nil])
        XCTAssertNil(kr1.confidenceEnd)
        XCTAssertEqual(OKRRenderer.confidenceText(kr1), "0.7 → not a confidence since 2026-08-10")
        // The rest of the file is read as usual.
        XCTAssertEqual([kr2.startValue, kr2.endValue, kr2.progress], [5, 7, Decimal(-3) / 10])
        XCTAssertEqual(kr2.checkIns.count, 2)
        // And it says why, naming the commit.
        let notes = report.source.notes.filter { $0.commit == quoted }
        XCTAssertTrue(notes.contains { $0.message.contains("\"key_results.current\" must be a number, found the string \"15\"") }, "\(notes)")
        XCTAssertTrue(notes.contains { $0.message.contains("\"key_results.confidence\" must be a number") }, "\(notes)")
        XCTAssertTrue(notes.allSatisfy { $0.path == path })
        XCTAssertTrue(OKRRenderer.json(report).contains("must be a number, found the string"))
    }

    func testNumbersTooLargeOrSmallToComputeWithAreNotedAsLintReportsThem() throws {
        let scenario = try Scenario(for: self)
        let path = "playbooks/okrs/growth.yml"
        let written = try scenario.commit("2026-07-02", ["playbooks/metrics.yml": Scenario.metrics,
                                                         path: objective(kr("KR-1", baseline: "0", target: "1", current: "1e-300")
                                                                         + kr("KR-2", baseline: "0", target: "2e300", current: "5"))])
        // Lint refuses both, at their lines, as schema-range.
        let decoded = try XCTUnwrap(try lint(scenario, path).first)
        XCTAssertEqual(decoded.diagnostics.map(\.rule), [RuleID.range, RuleID.range])

        let report = try okr(scenario)
        let line = try XCTUnwrap(report.objectives.first)
        XCTAssertNil(line.keyResults[0].endValue)
        XCTAssertNil(line.keyResults[1].target)
        let messages = report.source.notes.filter { $0.commit == written }.map(\.message)
        // The note says what lint says (it used to claim "must be a number, found the number 1e-300")…
        XCTAssertTrue(messages.contains { $0.contains("is 1e-300, a number too small for playbook to compute with exactly") }, "\(messages)")
        XCTAssertFalse(messages.contains { $0.contains("must be a number") }, "\(messages)")
        // …and the dropped target is noted too (it was dropped with no note at all).
        XCTAssertTrue(messages.contains { $0.contains("\"key_results.target\" is 2e300, a number too large") }, "\(messages)")
    }

    func testACurrentTakenOutAndPutBackAtTheSameValueIsNoCheckIn() throws {
        // `current` alone (not the whole key result) taken out, then put back: at the value it left
        // with it changes nothing (it used to count as a check-in); at another value it is one.
        let scenario = try Scenario(for: self)
        let path = "playbooks/okrs/growth.yml"
        let without = { (id: String) in "  - id: \(id)\n    title: \(id)\n    metric: signup-rate\n    baseline: 10\n    target: 20\n" }
        try scenario.commit("2026-07-02", ["playbooks/metrics.yml": Scenario.metrics, path: objective(kr("KR-1", current: "15") + kr("KR-2", current: "15"))])
        try scenario.commit("2026-07-20", [path: objective(kr("KR-1", current: "18") + kr("KR-2", current: "18"))])
        try scenario.commit("2026-08-01", [path: objective(without("KR-1") + without("KR-2"))])
        try scenario.commit("2026-08-02", [path: objective(kr("KR-1", current: "18") + kr("KR-2", current: "19"))])
        let krs = try XCTUnwrap(try okr(scenario).objectives.first?.keyResults)
        XCTAssertEqual(krs[0].checkIns.map(\.value), [18])
        XCTAssertEqual(krs[0].checkIns.map { UTC.day(of: $0.time).description }, ["2026-07-20"])
        XCTAssertEqual(krs[1].checkIns.map(\.value), [18, 19])
        XCTAssertEqual(krs.map(\.endValue), [18, 19])
    }

    func testAKeyResultFirstMeasuredInTheQuarterKeepsItsCheckIn() throws {
        let scenario = try Scenario(for: self)
        let path = "playbooks/okrs/growth.yml"
        try scenario.commit("2026-07-02", ["playbooks/metrics.yml": Scenario.metrics,
                                           path: objective("  - id: KR-1\n    title: KR-1\n    metric: signup-rate\n    baseline: 10\n    target: 20\n")])
        try scenario.commit("2026-07-20", [path: objective(kr("KR-1", current: "12"))])
        let kr1 = try XCTUnwrap(try okr(scenario).objectives.first?.keyResults.first)
        XCTAssertEqual(kr1.checkIns.map(\.value), [12])
    }

    func testYAML12SpellingsLintAcceptsAreReadAsLintReadsThem() throws {
        let scenario = try Scenario(for: self)
        let metrics = Scenario.metrics.replacingOccurrences(of: "north_star: true", with: "north_star: True")
        try scenario.commit("2026-06-20", ["playbooks/metrics.yml": metrics,
                                           "playbooks/okrs/growth.yml": objective(kr("KR-1", baseline: "0", target: "0x40", current: "0x1F"))])
        guard case .metric(let northStar)? = try lint(scenario, "playbooks/metrics.yml").first?.entity,
              case .objective(let lintObjective)? = try lint(scenario, "playbooks/okrs/growth.yml").first?.entity
        else { return XCTFail("not read") }
        XCTAssertEqual(northStar.northStar?.value, true)
        XCTAssertEqual(lintObjective.keyResults.first?.current?.value, 31)

        let report = try okr(scenario)
        // `True` is a boolean: the North Star roll-up is there (it used to be null).
        XCTAssertEqual(report.northStar?.metric, "weekly-active-learners")
        XCTAssertEqual(report.northStar?.objectives, ["OKR-2026Q3-GRO-1"])
        let kr1 = try XCTUnwrap(report.objectives.first?.keyResults.first)
        XCTAssertEqual([kr1.startValue, kr1.endValue, kr1.target], [31, 31, 64])
        XCTAssertEqual(report.source.notes, [])
    }

    func testAKeyResultWithoutAnIdIsLeftOutWithANoteAndAHalfValidFileStillReports() throws {
        let scenario = try Scenario(for: self)
        let path = "playbooks/okrs/growth.yml"
        try scenario.commit("2026-06-20", ["playbooks/metrics.yml": Scenario.metrics,
                                           path: objective(kr("KR-1", current: "10") + kr(nil, current: "3") + kr("KR-3", target: "lots", current: "4"),
                                                           extra: "owner_team: growth")])
        try scenario.commit("2026-07-10", [path: objective(kr("KR-1", current: "15") + kr(nil, current: "3") + kr("KR-3", target: "lots", current: "5"),
                                                           extra: "owner_team: growth")])
        let decoded = try XCTUnwrap(try lint(scenario, path).first)
        XCTAssertEqual(Set(decoded.diagnostics.map(\.rule)), [RuleID.unknownKey, RuleID.required, RuleID.type])

        let report = try okr(scenario)
        let line = try XCTUnwrap(report.objectives.first)
        XCTAssertEqual(line.keyResults.map(\.id), ["KR-1", "KR-3"])
        XCTAssertEqual([line.keyResults[0].startValue, line.keyResults[0].endValue, line.keyResults[0].score], [10, 15, 0.5])
        // KR-3's target is text: lint has no target, the report no progress.
        XCTAssertNil(line.keyResults[1].target)
        XCTAssertNil(line.keyResults[1].progress)
        XCTAssertEqual(line.keyResults[1].endValue, 5)
        let messages = report.source.notes.map(\.message)
        XCTAssertTrue(messages.contains { $0.contains("key result 2 has no id") }, "\(messages)")
        XCTAssertTrue(messages.contains { $0.contains("\"key_results.target\" must be a number, found the string \"lots\"") }, "\(messages)")
        // An unknown key is lint's business, not a value the report misses.
        XCTAssertFalse(messages.contains { $0.contains("owner_team") })
    }

    func testUnknownStatusIsNoStatusAndAQuotedDateIsADate() throws {
        let scenario = try Scenario(for: self)
        let krs = kr("KR-1", current: "10")
        let dates = "start: \"2026-07-03\"\nend: \"2026-07-20\"\ndesign: {mde: 0.02, power: 0.8, alpha: 0.05, sample_size: 1000}"
        try scenario.commit("2026-06-20", [
            "playbooks/metrics.yml": Scenario.metrics, "playbooks/okrs/growth.yml": objective(krs),
            "playbooks/experiments/EXP-0001.yml": Scenario.experiment("EXP-0001", squad: "growth", status: "ready", keyResult: "OKR-2026Q3-GRO-1/KR-1"),
            "playbooks/experiments/EXP-0002.yml": Scenario.experiment("EXP-0002", squad: "growth", status: "ready", extra: dates),
        ])
        try scenario.commit("2026-07-03", [
            "playbooks/experiments/EXP-0001.yml": Scenario.experiment("EXP-0001", squad: "growth", status: "runing", keyResult: "OKR-2026Q3-GRO-1/KR-1"),
            "playbooks/experiments/EXP-0002.yml": Scenario.experiment("EXP-0002", squad: "growth", status: "running", extra: dates),
        ])
        guard case .experiment(let typo)? = try lint(scenario, "playbooks/experiments/EXP-0001.yml").first?.entity,
              case .experiment(let quotedDates)? = try lint(scenario, "playbooks/experiments/EXP-0002.yml").first?.entity
        else { return XCTFail("not read") }
        XCTAssertNil(typo.status)
        XCTAssertEqual(quotedDates.end?.value, Day("2026-07-20"))

        // The OKR report links the experiment but shows no status (it used to show "runing"), and says why.
        let report = try okr(scenario)
        let linked = try XCTUnwrap(report.objectives.first?.keyResults.first?.experiments.first)
        XCTAssertEqual(linked.id, "EXP-0001")
        XCTAssertNil(linked.status)
        XCTAssertTrue(report.source.notes.contains { $0.message.contains("EXP-0001") && $0.message.contains("must be one of draft, ready, running") },
                      "\(report.source.notes)")

        // The experiments report: a status outside the lifecycle is no start; a quoted date is a date.
        let program = try experiments(scenario)
        let growth = try XCTUnwrap(program.squads.first)
        XCTAssertEqual(growth.started, ["EXP-0002"])
        XCTAssertEqual(growth.stale.map(\.id), ["EXP-0002"])
        XCTAssertEqual(growth.stale.first?.plannedEnd, Day("2026-07-20"))
    }
}
