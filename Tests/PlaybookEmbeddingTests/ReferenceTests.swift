import PlaybookEmbedding
import XCTest

/// The Swift port against Hugging Face transformers (Reference/make-reference.py).
final class ReferenceTests: XCTestCase {
    func testTokenIDsEqualTheReference() throws {
        let encoder = try InstalledModel.encoder()
        let reference = try Reference.load()
        XCTAssertEqual(encoder.maximumTokens, reference.max_seq_length)
        for item in reference.cases {
            XCTAssertEqual(encoder.tokenIDs(item.text), item.ids, "token ids of \(item.text.debugDescription)")
        }
    }

    func testVectorsMatchTheReferenceWhenEncodedTogether() throws {
        let encoder = try InstalledModel.encoder()
        let reference = try Reference.load()
        let vectors = try encoder.encode(reference.cases.map(\.text))
        XCTAssertEqual(vectors.count, reference.cases.count)
        for (vector, item) in zip(vectors, reference.cases) {
            XCTAssertEqual(vector.count, 384)
            XCTAssertGreaterThanOrEqual(cosine(vector, item.vector), 0.9999, "vector of \(item.text.debugDescription)")
        }
    }

    func testATextAloneGetsTheVectorItGetsInABatch() throws {
        let encoder = try InstalledModel.encoder()
        let reference = try Reference.load()
        let texts = reference.cases.map(\.text)
        let together = try encoder.encode(texts)
        for index in [0, 7, 19] {
            let alone = try encoder.encode([texts[index]])
            XCTAssertGreaterThan(cosine(alone[0], together[index]), 0.99999, texts[index])
        }
    }

    func testVectorsHaveUnitLength() throws {
        let encoder = try InstalledModel.encoder()
        for vector in try encoder.encode(["Show annual pricing first", "", "🚀"]) {
            XCTAssertEqual(Double(vector.reduce(0) { $0 + $1 * $1 }), 1, accuracy: 1e-4)
        }
    }

    func testRewordedHypothesesScoreHigherThanUnrelatedOnes() throws {
        let encoder = try InstalledModel.encoder()
        let v = try encoder.encode([
            "Cutting the signup form to email only will lift registration completion",
            "A one-field registration page should get more visitors to finish creating an account",
            "Showing annual pricing first on the pricing page will raise the share of yearly plans",
        ])
        XCTAssertGreaterThan(cosine(v[0], v[1]), cosine(v[0], v[2]) + 0.2)
    }

    func testManyTextsSpanSeveralBatchesAndKeepTheirOrder() throws {
        let encoder = try InstalledModel.encoder()
        let reference = try Reference.load()
        // 4 × the 20 cases exceed one batch of tokens (2,048), so the order must survive batching.
        let texts = Array(repeating: reference.cases.map(\.text), count: 4).flatMap { $0 }
        let vectors = try encoder.encode(texts)
        for (index, vector) in vectors.enumerated() {
            XCTAssertGreaterThanOrEqual(cosine(vector, reference.cases[index % reference.cases.count].vector), 0.9999)
        }
    }

    /// Vectors written into rows of a matrix (as the embedding cache asks for them) are the vectors
    /// `encode` returns, to the bit, each in the row named, the other rows untouched; and encoding
    /// again, once the weights' pages were let go, gives them again.
    func testVectorsWrittenIntoRowsAreTheEncodedOnesToTheBit() throws {
        let encoder = try InstalledModel.encoder()
        let texts = Array(try Reference.load().cases.map(\.text).prefix(6))
        let expected = try encoder.encode(texts)
        let rows = [5, 0, 7, 2, 3, 6]
        var matrix = [Float](repeating: -7, count: 8 * 384)
        let written = try matrix.withUnsafeMutableBufferPointer { try encoder.encode(texts, into: $0, rows: rows) }
        XCTAssertTrue(written)
        for (index, row) in rows.enumerated() {
            XCTAssertEqual(Array(matrix[(row * 384)..<((row + 1) * 384)]), expected[index], texts[index])
        }
        for untouched in [1, 4] { XCTAssertEqual(Array(matrix[(untouched * 384)..<((untouched + 1) * 384)]), [Float](repeating: -7, count: 384)) }
        XCTAssertEqual(try encoder.encode(texts), expected)
        // A row outside the matrix: refused, nothing encoded past its end.
        XCTAssertFalse(try matrix.withUnsafeMutableBufferPointer { try encoder.encode(texts, into: $0, rows: [8, 0, 1, 2, 3, 4]) })
    }

    /// Several encodings at once on one model (lint's two kinds and the token alignments share it):
    /// each lets the weights' pages go when it ends, while the others still read them, and every
    /// vector is still the one a lone encoding gives, to the bit (also texts repeated, and none).
    func testEncodingsAtOnceGiveTheLoneEncodingsVectorsToTheBit() throws {
        let encoder = try InstalledModel.encoder()
        let cases = try Reference.load().cases.map(\.text)
        let runs: [[String]] = (0..<8).map { run in
            run == 3 ? [] : Array((cases + cases.prefix(run)).shuffled().prefix(5 + 3 * run))
        }
        let alone = try runs.map { try encoder.encode($0) }
        let results = LockedResults(count: runs.count)
        DispatchQueue.concurrentPerform(iterations: runs.count * 2) { index in
            let run = index % runs.count
            if index < runs.count {
                results.set(run, (try? encoder.encode(runs[run])) ?? [[.nan]])
            } else {
                var matrix = [Float](repeating: 0, count: runs[run].count * encoder.dimension)
                let written = matrix.withUnsafeMutableBufferPointer {
                    (try? encoder.encode(runs[run], into: $0, rows: Array(runs[run].indices).reversed())) ?? false
                }
                let rows = (0..<runs[run].count).reversed().map { Array(matrix[($0 * encoder.dimension)..<(($0 + 1) * encoder.dimension)]) }
                results.setRows(run, written ? rows : [[.nan]])
            }
        }
        for run in runs.indices {
            XCTAssertEqual(results.vectors[run], alone[run], "run \(run)")
            XCTAssertEqual(results.rows[run], alone[run], "run \(run), into rows")
        }
    }
}

/// Results written from several threads.
private final class LockedResults: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var vectors: [[[Float]]]
    private(set) var rows: [[[Float]]]
    init(count: Int) {
        vectors = Array(repeating: [], count: count)
        rows = Array(repeating: [], count: count)
    }
    func set(_ run: Int, _ value: [[Float]]) { lock.withLock { vectors[run] = value } }
    func setRows(_ run: Int, _ value: [[Float]]) { lock.withLock { rows[run] = value } }
}
