import Foundation
@testable import PlaybookEmbedding
import PlaybookSimilarity
import XCTest

/// A stand-in aligner (the texts' lengths compared), counting the pairs it is asked.
final class CountingAligner: TokenAligner, @unchecked Sendable {
    private(set) var asked: [(String, String)] = []

    func alignments(_ pairs: [(String, String)]) throws -> [Double] {
        asked += pairs
        return pairs.map { a, b in Double(min(a.count, b.count)) / Double(max(a.count, b.count, 1)) }
    }
}

final class TokenAlignmentTests: XCTestCase {
    func testTheScoreIsTheHarmonicMeanOfEachWaysBestMatches() {
        // Two tokens against one: the first matches it (1), the second is orthogonal (0): precision 0.5, recall 1.
        XCTAssertEqual(TokenAlignment.score([1, 0, 0, 1], [1, 0], width: 2), 2 * 0.5 * 1 / 1.5, accuracy: 1e-6)
        XCTAssertEqual(TokenAlignment.score([1, 0], [1, 0, 0, 1], width: 2), TokenAlignment.score([1, 0, 0, 1], [1, 0], width: 2))
        XCTAssertEqual(TokenAlignment.score([], [1, 0], width: 2), 0)
        XCTAssertEqual(TokenAlignment.score([1, 0], [], width: 2), 0)
    }

    func testATextAlignsWithItselfAtOneAndEitherWayRoundAlike() throws {
        let encoder = try InstalledModel.encoder()
        let texts = ["Remind owners when a piano tuning is due. send an email reminder six months after each tuning",
                     "Nudge: your instrument has probably gone flat. half a year on from our technician's visit we write to the customer",
                     "Show annual pricing first"]
        let itself = try encoder.alignments(texts.map { ($0, $0) })
        for value in itself { XCTAssertEqual(value, 1, accuracy: 1e-5) }
        let forth = try encoder.alignments([(texts[0], texts[1]), (texts[1], texts[2])])
        let back = try encoder.alignments([(texts[1], texts[0]), (texts[2], texts[1])])
        XCTAssertEqual(forth, back)
        XCTAssertLessThan(forth[0], 0.9)
    }

    func testTokenStatesLeaveOutTheSentenceMarksAndDoNotDependOnTheOtherTexts() throws {
        let encoder = try InstalledModel.encoder()
        let text = "A one-field registration page should get more visitors to finish creating an account"
        let others = Array(repeating: "Showing annual pricing first on the pricing page will raise the share of yearly plans", count: 200)
        let alone = encoder.tokenStates([text])[0]
        // [CLS] and [SEP] left out: a row per word piece.
        XCTAssertEqual(alone.count, (encoder.tokenIDs(text).count - 2) * encoder.dimension)
        XCTAssertEqual(encoder.tokenStates([""])[0], [])
        // Among many texts, the same states (each text is run alone: no padding, no neighbours).
        let together = encoder.tokenStates(others + [text] + others)
        XCTAssertEqual(together[others.count], alone)
        for row in stride(from: 0, to: alone.count, by: encoder.dimension) {
            let length = alone[row..<(row + encoder.dimension)].reduce(0) { $0 + $1 * $1 }
            XCTAssertEqual(Double(length), 1, accuracy: 1e-4)
        }
    }

    func testARewordingAlignsBetterThanAnotherIdea() throws {
        let encoder = try InstalledModel.encoder()
        let idea = "Cutting the signup form to email only will lift registration completion"
        let values = try encoder.alignments([
            (idea, "A one-field registration page should get more visitors to finish creating an account"),
            (idea, "Showing annual pricing first on the pricing page will raise the share of yearly plans"),
        ])
        XCTAssertGreaterThan(values[0], values[1])
    }

    func testTheCacheAsksEachPairOnceEitherWayRound() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("alignment-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let cache = EmbeddingCache(directory: directory, creatingParents: true).sibling(named: "alignment-cache")
        let aligner = CountingAligner()
        let aligned = TokenAlignmentCache(cache: cache, aligner: aligner, modelName: "test-model")
        let first = try aligned.alignments([("ab", "abcd"), ("x", "xyz")])
        XCTAssertEqual(aligner.asked.count, 2)
        let again = try aligned.alignments([("abcd", "ab"), ("xyz", "x"), ("ab", "abcd")])
        XCTAssertEqual(aligner.asked.count, 2, "every pair was cached, either way round")
        XCTAssertEqual(again, [first[0], first[1], first[0]])
        XCTAssertTrue(FileManager.default.fileExists(atPath: directory + "/alignment-cache"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory + "/embedding-cache"), "the sentence vectors' file is left alone")
    }

