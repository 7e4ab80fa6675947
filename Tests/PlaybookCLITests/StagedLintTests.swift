import Foundation
import PlaybookGit
import XCTest

final class StagedLintTests: XCTestCase {
    let author = Signature(name: "Ana Ruiz", email: "ana@example.com", time: 1_780_000_000)

    /// A repository whose clean playbook is committed.
    func makeRepository() throws -> (ScratchDirectory, Repository) {
        let scratch = try ScratchDirectory()
        let repository = try Repository.create(at: scratch.url.path)
        try SmallPlaybook.write(into: scratch)
        try repository.stage(paths: ["playbooks/metrics.yml", "playbooks/squads/activation-emea.yml"])
        _ = try repository.commit(message: "Add the playbook", author: author)
        return (scratch, repository)
    }

    let squadPath = "playbooks/squads/activation-emea.yml"

    /// An override pattern is judged against the whole staged playbook, not the files a commit
    /// changes: one matching only an unchanged file is not warned about; a typo is, at its place,
    /// as a warning (exit 0), in text and JSON alike.
    func testAnOverridePatternIsJudgedAgainstTheWholeStagedPlaybook() throws {
        let (scratch, repository) = try makeRepository()
        try scratch.write(".playbook.yml", "overrides:\n  - paths: [playbooks/metrics.yml]\n    rules: {metric-owner: off}\n")
        try repository.stage(paths: [".playbook.yml"])
        _ = try repository.commit(message: "Relax the catalog", author: author)
        try scratch.write(squadPath, SmallPlaybook.squad.replacingOccurrences(of: "name: Activation EMEA", with: "name: Activation Europe"))
        try repository.stage(paths: [squadPath])
        for words in [["lint", "--staged"], ["lint", "--staged", squadPath], ["lint"]] {
            let quiet = try CLI.run(words + ["--format", "json"], in: scratch.url)
            XCTAssertEqual(quiet.status, 0, "\(words): \(quiet.stdout)\(quiet.stderr)")
            XCTAssertFalse(quiet.stdout.contains("config-override-unmatched"), "\(words): \(quiet.stdout)")
        }

        try scratch.write(".playbook.yml", "overrides:\n  - paths: [playbooks/metrics.yml, playbook/squads/**]\n    rules: {metric-owner: off}\n")
        try repository.stage(paths: [".playbook.yml"])
        for words in [["lint", "--staged"], ["lint"]] {
            let text = try CLI.run(words, in: scratch.url)
            XCTAssertEqual(text.status, 0, "\(words): \(text.stdout)\(text.stderr)")
            XCTAssertTrue(text.stdout.contains(".playbook.yml:2:36: warning: the override path pattern \"playbook/squads/**\" matches no file "
                                               + "of the playbook, so its rules apply nowhere; did you mean \"playbooks/squads/**\"?"), "\(words): \(text.stdout)")
            let json = try CLI.run(words + ["--format", "json"], in: scratch.url)
            XCTAssertEqual(json.status, 0, "\(words): \(json.stdout)\(json.stderr)")
            XCTAssertTrue(json.stdout.contains("\"file\": \".playbook.yml\", \"line\": 2, \"column\": 36, \"rule\": \"config-override-unmatched\""),
                          "\(words): \(json.stdout)")
        }
    }

    /// A repository with no playbook: `lint --staged` says so and exits 2, as `lint` does (not a
    /// North Star finding placed in a .playbook.yml that does not exist), in every format.
    func testStagedLintWithNoPlaybookExitsTwoAsLintDoes() throws {
        let scratch = try ScratchDirectory()
        let repository = try Repository.create(at: scratch.url.path)
        try scratch.write("README", "the app\n")
        try repository.stage(paths: ["README"])
        let lint = try CLI.run(["lint"], in: scratch.url)
        XCTAssertEqual(lint.status, 2, lint.stdout + lint.stderr)
        for format in ["text", "github"] {
            let staged = try CLI.run(["lint", "--staged", "--format", format], in: scratch.url)
            XCTAssertEqual(staged.status, 2, staged.stdout + staged.stderr)
            XCTAssertEqual(staged.stdout, "", format)
            XCTAssertEqual(staged.stderr, "playbook: the playbook folder playbooks does not exist; create it or set `roots` in .playbook.yml\n")
            XCTAssertEqual(staged.stderr, lint.stderr)
        }
        // A playbook only staged (not in the work tree) is linted as before.
        try SmallPlaybook.write(into: scratch)
        try repository.stage(paths: ["playbooks/metrics.yml", "playbooks/squads/activation-emea.yml"])
        try FileManager.default.removeItem(at: scratch.url.appendingPathComponent("playbooks"))
        XCTAssertEqual(try CLI.run(["lint", "--staged"], in: scratch.url).status, 0)
    }

