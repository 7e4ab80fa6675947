/// Two texts of a corpus that score at or above a threshold.
public struct Match: Sendable, Hashable {
    /// Indices into the corpus, `first < second`.
    public var first: Int
    public var second: Int
    public var score: Double

    public init(first: Int, second: Int, score: Double) {
        self.first = first
        self.second = second
        self.score = score
    }
}
