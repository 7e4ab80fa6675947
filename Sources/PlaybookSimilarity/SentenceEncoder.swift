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
    /// `encode`'s vectors written into `matrix`, a row of `dimension` floats each: `texts[i]`'s into
    /// row `rows[i]` (as many rows as texts). False when a vector is not `dimension` floats long or
    /// a row lies outside the matrix (the matrix is then left in any state). A model writes its
    /// vectors straight into their rows, without an array per vector.
    func encode(_ texts: [String], into matrix: UnsafeMutableBufferPointer<Float>, rows: [Int]) throws -> Bool
    /// Whether encoding `count` distinct texts certainly fails before any is read: a model capped at
    /// fewer texts a run, with nothing stored to read them from (lint's first run on a large playbook).
    /// False when unsure. The duplicate finder then compares those texts by words from the start.
    func certainlyRefuses(distinctTexts count: Int) -> Bool
}

extension SentenceEncoder {
    public func encode(_ texts: [String], into matrix: UnsafeMutableBufferPointer<Float>, rows: [Int]) throws -> Bool {
        let width = dimension
        guard rows.count == texts.count, width > 0, rows.allSatisfy({ $0 >= 0 && ($0 + 1) * width <= matrix.count }) else { return false }
        let vectors = try encode(texts)
        guard vectors.count == texts.count, vectors.allSatisfy({ $0.count == width }) else { return false }
        for (vector, row) in zip(vectors, rows) {
            vector.withUnsafeBufferPointer { (matrix.baseAddress! + row * width).update(from: $0.baseAddress!, count: width) }
        }
        return true
    }

    public func encodeMatrix(_ texts: [String]) throws -> (matrix: [Float], width: Int)? {
        EncodedRows.matrix(try encode(texts))
    }

    public func certainlyRefuses(distinctTexts count: Int) -> Bool { false }
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
