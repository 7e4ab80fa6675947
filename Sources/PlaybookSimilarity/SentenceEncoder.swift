/// Turns sentences into unit-length vectors whose dot product is their semantic similarity.
/// The similarity layer stays pure: the model that implements this lives in its own module.
public protocol SentenceEncoder: Sendable {
    /// A short name of the model, for messages and cache keys (e.g. "all-MiniLM-L6-v2").
    var modelName: String { get }
    /// The length of every vector `encode` returns.
    var dimension: Int { get }
    /// One L2-normalised vector per text, in order.
    func encode(_ texts: [String]) throws -> [[Float]]
}
