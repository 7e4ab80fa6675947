import Dispatch
import PlaybookEmbedding
import PlaybookModel
import PlaybookSimilarity
internal import OverlapKernels

/// Texts' vectors as one matrix, and the dot products the finder takes of them.
extension DuplicateDetection {
    /// The dot product of two rows, in one running sum: the order of `Vectors.dot`, `dots` and
    /// `NearMeaning.rescored`, so that a pair's cosine is one value whichever way it was found (in
    /// four sums, a pair found by meaning and its copy's pair found by words differed in the last
    /// bits, and so on the grid when near a step's middle, and their ranks with them).
    static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int) -> Float {
        var sum: Float = 0
        for index in 0..<count { sum += a[index] * b[index] }
        return sum
    }

    /// The texts' vectors as one matrix, a row per text (nil when they are not all one width). The
    /// matrix may hold more rows after the texts' (the audiences' vectors, read with them: kept in
    /// place rather than copied out).
    struct Vectors: Sendable {
        let matrix: [Float]
        let width: Int
        /// The texts' rows: the first `count` of the matrix.
        let count: Int
        /// Each row's length, and how far a sum of `width` products in another order may be from
        /// `dot`'s, per unit of the two lengths (twice the bound on each sum's rounding, γ_width).
        private let lengths: [Double]
        private let rounding: Double

        init?(_ rows: [[Float]]) {
            guard let width = rows.first?.count, width > 0, rows.allSatisfy({ $0.count == width }) else { return nil }
            self.init(matrix: rows.flatMap { $0 }, width: width)
        }

        /// The first `rows` rows (default: all) of `matrix`, rows of `width` floats (nil unless it holds
        /// at least one whole row, no part row and the rows asked for).
        init?(matrix: [Float], width: Int, rows: Int? = nil) {
            guard width > 0, !matrix.isEmpty, matrix.count % width == 0 else { return nil }
            let count = rows ?? matrix.count / width
            guard count > 0, count <= matrix.count / width else { return nil }
            self.matrix = matrix
            self.width = width
            self.count = count
            lengths = matrix.withUnsafeBufferPointer { m in
                (0..<count).map { row in
                    m[(row * width)..<((row + 1) * width)].reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
                }
            }
            rounding = 2 * 2 * Double(width) * Double(Float.ulpOfOne)
        }

        /// `cosine(a, b)`, or a quick sum in any order when that lies further from `bound` than the
        /// two sums' rounding and the grid's half step: compared with `bound` (<, ≤, ≥, >) it gives what
        /// `cosine` would (the neighbour rule compares hundreds of thousands of pairs' cosines with a
        /// bar; `dot`'s one running sum is a chain of `width` dependent adds).
        func dot(_ a: Int, _ b: Int, near bound: Double) -> Double {
            let quick = quickDot(a, b)
            return abs(quick - bound) > margin(a, b) + DuplicateDetection.snapReach ? quick : cosine(a, b)
        }

        /// The cosine of rows `a` and `b`: `dot(a, b)` on the grid (`DuplicateDetection.cosine`), 1 for
        /// two copies of one vector.
        func cosine(_ a: Int, _ b: Int) -> Double {
            let product = dot(a, b)
            guard product > 0.99 else { return DuplicateDetection.cosine(product) }
            return matrix.withUnsafeBufferPointer { m in
                DuplicateDetection.cosine(product, m.baseAddress! + a * width, m.baseAddress! + b * width, count: width)
            }
        }

        /// `quickDot(a, b)` for each `b` of `others`, into `out` (as many).
        func quickDots(_ a: Int, _ others: UnsafeBufferPointer<Int32>, into out: UnsafeMutableBufferPointer<Float>) {
            matrix.withUnsafeBufferPointer { m in
                pb_dot_many_any_order(m.baseAddress! + a * width, m.baseAddress!, others.baseAddress!, others.count, width, out.baseAddress!)
            }
        }

        /// The quick sum of `dot(_:_:near:)`.
        func quickDot(_ a: Int, _ b: Int) -> Double {
            matrix.withUnsafeBufferPointer { m in
                Double(pb_dot_any_order(m.baseAddress! + a * width, m.baseAddress! + b * width, width))
            }
        }

        /// How far `quickDot(a, b)` may lie from `dot(a, b)`: each sum is within γ_width × Σ|products|
        /// ≤ γ_width × the lengths' product of the true one.
        func margin(_ a: Int, _ b: Int) -> Double {
            rounding * lengths[a] * lengths[b] + Double(Float.leastNormalMagnitude)
        }

        /// Whether `cosine(a, b) > bound`, given `quick`, the `quickDot(a, b)` (as `dot(_:_:near:)` decides).
        func above(_ a: Int, _ b: Int, _ bound: Double, quick: Double) -> Bool {
            abs(quick - bound) > margin(a, b) + DuplicateDetection.snapReach ? quick > bound : cosine(a, b) > bound
        }

        /// `cosine(key / count, key % count)` for each of `keys`, on every core. One pair's sum is a
        /// chain of `width` dependent adds (the word-found pairs' cosines, half a million on a
        /// 15,000-file playbook, were a tenth of its lint): here several pairs' chains run interleaved,
        /// each summed in `dot`'s order, so each is the same to the bit (`CappedRelatedTests`).
        func dots(_ keys: [Int], count n: Int) -> [Double] {
            let chunk = 2048
            let chunks = (keys.count + chunk - 1) / chunk
            var out = [Double](repeating: 0, count: keys.count)
            let width = width
            out.withUnsafeMutableBufferPointer { buffer in
                matrix.withUnsafeBufferPointer { m in
                    nonisolated(unsafe) let (output, m) = (buffer, m)
                    DispatchQueue.concurrentPerform(iterations: chunks) { c in
                        let range = (c * chunk)..<min(keys.count, (c + 1) * chunk)
                        let first = range.map { Int32(truncatingIfNeeded: keys[$0] / n) }
                        let second = range.map { Int32(truncatingIfNeeded: keys[$0] % n) }
                        var products = [Float](repeating: 0, count: range.count)
                        guard let base = m.baseAddress else { return }
                        pb_dot_in_order_pairs(base, width, first, second, range.count, &products)
                        for k in 0..<range.count {
                            output[range.lowerBound + k] = DuplicateDetection.cosine(products[k], base + Int(first[k]) * width,
                                                                                     base + Int(second[k]) * width, count: width)
                        }
                    }
                }
            }
            return out
        }

        /// `DuplicateDetection.dot` of rows `a` and `b`, summed in the same order (to the bit).
        func dot(_ a: Int, _ b: Int) -> Float {
            matrix.withUnsafeBufferPointer { m in
                var sum: Float = 0
                for index in 0..<width { sum += m[a * width + index] * m[b * width + index] }
                return sum
            }
        }
    }

    static func dot(_ a: [Float], _ b: [Float]) -> Float {
        var sum: Float = 0
        for index in 0..<min(a.count, b.count) { sum += a[index] * b[index] }
        return sum
    }

    /// The same for two rows of matrices, summed in the same order (to the bit).
    static func dot(_ a: ArraySlice<Float>, _ b: ArraySlice<Float>) -> Float {
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                var sum: Float = 0
                for index in 0..<min(a.count, b.count) { sum += a[index] * b[index] }
                return sum
            }
        }
    }
}
