import Foundation
import PlaybookGit
import XCTest

/// Nothing is read, written or cached through a symbolic link inside the repository, and what
/// lies behind a refused link never reaches a message.
final class ContainmentTests: XCTestCase {
    /// A folder outside the repository holding a squad whose id is a secret.
    private func outsideFolder() throws -> ScratchDirectory {
        let outside = try ScratchDirectory()
        try outside.write("squad.yml", "kind: Squad\nid: gho_SECRETTOKEN\nname: leak\n")
        return outside
    }

    private func assertRefusedWithoutLeak(_ result: CLIResult, _ mention: String, file: StaticString = #filePath, line: UInt = #line) {
        let output = result.stdout + result.stderr
        XCTAssertEqual(result.status, 2, output, file: file, line: line)
        XCTAssertTrue(result.stderr.contains(mention), output, file: file, line: line)
        XCTAssertTrue(result.stderr.contains("symbolic link"), output, file: file, line: line)
        XCTAssertFalse(output.contains("SECRETTOKEN"), output, file: file, line: line)
    }

    func testConfiguredRootThatIsASymlinkIsARootError() throws {
        let scratch = try ScratchDirectory()
        let outside = try outsideFolder()
        try SmallPlaybook.write(into: scratch)
        try scratch.write(".playbook.yml", "roots:\n  - playbooks\n  - lnk\n")
        try FileManager.default.createSymbolicLink(atPath: scratch.url.appendingPathComponent("lnk").path, withDestinationPath: outside.url.path)
        let result = try CLI.run(["lint"], in: scratch.url)
        assertRefusedWithoutLeak(result, ".playbook.yml:3:5:")
    }

    func testDefaultRootThatIsASymlinkIsRefused() throws {
        let scratch = try ScratchDirectory()
        let outside = try outsideFolder()
        _ = try Repository.create(at: scratch.url.path)
        try FileManager.default.createSymbolicLink(atPath: scratch.url.appendingPathComponent("playbooks").path, withDestinationPath: outside.url.path)
        assertRefusedWithoutLeak(try CLI.run(["lint"], in: scratch.url), "playbooks")
        // Naming a file under the link is refused too: the folders above it are checked.
        assertRefusedWithoutLeak(try CLI.run(["lint", "playbooks/squad.yml"], in: scratch.url), "playbooks")
    }

    func testRootUnderASymlinkedFolderIsRefused() throws {
        let scratch = try ScratchDirectory()
        let outside = try outsideFolder()
        try FileManager.default.createDirectory(at: outside.url.appendingPathComponent("inner"), withIntermediateDirectories: true)
        try outside.write("inner/squad.yml", "kind: Squad\nid: gho_SECRETTOKEN\n")
        try scratch.write(".playbook.yml", "roots: [data/inner]\n")
        try FileManager.default.createSymbolicLink(atPath: scratch.url.appendingPathComponent("data").path, withDestinationPath: outside.url.path)
        assertRefusedWithoutLeak(try CLI.run(["lint"], in: scratch.url), ".playbook.yml:1:9:")
    }

    func testDanglingConfigurationSymlinkIsAnErrorNotDefaults() throws {
        let scratch = try ScratchDirectory()
        try SmallPlaybook.write(into: scratch)
        _ = try Repository.create(at: scratch.url.path)
        try FileManager.default.createSymbolicLink(atPath: scratch.url.appendingPathComponent(".playbook.yml").path, withDestinationPath: "/nonexistent/playbook.yml")
        let result = try CLI.run(["lint"], in: scratch.url)
        XCTAssertEqual(result.status, 2, result.stdout + result.stderr)
        XCTAssertTrue(result.stderr.contains(".playbook.yml is a symbolic link"), result.stderr)
    }

