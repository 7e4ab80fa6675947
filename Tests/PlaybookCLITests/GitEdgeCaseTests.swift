import Foundation
@testable import PlaybookGit
import XCTest

/// `lint --staged` in the repository shapes CI and developers actually have.
final class GitEdgeCaseTests: XCTestCase {
    let author = Signature(name: "Ana Ruiz", email: "ana@example.com", time: 1_780_000_000)
    let squadPath = "playbooks/squads/activation-emea.yml"
    let git = URL(fileURLWithPath: "/usr/bin/git")

    /// Fixtures only: the tool itself never runs git.
    func runGit(_ arguments: [String], in directory: URL) throws {
        let result = try CLI.run(executable: git, ["-c", "user.name=Ana", "-c", "user.email=ana@example.com", "-c", "protocol.file.allow=always"] + arguments, in: directory)
        XCTAssertEqual(result.status, 0, "git \(arguments.joined(separator: " ")): \(result.stderr)")
    }

    func committedPlaybook() throws -> (ScratchDirectory, Repository) {
        let scratch = try ScratchDirectory()
        let repository = try Repository.create(at: scratch.url.path)
        try SmallPlaybook.write(into: scratch)
        try repository.stage(paths: ["playbooks/metrics.yml", squadPath])
        _ = try repository.commit(message: "Add the playbook", author: author)
        return (scratch, repository)
    }

    /// No playbook at all (nothing staged, no playbooks/ folder): said as `lint` says it, exit 2
    /// (it was a North Star error placed in a .playbook.yml that does not exist).
    func testEmptyRepositoryWithNothingStagedSaysThereIsNoPlaybook() throws {
        let scratch = try ScratchDirectory()
        _ = try Repository.create(at: scratch.url.path)
        let result = try CLI.run(["lint", "--staged"], in: scratch.url)
        XCTAssertEqual(result.status, 2, result.stdout + result.stderr)
        XCTAssertEqual(result.stdout, "")
        XCTAssertTrue(result.stderr.contains("the playbook folder playbooks does not exist"), result.stderr)
    }

    func testUnbornBranchLintsWhatIsStagedForTheFirstCommit() throws {
        let scratch = try ScratchDirectory()
        let repository = try Repository.create(at: scratch.url.path)
        try SmallPlaybook.write(into: scratch)
        try repository.stage(paths: ["playbooks/metrics.yml", squadPath])
        let result = try CLI.run(["lint", "--staged"], in: scratch.url)
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        XCTAssertTrue(result.stderr.contains("in 2 files"), result.stderr)
    }

    func testDetachedHeadReadsTheIndexAsUsual() throws {
        let (scratch, repository) = try committedPlaybook()
        guard let head = try repository.headCommit() else { return XCTFail("no HEAD") }
        try repository.detachHead(at: head)
        try scratch.write(squadPath, SmallPlaybook.brokenSquad)
        try repository.stage(paths: [squadPath])
        XCTAssertEqual(try CLI.run(["lint", "--staged"], in: scratch.url).status, 1)
    }

