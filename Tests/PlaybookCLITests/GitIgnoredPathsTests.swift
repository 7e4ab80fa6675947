import Foundation
import PlaybookGit
import XCTest

/// `lint .` (or any folder) inside a git repository leaves out what git ignores: a
/// `node_modules/` or a scratch copy beside the playbook is not playbook content.
final class GitIgnoredPathsTests: XCTestCase {
    static let broken = "kind: Metric\nid: [unclosed\n"  // a flow sequence never closed: reported where it opens, 2:5

    func repository() throws -> ScratchDirectory {
        let scratch = try ScratchDirectory()
        _ = try Repository.create(at: scratch.url.path)
        try SmallPlaybook.write(into: scratch)
        try scratch.write(".gitignore", "node_modules/\n*.local.yml\nbuild\n")
        try scratch.write("playbooks/.gitignore", "scratch/\n")
        try scratch.write("node_modules/some-package/config.yml", Self.broken)
        try scratch.write("build/out/copy.yml", Self.broken)
        try scratch.write("playbooks/draft.local.yml", Self.broken)
        try scratch.write("playbooks/scratch/old.yml", Self.broken)
        return scratch
    }

    func testAFolderRunLeavesOutWhatGitIgnores() throws {
        let scratch = try repository()
        for arguments in [["lint", "."], ["lint"], ["lint", "playbooks"]] {
            let result = try CLI.run(arguments, in: scratch.url)
            XCTAssertEqual(result.status, 0, "\(arguments): " + result.stdout + result.stderr)
            XCTAssertEqual(result.stdout, "", "\(arguments)")
            XCTAssertTrue(result.stderr.hasPrefix("0 errors, 0 warnings in 2 files"), "\(arguments): " + result.stderr)
        }
        // What is not ignored is still found below the folder named.
        try scratch.write("tools/broken.yml", Self.broken)
        let tools = try CLI.run(["lint", "."], in: scratch.url)
        XCTAssertEqual(tools.status, 1, tools.stdout + tools.stderr)
        XCTAssertTrue(tools.stdout.hasPrefix("tools/broken.yml:"), tools.stdout)
        XCTAssertFalse(tools.stdout.contains("node_modules"), tools.stdout)
    }

    func testAnIgnoredFileOrFolderNamedOnTheCommandLineIsLintedAllTheSame() throws {
        let scratch = try repository()
        let file = try CLI.run(["lint", "playbooks/draft.local.yml"], in: scratch.url)
        XCTAssertEqual(file.status, 1, file.stdout + file.stderr)
        XCTAssertTrue(file.stdout.hasPrefix("playbooks/draft.local.yml:2:5:"), file.stdout)
        let folder = try CLI.run(["lint", "node_modules"], in: scratch.url)
        XCTAssertEqual(folder.status, 1, folder.stdout + folder.stderr)
        XCTAssertTrue(folder.stdout.hasPrefix("node_modules/some-package/config.yml:2:5:"), folder.stdout)
    }

