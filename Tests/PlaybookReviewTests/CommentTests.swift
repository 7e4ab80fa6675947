import Foundation
import PlaybookGit
import PlaybookLint
import PlaybookModel
@testable import PlaybookReview
import XCTest

/// The PR comment a reviewer reads: one entry per overlapping pair, counts that agree with the
/// listing, links that resolve from the PR, code shown as code.
final class CommentTests: XCTestCase {
    static let squads = """
    kind: Squad
    id: growth
    name: Growth
    mission: more people sign up
    funnel_stage: acquisition
    members:
      - {name: Ana Ruiz, role: product manager}
    champion: Ana Ruiz
    ---
    kind: Squad
    id: checkout
    name: Checkout
    mission: more people pay
    funnel_stage: revenue
    members:
      - {name: Bo Lind, role: engineer}
    champion: Bo Lind
    ---
    kind: Metric
    id: signup-rate
    name: Signup rate
    unit: percent
    direction: increase
    owner: growth
    north_star: true
    """

    static func running(_ id: String, squad: String, title: String) -> String {
        """
        kind: Experiment
        id: \(id)
        squad: \(squad)
        title: \(title)
        hypothesis: HYP-0001
        status: running
        metrics:
          primary: signup-rate
        surface: web/signup
        design: {mde: 0.02, power: 0.8, alpha: 0.05, sample_size: 12000}
        start: 2026-07-01
        end: 2026-09-30

        """
    }

    static func hypothesis(_ id: String, squad: String) -> String {
        """
        kind: Hypothesis
        id: \(id)
        squad: \(squad)
        title: A shorter signup form brings more signups
        statement:
          change: remove the phone number field from the signup form
          audience: new visitors on the web
          outcome: more of them finish signing up
          rationale: half of the drop-off happens at the phone field
        metric: signup-rate
        expected_lift: 0.02
        ice: {impact: 6, confidence: 5, ease: 7}
        status: backlog

        """
    }

    /// A base with growth's experiment and hypothesis; the change adds checkout's colliding
    /// experiment and duplicate hypothesis.
    func overlappingChange() throws -> ReviewReport {
        let s = try ScratchChange(for: self)
        let base = try s.commit([
            "playbooks/squads.yml": Self.squads,
            "playbooks/growth/EXP-0001.yml": Self.running("EXP-0001", squad: "growth", title: "Shorter signup form"),
            "playbooks/growth/HYP-0001.yml": Self.hypothesis("HYP-0001", squad: "growth"),
            "playbooks/growth/visits.yml": "kind: Metric\nid: visits\nname: Visits\nunit: count\ndirection: increase\nowner: growth\n",
        ])
        let head = try s.commit([
            "playbooks/checkout/EXP-0002.yml": Self.running("EXP-0002", squad: "checkout", title: "\"Winter sale countdown for @team #12\""),
            "playbooks/checkout/HYP-0002.yml": Self.hypothesis("HYP-0002", squad: "checkout"),
            "playbooks/squads.yml": Self.squads.replacing("name: Checkout", with: "name: Checkout `EMEA` @ops"),
            "playbooks/growth/visits.yml": nil,
        ])
        return try s.review(base: base, head: head)
    }

    func testEachOverlapIsReportedOncePerPairOnTheChangesSide() throws {
        let report = try overlappingChange()
        let overlaps = report.findings.filter { Reviewer.pairRules.contains($0.rule) }
        XCTAssertEqual(overlaps.map(\.rule).sorted(), ["overlap-collision", "overlap-duplicate"], "\(report.findings)")
        XCTAssertEqual(Set(overlaps.map(\.file)), ["playbooks/checkout/EXP-0002.yml", "playbooks/checkout/HYP-0002.yml"])
        XCTAssertEqual(report.errors + report.warnings, report.findings.filter { $0.severity != .note }.count)
    }

    func testTheHeaderCountsWhatTheCommentLists() throws {
        let report = try overlappingChange()
        let comment = ReviewRenderer.markdown(report)
        let findings = try XCTUnwrap(comment.range(of: "### Findings")).upperBound
        let section = comment[findings...].prefix { _ in true }.split(separator: "<details>").first ?? ""
        let listed = section.split(separator: "\n").filter { $0.hasPrefix("- ❌") || $0.hasPrefix("- ⚠️") }
        XCTAssertEqual(listed.count, report.errors + report.warnings, comment)
        XCTAssertTrue(comment.contains("**\(report.errors) error\(report.errors == 1 ? "" : "s"), \(report.warnings) warning"), comment)
        // The table's finding cells add up to the header's counts.
        let cells = comment.split(separator: "\n").filter { $0.hasPrefix("| ") && !$0.hasPrefix("| entity") }.compactMap { $0.split(separator: "|").last }
        func sum(_ word: String) -> Int {
            cells.flatMap { $0.split(separator: ",") }.compactMap { part -> Int? in
                let words = part.split(separator: " ")
                return words.count == 2 && words[1].hasPrefix(word) ? Int(words[0]) : nil
            }.reduce(0, +)
        }
        XCTAssertEqual(sum("error"), report.errors, comment)
        XCTAssertEqual(sum("warning"), report.warnings, comment)
    }

