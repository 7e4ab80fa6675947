import Foundation
import PlaybookGit
import XCTest

final class OverlapsCommandTests: XCTestCase {
    static func experiment(_ id: String, squad: String, surface: String, start: String, end: String, extra: String = "") -> String {
        """
        kind: Experiment
        id: \(id)
        squad: \(squad)
        title: Experiment \(id)
        hypothesis: HYP-0001
        status: running
        metrics: {primary: weekly-active-learners}
        surface: \(surface)
        start: \(start)
        end: \(end)
        \(extra)
        """
    }

    static func hypothesis(_ id: String, squad: String, title: String, change: String) -> String {
        """
        kind: Hypothesis
        id: \(id)
        squad: \(squad)
        title: \(title)
        statement: {change: \(change), audience: new learners, outcome: more come back, rationale: interviews}
        metric: weekly-active-learners
        ice: {impact: 5, confidence: 5, ease: 5}
        status: backlog
        """
    }

    /// Three squads with one idea, and two colliding experiments.
    func repository() throws -> ScratchDirectory {
        let scratch = try ScratchDirectory()
        try SmallPlaybook.write(into: scratch)
        try scratch.write("playbooks/hypotheses.yml", [
            Self.hypothesis("HYP-0001", squad: "activation-emea", title: Self.idea.0, change: Self.idea.1),
            Self.hypothesis("HYP-0002", squad: "activation-latam", title: "Evening reminder to save a streak", change: "notify learners in the evening when their streak is about to break"),
            Self.hypothesis("HYP-0003", squad: "retention-apac", title: "Streak reminder notifications at night", change: "send a push notification at night to learners whose streak will break"),
            Self.hypothesis("HYP-0004", squad: "revenue-emea", title: "Annual plan price test", change: "raise the annual plan price by 10%"),
        ].joined(separator: "\n---\n"))
        try scratch.write("playbooks/experiments.yml", [
            Self.experiment("EXP-0001", squad: "activation-emea", surface: "web/checkout", start: "2026-07-06", end: "2026-07-27"),
            Self.experiment("EXP-0002", squad: "revenue-emea", surface: "web/checkout/payment", start: "2026-07-20", end: "2026-08-10",
                            extra: "audience: {regions: [emea]}"),
            // A near miss twice over: after EXP-0001 ends, and for other regions than EXP-0002.
            Self.experiment("EXP-0003", squad: "revenue-emea", surface: "web/checkout", start: "2026-08-01", end: "2026-08-20",
                            extra: "audience: {regions: [latam]}"),
        ].joined(separator: "\n---\n"))
        return scratch
    }

    static let idea = ("Streak reminders bring learners back", "send a push reminder in the evening when a streak is at risk")

    func testJSONFollowsTheContract() throws {
        let scratch = try repository()
        let result = try CLI.run(["overlaps", "--format", "json", "--engine", "lexical", "--today", "2026-07-21"], in: scratch.url)
        XCTAssertEqual(result.status, 1, "an unacknowledged collision is an error\n" + result.stdout + result.stderr)
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        XCTAssertEqual(json?["version"] as? Int, 1)
        let overlaps = json?["overlaps"] as? [[String: Any]] ?? []
        let collisions = overlaps.filter { $0["kind"] as? String == "collision" }
        XCTAssertEqual(collisions.map { $0["entities"] as? [String] ?? [] }, [["EXP-0001", "EXP-0002"]])
        XCTAssertEqual(collisions.first?["squads"] as? [String], ["activation-emea", "revenue-emea"])
        let duplicates = overlaps.filter { $0["kind"] as? String == "duplicate" }
        XCTAssertEqual(Set(duplicates.map { $0["entities"] as? [String] ?? [] }), [["HYP-0001", "HYP-0002"], ["HYP-0001", "HYP-0003"], ["HYP-0002", "HYP-0003"]])
        for overlap in overlaps {
            let score = overlap["score"] as? Double ?? -1
            XCTAssertTrue((0...1).contains(score))
            XCTAssertFalse((overlap["reason"] as? String ?? "").isEmpty)
            XCTAssertEqual((overlap["squads"] as? [String])?.count, 2)
        }
    }

    /// 25 experiments live together on web/x (24 partners each, and EXP-B: 25), and EXP-B on a
    /// nested surface for EMEA, which meets only the first two (the rest are for LATAM).
    func crowdedRepository(limit: Int?) throws -> ScratchDirectory {
        let scratch = try ScratchDirectory()
        try SmallPlaybook.write(into: scratch)
        try scratch.write("playbooks/hypotheses.yml", Self.hypothesis("HYP-0001", squad: "activation-emea", title: Self.idea.0, change: Self.idea.1))
        let crowd = (1...25).map { index in
            Self.experiment(String(format: "EXP-A%02d", index), squad: "activation-emea", surface: "web/x", start: "2026-07-01", end: "2026-07-31",
                            extra: index <= 2 ? "" : "audience: {regions: [latam]}")
        }
        try scratch.write("playbooks/experiments.yml", (crowd + [
            Self.experiment("EXP-B", squad: "activation-emea", surface: "web/x/b", start: "2026-07-01", end: "2026-07-31", extra: "audience: {regions: [emea]}"),
        ]).joined(separator: "\n---\n"))
        if let limit { try scratch.write(".playbook.yml", "rules:\n  overlap-collision: {per_experiment: \(limit)}\n") }
        return scratch
    }

