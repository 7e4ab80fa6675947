import XCTest
import PlaybookOverlaps
import PlaybookEmbedding

/// Between an idea and its look-alike for another audience, a rewording whose change reads about as close
/// to both goes with the one that adds fewer words of its own, whatever its reworded audience reads
/// closer to (`DuplicateDetection.nearTie(changes:withAudiences:audiencesApart:)`): on the fourth and ninth
/// fresh sets, two rewordings that lost to such a look-alike ("… for new drivers", "… for children aged 4 to 7")
/// on their audiences' cosines.
final class AudienceLookAlikeTests: XCTestCase {
    func testRewordingGoesWithTheIdeaNotItsLookAlikeForAnotherAudience() throws {
        guard case .success(let model) = ModelLocation.loadEncoder() else {
            return XCTFail("all-MiniLM-L6-v2 is not installed: run scripts/setup or set PLAYBOOK_MODEL")
        }
        for (file, rewording, lookAlike) in [("fresh4-pairs.tsv", "J065", "J066"), ("fresh9-pairs.tsv", "O067", "O068")] {
            let pairs = try GrowthPair.load(file)
            let (kinds, strays, _) = try GrowthPairQualityTests.verdicts(pairs, threshold: OverlapOptions.defaultThreshold, encoder: model)
            XCTAssertEqual(kinds[rewording], .duplicate, "\(file): the rewording \(rewording) and its idea")
            XCTAssertNotEqual(kinds[lookAlike], .duplicate, "\(file): the idea and its look-alike \(lookAlike)")
            // The rewording's side (HYP numbered as `verdicts` numbers them) is in no other duplicate.
            guard let index = pairs.firstIndex(where: { $0.id == rewording }) else { return XCTFail("\(rewording) not in \(file)") }
            let side = String(format: "HYP-%04d", 2 * index + 2)
            XCTAssertFalse(strays.contains { $0.ids.contains(side) }, "\(file): \(strays.filter { $0.ids.contains(side) }.map(\.reason))")
        }
    }
}