    func testStagedContentIsLintedNotWorkTree() throws {
        let (scratch, repository) = try makeRepository()
        try scratch.write(squadPath, SmallPlaybook.brokenSquad)
        try repository.stage(paths: [squadPath])
        try scratch.write(squadPath, SmallPlaybook.squad) // fixed, but not staged

        let staged = try CLI.run(["lint", "--staged"], in: scratch.url)
        XCTAssertEqual(staged.status, 1, "the staged version is broken")
        XCTAssertTrue(staged.stdout.contains("\(squadPath):4:1: error: unknown key \"funnel_stag\""), staged.stdout)
        let workTree = try CLI.run(["lint"], in: scratch.url)
        XCTAssertEqual(workTree.status, 0, "the working tree is fixed")
    }

    /// `playbooks/` + U+0301: the `/` and the mark are one character, but the file is under the root,
    /// and the working-tree run lints it; the pre-commit run must not let it through.
    func testStagedFileWhoseNameStartsWithACombiningMarkIsLinted() throws {
        let (scratch, repository) = try makeRepository()
        let path = "playbooks/\u{301}m.yml"
        try scratch.write(path, "kind: Metric\nid: m9\nnmae: x\n")
        try repository.stage(paths: [path])
        let staged = try CLI.run(["lint", "--staged"], in: scratch.url)
        XCTAssertEqual(staged.status, 1, staged.stdout + staged.stderr)
        XCTAssertTrue(staged.stdout.contains("unknown key \"nmae\""), staged.stdout)
        XCTAssertEqual(try CLI.run(["lint"], in: scratch.url).status, 1)
    }

    func testFixedStagedContentPassesWhateverTheWorkTreeHolds() throws {
        let (scratch, _) = try makeRepository()
        try scratch.write(squadPath, SmallPlaybook.brokenSquad) // broken, not staged
        let staged = try CLI.run(["lint", "--staged"], in: scratch.url)
        XCTAssertEqual(staged.status, 0, staged.stdout)
        let workTree = try CLI.run(["lint"], in: scratch.url)
        XCTAssertEqual(workTree.status, 1)
    }

    /// A commit that only deletes a file refuses the errors it makes elsewhere: removing the hypothesis an unchanged
    /// experiment names breaks that reference, a new error, not one "already there before this commit" (review,
    /// 2026-12-05: the deletion went in with exit 0, HEAD clean), with or without the kept baseline, in every format.
    func testACommitThatOnlyDeletesAHypothesisIsRefusedForTheReferenceItBreaks() throws {
        let (scratch, repository) = try makeRepository()
        try scratch.write("playbooks/HYP-1.yml", ReviewCommandTests.hypothesis)
        try scratch.write("playbooks/EXP-1.yml", ReviewCommandTests.experiment)
        try repository.stage(paths: ["playbooks/HYP-1.yml", "playbooks/EXP-1.yml"])
        _ = try repository.commit(message: "An idea and its test", author: author)
        let clean = try CLI.run(["lint", "--staged"], in: scratch.url)
        XCTAssertEqual(clean.status, 0, clean.stdout + clean.stderr)  // and the baseline of HEAD's content kept

        try FileManager.default.removeItem(at: scratch.url.appendingPathComponent("playbooks/HYP-1.yml"))
        try repository.stage(paths: ["playbooks/HYP-1.yml"])
        for words in [["lint", "--staged"], ["lint", "--staged", "--format", "json"], ["lint", "--staged", "--format", "github"]] {
            let run = try CLI.run(words, in: scratch.url)
            XCTAssertEqual(run.status, 1, "\(words): \(run.stdout)\(run.stderr)")
            XCTAssertTrue(run.stdout.contains("HYP-1"), "\(words): \(run.stdout)")
            XCTAssertFalse(run.stdout.contains("already there"), "\(words): \(run.stdout)")
        }
        // A later run on the same index (its content now kept too) refuses it alike; so does one with no cache.
        XCTAssertEqual(try CLI.run(["lint", "--staged"], in: scratch.url).status, 1)
        try? FileManager.default.removeItem(at: scratch.url.appendingPathComponent(".git/playbook"))
        let fresh = try CLI.run(["lint", "--staged"], in: scratch.url)
        XCTAssertEqual(fresh.status, 1, fresh.stdout)
        XCTAssertTrue(fresh.stdout.contains("playbooks/EXP-1.yml:5:13: error:"), fresh.stdout)
    }

