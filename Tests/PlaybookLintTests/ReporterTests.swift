import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import PlaybookLint
import XCTest

/// Compares rendered output with a golden file beside this test; set UPDATE_GOLDENS=1 to rewrite them.
func assertGolden(_ actual: String, _ name: String, file: StaticString = #filePath, line: UInt = #line) {
    let url = URL(fileURLWithPath: "\(file)").deletingLastPathComponent().appendingPathComponent("Goldens/\(name)")
    if ProcessInfo.processInfo.environment["UPDATE_GOLDENS"] == "1" {
        try? actual.write(to: url, atomically: true, encoding: .utf8)
        return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
        return XCTFail("missing golden file Goldens/\(name); run with UPDATE_GOLDENS=1", file: file, line: line)
    }
    XCTAssertEqual(actual, expected, "output differs from Goldens/\(name)", file: file, line: line)
}

final class ReporterTests: XCTestCase {
    let report = LintReport(findings: [
        Finding(file: "playbooks/experiments/EXP-0001.yml", line: 3, column: 8, rule: "reference-unresolved", severity: .error,
                message: "\"squad\" names squad \"activaton-emea\", which does not exist; did you mean \"activation-emea\"?",
                entity: "EXP-0001", related: ["activaton-emea"]),
        Finding(file: "playbooks/metrics.yml", line: 1, column: 1, rule: "north-star", severity: .warning,
                message: "a message with \"quotes\", a back\\slash,\na newline and a tab\t"),
    ], files: 12, entities: 40)

    func testTextReporterPrintsOneCompilerStyleLinePerFinding() {
        assertGolden(TextReporter(color: false).render(report), "lint.txt")
    }

    func testTextReporterColoursOnlyWhenAsked() {
        let coloured = TextReporter(color: true).render(report)
        XCTAssertTrue(coloured.contains("\u{1B}[1;31merror:"))
        XCTAssertFalse(TextReporter(color: false).render(report).contains("\u{1B}"))
    }

    func testSummaryCountsErrorsWarningsFilesAndEntities() {
        XCTAssertEqual(TextReporter.summary(report), "1 error, 1 warning in 12 files (40 entities)")
        // Named paths: the files covered of those read, and the entities of the whole playbook, said as such.
        var named = report
        named.filesRead = 57
        XCTAssertEqual(TextReporter.summary(named), "1 error, 1 warning in 12 files of 57 (40 entities in the playbook)")
    }

    func testJSONReporterFollowsTheContract() throws {
        let text = JSONReporter().render(report)
        assertGolden(text, "lint.json")
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        XCTAssertEqual(object?["version"] as? Int, 1)
        let findings = object?["findings"] as? [[String: Any]]
        XCTAssertEqual(findings?.count, 2)
        XCTAssertEqual(Set(findings?.first?.keys.map { $0 } ?? []),
                       ["file", "line", "column", "rule", "severity", "message", "entity", "related"])
        XCTAssertEqual(findings?.last?["message"] as? String, "a message with \"quotes\", a back\\slash,\na newline and a tab\t")
        XCTAssertTrue(findings?.last?["entity"] is NSNull)
        let summary = object?["summary"] as? [String: Int]
        XCTAssertEqual(summary, ["files": 12, "entities": 40, "errors": 1, "warnings": 1])
    }

