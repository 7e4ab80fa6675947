import Foundation
import PlaybookGit
import XCTest

/// Hostile file names, YAML values and author names stay inert in every output the CLI writes:
/// no terminal control, no forged workflow command, no live mention, link or image.
final class InertOutputTests: XCTestCase {
    /// Characters no output may carry raw: ESC, BEL, CSI (C1), RLO, an isolate, a bidi mark.
    static let raw: [Unicode.Scalar] = ["\u{1B}", "\u{07}", "\u{9B}", "\u{202E}", "\u{2066}", "\u{200F}"]

    /// `workflowCommands`: the output is GitHub workflow commands, one per line, each of our own.
    private func assertInert(_ output: String, _ context: String, workflowCommands: Bool = false, file: StaticString = #filePath, line: UInt = #line) {
        for scalar in Self.raw {
            XCTAssertFalse(output.unicodeScalars.contains(scalar), "U+\(String(scalar.value, radix: 16)) reached \(context)", file: file, line: line)
        }
        for text in output.split(separator: "\n") {
            if workflowCommands {
                XCTAssertTrue(text.hasPrefix("::error file=") || text.hasPrefix("::warning file=") || text.hasPrefix("::notice file="),
                              "a line that is not one of our commands in \(context): \(text)", file: file, line: line)
                continue
            }
            // By bytes, as the runner reads them: a mark joined to a `#` or `:` hides it from characters only.
            let start = text.utf8.drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
            XCTAssertFalse(start.starts(with: "::".utf8), "a forged workflow command in \(context): \(text)", file: file, line: line)
            XCTAssertNil(text.utf8.firstRange(of: "##[".utf8), "a forged workflow command in \(context): \(text)", file: file, line: line)
        }
    }

    func testHostileFileNamesStayInertInTextAndJUnitOutput() throws {
        let scratch = try ScratchDirectory()
        try SmallPlaybook.write(into: scratch)
        try scratch.write(".playbook.yml", "roots: [\".\"]\n")
        let names = ["x\n::add-mask::secret.yml", "::warning::forged.yml", "e\u{1B}]0;title\u{07}\u{1B}[2J.yml", "r\u{202E}lmy.exe.yml", "c1\u{9B}31m.yml", "b ##[error]x.yml"]
        for name in names {
            try scratch.write(name, "kind: Metric\nid: x\n")
        }
        for format in ["text", "junit", "github", "json"] {
            let result = try CLI.run(["lint", "--format", format], in: scratch.url)
            XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
            assertInert(result.stdout, "lint --format \(format)", workflowCommands: format == "github")
            assertInert(result.stderr, "lint's standard error")
        }
        let text = try CLI.run(["lint"], in: scratch.url).stdout
        XCTAssertTrue(text.contains("./::warning::forged.yml:"), text)
        XCTAssertTrue(text.contains("x\\n::add-mask::secret.yml:"), text)
    }

    /// A file name and an id with a zero width space or a word joiner do not print like the plain ones:
    /// text and GitHub output show the characters as escapes; an emoji's joiner is printed as it is.
    func testInvisibleFormatCharactersAreShownInTextAndGitHubOutput() throws {
        let scratch = try ScratchDirectory()
        try SmallPlaybook.write(into: scratch)
        try scratch.write("playbooks/zero\u{200B}width.yml", "kind: Metric\nid: x\u{2060}y\n")
        try scratch.write("playbooks/family👩\u{200D}👧.yml", "kind: Metric\nid: z\n")
        let text = try CLI.run(["lint"], in: scratch.url).stdout
        XCTAssertTrue(text.contains("playbooks/zero\\u{200B}width.yml:"), text)
        XCTAssertTrue(text.contains("x\\u{2060}y"), text)
        XCTAssertTrue(text.contains("playbooks/family👩\u{200D}👧.yml:"), text)
        let github = try CLI.run(["lint", "--format", "github"], in: scratch.url).stdout
        XCTAssertTrue(github.contains("file=playbooks/zero\\u{200B}width.yml,"), github)
        for output in [text, github] {
            XCTAssertFalse(output.unicodeScalars.contains { $0 == "\u{200B}" || $0 == "\u{2060}" }, output)
        }
    }

