import Foundation
import PlaybookGit
import XCTest

final class LintCommandTests: XCTestCase {
    func testBundledExampleLintsClean() throws {
        let result = try CLI.run(["lint"], in: CLI.repositoryRoot)
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        XCTAssertFalse(result.stdout.contains("error:"), result.stdout)
        XCTAssertTrue(result.stderr.contains("0 errors"), result.stderr)
    }

    /// The example's hypotheses are all different ideas: read by meaning, none may be called a
    /// duplicate of another (a too-low bar once flagged a streak freeze against an exam countdown).
    func testBundledExampleHasNoDuplicateWarningsByMeaning() throws {
        let result = try CLI.run(["lint", "--engine", "model"], in: CLI.repositoryRoot)
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        XCTAssertFalse(result.stdout.contains("[overlap-duplicate]"), result.stdout)
        XCTAssertTrue(result.stderr.contains("0 errors, 0 warnings"), result.stderr)
    }

    func testCleanPlaybookExitsZero() throws {
        let scratch = try ScratchDirectory()
        try SmallPlaybook.write(into: scratch)
        let result = try CLI.run(["lint"], in: scratch.url)
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        XCTAssertEqual(result.stdout, "")
        XCTAssertEqual(result.stderr, "0 errors, 0 warnings in 2 files (2 entities)\n")
    }

    /// Named paths: the summary said "in 1 file (115 entities)", the file named beside the whole playbook's entities.
    func testTheSummaryOfNamedPathsSaysOfHowManyFilesAndWhoseEntities() throws {
        let scratch = try ScratchDirectory()
        try SmallPlaybook.write(into: scratch)
        let named = try CLI.run(["lint", "playbooks/metrics.yml"], in: scratch.url)
        XCTAssertEqual(named.status, 0, named.stdout + named.stderr)
        XCTAssertEqual(named.stderr, "0 errors, 0 warnings in 1 file of 2 (2 entities in the playbook)\n")
        // Naming every file is the whole playbook again.
        let all = try CLI.run(["lint", "playbooks"], in: scratch.url)
        XCTAssertEqual(all.stderr, "0 errors, 0 warnings in 2 files (2 entities)\n")
    }

    /// An empty playbook's missing North Star is reported where it can be fixed: at the root folder,
    /// or at `roots:` in `.playbook.yml`, never at a `.playbook.yml` that does not exist (an
    /// annotation or SARIF location pointing nowhere).
    func testAnEmptyPlaybooksNorthStarFindingPointsAtAPlaceThatExists() throws {
        let scratch = try ScratchDirectory()
        try FileManager.default.createDirectory(at: scratch.url.appendingPathComponent("playbooks"), withIntermediateDirectories: true)
        let bare = try CLI.run(["lint"], in: scratch.url)
        XCTAssertEqual(bare.status, 1, bare.stdout + bare.stderr)
        XCTAssertTrue(bare.stdout.hasPrefix("playbooks/:1:1: error: exactly one metric must be the North Star"), bare.stdout)

        try FileManager.default.createDirectory(at: scratch.url.appendingPathComponent("growth"), withIntermediateDirectories: true)
        try "rules:\n  north-star: error\nroots:\n  - growth\n".write(
            to: scratch.url.appendingPathComponent(".playbook.yml"), atomically: true, encoding: .utf8)
        let configured = try CLI.run(["lint", "--format", "github"], in: scratch.url)
        XCTAssertEqual(configured.status, 1, configured.stdout + configured.stderr)
        XCTAssertTrue(configured.stdout.hasPrefix("::error file=.playbook.yml,line=4,col=5,title=playbook north-star::"), configured.stdout)
    }