    func testTheCommentMatchesItsGoldenFile() throws {
        let report = try overlappingChange()
        var stable = report
        // Commit ids change with every run's temp paths and clock; the golden file names fixed ones.
        stable.base = try XCTUnwrap(ObjectID(hex: String(repeating: "a", count: 40)))
        stable.head = try XCTUnwrap(ObjectID(hex: String(repeating: "b", count: 40)))
        stable.mergeBase = stable.base
        let links = ReviewRenderer.Links.from(option: nil, environment: [
            "GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "acme/playbook", "GITHUB_SHA": "0123456789abcdef",
        ])
        try ReviewGolden.assertMatches(ReviewRenderer.markdown(stable, links: links), "review-overlaps.md")
        try ReviewGolden.assertMatches(ReviewRenderer.text(stable, color: false), "review-overlaps.txt")
    }

    func testLinksAreAbsoluteWhenTheEnvironmentSaysWhereTheRepositoryLives() {
        let github = ReviewRenderer.Links.from(option: nil, environment: [
            "GITHUB_SERVER_URL": "https://github.example.com/", "GITHUB_REPOSITORY": "acme/playbook", "GITHUB_SHA": "abc123",
        ])
        XCTAssertEqual(github.to("playbooks/a b.yml", line: 4), "https://github.example.com/acme/playbook/blob/abc123/playbooks/a%20b.yml#L4")
        let option = ReviewRenderer.Links.from(option: "https://git.example.com/x/blob/main", environment: [
            "GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "acme/playbook", "GITHUB_SHA": "abc123",
        ])
        XCTAssertEqual(option.to("playbooks/a.yml", line: 2), "https://git.example.com/x/blob/main/playbooks/a.yml#L2")
        XCTAssertEqual(ReviewRenderer.Links.from(option: nil, environment: ["GITHUB_SHA": "abc"]).to("p/a.yml", line: 1), "p/a.yml#L1")
        XCTAssertEqual(ReviewRenderer.Links(base: "https://x.test/a) [b]").to("a.yml", line: 1), "https://x.test/a%29%20%5Bb%5D/a.yml#L1")
    }

    func testCodeInMessagesIsACodeSpanAndTheRestStaysInert() {
        XCTAssertEqual(ReviewRenderer.message("add `approvals: [{by: NAME}]` to EXP-1"), "add `approvals: [{by: NAME}]` to EXP-1")
        // An unpaired backtick is text, escaped.
        XCTAssertEqual(ReviewRenderer.message("key `a`b` ends"), "key `a`b\\` ends")
        // A backtick after a backslash (in a value the message quotes) is text, as in Markdown: it opened
        // a span up to the message's own backtick, and the value showed as `x\` + code.
        XCTAssertEqual(ReviewRenderer.message("North Star: \"ns x\\` y\" is marked `north_star: true`, but"),
                       "North Star: \"ns x\\\\\\` y\" is marked `north_star: true`, but")
        // Mentions and references outside code are neutralised; inside a span they are code.
        XCTAssertEqual(ReviewRenderer.message("ask @ana about #12 in `title: @ana`"),
                       "ask @\u{2060}ana about #\u{2060}12 in `title: @ana`")
    }

    /// A value a message quotes is shown as written, its backticks too: a pair of them in a title or a
    /// status made a code span of the user's text ("run `x` ning" read as run x ning).
    func testBackticksInAQuotedValueAreShownAsWritten() throws {
        XCTAssertEqual(ReviewRenderer.message("title \"Use `code` here\" is long; add `note:` to EXP-1"),
                       "title \"Use \\`code\\` here\" is long; add `note:` to EXP-1")
        let s = try ScratchChange(for: self)
        let base = try s.commit(["playbooks/a.yml": experiment()])
        let head = try s.commit(["playbooks/a.yml": experiment(status: "\"run `x` ning\"")])
        let comment = ReviewRenderer.markdown(try s.review(base: base, head: head))
        XCTAssertTrue(comment.contains("; found \"run \\`x\\` ning\""), comment)
    }

