import PlaybookOverlaps
import PlaybookSimilarity
import XCTest

/// Near copies that name a region and one within it ("in Brazil" / "across LATAM") make one change: the region
/// matches (the facets read nested regions as one place, and words alone called the pair a duplicate), so no
/// detail sets them apart. With the model the pair was related work that "differ in detail (in Brazil / across
/// LATAM); match: …, region (latam)": the message said the region both matched and differed (review).
final class NestedRegionDetailTests: XCTestCase {
    private func pix(in place: String, _ region: String) -> [SourcedEntity] {
        twoSquadsPlaybook(("Pix instant payment in Brazil", "offer Pix instant payment at checkout in Brazil", "shoppers in Brazil"),
                          ("Pix instant payment \(place)", "offer Pix instant payment at checkout in \(region)", "shoppers in \(region)"))
    }

    func testARegionAndOneWithinItAreOnePlace() throws {
        let nested = pix(in: "across LATAM", "LATAM")
        let apart = pix(in: "in Mexico", "Mexico")
        var encoders: [(String, (any SentenceEncoder)?)] = [("words", nil)]
        if let model = installedModel() { encoders.append(("model", model)) }
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