    /// A file named from a folder in no playbook is linted in its own repository (its
    /// configuration, its references), not alone, where the North Star and every reference read as missing.
    func testAFileNamedFromOutsideItsRepositoryIsLintedInIt() throws {
        let scratch = try ScratchDirectory()
        _ = try PlaybookGit.Repository.create(at: scratch.url.path)
        try SmallPlaybook.write(into: scratch)
        let outside = try ScratchDirectory()
        let file = scratch.url.appendingPathComponent("playbooks/squads/activation-emea.yml").path
        let result = try CLI.run(["lint", file], in: outside.url)
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        XCTAssertEqual(result.stdout, "")
        // A broken reference is still found there.
        try scratch.write("playbooks/squads/activation-emea.yml", SmallPlaybook.squad.replacingOccurrences(of: "metrics: [weekly-active-learners]", with: "metrics: [no-such-metric]"))
        let broken = try CLI.run(["lint", file], in: outside.url)
        XCTAssertEqual(broken.status, 1, broken.stdout + broken.stderr)
        XCTAssertTrue(broken.stdout.contains("no-such-metric"), broken.stdout)
        XCTAssertFalse(broken.stdout.contains("north-star"), broken.stdout)
    }

    func testErrorsExitOneWithFileLineColumnSeverityMessageAndRule() throws {
        let scratch = try ScratchDirectory()
        try SmallPlaybook.write(into: scratch)
        try scratch.write("playbooks/squads/activation-emea.yml", SmallPlaybook.brokenSquad)
        let result = try CLI.run(["lint"], in: scratch.url)
        XCTAssertEqual(result.status, 1)
        // One typo, one error: not also "missing required field funnel_stage".
        XCTAssertEqual(result.stdout, """
        playbooks/squads/activation-emea.yml:4:1: error: unknown key "funnel_stag" in Squad activation-emea; did you mean "funnel_stage"? [schema-unknown-key]

        """)
        XCTAssertFalse(result.stdout.contains("\u{1B}"), "no colour when not on a terminal")
    }

