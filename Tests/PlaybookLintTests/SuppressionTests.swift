import PlaybookLint
import PlaybookModel
import XCTest

final class SuppressionTests: XCTestCase {
    let squad = """
    kind: Squad
    id: growth-latam
    name: Growth LATAM
    funnel_stage: acquisition
    members: [{name: Rui Costa, role: marketer}]
    champion: Rui Costa
    """

    func lint(_ text: String, configuration: Configuration = Configuration()) -> [Finding] {
        Fixture.lint(replacing: ["playbooks/zz.yml": text], configuration: configuration).findings
    }

    func testNextLineSuppressionSilencesOnlyTheNamedRuleOnTheNextLine() {
        let findings = lint(squad + "\n# playbook-disable-next-line schema-unknown-key\nlegacy_code: 7\nother_legacy: 8\n")
        XCTAssertEqual(findings.map { "\($0.line) \($0.rule)" }, ["9 schema-unknown-key"])
    }

    func testNextLineSuppressionSkipsBlankAndCommentLines() {
        let findings = lint(squad + "\n# playbook-disable-next-line schema-unknown-key\n\n# why: kept for the dashboard\nlegacy_code: 7\n")
        XCTAssertEqual(findings, [])
    }

    func testDocumentSuppressionCoversItsDocumentOnly() {
        let second = squad.replacing("growth-latam", with: "growth-apac")
        let text = squad + "\n# playbook-disable schema-unknown-key\nlegacy_code: 7\n---\n" + second + "\nlegacy_code: 8\n"
        let findings = lint(text)
        XCTAssertEqual(findings.map { "\($0.line) \($0.rule)" }, ["16 schema-unknown-key"])
    }

    func testUnusedSuppressionIsReportedWhereItIs() {
        let findings = lint(squad + "\n# playbook-disable-next-line schema-unknown-key\nregion: latam\n")
        XCTAssertEqual(findings.map { "\($0.line):\($0.column) \($0.rule) \($0.severity)" }, ["7:1 suppression-unused warning"])
    }

    func testUnknownRuleInASuppressionIsAnErrorWithASuggestion() {
        let findings = lint(squad + "\n  # playbook-disable-next-line schema-unknown-kee\nlegacy_code: 7\n")
        XCTAssertEqual(findings.map(\.rule).sorted(), ["schema-unknown-key", "suppression-unknown-rule"])
        XCTAssertTrue(findings.contains { $0.message.contains("did you mean \"schema-unknown-key\"?") && $0.column == 32 })
    }

    /// Each misspelt rule of a list is reported where it is written (review66a: at the comment's
    /// start, 1:1, for `experiment-reslt` in the middle of a list).
    func testUnknownRuleInAListIsReportedAtItsName() {
        let findings = lint(squad + "\n# playbook-disable schema-unknown-key, schema-unknown-kee,\tsquad-champio\nlegacy_code: 7\n")
        XCTAssertEqual(findings.map { "\($0.line):\($0.column) \($0.rule)" }, [
            "7:40 suppression-unknown-rule", "7:60 suppression-unknown-rule",
        ])
    }

    /// An idle rule beside one that silences something is reported at its name (review66a: an unused
    /// `ice-range` after a used `experiment-result` gave nothing; alone it was reported).
    func testUnusedRuleInAListBesideAUsedOneIsReportedAtItsName() {
        let findings = lint(squad + "\n# playbook-disable-next-line schema-unknown-key, ice-range\nlegacy_code: 7\n")
        XCTAssertEqual(findings.map { "\($0.line):\($0.column) \($0.rule) \($0.severity)" }, ["7:50 suppression-unused warning"])
        XCTAssertEqual(findings.first?.message, "this suppression of ice-range suppresses nothing; remove ice-range from it")
    }

    /// A list none of whose rules silences anything is one finding, at the comment: remove it all.
    func testUnusedListIsOneFindingAtTheComment() {
        let findings = lint(squad + "\n# playbook-disable-next-line schema-unknown-key, ice-range\nregion: latam\n")
        XCTAssertEqual(findings.map { "\($0.line):\($0.column) \($0.rule)" }, ["7:1 suppression-unused"])
    }

