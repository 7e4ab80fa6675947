import Foundation
import PlaybookGit
import XCTest

/// The hooks `init` and `hooks install` write, run by a newcomer who built playbook (`.build/release/playbook`)
/// and never put it on PATH.
final class HookWithoutPathTests: XCTestCase {
    static let git = URL(fileURLWithPath: "/usr/bin/git")

    /// git and sh, but no playbook: the PATH of someone who only built the tool.
    let environment = ["PATH": "/usr/bin:/bin", "GIT_AUTHOR_NAME": "Ana", "GIT_AUTHOR_EMAIL": "ana@example.com",
                       "GIT_COMMITTER_NAME": "Ana", "GIT_COMMITTER_EMAIL": "ana@example.com"]

    /// A copy of the binary in a folder whose name needs quoting in sh (a blank, a quote, a `$`), as a build
    /// folder under "My Projects" would; `init` run from there in a new scratch repository (`init FOLDER` in
    /// an existing one for a playbook in a subfolder).
    func startWithACopiedBinary(inFolder playbookFolder: String? = nil) throws -> (scratch: ScratchDirectory, binary: URL) {
        guard FileManager.default.isExecutableFile(atPath: Self.git.path) else { throw XCTSkip("git is needed to run the hook") }
        guard !["/usr/bin/playbook", "/bin/playbook"].contains(where: FileManager.default.isExecutableFile(atPath:)) else {
            throw XCTSkip("playbook is installed in /usr/bin or /bin")
        }
        let binaryFolder = try ScratchDirectory()
        kept.append(binaryFolder)
        let folder = binaryFolder.url.appendingPathComponent("my 'build' $HOME")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // As the hook names it: its links resolved (macOS's /var is /private/var).
        var resolved = folder.path
        if let real = realpath(folder.path, nil) {
            resolved = String(cString: real)
            free(real)
        }
        let binary = URL(fileURLWithPath: resolved).appendingPathComponent("playbook")
        try FileManager.default.copyItem(at: CLI.binary, to: binary)
        let scratch = try ScratchDirectory()
        if playbookFolder != nil { _ = try Repository.create(at: scratch.url.path) }
        let started = try CLI.run(executable: binary, ["init"] + (playbookFolder.map { [$0] } ?? []), in: scratch.url, environment: environment)
        XCTAssertEqual(started.status, 0, started.stderr)
        return (scratch, binary)
    }

    /// The folders holding the copied binary, removed with the test case.
    var kept: [ScratchDirectory] = []

    @discardableResult
    func git(_ arguments: [String], in directory: URL) throws -> CLIResult {
        try CLI.run(executable: Self.git, arguments, in: directory, environment: environment)
    }

    /// The hook `init` wrote looked for playbook only on PATH: every commit was refused with "playbook is not on
    /// PATH". It runs the binary that wrote it, which still checks (a broken squad is refused for its error), named
    /// in the clone's own git config: the versioned hook holds no one's build folder.
    func testInitsHookRunsTheBinaryThatWroteItWhenPlaybookIsNotOnPath() throws {
        let (scratch, binary) = try startWithACopiedBinary()
        for name in ["pre-commit", "pre-merge-commit"] {
            let hook = try String(contentsOf: scratch.url.appendingPathComponent(".githooks/\(name)"), encoding: .utf8)
            XCTAssertFalse(hook.contains("my 'build'") || hook.contains("build'\\''"), "a local path in the versioned \(name): \(hook)")
        }
        XCTAssertEqual(try git(["config", "--get", "playbook.path"], in: scratch.url).stdout, binary.path + "\n")
        try git(["add", "-A"], in: scratch.url)
        let clean = try git(["commit", "-q", "-m", "start"], in: scratch.url)
        XCTAssertEqual(clean.status, 0, clean.stdout + clean.stderr)
        let squad = scratch.url.appendingPathComponent("playbooks/squads/growth.yml")
        let text = try String(contentsOf: squad, encoding: .utf8)
        try text.replacingOccurrences(of: "funnel_stage:", with: "funnel_stag:").write(to: squad, atomically: true, encoding: .utf8)
        let broken = try git(["commit", "-q", "-a", "-m", "break the squad"], in: scratch.url)
        XCTAssertNotEqual(broken.status, 0, "the hook must refuse the commit")
        XCTAssertTrue((broken.stdout + broken.stderr).contains("unknown key \"funnel_stag\""), broken.stdout + broken.stderr)
    }

