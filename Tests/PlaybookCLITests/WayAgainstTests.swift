import Foundation
import PlaybookGit
import XCTest

/// Of two look-alikes told apart by the way they go, a text that goes against one of them restates the
/// other (`DuplicateDetection.wayAgainst`, `dupq46`). The idea, its rewording and its opposite look-alike
/// are `R003` and `R004` of `Tests/PlaybookOverlapsTests/Data/dupq46-pairs.tsv`: the rewording says
/// "doubling" about its own words, so read as a look-alike of the idea it added a direction the idea
/// lacks, and it went with "a smaller deposit match", whose direction is about other words.
final class WayAgainstTests: XCTestCase {
    static let idea = SecondViewTests.hypothesis("HYP-0001", squad: "activation-emea", title: "Deposit match on the first top-up",
                                                 change: "match the first deposit 100% up to £50 in bonus chips",
                                                 audience: "players who registered in the last seven days",
                                                 outcome: "more new players make a first deposit",
                                                 rationale: "a bonus makes the first deposit feel less risky")
    static let rewording = SecondViewTests.hypothesis("HYP-0002", squad: "activation-latam", title: "Doubling whatever a newcomer puts in",
                                                      change: "when someone loads money into their account for the very first time, we add the same amount again as extra chips, capped at fifty pounds",
                                                      audience: "people who only just created an account",
                                                      outcome: "a bigger share of newcomers fund their wallet",
                                                      rationale: "getting twice the play for the same money takes the fear out of that initial payment")
    static let smaller = SecondViewTests.hypothesis("HYP-0003", squad: "activation-apac", title: "Smaller deposit match on the first top-up",
                                                    change: "match the first deposit 20% up to £10 in bonus chips, down from 100% up to £50",
                                                    audience: "players who registered in the last seven days",
                                                    outcome: "more new players make a first deposit",
                                                    rationale: "the full match costs more than the deposits it brings in")

    func testARewordingThatRaisesRestatesTheIdeaNotItsLoweredLookAlike() throws {
        let scratch = try SmallPlaybook.threeSquadRepository([Self.idea, Self.rewording, Self.smaller])
        let found = try SecondViewTests.overlaps(scratch)
        XCTAssertEqual(found[["HYP-0001", "HYP-0002"]]?["kind"] as? String, "duplicate", "\(found)")
        XCTAssertNotEqual(found[["HYP-0002", "HYP-0003"]]?["kind"] as? String, "duplicate", "\(found)")
        let lookAlike = try XCTUnwrap(found[["HYP-0001", "HYP-0003"]], "\(found)")
        XCTAssertEqual(lookAlike["kind"] as? String, "related")
        XCTAssertTrue((lookAlike["reason"] as? String ?? "").contains("differ in direction (– / smaller)"), "\(lookAlike)")
        // The text output says the same.
        let text = try CLI.run(["overlaps", "--engine", "model", "--today", "2026-07-21"], in: scratch.url)
        XCTAssertTrue(text.stdout.contains("HYP-0001 ↔ HYP-0002"), text.stdout)
        XCTAssertFalse(text.stdout.contains("HYP-0002 ↔ HYP-0003"), text.stdout)
    }

    /// Without the lowered look-alike nothing is decided by the way: the idea and its rewording are a
    /// duplicate as before.
    func testWithoutALookAlikeTheRewordingIsStillADuplicate() throws {
        let found = try SecondViewTests.overlaps(try SmallPlaybook.threeSquadRepository([Self.idea, Self.rewording]))
        XCTAssertEqual(found[["HYP-0001", "HYP-0002"]]?["kind"] as? String, "duplicate", "\(found)")
    }
}
