import Foundation
import PlaybookGit
import XCTest

/// The hooks `playbook hooks install` writes, on a branch that holds no playbook, run by the real git.
final class HookWithoutPlaybookTests: XCTestCase {
    /// A repository holding what `write` writes, the hooks installed at its top and everything committed through
    /// them by the real git (skipped where git is missing); git on PATH with the tool.
    static func committedWithHooks(_ write: (ScratchDirectory) throws -> Void) throws -> ScratchDirectory {
        guard FileManager.default.isExecutableFile(atPath: HookGit.binary.path) else {
            throw XCTSkip("git is needed to run the hook end to end")
        }
        let scratch = try ScratchDirectory()
        _ = try Repository.create(at: scratch.url.path)
        try write(scratch)
        let installed = try CLI.run(["hooks", "install"], in: scratch.url)
        XCTAssertEqual(installed.status, 0, installed.stderr)
        try HookGit.run(["add", "-A"], in: scratch.url)
        let first = try HookGit.run(["commit", "-q", "-m", "first"], in: scratch.url)
        XCTAssertEqual(first.status, 0, first.stdout + first.stderr)
        return scratch
    }

    /// A repository with a committed playbook at its top and the hooks installed.
    static func installedAtTheTop() throws -> ScratchDirectory {
        try committedWithHooks { try SmallPlaybook.write(into: $0) }
    }

    /// The hook at the top ran `playbook lint --staged` on an orphan gh-pages: "the playbook folder playbooks does not
    /// exist", exit 2, every commit there refused (review, 2026-12-05). No settings file and no playbooks/ there: nothing to check.
    func testTopLevelHookLetsACommitThroughOnABranchWithoutThePlaybook() throws {
        let scratch = try Self.installedAtTheTop()
        try HookGit.run(["checkout", "-q", "--orphan", "gh-pages"], in: scratch.url)
        try HookGit.run(["rm", "-r", "-q", "-f", "."], in: scratch.url)
        XCTAssertFalse(FileManager.default.fileExists(atPath: scratch.url.appendingPathComponent("playbooks").path))
        try scratch.write("index.html", "<p>site</p>\n")
        try HookGit.run(["add", "index.html"], in: scratch.url)
        let pages = try HookGit.run(["commit", "-q", "-m", "pages"], in: scratch.url)
        XCTAssertEqual(pages.status, 0, pages.stdout + pages.stderr)

        // A settings file whose folder is missing is a broken playbook, not none: still refused, as `lint` refuses it.
        try scratch.write(".playbook.yml", "roots: [playbooks]\n")
        try HookGit.run(["add", ".playbook.yml"], in: scratch.url)
        let broken = try HookGit.run(["commit", "-q", "-m", "settings without the folder"], in: scratch.url)
        XCTAssertNotEqual(broken.status, 0, "a playbook with a missing folder must still be refused")
        XCTAssertTrue((broken.stdout + broken.stderr).contains("the playbook folder playbooks does not exist"), broken.stdout + broken.stderr)
    }

    /// Back on the branch with the playbook, the same hook still refuses a broken file.
    func testTopLevelHookStillRefusesABrokenPlaybook() throws {
        let scratch = try Self.installedAtTheTop()
        try scratch.write("playbooks/squads/activation-emea.yml", SmallPlaybook.brokenSquad)
        let refused = try HookGit.run(["commit", "-q", "-a", "-m", "break the squad"], in: scratch.url)
        XCTAssertNotEqual(refused.status, 0, "the hook must refuse the commit")
        XCTAssertTrue((refused.stdout + refused.stderr).contains("unknown key \"funnel_stag\""), refused.stdout + refused.stderr)
    }

    /// A repository whose settings at the top name the root `growth`, committed, with the hooks installed at the top.
    static func growthAtTheTop() throws -> ScratchDirectory {
        try committedWithHooks { scratch in
            try scratch.write(".playbook.yml", "roots: [growth]\n")
            try scratch.write("growth/metrics.yml", SmallPlaybook.metrics)
            try scratch.write("growth/squads/activation-emea.yml", SmallPlaybook.squad)
        }
    }

    /// `growthAtTheTop()`'s repository after `change`, then a broken squad file staged and committed through the hook.
    static func commitABrokenSquad(after change: (ScratchDirectory) throws -> Void) throws -> CLIResult {
        let scratch = try growthAtTheTop()
        try change(scratch)
        try scratch.write("growth/squads/activation-emea.yml", SmallPlaybook.brokenSquad)
        try HookGit.run(["add", "growth"], in: scratch.url)
        return try HookGit.run(["commit", "-q", "-m", "bad"], in: scratch.url)
    }

