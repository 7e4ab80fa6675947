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

    /// review54: a price and a fee are not one word. "Lead with the price per serving" and "show the delivery fee as
    /// its own line" were a duplicate by words (price, cost and fee were one synonym group); a price and a cost still are.
    func testAPriceAndAFeeAreNotOneWordButAPriceAndACostAre() throws {
        func hypothesis(_ id: String, _ squad: String, _ title: String, _ change: String) -> String {
            SecondViewTests.hypothesis(id, squad: squad, title: title, change: change, audience: "visitors comparing meal plans",
                                       outcome: "more visitors choose a plan", rationale: "visitors leave the plan page unsure what they pay")
        }
        let scratch = try SmallPlaybook.threeSquadRepository([
            hypothesis("HYP-0001", "activation-emea", "Lead with the price per serving", "show the price per serving first on the plan page"),
            hypothesis("HYP-0002", "activation-apac", "Delivery fee on its own line", "show the delivery fee on its own line on the plan page"),
            hypothesis("HYP-0003", "activation-latam", "Lead with the cost per serving", "show the cost per serving first on the plan page"),
        ])
        let result = try CLI.run(["overlaps", "--format", "json", "--engine", "lexical", "--today", "2026-07-21"], in: scratch.url)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], result.stdout)
        var found: [Set<String>: String] = [:]
        for overlap in json["overlaps"] as? [[String: Any]] ?? [] {
            if let entities = overlap["entities"] as? [String] { found[Set(entities)] = overlap["kind"] as? String }
        }
        XCTAssertEqual(found[["HYP-0001", "HYP-0003"]], "duplicate", result.stdout)
        XCTAssertNotEqual(found[["HYP-0001", "HYP-0002"]], "duplicate", result.stdout)
        XCTAssertNotEqual(found[["HYP-0002", "HYP-0003"]], "duplicate", result.stdout)
    }
}