    /// With neither playbook on PATH nor the binary that wrote the hook, the refusal says how to fix it.
    func testHookWithoutAnyPlaybookSaysHowToPutItOnPath() throws {
        let (scratch, binary) = try startWithACopiedBinary()
        try FileManager.default.removeItem(at: binary)
        try git(["add", "-A"], in: scratch.url)
        let refused = try git(["commit", "-q", "-m", "start"], in: scratch.url)
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.stderr.contains("pre-commit: playbook is not on PATH, and \(binary.path) (git config playbook.path) is not there; "
            + "put playbook on PATH (for example: install -m 755 .build/release/playbook /usr/local/bin/) and try again."), refused.stderr)
        // A clone that never ran init or hooks install has no such setting: told how to give one.
        XCTAssertEqual(try git(["config", "--unset", "playbook.path"], in: scratch.url).status, 0)
        let unset = try git(["commit", "-q", "-m", "start"], in: scratch.url)
        XCTAssertTrue(unset.stderr.contains("pre-commit: playbook is not on PATH; put playbook on PATH (for example: install -m 755 "
            + ".build/release/playbook /usr/local/bin/), or name it with git config playbook.path PATH-TO-PLAYBOOK, and try again."), unset.stderr)
    }

    /// `hooks install` ran its binary without checking it was still there ("not found"): it says the same.
    func testInstalledHookRunsTheBinaryThatWroteItAndSaysHowToFixItWhenGone() throws {
        let (scratch, binary) = try startWithACopiedBinary()
        // The hooks written into .git/hooks, not the versioned ones.
        XCTAssertEqual(try git(["config", "--unset", "core.hooksPath"], in: scratch.url).status, 0)
        try FileManager.default.removeItem(at: scratch.url.appendingPathComponent(".githooks"))
        let installed = try CLI.run(executable: binary, ["hooks", "install"], in: scratch.url, environment: environment)
        XCTAssertEqual(installed.status, 0, installed.stderr)
        try git(["add", "-A"], in: scratch.url)
        let clean = try git(["commit", "-q", "-m", "start"], in: scratch.url)
        XCTAssertEqual(clean.status, 0, clean.stdout + clean.stderr)
        try FileManager.default.removeItem(at: binary)
        try "# x\n".write(to: scratch.url.appendingPathComponent("notes.md"), atomically: true, encoding: .utf8)
        try git(["add", "-A"], in: scratch.url)
        let refused = try git(["commit", "-q", "-m", "notes"], in: scratch.url)
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.stderr.contains("pre-commit: playbook is not on PATH, and \(binary.path) (git config playbook.path) is not there; put playbook on PATH"),
                      refused.stderr)
    }

    /// A relative `playbook.path` set by hand was read from the folder the hook had changed into (the playbook's, for a
    /// playbook in a subfolder): a binary named from the top of the working tree was "not there". It is read from the top,
    /// where git runs hooks (as git reads a relative core.hooksPath), `~/` from the home folder, and a name the shell would
    /// read as code or an option is only ever a name; a file that is missing or not executable is said, with where it was looked for.
    func testARelativePlaybookPathIsReadFromTheTopOfTheWorkingTree() throws {
        let (scratch, binary) = try startWithACopiedBinary(inFolder: "growth")
        let repository = try Repository.discover(from: scratch.url.path)
        let hostile = "-tools/it's $(touch PWNED) `touch PWNED` dir/playbook"
        let local = scratch.url.appendingPathComponent(hostile)
        try FileManager.default.createDirectory(at: local.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: binary, to: local)
        try scratch.write(".gitignore", "/-tools/\n")
        try repository.setConfig("playbook.path", hostile)
        var top = scratch.url.path
        if let real = realpath(top, nil) {
            top = String(cString: real)
            free(real)
        }
        let growth = scratch.url.appendingPathComponent("growth")
        try git(["add", "-A"], in: scratch.url)
        let clean = try git(["commit", "-q", "-m", "start"], in: growth)
        XCTAssertEqual(clean.status, 0, clean.stdout + clean.stderr)
        // Still the check: a broken squad is refused for its error.
        let squad = growth.appendingPathComponent("playbooks/squads/growth.yml")
        let text = try String(contentsOf: squad, encoding: .utf8)
        try text.replacingOccurrences(of: "funnel_stage:", with: "funnel_stag:").write(to: squad, atomically: true, encoding: .utf8)
        let broken = try git(["commit", "-q", "-a", "-m", "break the squad"], in: growth)
        XCTAssertNotEqual(broken.status, 0, "the hook must refuse the commit")
        XCTAssertTrue((broken.stdout + broken.stderr).contains("unknown key \"funnel_stag\""), broken.stdout + broken.stderr)
        for folder in [scratch.url, growth] {
            XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("PWNED").path), "the path was run as code")
        }

        // From the home folder, as `git config --path` reads it.
        try repository.setConfig("playbook.path", "~/" + binary.deletingLastPathComponent().lastPathComponent + "/playbook")
        let home = ["HOME": binary.deletingLastPathComponent().deletingLastPathComponent().path]
        let fromHome = try CLI.run(executable: Self.git, ["commit", "-q", "-a", "-m", "break the squad"], in: growth, environment: environment.merging(home) { $1 })
        XCTAssertTrue(fromHome.stderr.contains("unknown key \"funnel_stag\""), fromHome.stdout + fromHome.stderr)

        // Not executable, or not there: said, with the file looked for.
        chmod(local.path, 0o644)
        try repository.setConfig("playbook.path", hostile)
        let notExecutable = try git(["commit", "-q", "-a", "-m", "break the squad"], in: growth)
        XCTAssertNotEqual(notExecutable.status, 0)
        XCTAssertTrue(notExecutable.stderr.contains("pre-commit: playbook is not on PATH, and \(hostile) (git config playbook.path, read from the top of "
            + "the working tree: \(top)/\(hostile)) is not an executable file; make it one (chmod +x) or put playbook on PATH"), notExecutable.stderr)
        try repository.setConfig("playbook.path", "../tools/playbook")
        let missing = try git(["commit", "-q", "-a", "-m", "break the squad"], in: growth)
        XCTAssertNotEqual(missing.status, 0)
        XCTAssertTrue(missing.stderr.contains("pre-commit: playbook is not on PATH, and ../tools/playbook (git config playbook.path, read from the top of "
            + "the working tree: \(top)/../tools/playbook) is not there; put playbook on PATH"), missing.stderr)

        try repository.setConfig("playbook.path", "growth")
        let folder = try git(["commit", "-q", "-a", "-m", "break the squad"], in: growth)
        XCTAssertNotEqual(folder.status, 0)
        XCTAssertTrue(folder.stderr.contains("pre-commit: playbook is not on PATH, and growth (git config playbook.path, read from the top of "
            + "the working tree: \(top)/growth) is a folder; name the playbook binary in it, or put playbook on PATH"), folder.stderr)

        // The hook `hooks install` writes for the playbook in growth/ reads it from the top too.
        chmod(local.path, 0o755)
        XCTAssertEqual(try git(["config", "--unset", "core.hooksPath"], in: scratch.url).status, 0)
        let installed = try CLI.run(executable: binary, ["hooks", "install"], in: growth, environment: environment)
        XCTAssertEqual(installed.status, 0, installed.stderr)
        try repository.setConfig("playbook.path", "./" + hostile)
        let viaInstalled = try git(["commit", "-q", "-a", "-m", "break the squad"], in: scratch.url)
        XCTAssertNotEqual(viaInstalled.status, 0)
        XCTAssertTrue(viaInstalled.stderr.contains("unknown key \"funnel_stag\""), viaInstalled.stdout + viaInstalled.stderr)
    }
}