    /// A rule the configuration turns off has nothing to silence: not reported, in a list or alone.
    func testRuleTurnedOffInAListIsNotReportedUnused() throws {
        let configuration = try Configuration.parse(Array("rules: {ice-range: off}\n".utf8), file: ".playbook.yml")
        let findings = lint(squad + "\n# playbook-disable-next-line schema-unknown-key, ice-range\nlegacy_code: 7\n", configuration: configuration)
        XCTAssertEqual(findings, [])
    }

    func testSuppressionTextInsideAValueIsNotADirective() {
        let findings = lint(squad.replacing("name: Growth LATAM", with: "name: \"# playbook-disable-next-line schema-unknown-key\"") + "\nlegacy_code: 7\n")
        XCTAssertEqual(findings.map(\.rule), ["schema-unknown-key"])
    }

    func testPerPathOverrideChangesSeverityOnlyUnderItsPaths() throws {
        let configuration = try Configuration.parse(Array("""
        overrides:
          - paths: ["playbooks/archive/**"]
            rules: {schema-unknown-key: warning}
        """.utf8), file: ".playbook.yml")
        let report = Fixture.lint(replacing: [
            "playbooks/archive/old.yml": squad + "\nlegacy_code: 7\n",
            "playbooks/zz.yml": squad.replacing("growth-latam", with: "growth-apac") + "\nlegacy_code: 7\n",
        ], configuration: configuration)
        XCTAssertEqual(report.findings.map { "\($0.file) \($0.severity)" }, ["playbooks/archive/old.yml warning", "playbooks/zz.yml error"])
    }

    func testRuleOptionsChangeThresholds() throws {
        let configuration = try Configuration.parse(Array("rules:\n  okr-key-results: {max: 0, severity: warning}\n".utf8), file: ".playbook.yml")
        let report = Fixture.lint(configuration: configuration)
        XCTAssertEqual(report.findings.map { "\($0.rule) \($0.severity) \($0.line)" }, ["okr-key-results warning 8"])
    }

    func testUnknownRuleOptionIsAConfigurationError() {
        XCTAssertThrowsError(try Configuration.parse(Array("rules:\n  okr-key-results: {maximum: 5}\n".utf8), file: ".playbook.yml")) { error in
            XCTAssertTrue("\(error)".hasPrefix(".playbook.yml:2:21: rule okr-key-results has no setting \"maximum\""), "\(error)")
        }
    }

    /// The suggestion and what a setting takes read as one aside; it was `…did you mean "max"?; it takes severity, max`.
    func testAMisspelledSettingIsAskedAboutThenListed() {
        let cases = [
            ("rules:\n  okr-key-results: {maxx: 5}\n", ".playbook.yml:2:21: rule okr-key-results has no setting \"maxx\" (did you mean \"max\"? it takes severity, max)"),
            ("rules:\n  okr-key-results: {zzzzzzzz: 5}\n", ".playbook.yml:2:21: rule okr-key-results has no setting \"zzzzzzzz\" (it takes severity, max)"),
            ("reports: {on_trak: 0.7}\n", ".playbook.yml:1:11: unknown key \"reports.on_trak\" (did you mean \"on_track\"? it takes on_track and at_risk)"),
        ]
        for (text, message) in cases {
            XCTAssertThrowsError(try Configuration.parse(Array(text.utf8), file: ".playbook.yml")) { error in
                XCTAssertEqual("\(error)", message)
            }
        }
    }

