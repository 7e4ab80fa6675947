import Foundation
import PlaybookGit
import XCTest

/// `playbook log` and `playbook report` as a user runs them, on repositories built with PlaybookGit.
final class HistoryCommandTests: XCTestCase {
    private func commit(_ repository: Repository, _ scratch: ScratchDirectory, _ day: Int64, _ files: [String: String?]) throws {
        for (path, text) in files {
            if let text {
                try scratch.write(path, text)
            } else {
                try FileManager.default.removeItem(at: scratch.url.appendingPathComponent(path))
            }
        }
        try repository.stage(paths: Array(files.keys))
        let time = 1_782_907_200 + day * 86_400  // 2026-07-01T12:00:00Z + days
        _ = try repository.commit(message: "day \(day)", author: Signature(name: "Ada", email: "ada@example.com", time: time))
    }

    private static func experiment(_ status: String) -> String {
        "kind: Experiment\nid: EXP-0001\nsquad: growth\ntitle: <script>alert(1)</script>\nhypothesis: HYP-0001\n"
            + "status: \(status)\nmetrics:\n  primary: signup-rate\nsurface: web/signup\n"
    }

    private static func objective(_ current: Int) -> String {
        "kind: Objective\nid: OKR-2026Q3-GRO-1\nsquad: growth\nquarter: 2026-Q3\ntitle: Grow\naligns_to: weekly-active-learners\n"
            + "key_results:\n  - id: KR-1\n    title: Signups\n    metric: signup-rate\n    baseline: 0\n    target: 10\n    current: \(current)\n"
    }

    private func history() throws -> ScratchDirectory {
        let scratch = try ScratchDirectory()
        let repository = try Repository.create(at: scratch.url.path)
        try commit(repository, scratch, 0, ["playbooks/e/EXP-0001.yml": Self.experiment("draft"), "playbooks/o.yml": Self.objective(0)])
        try commit(repository, scratch, 3, ["playbooks/e/EXP-0001.yml": nil, "playbooks/moved/EXP-0001.yml": Self.experiment("running")])
        try commit(repository, scratch, 10, ["playbooks/o.yml": Self.objective(4)])
        return scratch
    }

    func testLogFollowsAMovedEntityInJSON() throws {
        let scratch = try history()
        let result = try CLI.run(["log", "EXP-0001", "--format", "json"], in: scratch.url)
        XCTAssertEqual(result.status, 0, result.stderr)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let events = try XCTUnwrap(json["events"] as? [[String: Any]])
        XCTAssertEqual(events.map { $0["type"] as? String }, ["created", "changed"])
        XCTAssertEqual(events[1]["previous_path"] as? String, "playbooks/e/EXP-0001.yml")
        XCTAssertEqual(events[0]["time"] as? String, "2026-07-01T12:00:00Z")
    }

    /// An empty id names no entity: a bad argument (exit 2), said as such, not "no commit holds".
    func testLogOfAnEmptyIdIsRefusedAsABadArgument() throws {
        let scratch = try history()
        for id in ["", "  ", "/KR-1"] {
            let result = try CLI.run(["log", id], in: scratch.url)
            XCTAssertEqual(result.status, 2, "\(id): \(result.stderr)")
            XCTAssertTrue(result.stderr.hasPrefix("playbook: the entity id is empty: name one"), result.stderr)
            XCTAssertEqual(result.stdout, "")
        }
        // An objective with nothing after its `/` names the part that is missing (review: "the entity id is empty").
        let objective = try CLI.run(["log", "OKR-2026Q3-GRO-1/"], in: scratch.url)
        XCTAssertEqual(objective.status, 2, objective.stderr)
        XCTAssertEqual(objective.stderr, "playbook: the key result after `/` is empty: name one, e.g. `playbook log OKR-2026Q3-GRO-1/KR-1`, "
                       + "or the objective alone, `playbook log OKR-2026Q3-GRO-1`\n")
        XCTAssertEqual(objective.stdout, "")
    }

    /// An id typed in other letter case or one digit off gets the closest id the history holds.
    func testLogOfAnIdTheHistoryDoesNotHoldSuggestsTheClosest() throws {
        let scratch = try history()
        let lower = try CLI.run(["log", "exp-0001"], in: scratch.url)
        XCTAssertEqual(lower.status, 2, lower.stderr)
        XCTAssertEqual(lower.stderr, "playbook: no commit on this line of history holds exp-0001; did you mean \"EXP-0001\"?\n")
        let far = try CLI.run(["log", "squad-nobody"], in: scratch.url)
        XCTAssertEqual(far.stderr, "playbook: no commit on this line of history holds squad-nobody\n")
    }

