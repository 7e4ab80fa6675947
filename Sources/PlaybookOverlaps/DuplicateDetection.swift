import Dispatch
import PlaybookModel
import PlaybookSimilarity

/// Duplicate and related work across squads, field by field.
///
/// Two hypotheses are duplicates when they make the same change (title and change read alike,
/// by words or, with a sentence encoder, by meaning: the score is the higher of the word score
/// and the cosine plus `meaningAllowance`), go the same way, for audiences that can
/// overlap, toward the same metric (the same id, or catalog entries with the same event). The
/// same change going the opposite way, or for another metric, platform, region, surface or
/// segment, is related work: a note naming what differs. Experiments compare likewise on their
/// title, primary metric, surface and structured audience.
enum DuplicateDetection {
    /// Related work is only worth a note when the changes read closer than a duplicate needs.
    static let relatedMargin = 0.1
    /// What a sentence-model cosine counts for beside the word score. Rewordings' cosines run low
    /// (median 0.57 on the tuning half), but so do those of different ideas toward one metric
    /// (0.32–0.51 between the bundled example's hypotheses). With the mutual-nearest rule below,
    /// the tuning half scored alike at +0.05 and −0.05 (42 and 39 of 51 rewordings found; 27 and
    /// 23 other pairs called duplicates); −0.05 keeps the example's different ideas apart.
    static let meaningAllowance = -0.05

    struct Item {
        var side: OverlapSide
        var text: String
        var direction: ChangeDirection
        var facets: Facets
        var metric: String?
        var experiment: Experiment?
    }

    static func find(_ entities: [SourcedEntity], options: OverlapOptions, encoder: (any SentenceEncoder)? = nil) -> [Overlap] {
        let catalog = MetricCatalog(entities)
        let reader = TermReader()
        var hypotheses: [Item] = []
        var experiments: [Item] = []
        for sourced in entities {
            switch sourced.entity {
            case .hypothesis(let h):
                let s = h.statement
                let text = [h.title, s?.change].compactMap { $0 }.joined(separator: ". ")
                let stems = reader.stems(text)
                let who = reader.stems(s?.audience ?? "")
                var facets = Facets(stems: stems, facets: [.platform, .region, .surface])
                facets.merge(Facets(stems: who, facets: [.platform, .region, .segment]))
                hypotheses.append(Item(side: side(h.id, h.squad, sourced.file), text: text, direction: ChangeDirection(stems: stems),
                                       facets: facets, metric: h.metric?.value))
            case .experiment(let e):
                let text = e.title ?? ""
                let stems = reader.stems(text)
                experiments.append(Item(side: side(e.id, e.squad, sourced.file), text: text, direction: ChangeDirection(stems: stems),
                                        facets: Facets(stems: stems, facets: [.platform, .region]),
                                        metric: e.metrics?.primary?.value, experiment: e))
            default:
                continue
            }
        }
        var out: [Overlap] = []
        for (items, kindName) in [(hypotheses, "hypotheses"), (experiments, "experiments")] where items.count > 1 {
            let vectors = encoder.flatMap { try? $0.encode(items.map(\.text)) }.flatMap { $0.count == items.count ? $0 : nil }
            out += pairs(items, vectors: vectors, catalog: catalog, kindName: kindName, options: options)
        }
        return out
    }

    static func side(_ id: Located<String>, _ squad: Reference?, _ file: String) -> OverlapSide {
        OverlapSide(id: id.value, squad: squad?.value, file: file, mark: id.mark)
    }

    /// Candidate pairs of `items` and how alike their texts read, by words and (with vectors) by meaning.
    struct Candidate {
        var words: Double
        /// The cosine of the two texts' vectors.
        var meaning: Double?
        var score: Double { min(1, max(words, meaning.map { $0 + DuplicateDetection.meaningAllowance } ?? 0)) }
        var byMeaning: Bool { (meaning ?? 0) + DuplicateDetection.meaningAllowance > words }
    }

