import Foundation
import XCTest
@testable import PlaybookGit

final class StagedEntriesTests: XCTestCase {
    func testStagedContentIsReadNotWorkingTree() throws {
        let scratch = try ScratchRepository(for: self)
        try scratch.write("plays/a.yaml", "kind: Experiment\nname: bad staged\n")
        try scratch.repository.stage(paths: ["plays/a.yaml"])
        try scratch.write("plays/a.yaml", "kind: Experiment\nname: fixed but not staged\n")

        let snapshot = try scratch.repository.stagedEntries { _ in true }

        XCTAssertEqual(snapshot.entries.map(\.path), ["plays/a.yaml"])
        let entry = try XCTUnwrap(snapshot.entries.first)
        XCTAssertEqual(text(try scratch.repository.blobData(entry.id)), "kind: Experiment\nname: bad staged\n")
        XCTAssertEqual(entry.mode, 0o100644)
        XCTAssertTrue(entry.isRegularFile)
        XCTAssertEqual(entry.size, "kind: Experiment\nname: bad staged\n".utf8.count)
    }

    func testEntriesAreFilteredByPathAndSortedByteWise() throws {
        let scratch = try ScratchRepository(for: self)
        let paths = ["plays/b.yaml", "README.md", "plays/a.yaml", "plays/Z.yml", "other/c.yaml"]
        for path in paths { try scratch.write(path, "x: 1\n") }
        try scratch.repository.stage(paths: paths)

        let snapshot = try scratch.repository.stagedEntries { $0.hasPrefix("plays/") }

        XCTAssertEqual(snapshot.entries.map(\.path), ["plays/Z.yml", "plays/a.yaml", "plays/b.yaml"])
        XCTAssertEqual(snapshot.conflicts, [])
    }

    func testIndexIsReadFreshAfterAnotherWriter() throws {
        let scratch = try ScratchRepository(for: self)
        try scratch.write("a.yaml", "v: 1\n")
        try scratch.repository.stage(paths: ["a.yaml"])
        XCTAssertEqual(try scratch.repository.stagedEntries { _ in true }.entries.count, 1)

        // Another writer (git, before it runs a hook) rewrites the index behind our back.
        let other = try Repository.open(at: scratch.root)
        try scratch.write("b.yaml", "v: 2\n")
        try other.stage(paths: ["b.yaml"])

        XCTAssertEqual(try scratch.repository.stagedEntries { _ in true }.entries.map(\.path), ["a.yaml", "b.yaml"])
    }

    func testIndexFileOverrideReadsThatIndex() throws {
        // As in `git commit -a`: the hook's GIT_INDEX_FILE holds what is being committed.
        let scratch = try ScratchRepository(for: self)
        try scratch.write("a.yaml", "v: committed\n")
        try scratch.repository.stage(paths: ["a.yaml"])
        let hookIndex = scratch.repository.gitDirectory + "/index.lock"
        try FileManager.default.copyItem(atPath: scratch.repository.gitDirectory + "/index", toPath: hookIndex)
        try FileManager.default.removeItem(atPath: scratch.repository.gitDirectory + "/index")
        try scratch.write("a.yaml", "v: newer\n")

        let snapshot = try scratch.repository.stagedEntries(indexFile: hookIndex) { _ in true }

        let entry = try XCTUnwrap(snapshot.entries.first)
        XCTAssertEqual(text(try scratch.repository.blobData(entry.id)), "v: committed\n")
        XCTAssertEqual(try scratch.repository.stagedEntries { _ in true }.entries, [])
    }

    func testMissingIndexFileOverrideIsAnError() throws {
        let scratch = try ScratchRepository(for: self)
        XCTAssertThrowsError(try scratch.repository.stagedEntries(indexFile: scratch.root + "/nope") { _ in true }) {
            XCTAssertEqual(($0 as? GitError)?.code, .notFound)
        }
    }

    func testFreshRepositoryHasAnEmptyIndex() throws {
        let scratch = try ScratchRepository(for: self)
        XCTAssertEqual(try scratch.repository.stagedEntries { _ in true }, StagedSnapshot(entries: [], conflicts: []))
    }

    func testSymlinksAreStagedWithTheirOwnMode() throws {
        let scratch = try ScratchRepository(for: self)
        try scratch.write("real.yaml", "x: 1\n")
        try FileManager.default.createSymbolicLink(atPath: scratch.root + "/link.yaml", withDestinationPath: "real.yaml")
        try scratch.repository.stage(paths: ["real.yaml", "link.yaml"])

        let entries = try scratch.repository.stagedEntries { _ in true }.entries

        XCTAssertEqual(entries.map(\.path), ["link.yaml", "real.yaml"])
        let link = try XCTUnwrap(entries.first)
        XCTAssertEqual(link.mode, IndexEntry.symlinkMode)
        XCTAssertFalse(link.isRegularFile)
        XCTAssertEqual(text(try scratch.repository.blobData(link.id)), "real.yaml")
    }

    func testStagingADeletedFileRemovesItFromTheIndex() throws {
        let scratch = try ScratchRepository(for: self)
        try scratch.write("a.yaml", "x: 1\n")
        try scratch.repository.stage(paths: ["a.yaml"])
        try FileManager.default.removeItem(atPath: scratch.root + "/a.yaml")
        try scratch.repository.stage(paths: ["a.yaml"])

        XCTAssertEqual(try scratch.repository.stagedEntries { _ in true }.entries, [])
        XCTAssertThrowsError(try scratch.repository.stage(paths: ["never-existed.yaml"])) {
            XCTAssertEqual(($0 as? GitError)?.code, .notFound)
        }
    }

    func testConflictedPathsAreReportedApartFromEntries() throws {
        let scratch = try ScratchRepository(for: self)
        try scratch.write("clean.yaml", "x: 1\n")
        try scratch.repository.stage(paths: ["clean.yaml"])
        let base = try scratch.repository.writeBlob(Array("v: base\n".utf8))
        let ours = try scratch.repository.writeBlob(Array("v: ours\n".utf8))
        let theirs = try scratch.repository.writeBlob(Array("v: theirs\n".utf8))
        try scratch.repository.recordConflict(path: "plays/fight.yaml", ancestor: base, ours: ours, theirs: theirs)
        try scratch.repository.recordConflict(path: "notes/fight.txt", ancestor: nil, ours: ours, theirs: theirs)

        let snapshot = try scratch.repository.stagedEntries { $0.hasSuffix(".yaml") }

        XCTAssertEqual(snapshot.entries.map(\.path), ["clean.yaml"])
        XCTAssertEqual(snapshot.conflicts, ["plays/fight.yaml"])
        XCTAssertEqual(try scratch.repository.stagedEntries { _ in true }.conflicts, ["notes/fight.txt", "plays/fight.yaml"])
        XCTAssertThrowsError(try scratch.repository.commit(message: "nope", author: ScratchRepository.author)) {
            XCTAssertEqual(($0 as? GitError)?.code, .conflict)
        }
    }

    func testBareRepositoryHasNoIndexToLint() throws {
        let scratch = try ScratchRepository(for: self, bare: true)
        XCTAssertTrue(scratch.repository.isBare)
        XCTAssertNil(scratch.repository.workdir)

        XCTAssertThrowsError(try scratch.repository.stagedEntries { _ in true }) { error in
            let gitError = error as? GitError
            XCTAssertEqual(gitError?.code, .bareRepository)
            XCTAssertTrue(gitError?.description.contains("a bare repository has no index to lint") == true, "\(error)")
        }
    }
}