    /// A quarter with no objective yet (the first days after a quarter ends) names the nearest quarters whose
    /// reports list objectives and how to ask for them, in Markdown, HTML and JSON (where only an empty report has
    /// `quarters_with_objectives`); a quarter before them names the next later one.
    func testAQuarterWithoutObjectivesNamesTheNearestQuartersThatHaveThem() throws {
        let scratch = try history()
        let next = try CLI.run(["report", "okr", "--quarter", "2026-Q4", "--today", "2026-10-02"], in: scratch.url)
        XCTAssertEqual(next.status, 0, next.stderr)
        XCTAssertTrue(next.stdout.contains(
            "No objective of 2026-Q4 is in the history; the latest earlier quarter with objectives is 2026-Q3 "
                + "(`playbook report okr --quarter 2026-Q3`).\n"), next.stdout)
        let html = try CLI.run(["report", "okr", "--quarter", "2026-Q4", "--today", "2026-10-02", "--format", "html"], in: scratch.url)
        XCTAssertTrue(html.stdout.contains(
            "the latest earlier quarter with objectives is 2026-Q3 (<code>playbook report okr --quarter 2026-Q3</code>).</p>"), html.stdout)
        let before = try CLI.run(["report", "okr", "--quarter", "2026-Q2", "--today", "2026-10-02"], in: scratch.url)
        XCTAssertTrue(before.stdout.contains(
            "No objective of 2026-Q2 is in the history; the next later quarter with objectives is 2026-Q3 "
                + "(`playbook report okr --quarter 2026-Q3`).\n"), before.stdout)
        func json(_ quarter: String) throws -> [String: Any] {
            let run = try CLI.run(["report", "okr", "--quarter", quarter, "--today", "2026-10-02", "--format", "json"], in: scratch.url)
            return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        }
        let empty = try XCTUnwrap(try json("2026-Q4")["quarters_with_objectives"] as? [String: Any])
        XCTAssertEqual(empty["latest_earlier"] as? String, "2026-Q3")
        XCTAssertTrue(empty["next_later"] is NSNull)
        XCTAssertNil(try json("2026-Q3")["quarters_with_objectives"])
    }

    /// review76: the hint named the latest quarter HEAD's objectives are written for, whose report may list none:
    /// an objective written only after its quarter ended, or moved to an earlier quarter afterwards. It names the
    /// quarter whose report lists the objective, or none.
    func testTheNearestQuarterWithObjectivesIsOneWhoseReportListsThem() throws {
        let late = try ScratchDirectory()
        let lateRepository = try Repository.create(at: late.url.path)
        try commit(lateRepository, late, 100, ["playbooks/o.yml": Self.objective(4)])  // for 2026-Q3, written 2026-10-09
        let none = try CLI.run(["report", "okr", "--quarter", "2026-Q4", "--today", "2026-11-30"], in: late.url)
        XCTAssertTrue(none.stdout.contains("No objective of 2026-Q4 is in the history.\n"), none.stdout)

        let moved = try ScratchDirectory()
        let repository = try Repository.create(at: moved.url.path)
        try commit(repository, moved, 10, ["playbooks/o.yml": Self.objective(4)])  // in 2026-Q3, for it
        try commit(repository, moved, 100, ["playbooks/o.yml": Self.objective(4).replacingOccurrences(of: "quarter: 2026-Q3", with: "quarter: 2026-Q2")])
        let named = try CLI.run(["report", "okr", "--quarter", "2026-Q4", "--today", "2026-11-30"], in: moved.url)
        XCTAssertTrue(named.stdout.contains("the latest earlier quarter with objectives is 2026-Q3 "), named.stdout)
        let listed = try CLI.run(["report", "okr", "--quarter", "2026-Q3", "--today", "2026-11-30"], in: moved.url)
        XCTAssertTrue(listed.stdout.contains("OKR-2026Q3-GRO-1"), listed.stdout)
    }

