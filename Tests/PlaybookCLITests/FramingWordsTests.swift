import Foundation
import XCTest

/// A hypothesis written again with a title that only frames it as an attempt ("Try …", "…, second
/// attempt") is the same idea: a duplicate, not "related … differ in detail (– / try)" (review44). A
/// qualifier that names a scope ("… in the iPad app") still makes another idea.
final class FramingWordsTests: XCTestCase {
    static func copy(_ id: String, squad: String, title: String) -> String {
        SecondViewTests.hypothesis(id, squad: squad, title: title, change: "annual plan discount of 40% shown on the paywall",
                                   audience: "all learners", outcome: "more learners move from trial to paid",
                                   rationale: "a visible saving tips the undecided")
    }

    func testAnIdeaRetitledAsAnotherAttemptIsADuplicate() throws {
        let scratch = try SmallPlaybook.threeSquadRepository([
            Self.copy("HYP-0001", squad: "activation-emea", title: "Annual plan discount of 40% shown on the paywall"),
            Self.copy("HYP-0002", squad: "activation-latam", title: "Try annual plan discount of 40% shown on the paywall"),
            Self.copy("HYP-0003", squad: "activation-apac", title: "Annual plan discount of 40% shown on the paywall, second attempt"),
        ])
        let found = try SecondViewTests.overlaps(scratch)
        for pair: Set<String> in [["HYP-0001", "HYP-0002"], ["HYP-0001", "HYP-0003"], ["HYP-0002", "HYP-0003"]] {
            let overlap = try XCTUnwrap(found[pair], "\(pair) in \(found)")
            XCTAssertEqual(overlap["kind"] as? String, "duplicate", "\(pair): \(overlap["reason"] ?? "")")
        }
    }

    func testAQualifierNamingAScopeStillMakesAnotherIdea() throws {
        let scratch = try SmallPlaybook.threeSquadRepository([
            Self.copy("HYP-0001", squad: "activation-emea", title: "Annual plan discount of 40% shown on the paywall"),
            Self.copy("HYP-0002", squad: "activation-latam", title: "Try annual plan discount of 40% shown on the paywall in the iPad app"),
        ])
        let found = try SecondViewTests.overlaps(scratch)
        let overlap = try XCTUnwrap(found[["HYP-0001", "HYP-0002"]], "\(found)")
        XCTAssertNotEqual(overlap["kind"] as? String, "duplicate", "\(overlap["reason"] ?? "")")
    }
}