    /// A value with a bidi override (U+202E) or a zero width space (U+200B) is shown by code in SARIF's
    /// `message.text` as in terminal text: JSON's `\u202e` escape kept the bytes inert, but GitHub
    /// decodes it and showed the override raw (as at b375bc8, where this fails on the SARIF).
    func testInvisibleCharactersOfAValueAreShownByCodeInSARIFMessages() throws {
        let scratch = try ScratchDirectory()
        try SmallPlaybook.write(into: scratch)
        try scratch.write("playbooks/h.yml", "kind: Hypothesis\nid: HYP-0001\nsquad: \"gro\\u200Bwth\"\ntitle: \"<idea \\u202Eexe.txt>\"\nstatus: backlog\n")
        let text = try CLI.run(["lint"], in: scratch.url).stdout
        let sarif = try CLI.run(["lint", "--format", "sarif"], in: scratch.url).stdout
        let json = try JSONSerialization.jsonObject(with: Data(sarif.utf8)) as? [String: Any]
        let runs = try XCTUnwrap(json?["runs"] as? [[String: Any]], sarif)
        let messages = try XCTUnwrap(runs.first?["results"] as? [[String: Any]]).compactMap { ($0["message"] as? [String: Any])?["text"] as? String }
        for shown in ["\"squad\" names squad \"gro\\u{200B}wth\", which does not exist",
                      "\"title\" still holds the placeholder <idea \\u{202E}exe.txt>; replace it with the real value"] {
            XCTAssertTrue(text.contains(shown), text)
            XCTAssertTrue(messages.contains(shown), "\(messages)")
        }
        XCTAssertFalse(messages.joined().unicodeScalars.contains { $0 == "\u{202E}" || $0 == "\u{200B}" }, "\(messages)")
    }

    /// The HTML report shows a title's bidi override and zero width space by code, as the site does (`HTMLReport.escapeVisible`).
    func testInvisibleCharactersOfATitleAreShownByCodeInTheHTMLReport() throws {
        let scratch = try ScratchDirectory()
        let repository = try Repository.create(at: scratch.url.path)
        try scratch.write("playbooks/o.yml", Self.objective(title: "\"Grow \\u202Eexe.txt and zero\\u200Bwidth\"", keyResult: "KR-1", keyResultTitle: "Signups"))
        try repository.stage(paths: ["playbooks/o.yml"])
        _ = try repository.commit(message: "objective", author: Signature(name: "Ana", email: "ana@example.com", time: 1_782_907_200))
        let report = try CLI.run(["report", "okr", "--quarter", "2026-Q3", "--today", "2026-12-01", "--format", "html", "--no-cache"], in: scratch.url)
        XCTAssertEqual(report.status, 0, report.stderr)
        XCTAssertTrue(report.stdout.contains("Grow ⟨U+202E⟩exe.txt and zero⟨U+200B⟩width"), report.stdout)
        XCTAssertFalse(report.stdout.unicodeScalars.contains { $0 == "\u{202E}" || $0 == "\u{200B}" }, report.stdout)
    }

    func testHostileArgumentsStayInertInErrorMessages() throws {
        let scratch = try ScratchDirectory()
        try SmallPlaybook.write(into: scratch)
        let result = try CLI.run(["lint", "no\u{1B}[2J\n::add-mask::such.yml"], in: scratch.url)
        XCTAssertEqual(result.status, 2)
        assertInert(result.stdout + result.stderr, "the error message")
        let rule = try CLI.run(["rules", "x\u{1B}[31m\u{202E}"], in: scratch.url)
        assertInert(rule.stdout + rule.stderr, "rules with a hostile id")
    }

    func testAnArgumentsLineBreakStartsNoLineOfAnErrorMessage() throws {
        let scratch = try ScratchDirectory()
        try SmallPlaybook.write(into: scratch)
        for arguments in [["report", "okr", "--quarter", "2026-Q1\nplaybook: all clear, 0 errors"],
                          ["report", "okr", "--quarter=2026-Q1\r\nplaybook: all clear, 0 errors"],
                          ["lint", "--format", "x\nplaybook: all clear, 0 errors"]] {
            let result = try CLI.run(arguments, in: scratch.url)
            XCTAssertEqual(result.status, 2, "\(arguments)")
            // The caller's text stays inside the message's line, its break written as an escape.
            XCTAssertFalse(result.stderr.split(whereSeparator: \.isNewline).contains { $0.hasPrefix("playbook: all clear") }, result.stderr)
            XCTAssertTrue(result.stderr.contains("\\nplaybook: all clear"), result.stderr)
        }
    }

