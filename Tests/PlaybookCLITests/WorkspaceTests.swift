import Foundation
import PlaybookGit
import XCTest

/// Where the playbook is, which files belong to it, and how paths are shown: the same in a
/// working-tree run and a `--staged` run.
final class WorkspaceTests: XCTestCase {
    let author = Signature(name: "Ana Ruiz", email: "ana@example.com", time: 1_780_000_000)

    func testOutsideAnyPlaybookExitsTwo() throws {
        let scratch = try ScratchDirectory()
        let result = try CLI.run(["lint"], in: scratch.url)
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("not a playbook repository"), result.stderr)
    }

    func testAMissingConfiguredRootExitsTwo() throws {
        let scratch = try ScratchDirectory()
        try SmallPlaybook.write(into: scratch)
        try scratch.write(".playbook.yml", "roots: [growth]\n")
        let result = try CLI.run(["lint"], in: scratch.url)
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("the playbook folder growth does not exist"), result.stderr)
    }

    /// A playbook in a subfolder of a bigger repository (a monorepo).
    func monorepo() throws -> (ScratchDirectory, Repository) {
        let scratch = try ScratchDirectory()
        let repository = try Repository.create(at: scratch.url.path)
        try scratch.write("growth/.playbook.yml", "roots: [plays]\n")
        try scratch.write("growth/plays/metrics.yml", SmallPlaybook.metrics)
        try scratch.write("growth/plays/squad.yml", SmallPlaybook.squad)
        try scratch.write("services/config.yml", "not: [a playbook\n")
        try repository.stage(paths: ["growth/.playbook.yml", "growth/plays/metrics.yml", "growth/plays/squad.yml", "services/config.yml"])
        _ = try repository.commit(message: "start", author: author)
        return (scratch, repository)
    }

    func testMonorepoSubfolderPlaybookIsFoundInBothModesWithPathsFromTheRepositoryTop() throws {
        let (scratch, repository) = try monorepo()
        try scratch.write("growth/plays/squad.yml", SmallPlaybook.brokenSquad)
        try repository.stage(paths: ["growth/plays/squad.yml"])
        let expected = "growth/plays/squad.yml:4:1: error: unknown key \"funnel_stag\""
        for arguments in [["lint"], ["lint", "--staged"], ["lint", "--format", "github"]] {
            let result = try CLI.run(arguments, in: scratch.url.appendingPathComponent("growth"))
            XCTAssertEqual(result.status, 1, "\(arguments): \(result.stdout)\(result.stderr)")
            XCTAssertTrue(result.stdout.contains(expected) || result.stdout.contains("file=growth/plays/squad.yml,line=4,col=1"), "\(arguments): \(result.stdout)")
            XCTAssertFalse(result.stdout.contains("services/"), "files outside the roots are not linted")
        }
    }

    func testHiddenFilesAreNotPlaybookContentInEitherMode() throws {
        let scratch = try ScratchDirectory()
        let repository = try Repository.create(at: scratch.url.path)
        try SmallPlaybook.write(into: scratch)
        try scratch.write(".playbook.yml", "roots: [\".\"]\n")
        try scratch.write(".github/workflows/ci.yml", "on: push\n")
        try scratch.write("playbooks/.draft.yml", "kind: Nonsense\n")
        try repository.stage(paths: [".playbook.yml", ".github/workflows/ci.yml", "playbooks/.draft.yml", "playbooks/metrics.yml", "playbooks/squads/activation-emea.yml"])
        for arguments in [["lint"], ["lint", "--staged"]] {
            let result = try CLI.run(arguments, in: scratch.url)
            XCTAssertEqual(result.status, 0, "\(arguments): \(result.stdout)")
            XCTAssertTrue(result.stderr.contains("in 2 files"), "\(arguments): \(result.stderr)")
        }
    }

    func testStagedSymbolicLinkIsReportedAsInTheWorkTree() throws {
        let scratch = try ScratchDirectory()
        let repository = try Repository.create(at: scratch.url.path)
        try SmallPlaybook.write(into: scratch)
        try FileManager.default.createSymbolicLink(atPath: scratch.url.appendingPathComponent("playbooks/link.yml").path, withDestinationPath: "/etc/hostname")
        try repository.stage(paths: ["playbooks/metrics.yml", "playbooks/squads/activation-emea.yml", "playbooks/link.yml"])
        for arguments in [["lint"], ["lint", "--staged"]] {
            let result = try CLI.run(arguments, in: scratch.url)
            XCTAssertEqual(result.status, 1, "\(arguments)")
            XCTAssertTrue(result.stdout.contains("playbooks/link.yml:1:1: error: cannot read the file: it is a symbolic link"), "\(arguments): \(result.stdout)")
        }
    }

    func testStagedNamedPathsBehaveLikeWorkTreeNamedPaths() throws {
        let (scratch, repository) = try monorepo()
        try scratch.write("growth/extra/m.yml", "kind: Metric\nid: Bad_Id\n")
        try repository.stage(paths: ["growth/extra/m.yml"])
        let folder = scratch.url.appendingPathComponent("growth")
        for arguments in [["lint", "extra/m.yml"], ["lint", "--staged", "extra/m.yml"]] {
            let result = try CLI.run(arguments, in: folder)
            XCTAssertEqual(result.status, 1, "\(arguments): \(result.stdout)\(result.stderr)")
            XCTAssertTrue(result.stdout.contains("growth/extra/m.yml:2:5: error: Metric id \"Bad_Id\""), "\(arguments): \(result.stdout)")
            XCTAssertTrue(result.stderr.contains("in 1 file"), "\(arguments): \(result.stderr)")
        }
        for arguments in [["lint", "nowhere.yml"], ["lint", "--staged", "nowhere.yml"]] {
            XCTAssertEqual(try CLI.run(arguments, in: folder).status, 2, "\(arguments)")
        }
    }

    func testStagedConfigOptionIsRelativeToTheCurrentFolder() throws {
        let (scratch, _) = try monorepo()
        try scratch.write("growth/strict.yml", "roots: [plays]\nrules:\n  schema-unknown-key: warning\n")
        let result = try CLI.run(["lint", "--staged", "--config", "strict.yml"], in: scratch.url.appendingPathComponent("growth"))
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
    }
}
