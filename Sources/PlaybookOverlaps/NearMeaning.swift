import Dispatch
import PlaybookModel
import PlaybookSimilarity
import PlaybookYAML
internal import OverlapKernels

/// The matches by meaning that the neighbour rule (`DuplicateDetection.nearestByMeaning`) can
/// use, found without comparing every pair in floating point. That rule only reads each item's
/// `listed` closest matches (and a pair below them all, short of near ties, is out), so it gives
/// the same answer on these as on all of `DuplicateDetection.semanticMatches`.
///
/// Vectors are rounded to signed bytes (one scale for all) and every pair of one metric is
/// compared in int8 by the C kernel (AVX-512 VNNI where the processor has it, a portable loop
/// elsewhere). A pair whose rounded product may reach the threshold and either side's running
/// `listed`-th best cosine (less the rounding bound) gets its float cosine; it is kept when that
/// may reach them too. The kept pairs that may be among a side's closest are rescored with
/// `DuplicateDetection.dot`, exactly as `semanticMatches` scores them.
///
/// Why nothing is lost: every estimate of a cosine (rounded product, kernel cosine) is within a
/// known bound of the exact one, and a side's running `listed`-th best can only be lower than its
/// final one plus that bound, so a pair among a side's closest (or within `window` of the last of
/// them) passes each filter, whose bars are lowered by the bounds and the window.
enum NearMeaning {
    /// What a match may fall short of an item's `listed`-th closest and still be returned: the
    /// neighbour rule's tolerance for copies encoded apart (10⁻⁴), with room to spare.
    static let window = 1e-3

    /// The matches of `DuplicateDetection.semanticMatches` (first < second, cosine at or above
    /// `threshold`, in its order) that are among either side's `listed` closest or within
    /// `window` of the last of them, for vectors whose metric keys are `keys` (nil meets every
    /// key) and whose squads are `squads` (two items of one squad never meet unless
    /// `sameSquad`; nil meets every squad).
    static func matches(_ vectors: [[Float]], keys: [String?], squads: [String?], sameSquad: Bool,
                        threshold: Double, listed: Int) -> [(Int, Int, Double)] {
        guard let width = vectors.first?.count, width > 0, vectors.allSatisfy({ $0.count == width }) else { return [] }
        return matches(matrix: vectors.flatMap { $0 }, width: width, keys: keys, squads: squads, sameSquad: sameSquad,
                       threshold: threshold, listed: listed)
    }

    /// The same for the vectors as one matrix, `width` floats a row: its first `rows` rows (default:
    /// all; the rows after them, such as the audiences' vectors read with the texts', are not compared).
    static func matches(matrix: [Float], width: Int, rows: Int? = nil, keys: [String?], squads: [String?], sameSquad: Bool,
                        threshold: Double, listed: Int) -> [(Int, Int, Double)] {
        guard width > 0, matrix.count % width == 0 else { return [] }
        let n = min(rows ?? matrix.count / width, matrix.count / width)
        guard n > 1, keys.count == n, squads.count == n else { return [] }
        let keep = max(1, listed)
        var groups: [String: Int32] = [:]
        let group: [Int32] = squads.map { squad in
            guard let squad else { return -1 }
            if let known = groups[squad] { return known }
            groups[squad] = Int32(groups.count)
            return Int32(groups.count - 1)
        }
        let found: [(Int, Int, Double)]
        if let rounded = Rounded(matrix, count: n, width: width, threshold: threshold, window: window),
           let candidates = rounded.candidates(matrix, width: width, keys: keys, group: group, sameSquad: sameSquad, keep: keep) {
            found = rescored(candidates, matrix, width: width, threshold: threshold)
        } else {
            found = exhaustive(matrix, count: n, width: width, keys: keys, group: group, sameSquad: sameSquad, threshold: threshold)
        }
        // In `semanticMatches`' order (by first, then second): the rule breaks ties by it. No pair is
        // found twice, so sorting by one key (first × n + second) gives that order.
        var ordered = nearest(found, count: n, keep: keep, slack: window).map { (key: $0.0 * n + $0.1, cosine: $0.2) }
        ordered.sort { $0.key < $1.key }
        return ordered.map { ($0.key / n, $0.key % n, $0.cosine) }
    }

