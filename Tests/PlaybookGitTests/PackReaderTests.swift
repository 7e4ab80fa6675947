import CLibGit2
import Foundation
@testable import PlaybookGit
import XCTest

/// PackReader reads packed trees and blobs itself (delta chains, zlib); libgit2's object
/// database is the reference. A pack is built by libgit2's pack builder from a history whose
/// files change a little each commit, so most objects are deltas of deltas.
final class PackReaderTests: XCTestCase {
    /// A scratch history packed into `objects/pack`, with every object id it holds.
    private func packedHistory(commits: Int) throws -> (ScratchRepository, [ObjectID]) {
        let scratch = try ScratchRepository(for: self)
        var tips: [ObjectID] = []
        for step in 0..<commits {
            let lines = (0..<40).map { "line \($0): value \($0 == step % 40 ? step : $0)" }.joined(separator: "\n")
            tips.append(try scratch.commit([
                "playbooks/okrs/q\(step % 3)/growth.yml": "kind: okr\nid: OKR-\(step % 3)\n" + lines + "\n",
                "playbooks/metrics.yml": "kind: metric\nid: M-1\ncurrent: \(step)\n",
                // Larger than a scattered reader's 4 KB stretch once inflated: read through a stretch grown for it.
                "playbooks/long.yml": (0..<400).map { "entry \($0): \($0 == step ? "changed" : "kept")" }.joined(separator: "\n"),
                "src/empty.txt": "",
            ], message: "step \(step)"))
        }
        scratch.writePack(of: tips)
        var database: OpaquePointer?
        XCTAssertEqual(git_repository_odb(&database, scratch.repository.pointer), 0)
        defer { git_odb_free(database) }
        final class Collected { var ids: [ObjectID] = [] }
        let collected = Collected()
        _ = git_odb_foreach(database, { oid, payload in
            guard let oid, let payload else { return 0 }
            Unmanaged<Collected>.fromOpaque(payload).takeUnretainedValue().ids.append(ObjectID(oid))
            return 0
        }, Unmanaged.passUnretained(collected).toOpaque())
        return (scratch, Array(Set(collected.ids)))
    }

    private func libgit2Object(_ repository: Repository, _ id: ObjectID) throws -> (type: Int, bytes: [UInt8]) {
        var database: OpaquePointer?
        XCTAssertEqual(git_repository_odb(&database, repository.pointer), 0)
        defer { git_odb_free(database) }
        var oid = id.oid
        var object: OpaquePointer?
        XCTAssertEqual(git_odb_read(&object, database, &oid), 0)
        defer { git_odb_object_free(object) }
        let size = git_odb_object_size(object)
        let bytes = size == 0 ? [] : Array(UnsafeRawBufferPointer(start: git_odb_object_data(object), count: size))
        return (Int(git_odb_object_type(object).rawValue), bytes)
    }

    func testEveryPackedObjectReadsAsLibgit2ReadsIt() throws {
        let (scratch, ids) = try packedHistory(commits: 60)
        XCTAssertGreaterThan(ids.count, 200)
        // Versions stored as deltas (libgit2's pack builder makes a few dozen here), so chains are tested.
        let pack = try XCTUnwrap(PackFile.all(in: scratch.repository.gitDirectory + "/objects/pack").first)
        let window = PackWindow(pack: pack)
        var deltas = 0
        for id in ids {
            var raw = id.oid
            let offset = try XCTUnwrap(withUnsafeBytes(of: &raw.id) { pack.offset(of: $0) }, "\(id) is in the pack")
            let header = try XCTUnwrap(window.bytes(at: offset, count: 32))
            if let entry = pack.entry(at: offset, from: header), entry.type >= 6 { deltas += 1 }
        }
        XCTAssertGreaterThanOrEqual(deltas, 10)
        // Oldest-first and newest-first orders exercise the kept objects and the full chains; a
        // reader for scattered reads (small stretches of the pack) reads the same bytes.
        for stretch in [PackWindow.walking, PackWindow.scattered] {
            let reader = try XCTUnwrap(PackReader(gitDirectory: scratch.repository.gitDirectory, stretch: stretch), "the pack was written")
            for order in [ids, ids.reversed(), ids.sorted { $0.description < $1.description }] {
                for id in order {
                    let read = try XCTUnwrap(reader.read(id), "\(id) is in the pack")
                    let expected = try libgit2Object(scratch.repository, id)
                    XCTAssertEqual(read.kind.rawValue, expected.type, "\(id) through \(stretch)-byte stretches")
                    XCTAssertEqual(Array(read.bytes.buffer), expected.bytes, "\(id) through \(stretch)-byte stretches")
                }
            }
        }
    }

