import Foundation
import PlaybookGit
import XCTest

/// `hooks install` over another tool's hook in the folder git runs hooks from: one that already runs the linter is done.
final class HooksInstallExistingHookTests: XCTestCase {
    /// Following the refusal's own advice ("add the line `playbook lint --staged || exit 1` to it") was refused again
    /// with the same advice, and pre-merge-commit was never written (review, 2026-12-05). The hook that lints is left
    /// as it was, and said so; the missing hook is written.
    func testAHookThatAlreadyLintsIsKeptAndTheMissingOneWritten() throws {
        let scratch = try ScratchDirectory()
        _ = try Repository.create(at: scratch.url.path)
        let hook = scratch.url.appendingPathComponent(".git/hooks/pre-commit")
        let own = "#!/bin/sh\necho my-check\nplaybook lint --staged || exit 1\n"
        try scratch.write(".git/hooks/pre-commit", own)
        chmod(hook.path, 0o755)

        let installed = try CLI.run(["hooks", "install"], in: scratch.url)
        XCTAssertEqual(installed.status, 0, installed.stderr)
        XCTAssertEqual(installed.stdout.split(separator: "\n").prefix(2), [
            "wrote .git/hooks/pre-merge-commit: commits and merges now run `playbook lint --staged`",
            "left .git/hooks/pre-commit as it was: it runs `playbook lint --staged` already",
        ], installed.stdout)
        XCTAssertEqual(try String(contentsOf: hook, encoding: .utf8), own)
        let merge = scratch.url.appendingPathComponent(".git/hooks/pre-merge-commit")
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: merge.path))
        XCTAssertTrue(try String(contentsOf: merge, encoding: .utf8).contains("exec playbook lint --staged"))

        // Run again: nothing to do, exit 0.
        let again = try CLI.run(["hooks", "install"], in: scratch.url)
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertTrue(again.stdout.hasPrefix(".git/hooks/pre-merge-commit already installed and up to date: commits and merges run `playbook lint --staged`\n"
            + "left .git/hooks/pre-commit as it was: it runs `playbook lint --staged` already\n"), again.stdout)
        XCTAssertEqual(try String(contentsOf: hook, encoding: .utf8), own)
        // Uninstall removes only playbook's own.
        let removed = try CLI.run(["hooks", "uninstall"], in: scratch.url)
        XCTAssertEqual(removed.status, 0, removed.stderr)
        XCTAssertEqual(try String(contentsOf: hook, encoding: .utf8), own)
        XCTAssertFalse(FileManager.default.fileExists(atPath: merge.path))
    }

    /// The words in a comment or as echo's text run nothing (as `init` and `.githooks` read a hook): still refused, nothing written.
    func testAHookThatOnlyMentionsTheLinterIsStillRefused() throws {
        for text in ["#!/bin/sh\necho 'playbook lint --staged || exit 1'\n", "#!/bin/sh\n# playbook lint --staged || exit 1\n"] {
            let scratch = try ScratchDirectory()
            _ = try Repository.create(at: scratch.url.path)
            try scratch.write(".git/hooks/pre-commit", text)
            chmod(scratch.url.appendingPathComponent(".git/hooks/pre-commit").path, 0o755)
            let refused = try CLI.run(["hooks", "install"], in: scratch.url)
            XCTAssertEqual(refused.status, 2, text + refused.stdout)
            XCTAssertTrue(refused.stderr.contains("already exists (another tool's hook): add the line `playbook lint --staged || exit 1` to it"), refused.stderr)
            XCTAssertFalse(FileManager.default.fileExists(atPath: scratch.url.appendingPathComponent(".git/hooks/pre-merge-commit").path), text)
        }
    }

    /// Hooks that run the linter and never refuse anything were taken as done (review, 2026-12-05): only a line whose
    /// failure stops the hook counts. Those that do are still taken.
    func testOnlyALineWhoseFailureStopsTheHookCountsAsLinting() throws {
        let refusedHooks = [
            "#!/bin/sh\nplaybook lint --staged || true\n",
            "#!/bin/sh\nplaybook lint --staged; exit 0\n",
            "#!/bin/sh\nfalse && playbook lint --staged\n",
            "#!/bin/sh\ncat <<EOF\nplaybook lint --staged\nEOF\n",
            "#!/bin/sh\ncat <<-'EOF'\n\tplaybook lint --staged || exit 1\n\tEOF\necho done\n",
            "#!/bin/sh\nplaybook lint --staged\necho done\n",
            "#!/bin/sh\nplaybook lint --staged || exit 0\n",
            "#!/bin/sh\n! playbook lint --staged || exit 1\n",
            "#!/bin/sh\nplaybook lint --staged | tee log\n",
        ]
        let takenHooks = [
            "#!/bin/sh\nplaybook lint --staged || exit 1\necho done\n",
            "#!/bin/sh\nplaybook lint --staged || exit $?\necho done\n",
            "#!/bin/sh\nexec playbook lint --staged\n",
            "#!/bin/sh\necho checking\nnpx playbook lint --staged\n",
            "#!/bin/sh\nplaybook lint --staged\nexit $?\n",
            "#!/bin/sh\n(playbook lint --staged) || exit 1\necho done\n",
        ]
        for (text, taken) in refusedHooks.map({ ($0, false) }) + takenHooks.map({ ($0, true) }) {
            let scratch = try ScratchDirectory()
            _ = try Repository.create(at: scratch.url.path)
            try scratch.write(".git/hooks/pre-commit", text)
            chmod(scratch.url.appendingPathComponent(".git/hooks/pre-commit").path, 0o755)
            let installed = try CLI.run(["hooks", "install"], in: scratch.url)
            XCTAssertEqual(installed.status, taken ? 0 : 2, text + installed.stdout + installed.stderr)
            XCTAssertEqual(installed.stdout.contains("left .git/hooks/pre-commit as it was"), taken, text + installed.stdout)
        }
    }

    /// In subfolder mode a hook that runs `lint --staged` from the top, where there is no playbook, was taken as done, and
    /// every clean commit was then refused (review, 2026-12-05): it does not count, and the subshell line is suggested.
    func testInASubfolderAHookThatLintsFromTheTopDoesNotCount() throws {
        let scratch = try ScratchDirectory()
        _ = try Repository.create(at: scratch.url.path)
        try scratch.write("growth/.playbook.yml", "roots: [playbooks]\n")
        try scratch.write("growth/playbooks/metrics.yml", SmallPlaybook.metrics)
        try scratch.write(".git/hooks/pre-commit", "#!/bin/sh\nplaybook lint --staged || exit 1\n")
        chmod(scratch.url.appendingPathComponent(".git/hooks/pre-commit").path, 0o755)
        let refused = try CLI.run(["hooks", "install"], in: scratch.url.appendingPathComponent("growth"))
        XCTAssertEqual(refused.status, 2, refused.stdout + refused.stderr)
        XCTAssertFalse(refused.stdout.contains("as it was"), refused.stdout)
        let line = AnotherToolsHook.suggestedLine(refused) ?? ""
        XCTAssertTrue(line.hasPrefix("(") && line.hasSuffix("; cd ./'growth' && playbook lint --staged) || exit 1"), refused.stderr)
    }

    /// A hook that lints but is not executable is not run by git: said, not taken as done.
    func testAHookThatLintsButIsNotExecutableIsRefusedSayingSo() throws {
        let scratch = try ScratchDirectory()
        _ = try Repository.create(at: scratch.url.path)
        try scratch.write(".git/hooks/pre-commit", "#!/bin/sh\nplaybook lint --staged || exit 1\n")
        chmod(scratch.url.appendingPathComponent(".git/hooks/pre-commit").path, 0o644)
        let refused = try CLI.run(["hooks", "install"], in: scratch.url)
        XCTAssertEqual(refused.status, 2, refused.stdout)
        XCTAssertTrue(refused.stderr.contains(".git/hooks/pre-commit runs `playbook lint --staged`, but git does not run it: it is not an executable file"),
                      refused.stderr)
    }

    /// For a playbook in a subfolder the line to add is a subshell ending `playbook lint --staged) || exit 1`: the hook it
    /// was added to counts as linting too.
    func testTheSuggestedSubfolderLineCountsAsDone() throws {
        let scratch = try ScratchDirectory()
        let repository = try Repository.create(at: scratch.url.path)
        try scratch.write("growth/.playbook.yml", "roots: [playbooks]\n")
        try scratch.write("growth/playbooks/metrics.yml", SmallPlaybook.metrics)
        try AnotherToolsHook.install(in: scratch, repository)
        let growth = scratch.url.appendingPathComponent("growth")
        let refused = try CLI.run(["hooks", "install"], in: growth)
        XCTAssertEqual(refused.status, 2, refused.stdout)
        guard let line = AnotherToolsHook.suggestedLine(refused) else { return XCTFail("no line suggested: " + refused.stderr) }
        try AnotherToolsHook.write(in: scratch, lines: line + "\n")

        let installed = try CLI.run(["hooks", "install"], in: growth)
        XCTAssertEqual(installed.status, 0, line + "\n" + installed.stderr)
        XCTAssertTrue(installed.stdout.contains("left .husky/pre-commit as it was: it runs `playbook lint --staged` already"), installed.stdout)
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: scratch.url.appendingPathComponent(".husky/pre-merge-commit").path))
    }
}
