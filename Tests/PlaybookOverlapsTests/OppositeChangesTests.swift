import XCTest
import PlaybookOverlaps

/// Near copies that go opposite ways are related work, their direction named by the words each side says it
/// with: two things ordered the other way round, a thing offered against its offer stopped, a thing switched
/// on against the same thing got rid of (review, 2026-12-05).
final class OppositeChangesTests: XCTestCase {
    /// Two changes as `playbook overlaps` judges them, with the model's vectors made by hand: the changes
    /// read nearly the same (cosine 0.99), and so do the audiences.
    func judged(_ first: (title: String, change: String), _ second: (title: String, change: String),
                audience: String = "trial users on the paywall") throws -> Overlap {
        // (The same text twice has one vector.)
        var table: [String: [Float]] = [first.title + ". " + first.change: [1, 0, 0], audience: [0, 0, 1]]
        if table[second.title + ". " + second.change] == nil { table[second.title + ". " + second.change] = [0.99, 0.1, 0] }
        let encoder = Vectors(table)
        let a = hypothesis("HYP-0001", squad: "onboarding", title: first.title, change: first.change, audience: audience,
                           outcome: "more trial users buy a plan")
        let b = hypothesis("HYP-0002", squad: "checkout", title: second.title, change: second.change, audience: audience,
                           outcome: "more trial users buy a plan")
        return try XCTUnwrap(OverlapFinder.duplicates(entities(a + "\n---\n" + b), encoder: encoder).first)
    }

    /// "X above Y" against "Y above X" are opposite changes (they were a duplicate, "make the same change");
    /// so are "before", "ahead of", "on top of", "over" and "first …, then …" the other way round. The same
    /// order said the other way ("Y below X"), or the same words in the same order, stay a duplicate.
    func testTwoThingsOrderedTheOtherWayRoundAreOppositeChanges() throws {
        let cases: [(String, String, String)] = [
            ("put the annual plan above the monthly plan on the paywall", "put the monthly plan above the annual plan on the paywall",
             "direction (annual above monthly / monthly above annual)"),
            ("show the reviews before the price on the paywall", "show the price before the reviews on the paywall",
             "direction (reviews before price / price before reviews)"),
            ("list the annual plan ahead of the monthly plan on the paywall", "list the monthly plan ahead of the annual plan on the paywall",
             "direction (annual ahead of monthly / monthly ahead of annual)"),
            ("show the testimonials on top of the feature list on the paywall", "show the feature list on top of the testimonials on the paywall",
             "direction ("),
            ("feature the annual plan over the monthly plan on the paywall", "feature the monthly plan over the annual plan on the paywall",
             "direction (annual over monthly / monthly over annual)"),
            ("show the annual plan first, then the monthly plan on the paywall", "show the monthly plan first, then the annual plan on the paywall",
             "direction (annual first, then monthly / monthly first, then annual)"),
        ]
        for (first, second, named) in cases {
            let overlap = try judged(("Plan order on the paywall", first), ("Plan order on the paywall", second))
            XCTAssertEqual(overlap.kind, .related, overlap.reason)
            XCTAssertTrue(overlap.reason.contains(named), overlap.reason)
        }
        for (first, second) in [("put the annual plan above the monthly plan on the paywall", "put the monthly plan below the annual plan on the paywall"),
                                ("put the annual plan above the monthly plan on the paywall", "put the annual plan above the monthly plan on the paywall")] {
            let overlap = try judged(("Plan order on the paywall", first), ("Plan order on the paywall", second))
            XCTAssertEqual(overlap.kind, .duplicate, overlap.reason)
        }
    }

    /// A denial is named by the verb it denies, as written with its "stop" ("offer / stop offering"), not by
    /// the first of its words in the alphabet ("day / not day").
    func testStoppingAnOfferIsNamedByItsVerb() throws {
        let overlap = try judged(("Free trial on the paywall", "offer a 7-day free trial on the paywall"),
                                 ("Free trial on the paywall", "stop offering the 7-day free trial on the paywall"))
        XCTAssertEqual(overlap.kind, .related, overlap.reason)
        XCTAssertTrue(overlap.reason.contains("direction (offer / stop offering)"), overlap.reason)
    }

    /// Switching a thing on against getting rid of it is on against off: a direction (it read "differ in detail
    /// (turn … switch / kill … rid)").
    func testSwitchingOnAgainstGettingRidOfIsADirection() throws {
        let overlap = try judged(("Turn on paywall countdown", "switch on a 24-hour discount countdown timer on the paywall"),
                                 ("Kill the paywall countdown", "get rid of the 24-hour discount countdown timer on the paywall"))
        XCTAssertEqual(overlap.kind, .related, overlap.reason)
        XCTAssertTrue(overlap.reason.contains("direction (turn on / kill)"), overlap.reason)
        XCTAssertFalse(overlap.reason.contains("detail ("), overlap.reason)
    }
}
