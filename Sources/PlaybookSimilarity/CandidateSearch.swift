/// Finds similar pairs without comparing every pair: an inverted index over word terms with a
/// frequent-term cut-off. A term in more than `maxPostings` texts carries little idea and would
/// make the search quadratic, so it is left out of the index — but only as far as the text's
/// other terms can still prove a match (prefix filtering). Since the other parts of the score
/// are at most 1 and the number factor only lowers it, a pair scoring at least the threshold
/// has a word cosine of at least `wordBound` = (threshold − pairs − grams weights) ÷ words
/// weight; every such pair shares an indexed term, so the search finds every pair that
/// comparing all pairs would find. Candidates are scored exactly: no false pairs either.
public struct CandidateSearch: Sendable {
    public let corpus: Corpus
    /// Per term `t`: the texts that index it, ascending, with the term's weight there, at
    /// `postingDocs[postingStart[t]..<postingStart[t + 1]]` (one flat array: no per-term arrays
    /// to retain in the inner loop).
    private let postingStart: [Int32]
    private let postingDocs: [Int32]
    private let postingWeights: [Float]
    /// Per text: the length of the part of its vector left out of the index.
    private let unindexedNorm: [Float]
    /// Per text `d`: its terms left out of the index, ascending, at `leftOutTerms[leftOutStart[d]..<leftOutStart[d + 1]]`
    /// (weights alike): a few frequent terms, what a candidate shares with a probing text on them summed exactly.
    private let leftOutStart: [Int32]
    private let leftOutTerms: [Int32]
    private let leftOutWeights: [Float]
    /// Per text `d`: its word vector at `allTerms[allStart[d]..<allStart[d + 1]]`, flat, so a
    /// candidate's word cosine is summed against the probing text's weights without a merge.
    private let allStart: [Int32]
    private let allTerms: [Int32]
    private let allWeights: [Float]
    /// Per text: the length of the part of its vector on frequent terms.
    private let frequentNorm: [Float]
    public let maxPostings: Int
    /// Per text `d`: its gram vector at `gramIds[gramStart[d]..<gramStart[d + 1]]` (weights alike), flat,
    /// so that scoring a candidate in full reads one run of memory; and how many gram ids there are.
    private let gramStart: [Int32]
    private let gramIds: [Int32]
    private let gramWeights: [Float]
    private let gramSlots: Int
    /// The word cosine below which no pair can reach the threshold.
    public let wordBound: Float
    /// The score a pair must reach.
    public let threshold: Double
    /// Where a text's walk of its terms' postings stops: once what its terms not walked may add to
    /// a word cosine is under this share of `wordBound` (see `matches`). Only the work changes with it.
    static let walkedBound: Float = 0.5