    /// The candidates' cosines as `DuplicateDetection.semanticMatches` computes them (on the grid,
    /// `DuplicateDetection.cosine`), over the cores; those under the threshold are dropped. (The
    /// filters before it leave a slack of 10⁻⁴ and more: far past the grid's half step.)
    static func rescored(_ pairs: [(Int, Int)], _ matrix: [Float], width: Int, threshold: Double) -> [(Int, Int, Double)] {
        let block = 4096
        let blocks = (pairs.count + block - 1) / block
        var found = [[(Int, Int, Double)]](repeating: [], count: blocks)
        matrix.withUnsafeBufferPointer { m in
            pairs.withUnsafeBufferPointer { p in
                found.withUnsafeMutableBufferPointer { out in
                    nonisolated(unsafe) let (m, p, out) = (m, p, out)
                    DispatchQueue.concurrentPerform(iterations: blocks) { index in
                        guard let base = m.baseAddress else { return }
                        let range = (index * block)..<min(p.count, (index + 1) * block)
                        // Several pairs' sums interleaved, each in `DuplicateDetection.dot`'s order (to the bit).
                        let first = range.map { Int32(truncatingIfNeeded: p[$0].0) }
                        let second = range.map { Int32(truncatingIfNeeded: p[$0].1) }
                        var products = [Float](repeating: 0, count: range.count)
                        pb_dot_in_order_pairs(base, width, first, second, range.count, &products)
                        var kept: [(Int, Int, Double)] = []
                        for (k, (a, b)) in p[range].enumerated() {
                            let cosine = DuplicateDetection.cosine(products[k], base + a * width, base + b * width, count: width)
                            if cosine >= threshold { kept.append((a, b, cosine)) }
                        }
                        out[index] = kept
                    }
                }
            }
        }
        return DuplicateDetection.flattened(found)
    }

    /// The pairs among each side's `keep` nearest (ties included): the only ones the neighbour
    /// rule can keep, and enough for it to find each side's bar.
    static func nearest(_ pairs: [(Int, Int, Double)], count: Int, keep: Int, slack: Double = 0) -> [(Int, Int, Double)] {
        var best = RunningBests<Double>(count: count, keep: keep)
        for (a, b, cosine) in pairs {
            best.offer(a, cosine)
            best.offer(b, cosine)
        }
        return pairs.filter { a, b, cosine in
            cosine >= best.bar(a) - slack || cosine >= best.bar(b) - slack
        }
    }

    /// The cosine as `DuplicateDetection.semanticMatches` computes it, to the bit.
    static func exactCosine(_ matrix: [Float], _ a: Int, _ b: Int, width: Int) -> Double {
        matrix.withUnsafeBufferPointer { m in
            guard let base = m.baseAddress else { return 0 }
            return DuplicateDetection.cosine(base + a * width, base + b * width, count: width)
        }
    }

    /// Every allowed pair of one key at or above the threshold: for vectors the kernel cannot take.
    static func exhaustive(_ matrix: [Float], count n: Int, width: Int, keys: [String?], group: [Int32], sameSquad: Bool,
                           threshold: Double) -> [(Int, Int, Double)] {
        var out: [(Int, Int, Double)] = []
        for i in 0..<n {
            for j in (i + 1)..<max(i + 1, n) {
                if let ki = keys[i], let kj = keys[j], ki != kj { continue }
                if !sameSquad, group[i] >= 0, group[i] == group[j] { continue }
                let cosine = exactCosine(matrix, i, j, width: width)
                if cosine >= threshold { out.append((i, j, cosine)) }
            }
        }
        return out
    }

    /// Which kernel compares the rounded vectors here ("avx512-vnni", "avx2" or "portable").
    static var kernelName: String { String(cString: pb_near_kernel_name()) }

    /// Makes the comparisons use the portable kernel, or the fastest one again: for tests.
    static func usePortableKernel(_ portable: Bool) { pb_near_use_portable_kernel(portable ? 1 : 0) }
}

