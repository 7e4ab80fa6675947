import PlaybookGit
import PlaybookHistory
import PlaybookLint
import PlaybookModel
@testable import PlaybookReview
import XCTest

final class ReviewTests: XCTestCase {
    func testADuplicateTheBaseAlreadyHadIsListedAsExistingAndDoesNotFail() throws {
        let s = try ScratchChange(for: self)
        let base = try s.commit(["playbooks/a.yml": experiment(), "playbooks/b.yml": experiment()])
        // The change only adds a comment line: every line below it moves, no problem is new.
        let head = try s.commit(["playbooks/a.yml": experiment(comment: "# tidied\n")])
        let report = try s.review(base: base, head: head)
        XCTAssertEqual(report.errors, 0, "\(report.findings)")
        XCTAssertEqual(report.findings, [])
        let duplicates = report.existing.filter { $0.rule == LintRuleID.duplicateID }
        XCTAssertEqual(duplicates.map(\.file), ["playbooks/a.yml"])  // in the changed file only
        XCTAssertEqual(duplicates.first?.line, 3)
        XCTAssertTrue(ReviewRenderer.json(report).contains("\"existing_findings\": [\n    {\"file\": \"playbooks/a.yml\""))
    }

    /// Two colliding experiments the base already had, both files touched by the change: the
    /// collision is listed once, as the change's own overlaps are, in every format.
    func testAnOverlapTheBaseAlreadyHadIsListedOncePerPair() throws {
        let s = try ScratchChange(for: self)
        let base = try s.commit([
            "playbooks/squads.yml": CommentTests.squads,
            "playbooks/HYP-0001.yml": CommentTests.hypothesis("HYP-0001", squad: "growth"),
            "playbooks/growth/EXP-0001.yml": CommentTests.running("EXP-0001", squad: "growth", title: "Shorter signup form"),
            "playbooks/checkout/EXP-0002.yml": CommentTests.running("EXP-0002", squad: "checkout", title: "Winter sale countdown"),
        ])
        let head = try s.commit([
            "playbooks/growth/EXP-0001.yml": "# tidied\n" + CommentTests.running("EXP-0001", squad: "growth", title: "Shorter signup form"),
            "playbooks/checkout/EXP-0002.yml": "# tidied\n" + CommentTests.running("EXP-0002", squad: "checkout", title: "Winter sale countdown"),
        ])
        let report = try s.review(base: base, head: head)
        XCTAssertEqual(report.findings.filter { Reviewer.pairRules.contains($0.rule) }, [])
        let collisions = report.existing.filter { $0.rule == "overlap-collision" }
        XCTAssertEqual(collisions.map(\.file), ["playbooks/checkout/EXP-0002.yml"], "\(report.existing)")  // the first in file order
        func occurrences(_ text: String) -> Int { text.components(separatedBy: "overlap-collision").count - 1 }
        XCTAssertEqual(occurrences(ReviewRenderer.json(report)), 1, ReviewRenderer.json(report))
        XCTAssertEqual(occurrences(ReviewRenderer.markdown(report)), 1, ReviewRenderer.markdown(report))
        XCTAssertEqual(occurrences(ReviewRenderer.text(report, color: false)), 1, ReviewRenderer.text(report, color: false))
    }

    /// A committed symbolic link is reported as `lint` reports one, never read as YAML (its blob is the target path).
    func testACommittedSymbolicLinkIsTheFindingLintGivesNotAParseOfItsTarget() throws {
        let s = try ScratchChange(for: self)
        let base = try s.commit(["playbooks/a.yml": experiment()])
        try FileManager.default.createSymbolicLink(atPath: s.root + "/playbooks/link.yml", withDestinationPath: "../../outside-secret.yml")
        try s.repository.stage(paths: ["playbooks/link.yml"])
        let head = try s.commit([:])
        let report = try s.review(base: base, head: head)
        let onLink = report.findings.filter { $0.file == "playbooks/link.yml" }
        XCTAssertEqual(onLink.map(\.rule), [LintRuleID.fileUnreadable], "\(onLink)")
        XCTAssertEqual(onLink.first?.message, "cannot read the file: it is a symbolic link, which playbook does not follow "
                       + "(it could point outside the repository); commit the file itself")
        XCTAssertFalse(report.findings.contains { $0.message.contains("outside-secret") }, "\(report.findings)")
    }