    /// `frequentFraction`: terms in more than this share of the texts (and more than 100
    /// texts) may be left out of the index.
    public init(corpus: Corpus, frequentFraction: Double = 0.02, threshold: Double) {
        self.corpus = corpus
        self.threshold = threshold
        let w = corpus.weights
        let wordBound = w.words > 0 ? max(0, (Float(threshold) - w.pairs - w.grams) / w.words) : 0
        self.wordBound = wordBound
        let maxPostings = max(100, Int(Double(corpus.count) * frequentFraction))
        self.maxPostings = maxPostings
        // Slightly under the bound, so that rounding cannot lose a pair right at it.
        let budget = wordBound * 0.999
        var indexed: [(term: Int32, doc: Int32, weight: Float)] = []
        var left = [Float](repeating: 0, count: corpus.count)
        var flatStart: [Int32] = [0]
        var flatTerms: [Int32] = []
        var flatWeights: [Float] = []
        var frequentPart = [Float](repeating: 0, count: corpus.count)
        var (leftStart, leftTerms, leftWeights): ([Int32], [Int32], [Float]) = ([0], [], [])
        var leftOutHere: [Int] = []
        // Read through a local: the sort's comparator reading `corpus` copied it (a retain of each of
        // its arrays) at every comparison.
        let frequency = corpus.documentFrequency
        for (doc, vector) in corpus.words.enumerated() {
            // Most frequent first: they are the ones worth leaving out.
            let order = vector.ids.indices.sorted {
                let a = frequency[Int(vector.ids[$0])], b = frequency[Int(vector.ids[$1])]
                return a != b ? a > b : vector.ids[$0] < vector.ids[$1]
            }
            var skipped: Float = 0
            var canSkip = true
            leftOutHere.removeAll(keepingCapacity: true)
            for k in order {
                let id = vector.ids[k], weight = vector.weights[k]
                let frequent = Int(corpus.documentFrequency[Int(id)]) > maxPostings
                if frequent { frequentPart[doc] += weight * weight }
                if canSkip, frequent, (skipped + weight * weight).squareRoot() < budget {
                    skipped += weight * weight
                    leftOutHere.append(k)
                    continue
                }
                canSkip = false
                indexed.append((id, Int32(doc), weight))
            }
            left[doc] = skipped.squareRoot()
            leftOutHere.sort()
            for k in leftOutHere {
                leftTerms.append(vector.ids[k])
                leftWeights.append(vector.weights[k])
            }
            leftStart.append(Int32(leftTerms.count))
            flatTerms.append(contentsOf: vector.ids)
            flatWeights.append(contentsOf: vector.weights)
            flatStart.append(Int32(flatTerms.count))
            frequentPart[doc] = frequentPart[doc].squareRoot()
        }
        // Counting sort by term keeps each term's texts in ascending order.
        let terms = corpus.documentFrequency.count
        var start = [Int32](repeating: 0, count: terms + 1)
        for entry in indexed { start[Int(entry.term) + 1] += 1 }
        for t in 0..<terms { start[t + 1] += start[t] }
        var fill = start
        var docs = [Int32](repeating: 0, count: indexed.count)
        var weights = [Float](repeating: 0, count: indexed.count)
        for entry in indexed {
            let slot = Int(fill[Int(entry.term)])
            docs[slot] = entry.doc
            weights[slot] = entry.weight
            fill[Int(entry.term)] += 1
        }
        postingStart = start
        postingDocs = docs
        postingWeights = weights
        unindexedNorm = left
        (leftOutStart, leftOutTerms, leftOutWeights) = (leftStart, leftTerms, leftWeights)
        allStart = flatStart
        allTerms = flatTerms
        allWeights = flatWeights
        frequentNorm = frequentPart
        var (gramStart, gramIds, gramWeights): ([Int32], [Int32], [Float]) = ([0], [], [])
        var gramSlots = 0
        for vector in corpus.grams {
            gramIds.append(contentsOf: vector.ids)
            gramWeights.append(contentsOf: vector.weights)
            gramStart.append(Int32(gramIds.count))
            gramSlots = max(gramSlots, Int(vector.ids.last ?? -1) + 1)
        }
        (self.gramStart, self.gramIds, self.gramWeights, self.gramSlots) = (gramStart, gramIds, gramWeights, gramSlots)
    }

    /// Pairs whose later text lies in `rows` (so callers may split the work) scoring at
    /// least the threshold; `allowed(a, b)` (with a > b) says whether a pair may be reported.
    public func matches(rows: Range<Int>? = nil, allowed: (Int, Int) -> Bool = { _, _ in true }) -> [Match] {
        var scored = 0
        return matches(rows: rows, allowed: allowed, scored: &scored)
    }

