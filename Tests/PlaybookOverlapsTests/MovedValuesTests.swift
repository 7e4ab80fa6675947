import XCTest
@testable import PlaybookOverlaps

/// The lists built by moving values rather than copying them (`sideBySide` writing in place,
/// `compacted`, `joined(moving:)`, `take`) hold what mapping, `compactMap` and joining give.
final class MovedValuesTests: XCTestCase {
    /// An overlap whose fields are all heap values (long strings, lists), so that a value moved twice
    /// or freed early shows up as a wrong or broken field.
    func overlap(_ k: Int) -> Overlap {
        var made = Overlap(kind: k % 3 == 0 ? .duplicate : .related,
                           sides: [OverlapSide(id: "EXP-\(k)", squad: "squad-\(k % 7)", file: "playbooks/experiments/EXP-\(k)-long-name.yml",
                                               mark: .init(line: k, column: 1)),
                                   OverlapSide(id: "HYP-\(k)", squad: nil, file: "playbooks/hypotheses/HYP-\(k)-long-name.yml",
                                               mark: .init(line: 1, column: k))],
                           score: Double(k % 100) / 100, reason: "a reason long enough to live on the heap, number \(k)",
                           terms: (0..<(k % 4)).map { "term-\($0)-of-\(k)" })
        made.relatedRanks = k % 2 == 0 ? [k % 5, k % 3] : []
        return made
    }

    func testSideBySideGivesWhatAMapGives() {
        for count in [0, 1, 2, 255, 256, 257, 511, 1000, 3000] {
            let mapped = (0..<count).map(overlap)
            XCTAssertEqual(DuplicateDetection.sideBySide(count, overlap), mapped, "count \(count)")
            let optional: [Overlap?] = DuplicateDetection.sideBySide(count) { $0 % 3 == 1 ? nil : overlap($0) }
            XCTAssertEqual(optional, (0..<count).map { $0 % 3 == 1 ? nil : overlap($0) }, "count \(count)")
        }
    }

    func testCompactedGivesWhatCompactMapGives() {
        var generator = SystemRandomNumberGenerator()
        for round in 0..<50 {
            let list: [Overlap?] = (0..<Int.random(in: 0...400, using: &generator)).map {
                Bool.random(using: &generator) ? overlap($0) : nil
            }
            XCTAssertEqual(DuplicateDetection.compacted(list), list.compactMap { $0 }, "round \(round)")
        }
        XCTAssertEqual(DuplicateDetection.compacted([Overlap?]()), [])
        XCTAssertEqual(DuplicateDetection.compacted([nil, nil] as [Overlap?]), [])
    }

    func testJoinedMovingGivesWhatJoiningGivesAndLeavesThePartsVacated() {
        var generator = SystemRandomNumberGenerator()
        for round in 0..<50 {
            var next = 0
            var parts: [[Overlap]] = (0..<Int.random(in: 0...5, using: &generator)).map { _ in
                (0..<Int.random(in: 0...300, using: &generator)).map { _ in
                    next += 1
                    return overlap(next)
                }
            }
            let expected = Array(parts.joined())
            let sizes = parts.map(\.count)
            let vacated = DuplicateDetection.vacated
            XCTAssertEqual(DuplicateDetection.joined(moving: &parts, vacated: vacated), expected, "round \(round)")
            XCTAssertEqual(parts.map(\.count), sizes)
            XCTAssertTrue(parts.allSatisfy { $0.allSatisfy { $0 == vacated } }, "round \(round)")
        }
    }

    func testTakeMovesOneValueOut() {
        var list = (0..<10).map(overlap)
        let vacated = DuplicateDetection.vacated
        XCTAssertEqual(DuplicateDetection.take(&list, 4, vacated: vacated), overlap(4))
        XCTAssertEqual(list[4], vacated)
        XCTAssertEqual(list.enumerated().filter { $0.offset != 4 }.map(\.element), (0..<10).filter { $0 != 4 }.map(overlap))
    }
}
