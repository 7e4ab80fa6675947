/// SplitMix64: a small, fast generator whose output depends only on its seed, so the same
/// seed gives the same repository on every machine and every Swift version.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A whole number in `range`; the stdlib's `Int.random(in:using:)` may change its
    /// algorithm between releases, this does not.
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        let span = UInt64(range.upperBound - range.lowerBound) + 1
        return range.lowerBound + Int(next() % span)
    }

    /// A number in `range`, rounded to `decimals` places.
    mutating func number(_ range: ClosedRange<Double>, decimals: Int) -> Double {
        let unit = Double(next() >> 11) / Double(1 << 53)
        return rounded(range.lowerBound + unit * (range.upperBound - range.lowerBound), decimals: decimals)
    }

    /// True with probability `p`.
    mutating func chance(_ p: Double) -> Bool {
        Double(next() >> 11) / Double(1 << 53) < p
    }

    mutating func pick<T>(_ items: [T]) -> T {
        items[int(0...(items.count - 1))]
    }

    /// `count` distinct items of `items` (all of them when there are fewer), in a random order.
    mutating func pick<T>(_ count: Int, of items: [T]) -> [T] {
        var pool = items
        var out: [T] = []
        while out.count < count, !pool.isEmpty {
            out.append(pool.remove(at: int(0...(pool.count - 1))))
        }
        return out
    }

    /// Picks by weight: `weighted([("a", 3), ("b", 1)])` gives "a" three times in four.
    mutating func weighted<T>(_ choices: [(T, Int)]) -> T {
        let total = choices.reduce(0) { $0 + $1.1 }
        var roll = int(0...(total - 1))
        for (value, weight) in choices {
            if roll < weight { return value }
            roll -= weight
        }
        return choices[choices.count - 1].0
    }
}

func rounded(_ value: Double, decimals: Int) -> Double {
    (value * pow10(decimals)).rounded() / pow10(decimals)
}
