import XCTest
import PlaybookOverlaps
import PlaybookEmbedding

/// The fourth fresh set (`Data/fresh4-pairs.tsv`: 40 ideas, 80 pairs), written blind on 2026-12-01
/// and measured with the installed model twice, once per rule set, the rules never changed after:
/// with the rules of `b565ef0` 24 of 40 rewordings found, 13 of 40 look-alikes flagged, 24 other
/// pairs (F1 0.623 over the labelled pairs, 0.475 counting the other pairs); with the rules merged
/// from `dupq3` 27 of 40, 3 of 40 and 8 other pairs (F1 0.771 and 0.692). Words only: 0 found, 21
/// flagged. The floors are those last figures.
final class Fresh4QualityTests: XCTestCase {
    func testFourthFreshSetQualityWithTheInstalledModel() throws {
        guard case .success(let model) = ModelLocation.loadEncoder() else {
            return XCTFail("all-MiniLM-L6-v2 is not installed: run scripts/setup or set PLAYBOOK_MODEL")
        }
        let f = try GrowthPairQualityTests.freshFigures("fresh4-pairs.tsv", encoder: model)
        XCTAssertEqual(f.duplicates, 40)
        XCTAssertGreaterThanOrEqual(f.found, 27, "rewordings found")
        XCTAssertLessThanOrEqual(f.flagged, 3, "look-alikes flagged")
        XCTAssertLessThanOrEqual(f.strays, 8, "other pairs of different ideas called duplicates")
        XCTAssertLessThanOrEqual(f.wordsFlagged, 21, "look-alikes flagged, words only")
    }
}
