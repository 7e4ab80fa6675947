import PlaybookEmbedding
import PlaybookOverlaps
import PlaybookSimilarity
import XCTest

/// Near copies that name a region and one within it ("in Brazil" / "across LATAM") make one change: the region
/// matches (the facets read nested regions as one place, and words alone called the pair a duplicate), so no
/// detail sets them apart. With the model the pair was related work that "differ in detail (in Brazil / across
/// LATAM); match: …, region (latam)": the message said the region both matched and differed (review).
final class NestedRegionDetailTests: XCTestCase {
    private func documents(_ second: String, change: String, audience: String) -> String {
        [
            "kind: Metric\nid: d1-retention\nname: Conversion\nevent: order.placed\nunit: percent\ndirection: increase",
            hypothesis("HYP-0001", squad: "alpha", title: "Pix instant payment in Brazil",
                       change: "offer Pix instant payment at checkout in Brazil", audience: "shoppers in Brazil",
                       outcome: "raise conversion by about 5%", rationale: "funnel data shows drop-off here"),
            hypothesis("HYP-0002", squad: "beta", title: second, change: change, audience: audience,
                       outcome: "raise conversion by about 5%", rationale: "interviews point at this problem"),
        ].joined(separator: "\n---\n")
    }

    func testARegionAndOneWithinItAreOnePlace() throws {
        let nested = entities(documents("Pix instant payment across LATAM", change: "offer Pix instant payment at checkout in LATAM",
                                        audience: "shoppers in LATAM"))
        let apart = entities(documents("Pix instant payment in Mexico", change: "offer Pix instant payment at checkout in Mexico",
                                       audience: "shoppers in Mexico"))
        var encoders: [(String, (any SentenceEncoder)?)] = [("words", nil)]
        if case .success(let model) = ModelLocation.loadEncoder() { encoders.append(("model", model)) } else {
            XCTFail("all-MiniLM-L6-v2 is not installed: run scripts/setup or set PLAYBOOK_MODEL")
        }
        for (engine, encoder) in encoders {
            let same = OverlapFinder.duplicates(nested, options: OverlapOptions(), encoder: encoder)
            XCTAssertEqual(same.map(\.kind), [.duplicate], "\(engine): \(same.map(\.reason))")
            XCTAssertFalse(same.first?.reason.contains("detail") ?? true, "\(engine): \(same.map(\.reason))")
            // Brazil and Mexico are two places: still told apart, by their names.
            let other = OverlapFinder.duplicates(apart, options: OverlapOptions(), encoder: encoder)
            XCTAssertFalse(other.contains { $0.kind == .duplicate }, "\(engine): \(other.map(\.reason))")
            for finding in other {
                XCTAssertTrue(finding.reason.contains("brazil") || finding.reason.contains("Brazil"), "\(engine): \(finding.reason)")
            }
        }
    }
}