    func testADuplicateTheChangeMakesIsItsError() throws {
        let s = try ScratchChange(for: self)
        let base = try s.commit(["playbooks/a.yml": experiment()])
        let head = try s.commit(["playbooks/b.yml": experiment()])
        let report = try s.review(base: base, head: head)
        XCTAssertEqual(Set(report.findings.filter { $0.rule == LintRuleID.duplicateID }.map(\.file)),
                       ["playbooks/a.yml", "playbooks/b.yml"])
        XCTAssertGreaterThan(report.errors, 0)
        XCTAssertTrue(report.existing.filter { $0.rule == LintRuleID.duplicateID }.isEmpty)
    }

    func testFindingsMatchByIdentityNotByMessageOrLine() {
        let a = Finding(file: "x.yml", line: 3, column: 5, rule: "id-duplicate", severity: .error,
                        message: "also used at y.yml:3", entity: "EXP-1", related: ["EXP-1"])
        var b = a
        b.line = 9
        b.message = "also used at y.yml:9"
        XCTAssertEqual(FindingIdentity(a), FindingIdentity(b))
        b.field = "status"
        XCTAssertNotEqual(FindingIdentity(a), FindingIdentity(b))
    }

    func testAStatusMovedBackInTheChangeIsAHistoryFinding() throws {
        let s = try ScratchChange(for: self)
        let base = try s.commit(["playbooks/a.yml": experiment(status: "running")])
        let head = try s.commit(["playbooks/a.yml": experiment(status: "ready")])
        let report = try s.review(base: base, head: head)
        let regression = try XCTUnwrap(report.findings.first { $0.rule == LintRuleID.historyStatusRegression })
        XCTAssertEqual(regression.field, "status")
        XCTAssertEqual(report.deltas.map(\.id), ["EXP-0001"])
    }

    /// Commit 1 drops `status: concluded`, commit 2 writes `status: running`: judged against the
    /// last status before it, not the neighbouring commit (which had none).
    func testAStatusMovedBackOverTwoCommitsIsAHistoryFinding() throws {
        let s = try ScratchChange(for: self)
        let base = try s.commit(["playbooks/a.yml": experiment(status: "concluded")])
        _ = try s.commit(["playbooks/a.yml": experiment(status: "concluded").replacing("status: concluded\n", with: "")])
        let head = try s.commit(["playbooks/a.yml": experiment(status: "running")])
        let report = try s.review(base: base, head: head)
        let regressions = report.findings.filter { $0.rule == LintRuleID.historyStatusRegression }
        XCTAssertEqual(regressions.map(\.message), ["EXP-0001 moves back from concluded to running in \(head.description.prefix(8)); "
                                                    + "statuses only move forward (start a new experiment instead)"])
        XCTAssertEqual(report.deltas.first?.fields, [FieldChange(path: "status", old: "concluded", new: "running")])
    }

