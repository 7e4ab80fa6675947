import Foundation
import PlaybookGit
@testable import PlaybookHistory
import PlaybookTestSupport
import XCTest

final class CacheTests: XCTestCase {
    private func read(_ s: ScratchHistory, cache: String?, mode: WalkMode = .firstParent) throws -> History {
        try HistoryReader(roots: ["playbooks"], mode: mode, cacheFile: cache).read(s.repository)
    }

    private func build(_ s: ScratchHistory) throws {
        try s.commit(["playbooks/e.yml": experiment(status: "draft"), ".mailmap": "A <a@x> <b@y>\n"])
        try s.commit(["playbooks/e.yml": experiment(status: "ready", extra: "title2: \"tab\\there\\nline\"")])
        try s.commit(["playbooks/o.yml": objective(current: "11")])
        try s.commit(["playbooks/o.yml": "kind: [broken"])
    }

    func testSecondReadOnlyReadsNewCommitsAndMatchesAFullRead() throws {
        for mode in [WalkMode.firstParent, .allParents] {
            let s = try ScratchHistory(for: self)
            let cache = HistoryReader.defaultCacheFile(for: s.repository)
            try build(s)
            let first = try read(s, cache: cache, mode: mode)
            XCTAssertEqual(first.commitsRead, 4)
            XCTAssertTrue(FileManager.default.fileExists(atPath: cache))
            try s.commit(["playbooks/o.yml": objective(current: "13")])
            try s.commit(["playbooks/e.yml": experiment(status: "running")])
            let (second, uncached) = try readAsWithoutCache(s, cache: cache, mode: mode, commitsRead: 2)
            // The broken file was remembered across runs: the fix is compared with the last good version.
            let okr = Timelines(second)["OKR-2026Q3-GRO-1"]
            XCTAssertEqual(okr?.events.last?.fields, [FieldChange(path: "key_results[KR-1].current", old: "11", new: "13")])
            let third = try read(s, cache: cache, mode: mode)
            XCTAssertEqual(third.commitsRead, 0)
            XCTAssertEqual(third.records, uncached.records)
            // Read at its own tip, the cache steps over its commit list, yet counts every commit,
            // and leaves the list whole for the next commit's read.
            XCTAssertEqual(third.commitCount, uncached.commitCount)
            try s.commit(["playbooks/o.yml": objective(current: "14")])
            _ = try readAsWithoutCache(s, cache: cache, mode: mode, commitsRead: 1)
        }
    }

