import Foundation
import XCTest
@testable import PlaybookHistory

/// The history reads plain files straight from libyaml's events; these tests hold that reading
/// to the loader's tree, field for field, on every file it accepts.
final class FastReadTests: XCTestCase {
    private func describe(_ result: Result<[(index: Int, fields: [Field])], ParsedFile.Unusable>) -> String {
        switch result {
        case .failure(let reason): return "unreadable: \(reason)"
        case .success(let documents):
            return documents.map { document in
                "#\(document.index)\n" + document.fields.map { "\($0.path) = \($0.value)" }.joined(separator: "\n")
            }.joined(separator: "\n")
        }
    }

    /// Compares both readings; returns whether the fast one accepted the file.
    @discardableResult
    private func assertSame(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> Bool {
        let bytes = Array(text.utf8)
        let slow = describe(ParsedFile.readWithLoader(bytes))
        guard let fast = ParsedFile.readFast(bytes) else { return false }
        XCTAssertEqual(describe(fast), slow, "for:\n\(text)", file: file, line: line)
        return true
    }

    func testListItemsAreNamedByTheirIDWhereverItStands() {
        let text = """
            kind: Objective
            id: OBJ-1
            key_results:
              - title: first
                id: KR-1
                current: 0.35
                checks: [{id: C-1, at: 1}, {at: 2}]
              - id: KR-2
                current: 0x1F
              - id: ""
                note: empty id, then a real one
                id: KR-3
              - plain item
              - []
              - {}
            north_star: True
            empty:
            quoted: "007"
            """
        XCTAssertTrue(assertSame(text))
        guard case .success(let documents)? = ParsedFile.readFast(Array(text.utf8)) else { return XCTFail("not read") }
        let fields = Dictionary(documents[0].fields.map { ($0.path, $0.value) }, uniquingKeysWith: { $1 })
        XCTAssertEqual(fields["key_results[KR-1].current"], "0.35")
        XCTAssertEqual(fields["key_results[KR-1].checks[C-1].at"], "1")
        XCTAssertEqual(fields["key_results[KR-1].checks[1].at"], "2")
        XCTAssertEqual(fields["key_results[KR-2].current"], "31")
        XCTAssertEqual(fields["key_results[KR-3].note"], "empty id, then a real one")
        XCTAssertEqual(fields["key_results[3]"], "plain item")
        XCTAssertEqual(fields["key_results[4]"], "[]")
        XCTAssertEqual(fields["key_results[5]"], "{}")
        XCTAssertEqual(fields["north_star"], "true")
        XCTAssertNil(fields["empty"])
        XCTAssertEqual(fields["quoted"], "007")
    }

    func testDocumentsDuplicatesAndEmptyDocuments() {
        XCTAssertTrue(assertSame("---\nkind: Metric\nid: a\nid: b\n---\n---\nkind: Squad\nid: s\n...\n"))
        XCTAssertTrue(assertSame("- 1\n- [2, [3]]\n- {a: {b: []}}\n"))
        XCTAssertTrue(assertSame("just a scalar\n"))
        XCTAssertTrue(assertSame(""))
        XCTAssertTrue(assertSame("# only a comment\n"))
    }

    func testFilesTheFastReadingLeavesToTheLoader() {
        // An anchor, an alias, a complex key, a syntax error, deep nesting, a NUL byte.
        for text in ["a: &x 1\nb: *x\n", "? [a]\n: 1\n", "a: [1\n", String(repeating: "[", count: 40) + String(repeating: "]", count: 40),
                     "a: \u{0}\n"] {
            XCTAssertNil(ParsedFile.readFast(Array(text.utf8)), text)
        }
        // And the whole parse still gives the loader's answer for them.
        if case .entities = ParsedFile.parse(Array("a: [1\n".utf8)) { XCTFail("a syntax error must make the file unreadable") }
    }

    /// Every case of the YAML test suite that the fast reading accepts gives the loader's fields.
    func testYAMLTestSuiteCasesAgree() throws {
        let suite = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/yaml-test-suite")
        let cases = try FileManager.default.contentsOfDirectory(atPath: suite.path).sorted()
        XCTAssertGreaterThan(cases.count, 300)
        var accepted = 0
        for name in cases {
            guard let data = FileManager.default.contents(atPath: suite.appendingPathComponent(name + "/in.yaml").path),
                  let text = String(data: data, encoding: .utf8) else { continue }
            if assertSame(text) { accepted += 1 }
        }
        // Most cases are plain enough for the fast reading; the rest went to the loader.
        XCTAssertGreaterThan(accepted, 150)
    }

    /// The bundled example playbook reads the same both ways.
    func testBundledPlaybookAgrees() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("playbooks")
        let files = try XCTUnwrap(FileManager.default.enumerator(atPath: root.path)).compactMap { $0 as? String }
            .filter { $0.hasSuffix(".yml") || $0.hasSuffix(".yaml") }
        XCTAssertGreaterThan(files.count, 50)
        for file in files {
            let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
            XCTAssertTrue(assertSame(text), "\(file) should be plain enough for the fast reading")
        }
    }
}

/// States are kept as layers of changes over a shared base; they must read exactly as a
/// dictionary built change by change would.
final class EntityStateTests: XCTestCase {
    func testLayeredStateReadsAsTheDictionaryBuiltChangeByChange() {
        var generator = SystemRandomNumberGenerator()
        let paths = (0..<12).map { "key_results[KR-\($0)].current" } + ["status", "title", "result.lift"]
        var expected: [String: String] = ["status": "draft", "title": "A"]
        var state = EntityState(layer: expected.sorted { $0.key < $1.key }.map { FieldChange(path: $0.key, old: nil, new: $0.value) })
        for step in 0..<200 {
            var changes: [FieldChange] = []
            for path in paths.shuffled(using: &generator).prefix(Int.random(in: 1...4, using: &generator)) {
                let new: String? = Int.random(in: 0..<4, using: &generator) == 0 ? nil : "v\(step)"
                changes.append(FieldChange(path: path, old: expected[path], new: new))
                expected[path] = new
            }
            state = state.applying(changes)
            XCTAssertEqual(state.values, expected, "after step \(step)")
            for path in paths { XCTAssertEqual(state[path], expected[path], "\(path) after step \(step)") }
        }
        XCTAssertEqual(state, EntityState(expected))
        XCTAssertNotEqual(state, EntityState())
        XCTAssertTrue(EntityState().isEmpty)
    }
}