    static func pairs(_ items: [Item], vectors: [[Float]]?, catalog: MetricCatalog, kindName: String, options: OverlapOptions) -> [Overlap] {
        let corpus = Corpus(items.map(\.text))
        let squads = items.map(\.side.squad)
        let sameSquad = options.sameSquad
        let allowed: (Int, Int) -> Bool = { a, b in sameSquad || squads[a] == nil || squads[a] != squads[b] }
        // Keyed by first × count + second (first < second).
        let n = items.count
        var candidates: [Int: Candidate] = [:]
        for match in lexicalMatches(corpus, threshold: options.threshold, allowed: allowed) {
            candidates[match.first * n + match.second] = Candidate(words: match.score)
        }
        if let vectors {
            // By meaning, only where a duplicate can be: within one metric (or with no metric).
            // The pairs `mutualNearest(semanticMatches(…))` gives, without comparing every pair in full.
            let near = NearMeaning.mutualNearest(vectors, keys: items.map { $0.metric.map(catalog.key) }, squads: squads,
                                                 sameSquad: sameSquad, threshold: options.threshold - meaningAllowance,
                                                 keep: nearestByMeaning)
            for (i, j, cosine) in near {
                candidates[i * n + j, default: Candidate(words: corpus.score(i, j))].meaning = cosine
            }
            for key in candidates.keys where candidates[key]?.meaning == nil {
                candidates[key]?.meaning = Double(dot(vectors[key / n], vectors[key % n]))
            }
        }
        var out: [Overlap] = []
        for (key, candidate) in candidates where candidate.score >= options.threshold {
            let (a, b) = (key / n, key % n)
            if let overlap = judge(items[a], items[b], candidate, terms: { corpus.matchedTerms(a, b) },
                                   catalog: catalog, kindName: kindName, options: options) {
                out.append(overlap)
            }
        }
        return out
    }

