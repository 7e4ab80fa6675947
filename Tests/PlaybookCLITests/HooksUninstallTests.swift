import Foundation
import PlaybookGit
import XCTest

/// `hooks uninstall` removes the hooks `hooks install` wrote, and loses nothing the user wrote into them.
final class HooksUninstallTests: XCTestCase {
    /// The names in `folder` (hooks and their copies), `*.sample` aside.
    func listing(_ folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasSuffix(".sample") }.sorted()
    }

    /// A line the user added to playbook's pre-commit was deleted with it, no backup (review, 2026-12-05): the hook is
    /// removed and kept as pre-commit.removed-by-playbook, said; the unedited pre-merge-commit is removed, no copy.
    func testUninstallKeepsACopyOfAHookTheUserAddedLinesTo() throws {
        let scratch = try ScratchDirectory()
        _ = try Repository.create(at: scratch.url.path)
        XCTAssertEqual(try CLI.run(["hooks", "install"], in: scratch.url).status, 0)
        let hooks = scratch.url.appendingPathComponent(".git/hooks")
        let hook = hooks.appendingPathComponent("pre-commit")
        let edited = try String(contentsOf: hook, encoding: .utf8) + "echo my-extra-check\n"
        try edited.write(to: hook, atomically: false, encoding: .utf8)

        let removed = try CLI.run(["hooks", "uninstall"], in: scratch.url)
        XCTAssertEqual(removed.status, 0, removed.stderr)
        XCTAssertTrue(removed.stdout.contains("removed .git/hooks/pre-commit; it differs from the hook this version of playbook writes "
            + "(edited since, or written by another version), so it is kept as .git/hooks/pre-commit.removed-by-playbook\n"
            + "removed .git/hooks/pre-merge-commit\n"), removed.stdout)
        XCTAssertEqual(try listing(hooks), ["pre-commit.removed-by-playbook"])
        XCTAssertEqual(try String(contentsOf: hooks.appendingPathComponent("pre-commit.removed-by-playbook"), encoding: .utf8), edited)
    }

    /// A hook of an earlier version (its marker, other lines) is still removed; its copy is kept, since it cannot be
    /// told from one edited since.
    func testUninstallRemovesAHookOfAnotherVersionKeepingACopy() throws {
        let scratch = try ScratchDirectory()
        _ = try Repository.create(at: scratch.url.path)
        let older = "#!/bin/sh\n# Installed by `playbook hooks install`: refuses a commit whose staged playbook files have errors.\nexec playbook lint --staged\n"
        try scratch.write(".git/hooks/pre-commit", older)
        chmod(scratch.url.appendingPathComponent(".git/hooks/pre-commit").path, 0o755)
        let removed = try CLI.run(["hooks", "uninstall"], in: scratch.url)
        XCTAssertEqual(removed.status, 0, removed.stderr)
        XCTAssertTrue(removed.stdout.contains("so it is kept as .git/hooks/pre-commit.removed-by-playbook"), removed.stdout)
        XCTAssertEqual(try listing(scratch.url.appendingPathComponent(".git/hooks")), ["pre-commit.removed-by-playbook"])
    }

    /// Hooks as this version writes them, at the top or for a subfolder (a quote in its name), go without a copy.
    func testUninstallRemovesUneditedHooksKeepingNoCopy() throws {
        for folder in ["", "it's growth"] {
            let scratch = try ScratchDirectory()
            _ = try Repository.create(at: scratch.url.path)
            var here = scratch.url
            if !folder.isEmpty {
                try scratch.write(folder + "/.playbook.yml", "roots: [playbooks]\n")
                here = scratch.url.appendingPathComponent(folder)
            }
            let installed = try CLI.run(["hooks", "install"], in: here)
            XCTAssertEqual(installed.status, 0, installed.stderr)
            let removed = try CLI.run(["hooks", "uninstall"], in: scratch.url)
            XCTAssertEqual(removed.status, 0, removed.stderr)
            XCTAssertTrue(removed.stdout.hasPrefix("removed .git/hooks/pre-commit\nremoved .git/hooks/pre-merge-commit\n"), folder + removed.stdout)
            XCTAssertEqual(try listing(scratch.url.appendingPathComponent(".git/hooks")), [], folder)
        }
    }

    /// Over another tool's hook that `--force` replaced: that one is put back, and playbook's, edited since, kept as a copy.
    func testUninstallPuttingBackAnotherToolsHookKeepsTheEditedOne() throws {
        let scratch = try ScratchDirectory()
        let repository = try Repository.create(at: scratch.url.path)
        let husky = AnotherToolsHook.text
        let hook = try AnotherToolsHook.install(in: scratch, repository)
        XCTAssertEqual(try CLI.run(["hooks", "install", "--force"], in: scratch.url).status, 0)
        let edited = try String(contentsOf: hook, encoding: .utf8) + "echo my-extra-check\n"
        try edited.write(to: hook, atomically: false, encoding: .utf8)

        let removed = try CLI.run(["hooks", "uninstall"], in: scratch.url)
        XCTAssertEqual(removed.status, 0, removed.stderr)
        XCTAssertTrue(removed.stdout.contains("put back .husky/pre-commit, the hook `playbook hooks install --force` replaced; it differs from "
            + "the hook this version of playbook writes (edited since, or written by another version), so it is kept as .husky/pre-commit.removed-by-playbook"),
            removed.stdout)
        XCTAssertEqual(try String(contentsOf: hook, encoding: .utf8), husky)
        XCTAssertEqual(try String(contentsOf: scratch.url.appendingPathComponent(".husky/pre-commit.removed-by-playbook"), encoding: .utf8), edited)
    }

    /// A copy already there from before is never replaced: refused, nothing changed.
    func testUninstallRefusesWhenTheCopyWouldReplaceAFile() throws {
        let scratch = try ScratchDirectory()
        _ = try Repository.create(at: scratch.url.path)
        XCTAssertEqual(try CLI.run(["hooks", "install"], in: scratch.url).status, 0)
        let hook = scratch.url.appendingPathComponent(".git/hooks/pre-commit")
        try (try String(contentsOf: hook, encoding: .utf8) + "echo my-extra-check\n").write(to: hook, atomically: false, encoding: .utf8)
        try scratch.write(".git/hooks/pre-commit.removed-by-playbook", "earlier\n")
        let before = try listing(scratch.url.appendingPathComponent(".git/hooks"))

        let refused = try CLI.run(["hooks", "uninstall"], in: scratch.url)
        XCTAssertEqual(refused.status, 2, refused.stdout)
        XCTAssertTrue(refused.stderr.contains(".git/hooks/pre-commit.removed-by-playbook, where a copy of it would be kept, already exists"), refused.stderr)
        XCTAssertEqual(try listing(scratch.url.appendingPathComponent(".git/hooks")), before)
        XCTAssertTrue(try String(contentsOf: hook, encoding: .utf8).hasSuffix("echo my-extra-check\n"))
    }
}
