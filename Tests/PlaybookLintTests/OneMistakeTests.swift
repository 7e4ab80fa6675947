@testable import PlaybookLint
import PlaybookModel
import XCTest

/// Mistakes people make filling in playbook files by hand (review57): each is one finding, where it
/// was made, saying what to do; none is silence, and none is a cascade of errors elsewhere.
final class OneMistakeTests: XCTestCase {
    private func lines(_ report: LintReport) -> [String] {
        report.findings.map { "\($0.file):\($0.line):\($0.column) \($0.rule): \($0.message)" }
    }

    /// An empty file, or one of comments only, was silent, and its experiment's reference got a
    /// "did you mean" of another hypothesis: now a warning at the file (a notes file of comments may be meant).
    func testAFileWithNoDocumentIsAnErrorAtTheFile() {
        for text in ["", "# to be written\n# later\n", "---\n"] {
            let report = Fixture.lint(replacing: ["playbooks/hypotheses/HYP-0001.yml": text])
            XCTAssertEqual(lines(report), [
                "playbooks/hypotheses/HYP-0001.yml:1:1 file-empty: the file holds no playbook document (it is empty or only comments); "
                    + "write its entity (`playbook new` writes one) or remove the file",
            ], text)
        }
    }

    /// `id: hyp-0001` in HYP-0001.yml: the malformed id is the error, not also every reference to
    /// HYP-0001 with a "did you mean" steering to the malformed id.
    func testAnIdWrittenWronglyIsItsOwnErrorOnly() {
        let report = Fixture.lint(replacing: ["playbooks/hypotheses/HYP-0001.yml": Fixture.hypothesis.replacingOccurrences(of: "id: HYP-0001", with: "id: hyp-0001")])
        XCTAssertEqual(report.findings.map(\.rule), ["schema-id"], lines(report).joined(separator: "\n"))
    }

    /// A metric given a squad's id: the shared id is the error, not every reference to the squad.
    func testAnIdSharedByTwoKindsIsTheDuplicateOnly() {
        let metric = "\n---\nkind: Metric\nid: activation-emea\nname: Activation\nunit: count\ndirection: increase\nowner: activation-emea\n"
        let report = Fixture.lint(replacing: ["playbooks/metrics.yml": Fixture.metrics + metric])
        XCTAssertEqual(report.findings.map(\.rule), ["id-duplicate", "id-duplicate"], lines(report).joined(separator: "\n"))
    }

    /// Two key results with one id: that is the error, not also every reference to the other one.
    func testTwoKeyResultsWithOneIdAreTheDuplicateOnly() {
        let objective = Fixture.objective + """

              - id: KR-1
                title: Lessons a week from 2 to 3
                metric: d1-retention
                baseline: 2
                target: 3
            """
        let experiment = Fixture.experiment.replacingOccurrences(of: "key_result: OKR-2026Q3-ACT-1/KR-1", with: "key_result: OKR-2026Q3-ACT-1/KR-2")
        let report = Fixture.lint(replacing: ["playbooks/okrs/activation.yml": objective, "playbooks/experiments/EXP-0001.yml": experiment])
        XCTAssertEqual(report.findings.filter { $0.severity == .error }.map(\.rule), ["id-duplicate"], lines(report).joined(separator: "\n"))
        // Without the duplicate, a key result that is not there is still said, with the ones that are.
        let alone = Fixture.lint(replacing: ["playbooks/experiments/EXP-0001.yml": experiment])
        XCTAssertTrue(lines(alone).contains { $0.hasSuffix("names KR-2 of OKR-2026Q3-ACT-1, but that objective has no such key result (it has KR-1)") },
                      lines(alone).joined(separator: "\n"))
    }

    /// `quarterly: 5.000` reads as 5: an error at the squad, and no budget errors in the experiments.
    func testAnAmountWithAPointBetweenThousandsIsAnErrorAtItNotABudgetCascade() {
        let squads = Fixture.squads.replacingOccurrences(of: "quarterly: 5000", with: "quarterly: 5.000")
        let experiment = RepositoryCheckTests.paid("EXP-0002", "4000")
        let report = Fixture.lint(replacing: ["playbooks/squads.yml": squads, "playbooks/experiments/EXP-0002.yml": experiment])
        XCTAssertEqual(lines(report).filter { $0.contains("error") || $0.contains("budget") }, [
            "playbooks/squads.yml:19:21 schema-type: \"budget.quarterly\" is written 5.000, which reads as 5 (a point starts the decimals); write 5000 if the point groups thousands",
        ], lines(report).joined(separator: "\n"))
    }

