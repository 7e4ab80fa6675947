import XCTest
@testable import PlaybookOverlaps

/// A candidate pair is held for every pair found by words (hundreds of thousands on a large playbook): its
/// fields packed, each read back as it was set.
final class CandidateLayoutTests: XCTestCase {
    func testACandidateTakesFortyBytes() {
        XCTAssertLessThanOrEqual(MemoryLayout<DuplicateDetection.Candidate>.stride, 40)
    }

    func testFieldsReadBackAsSet() {
        var candidate = DuplicateDetection.Candidate(words: 0.3)
        XCTAssertNil(candidate.meaning)
        XCTAssertEqual(candidate.rank, 1)
        XCTAssertNil(candidate.aligned)
        XCTAssertNil(candidate.agreed)
        XCTAssertEqual(candidate.score, 0.3)

        candidate.meaning = 0
        XCTAssertEqual(candidate.meaning, 0, "a cosine of 0 is a cosine, not none")
        candidate.meaning = 0.72
        candidate.rank = 2
        XCTAssertEqual(candidate.meaning, 0.72)
        XCTAssertEqual(candidate.rank, 2)
        candidate.meaning = nil
        XCTAssertNil(candidate.meaning)
        XCTAssertEqual(candidate.rank, 2)

        candidate.aligned = (alignment: 0.47, score: 0.4)
        XCTAssertEqual(candidate.aligned?.alignment, 0.47)
        XCTAssertEqual(candidate.aligned?.score, 0.4)
        XCTAssertNil(candidate.agreed)
        XCTAssertEqual(candidate.meaningScore, 0.4)

        // One view of the grey band at most: the second view's finding replaces the alignment's.
        candidate.agreed = (view: 0.55, score: 0.35)
        XCTAssertNil(candidate.aligned)
        XCTAssertEqual(candidate.agreed?.view, 0.55)
        XCTAssertEqual(candidate.agreed?.score, 0.35)
        candidate.aligned = nil
        XCTAssertEqual(candidate.agreed?.view, 0.55, "clearing the view not set leaves the other")
        candidate.agreed = nil
        XCTAssertNil(candidate.agreed)
        XCTAssertEqual(candidate.meaningScore, 0)
    }
}