    func testAnExperimentCollidingWithMoreThanTheLimitIsOneEntryWithItsCount() throws {
        let scratch = try crowdedRepository(limit: 10)
        let result = try CLI.run(["overlaps", "--format", "json", "--engine", "lexical", "--today", "2026-07-21"], in: scratch.url)
        XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let collisions = (json["overlaps"] as? [[String: Any]] ?? []).filter { $0["kind"] as? String == "collision" }
        let entries = collisions.filter { $0["more"] != nil }
        // EXP-A01 and A02 meet 24 others and EXP-B; A03…A25 meet 24; EXP-B meets 2, each a pair.
        XCTAssertEqual(entries.count, 25)
        let first = try XCTUnwrap(entries.first { ($0["entities"] as? [String])?.first == "EXP-A01" })
        // The contract's pair stays a pair (it and its first partner); the first 20 are `partners`.
        XCTAssertEqual(first["entities"] as? [String], ["EXP-A01", "EXP-A02"])
        let partners = first["partners"] as? [[String: Any]] ?? []
        XCTAssertEqual(partners.compactMap { $0["id"] as? String }, (2...21).map { String(format: "EXP-A%02d", $0) })
        XCTAssertEqual(partners.first?["squad"] as? String, "activation-emea")
        XCTAssertEqual(first["more"] as? Int, 5)
        XCTAssertEqual((first["squads"] as? [String])?.count, 2)
        XCTAssertEqual((first["files"] as? [String])?.first, "playbooks/experiments.yml:2:5")
        let reason = first["reason"] as? String ?? ""
        XCTAssertTrue(reason.hasPrefix("EXP-A01 collides with 25 experiments on web/x or a surface nested with it while it is live from 2026-07-01 to 2026-07-31, "
                                       + "more than 10 to list pair by pair; the first 20 (by id, its own squad's first, acknowledged ones last): EXP-A02, EXP-A03, "), reason)
        XCTAssertTrue(reason.contains("EXP-A21, and 5 more; "), reason)
        // EXP-B is under the limit: its two pairs are listed; no two busy experiments make a pair entry.
        let pairs = collisions.filter { $0["more"] == nil }.map { $0["entities"] as? [String] ?? [] }
        XCTAssertEqual(pairs, [["EXP-A01", "EXP-B"], ["EXP-A02", "EXP-B"]])
        let text = try CLI.run(["overlaps", "--engine", "lexical", "--today", "2026-07-21"], in: scratch.url)
        XCTAssertTrue(text.stdout.contains("Colliding experiments: 1 cluster, 2 pairs, and 25 experiments colliding with too many to list pair by pair, each listed once\n"), text.stdout)
        XCTAssertTrue(text.stdout.contains("     EXP-A01 ↔ 25 experiments: EXP-A01 collides with 25 experiments on web/x"), text.stdout)
        XCTAssertTrue(text.stdout.contains("       playbooks/experiments.yml:2:5 EXP-A01\n"), text.stdout)
    }

    func testUnderTheLimitOrWithNoLimitEveryPairIsListed() throws {
        // The default limit, 200, is far above 25: the 302 pairs one by one, as with no limit (0).
        for limit in [nil, 0, 25] {
            let scratch = try crowdedRepository(limit: limit)
            let result = try CLI.run(["overlaps", "--format", "json", "--engine", "lexical", "--today", "2026-07-21"], in: scratch.url)
            XCTAssertEqual(result.status, 1)
            let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            let collisions = (json["overlaps"] as? [[String: Any]] ?? []).filter { $0["kind"] as? String == "collision" }
            XCTAssertEqual(collisions.count, 25 * 24 / 2 + 2, "limit \(String(describing: limit))")
            XCTAssertTrue(collisions.allSatisfy { $0["more"] == nil && ($0["entities"] as? [String])?.count == 2 })
            XCTAssertFalse(result.stdout.contains("too many"))
        }
    }

    func testTextGroupsThreeSquadsWithOneIdeaIntoOneCluster() throws {
        let scratch = try repository()
        let result = try CLI.run(["overlaps", "--engine", "lexical", "--today", "2026-07-21"], in: scratch.url)
        XCTAssertTrue(result.stdout.contains("Duplicated work: 1 cluster, 3 pairs"), result.stdout)
        XCTAssertTrue(result.stdout.contains("HYP-0001 (activation-emea), HYP-0002 (activation-latam), HYP-0003 (retention-apac) — 3 squads"), result.stdout)
        XCTAssertTrue(result.stdout.contains("Colliding experiments: 1 cluster, 1 pair"), result.stdout)
    }

    /// The clusters of the text output as Markdown (for a pull-request comment): headings, a numbered
    /// item a cluster, a bullet a pair with its reason and both places; a hostile file name stays code.
    func testMarkdownListsTheSameClustersWithEveryStringInert() throws {
        let scratch = try repository()
        let hostile = "playbooks/`x` | @team <b>.yml"
        try FileManager.default.moveItem(at: scratch.url.appendingPathComponent("playbooks/experiments.yml"),
                                         to: scratch.url.appendingPathComponent(hostile))
        let result = try CLI.run(["overlaps", "--format", "markdown", "--engine", "lexical", "--today", "2026-07-21"], in: scratch.url)
        XCTAssertEqual(result.status, 1, "a collision is an error, as in text: " + result.stderr)
        let text = try CLI.run(["overlaps", "--engine", "lexical", "--today", "2026-07-21"], in: scratch.url)
        let reasons = text.stdout.split(separator: "\n").filter { $0.contains(" ↔ ") }.map { String($0.split(separator: ": ", maxSplits: 1)[1]) }
        XCTAssertEqual(reasons.count, 4, text.stdout)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        XCTAssertEqual(Array(lines.prefix(5)), [
            "### Overlaps across squads", "", "#### Colliding experiments: 1 cluster, 1 pair", "",
            "1. **EXP-0001** (activation-emea), **EXP-0002** (revenue-emea) — 2 squads",
        ], result.stdout)
        XCTAssertTrue(lines[5].hasPrefix("   - **EXP-0001 ↔ EXP-0002**: "), lines[5])
        // Outside a table a code span shows a backslash as it is: the pipe is written bare.
        XCTAssertTrue(lines[5].hasSuffix(" (``playbooks/`x` | @team <b>.yml:2:5``, ``playbooks/`x` | @team <b>.yml:14:5``)"), lines[5])
        XCTAssertTrue(result.stdout.contains("\n#### Duplicated work: 1 cluster, 3 pairs\n\n1. **HYP-0001** (activation-emea), **HYP-0002** "
                                             + "(activation-latam), **HYP-0003** (retention-apac) — 3 squads\n"), result.stdout)
        let bullets = lines.filter { $0.hasPrefix("   - **") }
        XCTAssertEqual(bullets.count, 4, result.stdout)
        for (bullet, reason) in zip(bullets, reasons) {
            XCTAssertTrue(bullet.replacingOccurrences(of: "\\", with: "").contains(reason.replacingOccurrences(of: "\\", with: "")), bullet + "\n" + reason)
        }
        // The file name's pipe and @ only inside code spans: outside one a pipe splits a table and an @ mentions.
        XCTAssertEqual(result.stdout.components(separatedBy: "@team").count - 1, 2)
        XCTAssertEqual(result.stdout.components(separatedBy: "``playbooks/`x` | @team <b>.yml:").count - 1, 2)
        XCTAssertFalse(result.stdout.contains("\u{1B}"), result.stdout)
    }

