/// A sparse vector: ids ascending, each with a weight; usually normalised to length 1.
public struct SparseVector: Sendable, Hashable {
    public private(set) var ids: [Int32]
    public private(set) var weights: [Float]

    public init() {
        ids = []
        weights = []
    }

    /// From a list of ids with repeats; `weight` turns (id, times it occurs) into a weight.
    init(ids list: [Int32], weight: (Int32, Int) -> Float) {
        let sorted = list.sorted()
        ids = []
        weights = []
        ids.reserveCapacity(sorted.count)
        weights.reserveCapacity(sorted.count)
        var i = 0
        while i < sorted.count {
            var j = i + 1
            while j < sorted.count && sorted[j] == sorted[i] { j += 1 }
            ids.append(sorted[i])
            weights.append(weight(sorted[i], j - i))
            i = j
        }
        normalise()
    }

    var isEmpty: Bool { ids.isEmpty }

    mutating func normalise() {
        var sum: Float = 0
        for w in weights { sum += w * w }
        guard sum > 0 else { return }
        let scale = 1 / sum.squareRoot()
        for i in weights.indices { weights[i] *= scale }
    }

    /// The dot product, by merging the two id lists.
    func dot(_ other: SparseVector) -> Float {
        // The candidate search's inner loop: a merge over sorted ids without bounds checks.
        ids.withUnsafeBufferPointer { a in
            other.ids.withUnsafeBufferPointer { b in
                weights.withUnsafeBufferPointer { wa in
                    other.weights.withUnsafeBufferPointer { wb in
                        var i = 0, j = 0, sum: Float = 0
                        let na = a.count, nb = b.count
                        while i < na && j < nb {
                            let x = a[i], y = b[j]
                            if x == y {
                                sum += wa[i] * wb[j]
                                i += 1
                                j += 1
                            } else if x < y {
                                i += 1
                            } else {
                                j += 1
                            }
                        }
                        return sum
                    }
                }
            }
        }
    }

    /// The ids both vectors have, with the product of their weights.
    func shared(_ other: SparseVector) -> [(id: Int32, product: Float)] {
        var i = 0, j = 0
        var out: [(Int32, Float)] = []
        while i < ids.count && j < other.ids.count {
            if ids[i] == other.ids[j] {
                out.append((ids[i], weights[i] * other.weights[j]))
                i += 1
                j += 1
            } else if ids[i] < other.ids[j] {
                i += 1
            } else {
                j += 1
            }
        }
        return out
    }
}