/// Vectors rounded to signed bytes on one scale, with the bound of the rounding error on a product.
struct Rounded {
    let count: Int
    /// The width rounded up to a multiple of 4 (the padding is zero).
    let depth: Int
    /// Signed bytes, `count` rows of `depth`.
    let bytes: [Int8]
    /// The threshold, the error bounds and the scale of the kernel's units.
    let bounds: pb_near_bounds

    /// Nil when the vectors cannot be rounded faithfully (not finite, all zero, or too wide for
    /// 32-bit sums): the caller compares every pair instead.
    init?(_ matrix: [Float], count: Int, width: Int, threshold: Double, window: Double) {
        var largest: Float = 0
        for x in matrix[..<(count * width)] {
            guard x.isFinite else { return nil }
            largest = max(largest, abs(x))
        }
        let depth = (width + 3) / 4 * 4
        guard largest > 0, threshold.isFinite, depth * 255 * 127 < Int(Int32.max) / 4 else { return nil }
        let scale = 127 / Double(largest)
        var bytes = [Int8](repeating: 0, count: count * depth)
        // Largest norms of a rounded vector, of its rounding error and of a vector: each row's on its
        // own, rows in chunks over the cores (a maximum does not depend on the order it is taken in).
        let chunk = 512
        var norms = [(rounded: Double, error: Double, vector: Double)](repeating: (0, 0, 0), count: (count + chunk - 1) / chunk)
        bytes.withUnsafeMutableBufferPointer { out in
            norms.withUnsafeMutableBufferPointer { largest in
                matrix.withUnsafeBufferPointer { m in
                    nonisolated(unsafe) let (out, largest, m) = (out, largest, m)
                    DispatchQueue.concurrentPerform(iterations: largest.count) { c in
                        var (roundedNorm, errorNorm, norm) = (0.0, 0.0, 0.0)
                        for i in (c * chunk)..<min(count, (c + 1) * chunk) {
                            var r = 0.0, e = 0.0, v = 0.0
                            for k in 0..<width {
                                let x = Double(m[i * width + k])
                                let q = min(127, max(-127, (x * scale).rounded()))
                                out[i * depth + k] = Int8(q)
                                r += (q / scale) * (q / scale)
                                e += (x - q / scale) * (x - q / scale)
                                v += x * x
                            }
                            roundedNorm = max(roundedNorm, r.squareRoot())
                            errorNorm = max(errorNorm, e.squareRoot())
                            norm = max(norm, v.squareRoot())
                        }
                        largest[c] = (roundedNorm, errorNorm, norm)
                    }
                }
            }
        }
        let roundedNorm = norms.map(\.rounded).max() ?? 0
        let errorNorm = norms.map(\.error).max() ?? 0
        let norm = norms.map(\.vector).max() ?? 0
        // |x·y − qx·qy| ≤ |qx|·|ey| + |ex|·|qy| + |ex|·|ey| (the 10⁻³ only widens it). The kernel's
        // float cosines differ from `DuplicateDetection.dot`'s by the order of their sums: each is
        // within width × 2⁻²⁴ × |x|·|y| of the true value, far less than 10⁻⁴; the slack adds the
        // caller's window.
        let rounding = 2 * roundedNorm * errorNorm + errorNorm * errorNorm + 1e-3
        let slack = 2 * 1e-4 * max(1, norm * norm) + max(0, window)
        let units = scale * scale
        let limit = Double(Int32.max / 4)
        self.count = count
        self.depth = depth
        self.bytes = bytes
        bounds = pb_near_bounds(threshold: threshold, slack: slack, rounding: rounding, units: units,
                                floor: Int32(min(limit, max(-limit, ((threshold - rounding - 2 * slack) * units).rounded(.down)))),
                                keep: 0)
    }

