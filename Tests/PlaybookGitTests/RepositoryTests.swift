import Foundation
import XCTest
@testable import PlaybookGit

final class RepositoryTests: XCTestCase {
    func testDiscoverFindsTheRepositoryFromASubdirectoryOrAFile() throws {
        let scratch = try ScratchRepository(for: self)
        try scratch.write("plays/growth/a.yaml", "x: 1\n")

        let fromDirectory = try Repository.discover(from: scratch.root + "/plays/growth")
        let fromFile = try Repository.discover(from: scratch.root + "/plays/growth/a.yaml")

        XCTAssertEqual(fromDirectory.workdir, scratch.repository.workdir)
        XCTAssertEqual(fromFile.workdir, scratch.repository.workdir)
        XCTAssertEqual(fromDirectory.gitDirectory, scratch.repository.gitDirectory)
        let workdir = try XCTUnwrap(scratch.repository.workdir)
        XCTAssertFalse(workdir.hasSuffix("/"))
        XCTAssertTrue(workdir.hasPrefix("/"))
        XCTAssertEqual(scratch.repository.gitDirectory, workdir + "/.git")
    }

    func testDiscoverOutsideAnyRepositorySaysSo() throws {
        let directory = try ScratchRepository.temporaryDirectory(for: self) + "/not/a/repo"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)

        XCTAssertThrowsError(try Repository.discover(from: directory)) { error in
            XCTAssertEqual(
                (error as? GitError)?.description, "not a git repository (or any parent up to /): \(directory)")
            XCTAssertEqual((error as? GitError)?.code, .notFound)
        }
    }

    func testDiscoverFromAMissingPathSaysItIsMissing() throws {
        let missing = try ScratchRepository.temporaryDirectory(for: self) + "/gone"
        XCTAssertThrowsError(try Repository.discover(from: missing)) { error in
            XCTAssertTrue("\(error)".contains("no such file or directory: \(missing)"), "\(error)")
        }
    }

    func testOpenDoesNotWalkUp() throws {
        let scratch = try ScratchRepository(for: self)
        try scratch.write("plays/a.yaml", "x: 1\n")
        XCTAssertNoThrow(try Repository.open(at: scratch.root))
        XCTAssertThrowsError(try Repository.open(at: scratch.root + "/plays")) {
            XCTAssertEqual(($0 as? GitError)?.code, .notFound)
        }
    }

    func testCreateRefusesAnExistingRepository() throws {
        let scratch = try ScratchRepository(for: self)
        XCTAssertThrowsError(try Repository.create(at: scratch.root)) {
            XCTAssertEqual(($0 as? GitError)?.code, .exists)
        }
    }

    func testFreshRepositoryHasAnUnbornHead() throws {
        let scratch = try ScratchRepository(for: self)

        XCTAssertTrue(scratch.repository.isHeadUnborn)
        XCTAssertFalse(scratch.repository.isHeadDetached)
        XCTAssertFalse(scratch.repository.isBare)
        XCTAssertFalse(scratch.repository.isShallow)
        XCTAssertNil(try scratch.repository.headCommit())
        XCTAssertThrowsError(try scratch.repository.resolve("HEAD"))
    }

    func testInitialBranchIsTheOneAsked() throws {
        let root = try ScratchRepository.temporaryDirectory(for: self) + "/repo"
        let repository = try Repository.create(at: root, initialBranch: "trunk")
        let first = try ScratchRepository.commitFile(in: repository, root: root, "a.yaml", "x: 1\n")

        XCTAssertEqual(try repository.resolve("trunk"), first)
        XCTAssertEqual(try repository.resolve("refs/heads/trunk"), first)
    }

    func testCommitThenResolveAndReadFilesAtCommits() throws {
        let scratch = try ScratchRepository(for: self)
        let first = try scratch.commit(["plays/a.yaml": "v: 1\n"], message: "first")
        let second = try scratch.commit(["plays/a.yaml": "v: 2\n", "plays/b.yaml": "b: 1\n"], message: "second")
        let third = try scratch.commit(["plays/a.yaml": "v: 3\n"], message: "third")

        XCTAssertFalse(scratch.repository.isHeadUnborn)
        XCTAssertEqual(try scratch.repository.headCommit(), third)
        XCTAssertEqual(try scratch.repository.resolve("HEAD"), third)
        XCTAssertEqual(try scratch.repository.resolve("main"), third)
        XCTAssertEqual(try scratch.repository.resolve("HEAD~2"), first)
        XCTAssertEqual(try scratch.repository.resolve("main^"), second)
        XCTAssertEqual(try scratch.repository.resolve(second.description), second)
        XCTAssertEqual(try scratch.repository.resolve(String(second.description.prefix(10))), second)
        // A tree is not a commit.
        XCTAssertThrowsError(try scratch.repository.resolve("HEAD^{tree}"))
        XCTAssertThrowsError(try scratch.repository.resolve("no-such-branch")) { error in
            XCTAssertTrue("\(error)".contains("no-such-branch"), "\(error)")
        }

        XCTAssertEqual(text(try scratch.repository.fileData(at: first, path: "plays/a.yaml")), "v: 1\n")
        XCTAssertEqual(text(try scratch.repository.fileData(at: third, path: "plays/a.yaml")), "v: 3\n")
        XCTAssertNil(try scratch.repository.fileData(at: first, path: "plays/b.yaml"))
        XCTAssertEqual(text(try scratch.repository.fileData(at: second, path: "plays/b.yaml")), "b: 1\n")
        XCTAssertNil(try scratch.repository.fileData(at: third, path: "plays"), "a directory is not a file")
        XCTAssertNil(try scratch.repository.fileData(at: third, path: "elsewhere/a.yaml"))
        XCTAssertThrowsError(try scratch.repository.fileData(at: third, path: "/plays/a.yaml"))
    }

    func testCommitRecordsSignaturesAndCleansTheMessage() throws {
        let scratch = try ScratchRepository(for: self)
        try scratch.write("a.yaml", "x: 1\n")
        try scratch.repository.stage(paths: ["a.yaml"])
        let committer = Signature(name: "Bot", email: "bot@example.com", time: 1_700_000_100, offsetMinutes: -300)
        let id = try scratch.repository.commit(
            message: "Add a  \n\n\n", author: ScratchRepository.author, committer: committer)

        // The raw commit object, read back through the object database.
        let raw = try scratch.repository.rawObject(id)
        XCTAssertTrue(raw.contains("author Ada Lovelace <ada@example.com> 1700000000 +0100\n"), raw)
        XCTAssertTrue(raw.contains("committer Bot <bot@example.com> 1700000100 -0500\n"), raw)
        XCTAssertTrue(raw.hasSuffix("\n\nAdd a\n"), raw)
    }

    func testDetachedHead() throws {
        let scratch = try ScratchRepository(for: self)
        let first = try scratch.commit(["a.yaml": "v: 1\n"])
        try scratch.commit(["a.yaml": "v: 2\n"])

        try scratch.repository.detachHead(at: first)

        XCTAssertTrue(scratch.repository.isHeadDetached)
        XCTAssertEqual(try scratch.repository.headCommit(), first)
        XCTAssertEqual(try scratch.repository.resolve("HEAD"), first)
        // A commit on a detached HEAD moves HEAD, not the branch.
        let onDetached = try scratch.commit(["a.yaml": "v: detached\n"])
        XCTAssertEqual(try scratch.repository.resolve("HEAD~1"), first)
        XCTAssertEqual(try scratch.repository.headCommit(), onDetached)
        XCTAssertNotEqual(try scratch.repository.resolve("main"), onDetached)
    }

    func testShallowCloneIsReported() throws {
        let scratch = try ScratchRepository(for: self)
        let first = try scratch.commit(["a.yaml": "v: 1\n"])
        // What a shallow clone leaves behind: the cut-off commits listed in .git/shallow.
        try Data("\(first)\n".utf8).write(to: URL(fileURLWithPath: scratch.repository.gitDirectory + "/shallow"))

        XCTAssertTrue(try Repository.open(at: scratch.root).isShallow)
    }

    func testLocalConfigRoundTrips() throws {
        let scratch = try ScratchRepository(for: self)
        XCTAssertNil(try scratch.repository.configString("playbook.no-such-key"))

        try scratch.repository.setConfig("playbook.roots", "plays")

        XCTAssertEqual(try scratch.repository.configString("playbook.roots"), "plays")
        XCTAssertEqual(try Repository.open(at: scratch.root).configString("playbook.roots"), "plays")
        let file = try String(contentsOfFile: scratch.repository.gitDirectory + "/config", encoding: .utf8)
        XCTAssertTrue(file.contains("[playbook]"), file)
    }
}

