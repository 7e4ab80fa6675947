import Foundation
import PlaybookSimilarity

/// A linear map of all-MiniLM-L6-v2's sentence vectors learned for duplicate detection: each vector
/// is multiplied by a 384 × 384 matrix near the identity and set to unit length again. The model
/// reads two ideas of one product as closer than one idea said in other words; the map, learned on
/// labelled growth pairs the project wrote (`Tests/PlaybookOverlapsTests/Data/train-meaning-adapter.py`:
/// each rewording ranked above the other texts of its set, the idea's own look-alikes left out, the
/// matrix held near the identity), weighs the directions that tell a restatement from a neighbour.
/// Its figures, measured on sets it was not learned from, are in `docs/duplicates.md`.
///
/// Only the duplicate finder uses it (`adapting`), and only for that model's vectors: the embedding
/// cache, `playbook similarity` and `playbook search` keep the model's own.
public struct MeaningAdapter: Sendable {
    /// The map, row-major: a vector `x` becomes `matrix · x`.
    public let matrix: [Float]
    public let dimension: Int

    /// The model the map was learned on, by the name `ModelLocation` gives the installed model.
    public static let modelName = ModelLocation.defaultModelName

    /// The map of all-MiniLM-L6-v2 (`MeaningAdapterData.swift`); nil only if that file were damaged.
    public static let miniLM: MeaningAdapter? = {
        guard let data = Data(base64Encoded: encoded, options: .ignoreUnknownCharacters), data.count == 384 * 384 * 2 else { return nil }
        let values = data.withUnsafeBytes { raw in
            (0..<(384 * 384)).map { Float(Int16(littleEndian: raw.loadUnaligned(fromByteOffset: 2 * $0, as: Int16.self))) / 8192 }
        }
        return MeaningAdapter(matrix: values, dimension: 384)
    }()

    public init(matrix: [Float], dimension: Int) {
        self.matrix = matrix
        self.dimension = dimension
        // Kept transposed for the product `rows · matrixᵀ` (row i of the result is matrix · xᵢ).
        transposed = (0..<(dimension * dimension)).map { matrix[($0 % dimension) * dimension + $0 / dimension] }
    }

    /// `matrix` transposed, row-major.
    let transposed: [Float]

    /// `encoder` with the map applied to its vectors when they are all-MiniLM-L6-v2's (by name and
    /// width); any other encoder as it is.
    public static func adapting(_ encoder: any SentenceEncoder) -> any SentenceEncoder {
        guard encoder.modelName == modelName, let adapter = miniLM, encoder.dimension == adapter.dimension else { return encoder }
        return AdaptedEncoder(base: encoder, adapter: adapter)
    }

    /// Maps `count` rows of `dimension` floats in place, each set to unit length again (a row that
    /// maps to zero stays zero).
    public func apply(_ rows: UnsafeMutablePointer<Float>, count: Int) {
        apply(rows, count: count, blas: (try? MatrixMath.prepare()) != nil)
    }

    /// `blas`: through the platform's BLAS; false, a plain loop (vectors read from the embedding cache
    /// never needed a BLAS, so a machine may have none).
    func apply(_ rows: UnsafeMutablePointer<Float>, count: Int, blas: Bool) {
        guard count > 0 else { return }
        let d = dimension
        var mapped = [Float](repeating: 0, count: count * d)
        transposed.withUnsafeBufferPointer { w in
            mapped.withUnsafeMutableBufferPointer { out in
                nonisolated(unsafe) let source = rows
                guard let target = out.baseAddress, let map = w.baseAddress else { return }
                nonisolated(unsafe) let into = target
                MatrixMath.parallelRanges(count, minimumBlock: 256) { range in
                    if blas {
                        MatrixMath.multiply(source + range.lowerBound * d, map, into: into + range.lowerBound * d,
                                            rows: range.count, columns: d, inner: d)
                    } else {
                        for row in range {
                            let x = source + row * d, y = into + row * d
                            for column in 0..<d {
                                var sum: Float = 0
                                for k in 0..<d { sum += x[k] * map[k * d + column] }
                                y[column] = sum
                            }
                        }
                    }
                    for row in range {
                        let y = into + row * d
                        var sum: Float = 0
                        for k in 0..<d { sum += y[k] * y[k] }
                        let scale: Float = sum > 0 ? 1 / sum.squareRoot() : 0
                        let x = source + row * d
                        for k in 0..<d { x[k] = y[k] * scale }
                    }
                }
            }
        }
    }
}

/// A sentence encoder whose vectors go through a `MeaningAdapter`.
struct AdaptedEncoder: SentenceEncoder {
    let base: any SentenceEncoder
    let adapter: MeaningAdapter

    var modelName: String { base.modelName }
    var dimension: Int { base.dimension }

    func encode(_ texts: [String]) throws -> [[Float]] {
        var vectors = try base.encode(texts)
        for index in vectors.indices where vectors[index].count == adapter.dimension {
            vectors[index].withUnsafeMutableBufferPointer { if let base = $0.baseAddress { adapter.apply(base, count: 1) } }
        }
        return vectors
    }

    func encodeMatrix(_ texts: [String]) throws -> (matrix: [Float], width: Int)? {
        guard var read = try base.encodeMatrix(texts) else { return nil }
        if read.width == adapter.dimension, read.matrix.count == texts.count * read.width {
            read.matrix.withUnsafeMutableBufferPointer { if let base = $0.baseAddress { adapter.apply(base, count: texts.count) } }
        }
        return read
    }

    func certainlyRefuses(distinctTexts count: Int) -> Bool { base.certainlyRefuses(distinctTexts: count) }

    func encode(_ texts: [String], into matrix: UnsafeMutableBufferPointer<Float>, rows: [Int]) throws -> Bool {
        guard try base.encode(texts, into: matrix, rows: rows) else { return false }
        guard dimension == adapter.dimension, let base = matrix.baseAddress else { return true }
        for row in rows { adapter.apply(base + row * dimension, count: 1) }
        return true
    }
}
