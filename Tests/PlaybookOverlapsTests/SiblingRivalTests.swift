import XCTest
import PlaybookEmbedding
@testable import PlaybookOverlaps
import PlaybookSimilarity

/// Another idea toward the same outcome, in the same words, does not crowd a rewording out of its idea's closest
/// texts (`DuplicateDetection.siblingCosine`): on the ninth fresh set, "Send an alert when a rare bird is seen
/// nearby" (more sightings logged) and its rewording "A rarity just turned up down the road" read 0.43 apart, and
/// "Identify birds from a recorded song", another idea for more sightings logged, read 0.49 from the idea: the
/// rewording came second in the idea's list, under the second place's bar, and was not reported.
final class SiblingRivalTests: XCTestCase {
    func testAnotherIdeaOfTheSameOutcomeDoesNotCrowdARewordingOut() throws {
        guard case .success(let model) = ModelLocation.loadEncoder() else {
            return XCTFail("all-MiniLM-L6-v2 is not installed: run scripts/setup or set PLAYBOOK_MODEL")
        }
        // A repository of four hypotheses: the idea and its rewording (O079), and the song-identifier idea under
        // its own metric and under the idea's metric and outcome (O078's two sides).
        let pairs = try GrowthPair.load("fresh9-pairs.tsv").filter { ["O079", "O078"].contains($0.id) }
        XCTAssertEqual(pairs.count, 2)
        guard let sibling = pairs.first(where: { $0.id == "O078" })?.b, let idea = pairs.first(where: { $0.id == "O079" })?.a else {
            return XCTFail("O078 or O079 not in fresh9-pairs.tsv")
        }
        XCTAssertEqual(sibling.outcome, idea.outcome)
        XCTAssertEqual(sibling.metric, idea.metric)
        let (kinds, _, _) = try GrowthPairQualityTests.verdicts(pairs, threshold: OverlapOptions.defaultThreshold, encoder: model)
        XCTAssertEqual(kinds["O079"], .duplicate, "the rare-bird alert and its rewording")
    }
}

/// Which outcomes make two ideas siblings: the same words and numbers, in any case; never a placeholder.
final class OutcomeKeyTests: XCTestCase {
    func testOutcomesAreReadAsTheirContentWords() {
        let reader = TermReader()
        func key(_ outcome: String) -> String? { DuplicateDetection.outcomeKey(outcome, reader: reader) }
        XCTAssertEqual(key("More lounge bookings"), key("more lounge bookings"))
        XCTAssertNotNil(key("more lounge bookings"))
        XCTAssertNotEqual(key("more lounge bookings"), key("more same-day lounge bookings"))
        XCTAssertNotEqual(key("lift metric 4 by 2%"), key("lift metric 15 by 6%"))
        for placeholder in ["TBD", "growth", "n/a", "", "the more"] {
            XCTAssertNil(key(placeholder), placeholder)
        }
    }
}
