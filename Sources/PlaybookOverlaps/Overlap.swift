import PlaybookModel
import PlaybookYAML

/// The two questions asked across squads.
public enum OverlapKind: String, Sendable, Hashable {
    /// Two hypotheses (or two experiments) testing the same idea in different words.
    case duplicate
    /// Two experiments live at the same time, on the same or a nested surface, for
    /// overlapping audiences, in no shared exclusion group.
    case collision
    /// Two hypotheses (or two experiments) making a similar change that differ in direction,
    /// metric, audience, platform, region or surface: worth knowing, not duplicated work.
    case related
}

/// One end of an overlap: which entity, whose, and where it is written.
public struct OverlapSide: Sendable, Hashable {
    public var id: String
    public var squad: String?
    public var file: String
    public var mark: Mark

    public init(id: String, squad: String?, file: String, mark: Mark) {
        self.id = id
        self.squad = squad
        self.file = file
        self.mark = mark
    }
}

/// A pair of entities that overlap. Pairs are the unit of reporting; clusters are a view.
public struct Overlap: Sendable, Hashable {
    public var kind: OverlapKind
    /// The two sides, ordered by id.
    public var sides: [OverlapSide]
    /// In 0–1: text similarity for duplicates; for collisions 1.
    public var score: Double
    /// Why, in words: the matching terms, or the shared surface, window and audience.
    public var reason: String
    /// For duplicates, the words both texts share, heaviest first, as the texts write them (`TermReader.spelled(_:in:and:)`).
    public var terms: [String]
    /// Set when an approval on either side names the other: a council has reviewed it.
    public var acknowledgedBy: String?
    /// For related work when each entity's related entities are capped (`OverlapOptions.relatedPerEntity`),
    /// for each side (in `sides`' order): this pair's place among that side's related entities, closest
    /// first (1-based), and how many related entities that side has in all. Empty otherwise.
    public var relatedRanks: [Int] = []
    public var relatedTotals: [Int] = []
    /// For a collision that stands for all of one experiment's (`playbook overlaps` when it collides
    /// with more than `OverlapOptions.collisionsPerExperiment` others): how many experiments collide
    /// with `sides[0]`; `sides` are that experiment, then the first of them (not sorted). Nil for a pair.
    public var crowd: Int?
    /// For a duplicate found under the cosine bar (the grey band: token by token, or with the rationales):
    /// it has no score of its own at the threshold and is counted there (`score` is the threshold).
    var countedAtThreshold = false
    /// For related work: every difference named is a detail of wording (`detail (… / …)` with words on both
    /// sides, not amounts nor a qualifier one side adds), no field (direction, metric, platform, region,
    /// surface, audience): what two experiments' titles say of one idea tested twice
    /// (`DuplicateDetection.throughHypotheses`).
    var differsOnlyInWording = false

    public init(kind: OverlapKind, sides: [OverlapSide], score: Double, reason: String, terms: [String] = [], acknowledgedBy: String? = nil) {
        self.kind = kind
        self.sides = sides.sorted { $0.id < $1.id }
        self.score = score
        self.reason = reason
        self.terms = terms
        self.acknowledgedBy = acknowledgedBy
    }

    public var ids: [String] { sides.map(\.id) }
    public var squads: [String] { sides.compactMap(\.squad) }
    public var isAcknowledged: Bool { acknowledgedBy != nil }
}

/// An entity with the file it was read from: what overlap detection reads.
public struct SourcedEntity: Sendable {
    public var entity: Entity
    public var file: String

    public init(entity: Entity, file: String) {
        self.entity = entity
        self.file = file
    }
}

/// How overlaps are looked for.
public struct OverlapOptions: Sendable, Hashable {
    /// Duplicates score at least this (0–1).
    public var threshold: Double = OverlapOptions.defaultThreshold
    /// Also compare work within one squad.
    public var sameSquad = false
    /// At most this many related entities per entity, its closest by score (ties by id), each pair kept
    /// when it is among either side's closest; 0: related work is not looked for (only pairs that can
    /// be duplicates are compared field by field); nil: every related pair.
    public var relatedPerEntity: Int? = nil
    /// An experiment that collides with more than this many others gets one collision that counts
    /// them and names the first 20 (`Overlap.crowd`), not one per pair; nil or 0: every pair.
    public var collisionsPerExperiment: Int? = nil
    /// With all-MiniLM-L6-v2, compare its vectors through the map learned for duplicates
    /// (`MeaningAdapter`); false: the model's own vectors (`meaning_map: false` in `.playbook.yml`).
    public var meaningMap = true
    /// The pairs a council has reviewed (set by `OverlapFinder`): with related work capped, they rank
    /// after every unreviewed one, so that an approval does not take the place of unread work.
    var reviewed = Acknowledgements([])

    /// Chosen on the tuning half of the labelled growth pairs (`Tests/PlaybookOverlapsTests/Data`):
    /// with all-MiniLM-L6-v2 F1 there falls above 0.40 (0.87 at 0.40, 0.81 at 0.50; on `tune2` 0.88
    /// and 0.77) and gains little below it (0.92 at 0.25) for many more unlabelled pairs called
    /// duplicates (25 → 40); lower thresholds also make the word search slow on repositories of
    /// look-alike texts. See the README.
    public static let defaultThreshold = 0.4

    public init(threshold: Double = OverlapOptions.defaultThreshold, sameSquad: Bool = false, relatedPerEntity: Int? = nil,
                collisionsPerExperiment: Int? = nil, meaningMap: Bool = true) {
        self.meaningMap = meaningMap
        self.threshold = threshold
        self.sameSquad = sameSquad
        self.relatedPerEntity = relatedPerEntity
        self.collisionsPerExperiment = collisionsPerExperiment
    }
}