    func testConflictedIndexEntryIsAnErrorNamingTheFile() throws {
        let (scratch, repository) = try committedPlaybook()
        let ours = try repository.writeBlob(Array(SmallPlaybook.squad.utf8))
        let theirs = try repository.writeBlob(Array(SmallPlaybook.brokenSquad.utf8))
        try repository.recordConflict(path: squadPath, ancestor: nil, ours: ours, theirs: theirs)
        let result = try CLI.run(["lint", "--staged"], in: scratch.url)
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stdout.contains("\(squadPath):1:1: error: cannot read the file: it has unresolved merge conflicts in the index"), result.stdout)
    }

    /// The metric catalog in conflict is one error, not one at every reference to a metric with a
    /// "did you mean" and a missing North Star: HEAD's version tells which ids it defines.
    func testACatalogInConflictIsItsOwnErrorOnly() throws {
        let (scratch, repository) = try committedPlaybook()
        let ours = try repository.writeBlob(Array(SmallPlaybook.metrics.utf8))
        let theirs = try repository.writeBlob(Array((SmallPlaybook.metrics + "\nevent: lesson.completed\n").utf8))
        try repository.recordConflict(path: "playbooks/metrics.yml", ancestor: nil, ours: ours, theirs: theirs)
        let result = try CLI.run(["lint", "--staged"], in: scratch.url)
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stdout.split(separator: "\n").map(String.init), [
            "playbooks/metrics.yml:1:1: error: cannot read the file: it has unresolved merge conflicts in the index; resolve them and `git add` it [file-unreadable]",
        ])
    }

    func testMissingObjectIsAnErrorNotACrash() throws {
        let (scratch, repository) = try committedPlaybook()
        try scratch.write(squadPath, SmallPlaybook.squad + "\nregion: emea\n")
        try repository.stage(paths: [squadPath])
        let entry = try repository.stagedEntries(where: { $0 == squadPath }).entries[0]
        let hex = entry.id.description
        let object = scratch.url.appendingPathComponent(".git/objects/\(hex.prefix(2))/\(hex.dropFirst(2))")
        try FileManager.default.removeItem(at: object)
        let result = try CLI.run(["lint", "--staged"], in: scratch.url)
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertTrue(result.stdout.contains("\(squadPath):1:1: error: cannot read the file:"), result.stdout)
    }

    func testLinkedWorktreeLintsItsOwnIndex() throws {
        let (scratch, _) = try committedPlaybook()
        let linked = try ScratchDirectory()
        try FileManager.default.removeItem(at: linked.url)
        try runGit(["worktree", "add", "-q", "-b", "side", linked.url.path], in: scratch.url)
        try linked.write(squadPath, SmallPlaybook.brokenSquad)
        try runGit(["add", squadPath], in: linked.url)
        XCTAssertEqual(try CLI.run(["lint", "--staged"], in: linked.url).status, 1, "the linked worktree's staged file is broken")
        XCTAssertEqual(try CLI.run(["lint", "--staged"], in: scratch.url).status, 0, "the main worktree's index is untouched")
    }

    /// Git runs a linked worktree's hooks from the common git folder: `hooks install` writes its hook there, and `init`
    /// in the linked worktree sees the hooks it would turn off (review26: it looked in .git/worktrees/NAME/hooks, so
    /// `init` turned the repository's own hook off and `hooks install` wrote one git never runs).
    func testLinkedWorktreeHooksAreTheCommonFolders() throws {
        let (scratch, _) = try committedPlaybook()
        let linked = try ScratchDirectory()
        try FileManager.default.removeItem(at: linked.url)
        try runGit(["worktree", "add", "-q", "-b", "side", linked.url.path], in: scratch.url)
        let installed = try CLI.run(["hooks", "install"], in: linked.url)
        XCTAssertEqual(installed.status, 0, installed.stderr)
        let common = scratch.url.appendingPathComponent(".git/hooks/pre-commit").path
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: common), "the hook is where git runs it")
        let refused = try CLI.run(["init", "growth"], in: linked.url)
        XCTAssertEqual(refused.status, 2, refused.stdout + refused.stderr)
        XCTAssertTrue(refused.stderr.contains("git runs pre-commit, pre-merge-commit from"), refused.stderr)
        XCTAssertNil(try Repository.open(at: scratch.url.path).configString("core.hooksPath"))
    }

    /// From a linked worktree, the git folder it shares with the main checkout (refs, objects) is
    /// refused as `-o` for the site, as its own git folder is.
    func testTheSiteIsNeverWrittenIntoTheCommonGitFolderOfALinkedWorktree() throws {
        let (scratch, _) = try committedPlaybook()
        let linked = try ScratchDirectory()
        try FileManager.default.removeItem(at: linked.url)
        try runGit(["worktree", "add", "-q", "-b", "side", linked.url.path], in: scratch.url)
        let refs = scratch.url.appendingPathComponent(".git/refs/heads/x").path
        let result = try CLI.run(["site", "-o", refs], in: linked.url)
        XCTAssertEqual(result.status, 2, result.stdout + result.stderr)
        XCTAssertTrue(result.stderr.contains("inside the repository's git folder"), result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: refs))
    }

    func testShallowCloneStillLintsItsIndex() throws {
        let (scratch, repository) = try committedPlaybook()
        try scratch.write("playbooks/notes.yml", "# second commit\n")
        try repository.stage(paths: ["playbooks/notes.yml"])
        _ = try repository.commit(message: "Second", author: author)
        let clone = try ScratchDirectory()
        try FileManager.default.removeItem(at: clone.url)
        try runGit(["clone", "-q", "--depth", "1", "file://\(scratch.url.path)", clone.url.path], in: scratch.url)
        XCTAssertTrue(try Repository.open(at: clone.url.path).isShallow)
        let result = try CLI.run(["lint", "--staged"], in: clone.url)
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
    }

    func testSubmoduleContentIsNotLintedAsOurs() throws {
        let (inner, _) = try committedPlaybook()
        try inner.write(squadPath, SmallPlaybook.brokenSquad)
        try runGit(["commit", "-q", "-am", "broken in the submodule"], in: inner.url)
        let (outer, _) = try committedPlaybook()
        try runGit(["submodule", "add", "-q", "file://\(inner.url.path)", "playbooks/vendored"], in: outer.url)
        let staged = try CLI.run(["lint", "--staged"], in: outer.url)
        XCTAssertEqual(staged.status, 0, "a submodule is another repository: " + staged.stdout)
    }

    func testLogOfAnEmptyOrMalformedIDIsAClearError() throws {
        let (scratch, _) = try committedPlaybook()
        for id in ["", "/", "activation-emea/"] {
            let result = try CLI.run(["log", id], in: scratch.url)
            XCTAssertEqual(result.status, 2, "\(id): \(result.stderr)")
        }
    }

    func testReportsWorkInABareRepository() throws {
        let (scratch, _) = try committedPlaybook()
        let bare = try ScratchDirectory()
        try FileManager.default.removeItem(at: bare.url)
        try runGit(["clone", "-q", "--bare", "file://\(scratch.url.path)", bare.url.path], in: scratch.url)
        let log = try CLI.run(["log", "activation-emea", "--format", "json"], in: bare.url)
        XCTAssertEqual(log.status, 0, log.stderr)
        XCTAssertTrue(log.stdout.contains("\"entity\": \"activation-emea\""), log.stdout)
        let report = try CLI.run(["report", "experiments", "--since", "2026-01-01", "--until", "2026-12-31"], in: bare.url)
        XCTAssertEqual(report.status, 0, report.stderr)
        let staged = try CLI.run(["lint", "--staged"], in: bare.url)
        XCTAssertEqual(staged.status, 2)
        XCTAssertTrue(staged.stderr.contains("bare repository"), staged.stderr)
    }

    func testReadOnlyCommandsWriteNothing() throws {
        let (scratch, repository) = try committedPlaybook()
        try scratch.write(squadPath, SmallPlaybook.brokenSquad)
        try repository.stage(paths: [squadPath])
        let before = try scratch.snapshot()
        for arguments in [["lint"], ["lint", "--staged"], ["lint", "--format", "sarif"], ["rules"], ["schema"], ["lint", "playbooks"],
                          ["overlaps"], ["overlaps", "--format", "json"], ["log", "activation-emea"], ["review", "--base", "HEAD"],
                          ["report", "okr", "--quarter", "2026-Q2", "--no-cache"], ["report", "experiments", "--no-cache"]] {
            _ = try CLI.run(arguments, in: scratch.url)
        }
        // Only the history cache under .git/playbook may appear.
        let after = try scratch.snapshot().filter { !$0.key.contains("/.git/playbook/") }
        XCTAssertEqual(after, before, "work tree, index and refs are unchanged")
        XCTAssertTrue(FileManager.default.fileExists(atPath: scratch.url.appendingPathComponent(".git/playbook/history-cache").path))
    }
}
