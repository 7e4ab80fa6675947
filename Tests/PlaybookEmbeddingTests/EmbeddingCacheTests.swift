import Foundation
@testable import PlaybookEmbedding
import PlaybookSimilarity
import XCTest

/// A stand-in encoder whose vectors are a function of the text, counting what it is asked to encode.
final class CountingEncoder: SentenceEncoder, @unchecked Sendable {
    let modelName: String
    let dimension = 4
    private(set) var encoded: [String] = []

    init(modelName: String = "test-model") { self.modelName = modelName }

    func encode(_ texts: [String]) throws -> [[Float]] {
        encoded += texts
        return texts.map { text in
            let n = Float(text.utf8.count)
            return [n, Float(text.unicodeScalars.first?.value ?? 0), 1, -n]
        }
    }
}

final class EmbeddingCacheTests: XCTestCase {
    var gitDirectory = ""

    override func setUpWithError() throws {
        gitDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("cache-\(UUID().uuidString)/.git").path
        try FileManager.default.createDirectory(atPath: gitDirectory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: (gitDirectory as NSString).deletingLastPathComponent)
    }

    func testASecondRunEncodesOnlyTheNewTexts() throws {
        let cache = EmbeddingCache(gitDirectory: gitDirectory)
        let first = CountingEncoder()
        let before = try cache.cachedVectors(for: ["alpha", "beta", "alpha"], encoder: first)
        XCTAssertEqual(first.encoded, ["alpha", "beta"])
        let second = CountingEncoder()
        let after = try cache.cachedVectors(for: ["beta", "gamma", "alpha"], encoder: second)
        XCTAssertEqual(second.encoded, ["gamma"])
        XCTAssertEqual(after, [before[1], try CountingEncoder().encode(["gamma"])[0], before[0]])
        XCTAssertTrue(FileManager.default.fileExists(atPath: gitDirectory + "/playbook/embedding-cache"))
    }

    /// A cache is certainly empty only with no file at all (lint's first run then compares words as the lexical
    /// engine does): a file, even one that is not a cache, or a link where it would be, is not read to tell.
    func testACacheIsCertainlyEmptyOnlyWithoutAFile() throws {
        let cache = EmbeddingCache(gitDirectory: gitDirectory)
        XCTAssertTrue(cache.certainlyEmpty)
        _ = try cache.cachedVectors(for: ["alpha"], encoder: CountingEncoder())
        XCTAssertFalse(cache.certainlyEmpty)
        try FileManager.default.removeItem(atPath: cache.file)
        XCTAssertTrue(cache.certainlyEmpty)
        try FileManager.default.createSymbolicLink(atPath: cache.file, withDestinationPath: gitDirectory + "/nowhere")
        XCTAssertFalse(cache.certainlyEmpty)
        XCTAssertFalse(CountingEncoder().certainlyRefuses(distinctTexts: 1_000_000), "an encoder says nothing it does not know")
    }

    /// The matrix read straight from the file is the vectors joined, in the run's order (repeats
    /// included), each call reading the file again (nothing kept between calls: the 20,000-hypothesis
    /// benchmark peaked 60 MB higher with the last file kept), and after a call that adds texts.
    func testTheMatrixIsTheCachedVectorsJoined() throws {
        let cache = EmbeddingCache(gitDirectory: gitDirectory)
        let texts = ["alpha", "beta", "alpha", "delta"]
        let expected = try CountingEncoder().encode(texts).flatMap { $0 }
        let first = CountingEncoder()
        XCTAssertEqual(try cache.cachedMatrix(for: texts, encoder: first)?.matrix, expected)
        XCTAssertEqual(first.encoded, ["alpha", "beta", "delta"])
        let warm = CountingEncoder()
        for order in [texts, texts.reversed(), ["beta"]] {
            let read = try XCTUnwrap(cache.cachedMatrix(for: order, encoder: warm))
            XCTAssertEqual(read.width, 4)
            XCTAssertEqual(read.matrix, try CountingEncoder().encode(order).flatMap { $0 })
        }
        XCTAssertEqual(warm.encoded, [])
        // A copy of the cache (as a command holds it) with a new text: encoded once, then read from the file.
        let copy = cache
        XCTAssertEqual(try copy.cachedMatrix(for: ["gamma", "beta"], encoder: warm)?.matrix,
                       try CountingEncoder().encode(["gamma", "beta"]).flatMap { $0 })
        XCTAssertEqual(try cache.cachedMatrix(for: ["gamma"], encoder: warm)?.matrix, try CountingEncoder().encode(["gamma"]).flatMap { $0 })
        XCTAssertEqual(warm.encoded, ["gamma"])
    }

