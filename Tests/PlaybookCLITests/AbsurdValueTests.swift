import Foundation
import PlaybookGit
import XCTest

/// Values a file or a repository can hold at the ends of their ranges (a duration of 2^63 days, a lift
/// of 1e16, a commit dated at Int64.min): each ends in a finding or a note, never a crash (SIGILL,
/// status 132) nor a page without bound.
final class AbsurdValueTests: XCTestCase {
    static let git = URL(fileURLWithPath: "/usr/bin/git")

    /// Fixtures only: the tool itself never runs git.
    @discardableResult
    func runGit(_ arguments: [String], in directory: URL) throws -> String {
        let result = try CLI.run(executable: Self.git, ["-c", "user.name=Ana", "-c", "user.email=ana@example.com"] + arguments, in: directory)
        XCTAssertEqual(result.status, 0, "git \(arguments.joined(separator: " ")): \(result.stderr)")
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static let hypothesis = """
    kind: Hypothesis
    id: HYP-0001
    squad: activation-emea
    title: Shorter signup
    statement: {change: a shorter signup form, audience: new visitors, outcome: more signups, rationale: less friction}
    metric: weekly-active-learners
    expected_lift: 0.05
    ice: {impact: 5, confidence: 5, ease: 5}
    status: testing

    """

    static func experiment(status: String, design: String, tail: String = "") -> String {
        """
        kind: Experiment
        id: EXP-0001
        squad: activation-emea
        title: Shorter signup form test
        hypothesis: HYP-0001
        status: \(status)
        metrics: {primary: weekly-active-learners}
        surface: web/signup
        variants: [{id: control, allocation: 50}, {id: b, allocation: 50}]
        design: \(design)
        start: 2026-07-01

        """ + tail
    }

    /// A repository with the small playbook and `files`, committed on 2026-07-21 on branch main,
    /// with the first commit also on branch `base`.
    func repository(_ files: [String: String]) throws -> ScratchDirectory {
        let scratch = try ScratchDirectory()
        try runGit(["init", "-q", "-b", "main", "."], in: scratch.url)
        try SmallPlaybook.write(into: scratch)
        let date = ["GIT_AUTHOR_DATE": "2026-07-01T10:00:00Z", "GIT_COMMITTER_DATE": "2026-07-01T10:00:00Z"]
        try runGit(["add", "-A"], in: scratch.url)
        _ = try CLI.run(executable: Self.git, ["-c", "user.name=Ana", "-c", "user.email=ana@example.com", "commit", "-q", "-m", "base"],
                        in: scratch.url, environment: date)
        try runGit(["branch", "base"], in: scratch.url)
        for (path, text) in files { try scratch.write(path, text) }
        try runGit(["add", "-A"], in: scratch.url)
        let later = ["GIT_AUTHOR_DATE": "2026-07-21T10:00:00Z", "GIT_COMMITTER_DATE": "2026-07-21T10:00:00Z"]
        let done = try CLI.run(executable: Self.git, ["-c", "user.name=Ana", "-c", "user.email=ana@example.com", "commit", "-q", "-m", "work"],
                               in: scratch.url, environment: later)
        XCTAssertEqual(done.status, 0, done.stderr)
        return scratch
    }

    /// Runs each command and asserts it ended on its own (0 or 1), not on a trap.
    func assertNoCrash(_ commands: [[String]], in scratch: ScratchDirectory, file: StaticString = #filePath, line: UInt = #line) throws {
        for command in commands {
            let result = try CLI.run(command, in: scratch.url)
            XCTAssertTrue([0, 1].contains(result.status), "\(command.joined(separator: " ")): status \(result.status)\n\(result.stderr.suffix(1500))",
                          file: file, line: line)
            XCTAssertFalse(result.stderr.contains("Fatal error"), "\(command.joined(separator: " ")): \(result.stderr.suffix(1500))", file: file, line: line)
        }
    }

    /// r09: `design.duration_days: 9223372036854775000` crashed lint, lint --staged, review, overlaps,
    /// report experiments and site with an arithmetic overflow in `Day.adding(days:)`.
    func testADurationNearIntMaxIsALintErrorAtTheValueAndCrashesNothing() throws {
        let design = "{mde: 0.02, power: 0.8, alpha: 0.05, sample_size: 100, duration_days: 9223372036854775000}"
        let scratch = try repository(["playbooks/e.yml": Self.experiment(status: "running", design: design) + "---\n" + Self.hypothesis])
        let lint = try CLI.run(["lint", "--today", "2026-08-01"], in: scratch.url)
        XCTAssertEqual(lint.status, 1, lint.stdout + lint.stderr)
        XCTAssertTrue(lint.stdout.contains("playbooks/e.yml:10:79: error: \"design.duration_days\" is a planned duration in days and must be at most 3650"),
                      lint.stdout)
        XCTAssertTrue(lint.stdout.contains("[schema-range]"), lint.stdout)
        let site = scratch.url.appendingPathComponent("out-site").path
        try assertNoCrash([["lint", "--staged", "--today", "2026-08-01"], ["review", "--base", "base", "--today", "2026-08-01"],
                           ["overlaps", "--today", "2026-08-01"], ["report", "experiments", "--quarter", "2026-Q3", "--today", "2026-08-01"],
                           ["site", "-o", site, "--today", "2026-08-01"]], in: scratch)
        let calendar = try String(contentsOfFile: site + "/calendar.html", encoding: .utf8)
        XCTAssertFalse(calendar.contains("9999"), "the dropped duration is not drawn")
    }

    /// r11: a commit whose committer time is Int64.min (git log shows it; fsck: badDateOverflow)
    /// crashed log, report okr and experiments, site and review: the gap to its parent overflowed,
    /// and so did its day's seconds. Now it is a note, and the commit sits at its parent's date (hist68; it sat on 0000-01-01).
    func testACommitDatedAtInt64MinIsANoteNotACrash() throws {
        let scratch = try repository(["playbooks/h.yml": Self.hypothesis])
        let parent = try runGit(["rev-parse", "HEAD"], in: scratch.url)
        try scratch.write("playbooks/h.yml", Self.hypothesis.replacingOccurrences(of: "status: testing", with: "status: validated"))
        try runGit(["add", "-A"], in: scratch.url)
        let tree = try runGit(["write-tree"], in: scratch.url)
        try scratch.write("commit.txt", "tree \(tree)\nparent \(parent)\nauthor A <a@x> -9223372036854775808 +0000\n"
                            + "committer C <c@x> -9223372036854775808 +0000\n\nweird date\n")
        let commit = try runGit(["hash-object", "-t", "commit", "-w", "--literally", "commit.txt"], in: scratch.url)
        try FileManager.default.removeItem(at: scratch.url.appendingPathComponent("commit.txt"))
        try runGit(["update-ref", "refs/heads/main", commit], in: scratch.url)
        try runGit(["reset", "-q", "--hard"], in: scratch.url)
        let site = scratch.url.appendingPathComponent("out-site").path
        try assertNoCrash([["log", "HYP-0001"], ["report", "experiments", "--quarter", "2026-Q3"], ["site", "-o", site],
                           ["review", "--base", "base"]], in: scratch)
        let report = try CLI.run(["report", "okr", "--quarter", "2026-Q3"], in: scratch.url)
        XCTAssertEqual(report.status, 0, report.stderr)
        XCTAssertTrue(report.stdout.contains("is dated -9223372036854775808 s from 1970, too far before its parent \(parent) to count (a damaged date): reports place it at its parent's date"),
                      report.stdout)
    }

    /// r13: the calendar drew a planned window of any length, its axis and month ticks with it (a
    /// window to 9999 gave megabytes of ticks; a duration of 1e8 days 119 MB). Windows are now cut to
    /// six months of plans around today and the days experiments were live (review53a: ten years
    /// either side squeezed every bar), and the table keeps the dates as written.
    func testTheCalendarStaysSmallWhateverTheWindows() throws {
        let design = "{mde: 0.02, power: 0.8, alpha: 0.05, sample_size: 100, duration_days: 21}"
        let far = Self.experiment(status: "ready", design: design, tail: "end: 9999-12-31\n")
            .replacingOccurrences(of: "start: 2026-07-01", with: "start: 1001-01-01")
        let scratch = try repository(["playbooks/e.yml": far + "---\n" + Self.hypothesis])
        let site = scratch.url.appendingPathComponent("out-site").path
        let result = try CLI.run(["site", "-o", site, "--today", "2026-08-01"], in: scratch.url)
        XCTAssertEqual(result.status, 0, result.stderr)
        let calendar = try Data(contentsOf: URL(fileURLWithPath: site + "/calendar.html"))
        XCTAssertLessThan(calendar.count, 100_000, "the page is bounded")
        let text = String(decoding: calendar, as: UTF8.self)
        XCTAssertTrue(text.contains("planned and live windows, 2026-01-30 to 2027-01-31"), "six months of plans either side of today")
        XCTAssertTrue(text.contains("EXP-0001 planned 1001-01-01 to 9999-12-31"), "the tooltip gives the written dates")
        XCTAssertTrue(text.contains("<span class=\"nw\">1001-01-01</span> to <span class=\"nw\">9999-12-31</span>"), "and so does the table")
    }
}