    func testAWarmAlignmentCacheNeverLoadsTheModel() throws {
        _ = try InstalledModel.encoder()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("alignment-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let cache = EmbeddingCache(directory: directory, creatingParents: true, name: "alignment-cache")
        let pairs = [("Email-only signup lifts registrations", "A one-field registration page")]
        let cold = try ModelLocation.deferredEncoder().get()
        let first = try TokenAlignmentCache(cache: cache, aligner: cold, modelName: cold.modelName).alignments(pairs)
        XCTAssertTrue(cold.isLoaded)
        let warm = try ModelLocation.deferredEncoder().get()
        XCTAssertEqual(try TokenAlignmentCache(cache: cache, aligner: warm, modelName: warm.modelName).alignments(pairs), first)
        XCTAssertFalse(warm.isLoaded, "the pair was cached, so the weights were never read")
        XCTAssertEqual(first, try InstalledModel.encoder().alignments(pairs))
    }

    // MARK: the alignment cache never trusted

    /// A symmetric aligner that records the pairs it is asked (each in byte order) and answers a
    /// value in [0, 1] that tells pairs apart by their bytes.
    final class RecordingAligner: TokenAligner, @unchecked Sendable {
        private(set) var asked: [[String]] = []

        func alignments(_ pairs: [(String, String)]) throws -> [Double] {
            asked += pairs.map { [$0.0, $0.1].sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) } }
            return pairs.map { a, b in
                let bytes = Array(a.utf8).enumerated().reduce(0) { $0 &+ ($1.offset + 1) * Int($1.element) }
                    &+ Array(b.utf8).enumerated().reduce(0) { $0 &+ ($1.offset + 1) * Int($1.element) }
                return Double(bytes % 997) / 997
            }
        }
    }

    private func scratchCache() -> (directory: String, cache: EmbeddingCache) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("alignment-\(UUID().uuidString)").path
        return (directory, EmbeddingCache(directory: directory, creatingParents: true).sibling(named: "alignment-cache"))
    }

    func testTextsHoldingANulAreNotTakenForAnotherPair() throws {
        // YAML's double-quoted "\0" gives a NUL: the pairs ("a\0b", "c") and ("a", "b\0c") are two pairs.
        let (directory, cache) = scratchCache()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let pairs = [("a\u{0}b", "c"), ("a", "b\u{0}c")]
        // As a Float, as the cache keeps it.
        let expected = try RecordingAligner().alignments(pairs).map { Double(Float($0)) }
        XCTAssertNotEqual(expected[0], expected[1], "the stand-in tells the two pairs apart")
        let aligner = RecordingAligner()
        let cold = try TokenAlignmentCache(cache: cache, aligner: aligner, modelName: "test-model").alignments(pairs)
        XCTAssertEqual(Set(aligner.asked), Set([["a\u{0}b", "c"], ["a", "b\u{0}c"]]), "each pair asked as it is")
        XCTAssertEqual(cold, expected)
        let warm = try TokenAlignmentCache(cache: cache, aligner: RecordingAligner(), modelName: "test-model").alignments(pairs.reversed())
        XCTAssertEqual(warm, expected.reversed())
    }

    func testAnAlignmentCacheWithValuesNoAlignmentCanTakeIsIgnoredAndRebuilt() throws {
        let (directory, cache) = scratchCache()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let pairs = [("Email-only signup", "A one-field registration page"), ("Annual pricing first", "Yearly plans shown first")]
        let aligned = TokenAlignmentCache(cache: cache, aligner: RecordingAligner(), modelName: "test-model")
        let truth = try aligned.alignments(pairs)
        let model = aligned.storedModelName
        // The file rewritten, well formed and summed, with values out of reach of any alignment (in [0, 1]).
        for hostile: [Float] in [[1e30, -1e30], [5, 0.5], [-3, 0.2], [.greatestFiniteMagnitude, 1.5]] {
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: cache.file)))
            var stored = try XCTUnwrap(EmbeddingCache.decode(bytes, model: model, dimension: 1))
            XCTAssertEqual(stored.vectors.count, 2)
            stored.vectors = hostile
            try Data(EmbeddingCache.encode(stored, model: model, dimension: 1)).write(to: URL(fileURLWithPath: cache.file))
            let aligner = RecordingAligner()
            XCTAssertEqual(try TokenAlignmentCache(cache: cache, aligner: aligner, modelName: "test-model").alignments(pairs), truth, "\(hostile)")
            XCTAssertEqual(aligner.asked.count, 2, "the pairs aligned again")
            // Rebuilt: the next run reads the true values without asking.
            let after = RecordingAligner()
            XCTAssertEqual(try TokenAlignmentCache(cache: cache, aligner: after, modelName: "test-model").alignments(pairs), truth)
            XCTAssertEqual(after.asked.count, 0)
        }
        // Damaged or truncated: ignored as well.
        for damage in [{ (b: [UInt8]) in Array(b.dropLast(3)) }, { (b: [UInt8]) in b.map { $0 ^ 0x5A } }, { (_: [UInt8]) in [UInt8](repeating: 0xFF, count: 64) }] {
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: cache.file)))
            try Data(damage(bytes)).write(to: URL(fileURLWithPath: cache.file))
            XCTAssertEqual(try TokenAlignmentCache(cache: cache, aligner: RecordingAligner(), modelName: "test-model").alignments(pairs), truth)
        }
    }

    func testTheScoreStaysBetweenZeroAndOne() {
        // One token of `a` matches `b`'s first; `b`'s other two point away: recall -1/3, and F would be -1.
        XCTAssertEqual(TokenAlignment.score([1, 0], [1, 0, -1, 0, -1, 0], width: 2), 0)
        XCTAssertEqual(TokenAlignment.score([1, 0, -1, 0, -1, 0], [1, 0], width: 2), 0)
        XCTAssertEqual(TokenAlignment.score([.nan, 0], [1, 0], width: 2), 0)
        // Unit rows a little over 1 by rounding: at most 1.
        XCTAssertLessThanOrEqual(TokenAlignment.score([1.0000001, 0], [1.0000001, 0], width: 2), 1)
    }
}
