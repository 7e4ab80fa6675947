@testable import PlaybookLint
import PlaybookModel
import XCTest

/// yaml-comment-in-value beyond a mapping's values: list items cut at ` #`, and a ` #` inside a
/// `[…]` or `{…}` written on one line, which libyaml reads as a comment hiding the closing bracket.
final class CommentInValueTests: XCTestCase {
    private func lines(_ report: LintReport) -> [String] {
        report.findings.map { "\($0.file):\($0.line):\($0.column) \($0.rule): \($0.message)" }
    }

    private let path = "playbooks/experiments/EXP-0001.yml"

    /// The fixture's experiment, concluded, with its learnings written as the list `learnings`.
    private func concluded(learnings: String) -> String {
        Fixture.experiment.replacingOccurrences(of: "status: running", with: "status: concluded") + """

        result:
          outcome: win
          lift: 0.03
          p_value: 0.01
          decision: ship
          learnings:
        \(learnings)
        """
    }

    func testTheConcludedBaseIsClean() {
        XCTAssertEqual(lines(Fixture.lint(replacing: [path: concluded(learnings: "    - Shorter lessons kept learners")])), [])
    }

    /// `- Shoppers liked bundle #2 best` is read as "Shoppers liked bundle".
    func testAListItemCutByAHashIsSaid() {
        let report = Fixture.lint(replacing: [path: concluded(learnings: "    - Shorter lessons kept learners\n    - Learners liked lesson #2 best")])
        XCTAssertEqual(lines(report), [
            "\(path):22:29 yaml-comment-in-value: \"#2 best\" is read as a comment, so an item of learnings is only \"Learners liked lesson\"; "
                + "if it belongs to the item, quote it: - \"Learners liked lesson #2 best\"",
        ])
    }

    /// `- note: … #12` in a list of mappings: the value on the item's first line is a mapping's value.
    func testAValueOnAListItemsLineCutByAHashIsSaid() {
        let experiment = Fixture.experiment + """

        approvals:
          - note: Signed off in council #12 with the legal team
            by: Ana Ruiz
            role: product manager
            date: 2026-11-01
        """
        XCTAssertEqual(lines(Fixture.lint(replacing: [path: experiment])), [
            "\(path):16:33 yaml-comment-in-value: \"#12 with the legal team\" is read as a comment, so note is only \"Signed off in council\"; "
                + "if it belongs to the value, quote it: note: \"Signed off in council #12 with the legal team\"",
        ])
    }

    /// Real comments, a `#` inside a word, quoted items and comment lines stay silent.
    func testCommentsAndHashesThatCutNothingAreSilent() {
        let learnings = """
            - Shorter lessons kept learners  # from the dashboard
            - Learners liked lesson#2 best
            - "Learners liked lesson #2 best"
            - 'Learners liked lesson #2 best'
            # a comment line of its own, #2 on it
            - Learners liked the quiz ## twice
        """
        XCTAssertEqual(lines(Fixture.lint(replacing: [path: concluded(learnings: learnings)])), [])
        let regions = Fixture.experiment + "\naudience:\n  regions:\n    - de  # Germany first\n    - fr\n"
        XCTAssertEqual(lines(Fixture.lint(replacing: [path: regions])), [])
    }

    /// A list `[…]` over lines, its item followed by a ` #` at the line's end: the item is cut, the list read.
    func testAFlowListItemCutByAHashAtItsLinesEndIsSaid() {
        let experiment = Fixture.experiment + "\naudience:\n  regions: [de, fr #3\n    , it]\n"
        XCTAssertEqual(lines(Fixture.lint(replacing: [path: experiment])), [
            "\(path):16:20 yaml-comment-in-value: \"#3\" is read as a comment, so an item of regions is only \"fr\"; "
                + "if it belongs to the item, quote it: \"fr #3\"",
        ])
    }

    /// `regions: [de, fr #3]`: libyaml reads `#3]` as a comment and fails on the next line; the
    /// error is said at the `#`, once, with libyaml's reason and the fix.
    func testAHashInAFlowListOnOneLineIsOneErrorAtIt() {
        let experiment = Fixture.experiment + "\naudience:\n  regions: [de, fr #3]\n  platforms: [ios]\n"
        XCTAssertEqual(lines(Fixture.lint(replacing: [path: experiment])), [
            "\(path):16:20 yaml-syntax: while parsing a flow sequence at line 16, column 12: did not find expected \',\' or \']\'; \"#3]\" is read as a comment, which hides the list's closing \"]\"; "
                + "if the # belongs to the item, quote it: regions: [de, \"fr #3\"]; a comment goes after the \"]\"",
        ])
        let tags = Fixture.experiment + "\naudience:\n  regions: [summer sale #2, winter]\n"
        XCTAssertEqual(lines(Fixture.lint(replacing: [path: tags])), [
            "\(path):16:25 yaml-syntax: while parsing a flow sequence at line 16, column 12: did not find expected \',\' or \']\'; \"#2, winter]\" is read as a comment, which hides the \",\" after the item; "
                + "if the # belongs to the item, quote it: regions: [\"summer sale #2\", winter]; a comment goes after the \"]\"",
        ])
    }

    /// `ice: {impact: 7, confidence: 6 #high, ease: 8}`: the same in a mapping `{…}`.
    func testAHashInAFlowMappingOnOneLineIsOneErrorAtIt() {
        let hypothesis = Fixture.hypothesis.replacingOccurrences(of: "ice: {impact: 7, confidence: 6, ease: 8}", with: "ice: {impact: 7, ease: 8, confidence: 6 #high}")
        XCTAssertEqual(lines(Fixture.lint(replacing: ["playbooks/hypotheses/HYP-0001.yml": hypothesis])), [
            "playbooks/hypotheses/HYP-0001.yml:12:41 yaml-syntax: while parsing a flow mapping at line 12, column 6: did not find expected \',\' or \'}\'; \"#high}\" is read as a comment, which hides the mapping's closing \"}\"; "
                + "if the # belongs to the value, quote it: ice: {impact: 7, ease: 8, confidence: \"6 #high\"}; a comment goes after the \"}\"",
        ])
    }

    /// `[de, fr  # Germany first]`: a comment written as one still hides the `]`; only moving it is said.
    func testARealCommentInAFlowListOnOneLineSaysToMoveIt() {
        let experiment = Fixture.experiment + "\naudience:\n  regions: [de, fr  # France next]\n"
        XCTAssertEqual(lines(Fixture.lint(replacing: [path: experiment])), [
            "\(path):16:21 yaml-syntax: while parsing a flow sequence at line 16, column 12: did not find expected \',\' or \']\'; \"# France next]\" is read as a comment, which hides the list's closing \"]\"; "
                + "a comment goes after the \"]\"",
        ])
    }
}
