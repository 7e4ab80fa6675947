import Dispatch
internal import OverlapKernels

extension Rounded {
    /// Who meets whom: each key with itself and with the items without a key; those with each other.
    func comparisons(keys: [String?]) -> [Comparison] {
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
        return comparisons
    }

    /// Blocks of rows (the comparison's index, positions in its rows) to spread over the cores.
    static func blocks(_ comparisons: [Comparison]) -> [(Int, Range<Int>)] {
        let blockRows = 64
        var work: [(Int, Range<Int>)] = []
        for (index, comparison) in comparisons.enumerated() {
            for start in stride(from: 0, to: comparison.rows.count, by: blockRows) {
                work.append((index, start..<min(comparison.rows.count, start + blockRows)))
            }
        }
        return work
    }

    /// `seeds` for the items whose metric keys are `keys`, for a search of each one's `keep` closest.
    func seeds(_ matrix: [Float], width: Int, keys: [String?], group: [Int32], sameSquad: Bool, keep: Int) -> Seeds {
        let compared = comparisons(keys: keys)
        var limits = bounds
        limits.keep = Int32(keep)
        return seeds(matrix, width: width, group: group, sameSquad: sameSquad, comparisons: compared, blocks: Self.blocks(compared),
                     bounds: limits)
    }

    /// A first pass over the same pairs as `candidates`, in rounded products only: each item's
    /// `bounds.keep` closest partners by them, those pairs' cosines as the kernel computes them,
    /// and from them a lower bound on each item's final `keep`-th best (`pb_near_partners`).
    func seeds(_ matrix: [Float], width: Int, group: [Int32], sameSquad: Bool, comparisons: [Comparison],
               blocks: [(Int, Range<Int>)], bounds: pb_near_bounds) -> Seeds {
        let keep = Int(bounds.keep)
        let pool = WorkerPool { Partners(count: count, keep: keep) }
        let floor = bounds.floor
        group.withUnsafeBufferPointer { groupBuffer in
            bytes.withUnsafeBufferPointer { byteBuffer in
                nonisolated(unsafe) let (groups, rounded) = (groupBuffer, byteBuffer)
                DispatchQueue.concurrentPerform(iterations: blocks.count) { index in
                    let (which, rows) = blocks[index]
                    let lists = pool.take()
                    comparisons[which].partners(rows: rows, bytes: rounded, depth: depth, group: groups, sameSquad: sameSquad,
                                                floor: floor, keep: keep, lists: lists)
                    pool.give(lists)
                }
            }
        }
        let merged = pool.all.first ?? Partners(count: count, keep: keep)
        for other in pool.all.dropFirst() {
            pb_near_partners_merge(merged.top, merged.partner, merged.bar, other.top, other.partner, count, Int32(keep))
        }
        // The pairs' cosines over the cores, each pair once.
        var cosines = [Float](repeating: .nan, count: count * keep)
        let chunk = 512
        matrix.withUnsafeBufferPointer { m in
            cosines.withUnsafeMutableBufferPointer { out in
                nonisolated(unsafe) let (m, out) = (m, out)
                DispatchQueue.concurrentPerform(iterations: (count + chunk - 1) / chunk) { c in
                    guard let vectors = m.baseAddress, let target = out.baseAddress else { return }
                    pb_near_partner_cosines(merged.partner, c * chunk, min(count, (c + 1) * chunk), Int32(keep), vectors, width, target)
                }
            }
        }
        var lower = [Float](repeating: -.infinity, count: count)
        var limits = bounds
        cosines.withUnsafeBufferPointer { c in
            lower.withUnsafeMutableBufferPointer { l in
                guard let c = c.baseAddress, let l = l.baseAddress else { return }
                pb_near_partner_bounds(merged.partner, c, count, &limits, l)
            }
        }
        return Seeds(lower: lower, partners: merged, cosines: cosines)
    }
}

/// What the first pass leaves the search: each item's lower bound, and the pairs it worked out.
struct Seeds: @unchecked Sendable {
    /// Per item, a bound never above its final `keep`-th best (−∞ when none is known).
    let lower: [Float]
    /// Each item's partners (`keep` each, −1 where none) and, beside them, the pairs' cosines (NaN
    /// for a pair that is worked out on the other side's list).
    let partners: Partners
    let cosines: [Float]
}

/// One worker's `keep` closest partners of every item by rounded products (`pb_near_partners`).
final class Partners: @unchecked Sendable {
    let top: UnsafeMutablePointer<Int32>
    let partner: UnsafeMutablePointer<Int32>
    /// Per item, what a product must reach to enter its list: kept apart from `top` so that the
    /// kernel reads one small array for every tile.
    let bar: UnsafeMutablePointer<Int32>

    init(count: Int, keep: Int) {
        top = .allocate(capacity: max(1, count * keep))
        partner = .allocate(capacity: max(1, count * keep))
        bar = .allocate(capacity: max(1, count))
        pb_near_partners_reset(top, partner, bar, count, Int32(keep))
    }

    deinit {
        top.deallocate()
        partner.deallocate()
        bar.deallocate()
    }
}
