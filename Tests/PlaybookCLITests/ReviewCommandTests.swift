import Foundation
import PlaybookGit
import XCTest

/// `playbook review` on scratch repositories whose changes break the history rules.
final class ReviewCommandTests: XCTestCase {
    var clock: Int64 = 1_780_000_000

    static let hypothesis = """
    kind: Hypothesis
    id: HYP-1
    squad: activation-emea
    title: Shorter lessons keep learners
    statement: {change: shorter lessons, audience: new learners, outcome: more return, rationale: drop-off data}
    metric: weekly-active-learners
    expected_lift: 0.02
    ice: {impact: 5, confidence: 5, ease: 5}
    status: testing
    """

    static let experiment = """
    kind: Experiment
    id: EXP-1
    squad: activation-emea
    title: Five-minute lesson
    hypothesis: HYP-1
    status: running
    metrics: {primary: weekly-active-learners}
    surface: ios/lesson
    design: {mde: 0.02, power: 0.8, alpha: 0.05, duration_days: 14}
    start: 2026-11-02
    end: 2026-12-15
    """

    static let concluded = experiment
        .replacing("status: running", with: "status: concluded")
        .replacing("end: 2026-12-15", with: "end: 2026-11-16") + "\nresult: {outcome: win, lift: 0.03, decision: ship, learnings: Short lessons bring learners back.}\n"

    func commit(_ repository: Repository, _ scratch: ScratchDirectory, _ files: [String: String], _ message: String) throws -> ObjectID {
        for (path, text) in files { try scratch.write(path, text) }
        try repository.stage(paths: Array(files.keys))
        clock += 3600
        return try repository.commit(message: message, author: Signature(name: "Ana Ruiz", email: "ana@example.com", time: clock))
    }

    /// A repository whose first commit holds a clean playbook with `experiment`; returns the base commit.
    func start(experiment: String = ReviewCommandTests.experiment) throws -> (ScratchDirectory, Repository, String) {
        let scratch = try ScratchDirectory()
        let repository = try Repository.create(at: scratch.url.path)
        let base = try commit(repository, scratch, [
            "playbooks/metrics.yml": SmallPlaybook.metrics,
            "playbooks/squads/activation-emea.yml": SmallPlaybook.squad,
            "playbooks/HYP-1.yml": Self.hypothesis,
            "playbooks/EXP-1.yml": experiment,
        ], "start the playbook")
        return (scratch, repository, base.description)
    }

    /// A run that cannot start prints no document (the README's promise): `> review.sarif || true` then
    /// hands upload-sarif an empty file, which it refuses, not a run with no findings that passes for clean.
    func testARunThatCannotStartWritesNothingToStandardOutputInAnyFormat() throws {
        let (scratch, _, _) = try start()
        for format in ["markdown", "json", "github", "sarif", "text"] {
            let result = try CLI.run(["review", "--base", "no-such-branch", "--format", format], in: scratch.url)
            XCTAssertEqual(result.status, 2, "\(format): \(result.stderr)")
            XCTAssertEqual(result.stdout, "", format)
            XCTAssertFalse(result.stderr.isEmpty, format)
        }
        try scratch.write(".playbook.yml", "rules: [\n")
        for format in ["text", "json", "sarif", "github", "junit"] {
            let result = try CLI.run(["lint", "--format", format], in: scratch.url)
            XCTAssertEqual(result.status, 2, "\(format): \(result.stderr)")
            XCTAssertEqual(result.stdout, "", format)
            // A `[` never closed is said where it opens.
            XCTAssertTrue(result.stderr.hasPrefix("playbook: .playbook.yml:1:8:"), "\(format): \(result.stderr)")
        }
    }

    /// Without the model the PR comment says under its summary that duplicates were compared by words,
    /// and why; with the model chosen or words chosen on purpose (`--engine lexical`) it says nothing.
    func testMarkdownSaysWhenDuplicatesWereComparedByWords() throws {
        let (scratch, repository, base) = try start()
        _ = try commit(repository, scratch, ["playbooks/HYP-2.yml": Self.hypothesis.replacing("id: HYP-1", with: "id: HYP-2")
            .replacing("title: Shorter lessons keep learners", with: "title: Five-minute lessons")], "another hypothesis")
        let missing = ["PLAYBOOK_MODEL": scratch.url.appendingPathComponent("no-model").path]
        let arguments = ["review", "--base", base, "--format", "markdown", "--today", "2026-11-20"]
        let byWords = try CLI.run(arguments, in: scratch.url, environment: missing)
        XCTAssertNotEqual(byWords.status, 2, byWords.stderr)
        XCTAssertTrue(byWords.stdout.contains("\n\nℹ️ Duplicates were compared by words, not by meaning: no sentence-embedding model at "), byWords.stdout)
        let chosen = try CLI.run(arguments + ["--engine", "lexical"], in: scratch.url)
        XCTAssertEqual(chosen.status, byWords.status, chosen.stderr)
        XCTAssertFalse(chosen.stdout.contains("compared by words"), chosen.stdout)
    }

    /// A value whose type alone changes (a check-in's number quoted into a string) is shown as YAML writes it, as
    /// `log` shows it: `46800 → "46800"`, not `46800 → 46800`, which reads as no change (review, 2026-12-05), in the
    /// field changes of text and Markdown and in the closed quarter's message.
    func testAChangeOfTypeOnlyShowsTheStringQuoted() throws {
        let objective = """
            kind: Objective
            id: OKR-2026Q3-1
            squad: activation-emea
            quarter: 2026-Q3
            title: Keep learners coming back
            aligns_to: weekly-active-learners
            key_results:
              - id: KR-1
                title: Weekly active learners up
                metric: weekly-active-learners
                baseline: 40000
                target: 50000
                current: 46800
                confidence: 0.6

            """
        let (scratch, repository, _) = try start()
        let base = try commit(repository, scratch, ["playbooks/okr.yml": objective], "the Q3 objective").description
        _ = try commit(repository, scratch, ["playbooks/okr.yml": objective.replacing("current: 46800", with: "current: \"46800\"")], "quote it")
        let text = try review(scratch, base: base)
        XCTAssertTrue(text.stdout.contains("key_results[KR-1].current: 46800 → \"46800\"\n"), text.stdout)
        XCTAssertTrue(text.stdout.contains("(current 46800 → \"46800\")"), text.stdout)
        let markdown = try review(scratch, base: base, format: "markdown")
        XCTAssertTrue(markdown.stdout.contains("| `46800` | `\"46800\"` |"), markdown.stdout)
    }

    /// Runs git in the scratch repository (branches, merges and links the tests' own commits cannot make).
    @discardableResult
    func git(in scratch: ScratchDirectory, _ arguments: [String]) throws -> String {
        try git(at: scratch.url, arguments)
    }