    /// An objective written for a quarter only after it ended has no value in it: the report leaves
    /// it out, and says so with a note naming it (it printed only "No objective … is in the history").
    func testAnObjectiveWrittenAfterItsQuarterEndedIsNamedInANote() throws {
        let scratch = try ScratchDirectory()
        let repository = try Repository.create(at: scratch.url.path)
        try commit(repository, scratch, 100, ["playbooks/o.yml": Self.objective(4)])  // 2026-10-09
        let text = try CLI.run(["report", "okr", "--quarter", "2026-Q3", "--today", "2026-11-30"], in: scratch.url)
        XCTAssertEqual(text.status, 0, text.stderr)
        XCTAssertTrue(text.stdout.contains("No objective of 2026-Q3 is in the history"), text.stdout)
        XCTAssertTrue(text.stdout.contains("OKR-2026Q3-GRO-1 is written for 2026-Q3 but only after the quarter ended (2026-10-09)"), text.stdout)
        // Under its own heading (it was "Skipped file versions", though no version was skipped), and
        // its command a code span (it showed \`playbook site\`).
        XCTAssertTrue(text.stdout.contains("## Notes\n\n- `"), text.stdout)
        XCTAssertFalse(text.stdout.contains("Skipped file versions"), text.stdout)
        XCTAssertTrue(text.stdout.contains("; `playbook site` lists it as written\n"), text.stdout)
        let json = try CLI.run(["report", "okr", "--quarter", "2026-Q3", "--today", "2026-11-30", "--format", "json"], in: scratch.url)
        let source = try XCTUnwrap((JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])?["source"] as? [String: Any])
        let notes = try XCTUnwrap(source["notes"] as? [[String: Any]])
        XCTAssertEqual(notes.count, 1)
        XCTAssertEqual(notes.first?["path"] as? String, "playbooks/o.yml")
        // Written during the quarter: reported, and no such note.
        let inQuarter = try history()
        let reported = try CLI.run(["report", "okr", "--quarter", "2026-Q3", "--today", "2026-11-30"], in: inQuarter.url)
        XCTAssertTrue(reported.stdout.contains("OKR-2026Q3-GRO-1"), reported.stdout)
        XCTAssertFalse(reported.stdout.contains("only after the quarter ended"), reported.stdout)
    }

    /// A version that writes a key twice is read with the key's first value, as lint reads it, and
    /// the report says so in a note naming the file and the commit; past three such versions the
    /// rest are counted in one note (it said nothing).
    func testAVersionWithADuplicatedKeyIsNamedInAFewNotes() throws {
        let scratch = try ScratchDirectory()
        let repository = try Repository.create(at: scratch.url.path)
        try commit(repository, scratch, 0, ["playbooks/o.yml": Self.objective(0)])
        var commits: [String] = []
        for (day, value) in [(10, 4), (20, 5), (30, 6), (40, 7), (50, 8)] {
            try commit(repository, scratch, Int64(day), ["playbooks/o.yml": Self.objective(value) + "    current: 99\n"])
            commits.append(try repository.resolve("HEAD").description)
        }
        let json = try CLI.run(["report", "okr", "--quarter", "2026-Q3", "--today", "2026-11-30", "--format", "json"], in: scratch.url)
        XCTAssertEqual(json.status, 0, json.stderr)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let kr = try XCTUnwrap(((((object["squads"] as? [[String: Any]])?.first?["objectives"] as? [[String: Any]])?.first)?["key_results"] as? [[String: Any]])?.first)
        XCTAssertEqual(kr["end_value"] as? Double, 8, "the first value counts, as lint reads it")
        let notes = try XCTUnwrap((object["source"] as? [String: Any])?["notes"] as? [[String: String]])
        XCTAssertEqual(notes.count, 4, "\(notes)")
        for (index, note) in notes.prefix(3).enumerated() {
            XCTAssertEqual(note["path"], "playbooks/o.yml")
            XCTAssertEqual(note["commit"], commits[index])
            XCTAssertEqual(note["message"], "a key is written twice (14:5: duplicate key \"current\" (first defined at line 13, column 5)); its first value is read, as lint reads it")
        }
        XCTAssertEqual(notes.last?["path"], "")
        XCTAssertEqual(notes.last?["message"], "2 more file versions write a key twice; each is read with the key's first value")

        let markdown = try CLI.run(["report", "okr", "--quarter", "2026-Q3", "--today", "2026-11-30"], in: scratch.url)
        XCTAssertTrue(markdown.stdout.contains("- `\(commits[0].prefix(12))` `playbooks/o.yml`: a key is written twice (14:5: duplicate key"), markdown.stdout)
        XCTAssertTrue(markdown.stdout.contains("2 more file versions write a key twice"), markdown.stdout)
        let experiments = try CLI.run(["report", "experiments", "--quarter", "2026-Q3", "--today", "2026-11-30"], in: scratch.url)
        XCTAssertTrue(experiments.stdout.contains("2 more file versions write a key twice"), experiments.stdout)
        // `log` files such a note apart from skipped versions: the version was read (review, 2026-12-05).
        let log = try CLI.run(["log", "OKR-2026Q3-GRO-1", "--format", "text"], in: scratch.url)
        XCTAssertEqual(log.status, 0, log.stderr)
        XCTAssertTrue(log.stdout.contains("\nNotes on versions read\n\n- \(commits[0].prefix(12)) playbooks/o.yml: a key is written twice"), log.stdout)
        XCTAssertFalse(log.stdout.contains("Skipped versions"), log.stdout)
    }

    func testReportOKRForAQuarterNotStartedSaysSo() throws {
        let scratch = try history()
        let result = try CLI.run(["report", "okr", "--quarter", "2027-Q1", "--today", "2026-11-30"], in: scratch.url)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("2027-Q1 has not started: it runs 2027-01-01 to 2027-03-31"), result.stdout)
        XCTAssertFalse(result.stdout.contains("in progress"), result.stdout)
        let json = try CLI.run(["report", "okr", "--quarter", "2027-Q1", "--today", "2026-11-30", "--format", "json"], in: scratch.url)
        let period = try XCTUnwrap((JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])?["period"] as? [String: Any])
        XCTAssertEqual(period["started"] as? Bool, false)
    }

    func testReportOKRJudgesStatusWithTheConfiguredThresholds() throws {
        let scratch = try history()
        // Progress 0.4 on 2026-09-12, 74 of 92 days gone (0.804): off track by default (< 0.6 × 0.804),
        // at risk with at_risk 0.4. (Judged at the quarter's end it is missed under any thresholds: review54c D5.)
        let strict = try CLI.run(["report", "okr", "--quarter", "2026-Q3", "--today", "2026-09-12"], in: scratch.url)
        XCTAssertTrue(strict.stdout.contains("🔴 off track"), strict.stdout)
        try scratch.write(".playbook.yml", "reports:\n  on_track: 0.8\n  at_risk: 0.4\n")
        let lenient = try CLI.run(["report", "okr", "--quarter", "2026-Q3", "--today", "2026-09-12"], in: scratch.url)
        XCTAssertEqual(lenient.status, 0, lenient.stderr)
        XCTAssertTrue(lenient.stdout.contains("🟠 at risk"), lenient.stdout)
        let ended = try CLI.run(["report", "okr", "--quarter", "2026-Q3", "--today", "2026-12-01"], in: scratch.url)
        XCTAssertTrue(ended.stdout.contains("❌ missed"), ended.stdout)
    }

    func testReportOKRWritesTheNumbersAsJSON() throws {
        let scratch = try history()
        let result = try CLI.run(["report", "okr", "--quarter", "2026-Q3", "--today", "2026-12-01", "--format", "json"], in: scratch.url)
        XCTAssertEqual(result.status, 0, result.stderr)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let squads = try XCTUnwrap(json["squads"] as? [[String: Any]])
        let objectives = try XCTUnwrap(squads.first?["objectives"] as? [[String: Any]])
        let kr = try XCTUnwrap((objectives.first?["key_results"] as? [[String: Any]])?.first)
        XCTAssertEqual(kr["start_value"] as? Double, 0)
        XCTAssertEqual(kr["end_value"] as? Double, 4)
        XCTAssertEqual(kr["score"] as? Double, 0.4)
        XCTAssertEqual(kr["check_ins"] as? Int, 1)
        // A second run reads the cache under .git/ and says the same.
        let again = try CLI.run(["report", "okr", "--quarter", "2026-Q3", "--today", "2026-12-01", "--format", "json"], in: scratch.url)
        XCTAssertEqual(again.stdout, result.stdout)
        XCTAssertTrue(FileManager.default.fileExists(atPath: scratch.url.path + "/.git/playbook/history-cache"))
    }

    func testHTMLGoesToTheNamedFileEscaped() throws {
        let scratch = try history()
        let output = scratch.url.appendingPathComponent("report.html").path
        let result = try CLI.run(["report", "experiments", "--quarter", "2026-Q3", "--format", "html", "-o", output], in: scratch.url)
        XCTAssertEqual(result.status, 0, result.stderr)
        let page = try String(contentsOfFile: output, encoding: .utf8)
        XCTAssertTrue(page.hasPrefix("<!DOCTYPE html>"))
        XCTAssertFalse(page.contains("<script"))
    }

    /// `report okr -o .git/HEAD` replaced HEAD with Markdown (the repository was unusable), and
    /// `-o playbooks/o.yml` replaced a playbook file: both are refused, as are the common git folder
    /// of a linked worktree and `.playbook.yml`; a report file elsewhere is still replaced.
    func testAReportIsNeverWrittenIntoTheGitFolderOrOverAPlaybookFile() throws {
        let scratch = try history()
        let head = try String(contentsOf: scratch.url.appendingPathComponent(".git/HEAD"), encoding: .utf8)
        let playbook = try String(contentsOf: scratch.url.appendingPathComponent("playbooks/o.yml"), encoding: .utf8)
        for target in [".git/HEAD", ".git/report.md", "playbooks/o.yml", "playbooks/new.yaml", ".playbook.yml"] {
            let result = try CLI.run(["report", "okr", "--quarter", "2026-Q3", "-o", target], in: scratch.url)
            XCTAssertEqual(result.status, 2, "\(target): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains("cannot write \(target)"), result.stderr)
        }
        XCTAssertEqual(try String(contentsOf: scratch.url.appendingPathComponent(".git/HEAD"), encoding: .utf8), head)
        XCTAssertEqual(try String(contentsOf: scratch.url.appendingPathComponent("playbooks/o.yml"), encoding: .utf8), playbook)
        XCTAssertFalse(FileManager.default.fileExists(atPath: scratch.url.appendingPathComponent("playbooks/new.yaml").path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: scratch.url.appendingPathComponent(".playbook.yml").path))
        // From a linked worktree, the main repository's .git is the common git folder.
        let git = URL(fileURLWithPath: "/usr/bin/git")
        let worktree = scratch.url.appendingPathComponent("linked").path
        let added = try CLI.run(executable: git, ["worktree", "add", "-q", "--detach", worktree], in: scratch.url)
        XCTAssertEqual(added.status, 0, added.stderr)
        let common = try CLI.run(["report", "okr", "--quarter", "2026-Q3", "-o", "../.git/config"], in: URL(fileURLWithPath: worktree))
        XCTAssertEqual(common.status, 2, common.stderr)
        XCTAssertTrue(common.stderr.contains("inside the repository's git folder"), common.stderr)
        // A report beside the playbook, written twice, is replaced as before.
        for _ in 0..<2 {
            let written = try CLI.run(["report", "okr", "--quarter", "2026-Q3", "-o", "playbooks/okr.md"], in: scratch.url)
            XCTAssertEqual(written.status, 0, written.stderr)
        }
    }

    /// A symbolic link outside the repository leading into it reached what the spelled path may not:
    /// `-o /tmp/x/config` with `/tmp/x -> repo/.git` replaced .git/config (the repository was broken),
    /// `-o /tmp/p/metrics.yml` with `/tmp/p -> repo/playbooks` a playbook file, and from a linked
    /// worktree the main checkout's .git/HEAD. Each path is judged as resolved, and refused; so is a
    /// site folder there, a playbook started there, and a dangling link leading into the git folder.
    func testAReportIsNeverWrittenIntoTheGitFolderOrOverAPlaybookFileThroughALinkOutside() throws {
        let scratch = try history()
        let other = try history()
        try scratch.write(".playbook.yml", "roots: [playbooks]\n")
        let outside = try ScratchDirectory()
        let listing = try FileManager.default.contentsOfDirectory(atPath: scratch.url.appendingPathComponent("playbooks").path).sorted()
        let files = [".git/config", ".git/HEAD", "playbooks/o.yml", ".playbook.yml"]
        var before: [String: String] = [:]
        for file in files { before[file] = try String(contentsOf: scratch.url.appendingPathComponent(file), encoding: .utf8) }
        let links = ["git": ".git", "pb": "playbooks", "repo": ""]
        for (name, target) in links {
            try FileManager.default.createSymbolicLink(atPath: outside.url.appendingPathComponent(name).path,
                                                       withDestinationPath: scratch.url.appendingPathComponent(target).path)
        }
        try FileManager.default.createSymbolicLink(atPath: outside.url.appendingPathComponent("dangling.md").path,
                                                   withDestinationPath: scratch.url.appendingPathComponent(".git/new-file").path)
        let targets = ["git/config", "git/HEAD", "pb/o.yml", "pb/new.yaml", "repo/.playbook.yml", "repo/.git/config", "dangling.md"]
        for target in targets {
            let path = outside.url.appendingPathComponent(target).path
            // From the repository, and from another one.
            for folder in [scratch.url, other.url] {
                let result = try CLI.run(["report", "okr", "--quarter", "2026-Q3", "-o", path], in: folder)
                XCTAssertEqual(result.status, 2, "\(target): \(result.stderr)")
                XCTAssertTrue(result.stderr.contains("cannot write \(path)"), result.stderr)
            }
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: scratch.url.appendingPathComponent(".git/new-file").path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: scratch.url.appendingPathComponent("playbooks/new.yaml").path))
        // From a linked worktree, the main checkout's git folder reached through the link.
        let git = URL(fileURLWithPath: "/usr/bin/git")
        let worktree = outside.url.appendingPathComponent("linked").path
        XCTAssertEqual(try CLI.run(executable: git, ["worktree", "add", "-q", "--detach", worktree], in: scratch.url).status, 0)
        let head = outside.url.appendingPathComponent("repo/.git/HEAD").path
        let fromWorktree = try CLI.run(["report", "okr", "--quarter", "2026-Q3", "-o", head], in: URL(fileURLWithPath: worktree))
        XCTAssertEqual(fromWorktree.status, 2, fromWorktree.stderr)
        XCTAssertTrue(fromWorktree.stderr.contains("inside the repository's git folder"), fromWorktree.stderr)
        for file in files {
            XCTAssertEqual(try String(contentsOf: scratch.url.appendingPathComponent(file), encoding: .utf8), before[file], file)
        }
        // The site and init go by the same rule.
        for folder in ["git/site", "repo/.git/hooks", "pb"] {
            let site = try CLI.run(["site", "-o", outside.url.appendingPathComponent(folder).path], in: scratch.url)
            XCTAssertEqual(site.status, 2, "\(folder): \(site.stderr)")
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: scratch.url.appendingPathComponent("playbooks").path).sorted(), listing)
        for folder in [outside.url.appendingPathComponent("git/inner").path, ".git/inner"] {
            let started = try CLI.run(["init", folder], in: scratch.url)
            XCTAssertEqual(started.status, 2, "\(folder): \(started.stderr)")
            XCTAssertTrue(started.stderr.contains("inside the repository's git folder"), started.stderr)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: scratch.url.appendingPathComponent(".git/inner").path))
        // A hook goes into the git folder only where git runs hooks by default (not as a branch named pre-commit).
        XCTAssertEqual(try CLI.run(executable: git, ["config", "core.hooksPath", ".git/refs/heads"], in: scratch.url).status, 0)
        let hook = try CLI.run(["hooks", "install"], in: scratch.url)
        XCTAssertEqual(hook.status, 2, hook.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: scratch.url.appendingPathComponent(".git/refs/heads/pre-commit").path))
        // A report outside the repository is written as before, through a link too.
        let report = try CLI.run(["report", "okr", "--quarter", "2026-Q3", "-o", outside.url.appendingPathComponent("repo/okr.md").path], in: other.url)
        XCTAssertEqual(report.status, 0, report.stderr)
    }

    /// `report -o` over a private (0600) report left a 0644 file: the atomic replace dropped the
    /// mode, where the shell's `>` keeps it. The replaced file's permission bits stay; so do those
    /// of starter files `init --force` replaces and of a hook `hooks install --force` replaces
    /// (which stays runnable: execute bits are added where it is readable).
    func testAReplacedFileKeepsItsPermissionBits() throws {
        let scratch = try history()
        func mode(_ path: String) -> mode_t {
            var info = stat()
            XCTAssertEqual(stat(path, &info), 0, path)
            return info.st_mode & 0o7777
        }
        for kept: mode_t in [0o600, 0o640, 0o604] {
            let path = scratch.url.appendingPathComponent("okr.md").path
            try scratch.write("okr.md", "private\n")
            XCTAssertEqual(chmod(path, kept), 0)
            let result = try CLI.run(["report", "okr", "--quarter", "2026-Q3", "-o", "okr.md"], in: scratch.url)
            XCTAssertEqual(result.status, 0, result.stderr)
            XCTAssertTrue(try String(contentsOfFile: path, encoding: .utf8).hasPrefix("# OKR report"))
            XCTAssertEqual(String(mode(path), radix: 8), String(kept, radix: 8))
        }
        let fresh = scratch.url.appendingPathComponent("new.md").path
        XCTAssertEqual(try CLI.run(["report", "okr", "--quarter", "2026-Q3", "-o", "new.md"], in: scratch.url).status, 0)
        let mask = umask(0o022)
        umask(mask)
        XCTAssertEqual(String(mode(fresh), radix: 8), String(0o666 & ~mask, radix: 8))

        let started = try ScratchDirectory()
        XCTAssertEqual(try CLI.run(["init"], in: started.url).status, 0)
        let config = started.url.appendingPathComponent(".playbook.yml").path
        let hook = started.url.appendingPathComponent(".githooks/pre-commit").path
        XCTAssertEqual(chmod(config, 0o600), 0)
        XCTAssertEqual(chmod(hook, 0o700), 0)
        let again = try CLI.run(["init", "--force"], in: started.url)
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertEqual(String(mode(config), radix: 8), "600")
        XCTAssertEqual(String(mode(hook), radix: 8), "700")

        let git = URL(fileURLWithPath: "/usr/bin/git")
        let plain = try ScratchDirectory()
        XCTAssertEqual(try CLI.run(executable: git, ["init", "-q"], in: plain.url).status, 0)
        let installed = plain.url.appendingPathComponent(".git/hooks/pre-commit").path
        XCTAssertEqual(try CLI.run(["hooks", "install"], in: plain.url).status, 0)
        for (before, after): (mode_t, String) in [(0o700, "700"), (0o640, "750")] {
            XCTAssertEqual(chmod(installed, before), 0)
            let replaced = try CLI.run(["hooks", "install", "--force"], in: plain.url)
            XCTAssertEqual(replaced.status, 0, replaced.stderr)
            XCTAssertEqual(String(mode(installed), radix: 8), after)
        }
    }

    /// `-o` naming a FIFO, a link to a device or to `/dev/stdout` writes into it, as a shell's `>`
    /// does: it replaced each by a regular file (as root, `-o /dev/null` would replace the device).
    func testAReportIsWrittenIntoAFIFOOrADeviceWithoutReplacingIt() throws {
        let scratch = try history()
        let outside = try ScratchDirectory()
        let fifo = outside.url.appendingPathComponent("fifo").path
        XCTAssertEqual(mkfifo(fifo, 0o644), 0)
        nonisolated(unsafe) var read = Data()
        let reader = Thread { read = FileHandle(forReadingAtPath: fifo)?.readDataToEndOfFile() ?? Data() }
        reader.start()
        let intoFIFO = try CLI.run(["report", "okr", "--quarter", "2026-Q3", "-o", fifo], in: scratch.url)
        XCTAssertEqual(intoFIFO.status, 0, intoFIFO.stderr)
        // A report that never opens the FIFO leaves the reader waiting: given up after 30 s.
        let deadline = Date().addingTimeInterval(30)
        while reader.isExecuting, Date() < deadline { usleep(1000) }
        XCTAssertFalse(reader.isExecuting, "nothing was written into the FIFO")
        XCTAssertTrue(String(decoding: read, as: UTF8.self).hasPrefix("# OKR report"), String(decoding: read, as: UTF8.self))
        let stdout = outside.url.appendingPathComponent("stdout").path
        let null = outside.url.appendingPathComponent("null").path
        try FileManager.default.createSymbolicLink(atPath: stdout, withDestinationPath: "/dev/stdout")
        try FileManager.default.createSymbolicLink(atPath: null, withDestinationPath: "/dev/null")
        let intoStdout = try CLI.run(["report", "okr", "--quarter", "2026-Q3", "-o", stdout], in: scratch.url)
        XCTAssertEqual(intoStdout.status, 0, intoStdout.stderr)
        XCTAssertTrue(intoStdout.stdout.hasPrefix("# OKR report"), intoStdout.stdout)
        let intoNull = try CLI.run(["report", "okr", "--quarter", "2026-Q3", "-o", null], in: scratch.url)
        XCTAssertEqual(intoNull.status, 0, intoNull.stderr)
        var info = stat()
        XCTAssertEqual(lstat(fifo, &info), 0)
        XCTAssertEqual(info.st_mode & S_IFMT, S_IFIFO)
        for link in [stdout, null] {
            XCTAssertEqual(lstat(link, &info), 0)
            XCTAssertEqual(info.st_mode & S_IFMT, S_IFLNK, link)
        }
        let folder = try CLI.run(["report", "okr", "--quarter", "2026-Q3", "-o", outside.url.path], in: scratch.url)
        XCTAssertEqual(folder.status, 2, folder.stderr)
        XCTAssertTrue(folder.stderr.contains("it is a folder"), folder.stderr)
    }

    func testEmptyRepositoryAndNoRepositoryAreClearAnswers() throws {
        let empty = try ScratchDirectory()
        _ = try Repository.create(at: empty.url.path)
        let unborn = try CLI.run(["report", "okr", "--quarter", "2026-Q3"], in: empty.url)
        XCTAssertEqual(unborn.status, 2)
        XCTAssertTrue(unborn.stderr.contains("no commits yet"), unborn.stderr)

        let plain = try ScratchDirectory()
        let outside = try CLI.run(["log", "EXP-0001"], in: plain.url)
        XCTAssertEqual(outside.status, 2)
        XCTAssertTrue(outside.stderr.contains("not a git repository"), outside.stderr)
    }

    func testBadPeriodsAreUsageErrors() throws {
        let scratch = try history()
        for arguments in [["report", "experiments", "--quarter", "2026-Q3", "--since", "2026-07-01"],
                          ["report", "okr", "--quarter", "2026-Q5"],
                          ["log", "EXP-0404"]] {
            let result = try CLI.run(arguments, in: scratch.url)
            XCTAssertEqual(result.status, 2, "\(arguments): \(result.stderr)")
        }
    }

    /// A running experiment without `end` is planned to end `design.duration_days` after `start`:
    /// lint's experiment-stale and report experiments' stale list agree on when it is overdue
    /// (lint ignored the duration while the report counted it; review28b's stale-duration.sh).
    func testLintAndReportAgreeWhenARunningExperimentWithoutEndIsStale() throws {
        let scratch = try ScratchDirectory()
        let repository = try Repository.create(at: scratch.url.path)
        let running = Self.experiment("running") + "design: {mde: 0.02, power: 0.8, alpha: 0.05, duration_days: 14}\nstart: 2026-07-05\n"
        try commit(repository, scratch, 4, ["playbooks/e/EXP-0001.yml": running])
        for (today, overdue) in [("2026-07-19", nil), ("2026-07-20", 1), ("2026-09-01", 44)] as [(String, Int?)] {
            let lint = try CLI.run(["lint", "--today", today], in: scratch.url)
            let stale = lint.stdout.split(separator: "\n").filter { $0.hasSuffix("[experiment-stale]") }
            let report = try CLI.run(["report", "experiments", "--quarter", "2026-Q3", "--today", today, "--format", "json"], in: scratch.url)
            XCTAssertEqual(report.status, 0, report.stderr)
            let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any])
            let listed = try XCTUnwrap((json["total"] as? [String: Any])?["stale_running"] as? [[String: Any]], report.stdout)
            if let overdue {
                XCTAssertEqual(stale, ["playbooks/e/EXP-0001.yml:10:61: warning: EXP-0001 is still running after its planned end 2026-07-19 "
                    + "(start 2026-07-05 plus 14 days of `design.duration_days`; today is \(today)); conclude it or set `end` [experiment-stale]"], lint.stdout)
                XCTAssertEqual(listed.map { $0["days_overdue"] as? Int }, [overdue], report.stdout)
                XCTAssertEqual(listed.first?["planned_end"] as? String, "2026-07-19")
            } else {
                XCTAssertEqual(stale, [], lint.stdout)
                XCTAssertTrue(listed.isEmpty, report.stdout)
            }
        }
    }

    /// A version with a key written twice (lint's yaml-duplicate-key) is read by the history as
    /// lint's decoder reads it, the first value: the report and the log agree, and no key shows two
    /// changes (review28b's hist-dupkey.sh: the report took 4, the log showed 0 → 4 and 0 → 9).
    /// The experiment's duplicate is a line inserted before a root key (the history's quick path).
    func testAVersionWithADuplicateKeyIsReadAsLintReadsIt() throws {
        let scratch = try ScratchDirectory()
        let repository = try Repository.create(at: scratch.url.path)
        try commit(repository, scratch, 0, ["playbooks/o.yml": Self.objective(0), "playbooks/e.yml": Self.experiment("draft")])
        try commit(repository, scratch, 5, ["playbooks/o.yml": Self.objective(4) + "    current: 9\n",
                                            "playbooks/e.yml": Self.experiment("draft").replacing("metrics:\n", with: "status: running\nmetrics:\n")])
        let lint = try CLI.run(["lint", "--today", "2026-08-01"], in: scratch.url)
        XCTAssertTrue(lint.stdout.contains("playbooks/o.yml:14:5: error: duplicate key \"current\""), lint.stdout)

        let report = try CLI.run(["report", "okr", "--quarter", "2026-Q3", "--today", "2026-08-01", "--format", "json"], in: scratch.url)
        XCTAssertEqual(report.status, 0, report.stderr)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any])
        let squads = try XCTUnwrap(json["squads"] as? [[String: Any]])
        let objective = try XCTUnwrap((squads.first?["objectives"] as? [[String: Any]])?.first)
        let keyResult = try XCTUnwrap((objective["key_results"] as? [[String: Any]])?.first)
        XCTAssertEqual(keyResult["end_value"] as? Double, 4, report.stdout)

        let log = try CLI.run(["log", "OKR-2026Q3-GRO-1", "--format", "json"], in: scratch.url)
        XCTAssertEqual(log.status, 0, log.stderr)
        let events = try XCTUnwrap((JSONSerialization.jsonObject(with: Data(log.stdout.utf8)) as? [String: Any])?["events"] as? [[String: Any]])
        let changes = events.flatMap { ($0["changes"] as? [[String: Any]]) ?? [] }.filter { ($0["field"] as? String)?.hasSuffix("current") == true }
        XCTAssertEqual(changes.map { $0["new"] as? String }, ["0", "4"], log.stdout)

        let experiment = try CLI.run(["log", "EXP-0001", "--format", "json"], in: scratch.url)
        let steps = try XCTUnwrap((JSONSerialization.jsonObject(with: Data(experiment.stdout.utf8)) as? [String: Any])?["events"] as? [[String: Any]])
        XCTAssertEqual(steps.map { $0["type"] as? String }, ["created"], experiment.stdout)
    }
}