    /// Pairs (first < second) that may be among either side's `keep` nearest at or above the
    /// threshold (or within the window of the last of them), within one key (or with a nil key)
    /// and allowed by `group`; nil when memory ran out.
    func candidates(_ matrix: [Float], width: Int, keys: [String?], group: [Int32], sameSquad: Bool, keep: Int) -> [(Int, Int)]? {
        // Who meets whom: each key with itself and with the items without a key; those with each other.
        var order: [String] = []
        var byKey: [String: [Int]] = [:]
        var unkeyed: [Int] = []
        for (index, key) in keys.enumerated() {
            guard let key else {
                unkeyed.append(index)
                continue
            }
            if byKey[key] == nil { order.append(key) }
            byKey[key, default: []].append(index)
        }
        var comparisons: [Comparison] = []
        for key in order {
            let members = byKey[key] ?? []
            comparisons.append(Comparison(rows: members, columns: members, triangular: true, rounded: self))
            if !unkeyed.isEmpty {
                comparisons.append(Comparison(rows: members, columns: unkeyed, triangular: false, rounded: self))
            }
        }
        if unkeyed.count > 1 {
            comparisons.append(Comparison(rows: unkeyed, columns: unkeyed, triangular: true, rounded: self))
        }
        // Blocks of rows over the cores; each worker keeps its own running bests. The kernel takes a
        // block's rows tile by tile: 128 rows (their bytes and floats, 240 KB at width 384) and a
        // tile's columns stay in a core's cache while the block passes over the tile.
        let blockRows = 128
        var work: [(Int, Range<Int>)] = []
        for (index, comparison) in comparisons.enumerated() {
            for start in stride(from: 0, to: comparison.rows.count, by: blockRows) {
                work.append((index, start..<min(comparison.rows.count, start + blockRows)))
            }
        }
        let pool = WorkerPool(count: count, keep: keep)
        let (blocks, compared) = (work, comparisons)
        var bounds = self.bounds
        bounds.keep = Int32(keep)
        let limits = bounds
        group.withUnsafeBufferPointer { groupBuffer in
            matrix.withUnsafeBufferPointer { matrixBuffer in
                bytes.withUnsafeBufferPointer { byteBuffer in
                    nonisolated(unsafe) let (groups, vectors, rounded) = (groupBuffer, matrixBuffer, byteBuffer)
                    DispatchQueue.concurrentPerform(iterations: blocks.count) { index in
                        let (which, rows) = blocks[index]
                        let worker = pool.take()
                        compared[which].compare(rows: rows, bytes: rounded, depth: depth, group: groups, sameSquad: sameSquad,
                                                vectors: vectors, width: width, bounds: limits, worker: worker)
                        pool.give(worker)
                    }
                }
            }
        }
        // Each pair is met once (the comparisons' pairs are disjoint), so there is nothing to merge.
        // Only pairs among a side's closest by the kernel's cosines (less the slack) can be among
        // its closest by the exact ones: the rest are dropped here, before any copy is made.
        let workers = pool.all
        if workers.contains(where: { $0.pairs.failed != 0 }) { return nil }
        let bars = Self.keepthBest(of: workers, count: count, keep: keep)
        let slack = Float(bounds.slack)
        // The pairs in the workers' order, in pieces over the cores (one thread went through them all).
        let piece = 1 << 16
        let pieces = workers.enumerated().flatMap { index, worker in
            stride(from: 0, to: worker.pairs.count, by: piece).map { (index, $0..<min(worker.pairs.count, $0 + piece)) }
        }
        var kept = [[(Int, Int)]](repeating: [], count: pieces.count)
        bars.withUnsafeBufferPointer { bars in
            kept.withUnsafeMutableBufferPointer { kept in
                nonisolated(unsafe) let (bars, kept) = (bars, kept)
                DispatchQueue.concurrentPerform(iterations: pieces.count) { index in
                    let (which, range) = pieces[index]
                    guard let pairs = workers[which].pairs.pairs else { return }
                    var out: [(Int, Int)] = []
                    for place in range {
                        let pair = pairs[place]
                        let (a, b) = (Int(pair.row), Int(pair.column))
                        guard pair.cosine >= bars[a] - slack || pair.cosine >= bars[b] - slack else { continue }
                        out.append((min(a, b), max(a, b)))
                    }
                    kept[index] = out
                }
            }
        }
        return DuplicateDetection.flattened(kept)
    }

