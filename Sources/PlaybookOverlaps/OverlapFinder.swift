import PlaybookModel
import PlaybookSimilarity

/// Finds every duplicate and collision in a repository's entities, with acknowledgements applied.
public enum OverlapFinder {
    /// `today` extends running experiments past a planned end that has gone by: they are still live.
    /// With an `encoder`, changes are also compared by meaning; without one (or when it fails),
    /// by words alone.
    /// A caller that hands over its last reference (`consume`) lets the entities go once they are
    /// read into what is compared, before the texts are encoded (on 20,000 hypotheses, 30 MB less at
    /// the peak); acknowledgements and collisions are read from them first.
    public static func find(_ entities: consuming [SourcedEntity], options: OverlapOptions = OverlapOptions(), today: Day? = nil,
                            encoder: (any SentenceEncoder)? = nil) -> [Overlap] {
        let unique = firstDefinitions(entities)
        _ = consume entities
        let acknowledgements = Acknowledgements(unique)
        let collisions = CollisionDetection.find(unique, today: today, perExperiment: options.collisionsPerExperiment)
        var options = options
        options.reviewed = acknowledgements
        let found = DuplicateDetection.find(consume unique, options: options, encoder: encoder) + collisions
        return acknowledged(found, acknowledgements)
    }

    /// Duplicate and related hypotheses and experiments only.
    public static func duplicates(_ entities: [SourcedEntity], options: OverlapOptions = OverlapOptions(),
                                  encoder: (any SentenceEncoder)? = nil) -> [Overlap] {
        let unique = firstDefinitions(entities)
        var options = options
        options.reviewed = Acknowledgements(unique)
        return acknowledged(DuplicateDetection.find(unique, options: options, encoder: encoder), options.reviewed)
    }

    /// The ids of the hypotheses and experiments compared for duplicates whose title and change (an
    /// experiment: its title) do not read as English (`TextLanguage`), sorted: their duplicates are
    /// looked for by words alone, and a run says so.
    public static func notEnglish(_ entities: [SourcedEntity]) -> [String] {
        var ids: [String] = []
        for sourced in entities where !DuplicateDetection.isUnwritten(sourced.entity) {
            switch sourced.entity {
            case .hypothesis(let h):
                if !TextLanguage.readsAsEnglish(DuplicateDetection.titleAndChange(h).joined(separator: ". ")) { ids.append(h.id.value) }
            case .experiment(let e):
                if !TextLanguage.readsAsEnglish(e.title ?? "") { ids.append(e.id.value) }
            default:
                continue
            }
        }
        return Array(Set(ids)).sorted()
    }

    /// What a run says of `notEnglish`'s ids ("2 hypotheses or experiments (HYP-0003, EXP-0010) do not
    /// read as English: …"), naming the first five; nil when there are none.
    public static func notEnglishNote(_ ids: [String]) -> String? {
        guard !ids.isEmpty else { return nil }
        let named = ids.prefix(5).joined(separator: ", ") + (ids.count > 5 ? " and \(ids.count - 5) more" : "")
        let counted = ids.count == 1 ? "1 hypothesis or experiment" : "\(ids.count) hypotheses or experiments"
        return "\(counted) (\(named)) \(ids.count == 1 ? "does" : "do") not read as English: the duplicate finder reads English, so \(ids.count == 1 ? "its" : "their") duplicates are looked for by words alone"
    }

    /// Colliding experiments only; past `perExperiment` collisions (when given and above 0), an
    /// experiment's are one entry (`OverlapOptions.collisionsPerExperiment`).
    public static func collisions(_ entities: [SourcedEntity], today: Day? = nil, perExperiment: Int? = nil) -> [Overlap] {
        let unique = firstDefinitions(entities)
        return acknowledged(CollisionDetection.find(unique, today: today, perExperiment: perExperiment), Acknowledgements(unique))
    }

    static func acknowledged(_ overlaps: consuming [Overlap], _ entities: [SourcedEntity]) -> [Overlap] {
        acknowledged(overlaps, Acknowledgements(entities))
    }

