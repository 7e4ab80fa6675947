import Foundation
import XCTest
@testable import PlaybookEmbedding
import PlaybookSimilarity

final class MeaningAdapterTests: XCTestCase {
    /// A stand-in encoder: fixed unit vectors by text, under a name of one's choosing.
    struct Fixed: SentenceEncoder {
        var modelName: String
        var dimension: Int
        func encode(_ texts: [String]) throws -> [[Float]] {
            texts.map { text in
                var vector = (0..<dimension).map { Float((Int($0) * 7 + text.utf8.count * 13) % 11) - 5 }
                let norm = vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
                for index in vector.indices { vector[index] /= norm }
                return vector
            }
        }
    }

    func testTheMapIsTheCommittedOneNearTheIdentity() throws {
        let adapter = try XCTUnwrap(MeaningAdapter.miniLM, "MeaningAdapterData.swift decodes")
        XCTAssertEqual(adapter.matrix.count, 384 * 384)
        // The integers the data file holds, as `scripts/write-meaning-adapter.py` summed them.
        let integers = adapter.matrix.map { Int(($0 * 8192).rounded()) }
        XCTAssertEqual(integers.enumerated().reduce(0) { $0 + $1.element * ($1.offset % 9973 + 1) }, MeaningAdapter.checksum)
        var largestOff: Float = 0, smallestDiagonal: Float = 2
        for row in 0..<384 {
            for column in 0..<384 {
                let value = adapter.matrix[row * 384 + column]
                if row == column { smallestDiagonal = min(smallestDiagonal, value) } else { largestOff = max(largestOff, abs(value)) }
            }
        }
        XCTAssertGreaterThan(smallestDiagonal, 0.8, "a map near the identity")
        XCTAssertLessThan(largestOff, 0.2)
        XCTAssertGreaterThan(largestOff, 0.01, "not the identity itself")
    }

    func testOnlyAllMiniLMsVectorsAreMappedAndEveryWayOfReadingThemAgrees() throws {
        let other = MeaningAdapter.adapting(Fixed(modelName: "my-own-model", dimension: 384))
        XCTAssertEqual(try other.encode(["a b"]), try Fixed(modelName: "my-own-model", dimension: 384).encode(["a b"]))
        let narrow = MeaningAdapter.adapting(Fixed(modelName: MeaningAdapter.modelName, dimension: 8))
        XCTAssertEqual(try narrow.encode(["a b"]), try Fixed(modelName: MeaningAdapter.modelName, dimension: 8).encode(["a b"]))

        let model = Fixed(modelName: MeaningAdapter.modelName, dimension: 384)
        let adapted = MeaningAdapter.adapting(model)
        let texts = ["one", "a second text", "and the third one here"]
        let vectors = try adapted.encode(texts), raw = try model.encode(texts)
        let adapter = try XCTUnwrap(MeaningAdapter.miniLM)
        for (vector, original) in zip(vectors, raw) {
            XCTAssertEqual(vector.reduce(0) { $0 + $1 * $1 }, 1, accuracy: 1e-4, "unit length again")
            // matrix · x, set to unit length.
            var expected = (0..<384).map { row in (0..<384).reduce(Float(0)) { $0 + adapter.matrix[row * 384 + $1] * original[$1] } }
            let norm = expected.reduce(0) { $0 + $1 * $1 }.squareRoot()
            for index in expected.indices { expected[index] /= norm }
            for (a, b) in zip(vector, expected) { XCTAssertEqual(a, b, accuracy: 1e-4) }
            XCTAssertNotEqual(vector, original)
        }
        // Without a BLAS the same map by a plain loop.
        var looped = raw.flatMap { $0 }
        looped.withUnsafeMutableBufferPointer { adapter.apply($0.baseAddress!, count: raw.count, blas: false) }
        for (index, vector) in vectors.enumerated() {
            for (a, b) in zip(looped[(index * 384)..<((index + 1) * 384)], vector) { XCTAssertEqual(a, b, accuracy: 1e-5) }
        }
        XCTAssertEqual(try adapted.encodeMatrix([])?.matrix.count ?? 0, 0, "no text, no vector, no crash")
        let matrix = try XCTUnwrap(try adapted.encodeMatrix(texts))
        XCTAssertEqual(matrix.width, 384)
        for (index, vector) in vectors.enumerated() {
            for (a, b) in zip(matrix.matrix[(index * 384)..<((index + 1) * 384)], vector) { XCTAssertEqual(a, b, accuracy: 1e-5) }
        }
        var rows = [Float](repeating: 0, count: 4 * 384)
        let written = try rows.withUnsafeMutableBufferPointer { try adapted.encode(texts, into: $0, rows: [3, 0, 2]) }
        XCTAssertTrue(written)
        for (index, row) in [3, 0, 2].enumerated() {
            for (a, b) in zip(rows[(row * 384)..<((row + 1) * 384)], vectors[index]) { XCTAssertEqual(a, b, accuracy: 1e-5) }
        }
        XCTAssertTrue(rows[384..<768].allSatisfy { $0 == 0 }, "the row not asked for is left alone")
    }
}
