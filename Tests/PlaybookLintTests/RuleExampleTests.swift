import PlaybookLint
import PlaybookModel
import PlaybookYAML
import XCTest

/// Runs every rule's examples: each triggering example must produce exactly the findings its
/// `↓` markers point at, all of that rule; each passing example must produce none.
final class RuleExampleTests: XCTestCase {
    /// Rules whose trigger cannot be written as a small YAML file.
    static let withoutExamples: Set<String> = [
        LintRuleID.fileUnreadable, // needs a file that cannot be read: see RepositoryCheckTests and the CLI tests
        LintRuleID.yamlSizeLimit, // needs a file of megabytes: see RepositoryCheckTests and the CLI tests
        LintRuleID.configOverrideUnmatched, // about .playbook.yml, not a playbook file: see ConfigurationTests and StagedLintTests
        // These need a git history: see ReviewCommandTests.
        LintRuleID.historyStatusRegression, LintRuleID.historyLockedField, LintRuleID.historyResultEdit, LintRuleID.historyIDReuse, LintRuleID.historyClosedQuarter,
    ]

    static let today = Day(ExampleBase.today) ?? Day(year: 2026, month: 11, day: 23)

    func lint(example: String) -> LintReport {
        var files = ExampleBase.files.map { SourceFile(path: $0.path, bytes: Array($0.text.utf8)) }
        files.append(SourceFile(path: ExampleBase.examplePath, bytes: Array(example.utf8)))
        return Linter(today: Self.today).lint(files)
    }

    /// The text without its markers, and the position each marker pointed at.
    static func markers(in text: String) -> (String, [Mark]) {
        var clean = String.UnicodeScalarView()
        var marks: [Mark] = []
        var line = 1, column = 1
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            if scalar == "↓" {
                marks.append(Mark(line: line, column: column))
                continue
            }
            clean.append(scalar)
            if scalar == "\n" || scalar == "\r" {
                if !(scalar == "\n" && previous == "\r") { line += 1 }
                column = 1
            } else {
                column += 1
            }
            previous = scalar
        }
        return (String(clean), marks)
    }

    func testTheExampleBaseIsClean() {
        let files = ExampleBase.files.map { SourceFile(path: $0.path, bytes: Array($0.text.utf8)) }
        XCTAssertEqual(Linter(today: Self.today).lint(files).findings, [])
    }

    func testEveryRuleHasExamplesBothWays() {
        for rule in RuleCatalog.all where !Self.withoutExamples.contains(rule.id) {
            XCTAssertFalse(rule.triggering.isEmpty, "\(rule.id) has no triggering example")
            XCTAssertFalse(rule.passing.isEmpty, "\(rule.id) has no passing example")
            XCTAssertFalse(rule.summary.isEmpty, "\(rule.id) has no summary")
        }
    }

    func testTriggeringExamplesFindExactlyTheMarkedPlaces() {
        for rule in RuleCatalog.all {
            for (number, example) in rule.triggering.enumerated() {
                let (text, marks) = Self.markers(in: example)
                XCTAssertFalse(marks.isEmpty, "\(rule.id) example \(number + 1) marks no place with ↓")
                let findings = lint(example: text).findings
                let found = findings.map { "\($0.file):\($0.line):\($0.column) [\($0.rule)]" }
                let expected = marks.map { "\(ExampleBase.examplePath):\($0.line):\($0.column) [\(rule.id)]" }
                XCTAssertEqual(found.sorted(), expected.sorted(),
                               "\(rule.id) triggering example \(number + 1):\n\(text)\n\(findings.map(\.message).joined(separator: "\n"))")
            }
        }
    }

    func testPassingExamplesFindNothing() {
        for rule in RuleCatalog.all {
            for (number, example) in rule.passing.enumerated() {
                let findings = lint(example: example).findings
                XCTAssertEqual(findings.map { "\($0.line):\($0.column) [\($0.rule)] \($0.message)" }, [],
                               "\(rule.id) passing example \(number + 1):\n\(example)")
            }
        }
    }

    func testEveryRuleTheCodeCanReportIsInTheCatalog() {
        let emitted = [
            RuleID.kind, RuleID.required, RuleID.type, RuleID.enumValue, RuleID.date, RuleID.quarter, RuleID.idForm,
            RuleID.unknownKey, RuleID.range,
            LintRuleID.yamlSyntax, LintRuleID.yamlDuplicateKey, LintRuleID.yamlTab, LintRuleID.yamlAliasLimit,
            LintRuleID.yamlDepthLimit, LintRuleID.yamlSizeLimit, LintRuleID.yamlEncoding, LintRuleID.yamlTag, LintRuleID.yamlCommentInValue, LintRuleID.fileUnreadable, LintRuleID.fileEmpty, LintRuleID.placeholderUnfilled,
            LintRuleID.duplicateID, LintRuleID.unresolvedReference, LintRuleID.northStar, LintRuleID.alignment,
            LintRuleID.suppressionUnused, LintRuleID.suppressionUnknownRule, LintRuleID.configOverrideUnmatched,
            LintRuleID.historyStatusRegression, LintRuleID.historyLockedField, LintRuleID.historyResultEdit, LintRuleID.historyIDReuse, LintRuleID.historyClosedQuarter,
        ] + RuleCatalog.repositoryRules.map { $0.descriptor.id }
        for id in emitted {
            XCTAssertNotNil(RuleCatalog.rule(id), "\(id) is reported but not in the catalog")
        }
        XCTAssertEqual(Set(RuleCatalog.all.map(\.id)).count, RuleCatalog.all.count, "rule ids are unique")
        XCTAssertEqual(Set(RuleCatalog.all.map(\.id)), Set(emitted), "the catalog lists exactly the rules that exist")
    }
}
