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

    /// What identifies the metric: its event, else its name, else its id.
    func key(_ id: String) -> String {
        keys[id] ?? "id " + id
    }

    /// How two metric ids compare, in words: "checkout-completion", "churn-rate = cancellation-rate
    /// (event subscription.cancelled)", or nil when they are different metrics.
    func same(_ a: String, _ b: String) -> String? {
        if a == b { return a }
        let key = key(a)
        guard key == self.key(b) else { return nil }
        return "\(min(a, b)) = \(max(a, b)) (\(key))"
    }
}
