import Foundation
import XCTest
@testable import PlaybookHistory
import PlaybookTestSupport

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
              - note: the id after another key
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
        XCTAssertEqual(fields["key_results[KR-3].note"], "the id after another key")
        XCTAssertEqual(fields["key_results[3]"], "plain item")
        XCTAssertEqual(fields["key_results[4]"], "[]")
        XCTAssertEqual(fields["key_results[5]"], "{}")
        XCTAssertEqual(fields["north_star"], "true")
        XCTAssertNil(fields["empty"])
        // Quoted, it is the string "007", not the number 7.
        XCTAssertEqual(fields["quoted"], .string("007"))
        XCTAssertEqual(fields["quoted"]?.text, "007")
        XCTAssertNil(fields["quoted"]?.number)
    }

    func testDocumentsDuplicatesAndEmptyDocuments() {
        XCTAssertTrue(assertSame("---\nkind: Metric\nid: a\n---\n---\nkind: Squad\nid: s\n...\n"))
        // A key written twice is the loader's to read (lint's yaml-duplicate-key), its first value kept.
        let twice = Array("kind: Metric\nid: a\nid: b\nname: {x: 1, x: 2}\n".utf8)
        XCTAssertNil(ParsedFile.readFast(twice))
        guard case .success(let documents) = ParsedFile.readWithLoader(twice) else { return XCTFail("not read") }
        XCTAssertEqual(documents[0].fields.map(\.path), ["kind", "id", "name.x"])
        XCTAssertEqual(documents[0].fields.map(\.value), ["Metric", "a", "1"])
        // The file's first entity carries the loader's message for the first key written twice (the report names it).
        guard case .entities(let entities, _) = ParsedFile.parse(twice) else { return XCTFail("not read") }
        XCTAssertEqual(entities.map(\.duplicateKey), ["3:1: duplicate key \"id\" (first defined at line 2, column 1)"])
        guard case .entities(let clean, _) = ParsedFile.parse(Array("kind: Metric\nid: a\n".utf8)) else { return XCTFail("not read") }
        XCTAssertEqual(clean.map(\.duplicateKey), [nil])
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
        var expected: [String: FieldValue] = ["status": "draft", "title": "A"]
        var state = EntityState(layer: expected.sorted { $0.key < $1.key }.map { FieldChange(path: $0.key, old: nil, new: $0.value) })
        for step in 0..<200 {
            var changes: [FieldChange] = []
            for path in paths.shuffled(using: &generator).prefix(Int.random(in: 1...4, using: &generator)) {
                let new: FieldValue? = Int.random(in: 0..<4, using: &generator) == 0 ? nil : .string("v\(step)")
                changes.append(FieldChange(path: path, old: expected[path], new: new))
                expected[path] = new
            }
            state = state.applying(changes)
            XCTAssertEqual(state.values, expected, "after step \(step)")
            for path in paths { XCTAssertEqual(state.value(path), expected[path], "\(path) after step \(step)") }
            // The ordered fields (what a version is decoded from) hold the same values, each once.
            XCTAssertEqual(Dictionary(state.fields.map { ($0.path, $0.value) }, uniquingKeysWith: { _, _ in "duplicate" }),
                           expected, "after step \(step)")
        }
        XCTAssertEqual(state, EntityState(expected))
        XCTAssertNotEqual(state, EntityState())
        XCTAssertTrue(EntityState().isEmpty)
    }

    /// A field keeps the place it first had, also when it is removed and comes back; a new one
    /// follows those already there; the last of two changes of one path in a layer counts.
    func testFieldsKeepTheirFirstPlaceThroughRemovalAndReturn() {
        var state = EntityState(layer: [FieldChange(path: "a", old: nil, new: "1"), FieldChange(path: "b", old: nil, new: "2"),
                                        FieldChange(path: "c", old: nil, new: "3")])
        state = state.applying([FieldChange(path: "b", old: "2", new: nil)])
        XCTAssertEqual(state.fields.map(\.path), ["a", "c"])
        state = state.applying([FieldChange(path: "d", old: nil, new: "4")])
        state = state.applying([FieldChange(path: "b", old: nil, new: "5")])
        state = state.applying([FieldChange(path: "a", old: "1", new: "6"), FieldChange(path: "a", old: "6", new: "7")])
        XCTAssertEqual(state.fields.map(\.path), ["a", "b", "c", "d"])
        XCTAssertEqual(state.fields.map(\.value), ["7", "5", "3", "4"])
        state = state.applying([FieldChange(path: "c", old: "3", new: nil), FieldChange(path: "e", old: nil, new: "8")])
        state = state.applying([FieldChange(path: "c", old: nil, new: "9")])
        XCTAssertEqual(state.fields.map(\.path), ["a", "b", "c", "d", "e"])
        XCTAssertEqual(state.fields.map(\.value), ["7", "5", "9", "4", "8"])
    }

    /// A state of many commits is folded now and then; the fields' order must not show it: a field
    /// removed before a fold and back after it keeps its first place, as it does with no fold between.
    func testFieldsKeepTheirFirstPlaceThroughAFold() {
        let base = [FieldChange(path: "a", old: nil, new: "1"), FieldChange(path: "b", old: nil, new: "2"),
                    FieldChange(path: "c", old: nil, new: "3")]
        let removed = EntityState(layer: base).applying([FieldChange(path: "b", old: "2", new: nil)])
        let back = [FieldChange(path: "b", old: nil, new: "5")]
        let unfolded = removed.applying(back)
        XCTAssertEqual(unfolded.fields.map(\.path), ["a", "b", "c"])
        // Twelve check-ins between the removal and the return: more layers than are kept unfolded.
        var folded = removed
        for step in 0..<12 { folded = folded.applying([FieldChange(path: "c", old: nil, new: .string("c\(step)"))]) }
        folded = folded.applying(back)
        XCTAssertEqual(folded.fields.map(\.path), ["a", "b", "c"])
        XCTAssertEqual(folded.fields.map(\.value), ["1", "5", "c11"])
        XCTAssertEqual(folded.values, ["a": "1", "b": "5", "c": "c11"])
    }

    /// The order, step by step over hundreds of layers (folded many times), is the rule's: each
    /// path in the place it first had (through removals and returns), new ones after.
    func testFieldOrderOverManyFoldsIsTheRule() {
        // Seeded (a linear congruential generator), so a failure repeats.
        var seed: UInt64 = 0x5eed
        func next(_ bound: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % UInt64(bound))
        }
        let paths = (0..<10).map { "key_results[KR-\($0)].current" } + ["status", "title", "result.lift"]
        var order: [String] = ["status", "title"]
        var expected: [String: FieldValue] = ["status": "draft", "title": "A"]
        var state = EntityState(layer: order.map { FieldChange(path: $0, old: nil, new: expected[$0]) })
        for step in 0..<400 {
            var changes: [FieldChange] = []
            for _ in 0...next(3) {
                let path = paths[next(paths.count)]
                // Removals often, so that fields go and come back across folds.
                let new: FieldValue? = next(3) == 0 ? nil : .string("v\(step)")
                changes.append(FieldChange(path: path, old: expected[path], new: new))
                expected[path] = new
                if new != nil, !order.contains(path) { order.append(path) }
            }
            state = state.applying(changes)
            // The first step that goes wrong is the one to read: the rest follow from it.
            guard state.fields.map(\.path) == order.filter({ expected[$0] != nil }), state.values == expected else {
                XCTAssertEqual(state.fields.map(\.path), order.filter { expected[$0] != nil }, "after step \(step)")
                XCTAssertEqual(state.values, expected, "after step \(step)")
                return
            }
        }
    }
}

