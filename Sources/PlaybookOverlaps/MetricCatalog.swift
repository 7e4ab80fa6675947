import PlaybookModel

/// The metric catalog as overlap detection reads it: two ids name the same metric when they
/// are equal or their catalog entries track the same event (or, without events, the same name).
struct MetricCatalog {
    private var keys: [String: String] = [:]

    init(_ entities: [SourcedEntity]) {
        for sourced in entities {
            guard case .metric(let metric) = sourced.entity else { continue }
            let event = metric.event.map { "event " + $0.lowercased() }
            keys[metric.id.value] = event ?? metric.name.map { "name " + $0.lowercased() } ?? "id " + metric.id.value
        }
    }

    /// Two metric ids that differ, as a message names them: "signup-completion / paid-conversion", and an id the
    /// catalog does not hold said so, with the closest one it does ("signup-completion / signup-completon, which is
    /// not in the metric catalog (did you mean signup-completion?)"): a misspelt id read as another metric was
    /// named as if it existed (review 2026-12-05). Without a catalog, ids are all there is, and none is said.
    func apart(_ a: String, _ b: String) -> String {
        var text = a + " / " + b
        guard !keys.isEmpty else { return text }
        let missing = [a, b].filter { keys[$0] == nil }
        guard !missing.isEmpty else { return text }
        text += missing.count == 2 ? ", neither of which is in the metric catalog" : ", which is not in the metric catalog"
        let suggestions = missing.compactMap { id in Suggestion.closest(to: id, in: keys.keys.sorted()).map { (id, $0) } }
        if !suggestions.isEmpty {
            text += " (did you mean " + suggestions.map { missing.count == 2 ? "\($1) for \($0)" : $1 }.joined(separator: ", ") + "?)"
        }
        return text
    }

    /// What identifies the metric: its event, else its name, else its id.
    func key(_ id: String) -> String {
        keys[id] ?? "id " + id
    }

    /// How two metric ids compare, in words: "checkout-completion", "churn-rate = cancellation-rate
    /// (event subscription.cancelled)", or nil when they are different metrics. In the order given, the
    /// message's (review: "metric checkout-conversion = order-conversion" named the second text's metric first).
    func same(_ a: String, _ b: String) -> String? {
        if a == b { return a }
        let key = key(a)
        guard key == self.key(b) else { return nil }
        return "\(a) = \(b) (\(key))"
    }
}
