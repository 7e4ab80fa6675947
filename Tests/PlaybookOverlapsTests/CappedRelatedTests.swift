import XCTest
@testable import PlaybookOverlaps
import PlaybookSimilarity

/// With related work capped, a pair that differs is judged only when it is among either side's
/// closest, and with a model only the pairs `inheritedDifferences` reads (two look-alikes that one
/// text restates) are compared in full beforehand: under a cap no entity reaches, that must find
/// what comparing and judging every pair finds, inherited differences included.
final class CappedRelatedTests: XCTestCase {
    let base = hypothesis("HYP-0001", squad: "growth-a", title: "Sample project on first login",
                          change: "create a demo project filled with example data the first time someone signs in",
                          audience: "new workspace owners", outcome: "more owners reach their first insight")
    let restatement = hypothesis("HYP-0003", squad: "growth-c", title: "Pre-populated starter workspace",
                                 change: "seed the account with a ready-made board of fake records", audience: "admins opening the product",
                                 outcome: "more owners reach their first insight")

    /// Each overlap as kind, ids, score and reason, in the order found.
    func described(_ overlaps: [Overlap]) -> [String] {
        overlaps.map { "\($0.kind) \($0.ids) \($0.score) \($0.reason)" }
    }

    func assertCappedFindsWhatUncappedFinds(_ documents: [String], _ encoder: some SentenceEncoder,
                                            file: StaticString = #filePath, line: UInt = #line) -> [Overlap] {
        let all = entities(documents.joined(separator: "\n---\n"))
        let uncapped = OverlapFinder.duplicates(all, encoder: encoder)
        let capped = OverlapFinder.duplicates(all, options: OverlapOptions(relatedPerEntity: 5), encoder: encoder)
        XCTAssertEqual(described(capped), described(uncapped), file: file, line: line)
        return uncapped
    }

    /// A text that restates an idea and reads a little closer to its look-alike for other people goes
    /// with the idea: that needs the two look-alikes compared in full, though they differ.
    func testALookAlikeForOtherPeopleKeepsItsDifferenceUnderACap() {
        let forTeachers = hypothesis("HYP-0002", squad: "growth-b", title: "Sample project on first login for teachers",
                                     change: "create a demo project filled with example data the first time a teacher signs in",
                                     audience: "teachers of school classes", outcome: "more owners reach their first insight")
        let encoder = Vectors([
            "Sample project on first login. create a demo project filled with example data the first time someone signs in": [1, 0, 0],
            "Sample project on first login for teachers. create a demo project filled with example data the first time a teacher signs in": [0.95, 0.3122, 0],
            "Pre-populated starter workspace. seed the account with a ready-made board of fake records": [0.5, 0.1442, 0.8540],
            "new workspace owners": [1, 0], "teachers of school classes": [0, 1], "admins opening the product": [0.9, 0.4359],
        ])
        let found = assertCappedFindsWhatUncappedFinds([base, forTeachers, restatement], encoder)
        XCTAssertEqual(found.filter { $0.kind == .duplicate }.map(\.ids), [["HYP-0001", "HYP-0003"]])
        XCTAssertTrue(found.contains { $0.ids == ["HYP-0001", "HYP-0002"] && $0.kind == .related }, described(found).description)
    }

    /// Copies, a look-alike on another platform and a restatement: duplicates and related work alike.
    func testCopiesAndALookAlikeFindTheSameUnderACap() {
        let copy = base.replacingOccurrences(of: "HYP-0001", with: "HYP-0004").replacingOccurrences(of: "growth-a", with: "growth-d")
        let lookAlike = hypothesis("HYP-0002", squad: "growth-b", title: "Sample project on first login on Android",
                                   change: "create a demo project filled with example data the first time someone signs in on Android",
                                   audience: "new workspace owners", outcome: "more owners reach their first insight")
        let encoder = Vectors([
            "Sample project on first login. create a demo project filled with example data the first time someone signs in": [1, 0, 0],
            "Pre-populated starter workspace. seed the account with a ready-made board of fake records": [0.5, -0.5, -0.7071],
            "Sample project on first login on Android. create a demo project filled with example data the first time someone signs in on Android": [0.9, 0.3, 0.3162],
            "new workspace owners": [1, 0, 0], "admins opening the product": [1, 0, 0],
        ])
        let found = assertCappedFindsWhatUncappedFinds([base, restatement, copy, lookAlike], encoder)
        XCTAssertEqual(Set(found.filter { $0.kind == .duplicate }.map(\.ids)),
                       [["HYP-0001", "HYP-0003"], ["HYP-0003", "HYP-0004"], ["HYP-0001", "HYP-0004"]])
        XCTAssertTrue(found.contains { $0.ids == ["HYP-0001", "HYP-0002"] && $0.kind == .related })
    }

    /// The word-found pairs' cosines, several pairs at a time, are each pair's `cosine` to the bit (a sum
    /// in another order differs in the last bits on these values), past one block of pairs and with a tail,
    /// for rows of the model's width and of widths that leave columns after the last four.
    func testPairsDotsAreEachPairsDotToTheBit() throws {
        var state: UInt64 = 7
        func next() -> Float {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Float(Int64(bitPattern: state) >> 40) / Float(1 << 23)
        }
        for width in [384, 383, 6, 3] {
            let rows = 80
            let matrix = (0..<(width * rows)).map { _ in next() }
            let vectors = try XCTUnwrap(DuplicateDetection.Vectors(matrix: matrix, width: width))
            var keys: [Int] = []
            for a in 0..<rows { for b in (a + 1)..<rows where (a + b) % 5 != 0 { keys.append(a * rows + b) } }
            // Past one block of 2,048 pairs, and a tail of fewer than sixteen (and not a multiple of four).
            while keys.count % 16 == 0 || keys.count % 4 == 0 { keys.removeLast() }
            XCTAssertGreaterThan(keys.count, 2048)
            let dots = vectors.dots(keys, count: rows)
            XCTAssertEqual(dots.count, keys.count)
            var mismatched = 0
            for (key, dot) in zip(keys, dots) where dot.bitPattern != vectors.cosine(key / rows, key % rows).bitPattern { mismatched += 1 }
            XCTAssertEqual(mismatched, 0, "width \(width)")
            guard width == 384 else { continue }
            // The order matters here: the quick sum (lanes, fused adds) differs from `dot` on some pairs, on the grid too.
            XCTAssertTrue(keys.contains { Float(vectors.quickDot($0 / rows, $0 % rows)) != vectors.dot($0 / rows, $0 % rows) })
            XCTAssertTrue(keys.contains {
                DuplicateDetection.cosine(Float(vectors.quickDot($0 / rows, $0 % rows))) != vectors.cosine($0 / rows, $0 % rows)
            })
        }
    }

    /// Blocks of pairs joined into a list sized once are the blocks joined, in order.
    func testFlattenedBlocksAreTheBlocksJoined() {
        let blocks: [[(Int, Int, Double)]] = [[], [(0, 1, 0.5), (0, 2, 0.75)], [], [(3, 4, 1)], (5..<300).map { ($0, $0 + 1, 0.25) }, []]
        let flat = DuplicateDetection.flattened(blocks)
        XCTAssertEqual(flat.map(\.0), Array(blocks.joined()).map(\.0))
        XCTAssertEqual(flat.map(\.1), Array(blocks.joined()).map(\.1))
        XCTAssertEqual(flat.map(\.2), Array(blocks.joined()).map(\.2))
        XCTAssertEqual(flat.count, 298)
        XCTAssertTrue(DuplicateDetection.flattened([[Int]]()).isEmpty)
    }
}