    /// A run of cached and new texts, each repeated: the matrix has every text's vector in its row,
    /// only the new texts are encoded (once each), and the file then holds them all.
    func testAMatrixOfCachedAndNewTextsWithRepeats() throws {
        let cache = EmbeddingCache(gitDirectory: gitDirectory)
        _ = try cache.cachedMatrix(for: ["alpha", "beta"], encoder: CountingEncoder())
        let texts = ["gamma", "alpha", "gamma", "beta", "delta", "alpha"]
        let mixed = CountingEncoder()
        XCTAssertEqual(try cache.cachedMatrix(for: texts, encoder: mixed)?.matrix, try CountingEncoder().encode(texts).flatMap { $0 })
        XCTAssertEqual(mixed.encoded, ["gamma", "delta"])
        let warm = CountingEncoder()
        XCTAssertEqual(try cache.cachedMatrix(for: texts.reversed(), encoder: warm)?.matrix,
                       try CountingEncoder().encode(texts.reversed()).flatMap { $0 })
        XCTAssertEqual(warm.encoded, [])
    }

    /// An encoder whose vectors are not the width it claims: its answer is used as it is and nothing is kept.
    func testAMatrixFromAnEncoderOfAnotherWidthIsItsAnswerAndNotKept() throws {
        final class Narrow: SentenceEncoder, @unchecked Sendable {
            let modelName = "test-model", dimension = 4
            var calls = 0
            func encode(_ texts: [String]) throws -> [[Float]] {
                calls += 1
                return texts.map { _ in [1, 2] }
            }
        }
        let cache = EmbeddingCache(gitDirectory: gitDirectory)
        let narrow = Narrow()
        let read = try XCTUnwrap(cache.cachedMatrix(for: ["alpha", "beta"], encoder: narrow))
        XCTAssertEqual(read.width, 2)
        XCTAssertEqual(read.matrix, [1, 2, 1, 2])
        XCTAssertFalse(FileManager.default.fileExists(atPath: gitDirectory + "/playbook/embedding-cache"))
    }