extension ScratchRepository {
    static func commitFile(in repository: Repository, root: String, _ path: String, _ text: String) throws -> ObjectID {
        try Data(text.utf8).write(to: URL(fileURLWithPath: root + "/" + path))
        try repository.stage(paths: [path])
        return try repository.commit(message: "add \(path)", author: author)
    }
}

final class ConcurrentUseTests: XCTestCase {
    func testOneRepositoryPerThreadReadsInParallel() throws {
        let scratch = try ScratchRepository(for: self)
        try scratch.commit(["plays/a.yaml": "v: 1\n"])
        let root = scratch.root

        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            do {
                let repository = try Repository.discover(from: root + "/plays")
                let entries = try repository.stagedEntries { _ in true }.entries
                XCTAssertEqual(text(try repository.blobData(XCTUnwrap(entries.first).id)), "v: 1\n")
            } catch {
                XCTFail("\(error)")
            }
        }
    }
}

final class CommittedLinkTests: XCTestCase {
    /// A symbolic link committed in place of a file holds a path: reading it as the file would
    /// take its target's name for content (a `.playbook.yml` link read as configuration).
    func testAFileThatIsACommittedSymbolicLinkIsRefusedNotRead() throws {
        let scratch = try ScratchRepository(for: self)
        try scratch.write("real.yml", "roots: [playbooks]\n")
        try FileManager.default.createSymbolicLink(atPath: scratch.root + "/.playbook.yml", withDestinationPath: "/etc/passwd")
        try scratch.repository.stage(paths: ["real.yml", ".playbook.yml"])
        let commit = try scratch.repository.commit(message: "link", author: ScratchRepository.author)
        XCTAssertEqual(text(try scratch.repository.fileData(at: commit, path: "real.yml")), "roots: [playbooks]\n")
        XCTAssertThrowsError(try scratch.repository.fileData(at: commit, path: ".playbook.yml")) { error in
            XCTAssertTrue("\(error)".contains("symbolic link"), "\(error)")
            XCTAssertFalse("\(error)".contains("/etc/passwd"), "the link's target is not echoed")
        }
    }
}