    func testOutsideAGitRepositoryEveryFileIsLinted() throws {
        let scratch = try repository()
        try FileManager.default.removeItem(at: scratch.url.appendingPathComponent(".git"))
        let result = try CLI.run(["lint", "."], in: scratch.url)
        XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
        for path in ["node_modules/some-package/config.yml", "build/out/copy.yml", "playbooks/draft.local.yml", "playbooks/scratch/old.yml"] {
            XCTAssertTrue(result.stdout.contains(path + ":2:5:"), path + "\n" + result.stdout)
        }
    }
    /// Where no `.gitignore` lies on the way, libgit2 is not asked (it costs ~10 % of a large lint):
    /// a rule only in `.git/info/exclude`, or only in a deep folder's `.gitignore`, still counts.
    func testRulesOutsideTheTopGitignoreAreHonoured() throws {
        let scratch = try ScratchDirectory()
        _ = try Repository.create(at: scratch.url.path)
        try SmallPlaybook.write(into: scratch)
        try scratch.write(".git/info/exclude", "# local rules\n*.local.yml\n")
        try scratch.write("playbooks/deep/er/.gitignore", "old/\n")
        try scratch.write("playbooks/draft.local.yml", Self.broken)
        try scratch.write("playbooks/deep/er/old/copy.yml", Self.broken)
        try scratch.write("playbooks/deep/kept.yml", Self.broken)
        let result = try CLI.run(["lint", "."], in: scratch.url)
        XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
        XCTAssertTrue(result.stdout.contains("playbooks/deep/kept.yml:2:5:"), result.stdout)
        XCTAssertFalse(result.stdout.contains("draft.local.yml"), result.stdout)
        XCTAssertFalse(result.stdout.contains("old/copy.yml"), result.stdout)
        // Without a file rule there the draft is linted; a rule without a wildcard still leaves out
        // a folder of that name, and a deeper folder's rule naming one file that file.
        try scratch.write(".git/info/exclude", "# no file rules\n\nnotes\n")
        try scratch.write("playbooks/notes/x.yml", Self.broken)
        try scratch.write("playbooks/deep/.gitignore", "kept.yml\n")
        try scratch.write("playbooks/deep/other.yml", Self.broken)
        let again = try CLI.run(["lint", "."], in: scratch.url)
        XCTAssertTrue(again.stdout.contains("playbooks/draft.local.yml:2:5:"), again.stdout)
        XCTAssertTrue(again.stdout.contains("playbooks/deep/other.yml:2:5:"), again.stdout)
        XCTAssertFalse(again.stdout.contains("old/copy.yml"), again.stdout)
        XCTAssertFalse(again.stdout.contains("notes/x.yml"), again.stdout)
        XCTAssertFalse(again.stdout.contains("kept.yml"), again.stdout)
    }
    /// Git never ignores a tracked file: a committed file under an ignored folder is linted by the
    /// folder walk as `--staged` and review read it, while its untracked siblings stay out.
    func testATrackedFileUnderAnIgnoredFolderIsLinted() throws {
        let scratch = try repository()
        try scratch.write("playbooks/scratch/kept/tracked.yml", Self.broken)
        try Repository.open(at: scratch.url.path).stage(paths: ["playbooks/scratch/kept/tracked.yml"])
        try scratch.write("playbooks/scratch/kept/untracked.yml", Self.broken)
        for arguments in [["lint"], ["lint", "."], ["lint", "--staged"]] {
            let result = try CLI.run(arguments, in: scratch.url)
            XCTAssertEqual(result.status, 1, "\(arguments): " + result.stdout + result.stderr)
            XCTAssertTrue(result.stdout.contains("playbooks/scratch/kept/tracked.yml:2:5:"), "\(arguments): " + result.stdout)
            XCTAssertFalse(result.stdout.contains("untracked.yml"), "\(arguments): " + result.stdout)
            XCTAssertFalse(result.stdout.contains("old.yml"), "\(arguments): " + result.stdout)
        }
    }

    /// A submodule (or any folder holding a `.git`) below a root is another repository: the walk
    /// leaves it out, as `--staged` and review do.
    func testASubmoduleBelowARootIsNotLinted() throws {
        let scratch = try repository()
        try scratch.write("playbooks/vendor/.git", "gitdir: ../../.git/modules/vendor\n")
        try scratch.write("playbooks/vendor/e.yml", Self.broken)
        try scratch.write("playbooks/nested/.git/HEAD", "ref: refs/heads/main\n")
        try scratch.write("playbooks/nested/deep/e.yml", Self.broken)
        let result = try CLI.run(["lint"], in: scratch.url)
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        XCTAssertEqual(result.stdout, "")
    }

    /// A hidden folder below a root is read by no command: lint's walk never enters it, so the
    /// history (reports, `log`) and `--staged` leave it out too, and a PR cannot hide work there
    /// from lint that the reports would count.
    func testAHiddenFolderBelowARootIsReadByNoCommand() throws {
        let scratch = try ScratchDirectory()
        let repository = try Repository.create(at: scratch.url.path)
        try SmallPlaybook.write(into: scratch)
        try scratch.write("playbooks/HYP-1.yml", ReviewCommandTests.hypothesis.replacing("status: testing", with: "status: backlog"))
        try scratch.write("playbooks/.archive/EXP-7.yml", ReviewCommandTests.concluded.replacing("id: EXP-1", with: "id: EXP-7")
            .replacing("squad: activation-emea", with: "squad: nosuch"))
        try repository.stage(paths: ["playbooks/metrics.yml", "playbooks/squads/activation-emea.yml", "playbooks/HYP-1.yml",
                                     "playbooks/.archive/EXP-7.yml"])
        _ = try repository.commit(message: "add", author: Signature(name: "Ana Ruiz", email: "ana@example.com", time: 1_794_000_000))
        for arguments in [["lint"], ["lint", "--staged"]] {
            let result = try CLI.run(arguments + ["--today", "2026-11-20"], in: scratch.url)
            XCTAssertEqual(result.status, 0, "\(arguments): " + result.stdout + result.stderr)
            XCTAssertFalse(result.stdout.contains("EXP-7"), "\(arguments): " + result.stdout)
        }
        let report = try CLI.run(["report", "experiments", "--quarter", "2026-Q4", "--today", "2026-11-20", "--format", "json"], in: scratch.url)
        XCTAssertEqual(report.status, 0, report.stderr)
        XCTAssertFalse(report.stdout.contains("EXP-7"), report.stdout)
        XCTAssertFalse(report.stdout.contains("nosuch"), report.stdout)
        let log = try CLI.run(["log", "EXP-7"], in: scratch.url)
        XCTAssertNotEqual(log.status, 0, log.stdout)
        XCTAssertEqual(try CLI.run(["log", "HYP-1"], in: scratch.url).status, 0)
    }
}