/// A version that changes one value on one line is read by replacing the value; whenever that
/// shortcut is taken, it must give exactly what parsing the new version gives.
final class LineEditTests: XCTestCase {
    /// A chain's next version: a shortcut's result (`quick`, nil when it was not taken) must be the
    /// full parse of `next`; the chain goes on from the shortcut's result where it was taken, else
    /// from the full parse (a version that does not parse leaves the chain where it was).
    private func goOn(from quick: ParsedFile?, to next: [UInt8], _ entities: inout [EntityVersion], _ layout: inout Layout,
                      _ current: inout [UInt8]) {
        let full = ParsedFile.parse(next)
        if let quick {
            XCTAssertEqual(fields(quick), fields(full), "after:\n\(String(decoding: current, as: UTF8.self))\nnow:\n\(String(decoding: next, as: UTF8.self))")
        }
        if case .entities(let e, let l?) = quick ?? full {
            entities = e
            layout = l
            current = next
        }
    }

    /// The value on the line `line` picks in `text` replaced by "edited-`tag`": when `ParsedFile.edited`
    /// reads that without a parse, it must give the full parse. Whether it did (false also when the
    /// line holds no `key: value`).
    private func editReadsAsItsFullParse(_ entities: [EntityVersion], _ layout: Layout, _ text: [UInt8], tag: Int,
                                         line: (inout [[UInt8]]) -> Int?) -> Bool {
        var lines = text.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
        guard let which = line(&lines), let colon = lines[which].firstIndex(of: UInt8(ascii: ":")),
              colon + 2 < lines[which].count else { return false }
        lines[which].replaceSubrange((colon + 2)..<lines[which].count, with: Array("edited-\(tag)".utf8))
        let edit = Array(lines.joined(separator: [UInt8(ascii: "\n")]))
        guard let quick = ParsedFile.edited(entities, layout, to: edit) else { return false }
        XCTAssertEqual(fields(quick), fields(ParsedFile.parse(edit)), "edited:\n\(String(decoding: edit, as: UTF8.self))")
        return true
    }

