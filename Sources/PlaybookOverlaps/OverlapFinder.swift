import PlaybookModel
import PlaybookSimilarity

/// Finds every duplicate and collision in a repository's entities, with acknowledgements applied.
public enum OverlapFinder {
    /// `today` extends running experiments past a planned end that has gone by: they are still live.
    /// With an `encoder`, changes are also compared by meaning; without one (or when it fails),
    /// by words alone.
    public static func find(_ entities: [SourcedEntity], options: OverlapOptions = OverlapOptions(), today: Day? = nil,
                            encoder: (any SentenceEncoder)? = nil) -> [Overlap] {
        let unique = firstDefinitions(entities)
        let found = DuplicateDetection.find(unique, options: options, encoder: encoder) + CollisionDetection.find(unique, today: today)
        return acknowledged(found, unique)
    }

    /// Duplicate and related hypotheses and experiments only.
    public static func duplicates(_ entities: [SourcedEntity], options: OverlapOptions = OverlapOptions(),
                                  encoder: (any SentenceEncoder)? = nil) -> [Overlap] {
        let unique = firstDefinitions(entities)
        return acknowledged(DuplicateDetection.find(unique, options: options, encoder: encoder), unique)
    }

    /// Colliding experiments only.
    public static func collisions(_ entities: [SourcedEntity], today: Day? = nil) -> [Overlap] {
        let unique = firstDefinitions(entities)
        return acknowledged(CollisionDetection.find(unique, today: today), unique)
    }

    static func acknowledged(_ overlaps: [Overlap], _ entities: [SourcedEntity]) -> [Overlap] {
        let acknowledgements = Acknowledgements(entities)
        var found = overlaps
        for i in found.indices {
            found[i].acknowledgedBy = acknowledgements.reviewer(found[i].sides[0].id, found[i].sides[1].id)
        }
        // Collisions first, then duplicates, then related work; then by score, then by ids. Sorted
        // through their indices, each overlap's key read once: moving the overlaps themselves (and
        // building their ids per comparison) was a serial stretch of a large playbook's lint.
        let keys = found.map { (rank: rank($0.kind), score: $0.score, ids: $0.ids) }
        return found.indices.sorted { i, j in
            let (a, b) = (keys[i], keys[j])
            if a.rank != b.rank { return a.rank < b.rank }
            if a.score != b.score { return a.score > b.score }
            return a.ids.lexicographicallyPrecedes(b.ids)
        }.map { found[$0] }
    }

    /// Collisions first, then duplicates, then related work.
    static func rank(_ kind: OverlapKind) -> Int {
        switch kind {
        case .collision: 0
        case .duplicate: 1
        case .related: 2
        }
    }

    /// A duplicated id is its own lint finding; only its first definition takes part here.
    static func firstDefinitions(_ entities: [SourcedEntity]) -> [SourcedEntity] {
        var seen: Set<String> = []
        seen.reserveCapacity(entities.count)
        // Usually every id is defined once: then the list itself, not a copy (entities are large).
        guard entities.contains(where: { !seen.insert($0.entity.id.value).inserted }) else { return entities }
        seen.removeAll(keepingCapacity: true)
        return entities.filter { seen.insert($0.entity.id.value).inserted }
    }
}

/// Approvals that name other entities (`approvals: [{…, overlaps: [ID]}]`), on hypotheses and
/// experiments; an experiment's approval also covers its hypothesis.
struct Acknowledgements {
    /// For each entity id, the ids its approvals (or its experiments' approvals) name, with who approved.
    private var named: [String: [String: String]] = [:]

    init(_ entities: [SourcedEntity]) {
        for sourced in entities {
            let approvals: [Approval]
            var covered: [String] = []
            switch sourced.entity {
            case .experiment(let experiment):
                approvals = experiment.approvals
                covered = [experiment.id.value] + (experiment.hypothesis.map { [$0.value] } ?? [])
            case .hypothesis(let hypothesis):
                approvals = hypothesis.approvals
                covered = [hypothesis.id.value]
            default:
                continue
            }
            for approval in approvals {
                let who = approval.by ?? approval.role ?? "an approval"
                let date = approval.date.map { " on \($0.value)" } ?? ""
                for other in approval.overlaps {
                    for id in covered { named[id, default: [:]][other.value] = who + date }
                }
            }
        }
    }

    /// Who reviewed the pair, when an approval on either side names the other.
    func reviewer(_ a: String, _ b: String) -> String? {
        named[a]?[b] ?? named[b]?[a]
    }
}
