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
    /// What the query is compared with first: title and statement (change, outcome), or an
    /// experiment's title with its hypothesis's; the text the model reads, and the words weighed most.
    public var text: String
    /// The hypothesis an experiment tests (its id as written), nil for a hypothesis.
    public var hypothesis: String? = nil
    /// The learnings, one text, whose words count for less than `text`'s.
    public var learningsText: String = ""
    /// Audience, rationale, metric, squad (and an experiment's surface and segment), whose words count least.
    public var context: String = ""
}

/// One ranked answer to a search: an idea, a hypothesis with the experiments that tested it (or
/// an experiment whose hypothesis is not in the playbook).
public struct SearchHit: Sendable, Hashable {
    public var item: PriorArt
    /// Similarity to the query, 0–1: the best of the item's and its tests'.
    public var score: Double
    /// The experiments that tested a hypothesis, by id (`EXP-9` before `EXP-10`).
    public var tests: [PriorArt] = []
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
        // A squad or metric id ("referral-na", "week4-retention") is read as its words.
        func slug(_ reference: Reference?) -> String? { reference?.value.replacingOccurrences(of: "_", with: " ") }
        return entities.compactMap { entity, file in
            switch entity {
            case let .hypothesis(h):
                let result = results[h.id.value]?.result
                // The learnings shown are its tests': they are searched as the experiments' own.
                return PriorArt(id: h.id.value, kind: .hypothesis, squad: h.squad?.value, status: h.status?.value.rawValue,
                                title: h.title, outcome: result?.outcome?.value.rawValue, lift: result?.lift?.value,
                                learnings: result?.learnings ?? [], file: file,
                                text: join([h.title] + statementText(h)),
                                context: join([h.statement?.audience, h.statement?.rationale, slug(h.metric), slug(h.squad)]))
            case let .experiment(e):
                let tested = e.hypothesis.flatMap { hypotheses[$0.value] }
                let learnings = e.result?.learnings ?? []
                return PriorArt(id: e.id.value, kind: .experiment, squad: e.squad?.value, status: e.status?.value.rawValue,
                                title: e.title, outcome: e.result?.outcome?.value.rawValue, lift: e.result?.lift?.value,
                                learnings: learnings, file: file,
                                text: join([e.title] + statementText(tested)),
                                hypothesis: e.hypothesis?.value, learningsText: join(learnings),
                                context: join([e.audience?.segment, e.surface?.value, slug(e.metrics?.primary), slug(e.squad)]))
            default:
                return nil
            }
        }
    }

    /// Whether a word of the query is symbols only (emoji, "™", "→"): no letter or digit, and some symbol that is not
    /// punctuation or a sign of arithmetic or money.
    static func isSymbol(_ word: Substring) -> Bool {
        var symbol = false
        for scalar in word.unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil { return false }
            if scalar.properties.generalCategory == .otherSymbol { symbol = true }
        }
        return symbol
    }

    /// The cosine from which the model's reading counts: any text reads somewhat alike to it
    /// (gibberish, emoji, stopwords or another language scored 0.10–0.28 against growth ideas, review44).
    static let meaningAlone = 0.30
    /// The score under which an idea is not listed: one common word shared with a long query
    /// (review51 listed items at 0.03 for a shared "learners").
    static let negligible = 0.12

    /// The `limit` ideas most like `query`, best first (ties by id): each hypothesis with the
    /// experiments that tested it, scored by the best of them, so that a hypothesis and its
    /// experiment are one answer; an experiment whose hypothesis is not among `items` stands alone.
    /// An item is scored by the words it shares with the query, weighed by field and rarity
    /// (`QueryWords`) and, with vectors, by meaning: the two read as either evidence
    /// (w + m − w·m), so that an item that says the query's words ranks high whatever the model
    /// makes of it, and one the model reads alike ranks high in other words. An item named by its
    /// id in the query comes first.
    public static func rank(_ query: String, items: [PriorArt], scoring: SearchScoring, limit: Int) -> [SearchHit] {
        // Each experiment joins the first hypothesis of the id it tests.
        var hypothesisIndex: [String: Int] = [:]
        for (index, item) in items.enumerated() where item.kind == .hypothesis && hypothesisIndex[item.id] == nil {
            hypothesisIndex[item.id] = index
        }
        var tests: [Int: [Int]] = [:]
        var leads: [Int] = []
        var idea = Array(items.indices)
        for (index, item) in items.enumerated() {
            if item.kind == .experiment, let tested = item.hypothesis, let lead = hypothesisIndex[tested] {
                tests[lead, default: []].append(index)
                idea[index] = lead
            } else {
                leads.append(index)
            }
        }
        // An id is looked up, not read as words ("EXP-0019" is no "19").
        let ids = Set(items.map { $0.id.uppercased() })
        let words = query.split(whereSeparator: { $0.isWhitespace || $0 == "," })
        let (namedIDs, said) = (Set(words.map { $0.uppercased() }.filter(ids.contains)), words.filter { !ids.contains($0.uppercased()) })
        var scores = said.isEmpty ? [Double](repeating: 0, count: items.count) : QueryWords.scores(said.joined(separator: " "), items: items, idea: idea)
        if case let .vectors(queryVector, vectors, _) = scoring, !said.isEmpty {
            for (index, vector) in vectors.enumerated() where index < scores.count {
                var dot: Float = 0
                for (a, b) in zip(queryVector, vector) { dot += a * b }
                let cosine = Double(max(0, min(1, dot)))
                let meaning = cosine < Self.meaningAlone ? 0 : cosine
                scores[index] = scores[index] + meaning - scores[index] * meaning
            }
        }
        // A symbol (an emoji, "™") is no word to either scorer: looked up as written, each found counting as a word said
        // (review: `search "🔥"` found nothing, though a title began with it).
        let symbols = said.filter(Self.isSymbol)
        if !symbols.isEmpty {
            for (index, item) in items.enumerated() {
                let found = symbols.filter { symbol in
                    [item.text, item.title ?? "", item.learningsText, item.context].contains { $0.contains(symbol) }
                }.count
                guard found > 0 else { continue }
                let literal = Double(found) / Double(said.count)
                scores[index] = scores[index] + literal - scores[index] * literal
            }
        }
        let named = Set(items.indices.filter { namedIDs.contains(items[$0].id.uppercased()) })
        for index in named { scores[index] = 1 }

        var ranked: [(hit: SearchHit, named: Bool)] = []
        for lead in leads {
            let members = tests[lead] ?? []
            let best = members.reduce(scores[lead]) { max($0, scores[$1]) }
            guard best >= Self.negligible else { continue }
            let ordered = members.map { items[$0] }.sorted { $0.id.compare($1.id, options: .numeric) == .orderedAscending }
            let isNamed = named.contains(lead) || members.contains { named.contains($0) }
            ranked.append((SearchHit(item: items[lead], score: best, tests: ordered), isNamed))
        }
        // A named item first, then by score, then by id.
        ranked.sort { a, b in
            if a.named != b.named { return a.named }
            if a.hit.score != b.hit.score { return a.hit.score > b.hit.score }
            return a.hit.item.id < b.hit.item.id
        }
        return ranked.prefix(max(0, limit)).map(\.hit)
    }
}