    private func fields(_ file: ParsedFile) -> [[String]]? {
        guard case .entities(let entities, _) = file else { return nil }
        return entities.map { [$0.id, $0.kind.rawValue] + $0.fields.map { "\($0.path)=\($0.value)" } }
    }

    private func playbookFiles() throws -> [[UInt8]] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("playbooks")
        let names = try XCTUnwrap(FileManager.default.enumerator(atPath: root.path)).compactMap { $0 as? String }
            .filter { $0.hasSuffix(".yml") || $0.hasSuffix(".yaml") }.sorted()
        var files = try names.map { Array(try Data(contentsOf: root.appendingPathComponent($0))) }
        files.append(Array("""
            kind: Objective
            id: OBJ-1
            title: plain words # with a comment
            key_results:
              - {id: KR-1, current: 5, target: 9}
              - id: KR-2
                current: 47000
                notes: [a, b,
                  c]
                text: a plain scalar
                  that goes on
            ---
            kind: Metric
            id: m
            north_star: true
            unit: percent\r
            """.utf8))
        return files
    }

    func testEditedVersionsReadAsTheirFullParse() throws {
        let seeds = ProcessInfo.processInfo.environment["PLAYBOOK_EDIT_SEEDS"].map { Int($0) ?? 3 } ?? 3
        for seed in 1...max(1, seeds) {
            try checkEdits(seed: UInt64(seed))
        }
    }

    private func checkEdits(seed: UInt64) throws {
        var generator = SeededGenerator(state: seed)
        let pieces = ["47000", "0.35", "true", "null", "~", "running", "at risk", "- x", "-", "x: y", "a #b", "\"q\"", "'q'", "[1]",
                      "{a: 1}", "&a", "*a", "!tag", "|", ">", "%x", "@x", "`x`", " ", "", "2026-11-30", "KR-9", "é", "\t", "x:", "5 #", "1e3",
                      "0x1F", "+5", ".5", "-.5", "?", "?x", ",", "New value"]
        var shortcuts = 0, edits = 0
        for original in try playbookFiles() {
            guard case .entities(var entities, var layout?) = ParsedFile.parse(original) else { continue }
            var current = original
            for _ in 0..<40 {
                // One random change inside one line: a span replaced by a random piece.
                var lines = current.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
                guard !lines.isEmpty else { break }
                let which = Int.random(in: 0..<lines.count, using: &generator)
                var line = lines[which]
                let start = Int.random(in: 0...line.count, using: &generator)
                let end = Int.random(in: start...min(line.count, start + Int.random(in: 0...8, using: &generator)), using: &generator)
                if Bool.random(using: &generator), let colon = line.firstIndex(of: UInt8(ascii: ":")), colon + 2 <= line.count {
                    // Mostly a whole value replaced, as a check-in does.
                    line.replaceSubrange((colon + 2)..<line.count, with: Array(pieces.randomElement(using: &generator)!.utf8))
                } else {
                    line.replaceSubrange(start..<end, with: Array(pieces.randomElement(using: &generator)!.utf8))
                }
                lines[which] = line
                let next = Array(lines.joined(separator: [UInt8(ascii: "\n")]))
                let full = ParsedFile.parse(next)
                edits += 1
                if let quick = ParsedFile.edited(entities, layout, to: next) {
                    shortcuts += 1
                    XCTAssertEqual(fields(quick), fields(full), "seed \(seed), edit of line \(which + 1):\n\(String(decoding: next, as: UTF8.self))")
                }
                // Go on from the new version (chains of edits), or stay when it does not parse.
                if case .entities(let e, let l?) = full {
                    entities = e
                    layout = l
                    current = next
                }
            }
        }
        XCTAssertGreaterThan(edits, 1000)
        XCTAssertGreaterThan(shortcuts, edits / 20, "the shortcut should be taken for plain value edits")
    }

    /// Versions that gain top-level keys at the end (an experiment's `start:` or `result:`
    /// block), with or without one edited value, in chains that go on from the shortcut's own
    /// result (so its layout serves the next edit): each shortcut must give the full parse.
    func testAppendedKeysReadAsTheirFullParse() throws {
        let blocks = ["start: 2024-07-01\n", "result:\n  outcome: win\n  lift: 0.12\n  learnings: |-\n    Copy wins.\n\n    Twice.\n",
                      "notes: >\n  folded\n  text\n", "tags: [a, b]\n", "owners:\n  - id: P-1\n    name: Ada\n  - plain\n",
                      "empty:\n", "\"quoted key\": 1\n", "# a comment\nlate: yes\n", "dup: 1\ndup: 2\n", "id: OTHER\n",
                      "kind: metric\n", "--- \nkind: metric\nid: m2\n", "...\nx: 1\n", "x: 1\n---\ny: 2\n", "- item\n", "  indented: 1\n",
                      "%YAML 1.2\n", "a: &x 1\nb: *x\n", "tab:\t1\n", "bad: [\n", "k: v\n  more: 1\n", "n: ~\n", "t: True\n",
                      "deep:\n  a:\n    b:\n      c: 1\n", "é: 1\n", "x: 'it''s'\n"]
        let values = ["running", "concluded", "47000", "0.35", "2024-08-01", "at risk"]
        var generator = SeededGenerator(state: 7)
        var shortcuts = 0, tries = 0, laterEdits = 0
        for original in try playbookFiles() {
            guard case .entities(var entities, var layout?) = ParsedFile.parse(original) else { continue }
            var current = original
            for _ in 0..<30 {
                var next = current
                if Bool.random(using: &generator) {
                    // One plain value replaced somewhere first, as a status change does.
                    var lines = next.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
                    let which = Int.random(in: 0..<lines.count, using: &generator)
                    if let colon = lines[which].firstIndex(of: UInt8(ascii: ":")), colon + 2 <= lines[which].count {
                        lines[which].replaceSubrange((colon + 2)..<lines[which].count,
                                                     with: Array(values.randomElement(using: &generator)!.utf8))
                    }
                    next = Array(lines.joined(separator: [UInt8(ascii: "\n")]))
                }
                if next.last != UInt8(ascii: "\n") && Int.random(in: 0..<4, using: &generator) > 0 { next.append(UInt8(ascii: "\n")) }
                next += Array(blocks.randomElement(using: &generator)!.utf8)
                tries += 1
                let quick = ParsedFile.appended(entities, layout, to: next)
                if quick != nil { shortcuts += 1 }
                goOn(from: quick, to: next, &entities, &layout, &current)
                // A value in the added lines edited next: the layout must place the added values.
                guard quick != nil else { continue }
                if editReadsAsItsFullParse(entities, layout, current, tag: tries, line: { lines in
                    lines.lastIndex(where: { $0.contains(UInt8(ascii: ":")) })
                }) {
                    laterEdits += 1
                }
            }
        }
        XCTAssertGreaterThan(tries, 300)
        // Blocks that write a key the file has already (a duplicate key) are parsed whole, not appended.
        XCTAssertGreaterThan(shortcuts, tries / 6, "the shortcut should be taken for appended keys")
        XCTAssertGreaterThan(laterEdits, shortcuts / 4, "values in added lines should be edited without a parse")
    }

    /// Versions that gain whole lines in the middle (an experiment's `end:` above its
    /// `approvals:`), with or without one value edited before or after them, in chains that go on
    /// from the shortcut's own result: each shortcut must give the full parse.
    func testInsertedLinesReadAsTheirFullParse() throws {
        let blocks = ["end: 2024-07-21\n", "result:\n  outcome: win\n  lift: 0.12\n  learnings: |-\n    Copy wins.\n\n    Twice.\n",
                      "notes: >\n  folded\n  text\n", "keep: |+\n  kept\n\n", "tags: [a, b]\n", "flow: [a,\nb]\n",
                      "owners:\n  - id: P-1\n    name: Ada\n  - plain\n", "empty:\n", "\"quoted key\": 1\n", "# a comment\nlate: yes\n",
                      "dup: 1\ndup: 2\n", "id: OTHER\n", "kind: metric\n", "--- \nkind: metric\nid: m2\n", "...\nx: 1\n", "- item\n",
                      "  indented: 1\n", "%YAML 1.2\n", "a: &x 1\nb: *x\n", "bad: [\n", "k: v\n  more: 1\n", "n: ~\n", "t: True\n",
                      "q: \"two\nlines\"\n", "status: again\n", "deep:\n  a:\n    b:\n      c: 1\n", "x: 'it''s'\n", "cr: 1\r\n"]
        let values = ["running", "concluded", "47000", "0.35", "2024-08-01", "at risk"]
        var generator = SeededGenerator(state: 11)
        var shortcuts = 0, tries = 0, laterEdits = 0, middle = 0
        for original in try playbookFiles() {
            guard case .entities(var entities, var layout?) = ParsedFile.parse(original) else { continue }
            var current = original
            for _ in 0..<30 {
                var lines = current.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
                if lines.last?.isEmpty == true { lines.removeLast() }
                guard !lines.isEmpty else { break }
                // Whole lines inserted before a random line (a root key's, or any other).
                let at = Int.random(in: 0...lines.count, using: &generator)
                let block = blocks.randomElement(using: &generator)!
                // One plain value replaced somewhere else, before or after, as a status change does.
                if Bool.random(using: &generator) {
                    let which = Int.random(in: 0..<lines.count, using: &generator)
                    if let colon = lines[which].firstIndex(of: UInt8(ascii: ":")), colon + 2 <= lines[which].count {
                        lines[which].replaceSubrange((colon + 2)..<lines[which].count,
                                                     with: Array(values.randomElement(using: &generator)!.utf8))
                    }
                }
                var next = Array(lines[..<at].joined(separator: [UInt8(ascii: "\n")]))
                if at > 0 { next.append(UInt8(ascii: "\n")) }
                next += Array(block.utf8)
                if at < lines.count { next += Array(lines[at...].joined(separator: [UInt8(ascii: "\n")])) + [UInt8(ascii: "\n")] }
                tries += 1
                let quick = ParsedFile.inserted(entities, layout, to: next)
                if quick != nil {
                    shortcuts += 1
                    if at < lines.count { middle += 1 }
                }
                goOn(from: quick, to: next, &entities, &layout, &current)
                // A value edited next, anywhere: the layout must place every value after the insertion.
                guard quick != nil else { continue }
                if editReadsAsItsFullParse(entities, layout, current, tag: tries, line: { lines in
                    Int.random(in: 0..<lines.count, using: &generator)
                }) {
                    laterEdits += 1
                }
            }
        }
        XCTAssertGreaterThan(tries, 300)
        // Blocks that write a key the file has already (a duplicate key) are parsed whole, not inserted.
        XCTAssertGreaterThan(middle, tries / 12, "the shortcut should be taken for lines inserted before a root key")
        XCTAssertGreaterThan(laterEdits, shortcuts / 8, "values after inserted lines should be edited without a parse")
    }

    func testAStatusChangeThatAddsAKeyAboveTheApprovalsIsReadWithoutParsing() throws {
        let before = "kind: Experiment\nid: EXP-1\nstatus: running\nnote: >-\n  folded\nstart: 2024-07-01\napprovals:\n  - by: lead\n"
        guard case .entities(let entities, let layout?) = ParsedFile.parse(Array(before.utf8)) else { return XCTFail("not read") }
        let after = Array("kind: Experiment\nid: EXP-1\nstatus: analyzing\nnote: >-\n  folded\nstart: 2024-07-01\nend: 2024-07-21\napprovals:\n  - by: lead\n".utf8)
        let quick = try XCTUnwrap(ParsedFile.inserted(entities, layout, to: after))
        XCTAssertEqual(fields(quick), fields(ParsedFile.parse(after)))
        XCTAssertEqual(fields(quick)?.first, ["EXP-1", "Experiment", "kind=Experiment", "id=EXP-1", "status=analyzing", "note=folded",
                                              "start=2024-07-01", "end=2024-07-21", "approvals[0].by=lead"])
        // Lines inside a value (a quoted scalar may go on in column 1), or a new identity: parsed again.
        let quoted = "kind: Experiment\nid: EXP-1\ntitle: \"two\nlines\"\nstatus: running\n"
        guard case .entities(let quotedEntities, let quotedLayout?) = ParsedFile.parse(Array(quoted.utf8)) else { return XCTFail("not read") }
        XCTAssertNil(ParsedFile.inserted(quotedEntities, quotedLayout,
                                         to: Array("kind: Experiment\nid: EXP-1\ntitle: \"two\nend: 1\nlines\"\nstatus: running\n".utf8)))
        XCTAssertNil(ParsedFile.inserted(entities, layout, to: Array(before.replacingOccurrences(of: "approvals:", with: "id: EXP-2\napprovals:").utf8)))
    }

    func testACheckInIsReadWithoutParsingAndAStructuralEditIsNot() throws {
        let before = Array("kind: Objective\nid: OBJ-1\nkey_results:\n  - id: KR-1\n    current: 47000\n".utf8)
        guard case .entities(let entities, let layout?) = ParsedFile.parse(before) else { return XCTFail("not read") }
        let checkIn = Array("kind: Objective\nid: OBJ-1\nkey_results:\n  - id: KR-1\n    current: 48000.50\n".utf8)
        let quick = try XCTUnwrap(ParsedFile.edited(entities, layout, to: checkIn))
        guard case .entities(let after, _) = quick else { return XCTFail("not read") }
        XCTAssertEqual(after[0].fields.last?.value, "48000.5")
        // A renamed key result, a quoted value, a comment, a nested value: parsed again.
        for text in ["  - id: KR-2\n    current: 47000\n", "  - id: KR-1\n    current: \"47000\"\n",
                     "  - id: KR-1\n    current: 47000 # q3\n", "  - id: KR-1\n    current: - 1\n"] {
            let next = Array(("kind: Objective\nid: OBJ-1\nkey_results:\n" + text).utf8)
            XCTAssertNil(ParsedFile.edited(entities, layout, to: next), text)
        }
    }
}