    /// The pre-commit framework runs a hook only when files it matches are staged, and leaves deleted
    /// files out of those: a commit that only removes a hypothesis an experiment names went in unchecked.
    /// The shipped hook lints the whole playbook anyway (no file names), so it runs on every commit.
    func testTheShippedPreCommitHookRunsForACommitThatOnlyDeletesFiles() throws {
        let hooks = try String(contentsOf: CLI.repositoryRoot.appendingPathComponent(".pre-commit-hooks.yaml"), encoding: .utf8)
        let lines = Set(hooks.split(separator: "\n").map { $0.split(separator: "#").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? "" })
        XCTAssertTrue(lines.contains("pass_filenames: false"), hooks)
        XCTAssertTrue(lines.contains("always_run: true"), hooks)
    }

    /// The hook this repository ships for the pre-commit framework judges what is committed: the
    /// framework leaves untracked files in place, so an untracked file must neither let a commit
    /// through (a reference only it resolves) nor refuse a clean one (a scratch file with errors).
    func testTheShippedPreCommitHookJudgesTheIndexNotUntrackedFiles() throws {
        let hooks = try String(contentsOf: CLI.repositoryRoot.appendingPathComponent(".pre-commit-hooks.yaml"), encoding: .utf8)
        let entry = try XCTUnwrap(hooks.split(separator: "\n").first { $0.hasPrefix("  entry: ") })
        var words = entry.dropFirst("  entry: ".count).split(separator: " ").map(String.init)
        XCTAssertEqual(words.first, "playbook", String(entry))
        words.removeFirst()

        let (scratch, repository) = try makeRepository()
        // A: the staged hypothesis names a metric that only an untracked file defines.
        try scratch.write("playbooks/untracked-metric.yml", "kind: Metric\nid: untracked-rate\nname: Untracked rate\nevent: x.y\nunit: percent\ndirection: increase\nowner: activation-emea\n")
        try scratch.write("playbooks/hyp.yml", """
            kind: Hypothesis
            id: HYP-0001
            squad: activation-emea
            title: Shorter signup
            statement: {change: ask for an email only, audience: new visitors, outcome: more sign up, rationale: drop-off at the form}
            metric: untracked-rate
            expected_lift: 0.02
            ice: {impact: 5, confidence: 5, ease: 5}
            status: backlog
            """)
        try repository.stage(paths: ["playbooks/hyp.yml"])
        XCTAssertEqual(try CLI.run(["lint"], in: scratch.url).status, 0, "the working tree resolves the metric")
        let through = try CLI.run(words, in: scratch.url)
        XCTAssertEqual(through.status, 1, "the commit holds a reference nothing committed resolves\n" + through.stdout + through.stderr)

        // B: an untracked scratch file with an error does not refuse a clean commit.
        try FileManager.default.removeItem(at: scratch.url.appendingPathComponent("playbooks/untracked-metric.yml"))
        try scratch.write("playbooks/hyp.yml", "kind: Metric\nid: m2\nname: Second\nevent: a.b\nunit: count\ndirection: increase\nowner: activation-emea\n")
        try repository.stage(paths: ["playbooks/hyp.yml"])
        try scratch.write("playbooks/scratch.yml", "kind: Metric\nid: scratch\n")
        XCTAssertEqual(try CLI.run(["lint"], in: scratch.url).status, 1, "the untracked file is broken")
        let clean = try CLI.run(words, in: scratch.url)
        XCTAssertEqual(clean.status, 0, clean.stdout + clean.stderr)
    }

