import Foundation
import PlaybookModel
import PlaybookSimilarity

/// A hypothesis or experiment as prior art: what it tried, and what came of it.
public struct PriorArt: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable { case hypothesis, experiment }

    public var id: String
    public var kind: Kind
    public var squad: String?
    public var status: String?
    public var title: String?
    /// Win, loss, flat or inconclusive: an experiment's own result; for a hypothesis, the
    /// result of the last experiment that tested it and has one: the latest planned end (`end`,
    /// else `start` plus `design.duration_days`, else `start`), then the greatest id read as
    /// numbers (where files lie plays no part).
    public var outcome: String?
    public var lift: Double?
    public var learnings: [String]
    public var file: String
    /// What the query is compared with: title and statement, or an experiment's title with its hypothesis's statement.
    public var text: String
}

/// One ranked answer to a search.
public struct SearchHit: Sendable, Hashable {
    public var item: PriorArt
    /// Similarity to the query, 0–1.
    public var score: Double
}

/// How the query was compared with the playbook.
public enum SearchScoring: Sendable {
    /// Cosines of sentence vectors: the query's, and one per item in order.
    case vectors(query: [Float], items: [[Float]], model: String)
    /// The lexical scorer of `playbook overlaps` (stemmed, weighted word overlap).
    case lexical

    public var engineName: String {
        switch self {
        case let .vectors(_, _, model): model
        case .lexical: "lexical"
        }
    }
}

/// Prior-art search: the hypotheses and experiments of every squad, ranked by similarity to free text.
public enum PriorArtSearch {
    /// Whether a conclusion comes after another: by end date (none is the earliest), then by id, its numbers as numbers.
    static func later(_ a: (end: Day?, id: String), than b: (end: Day?, id: String)) -> Bool {
        switch (a.end, b.end) {
        case let (x?, y?) where x != y: x > y
        case (nil, _?): false
        case (_?, nil): true
        default: a.id.compare(b.id, options: .numeric) == .orderedDescending  // EXP-10 after EXP-9
        }
    }

    /// The hypotheses and experiments among `entities` (each with the file it came from).
    public static func items(_ entities: [(entity: Entity, file: String)]) -> [PriorArt] {
        var hypotheses: [String: Hypothesis] = [:]
        var results: [String: (result: ExperimentResult, end: Day?, id: String)] = [:]
        for (entity, _) in entities {
            switch entity {
            case let .hypothesis(h):
                hypotheses[h.id.value] = h
            case let .experiment(e):
                guard let tested = e.hypothesis?.value, let result = e.result, result.outcome != nil else { break }
                // The latest conclusion wins: its `end`, else its start plus `design.duration_days`,
                // else its start; one with none of these counts as the earliest.
                let end = e.plannedEnd ?? e.start?.value
                if let known = results[tested], !Self.later((end, e.id.value), than: (known.end, known.id)) { break }
                results[tested] = (result, end, e.id.value)
            default:
                break
            }
        }
        func statementText(_ h: Hypothesis?) -> [String?] { [h?.statement?.change, h?.statement?.outcome] }
        func join(_ parts: [String?]) -> String {
            parts.compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ". ")
        }
        return entities.compactMap { entity, file in
            switch entity {
            case let .hypothesis(h):
                let result = results[h.id.value]?.result
                return PriorArt(id: h.id.value, kind: .hypothesis, squad: h.squad?.value, status: h.status?.value.rawValue,
                                title: h.title, outcome: result?.outcome?.value.rawValue, lift: result?.lift?.value,
                                learnings: result?.learnings ?? [], file: file,
                                text: join([h.title] + statementText(h)))
            case let .experiment(e):
                let tested = e.hypothesis.flatMap { hypotheses[$0.value] }
                return PriorArt(id: e.id.value, kind: .experiment, squad: e.squad?.value, status: e.status?.value.rawValue,
                                title: e.title, outcome: e.result?.outcome?.value.rawValue, lift: e.result?.lift?.value,
                                learnings: e.result?.learnings ?? [], file: file,
                                text: join([e.title] + statementText(tested)))
            default:
                return nil
            }
        }
    }

    /// The cosine from which the model's reading alone lists an item.
    static let meaningAlone = 0.30
    /// The word score from which an item counts as sharing a word with the query.
    static let sharedWords = 0.05

    /// The `limit` items most similar to `query`, best first (ties by id), scores above zero only.
    public static func rank(_ query: String, items: [PriorArt], scoring: SearchScoring, limit: Int) -> [SearchHit] {
        let scores: [Double]
        switch scoring {
        case let .vectors(queryVector, vectors, _):
            // Any text reads somewhat alike to the model (gibberish, emoji, stopwords or another language
            // scored 0.10–0.28 against growth ideas, review44): by meaning alone an item is listed only
            // from `meaningAlone` on; one sharing a word with the query at any cosine.
            let corpus = Corpus(items.map(\.text) + [query])
            scores = vectors.enumerated().map { index, vector in
                var dot: Float = 0
                for (a, b) in zip(queryVector, vector) { dot += a * b }
                let cosine = Double(max(0, min(1, dot)))
                if cosine < Self.meaningAlone, Double(corpus.score(index, items.count)) < Self.sharedWords { return 0 }
                return cosine
            }
        case .lexical:
            let corpus = Corpus(items.map(\.text) + [query])
            // A score under 0.02 is letters in common, no word: no resemblance.
            scores = items.indices.map { Double(corpus.score($0, items.count)) }.map { $0 < 0.02 ? 0 : $0 }
        }
        let ranked = zip(items, scores)
            .filter { $0.1 > 0 }
            .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0.id < $1.0.id }
        return ranked.prefix(max(0, limit)).map { SearchHit(item: $0.0, score: $0.1) }
    }
}