    /// The same, counting in `scored` the candidate pairs whose score was computed in full.
    /// `bar`, when given, raises the threshold for some pairs (never lowers it): a pair is a match
    /// when it scores at least `max(threshold, bar(a, b))`.
    public func matches(rows: Range<Int>? = nil, allowed: (Int, Int) -> Bool = { _, _ in true }, bar: ((Int, Int) -> Double)? = nil,
                        scored: inout Int) -> [Match] {
        let rows = rows ?? 0..<corpus.count
        // The search's parts as locals: the closures below reading them through `self` copied the
        // search (a retain of each of its arrays, on both cores at once) for every text.
        let (corpus, threshold, postingStart, unindexedNorm, frequentNorm) = (corpus, threshold, postingStart, unindexedNorm, frequentNorm)
        let (postingDocs, postingWeights, allStart, allTerms, allWeights) = (postingDocs, postingWeights, allStart, allTerms, allWeights)
        let (leftOutStart, leftOutTerms, leftOutWeights) = (leftOutStart, leftOutTerms, leftOutWeights)
        var accumulator = [Float](repeating: 0, count: corpus.count)
        // The weights of text `a` by term, for adding up what the index left out of each candidate.
        var dense = [Float](repeating: 0, count: corpus.documentFrequency.count)
        // The texts met in a's walk, each once, at `touched[0..<met]`: written at every posting and
        // kept (`met` moved on) only when the text was not met before, so the walk has no branch
        // but its end. A text is met once per probing text, so `corpus.count` slots always suffice.
        var touched = [Int32](repeating: 0, count: max(1, corpus.count))
        // The word cosines of the candidates at `touched[0..<candidates]`, summed over b's terms in
        // ascending order with a's weights read by term: the same products added in the same order
        // as the merge of the two vectors (`Corpus.wordCosine`), plus exact zeros for the terms
        // only b has, so the same number to the last bit, kept rather than merged again.
        var cosines = [Float](repeating: 0, count: max(1, corpus.count))
        // The gram weights of text `a` by gram, for scoring its candidates in full (`gramCosines`): a merge of
        // the two gram lists for each candidate, its branches mispredicted, was a tenth of a lint with the model.
        var denseGrams = [Float](repeating: 0, count: max(1, gramSlots))
        var gramCosines = [Float](repeating: 0, count: max(1, corpus.count))
        let (gramStart, gramIds, gramWeights) = (gramStart, gramIds, gramWeights)
        var out: [Match] = []
        let bound = wordBound * 0.999
        // The word cosine from the index and the left-out terms sums the same products in
        // another order: it may differ from the merged one in the last bits, never by this.
        let tolerance: Float = 1e-4
        // The largest part of any text's vector left out of the index.
        let leftOut = unindexedNorm.max() ?? 0
        var order: [Int] = []
        // Read through a local: the sort's comparator reading `corpus` through `self` copied the
        // search (a retain of each of its arrays, on both cores at once) at every comparison.
        let frequency = corpus.documentFrequency
        for a in rows {
            let vector = corpus.words[a]
            let frequentA = frequentNorm[a]
            // a's terms rarest first (short postings). A text not met through the terms taken so
            // far shares with a at most the length of a's other terms (|b| = 1), plus what its
            // left-out terms hold: once that cannot reach the bound, no new candidate can appear,
            // and the longest postings (the most frequent terms) are never walked. The walk goes on
            // until that is under `walkedBound` of the bound, so that what the terms not walked may
            // add (`unseen`) rules out most of the texts met: stopped at the bound itself, half of
            // them stayed candidates and had their cosine summed in full (10 million on a
            // 32,000-file playbook, 60,000 of them reaching the bound); at half of it, 380,000 for
            // 10% more postings walked. Either way every pair that can reach the bound is scored.
            order.removeAll(keepingCapacity: true)
            order.append(contentsOf: vector.ids.indices)
            order.sort {
                let x = frequency[Int(vector.ids[$0])], y = frequency[Int(vector.ids[$1])]
                return x != y ? x < y : $0 < $1
            }
            var rest: Float = 0
            for w in vector.weights { rest += w * w }
            let met = postingDocs.withUnsafeBufferPointer { docs in
                postingWeights.withUnsafeBufferPointer { weights in
                    accumulator.withUnsafeMutableBufferPointer { sums in
                        touched.withUnsafeMutableBufferPointer { touched in
                            dense.withUnsafeMutableBufferPointer { dense in
                                for k in vector.ids.indices { dense[Int(vector.ids[k])] = vector.weights[k] }
                                var met = 0
                                for k in order {
                                    if max(0, rest).squareRoot() * 1.001 + frequentA * leftOut < bound * Self.walkedBound { break }
                                    let id = vector.ids[k], weight = vector.weights[k]
                                    rest -= weight * weight
                                    var slot = Int(postingStart[Int(id)])
                                    let end = Int(postingStart[Int(id) + 1])
                                    while slot < end {
                                        // Postings ascend: only texts before `a`, so each pair is seen once.
                                        let doc = Int(docs[slot])
                                        if doc >= a { break }
                                        let sum = sums[doc]
                                        touched[met] = Int32(truncatingIfNeeded: doc)
                                        met &+= sum == 0 ? 1 : 0
                                        sums[doc] = sum + weight * weights[slot]
                                        slot &+= 1
                                    }
                                }
                                return met
                            }
                        }
                    }
                }
            }
            let unseen = max(0, rest).squareRoot() * 1.001
            // The texts met that the bounds leave in, in order, at `touched[0..<bounded]`.
            let bounded = accumulator.withUnsafeMutableBufferPointer { sums in
                touched.withUnsafeMutableBufferPointer { touched in
                    dense.withUnsafeBufferPointer { dense in
                        var bounded = 0
                        for index in 0..<met {
                            let b32 = touched[index]
                            let b = Int(b32)
                            let shared = sums[b]
                            sums[b] = 0
                            // At most what the index saw, what a's terms not walked can add, and
                            // what b's left-out (frequent) terms can: |a on frequent terms| × |b left out|.
                            guard shared + unseen + frequentA * unindexedNorm[b] + tolerance >= bound else { continue }
                            // Tighter, when b has terms left out: what it shares with a on those, summed
                            // (a's weights are all in `dense`), in place of |a on frequent terms| × |b left out|.
                            // The index saw the rest but for a's terms not walked (at most `unseen`).
                            let leftFrom = Int(leftOutStart[b]), leftTo = Int(leftOutStart[b + 1])
                            if leftFrom < leftTo {
                                var onLeftOut: Float = 0
                                for k in leftFrom..<leftTo { onLeftOut += dense[Int(leftOutTerms[k])] * leftOutWeights[k] }
                                guard shared + unseen + onLeftOut * 1.001 + tolerance >= bound else { continue }
                            }
                            touched[bounded] = b32
                            bounded += 1
                        }
                        return bounded
                    }
                }
            }
            // The word cosine over all of b's terms, for each of those, eight texts at a time, then four (`gramCosines`: the same
            // products summed in the same order as one text at a time, so the same number to the bit). Summed
            // one text at a time, each text's first terms a cache miss, this was a quarter of the search's own time.
            dense.withUnsafeBufferPointer { dense in
                Self.gramCosines(of: touched[0..<bounded], against: dense, starts: allStart, ids: allTerms, weights: allWeights,
                                 into: &cosines)
            }
            var candidates = 0
            for index in 0..<bounded {
                let b32 = touched[index]
                let b = Int(b32)
                let cosine = cosines[index]
                guard cosine + tolerance >= bound,
                      corpus.scoreCanReach(a, b, wordCosine: cosine + tolerance,
                                           threshold: bar.map { max(threshold, $0(a, b)) } ?? threshold),
                      allowed(a, b) else { continue }
                touched[candidates] = b32
                cosines[candidates] = cosine
                candidates += 1
            }
            // Only the few that may reach the threshold are scored in full, as before: those whose word cosine
            // reaches the bound, kept in order at `touched[0..<kept]`.
            scored += candidates
            var kept = 0
            for index in 0..<candidates where cosines[index] >= bound {
                touched[kept] = touched[index]
                cosines[kept] = cosines[index]
                kept += 1
            }
            if kept > 0 {
                let grams = corpus.grams[a]
                denseGrams.withUnsafeMutableBufferPointer { dense in
                    for k in grams.ids.indices { dense[Int(grams.ids[k])] = grams.weights[k] }
                    Self.gramCosines(of: touched[0..<kept], against: UnsafeBufferPointer(dense), starts: gramStart, ids: gramIds,
                                     weights: gramWeights, into: &gramCosines)
                    for id in grams.ids { dense[Int(id)] = 0 }
                }
            }
            for index in 0..<kept {
                let b = Int(touched[index])
                let score = corpus.score(a, b, wordCosine: cosines[index], gramCosine: gramCosines[index])
                if score >= threshold, bar.map({ score >= $0(a, b) }) ?? true { out.append(Match(first: b, second: a, score: score)) }
            }
            for id in vector.ids { dense[Int(id)] = 0 }
        }
        return out
    }

