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
}