    func testSubfolderRunFindsTheRepositoryTopAndItsConfiguration() throws {
        let scratch = try ScratchDirectory()
        try scratch.write(".playbook.yml", "roots: [growth]\n")
        try scratch.write("growth/metrics.yml", SmallPlaybook.metrics)
        try scratch.write("growth/squads/activation-emea.yml", SmallPlaybook.brokenSquad)
        let result = try CLI.run(["lint"], in: scratch.url.appendingPathComponent("growth/squads"))
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stdout.hasPrefix("growth/squads/activation-emea.yml:4:1: error:"), result.stdout)
    }

    func testNamedPathsAreReportedAloneButResolveAgainstTheRepository() throws {
        let scratch = try ScratchDirectory()
        try SmallPlaybook.write(into: scratch)
        try scratch.write("playbooks/other.yml", "kind: Metric\nid: Bad_Id\n")
        let result = try CLI.run(["lint", "playbooks/squads/activation-emea.yml"], in: scratch.url)
        XCTAssertEqual(result.status, 0, result.stdout)
        XCTAssertEqual(result.stdout, "")
    }

    func testJSONFormatFollowsTheContract() throws {
        let scratch = try ScratchDirectory()
        try SmallPlaybook.write(into: scratch)
        try scratch.write("playbooks/squads/activation-emea.yml", SmallPlaybook.brokenSquad)
        let result = try CLI.run(["lint", "--format", "json"], in: scratch.url)
        XCTAssertEqual(result.status, 1)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let findings = object?["findings"] as? [[String: Any]]
        XCTAssertEqual(findings?.map { $0["rule"] as? String }, ["schema-unknown-key"])
        XCTAssertEqual(findings?.last?["line"] as? Int, 4)
        XCTAssertEqual(findings?.last?["entity"] as? String, "activation-emea")
        XCTAssertEqual((object?["summary"] as? [String: Int])?["errors"], 1)
        XCTAssertEqual(result.stderr, "", "JSON output carries its own summary")
    }

    func testBadConfigurationExitsTwoWithALocatedMessage() throws {
        let scratch = try ScratchDirectory()
        try SmallPlaybook.write(into: scratch)
        try scratch.write(".playbook.yml", "rules:\n  north-sta: off\n")
        let result = try CLI.run(["lint"], in: scratch.url)
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains(".playbook.yml:2:3: unknown rule \"north-sta\""), result.stderr)
    }

    func testMissingPathAndBadOptionsExitTwo() throws {
        let scratch = try ScratchDirectory()
        try SmallPlaybook.write(into: scratch)
        let missing = try CLI.run(["lint", "nowhere.yml"], in: scratch.url)
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("no such file or folder: nowhere.yml"), missing.stderr)
        let badFormat = try CLI.run(["lint", "--format", "xml"], in: scratch.url)
        XCTAssertEqual(badFormat.status, 2)
        let unknown = try CLI.run(["lint", "--frobnicate"], in: scratch.url)
        XCTAssertEqual(unknown.status, 2)
    }

    func testHelpExitsZeroWithExamples() throws {
        let result = try CLI.run(["lint", "--help"], in: CLI.repositoryRoot)
        XCTAssertEqual(result.status, 0)
        XCTAssertTrue(result.stdout.contains("playbook lint --staged"))
    }

    func testLintNeverModifiesTheRepository() throws {
        let scratch = try ScratchDirectory()
        try SmallPlaybook.write(into: scratch)
        try scratch.write("playbooks/squads/activation-emea.yml", SmallPlaybook.brokenSquad)
        try scratch.write(".playbook.yml", "rules:\n  schema-unknown-key: warning\n")
        let before = try scratch.snapshot()
        _ = try CLI.run(["lint"], in: scratch.url)
        _ = try CLI.run(["lint", "--format", "json"], in: scratch.url)
        XCTAssertEqual(try scratch.snapshot(), before)
    }

    func testFIFOAndFolderNamedLikeYAMLAreReportedNotRead() throws {
        let scratch = try ScratchDirectory()
        try SmallPlaybook.write(into: scratch)
        XCTAssertEqual(mkfifo(scratch.url.appendingPathComponent("playbooks/pipe.yml").path, 0o644), 0)
        try FileManager.default.createDirectory(at: scratch.url.appendingPathComponent("playbooks/x.yml"), withIntermediateDirectories: true)
        let discovered = try CLI.run(["lint"], in: scratch.url)
        XCTAssertEqual(discovered.status, 1, "a FIFO would block a reader; it is an error, not a hang")
        XCTAssertEqual(discovered.stdout, """
        playbooks/pipe.yml:1:1: error: cannot read the file: it is not a regular file (a FIFO, socket or device) [file-unreadable]
        playbooks/x.yml:1:1: error: cannot read the file: it is a folder, not a file [file-unreadable]

        """)
        let named = try CLI.run(["lint", "playbooks/pipe.yml"], in: scratch.url)
        XCTAssertEqual(named.status, 1)
        XCTAssertTrue(named.stdout.contains("playbooks/pipe.yml:1:1: error: cannot read the file: it is not a regular file"), named.stdout)
    }

    /// A FIFO named on the command line is not opened at all: opening it, even without blocking, wakes a
    /// writer waiting on it (whose next write then fails).
    func testAWriterWaitingOnANamedFIFOIsNotWoken() throws {
        let scratch = try ScratchDirectory()
        try SmallPlaybook.write(into: scratch)
        let path = scratch.url.appendingPathComponent("playbooks/pipe.yml").path
        XCTAssertEqual(mkfifo(path, 0o644), 0)
        let woken = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            let fd = open(path, O_WRONLY)
            woken.signal()
            if fd >= 0 { close(fd) }
        }
        let named = try CLI.run(["lint", "playbooks/pipe.yml"], in: scratch.url)
        XCTAssertEqual(named.status, 1)
        XCTAssertTrue(named.stdout.contains("playbooks/pipe.yml:1:1: error: cannot read the file: it is not a regular file"), named.stdout)
        let stillWaiting = woken.wait(timeout: .now() + 0.5) == .timedOut
        XCTAssertTrue(stillWaiting, "lint opened the FIFO and woke its writer")
        if stillWaiting {
            // Let the writer go.
            let reader = open(path, O_RDONLY | O_NONBLOCK)
            woken.wait()
            if reader >= 0 { close(reader) }
        }
    }

    func testSymbolicLinksAreReportedNotFollowed() throws {
        let scratch = try ScratchDirectory()
        try SmallPlaybook.write(into: scratch)
        let outside = try ScratchDirectory()
        try outside.write("secret.yml", "kind: Metric\nid: Not_Read\n")
        try FileManager.default.createSymbolicLink(atPath: scratch.url.appendingPathComponent("playbooks/link.yml").path,
                                                   withDestinationPath: outside.url.appendingPathComponent("secret.yml").path)
        try FileManager.default.createSymbolicLink(atPath: scratch.url.appendingPathComponent("playbooks/linked-folder").path,
                                                   withDestinationPath: outside.url.path)
        let result = try CLI.run(["lint"], in: scratch.url)
        XCTAssertEqual(result.status, 1)
        let lines = result.stdout.split(separator: "\n")
        XCTAssertEqual(lines.count, 2, result.stdout)
        XCTAssertTrue(result.stdout.hasPrefix("playbooks/link.yml:1:1: error: cannot read the file: it is a symbolic link"), result.stdout)
        XCTAssertTrue(lines.last?.hasPrefix("playbooks/linked-folder:1:1: error: cannot read the file: it is a symbolic link to a folder") == true, result.stdout)
        XCTAssertFalse(result.stdout.contains("Not_Read"))
    }
}

