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
}
