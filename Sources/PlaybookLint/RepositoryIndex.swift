import PlaybookModel

/// Every entity of the repository by id (the first definition wins; later ones are duplicates).
struct RepositoryIndex {
    private(set) var byID: [String: PlacedEntity] = [:]
    private(set) var idsByKind: [Kind: [String]] = [:]
    /// Later definitions of an id already taken, with the first one.
    private(set) var duplicates: [(duplicate: PlacedEntity, first: PlacedEntity)] = []

    init(_ entities: [PlacedEntity]) {
        for placed in entities {
            let id = placed.entity.id.value
            if let first = byID[id] {
                duplicates.append((placed, first))
            } else {
                byID[id] = placed
                idsByKind[placed.entity.kind, default: []].append(id)
            }
        }
    }

    subscript(id: String) -> PlacedEntity? { byID[id] }

    var metrics: [(Metric, String)] {
        (idsByKind[.metric] ?? []).compactMap { id in
            guard let placed = byID[id], case .metric(let metric) = placed.entity else { return nil }
            return (metric, placed.file)
        }
    }

    func objective(_ id: String) -> Objective? {
        if case .objective(let objective)? = byID[id]?.entity { return objective }
        return nil
    }

    func metric(_ id: String) -> Metric? {
        if case .metric(let metric)? = byID[id]?.entity { return metric }
        return nil
    }

    /// Ids of `kind` close to `id`, for a "did you mean".
    func suggestion(for id: String, kind: Kind) -> String? {
        Suggestion.closest(to: id, in: idsByKind[kind] ?? [])
    }
}
