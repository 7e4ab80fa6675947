@testable import PlaybookOverlaps
import PlaybookSimilarity
import XCTest

/// A finding does not hang on the last bits of the sentence vectors, which depend on the machine's
/// BLAS kernel (OpenBLAS picks one per processor; a Mac uses Accelerate) and move a cosine by ~10⁻⁷.
final class CosineGridTests: XCTestCase {
    /// Every text's vector scaled by `1 + stretch`: the same directions, with a sum of squares just
    /// off 1 (as a kernel's rounding leaves it). The changes of the first two hypotheses read alike.
    struct Scaled: SentenceEncoder {
        var stretch: Float
        var modelName = "scaled"
        var dimension = 3
        func encode(_ texts: [String]) throws -> [[Float]] {
            texts.map { text in
                let direction: [Float] = text.contains("signup") ? [0.6, 0.8, 0] : text.contains("streak") ? [0, 0, 1] : [1, 0, 0]
                return direction.map { $0 * (1 + stretch) }
            }
        }
    }

    static let copies = [
        hypothesis("HYP-0001", squad: "a", title: "Shorter signup form", change: "cut the signup form to the email field only",
                   audience: "visitors", outcome: "more finish"),
        hypothesis("HYP-0002", squad: "b", title: "Shorter signup form", change: "cut the signup form to the email field only",
                   audience: "visitors", outcome: "more finish"),
        hypothesis("HYP-0003", squad: "c", title: "Evening streak reminder", change: "remind learners at night",
                   audience: "learners", outcome: "longer streaks"),
    ].joined(separator: "\n---\n")

    /// Two hypotheses with byte-identical texts are one finding, worded alike ("alike in words", their
    /// word score of 1 against a cosine of 1), whether the kernel rounds the vector's length up or down:
    /// 376 such pairs of an 8,000-experiment playbook flipped to "close in meaning, cosine 1.00" between two kernels.
    func testCopiesAreWordedAlikeWhicheverWayTheVectorsLengthIsRounded() throws {
        var reasons: Set<String> = []
        for stretch: Float in [-1e-7, 0, 1e-7, 1e-6, -1e-6] {
            let found = OverlapFinder.duplicates(entities(Self.copies), encoder: Scaled(stretch: stretch))
            XCTAssertEqual(found.map(\.kind), [.duplicate], "stretch \(stretch)")
            XCTAssertEqual(found.map(\.score), [1], "stretch \(stretch)")
            reasons.formUnion(found.map(\.reason))
        }
        XCTAssertEqual(reasons.count, 1, reasons.sorted().joined(separator: "\n"))
        XCTAssertTrue(reasons.first?.contains("alike in words") ?? false, reasons.first ?? "")
    }

    /// A copy's cosine is exactly 1 (the identical vector), and a cosine a few ten-millionths either
    /// side of a grid step is one value: a pair's kind and wording do not turn on it.
    func testACosineOffByAKernelsRoundingIsOneValue() {
        let v: [Float] = [0.6 * (1 + 3e-6), 0.8 * (1 + 3e-6), 0]
        XCTAssertEqual(DuplicateDetection.cosine(v, v), 1, "a copy, though its length is 1 + 6·10⁻⁶")
        XCTAssertEqual(DuplicateDetection.cosine(Float(1) + Float.ulpOfOne), 1)
        XCTAssertEqual(DuplicateDetection.cosine(Float(1) - Float.ulpOfOne / 2), 1)
        XCTAssertEqual(DuplicateDetection.cosine(Float(0.8700001)), DuplicateDetection.cosine(Float(0.8699999)))
        XCTAssertEqual(DuplicateDetection.cosine(Float(0.8700001)), 0.87)
        // A word score of 1 less a rounding (TF-IDF weights of a copy) against a copy's cosine of 1: a tie, "alike in words".
        for words in [1 - 1e-12, 1 - 2e-7, 1] {
            for meaning in [1 - 1e-7, 1, 1 + 1e-7] {
                var candidate = DuplicateDetection.Candidate(words: words)
                candidate.meaning = meaning
                XCTAssertFalse(candidate.byMeaning, "cosine \(meaning) against a word score of \(words)")
                XCTAssertEqual(candidate.score, 1, accuracy: 1e-6)
            }
        }
        for rank in [1, 2] {
            let scores = [0.95 - 1e-7, 0.95, 0.95 + 1e-7].map { meaning -> Double in
                var candidate = DuplicateDetection.Candidate(words: 0.5)
                candidate.meaning = meaning
                candidate.rank = rank
                return candidate.score
            }
            XCTAssertEqual(Set(scores).count, 1, "rank \(rank): \(scores)")
        }
    }

