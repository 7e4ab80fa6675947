import PlaybookLint
import PlaybookModel
import PlaybookYAML
import XCTest

final class ConfigurationTests: XCTestCase {
    func parse(_ text: String) throws(ConfigurationError) -> Configuration {
        try Configuration.parse(Array(text.utf8), file: ".playbook.yml")
    }

    func expectError(_ text: String, at mark: Mark, containing fragment: String, file: StaticString = #filePath, line: UInt = #line) {
        do {
            _ = try parse(text)
            XCTFail("expected a configuration error", file: file, line: line)
        } catch {
            XCTAssertEqual(error.mark, mark, file: file, line: line)
            XCTAssertTrue(error.message.contains(fragment), error.message, file: file, line: line)
            XCTAssertTrue(error.description.hasPrefix(".playbook.yml:\(mark.line):\(mark.column): "), file: file, line: line)
        }
    }

    func testEmptyConfigurationMeansDefaults() throws {
        let configuration = try parse("# nothing yet\n")
        XCTAssertEqual(configuration.roots, ["playbooks"])
        XCTAssertEqual(configuration.severity(for: "schema-unknown-key"), .error)
    }

    /// `lint` and `review` read the overlap-duplicate `encode_limit` through one helper.
    func testEncodeLimitIsTheConfiguredOptionElseTheDefault() throws {
        XCTAssertEqual(OverlapDuplicate.encodeLimit(in: try parse("# nothing yet\n")), 1_000)
        XCTAssertEqual(OverlapDuplicate.encodeLimit(in: try parse("rules:\n  overlap-duplicate: {encode_limit: 7}\n")), 7)
        XCTAssertEqual(OverlapDuplicate.encodeLimit(in: try parse("rules:\n  overlap-duplicate: {threshold_percent: 50}\n")), 1_000)
    }

    func testRootsSeveritiesAndLimitsAreRead() throws {
        let configuration = try parse("""
        roots: [growth/, ./okrs]
        rules:
          schema-unknown-key: warning
          north-star: off
        limits:
          max_depth: 40
        """)
        XCTAssertEqual(configuration.roots, ["growth", "okrs"])
        XCTAssertEqual(configuration.severity(for: "schema-unknown-key"), .warning)
        XCTAssertNil(configuration.severity(for: "north-star"))
        XCTAssertEqual(configuration.limits.maxDepth, 40)
    }

    func testConfiguredSeveritiesApplyToFindings() throws {
        let configuration = try parse("rules:\n  reference-unresolved: warning\n  north-star: off\n")
        let metrics = Fixture.metrics.replacingOccurrences(of: "north_star: true\n", with: "")
        let hypothesis = Fixture.hypothesis.replacingOccurrences(of: "squad: activation-emea", with: "squad: nobody")
        let report = Fixture.lint(replacing: ["playbooks/metrics.yml": metrics, "playbooks/hypotheses/HYP-0001.yml": hypothesis], configuration: configuration)
        XCTAssertEqual(report.findings.map(\.severity), [.warning])
        XCTAssertEqual(report.errors, 0)
    }

    func testReportStatusThresholdsAreReadAndChecked() throws {
        XCTAssertEqual(try parse("").keyResultStatus, KeyResultStatusThresholds(onTrack: 0.9, atRisk: 0.6))
        XCTAssertEqual(try parse("reports:\n  on_track: 1\n  at_risk: 0.5\n").keyResultStatus, KeyResultStatusThresholds(onTrack: 1, atRisk: 0.5))
        expectError("reports:\n  on_trak: 1\n", at: Mark(line: 2, column: 3), containing: "did you mean \"on_track\"?")
        expectError("reports:\n  at_risk: lots\n", at: Mark(line: 2, column: 12), containing: "a number from 0 to 2")
        expectError("reports:\n  on_track: 0.5\n  at_risk: 0.8\n", at: Mark(line: 3, column: 12), containing: "must not exceed")
    }

    func testUnknownRuleIsALocatedErrorWithASuggestion() {
        expectError("rules:\n  north-sta: off\n", at: Mark(line: 2, column: 3), containing: "did you mean \"north-star\"?")
    }

    func testBadSeverityIsALocatedError() {
        expectError("rules:\n  north-star: fatal\n", at: Mark(line: 2, column: 15), containing: "off, note, warning or error")
    }

    func testUnknownTopLevelKeyIsALocatedError() {
        expectError("root: [playbooks]\n", at: Mark(line: 1, column: 1), containing: "did you mean \"roots\"?")
    }

