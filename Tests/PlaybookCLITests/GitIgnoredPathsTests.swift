import Foundation
import PlaybookGit
import XCTest

/// `lint .` (or any folder) inside a git repository leaves out what git ignores: a
/// `node_modules/` or a scratch copy beside the playbook is not playbook content.
final class GitIgnoredPathsTests: XCTestCase {
    static let broken = "kind: Metric\nid: [unclosed\n"

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
        XCTAssertTrue(file.stdout.hasPrefix("playbooks/draft.local.yml:3:"), file.stdout)
        let folder = try CLI.run(["lint", "node_modules"], in: scratch.url)
        XCTAssertEqual(folder.status, 1, folder.stdout + folder.stderr)
        XCTAssertTrue(folder.stdout.hasPrefix("node_modules/some-package/config.yml:3:"), folder.stdout)
    }

    func testOutsideAGitRepositoryEveryFileIsLinted() throws {
        let scratch = try repository()
        try FileManager.default.removeItem(at: scratch.url.appendingPathComponent(".git"))
        let result = try CLI.run(["lint", "."], in: scratch.url)
        XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
        for path in ["node_modules/some-package/config.yml", "build/out/copy.yml", "playbooks/draft.local.yml", "playbooks/scratch/old.yml"] {
            XCTAssertTrue(result.stdout.contains(path + ":3:"), path + "\n" + result.stdout)
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
        XCTAssertTrue(result.stdout.contains("playbooks/deep/kept.yml:3:"), result.stdout)
        XCTAssertFalse(result.stdout.contains("draft.local.yml"), result.stdout)
        XCTAssertFalse(result.stdout.contains("old/copy.yml"), result.stdout)
        // Without a file rule there the draft is linted; a rule without a wildcard still leaves out
        // a folder of that name, and a deeper folder's rule naming one file that file.
        try scratch.write(".git/info/exclude", "# no file rules\n\nnotes\n")
        try scratch.write("playbooks/notes/x.yml", Self.broken)
        try scratch.write("playbooks/deep/.gitignore", "kept.yml\n")
        try scratch.write("playbooks/deep/other.yml", Self.broken)
        let again = try CLI.run(["lint", "."], in: scratch.url)
        XCTAssertTrue(again.stdout.contains("playbooks/draft.local.yml:3:"), again.stdout)
        XCTAssertTrue(again.stdout.contains("playbooks/deep/other.yml:3:"), again.stdout)
        XCTAssertFalse(again.stdout.contains("old/copy.yml"), again.stdout)
        XCTAssertFalse(again.stdout.contains("notes/x.yml"), again.stdout)
        XCTAssertFalse(again.stdout.contains("kept.yml"), again.stdout)
    }
}
