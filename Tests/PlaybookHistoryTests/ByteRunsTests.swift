import XCTest
@testable import PlaybookHistory

/// The word-at-a-time comparisons that find a version's one edited line agree with byte loops,
/// wherever the first difference falls (inside a word, at its edges, in the tail).
final class ByteRunsTests: XCTestCase {
    func testCommonRunsAgreeWithByteLoops() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3000 {
            let base = (0..<Int.random(in: 0...40, using: &generator)).map { _ in UInt8.random(in: 9...12, using: &generator) }
            var other = base
            for _ in 0..<Int.random(in: 0...2, using: &generator) {
                switch Int.random(in: 0...2, using: &generator) {
                case 0 where !other.isEmpty: other[Int.random(in: 0..<other.count, using: &generator)] = 13
                case 1: other.insert(10, at: Int.random(in: 0...other.count, using: &generator))
                default: if !other.isEmpty { other.remove(at: Int.random(in: 0..<other.count, using: &generator)) }
                }
            }
            var prefix = 0
            while prefix < min(base.count, other.count) && base[prefix] == other[prefix] { prefix += 1 }
            XCTAssertEqual(ByteRuns.commonPrefix(base, other), prefix, "\(base) \(other)")
            let limit = min(base.count, other.count) - prefix
            var suffix = 0
            while suffix < limit && base[base.count - 1 - suffix] == other[other.count - 1 - suffix] { suffix += 1 }
            XCTAssertEqual(ByteRuns.commonSuffix(base, other, limit: limit), suffix, "\(base) \(other)")
            let start = Int.random(in: 0...base.count, using: &generator), otherStart = Int.random(in: 0...other.count, using: &generator)
            var run = 0
            while start + run < base.count && otherStart + run < other.count && base[start + run] == other[otherStart + run] { run += 1 }
            XCTAssertEqual(ByteRuns.commonPrefix(base, from: start, other, from: otherStart), run)
            let end = Int.random(in: 0...base.count, using: &generator)
            XCTAssertEqual(ByteRuns.lineBreaks(base, before: end), base[..<end].filter { $0 == 10 }.count)
        }
    }

    /// The values `edited` never replaces: `kind`, `id` and any `.id`, spelled however a path can be.
    func testIdentityPathsAreKnownByTheirSpelling() {
        let paths = ["kind", "id", "x.id", ".id", "variants[control].id", "kinds", "kin", "ids", "xid", "i.d", "a.idx",
                     "", "d", "kind\u{301}", "a.id\u{301}", "\u{600}.id", "é.id", "ki\u{301}nd"]
        for path in paths {
            XCTAssertEqual(ParsedFile.namesIdentity(path), path == "kind" || path == "id" || path.hasSuffix(".id"), path)
        }
        XCTAssertTrue(ParsedFile.namesIdentity("key_results[KR-1].id"))
        XCTAssertFalse(ParsedFile.namesIdentity("key_results[KR-1].current"))
    }
}
