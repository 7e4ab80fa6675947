import PlaybookGit
import PlaybookHistory
@testable import PlaybookReports
import XCTest

/// What `log` prints of changes that are easy to hide: a change of type only, a move.
final class LogDisplayTests: XCTestCase {
    private func objective(_ current: String) -> String {
        """
        kind: Objective
        id: OKR-2026Q3-GRO-1
        squad: growth
        quarter: 2026-Q3
        title: Grow
        aligns_to: weekly-active-learners
        key_results:
          - id: KR-1
            title: Signups
            metric: signup-rate
            baseline: 100
            target: 200
            current: \(current)

        """
    }

    private func log(_ scenario: Scenario, _ id: String) throws -> EntityLog {
        let history = try HistoryReader(roots: ["playbooks"]).read(scenario.repository)
        return try XCTUnwrap(EntityLog(id: id, timelines: Timelines(history), history: history))
    }

    /// `current: 54100` to `current: "54100"` (a number to a string) printed `54100 → 54100`.
    func testAChangeOfTypeOnlyShowsTheQuoting() throws {
        let scenario = try Scenario(for: self)
        try scenario.commit("2026-07-01", ["playbooks/metrics.yml": Scenario.metrics, "playbooks/o.yml": objective("54100")])
        try scenario.commit("2026-07-02", ["playbooks/o.yml": objective("\"54100\"")])
        try scenario.commit("2026-07-03", ["playbooks/o.yml": objective("'say \"hi\"'")])
        let log = try log(scenario, "OKR-2026Q3-GRO-1/KR-1")
        let markdown = LogRenderer.markdown(log)
        XCTAssertTrue(markdown.contains("- `current`: 54100 → \"54100\"\n"), markdown)
        XCTAssertTrue(markdown.contains("- `current`: 54100 → say"), "a string that reads as one is shown as it is: \(markdown)")
        // JSON keeps its fields as they were: strings, the type not spelled.
        XCTAssertTrue(LogRenderer.json(log).contains("\"old\": \"54100\""))
        XCTAssertEqual(LogRenderer.describe(FieldChange(path: "x", old: FieldValue(plain: "true"), new: .string("true"))),
                       "true → \"true\"")
    }

    /// A commit that only moves the file is listed (where it went) but changed nothing: not counted.
    func testAPureMoveIsListedButNotCountedAsAChange() throws {
        let scenario = try Scenario(for: self)
        try scenario.commit("2026-07-01", ["playbooks/metrics.yml": Scenario.metrics, "playbooks/o.yml": objective("110")])
        try scenario.commit("2026-07-02", ["playbooks/o.yml": nil, "playbooks/okrs/o.yml": objective("110")])
        try scenario.commit("2026-07-03", ["playbooks/okrs/o.yml": objective("120")])
        let log = try log(scenario, "OKR-2026Q3-GRO-1")
        XCTAssertEqual(log.events.count, 3)
        XCTAssertEqual(log.events[1].previousPath, "playbooks/o.yml")
        XCTAssertEqual(log.commitCount, 2)
        XCTAssertEqual(log.moveCount, 1)
        let markdown = LogRenderer.markdown(log)
        XCTAssertTrue(markdown.contains("2 commits changed it; 1 only moved its file.\n"), markdown)
        XCTAssertTrue(markdown.contains("**changed**, moved from `playbooks/o.yml` to `playbooks/okrs/o.yml` — "), markdown)
    }

    /// In a shallow clone the first commit read holds the entity already: `log` says so, not
    /// "created" (JSON keeps the type and adds `at_history_start`), and the caveat's command is code.
    func testAShallowClonesFirstCommitIsWhereTheHistoryStartsNotACreation() throws {
        let scenario = try Scenario(for: self)
        try scenario.commit("2026-07-01", ["playbooks/metrics.yml": Scenario.metrics, "playbooks/o.yml": objective("100")])
        let edge = try scenario.commit("2026-07-02", ["playbooks/o.yml": objective("110")])
        try scenario.commit("2026-07-03", ["playbooks/o.yml": objective("120")])
        try Data("\(edge)\n".utf8).write(to: URL(fileURLWithPath: scenario.repository.gitDirectory + "/shallow"))
        let log = try log(scenario, "OKR-2026Q3-GRO-1/KR-1")
        XCTAssertEqual(log.events.first?.commit, edge)
        XCTAssertTrue(log.startsAtShallowEdge)
        let markdown = LogRenderer.markdown(log)
        XCTAssertTrue(markdown.contains("**already there where the history starts** in `playbooks/o.yml`"), markdown)
        XCTAssertFalse(markdown.contains("**created**"), markdown)
        XCTAssertTrue(markdown.contains("`git fetch --unshallow`"), markdown)
        XCTAssertFalse(markdown.contains("\\`"), markdown)
        let json = LogRenderer.json(log)
        XCTAssertTrue(json.contains("\"type\": \"created\""), json)
        XCTAssertTrue(json.contains("\"at_history_start\": true"), json)
    }

    private static let learnings = "Progress faces lifted signups a little, but the tracking broke on Safari for a week, so the early numbers undercount."
    private static let more = " A second look with the fixed tracking agrees."

    /// An edited paragraph printed the whole old and new text on one line, with nothing marking what changed.
    func testAnEditedLongTextShowsTheOldAndNewOnLinesOfTheirOwn() throws {
        let scenario = try Scenario(for: self)
        let file = "playbooks/experiments/EXP-0002.yml"
        try scenario.commit("2026-09-01", [file: Scenario.experiment("EXP-0002", squad: "growth", status: "concluded",
                                                                     extra: "learnings: \(Self.learnings)\n")])
        try scenario.commit("2026-09-10", [file: Scenario.experiment("EXP-0002", squad: "growth", status: "concluded",
                                                                     extra: "learnings: \(Self.learnings + Self.more)\n")])
        let markdown = LogRenderer.markdown(try log(scenario, "EXP-0002"))
        XCTAssertTrue(markdown.contains("- `learnings`: extended at the end\n  - was: \(Self.learnings)\n  - now: \(Self.learnings + Self.more)\n"), markdown)
    }

    /// `playbook log` in a terminal showed Markdown's escapes (`\\[\\]`); the text format has none, Markdown keeps them.
    func testTheTextFormatCarriesNoMarkdownEscapes() throws {
        let scenario = try Scenario(for: self)
        let file = "playbooks/experiments/EXP-0002.yml"
        try scenario.commit("2026-09-01", [file: Scenario.experiment("EXP-0002", squad: "growth", status: "running", extra: "labels: [a_b]\n")])
        try scenario.commit("2026-09-10", [file: Scenario.experiment("EXP-0002", squad: "growth", status: "running", extra: "labels: []\n")])
        let log = try log(scenario, "EXP-0002")
        XCTAssertTrue(LogRenderer.markdown(log).contains("- `labels`: \\[\\]\n"), LogRenderer.markdown(log))
        let text = LogRenderer.text(log)
        XCTAssertTrue(text.contains("\n2026-09-10 · "), text)
        XCTAssertTrue(text.contains("changed in playbooks/experiments/EXP-0002.yml — playbook update 2026-09-10\n"), text)
        XCTAssertTrue(text.contains("- labels: []\n"), text)
        XCTAssertFalse(text.contains("\\") || text.contains("`") || text.contains("**") || text.contains("#"), text)
    }
}