    func testJSONReporterWithNoFindingsIsValidJSON() throws {
        let text = JSONReporter().render(LintReport(findings: [], files: 0, entities: 0))
        XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(text.utf8)))
    }

    /// A large playbook's report is rendered in parts over the cores, written as they come: every
    /// finding still appears once, in order, in each format, and the parts join into the whole text.
    func testALargeReportListsEveryFindingOnceInOrder() throws {
        // 40,000 findings: many parts, over several rounds of rendering; a file's findings run across parts.
        let findings = (0..<40_000).map { n in
            Finding(file: "playbooks/experiments/EXP-\(n / 7).yml", line: n % 7 + 1, column: 1, rule: "overlap-collision",
                    severity: n % 3 == 0 ? .warning : .error, message: "finding \(n)\(n % 5000 == 0 ? " with \"quotes\", 100% and a\ttab" : "")",
                    entity: "EXP-\(n / 7)", related: ["EXP-\(n)"])
        }
        let large = LintReport(findings: findings, files: 5715, entities: 5715)

        let text = TextReporter(color: false).render(large)
        let lines = text.split(separator: "\n")
        XCTAssertEqual(lines.count, findings.count)
        XCTAssertEqual(lines[12_345], "playbooks/experiments/EXP-1763.yml:5:1: warning: finding 12345 [overlap-collision]")
        XCTAssertEqual(lines[35_000], "playbooks/experiments/EXP-5000.yml:1:1: error: finding 35000 with \"quotes\", 100% and a\\ttab [overlap-collision]")
        var parts: [String] = []
        TextReporter(color: false).renderParts(large) { parts.append($0) }
        XCTAssertGreaterThan(parts.count, 8)
        XCTAssertEqual(parts.joined(), text)

        let json = try JSONSerialization.jsonObject(with: Data(JSONReporter().render(large).utf8)) as? [String: Any]
        let objects = try XCTUnwrap(json?["findings"] as? [[String: Any]])
        XCTAssertEqual(objects.map { $0["message"] as? String }, findings.map(\.message))
        XCTAssertEqual(objects[39_999]["related"] as? [String], ["EXP-39999"])

        let commands = GitHubReporter().render(large).split(separator: "\n")
        XCTAssertEqual(commands.count, findings.count)
        XCTAssertEqual(commands[5000], "::error file=playbooks/experiments/EXP-714.yml,line=3,col=1,title=playbook overlap-collision::finding 5000 with \"quotes\", 100%25 and a\\ttab")
    }
}

final class CIFormatTests: XCTestCase {
    let report = LintReport(findings: [
        Finding(file: "playbooks/experiments/EXP 0001.yml", line: 3, column: 8, rule: "reference-unresolved", severity: .error,
                message: "\"squad\" names squad \"activaton-emea\", which does not exist; 100% sure: did you mean \"activation-emea\"?",
                entity: "EXP-0001", related: ["activaton-emea"]),
        Finding(file: "playbooks/metrics.yml", line: 1, column: 1, rule: "north-star", severity: .warning,
                message: "two lines,\nwith <xml> & \"quotes\""),
        Finding(file: "playbooks/metrics.yml", line: 9, column: 3, rule: "suppression-unused", severity: .note, message: "a note"),
        Finding(file: "/tmp/out side/x,y.yml", line: 2, column: 1, rule: "yaml-syntax", severity: .error, message: "outside the repository"),
    ], files: 3, entities: 9, lintedFiles: ["playbooks/experiments/EXP 0001.yml", "playbooks/metrics.yml", "playbooks/squads.yml"])

    func testGitHubWorkflowCommandsAreEscaped() {
        let text = GitHubReporter().render(report)
        assertGolden(text, "lint.github")
        XCTAssertTrue(text.contains("::error file=playbooks/experiments/EXP 0001.yml,line=3,col=8,title=playbook reference-unresolved::"))
        XCTAssertTrue(text.contains("100%25 sure"), "percent signs are escaped")
        XCTAssertTrue(text.contains("two lines%2C%0Awith") == false && text.contains("two lines,%0Awith"), "messages escape newlines but keep commas")
        XCTAssertTrue(text.contains("::notice "))
        XCTAssertEqual(text.split(separator: "\n").count, 4, "one command per line")
    }

    func testSARIFValidatesAgainstTheOfficialSchema() throws {
        let sarif = SARIFReporter().render(report)
        assertGolden(sarif, "lint.sarif")
        let schema = SchemaValidator.fixtures.appendingPathComponent("sarif/sarif-schema-2.1.0.json")
        XCTAssertTrue(FileManager.default.fileExists(atPath: schema.path), "the SARIF schema belongs in Tests/Fixtures/sarif")
        XCTAssertEqual(try SchemaValidator.problems(schemaFile: schema, documents: [sarif, SARIFReporter().render(LintReport(findings: [], files: 0, entities: 0))]), [])
    }