    func testTreeReaderOverAPackListsTheSameChangesAsOverLooseObjects() throws {
        let (scratch, _) = try packedHistory(commits: 12)
        var commits: [CommitInfo] = []
        var current = try scratch.repository.headCommit()
        while let id = current {
            let info = try scratch.repository.commitInfo(id)
            commits.append(info)
            current = info.parents.first
        }
        let packed = try TreeReader(repository: scratch.repository)
        for (child, parent) in zip(commits, commits.dropFirst()) {
            let viaPack = try packed.changedFiles(from: parent.tree, to: child.tree, under: ["playbooks"]) { _ in true }
            let viaLibgit2 = try scratch.repository.changedFiles(from: parent.tree, to: child.tree, under: ["playbooks"]) { _ in true }
            XCTAssertEqual(viaPack, viaLibgit2)
            XCTAssertFalse(viaPack.isEmpty)
            for change in viaPack {
                if let blob = change.newBlob {
                    XCTAssertEqual(try packed.blobData(blob), try scratch.repository.blobData(blob))
                }
            }
        }
    }

    func testALinkedWorktreeReadsTheMainRepositorysPacks() throws {
        let (scratch, _) = try packedHistory(commits: 6)
        let folder = try ScratchRepository.temporaryDirectory(for: self) + "/linked"
        var worktree: OpaquePointer?
        XCTAssertEqual(git_worktree_add(&worktree, scratch.repository.pointer, "linked", folder, nil), 0)
        git_worktree_free(worktree)
        let linked = try Repository.open(at: folder)
        let reader = try TreeReader(repository: linked)
        XCTAssertNotNil(reader.packs, "the packs of \(scratch.root) are found from the worktree")
        let head = try XCTUnwrap(try linked.headCommit())
        let info = try linked.commitInfo(head)
        let parent = try linked.commitInfo(try XCTUnwrap(info.parents.first))
        XCTAssertEqual(try reader.changedFiles(from: parent.tree, to: info.tree, under: ["playbooks"]) { _ in true },
                       try linked.changedFiles(from: parent.tree, to: info.tree, under: ["playbooks"]) { _ in true })
    }

    /// Damage is found by libgit2 (which the reader falls back to) or by zlib's checksum; the
    /// reader's part is to stay inside its buffers whatever the bytes say.
    func testADamagedPackNeverCrashesTheReader() throws {
        let (scratch, ids) = try packedHistory(commits: 20)
        let folder = scratch.repository.gitDirectory + "/objects/pack"
        let pack = try XCTUnwrap(try FileManager.default.contentsOfDirectory(atPath: folder).first { $0.hasSuffix(".pack") })
        let original = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + pack))
        // Each damaged copy goes into a repository of its own: packs are opened once per path.
        for (round, position) in stride(from: 12, to: original.count - 20, by: max(1, original.count / 7)).enumerated() {
            let copy = try ScratchRepository(for: self)
            let copyFolder = copy.repository.gitDirectory + "/objects/pack"
            var damaged = original
            damaged[position] ^= 0x5a
            try damaged.write(to: URL(fileURLWithPath: copyFolder + "/" + pack))
            try FileManager.default.copyItem(atPath: folder + "/" + pack.dropLast(5) + ".idx",
                                             toPath: copyFolder + "/" + pack.dropLast(5) + ".idx")
            let reader = try XCTUnwrap(PackReader(gitDirectory: copy.repository.gitDirectory))
            var unreadable = 0
            for id in ids where reader.read(id) == nil { unreadable += 1 }
            XCTAssertLessThan(unreadable, ids.count, "round \(round): one flipped byte at \(position) spoils one stretch, not the pack")
        }
    }
}

extension ScratchRepository {
    /// Writes one pack holding these commits and everything they reach (through libgit2's pack
    /// builder), as `git gc` would.
    func writePack(of tips: [ObjectID], line: UInt = #line) {
        var builder: OpaquePointer?
        XCTAssertEqual(git_packbuilder_new(&builder, repository.pointer), 0, line: line)
        defer { git_packbuilder_free(builder) }
        for tip in tips {
            var oid = tip.oid
            XCTAssertEqual(git_packbuilder_insert_commit(builder, &oid), 0, line: line)
        }
        XCTAssertEqual(git_packbuilder_write(builder, nil, 0, nil, nil), 0, line: line)
    }
}