    func testRootsMustStayInsideTheRepository() {
        expectError("roots: [../elsewhere]\n", at: Mark(line: 1, column: 9), containing: "inside the repository")
    }

    /// `/` + U+0301 is one character, but the file system splits at the `/` byte: `..` is still there.
    func testRootsClimbingOutBehindACombiningMarkAreRefused() {
        expectError("roots: [playbooks, \"../\\u0301x\"]\n", at: Mark(line: 1, column: 20), containing: "inside the repository")
        expectError("roots: [\"a/../\\u0301../x\"]\n", at: Mark(line: 1, column: 9), containing: "inside the repository")
        expectError("roots: [\"/\\u0301etc\"]\n", at: Mark(line: 1, column: 9), containing: "inside the repository")
    }

    func testBrokenYAMLInTheConfigurationIsLocated() {
        expectError("rules: [unclosed\n", at: Mark(line: 1, column: 8), containing: "did not find expected ',' or ']' at line 2, column 1")
    }

    func testLimitsPastTheirCeilingAreLocatedErrors() {
        expectError("limits:\n  max_depth: 9223372036854775807\n", at: Mark(line: 2, column: 14), containing: "from 1 to 256 (its hard ceiling)")
        expectError("limits:\n  max_alias_nodes: 1000001\n", at: Mark(line: 2, column: 20), containing: "from 1 to 1000000")
        expectError("limits:\n  max_file_bytes: 67108865\n", at: Mark(line: 2, column: 19), containing: "from 1 to 67108864")
        expectError("limits:\n  max_depth: 0\n", at: Mark(line: 2, column: 14), containing: "from 1 to 256")
    }

    func testAQuotedNumberIsRefusedLikeAFraction() throws {
        // A quoted "0" is a string, as `current: "47000"` is in a playbook file (it used to be taken as 0).
        expectError("rules:\n  okr-key-results: {max: \"0\"}\n", at: Mark(line: 2, column: 26), containing: "found the string \"0\" (write the number without quotes)")
        expectError("rules:\n  okr-key-results: {max: 2.5}\n", at: Mark(line: 2, column: 26), containing: "must be a whole number from 0 to 1000000, found \"2.5\"")
        expectError("rules:\n  overlap-duplicate: {threshold_percent: 500}\n", at: Mark(line: 2, column: 42), containing: "must be a whole number from 0 to 100, found \"500\"")
        expectError("rules:\n  overlap-duplicate: {same_squad: \"true\"}\n", at: Mark(line: 2, column: 35), containing: "must be true or false, found the string \"true\"")
        XCTAssertEqual(try parse("rules:\n  overlap-duplicate: {same_squad: true, threshold_percent: 100}\n").options["overlap-duplicate"], ["same_squad": 1, "threshold_percent": 100])
        expectError("limits:\n  max_depth: '3'\n", at: Mark(line: 2, column: 14), containing: "found the string \"3\"")
        expectError("reports:\n  on_track: \"0.9\"\n", at: Mark(line: 2, column: 13), containing: "found the string \"0.9\"")
        XCTAssertEqual(try parse("rules:\n  okr-key-results: {max: 0}\nlimits: {max_depth: 3}\n").limits.maxDepth, 3)
    }

    func testAnOverridePatternWithBracketsOrBracesIsALocatedError() throws {
        // `[...]` would have matched only a file named with a bracket, silently.
        expectError("overrides:\n  - paths: [\"playbooks/[bad.yml\"]\n    rules: {schema-id: off}\n",
                    at: Mark(line: 2, column: 13), containing: "holds \"[\": patterns take *")
        expectError("overrides:\n  - paths: [\"playbooks/{a,b}/**\"]\n    rules: {schema-id: off}\n",
                    at: Mark(line: 2, column: 13), containing: "not [...] or {...}")
        expectError("overrides:\n  - paths: [\"\"]\n    rules: {schema-id: off}\n", at: Mark(line: 2, column: 13), containing: "a path pattern is empty")
        XCTAssertEqual(try parse("overrides:\n  - paths: [\"./playbooks/**\", playbooks/a?.yml]\n    rules: {schema-id: off}\n").overrides.first?.paths,
                       ["playbooks/**", "playbooks/a?.yml"])
    }