    /// A committed symbolic link is a blob holding its target, judged as a clean clone sees it: one to a folder,
    /// whatever its name, is `file-unreadable` as `lint` calls it (review, 2026-12-05: `--staged` passed both),
    /// one to a file named otherwise is no playbook file.
    func testACommittedLinkToAFolderIsAnErrorAsLintSaysIt() throws {
        let (scratch, repository) = try makeRepository()
        let outside = try ScratchDirectory()
        try outside.write("shared/m.yml", "kind: Metric\n")
        let links = FileManager.default
        try links.createSymbolicLink(atPath: scratch.url.appendingPathComponent("playbooks/shared").path,
                                     withDestinationPath: outside.url.appendingPathComponent("shared").path)
        try links.createSymbolicLink(atPath: scratch.url.appendingPathComponent("playbooks/squads/inner").path, withDestinationPath: "..")
        try links.createSymbolicLink(atPath: scratch.url.appendingPathComponent("playbooks/readme").path, withDestinationPath: "metrics.yml")
        try repository.stage(paths: ["playbooks/shared", "playbooks/squads/inner", "playbooks/readme"])
        let lint = try CLI.run(["lint"], in: scratch.url)
        let staged = try CLI.run(["lint", "--staged"], in: scratch.url)
        for (name, run) in [("lint", lint), ("--staged", staged)] {
            XCTAssertEqual(run.status, 1, "\(name): \(run.stdout)\(run.stderr)")
            for path in ["playbooks/shared", "playbooks/squads/inner"] {
                XCTAssertTrue(run.stdout.contains("\(path):1:1: error: cannot read the file: it is a symbolic link to a folder"), "\(name): \(run.stdout)")
            }
            XCTAssertFalse(run.stdout.contains("readme"), "\(name): \(run.stdout)")
        }
        // The working tree has no say: the staged link is judged, not what is at its path now.
        try links.removeItem(at: scratch.url.appendingPathComponent("playbooks/squads/inner"))
        let still = try CLI.run(["lint", "--staged"], in: scratch.url)
        XCTAssertEqual(still.status, 1, still.stdout + still.stderr)
        XCTAssertTrue(still.stdout.contains("playbooks/squads/inner:1:1: error:"), still.stdout)
    }

    func testStagedFileNotYetInWorkTreeIsStillLinted() throws {
        let (scratch, repository) = try makeRepository()
        try scratch.write("playbooks/extra.yml", "kind: Metric\nid: Bad_Id\n")
        try repository.stage(paths: ["playbooks/extra.yml"])
        try FileManager.default.removeItem(at: scratch.url.appendingPathComponent("playbooks/extra.yml"))
        let staged = try CLI.run(["lint", "--staged"], in: scratch.url)
        XCTAssertEqual(staged.status, 1)
        XCTAssertTrue(staged.stdout.contains("playbooks/extra.yml:2:5: error: Metric id \"Bad_Id\""), staged.stdout)
    }

    func testIndexNamedByGitIndexFileIsTheOneLinted() throws {
        // `git commit -a` runs the hook with GIT_INDEX_FILE pointing at a temporary index.
        let (scratch, repository) = try makeRepository()
        try scratch.write(squadPath, SmallPlaybook.brokenSquad)
        try repository.stage(paths: [squadPath])
        let alternate = scratch.url.appendingPathComponent(".git/next-index-test.lock")
        try FileManager.default.copyItem(at: scratch.url.appendingPathComponent(".git/index"), to: alternate)
        try scratch.write(squadPath, SmallPlaybook.squad)
        try repository.stage(paths: [squadPath])

        XCTAssertEqual(try CLI.run(["lint", "--staged"], in: scratch.url).status, 0)
        let hooked = try CLI.run(["lint", "--staged"], in: scratch.url, environment: ["GIT_INDEX_FILE": alternate.path])
        XCTAssertEqual(hooked.status, 1, hooked.stdout + hooked.stderr)
    }

