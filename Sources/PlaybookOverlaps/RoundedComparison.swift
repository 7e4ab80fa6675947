import Dispatch
internal import OverlapKernels

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

    /// Raises `lists` with the rows at `rows` (positions in `rowIDs`) of `bytes` against every column.
    func partners(rows: Range<Int>, bytes: UnsafeBufferPointer<Int8>, depth: Int, group: UnsafeBufferPointer<Int32>, sameSquad: Bool,
                  floor: Int32, keep: Int, lists: Partners) {
        rowIDs.withUnsafeBufferPointer { ri in
            packed.withUnsafeBufferPointer { p in
                sums.withUnsafeBufferPointer { s in
                    columnIDs.withUnsafeBufferPointer { ci in
                        guard let r = bytes.baseAddress, let ri = ri.baseAddress, let p = p.baseAddress, let s = s.baseAddress,
                              let ci = ci.baseAddress, let g = group.baseAddress else { return }
                        pb_near_partners(r, ri, rows.lowerBound, rows.upperBound, depth, p, s, ci, columnIDs.count,
                                         triangular ? 1 : 0, g, sameSquad ? 1 : 0, floor, Int32(keep), lists.top, lists.partner, lists.bar)
                    }
                }
            }
        }
    }

    /// Compares the rows at `rows` (positions in `rowIDs`) of `bytes` with every column.
    /// `partners` and `cosines`: the first pass's pairs (`Seeds`), whose cosines are not computed again.
    func compare(rows: Range<Int>, bytes: UnsafeBufferPointer<Int8>, depth: Int, group: UnsafeBufferPointer<Int32>, sameSquad: Bool,
                 vectors: UnsafeBufferPointer<Float>, width: Int, partners: UnsafePointer<Int32>, cosines: UnsafeBufferPointer<Float>,
                 bounds: pb_near_bounds, worker: Worker) {
        var bounds = bounds
        rowIDs.withUnsafeBufferPointer { ri in
            packed.withUnsafeBufferPointer { p in
                sums.withUnsafeBufferPointer { s in
                    columnIDs.withUnsafeBufferPointer { ci in
                        guard let r = bytes.baseAddress, let ri = ri.baseAddress, let p = p.baseAddress, let s = s.baseAddress,
                              let ci = ci.baseAddress, let g = group.baseAddress, let v = vectors.baseAddress,
                              let known = cosines.baseAddress else { return }
                        pb_near_compare(r, ri, rows.lowerBound, rows.upperBound, depth, p, s, ci, columnIDs.count,
                                        triangular ? 1 : 0, g, sameSquad ? 1 : 0, v, width, partners, known, &bounds,
                                        worker.best, worker.bar, &worker.pairs)
                    }
                }
            }
        }
    }
}

/// One worker's running bests (for every item) and the pairs it kept.
final class Worker: @unchecked Sendable {
    let best: UnsafeMutablePointer<Float>
    let bar: UnsafeMutablePointer<Int32>
    var pairs = pb_near_pairs(pairs: nil, count: 0, capacity: 0, failed: 0)

    /// Bests starting from `lower` (`Seeds.lower`, one per item).
    init(count: Int, bounds: pb_near_bounds, lower: [Float]) {
        let keep = Int(bounds.keep)
        best = .allocate(capacity: max(1, count * keep))
        bar = .allocate(capacity: max(1, count))
        pb_near_state_reset(best, bar, count, bounds.keep)
        var bounds = bounds
        lower.withUnsafeBufferPointer { l in
            guard l.count >= count, let base = l.baseAddress else { return }
            pb_near_state_seed(best, bar, count, &bounds, base)
        }
    }

    deinit {
        best.deallocate()
        bar.deallocate()
        pb_near_pairs_free(&pairs)
    }
}

/// Workers lent to the blocks running at one time; a worker's state carries over to its next block.
final class WorkerPool<Lent: AnyObject>: @unchecked Sendable {
    private let lock = DispatchQueue(label: "playbook.near-meaning.workers")
    private var idle: [Lent] = []
    private(set) var all: [Lent] = []
    private let make: () -> Lent

    init(make: @escaping () -> Lent) {
        self.make = make
    }

    func take() -> Lent {
        lock.sync {
            if let worker = idle.popLast() { return worker }
            let worker = make()
            all.append(worker)
            return worker
        }
    }

    func give(_ worker: Lent) {
        lock.sync { idle.append(worker) }
    }
}