    /// A directive written after a value is ignored, and said so where it is (it was silently
    /// ignored; review28b's suppress-in-scalar.sh case 4); `#` inside a quoted value is no comment.
    func testATrailingSuppressionIsReportedAsIgnored() {
        let findings = lint(squad + "\nlegacy_code: 7 # playbook-disable-next-line schema-unknown-key\nother_legacy: 8\n"
            + "note: \"see # playbook-disable schema-unknown-key\"\ntitle: 'it''s # playbook-disable x'\n")
        XCTAssertEqual(findings.map { "\($0.line):\($0.column) \($0.rule) \($0.severity)" }, [
            "7:1 schema-unknown-key error", "7:16 suppression-unused warning", "8:1 schema-unknown-key error",
            "9:1 schema-unknown-key error", "10:1 schema-unknown-key error",
        ])
        XCTAssertEqual(findings[1].message, "this suppression comes after a value on its line, so it suppresses nothing: "
            + "a `# playbook-disable…` comment counts only on a line of its own (above the line it is for); move it there")
    }
}

final class RootCauseTests: XCTestCase {
    func lint(_ text: String, today: String = "2026-11-23") -> [Finding] {
        var files = ExampleBase.files.map { SourceFile(path: $0.path, bytes: Array($0.text.utf8)) }
        files.append(SourceFile(path: ExampleBase.examplePath, bytes: Array(text.utf8)))
        return Linter(today: Day(today) ?? Day(year: 2026, month: 11, day: 23)).lint(files).findings
    }

    let experiment = ExampleBase.files[3].text.split(separator: "---\n")[1]
        .replacing("EXP-0001", with: "EXP-0002").replacing("ios/onboarding/first-lesson", with: "ios/home")

    func testSuppressionTextInsideABlockScalarIsNotADirective() {
        let findings = lint(String(experiment) + "\ntitle_note: x\nresult_notes: |\n  # playbook-disable schema-unknown-key\n  kept as text\n")
        XCTAssertEqual(findings.map(\.rule), ["schema-unknown-key", "schema-unknown-key"])
    }

    func testOneMistakeGivesOneFinding() {
        let cases: [(String, String, String)] = [
            ("start: 2026-11-02", "start: 2026-02-30", "schema-date"),
            ("design: {mde: 0.02", "design: {mdee: 0.02", "schema-unknown-key"),
            ("sample_size: 18000", "sample_size: 18000.5", "schema-type"),
            ("budget: 1000", "budget: -1000", "schema-range"),
        ]
        for (old, new, rule) in cases {
            let findings = lint(String(experiment).replacing(old, with: new))
            XCTAssertEqual(findings.map(\.rule), [rule], "\(new): \(findings.map(\.message))")
        }
    }

    func testNegativeAllocationsAndDuplicateVariantsAreFound() {
        let findings = lint(String(experiment).replacing(
            "variants: [{id: control, allocation: 50}, {id: short, allocation: 50}]",
            with: "variants: [{id: control, allocation: -10}, {id: control, allocation: 110}]"))
        XCTAssertEqual(findings.map(\.rule).sorted(), ["id-duplicate", "schema-range", "schema-range"])
    }

    func testBlankRequiredTextIsMissing() {
        let findings = lint(String(experiment).replacing("title: Five-minute first lesson", with: "title: \"  \""))
        XCTAssertEqual(findings.map(\.message), ["Experiment EXP-0002 has an empty \"title\"; write it out"])
    }

    func testAbandonedExperimentWhoseStartNeverCameSpendsNothing() {
        let abandoned = String(experiment)
            .replacing("status: running", with: "status: abandoned")
            .replacing("start: 2026-11-02", with: "start: 2026-12-01")
            .replacing("end: 2026-12-14", with: "end: 2026-12-20")
            .replacing("budget: 1000", with: "budget: 4500")
        XCTAssertEqual(lint(abandoned).map(\.rule), [])
        XCTAssertEqual(lint(abandoned, today: "2026-12-05").map(\.rule), ["squad-budget"], "it started, then was abandoned: it spent")
    }

    func testRuleOptionsMustBeSaneWholeNumbers() {
        for value in ["9223372036854775807", "1e30", "1.5", "-1"] {
            XCTAssertThrowsError(try Configuration.parse(Array("rules:\n  okr-key-results: {max: \(value)}\n".utf8), file: ".playbook.yml"), value)
        }
    }
}
