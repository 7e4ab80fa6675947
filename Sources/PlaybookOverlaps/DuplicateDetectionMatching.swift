import Dispatch
import PlaybookEmbedding
import PlaybookModel
import PlaybookSimilarity
internal import OverlapKernels

/// Candidate pairs by words and by meaning, and the related notes kept per item.
extension DuplicateDetection {
    /// `found` with its related pairs cut to those among either side's `cap` closest related entities
    /// (by score, then the other's id), counting `onlyRelated` (pairs known to be related, not yet
    /// compared: `judging` compares and judges those kept); each kept related pair says its place
    /// among each side's related entities and how many each has.
    /// Every related pair counts in `relatedTotals` (the "related to N more" of an entity's last note), so each
    /// must be found and scored: no per-entity early stop of the word search is exact while that number is
    /// printed (spread-16000: 2.58 million related pairs counted, 61,600 noted; the numbers printed sum to 5.08 million).
    /// (`found` is taken, not copied: its overlaps are moved into the list returned; a copy of each was a
    /// retain of each of its fields, and a release when `found` was freed.)
    static func closestRelated(_ found: consuming [Overlap], onlyRelated: [(key: Int, score: Double)], cap: Int, items: [Item],
                               reviewed: Acknowledgements = Acknowledgements([]), judging: ([(key: Int, score: Double)]) -> [Overlap]) -> [Overlap] {
        var found = found
        let n = items.count
        // The items' ids read once (read through `items`, each was a copy of its side, a retain of its strings).
        let ids = items.map(\.side.id)
        let place = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($0.element, $0.offset) })
        var duplicates: [Overlap] = []
        // Every related pair as (score, first, second, index into `found` or −1 − index into `onlyRelated`), in 24 bytes
        // (with `Int`s, 32: this list, the entities' lists and the ranks were some 37 MB of a lint's peak on spread-8000).
        var related: [(score: Double, a: Int32, b: Int32, source: Int32)] = []
        // Sized once: grown by doubling, the list (millions of pairs on a large playbook) was copied again at each step.
        related.reserveCapacity(found.count + onlyRelated.count)
        // A pair a council has reviewed ranks after every unreviewed one (scores are in 0–1).
        // (Looked up only where either side's approvals name another: most pairs have none.)
        let approving = reviewed.isEmpty ? [] : items.map { reviewed.names($0.side.id) }
        let below = { (a: Int, b: Int) in
            approving.isEmpty || !(approving[a] || approving[b]) || reviewed.reviewer(ids[a], ids[b]) == nil ? 0.0 : 2
        }
        for index in found.indices {
            if found[index].kind != .related { duplicates.append(take(&found, index, vacated: vacated)); continue }
            guard let a = place[found[index].sides[0].id], let b = place[found[index].sides[1].id] else { continue }
            related.append((found[index].score - below(a, b), Int32(a), Int32(b), Int32(index)))
        }
        for (index, pair) in onlyRelated.enumerated() {
            related.append((pair.score - below(pair.key / n, pair.key % n), Int32(pair.key / n), Int32(pair.key % n), Int32(-1 - index)))
        }
        guard cap > 0 else { return duplicates }
        // Each entity's related pairs (flat: `lists[starts[e]..<starts[e + 1]]`), its closest `cap` of
        // them by score, then by the other's id, and each pair's place among each side's closest.
        var totals = [Int](repeating: 0, count: n)
        for pair in related {
            totals[Int(pair.a)] += 1
            totals[Int(pair.b)] += 1
        }
        var starts = [Int](repeating: 0, count: n + 1)
        for entity in 0..<n { starts[entity + 1] = starts[entity] + totals[entity] }
        var filled = starts
        var lists = [Int32](repeating: 0, count: starts[n])
        for (index, pair) in related.enumerated() {
            lists[filled[Int(pair.a)]] = Int32(index)
            filled[Int(pair.a)] += 1
            lists[filled[Int(pair.b)]] = Int32(index)
            filled[Int(pair.b)] += 1
        }
        // Each item's place among the ids sorted (ties are broken by the other's id).
        var idOrder = [Int](repeating: 0, count: n)
        for (position, item) in items.indices.sorted(by: { ids[$0] < ids[$1] }).enumerated() { idOrder[item] = position }
        var ranksA = [Int32](repeating: Int32(clamping: cap + 1), count: related.count)
        var ranksB = ranksA
        // Each entity's closest (indices into `related`, closest first), on both cores: one thread walked
        // every entity's list (each pair twice, its score and the other's id fetched from afar), a stretch
        // growing with the related pairs at the end of the comparison.
        let (pairs, entityLists, entityStarts, order) = (related, lists, starts, idOrder)
        let closest: [[Int]] = sideBySide(n) { entity in
            guard entityStarts[entity + 1] > entityStarts[entity] else { return [] }
            var best: [(score: Double, order: Int, index: Int)] = []
            best.reserveCapacity(cap + 1)
            for listed in entityLists[entityStarts[entity]..<entityStarts[entity + 1]] {
                let index = Int(listed)
                let pair = pairs[index]
                let entry = (score: pair.score, order: order[Int(pair.a) == entity ? Int(pair.b) : Int(pair.a)], index: index)
                if best.count == cap, let last = best.last, !(entry.score > last.score || (entry.score == last.score && entry.order < last.order)) {
                    continue
                }
                var at = best.count
                while at > 0, entry.score > best[at - 1].score || (entry.score == best[at - 1].score && entry.order < best[at - 1].order) { at -= 1 }
                best.insert(entry, at: at)
                if best.count > cap { best.removeLast() }
            }
            return best.map(\.index)
        }
        for (entity, indices) in closest.enumerated() {
            for (offset, index) in indices.enumerated() {
                if Int(related[index].a) == entity { ranksA[index] = Int32(offset + 1) } else { ranksB[index] = Int32(offset + 1) }
            }
        }
        var kept = consume duplicates
        var toJudge: [(key: Int, score: Double)] = []
        var placesToJudge: [Int] = []
        func marked(_ overlap: consuming Overlap, _ index: Int) -> Overlap {
            var overlap = overlap
            let pair = related[index]
            let ranks = (Int(ranksA[index]), Int(ranksB[index]))
            let (a, b) = (Int(pair.a), Int(pair.b))
            // `sides` are ordered by id; the pair's first item may be the second side.
            let firstIsA = overlap.sides[0].id == ids[a]
            overlap.relatedRanks = firstIsA ? [ranks.0, ranks.1] : [ranks.1, ranks.0]
            overlap.relatedTotals = firstIsA ? [totals[a], totals[b]] : [totals[b], totals[a]]
            return overlap
        }
        // The pairs among either side's closest, in order (a rank not given is cap + 1).
        for index in related.indices where ranksA[index] <= cap || ranksB[index] <= cap {
            let source = Int(related[index].source)
            if source >= 0 { kept.append(marked(take(&found, source, vacated: vacated), index)) } else {
                toJudge.append(onlyRelated[-1 - source])
                placesToJudge.append(index)
            }
        }
        var judgedNow = judging(toJudge)
        var byKey: [Int: Int] = [:]
        for index in placesToJudge { byKey[Int(related[index].a) * n + Int(related[index].b)] = index }
        for k in judgedNow.indices {
            guard let a = place[judgedNow[k].sides[0].id], let b = place[judgedNow[k].sides[1].id],
                  let index = byKey[min(a, b) * n + max(a, b)] else { continue }
            kept.append(marked(take(&judgedNow, k, vacated: vacated), index))
        }
        return kept
    }

    /// The pairs whose words score at or above the threshold, searched in blocks over the cores.
    static func lexicalMatches(_ corpus: Corpus, threshold: Double, allowed: @escaping (Int, Int) -> Bool,
                               bar: ((Int, Int) -> Double)? = nil) -> [Match] {
        let search = CandidateSearch(corpus: corpus, threshold: threshold)
        let block = 512
        let blocks = (corpus.count + block - 1) / block
        var found = [[Match]](repeating: [], count: blocks)
        found.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let output = buffer
            nonisolated(unsafe) let allowed = allowed
            nonisolated(unsafe) let bar = bar
            DispatchQueue.concurrentPerform(iterations: blocks) { index in
                let rows = (index * block)..<min(corpus.count, (index + 1) * block)
                var scored = 0
                output[index] = search.matches(rows: rows, allowed: allowed, bar: bar, scored: &scored)
            }
        }
        return flattened(found)
    }

    /// `lists` joined into one list, sized once: `Array(lists.joined())` grows it by doubling, and
    /// millions of pairs found in blocks were copied again at each step (each new buffer faulted in afresh).
    static func flattened<Element>(_ lists: [[Element]]) -> [Element] {
        var joined: [Element] = []
        joined.reserveCapacity(lists.reduce(0) { $0 + $1.count })
        for list in lists { joined.append(contentsOf: list) }
        return joined
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
                        let cosine = cosine(a, base + j * width, count: width)
                        if cosine >= threshold { found.append((i, j, cosine)) }
                    }
                    output[i] = found
                }
            }
        }
        return Array(rows.joined())
    }
}