    @discardableResult
    func git(at folder: URL, _ arguments: [String]) throws -> String {
        let result = try CLI.run(executable: URL(fileURLWithPath: "/usr/bin/git"),
                                 ["-c", "user.name=Ana", "-c", "user.email=ana@example.com"] + arguments, in: folder)
        XCTAssertEqual(result.status, 0, "git \(arguments): \(result.stderr)")
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func review(_ scratch: ScratchDirectory, base: String, format: String = "text") throws -> CLIResult {
        try CLI.run(["review", "--base", base, "--format", format, "--today", "2026-11-20"], in: scratch.url)
    }

    func testSwitchingARunningExperimentsMetricIsRefused() throws {
        let (scratch, repository, base) = try start()
        try scratch.write("playbooks/metrics.yml", SmallPlaybook.metrics + "\n---\nkind: Metric\nid: lessons\nname: Lessons\nunit: count\ndirection: increase\nowner: activation-emea\n")
        _ = try commit(repository, scratch, ["playbooks/EXP-1.yml": Self.experiment.replacing("primary: weekly-active-learners", with: "primary: lessons"),
                                             "playbooks/metrics.yml": SmallPlaybook.metrics + "\n---\nkind: Metric\nid: lessons\nname: Lessons\nunit: count\ndirection: increase\nowner: activation-emea\n"],
                       "measure lessons instead")
        let result = try review(scratch, base: base)
        XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
        XCTAssertTrue(result.stdout.contains("playbooks/EXP-1.yml:7:20: error: EXP-1 changes its primary metric from weekly-active-learners to lessons"), result.stdout)
        XCTAssertTrue(result.stdout.contains("[history-locked-field]"))
    }

    func testADuplicateTheBaseAlreadyHadDoesNotFailAChangeThatOnlyAddsAComment() throws {
        let (scratch, repository, _) = try start()
        // The base already defines EXP-1 twice.
        let base = try commit(repository, scratch, ["playbooks/EXP-1-copy.yml": Self.experiment], "copy").description
        _ = try commit(repository, scratch, ["playbooks/EXP-1.yml": "# reviewed\n" + Self.experiment], "comment")
        let result = try review(scratch, base: base, format: "json")
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        XCTAssertTrue(result.stdout.contains("\"existing_findings\": [\n    {\"file\": \"playbooks/EXP-1.yml\", \"line\": 3"), result.stdout)
        XCTAssertTrue(result.stdout.contains("\"rule\": \"id-duplicate\""), result.stdout)
    }

    func testStatusMovingBackwardsIsRefused() throws {
        let (scratch, repository, base) = try start(experiment: Self.concluded)
        _ = try commit(repository, scratch, ["playbooks/EXP-1.yml": Self.concluded.replacing("status: concluded", with: "status: running")], "reopen")
        let result = try review(scratch, base: base)
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stdout.contains("playbooks/EXP-1.yml:6:9: error: EXP-1 moves back from concluded to running"), result.stdout)
    }

    func testEditingAConcludedResultNeedsANote() throws {
        let (scratch, repository, base) = try start(experiment: Self.concluded)
        let edited = Self.concluded.replacing("lift: 0.03", with: "lift: 0.05")
        _ = try commit(repository, scratch, ["playbooks/EXP-1.yml": edited], "better lift")
        let refused = try review(scratch, base: base)
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stdout.contains("[history-result-edit]"), refused.stdout)