    /// At the cache's own tip the commit list and the files each id lives in are stepped over:
    /// their counts are still bounded by the file and each commit line must be 40 bytes long, but
    /// a garbled id inside the list is found only when a new commit needs the list, and then the
    /// cache is refused with a note and rebuilt as any malformed cache is.
    func testACacheReadAtItsTipStepsOverItsListsAndRefusesThemOnceTheyAreNeeded() throws {
        let s = try ScratchHistory(for: self)
        let cache = HistoryReader.defaultCacheFile(for: s.repository)
        try build(s)
        let full = try read(s, cache: nil)
        _ = try read(s, cache: cache)
        let commitLine = #/\ncommits\t4\n([0-9a-f]{40})\n/#
        // An id garbled inside the list (same length): not read at the tip.
        try craft(cache) { $0.replacing(commitLine, maxReplacements: 1) { "\ncommits\t4\n\($0.1.dropLast(2))zz\n" } }
        let atTip = try read(s, cache: cache)
        XCTAssertEqual(atTip.commitsRead, 0)
        XCTAssertNil(atTip.cacheNote)
        XCTAssertEqual(atTip.records, full.records)
        XCTAssertEqual(atTip.commitCount, 4)
        // A new commit needs the list: refused, read from git, rebuilt.
        try s.commit(["playbooks/e.yml": experiment(status: "running")])
        let after = try read(s, cache: cache)
        XCTAssertEqual(after.commitsRead, 5)
        XCTAssertEqual(after.cacheNote, "the history cache is malformed; the history was read from git and the cache rebuilt.")
        XCTAssertEqual(try read(s, cache: cache).commitsRead, 0)
        // A line of another length, a list longer than the file, or fewer lines of files than
        // declared: refused even at the tip.
        let edits: [(String, (String) -> String)] = [
            ("a short id line", { $0.replacing(#/\ncommits\t5\n([0-9a-f]{40})\n/#, maxReplacements: 1) { "\ncommits\t5\n\($0.1.dropLast())\n" } }),
            ("a huge commit count", { $0.replacingOccurrences(of: "\ncommits\t5\n", with: "\ncommits\t50000000\n") }),
            ("a located count past its lines", { $0.replacing(#/\nlocated\t([0-9]+)\n/#, maxReplacements: 1) { "\nlocated\t\(Int($0.1)! + 40)\n" } }),
        ]
        try assertEachCraftedEditIsRebuilt(edits, s, cache: cache, commits: 5, full: try read(s, cache: nil))
    }

    /// The mailmap is applied on every read, so the cache keeps each author as the commit has
    /// it: a cached read gives the same mapped names, and a changed mailmap needs no rebuild.
    func testTheCacheKeepsAuthorsAsRecordedWhileReadsGiveMappedNames() throws {
        let s = try ScratchHistory(for: self)
        let cache = HistoryReader.defaultCacheFile(for: s.repository)
        let laptop = Person(name: "ada-laptop", email: "ada@old.example")
        try s.commit([".mailmap": "Ada Lovelace <ada@example.com> <ada@old.example>\n"])
        try s.commit(["playbooks/e.yml": experiment(status: "draft")], author: laptop)
        try s.commit(["playbooks/e.yml": experiment(status: "ready")])
        let first = try read(s, cache: cache)
        XCTAssertEqual(first.records.map(\.author), [ScratchHistory.ada, ScratchHistory.ada])
        let text = try String(contentsOfFile: cache, encoding: .utf8)
        XCTAssertTrue(text.contains("\tada-laptop\tada@old.example\t"), "the recorded author is cached")
        let cached = try read(s, cache: cache)
        XCTAssertEqual(cached.commitsRead, 0)
        XCTAssertEqual(cached.records, first.records)
        // Another mailmap, in the working tree only: the cached records are mapped by it.
        try s.write(".mailmap", "Ada L. <ada@example.com> <ada@old.example>\n")
        let remapped = try read(s, cache: cache)
        XCTAssertEqual(remapped.commitsRead, 0)
        XCTAssertEqual(remapped.records.first?.author.name, "Ada L.")
        XCTAssertEqual(remapped.records.last?.author, ScratchHistory.ada)
    }

    func testRewrittenHistoryIsReadAgain() throws {
        let s = try ScratchHistory(for: self)
        let cache = HistoryReader.defaultCacheFile(for: s.repository)
        let first = try s.commit(["playbooks/e.yml": experiment(status: "draft")])
        try s.commit(["playbooks/e.yml": experiment(status: "ready")])
        _ = try read(s, cache: cache)
        try s.repository.detachHEAD(at: first)
        try s.commit(["playbooks/e.yml": experiment(status: "abandoned")])
        let again = try read(s, cache: cache)
        XCTAssertEqual(again.commitsRead, 2)
        XCTAssertEqual(Timelines(again)["EXP-0001"]?.current?["status"], "abandoned")
        XCTAssertEqual(again.records, try read(s, cache: nil).records)
    }

    func testACorruptOrForeignCacheIsIgnored() throws {
        let s = try ScratchHistory(for: self)
        let cache = HistoryReader.defaultCacheFile(for: s.repository)
        try build(s)
        _ = try read(s, cache: cache)
        let text = try String(contentsOfFile: cache, encoding: .utf8)
        try Data(text.dropLast(30).utf8).write(to: URL(fileURLWithPath: cache))
        XCTAssertEqual(try read(s, cache: cache).commitsRead, 4)
        // A cache built with other roots is not reused.
        XCTAssertEqual(try HistoryReader(roots: ["other"], cacheFile: cache).read(s.repository).commitsRead, 4)
    }

    func testACacheWrittenInTheBackgroundIsThereOnceFinished() throws {
        let s = try ScratchHistory(for: self)
        let cache = HistoryReader.defaultCacheFile(for: s.repository)
        try build(s)
        var reader = HistoryReader(roots: ["playbooks"], cacheFile: cache)
        reader.backgroundWork = true
        let first = try reader.read(s.repository)
        first.finishBackgroundWork()
        first.finishBackgroundWork()  // harmless twice
        let again = try read(s, cache: cache)
        XCTAssertEqual(again.commitsRead, 0)
        XCTAssertEqual(again.records, first.records)
    }

    /// A cache of several megabytes is written in pieces; the file equals the one-piece encoding
    /// (checksum included) and reads back as the same records.
    func testALargeCacheIsStreamedToTheSameBytes() throws {
        let author = Person(name: "Ana\tTab", email: "ana@example.com")
        var records: [CommitRecord] = []
        var commits: [ObjectID] = []
        for index in 0..<6_000 {
            var raw = [UInt8](repeating: 0, count: 20)
            raw[0] = UInt8(index & 0xff); raw[1] = UInt8(index >> 8); raw[19] = 7
            let id = try XCTUnwrap(ObjectID(bytes: raw))
            commits.append(id)
            let fields = (0..<40).map { FieldChange(path: "key_results[KR-\($0)].current", old: nil, new: .string("value \(index) \($0)\nline")) }
            records.append(CommitRecord(
                id: id, time: Int64(1_700_000_000 + index), author: author, summary: "commit \(index)",
                changes: [EntityChange(entity: "OBJ-\(index % 97)", kind: "Objective", type: .added, path: "playbooks/o\(index).yml",
                                       previousPath: nil, fields: fields)],
                notes: []))
        }
        let history = CachedHistory(key: CacheKey(mode: .firstParent, roots: ["playbooks"]), tip: commits[commits.count - 1],
                                    commits: commits, records: records, brokenPaths: [:])
        let expected = HistoryCache.encode(history)
        XCTAssertGreaterThan(expected.count, 3 << 20, "the cache must span several chunks")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("stream-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("history-cache").path
        try HistoryCache.save(history, to: file)
        XCTAssertEqual(Array(try XCTUnwrap(FileManager.default.contents(atPath: file))), expected)
        guard case .loaded(let loaded) = HistoryCache.load(from: file, key: history.key) else { return XCTFail("not loaded") }
        XCTAssertEqual(loaded.records, records)
    }

    /// A cache over a megabyte is decoded in two halves on two threads: damage in either half,
    /// or a record count that the halves together do not hold, is refused as one pass refuses it.
    func testALargeCacheDamagedInEitherHalfIsRefused() throws {
        var records: [CommitRecord] = []
        var commits: [ObjectID] = []
        for index in 0..<4_000 {
            var raw = [UInt8](repeating: 0, count: 20)
            raw[0] = UInt8(index & 0xff); raw[1] = UInt8(index >> 8); raw[19] = 9
            let id = try XCTUnwrap(ObjectID(bytes: raw))
            commits.append(id)
            let fields = (0..<20).map { FieldChange(path: "key_results[KR-\($0)].current", old: nil, new: .string("value \(index) \($0)")) }
            records.append(CommitRecord(
                id: id, time: Int64(1_700_000_000 + index), author: Person(name: "Ana", email: "ana@example.com"),
                summary: "commit \(index)",
                changes: [EntityChange(entity: "OBJ-\(index % 31)", kind: "Objective", type: .added, path: "playbooks/o.yml",
                                       previousPath: nil, fields: fields)],
                notes: []))
        }
        let key = CacheKey(mode: .firstParent, roots: ["playbooks"])
        let history = CachedHistory(key: key, tip: commits[commits.count - 1], commits: commits, records: records, brokenPaths: [:])
        let encoded = HistoryCache.encode(history)
        XCTAssertGreaterThan(encoded.count, 2 << 20, "the cache must be large enough to be split")
        let body = String(decoding: encoded, as: UTF8.self)
        let seal = try XCTUnwrap(body.range(of: "end\t", options: .backwards))
        let text = String(body[..<seal.lowerBound])
        func decodes(_ edited: String) -> Bool {
            HistoryCache.sealed(Array(edited.utf8)).withUnsafeBufferPointer {
                if case .loaded = HistoryCache.decode($0, key: key) { return true }
                return false
            }
        }
        XCTAssertTrue(decodes(text))
        guard case .loaded(let loaded) = encoded.withUnsafeBufferPointer({ HistoryCache.decode($0, key: key) }) else {
            return XCTFail("not loaded")
        }
        XCTAssertEqual(loaded.records, records)
        // A field tag broken early (first half) or late (second half), resealed.
        for marker in ["value 10 3", "value 3990 3"] {
            let range = try XCTUnwrap(text.range(of: "F\tkey_results[KR-3].current\t-\t+\(marker)\n"))
            XCTAssertFalse(decodes(text.replacingCharacters(in: range, with: "X\tkey_results[KR-3].current\t-\t+\(marker)\n")))
        }
        // One record more, or fewer, declared than the file holds.
        for count in [records.count + 1, records.count - 1] {
            XCTAssertFalse(decodes(text.replacingOccurrences(of: "records\t\(records.count)\n", with: "records\t\(count)\n")))
        }
        // An unsealed edit in the second half: the checksum refuses it.
        var torn = encoded
        torn[torn.count * 3 / 4] ^= 1
        torn.withUnsafeBufferPointer {
            guard case .rejected(let reason) = HistoryCache.decode($0, key: key) else { return XCTFail("accepted") }
            XCTAssertTrue(reason.contains("checksum"), reason)
        }
    }

    func testEscapingRoundTrips() {
        for text in ["plain", "tab\there", "new\nline", "back\\slash\\t", "\r\n\t\\"] {
            XCTAssertEqual(HistoryCache.unescape(HistoryCache.escape(text)), text)
        }
    }

    /// Each edit, crafted into a good cache in turn: the next read refuses the cache with a note, reads
    /// `commits` commits from git and gives what a read without a cache (`full`) gives.
    private func assertEachCraftedEditIsRebuilt(_ edits: [(String, (String) -> String)], _ s: ScratchHistory, cache: String,
                                                commits: Int, full: History, line: UInt = #line) throws {
        for (what, edit) in edits {
            _ = try read(s, cache: cache)
            try craft(cache, edit)
            let again = try read(s, cache: cache)
            XCTAssertEqual(again.commitsRead, commits, what, line: line)
            XCTAssertEqual(again.records, full.records, what, line: line)
            XCTAssertEqual(again.cacheNote, "the history cache is malformed; the history was read from git and the cache rebuilt.",
                           what, line: line)
        }
    }

    /// A read through the cache that reads `commitsRead` commits from git and gives the records and
    /// commit count of a read without it; both reads returned.
    private func readAsWithoutCache(_ s: ScratchHistory, cache: String, mode: WalkMode, commitsRead: Int,
                                    line: UInt = #line) throws -> (cached: History, uncached: History) {
        let cached = try read(s, cache: cache, mode: mode)
        XCTAssertEqual(cached.commitsRead, commitsRead, line: line)
        let uncached = try read(s, cache: nil, mode: mode)
        XCTAssertEqual(cached.records, uncached.records, line: line)
        XCTAssertEqual(cached.commitCount, uncached.commitCount, line: line)
        return (cached, uncached)
    }

    /// Rewrites a cache with `edit` applied to its body, then seals it with a correct checksum,
    /// as a crafted (not merely torn) file would be.
    private func craft(_ cache: String, _ edit: (String) -> String) throws {
        let text = try String(contentsOfFile: cache, encoding: .utf8)
        let seal = try XCTUnwrap(text.range(of: "end\t", options: .backwards))
        let body = String(text[..<seal.lowerBound])
        let edited = Array(edit(body).utf8)
        try Data(HistoryCache.sealed(edited)).write(to: URL(fileURLWithPath: cache))
    }

    func testAHugeCountInACacheIsIgnoredWithANoteAndRebuilt() throws {
        let s = try ScratchHistory(for: self)
        let cache = HistoryReader.defaultCacheFile(for: s.repository)
        try build(s)
        let full = try read(s, cache: nil)
        _ = try read(s, cache: cache)
        for (pattern, replacement) in [("commits\t4", "commits\t9999999999999999"), ("records\t", "records\t99999999999"),
                                       ("\tadded\t", "\tadded\t999999999999999")] {
            try craft(cache) { $0.replacingOccurrences(of: pattern, with: replacement) }
            let again = try read(s, cache: cache)
            XCTAssertEqual(again.commitsRead, 4, pattern)
            XCTAssertEqual(again.records, full.records)
            XCTAssertEqual(again.cacheNote, "the history cache is malformed; the history was read from git and the cache rebuilt.")
            XCTAssertTrue(again.caveats.contains(try XCTUnwrap(again.cacheNote)))
            // Rebuilt: the next run reads nothing and says nothing.
            let third = try read(s, cache: cache)
            XCTAssertEqual(third.commitsRead, 0)
            XCTAssertNil(third.cacheNote)
        }
    }

    func testAnEditedOrOldCacheIsRefusedBeforeItIsBelieved() throws {
        let s = try ScratchHistory(for: self)
        let cache = HistoryReader.defaultCacheFile(for: s.repository)
        try build(s)
        _ = try read(s, cache: cache)
        // A value changed without resealing: the checksum catches it.
        let text = try String(contentsOfFile: cache, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "+11", with: "+99").utf8).write(to: URL(fileURLWithPath: cache))
        let edited = try read(s, cache: cache)
        XCTAssertEqual(edited.commitsRead, 4)
        XCTAssertEqual(Timelines(edited)["OKR-2026Q3-GRO-1"]?.events.first?.state["key_results[KR-1].current"], "11")
        XCTAssertEqual(edited.cacheNote?.hasPrefix("the history cache is damaged"), true)
        // A cache of an earlier version (values computed another way) is not reused.
        try craft(cache) { $0.replacingOccurrences(of: HistoryCache.header, with: "playbook-history-cache 2") }
        XCTAssertEqual(try read(s, cache: cache).commitsRead, 4)
        XCTAssertEqual(try read(s, cache: cache).commitsRead, 0)
        // Nor one of version 4, sealed by the one-lane checksum: the same lines, refused by its first.
        try craft(cache) { $0.replacingOccurrences(of: HistoryCache.header, with: "playbook-history-cache 4") }
        let older = try read(s, cache: cache)
        XCTAssertEqual(older.commitsRead, 4)
        XCTAssertEqual(older.cacheNote?.hasPrefix("the history cache was written by another version of playbook"), true)
        XCTAssertEqual(try read(s, cache: cache).commitsRead, 0)
    }

    /// The checksum fed in whole 32-byte blocks and a last piece of any length (as the cache is
    /// streamed) equals the checksum of the whole, and a change to any one byte (in any of the
    /// four lanes, or in the words and bytes after the last block) changes it.
    func testTheChecksumIsTheSameInPiecesAndSeesEveryByte() {
        var generator = SeededGenerator(state: 12)
        let bytes = (0..<203).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        let whole = bytes.withUnsafeBufferPointer { HistoryCache.checksum($0) }
        for cut in stride(from: 0, through: 192, by: 32) {
            var pieces = HistoryCache.Checksum()
            bytes.withUnsafeBytes { raw in
                pieces.add(UnsafeRawBufferPointer(rebasing: raw[..<cut]), last: false)
                pieces.add(UnsafeRawBufferPointer(rebasing: raw[cut...]), last: true)
            }
            XCTAssertEqual(pieces.value, whole, "cut at \(cut)")
        }
        for position in bytes.indices {
            var changed = bytes
            changed[position] ^= 0x20
            XCTAssertNotEqual(changed.withUnsafeBufferPointer { HistoryCache.checksum($0) }, whole, "byte \(position)")
        }
        // Lanes are told apart: the same words in another lane's place give another checksum.
        var swapped = bytes
        swapped.replaceSubrange(0..<16, with: bytes[8..<16] + bytes[0..<8])
        XCTAssertNotEqual(swapped.withUnsafeBufferPointer { HistoryCache.checksum($0) }, whole)
    }

    /// Tags, counts, times, flags and ids are read from the bytes as their text would read: a
    /// count written `+1` is one, as `Int("+1")` is; a time with a letter, a flag of 2, a tag or a
    /// change type spelled otherwise, or an id one digit short make the cache malformed (rebuilt, with a note).
    func testNumbersTagsAndIdsInACacheReadAsTheirText() throws {
        let s = try ScratchHistory(for: self)
        let cache = HistoryReader.defaultCacheFile(for: s.repository)
        try build(s)
        let full = try read(s, cache: nil)
        _ = try read(s, cache: cache)
        try craft(cache) { $0.replacingOccurrences(of: "\tadded\t", with: "\tadded\t+") }
        let signed = try read(s, cache: cache)
        XCTAssertEqual(signed.commitsRead, 0)
        XCTAssertNil(signed.cacheNote)
        XCTAssertEqual(signed.records, full.records)
        let recordLine = #/\nR\t([0-9a-f]{40})\t([0-9]+)\t([0-9]+)\t([0-9]+)\t([01])\t/#
        let edits: [(String, (String) -> String)] = [
            ("a time with a letter", { $0.replacing(recordLine, maxReplacements: 1) { "\nR\t\($0.1)\t\($0.2)x\t\($0.3)\t\($0.4)\t\($0.5)\t" } }),
            ("a flag of 2", { $0.replacing(recordLine, maxReplacements: 1) { "\nR\t\($0.1)\t\($0.2)\t\($0.3)\t\($0.4)\t2\t" } }),
            ("an id a digit short", { $0.replacing(recordLine, maxReplacements: 1) { "\nR\t\($0.1.dropLast())\t\($0.2)\t\($0.3)\t\($0.4)\t\($0.5)\t" } }),
            ("an id with a letter past f", { $0.replacing(recordLine, maxReplacements: 1) { "\nR\t\($0.1.dropLast())g\t\($0.2)\t\($0.3)\t\($0.4)\t\($0.5)\t" } }),
            ("a record tag spelled RR", { $0.replacingOccurrences(of: "\nR\t", with: "\nRR\t") }),
            ("a change type spelled addd", { $0.replacingOccurrences(of: "\tadded\t", with: "\taddd\t") }),
            ("a negative count", { $0.replacingOccurrences(of: "\tadded\t", with: "\tadded\t-") }),
        ]
        try assertEachCraftedEditIsRebuilt(edits, s, cache: cache, commits: 4, full: full)
    }

    func testACacheDirectoryThatIsALinkOrAFileIsNeitherReadNorWritten() throws {
        let s = try ScratchHistory(for: self)
        let cache = HistoryReader.defaultCacheFile(for: s.repository)
        let directory = (cache as NSString).deletingLastPathComponent
        try build(s)
        // A link to a folder outside .git holding a valid cache.
        let outside = s.root + "-outside"
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: outside) }
        _ = try read(s, cache: outside + "/history-cache")
        let before = try Data(contentsOf: URL(fileURLWithPath: outside + "/history-cache"))
        try FileManager.default.createSymbolicLink(atPath: directory, withDestinationPath: outside)
        try s.commit(["playbooks/e.yml": experiment(status: "running")])
        let linked = try read(s, cache: cache)
        XCTAssertEqual(linked.commitsRead, 5)  // the cache behind the link was not read
        XCTAssertEqual(linked.cacheNote?.contains("is a symbolic link"), true)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: outside + "/history-cache")), before)  // nor written
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: outside), ["history-cache"])
        // A plain file where the folder should be is left as it is.
        try FileManager.default.removeItem(atPath: directory)
        try Data("not a folder".utf8).write(to: URL(fileURLWithPath: directory))
        let filed = try read(s, cache: cache)
        XCTAssertEqual(filed.commitsRead, 5)
        XCTAssertEqual(filed.cacheNote?.contains("is not a directory"), true)
        XCTAssertEqual(try String(contentsOfFile: directory, encoding: .utf8), "not a folder")
    }
}
