extension DuplicateDetection {
    /// The grid every cosine of two texts' vectors (and every token alignment) is snapped to before it
    /// is compared with a threshold, another cosine or a word score, or shown. The encoder's last bits
    /// depend on the BLAS kernel the machine picks (OpenBLAS's per processor, Accelerate on a Mac) and
    /// move a cosine by about 10⁻⁷; on the grid a value decided by such a perturbation is the rare one
    /// within 10⁻⁷ of a grid step's middle, not every exact tie (a copy's cosine of 1 against its word
    /// score of 1 flipped 376 pairs of an 8,000-experiment playbook between two kernels).
    static let cosineGrid = 1e-6

    /// How far `snapped` may move a value: half the grid, with room for the snap's own rounding.
    /// A bound decided on an estimate of a cosine widens the estimate's margin by this.
    static let snapReach = cosineGrid / 2 + 1e-12

    /// `value` on the grid of `cosineGrid` (the nearest step; a half step away from zero).
    @inline(__always)
    static func snapped(_ value: Double) -> Double {
        (value * 1e6).rounded() / 1e6
    }

    /// A product of two unit vectors as a cosine: on the grid.
    @inline(__always)
    static func cosine(_ product: Float) -> Double {
        snapped(Double(product))
    }

    /// The cosine of two vectors of `count` floats: `dot(a, b, count:)` on the grid, exactly 1 for
    /// two copies of one vector (a text and its copy; the sum of a vector's squares is 1 only to
    /// within its rounding, which can reach past the grid's half step).
    @inline(__always)
    static func cosine(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int) -> Double {
        cosine(dot(a, b, count: count), a, b, count: count)
    }

    /// `product`, the dot product of `a` and `b` (summed in any order), as a cosine: 1 when the two
    /// are one vector (only a product near 1 is checked).
    @inline(__always)
    static func cosine(_ product: Float, _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int) -> Double {
        if product > 0.99, a == b || same(a, b, count: count) { return 1 }
        return cosine(product)
    }

    /// Whether two vectors of `count` floats are equal, element by element (stopping at the first that differs).
    static func same(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int) -> Bool {
        for index in 0..<count where a[index] != b[index] { return false }
        return true
    }

    /// The cosine of two vectors (`dot(_:_:)` on the grid; 1 for copies of one vector).
    static func cosine(_ a: [Float], _ b: [Float]) -> Double {
        let product = dot(a, b)
        if product > 0.99, a.count == b.count, a == b { return 1 }
        return cosine(product)
    }

    /// The same for two rows of matrices.
    static func cosine(_ a: ArraySlice<Float>, _ b: ArraySlice<Float>) -> Double {
        let product = dot(a, b)
        if product > 0.99, a.count == b.count, a == b { return 1 }
        return cosine(product)
    }
}
