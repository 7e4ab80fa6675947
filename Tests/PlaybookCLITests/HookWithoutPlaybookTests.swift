import Foundation
import PlaybookGit
import XCTest

/// The hooks `playbook hooks install` writes, on a branch that holds no playbook, run by the real git.
final class HookWithoutPlaybookTests: XCTestCase {
    /// A repository with a committed playbook at its top and the hooks installed; git on PATH with the tool.
    static func installedAtTheTop() throws -> ScratchDirectory {
        guard FileManager.default.isExecutableFile(atPath: HookGit.binary.path) else {
            throw XCTSkip("git is needed to run the hook end to end")
        }
        let scratch = try ScratchDirectory()
        _ = try Repository.create(at: scratch.url.path)
        try SmallPlaybook.write(into: scratch)
        let installed = try CLI.run(["hooks", "install"], in: scratch.url)
        XCTAssertEqual(installed.status, 0, installed.stderr)
        try HookGit.run(["add", "-A"], in: scratch.url)
        let first = try HookGit.run(["commit", "-q", "-m", "first"], in: scratch.url)
        XCTAssertEqual(first.status, 0, first.stdout + first.stderr)
        return scratch
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