    func testThresholdChangesWhatCountsAndIsValidated() throws {
        let scratch = try repository()
        let strict = try CLI.run(["overlaps", "--format", "json", "--engine", "lexical", "--threshold", "0.99", "--today", "2026-07-21"], in: scratch.url)
        XCTAssertFalse(strict.stdout.contains("\"duplicate\""), strict.stdout)
        let bad = try CLI.run(["overlaps", "--threshold", "1.5"], in: scratch.url)
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.stderr.contains("between 0 and 1"), bad.stderr)
    }

    func testConfigurationSetsTheThresholdInHundredthsAndSameSquad() throws {
        let scratch = try repository()
        try scratch.write(".playbook.yml", "rules:\n  overlap-duplicate: {threshold_percent: 99}\n")
        let strict = try CLI.run(["overlaps", "--format", "json", "--engine", "lexical", "--today", "2026-07-21"], in: scratch.url)
        XCTAssertFalse(strict.stdout.contains("\"duplicate\""), strict.stdout + strict.stderr)
        let overridden = try CLI.run(["overlaps", "--format", "json", "--engine", "lexical", "--threshold", "0.3", "--today", "2026-07-21"], in: scratch.url)
        XCTAssertTrue(overridden.stdout.contains("\"duplicate\""), overridden.stdout + overridden.stderr)
        let lint = try CLI.run(["lint", "--format", "json", "--today", "2026-07-21"], in: scratch.url)
        XCTAssertFalse(lint.stdout.contains("overlap-duplicate"), lint.stdout)
    }

    /// A threshold past 100 hundredths was taken as 1 (nothing is ever a duplicate) without a word:
    /// it is refused at its place, with exit 2, in `overlaps` and `lint` alike; `same_squad` takes
    /// true or false (as 1 and 0 it still reads), and compares work within one squad when true.
    func testAThresholdOutsideZeroToOneHundredIsRefusedAndSameSquadIsABoolean() throws {
        let scratch = try repository()
        for (value, message) in [("500", "must be a whole number from 0 to 100, found \"500\""),
                                 ("101", "must be a whole number from 0 to 100, found \"101\""),
                                 ("-1", "must be a whole number from 0 to 100, found \"-1\"")] {
            try scratch.write(".playbook.yml", "rules:\n  overlap-duplicate:\n    threshold_percent: \(value)\n")
            for command in ["overlaps", "lint"] {
                let result = try CLI.run([command, "--engine", "lexical", "--today", "2026-07-21"], in: scratch.url)
                XCTAssertEqual(result.status, 2, command + ": " + result.stdout + result.stderr)
                XCTAssertTrue(result.stderr.contains(".playbook.yml:3:24: \"overlap-duplicate.threshold_percent\" " + message), command + ": " + result.stderr)
            }
        }
        // HYP-0005 restates HYP-0004's idea in HYP-0004's own squad.
        let hypotheses = try String(contentsOf: scratch.url.appendingPathComponent("playbooks/hypotheses.yml"), encoding: .utf8)
        try scratch.write("playbooks/hypotheses.yml", hypotheses + "\n---\n"
            + Self.hypothesis("HYP-0005", squad: "revenue-emea", title: "Annual plan price rise", change: "raise the price of the annual plan by 10%"))
        func sameSquadPair(_ setting: String?) throws -> Bool {
            try scratch.write(".playbook.yml", setting.map { "rules:\n  overlap-duplicate: {same_squad: \($0)}\n" } ?? "")
            let result = try CLI.run(["overlaps", "--format", "json", "--engine", "lexical", "--today", "2026-07-21"], in: scratch.url)
            XCTAssertNotEqual(result.status, 2, "\(setting ?? "unset"): " + result.stderr)
            let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], result.stdout)
            return (json["overlaps"] as? [[String: Any]] ?? []).contains { $0["entities"] as? [String] == ["HYP-0004", "HYP-0005"] }
        }
        XCTAssertFalse(try sameSquadPair(nil))
        XCTAssertTrue(try sameSquadPair("true"))
        XCTAssertTrue(try sameSquadPair("1"))
        XCTAssertFalse(try sameSquadPair("false"))
        XCTAssertFalse(try sameSquadPair("0"))
        try scratch.write(".playbook.yml", "rules:\n  overlap-duplicate: {same_squad: yes}\n")
        let refused = try CLI.run(["overlaps", "--engine", "lexical"], in: scratch.url)
        XCTAssertEqual(refused.status, 2, refused.stderr)
        XCTAssertTrue(refused.stderr.contains(".playbook.yml:2:35: \"overlap-duplicate.same_squad\" must be true or false, found \"yes\""), refused.stderr)
    }

    func testWithoutTheModelAutoFallsBackToWordsAndModelRefuses() throws {
        let scratch = try repository()
        let missing = ["PLAYBOOK_MODEL": scratch.url.appendingPathComponent("no-model").path]
        let auto = try CLI.run(["overlaps", "--format", "json", "--today", "2026-07-21"], in: scratch.url, environment: missing)
        XCTAssertEqual(auto.status, 1, "the collision still fails the run; the engine changes no exit code\n" + auto.stderr)
        XCTAssertTrue(auto.stderr.contains("using the lexical similarity engine"), auto.stderr)
        XCTAssertTrue(auto.stdout.contains("\"duplicate\""), auto.stdout)
        let model = try CLI.run(["overlaps", "--engine", "model", "--today", "2026-07-21"], in: scratch.url, environment: missing)
        XCTAssertEqual(model.status, 2, model.stderr)
    }

    /// Without the model the JSON of `overlaps` and of `lint` says the texts were compared by words
    /// (`engine`, as `search --format json` has it; lint's `engine_note` also says why), not only standard error.
    func testJSONSaysWhichEngineComparedTheTexts() throws {
        let scratch = try repository()
        let missing = ["PLAYBOOK_MODEL": scratch.url.appendingPathComponent("no-model").path]
        func json(_ arguments: [String], _ environment: [String: String] = [:]) throws -> [String: Any] {
            let result = try CLI.run(arguments + ["--format", "json", "--today", "2026-07-21"], in: scratch.url, environment: environment)
            return try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], result.stdout + result.stderr)
        }
        XCTAssertEqual(try json(["overlaps"], missing)["engine"] as? String, "lexical")
        XCTAssertEqual(try json(["overlaps", "--engine", "lexical"])["engine"] as? String, "lexical")
        let lint = try json(["lint"], missing)
        XCTAssertEqual(lint["engine"] as? String, "lexical")
        XCTAssertTrue((lint["engine_note"] as? String ?? "").contains("no sentence-embedding model"), "\(lint)")
        XCTAssertNotNil(lint["summary"] as? [String: Int], "the summary stays whole numbers: \(lint)")
        let chosen = try json(["lint", "--engine", "lexical"])
        XCTAssertEqual(chosen["engine"] as? String, "lexical")
        XCTAssertNil(chosen["engine_note"])
        let model = try json(["overlaps", "--engine", "model"])
        XCTAssertEqual(model["engine"] as? String, "all-MiniLM-L6-v2", "run scripts/setup to install the model")
    }

    /// The pre-commit hook compares by meaning too: a restatement sharing no words is found with the model.
    func testLintFindsARewordingByMeaningWithTheModelAndSaysSoOnceWithout() throws {
        let scratch = try twoSquadRepository(
            ("Welcome tutorial video", "show a short video walkthrough when people first open the app"),
            ("First-launch guided tour", "play a brief clip explaining the product on initial startup"))
        let words = try CLI.run(["lint", "--format", "json", "--engine", "lexical", "--today", "2026-07-21"], in: scratch.url)
        XCTAssertFalse(words.stdout.contains("\"overlap-duplicate\""), "no shared words, so words alone miss it: " + words.stdout)
        let meaning = try CLI.run(["lint", "--format", "json", "--engine", "model", "--today", "2026-07-21"], in: scratch.url)
        XCTAssertEqual(meaning.status, 0, "run scripts/setup to install the model\n" + meaning.stderr)
        XCTAssertTrue(meaning.stdout.contains("\"overlap-duplicate\""), meaning.stdout + meaning.stderr)
        // The vectors were cached under .git/playbook for the next run.
        XCTAssertTrue(FileManager.default.fileExists(atPath: scratch.url.appendingPathComponent(".git/playbook/embedding-cache").path))

        let missing = ["PLAYBOOK_MODEL": scratch.url.appendingPathComponent("no-model").path]
        let fallback = try CLI.run(["lint", "--today", "2026-07-21"], in: scratch.url, environment: missing)
        XCTAssertEqual(fallback.status, 0, fallback.stderr)
        XCTAssertEqual(fallback.stderr.components(separatedBy: "duplicates compared by words").count - 1, 1, fallback.stderr)
        let refused = try CLI.run(["lint", "--engine", "model", "--today", "2026-07-21"], in: scratch.url, environment: missing)
        XCTAssertEqual(refused.status, 2, refused.stderr)
    }

    /// Two hypotheses of one squad, so that lint compares (and embeds) them.
    static let pair = [
        hypothesis("HYP-0001", squad: "activation-emea", title: "Welcome tutorial video", change: "show a short video walkthrough when people first open the app"),
        hypothesis("HYP-0002", squad: "activation-emea", title: "Shorter signup", change: "ask only for an email address on the signup form"),
    ].joined(separator: "\n---\n")

    /// A playbook outside git keeps its vectors in the per-user cache folder, and a git worktree (whose
    /// `.git` is a file) in its own git folder: the second lint encodes nothing.
    func testLintOutsideGitAndBehindAGitFileCachesItsVectors() throws {
        // Where scripts/setup installs the model for this user (the lint below sets XDG_CACHE_HOME).
        let environment0 = ProcessInfo.processInfo.environment
        let model = environment0["PLAYBOOK_MODEL"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((environment0["XDG_CACHE_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil } ?? ((environment0["HOME"] ?? "") + "/.cache"))
                + "/playbook/models/all-MiniLM-L6-v2")
        let scratch = try ScratchDirectory()
        try SmallPlaybook.write(into: scratch)
        try scratch.write("playbooks/hypotheses.yml", Self.pair)
        let userCache = scratch.url.appendingPathComponent("xdg").path
        let environment = ["PLAYBOOK_MODEL": model, "XDG_CACHE_HOME": userCache]
        let first = try CLI.run(["lint", "--engine", "model", "--today", "2026-07-21"], in: scratch.url, environment: environment)
        XCTAssertEqual(first.status, 0, "run scripts/setup to install the model\n" + first.stderr)
        let file = userCache + "/playbook/embeddings/embedding-cache"
        XCTAssertTrue(FileManager.default.fileExists(atPath: file), "outside git, vectors go to the per-user cache")
        let written = try FileManager.default.attributesOfItem(atPath: file)[.modificationDate] as? Date
        // A model that cannot load proves the second run needs none. It has the installed model's folder
        // name, which the cache's entries are kept under (a folder of another name would miss them all,
        // need the model, and stop the run: see the test below).
        let broken = scratch.url.appendingPathComponent("broken/" + URL(fileURLWithPath: model).lastPathComponent).path
        try FileManager.default.createDirectory(atPath: broken, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: model + "/vocab.txt", toPath: broken + "/vocab.txt")
        try FileManager.default.copyItem(atPath: model + "/config.json", toPath: broken + "/config.json")
        try Data("not weights".utf8).write(to: URL(fileURLWithPath: broken + "/model.safetensors"))
        let second = try CLI.run(["lint", "--engine", "model", "--today", "2026-07-21"], in: scratch.url,
                                 environment: ["PLAYBOOK_MODEL": broken, "XDG_CACHE_HOME": userCache])
        XCTAssertEqual(second.status, 0, "every vector came from the cache\n" + second.stderr)
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: file)[.modificationDate] as? Date, written)

        // The same playbook in a repository whose `.git` is a file naming the git folder (as in a
        // worktree or a submodule): the vectors go to that folder.
        let linked = try ScratchDirectory()
        _ = try Repository.create(at: linked.url.appendingPathComponent("checkout").path)
        try FileManager.default.moveItem(atPath: linked.url.path + "/checkout/.git", toPath: linked.url.path + "/gitdir")
        try linked.write("checkout/.git", "gitdir: ../gitdir\n")
        try linked.write("checkout/playbooks/metrics.yml", SmallPlaybook.metrics)
        try linked.write("checkout/playbooks/squads/activation-emea.yml", SmallPlaybook.squad)
        try linked.write("checkout/playbooks/hypotheses.yml", Self.pair)
        let inLinked = try CLI.run(["lint", "--engine", "model", "--today", "2026-07-21"], in: linked.url.appendingPathComponent("checkout"), environment: environment)
        XCTAssertEqual(inLinked.status, 0, inLinked.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: linked.url.path + "/gitdir/playbook/embedding-cache"))
    }

    func testAcknowledgedCollisionDoesNotFail() throws {
        let scratch = try repository()
        try scratch.write("playbooks/experiments.yml", [
            Self.experiment("EXP-0001", squad: "activation-emea", surface: "web/checkout", start: "2026-07-06", end: "2026-07-27"),
            Self.experiment("EXP-0002", squad: "revenue-emea", surface: "web/checkout/payment", start: "2026-07-20", end: "2026-08-10",
                            extra: "approvals: [{by: Growth council, date: 2026-07-01, overlaps: [EXP-0001]}]"),
        ].joined(separator: "\n---\n"))
        let result = try CLI.run(["overlaps", "--engine", "lexical", "--today", "2026-07-21"], in: scratch.url)
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        XCTAssertTrue(result.stdout.contains("[acknowledged by Growth council on 2026-07-01]"), result.stdout)
    }

    /// `exclusion_group: #checkout-q3` is read as a comment: the two experiments that wrote it share no group, and
    /// `playbook overlaps` says why in its reason (text and JSON) as lint's overlap-collision finding does.
    func testACollisionOfGroupsReadAsCommentsSaysWhyAsLintDoes() throws {
        let scratch = try repository()
        try scratch.write("playbooks/experiments.yml", [
            Self.experiment("EXP-0001", squad: "activation-emea", surface: "web/checkout", start: "2026-07-06", end: "2026-07-27",
                            extra: "exclusion_group: #checkout-q3"),
            Self.experiment("EXP-0002", squad: "revenue-emea", surface: "web/checkout/payment", start: "2026-07-20", end: "2026-08-10",
                            extra: "exclusion_group: #checkout-q3"),
        ].joined(separator: "\n---\n"))
        let note = "and share no exclusion_group (the exclusion_group of EXP-0001, \"#checkout-q3\", and of EXP-0002, \"#checkout-q3\", "
            + "is read as a comment: quote it to name a group); put them in one"
        let json = try CLI.run(["overlaps", "--format", "json", "--engine", "lexical", "--today", "2026-07-21"], in: scratch.url)
        XCTAssertEqual(json.status, 1, json.stdout + json.stderr)
        let overlaps = (try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])?["overlaps"] as? [[String: Any]] ?? []
        let reasons = overlaps.filter { $0["kind"] as? String == "collision" }.map { $0["reason"] as? String ?? "" }
        XCTAssertEqual(reasons.count, 1)
        XCTAssertTrue(reasons.allSatisfy { $0.contains(note) }, reasons.joined(separator: "\n"))
        let text = try CLI.run(["overlaps", "--engine", "lexical", "--today", "2026-07-21"], in: scratch.url)
        XCTAssertTrue(text.stdout.contains(note), text.stdout)
        // The same words as lint's finding, from one place.
        let lint = try CLI.run(["lint", "--format", "json", "--engine", "lexical", "--today", "2026-07-21"], in: scratch.url)
        let findings = (try JSONSerialization.jsonObject(with: Data(lint.stdout.utf8)) as? [String: Any])?["findings"] as? [[String: Any]] ?? []
        let messages = findings.filter { $0["rule"] as? String == "overlap-collision" }.map { $0["message"] as? String ?? "" }
        XCTAssertEqual(messages.count, 2)
        XCTAssertTrue(messages.allSatisfy { $0.contains(note) }, messages.joined(separator: "\n"))
        // One group written as a group: only the other is named.
        try scratch.write("playbooks/experiments.yml", [
            Self.experiment("EXP-0001", squad: "activation-emea", surface: "web/checkout", start: "2026-07-06", end: "2026-07-27",
                            extra: "exclusion_group: checkout-q3"),
            Self.experiment("EXP-0002", squad: "revenue-emea", surface: "web/checkout/payment", start: "2026-07-20", end: "2026-08-10",
                            extra: "exclusion_group: #checkout-q3"),
        ].joined(separator: "\n---\n"))
        let one = try CLI.run(["overlaps", "--engine", "lexical", "--today", "2026-07-21"], in: scratch.url)
        XCTAssertTrue(one.stdout.contains("and share no exclusion_group (the exclusion_group of EXP-0002, \"#checkout-q3\", is read as a comment: "
                                          + "quote it to name a group); put them in one"), one.stdout)
    }

    /// review 2026-12-05 (A): two squads' experiments on one surface at one time, both for `platforms: [desktop]` (not a
    /// platform: lint's schema error), collide; neither command stayed silent about it, nor says their audiences differ.
    func testAnInvalidPlatformOnBothSidesDoesNotHideTheCollision() throws {
        let scratch = try repository()
        try scratch.write("playbooks/experiments.yml", [
            Self.experiment("EXP-0005", squad: "activation-emea", surface: "web/checkout", start: "2026-11-15", end: "2026-12-20",
                            extra: "audience: {platforms: [desktop]}"),
            Self.experiment("EXP-0006", squad: "revenue-emea", surface: "web/checkout", start: "2026-11-20", end: "2026-12-25",
                            extra: "audience: {platforms: [desktop]}"),
        ].joined(separator: "\n---\n"))
        let overlaps = try CLI.run(["overlaps", "--engine", "lexical", "--today", "2026-12-01"], in: scratch.url)
        XCTAssertEqual(overlaps.status, 1, overlaps.stdout + overlaps.stderr)
        XCTAssertTrue(overlaps.stdout.contains("EXP-0005 ↔ EXP-0006"), overlaps.stdout)
        XCTAssertTrue(overlaps.stdout.contains("platforms desktop"), overlaps.stdout)
        XCTAssertFalse(overlaps.stdout.contains("audience (platform"), overlaps.stdout)
        let lint = try CLI.run(["lint", "--format", "json", "--engine", "lexical", "--today", "2026-12-01"], in: scratch.url)
        let findings = (try JSONSerialization.jsonObject(with: Data(lint.stdout.utf8)) as? [String: Any])?["findings"] as? [[String: Any]] ?? []
        XCTAssertEqual(Set(findings.filter { $0["rule"] as? String == "overlap-collision" }.compactMap { $0["entity"] as? String }),
                       ["EXP-0005", "EXP-0006"], lint.stdout)
        XCTAssertEqual(findings.filter { $0["rule"] as? String == "schema-enum" }.count, 2, lint.stdout)
    }

    /// review 2026-12-05 (E): `--today 2026-02-30` was refused (exit 2) without saying why; every command that takes
    /// --today says it as lint says it of a date in a file.
    func testAnImpossibleTodayIsRefusedSayingWhy() throws {
        let scratch = try repository()
        // A repository with a commit: `site` and `report` read history before their --today.
        let git = try Repository.create(at: scratch.url.path)
        try git.stage(paths: ["playbooks/metrics.yml", "playbooks/squads/activation-emea.yml", "playbooks/hypotheses.yml", "playbooks/experiments.yml"])
        _ = try git.commit(message: "start", author: Signature(name: "Ana Ruiz", email: "ana@example.com", time: 1_790_000_000))
        for command in [["overlaps"], ["lint"], ["review"], ["report", "okr"], ["site", "-o", "site"]] {
            let result = try CLI.run(command + ["--today", "2026-02-30"], in: scratch.url)
            XCTAssertEqual(result.status, 2, "\(command): " + result.stdout + result.stderr)
            XCTAssertTrue(result.stderr.contains("--today is \"2026-02-30\", but February 2026 has 28 days"), "\(command): " + result.stderr)
        }
        let month = try CLI.run(["overlaps", "--today", "2026-13-01"], in: scratch.url)
        XCTAssertTrue(month.stderr.contains("--today is \"2026-13-01\", but a year has 12 months (YYYY-MM-DD)"), month.stderr)
        let form = try CLI.run(["report", "okr", "--today", "1 March"], in: scratch.url)
        XCTAssertTrue(form.stderr.contains("--today must be a date written YYYY-MM-DD, found \"1 March\""), form.stderr)
    }

    func testLintReportsTheSameOverlapsAsRules() throws {
        let scratch = try repository()
        let result = try CLI.run(["lint", "--format", "json", "--engine", "lexical", "--today", "2026-07-21"], in: scratch.url)
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let findings = json?["findings"] as? [[String: Any]] ?? []
        let collisions = findings.filter { $0["rule"] as? String == "overlap-collision" }
        XCTAssertEqual(Set(collisions.compactMap { $0["entity"] as? String }), ["EXP-0001", "EXP-0002"])
        XCTAssertEqual(collisions.first?["severity"] as? String, "error")
        let duplicates = findings.filter { $0["rule"] as? String == "overlap-duplicate" }
        XCTAssertEqual(duplicates.count, 6, "three pairs, each reported on both sides")
        XCTAssertEqual(duplicates.first?["severity"] as? String, "warning")
    }

    func testBundledExampleHasNoOverlapErrors() throws {
        let result = try CLI.run(["overlaps", "--today", "2026-11-23"], in: CLI.repositoryRoot)
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
    }

    /// Two hypotheses of one metric, of two squads, whose cosine (0.33) is in the token-alignment rule's
    /// grey band: found by alignment, which `.git/playbook/alignment-cache` keeps.
    /// Compared on the model's own vectors (`meaning_map: false`), where the pair lies in the grey band
    /// that token alignment reads (through the map learned for duplicates it reads alike at once).
    func alignedRepository() throws -> ScratchDirectory {
        let scratch = try twoSquadRepository(("Shorter signup", "ask only for an email address on the signup form"),
                                             ("One-field registration", "a single box to create an account"))
        try scratch.write(".playbook.yml", "rules:\n  overlap-duplicate:\n    meaning_map: false\n")
        return scratch
    }

    /// A git repository with the small playbook, a second squad (activation-latam), and one hypothesis
    /// (title, change) of each squad: HYP-0001 of activation-emea, HYP-0002 of activation-latam.
    func twoSquadRepository(_ first: (String, String), _ second: (String, String)) throws -> ScratchDirectory {
        let scratch = try ScratchDirectory()
        _ = try Repository.create(at: scratch.url.path)
        try SmallPlaybook.write(into: scratch)
        try scratch.write("playbooks/squads/activation-latam.yml", SmallPlaybook.squad
            .replacingOccurrences(of: "activation-emea", with: "activation-latam").replacingOccurrences(of: "EMEA", with: "LATAM"))
        try scratch.write("playbooks/hypotheses.yml", [
            Self.hypothesis("HYP-0001", squad: "activation-emea", title: first.0, change: first.1),
            Self.hypothesis("HYP-0002", squad: "activation-latam", title: second.0, change: second.1),
        ].joined(separator: "\n---\n"))
        return scratch
    }

    /// The installed model's folder.
    func installedModel() -> String {
        let environment = ProcessInfo.processInfo.environment
        let model = environment["PLAYBOOK_MODEL"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((environment["XDG_CACHE_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil } ?? ((environment["HOME"] ?? "") + "/.cache"))
                + "/playbook/models/all-MiniLM-L6-v2")
        return model
    }

    /// A model folder of the installed model's name (the caches' key) whose weights cannot load: a run
    /// that needs the model fails.
    func brokenModel(in scratch: ScratchDirectory) throws -> String {
        let model = installedModel()
        let broken = scratch.url.appendingPathComponent("broken/" + URL(fileURLWithPath: model).lastPathComponent).path
        try FileManager.default.createDirectory(atPath: broken, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: model + "/vocab.txt", toPath: broken + "/vocab.txt")
        try FileManager.default.copyItem(atPath: model + "/config.json", toPath: broken + "/config.json")
        try Data("not weights".utf8).write(to: URL(fileURLWithPath: broken + "/model.safetensors"))
        return broken
    }

    /// A model whose files are all there but whose weights do not load is no model: with `--engine model`
    /// the run stops with the reason (exit 2, as when it is missing), and by default the texts are compared
    /// by words and the run says so, instead of quietly losing the comparison by meaning.
    func testAModelWhoseWeightsDoNotLoadIsSaidNotSilentlyDroppedBy() throws {
        let scratch = try alignedRepository()
        let broken = ["PLAYBOOK_MODEL": try brokenModel(in: scratch)]
        for command in ["lint", "overlaps"] {
            let forced = try CLI.run([command, "--engine", "model", "--today", "2026-07-21"], in: scratch.url, environment: broken)
            XCTAssertEqual(forced.status, 2, command + "\n" + forced.stdout + forced.stderr)
            XCTAssertTrue(forced.stderr.contains("model.safetensors"), command + "\n" + forced.stderr)
        }
        let lint = try CLI.run(["lint", "--today", "2026-07-21"], in: scratch.url, environment: broken)
        XCTAssertEqual(lint.status, 0, lint.stdout + lint.stderr)
        XCTAssertTrue(lint.stderr.contains("duplicates compared by words ("), lint.stderr)
        XCTAssertTrue(lint.stderr.contains("model.safetensors"), lint.stderr)
        let overlaps = try CLI.run(["overlaps", "--today", "2026-07-21"], in: scratch.url, environment: broken)
        XCTAssertEqual(overlaps.status, 0, overlaps.stdout + overlaps.stderr)
        XCTAssertTrue(overlaps.stderr.contains("using the lexical similarity engine"), overlaps.stderr)
        // Words alone do not pair these two (they share no word): the runs above compared by words.
        XCTAssertFalse(overlaps.stdout.contains("HYP-0002"), overlaps.stdout)
    }

    /// A lint that would have to encode more texts than `encode_limit` compares them by words and says
    /// why and what to do (a first lint of a playbook of thousands of hypotheses took minutes of
    /// encoding); `--engine model` encodes them whatever their number, and once they are in the cache the
    /// default lint compares by meaning again, with nothing said.
    func testALintThatWouldEncodeTooManyTextsComparesByWordsAndSaysSo() throws {
        let scratch = try alignedRepository()
        try scratch.write(".playbook.yml", "rules:\n  overlap-duplicate: {encode_limit: 1}\n")
        let installed = ["PLAYBOOK_MODEL": installedModel()]
        let lint = ["lint", "--today", "2026-07-21"]
        let capped = try CLI.run(lint, in: scratch.url, environment: installed)
        XCTAssertEqual(capped.status, 0, capped.stdout + capped.stderr)
        XCTAssertTrue(capped.stderr.contains("duplicates compared by words ("), capped.stderr)
        XCTAssertTrue(capped.stderr.contains("more than lint encodes in a run (1 per kind)"), capped.stderr)
        XCTAssertTrue(capped.stderr.contains("`playbook overlaps` or `playbook lint --engine model` encodes them once"), capped.stderr)
        // Words alone do not pair these two (they share no word): the findings of the lexical engine, to the byte.
        XCTAssertFalse(capped.stdout.contains("overlap-duplicate"), capped.stdout)
        XCTAssertEqual(capped.stdout, try CLI.run(lint + ["--engine", "lexical"], in: scratch.url, environment: installed).stdout)
        XCTAssertFalse(FileManager.default.fileExists(atPath: scratch.url.path + "/.git/playbook/embedding-cache"))

        let forced = try CLI.run(lint + ["--engine", "model"], in: scratch.url, environment: installed)
        XCTAssertEqual(forced.status, 0, "run scripts/setup to install the model\n" + forced.stderr)
        XCTAssertTrue(forced.stdout.contains("overlap-duplicate"), forced.stdout + forced.stderr)
        XCTAssertFalse(forced.stderr.contains("compared by words"), forced.stderr)

        let warm = try CLI.run(lint, in: scratch.url, environment: installed)
        XCTAssertEqual(warm.stdout, forced.stdout)
        XCTAssertFalse(warm.stderr.contains("compared by words"), warm.stderr)
    }

    /// `review` compares a pull request's new hypothesis by meaning too (the two share no word), under
    /// lint's bound on how many texts a run encodes: past it, by words, said on standard error.
    func testReviewFindsADuplicateInOtherWordsUnderTheEncodeLimit() throws {
        let scratch = try alignedRepository()
        let repository = try Repository.open(at: scratch.url.path)
        let both = try String(contentsOf: scratch.url.appendingPathComponent("playbooks/hypotheses.yml"), encoding: .utf8)
        try scratch.write("playbooks/hypotheses.yml", both.components(separatedBy: "\n---\n")[0])
        try scratch.write(".playbook.yml", "rules:\n  overlap-duplicate: {encode_limit: 1}\n")
        var isFolder: ObjCBool = false
        let files = try FileManager.default.subpathsOfDirectory(atPath: scratch.url.path).filter {
            !$0.hasPrefix(".git/") && $0 != ".git"
                && FileManager.default.fileExists(atPath: scratch.url.path + "/" + $0, isDirectory: &isFolder) && !isFolder.boolValue
        }
        try repository.stage(paths: files)
        let base = try repository.commit(message: "base", author: Signature(name: "Ana", email: "ana@example.com", time: 1_780_000_000))
        try scratch.write("playbooks/hypotheses.yml", both)
        try repository.stage(paths: ["playbooks/hypotheses.yml"])
        _ = try repository.commit(message: "a second squad's idea", author: Signature(name: "Bo", email: "bo@example.com", time: 1_780_003_600))
        let installed = ["PLAYBOOK_MODEL": installedModel()]
        let review = ["review", "--base", base.description, "--format", "json", "--today", "2026-07-21"]

        let capped = try CLI.run(review, in: scratch.url, environment: installed)
        XCTAssertTrue(capped.stderr.contains("playbook: duplicates compared by words: "), capped.stderr)
        XCTAssertFalse(capped.stdout.contains("overlap-duplicate"), capped.stdout)

        let forced = try CLI.run(review + ["--engine", "model"], in: scratch.url, environment: installed)
        XCTAssertTrue(forced.stdout.contains("\"overlap-duplicate\""), "run scripts/setup to install the model\n" + forced.stdout + forced.stderr)
        XCTAssertFalse(forced.stderr.contains("compared by words"), forced.stderr)
        // Now cached: the default review compares by meaning, with nothing said.
        let warm = try CLI.run(review, in: scratch.url, environment: installed)
        XCTAssertEqual(warm.stdout, forced.stdout)
        XCTAssertFalse(warm.stderr.contains("compared by words"), warm.stderr)
    }

    /// The alignment cache is an optimisation only: a warm one spares the model (the pre-commit path); a
    /// damaged, truncated or foreign one, or one behind a link out of the repository, changes no finding and
    /// is never written through; two lints at once leave it whole.
    func testTheAlignmentCacheIsNeverTrustedNorWrittenThroughALink() throws {
        let scratch = try alignedRepository()
        let lint = ["lint", "--format", "json", "--engine", "model", "--today", "2026-07-21"]
        let installed = ["PLAYBOOK_MODEL": installedModel()]
        let cold = try CLI.run(lint, in: scratch.url, environment: installed)
        XCTAssertEqual(cold.status, 0, "run scripts/setup to install the model\n" + cold.stderr)
        XCTAssertTrue(cold.stdout.contains("\"overlap-duplicate\""), cold.stdout + cold.stderr)
        let file = scratch.url.path + "/.git/playbook/alignment-cache"
        let warmBytes = try Data(contentsOf: URL(fileURLWithPath: file))
        // Warm: the model is never read (it cannot load).
        let broken = ["PLAYBOOK_MODEL": try brokenModel(in: scratch)]
        let warm = try CLI.run(lint, in: scratch.url, environment: broken)
        XCTAssertEqual(warm.status, 0, warm.stderr)
        XCTAssertEqual(warm.stdout, cold.stdout)

        // Damaged, truncated, foreign, a huge count: the same findings, and the file rebuilt.
        var huge = Array("PBEMBED\n".utf8) + [2, 0, 0, 0] + [0, 0, 0, 0] + [1, 0, 0, 0] + [0xFF, 0xFF, 0xFF, 0x7F]
        huge += [UInt8](repeating: 0, count: 8)
        for hostile in [Data(warmBytes.dropLast(5)), Data(warmBytes.map { $0 ^ 0x21 }), Data("not a cache".utf8), Data(huge), Data()] {
            try hostile.write(to: URL(fileURLWithPath: file))
            let run = try CLI.run(lint, in: scratch.url, environment: installed)
            XCTAssertEqual(run.status, 0, run.stderr)
            XCTAssertEqual(run.stdout, cold.stdout)
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: file)), warmBytes, "rebuilt as it was")
        }

        // The file a link to one outside the repository: not followed, not written through.
        let outside = try ScratchDirectory()
        try outside.write("target", "outside")
        try FileManager.default.removeItem(atPath: file)
        try FileManager.default.createSymbolicLink(atPath: file, withDestinationPath: outside.url.path + "/target")
        let linked = try CLI.run(lint, in: scratch.url, environment: installed)
        XCTAssertEqual(linked.stdout, cold.stdout)
        XCTAssertEqual(try String(contentsOfFile: outside.url.path + "/target", encoding: .utf8), "outside")
        // `.git/playbook` a link to a folder outside: nothing written there.
        try FileManager.default.removeItem(atPath: scratch.url.path + "/.git/playbook")
        try FileManager.default.createSymbolicLink(atPath: scratch.url.path + "/.git/playbook", withDestinationPath: outside.url.path)
        let folderLinked = try CLI.run(lint, in: scratch.url, environment: installed)
        XCTAssertEqual(folderLinked.stdout, cold.stdout)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: outside.url.path), ["target"])

        // Two lints at once, cold: the file they leave is whole (a third run with no model reads it).
        try FileManager.default.removeItem(atPath: scratch.url.path + "/.git/playbook")
        final class Results: @unchecked Sendable {
            let lock = NSLock()
            var outputs: [String?] = [nil, nil]
        }
        let results = Results(), directory = scratch.url
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            let output = (try? CLI.run(lint, in: directory, environment: installed))?.stdout
            results.lock.withLock { results.outputs[index] = output }
        }
        for output in results.outputs { XCTAssertEqual(output, cold.stdout) }
        let after = try CLI.run(lint, in: scratch.url, environment: broken)
        XCTAssertEqual(after.status, 0, after.stderr)
        XCTAssertEqual(after.stdout, cold.stdout)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: scratch.url.path + "/.git/playbook").sorted(),
                       ["alignment-cache", "embedding-cache"], "no temporary file left behind")
    }
}