    /// A decision on a quick sum (`Vectors.dot(_:_:near:)`, `above`) is the one the cosine on the grid
    /// gives, also for a bound on the grid step the cosine snaps to.
    func testQuickDecisionsAgreeWithTheCosineOnTheGrid() throws {
        var generator = SystemRandomNumberGenerator()
        let width = 8
        var rows: [[Float]] = []
        for _ in 0..<40 {
            let raw = (0..<width).map { _ in Float.random(in: -1...1, using: &generator) }
            let length = raw.reduce(0) { $0 + $1 * $1 }.squareRoot()
            rows.append(raw.map { $0 / length })
        }
        let vectors = try XCTUnwrap(DuplicateDetection.Vectors(rows))
        for a in 0..<rows.count {
            for b in 0..<rows.count {
                let cosine = vectors.cosine(a, b)
                XCTAssertEqual(cosine, DuplicateDetection.snapped(cosine), "on the grid")
                for bound in [cosine, cosine - 1e-6, cosine + 1e-6, cosine - 4e-7, cosine + 4e-7] {
                    let near = vectors.dot(a, b, near: bound)
                    XCTAssertEqual(near <= bound, cosine <= bound, "\(a), \(b) against \(bound)")
                    XCTAssertEqual(near > bound, cosine > bound, "\(a), \(b) against \(bound)")
                    XCTAssertEqual(vectors.above(a, b, bound, quick: vectors.quickDot(a, b)), cosine > bound)
                }
            }
        }
        XCTAssertEqual(vectors.dots([0 * rows.count + 0, 1 * rows.count + 2], count: rows.count), [1, vectors.cosine(1, 2)])
    }

    /// A pair's cosine is one value whichever way the pair was found: by meaning (`NearMeaning.rescored`,
    /// `semanticMatches`) or by words (`Vectors.dots`). Summed in another order, the two differed in the
    /// last bits, and on the grid wherever a cosine lay near a step's middle: a text's copies, one found
    /// each way, then ranked apart.
    func testAPairsCosineIsOneValueFoundByMeaningOrByWords() throws {
        var state: UInt64 = 11
        func next() -> Float {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Float(Int64(bitPattern: state) >> 40) / Float(1 << 23)
        }
        let (width, rows) = (384, 60)
        var matrix: [Float] = []
        for _ in 0..<rows {
            let raw = (0..<width).map { _ in next() }
            let length = raw.reduce(0) { $0 + $1 * $1 }.squareRoot()
            matrix += raw.map { $0 / length * 30 }
        }
        let vectors = try XCTUnwrap(DuplicateDetection.Vectors(matrix: matrix, width: width))
        var pairs: [(Int, Int)] = []
        for a in 0..<rows { for b in (a + 1)..<rows { pairs.append((a, b)) } }
        let byMeaning = NearMeaning.rescored(pairs, matrix, width: width, threshold: -.infinity)
        let byWords = vectors.dots(pairs.map { $0.0 * rows + $0.1 }, count: rows)
        XCTAssertEqual(byMeaning.count, pairs.count)
        let apart = zip(byMeaning, byWords).filter { $0.0.2 != $0.1 }.count
        XCTAssertEqual(apart, 0, "of \(pairs.count) pairs")
        let exhaustive = NearMeaning.exhaustive(matrix, count: rows, width: width, keys: [String?](repeating: nil, count: rows),
                                                group: [Int32](repeating: -1, count: rows), sameSquad: true, threshold: -.infinity)
        XCTAssertEqual(exhaustive.map(\.2), byWords)
    }
}
