import Foundation
@testable import PlaybookGit
import XCTest

/// `cleanMerge`: what `git merge` would record, read without writing to the repository.
final class MergeTests: XCTestCase {
    private func objectFiles(_ root: String) -> [String] {
        (FileManager.default.enumerator(atPath: root + "/.git/objects")?.allObjects as? [String] ?? []).sorted()
    }

    func testACleanMergeMergesFileContentsAndWritesNothing() throws {
        let scratch = try ScratchRepository(for: self)
        let root = try scratch.commit(["playbooks/a.yml": "a\nb\nc\nd\ne\n", "outside.txt": "x\n"])
        let ours = try scratch.commit(["playbooks/a.yml": "A\nb\nc\nd\ne\n"])
        try scratch.write("playbooks/a.yml", "a\nb\nc\nd\nE\n")
        try scratch.repository.stage(paths: ["playbooks/a.yml"])
        let theirs = try scratch.repository.commit(message: "theirs", author: ScratchRepository.author, parents: [root], updateHead: false)
        let before = objectFiles(scratch.root)
        let entries = try XCTUnwrap(try scratch.repository.cleanMerge(ours, theirs) { $0.hasPrefix("playbooks/") })
        XCTAssertEqual(entries.map(\.path), ["playbooks/a.yml"])
        XCTAssertEqual(text(try scratch.repository.blobData(entries[0].id)), "A\nb\nc\nd\nE\n")
        XCTAssertEqual(objectFiles(scratch.root), before, "the merged blob stays in memory")
    }

    func testAConflictIsNoMerge() throws {
        let scratch = try ScratchRepository(for: self)
        let root = try scratch.commit(["playbooks/a.yml": "status: running\n"])
        let ours = try scratch.commit(["playbooks/a.yml": "status: paused\n"])
        try scratch.write("playbooks/a.yml", "status: concluded\n")
        try scratch.repository.stage(paths: ["playbooks/a.yml"])
        let theirs = try scratch.repository.commit(message: "theirs", author: ScratchRepository.author, parents: [root], updateHead: false)
        XCTAssertNil(try scratch.repository.cleanMerge(ours, theirs) { _ in true })
    }
}