    /// A move done as two commits (delete, then add elsewhere, as GitHub's web editor does): the
    /// id is at the base and at the head, so the entity changed; it is no reuse, and is judged as a change.
    func testAMoveDoneAsDeleteThenAddIsAChangeNotAReuse() throws {
        let s = try ScratchChange(for: self)
        let base = try s.commit(["playbooks/a.yml": experiment()])
        _ = try s.commit(["playbooks/a.yml": nil])
        let head = try s.commit(["playbooks/2026/a.yml": experiment().replacing("title: Shorter signup form", with: "title: Shorter signup form (v2)")])
        let report = try s.review(base: base, head: head)
        XCTAssertEqual(report.findings.filter { $0.rule.hasPrefix("history-") }, [], "\(report.findings)")
        XCTAssertEqual(report.deltas.map(\.change), [.changed])
        XCTAssertEqual(report.deltas.first?.fields, [FieldChange(path: "title", old: "Shorter signup form", new: "Shorter signup form (v2)")])

        // The same move taking a concluded experiment back to running is a move back.
        let t = try ScratchChange(for: self)
        let concluded = try t.commit(["playbooks/a.yml": experiment(status: "concluded")])
        _ = try t.commit(["playbooks/a.yml": nil])
        let reopened = try t.commit(["playbooks/2026/a.yml": experiment(status: "running")])
        let regression = try t.review(base: concluded, head: reopened).findings.filter { $0.rule.hasPrefix("history-") }
        XCTAssertEqual(regression.map(\.rule), [LintRuleID.historyStatusRegression], "\(regression)")
    }

    /// The base fixes a problem in a file the change also edits, and git merges both cleanly: the
    /// change is linted as merged (GitHub's test merge), not as the branch's stale copy.
    func testAChangeIsLintedOnItsCleanMergeWithTheBase() throws {
        let s = try ScratchChange(for: self)
        let root = try s.commit(["playbooks/a.yml": experiment() + "colour: blue\n"])
        let mine = try s.commit(["playbooks/a.yml": experiment().replacing("title: Shorter signup form", with: "title: Three-field signup form") + "colour: blue\n"])
        let theirs = try s.commit(["playbooks/a.yml": experiment()], parents: [root], updateHead: false)
        XCTAssertTrue(try s.review(base: root, head: mine).existing.contains { $0.message.contains("colour") }, "the unknown key, as the branch has it")
        let report = try s.review(base: theirs, head: mine)
        XCTAssertFalse((report.findings + report.existing).contains { $0.message.contains("colour") }, "\(report.findings)")
        XCTAssertEqual(report.changedFiles, ["playbooks/a.yml"])
    }

    /// The branch changes a draft's primary metric; the base has launched it meanwhile. On the
    /// branch's own line the experiment never ran; merged, the change edits a running experiment.
    func testAChangeToWhatTheBaseHasSinceLaunchedIsJudgedOnTheMerge() throws {
        let s = try ScratchChange(for: self)
        let draft = experiment() + "start: 2026-07-04\nend: 2026-07-30\n"
        let root = try s.commit(["playbooks/a.yml": draft])
        let mine = try s.commit(["playbooks/a.yml": draft.replacing("primary: signup-rate", with: "primary: weekly-active-learners")])
        let theirs = try s.commit(["playbooks/a.yml": draft.replacing("status: draft", with: "status: running")], parents: [root], updateHead: false)
        let locked = try s.review(base: theirs, head: mine).findings.filter { $0.rule == LintRuleID.historyLockedField }
        XCTAssertEqual(locked.map(\.message), ["EXP-0001 changes its primary metric from signup-rate to weekly-active-learners once merged "
                                               + "into the base after it has run; that is deciding what to test after seeing the data"])
    }

    /// The branch pauses EXP-0001, then merges the base (which concluded it) keeping its own
    /// "paused": that merge only brings the base's commits, yet merging the change moves
    /// EXP-0001 back from concluded to paused.
    func testAMergeOfTheBaseThatUndoesItsChangeIsJudgedOnTheMerge() throws {
        let s = try ScratchChange(for: self)
        let root = try s.commit(["playbooks/a.yml": experiment(status: "running")])
        let mine = try s.commit(["playbooks/a.yml": experiment(status: "paused")])
        let theirs = try s.commit(["playbooks/a.yml": experiment(status: "concluded")], parents: [root], updateHead: false)
        let merge = try s.commit(["playbooks/a.yml": experiment(status: "paused")], parents: [mine, theirs])
        let report = try s.review(base: theirs, head: merge)
        let regressions = report.findings.filter { $0.rule == LintRuleID.historyStatusRegression }
        XCTAssertEqual(regressions.map(\.message), ["EXP-0001 moves back from concluded to paused once merged into the base; "
                                                    + "statuses only move forward (start a new experiment instead)"])
        // The entities listed are what the merge changes on the base, not the branch's own line.
        XCTAssertEqual(report.deltas.map(\.fields), [[FieldChange(path: "status", old: "concluded", new: "paused")]])
    }