    /// Outside git the cache lives in the per-user folder, made with its missing parents.
    func testAPerUserCacheMakesItsFoldersAndIsReused() throws {
        let top = (gitDirectory as NSString).deletingLastPathComponent
        let folder = top + "/home/.cache/playbook/embeddings"
        let cache = EmbeddingCache(directory: folder, creatingParents: true)
        _ = try cache.cachedVectors(for: ["alpha"], encoder: CountingEncoder())
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder + "/embedding-cache"))
        let again = CountingEncoder()
        _ = try EmbeddingCache(directory: folder, creatingParents: true).cachedVectors(for: ["alpha"], encoder: again)
        XCTAssertEqual(again.encoded, [], "the second run reads the vector back")
    }

    /// A link at the cache folder itself is neither followed to read nor to write.
    func testAPerUserCacheFolderThatIsALinkIsNotUsed() throws {
        let top = (gitDirectory as NSString).deletingLastPathComponent
        let elsewhere = top + "/elsewhere"
        try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: top + "/cache/playbook", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: top + "/cache/playbook/embeddings", withDestinationPath: elsewhere)
        let cache = EmbeddingCache(directory: top + "/cache/playbook/embeddings", creatingParents: true)
        let encoder = CountingEncoder()
        _ = try cache.cachedVectors(for: ["alpha"], encoder: encoder)
        XCTAssertEqual(encoder.encoded, ["alpha"])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: elsewhere), [])
    }

    func testAnotherModelDoesNotReuseTheVectors() throws {
        let cache = EmbeddingCache(gitDirectory: gitDirectory)
        _ = try cache.cachedVectors(for: ["alpha"], encoder: CountingEncoder(modelName: "one"))
        let other = CountingEncoder(modelName: "two")
        _ = try cache.cachedVectors(for: ["alpha"], encoder: other)
        XCTAssertEqual(other.encoded, ["alpha"])
    }

    func testADamagedOrTruncatedCacheIsIgnoredAndRebuilt() throws {
        let cache = EmbeddingCache(gitDirectory: gitDirectory)
        let expected = try cache.cachedVectors(for: ["alpha", "beta"], encoder: CountingEncoder())
        let good = try Data(contentsOf: URL(fileURLWithPath: cache.file))
        var flipped = good
        flipped[good.count / 2] ^= 0x40
        for damaged in [flipped, good.prefix(good.count - 3), Data("PBEMBED\n".utf8), Data()] {
            try damaged.write(to: URL(fileURLWithPath: cache.file))
            let encoder = CountingEncoder()
            XCTAssertEqual(try cache.cachedVectors(for: ["alpha", "beta"], encoder: encoder), expected)
            XCTAssertEqual(encoder.encoded, ["alpha", "beta"], "a damaged cache must not be used")
        }
        let encoder = CountingEncoder()
        _ = try cache.cachedVectors(for: ["alpha", "beta"], encoder: encoder)
        XCTAssertEqual(encoder.encoded, [], "the rebuilt cache is used again")
    }

    /// The matrix path (vectors copied from the file into their rows, the others encoded into theirs)
    /// refuses a damaged or truncated cache, and one of the same model's name written at another width:
    /// every text encoded again, the matrix the encoder's, never a row read from the wrong place.
    func testTheMatrixPathRefusesADamagedCacheOrOneOfAnotherWidth() throws {
        final class Wide: SentenceEncoder, @unchecked Sendable {
            let modelName = "test-model", dimension: Int
            private(set) var encoded: [String] = []
            init(dimension: Int) { self.dimension = dimension }
            func encode(_ texts: [String]) throws -> [[Float]] {
                encoded += texts
                return texts.map { text in (0..<dimension).map { Float(text.utf8.count * 10 + $0) } }
            }
        }
        let cache = EmbeddingCache(gitDirectory: gitDirectory)
        let texts = ["alpha", "beta", "alpha", "gamma"]
        let expected = try Wide(dimension: 4).encode(texts).flatMap { $0 }
        _ = try cache.cachedMatrix(for: ["alpha", "beta"], encoder: Wide(dimension: 4))
        let good = try Data(contentsOf: URL(fileURLWithPath: cache.file))
        var flipped = good
        flipped[good.count / 2] ^= 0x40
        for (name, damaged) in [("flipped", flipped), ("truncated", good.prefix(good.count - 3)), ("magic only", Data("PBEMBED\n".utf8)), ("empty", Data())] {
            try damaged.write(to: URL(fileURLWithPath: cache.file))
            let encoder = Wide(dimension: 4)
            XCTAssertEqual(try cache.cachedMatrix(for: texts, encoder: encoder)?.matrix, expected, name)
            XCTAssertEqual(encoder.encoded, ["alpha", "beta", "gamma"], "\(name): a damaged cache must not be used")
        }
        // Written at width 2 under the same name: not read at width 4, nor the width-4 one at 2.
        let narrow = Wide(dimension: 2)
        let read = try XCTUnwrap(cache.cachedMatrix(for: texts, encoder: narrow))
        XCTAssertEqual(read.width, 2)
        XCTAssertEqual(read.matrix, try Wide(dimension: 2).encode(texts).flatMap { $0 })
        XCTAssertEqual(narrow.encoded, ["alpha", "beta", "gamma"])
        let wide = Wide(dimension: 4)
        XCTAssertEqual(try cache.cachedMatrix(for: texts, encoder: wide)?.matrix, expected)
        XCTAssertEqual(wide.encoded, ["alpha", "beta", "gamma"])
        // No texts: an empty matrix, nothing encoded.
        let none = Wide(dimension: 4)
        XCTAssertEqual(try cache.cachedMatrix(for: [], encoder: none)?.matrix ?? [], [])
        XCTAssertEqual(none.encoded, [])
    }

    /// A vector that is not finite (what the model gives when its file shrank under it) is not kept:
    /// kept, it made the next run refuse the whole cache and encode every text again.
    func testANonFiniteVectorIsNotKeptAndTheCacheStaysUsable() throws {
        final class Failing: SentenceEncoder, @unchecked Sendable {
            let modelName = "test-model", dimension = 4
            func encode(_ texts: [String]) throws -> [[Float]] {
                texts.map { $0 == "gamma" ? [.nan, 0, 0, 0] : [1, 2, 3, 4] }
            }
        }
        let cache = EmbeddingCache(gitDirectory: gitDirectory)
        _ = try cache.cachedVectors(for: ["alpha", "beta"], encoder: CountingEncoder())
        for matrix in [false, true] {
            if matrix {
                _ = try cache.cachedMatrix(for: ["alpha", "gamma"], encoder: Failing())
            } else {
                _ = try cache.cachedVectors(for: ["alpha", "gamma"], encoder: Failing())
            }
            let warm = CountingEncoder()
            XCTAssertEqual(try cache.cachedVectors(for: ["alpha", "beta"], encoder: warm), try CountingEncoder().encode(["alpha", "beta"]))
            XCTAssertEqual(warm.encoded, [], matrix ? "after the matrix path" : "after the vectors path")
        }
    }

    func testACountLargerThanTheFileIsRejectedBeforeAllocating() {
        var stored = EmbeddingCache.Stored(texts: ["a"], vectors: [1, 2, 3, 4])
        var bytes = EmbeddingCache.encode(stored, model: "m", dimension: 4)
        // Claim two billion entries, and re-seal the checksum so only the bound can catch it.
        let countOffset = 8 + 4 + 4 + 1 + 4
        bytes.replaceSubrange(countOffset..<(countOffset + 4), with: [0, 0, 0, 0x80])
        let body = bytes.count - 8
        let sum = bytes.withUnsafeBytes { EmbeddingCache.checksum2(UnsafeRawBufferPointer(rebasing: $0[0..<body])) }
        bytes.replaceSubrange(body..<bytes.count, with: withUnsafeBytes(of: sum.littleEndian) { Array($0) })
        XCTAssertNil(EmbeddingCache.decode(bytes, model: "m", dimension: 4))
        stored.texts = ["a"]
        XCTAssertNotNil(EmbeddingCache.decode(EmbeddingCache.encode(stored, model: "m", dimension: 4), model: "m", dimension: 4))
    }

    func testNeverWrittenThroughASymlinkedPlaybookFolder() throws {
        let elsewhere = (gitDirectory as NSString).deletingLastPathComponent + "/elsewhere"
        try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: gitDirectory + "/playbook", withDestinationPath: elsewhere)
        let cache = EmbeddingCache(gitDirectory: gitDirectory)
        let vectors = try cache.cachedVectors(for: ["alpha"], encoder: CountingEncoder())
        XCTAssertEqual(vectors.count, 1)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: elsewhere), [])
    }

    func testAWarmRunReadsTheSameVectorsPieceByPieceAndRefusesADamagedFile() throws {
        // Texts long enough that the file spans several of the writer's 1 MB pieces, with word
        // and row boundaries falling anywhere in them.
        let texts = (0..<3000).map { index in "text \(index) " + String(repeating: "abcdefghij", count: 30 + index % 17) }
        let cache = EmbeddingCache(gitDirectory: gitDirectory)
        let encoder = CountingEncoder()
        let first = try cache.cachedVectors(for: texts, encoder: encoder)
        let asked = [texts[2999], texts[0], texts[1500], texts[0]]
        let read = try XCTUnwrap(cache.lookUp(asked, model: "test-model", dimension: 4))
        XCTAssertEqual(read, [first[2999], first[0], first[1500], first[0]])
        XCTAssertEqual(try cache.cachedVectors(for: asked, encoder: encoder), read)
        XCTAssertEqual(encoder.encoded.count, 3000, "nothing encoded again")
        XCTAssertNil(cache.lookUp(asked + ["not cached"], model: "test-model", dimension: 4))
        XCTAssertNil(cache.lookUp(asked, model: "another-model", dimension: 4))

        var bytes = try XCTUnwrap(FileManager.default.contents(atPath: cache.file)).map { $0 }
        bytes[bytes.count / 2] ^= 0x40
        try Data(bytes).write(to: URL(fileURLWithPath: cache.file))
        XCTAssertNil(cache.lookUp(asked, model: "test-model", dimension: 4), "a damaged file is not used")
    }

    /// The writer sums what it writes piece by piece as the reader sums the whole: any length,
    /// any piece size, the checksum falling at the end of a piece or across two.
    func testTheWrittenChecksumIsTheFilesWhateverThePieces() {
        for pieceSize in [32, 64] {
            for length in 0..<140 {
                let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
                var out: [UInt8] = []
                var writer = EmbeddingCache.Writer(pieceSize: pieceSize) { out += $0; return true }
                bytes.withUnsafeBytes { writer.append($0) }
                XCTAssertTrue(writer.finish())
                let sum = bytes.withUnsafeBytes { EmbeddingCache.checksum2($0) }
                XCTAssertEqual(out, bytes + withUnsafeBytes(of: sum.littleEndian) { Array($0) }, "\(length) bytes in pieces of \(pieceSize)")
            }
        }
    }

    /// A cache written before format 2 is still read, and rewritten as format 2 when a text is added.
    func testAFormatOneCacheIsReadThenRewritten() throws {
        let cache = EmbeddingCache(gitDirectory: gitDirectory)
        let first = try cache.cachedVectors(for: ["alpha", "beta"], encoder: CountingEncoder())
        var bytes = try XCTUnwrap(FileManager.default.contents(atPath: cache.file)).map { $0 }
        bytes.replaceSubrange(8..<12, with: [1, 0, 0, 0])
        let body = bytes.count - 8
        let sum = bytes.withUnsafeBytes { EmbeddingCache.checksum(UnsafeRawBufferPointer(rebasing: $0[0..<body])) }
        bytes.replaceSubrange(body..<bytes.count, with: withUnsafeBytes(of: sum.littleEndian) { Array($0) })
        try Data(bytes).write(to: URL(fileURLWithPath: cache.file))
        let reader = CountingEncoder()
        XCTAssertEqual(try cache.cachedVectors(for: ["beta", "alpha"], encoder: reader), [first[1], first[0]])
        XCTAssertEqual(reader.encoded, [])
        _ = try cache.cachedVectors(for: ["gamma"], encoder: CountingEncoder())
        let rewritten = try XCTUnwrap(FileManager.default.contents(atPath: cache.file))
        XCTAssertEqual(Array(rewritten[8..<12]), [2, 0, 0, 0])
        XCTAssertEqual(cache.load(model: "test-model", dimension: 4).texts, ["gamma", "alpha", "beta"])
    }

    func testKeepsAtMostTheBoundPreferringThisRunsTexts() throws {
        let cache = EmbeddingCache(gitDirectory: gitDirectory, maximumEntries: 2)
        _ = try cache.cachedVectors(for: ["a", "b"], encoder: CountingEncoder())
        _ = try cache.cachedVectors(for: ["c"], encoder: CountingEncoder())
        let stored = cache.load(model: "test-model", dimension: 4)
        XCTAssertEqual(stored.texts, ["c", "a"])
    }

    /// A run asking for more texts than the bound over several calls (each kind's texts, then the rationales)
    /// raises it (`bounded(atLeast:)`, as the CLI's `CachedEncoder` does): a second run finds every text and encodes none.
    func testARunNeedingMoreThanTheBoundKeepsItsOwnTexts() throws {
        let cache = EmbeddingCache(gitDirectory: gitDirectory, maximumEntries: 2)
        let calls = [["a", "b"], ["c", "d"], ["e"]]
        for run in 0..<2 {
            let encoder = CountingEncoder()
            var asked = 0
            for texts in calls {
                asked += texts.count
                _ = try cache.bounded(atLeast: 2 * asked).cachedVectors(for: texts, encoder: encoder)
            }
            XCTAssertEqual(encoder.encoded, run == 0 ? ["a", "b", "c", "d", "e"] : [], "run \(run)")
        }
        XCTAssertEqual(Set(cache.load(model: "test-model", dimension: 4).texts), ["a", "b", "c", "d", "e"])
        XCTAssertEqual(cache.bounded(atLeast: 1).maximumEntries, 2)
    }
}

