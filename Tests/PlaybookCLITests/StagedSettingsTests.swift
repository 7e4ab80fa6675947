import Foundation
import PlaybookGit
import XCTest

/// `lint --staged` judges the commit with the settings it holds, as a clean clone of it reads them, and compares
/// with HEAD judged with HEAD's own (review, 2026-12-05).
final class StagedSettingsTests: XCTestCase {
    let author = Signature(name: "Ana Ruiz", email: "ana@example.com", time: 1_780_000_000)

    /// A committed playbook whose experiment EXP-1 names the hypothesis HYP-1.
    func makeRepository() throws -> (ScratchDirectory, Repository) {
        let scratch = try ScratchDirectory()
        let repository = try Repository.create(at: scratch.url.path)
        try SmallPlaybook.write(into: scratch)
        try scratch.write("playbooks/HYP-1.yml", ReviewCommandTests.hypothesis)
        try scratch.write("playbooks/EXP-1.yml", ReviewCommandTests.experiment)
        try repository.stage(paths: ["playbooks/metrics.yml", "playbooks/squads/activation-emea.yml", "playbooks/HYP-1.yml", "playbooks/EXP-1.yml"])
        _ = try repository.commit(message: "The playbook", author: author)
        return (scratch, repository)
    }

    func remove(_ path: String, in scratch: ScratchDirectory) throws {
        try FileManager.default.removeItem(at: scratch.url.appendingPathComponent(path))
    }

    /// An untracked `.playbook.yml` that turns the rule off does not let a commit through that breaks a reference,
    /// and one removed from the index (its working copy kept) no longer applies either; the run says which settings it judged with.
    func testASettingsFileTheIndexDoesNotHoldIsNotJudged() throws {
        let (scratch, repository) = try makeRepository()
        try scratch.write(".playbook.yml", "rules:\n  reference-unresolved: off\n")
        try remove("playbooks/HYP-1.yml", in: scratch)
        try repository.stage(paths: ["playbooks/HYP-1.yml"])
        XCTAssertEqual(try CLI.run(["lint"], in: scratch.url).status, 0, "the working tree turns the rule off")
        let untracked = try CLI.run(["lint", "--staged"], in: scratch.url)
        XCTAssertEqual(untracked.status, 1, untracked.stdout + untracked.stderr)
        XCTAssertTrue(untracked.stdout.contains("playbooks/EXP-1.yml:5:13: error:"), untracked.stdout)
        XCTAssertTrue(untracked.stderr.contains("playbook: note: .playbook.yml is not in the index, so the commit is judged with the default settings"),
                      untracked.stderr)

        // Committed settings the commit removes from the index, the working copy kept (`git rm --cached`).
        try scratch.write("playbooks/HYP-1.yml", ReviewCommandTests.hypothesis)
        try repository.stage(paths: ["playbooks/HYP-1.yml", ".playbook.yml"])
        _ = try repository.commit(message: "Settings", author: author)
        try remove(".playbook.yml", in: scratch)
        try remove("playbooks/HYP-1.yml", in: scratch)
        try repository.stage(paths: [".playbook.yml", "playbooks/HYP-1.yml"])
        try scratch.write(".playbook.yml", "rules:\n  reference-unresolved: off\n")
        let removed = try CLI.run(["lint", "--staged"], in: scratch.url)
        XCTAssertEqual(removed.status, 1, removed.stdout + removed.stderr)
        XCTAssertTrue(removed.stdout.contains("playbooks/EXP-1.yml:5:13: error:"), removed.stdout)
    }

    /// Untracked settings do not refuse a clean commit either: roots that name no folder only the working tree's
    /// settings have are not the commit's.
    func testUntrackedSettingsDoNotRefuseACleanCommit() throws {
        let (scratch, repository) = try makeRepository()
        try scratch.write(".playbook.yml", "roots: [nowhere]\n")
        try scratch.write("playbooks/squads/activation-emea.yml", SmallPlaybook.squad + "\nregion: emea\n")
        try repository.stage(paths: ["playbooks/squads/activation-emea.yml"])
        XCTAssertEqual(try CLI.run(["lint"], in: scratch.url).status, 2)
        let staged = try CLI.run(["lint", "--staged"], in: scratch.url)
        XCTAssertEqual(staged.status, 0, staged.stdout + staged.stderr)
    }