    func testMergingTheBaseIntoTheChangeBringsNoneOfTheBasesCommits() throws {
        let s = try ScratchChange(for: self)
        let root = try s.commit(["playbooks/a.yml": experiment()])
        let mine = try s.commit(["playbooks/b.yml": experiment("EXP-0002")])
        // The index is shared: the base's line has no b.yml, the merge has both.
        let theirs = try s.commit(["playbooks/b.yml": nil, "playbooks/c.yml": experiment("EXP-0003")],
                                  parents: [root], updateHead: false)
        let merge = try s.commit(["playbooks/b.yml": experiment("EXP-0002")], parents: [mine, theirs])
        let input = try ChangeReader(roots: ["playbooks"], include: { $0.hasSuffix(".yml") })
            .read(s.repository, base: theirs, head: merge)
        XCTAssertEqual(input.commits, [mine])
        XCTAssertEqual(input.changedFiles, ["playbooks/b.yml"])
        let report = Reviewer.review(input, linter: Linter(today: Day(year: 2026, month: 8, day: 1)))
        XCTAssertEqual(report.deltas.map(\.id), ["EXP-0002"])
    }
    func testAnotherBranchMergedIntoTheChangeIsReviewedWithIt() throws {
        // A colleague's branch (not the base) moves EXP-0001 back from running to ready; the change
        // merges it. Its commits are the change's, so is the merge that brings them onto the change's line.
        let s = try ScratchChange(for: self)
        let root = try s.commit(["playbooks/a.yml": experiment(status: "running")])
        let mine = try s.commit(["playbooks/b.yml": experiment("EXP-0002")])
        let colleague = try s.commit(["playbooks/a.yml": experiment(status: "ready"), "playbooks/b.yml": nil],
                                     parents: [root], updateHead: false)
        let merge = try s.commit(["playbooks/a.yml": experiment(status: "ready"), "playbooks/b.yml": experiment("EXP-0002")],
                                 parents: [mine, colleague])
        let input = try ChangeReader(roots: ["playbooks"], include: { $0.hasSuffix(".yml") })
            .read(s.repository, base: root, head: merge)
        XCTAssertEqual(input.changedFiles, ["playbooks/a.yml", "playbooks/b.yml"])
        let report = Reviewer.review(input, linter: Linter(today: Day(year: 2026, month: 8, day: 1)))
        XCTAssertEqual(report.deltas.map(\.id), ["EXP-0001", "EXP-0002"])
        XCTAssertEqual(report.deltas.first?.fields, [FieldChange(path: "status", old: "running", new: "ready")])
        let regression = try XCTUnwrap(report.findings.first { $0.rule == LintRuleID.historyStatusRegression })
        XCTAssertEqual(regression.entity, "EXP-0001")
    }

    /// A growth objective of `quarter` (its id from that quarter unless `id` is given) with one key result at `current`.
    static func objective(_ quarter: String, id: String? = nil, current: Int) -> String {
        """
        kind: Objective
        id: \(id ?? "OKR-\(quarter.replacing("-", with: ""))-GRO-1")
        squad: growth
        quarter: \(quarter)
        title: Grow signups
        aligns_to: signup-rate
        key_results:
          - id: KR-1
            title: Signups per week
            metric: signup-rate
            baseline: 10
            target: 20
            current: \(current)

        """
    }