    /// For each text `b` of `texts`, in order, into `out`: the cosine of its grams (or words: `ids[starts[b]..<starts[b + 1]]`,
    /// weights alike) with the probing text's laid out by id in `dense` (0 elsewhere). Summed over b's grams in
    /// ascending order, a's weight first, these are the same products added in the same order as the merge
    /// of the two lists (`SparseVector.dot`), plus exact zeros: the same number to the bit. Eight (then four) texts at a
    /// time, each its own running sum: one text's sum, a chain of dependent adds after a cache miss on its
    /// grams, left the core waiting (a third of the word search on spread-16000).
    static func gramCosines(of texts: ArraySlice<Int32>, against dense: UnsafeBufferPointer<Float>, starts: [Int32], ids: [Int32],
                            weights: [Float], into out: inout [Float]) {
        starts.withUnsafeBufferPointer { starts in
            ids.withUnsafeBufferPointer { ids in
                weights.withUnsafeBufferPointer { weights in
                    out.withUnsafeMutableBufferPointer { out in
                        // b's sum on from its `done`-th gram.
                        func sum(_ b: Int32, from done: Int, _ running: Float) -> Float {
                            var s = running
                            for k in (Int(starts[Int(b)]) + done)..<Int(starts[Int(b) + 1]) { s += dense[Int(ids[k])] * weights[k] }
                            return s
                        }
                        var index = texts.startIndex, at = 0
                        // Eight at a time while there are eight (more misses under way at once), then four.
                        while index + 8 <= texts.endIndex {
                            var o = (0, 0, 0, 0, 0, 0, 0, 0)
                            var common = Int.max
                            withUnsafeMutableBytes(of: &o) { raw in
                                let o = raw.bindMemory(to: Int.self)
                                for j in 0..<8 {
                                    let b = Int(texts[index + j])
                                    o[j] = Int(starts[b])
                                    common = min(common, Int(starts[b + 1]) - o[j])
                                }
                            }
                            var (s0, s1, s2, s3, s4, s5, s6, s7): (Float, Float, Float, Float, Float, Float, Float, Float) = (0, 0, 0, 0, 0, 0, 0, 0)
                            for k in 0..<common {
                                s0 += dense[Int(ids[o.0 + k])] * weights[o.0 + k]
                                s1 += dense[Int(ids[o.1 + k])] * weights[o.1 + k]
                                s2 += dense[Int(ids[o.2 + k])] * weights[o.2 + k]
                                s3 += dense[Int(ids[o.3 + k])] * weights[o.3 + k]
                                s4 += dense[Int(ids[o.4 + k])] * weights[o.4 + k]
                                s5 += dense[Int(ids[o.5 + k])] * weights[o.5 + k]
                                s6 += dense[Int(ids[o.6 + k])] * weights[o.6 + k]
                                s7 += dense[Int(ids[o.7 + k])] * weights[o.7 + k]
                            }
                            out[at] = sum(texts[index], from: common, s0)
                            out[at + 1] = sum(texts[index + 1], from: common, s1)
                            out[at + 2] = sum(texts[index + 2], from: common, s2)
                            out[at + 3] = sum(texts[index + 3], from: common, s3)
                            out[at + 4] = sum(texts[index + 4], from: common, s4)
                            out[at + 5] = sum(texts[index + 5], from: common, s5)
                            out[at + 6] = sum(texts[index + 6], from: common, s6)
                            out[at + 7] = sum(texts[index + 7], from: common, s7)
                            index += 8
                            at += 8
                        }
                        while index + 4 <= texts.endIndex {
                            let (b0, b1, b2, b3) = (texts[index], texts[index + 1], texts[index + 2], texts[index + 3])
                            let (o0, o1, o2, o3) = (Int(starts[Int(b0)]), Int(starts[Int(b1)]), Int(starts[Int(b2)]), Int(starts[Int(b3)]))
                            let common = min(min(Int(starts[Int(b0) + 1]) - o0, Int(starts[Int(b1) + 1]) - o1),
                                             min(Int(starts[Int(b2) + 1]) - o2, Int(starts[Int(b3) + 1]) - o3))
                            var (s0, s1, s2, s3): (Float, Float, Float, Float) = (0, 0, 0, 0)
                            for k in 0..<common {
                                s0 += dense[Int(ids[o0 + k])] * weights[o0 + k]
                                s1 += dense[Int(ids[o1 + k])] * weights[o1 + k]
                                s2 += dense[Int(ids[o2 + k])] * weights[o2 + k]
                                s3 += dense[Int(ids[o3 + k])] * weights[o3 + k]
                            }
                            out[at] = sum(b0, from: common, s0)
                            out[at + 1] = sum(b1, from: common, s1)
                            out[at + 2] = sum(b2, from: common, s2)
                            out[at + 3] = sum(b3, from: common, s3)
                            index += 4
                            at += 4
                        }
                        while index < texts.endIndex {
                            out[at] = sum(texts[index], from: 0, 0)
                            index += 1
                            at += 1
                        }
                    }
                }
            }
        }
    }

    /// Every pair compared: the reference the index is measured against.
    public func exhaustiveMatches(allowed: (Int, Int) -> Bool = { _, _ in true }) -> [Match] {
        var out: [Match] = []
        for a in 0..<corpus.count {
            for b in 0..<a where allowed(a, b) {
                let score = corpus.score(a, b)
                if score >= threshold { out.append(Match(first: b, second: a, score: score)) }
            }
        }
        return out
    }
}