        let (scratch2, repository2, base2) = try start(experiment: Self.concluded)
        let explained = edited + "approvals:\n  - {by: Lea Marx, role: growth council, date: 2026-11-18, note: the lift was recomputed on the full sample}\n"
        _ = try commit(repository2, scratch2, ["playbooks/EXP-1.yml": explained], "better lift, explained")
        let accepted = try review(scratch2, base: base2)
        XCTAssertEqual(accepted.status, 0, accepted.stdout)
    }

    func testReusingARemovedIDIsRefused() throws {
        let (scratch, repository, _) = try start()
        try FileManager.default.removeItem(at: scratch.url.appendingPathComponent("playbooks/EXP-1.yml"))
        try repository.stage(paths: ["playbooks/EXP-1.yml"])
        clock += 3600
        // Removed on the base: the change gives the retired id to a new experiment. (Removed and
        // added back within the change, an id the base has is that entity changed: a move.)
        let base = try repository.commit(message: "drop EXP-1", author: Signature(name: "Ana", email: "ana@example.com", time: clock)).description
        _ = try commit(repository, scratch, ["playbooks/new.yml": Self.experiment.replacing("Five-minute lesson", with: "Something else entirely")], "new experiment")
        let result = try review(scratch, base: base)
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stdout.contains("playbooks/new.yml:2:5: error: the id EXP-1 was removed earlier"), result.stdout)
    }

    func testOnlyTheChangedFilesFindingsAreReported() throws {
        let (scratch, repository, base) = try start()
        // A problem that predates the change, in a file the change does not touch:
        _ = try commit(repository, scratch, ["playbooks/old.yml": "kind: Metric\nid: Old_Metric\n"], "old mess")
        let middle = try repository.headCommit()?.description ?? ""
        _ = try commit(repository, scratch, ["playbooks/HYP-1.yml": Self.hypothesis.replacing("status: testing", with: "statuss: testing")], "typo")
        let result = try review(scratch, base: middle)
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stdout.contains("playbooks/HYP-1.yml:9:1: error: unknown key \"statuss\""), result.stdout)
        XCTAssertFalse(result.stdout.contains("old.yml"), result.stdout)
        _ = base
    }

    func testTextListsTheEntitiesTheChangeAddsChangesAndRemoves() throws {
        let (scratch, repository, base) = try start()
        _ = try commit(repository, scratch, [
            "playbooks/EXP-1.yml": Self.experiment.replacing("title: Five-minute lesson", with: "title: Four-minute lesson"),
            "playbooks/HYP-2.yml": Self.hypothesis.replacing("HYP-1", with: "HYP-2").replacing("status: testing", with: "status: backlog"),
        ], "retitle EXP-1, add HYP-2")
        let result = try review(scratch, base: base)
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        XCTAssertTrue(result.stdout.contains("Added (1):\n  HYP-2 (Hypothesis) playbooks/HYP-2.yml\n"), result.stdout)
        XCTAssertTrue(result.stdout.contains("Changed (1):\n  EXP-1 (Experiment) playbooks/EXP-1.yml\n      title: Five-minute lesson → Four-minute lesson\n"), result.stdout)
    }

    func testCommentLinksAreAbsoluteInGitHubActionsAndLinkBaseWins() throws {
        let (scratch, repository, base) = try start()
        _ = try commit(repository, scratch, ["playbooks/HYP-1.yml": Self.hypothesis.replacing("status: testing", with: "statuss: testing")], "typo")
        let actions = ["GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "acme/playbook", "GITHUB_SHA": "c0ffee"]
        let fromActions = try CLI.run(["review", "--base", base, "--today", "2026-11-20"], in: scratch.url, environment: actions)
        XCTAssertTrue(fromActions.stdout.contains("](https://github.com/acme/playbook/blob/c0ffee/playbooks/HYP-1.yml#L9)"), fromActions.stdout)
        let given = try CLI.run(["review", "--base", base, "--today", "2026-11-20", "--link-base", "https://git.example.com/p/src/main/"],
                                in: scratch.url, environment: actions)
        XCTAssertTrue(given.stdout.contains("](https://git.example.com/p/src/main/playbooks/HYP-1.yml#L9)"), given.stdout)
    }

    /// A link base is an http(s) address: `javascript:` (or a bare path) is a bad argument, exit 2 and
    /// nothing on standard output, not links GitHub would have to strip.
    func testALinkBaseThatIsNotAWebAddressIsRefused() throws {
        let (scratch, repository, base) = try start()
        _ = try commit(repository, scratch, ["playbooks/HYP-1.yml": Self.hypothesis.replacing("status: testing", with: "statuss: testing")], "typo")
        for bad in ["javascript:alert(1)//", "data:text/html,x", "git.example.com/p/", "https:///p/", "file:///etc/"] {
            let result = try CLI.run(["review", "--base", base, "--today", "2026-11-20", "--link-base", bad], in: scratch.url)
            XCTAssertEqual(result.status, 2, bad + ": " + result.stdout + result.stderr)
            XCTAssertEqual(result.stdout, "", bad)
            XCTAssertTrue(result.stderr.contains("--link-base must be an http:// or https:// address"), result.stderr)
        }
        let plain = try CLI.run(["review", "--base", base, "--today", "2026-11-20", "--link-base", "HTTP://git.example.com/p/"], in: scratch.url)
        XCTAssertTrue(plain.stdout.contains("](HTTP://git.example.com/p/playbooks/HYP-1.yml#L9)"), plain.stdout + plain.stderr)
    }

    func testMarkdownCommentListsEntitiesAndIsMarkedForBots() throws {
        let (scratch, repository, base) = try start()
        _ = try commit(repository, scratch, [
            "playbooks/EXP-1.yml": Self.experiment.replacing("metrics: {primary: weekly-active-learners}", with: "metrics: {primary: weekly-active-learners, guardrails: [weekly-active-learners]}")
                .replacing("title: Five-minute lesson", with: "title: A <b>bold</b> | piped title"),
            "playbooks/HYP-2.yml": Self.hypothesis.replacing("HYP-1", with: "HYP-2").replacing("status: testing", with: "status: backlog"),
        ], "add HYP-2, guard EXP-1")
        let result = try review(scratch, base: base, format: "markdown")
        XCTAssertEqual(result.status, 0, result.stdout)
        XCTAssertTrue(result.stdout.hasPrefix("<!-- playbook-review -->\n## Playbook review\n"))
        XCTAssertTrue(result.stdout.contains("| `EXP-1` | Experiment | changed | `title`, `metrics.guardrails[0]` | — |"), result.stdout)
        XCTAssertTrue(result.stdout.contains("| `HYP-2` | Hypothesis | added |"), result.stdout)
        XCTAssertTrue(result.stdout.contains("<details><summary>Field changes</summary>"))
        XCTAssertTrue(result.stdout.contains("| `EXP-1` | `title` | `Five-minute lesson` | `A <b>bold</b> \\| piped title` |"),
                      "user text stays inside code spans, where Markdown shows HTML literally (and a table's pipe escaped): \(result.stdout)")
        XCTAssertEqual(try review(scratch, base: base, format: "markdown").stdout, result.stdout, "stable, so a bot can update it in place")

        let json = try review(scratch, base: base, format: "json")
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let entities = object?["entities"] as? [[String: Any]]
        XCTAssertEqual(entities?.map { $0["id"] as? String }, ["EXP-1", "HYP-2"])
        XCTAssertEqual((object?["summary"] as? [String: Int])?["errors"], 0)
    }

    func testAddingACollidingExperimentIsRefused() throws {
        let (scratch, repository, base) = try start()
        // Same surface, same audience, overlapping dates, no exclusion group.
        let twin = Self.experiment.replacing("id: EXP-1", with: "id: EXP-2").replacing("title: Five-minute lesson", with: "title: Audio-first lesson")
        _ = try commit(repository, scratch, ["playbooks/EXP-2.yml": twin], "add EXP-2")
        let result = try review(scratch, base: base, format: "json")
        XCTAssertEqual(result.status, 1, result.stdout)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let findings = object?["findings"] as? [[String: Any]] ?? []
        XCTAssertTrue(findings.contains { ($0["rule"] as? String) == "overlap-collision" && ($0["file"] as? String) == "playbooks/EXP-2.yml"
            && (($0["related"] as? [String]) ?? []).contains("EXP-1") }, result.stdout)
        XCTAssertEqual((object?["entities"] as? [[String: Any]])?.map { $0["id"] as? String }, ["EXP-2"])
    }

    func testRemovingAnEntityThatOthersNameIsRefused() throws {
        let (scratch, repository, base) = try start()
        try FileManager.default.removeItem(at: scratch.url.appendingPathComponent("playbooks/HYP-1.yml"))
        try repository.stage(paths: ["playbooks/HYP-1.yml"])
        clock += 3600
        _ = try repository.commit(message: "drop HYP-1", author: Signature(name: "Ana", email: "ana@example.com", time: clock))
        let result = try review(scratch, base: base)
        XCTAssertEqual(result.status, 1, result.stdout)
        XCTAssertTrue(result.stdout.contains("playbooks/EXP-1.yml:5:13: error: \"hypothesis\" names hypothesis \"HYP-1\", which does not exist"), result.stdout)
    }

    func testRevertingARemovalWithinTheChangeIsNoReuse() throws {
        let (scratch, repository, base) = try start()
        try FileManager.default.removeItem(at: scratch.url.appendingPathComponent("playbooks/EXP-1.yml"))
        try repository.stage(paths: ["playbooks/EXP-1.yml"])
        clock += 3600
        _ = try repository.commit(message: "oops", author: Signature(name: "Ana", email: "ana@example.com", time: clock))
        _ = try commit(repository, scratch, ["playbooks/EXP-1.yml": Self.experiment], "revert oops")
        let result = try review(scratch, base: base)
        XCTAssertEqual(result.status, 0, result.stdout)
    }

    func testAResultEditIsNotExplainedByRemovingAnOldApproval() throws {
        let approved = Self.concluded + "approvals:\n  - {by: Lea Marx, note: first look}\n  - {by: Tom Berg, note: second look}\n"
        let (scratch, repository, base) = try start(experiment: approved)
        let edited = approved.replacing("lift: 0.03", with: "lift: 0.05").replacing("  - {by: Lea Marx, note: first look}\n", with: "")
        _ = try commit(repository, scratch, ["playbooks/EXP-1.yml": edited], "better lift, fewer approvals")
        let result = try review(scratch, base: base)
        XCTAssertEqual(result.status, 1, result.stdout)
        XCTAssertTrue(result.stdout.contains("[history-result-edit]"), result.stdout)
    }

    /// Approvals are compared as approvals, not by place: one inserted at the top without a note
    /// shifts the old one (note included) to approvals[1], which explains nothing.
    func testAnApprovalWithoutANoteInsertedAtTheTopDoesNotExplainAResultEdit() throws {
        let approved = Self.concluded + "approvals:\n  - {by: Lea Marx, role: growth council, date: 2026-11-17, note: go}\n"
        let (scratch, repository, base) = try start(experiment: approved)
        let edited = approved.replacing("lift: 0.03", with: "lift: 0.09")
            .replacing("approvals:\n", with: "approvals:\n  - {by: Tom Berg, role: analyst, date: 2026-11-19}\n")
        _ = try commit(repository, scratch, ["playbooks/EXP-1.yml": edited], "better lift")
        let result = try review(scratch, base: base)
        XCTAssertEqual(result.status, 1, result.stdout)
        XCTAssertTrue(result.stdout.contains("[history-result-edit]"), result.stdout)
        XCTAssertTrue(result.stdout.contains("      approvals[0].by: — → Tom Berg\n      approvals[0].role: — → analyst\n      approvals[0].date: — → 2026-11-19\n"),
                      "the inserted approval, not Lea Marx's turned into Tom Berg's: \(result.stdout)")
        XCTAssertFalse(result.stdout.contains("Lea Marx"), result.stdout)

        // The same insertion with a note is the approval the edit needs.
        let (scratch2, repository2, base2) = try start(experiment: approved)
        _ = try commit(repository2, scratch2, ["playbooks/EXP-1.yml": edited.replacing("date: 2026-11-19}", with: "date: 2026-11-19, note: recomputed on the full sample}")],
                       "better lift, explained")
        let accepted = try review(scratch2, base: base2)
        XCTAssertEqual(accepted.status, 0, accepted.stdout)
    }

    /// Approvals are compared as entries: swapping two is no change, and a verbatim copy of an
    /// old one is not a new explanation for a result edit (review41's 15.sh, branches a and c).
    func testReorderingOrCopyingApprovalsDoesNotExplainAResultEdit() throws {
        let approved = Self.concluded + "approvals:\n  - {by: Ann, date: 2026-11-16, note: go}\n  - {by: Bob, date: 2026-11-17, note: concluded}\n"
        let edited = approved.replacing("lift: 0.03", with: "lift: 0.05")
        let swapped = edited.replacing("  - {by: Ann, date: 2026-11-16, note: go}\n  - {by: Bob, date: 2026-11-17, note: concluded}\n",
                                       with: "  - {by: Bob, date: 2026-11-17, note: concluded}\n  - {by: Ann, date: 2026-11-16, note: go}\n")
        let copied = edited + "  - {by: Bob, date: 2026-11-17, note: concluded}\n"
        // Swapped, and an old approval's note reworded: still an old approval (review42).
        let reworded = swapped.replacing("{by: Ann, date: 2026-11-16, note: go}", with: "{by: Ann, date: 2026-11-16, note: go, recomputed}")
        for (name, text) in [("swapped", swapped), ("copied", copied), ("reworded", reworded)] {
            let (scratch, repository, base) = try start(experiment: approved)
            _ = try commit(repository, scratch, ["playbooks/EXP-1.yml": text], "better lift, approvals \(name)")
            let result = try review(scratch, base: base)
            XCTAssertEqual(result.status, 1, "\(name): " + result.stdout)
            XCTAssertTrue(result.stdout.contains("[history-result-edit]"), "\(name): " + result.stdout)
            if name == "swapped" {
                XCTAssertTrue(result.stdout.contains("      result.lift: 0.03 → 0.05\n\n"), "a reorder is no change: " + result.stdout)
                XCTAssertFalse(result.stdout.contains("approvals["), result.stdout)
            }
        }
        // A new approval with a note still explains it, wherever it goes.
        let (scratch, repository, base) = try start(experiment: approved)
        _ = try commit(repository, scratch, ["playbooks/EXP-1.yml": swapped + "  - {by: Cat, date: 2026-11-19, note: recomputed}\n"], "explained")
        let accepted = try review(scratch, base: base)
        XCTAssertEqual(accepted.status, 0, accepted.stdout)
    }

    /// The base's own changes, merged into the branch, are not the change's.
    func testMergingTheBaseIntoTheBranchDoesNotAddItsChanges() throws {
        let (scratch, _, _) = try start()
        try git(in: scratch, ["branch", "-q", "base"])
        try git(in: scratch, ["checkout", "-q", "-b", "feature"])
        try scratch.write("playbooks/EXP-1.yml", Self.experiment.replacing("title: Five-minute lesson", with: "title: Five-minute lesson, audio first"))
        try git(in: scratch, ["commit", "-q", "-am", "feature: retitle EXP-1"])
        try git(in: scratch, ["checkout", "-q", "base"])
        try scratch.write("playbooks/HYP-1.yml", Self.hypothesis.replacing("title: Shorter lessons keep learners", with: "title: Shorter lessons keep new learners"))
        try git(in: scratch, ["commit", "-q", "-am", "base: retitle HYP-1"])
        try git(in: scratch, ["checkout", "-q", "feature"])
        try git(in: scratch, ["merge", "-q", "--no-edit", "base"])
        let result = try CLI.run(["review", "--base", "base", "--format", "json", "--today", "2026-11-20"], in: scratch.url)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        XCTAssertEqual((object?["entities"] as? [[String: Any]])?.map { $0["id"] as? String }, ["EXP-1"], result.stdout)
    }

    /// On pull_request, actions/checkout checks out GitHub's test merge (first parent the base's
    /// tip, second the PR head): its first-parent history skips the PR's commits, so review judges
    /// the PR head, and says so.
    func testGitHubsTestMergeIsReviewedByItsPRHead() throws {
        let (scratch, _, _) = try start(experiment: Self.concluded)
        _ = try git(in: scratch, ["branch", "-q", "base"])
        _ = try git(in: scratch, ["checkout", "-q", "-b", "pr"])
        // Reopened in one commit, concluded again (retitled) in the next: the net change hides the regression.
        try scratch.write("playbooks/EXP-1.yml", Self.concluded.replacing("status: concluded", with: "status: running"))
        _ = try git(in: scratch, ["commit", "-q", "-am", "reopen EXP-1"])
        try scratch.write("playbooks/EXP-1.yml", Self.concluded.replacing("title: Five-minute lesson", with: "title: Five-minute lesson (rerun)"))
        _ = try git(in: scratch, ["commit", "-q", "-am", "conclude EXP-1 again"])
        let prHead = try git(in: scratch, ["rev-parse", "HEAD"])
        _ = try git(in: scratch, ["checkout", "-q", "base"])
        try scratch.write("playbooks/HYP-1.yml", "# the base moves on\n" + Self.hypothesis)
        _ = try git(in: scratch, ["commit", "-q", "-am", "base moves on"])
        _ = try git(in: scratch, ["checkout", "-q", "--detach", "base"])
        _ = try git(in: scratch, ["merge", "-q", "--no-ff", "pr", "-m", "Merge pr into base (GitHub's test merge)"])
        let testMerge = try git(in: scratch, ["rev-parse", "HEAD"])

        let result = try CLI.run(["review", "--base", "base", "--format", "text", "--today", "2026-11-20"], in: scratch.url)
        XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
        XCTAssertTrue(result.stdout.contains("playbooks/EXP-1.yml:6:9: error: EXP-1 moves back from concluded to running"), result.stdout)
        XCTAssertTrue(result.stdout.hasPrefix("Head \(testMerge.prefix(8)) is GitHub's test merge of the change into the base; reviewing its PR head \(prHead.prefix(8)).\n"),
                      result.stdout)
        let json = try CLI.run(["review", "--base", "base", "--format", "json", "--today", "2026-11-20"], in: scratch.url)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        XCTAssertEqual(object?["head"] as? String, prHead, json.stdout)
        XCTAssertEqual(object?["test_merge"] as? String, testMerge, json.stdout)
        let markdown = try CLI.run(["review", "--base", "base", "--format", "markdown", "--today", "2026-11-20"], in: scratch.url)
        XCTAssertTrue(markdown.stdout.contains("reviewing its PR head `\(prHead.prefix(8))`"), markdown.stdout)

        // A branch that merged the base in (first parent its own) is no test merge: reviewed as it is.
        _ = try git(in: scratch, ["checkout", "-q", "pr"])
        _ = try git(in: scratch, ["merge", "-q", "--no-edit", "base"])
        let own = try CLI.run(["review", "--base", "base", "--format", "json", "--today", "2026-11-20"], in: scratch.url)
        let ownObject = try JSONSerialization.jsonObject(with: Data(own.stdout.utf8)) as? [String: Any]
        XCTAssertEqual(ownObject?["head"] as? String, try git(in: scratch, ["rev-parse", "HEAD"]), own.stdout)
        XCTAssertTrue(ownObject?["test_merge"] is NSNull, own.stdout)
    }

    /// `playbook init growth` in an existing repository: the playbook and its .playbook.yml live in growth/.
    func testAPlaybookInASubfolderIsReviewedAsLintReadsIt() throws {
        let scratch = try ScratchDirectory()
        let repository = try Repository.create(at: scratch.url.path)
        let base = try commit(repository, scratch, [
            "README": "the app\n",
            "growth/.playbook.yml": "roots: [playbooks]\n",
            "growth/playbooks/metrics.yml": SmallPlaybook.metrics,
            "growth/playbooks/squads/activation-emea.yml": SmallPlaybook.squad,
            "growth/playbooks/HYP-1.yml": Self.hypothesis,
        ], "start the playbook in growth/").description
        _ = try commit(repository, scratch, ["growth/playbooks/HYP-1.yml": Self.hypothesis.replacing("squad: activation-emea", with: "squad: no-such-squad")],
                       "move HYP-1 to a squad that does not exist")
        let growth = scratch.url.appendingPathComponent("growth")
        let lint = try CLI.run(["lint"], in: growth)
        XCTAssertEqual(lint.status, 1, lint.stdout + lint.stderr)
        let result = try CLI.run(["review", "--base", base, "--format", "text", "--today", "2026-11-20"], in: growth)
        XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
        XCTAssertTrue(result.stdout.contains("Changed (1):\n  HYP-1 (Hypothesis) growth/playbooks/HYP-1.yml\n"), result.stdout)
        XCTAssertTrue(result.stdout.contains("growth/playbooks/HYP-1.yml:3:8: error:"), result.stdout)
        // From the repository top, lint and review both read the default playbooks/ there: none, said plainly (not "no changes").
        let fromTop = try CLI.run(["review", "--base", base, "--format", "markdown", "--today", "2026-11-20"], in: scratch.url)
        XCTAssertEqual(fromTop.status, 2, fromTop.stdout + fromTop.stderr)
        XCTAssertTrue(fromTop.stderr.contains("no playbook files under playbooks/ at the base or the head"), fromTop.stderr)
    }

    /// As `git diff base...head` refuses: with no branch point there is no change to review.
    func testUnrelatedHistoriesExitTwo() throws {
        let (scratch, _, base) = try start(experiment: Self.concluded)
        let git = URL(fileURLWithPath: "/usr/bin/git")
        for arguments in [["checkout", "-q", "--orphan", "unrelated"], ["commit", "-q", "-am", "a new root: EXP-1 running again"]] {
            if arguments[0] == "commit" { try scratch.write("playbooks/EXP-1.yml", Self.experiment) }
            let result = try CLI.run(executable: git, ["-c", "user.name=Ana", "-c", "user.email=ana@example.com"] + arguments, in: scratch.url)
            XCTAssertEqual(result.status, 0, result.stderr)
        }
        let result = try review(scratch, base: base)
        XCTAssertEqual(result.status, 2, result.stdout + result.stderr)
        XCTAssertTrue(result.stderr.contains("the base and the head share no history (no merge base)"), result.stderr)
        XCTAssertEqual(result.stdout, "")
    }

    /// actions/checkout's default depth of 1 cuts the merge base off: said so, with the fix.
    func testAShallowCloneWithoutTheMergeBaseSaysHowToFetchIt() throws {
        let (scratch, repository, _) = try start(experiment: Self.concluded)
        try git(in: scratch, ["checkout", "-q", "-b", "pr"])
        _ = try commit(repository, scratch, ["playbooks/EXP-1.yml": Self.concluded.replacing("status: concluded", with: "status: running")], "reopen")
        try git(in: scratch, ["checkout", "-q", "-"])
        _ = try commit(repository, scratch, ["playbooks/HYP-1.yml": "# the base moves on\n" + Self.hypothesis], "base moves on")
        let clone = try ScratchDirectory()
        try FileManager.default.removeItem(at: clone.url)
        try git(in: scratch, ["clone", "-q", "--depth", "1", "--no-single-branch", "file://\(scratch.url.path)", clone.url.path])
        try git(at: clone.url, ["checkout", "-q", "pr"])
        let result = try review(clone, base: "origin/HEAD")
        XCTAssertEqual(result.status, 2, result.stdout + result.stderr)
        XCTAssertTrue(result.stderr.contains("this clone is shallow and the merge base is missing; fetch the full history "
                                             + "(git fetch --unshallow, or fetch-depth: 0 in actions/checkout)"), result.stderr)
    }

    /// A single-branch `--depth 1` clone (CI) has no origin/main at all: "no commit named origin/main" did not say
    /// the base is merely not fetched, nor how to fetch it.
    func testABaseTheCloneNeverFetchedSaysHowToFetchIt() throws {
        let (scratch, repository, _) = try start()
        try git(in: scratch, ["branch", "-M", "main"])
        try git(in: scratch, ["checkout", "-q", "-b", "pr"])
        _ = try commit(repository, scratch, ["playbooks/HYP-1.yml": "# a change\n" + Self.hypothesis], "a change")
        let clone = try ScratchDirectory()
        try FileManager.default.removeItem(at: clone.url)
        try git(in: scratch, ["clone", "-q", "--depth", "1", "--single-branch", "--branch", "pr", "file://\(scratch.url.path)", clone.url.path])
        let result = try review(clone, base: "origin/main")
        XCTAssertEqual(result.status, 2, result.stdout + result.stderr)
        XCTAssertTrue(result.stderr.contains("origin/main is not fetched in this clone (a single-branch or shallow checkout fetches only the head): "
                                             + "fetch it first (git fetch origin main), or check out with fetch-depth: 0 in actions/checkout"), result.stderr)
        XCTAssertTrue(try review(clone, base: "nowhere/main").stderr.contains("no commit named nowhere/main"), "not a remote: a name nothing has")
    }

    func testUnknownBaseExitsTwo() throws {
        let (scratch, _, _) = try start()
        let result = try review(scratch, base: "no-such-branch")
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("no commit named no-such-branch"), result.stderr)
    }

    /// A change that silences a rule in `.playbook.yml` while breaking it passes green, so the
    /// review names the relaxation in every format (review28b's review-pr-disables-rules.sh).
    func testAChangeThatRelaxesRulesInTheSettingsSaysSo() throws {
        let (scratch, repository, _) = try start()
        let base = try commit(repository, scratch, [".playbook.yml": "roots: [playbooks]\n"], "settings").description
        _ = try commit(repository, scratch, [
            "playbooks/EXP-1.yml": Self.experiment.replacing("design: {mde: 0.02, power: 0.8, alpha: 0.05, duration_days: 14}\n", with: ""),
            ".playbook.yml": "roots: [playbooks]\nrules: {experiment-power: off, schema-unknown-key: warning}\n"
                + "overrides:\n  - paths: [\"playbooks/HYP-*.yml\"]\n    rules: {hypothesis-expected-lift: off}\n",
        ], "launch without a power calculation; silence the rule")

        let markdown = try review(scratch, base: base, format: "markdown")
        XCTAssertEqual(markdown.status, 0, markdown.stdout + markdown.stderr)
        XCTAssertTrue(markdown.stdout.contains("This change relaxes rules in `.playbook.yml`"), markdown.stdout)
        XCTAssertTrue(markdown.stdout.contains("- `experiment-power`: error → **off**"), markdown.stdout)
        XCTAssertTrue(markdown.stdout.contains("- `schema-unknown-key`: error → **warning**"), markdown.stdout)
        XCTAssertTrue(markdown.stdout.contains("- `hypothesis-expected-lift`: warning → **off** in `playbooks/HYP-1.yml`"), markdown.stdout)

        let json = try review(scratch, base: base, format: "json")
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let relaxed = try XCTUnwrap(object["relaxed_rules"] as? [[String: Any]], json.stdout)
        XCTAssertEqual(relaxed.map { $0["rule"] as? String }, ["experiment-power", "hypothesis-expected-lift", "schema-unknown-key"])
        XCTAssertEqual(relaxed.first?["before"] as? String, "error")
        XCTAssertEqual(relaxed.first?["after"] as? String, "off")
        XCTAssertTrue(relaxed.first?["files"] is NSNull)
        XCTAssertEqual(relaxed[1]["files"] as? [String], ["playbooks/HYP-1.yml"])

        let github = try review(scratch, base: base, format: "github")
        XCTAssertTrue(github.stdout.contains("::warning file=.playbook.yml,title=playbook%3A rule relaxed::this change relaxes a rule in .playbook.yml: experiment-power: error → off\n"), github.stdout)
        let text = try review(scratch, base: base, format: "text")
        XCTAssertTrue(text.stdout.contains("This change relaxes rules in .playbook.yml:\n  experiment-power: error → off\n"), text.stdout)

        // Settings the change leaves alone: nothing to say.
        let quiet = try review(scratch, base: "HEAD", format: "json")
        XCTAssertTrue(quiet.stdout.contains("\"relaxed_rules\": [],"), quiet.stdout)
    }

    /// An override for a folder that holds no file yet relaxes nothing visible today, but the next
    /// change's files there pass unchecked: it is named with its paths, in every format (review41's 40.sh).
    func testAnOverrideRelaxingRulesForAFolderWithNoFilesSaysSo() throws {
        let (scratch, repository, _) = try start()
        let base = try commit(repository, scratch, [".playbook.yml": "roots: [playbooks]\n"], "settings").description
        _ = try commit(repository, scratch, [
            ".playbook.yml": "roots: [playbooks]\noverrides:\n  - paths: [\"playbooks/archive/**\"]\n"
                + "    rules: {experiment-power: off, experiment-dates: off}\n",
        ], "tidy config")

        let markdown = try review(scratch, base: base, format: "markdown")
        XCTAssertTrue(markdown.stdout.contains("This change relaxes rules in `.playbook.yml`"), markdown.stdout)
        XCTAssertTrue(markdown.stdout.contains("- `experiment-power`: error → **off** for paths matching `playbooks/archive/**`\n"), markdown.stdout)
        XCTAssertTrue(markdown.stdout.contains("- `experiment-dates`: error → **off** for paths matching `playbooks/archive/**`\n"), markdown.stdout)
        let text = try review(scratch, base: base, format: "text")
        XCTAssertTrue(text.stdout.contains("This change relaxes rules in .playbook.yml:\n  experiment-dates: error → off for paths matching playbooks/archive/**\n"
                                           + "  experiment-power: error → off for paths matching playbooks/archive/**\n"), text.stdout)
        let github = try review(scratch, base: base, format: "github")
        XCTAssertTrue(github.stdout.contains("::warning file=.playbook.yml,title=playbook%3A rule relaxed::this change relaxes a rule in .playbook.yml: "
                                             + "experiment-power: error → off for paths matching playbooks/archive/**\n"), github.stdout)
        let sarif = try review(scratch, base: base, format: "sarif")
        XCTAssertTrue(sarif.stderr.contains("experiment-power: error → off for paths matching playbooks/archive/**"), sarif.stderr)
        let json = try review(scratch, base: base, format: "json")
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let relaxed = try XCTUnwrap(object["relaxed_rules"] as? [[String: Any]], json.stdout)
        XCTAssertEqual(relaxed.map { $0["rule"] as? String }, ["experiment-dates", "experiment-power"])
        XCTAssertEqual(relaxed.map { $0["paths"] as? [String] }, [["playbooks/archive/**"], ["playbooks/archive/**"]])
        XCTAssertTrue(relaxed.first?["files"] is NSNull)

        // A file that the override already shows is listed as a file, not as a pattern besides.
        _ = try commit(repository, scratch, ["playbooks/archive/EXP-1.yml": Self.experiment.replacing("EXP-1", with: "EXP-9")], "archive one")
        let shown = try review(scratch, base: base, format: "text")
        XCTAssertTrue(shown.stdout.contains("  experiment-power: error → off in playbooks/archive/EXP-1.yml\n"), shown.stdout)
        XCTAssertFalse(shown.stdout.contains("for paths matching"), shown.stdout)
    }

    /// A threshold raised far enough silences a rule as surely as `off`: the review names every
    /// rule option the change sets to another value, in each format.
    func testAChangeThatSetsRuleOptionsSaysSo() throws {
        let (scratch, repository, _) = try start()
        let base = try commit(repository, scratch, [".playbook.yml": "roots: [playbooks]\n"], "settings").description
        _ = try commit(repository, scratch, [
            ".playbook.yml": "roots: [playbooks]\nrules: {overlap-duplicate: {threshold_percent: 95}, okr-key-results: {max: 4}}\n",
        ], "raise the duplicate threshold")

        let markdown = try review(scratch, base: base, format: "markdown")
        XCTAssertEqual(markdown.status, 0, markdown.stdout + markdown.stderr)
        XCTAssertTrue(markdown.stdout.contains("This change sets rule options in `.playbook.yml`"), markdown.stdout)
        XCTAssertTrue(markdown.stdout.contains("- `overlap-duplicate` `threshold_percent`: 40 → **95**"), markdown.stdout)
        XCTAssertFalse(markdown.stdout.contains("`okr-key-results`"), "max: 4 is the default: nothing changed\n" + markdown.stdout)

        let json = try review(scratch, base: base, format: "json")
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let changed = try XCTUnwrap(object["changed_options"] as? [[String: Any]], json.stdout)
        XCTAssertEqual(changed.count, 1, json.stdout)
        XCTAssertEqual(changed.first?["rule"] as? String, "overlap-duplicate")
        XCTAssertEqual(changed.first?["option"] as? String, "threshold_percent")
        XCTAssertEqual(changed.first?["before"] as? Double, 40)
        XCTAssertEqual(changed.first?["after"] as? Double, 95)

        let github = try review(scratch, base: base, format: "github")
        XCTAssertTrue(github.stdout.contains("::warning file=.playbook.yml,title=playbook%3A rule option changed::this change sets a rule option in .playbook.yml: overlap-duplicate threshold_percent: 40 → 95\n"), github.stdout)
        let text = try review(scratch, base: base, format: "text")
        XCTAssertTrue(text.stdout.contains("This change sets rule options in .playbook.yml:\n  overlap-duplicate threshold_percent: 40 → 95\n"), text.stdout)

        let quiet = try review(scratch, base: "HEAD", format: "json")
        XCTAssertTrue(quiet.stdout.contains("\"changed_options\": [],"), quiet.stdout)
    }

    /// Loosening the overlap gate or raising a limit decides what the change's findings are as
    /// surely as a rule option does: the review names each, in every format.
    func testAChangeThatSetsTheOverlapGateOrLimitsSaysSo() throws {
        let (scratch, repository, _) = try start()
        let base = try commit(repository, scratch, [".playbook.yml": "roots: [playbooks]\nlimits: {max_depth: 128}\n"], "settings").description
        _ = try commit(repository, scratch, [
            ".playbook.yml": "roots: [playbooks]\noverlaps: {review: note, staged: warning}\nlimits: {max_file_bytes: 67108864, max_depth: 128}\n",
        ], "loosen the overlap gate")

        let markdown = try review(scratch, base: base, format: "markdown")
        XCTAssertEqual(markdown.status, 0, markdown.stdout + markdown.stderr)
        XCTAssertTrue(markdown.stdout.contains("This change sets overlap-gate or limit settings in `.playbook.yml`"), markdown.stdout)
        XCTAssertTrue(markdown.stdout.contains("- `overlaps.review`: rule → **note**\n- `limits.max_file_bytes`: 8388608 → **67108864**\n"), markdown.stdout)
        XCTAssertFalse(markdown.stdout.contains("overlaps.staged"), "staged: warning is the default: nothing changed\n" + markdown.stdout)
        XCTAssertFalse(markdown.stdout.contains("limits.max_depth"), "max_depth: 128 on both sides\n" + markdown.stdout)

        let json = try review(scratch, base: base, format: "json")
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let changed = try XCTUnwrap(object["changed_settings"] as? [[String: String]], json.stdout)
        XCTAssertEqual(changed, [["setting": "overlaps.review", "before": "rule", "after": "note"],
                                 ["setting": "limits.max_file_bytes", "before": "8388608", "after": "67108864"]], json.stdout)

        let github = try review(scratch, base: base, format: "github")
        XCTAssertTrue(github.stdout.contains("::warning file=.playbook.yml,title=playbook%3A setting changed::this change sets a setting in .playbook.yml: overlaps.review: rule → note\n"), github.stdout)
        let text = try review(scratch, base: base, format: "text")
        XCTAssertTrue(text.stdout.contains("This change sets settings in .playbook.yml:\n  overlaps.review: rule → note\n  limits.max_file_bytes: 8388608 → 67108864\n"), text.stdout)
        let sarif = try review(scratch, base: base, format: "sarif")
        XCTAssertTrue(sarif.stderr.contains("this change sets settings in .playbook.yml: overlaps.review: rule → note; limits.max_file_bytes: 8388608 → 67108864"), sarif.stderr)

        let quiet = try review(scratch, base: "HEAD", format: "json")
        XCTAssertTrue(quiet.stdout.contains("\"changed_settings\": [],"), quiet.stdout)
    }

    /// A change that drops a folder from `roots:` takes its entities out of the playbook: the
    /// review names the setting and lists them as removed, read under the base's own folders.
    func testAChangeThatDropsARootNamesItAndRemovesItsEntities() throws {
        let (scratch, repository, _) = try start()
        let moved = Self.concluded.replacing("EXP-1", with: "EXP-2").replacing("ios/lesson", with: "web/lesson")
        let base = try commit(repository, scratch, [".playbook.yml": "roots: [playbooks, teams]\n", "teams/EXP-2.yml": moved],
                              "a second folder").description
        _ = try commit(repository, scratch, [
            ".playbook.yml": "roots: [playbooks]\n",
            "teams/EXP-2.yml": moved.replacing("status: concluded", with: "status: running"),
        ], "drop teams")
        let result = try review(scratch, base: base)
        XCTAssertTrue(result.stdout.contains("This change sets settings in .playbook.yml:\n  roots: [playbooks, teams] → [playbooks]\n"), result.stdout)
        XCTAssertTrue(result.stdout.contains("Removed (1):\n  EXP-2 (Experiment) teams/EXP-2.yml\n"), result.stdout)
    }

    /// review48: a folder name in `roots:` is the change's own text: inert in the terminal and in
    /// the bot's Markdown comment (no colour, no link, no mention).
    func testAHostileRootNameIsShownInert() throws {
        let (scratch, repository, base) = try start()
        _ = try commit(repository, scratch, [".playbook.yml": "roots: [playbooks, \"a\\e[31mRED\", \"[x](https://e.example) @octocat\"]\n"], "odd roots")
        let text = try review(scratch, base: base)
        XCTAssertFalse(text.stdout.contains("\u{1B}"), text.stdout)
        XCTAssertFalse(text.stderr.contains("\u{1B}"), text.stderr)
        XCTAssertTrue(text.stdout.contains("roots: [playbooks] → [playbooks, a\\u{1B}[31mRED"), text.stdout)
        let markdown = try review(scratch, base: base, format: "markdown")
        XCTAssertFalse(markdown.stdout.contains("](https://"), markdown.stdout)
        XCTAssertFalse(markdown.stdout.contains(" @octocat"), markdown.stdout)
        XCTAssertFalse(markdown.stdout.contains("\u{1B}"), markdown.stdout)
    }

    /// review48: a base whose `.playbook.yml` is a symbolic link is read with the defaults; the
    /// change that replaces the link with the file itself is reviewed, not refused.
    func testAChangeThatReplacesASymlinkedSettingsFileIsReviewed() throws {
        let (scratch, _, _) = try start()
        try scratch.write("conf/playbook.yml", "roots: [playbooks]\n")
        try FileManager.default.createSymbolicLink(atPath: scratch.url.appendingPathComponent(".playbook.yml").path, withDestinationPath: "conf/playbook.yml")
        try git(in: scratch, ["add", "-A"])
        try git(in: scratch, ["commit", "-q", "-m", "settings as a link"])
        try git(in: scratch, ["branch", "-q", "base"])
        try git(in: scratch, ["checkout", "-q", "-b", "fix"])
        try FileManager.default.removeItem(atPath: scratch.url.appendingPathComponent(".playbook.yml").path)
        try scratch.write(".playbook.yml", "roots: [playbooks]\n")
        try git(in: scratch, ["commit", "-q", "-a", "-m", "the settings file itself"])
        let result = try review(scratch, base: "base")
        XCTAssertNotEqual(result.status, 2, result.stdout + result.stderr)
        XCTAssertFalse(result.stderr.contains("could not read the change"), result.stderr)
    }

    /// A change that adds a folder to `roots:` brings its files into the playbook: their errors
    /// fail the review as lint fails after the merge.
    func testAChangeThatAddsARootLintsTheFilesItBringsIn() throws {
        let (scratch, repository, _) = try start()
        let base = try commit(repository, scratch, [".playbook.yml": "roots: [playbooks]\n", "teams/old.yml": "kind: Metric\nid: Old_Metric\n"],
                              "a folder outside the playbook").description
        _ = try commit(repository, scratch, [".playbook.yml": "roots: [playbooks, teams]\n"], "add teams")
        let result = try review(scratch, base: base)
        XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
        XCTAssertTrue(result.stdout.contains("teams/old.yml:"), result.stdout)
        XCTAssertTrue(result.stdout.contains("roots: [playbooks] → [playbooks, teams]"), result.stdout)
    }

    /// The merge will hold the base's later `.playbook.yml`: the change is judged by it (a rule the
    /// base made an error since the fork fails the change, as lint fails after the merge); where
    /// the settings conflict, by the head's.
    func testTheChangeIsJudgedByTheSettingsTheMergeHolds() throws {
        let (scratch, _, _) = try start()
        try git(in: scratch, ["branch", "-q", "base"])
        try git(in: scratch, ["checkout", "-q", "-b", "pr"])
        try scratch.write("playbooks/HYP-2.yml", Self.hypothesis.replacing("HYP-1", with: "HYP-2").replacing("expected_lift: 0.02\n", with: "")
            .replacing("status: testing", with: "status: backlog"))
        try git(in: scratch, ["add", "-A"])
        try git(in: scratch, ["commit", "-q", "-m", "a hypothesis without a lift"])
        try git(in: scratch, ["checkout", "-q", "base"])
        try scratch.write(".playbook.yml", "roots: [playbooks]\nrules: {hypothesis-expected-lift: error}\n")
        try git(in: scratch, ["add", "-A"])
        try git(in: scratch, ["commit", "-q", "-m", "lifts are required"])
        try git(in: scratch, ["checkout", "-q", "pr"])
        let merged = try review(scratch, base: "base")
        XCTAssertEqual(merged.status, 1, merged.stdout + merged.stderr)
        XCTAssertTrue(merged.stdout.contains("error: HYP-2 names no `expected_lift`"), merged.stdout)
        XCTAssertFalse(merged.stdout.contains("This change sets settings"), merged.stdout)

        // Both sides edit the same setting: no merge can be made, and the head's settings judge it.
        try scratch.write(".playbook.yml", "roots: [playbooks]\nrules: {hypothesis-expected-lift: note}\n")
        try git(in: scratch, ["add", "-A"])
        try git(in: scratch, ["commit", "-q", "-m", "lifts are optional"])
        let conflicted = try review(scratch, base: "base")
        XCTAssertEqual(conflicted.status, 0, conflicted.stdout + conflicted.stderr)
        XCTAssertTrue(conflicted.stdout.contains("hypothesis-expected-lift: warning → note"), conflicted.stdout)
    }

    /// Findings are placed on the PR head's lines, not on those of the in-memory merge (which
    /// holds the base's later lines too): GitHub's annotations land where the PR shows the line.
    func testFindingsInAFileTheBaseAlsoChangedAreOnTheHeadsLines() throws {
        let (scratch, _, _) = try start()
        try git(in: scratch, ["branch", "-q", "base"])
        try git(in: scratch, ["checkout", "-q", "-b", "pr"])
        try scratch.write("playbooks/EXP-1.yml", Self.experiment + "\nbogus_key: 1\n")
        try git(in: scratch, ["commit", "-q", "-am", "a bogus key on line 12"])
        try git(in: scratch, ["checkout", "-q", "base"])
        try scratch.write("playbooks/EXP-1.yml", "# 1\n# 2\n# 3\n# 4\n# 5\n" + Self.experiment)
        try git(in: scratch, ["commit", "-q", "-am", "five comment lines on top"])
        try git(in: scratch, ["checkout", "-q", "pr"])
        let result = try review(scratch, base: "base")
        XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
        XCTAssertTrue(result.stdout.contains("playbooks/EXP-1.yml:12:1: error: unknown key \"bogus_key\""), result.stdout)
        let github = try review(scratch, base: "base", format: "github")
        XCTAssertTrue(github.stdout.contains("file=playbooks/EXP-1.yml,line=12,"), github.stdout)
    }

    /// review48: a place a message names ("also used by the Experiment at FILE:LINE") is on the
    /// head's lines too, not the in-memory merge's.
    func testAPlaceAMessageNamesIsOnTheHeadsLines() throws {
        let (scratch, _, _) = try start()
        try git(in: scratch, ["branch", "-q", "base"])
        try git(in: scratch, ["checkout", "-q", "-b", "pr"])
        try scratch.write("playbooks/EXP-1.yml", Self.experiment + "\nbogus_key: 1\n")
        try scratch.write("playbooks/EXP-2.yml", Self.experiment)
        try git(in: scratch, ["add", "-A"])
        try git(in: scratch, ["commit", "-q", "-m", "a copy keeping the id"])
        try git(in: scratch, ["checkout", "-q", "base"])
        try scratch.write("playbooks/EXP-1.yml", "# 1\n# 2\n# 3\n# 4\n# 5\n" + Self.experiment)
        try git(in: scratch, ["commit", "-q", "-am", "five comment lines on top"])
        try git(in: scratch, ["checkout", "-q", "pr"])
        let idLine = try XCTUnwrap(Self.experiment.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("id:") }) + 1
        let result = try review(scratch, base: "base")
        XCTAssertTrue(result.stdout.contains("at playbooks/EXP-1.yml:\(idLine)"), result.stdout)
        XCTAssertFalse(result.stdout.contains("at playbooks/EXP-1.yml:\(idLine + 5)"), result.stdout)
    }

    /// review48: where the base changed `roots:` since the fork, the review reads the history under
    /// the merge's folders without the history cache, which stays as lint and the reports left it
    /// (rebuilding it for other folders made the next lint walk the whole history again).
    func testAReviewUnderOtherFoldersLeavesTheHistoryCacheAlone() throws {
        let (scratch, _, _) = try start()
        try git(in: scratch, ["branch", "-q", "base"])
        try git(in: scratch, ["checkout", "-q", "-b", "pr"])
        try scratch.write("playbooks/EXP-1.yml", Self.experiment.replacing("title: ", with: "title: Renamed "))
        try git(in: scratch, ["commit", "-q", "-am", "a new title"])
        try git(in: scratch, ["checkout", "-q", "base"])
        try scratch.write(".playbook.yml", "roots: [playbooks, teams]\n")
        try scratch.write("teams/notes.yml", "kind: Metric\nid: team-notes\nname: Team notes\nunit: count\ndirection: increase\nowner: activation-emea\n")
        try git(in: scratch, ["add", "-A"])
        try git(in: scratch, ["commit", "-q", "-m", "a second folder"])
        try git(in: scratch, ["checkout", "-q", "pr"])
        XCTAssertEqual(try CLI.run(["log", "EXP-1"], in: scratch.url).status, 0)
        let cache = scratch.url.appendingPathComponent(".git/playbook")
        func contents() throws -> [String: Data] {
            var out: [String: Data] = [:]
            for name in try FileManager.default.contentsOfDirectory(atPath: cache.path) {
                out[name] = FileManager.default.contents(atPath: cache.appendingPathComponent(name).path)
            }
            return out
        }
        let before = try contents()
        XCTAssertFalse(before.isEmpty, "log wrote the history cache")
        let result = try review(scratch, base: "base")
        XCTAssertNotEqual(result.status, 2, result.stdout + result.stderr)
        XCTAssertTrue(result.stdout.contains("EXP-1"), result.stdout)
        XCTAssertEqual(try contents(), before)
    }

    /// A file whose name is not UTF-8 is refused by `lint`; the commit hook and the review refuse
    /// it alike, or CI on main fails after both gates passed it.
    func testAFileNameThatIsNotUTF8IsUnreadableToTheHookAndTheReview() throws {
        let (scratch, _, base) = try start()
        let metric = "kind: Metric\nid: cafe-visits\nname: Cafe visits\nunit: count\ndirection: increase\nowner: activation-emea\n"
        try scratch.write("metric.txt", metric)
        let shell = URL(fileURLWithPath: "/bin/sh")
        let made = try CLI.run(executable: shell, ["-c", "mv metric.txt \"playbooks/caf$(printf '\\351').yml\" && git add playbooks"], in: scratch.url)
        XCTAssertEqual(made.status, 0, made.stderr)
        let staged = try CLI.run(["lint", "--staged"], in: scratch.url)
        XCTAssertEqual(staged.status, 1, staged.stdout + staged.stderr)
        XCTAssertTrue(staged.stdout.contains("its name is not valid UTF-8; rename it [file-unreadable]"), staged.stdout)
        let committed = try CLI.run(executable: URL(fileURLWithPath: "/usr/bin/git"),
                                    ["-c", "user.name=Ana", "-c", "user.email=ana@example.com", "commit", "-q", "-m", "a cafe metric"], in: scratch.url)
        XCTAssertEqual(committed.status, 0, committed.stderr)
        let reviewed = try review(scratch, base: base)
        XCTAssertEqual(reviewed.status, 1, reviewed.stdout + reviewed.stderr)
        XCTAssertTrue(reviewed.stdout.contains("its name is not valid UTF-8; rename it [file-unreadable]"), reviewed.stdout)
        let linted = try CLI.run(["lint"], in: scratch.url)
        XCTAssertTrue(linted.stdout.contains("its name is not valid UTF-8; rename it [file-unreadable]"), linted.stdout)
    }

    /// review48: a file under a folder whose name is not UTF-8 was skipped by `lint` without a word
    /// (0 errors) while the hook refused it: lint now says it cannot read it, as for a bad file name.
    func testAFileUnderAFolderNameThatIsNotUTF8IsUnreadableToLint() throws {
        let (scratch, _, _) = try start()
        let metric = "kind: Metric\nid: cafe-visits\nname: Cafe visits\nunit: count\ndirection: increase\nowner: activation-emea\n"
        try scratch.write("metric.txt", metric)
        let shell = URL(fileURLWithPath: "/bin/sh")
        let made = try CLI.run(executable: shell, ["-c", "mkdir \"playbooks/bad$(printf '\\377')\" && mv metric.txt \"playbooks/bad$(printf '\\377')/cafe.yml\""], in: scratch.url)
        XCTAssertEqual(made.status, 0, made.stderr)
        let linted = try CLI.run(["lint"], in: scratch.url)
        XCTAssertEqual(linted.status, 1, linted.stdout + linted.stderr)
        XCTAssertTrue(linted.stdout.contains("cafe.yml"), linted.stdout)
        XCTAssertTrue(linted.stdout.contains("its name is not valid UTF-8; rename it [file-unreadable]"), linted.stdout)
    }

    /// A note of only white space or invisible characters explains nothing, as lint reads a blank `learnings`.
    func testABlankApprovalNoteDoesNotExplainAResultEdit() throws {
        for note in ["\" \"", "\"\\u200b\""] {
            let (scratch, repository, base) = try start(experiment: Self.concluded)
            let edited = Self.concluded.replacing("lift: 0.03", with: "lift: 0.05")
                + "approvals:\n  - {by: Lea Marx, role: growth council, date: 2026-11-18, note: \(note)}\n"
            _ = try commit(repository, scratch, ["playbooks/EXP-1.yml": edited], "better lift, blank note")
            let result = try review(scratch, base: base)
            XCTAssertEqual(result.status, 1, note + "\n" + result.stdout)
            XCTAssertTrue(result.stdout.contains("[history-result-edit]"), result.stdout)
        }
        let (scratch, repository, base) = try start(experiment: Self.concluded)
        let blank = Self.concluded.replacing("learnings: Short lessons bring learners back.", with: "learnings: \"\\u200b\"")
        _ = try commit(repository, scratch, ["playbooks/EXP-1.yml": blank], "invisible learnings")
        let linted = try CLI.run(["lint"], in: scratch.url)
        XCTAssertEqual(linted.status, 1, linted.stdout)
        XCTAssertTrue(linted.stdout.contains("lacks learnings"), linted.stdout)
        _ = base
    }

    /// A result without its outcome is told to record the outcome, not to write down learnings it has.
    func testAResultWithoutAnOutcomeIsAskedForTheOutcome() throws {
        let (scratch, repository, _) = try start(experiment: Self.concluded.replacing("outcome: win, ", with: ""))
        _ = repository
        let linted = try CLI.run(["lint"], in: scratch.url)
        XCTAssertEqual(linted.status, 1, linted.stdout)
        XCTAssertTrue(linted.stdout.contains("the result of concluded experiment EXP-1 lacks outcome; record its outcome (win, loss, flat or inconclusive) so other squads can use it"),
                      linted.stdout)
        XCTAssertFalse(linted.stdout.contains("write down what was learnt"), linted.stdout)
    }
}
