import Foundation
import XCTest
@testable import PlaybookGit

/// A repository in a fresh temporary directory, built only through PlaybookGit (no `git` binary).
/// Deleted when the test ends.
struct ScratchRepository {
    let root: String
    let repository: Repository

    static let author = Signature(name: "Ada Lovelace", email: "ada@example.com", time: 1_700_000_000, offsetMinutes: 60)

    /// A new temporary directory (already created), removed by a teardown block on `test`.
    static func temporaryDirectory(for test: XCTestCase) throws -> String {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("playbook-git-tests-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        test.addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
        return path
    }

    init(for test: XCTestCase, bare: Bool = false) throws {
        root = try Self.temporaryDirectory(for: test) + "/repo"
        repository = try Repository.create(at: root, bare: bare)
    }

    /// Writes a working-tree file, making its directories.
    func write(_ path: String, _ text: String) throws {
        let url = URL(fileURLWithPath: root + "/" + path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    /// Writes, stages and commits files; returns the commit.
    @discardableResult
    func commit(_ files: [String: String], message: String = "change") throws -> ObjectID {
        for (path, text) in files { try write(path, text) }
        try repository.stage(paths: Array(files.keys))
        return try repository.commit(message: message, author: Self.author)
    }
}

func text(_ bytes: [UInt8]?) -> String? {
    bytes.map { String(decoding: $0, as: UTF8.self) }
}