final class LintFormatTests: XCTestCase {
    func brokenPlaybook() throws -> ScratchDirectory {
        let scratch = try ScratchDirectory()
        try SmallPlaybook.write(into: scratch)
        try scratch.write("playbooks/squads/activation-emea.yml", SmallPlaybook.brokenSquad)
        return scratch
    }

    func testEveryFormatExitsOneOnErrorsAndNamesTheLocation() throws {
        let scratch = try brokenPlaybook()
        let expectations = [
            "sarif": "\"startLine\": 4, \"startColumn\": 1",
            "github": "::error file=playbooks/squads/activation-emea.yml,line=4,col=1,title=playbook schema-unknown-key::",
            "junit": "<failure message=\"unknown key &quot;funnel_stag&quot;",
            "json": "\"line\": 4, \"column\": 1, \"rule\": \"schema-unknown-key\"",
        ]
        for (format, fragment) in expectations {
            let result = try CLI.run(["lint", "--format", format], in: scratch.url)
            XCTAssertEqual(result.status, 1, format)
            XCTAssertTrue(result.stdout.contains(fragment), "\(format):\n\(result.stdout)")
            XCTAssertEqual(result.stderr, "", "\(format) keeps standard error quiet")
        }
    }

    func testTodayMakesStaleExperimentsReproducible() throws {
        let scratch = try ScratchDirectory()
        try SmallPlaybook.write(into: scratch)
        try scratch.write("playbooks/work.yml", """
        kind: Hypothesis
        id: HYP-1
        squad: activation-emea
        title: Shorter lessons
        statement: {change: shorter lessons, audience: new learners, outcome: more return, rationale: drop-off data}
        metric: weekly-active-learners
        expected_lift: 0.02
        ice: {impact: 5, confidence: 5, ease: 5}
        status: testing
        ---
        kind: Experiment
        id: EXP-1
        squad: activation-emea
        title: Five-minute lesson
        hypothesis: HYP-1
        status: running
        metrics: {primary: weekly-active-learners}
        surface: ios/lesson
        design: {mde: 0.02, power: 0.8, alpha: 0.05, duration_days: 14}
        start: 2026-06-01
        end: 2026-06-15
        """)
        let before = try CLI.run(["lint", "--today", "2026-06-10"], in: scratch.url)
        XCTAssertEqual(before.stdout, "")
        let after = try CLI.run(["lint", "--today", "2026-06-16"], in: scratch.url)
        XCTAssertEqual(after.status, 0, "a stale experiment is a warning")
        XCTAssertTrue(after.stdout.contains("playbooks/work.yml:21:6: warning: EXP-1 is still running after its planned end 2026-06-15 (today is 2026-06-16)"), after.stdout)
        XCTAssertEqual(try CLI.run(["lint", "--today", "2026-02-30"], in: scratch.url).status, 2)
    }
}