    /// Each item's `keep`-th highest kernel cosine over every pair the workers kept (−∞ when fewer).
    /// A worker's `best` holds the `keep` highest of the pairs it kept (those it dropped were under
    /// both sides' bests, and so never among them), and each pair is kept by one worker at most, so
    /// merging the workers' lists gives what offering every kept pair to `RunningBests` gives.
    static func keepthBest(of workers: [Worker], count: Int, keep: Int) -> [Float] {
        var bars = [Float](repeating: -.infinity, count: count)
        // The highest so far (descending), and the next merge's result.
        var merged = [Float](repeating: -.infinity, count: keep)
        var next = merged
        for item in 0..<count {
            for index in 0..<keep { merged[index] = -.infinity }
            for worker in workers {
                let list = worker.best + item * keep
                var (fromMerged, fromList) = (0, 0)
                for index in 0..<keep {
                    if fromMerged >= keep || list[fromList] > merged[fromMerged] {
                        next[index] = list[fromList]
                        fromList += 1
                    } else {
                        next[index] = merged[fromMerged]
                        fromMerged += 1
                    }
                }
                swap(&merged, &next)
            }
            bars[item] = merged[keep - 1]
        }
        return bars
    }
}

/// One set of rows against one set of columns, rounded and packed for the kernel.
struct Comparison: @unchecked Sendable {
    let rowIDs: [Int32]
    let columnIDs: [Int32]
    let triangular: Bool
    let packed: [Int8]
    let sums: [Int32]
    var rows: [Int32] { rowIDs }

    init(rows: [Int], columns: [Int], triangular: Bool, rounded: Rounded) {
        let depth = rounded.depth
        rowIDs = rows.map { Int32($0) }
        let columnIDs = columns.map { Int32($0) }
        self.columnIDs = columnIDs
        self.triangular = triangular
        let panels = pb_near_panels(columns.count)
        var packed = [Int8](repeating: 0, count: panels * 16 * depth)
        var sums = [Int32](repeating: 0, count: panels * 16)
        rounded.bytes.withUnsafeBufferPointer { source in
            columnIDs.withUnsafeBufferPointer { ids in
                packed.withUnsafeMutableBufferPointer { target in
                    sums.withUnsafeMutableBufferPointer { sumTarget in
                        guard let s = source.baseAddress, let i = ids.baseAddress, let t = target.baseAddress,
                              let u = sumTarget.baseAddress else { return }
                        pb_near_pack_columns(s, i, columns.count, depth, t, u)
                    }
                }
            }
        }
        self.packed = packed
        self.sums = sums
    }

    /// Compares the rows at `rows` (positions in `rowIDs`) of `bytes` with every column.
    func compare(rows: Range<Int>, bytes: UnsafeBufferPointer<Int8>, depth: Int, group: UnsafeBufferPointer<Int32>, sameSquad: Bool,
                 vectors: UnsafeBufferPointer<Float>, width: Int, bounds: pb_near_bounds, worker: Worker) {
        var bounds = bounds
        rowIDs.withUnsafeBufferPointer { ri in
            packed.withUnsafeBufferPointer { p in
                sums.withUnsafeBufferPointer { s in
                    columnIDs.withUnsafeBufferPointer { ci in
                        guard let r = bytes.baseAddress, let ri = ri.baseAddress, let p = p.baseAddress, let s = s.baseAddress,
                              let ci = ci.baseAddress, let g = group.baseAddress, let v = vectors.baseAddress else { return }
                        pb_near_compare(r, ri, rows.lowerBound, rows.upperBound, depth, p, s, ci, columnIDs.count,
                                        triangular ? 1 : 0, g, sameSquad ? 1 : 0, v, width, &bounds,
                                        worker.best, worker.bar, &worker.pairs)
                    }
                }
            }
        }
    }
}

/// One worker's running bests (for every item) and the pairs it kept; the bars are its pool's.
final class Worker: @unchecked Sendable {
    let best: UnsafeMutablePointer<Float>
    let bar: UnsafeMutablePointer<Int32>
    var pairs = pb_near_pairs(pairs: nil, count: 0, capacity: 0, failed: 0)

