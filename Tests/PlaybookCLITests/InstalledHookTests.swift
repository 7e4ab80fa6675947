import Foundation
import PlaybookGit
import XCTest

/// The hooks `playbook hooks install` writes into the folder git runs hooks from, run by the real git.
final class InstalledHookTests: XCTestCase {
    static let git = URL(fileURLWithPath: "/usr/bin/git")
    let squadPath = "growth/playbooks/squads/activation-emea.yml"

    /// What git's hooks need: the tool under test on PATH, and an author.
    var environment: [String: String] {
        let path = CLI.productsDirectory.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        return ["PATH": path, "GIT_AUTHOR_NAME": "Ana", "GIT_AUTHOR_EMAIL": "ana@example.com",
                "GIT_COMMITTER_NAME": "Ana", "GIT_COMMITTER_EMAIL": "ana@example.com"]
    }

    /// Fixtures only: the tool itself never runs git.
    @discardableResult
    func git(_ arguments: [String], in directory: URL) throws -> CLIResult {
        try CLI.run(executable: Self.git, arguments, in: directory, environment: environment)
    }

    /// A repository whose playbook lives in growth/, nothing committed, no hook.
    func makeSubfolderPlaybook() throws -> (ScratchDirectory, Repository) {
        guard FileManager.default.isExecutableFile(atPath: Self.git.path) else {
            throw XCTSkip("git is needed to run the hook end to end")
        }
        let scratch = try ScratchDirectory()
        let repository = try Repository.create(at: scratch.url.path)
        try scratch.write("growth/.playbook.yml", "roots: [playbooks]\n")
        try scratch.write("growth/playbooks/metrics.yml", SmallPlaybook.metrics)
        try scratch.write(squadPath, SmallPlaybook.squad)
        return (scratch, repository)
    }

    /// The hook was `exec playbook lint --staged`, run by git from the repository top where there is
    /// no playbook: every commit in the repository failed ("the playbook folder playbooks does not exist").
    func testHookInstalledInASubfolderPlaybookRunsFromThatFolder() throws {
        let (scratch, _) = try makeSubfolderPlaybook()
        let growth = scratch.url.appendingPathComponent("growth")
        let installed = try CLI.run(["hooks", "install"], in: growth)
        XCTAssertEqual(installed.status, 0, installed.stderr)
        XCTAssertTrue(installed.stdout.contains("in growth/"), installed.stdout)
        let hook = try String(contentsOf: scratch.url.appendingPathComponent(".git/hooks/pre-commit"), encoding: .utf8)
        XCTAssertTrue(hook.contains("cd ./'growth' || exit 1"), hook)

        try git(["add", "-A"], in: scratch.url)
        let first = try git(["commit", "-q", "-m", "first"], in: scratch.url)
        XCTAssertEqual(first.status, 0, first.stdout + first.stderr)
        try scratch.write("sub/a.txt", "x\n")
        try git(["add", "sub/a.txt"], in: scratch.url)
        let unrelated = try git(["commit", "-q", "-m", "unrelated"], in: growth)
        XCTAssertEqual(unrelated.status, 0, unrelated.stdout + unrelated.stderr)
        // Still a hook that refuses: a broken squad staged from anywhere in the repository.
        try scratch.write(squadPath, SmallPlaybook.brokenSquad)
        let refused = try git(["commit", "-q", "-a", "-m", "break the squad"], in: scratch.url.appendingPathComponent("sub"))
        XCTAssertNotEqual(refused.status, 0, "the hook must refuse the commit")
        XCTAssertTrue((refused.stdout + refused.stderr).contains("unknown key \"funnel_stag\""), refused.stdout + refused.stderr)
    }

    /// Run at the top (a hook manager calling it from there), `lint --staged` names the playbook the index holds.
    func testStagedLintAtTheTopNamesTheSubfolderPlaybook() throws {
        let (scratch, repository) = try makeSubfolderPlaybook()
        try repository.stage(paths: ["growth/.playbook.yml", "growth/playbooks/metrics.yml", squadPath])
        let linted = try CLI.run(["lint", "--staged"], in: scratch.url)
        XCTAssertEqual(linted.status, 2, linted.stdout)
        XCTAssertTrue(linted.stderr.contains("no playbook at the repository top (no .playbook.yml, and no folder playbooks); the index has "
            + "growth/.playbook.yml: run from growth/ (cd growth && playbook lint --staged)"), linted.stderr)
    }

