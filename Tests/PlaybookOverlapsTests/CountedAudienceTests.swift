import PlaybookOverlaps
import PlaybookSimilarity
import XCTest

/// The same change for people counted otherwise is another audience, not the same work: "single-person households" /
/// "households of five or more", "members on their first booking" / "members on their twelfth booking" read alike by
/// words and by meaning (review: a meal-kit row and a thank-you card were "the same change" at score 1.00, audiences
/// at cosine 0.84). The same count said two ways ("three or more children" / "3+ kids") is no difference.
final class CountedAudienceTests: XCTestCase {
    private let change = (title: "Recipe bundles on the home screen",
                          change: "add a row of recipe bundles to the top of the home screen, each bundle with every ingredient in one tap")

    private func verdicts(_ first: String, _ second: String, encoder: (any SentenceEncoder)?) -> [Overlap] {
        OverlapFinder.duplicates(twoSquadsPlaybook((change.title, change.change, first), (change.title, change.change, second)),
                                 options: OverlapOptions(), encoder: encoder)
    }

    func testAnotherCountIsAnotherAudience() throws {
        guard let model = installedModel() else { return }
        for (first, second) in [("single-person households, from the household question at signup",
                                 "households of five or more people, from the household question at signup"),
                                ("members whose first booking is being packed", "members whose twelfth booking is being packed")] {
            for encoder in [nil, model] as [(any SentenceEncoder)?] {
                let found = verdicts(first, second, encoder: encoder)
                XCTAssertEqual(found.map(\.kind), [.related], "\(encoder == nil ? "words" : "model"): \(found.map(\.reason))")
                let reason = found.first?.reason ?? ""
                XCTAssertTrue(reason.contains("differ in audience (") && reason.contains("another number"), reason)
                XCTAssertTrue(reason.contains(first) && reason.contains(second), reason)
            }
        }
    }

    func testOneCountSaidTwoWaysIsTheSameAudience() throws {
        guard let model = installedModel() else { return }
        for encoder in [nil, model] as [(any SentenceEncoder)?] {
            let found = verdicts("parents with three or more children", "parents with 3+ children", encoder: encoder)
            XCTAssertEqual(found.map(\.kind), [.duplicate], "\(encoder == nil ? "words" : "model"): \(found.map(\.reason))")
        }
        // Ages are read as ranges (`AgeBands`), not as counts: "aged 18 to 24" is within "under 25".
        let ages = verdicts("students aged 18 to 24", "students under 25", encoder: model)
        XCTAssertFalse(ages.contains { $0.reason.contains("another number") }, ages.map(\.reason).joined())
    }
}
