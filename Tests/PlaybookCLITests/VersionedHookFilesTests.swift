import Foundation
import XCTest

/// This repository's own `.githooks`, which the README tells a clone to enable with core.hooksPath.
final class VersionedHookFilesTests: XCTestCase {
    static let git = URL(fileURLWithPath: "/usr/bin/git")

    /// The README promised `.githooks/pre-merge-commit`, which did not exist: a conflict-free merge that broke
    /// the playbook went in. Every hook `hooks install` writes is here, executable in git, and runs the same check.
    func testEveryHookTheReadmePromisesIsVersionedAndExecutable() throws {
        let root = CLI.repositoryRoot
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let preCommit = try String(contentsOf: root.appendingPathComponent(".githooks/pre-commit"), encoding: .utf8)
        for name in ["pre-commit", "pre-merge-commit"] {
            XCTAssertTrue(readme.contains("`.githooks/\(name)`"), "the README names .githooks/\(name)")
            let path = root.appendingPathComponent(".githooks/\(name)").path
            XCTAssertTrue(FileManager.default.isExecutableFile(atPath: path), ".githooks/\(name) is missing or not executable")
            XCTAssertEqual(try? String(contentsOfFile: path, encoding: .utf8), preCommit, ".githooks/\(name) runs the same check as pre-commit")
        }
        guard FileManager.default.isExecutableFile(atPath: Self.git.path),
              FileManager.default.fileExists(atPath: root.appendingPathComponent(".git").path) else { return }
        // The mode a clone checks out is the index's, not this working tree's.
        let listed = try CLI.run(executable: Self.git, ["ls-files", "-s", "--", ".githooks/pre-commit", ".githooks/pre-merge-commit"], in: root)
        let modes = listed.stdout.split(separator: "\n").map { $0.split(separator: " ").first.map(String.init) ?? "" }
        XCTAssertEqual(modes, ["100755", "100755"], listed.stdout)
    }
}
