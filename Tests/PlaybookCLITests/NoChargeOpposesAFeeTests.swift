import Foundation
import PlaybookGit
import XCTest

/// A change that says there is no charge goes the opposite way to one that adds a charge (`ChangeDirection.opposed`,
/// `dupq49`): "… carries no charge" against "add a 1% fee to … first deposit", however the charge is named. The three are
/// `X029` and `X030` of `Tests/PlaybookOverlapsTests/Data/dupq22-pairs.tsv`.
final class NoChargeOpposesAFeeTests: XCTestCase {
    static let idea = SecondViewTests.hypothesis("HYP-0001", squad: "activation-emea", title: "Fee-free first deposit",
                                                 change: "remove the fee on a new customer's first deposit by bank transfer",
                                                 audience: "new customers who verified their identity", outcome: "more new wallets funded",
                                                 rationale: "fees on the first deposit put off cautious beginners")
    static let lookAlike = SecondViewTests.hypothesis("HYP-0002", squad: "activation-apac", title: "Fee on the first deposit",
                                                      change: "add a 1% fee to a new customer's first deposit by bank transfer",
                                                      audience: "new customers who verified their identity", outcome: "more new wallets funded",
                                                      rationale: "transfers cost us money and the first one is the largest")
    static let rewording = SecondViewTests.hypothesis("HYP-0003", squad: "activation-latam", title: "Topping up for the first time costs nothing",
                                                      change: "the opening payment a newcomer sends in from their current account carries no charge",
                                                      audience: "freshly verified sign-ups", outcome: "more accounts receive money",
                                                      rationale: "beginners balk at paying to start")

    func testNoChargeGoesWithTheRemovedFeeNotTheAddedOne() throws {
        let found = try SecondViewTests.overlaps(try SmallPlaybook.threeSquadRepository([Self.idea, Self.lookAlike, Self.rewording]))
        XCTAssertEqual(found[["HYP-0001", "HYP-0003"]]?["kind"] as? String, "duplicate", "\(found)")
        XCTAssertNotEqual(found[["HYP-0002", "HYP-0003"]]?["kind"] as? String, "duplicate", "\(found)")
    }
}
