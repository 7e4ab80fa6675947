@testable import PlaybookLint
import PlaybookModel
import XCTest

/// A file lint cannot read or decode gives its own error, not one error for every reference to what it
/// defines with a "did you mean" of another id (a merge conflict, a YAML slip, a misspelt kind).
final class UnreadFileCascadeTests: XCTestCase {
    private func lines(_ report: LintReport) -> [String] {
        report.findings.map { "\($0.file):\($0.line):\($0.column) \($0.rule): \($0.message)" }
    }

    func testAMetricCatalogWithASyntaxErrorIsOneErrorNotOneAReference() {
        let broken = Fixture.metrics.replacingOccurrences(of: "name: Weekly active learners", with: "name: [Weekly active learners")
        let report = Fixture.lint(replacing: ["playbooks/metrics.yml": broken])
        // Not also 8 references to its three metrics, a "did you mean", a missing North Star.
        XCTAssertEqual(lines(report), [
            "playbooks/metrics.yml:3:7 yaml-syntax: while parsing a flow sequence starting here: did not find expected ',' or ']' at line 4, column 5; "
                + "is its closing \"]\" missing?",
        ])
    }

    /// The ids are read from the lines a file's YAML did not get to, quoted or not, with a comment.
    func testTheIdsOfAFileYAMLCouldNotReadAreItsIdLines() {
        let text = "kind: Metric\nid: a-metric  # the first\n---\nid: 'quoted'\r\n  id: nested\nids: no\n- id: item\nid: \"double\"\nid:\n"
        XCTAssertEqual(UnreadDefinitions.idLines(Array(text.utf8)), ["a-metric", "quoted", "double"])
    }

    func testAReferenceToAnEntityWhoseFileHasAnErrorIsNotCalledMissing() {
        for broken in [
            Fixture.hypothesis.replacingOccurrences(of: "kind: Hypothesis", with: "kind: Hypotesis"),
            Fixture.hypothesis.replacingOccurrences(of: "id: HYP-0001", with: "id: [HYP-0001]"),
        ] {
            let report = Fixture.lint(replacing: ["playbooks/hypotheses/HYP-0001.yml": broken])
            XCTAssertEqual(report.findings.map(\.file), ["playbooks/hypotheses/HYP-0001.yml"], lines(report).joined(separator: "\n"))
        }
        // Named by its `id` when the file has another name.
        let misnamed = Fixture.hypothesis.replacingOccurrences(of: "kind: Hypothesis", with: "kind: Hypotesis")
        var files = Fixture.files().filter { $0.path != "playbooks/hypotheses/HYP-0001.yml" }
        files.append(SourceFile(path: "playbooks/hypotheses/shorter-lesson.yml", bytes: Array(misnamed.utf8)))
        let report = Linter(today: Day(year: 2026, month: 11, day: 23)).lint(files)
        XCTAssertEqual(report.findings.map(\.rule), ["schema-kind"], lines(report).joined(separator: "\n"))
    }

    /// A file in conflict: the ids its last committed version defined, and its name, wait for it.
    func testAFileInConflictStandsForTheIdsItDefined() {
        let conflict = "it has unresolved merge conflicts in the index; resolve them and `git add` it"
        for (path, earlier) in [("playbooks/hypotheses/HYP-0001.yml", nil), ("playbooks/metrics.yml", Fixture.metrics)] {
            var files = Fixture.files().filter { $0.path != path }
            files.append(SourceFile(path: path, content: .unreadable(conflict), earlier: earlier.map { Array($0.utf8) }))
            let report = Linter(today: Day(year: 2026, month: 11, day: 23)).lint(files)
            XCTAssertEqual(report.findings.map(\.rule), ["file-unreadable"], lines(report).joined(separator: "\n"))
        }
    }

    /// "No experiment names it" is not said while the experiment that names it has a misspelt key, no kind
    /// or a tab: the typo is the one error.
    func testAHypothesisIsNotCalledUntestedWhileItsExperimentHasAnErrorOfItsOwn() {
        for experiment in [
            Fixture.experiment.replacingOccurrences(of: "hypothesis: HYP-0001", with: "hypotesis: HYP-0001"),
            Fixture.experiment.replacingOccurrences(of: "kind: Experiment", with: "kidn: Experiment"),
            Fixture.experiment.replacingOccurrences(of: "surface: ios", with: "\tsurface: ios"),
        ] {
            let report = Fixture.lint(replacing: ["playbooks/experiments/EXP-0001.yml": experiment])
            XCTAssertEqual(report.findings.map(\.file), ["playbooks/experiments/EXP-0001.yml"], lines(report).joined(separator: "\n"))
            XCTAssertEqual(report.findings.count, 1, lines(report).joined(separator: "\n"))
        }
        // With the experiment gone for good, the hypothesis is untested.
        var files = Fixture.files().filter { $0.path != "playbooks/experiments/EXP-0001.yml" }
        files.append(SourceFile(path: "playbooks/experiments/EXP-0002.yml", bytes: Array(Fixture.experiment
            .replacingOccurrences(of: "EXP-0001", with: "EXP-0002").replacingOccurrences(of: "hypothesis: HYP-0001", with: "hypotesis: HYP-0009").utf8)))
        let untested = Linter(today: Day(year: 2026, month: 11, day: 23)).lint(files)
        XCTAssertTrue(untested.findings.contains { $0.rule == "hypothesis-untested" }, lines(untested).joined(separator: "\n"))
    }

    /// A misspelt reference is still reported, with its "did you mean", beside another file's error (and
    /// HYP-0001, which it most likely meant, is not also called untested).
    func testOtherMistakesAreStillReported() {
        let typo = Fixture.experiment.replacingOccurrences(of: "hypothesis: HYP-0001", with: "hypothesis: HPY-0001")
        let broken = Fixture.hypothesis.replacingOccurrences(of: "kind: Hypothesis", with: "kind: Hypotesis")
            .replacingOccurrences(of: "HYP-0001", with: "HYP-0002")
        let both = Fixture.lint(replacing: ["playbooks/experiments/EXP-0001.yml": typo, "playbooks/hypotheses/HYP-0002.yml": broken])
        XCTAssertEqual(lines(both), [
            "playbooks/experiments/EXP-0001.yml:5:13 reference-unresolved: \"hypothesis\" names hypothesis \"HPY-0001\", which does not exist; did you mean \"HYP-0001\"?",
            "playbooks/hypotheses/HYP-0002.yml:1:7 schema-kind: unknown kind \"Hypotesis\": expected one of Metric, Squad, Objective, Hypothesis, Experiment; did you mean \"Hypothesis\"?",
        ])
    }
}
