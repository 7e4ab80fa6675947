import Foundation
import XCTest
@testable import PlaybookLint
import PlaybookModel

/// Findings come out in `Finding.ordered`'s order (file, line, column, rule, message), equal ones in
/// the order they were found: also where one entity's place holds several overlap findings, found
/// in another order (by score) than their messages sort in.
final class FindingOrderTests: XCTestCase {
    /// HYP-0001 restated by another squad several times: an exact copy (the highest score) and
    /// rewordings, so that the overlaps are found by score, not in the order of their messages.
    func testFindingsAtOnePlaceAreSortedByRuleThenMessage() {
        func copy(_ id: String, title: String) -> String {
            Fixture.hypothesis
                .replacingOccurrences(of: "id: HYP-0001", with: "id: \(id)")
                .replacingOccurrences(of: "squad: activation-emea", with: "squad: checkout-emea")
                .replacingOccurrences(of: "title: A shorter first lesson keeps more new learners", with: "title: \(title)")
        }
        let report = Fixture.lint(replacing: [
            "playbooks/hypotheses/HYP-0002.yml": copy("HYP-0002", title: "A shorter first lesson keeps more new learners on mobile"),
            "playbooks/hypotheses/HYP-0003.yml": copy("HYP-0003", title: "A shorter first lesson keeps more new learners"),
            "playbooks/hypotheses/HYP-0004.yml": copy("HYP-0004", title: "A much shorter first lesson keeps more of the new learners"),
        ])
        let shown = report.findings.map { "\($0.file):\($0.line):\($0.column) [\($0.rule)] \($0.message)" }
        XCTAssertEqual(shown, report.findings.sorted(by: Finding.ordered).map { "\($0.file):\($0.line):\($0.column) [\($0.rule)] \($0.message)" })
        let original = report.findings.filter { $0.file == "playbooks/hypotheses/HYP-0001.yml" && $0.rule.hasPrefix("overlap-") }
        XCTAssertGreaterThanOrEqual(Set(original.map(\.message)).count, 3, "HYP-0001's place holds an overlap finding per restatement: \(shown)")
        XCTAssertEqual(Set(original.map { "\($0.line):\($0.column)" }).count, 1)
    }
}
