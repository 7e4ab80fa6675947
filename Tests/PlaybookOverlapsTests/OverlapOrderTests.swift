import XCTest
@testable import PlaybookOverlaps
import PlaybookYAML

/// `OverlapFinder` lists collisions, then duplicates, then related work, each by score from the
/// highest, then by ids, keeping the found order on full ties: sorted as numbers and moved by swaps,
/// it must give what sorting on the overlaps themselves gives.
final class OverlapOrderTests: XCTestCase {
    func testOrderIsTheSortOnKindScoreAndIds() {
        var state: UInt64 = 11
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        let kinds: [OverlapKind] = [.duplicate, .collision, .related]
        // Few scores and ids, so that most overlaps tie on something; -0 and 0 are one score.
        let scores = [0.0, -0.0, 0.5, 0.62, 0.620_000_000_000_000_1, 1, -0.25]
        for round in 0..<20 {
            let overlaps = (0..<(round * 37 + 2)).map { index in
                let (a, b) = ("EXP-\(next(6))", "EXP-\(next(6))")
                return Overlap(kind: kinds[next(kinds.count)],
                               sides: [OverlapSide(id: a, squad: nil, file: "\(index).yml", mark: Mark(line: 1, column: 1)),
                                       OverlapSide(id: b, squad: nil, file: "\(index).yml", mark: Mark(line: 2, column: 1))],
                               score: scores[next(scores.count)], reason: "overlap \(index)")
            }
            let expected = overlaps.indices.sorted { i, j in
                let (a, b) = (overlaps[i], overlaps[j])
                if OverlapFinder.rank(a.kind) != OverlapFinder.rank(b.kind) { return OverlapFinder.rank(a.kind) < OverlapFinder.rank(b.kind) }
                if a.score != b.score { return a.score > b.score }
                return a.ids.lexicographicallyPrecedes(b.ids)
            }.map { overlaps[$0].reason }
            XCTAssertEqual(OverlapFinder.acknowledged(overlaps, []).map(\.reason), expected, "round \(round)")
        }
    }
}