    /// `hooks install` at the top of a repository whose playbook is in growth/ wrote a hook that linted the top, where there
    /// is none; with growth's hooks installed, it called them edited and --force rewrote them (review, 2026-12-05).
    func testInstallAtTheTopBesideASubfolderPlaybookIsRefusedNamingTheFolder() throws {
        let (scratch, _) = try makeSubfolderPlaybook()
        try git(["add", "-A"], in: scratch.url)
        XCTAssertEqual(try git(["commit", "-q", "-m", "base"], in: scratch.url).status, 0)
        let hook = scratch.url.appendingPathComponent(".git/hooks/pre-commit").path
        let refused = try CLI.run(["hooks", "install"], in: scratch.url)
        XCTAssertEqual(refused.status, 2, refused.stdout + refused.stderr)
        XCTAssertTrue(refused.stderr.contains("the index has growth/.playbook.yml: run from growth/ (cd growth && playbook hooks install)"), refused.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: hook))

        XCTAssertEqual(try CLI.run(["hooks", "install"], in: scratch.url.appendingPathComponent("growth")).status, 0)
        let written = try String(contentsOfFile: hook, encoding: .utf8)
        for arguments in [["hooks", "install"], ["hooks", "install", "--force"]] {
            let again = try CLI.run(arguments, in: scratch.url)
            XCTAssertEqual(again.status, 2, again.stdout + again.stderr)
            XCTAssertTrue(again.stderr.contains("run from growth/"), again.stderr)
            XCTAssertFalse(again.stderr.contains("edited since"), again.stderr)
            XCTAssertEqual(try String(contentsOfFile: hook, encoding: .utf8), written)
        }
    }

    /// A `git merge` without conflicts runs pre-merge-commit, not pre-commit: two branches each fine on their
    /// own (one renames the metric, the other adds a hypothesis on its old id) were merged broken.
    func testACleanMergeThatBreaksAReferenceIsRefused() throws {
        let scratch = try HookWithoutPlaybookTests.installedAtTheTop()
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: scratch.url.appendingPathComponent(".git/hooks/pre-merge-commit").path))
        try git(["branch", "-M", "main"], in: scratch.url)
        try git(["checkout", "-q", "-b", "renamed"], in: scratch.url)
        try scratch.write("playbooks/metrics.yml", SmallPlaybook.metrics.replacing("id: weekly-active-learners", with: "id: weekly-learners"))
        try scratch.write("playbooks/squads/activation-emea.yml", SmallPlaybook.squad.replacing("[weekly-active-learners]", with: "[weekly-learners]"))
        let rename = try git(["commit", "-q", "-a", "-m", "rename the metric"], in: scratch.url)
        XCTAssertEqual(rename.status, 0, rename.stdout + rename.stderr)
        try git(["checkout", "-q", "-b", "added", "main"], in: scratch.url)
        try scratch.write("playbooks/hypotheses/HYP-0001.yml", AbsurdValueTests.hypothesis.replacing("status: testing", with: "status: backlog"))
        try git(["add", "-A"], in: scratch.url)
        let add = try git(["commit", "-q", "-m", "a hypothesis"], in: scratch.url)
        XCTAssertEqual(add.status, 0, add.stdout + add.stderr)
        try git(["checkout", "-q", "renamed"], in: scratch.url)
        let merged = try git(["merge", "--no-edit", "added"], in: scratch.url)
        XCTAssertNotEqual(merged.status, 0, "the merge must be refused\n" + merged.stdout + merged.stderr)
        XCTAssertTrue((merged.stdout + merged.stderr).contains("names metric \"weekly-active-learners\", which does not exist"), merged.stdout + merged.stderr)
    }

    /// `init` writes the same check for merges into the versioned hooks.
    func testInitWritesAPreMergeCommitHook() throws {
        let scratch = try ScratchDirectory()
        let started = try CLI.run(["init"], in: scratch.url)
        XCTAssertEqual(started.status, 0, started.stderr)
        let merge = scratch.url.appendingPathComponent(".githooks/pre-merge-commit")
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: merge.path))
        XCTAssertTrue(try String(contentsOf: merge, encoding: .utf8).contains("exec playbook lint --staged"))
    }

    /// `hooks install --force` overwrote another tool's hook (a versioned .husky/pre-commit) with no backup, and
    /// nothing undid it: the replaced hook is kept beside it, and `hooks uninstall` puts it back.
    func testForceKeepsAnotherToolsHookAndUninstallPutsItBack() throws {
        let scratch = try ScratchDirectory()
        let repository = try Repository.create(at: scratch.url.path)
        let husky = AnotherToolsHook.text
        let hook = try AnotherToolsHook.install(in: scratch, repository)

        let refused = try CLI.run(["hooks", "install"], in: scratch.url)
        XCTAssertEqual(refused.status, 2, refused.stdout)
        XCTAssertTrue(refused.stderr.contains(".husky/pre-commit already exists (another tool's hook): add the line `playbook lint --staged || exit 1` to it, "
            + "or use --force to replace it (it is kept as pre-commit.before-playbook)"), refused.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: scratch.url.appendingPathComponent(".husky/pre-merge-commit").path), "nothing is written")

        let forced = try CLI.run(["hooks", "install", "--force"], in: scratch.url)
        XCTAssertEqual(forced.status, 0, forced.stderr)
        XCTAssertTrue(forced.stdout.contains("kept the hook it replaced as .husky/pre-commit.before-playbook"), forced.stdout)
        let backup = scratch.url.appendingPathComponent(".husky/pre-commit.before-playbook")
        XCTAssertEqual(try String(contentsOf: backup, encoding: .utf8), husky)
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: backup.path))
        XCTAssertTrue(try String(contentsOf: hook, encoding: .utf8).contains("lint --staged"))
        // Writing our own hook again keeps the backup of the other tool's.
        XCTAssertEqual(try CLI.run(["hooks", "install", "--force"], in: scratch.url).status, 0)
        XCTAssertEqual(try String(contentsOf: backup, encoding: .utf8), husky)

        let removed = try CLI.run(["hooks", "uninstall"], in: scratch.url)
        XCTAssertEqual(removed.status, 0, removed.stderr)
        XCTAssertEqual(try String(contentsOf: hook, encoding: .utf8), husky)
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: hook.path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: backup.path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: scratch.url.appendingPathComponent(".husky/pre-merge-commit").path))
        // Another tool's hook is never removed.
        let again = try CLI.run(["hooks", "uninstall"], in: scratch.url)
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertTrue(again.stdout.contains("left .husky/pre-commit alone"), again.stdout)
        XCTAssertEqual(try String(contentsOf: hook, encoding: .utf8), husky)
    }

    /// `hooks install` run twice (a setup script, CI) finds its hooks in place as it writes them: it says so and exits 0,
    /// the files untouched; one of its hooks edited since is refused without --force, as another tool's hook is, and
    /// named as playbook's (review, 2026-12-05: the second run exited 2, "already installed; use --force").
    func testInstallingTwiceSaysSoAndExitsZeroAnEditedHookNeedsForce() throws {
        let scratch = try ScratchDirectory()
        _ = try Repository.create(at: scratch.url.path)
        XCTAssertEqual(try CLI.run(["hooks", "install"], in: scratch.url).status, 0)
        let hook = scratch.url.appendingPathComponent(".git/hooks/pre-commit")
        let written = try Data(contentsOf: hook)
        let again = try CLI.run(["hooks", "install"], in: scratch.url)
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertEqual(again.stdout, ".git/hooks/pre-commit and .git/hooks/pre-merge-commit already installed and up to date: "
                       + "commits and merges run `playbook lint --staged`\n")
        XCTAssertEqual(try Data(contentsOf: hook), written)

        try (String(decoding: written, as: UTF8.self) + "echo EDITED\n").write(to: hook, atomically: false, encoding: .utf8)
        let edited = try CLI.run(["hooks", "install"], in: scratch.url)
        XCTAssertEqual(edited.status, 2, edited.stdout)
        XCTAssertTrue(edited.stderr.contains(".git/hooks/pre-commit is playbook's hook, but not as this version writes it"), edited.stderr)
        XCTAssertTrue(try String(contentsOf: hook, encoding: .utf8).hasSuffix("echo EDITED\n"), "kept as it was")
        XCTAssertEqual(try CLI.run(["hooks", "install", "--force"], in: scratch.url).status, 0)
        XCTAssertEqual(try Data(contentsOf: hook), written)
    }

    /// `init` in a repository whose hooks another tool runs could not scaffold without --force, which turned them off.
    func testInitWithNoHooksWritesNoHookAndLeavesHooksPathAlone() throws {
        let scratch = try ScratchDirectory()
        let repository = try Repository.create(at: scratch.url.path)
        try repository.setConfig("core.hooksPath", ".husky")
        let refused = try CLI.run(["init", "growth"], in: scratch.url)
        XCTAssertEqual(refused.status, 2, refused.stdout)
        XCTAssertTrue(refused.stderr.contains("or use --no-hooks"), refused.stderr)
        let started = try CLI.run(["init", "growth", "--no-hooks"], in: scratch.url)
        XCTAssertEqual(started.status, 0, started.stderr)
        XCTAssertTrue(started.stdout.contains("no hook written (--no-hooks)"), started.stdout)
        XCTAssertFalse(FileManager.default.fileExists(atPath: scratch.url.appendingPathComponent("growth/.githooks").path))
        XCTAssertEqual(try Repository.open(at: scratch.url.path).configString("core.hooksPath"), ".husky")
        XCTAssertEqual(try CLI.run(["lint"], in: scratch.url.appendingPathComponent("growth")).status, 0)
        // A new repository too: created, with no hooks folder set.
        let fresh = try ScratchDirectory()
        XCTAssertEqual(try CLI.run(["init", "--no-hooks"], in: fresh.url).status, 0)
        XCTAssertNil(try Repository.open(at: fresh.url.path).configString("core.hooksPath"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: fresh.url.appendingPathComponent(".githooks").path))
    }

    /// With --no-hooks, init skipped finding the enclosing repository and always created one: a nested
    /// growth/.git inside an existing repository, and "already exists" (rolled back) at its top.
    func testInitWithNoHooksUsesTheEnclosingRepository() throws {
        let scratch = try ScratchDirectory()
        let repository = try Repository.create(at: scratch.url.path)
        try repository.setConfig("core.hooksPath", ".husky")
        let sub = try CLI.run(["init", "growth", "--no-hooks"], in: scratch.url)
        XCTAssertEqual(sub.status, 0, sub.stderr)
        var info = stat()
        XCTAssertNotEqual(lstat(scratch.url.appendingPathComponent("growth/.git").path, &info), 0, "no nested repository")
        XCTAssertTrue(FileManager.default.fileExists(atPath: scratch.url.appendingPathComponent("growth/.playbook.yml").path))

        let other = try ScratchDirectory()
        _ = try Repository.create(at: other.url.path)
        let top = try CLI.run(["init", "--no-hooks"], in: other.url)
        XCTAssertEqual(top.status, 0, top.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: other.url.appendingPathComponent(".playbook.yml").path))
        XCTAssertNil(try Repository.open(at: other.url.path).configString("core.hooksPath"))
        XCTAssertEqual(try Repository.open(at: scratch.url.path).configString("core.hooksPath"), ".husky")
    }

    /// The subfolder hook was `cd 'growth' || exit 1`: on a branch without the folder (an orphan gh-pages, a
    /// worktree of an older branch) every commit was refused; there is no playbook there to check.
    func testSubfolderHookLetsACommitThroughOnABranchWithoutTheFolder() throws {
        let (scratch, _) = try makeSubfolderPlaybook()
        let installed = try CLI.run(["hooks", "install"], in: scratch.url.appendingPathComponent("growth"))
        XCTAssertEqual(installed.status, 0, installed.stderr)
        try git(["add", "-A"], in: scratch.url)
        XCTAssertEqual(try git(["commit", "-q", "-m", "first"], in: scratch.url).status, 0)
        try git(["checkout", "-q", "--orphan", "gh-pages"], in: scratch.url)
        try git(["rm", "-r", "-q", "--cached", "."], in: scratch.url)
        try FileManager.default.removeItem(at: scratch.url.appendingPathComponent("growth"))
        try scratch.write("index.html", "<p>site</p>\n")
        try git(["add", "index.html"], in: scratch.url)
        let pages = try git(["commit", "-q", "-m", "site"], in: scratch.url)
        XCTAssertEqual(pages.status, 0, pages.stdout + pages.stderr)
    }

    /// The line suggested for another tool's hook, `(cd 'growth' && playbook lint --staged) || exit 1`, failed under a
    /// plain `git commit`: git names the index `.git/index`, relative to the top, which is not found from growth/.
    func testTheLineSuggestedForAnotherToolsHookWorksUnderGitCommit() throws {
        let (scratch, repository) = try makeSubfolderPlaybook()
        try AnotherToolsHook.install(in: scratch, repository)
        let refused = try CLI.run(["hooks", "install"], in: scratch.url.appendingPathComponent("growth"))
        XCTAssertEqual(refused.status, 2, refused.stdout)
        guard let line = AnotherToolsHook.suggestedLine(refused) else { return XCTFail("no line suggested: " + refused.stderr) }
        try AnotherToolsHook.write(in: scratch, lines: line + "\n")

        try git(["add", "-A"], in: scratch.url)
        let first = try git(["commit", "-q", "-m", "first"], in: scratch.url)
        XCTAssertEqual(first.status, 0, line + "\n" + first.stdout + first.stderr)
        try scratch.write(squadPath, SmallPlaybook.brokenSquad)
        let broken = try git(["commit", "-q", "-a", "-m", "break the squad"], in: scratch.url)
        XCTAssertNotEqual(broken.status, 0, "the suggested line must refuse the commit")
        XCTAssertTrue((broken.stdout + broken.stderr).contains("unknown key \"funnel_stag\""), broken.stdout + broken.stderr)
    }

    /// `hooks install --force` over a hook that is a symbolic link made NAME.before-playbook first, then refused to
    /// write over the link: the stray backup made every rerun fail. Now refused before any backup is made.
    func testForceOverALinkedHookRefusesBeforeMakingABackup() throws {
        let scratch = try ScratchDirectory()
        let repository = try Repository.create(at: scratch.url.path)
        try repository.setConfig("core.hooksPath", ".husky")
        try scratch.write("scripts/lint.sh", "#!/bin/sh\necho HUSKY-RAN\n")
        try FileManager.default.createDirectory(at: scratch.url.appendingPathComponent(".husky"), withIntermediateDirectories: true)
        let hook = scratch.url.appendingPathComponent(".husky/pre-commit")
        XCTAssertEqual(symlink("../scripts/lint.sh", hook.path), 0)
        for _ in 0..<2 {
            let forced = try CLI.run(["hooks", "install", "--force"], in: scratch.url)
            XCTAssertEqual(forced.status, 2, forced.stdout)
            XCTAssertTrue(forced.stderr.contains(".husky/pre-commit is not a regular file (a symbolic link?); not replacing it"), forced.stderr)
            var info = stat()
            XCTAssertNotEqual(lstat(hook.path + ".before-playbook", &info), 0, "no backup is left behind")
            XCTAssertNotEqual(lstat(scratch.url.appendingPathComponent(".husky/pre-merge-commit").path, &info), 0, "nothing is written")
        }
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: hook.path), "../scripts/lint.sh")
    }

    /// core.hooksPath `~/.githooks` (git expands it) was read from the top of the working tree: the hook went into a
    /// new `~` folder there, which git never runs. A folder outside the repository serves every repository that
    /// names it, so it is written into only with --force.
    func testHooksPathFromTheHomeFolderIsExpandedAndNeedsForce() throws {
        let scratch = try ScratchDirectory()
        let home = try ScratchDirectory()
        let repository = try Repository.create(at: scratch.url.path)
        try repository.setConfig("core.hooksPath", "~/.githooks")
        try FileManager.default.createDirectory(at: home.url.appendingPathComponent(".githooks"), withIntermediateDirectories: true)
        let refused = try CLI.run(["hooks", "install"], in: scratch.url, environment: ["HOME": home.url.path])
        XCTAssertEqual(refused.status, 2, refused.stdout)
        XCTAssertTrue(refused.stderr.contains("/.githooks, outside this repository: a hook written there runs for every repository"), refused.stderr)
        var info = stat()
        XCTAssertNotEqual(lstat(scratch.url.appendingPathComponent("~").path, &info), 0, "no `~` folder in the working tree")
        XCTAssertNotEqual(lstat(home.url.appendingPathComponent(".githooks/pre-commit").path, &info), 0, "nothing written without --force")

        let forced = try CLI.run(["hooks", "install", "--force"], in: scratch.url, environment: ["HOME": home.url.path])
        XCTAssertEqual(forced.status, 0, forced.stderr)
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: home.url.appendingPathComponent(".githooks/pre-commit").path))
        XCTAssertNotEqual(lstat(scratch.url.appendingPathComponent("~").path, &info), 0, "no `~` folder in the working tree")

        // An absolute path outside the repository likewise.
        try repository.setConfig("core.hooksPath", home.url.appendingPathComponent("shared-hooks").path)
        let absolute = try CLI.run(["hooks", "install"], in: scratch.url)
        XCTAssertEqual(absolute.status, 2, absolute.stdout)
        XCTAssertTrue(absolute.stderr.contains("outside this repository"), absolute.stderr)
    }

    /// `hooks uninstall` removed the hooks and left `playbook.path`, the clone's setting `hooks install` made for them, in
    /// `.git/config`: it goes with them, while a value set by hand to another binary stays, and so does one a hook still reads.
    func testUninstallRemovesThePlaybookPathInstallSetButNotOneSetByHand() throws {
        guard FileManager.default.isExecutableFile(atPath: Self.git.path) else { throw XCTSkip("git is needed to read the clone's config") }
        let scratch = try ScratchDirectory()
        let repository = try Repository.create(at: scratch.url.path)
        try SmallPlaybook.write(into: scratch)
        XCTAssertEqual(try CLI.run(["hooks", "install"], in: scratch.url).status, 0)
        let set = try git(["config", "--get", "playbook.path"], in: scratch.url)
        XCTAssertEqual(set.status, 0, "hooks install names its binary for the hooks")
        let removed = try CLI.run(["hooks", "uninstall"], in: scratch.url)
        XCTAssertEqual(removed.status, 0, removed.stderr)
        XCTAssertEqual(try git(["config", "--get", "playbook.path"], in: scratch.url).status, 1, "playbook.path is left in .git/config")
        XCTAssertTrue(removed.stdout.contains("removed playbook.path (\(set.stdout.dropLast())) from this clone's git config"), removed.stdout)
        XCTAssertTrue(removed.stdout.contains("removed .git/hooks/pre-commit"), removed.stdout)

        // Set by hand to another binary after installing: kept, and said.
        XCTAssertEqual(try CLI.run(["hooks", "install"], in: scratch.url).status, 0)
        try repository.setConfig("playbook.path", "/opt/my tools/playbook")
        let kept = try CLI.run(["hooks", "uninstall"], in: scratch.url)
        XCTAssertEqual(kept.status, 0, kept.stderr)
        XCTAssertEqual(try git(["config", "--get", "playbook.path"], in: scratch.url).stdout, "/opt/my tools/playbook\n")
        XCTAssertTrue(kept.stdout.contains("left playbook.path (/opt/my tools/playbook) in this clone's git config: it names another playbook "
            + "than this one, perhaps set by hand (`git config --unset playbook.path` removes it)"), kept.stdout)

        // init's versioned hooks, which core.hooksPath still runs, read it: kept.
        let initialised = try ScratchDirectory()
        XCTAssertEqual(try CLI.run(["init"], in: initialised.url).status, 0)
        let versioned = try CLI.run(["hooks", "uninstall"], in: initialised.url)
        XCTAssertEqual(versioned.status, 0, versioned.stderr)
        XCTAssertEqual(try git(["config", "--get", "playbook.path"], in: initialised.url).status, 0)
        XCTAssertTrue(versioned.stdout.contains("no hook of `playbook hooks install` in .githooks; nothing changed"), versioned.stdout)
        XCTAssertTrue(versioned.stdout.contains("kept playbook.path ("), versioned.stdout)
        XCTAssertTrue(versioned.stdout.contains(") in this clone's git config: .githooks/pre-commit still reads it"), versioned.stdout)
    }

    /// `hooks install` and `init` replaced a `playbook.path` set by hand with their own binary without a word, and
    /// `hooks uninstall` then removed theirs: the value was lost silently. They say what it was and how to put it back.
    func testInstallAndInitSayWhichPlaybookPathTheyReplaced() throws {
        let scratch = try ScratchDirectory()
        let repository = try Repository.create(at: scratch.url.path)
        try SmallPlaybook.write(into: scratch)
        try repository.setConfig("playbook.path", "/opt/it's mine/playbook")
        let installed = try CLI.run(["hooks", "install"], in: scratch.url)
        XCTAssertEqual(installed.status, 0, installed.stderr)
        XCTAssertTrue(installed.stdout.contains(", for the hooks when playbook is not on PATH; it was /opt/it's mine/playbook: "
            + "`git config playbook.path '/opt/it'\\''s mine/playbook'` puts it back"), installed.stdout)
        // Its own binary again: nothing to say.
        let again = try CLI.run(["hooks", "install", "--force"], in: scratch.url)
        XCTAssertFalse(again.stdout.contains("it was"), again.stdout)

        let fresh = try ScratchDirectory()
        let existing = try Repository.create(at: fresh.url.path)
        try existing.setConfig("playbook.path", "../tools/playbook")
        let initialised = try CLI.run(["init"], in: fresh.url)
        XCTAssertEqual(initialised.status, 0, initialised.stderr)
        XCTAssertTrue(initialised.stdout.contains("it was ../tools/playbook: `git config playbook.path '../tools/playbook'` puts it back"), initialised.stdout)
    }

    /// `hooks install` said which hand-set `playbook.path` it replaced, but `hooks uninstall` then removed the setting:
    /// the user's value was lost, while a replaced hook (NAME.before-playbook) came back. The value is kept as
    /// `playbook.pathBeforePlaybook` and put back, and said.
    func testUninstallPutsBackThePlaybookPathInstallReplaced() throws {
        let scratch = try ScratchDirectory()
        let repository = try Repository.create(at: scratch.url.path)
        try SmallPlaybook.write(into: scratch)
        try repository.setConfig("playbook.path", "/opt/handset/pb")
        let installed = try CLI.run(["hooks", "install"], in: scratch.url)
        XCTAssertEqual(installed.status, 0, installed.stderr)
        XCTAssertTrue(installed.stdout.contains("it was /opt/handset/pb: `git config playbook.path '/opt/handset/pb'` puts it back; "
            + "kept as playbook.pathBeforePlaybook for `playbook hooks uninstall` to put back\n"), installed.stdout)
        XCTAssertEqual(try repository.localConfigString("playbook.pathBeforePlaybook"), "/opt/handset/pb")
        // Installing again keeps the hand-set value to put back, not playbook's own.
        XCTAssertEqual(try CLI.run(["hooks", "install", "--force"], in: scratch.url).status, 0)
        XCTAssertEqual(try repository.localConfigString("playbook.pathBeforePlaybook"), "/opt/handset/pb")

        let removed = try CLI.run(["hooks", "uninstall"], in: scratch.url)
        XCTAssertEqual(removed.status, 0, removed.stderr)
        XCTAssertEqual(try repository.localConfigString("playbook.path"), "/opt/handset/pb", "the hand-set playbook.path is lost")
        XCTAssertNil(try repository.localConfigString("playbook.pathBeforePlaybook"))
        XCTAssertNil(try repository.localConfigString("playbook.pathSetByPlaybook"))
        XCTAssertTrue(removed.stdout.contains("put back playbook.path (/opt/handset/pb) in this clone's git config, the value `playbook init` "
            + "or `hooks install` replaced with "), removed.stdout)
        XCTAssertTrue(removed.stdout.contains("removed .git/hooks/pre-commit"), removed.stdout)
    }

    /// `hooks uninstall` run by another playbook binary than the one that installed left `playbook.path`, "perhaps set
    /// by hand": it compared with the running binary. It compares with the value `hooks install` recorded writing.
    func testUninstallByAnotherBinaryRemovesThePlaybookPathInstallSet() throws {
        let binaryFolder = try ScratchDirectory()
        var resolved = binaryFolder.url.path
        if let real = realpath(resolved, nil) {
            resolved = String(cString: real)
            free(real)
        }
        let other = URL(fileURLWithPath: resolved).appendingPathComponent("playbook")
        try FileManager.default.copyItem(at: CLI.binary, to: other)
        let scratch = try ScratchDirectory()
        let repository = try Repository.create(at: scratch.url.path)
        try SmallPlaybook.write(into: scratch)
        let installed = try CLI.run(executable: other, ["hooks", "install"], in: scratch.url)
        XCTAssertEqual(installed.status, 0, installed.stderr)
        XCTAssertEqual(try repository.localConfigString("playbook.path"), other.path)

        let removed = try CLI.run(["hooks", "uninstall"], in: scratch.url)
        XCTAssertEqual(removed.status, 0, removed.stderr)
        XCTAssertNil(try repository.localConfigString("playbook.path"), "the playbook.path hooks install set is left")
        XCTAssertFalse(removed.stdout.contains("perhaps set by hand"), removed.stdout)
        XCTAssertTrue(removed.stdout.contains("removed playbook.path (\(other.path)) from this clone's git config"), removed.stdout)

        // Set since to another value: left, and said against the value recorded, not the binary running.
        XCTAssertEqual(try CLI.run(executable: other, ["hooks", "install"], in: scratch.url).status, 0)
        try repository.setConfig("playbook.path", "/opt/mine/playbook")
        let kept = try CLI.run(["hooks", "uninstall"], in: scratch.url)
        XCTAssertEqual(kept.status, 0, kept.stderr)
        XCTAssertEqual(try repository.localConfigString("playbook.path"), "/opt/mine/playbook")
        XCTAssertTrue(kept.stdout.contains("left playbook.path (/opt/mine/playbook) in this clone's git config: it is not the playbook "
            + "`playbook init` or `hooks install` set (\(other.path)), perhaps set by hand since"), kept.stdout)
    }

    /// The command printed to put back a replaced `playbook.path` was escaped for the terminal: for a value with a
    /// newline or an escape it printed a `git config` line that sets another value. Such a value is said to be shown
    /// escaped, with no command, and `hooks uninstall` still puts back the exact value.
    func testAReplacedPlaybookPathWithControlCharactersIsNotPrintedAsACommand() throws {
        let scratch = try ScratchDirectory()
        let repository = try Repository.create(at: scratch.url.path)
        try SmallPlaybook.write(into: scratch)
        let value = "/opt/two\nlines/\u{1B}[31mplaybook"
        try repository.setConfig("playbook.path", value)
        let installed = try CLI.run(["hooks", "install"], in: scratch.url)
        XCTAssertEqual(installed.status, 0, installed.stderr)
        XCTAssertFalse(installed.stdout.contains("puts it back"), installed.stdout)
        XCTAssertFalse(installed.stdout.contains("\u{1B}"), installed.stdout)
        XCTAssertTrue(installed.stdout.contains(" (it held control characters, shown escaped); kept as playbook.pathBeforePlaybook "
            + "for `playbook hooks uninstall` to put back\n"), installed.stdout)

        let removed = try CLI.run(["hooks", "uninstall"], in: scratch.url)
        XCTAssertEqual(removed.status, 0, removed.stderr)
        XCTAssertEqual(try repository.localConfigString("playbook.path"), value)
    }
}
