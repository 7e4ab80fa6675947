import Foundation
import XCTest
import PlaybookGit

/// CI checkouts are often owned by another user than the one running the linter; git calls
/// them "dubious ownership" and refuses them. Playbook opens them anyway (see LibGit2.swift).
final class OwnershipTests: XCTestCase {
    func testRepositoryOwnedByAnotherUserCanBeRead() throws {
        guard getuid() == 0 else { throw XCTSkip("needs root to give the repository to another user") }
        let scratch = try ScratchRepository(for: self)
        try scratch.commit(["plays/a.yaml": "v: 1\n"])
        try scratch.write("plays/a.yaml", "v: 2\n")
        try scratch.repository.stage(paths: ["plays/a.yaml"])
        try giveAway(scratch.root, to: 65534)

        let repository = try Repository.discover(from: scratch.root + "/plays")

        let entries = try repository.stagedEntries { _ in true }.entries
        XCTAssertEqual(text(try repository.blobData(XCTUnwrap(entries.first).id)), "v: 2\n")
        XCTAssertEqual(text(try repository.fileData(at: repository.resolve("HEAD"), path: "plays/a.yaml")), "v: 1\n")
    }

    private func giveAway(_ root: String, to owner: Int) throws {
        let manager = FileManager.default
        try manager.setAttributes([.ownerAccountID: owner], ofItemAtPath: root)
        let enumerator = try XCTUnwrap(manager.enumerator(atPath: root))
        while let path = enumerator.nextObject() as? String {
            try manager.setAttributes([.ownerAccountID: owner], ofItemAtPath: root + "/" + path)
        }
    }
}
