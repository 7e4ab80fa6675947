import PlaybookModel

/// Every entity of the repository by id (the first definition wins; later ones are duplicates).
struct RepositoryIndex {
    private(set) var byID: [String: PlacedEntity] = [:]
    private(set) var idsByKind: [Kind: [String]] = [:]
    /// Later definitions of an id already taken, with the first one.
    private(set) var duplicates: [(duplicate: PlacedEntity, first: PlacedEntity)] = []
    /// For each entity given, whether its id's first definition is in its file (`RepositoryView` keeps those).
    private(set) var inFirstFile: [Bool] = []

    init(_ entities: [PlacedEntity]) {
        byID.reserveCapacity(entities.count)
        inFirstFile.reserveCapacity(entities.count)
        for placed in entities {
            let id = placed.entity.id.value
            if let first = byID[id] {
                duplicates.append((placed, first))
                inFirstFile.append(first.file == placed.file)
            } else {
                byID[id] = placed
                idsByKind[placed.entity.kind, default: []].append(id)
                inFirstFile.append(true)
            }
        }
    }

    subscript(id: String) -> PlacedEntity? { byID[id] }

    /// Whether some definition of `id`, the first or a later duplicate, is of `kind`: a reference of that
    /// kind is then not wrong, the shared id is (`id-duplicate` says so).
    func defines(_ id: String, as kind: Kind) -> Bool {
        if byID[id]?.entity.kind == kind { return true }
        return duplicates.contains { $0.duplicate.entity.kind == kind && $0.duplicate.entity.id.value == id }
    }

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

    /// Ids of `kind` close to `id`, for a "did you mean"; else the entity of `kind` whose file is still
    /// named `id` (a squad renamed in its file but not in the references to it).
    func suggestion(for id: String, kind: Kind) -> String? {
        if let close = Suggestion.closestID(to: id, in: idsByKind[kind] ?? []) { return close }
        // Squads and metrics are few and named by hand; numbered ids are not renamed this way.
        guard kind == .squad || kind == .metric else { return nil }
        let named = (idsByKind[kind] ?? []).filter { other in
            byID[other].map { PlaybookFiles.stem(of: $0.file) == id } ?? false
        }
        return named.count == 1 ? named[0] : nil
    }
}