    /// Two metrics run together without `---`: the missing separator is the one error, not one at every
    /// reference to the second metric.
    func testTwoDocumentsRunTogetherAreOneError() {
        let joined = Fixture.metrics.replacingOccurrences(of: "north_star: true\n---\n", with: "north_star: true\n")
        let report = Fixture.lint(replacing: ["playbooks/metrics.yml": joined])
        XCTAssertEqual(report.findings.map(\.rule), ["yaml-duplicate-key"], lines(report).joined(separator: "\n"))
    }

    /// `expected_lfit`: the typo, with its "did you mean", and not also "names no expected_lift".
    func testAMisspeltOptionalFieldIsNotAlsoCalledMissing() {
        let hypothesis = Fixture.hypothesis.replacingOccurrences(of: "expected_lift:", with: "expected_lfit:")
        let report = Fixture.lint(replacing: ["playbooks/hypotheses/HYP-0001.yml": hypothesis])
        XCTAssertEqual(lines(report), [
            "playbooks/hypotheses/HYP-0001.yml:11:1 schema-unknown-key: unknown key \"expected_lfit\" in Hypothesis HYP-0001; did you mean \"expected_lift\"?",
        ])
    }

    /// A squad renamed in its file but not where it is named: each reference offers the new id.
    func testAReferenceToASquadRenamedInItsFileOffersItsNewId() {
        var files = Fixture.files().filter { $0.path != "playbooks/squads.yml" }
        let (first, second) = (Fixture.squads.components(separatedBy: "\n---\n")[0], Fixture.squads.components(separatedBy: "\n---\n")[1])
        files.append(SourceFile(path: "playbooks/squads/activation-emea.yml", bytes: Array(first.replacingOccurrences(of: "id: activation-emea", with: "id: activation-europe").utf8)))
        files.append(SourceFile(path: "playbooks/squads/checkout-emea.yml", bytes: Array(second.utf8)))
        let report = Linter(today: Day(year: 2026, month: 11, day: 23)).lint(files)
        let squad = report.findings.filter { $0.message.hasPrefix("\"squad\" names squad \"activation-emea\"") }
        XCTAssertFalse(squad.isEmpty, lines(report).joined(separator: "\n"))
        XCTAssertTrue(squad.allSatisfy { $0.message.hasSuffix("which does not exist; did you mean \"activation-europe\"?") }, lines(report).joined(separator: "\n"))
    }

    /// An objective moved to another quarter by its `quarter` alone, and a file named after another id,
    /// passed in silence.
    func testAnIdThatDisagreesWithItsQuarterOrItsFileNameIsAWarning() {
        let objective = Fixture.objective.replacingOccurrences(of: "quarter: 2026-Q3", with: "quarter: 2026-Q4")
        XCTAssertEqual(lines(Fixture.lint(replacing: ["playbooks/okrs/activation.yml": objective])).filter { $0.contains("id-mismatch") }, [
            "playbooks/okrs/activation.yml:4:10 id-mismatch: OKR-2026Q3-ACT-1 is for 2026-Q3 by its id but for 2026-Q4 by its `quarter`; make them agree (a new id: `playbook new objective`)",
        ])
        var files = Fixture.files().filter { $0.path != "playbooks/hypotheses/HYP-0001.yml" }
        files.append(SourceFile(path: "playbooks/hypotheses/HYP-0041.yml", bytes: Array(Fixture.hypothesis.utf8)))
        XCTAssertEqual(lines(Linter(today: Day(year: 2026, month: 11, day: 23)).lint(files)), [
            "playbooks/hypotheses/HYP-0041.yml:2:5 id-mismatch: the file is named HYP-0041 but holds HYP-0001; rename the file to HYP-0001.yml (or give the entity the id its file names)",
        ])
        // Named after its id with more after it, or not named as an id at all: fine.
        for name in ["HYP-0001-shorter-lesson", "shorter-first-lesson"] {
            var named = Fixture.files().filter { $0.path != "playbooks/hypotheses/HYP-0001.yml" }
            named.append(SourceFile(path: "playbooks/hypotheses/\(name).yml", bytes: Array(Fixture.hypothesis.utf8)))
            XCTAssertEqual(lines(Linter(today: Day(year: 2026, month: 11, day: 23)).lint(named)), [], name)
        }
    }

