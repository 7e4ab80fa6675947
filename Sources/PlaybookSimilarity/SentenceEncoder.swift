/// Turns sentences into unit-length vectors whose dot product is their semantic similarity.
/// The similarity layer stays pure: the model that implements this lives in its own module.
public protocol SentenceEncoder: Sendable {
    /// A short name of the model, for messages and cache keys (e.g. "all-MiniLM-L6-v2").
    var modelName: String { get }
    /// The length of every vector `encode` returns.
    var dimension: Int { get }
    /// One L2-normalised vector per text, in order.
    func encode(_ texts: [String]) throws -> [[Float]]
    /// `encode`'s vectors as one matrix, a row per text (`width` floats each); nil when they are
    /// not all one width. An encoder that reads vectors from storage fills the matrix directly,
    /// without an array per vector.
    func encodeMatrix(_ texts: [String]) throws -> (matrix: [Float], width: Int)?
}

extension SentenceEncoder {
    public func encodeMatrix(_ texts: [String]) throws -> (matrix: [Float], width: Int)? {
        EncodedRows.matrix(try encode(texts))
    }
}

/// Vectors as rows of one matrix.
public enum EncodedRows {
    /// `rows` joined into one matrix; nil when they are not all one width (no rows: width 0).
    public static func matrix(_ rows: [[Float]]) -> (matrix: [Float], width: Int)? {
        let width = rows.first?.count ?? 0
        guard rows.allSatisfy({ $0.count == width }) else { return nil }
        return (rows.flatMap { $0 }, width)
    }
}
