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
        "kind: Metric\nid: support-contacts-per-order\nname: Support contacts per order\nevent: support.contact_created\nunit: ratio\ndirection: decrease",
        hypothesis("HYP-0001", "courier-ops", "Live courier map after ordering",
                   "displaying the rider's position on a real-time map in order tracking", "customers waiting for a delivery",
                   "fewer where-is-my-order support contacts", "people contact support mostly because they cannot see progress"),
        hypothesis("HYP-0002", "retention", "GPS dot for the driver while food is en route",
                   "let diners watch the delivery person move toward them as it happens", "anyone with a meal on its way",
                   "cut 'where's my food' chats", "uncertainty about arrival drives help requests"),
        hypothesis("HYP-0033", "courier-ops", "Ask customers to rate the courier after each delivery",
                   "ask customers to rate the courier after each delivery", "customers who received an order",
                   "fewer support contacts", "a rating gives an outlet other than support"),
        hypothesis("HYP-0073", "retention", "Support chat in Turkish and Arabic", "offer the help chat in Turkish and Arabic",
                   "customers whose first language is Turkish or Arabic", "fewer repeated contacts",
                   "misunderstandings create follow-up tickets"),
        hypothesis("HYP-0077", "courier-ops", "Photo proof of contactless drop-off",
                   "require couriers to take a photo of the bag at the door", "customers choosing contactless drop-off",
                   "fewer support contacts", "missing-order disputes need evidence"),
    ]

    static func hypothesis(_ id: String, _ squad: String, _ title: String, _ change: String, _ audience: String, _ outcome: String,
                           _ rationale: String) -> String {
        """
        kind: Hypothesis
        id: \(id)
        squad: \(squad)
        title: "\(title)"
        statement:
          change: "\(change)"
          audience: "\(audience)"
          outcome: "\(outcome)"
          rationale: "\(rationale)"
        metric: support-contacts-per-order
        ice: {impact: 5, confidence: 5, ease: 5}
        status: backlog
        """
    }

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
