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
}
