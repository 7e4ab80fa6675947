import PlaybookEmbedding
import PlaybookOverlaps
import PlaybookSimilarity
import XCTest

/// The installed sentence-embedding model, or a failure that says how to install it (the test set-up installs it: a
/// missing model is a fault of the set-up, not a reason to skip).
func installedModel(file: StaticString = #filePath, line: UInt = #line) -> (any SentenceEncoder)? {
    guard case .success(let model) = ModelLocation.loadEncoder() else {
        XCTFail("all-MiniLM-L6-v2 is not installed: run scripts/setup or set PLAYBOOK_MODEL", file: file, line: line)
        return nil
    }
    return model
}

/// A metric (`d1-retention`) and two hypotheses toward it, HYP-0001 of squad alpha and HYP-0002 of squad beta, each with
/// its own title, change and audience and the same outcome.
func twoSquadsPlaybook(_ first: (title: String, change: String, audience: String),
                       _ second: (title: String, change: String, audience: String)) -> [SourcedEntity] {
    entities([
        "kind: Metric\nid: d1-retention\nname: Conversion\nevent: order.placed\nunit: percent\ndirection: increase",
        hypothesis("HYP-0001", squad: "alpha", title: first.title, change: first.change, audience: first.audience,
                   outcome: "raise conversion by about 5%", rationale: "funnel data shows drop-off here"),
        hypothesis("HYP-0002", squad: "beta", title: second.title, change: second.change, audience: second.audience,
                   outcome: "raise conversion by about 5%", rationale: "interviews point at this problem"),
    ].joined(separator: "\n---\n"))
}