    func testStagedOutsideARepositoryExitsTwo() throws {
        let scratch = try ScratchDirectory()
        try SmallPlaybook.write(into: scratch)
        let result = try CLI.run(["lint", "--staged"], in: scratch.url)
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("--staged needs a git repository"), result.stderr)
    }

    func testStagedInABareRepositorySaysWhyItCannot() throws {
        let scratch = try ScratchDirectory()
        _ = try Repository.create(at: scratch.url.path, bare: true)
        let result = try CLI.run(["lint", "--staged"], in: scratch.url)
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("bare repository"), result.stderr)
    }

    func testStagedLintLeavesIndexAndWorkTreeUntouched() throws {
        let (scratch, repository) = try makeRepository()
        try scratch.write(squadPath, SmallPlaybook.brokenSquad)
        try repository.stage(paths: [squadPath])
        let before = try scratch.snapshot()
        _ = try CLI.run(["lint", "--staged"], in: scratch.url)
        // Only the cache folder in the git folder is written to: the findings kept for the next run.
        let after = try scratch.snapshot()
        XCTAssertEqual(after.filter { !$0.key.contains("/.git/playbook/") }, before)
        XCTAssertEqual(Set(after.keys).subtracting(before.keys).map { String($0.split(separator: "/").suffix(3).joined(separator: "/")) },
                       [".git/playbook/staged-baseline"])
    }

    /// `git add -N` records only a place for a file, which the commit does not hold: it was judged as an empty
    /// file (`file-empty`), noise in every commit while it stayed so.
    func testAnIntentToAddFileIsNotPartOfTheCommit() throws {
        let git = URL(fileURLWithPath: "/usr/bin/git")
        guard FileManager.default.isExecutableFile(atPath: git.path) else {
            return XCTFail("git is needed to mark a file intent-to-add")
        }
        let (scratch, _) = try makeRepository()
        try scratch.write("playbooks/squads/later.yml", SmallPlaybook.brokenSquad)
        let marked = try CLI.run(executable: git, ["add", "-N", "playbooks/squads/later.yml"], in: scratch.url)
        XCTAssertEqual(marked.status, 0, marked.stderr)
        let linted = try CLI.run(["lint", "--staged"], in: scratch.url)
        XCTAssertEqual(linted.status, 0, linted.stdout + linted.stderr)
        XCTAssertFalse((linted.stdout + linted.stderr).contains("later.yml"), linted.stdout + linted.stderr)
    }

    /// The real thing: `git commit` with core.hooksPath at this repository's .githooks.
    func testPreCommitHookRefusesABrokenCommit() throws {
        let git = URL(fileURLWithPath: "/usr/bin/git")
        guard FileManager.default.isExecutableFile(atPath: git.path) else {
            return XCTFail("git is needed to run the hook end to end (it is what CI clones with)")
        }
        let (scratch, repository) = try makeRepository()
        try repository.setConfig("core.hooksPath", CLI.repositoryRoot.appendingPathComponent(".githooks").path)
        let path = CLI.productsDirectory.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        let env = ["PATH": path, "GIT_AUTHOR_NAME": "Ana", "GIT_AUTHOR_EMAIL": "ana@example.com",
                   "GIT_COMMITTER_NAME": "Ana", "GIT_COMMITTER_EMAIL": "ana@example.com"]

        try scratch.write(squadPath, SmallPlaybook.brokenSquad)
        let refused = try CLI.run(executable: git, ["commit", "-q", "-a", "-m", "break the squad"], in: scratch.url, environment: env)
        XCTAssertNotEqual(refused.status, 0, "the hook must refuse the commit")
        XCTAssertTrue((refused.stdout + refused.stderr).contains("unknown key \"funnel_stag\""), refused.stdout + refused.stderr)

        try scratch.write(squadPath, SmallPlaybook.squad + "\nregion: emea\n")
        let accepted = try CLI.run(executable: git, ["commit", "-q", "-a", "-m", "add the region"], in: scratch.url, environment: env)
        XCTAssertEqual(accepted.status, 0, accepted.stdout + accepted.stderr)
    }
}
