import Foundation
import PlaybookGit
@testable import PlaybookHistory
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
            let second = try read(s, cache: cache, mode: mode)
            XCTAssertEqual(second.commitsRead, 2)
            let uncached = try read(s, cache: nil, mode: mode)
            XCTAssertEqual(second.records, uncached.records)
            XCTAssertEqual(second.commitCount, uncached.commitCount)
            // The broken file was remembered across runs: the fix is compared with the last good version.
            let okr = Timelines(second)["OKR-2026Q3-GRO-1"]
            XCTAssertEqual(okr?.events.last?.fields, [FieldChange(path: "key_results[KR-1].current", old: "11", new: "13")])
            let third = try read(s, cache: cache, mode: mode)
            XCTAssertEqual(third.commitsRead, 0)
            XCTAssertEqual(third.records, uncached.records)
        }
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

    func testEscapingRoundTrips() {
        for text in ["plain", "tab\there", "new\nline", "back\\slash\\t", "\r\n\t\\"] {
            XCTAssertEqual(HistoryCache.unescape(HistoryCache.escape(text)), text)
        }
    }
}