/// The cache with the real model, loaded only when a text is missing.
final class DeferredModelTests: XCTestCase {
    func testAWarmCacheNeverLoadsTheModel() throws {
        _ = try InstalledModel.encoder()  // fails with what to do when the model is not installed
        let gitDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("deferred-\(UUID().uuidString)/.git").path
        try FileManager.default.createDirectory(atPath: gitDirectory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: (gitDirectory as NSString).deletingLastPathComponent) }
        let cache = EmbeddingCache(gitDirectory: gitDirectory)
        let texts = ["Email-only signup lifts registrations", "Evening streak reminders bring learners back"]

        let cold = try ModelLocation.deferredEncoder().get()
        XCTAssertEqual(cold.modelName, "all-MiniLM-L6-v2")
        XCTAssertEqual(cold.dimension, 384)
        XCTAssertFalse(cold.isLoaded)
        let first = try cache.cachedVectors(for: texts, encoder: cold)
        XCTAssertTrue(cold.isLoaded)

        let warm = try ModelLocation.deferredEncoder().get()
        XCTAssertEqual(try cache.cachedVectors(for: texts.reversed(), encoder: warm), first.reversed())
        XCTAssertFalse(warm.isLoaded, "every text was cached, so the weights were never read")
        XCTAssertGreaterThan(cosine(first[0], try InstalledModel.encoder().encode([texts[0]])[0]), 0.99999)
    }
}
