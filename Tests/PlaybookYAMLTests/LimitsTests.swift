import XCTest
@testable import PlaybookYAML

final class LimitsTests: XCTestCase {
    func testFileLargerThanTheLimitIsRefusedBeforeParsing() {
        let result = YAMLLoader.load(Array(repeating: 0x20, count: 101), limits: Limits(maxBytes: 100))
        XCTAssertEqual(result.problems, [YAMLProblem(
            kind: .sizeLimit, mark: mark(1, 1),
            message: "file is 101 bytes, more than the limit of 100 bytes; split it into smaller files",
            isFatal: true)])
        XCTAssertEqual(YAMLLoader.load(Array("a: 1\n".utf8), limits: Limits(maxBytes: 5)).problems, [])
    }

    func testNestingAtTheLimitIsReadAndOneDeeperIsRefused() {
        let limits = Limits(maxDepth: 5)
        XCTAssertEqual(load("[[[[[x]]]]]", limits: limits).problems, [])
        let result = load("a:\n  b:\n    c:\n      d:\n        e:\n          - x\n", limits: limits)
        XCTAssertEqual(result.problems, [YAMLProblem(
            kind: .depthLimit, mark: mark(6, 11),
            message: "nesting goes deeper than 5 levels of sequences and mappings", isFatal: true)])
    }

    func testHundredThousandDeepFlowListEndsWithADepthProblem() {
        let depth = 100_000
        let bytes = Array(repeating: UInt8(ascii: "["), count: depth) + Array(repeating: UInt8(ascii: "]"), count: depth)
        let result = YAMLLoader.load(bytes)
        XCTAssertEqual(result.problems.map(\.kind), [.depthLimit])
        XCTAssertEqual(result.problems.first?.mark, mark(1, Limits.standard.maxDepth + 1))
        let mappings = Array(repeating: UInt8(ascii: "{"), count: depth)
        XCTAssertEqual(YAMLLoader.load(Array("a: ".utf8) + mappings).problems.map(\.kind), [.depthLimit])
    }

    func testAliasCannotNestDeeperThanTheLimit() {
        let result = load("a: &a [[[x]]]\nb: [[*a]]\n", limits: Limits(maxDepth: 5))
        XCTAssertEqual(result.problems.map(\.kind), [.depthLimit])
        XCTAssertEqual(result.problems.first?.mark, mark(2, 6))
        XCTAssertEqual(load("a: &a [[[x]]]\nb: [*a]\n", limits: Limits(maxDepth: 5)).problems, [])
    }

    func testAliasExpansionIsCountedInNodesOfTheAnchoredSubtree() {
        // The anchored mapping has 5 nodes (itself, two keys, two values).
        let text = "base: &b {x: 1, y: 2}\none: *b\ntwo: *b\n"
        XCTAssertEqual(load(text, limits: Limits(maxAliasExpansion: 10)).problems, [])
        let refused = load(text, limits: Limits(maxAliasExpansion: 9))
        XCTAssertEqual(refused.problems, [YAMLProblem(
            kind: .aliasLimit, mark: mark(3, 6),
            message: "alias expansion exceeds 9 nodes (possible billion-laughs attack)", isFatal: true)])
    }

    /// Few aliases of a long scalar add much text in few nodes (one 100 KB scalar aliased 20,000 times is 2 GB,
    /// which `report okr`, `review` and `site` then copied out, 4 GB at their peak): the text alias expansion adds
    /// may not pass the largest file accepted.
    func testAliasExpansionIsCountedInBytesOfText() {
        let long = String(repeating: "x", count: 1_000)
        let text = "name: &n \"\(long)\"\nnotes:\n" + String(repeating: "  - *n\n", count: 10)
        XCTAssertEqual(load(text, limits: Limits(maxBytes: 20_000)).problems, [])
        let refused = load(text, limits: Limits(maxBytes: 9_500))
        XCTAssertEqual(refused.problems, [YAMLProblem(
            kind: .aliasLimit, mark: mark(12, 5),
            message: "alias expansion adds more than 9500 bytes of text, the largest file accepted (possible billion-laughs attack)",
            isFatal: true)])
        // A mapping's keys and values count too ("k" and the long value: 1,001 bytes, aliased twice).
        let mapping = "base: &b {k: \"\(long)\"}\none: *b\ntwo: *b\n"
        XCTAssertEqual(load(mapping, limits: Limits(maxBytes: 2_001)).problems.map(\.kind), [.aliasLimit])
        XCTAssertEqual(load(mapping, limits: Limits(maxBytes: 2_002)).problems, [])
    }