    /// After `playbook init`, a commit of its hooks alone holds no playbook (its settings and files are not added
    /// yet): nothing to judge, not an empty playbook's North Star error in a settings file it does not hold.
    func testACommitBeforeThePlaybookIsAddedHasNothingToJudge() throws {
        let scratch = try ScratchDirectory()
        let repository = try Repository.create(at: scratch.url.path)
        try scratch.write("README", "the app\n")
        try repository.stage(paths: ["README"])
        _ = try repository.commit(message: "Start", author: author)
        try scratch.write(".playbook.yml", "roots: [playbooks]\n")
        try scratch.write("playbooks/notes.txt", "to come\n")
        try scratch.write("README", "the app, with a playbook\n")
        try repository.stage(paths: ["README"])
        let staged = try CLI.run(["lint", "--staged"], in: scratch.url)
        XCTAssertEqual(staged.status, 0, staged.stdout + staged.stderr)
        XCTAssertTrue(staged.stderr.contains("nothing to judge"), staged.stderr)
        // Once the settings are added, they are judged.
        try repository.stage(paths: [".playbook.yml"])
        XCTAssertEqual(try CLI.run(["lint", "--staged"], in: scratch.url).status, 1)
    }

    /// The file `--config` names is read as staged, not as the working tree has it; one the index does not hold is
    /// read from disk, said so.
    func testTheConfigFileNamedIsReadAsStaged() throws {
        let (scratch, repository) = try makeRepository()
        try scratch.write("cfg.yml", "rules:\n  reference-unresolved: error\n")
        try repository.stage(paths: ["cfg.yml"])
        _ = try repository.commit(message: "Settings", author: author)
        try scratch.write("cfg.yml", "rules:\n  reference-unresolved: off\n")
        try remove("playbooks/HYP-1.yml", in: scratch)
        try repository.stage(paths: ["playbooks/HYP-1.yml"])
        let staged = try CLI.run(["lint", "--staged", "--config", "cfg.yml"], in: scratch.url)
        XCTAssertEqual(staged.status, 1, staged.stdout + staged.stderr)
        XCTAssertTrue(staged.stdout.contains("playbooks/EXP-1.yml:5:13: error:"), staged.stdout)

        try scratch.write("local.yml", "rules:\n  reference-unresolved: off\n")
        let local = try CLI.run(["lint", "--staged", "--config", "local.yml"], in: scratch.url)
        XCTAssertEqual(local.status, 0, local.stdout + local.stderr)
        XCTAssertTrue(local.stderr.contains("playbook: note: local.yml is not in the index: read from the working tree"), local.stderr)
    }

    /// A staged settings change compares with HEAD judged with HEAD's settings: an error HEAD already had in a file
    /// the commit leaves unchanged is still HEAD's; one the new settings make (a warning turned into an error) is the commit's.
    func testASettingsChangeKeepsErrorsAlreadyThereAndRefusesTheOnesItMakes() throws {
        let (scratch, repository) = try makeRepository()
        try scratch.write("playbooks/HYP-1.yml", ReviewCommandTests.hypothesis.replacingOccurrences(of: "expected_lift: 0.02", with: "expected_lift: 1,500"))
        try scratch.write("playbooks/HYP-2.yml", ReviewCommandTests.hypothesis.replacingOccurrences(of: "HYP-1", with: "HYP-2")
            .replacingOccurrences(of: "expected_lift: 0.02", with: "expected_lift: 6"))
        try repository.stage(paths: ["playbooks/HYP-1.yml", "playbooks/HYP-2.yml"])
        _ = try repository.commit(message: "Broken on purpose", author: author)
        let lint = try CLI.run(["lint"], in: scratch.url)
        XCTAssertEqual(lint.status, 1)
        XCTAssertTrue(lint.stdout.contains("[lift-scale]"), lint.stdout)

        try scratch.write(".playbook.yml", "# comment\n")
        try repository.stage(paths: [".playbook.yml"])
        // Once with HEAD linted anew, once with its findings kept by a run on HEAD's content.
        for keep in [false, true] {
            try? remove(".git/playbook", in: scratch)
            if keep {
                try remove(".playbook.yml", in: scratch)
                try repository.stage(paths: [".playbook.yml"])
                XCTAssertEqual(try CLI.run(["lint", "--staged"], in: scratch.url).status, 0)
                try scratch.write(".playbook.yml", "# comment\n")
                try repository.stage(paths: [".playbook.yml"])
            }
            let comment = try CLI.run(["lint", "--staged"], in: scratch.url)
            XCTAssertEqual(comment.status, 0, "\(keep): \(comment.stdout)\(comment.stderr)")
            XCTAssertTrue(comment.stderr.contains("2 errors already there before this commit"), "\(keep): \(comment.stderr)")
        }

        try scratch.write(".playbook.yml", "rules:\n  lift-scale: error\n")
        try repository.stage(paths: [".playbook.yml"])
        let stricter = try CLI.run(["lint", "--staged"], in: scratch.url)
        XCTAssertEqual(stricter.status, 1, stricter.stdout + stricter.stderr)
        XCTAssertTrue(stricter.stdout.contains("playbooks/HYP-2.yml:7:16: error:"), stricter.stdout)
        XCTAssertTrue(stricter.stderr.hasPrefix("3 errors, 0 warnings"), stricter.stderr)
        XCTAssertTrue(stricter.stderr.contains("2 errors already there before this commit"), stricter.stderr)
    }
}