    /// The hook let a commit through when the working tree had no `.playbook.yml` and no `playbooks/`, whatever the commit
    /// held (review, 2026-12-05): the index and HEAD decide. (a) settings moved away, not staged: still in the commit.
    func testHookRefusesABrokenCommitWhoseSettingsAreOnlyMissingFromTheWorkingTree() throws {
        let refused = try Self.commitABrokenSquad { try FileManager.default.removeItem(at: $0.url.appendingPathComponent(".playbook.yml")) }
        XCTAssertEqual(refused.status, 1, refused.stdout + refused.stderr)
        XCTAssertTrue((refused.stdout + refused.stderr).contains("unknown key \"funnel_stag\""), refused.stdout + refused.stderr)
    }

    /// (b) settings removed from the commit, HEAD holding them: refused, as a clean clone's `lint` fails (no `playbooks/`).
    func testHookRefusesACommitThatRemovesTheSettingsHeadHolds() throws {
        let refused = try Self.commitABrokenSquad { try HookGit.run(["rm", "-q", ".playbook.yml"], in: $0.url) }
        XCTAssertNotEqual(refused.status, 0, refused.stdout + refused.stderr)
        XCTAssertTrue((refused.stdout + refused.stderr).contains("the playbook folder playbooks does not exist"), refused.stdout + refused.stderr)
    }

    /// (c) settings moved into the playbook's folder: no settings at the top of the commit, HEAD's there: refused.
    func testHookRefusesACommitThatMovesTheSettingsIntoASubfolder() throws {
        let refused = try Self.commitABrokenSquad { try HookGit.run(["mv", ".playbook.yml", "growth/.playbook.yml"], in: $0.url) }
        XCTAssertNotEqual(refused.status, 0, refused.stdout + refused.stderr)
        XCTAssertTrue((refused.stdout + refused.stderr).contains("run from growth/"), refused.stdout + refused.stderr)
    }

    /// `playbooks/` only in the working tree, no commit yet, a README committed: nothing of the playbook is in the index
    /// nor in HEAD, so nothing to judge (review, 2026-12-05: refused with "the repository defines no Metric").
    func testHookLetsThroughACommitWithoutPlaybookFilesWhenThePlaybookIsOnlyInTheWorkingTree() throws {
        guard FileManager.default.isExecutableFile(atPath: HookGit.binary.path) else {
            throw XCTSkip("git is needed to run the hook end to end")
        }
        let scratch = try ScratchDirectory()
        _ = try Repository.create(at: scratch.url.path)
        try SmallPlaybook.write(into: scratch)
        XCTAssertEqual(try CLI.run(["hooks", "install"], in: scratch.url).status, 0)
        try scratch.write("README", "the app\n")
        try HookGit.run(["add", "README"], in: scratch.url)
        let readme = try HookGit.run(["commit", "-q", "-m", "readme"], in: scratch.url)
        XCTAssertEqual(readme.status, 0, readme.stdout + readme.stderr)
    }

    /// An orphan gh-pages with an untracked draft left in `playbooks/`: the commit holds no playbook, nor does its parent.
    func testHookLetsThroughAnOrphanBranchCommitWithAnUntrackedDraftLeft() throws {
        let scratch = try Self.installedAtTheTop()
        try HookGit.run(["switch", "-q", "--orphan", "gh-pages"], in: scratch.url)
        try scratch.write("playbooks/squads/draft.yml", SmallPlaybook.brokenSquad)
        try scratch.write("index.html", "<p>site</p>\n")
        try HookGit.run(["add", "index.html"], in: scratch.url)
        let pages = try HookGit.run(["commit", "-q", "-m", "pages"], in: scratch.url)
        XCTAssertEqual(pages.status, 0, pages.stdout + pages.stderr)
    }
}

/// Git for test fixtures only (the tool itself never runs git): the tool under test on PATH for the hooks, and an author.
enum HookGit {
    static let binary = URL(fileURLWithPath: "/usr/bin/git")

    static var environment: [String: String] {
        let path = CLI.productsDirectory.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        return ["PATH": path, "GIT_AUTHOR_NAME": "Ana", "GIT_AUTHOR_EMAIL": "ana@example.com",
                "GIT_COMMITTER_NAME": "Ana", "GIT_COMMITTER_EMAIL": "ana@example.com"]
    }

    @discardableResult
    static func run(_ arguments: [String], in directory: URL) throws -> CLIResult {
        try CLI.run(executable: binary, arguments, in: directory, environment: environment)
    }
}