    func testACheckInToAClosedQuartersKeyResultIsAWarning() throws {
        let s = try ScratchChange(for: self)
        let base = try s.commit(["playbooks/q2.yml": Self.objective("2026-Q2", current: 14), "playbooks/q3.yml": Self.objective("2026-Q3", current: 11)])
        // Today is 2026-08-01 (Q3): Q2 has closed, Q3 runs.
        let head = try s.commit(["playbooks/q2.yml": Self.objective("2026-Q2", current: 19), "playbooks/q3.yml": Self.objective("2026-Q3", current: 12)])
        let report = try s.review(base: base, head: head)
        let closed = report.findings.filter { $0.rule == LintRuleID.historyClosedQuarter }
        XCTAssertEqual(closed.map(\.entity), ["OKR-2026Q2-GRO-1"], "\(report.findings)")
        XCTAssertEqual(closed.first?.severity, .warning)
        XCTAssertEqual(closed.first?.file, "playbooks/q2.yml")
        XCTAssertEqual(closed.first?.line, 13, "at the key result's current")
        XCTAssertTrue(closed.first?.message.contains("KR-1 gets a check-in (current 14 → 19)") == true, closed.first?.message ?? "")
        // The dates the rule judges by, not only the quarters.
        XCTAssertTrue(closed.first?.message.contains("but 2026-Q2 closed on 2026-06-30 and today is 2026-08-01;") == true, closed.first?.message ?? "")
    }

    /// Moving the objective to this quarter in the commit that edits its key result does not make
    /// the closed quarter's number editable; the move out of the closed quarter is a warning too.
    func testMovingAnObjectiveOutOfAClosedQuarterDoesNotHideACheckIn() throws {
        let s = try ScratchChange(for: self)
        let base = try s.commit(["playbooks/q2.yml": Self.objective("2026-Q2", id: "OKR-2026Q2-GRO-1", current: 14)])
        // Today is 2026-08-01 (Q3): Q2 has closed.
        let head = try s.commit(["playbooks/q2.yml": Self.objective("2026-Q3", id: "OKR-2026Q2-GRO-1", current: 19)])
        let report = try s.review(base: base, head: head)
        let closed = report.findings.filter { $0.rule == LintRuleID.historyClosedQuarter }
        XCTAssertEqual(closed.map(\.field), ["quarter", "key_results[KR-1].current"], "\(report.findings)")
        XCTAssertTrue(closed.first?.message.contains("OKR-2026Q2-GRO-1 moves out of 2026-Q2 to 2026-Q3") == true, closed.first?.message ?? "")
        XCTAssertEqual(closed.first?.line, 4, "at the objective's quarter")
        XCTAssertTrue(closed.last?.message.contains("KR-1 gets a check-in (current 14 → 19)") == true, closed.last?.message ?? "")
        XCTAssertTrue(closed.last?.message.contains("but 2026-Q2 closed on 2026-06-30 and today is 2026-08-01;") == true, closed.last?.message ?? "")
        XCTAssertTrue(closed.first?.message.contains("but 2026-Q2 closed on 2026-06-30 and today is 2026-08-01;") == true, closed.first?.message ?? "")
    }