    func testTheValidatorRejectsBrokenSARIF() throws {
        let broken = SARIFReporter().render(report).replacing("\"level\": \"error\"", with: "\"level\": \"fatal\"")
        let schema = SchemaValidator.fixtures.appendingPathComponent("sarif/sarif-schema-2.1.0.json")
        XCTAssertFalse(try SchemaValidator.problems(schemaFile: schema, documents: [broken]).isEmpty)
    }

    func testSARIFCarriesRulesWithHelpAndLocatedResults() throws {
        let object = try JSONSerialization.jsonObject(with: Data(SARIFReporter().render(report).utf8)) as? [String: Any]
        let run = (object?["runs"] as? [[String: Any]])?.first
        let driver = (run?["tool"] as? [String: Any])?["driver"] as? [String: Any]
        let rules = driver?["rules"] as? [[String: Any]] ?? []
        XCTAssertEqual(rules.count, RuleCatalog.all.count)
        XCTAssertTrue(rules.allSatisfy { ($0["help"] as? [String: Any])?["text"] is String && ($0["shortDescription"] as? [String: Any])?["text"] is String })
        let result = (run?["results"] as? [[String: Any]])?.first
        let location = ((result?["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
        XCTAssertEqual((location?["artifactLocation"] as? [String: Any])?["uri"] as? String, "playbooks/experiments/EXP%200001.yml")
        XCTAssertEqual((location?["region"] as? [String: Any])?["startColumn"] as? Int, 8)
        let index = result?["ruleIndex"] as? Int ?? -1
        XCTAssertEqual(rules[index]["id"] as? String, "reference-unresolved")
        let outside = (run?["results"] as? [[String: Any]])?.first { ($0["ruleId"] as? String) == "yaml-syntax" }
        let artifact = ((outside?["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["artifactLocation"] as? [String: Any]
        XCTAssertEqual(artifact?["uri"] as? String, "file:///tmp/out%20side/x%2Cy.yml")
        XCTAssertNil(artifact?["uriBaseId"], "a file outside the repository is not relative to it")
    }

    /// A message's controls read in SARIF as in the text output, each as a visible escape (review66a:
    /// a key `"k%25,:\r\n"` showed as `k%25,:\r` followed by a raw line break).
    func testSARIFShowsEveryControlOfAMessageAsTheTextOutputDoes() throws {
        let message = "unknown key \"k%25,:\r\n\" in Squad acq-latam"
        let finding = Finding(file: "playbooks/squads/latam.yml", line: 27, column: 1, rule: "schema-unknown-key", severity: .error, message: message)
        let single = LintReport(findings: [finding], files: 1, entities: 1)
        let object = try JSONSerialization.jsonObject(with: Data(SARIFReporter().render(single).utf8)) as? [String: Any]
        let result = ((object?["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])?.first
        let shown = (result?["message"] as? [String: Any])?["text"] as? String
        XCTAssertEqual(shown, "unknown key \"k%25,:\\r\\n\" in Squad acq-latam")
        XCTAssertTrue(TextReporter(color: false).render(single).contains(try XCTUnwrap(shown)))
    }

    func testJUnitListsEveryFileAndFailsOnlyOnErrors() throws {
        let xml = JUnitReporter().render(report)
        assertGolden(xml, "lint.junit.xml")
        let parser = XMLParser(data: Data(xml.utf8))
        let collector = JUnitCollector()
        parser.delegate = collector
        XCTAssertTrue(parser.parse(), "well-formed XML")
        XCTAssertEqual(collector.testcases, 4)
        XCTAssertEqual(collector.failures, 2)
        XCTAssertEqual(collector.suiteFailures, "2")
    }
}

/// Counts what a JUnit viewer would count.
final class JUnitCollector: NSObject, XMLParserDelegate {
    var testcases = 0
    var failures = 0
    var suiteFailures: String?

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        switch name {
        case "testcase": testcases += 1
        case "failure": failures += 1
        case "testsuite": suiteFailures = attributes["failures"]
        default: break
        }
    }
}
