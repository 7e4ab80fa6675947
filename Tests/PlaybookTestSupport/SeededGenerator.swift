/// SplitMix64: random numbers that are the same on every run for one seed, so a generated test
/// case that fails can be named by its seed and replayed. Shared by the test targets that build
/// random histories and edits (the benchmark package keeps its own copy: it cannot depend on tests).
public struct SeededGenerator: RandomNumberGenerator {
    public var state: UInt64

    public init(state: UInt64) { self.state = state }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<n` (n > 0), by remainder: the same sequence the generators it replaced gave.
    public mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}