    func testBillionLaughsIsRefused() {
        var lines = ["a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]"]
        let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"]
        for (previous, name) in zip(names, names.dropFirst()) {
            let aliases = Array(repeating: "*\(previous)", count: 9).joined(separator: ",")
            lines.append("\(name): &\(name) [\(aliases)]")
        }
        let result = load(lines.joined(separator: "\n") + "\n")
        XCTAssertEqual(result.documents.count, 0)
        XCTAssertEqual(result.problems.map(\.kind), [.aliasLimit])
        XCTAssertEqual(result.problems.first?.message,
                       "alias expansion exceeds 100000 nodes (possible billion-laughs attack)")
        // Level f holds 9 copies of e (each 9^4 + ... nodes); the limit falls inside it.
        XCTAssertEqual(result.problems.first?.mark.line, 6)
    }
}

/// No limit can be raised past its hard ceiling, whoever passes it to the loader.
final class CeilingTests: XCTestCase {
    static let unbounded = Limits(maxBytes: Int.max, maxDepth: Int.max, maxAliasExpansion: Int.max)

    func testDepthPastTheCeilingIsRefusedEvenWhenTheLimitIsUnbounded() {
        let depth = 120_000
        let bytes = Array(repeating: UInt8(ascii: "["), count: depth) + Array(repeating: UInt8(ascii: "]"), count: depth)
        let result = YAMLLoader.load(bytes, limits: Self.unbounded)
        XCTAssertEqual(result.problems.map(\.kind), [.depthLimit])
        XCTAssertEqual(result.problems.first?.mark, mark(1, Limits.ceiling.maxDepth + 1))
        let block = (0..<2000).map { String(repeating: " ", count: $0) + "k:" }.joined(separator: "\n") + " v\n"
        XCTAssertEqual(YAMLLoader.load(Array(block.utf8), limits: Self.unbounded).problems.map(\.kind), [.depthLimit])
    }

    func testBillionLaughsStopsAtTheAliasCeilingEvenWhenTheLimitIsUnbounded() {
        var text = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1...12 {
            text += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        let result = YAMLLoader.load(Array(text.utf8), limits: Self.unbounded)
        XCTAssertEqual(result.problems.map(\.kind), [.aliasLimit])
        XCTAssertTrue(result.problems.first?.message.contains("1000000") ?? false, result.problems.first?.message ?? "")
    }

    func testFileSizePastTheCeilingIsRefused() {
        let bytes = [UInt8](repeating: 0x20, count: Limits.ceiling.maxBytes + 1)
        XCTAssertEqual(YAMLLoader.load(bytes, limits: Self.unbounded).problems.map(\.kind), [.sizeLimit])
    }

    func testManyItemsDeepInsideStopBeforeTheWorkOutgrowsTheFile() {
        let depth = 250
        let deep = String(repeating: "[", count: depth) + String(repeating: "a,", count: 300_000) + "a" + String(repeating: "]", count: depth)
        let result = YAMLLoader.load(Array(deep.utf8), limits: Limits.ceiling)
        XCTAssertEqual(result.problems.map(\.kind), [.depthLimit])
        XCTAssertTrue(result.problems.first?.message.contains("too many items nested 250 levels deep") ?? false, "\(result.problems)")
        // The same items a few levels deep are read.
        let shallow = String(repeating: "[", count: 8) + String(repeating: "a,", count: 300_000) + "a" + String(repeating: "]", count: 8)
        XCTAssertEqual(YAMLLoader.load(Array(shallow.utf8), limits: Limits.ceiling).problems, [])
    }

    func testClampedLowersOnlyWhatIsAboveTheCeiling() {
        XCTAssertEqual(Limits(maxBytes: 10, maxDepth: 1000, maxAliasExpansion: 5).clamped,
                       Limits(maxBytes: 10, maxDepth: Limits.ceiling.maxDepth, maxAliasExpansion: 5))
    }
}