    static func acknowledged(_ overlaps: consuming [Overlap], _ acknowledgements: Acknowledgements) -> [Overlap] {
        // Taken, not copied: the caller's list is let go (a copy is a retain of every overlap's fields).
        var found = consume overlaps
        if !acknowledgements.isEmpty {
            for i in found.indices {
                // (An experiments' duplicate found through their hypotheses keeps the approval of the hypotheses' duplicate.)
                found[i].acknowledgedBy = acknowledgements.reviewer(found[i].sides[0].id, found[i].sides[1].id) ?? found[i].acknowledgedBy
            }
        }
        // Collisions first, then duplicates, then related work; then by score, then by ids. The rank, the
        // score as a number and each overlap's place sorted as plain triples (the stable order, no
        // closure through captured lists per comparison), then each run of one rank and score by ids;
        // the overlaps then moved into that order by swaps (copied, each was a retain of its fields).
        // All of this ran on one thread at the end of a large playbook's lint.
        // Read in place (a closure reading the `var` copied each overlap out, a retain of each of its fields).
        let keyed = found.withUnsafeBufferPointer { overlaps in
            overlaps.indices.map { (rank(overlaps[$0].kind), Self.descending(overlaps[$0].score), $0) }
        }.sorted { $0 < $1 }
        var order = keyed.map(\.2)
        var start = 0
        while start < keyed.count {
            var end = start + 1
            while end < keyed.count, keyed[end].0 == keyed[start].0, keyed[end].1 == keyed[start].1 { end += 1 }
            if end - start > 1 {
                // The run's ids read once each, with each overlap's place last so that equal ones keep
                // their order (as the stable sort on the ids alone kept it): compared through `found`,
                // each comparison copied both overlaps (a retain of each of their fields), and the runs
                // of one score grow longer as a playbook grows.
                var ids = found.withUnsafeBufferPointer { overlaps in order[start..<end].map { (overlaps[$0].sides.map(\.id), $0) } }
                ids.sort { a, b in
                    if a.0.lexicographicallyPrecedes(b.0) { return true }
                    if b.0.lexicographicallyPrecedes(a.0) { return false }
                    return a.1 < b.1
                }
                for (offset, element) in ids.enumerated() { order[start + offset] = element.1 }
            }
            start = end
        }
        // `order[k]` is the overlap that goes to place k: follow each cycle of the permutation. Swapped in
        // the buffer, by moves: the array's own swap copied both overlaps (a retain and a release of each
        // of their fields), on the one thread that runs here at the end of a large playbook's lint.
        var placed = [Bool](repeating: false, count: order.count)
        found.withUnsafeMutableBufferPointer { overlaps in
            for first in order.indices where !placed[first] {
                var k = first
                while order[k] != first {
                    overlaps.swapAt(k, order[k])
                    placed[k] = true
                    k = order[k]
                }
                placed[k] = true
            }
        }
        return found
    }

    /// A number that orders scores from the highest down as comparing them does (-0 as 0): the score's
    /// bits made order-keeping (the sign bit set, or every bit flipped for a negative score), reversed.
    static func descending(_ score: Double) -> UInt64 {
        let bits = (score == 0 ? 0 : score).bitPattern
        return ~(score < 0 ? ~bits : bits | (1 << 63))
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
struct Acknowledgements: Sendable, Hashable {
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

    /// Whether no approval names another entity.
    var isEmpty: Bool { named.isEmpty }

    /// Calls `body(a, b)` for each entity `a` whose approvals name entity `b`.
    func forEachNamedPair(_ body: (String, String) -> Void) {
        for (id, others) in named {
            for other in others.keys { body(id, other) }
        }
    }

    /// Whether an approval of `id` (or of one of its experiments) names another entity.
    func names(_ id: String) -> Bool { named[id] != nil }

    /// Who reviewed the pair, when an approval on either side names the other.
    func reviewer(_ a: String, _ b: String) -> String? {
        named[a]?[b] ?? named[b]?[a]
    }
}