    /// A lift written as a percent is a warning at the value that says the fraction.
    func testALiftWrittenAsAPercentSaysTheFraction() {
        let hypothesis = Fixture.hypothesis.replacingOccurrences(of: "expected_lift: 0.03", with: "expected_lift: 3")
        let report = Fixture.lint(replacing: ["playbooks/hypotheses/HYP-0001.yml": hypothesis])
        XCTAssertEqual(lines(report), [
            "playbooks/hypotheses/HYP-0001.yml:11:16 lift-scale: HYP-0001 expects a lift of 3, that is +300%; a lift is a fraction: for 3% write 0.03",
        ])
    }

    /// `title: Screenshots #2 in DE`: the value was cut to "Screenshots" without a word.
    func testAHashAfterAValueThatCutsItIsSaid() {
        let hypothesis = Fixture.hypothesis.replacingOccurrences(of: "title: A shorter first lesson keeps more new learners",
                                                                 with: "title: A shorter first lesson #2 for new learners")
        let report = Fixture.lint(replacing: ["playbooks/hypotheses/HYP-0001.yml": hypothesis])
        XCTAssertEqual(lines(report), [
            "playbooks/hypotheses/HYP-0001.yml:4:31 yaml-comment-in-value: \"#2 for new learners\" is read as a comment, so title is only "
                + "\"A shorter first lesson\"; if it belongs to the value, quote it: title: \"A shorter first lesson #2 for new learners\"",
        ])
        let commented = Fixture.hypothesis.replacingOccurrences(of: "title: A shorter first lesson keeps more new learners",
                                                                with: "title: A shorter first lesson keeps more new learners  # from the Q3 review")
        XCTAssertEqual(lines(Fixture.lint(replacing: ["playbooks/hypotheses/HYP-0001.yml": commented])), [])
    }

    /// `current: 23.4%` in a key result: its values are in the metric's unit (a percent metric's in points), so
    /// the hint says 23.4, not a fraction; a share that is a fraction gets it exactly (0.234, not 0.23399999999999999).
    func testAPercentInAKeyResultSaysThePointsAndAFractionIsExact() {
        let objective = Fixture.objective.replacingOccurrences(of: "current: 33", with: "current: 23.4%")
        XCTAssertEqual(lines(Fixture.lint(replacing: ["playbooks/okrs/activation.yml": objective])), [
            "playbooks/okrs/activation.yml:13:14 schema-type: \"key_results.current\" must be a number, found the string \"23.4%\" (write the number alone, without %: 23.4)",
        ])
        let hypothesis = Fixture.hypothesis.replacingOccurrences(of: "expected_lift: 0.03", with: "expected_lift: 23.4%")
        XCTAssertEqual(lines(Fixture.lint(replacing: ["playbooks/hypotheses/HYP-0001.yml": hypothesis])), [
            "playbooks/hypotheses/HYP-0001.yml:11:16 schema-type: \"expected_lift\" must be a number, found the string \"23.4%\" (write a share as a fraction, without %: 23.4% is 0.234)",
        ])
        let experiment = Fixture.experiment + "\nbudget: 2.01k"
        XCTAssertEqual(lines(Fixture.lint(replacing: ["playbooks/experiments/EXP-0001.yml": experiment])), [
            "playbooks/experiments/EXP-0001.yml:15:9 schema-type: \"budget\" must be a number, found the string \"2.01k\" (write the number alone, without separators, currency or units: 2010)",
        ])
    }

