@testable import PlaybookLint
import PlaybookModel
import PlaybookYAML
import XCTest

/// The diagnostics a lint keeps, read in chunks over the cores, come out as reading them one by one
/// would: in order, with each rule's severity in each file, the suppressions used, and file ranks
/// that order the paths, also for a file that was not among those read.
final class KeptDiagnosticsTests: XCTestCase {
    private func diagnostic(_ file: String, _ rule: String, line: Int) -> LocatedDiagnostic {
        LocatedDiagnostic(file: file, diagnostic: Diagnostic(rule: rule, mark: Mark(line: line, column: 1), message: "\(rule) at \(line)"))
    }

    func testChunksKeepTheOrderAndAFileNotReadIsRankedAmongThePaths() {
        // More than one chunk: 40,000 diagnostics in one part, over three files, one of them not read.
        let files = ["playbooks/b.yml", "playbooks/zz-not-read.yml", "playbooks/a.yml"]
        let big = (0..<40_000).map { diagnostic(files[$0 % 3], LintRuleID.yamlSyntax, line: $0 + 1) }
        let small = [diagnostic("playbooks/a.yml", LintRuleID.yamlTab, line: 7)]
        let kept = KeptDiagnostics([small, big], read: ["playbooks/b.yml", "playbooks/a.yml", "playbooks/a.yml"], reportedFiles: nil,
                                   placeholders: [:], suppressing: [:], configuration: Configuration(), mode: .standard, index: RepositoryIndex([]))
        XCTAssertEqual(kept.files, ["playbooks/a.yml", "playbooks/b.yml", "playbooks/zz-not-read.yml"])
        XCTAssertEqual(kept.kept.count, 40_001)
        XCTAssertTrue(kept.kept.map { [$0.part, $0.item] }.elementsEqual([[0, 0]] + (0..<40_000).map { [1, $0] }))
        XCTAssertEqual(kept.fileRanks.first, 0)
        XCTAssertEqual(Array(kept.fileRanks.dropFirst().prefix(6)), [1, 2, 0, 1, 2, 0])
        XCTAssertEqual(kept.marks.last, Mark(line: 40_000, column: 1))
        XCTAssertEqual(kept.ranks(of: ["playbooks/zz-not-read.yml", "playbooks/a.yml"]), [2, 0])
    }

    /// A run of one rule crossing files gets each file's severity when an override applies to one of
    /// them; a suppression drops what it covers and is counted as used.
    func testSeverityFollowsOverridesAcrossARunOfOneRuleAndSuppressionsAreUsed() {
        var configuration = Configuration()
        configuration.overrides = [Configuration.Override(paths: ["playbooks/archive/**"], severities: [LintRuleID.yamlTab: .note])]
        let part = [
            diagnostic("playbooks/a.yml", LintRuleID.yamlTab, line: 1),
            diagnostic("playbooks/archive/old.yml", LintRuleID.yamlTab, line: 2),
            diagnostic("playbooks/a.yml", LintRuleID.yamlTab, line: 3),
            diagnostic("playbooks/a.yml", LintRuleID.yamlTab, line: 4),
        ]
        let suppression = Suppression(rules: [LintRuleID.yamlTab], scope: .lines(first: 4, last: 4), mark: Mark(line: 3, column: 1))
        let kept = KeptDiagnostics([part], read: ["playbooks/a.yml", "playbooks/archive/old.yml"], reportedFiles: nil, placeholders: [:],
                                   suppressing: ["playbooks/a.yml": [suppression]], configuration: configuration, mode: .standard,
                                   index: RepositoryIndex([]))
        XCTAssertEqual(kept.kept.map(\.item), [0, 1, 2])
        XCTAssertEqual(kept.kept.map(\.severity), [.error, .note, .error])
        XCTAssertEqual(kept.used, ["playbooks/a.yml": [Suppression.Use(suppression: 0, rule: 0)]])
    }
}
