import PlaybookEmbedding
import PlaybookOverlaps
import XCTest

/// A lower `--threshold` asks for more: a pair the default calls a duplicate stays one under it. The duplicate
/// finder's grey band (restatements found by token alignment or with their rationales) was chosen at the default;
/// a lower threshold let more texts of a topic over the neighbour rule's bar, which shut the band, and at 0 a pair
/// the band found was never added at all (review: the live courier map and its rewording, a duplicate at 0.40,
/// vanished at 0.15 and at 0, while a pair at cosine 0.25 became one).
final class LowerThresholdTests: XCTestCase {
    /// Five ideas of a food-delivery app toward one metric, written by a reviewer (two of them one idea in other words).
    static let documents = [
        "kind: Metric\nid: d1-retention\nname: Support contacts per order\nevent: support.contact_created\nunit: ratio\ndirection: decrease",
        hypothesis("HYP-0001", squad: "courier-ops", title: "Live courier map after ordering",
                   change: "displaying the rider's position on a real-time map in order tracking", audience: "customers waiting for a delivery",
                   outcome: "fewer where-is-my-order support contacts", rationale: "people contact support mostly because they cannot see progress"),
        hypothesis("HYP-0002", squad: "retention", title: "GPS dot for the driver while food is en route",
                   change: "let diners watch the delivery person move toward them as it happens", audience: "anyone with a meal on its way",
                   outcome: "cut 'where's my food' chats", rationale: "uncertainty about arrival drives help requests"),
        hypothesis("HYP-0033", squad: "courier-ops", title: "Ask customers to rate the courier after each delivery",
                   change: "ask customers to rate the courier after each delivery", audience: "customers who received an order",
                   outcome: "fewer support contacts", rationale: "a rating gives an outlet other than support"),
        hypothesis("HYP-0073", squad: "retention", title: "Support chat in Turkish and Arabic",
                   change: "offer the help chat in Turkish and Arabic", audience: "customers whose first language is Turkish or Arabic",
                   outcome: "fewer repeated contacts", rationale: "misunderstandings create follow-up tickets"),
        hypothesis("HYP-0077", squad: "courier-ops", title: "Photo proof of contactless drop-off",
                   change: "require couriers to take a photo of the bag at the door", audience: "customers choosing contactless drop-off",
                   outcome: "fewer support contacts", rationale: "missing-order disputes need evidence"),
    ]

    func testALowerThresholdKeepsADuplicateTheDefaultFinds() throws {
        guard case .success(let model) = ModelLocation.loadEncoder() else {
            return XCTFail("all-MiniLM-L6-v2 is not installed: run scripts/setup or set PLAYBOOK_MODEL")
        }
        let playbook = entities(Self.documents.joined(separator: "\n---\n"))
        for threshold in [0.40, 0.30, 0.15, 0.05, 0.0] {
            let found = OverlapFinder.duplicates(playbook, options: OverlapOptions(threshold: threshold), encoder: model)
            let pair = found.first { $0.ids == ["HYP-0001", "HYP-0002"] }
            XCTAssertEqual(pair?.kind, .duplicate, "at \(threshold): \(found.map { "\($0.ids) \($0.kind)" })")
        }
    }
}