    /// `baseline: 0.22, target: 0.28` for a percent metric: the report shows 0.22% → 0.28%; a warning at the
    /// key result saying so and what to write.
    func testAPercentMetricsKeyResultWrittenAsFractionsIsAWarning() {
        let fractions = Fixture.objective.replacingOccurrences(of: "baseline: 31", with: "baseline: 0.22")
            .replacingOccurrences(of: "target: 36", with: "target: 0.28").replacingOccurrences(of: "current: 33", with: "current: 0.29")
        XCTAssertEqual(lines(Fixture.lint(replacing: ["playbooks/okrs/activation.yml": fractions])), [
            "playbooks/okrs/activation.yml:8:5 percent-scale: key result OKR-2026Q3-ACT-1/KR-1 measures d1-retention, a percent metric, "
                + "whose values are percentage points: reports will show baseline 0.22%, target 0.28%, current 0.29%; "
                + "if these are fractions, write baseline: 22, target: 28, current: 29",
        ])
        // Points, a value of 1 or more, all zero, or a metric in another unit: nothing to say.
        for (baseline, target, current) in [("31", "36", "33"), ("0.5", "1.2", "0.8"), ("0.6", "0.4", "1"), ("0", "0", "0")] {
            let objective = Fixture.objective.replacingOccurrences(of: "baseline: 31", with: "baseline: \(baseline)")
                .replacingOccurrences(of: "target: 36", with: "target: \(target)").replacingOccurrences(of: "current: 33", with: "current: \(current)")
            XCTAssertEqual(lines(Fixture.lint(replacing: ["playbooks/okrs/activation.yml": objective])).filter { $0.contains("percent-scale") }, [],
                           "\(baseline) \(target) \(current)")
        }
        let count = fractions.replacingOccurrences(of: "metric: d1-retention", with: "metric: weekly-active-learners")
        XCTAssertEqual(lines(Fixture.lint(replacing: ["playbooks/okrs/activation.yml": count])).filter { $0.contains("percent-scale") }, [])
    }

    /// `learning:` for `learnings:` in a concluded experiment's result: the typo, not also "lacks learnings".
    func testAMisspeltResultFieldIsNotAlsoCalledMissing() {
        let concluded = Fixture.experiment.replacingOccurrences(of: "status: running", with: "status: concluded")
            .replacingOccurrences(of: "end: 2026-12-20", with: "end: 2026-11-20")
        for (typo, field) in [("learning", "learnings"), ("outcom", "outcome"), ("descision", "decision")] {
            var result = ["outcome: win", "lift: 0.02", "decision: ship", "learnings: Shorter lessons bring learners back."]
            result = result.map { $0.hasPrefix(field + ":") ? typo + String($0.dropFirst(field.count)) : $0 }
            let experiment = concluded + "\nresult:\n" + result.map { "  " + $0 }.joined(separator: "\n")
            let report = Fixture.lint(replacing: ["playbooks/experiments/EXP-0001.yml": experiment])
            XCTAssertEqual(report.findings.map(\.rule), ["schema-unknown-key"], lines(report).joined(separator: "\n"))
        }
        // Not written at all, it is still missing.
        let bare = concluded + "\nresult:\n  outcome: win\n  decision: ship"
        XCTAssertEqual(Fixture.lint(replacing: ["playbooks/experiments/EXP-0001.yml": bare]).findings.map(\.rule), ["experiment-result"])
    }

    /// `hypothesis: HYP-0099`, which does not exist: that is the error, not also "HYP-0001 is testing, but no
    /// experiment names it" (the experiment may be meant to test any hypothesis of its squad).
    func testAnExperimentNamingNoHypothesisLeavesItsSquadsHypothesesUnjudged() {
        let experiment = Fixture.experiment.replacingOccurrences(of: "hypothesis: HYP-0001", with: "hypothesis: HYP-0099")
        XCTAssertEqual(lines(Fixture.lint(replacing: ["playbooks/experiments/EXP-0001.yml": experiment])), [
            "playbooks/experiments/EXP-0001.yml:5:13 reference-unresolved: \"hypothesis\" names hypothesis \"HYP-0099\", which does not exist",
        ])
        // An experiment of another squad naming no hypothesis leaves this squad's testing hypothesis untested.
        let other = experiment.replacingOccurrences(of: "squad: activation-emea", with: "squad: checkout-emea")
        let report = Fixture.lint(replacing: ["playbooks/experiments/EXP-0001.yml": other])
        XCTAssertTrue(report.findings.contains { $0.rule == "hypothesis-untested" && $0.entity == "HYP-0001" }, lines(report).joined(separator: "\n"))
    }
}