    /// An objective of 2026-Q3 with one key result (current 4 of 10), its title, the key result's id and title
    /// as YAML writes them (quoted and escaped where the test needs it).
    static func objective(title: String, keyResult: String, keyResultTitle: String) -> String {
        """
        kind: Objective
        id: OKR-2026Q3-GRO-1
        squad: growth
        quarter: 2026-Q3
        title: \(title)
        aligns_to: weekly-active-learners
        key_results:
          - id: \(keyResult)
            title: \(keyResultTitle)
            metric: signup-rate
            baseline: 0
            target: 10
            current: 4
        """
    }

    /// A history whose author and values are hostile, read by `log` and `report`.
    private func hostileHistory() throws -> ScratchDirectory {
        let scratch = try ScratchDirectory()
        let repository = try Repository.create(at: scratch.url.path)
        let objective = """
        kind: Objective
        id: OKR-2026Q3-GRO-1
        squad: growth
        quarter: 2026-Q3
        title: "@octocat #12 ![px](https://tracker.example/p.png) \\e[31m ##[warning]t"
        aligns_to: weekly-active-learners
        key_results:
          - id: KR-1
            title: "=HYPERLINK(\\"http://evil\\")"
            metric: signup-rate
            baseline: 0
            target: 10
            current: CURRENT
        """
        for (day, current) in [(0, 1), (5, 4)] {
            try scratch.write("playbooks/o.yml", objective.replacing("CURRENT", with: "\(current)"))
            try repository.stage(paths: ["playbooks/o.yml"])
            _ = try repository.commit(message: "check-in", author: Signature(
                name: "\tEve\u{1B}]8;;http://evil\u{07}\u{202E} @org/team", email: "eve@example.com",
                time: 1_782_907_200 + Int64(day) * 86_400))
        }
        return scratch
    }

    func testHostileAuthorsAndValuesStayInertInLogAndReports() throws {
        let scratch = try hostileHistory()
        let log = try CLI.run(["log", "OKR-2026Q3-GRO-1", "--no-cache"], in: scratch.url)
        XCTAssertEqual(log.status, 0, log.stderr)
        assertInert(log.stdout, "log")
        XCTAssertFalse(log.stdout.contains("@org"), log.stdout)
        XCTAssertFalse(log.stdout.contains("@octocat"), log.stdout)
        for format in ["markdown", "csv", "html", "json"] {
            let report = try CLI.run(["report", "okr", "--quarter", "2026-Q3", "--today", "2026-12-01", "--format", format, "--no-cache"], in: scratch.url)
            XCTAssertEqual(report.status, 0, report.stderr)
            assertInert(report.stdout, "report okr --format \(format)")
            if format == "markdown" {
                XCTAssertFalse(report.stdout.contains("@octocat"), report.stdout)
                XCTAssertFalse(report.stdout.contains("#12"), report.stdout)
                XCTAssertFalse(report.stdout.contains("!["), report.stdout)
                XCTAssertFalse(report.stdout.contains("https://"), report.stdout)
            }
            if format == "csv" {
                let cells = report.stdout.split(separator: "\n").dropFirst().flatMap { $0.split(separator: ",") }
                XCTAssertFalse(cells.contains { $0.hasPrefix("\"=") || $0.hasPrefix("=") || $0.hasPrefix("\"\t") || $0.hasPrefix("\t") }, report.stdout)
                XCTAssertTrue(report.stdout.contains("'=HYPERLINK"), report.stdout)
            }
        }
    }

    /// A line feed in a title or a squad starts no line of a CSV report: printed in a CI step's log, a
    /// line that starts `::warning` is a workflow command, inside a quoted cell or not. It is shown as
    /// `\n`, as a carriage return is shown as `\r`.
    func testLineFeedInACSVCellStartsNoLine() throws {
        let scratch = try ScratchDirectory()
        let repository = try Repository.create(at: scratch.url.path)
        try scratch.write("playbooks/o.yml", Self.objective(title: "Grow", keyResult: "KR-1", keyResultTitle: "\"More users\\n::warning file=x::forged\\r::error::too\""))
        try scratch.write("playbooks/e.yml", """
        kind: Experiment
        id: EXP-1
        squad: "growth\\n::warning::forged"
        title: Short lessons
        status: draft
        """)
        try repository.stage(paths: ["playbooks/o.yml", "playbooks/e.yml"])
        _ = try repository.commit(message: "okr", author: Signature(name: "Ana", email: "ana@example.com", time: 1_782_907_200))
        let okr = try CLI.run(["report", "okr", "--quarter", "2026-Q3", "--today", "2026-12-01", "--format", "csv", "--no-cache"], in: scratch.url)
        XCTAssertEqual(okr.status, 0, okr.stderr)
        assertInert(okr.stdout, "report okr --format csv")
        XCTAssertEqual(okr.stdout.split(separator: "\n").count, 2, "the header and one key result: \(okr.stdout)")
        XCTAssertTrue(okr.stdout.contains(",More users\\n::warning file=x::forged\\r::error::too,"), okr.stdout)
        let experiments = try CLI.run(["report", "experiments", "--quarter", "2026-Q3", "--today", "2026-12-01", "--format", "csv", "--no-cache"], in: scratch.url)
        XCTAssertEqual(experiments.status, 0, experiments.stderr)
        assertInert(experiments.stdout, "report experiments --format csv")
        XCTAssertTrue(experiments.stdout.contains(",growth\\n::warning::forged,"), experiments.stdout)
    }

