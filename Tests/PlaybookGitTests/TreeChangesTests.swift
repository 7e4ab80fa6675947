import Foundation
@testable import PlaybookGit
import XCTest

final class TreeChangesTests: XCTestCase {
    private func changes(_ repository: Repository, _ old: ObjectID?, _ new: ObjectID, roots: [String] = ["playbooks"]) throws -> [String] {
        let oldTree = try old.map { try repository.commitInfo($0).tree }
        let newTree = try repository.commitInfo(new).tree
        return try repository.changedFiles(from: oldTree, to: newTree, under: roots) { _ in true }.map { change in
            "\(change.oldBlob == nil ? "A" : change.newBlob == nil ? "D" : "M") \(change.path)"
        }
    }

    func testFindsAddedChangedAndDeletedFilesOnlyUnderTheRoots() throws {
        let scratch = try ScratchRepository(for: self)
        var files: [String: String] = ["outside.yml": "x"]
        for index in 0..<300 { files["playbooks/big/f\(index).yml"] = "v\(index)" }
        let first = try scratch.commit(files)
        XCTAssertEqual(try changes(scratch.repository, nil, first).count, 300)

        try FileManager.default.removeItem(atPath: scratch.root + "/playbooks/big/f7.yml")
        let second = try scratch.commit([
            "playbooks/big/f150.yml": "changed", "playbooks/big/f299x.yml": "new", "outside.yml": "y",
            "playbooks/big/f7.yml.keep": "k",
        ])
        try scratch.repository.stage(paths: ["playbooks/big/f7.yml"])
        let third = try scratch.repository.commit(message: "drop f7", author: ScratchRepository.author)
        XCTAssertEqual(try changes(scratch.repository, first, second),
                       ["M playbooks/big/f150.yml", "A playbooks/big/f299x.yml", "A playbooks/big/f7.yml.keep"])
        XCTAssertEqual(try changes(scratch.repository, second, third), ["D playbooks/big/f7.yml"])
        XCTAssertEqual(try changes(scratch.repository, third, third), [])
    }

    func testAFileBecomingAFolderIsADeletionAndAnAddition() throws {
        let scratch = try ScratchRepository(for: self)
        // "a" sorts before "a.yml" as a file, after it as a folder ("a/"): both orders must meet.
        let first = try scratch.commit(["playbooks/a": "file", "playbooks/a.yml": "1", "playbooks/a0.yml": "2"])
        try FileManager.default.removeItem(atPath: scratch.root + "/playbooks/a")
        try scratch.repository.stage(paths: ["playbooks/a"])
        try scratch.write("playbooks/a/inner.yml", "nested")
        try scratch.repository.stage(paths: ["playbooks/a/inner.yml"])
        let second = try scratch.repository.commit(message: "file to folder", author: ScratchRepository.author)
        XCTAssertEqual(try changes(scratch.repository, first, second), ["D playbooks/a", "A playbooks/a/inner.yml"])
        XCTAssertEqual(try changes(scratch.repository, second, first), ["A playbooks/a", "D playbooks/a/inner.yml"])
    }

    func testNestedRootsAndAMissingRoot() throws {
        let scratch = try ScratchRepository(for: self)
        let first = try scratch.commit(["docs/okrs/q.yml": "1", "other/x.yml": "1"])
        let second = try scratch.commit(["docs/okrs/q.yml": "2", "other/x.yml": "2"])
        XCTAssertEqual(try changes(scratch.repository, first, second, roots: ["docs/okrs/", "missing"]), ["M docs/okrs/q.yml"])
        XCTAssertEqual(try changes(scratch.repository, first, second, roots: ["."]), ["M docs/okrs/q.yml", "M other/x.yml"])
    }

    func testOverlappingRootsListEachFileOnce() throws {
        let scratch = try ScratchRepository(for: self)
        let first = try scratch.commit(["playbooks/a.yml": "1", "playbooks/okrs/q.yml": "1", "playbooks/okrs/r.yml": "1",
                                        "playbooks/z.yml": "1"])
        let second = try scratch.commit(["playbooks/a.yml": "2", "playbooks/okrs/q.yml": "2", "playbooks/okrs/r.yml": "2",
                                         "playbooks/z.yml": "2"])
        let expected = ["M playbooks/a.yml", "M playbooks/okrs/q.yml", "M playbooks/okrs/r.yml", "M playbooks/z.yml"]
        XCTAssertEqual(try changes(scratch.repository, first, second, roots: ["playbooks/okrs", "playbooks"]), expected)
        XCTAssertEqual(try changes(scratch.repository, first, second, roots: ["playbooks", "./playbooks/okrs/", "playbooks"]),
                       expected)
    }
}