    /// The pairs whose words score at or above the threshold, searched in blocks over the cores.
    static func lexicalMatches(_ corpus: Corpus, threshold: Double, allowed: @escaping (Int, Int) -> Bool) -> [Match] {
        let search = CandidateSearch(corpus: corpus, threshold: threshold)
        let block = 512
        let blocks = (corpus.count + block - 1) / block
        var found = [[Match]](repeating: [], count: blocks)
        found.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let output = buffer
            nonisolated(unsafe) let allowed = allowed
            DispatchQueue.concurrentPerform(iterations: blocks) { index in
                let rows = (index * block)..<min(corpus.count, (index + 1) * block)
                output[index] = search.matches(rows: rows, allowed: allowed)
            }
        }
        return Array(found.joined())
    }

    /// A restatement is each other's closest idea: a pair found by meaning alone counts only when
    /// each side is among the other's `keep` nearest. Texts of one domain all read somewhat alike to
    /// the model (cosines of 0.3–0.6 between unrelated growth ideas toward one metric), so a fixed
    /// cosine alone would pair every text of a dense topic with every other one.
    static let nearestByMeaning = 3

    static func mutualNearest(_ matches: [(Int, Int, Double)], count: Int, keep: Int) -> [(Int, Int, Double)] {
        var best = [[Double]](repeating: [], count: count)
        for (i, j, cosine) in matches {
            best[i].append(cosine)
            best[j].append(cosine)
        }
        // The k-th best cosine of each item: a pair stays when it reaches both sides' bar.
        let bar = best.map { list -> Double in
            guard list.count > keep else { return -.infinity }
            return list.sorted(by: >)[keep - 1]
        }
        return matches.filter { i, j, cosine in cosine >= bar[i] && cosine >= bar[j] }
    }

    /// Pairs of one metric (an item without a metric meets every other) whose vectors' cosine
    /// reaches the threshold.
    static func semanticMatches(_ items: [Item], _ vectors: [[Float]], catalog: MetricCatalog, threshold: Double,
                                allowed: @escaping (Int, Int) -> Bool) -> [(Int, Int, Double)] {
        let n = items.count
        guard let width = vectors.first?.count, width > 0, vectors.count == n, vectors.allSatisfy({ $0.count == width }) else { return [] }
        // One contiguous matrix, rows compared on every core: the inner loop is a plain dot product
        // the compiler vectorises (all pairs of one metric are compared, so this is the hot path).
        let matrix = vectors.flatMap { $0 }
        let keys: [String?] = items.map { $0.metric.map(catalog.key) }
        var rows = [[(Int, Int, Double)]](repeating: [], count: n)
        matrix.withUnsafeBufferPointer { m in
            rows.withUnsafeMutableBufferPointer { out in
                nonisolated(unsafe) let output = out
                nonisolated(unsafe) let m = m
                nonisolated(unsafe) let allowed = allowed
                DispatchQueue.concurrentPerform(iterations: n) { i in
                    guard let base = m.baseAddress else { return }
                    let a = base + i * width
                    var found: [(Int, Int, Double)] = []
                    for j in (i + 1)..<max(i + 1, n) {
                        // Within one metric; an item without a metric meets every other.
                        if let ki = keys[i], let kj = keys[j], ki != kj { continue }
                        guard allowed(i, j) else { continue }
                        let cosine = Double(dot(a, base + j * width, count: width))
                        if cosine >= threshold { found.append((i, j, cosine)) }
                    }
                    output[i] = found
                }
            }
        }
        return Array(rows.joined())
    }

    /// The dot product of two rows, in four running sums so the loop vectorises.
    static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int) -> Float {
        var s0: Float = 0, s1: Float = 0, s2: Float = 0, s3: Float = 0
        var index = 0
        while index + 4 <= count {
            s0 += a[index] * b[index]
            s1 += a[index + 1] * b[index + 1]
            s2 += a[index + 2] * b[index + 2]
            s3 += a[index + 3] * b[index + 3]
            index += 4
        }
        while index < count {
            s0 += a[index] * b[index]
            index += 1
        }
        return (s0 + s1) + (s2 + s3)
    }

    static func dot(_ a: [Float], _ b: [Float]) -> Float {
        var sum: Float = 0
        for index in 0..<min(a.count, b.count) { sum += a[index] * b[index] }
        return sum
    }

    /// A duplicate, related work, or nothing, with a reason naming what matches and what differs.
    static func judge(_ a: Item, _ b: Item, _ candidate: Candidate, terms shared: () -> [String], catalog: MetricCatalog,
                      kindName: String, options: OverlapOptions) -> Overlap? {
        var matches = ["change"]
        var differences: [String] = []
        if let opposite = ChangeDirection.opposition(a.direction, b.direction) {
            differences.append("direction (\(opposite))")
        }
        if let ma = a.metric, let mb = b.metric {
            if let same = catalog.same(ma, mb) { matches.append("metric \(same)") } else { differences.append("metric (\(ma) / \(mb))") }
        }
        for (facet, detail) in Facets.differences(a.facets, b.facets) { differences.append("\(facet.rawValue) (\(detail))") }
        matches += Facets.matches(a.facets, b.facets).map(\.rawValue)
        if let ea = a.experiment, let eb = b.experiment {
            if let sa = ea.surface?.value, let sb = eb.surface?.value {
                if Surface.related(sa, sb) { matches.append("surface") } else { differences.append("surface (\(sa) / \(sb))") }
            }
            if AudienceOverlap.possible(ea.audience, eb.audience) {
                matches.append("audience")
            } else {
                differences.append("audience (cannot overlap)")
            }
        }
        let score = candidate.score
        if !differences.isEmpty, score < options.threshold + relatedMargin { return nil }
        let terms = shared()
        let whose = [a.side.squad, b.side.squad].compactMap { $0 }
        let squads = Set(whose).count == 2 ? "squads \(whose[0]) and \(whose[1])" : "the same squad"
        let how = candidate.byMeaning ? "close in meaning, cosine \(format(candidate.meaning ?? 0))" : "alike in words"
        var reason = differences.isEmpty
            ? "\(kindName) of \(squads) make the same change (\(how), score \(format(score)))"
            : "\(kindName) of \(squads) make a similar change (\(how), score \(format(score))) but differ in \(differences.joined(separator: ", "))"
        reason += "; match: \(matches.joined(separator: ", ")); shared terms: \(terms.isEmpty ? "none" : terms.joined(separator: ", "))"
        return Overlap(kind: differences.isEmpty ? .duplicate : .related, sides: [a.side, b.side], score: score, reason: reason, terms: terms)
    }

    /// Two decimals: "0.73".
    static func format(_ score: Double) -> String {
        let hundredths = Int((min(1, max(0, score)) * 100).rounded())
        return "\(hundredths / 100)." + (hundredths % 100 < 10 ? "0" : "") + "\(hundredths % 100)"
    }
}
