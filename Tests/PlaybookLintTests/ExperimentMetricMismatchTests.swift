import PlaybookLint
import PlaybookModel
import XCTest

/// experiment-metric-mismatch: an experiment whose primary metric is not its hypothesis's metric does not
/// test that hypothesis's prediction.
final class ExperimentMetricMismatchTests: XCTestCase {
    private let path = "playbooks/experiments/EXP-0001.yml"

    private func lines(_ report: LintReport) -> [String] {
        report.findings.map { "\($0.file):\($0.line):\($0.column) \($0.severity) \($0.rule): \($0.message)" }
    }

    /// The fixture's experiment measuring weekly active learners, where HYP-0001 predicts day-1 retention.
    private func measuringWeeklyLearners(status: String = "running") -> String {
        Fixture.experiment
            .replacingOccurrences(of: "  primary: d1-retention", with: "  primary: weekly-active-learners")
            .replacingOccurrences(of: "status: running", with: "status: \(status)")
    }

    func testAPrimaryMetricThatIsNotTheHypothesissSaysBothMetricsTheHypothesisAndTheFix() {
        XCTAssertEqual(lines(Fixture.lint(replacing: [path: measuringWeeklyLearners(status: "ready")])), [
            "\(path):9:12 warning experiment-metric-mismatch: EXP-0001's primary metric is weekly-active-learners, but its hypothesis HYP-0001 "
                + "(playbooks/hypotheses/HYP-0001.yml:10) predicts a change in d1-retention, so EXP-0001 does not test that prediction; "
                + "measure d1-retention as the primary metric (weekly-active-learners can stay as a guardrail), or point `hypothesis` at the hypothesis EXP-0001 tests",
        ])
        // Launched, a change of either is history-locked-field in review: the message says so.
        let launched = Fixture.lint(replacing: [path: measuringWeeklyLearners()]).findings
        XCTAssertEqual(launched.map(\.rule), ["experiment-metric-mismatch"])
        XCTAssertTrue(launched.first?.message.hasSuffix(" (it has launched: changing either now is history-locked-field in review; "
                                                        + "if it stays, suppress this with a comment saying why)") ?? false)
        XCTAssertEqual(launched.first?.entity, "EXP-0001")
        XCTAssertEqual(launched.first?.related, ["HYP-0001"])
    }

    /// The same metric, a metric the catalog lacks (reference-unresolved says that) or no hypothesis found: not said.
    func testOnlyTwoKnownMetricsThatDifferAreSaid() {
        XCTAssertEqual(Fixture.lint().findings.filter { $0.rule == "experiment-metric-mismatch" }, [])
        let unknown = Fixture.experiment.replacingOccurrences(of: "  primary: d1-retention", with: "  primary: d7-retention")
        XCTAssertEqual(Fixture.lint(replacing: [path: unknown]).findings.map(\.rule), ["reference-unresolved"])
        let unknownPrediction = Fixture.hypothesis.replacingOccurrences(of: "metric: d1-retention", with: "metric: d7-retention")
        XCTAssertFalse(Fixture.lint(replacing: ["playbooks/hypotheses/HYP-0001.yml": unknownPrediction]).findings
            .contains { $0.rule == "experiment-metric-mismatch" })
    }

    /// Configured like any rule (off, or an error) and suppressed by a comment naming it.
    func testTheRuleIsConfigurableAndSuppressible() throws {
        let off = try Configuration.parse(Array("rules:\n  experiment-metric-mismatch: off\n".utf8), file: ".playbook.yml")
        XCTAssertEqual(Fixture.lint(replacing: [path: measuringWeeklyLearners()], configuration: off).findings, [])
        let error = try Configuration.parse(Array("rules:\n  experiment-metric-mismatch: error\n".utf8), file: ".playbook.yml")
        XCTAssertEqual(Fixture.lint(replacing: [path: measuringWeeklyLearners()], configuration: error).findings.map(\.severity), [.error])
        let suppressed = measuringWeeklyLearners().replacingOccurrences(
            of: "  primary: weekly-active-learners", with: "  # playbook-disable-next-line experiment-metric-mismatch\n  primary: weekly-active-learners")
        XCTAssertEqual(lines(Fixture.lint(replacing: [path: suppressed])), [])
    }
}