    /// Linted files are named relative to the repository's top: a pattern from `/` or through `..`
    /// matches none of them, and is refused as such a root is (review66a: accepted silently).
    func testAnOverridePatternOutsideTheRepositoryIsALocatedError() {
        expectError("overrides: [{paths: [\"/tmp/**\"], rules: {schema-id: off}}]\n",
                    at: Mark(line: 1, column: 22), containing: "the path pattern \"/tmp/**\" must be inside the repository")
        expectError("overrides:\n  - paths: [playbooks/**, \"../**\"]\n    rules: {schema-id: off}\n",
                    at: Mark(line: 2, column: 27), containing: "\"../**\" must be inside the repository, written relative to its top")
        expectError("overrides:\n  - paths: [\"playbooks/../../x/**\"]\n    rules: {schema-id: off}\n",
                    at: Mark(line: 2, column: 13), containing: "must be inside the repository")
        expectError("overrides:\n  - paths: [\"/playbooks/archive/**\"]\n    rules: {schema-id: off}\n",
                    at: Mark(line: 2, column: 13), containing: "such as playbooks/archive/**")
    }

    /// A relative pattern that matches no file of the playbook (a typo) turns its rules off nowhere:
    /// a warning at the pattern, with the spelling that matches; a pattern that matches is quiet.
    func testAnOverridePatternMatchingNoFileIsAWarningAtThePattern() throws {
        let configuration = try parse("overrides:\n  - paths: [\"playbook/hypotheses/**\", playbooks/okrs/**]\n    rules: {experiment-power: off}\n")
        let report = Fixture.lint(configuration: configuration)
        let unmatched = report.findings.filter { $0.rule == "config-override-unmatched" }
        XCTAssertEqual(unmatched.map(\.file), [".playbook.yml"], "\(report.findings)")
        XCTAssertEqual(unmatched.map { Mark(line: $0.line, column: $0.column) }, [Mark(line: 2, column: 13)])
        XCTAssertEqual(unmatched.first?.severity, .warning)
        XCTAssertEqual(unmatched.first?.message, "the override path pattern \"playbook/hypotheses/**\" matches no file of the playbook, "
                       + "so its rules apply nowhere; did you mean \"playbooks/hypotheses/**\"?")
        XCTAssertEqual(report.errors, 0)
        XCTAssertEqual(report.warnings, 1)
        // Without a spelling that matches, the message says how files are named.
        let far = Fixture.lint(configuration: try parse("overrides: [{paths: [archive/**], rules: {experiment-power: off}}]\n"))
        XCTAssertEqual(far.findings.map(\.message), ["the override path pattern \"archive/**\" matches no file of the playbook, so its rules "
                       + "apply nowhere (files are named from the repository's top, such as playbooks/experiments/EXP-0001.yml)"])
        XCTAssertEqual(far.findings.map(\.line), [1])
        // Turned off like any rule.
        let off = try parse("rules: {config-override-unmatched: off}\noverrides: [{paths: [archive/**], rules: {experiment-power: off}}]\n")
        XCTAssertEqual(Fixture.lint(configuration: off).findings, [])
    }

    /// A run that reports on some files only (`lint FILE`, `lint --staged` with paths) still reads the
    /// whole playbook: a pattern matching a file it does not report on matches, and is not warned about.
    func testAnOverridePatternMatchingAnUnreportedFileIsNoWarning() throws {
        let configuration = try parse("overrides:\n  - paths: [playbooks/okrs/**]\n    rules: {experiment-power: off}\n")
        let linter = Linter(configuration: configuration, today: Day(year: 2026, month: 11, day: 23))
        let report = linter.lint(Fixture.files(), reportedFiles: ["playbooks/metrics.yml", ".playbook.yml"])
        XCTAssertEqual(report.findings, [])
    }

    func testLimitsAtTheirCeilingAreAccepted() throws {
        let configuration = try Configuration.parse(Array("limits: {max_depth: 256, max_alias_nodes: 1000000, max_file_bytes: 67108864}\n".utf8), file: ".playbook.yml")
        XCTAssertEqual(configuration.limits, Limits.ceiling)
    }

    func testOverlapGateIsReadAndCheckedForTypos() throws {
        XCTAssertEqual(try parse("# defaults\n").overlapGate, OverlapGate(staged: .warning, review: nil))
        XCTAssertEqual(try parse("overlaps: {staged: error, review: warning}\n").overlapGate, OverlapGate(staged: .error, review: .warning))
        XCTAssertEqual(try parse("overlaps: {staged: rule}\n").overlapGate, OverlapGate(staged: nil, review: nil))
        expectError("overlaps: {staged: loud}\n", at: Mark(line: 1, column: 20), containing: "must be note, warning, error or rule")
        expectError("overlaps: {reveiw: error}\n", at: Mark(line: 1, column: 12), containing: "did you mean \"review\"?")
    }
}