    /// A dangling `.playbook.yml` link the index holds is refused; one only the working tree has is no part of the
    /// commit (review, 2026-12-05: `--staged` judges the settings a clean clone reads): never followed, said so.
    func testStagedRunRefusesAStagedConfigurationSymlinkAndNeverReadsAnUnstagedOne() throws {
        let scratch = try ScratchDirectory()
        let repository = try Repository.create(at: scratch.url.path)
        try SmallPlaybook.write(into: scratch)
        try repository.stage(paths: ["playbooks/metrics.yml", "playbooks/squads/activation-emea.yml"])
        try FileManager.default.createSymbolicLink(atPath: scratch.url.appendingPathComponent(".playbook.yml").path, withDestinationPath: "/nonexistent/playbook.yml")
        let unstaged = try CLI.run(["lint", "--staged"], in: scratch.url)
        XCTAssertEqual(unstaged.status, 0, unstaged.stdout + unstaged.stderr)
        XCTAssertTrue(unstaged.stderr.contains("playbook: note: .playbook.yml is not in the index"), unstaged.stderr)
        try repository.stage(paths: [".playbook.yml"])
        let staged = try CLI.run(["lint", "--staged"], in: scratch.url)
        XCTAssertEqual(staged.status, 2, staged.stdout + staged.stderr)
        XCTAssertTrue(staged.stderr.contains("the staged .playbook.yml is not a regular file"), staged.stderr)
    }

    func testHistoryCommandsRefuseASymlinkedRoot() throws {
        let scratch = try ScratchDirectory()
        let outside = try outsideFolder()
        let repository = try Repository.create(at: scratch.url.path)
        try SmallPlaybook.write(into: scratch)
        try repository.stage(paths: ["playbooks/metrics.yml", "playbooks/squads/activation-emea.yml"])
        _ = try repository.commit(message: "start", author: Signature(name: "Ada", email: "ada@example.com", time: 1_782_907_200))
        try scratch.write(".playbook.yml", "roots: [playbooks, lnk]\n")
        try FileManager.default.createSymbolicLink(atPath: scratch.url.appendingPathComponent("lnk").path, withDestinationPath: outside.url.path)
        assertRefusedWithoutLeak(try CLI.run(["report", "okr", "--quarter", "2026-Q3", "--no-cache"], in: scratch.url), ".playbook.yml:1:20:")
    }