    fileprivate init(count: Int, keep: Int, bar: UnsafeMutablePointer<Int32>) {
        best = .allocate(capacity: max(1, count * keep))
        self.bar = bar
        pb_near_bests_reset(best, count, Int32(keep))
    }

    deinit {
        best.deallocate()
        pb_near_pairs_free(&pairs)
    }
}

/// Workers lent to the blocks running at one time; a worker's bests carry over to its next block.
/// The bars are shared: a bar one worker raises from the pairs it met spares the others the float
/// cosines of pairs under it (with a bar for each worker, two cores computed 1.6 times as many).
final class WorkerPool: @unchecked Sendable {
    private let lock = DispatchQueue(label: "playbook.near-meaning.workers")
    private var idle: [Worker] = []
    private(set) var all: [Worker] = []
    let count: Int
    let keep: Int
    private let bar: UnsafeMutablePointer<Int32>

    init(count: Int, keep: Int) {
        self.count = count
        self.keep = keep
        bar = .allocate(capacity: max(1, count))
        pb_near_bars_reset(bar, count)
    }

    deinit {
        bar.deallocate()
    }

    func take() -> Worker {
        lock.sync {
            if let worker = idle.popLast() { return worker }
            let worker = Worker(count: count, keep: keep, bar: bar)
            all.append(worker)
            return worker
        }
    }

    func give(_ worker: Worker) {
        lock.sync { idle.append(worker) }
    }
}

/// Duplicates by meaning on bare vectors, for the benchmarks: the fast search duplicate
/// detection uses, and the comparison of every pair it replaces.
public enum MeaningPairs {
    /// Pairs (first < second, cosine) that the neighbour rule of duplicate detection keeps among
    /// items of one metric at or above `threshold`, between items of different squads (nil:
    /// none), every text its own and every pair compatible.
    public static func nearest(_ vectors: [[Float]], metrics: [String?], squads: [String?], threshold: Double) -> [(Int, Int, Double)] {
        let matches = NearMeaning.matches(vectors, keys: metrics, squads: squads, sameSquad: false, threshold: threshold,
                                          listed: DuplicateDetection.ranksByMeaning + 14)
        return kept(matches, count: vectors.count)
    }

    /// The same by comparing every pair in floating point.
    public static func everyPair(_ vectors: [[Float]], metrics: [String?], squads: [String?], threshold: Double) -> [(Int, Int, Double)] {
        let items = vectors.indices.map { index in
            DuplicateDetection.Item(side: OverlapSide(id: "\(index)", squad: squads[index], file: "", mark: Mark(line: 1, column: 1)),
                                    text: "", direction: ChangeDirection(stems: []), facets: Facets(stems: [], facets: []),
                                    metric: metrics[index])
        }
        let matches = DuplicateDetection.semanticMatches(items, vectors, catalog: MetricCatalog([]), threshold: threshold) { a, b in
            squads[a] == nil || squads[a] != squads[b]
        }
        return kept(matches, count: vectors.count)
    }

    static func kept(_ matches: [(Int, Int, Double)], count: Int) -> [(Int, Int, Double)] {
        DuplicateDetection.nearestByMeaning(matches, texts: (0..<count).map { "\($0)" }, keep: DuplicateDetection.ranksByMeaning,
                                            compatible: { _, _ in true }).map { ($0.first, $0.second, $0.cosine) }
    }
}

/// Each item's `keep` highest values seen so far, highest first (−∞ where fewer were seen).
struct RunningBests<Value: BinaryFloatingPoint> {
    private var best: [Value]
    private let keep: Int

    init(count: Int, keep: Int) {
        self.keep = keep
        best = [Value](repeating: -.infinity, count: count * keep)
    }

    /// Records `value` for `item` when it is among the item's `keep` highest.
    mutating func offer(_ item: Int, _ value: Value) {
        let base = item * keep
        guard value > best[base + keep - 1] else { return }
        var p = keep - 1
        while p > 0, best[base + p - 1] < value {
            best[base + p] = best[base + p - 1]
            p -= 1
        }
        best[base + p] = value
    }

    /// The lowest of the item's `keep` highest values: what another value must reach to be among them.
    func bar(_ item: Int) -> Value { best[item * keep + keep - 1] }
}
