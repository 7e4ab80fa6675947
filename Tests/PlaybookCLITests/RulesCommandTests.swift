import Foundation
import XCTest

final class RulesCommandTests: XCTestCase {
    func testReadmeRuleReferenceIsGeneratedFromTheCatalog() throws {
        let generated = try CLI.run(["rules", "--format", "markdown"], in: CLI.repositoryRoot)
        XCTAssertEqual(generated.status, 0)
        let readme = try String(contentsOf: CLI.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        guard let begin = readme.range(of: "<!-- rules:begin -->\n"), let end = readme.range(of: "<!-- rules:end -->") else {
            return XCTFail("README.md lacks the rule reference markers")
        }
        XCTAssertEqual(String(readme[begin.upperBound..<end.lowerBound]), generated.stdout,
                       "README's rule reference is out of date: run scripts/update-rule-reference")
    }

    /// The README's prose said an empty file is an error while the rule's default severity is a warning.
    func testReadmeSaysAnEmptyFileIsWhatTheRuleMakesIt() throws {
        let shown = try CLI.run(["rules", "file-empty"], in: CLI.repositoryRoot)
        let severity = try XCTUnwrap(["error", "warning", "note"].first { shown.stdout.contains("(default severity: \($0))") }, shown.stdout)
        let readme = try String(contentsOf: CLI.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let sentence = try XCTUnwrap(readme.range(of: "A file with no document (empty, or only comments) is ").map { readme[$0.upperBound...].prefix(12) })
        XCTAssertTrue(sentence.hasPrefix("a \(severity) ") || sentence.hasPrefix("an \(severity) "), String(sentence))
    }

    func testRulesListsEveryRuleWithSeverity() throws {
        let result = try CLI.run(["rules"], in: CLI.repositoryRoot)
        XCTAssertEqual(result.status, 0)
        XCTAssertTrue(result.stdout.contains("experiment-power"))
        XCTAssertTrue(result.stdout.split(separator: "\n").allSatisfy { $0.contains(" error ") || $0.contains(" warning ") || $0.contains(" note ") })
    }

    func testOneRuleShowsItsExamplesAndOptions() throws {
        let result = try CLI.run(["rules", "okr-key-results"], in: CLI.repositoryRoot)
        XCTAssertEqual(result.status, 0)
        XCTAssertTrue(result.stdout.contains("max = 4"), result.stdout)
        XCTAssertTrue(result.stdout.contains("Triggers (example 1"))
        XCTAssertTrue(result.stdout.contains("Does not trigger (example 1"))
    }

    func testUnknownRuleExitsTwoWithASuggestion() throws {
        let result = try CLI.run(["rules", "squad-budgt"], in: CLI.repositoryRoot)
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("did you mean \"squad-budget\"?"), result.stderr)
    }

    func testARuleIdFarFromAnyStillGetsTheNearestOne() throws {
        let nonsense = try CLI.run(["rules", "nonsense"], in: CLI.repositoryRoot)
        XCTAssertEqual(nonsense.status, 2)
        XCTAssertTrue(nonsense.stderr.contains("unknown rule \"nonsense\"; the nearest rule id is \""), nonsense.stderr)
        let word = try CLI.run(["rules", "budget"], in: CLI.repositoryRoot)
        XCTAssertTrue(word.stderr.contains("the nearest rule id is \"squad-budget\""), word.stderr)
    }
}