    /// A problem the base already had, made worse by the change (the squad already over its cap,
    /// another paid experiment in the quarter), is the change's, saying by how much (review41's 33.sh).
    func testAChangeAddingToASquadAlreadyOverItsBudgetCapIsItsError() throws {
        let s = try ScratchChange(for: self)
        let squad = "kind: Squad\nid: growth\nname: Growth\nfunnel_stage: activation\nmembers: [{name: Ann, role: lead}]\n"
            + "champion: Ann\nbudget: {quarterly: 10000, currency: EUR}\n"
        func paid(_ id: String, _ budget: Int) -> String { experiment(id, status: "ready") + "start: 2026-08-03\nbudget: \(budget)\n" }
        let base = try s.commit(["playbooks/squad.yml": squad, "playbooks/a.yml": paid("EXP-0001", 6000), "playbooks/b.yml": paid("EXP-0002", 6000)])
        let head = try s.commit(["playbooks/c.yml": paid("EXP-0003", 9000)])
        let report = try s.review(base: base, head: head)
        let budget = report.findings.filter { $0.rule == "squad-budget" }
        XCTAssertEqual(budget.map(\.message), [
            "EXP-0002 brings squad growth's experiment budgets in 2026-Q3 to 12000, over its quarterly cap of 10000; "
                + "the quarter's total is 21000 (made worse by this change: now 21000, was 12000)",
        ], "\(report.findings)")
        XCTAssertEqual(budget.first?.severity, .error)
        XCTAssertFalse(report.existing.contains { $0.rule == "squad-budget" }, "\(report.existing)")
        // Scripts read how much worse without parsing the message; other findings carry no such key.
        let json = ReviewRenderer.json(report)
        XCTAssertTrue(json.contains(#""made_worse": {"now": 21000, "was": 12000}}"#), json)
        XCTAssertEqual(json.components(separatedBy: "\"made_worse\"").count, 2, json)

        // A change that leaves the quarter's total alone makes nothing worse.
        let untouched = try s.commit(["playbooks/c.yml": paid("EXP-0003", 9000).replacing("Shorter signup form", with: "Shorter signup form, again")])
        XCTAssertFalse(try s.review(base: head, head: untouched).findings.contains { $0.rule == "squad-budget" })
    }

    /// Every squad-budget finding measures the quarter's total (review42): cutting a budget that was
    /// alone over the cap makes nothing worse, adding beside it does, and moving files (the budgets
    /// summed in another order) changes nothing.
    func testASquadBudgetFindingMeasuresTheQuartersTotalWhateverItsShape() throws {
        let s = try ScratchChange(for: self)
        let squad = "kind: Squad\nid: growth\nname: Growth\nfunnel_stage: activation\nmembers: [{name: Ann, role: lead}]\n"
            + "champion: Ann\nbudget: {quarterly: 10000, currency: EUR}\n"
        func paid(_ id: String, _ budget: String) -> String { experiment(id, status: "ready") + "start: 2026-08-03\nbudget: \(budget)\n" }
        func worse(_ base: ObjectID, _ head: ObjectID) throws -> Bool {
            try s.review(base: base, head: head).findings.contains { $0.rule == "squad-budget" }
        }
        // 4000 + 10500 (alone over the cap, 14500) → 4000 + 9000 (crossing at 13000): a cut.
        let base = try s.commit(["playbooks/squad.yml": squad, "playbooks/a.yml": paid("EXP-0001", "4000"), "playbooks/b.yml": paid("EXP-0002", "10500")])
        let cut = try s.commit(["playbooks/b.yml": paid("EXP-0002", "9000")])
        XCTAssertFalse(try worse(base, cut))
        // Raised past the cap alone again: 13000 → 14500.
        let raised = try s.commit(["playbooks/b.yml": paid("EXP-0002", "10500")])
        XCTAssertTrue(try worse(cut, raised))
        // Beside a budget alone over the cap, a new experiment that crosses nothing: 14500 → 19500.
        let added = try s.commit(["playbooks/c.yml": paid("EXP-0003", "5000")])
        XCTAssertTrue(try worse(raised, added))
        // Cents whose sum depends on its order: files moved into a folder are summed in another order.
        let cents = try s.commit(["playbooks/a.yml": paid("EXP-0001", "3098.71"), "playbooks/b.yml": paid("EXP-0002", "1498.21"),
                                  "playbooks/c.yml": paid("EXP-0003", "3723.82"), "playbooks/d.yml": paid("EXP-0004", "1804.41")])
        let moved = try s.commit(["playbooks/a.yml": nil, "playbooks/b.yml": nil,
                                  "playbooks/z/a.yml": paid("EXP-0001", "3098.71"), "playbooks/z/b.yml": paid("EXP-0002", "1498.21")])
        let report = try s.review(base: cents, head: moved)
        XCTAssertFalse(report.findings.contains { $0.rule == "squad-budget" }, "\(report.findings)")
    }

    /// A pattern is named as relaxed only where a file to come would get the rule lowered: an
    /// unchanged `playbooks/archive` (a folder) is not named for `playbooks/*` (its direct files), which
    /// never reaches the folder's files (review42).
    func testARelaxationIsNamedOnlyForThePatternsThatLowerTheRule() throws {
        let base = try Configuration.parse(Array("overrides:\n  - paths: [\"playbooks/archive\"]\n    rules: {okr-key-results: off, experiment-power: error}\n".utf8), file: ".playbook.yml")
        let head = try Configuration.parse(Array(("overrides:\n  - paths: [\"playbooks/archive\"]\n    rules: {okr-key-results: off, experiment-power: error}\n"
            + "  - paths: [\"playbooks/*\"]\n    rules: {experiment-power: warning}\n  - paths: [\"playbooks/old/**\"]\n    rules: {experiment-power: off}\n").utf8), file: ".playbook.yml")
        let relaxed = RuleRelaxation.between(base: base, head: head, files: [])
        XCTAssertEqual(relaxed.filter { $0.rule == "experiment-power" }.map { $0.paths ?? [] }, [["playbooks/*"], ["playbooks/old/**"]],
                       "\(relaxed)")
        XCTAssertFalse(relaxed.contains { $0.paths?.contains("playbooks/archive") == true }, "\(relaxed)")
    }

    /// An objective already over the key-result limit that the change gives more key results is
    /// the change's error (review41's 36.sh).
    func testAChangeAddingKeyResultsToAnObjectiveAlreadyOverTheLimitIsItsError() throws {
        let s = try ScratchChange(for: self)
        func objective(_ count: Int) -> String {
            "kind: Objective\nid: OKR-1\nsquad: growth\nquarter: 2026-Q3\ntitle: Grow signups\naligns_to: signup-rate\nkey_results:\n"
                + (1...count).map { "  - {id: KR-\($0), title: k\($0), metric: signup-rate, baseline: 100, target: 200}\n" }.joined()
        }
        let base = try s.commit(["playbooks/okr.yml": objective(5)])
        let head = try s.commit(["playbooks/okr.yml": objective(7)])
        let report = try s.review(base: base, head: head)
        XCTAssertEqual(report.findings.filter { $0.rule == "okr-key-results" }.map(\.message), [
            "objective OKR-1 has 7 key results; keep at most 4 so the squad stays focused (made worse by this change: now 7, was 5)",
        ], "\(report.findings)")
        // One fewer is no worse: listed as the base's, not failing.
        let fewer = try s.commit(["playbooks/okr.yml": objective(6)])
        let better = try s.review(base: head, head: fewer)
        XCTAssertFalse(better.findings.contains { $0.rule == "okr-key-results" }, "\(better.findings)")
        XCTAssertEqual(better.existing.filter { $0.rule == "okr-key-results" }.count, 1)
    }


    /// Approvals are entries, not places: a list reversed is no change, and an edit among moved
    /// entries is still that one edit.
    func testApprovalsMovedAroundAreNoChangeAndAnEditAmongThemIsOne() {
        func approvals(_ names: [String]) -> EntityState {
            EntityState(fields: names.enumerated().map { Field("approvals[\($0.offset)].by", .string($0.element)) })
        }
        XCTAssertEqual(ListItems.changes("approvals", from: approvals(["Ann", "Bob", "Cat"]), to: approvals(["Cat", "Bob", "Ann"])), [])
        XCTAssertEqual(ListItems.changes("approvals", from: approvals(["Ann", "Bob", "Cat"]), to: approvals(["Cat", "Ann", "Bea"])),
                       [FieldChange(path: "approvals[2].by", old: .string("Bob"), new: .string("Bea"))])
        let copied = ListItems.align(ListItems.items("approvals", in: approvals(["Ann", "Bob"])),
                                     ListItems.items("approvals", in: approvals(["Ann", "Bob", "Bob"])))
        XCTAssertEqual(copied.added, [2], "the copy is an added entry (the diff shows it), not a move")
    }

}
