import Foundation
import PlaybookGit
import XCTest

/// `init` is all or nothing, and odd set-ups get a clear, located answer.
final class OddSetupTests: XCTestCase {
    private func entries(_ scratch: ScratchDirectory) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: scratch.url.path).sorted()
    }

    /// With the current folder deleted, every command says so (it took "/" for it: `init` initialised
    /// the file system's root). Only commands that write nothing run when the tests run as root.
    func testACommandInADeletedFolderSaysSoAndNeverTakesTheRoot() throws {
        let scratch = try ScratchDirectory()
        var commands = ["rules", "lint", "schema", "report okr --quarter 2026-Q3"]
        if getuid() != 0 { commands += ["init --squad growth", "new squad --id x --title y"] }  // "/" cannot be written
        for command in commands {
            let script = "mkdir gone && cd gone && rmdir ../gone && exec \"$0\" " + command
            let result = try CLI.run(executable: URL(fileURLWithPath: "/bin/sh"), ["-c", script, CLI.binary.path], in: scratch.url)
            XCTAssertEqual(result.status, 2, command + ": " + result.stdout + result.stderr)
            XCTAssertEqual(result.stdout, "", command)
            XCTAssertTrue(result.stderr.contains("the current folder no longer exists"), command + ": " + result.stderr)
        }
    }

    /// Standard output or error that cannot be written (closed, disk full) ends with exit 2 and a
    /// message where one can be given; it trapped (SIGILL) in Foundation's `FileHandle.write`.
    func testAnUnwritableStandardOutputOrErrorExitsTwoWithoutATrap() throws {
        let scratch = try ScratchDirectory()
        let sh = URL(fileURLWithPath: "/bin/sh")
        var cases = [("exec \"$0\" rules >&-", true), ("exec \"$0\" lint 2>&-", false)]
        if FileManager.default.fileExists(atPath: "/dev/full") { cases.append(("exec \"$0\" schema >/dev/full", true)) }
        for (script, says) in cases {
            let result = try CLI.run(executable: sh, ["-c", script, CLI.binary.path], in: scratch.url)
            XCTAssertEqual(result.status, 2, script + ": " + result.stderr)
            XCTAssertFalse(result.stderr.contains("Fatal error"), result.stderr)
            if says { XCTAssertTrue(result.stderr.hasPrefix("playbook: cannot write standard output: "), script + ": " + result.stderr) }
        }
    }

    func testInitWithAnOverlongSquadWritesNothing() throws {
        let scratch = try ScratchDirectory()
        let result = try CLI.run(["init", "--squad", String(repeating: "a", count: 5000)], in: scratch.url)
        XCTAssertEqual(result.status, 2, result.stderr)  // a validation error, before anything is written
        XCTAssertTrue(result.stderr.contains("at most 64 characters"), result.stderr)
        XCTAssertEqual(try entries(scratch), [])
        // A rerun with a good name needs no --force.
        XCTAssertEqual(try CLI.run(["init", "--squad", "growth"], in: scratch.url).status, 0)
    }

    func testInitFailingPartWayLeavesNothingBehind() throws {
        try XCTSkipIf(getuid() == 0, "root writes into read-only folders")
        let scratch = try ScratchDirectory()
        // `playbooks/squads` cannot be written: the metric catalog would fit, the squad would not.
        let squads = scratch.url.appendingPathComponent("playbooks/squads")
        try FileManager.default.createDirectory(at: squads, withIntermediateDirectories: true)
        chmod(squads.path, 0o555)
        defer { chmod(squads.path, 0o755) }
        let result = try CLI.run(["init"], in: scratch.url)
        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertTrue(result.stderr.contains("nothing was written"), result.stderr)
        XCTAssertEqual(try entries(scratch), ["playbooks"])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: scratch.url.appendingPathComponent("playbooks").path), ["squads"])
        chmod(squads.path, 0o755)
        XCTAssertEqual(try CLI.run(["init"], in: scratch.url).status, 0, "a rerun needs no --force")
    }

    func testInitWhoseGitStepFailsTakesItsFilesBack() throws {
        let scratch = try ScratchDirectory()
        // A `.git` file that is no repository: the files are moved into place, then creating the
        // repository fails, and everything is taken back.
        try scratch.write(".git", "not a gitdir\n")
        let result = try CLI.run(["init"], in: scratch.url)
        XCTAssertEqual(result.status, 2, result.stdout + result.stderr)
        XCTAssertEqual(try entries(scratch), [".git"])
        try FileManager.default.removeItem(at: scratch.url.appendingPathComponent(".git"))
        XCTAssertEqual(try CLI.run(["init"], in: scratch.url).status, 0, "a rerun needs no --force")
    }

    func testInitWhereAStarterPathIsAFolderWritesNothing() throws {
        let scratch = try ScratchDirectory()
        try FileManager.default.createDirectory(at: scratch.url.appendingPathComponent("playbooks/metrics.yml"), withIntermediateDirectories: true)
        let result = try CLI.run(["init"], in: scratch.url)
        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertEqual(try entries(scratch), ["playbooks"])
        XCTAssertFalse(FileManager.default.fileExists(atPath: scratch.url.appendingPathComponent(".playbook.yml").path))
    }

    func testInitWithForceReplacesTheStarterFiles() throws {
        let scratch = try ScratchDirectory()
        try scratch.write(".playbook.yml", "roots: [elsewhere]\n")
        XCTAssertEqual(try CLI.run(["init"], in: scratch.url).status, 2)
        XCTAssertEqual(try String(contentsOf: scratch.url.appendingPathComponent(".playbook.yml"), encoding: .utf8), "roots: [elsewhere]\n")
        XCTAssertEqual(try CLI.run(["init", "--force"], in: scratch.url).status, 0)
        XCTAssertEqual(try CLI.run(["lint"], in: scratch.url).status, 0)
        XCTAssertFalse(try entries(scratch).contains { $0.hasPrefix(".playbook-init-") }, "the staging folder is gone")
    }

    func testRootNamingAFileIsAConfigurationErrorAtItsLine() throws {
        let scratch = try ScratchDirectory()
        try SmallPlaybook.write(into: scratch)
        try scratch.write("notes.yml", "kind: Metric\n")
        try scratch.write(".playbook.yml", "rules: {}\nroots:\n  - playbooks\n  - notes.yml\n")
        let result = try CLI.run(["lint"], in: scratch.url)
        XCTAssertEqual(result.status, 2, result.stdout + result.stderr)
        XCTAssertTrue(result.stderr.contains(".playbook.yml:4:5: the playbook root notes.yml is not a folder"), result.stderr)
        XCTAssertFalse(result.stdout.contains("north-star"), result.stdout)
    }

    func testAStagedBlobWithANulIsReportedAsANul() throws {
        let scratch = try ScratchDirectory()
        let repository = try Repository.create(at: scratch.url.path)
        try SmallPlaybook.write(into: scratch)
        try Data([0x6B, 0x00, 0x89, 0x50, 0x4E, 0x47]).write(to: scratch.url.appendingPathComponent("playbooks/blob.yml"))
        try repository.stage(paths: ["playbooks/metrics.yml", "playbooks/squads/activation-emea.yml", "playbooks/blob.yml"])
        let result = try CLI.run(["lint", "--staged"], in: scratch.url)
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertTrue(result.stdout.contains("playbooks/blob.yml:1:2: error: NUL byte"), result.stdout)
        XCTAssertFalse(result.stdout.contains("UTF-16"), result.stdout)
    }

    func testLogHelpListsOnlyTheFormatsLogAccepts() throws {
        let scratch = try ScratchDirectory()
        let help = try CLI.run(["log", "--help"], in: scratch.url)
        XCTAssertTrue(help.stdout.contains("markdown"), help.stdout)
        XCTAssertFalse(help.stdout.contains("csv"), help.stdout)
        XCTAssertFalse(help.stdout.contains("html"), help.stdout)
        XCTAssertEqual(try CLI.run(["log", "X", "--format", "csv"], in: scratch.url).status, 2)
    }

    func testHooksInstallSaysWhichHooksItTurnsOn() throws {
        let scratch = try ScratchDirectory()
        _ = try Repository.create(at: scratch.url.path)
        for (name, mode) in [("pre-commit", 0o755), ("pre-push", 0o755), ("post-checkout", 0o644), ("notes.txt", 0o755)] {
            try scratch.write(".githooks/\(name)", name == "pre-commit" ? "#!/bin/sh\nexec playbook lint --staged\n" : "#!/bin/sh\nexit 0\n")
            chmod(scratch.url.appendingPathComponent(".githooks/\(name)").path, mode_t(mode))
        }
        let result = try CLI.run(["hooks", "install"], in: scratch.url)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("git now runs these hooks from it: pre-commit, pre-push\n"), result.stdout)
    }
}
