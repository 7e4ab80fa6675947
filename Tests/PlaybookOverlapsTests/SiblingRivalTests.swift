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

/// Nor does it keep a weak match from standing clear (`DuplicateDetection.standClear`): in `dupq25`'s tea subscription,
/// "Brewing guide card in every box" and its rewording "Stop people stewing their leaves" read 0.41 apart with audiences
/// that do not read alike ("tea subscribers", "people on our monthly leaf plan"), so the pair counts only when no other
/// text that either side could restate reads within the clear margin of it; the rewording's squad's other idea for the
/// same outcome ("Bored of Earl Grey? Pick something else", both "fewer members leave") read 0.31 to it, and the pair
/// was not reported.
final class SiblingClearMarginTests: XCTestCase {
    func testAnotherIdeaOfTheSameOutcomeDoesNotKeepAWeakMatchFromStandingClear() throws {
        guard case .success(let model) = ModelLocation.loadEncoder() else {
            return XCTFail("all-MiniLM-L6-v2 is not installed: run scripts/setup or set PLAYBOOK_MODEL")
        }
        // A repository of four hypotheses, each of its own squad: two ideas of one product for one outcome, and a
        // rewording of each by another squad, the two rewordings written alike (one outcome, one audience).
        let pairs = try GrowthPair.load("dupq25-pairs.tsv").filter { ["Z021", "Z023"].contains($0.id) }
        XCTAssertEqual(pairs.count, 2)
        XCTAssertEqual(Set(pairs.map(\.a.outcome)).count, 1, "the two ideas are siblings")
        XCTAssertEqual(Set(pairs.map(\.b.outcome)).count, 1, "the two rewordings are siblings")
        let (kinds, strays, found) = try GrowthPairQualityTests.verdicts(pairs, threshold: OverlapOptions.defaultThreshold, encoder: model)
        XCTAssertEqual(kinds["Z023"], .duplicate, "the brewing card and \"Stop people stewing their leaves\"")
        XCTAssertEqual(strays.count, 0, "no idea is the duplicate of the other idea or of its rewording")
        XCTAssertFalse(found.contains { $0.kind == .duplicate && $0.ids == ["HYP-0001", "HYP-0003"] }, "the two ideas")
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