    /// Findings tied to no entity (a tab in indentation, broken YAML) are listed under their own
    /// file's heading: b.yml's were listed under a.yml's, and its link was the only sign.
    func testEachFindingIsListedUnderItsOwnFilesHeading() throws {
        let s = try ScratchChange(for: self)
        let base = try s.commit(["playbooks/squads.yml": Self.squads])
        let head = try s.commit([
            "playbooks/a.yml": "kind: Hypothesis\nid: HYP-0001\n\tbad: 1\n",
            "playbooks/b.yml": "kind: Hypothesis\nid: [HYP-0002\n",
        ])
        let comment = ReviewRenderer.markdown(try s.review(base: base, head: head))
        let findings = try XCTUnwrap(comment.components(separatedBy: "### Findings\n\n").last)
        let sections = findings.components(separatedBy: "#### ").dropFirst()
        XCTAssertEqual(sections.map { $0.prefix { $0 != "\n" } }, ["`playbooks/a.yml`", "`playbooks/b.yml`"], comment)
        for section in sections {
            let file = section.prefix { $0 != "\n" }.trimmingCharacters(in: CharacterSet(charactersIn: "`"))
            let items = section.components(separatedBy: "\n").filter { $0.hasPrefix("- ") }
            XCTAssertEqual(items.count, 1, section)
            XCTAssertTrue(items.allSatisfy { $0.contains("](\(file)#L") }, "a finding of another file under \(file): \(section)")
        }
    }

    /// Outside a table a code span shows `|` as written (GitHub shows a `\|` there literally); a backtick
    /// in the name still cannot close the span (the fence is longer), and a table cell still escapes `|`.
    func testAPipeInAFileNameIsWrittenAsItIsOutsideTables() throws {
        let s = try ScratchChange(for: self)
        let base = try s.commit(["playbooks/squads.yml": Self.squads])
        let name = "playbooks/a`b|c ``.yml"
        let head = try s.commit([name: "kind: Hypothesis\nid: HYP-0009\n\tbad: 1\n"])
        let comment = ReviewRenderer.markdown(try s.review(base: base, head: head))
        XCTAssertTrue(comment.contains("#### ```playbooks/a`b|c ``.yml```\n"), comment)
        XCTAssertFalse(comment.contains("\\|"), comment)
        XCTAssertEqual(ReviewRenderer.message("paths matching `a|b`"), "paths matching `a|b`")
        XCTAssertEqual(ReviewRenderer.value("x | y ` z"), "``x \\| y ` z``", "a table cell keeps its escape")
    }

    /// GitHub refuses a comment over 65,536 characters and the workflow then posts nothing: a
    /// large review is cut below `commentLimit`, the summary and the errors first, and says what it left out.
    func testAReviewTooLongForOneCommentIsCutSummaryAndErrorsFirst() throws {
        let s = try ScratchChange(for: self)
        let base = try s.commit(["playbooks/a.yml": experiment()])
        var backlog: [String: String?] = ["playbooks/a.yml": experiment().replacing("title: Shorter signup form", with: "title: Shorter signup form, two fields")]
        for i in 100..<200 {
            backlog["playbooks/HYP-0\(i).yml"] = "kind: Hypothesis\nid: HYP-0\(i)\nsquad: nope-\(i)\ntitle: Idea number \(i) about something\n"
        }
        let head = try s.commit(backlog)
        var report = try s.review(base: base, head: head)
        // A warning listed first, to see the errors put before it.
        report.findings.insert(Finding(file: "playbooks/a.yml", line: 1, column: 1, rule: "experiment-stale", severity: .warning,
                                       message: "a warning", entity: "EXP-0001"), at: 0)
        XCTAssertGreaterThan(ReviewRenderer.header(report).utf8.count + ReviewRenderer.body(report, links: .init()).utf8.count, 65_536)
        let comment = ReviewRenderer.markdown(report)
        XCTAssertLessThanOrEqual(comment.utf8.count, ReviewRenderer.commentLimit)
        XCTAssertTrue(comment.hasPrefix(ReviewRenderer.header(report) + "> ⚠️ **This review is too long for one comment**"), String(comment.prefix(600)))
        let listed = comment.components(separatedBy: "\n").filter { $0.hasPrefix("- ") }
        XCTAssertGreaterThan(listed.count, 100)
        XCTAssertTrue(listed.allSatisfy { $0.contains("**error**") }, "errors first: the one warning is the one left out")
        XCTAssertTrue(comment.contains("it shows \(listed.count) of \(report.findings.count) findings (errors first)"), String(comment.prefix(900)))
        XCTAssertTrue(comment.contains("`playbook review --format text` with the same `--base` prints the whole review"))
        XCTAssertFalse(comment.contains("Field changes"))
        XCTAssertEqual(ReviewRenderer.markdown(report), comment, "stable, so a bot can update it in place")
    }
}

/// Compares rendered output with a file under Goldens/; `UPDATE_GOLDENS=1 swift test` rewrites them.
enum ReviewGolden {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Goldens")

    static func assertMatches(_ text: String, _ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let url = directory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["UPDATE_GOLDENS"] == "1" {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
            return
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            XCTFail("no golden file \(name); run with UPDATE_GOLDENS=1 to write it", file: file, line: line)
            return
        }
        let expected = String(decoding: data, as: UTF8.self)
        if expected != text {
            let actual = FileManager.default.temporaryDirectory.appendingPathComponent(name)
            try? Data(text.utf8).write(to: actual)
            XCTFail("\(name) differs from its golden file; actual output written to \(actual.path)", file: file, line: line)
        }
    }
}
