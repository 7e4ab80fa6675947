import Foundation
import PlaybookGit
import XCTest

/// A removal said as an absence (`ChangeDirection.statedByOne`, `dupq49`): "Ad-free listening … remove ads" and
/// "… hear no adverts" both say what is gone, so the rewording is no change of direction against its idea, even when
/// the idea has an opposite look-alike ("add audio ads … from their first day") through which the pair is compared.
/// The three are `X013` and `X014` of `Tests/PlaybookOverlapsTests/Data/dupq21-pairs.tsv`.
final class AbsenceRestatesRemovalTests: XCTestCase {
    static let idea = SecondViewTests.hypothesis("HYP-0001", squad: "activation-emea", title: "Ad-free listening for the first month",
                                                 change: "remove ads for new listeners during their first month",
                                                 audience: "listeners in their first month", outcome: "new listeners play more episodes",
                                                 rationale: "adverts in the first episodes drive new listeners away")
    static let lookAlike = SecondViewTests.hypothesis("HYP-0002", squad: "activation-apac", title: "Ads from day one for new listeners",
                                                      change: "add audio ads for new listeners from their first day instead of after a month",
                                                      audience: "listeners in their first month", outcome: "new listeners play more episodes",
                                                      rationale: "a month without ads teaches listeners to expect none")
    static let rewording = SecondViewTests.hypothesis("HYP-0003", squad: "activation-latam", title: "A month without interruptions for newcomers",
                                                      change: "new subscribers hear no adverts for their first thirty days",
                                                      audience: "people who just followed the podcast app", outcome: "newcomers listen to more shows",
                                                      rationale: "breaks in the first shows someone hears make them quit")

    func testAnAbsenceRestatesARemovalThatSaysWhatIsGone() throws {
        let found = try SecondViewTests.overlaps(try SmallPlaybook.threeSquadRepository([Self.idea, Self.lookAlike, Self.rewording]))
        let pair = try XCTUnwrap(found[["HYP-0001", "HYP-0003"]], "\(found)")
        XCTAssertEqual(pair["kind"] as? String, "duplicate", "\(pair)")
        XCTAssertNotEqual(found[["HYP-0002", "HYP-0003"]]?["kind"] as? String, "duplicate", "\(found)")
    }

    func testARemovalAgainstAnUnrelatedDenialIsStillADirection() throws {
        // The look-alike takes the life jacket away and says nothing is gone; the rewording denies a paid add-on:
        // the removal still sets them apart, so the rewording goes with its idea (`Y005` of `dupq23-pairs.tsv`).
        let jacket = SecondViewTests.hypothesis("HYP-0011", squad: "activation-emea", title: "Life jacket included in every kayak hire",
                                                change: "add a life jacket to every kayak rental at no extra charge",
                                                audience: "visitors hiring kayaks on the lake", outcome: "more kayaks rented",
                                                rationale: "people without their own buoyancy aid turn back at the jetty")
        let charged = SecondViewTests.hypothesis("HYP-0012", squad: "activation-apac", title: "Charge for life jackets on kayak hire",
                                                 change: "remove the life jacket from kayak rentals and sell it as a paid add-on at the jetty",
                                                 audience: "visitors hiring kayaks on the lake", outcome: "more kayaks rented",
                                                 rationale: "a lower headline price brings more people in")
        let included = SecondViewTests.hypothesis("HYP-0013", squad: "activation-latam", title: "Buoyancy aid comes with the boat",
                                                  change: "every paddler now gets a buoyancy vest as part of the hire price, so there is no paid add-on at the jetty",
                                                  audience: "people renting a kayak for an afternoon", outcome: "more boats out on the water",
                                                  rationale: "nobody wants a surprise charge at the waterside")
        let found = try SecondViewTests.overlaps(try SmallPlaybook.threeSquadRepository([jacket, charged, included]))
        XCTAssertNotEqual(found[["HYP-0012", "HYP-0013"]]?["kind"] as? String, "duplicate", "\(found)")
    }
}
