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
        let text = squad + "\n# playbook-disable schema-unknown-key, squad-champion\nlegacy_code: 7\n---\n" + second + "\nlegacy_code: 8\n"
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
        XCTAssertTrue(findings.contains { $0.message.contains("did you mean \"schema-unknown-key\"?") && $0.column == 3 })
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
}
