import PlaybookModel
import PlaybookOverlaps
import PlaybookYAML

/// Entities decoded from YAML written next to the test that uses them.
func entities(_ yaml: String, file: String = "playbooks/test.yml") -> [SourcedEntity] {
    YAMLLoader.load(Array(yaml.utf8)).documents.compactMap { document in
        EntityDecoder.decode(document).entity.map { SourcedEntity(entity: $0, file: file) }
    }
}

/// An experiment document; `fields` replace or add to a running one on web/checkout.
func experiment(_ id: String, squad: String = "checkout-emea", _ fields: [String: String] = [:]) -> String {
    var base: [(String, String)] = [
        ("kind", "Experiment"), ("id", id), ("squad", squad), ("title", "Test \(id)"), ("hypothesis", "HYP-0001"),
        ("status", "running"), ("metrics", "{primary: paid-conversion}"), ("surface", "web/checkout"),
        ("start", "2026-07-06"), ("end", "2026-07-27"),
    ]
    for (key, value) in fields.sorted(by: { $0.key < $1.key }) {
        if let index = base.firstIndex(where: { $0.0 == key }) {
            base[index].1 = value
        } else {
            base.append((key, value))
        }
    }
    return base.filter { $0.1 != "-" }.map { "\($0.0): \($0.1)" }.joined(separator: "\n")
}

func hypothesis(_ id: String, squad: String, title: String, change: String, audience: String, outcome: String,
                rationale: String = "Interviews point to it.") -> String {
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
    metric: d1-retention
    ice: {impact: 5, confidence: 5, ease: 5}
    status: backlog
    """
}
