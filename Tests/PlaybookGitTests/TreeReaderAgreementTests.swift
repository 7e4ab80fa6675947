import CLibGit2
import Foundation
@testable import PlaybookGit
import XCTest

/// TreeReader compares raw tree bytes by hand; libgit2's own `git_diff_tree_to_tree` is the
/// reference. On generated histories (files added, changed, deleted, folders appearing where
/// files were and back, names that sort differently as files and as folders) both must list
/// exactly the same changed files with the same blob ids.
final class TreeReaderAgreementTests: XCTestCase {
    /// A small deterministic generator (xorshift), so a failure is reproducible from its seed.
    private struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return Int(state % UInt64(bound))
        }
    }

    struct LookupFailed: Error { var tree: String }

    private func libgit2Changes(_ repository: Repository, _ old: ObjectID?, _ new: ObjectID) throws -> [FileChange] {
        func lookup(_ id: ObjectID?) throws -> OpaquePointer? {
            guard var oid = id?.oid else { return nil }
            var tree: OpaquePointer?
            // A tree the walk produced must be there: failing to find it is a failure, not a reason to skip.
            guard git_tree_lookup(&tree, repository.pointer, &oid) == 0 else { throw LookupFailed(tree: id?.description ?? "") }
            return tree
        }
        let oldTree = try lookup(old), newTree = try lookup(new)
        defer { git_tree_free(oldTree); git_tree_free(newTree) }
        var diff: OpaquePointer?
        XCTAssertEqual(git_diff_tree_to_tree(&diff, repository.pointer, oldTree, newTree, nil), 0)
        defer { git_diff_free(diff) }
        var changes: [FileChange] = []
        for index in 0..<git_diff_num_deltas(diff) {
            guard let delta = git_diff_get_delta(diff, index)?.pointee else { continue }
            let path = String(cString: delta.new_file.path ?? delta.old_file.path)
            let oldBlob = delta.status == GIT_DELTA_ADDED ? nil : ObjectID(delta.old_file.id)
            let newBlob = delta.status == GIT_DELTA_DELETED ? nil : ObjectID(delta.new_file.id)
            changes.append(FileChange(path: path, oldBlob: oldBlob, newBlob: newBlob))
        }
        return changes.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
    }

    /// Deletes a file and the folders it leaves empty, as git would see them gone.
    private func remove(_ path: String, in scratch: ScratchRepository) throws {
        try FileManager.default.removeItem(atPath: scratch.root + "/" + path)
        var folder = (path as NSString).deletingLastPathComponent
        while !folder.isEmpty, (try FileManager.default.contentsOfDirectory(atPath: scratch.root + "/" + folder)).isEmpty {
            try FileManager.default.removeItem(atPath: scratch.root + "/" + folder)
            folder = (folder as NSString).deletingLastPathComponent
        }
    }

    func testTreeReaderListsWhatLibgit2sTreeDiffLists() throws {
        let names = ["a", "a.yml", "a0.yml", "a-b.yml", "b", "okrs", "okrs.yml", "z.yml", "é.yml"]
        for seed: UInt64 in [1, 7, 42] {
            let scratch = try ScratchRepository(for: self)
            var generator = Generator(state: seed &* 0x9E37_79B9_7F4A_7C15 | 1)
            var present: Set<String> = []
            var previous: ObjectID?
            var compared = 0
            for step in 0..<40 {
                var touched: [String] = []
                for _ in 0..<(1 + generator.next(4)) {
                    // Up to three levels deep, from a small pool of names, so paths collide often.
                    let depth = 1 + generator.next(3)
                    let path = "playbooks/" + (0..<depth).map { _ in names[generator.next(names.count)] }.joined(separator: "/")
                    // One change per path family a commit: staging a path that became a folder fails.
                    if touched.contains(where: { $0 == path || $0.hasPrefix(path + "/") || path.hasPrefix($0 + "/") }) { continue }
                    let blocked = present.contains { $0.hasPrefix(path + "/") || path.hasPrefix($0 + "/") }
                    if present.contains(path), generator.next(3) == 0 {
                        try remove(path, in: scratch)
                        present.remove(path)
                        touched.append(path)
                    } else if !blocked {
                        try scratch.write(path, "step \(step) value \(generator.next(5))\n")
                        present.insert(path)
                        touched.append(path)
                    } else if let file = present.first(where: { $0.hasPrefix(path + "/") || path.hasPrefix($0 + "/") }) {
                        // A folder becomes a file or a file a folder: remove what is in the way first.
                        try remove(file, in: scratch)
                        present.remove(file)
                        touched.append(file)
                    }
                }
                guard !touched.isEmpty else { continue }
                try scratch.repository.stage(paths: touched)
                let commit = try scratch.repository.commit(message: "step \(step)", author: ScratchRepository.author)
                let newTree = try scratch.repository.commitInfo(commit).tree
                let ours = try scratch.repository.changedFiles(from: previous, to: newTree, under: [""]) { _ in true }
                XCTAssertEqual(ours, try libgit2Changes(scratch.repository, previous, newTree), "seed \(seed) step \(step)")
                previous = newTree
                compared += 1
            }
            XCTAssertGreaterThan(compared, 30)
        }
    }

    func testMalformedTreeBytesEndTheScanWithoutCrashing() {
        let id = [UInt8](repeating: 0xab, count: 20)
        let good = Array("100644 a.yml\0".utf8) + id
        // A mode of 40 digits used to overflow the parser; a non-octal mode, a missing NUL and a
        // short id are malformed too. What comes before the damage is still compared.
        for junk in [Array(String(repeating: "7", count: 40).utf8) + Array(" b.yml\0".utf8) + id,
                     Array("1x0644 b.yml\0".utf8) + id, Array("100644 b.yml".utf8), Array("100644 b.yml\0".utf8) + id.prefix(5)] {
            XCTAssertEqual(TreeReader.changedEntries(between: good, and: good + junk), [])
            XCTAssertEqual(TreeReader.changedEntries(between: [], and: good + junk).map(\.path), ["a.yml"])
        }
    }
}
