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
                + "a comment goes after the \"}\"",
        ])
        // Text before the `#` is still offered quoted.
        let titled = Fixture.hypothesis.replacingOccurrences(of: "ice: {impact: 7, confidence: 6, ease: 8}", with: "ice: {impact: 7, confidence: 6, ease: 8}\nnotes: {first: bundle #2}")
        XCTAssertEqual(lines(Fixture.lint(replacing: ["playbooks/hypotheses/HYP-0001.yml": titled])).filter { $0.contains("yaml-syntax") }, [
            "playbooks/hypotheses/HYP-0001.yml:13:23 yaml-syntax: while parsing a flow mapping at line 13, column 8: did not find expected \',\' or \'}\'; \"#2}\" is read as a comment, which hides the mapping's closing \"}\"; "
                + "if the # belongs to the value, quote it: notes: {first: \"bundle #2\"}; a comment goes after the \"}\"",
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

    /// `exclusion_group: #store-carousel-q4`, `- #dach`: YAML reads a value that starts with `#` as empty and a
    /// comment; said at the `#`, with the value quoted.
    func testAValueThatStartsWithAHashIsSaidAtIt() {
        let experiment = Fixture.experiment + """

        exclusion_group: #store-carousel-q4
        audience:
          segment: #paid only
          regions:
            - #dach
            - fr
        approvals:
          - by: Samuel Osei
            note: #12 council sign-off
        """
        XCTAssertEqual(lines(Fixture.lint(replacing: [path: experiment])), [
            "\(path):15:18 yaml-comment-in-value: \"#store-carousel-q4\" is read as a comment, so exclusion_group is empty; "
                + "if it is the value, quote it: exclusion_group: \"#store-carousel-q4\"",
            "\(path):17:12 yaml-comment-in-value: \"#paid only\" is read as a comment, so segment is empty; if it is the value, quote it: segment: \"#paid only\"",
            "\(path):19:6 schema-type: an item of \"audience.regions\" must be text, found null (\"#dach\" after it is read as a comment)",
            "\(path):19:7 yaml-comment-in-value: \"#dach\" is read as a comment, so an item of regions is empty; if it is the item, quote it: - \"#dach\"",
            "\(path):23:11 yaml-comment-in-value: \"#12 council sign-off\" is read as a comment, so note is empty; "
                + "if it is the value, quote it: note: \"#12 council sign-off\"",
        ])
    }

    /// `title: #2 bundle on the paywall`: the missing title says why it is missing.
    func testARequiredValueThatStartsWithAHashSaysWhyItIsMissing() {
        let experiment = Fixture.experiment.replacingOccurrences(of: "title: Five-minute first lesson", with: "title: #2 bundle on the paywall")
        XCTAssertEqual(lines(Fixture.lint(replacing: [path: experiment])), [
            "\(path):4:7 schema-required: Experiment EXP-0001 is missing required field \"title\" (\"#2 bundle on the paywall\" after it is read as a comment)",
            "\(path):4:8 yaml-comment-in-value: \"#2 bundle on the paywall\" is read as a comment, so title is empty; "
                + "if it is the value, quote it: title: \"#2 bundle on the paywall\"",
        ])
        // A field that is not text is not offered quoted: the quotes would make it text.
        let ended = Fixture.experiment.replacingOccurrences(of: "end: 2026-12-20", with: "end: #2026-12-20")
        XCTAssertEqual(lines(Fixture.lint(replacing: [path: ended])).filter { $0.contains("yaml-comment-in-value") }, [
            "\(path):14:6 yaml-comment-in-value: \"#2026-12-20\" is read as a comment, so end is empty; write the value before the \"#\"",
        ])
    }

    /// Comments after a key, a `#` line of its own and separators stay silent.
    func testCommentsAfterAnEmptyValueAreSilent() {
        let experiment = Fixture.experiment + """

        exclusion_group: # to be decided
        audience:
          segment:  # everyone
          # regions follow
          regions:
            - fr
            ## later
        approvals:
          - by: Samuel Osei
            note: #
          - by: Ana Ruiz
            note: #-- council
        """
        XCTAssertEqual(lines(Fixture.lint(replacing: [path: experiment])), [])
        let items = concluded(learnings: "    - # to be written\n    - Shorter lessons kept learners")
        XCTAssertEqual(lines(Fixture.lint(replacing: [path: items])).filter { $0.contains("yaml-comment-in-value") }, [])
    }

    /// `budget: 4000 #EUR`: a number, a date, an id or a choice is read whole; quoted with its `#…` it would be
    /// text the field refuses, so nothing is said.
    func testAHashAfterAValueThatIsNotTextIsSilent() {
        let experiment = Fixture.experiment
            .replacingOccurrences(of: "end: 2026-12-20", with: "end: 2026-12-20 #extended")
            .replacingOccurrences(of: "status: running", with: "status: running #live")
            .replacingOccurrences(of: "guardrails: [refund-rate]", with: "guardrails: [\n    d1-retention,\n    refund-rate #must hold\n  ]")
            + "\nbudget: 4000 #EUR\n"
        XCTAssertEqual(lines(Fixture.lint(replacing: [path: experiment])), [])
    }

    /// In JSON a finding names its entity: the document's id.
    func testAFindingNamesItsEntity() {
        let experiment = Fixture.experiment.replacingOccurrences(of: "title: Five-minute first lesson", with: "title: Bundle #2")
        let findings = Fixture.lint(replacing: [path: experiment]).findings
        XCTAssertEqual(findings.map(\.rule), ["yaml-comment-in-value"])
        XCTAssertEqual(findings.map(\.entity), ["EXP-0001"])
    }

    /// Two experiments that both wrote `exclusion_group: #onboarding-q4` share no group as read: the collision
    /// says why, where it told them to put into one group what they had.
    func testACollisionOfGroupsReadAsCommentsSaysWhy() {
        let grouped = Fixture.experiment + "\nexclusion_group: #onboarding-q4\n"
        let twin = grouped.replacingOccurrences(of: "id: EXP-0001", with: "id: EXP-0002")
        let collisions = Fixture.lint(replacing: [path: grouped, "playbooks/experiments/EXP-0002.yml": twin]).findings
            .filter { $0.rule == "overlap-collision" }
        XCTAssertEqual(collisions.count, 2)
        for finding in collisions {
            XCTAssertTrue(finding.message.contains("and share no exclusion_group (the exclusion_group of EXP-0001, \"#onboarding-q4\", "
                + "and of EXP-0002, \"#onboarding-q4\", is read as a comment: quote it to name a group); put them in one"), finding.message)
        }
    }

    /// A plain value over lines is cut where a ` #` follows a word on a line it continues on.
    func testAValueOverLinesCutByAHashIsSaid() {
        let hypothesis = Fixture.hypothesis.replacingOccurrences(
            of: "  change: cut the first lesson from 12 to 5 minutes", with: "  change: cut the first lesson from 12 to 5 minutes for\n    the #2 cohort of new learners")
        XCTAssertEqual(lines(Fixture.lint(replacing: ["playbooks/hypotheses/HYP-0001.yml": hypothesis])), [
            "playbooks/hypotheses/HYP-0001.yml:7:9 yaml-comment-in-value: \"#2 cohort of new learners\" is read as a comment, so change is only "
                + "\"cut the first lesson from 12 to 5 minutes for the\"; if it belongs to the value, quote it: "
                + "change: \"cut the first lesson from 12 to 5 minutes for the #2 cohort of new learners\"",
        ])
    }

    /// `- Learners liked lesson⏎  #2 far more`: the line that would continue the item starts a comment.
    func testALineThatWouldContinueAnItemStartingWithAHashIsSaid() {
        let report = Fixture.lint(replacing: [path: concluded(learnings: "    - Learners liked lesson\n      #2 far more than lesson #4\n    - Shorter lessons kept learners")])
        XCTAssertEqual(lines(report), [
            "\(path):22:7 yaml-comment-in-value: \"#2 far more than lesson #4\" on the next line is read as a comment, so an item of learnings is only "
                + "\"Learners liked lesson\"; if it belongs to the item, quote it: - \"Learners liked lesson #2 far more than lesson #4\"",
        ])
    }

    /// A comment line at its key's or item's column (a key or item commented out), or written `# …`, is silent.
    func testCommentLinesAfterAValueAreSilent() {
        let learnings = """
            - Learners liked lesson
            #- a learning left out
            - Shorter lessons kept learners
              # from the dashboard
            - Shorter lessons kept learners over
              two weeks  # the Q3 cohort
        """
        XCTAssertEqual(lines(Fixture.lint(replacing: [path: concluded(learnings: learnings)])), [])
        let hypothesis = Fixture.hypothesis.replacingOccurrences(
            of: "  rationale: session recordings show drop-off after minute six", with: "  rationale: session recordings show drop-off after minute six\n  #outcome: an older outcome\n#metric: d7-retention")
        XCTAssertEqual(lines(Fixture.lint(replacing: ["playbooks/hypotheses/HYP-0001.yml": hypothesis])), [])
    }

    /// `- Shoppers preferred the bundle⏎  #2 layout over the grid⏎  on mobile`: the comment line ends the item and
    /// the file cannot be read; lint says so at the `#`, once, not libyaml's "did not find expected '-' indicator" alone.
    func testACommentLineInsideAnItemOverLinesIsOneErrorAtItsHash() {
        let report = Fixture.lint(replacing: [path: concluded(learnings: "    - Shoppers preferred the bundle\n      #2 layout over the grid\n      on mobile")])
        XCTAssertEqual(lines(report), [
            "\(path):22:7 yaml-syntax: while parsing a block collection at line 21, column 5: did not find expected '-' indicator; "
                + "\"#2 layout over the grid\" at the start of its line is read as a comment, which ends the value, so line 23 cannot go on with it; "
                + "if the # belongs to the value, quote the whole value",
        ])
    }

    /// `learnings:⏎  Shoppers preferred the bundle⏎  #2 layout over the grid`: a value begun on the line after its key
    /// is judged as one on its key's line (the comment line cut it without a word).
    func testAValueBegunOnTheNextLineThenALineStartingWithAHashIsSaid() {
        let report = Fixture.lint(replacing: [path: concluded(learnings: "      Shoppers preferred the bundle\n      #2 layout over the grid")])
        XCTAssertEqual(lines(report), [
            "\(path):22:7 yaml-comment-in-value: \"#2 layout over the grid\" on the next line is read as a comment, so learnings is only "
                + "\"Shoppers preferred the bundle\"; if it belongs to the value, quote it: learnings: \"Shoppers preferred the bundle #2 layout over the grid\"",
        ])
    }
}