    func testReportOutputIsNotWrittenThroughASymlinkedFolder() throws {
        let scratch = try ScratchDirectory()
        let outside = try ScratchDirectory()
        let repository = try Repository.create(at: scratch.url.path)
        try SmallPlaybook.write(into: scratch)
        try repository.stage(paths: ["playbooks/metrics.yml", "playbooks/squads/activation-emea.yml"])
        _ = try repository.commit(message: "start", author: Signature(name: "Ada", email: "ada@example.com", time: 1_782_907_200))
        try FileManager.default.createSymbolicLink(atPath: scratch.url.appendingPathComponent("out").path, withDestinationPath: outside.url.path)
        let result = try CLI.run(["report", "okr", "--quarter", "2026-Q3", "--output", "out/okr.md", "--no-cache"], in: scratch.url)
        XCTAssertEqual(result.status, 2, result.stdout + result.stderr)
        XCTAssertTrue(result.stderr.contains("out is a symbolic link"), result.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: outside.url.path), [])
        XCTAssertEqual(try CLI.run(["report", "okr", "--quarter", "2026-Q3", "--output", "okr.md", "--no-cache"], in: scratch.url).status, 0)
    }

    func testNewDoesNotWriteThroughASymlinkedFolder() throws {
        let scratch = try ScratchDirectory()
        let outside = try ScratchDirectory()
        try SmallPlaybook.write(into: scratch)
        _ = try Repository.create(at: scratch.url.path)
        try FileManager.default.createSymbolicLink(
            atPath: scratch.url.appendingPathComponent("playbooks/hypotheses").path, withDestinationPath: outside.url.path)
        let result = try CLI.run(["new", "hypothesis", "--squad", "activation-emea", "--title", "Shorter signup"], in: scratch.url)
        XCTAssertEqual(result.status, 2, result.stdout + result.stderr)
        XCTAssertTrue(result.stderr.contains("playbooks/hypotheses is a symbolic link"), result.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: outside.url.path), [])
    }

    func testInitDoesNotWriteThroughASymlinkedFolder() throws {
        let scratch = try ScratchDirectory()
        let outside = try ScratchDirectory()
        try FileManager.default.createSymbolicLink(atPath: scratch.url.appendingPathComponent("playbooks").path, withDestinationPath: outside.url.path)
        let result = try CLI.run(["init"], in: scratch.url)
        XCTAssertEqual(result.status, 2, result.stdout + result.stderr)
        XCTAssertTrue(result.stderr.contains("playbooks is a symbolic link"), result.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: outside.url.path), [])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: scratch.url.path), ["playbooks"], "nothing was written")
    }

    func testHooksInstallDoesNotWriteThroughASymlinkedHooksFolder() throws {
        let scratch = try ScratchDirectory()
        let outside = try ScratchDirectory()
        let repository = try Repository.create(at: scratch.url.path)
        let hooks = URL(fileURLWithPath: repository.gitDirectory).appendingPathComponent("hooks")
        try? FileManager.default.removeItem(at: hooks)
        try FileManager.default.createSymbolicLink(atPath: hooks.path, withDestinationPath: outside.url.path)
        let result = try CLI.run(["hooks", "install"], in: scratch.url)
        XCTAssertEqual(result.status, 2, result.stdout + result.stderr)
        XCTAssertTrue(result.stderr.contains("symbolic link"), result.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: outside.url.path), [])
    }

    /// `/` + U+0301 is one character, and `../\u{301}x` names the folder `\u{301}x` beside the repository:
    /// a root spelt so is refused as `../x` is, and neither `lint` reads there nor `new` writes there.
    func testRootClimbingOutBehindACombiningMarkIsRefused() throws {
        let scratch = try ScratchDirectory()
        let outside = scratch.url.appendingPathComponent("\u{301}x")
        try scratch.write("\u{301}x/squad.yml", "kind: Squad\nid: gho_SECRETTOKEN\nname: leak\n")
        let top = scratch.url.appendingPathComponent("repo")
        try FileManager.default.createDirectory(at: top, withIntermediateDirectories: true)
        _ = try Repository.create(at: top.path)
        try Data(SmallPlaybook.metrics.utf8).write(to: top.appendingPathComponent("metrics.yml"))
        for roots in ["[\"../\\u0301x\"]", "[\".\", \"../\\u0301x\"]"] {
            try Data("roots: \(roots)\n".utf8).write(to: top.appendingPathComponent(".playbook.yml"))
            for arguments in [["lint"], ["new", "hypothesis", "--squad", "activation-emea", "--title", "Shorter signup"]] {
                let result = try CLI.run(arguments, in: top)
                XCTAssertEqual(result.status, 2, result.stdout + result.stderr)
                XCTAssertTrue(result.stderr.contains("must be a folder inside the repository"), result.stderr)
                XCTAssertFalse((result.stdout + result.stderr).contains("SECRETTOKEN"))
            }
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: outside.path), ["squad.yml"], "nothing written outside")
    }

    /// A relative core.hooksPath `../\u{301}hooks` leads outside the work tree: no hook is written there.
    func testHooksPathClimbingOutBehindACombiningMarkIsRefused() throws {
        let scratch = try ScratchDirectory()
        let top = scratch.url.appendingPathComponent("repo")
        try FileManager.default.createDirectory(at: top, withIntermediateDirectories: true)
        let repository = try Repository.create(at: top.path)
        try repository.setConfig("core.hooksPath", "../\u{301}hooks")
        let result = try CLI.run(["hooks", "install"], in: top)
        XCTAssertEqual(result.status, 2, result.stdout + result.stderr)
        XCTAssertTrue(result.stderr.contains("lies outside"), result.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: scratch.url.path), ["repo"], "no folder made beside the repository")
    }

    func testHistoryCacheBehindASymlinkIsNeitherReadNorWritten() throws {
        let scratch = try ScratchDirectory()
        let outside = try ScratchDirectory()
        let repository = try Repository.create(at: scratch.url.path)
        try SmallPlaybook.write(into: scratch)
        try repository.stage(paths: ["playbooks/metrics.yml", "playbooks/squads/activation-emea.yml"])
        _ = try repository.commit(message: "start", author: Signature(name: "Ada", email: "ada@example.com", time: 1_782_907_200))
        try FileManager.default.createSymbolicLink(
            atPath: URL(fileURLWithPath: repository.gitDirectory).appendingPathComponent("playbook").path, withDestinationPath: outside.url.path)
        let result = try CLI.run(["log", "activation-emea"], in: scratch.url)
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        XCTAssertTrue(result.stderr.contains("not using the history cache"), result.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: outside.url.path), [])
    }
}
