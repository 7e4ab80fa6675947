import XCTest
@testable import PlaybookYAML

final class StructureTests: XCTestCase {
    func testEveryKeyValueAndCollectionIsMarkedWhereItStarts() throws {
        let node = try root("""
            kind: Experiment
            variants:
              - id: control
                allocation: 50
            tags: [a, "b"]
            """)
        XCTAssertEqual(node.mark, mark(1, 1))
        let pairs = try XCTUnwrap(node.pairs)
        XCTAssertEqual(pairs.map(\.key.mark), [mark(1, 1), mark(2, 1), mark(5, 1)])
        XCTAssertEqual(pairs[0].value.mark, mark(1, 7))
        XCTAssertEqual(pairs[1].value.mark, mark(3, 3))
        let variant = try XCTUnwrap(pairs[1].value.items?.first)
        XCTAssertEqual(variant.mark, mark(3, 5))
        XCTAssertEqual(variant.pair(forKey: "allocation")?.key.mark, mark(4, 5))
        XCTAssertEqual(variant["allocation"]?.mark, mark(4, 17))
        XCTAssertEqual(pairs[2].value.mark, mark(5, 7))
        XCTAssertEqual(pairs[2].value.items?.map(\.mark), [mark(5, 8), mark(5, 11)])
    }

    func testColumnsCountCharactersNotBytes() throws {
        let node = try root("café: crème\nnaïve: [ü, x]\n")
        XCTAssertEqual(node["café"]?.mark, mark(1, 7))
        XCTAssertEqual(node["naïve"]?.items?.map(\.mark), [mark(2, 9), mark(2, 12)])
    }

    func testScalarsKeepTextAndStyleWithoutResolvingTypes() throws {
        let node = try root("""
            plain: yes
            number: 010
            empty:
            single: 'it''s'
            double: "tab\\tend"
            literal: |
              line one
              line two
            folded: >
              one
              two
            """)
        XCTAssertEqual(node["plain"]?.scalar, "yes")
        XCTAssertEqual(node["number"]?.scalar, "010")
        XCTAssertEqual(node["empty"]?.scalar, "")
        XCTAssertEqual(node["empty"]?.scalarStyle, .plain)
        XCTAssertEqual(node["single"]?.scalar, "it's")
        XCTAssertEqual(node["single"]?.scalarStyle, .singleQuoted)
        XCTAssertEqual(node["double"]?.scalar, "tab\tend")
        XCTAssertEqual(node["double"]?.scalarStyle, .doubleQuoted)
        XCTAssertEqual(node["literal"]?.scalar, "line one\nline two\n")
        XCTAssertEqual(node["literal"]?.scalarStyle, .literal)
        XCTAssertEqual(node["folded"]?.scalar, "one two", "clipped, and the text ends without a line break")
        XCTAssertEqual(node["folded"]?.scalarStyle, .folded)
        XCTAssertNil(node["plain"]?.tag)
    }

    func testExplicitTagsAreKeptAndYAMLOrgTagsShortened() throws {
        let node = try root("""
            a: !!str 42
            b: !custom x
            c: !<tag:example.com,2024:thing> y
            d: !!map {k: v}
            e: !!seq [1]
            """)
        XCTAssertEqual(node["a"]?.tag, "!!str")
        XCTAssertEqual(node["a"]?.scalar, "42")
        XCTAssertEqual(node["b"]?.tag, "!custom")
        XCTAssertEqual(node["c"]?.tag, "tag:example.com,2024:thing")
        XCTAssertEqual(node["d"]?.tag, "!!map")
        XCTAssertEqual(node["e"]?.tag, "!!seq")
    }

    func testEveryDocumentOfAStreamIsReadWithItsIndexAndStart() {
        let result = load("""
            kind: Squad
            ---
            kind: Metric
            ---
            ...
            --- !!str
            """)
        XCTAssertEqual(result.problems, [])
        XCTAssertEqual(result.documents.map(\.index), [0, 1, 2, 3])
        XCTAssertEqual(result.documents.map(\.start), [mark(1, 1), mark(2, 1), mark(4, 1), mark(6, 1)])
        XCTAssertEqual(result.documents[0].root?["kind"]?.scalar, "Squad")
        XCTAssertEqual(result.documents[1].root?["kind"]?.scalar, "Metric")
        XCTAssertNil(result.documents[2].root)
        XCTAssertEqual(result.documents[3].root?.tag, "!!str")
        XCTAssertEqual(result.documents[3].root?.scalar, "")
    }

    func testEmptyAndCommentOnlyFilesHaveNoDocuments() {
        XCTAssertEqual(load("").documents.count, 0)
        XCTAssertEqual(load("# nothing here\n").documents.count, 0)
        XCTAssertEqual(load("").problems, [])
    }

    func testSubscriptReturnsTheFirstOfDuplicateKeys() {
        let node = load("status: draft\nstatus: running\n").documents.first?.root
        XCTAssertEqual(node?["status"]?.scalar, "draft")
        XCTAssertEqual(node?.pairs?.count, 2)
        XCTAssertNil(node?["missing"])
        XCTAssertNil(node?.items)
        XCTAssertNil(node?.scalar)
        XCTAssertNil(node?["status"]?["x"])
    }

    func testAliasesAreExpandedAndMarkedWhereUsed() throws {
        let node = try root("""
            base: &b
              region: eu
            copy: *b
            name: &n alpha
            again: *n
            """)
        XCTAssertEqual(node["copy"]?["region"]?.scalar, "eu")
        XCTAssertEqual(node["copy"]?.mark, mark(3, 7))
        XCTAssertEqual(node["copy"]?["region"]?.mark, mark(2, 11))
        XCTAssertEqual(node["again"]?.scalar, "alpha")
        XCTAssertEqual(node["again"]?.mark, mark(5, 8))
    }

    func testAnAliasToAnUnknownAnchorIsAFatalSyntaxProblem() {
        let result = load("a: &x 1\n---\nb: *x\n")
        XCTAssertEqual(result.documents.count, 1, "anchors do not carry over to the next document")
        XCTAssertEqual(result.problems.count, 1)
        XCTAssertEqual(result.problems.first?.kind, .syntax)
        XCTAssertEqual(result.problems.first?.isFatal, true)
        XCTAssertEqual(result.problems.first?.mark, mark(3, 4))
        XCTAssertEqual(result.problems.first?.message, "alias *x refers to no anchor &x defined before it in this document")
    }
}