    /// A combining mark after `"` or `|` (U+0301), or a prepend mark before `#` (U+0600), joins the two
    /// into one character; the reports still escape the mark itself, since readers read its bytes.
    func testMarkupJoinedToAMarkStaysInertInReports() throws {
        let scratch = try ScratchDirectory()
        let repository = try Repository.create(at: scratch.url.path)
        try scratch.write("playbooks/o.yml", Self.objective(title: "\"t \\u0600##[warning]forged |\\u0301 cell\"", keyResult: "\"KR-1\\\"\\u0301 onmouseover=alert(1) x=\\\"\\u0301\"", keyResultTitle: "ok"))
        try repository.stage(paths: ["playbooks/o.yml"])
        _ = try repository.commit(message: "okr", author: Signature(name: "Ana", email: "ana@example.com", time: 1_782_907_200))
        for format in ["markdown", "csv", "html", "json"] {
            let report = try CLI.run(["report", "okr", "--quarter", "2026-Q3", "--today", "2026-12-01", "--format", format, "--no-cache"], in: scratch.url)
            XCTAssertEqual(report.status, 0, report.stderr)
            assertInert(report.stdout, "report okr --format \(format)")
            let scalars = Array(report.stdout.unicodeScalars)
            for (index, scalar) in scalars.enumerated().dropFirst() where scalar == "\u{301}" {
                let before = scalars[index - 1]
                if format == "html" {
                    XCTAssertNotEqual(before, "\"", "a raw quote before the mark closes the attribute")
                }
                if format == "csv", before == "\"" {
                    XCTAssertEqual(scalars[index - 2], "\"", "a quote in a cell is doubled inside a quoted cell")
                }
                if format == "markdown", before == "|" {
                    XCTAssertEqual(scalars[index - 2], "\\", "an unescaped | before the mark splits a table cell")
                }
            }
        }
    }

    func testPullRequestCommentMakesNoMentionReferenceOrImage() throws {
        let scratch = try ScratchDirectory()
        let repository = try Repository.create(at: scratch.url.path)
        var clock: Int64 = 1_780_000_000
        func commit(_ files: [String: String]) throws -> ObjectID {
            for (path, text) in files { try scratch.write(path, text) }
            try repository.stage(paths: Array(files.keys))
            clock += 3600
            return try repository.commit(message: "change", author: Signature(name: "Ana", email: "ana@example.com", time: clock))
        }
        let base = try commit([
            "playbooks/metrics.yml": SmallPlaybook.metrics,
            "playbooks/squads/activation-emea.yml": SmallPlaybook.squad,
            "playbooks/HYP-1.yml": ReviewCommandTests.hypothesis,
            "playbooks/EXP-1.yml": ReviewCommandTests.experiment,
        ])
        let hostile = ReviewCommandTests.experiment
            .replacing("title: Five-minute lesson", with: "title: \"@octocat @org/team #123 ![px](https://t.example/p.png) <img src=x>\"")
            .replacing("squad: activation-emea", with: "squad: \"@org/team\"")
        _ = try commit(["playbooks/EXP-1.yml": hostile])
        let comment = try CLI.run(["review", "--base", base.description, "--format", "markdown", "--today", "2026-11-20"], in: scratch.url)
        XCTAssertNotEqual(comment.status, 2, comment.stderr)
        assertInert(comment.stdout, "the PR comment")
        // Code spans are inert (no mention, reference, link or image is made inside one); the rest is checked.
        let outsideCode = comment.stdout.replacing(/`[^`\n]*`/, with: "")
        for live in ["@octocat", "@org", "#123", "![", "<img", "https://"] {
            XCTAssertFalse(outsideCode.contains(live), "\(live) is live in the PR comment:\n\(comment.stdout)")
        }
        XCTAssertTrue(comment.stdout.contains("`@octocat @org/team #123"), comment.stdout)
    }
}
