import XCTest
@testable import PlaybookYAML

final class EncodingTests: XCTestCase {
    private func onlyProblem(_ bytes: [UInt8], file: StaticString = #filePath, line: UInt = #line) -> YAMLProblem? {
        let result = YAMLLoader.load(bytes)
        XCTAssertEqual(result.documents.count, 0, file: file, line: line)
        XCTAssertEqual(result.problems.count, 1, file: file, line: line)
        return result.problems.first
    }

    func testUTF8ByteOrderMarkIsSkippedAndMarksStayRight() throws {
        let result = YAMLLoader.load([0xEF, 0xBB, 0xBF] + Array("id: m\nname: x\n".utf8))
        XCTAssertEqual(result.problems, [])
        let node = try XCTUnwrap(result.documents.first?.root)
        XCTAssertEqual(node.pairs?.first?.key.scalar, "id")
        XCTAssertEqual(node.pairs?.first?.key.mark, mark(1, 1))
        XCTAssertEqual(node["name"]?.mark, mark(2, 7))
    }

    func testBinaryWithANulNearTheStartIsANulNotUTF16() {
        let cases: [[UInt8]] = [
            [0x6B, 0x00, 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A],  // odd length, binary after the NUL
            [0x6B, 0x00] + Array("ind: Metric\nid: x\n".utf8) + [0x00, 0x00],
            [0x00, 0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47],
        ]
        for bytes in cases {
            let problem = onlyProblem(bytes)
            XCTAssertEqual(problem?.kind, .encoding, "\(bytes)")
            XCTAssertTrue(problem?.message.contains("NUL byte") ?? false, "\(bytes): \(problem?.message ?? "")")
        }
        // A BOM-less UTF-16 file of YAML text is still recognised.
        let utf16: [UInt8] = Array("kind: Metric\nid: lessons\n".utf8).flatMap { byte -> [UInt8] in [byte, 0] }
        XCTAssertEqual(onlyProblem(utf16)?.message, "file is UTF-16; playbook files must be UTF-8 (re-save it as UTF-8)")
    }

    func testUTF16AndUTF32AreRejectedAtTheStart() {
        let cases: [([UInt8], String)] = [
            ([0xFF, 0xFE, 0x61, 0x00], "UTF-16"),
            ([0xFE, 0xFF, 0x00, 0x61], "UTF-16"),
            ([0x61, 0x00, 0x3A, 0x00], "UTF-16"),
            ([0xFF, 0xFE, 0x00, 0x00, 0x61, 0x00, 0x00, 0x00], "UTF-32"),
            ([0x00, 0x00, 0xFE, 0xFF, 0x00, 0x00, 0x00, 0x61], "UTF-32"),
        ]
        for (bytes, encoding) in cases {
            let problem = onlyProblem(bytes)
            XCTAssertEqual(problem?.kind, .encoding)
            XCTAssertEqual(problem?.isFatal, true)
            XCTAssertEqual(problem?.mark, mark(1, 1))
            XCTAssertEqual(problem?.message, "file is \(encoding); playbook files must be UTF-8 (re-save it as UTF-8)")
        }
    }

    func testNULByteIsLocated() {
        let problem = onlyProblem(Array("a: 1\nbc: d\u{0}e\n".utf8))
        XCTAssertEqual(problem?.kind, .encoding)
        XCTAssertEqual(problem?.mark, mark(2, 6))
        XCTAssertEqual(problem?.message, "NUL byte (0x00) in file; playbook files must be UTF-8 text")
    }

    func testLatin1ByteIsLocatedAtItsCharacterColumn() {
        // "é: x\ncaf" + Latin-1 "é": the column counts the two-byte "é" on line 1 as one character.
        let problem = onlyProblem(Array("é: x\nname: caf".utf8) + [0xE9, 0x0A])
        XCTAssertEqual(problem?.kind, .encoding)
        XCTAssertEqual(problem?.mark, mark(2, 10))
        XCTAssertEqual(problem?.message.hasPrefix("invalid UTF-8 byte 0xE9;"), true)
    }

    func testMalformedUTF8IsRejectedStrictly() {
        let malformed: [String: [UInt8]] = [
            "lone continuation": [0x80],
            "truncated two-byte": [0xC3, 0x41],
            "truncated at end": [0xE2, 0x82],
            "overlong slash (2 bytes)": [0xC0, 0xAF],
            "overlong slash (3 bytes)": [0xE0, 0x80, 0xAF],
            "overlong (4 bytes)": [0xF0, 0x80, 0x80, 0xAF],
            "UTF-16 surrogate": [0xED, 0xA0, 0x80],
            "above U+10FFFF": [0xF4, 0x90, 0x80, 0x80],
            "F5 lead": [0xF5, 0x80, 0x80, 0x80],
        ]
        for (name, bad) in malformed {
            let problem = onlyProblem(Array("k: v".utf8) + bad + Array(" w\n".utf8))
            XCTAssertEqual(problem?.kind, .encoding, name)
            XCTAssertEqual(problem?.mark, mark(1, 5), name)
            XCTAssertEqual(problem?.message.hasPrefix("invalid UTF-8 byte 0x\(hex(bad[0]))"), true, name)
        }
    }

    func testValidMultiByteTextAtTheEdgesIsAccepted() {
        // U+0080 is not allowed by YAML, but U+00A0, U+07FF, U+FFFD, U+10000 and U+10FFFF are.
        let text = "k: \u{A0}\u{7FF}\u{FFFD}\u{10000}\u{10FFFF}\u{D7FF}\u{E000}\n"
        let result = load(text)
        XCTAssertEqual(result.problems, [])
        XCTAssertEqual(result.documents.first?.root?["k"]?.scalar, "\u{A0}\u{7FF}\u{FFFD}\u{10000}\u{10FFFF}\u{D7FF}\u{E000}")
    }

    func testControlCharactersAreRejectedWhereTheyStand() {
        XCTAssertEqual(onlyProblem(Array("a: \"x\u{1}\"\n".utf8))?.message, "control character U+0001 is not allowed in YAML")
        XCTAssertEqual(onlyProblem(Array("a: \"x\u{1}\"\n".utf8))?.mark, mark(1, 6))
        XCTAssertEqual(onlyProblem(Array("a: x\u{7F}\n".utf8))?.mark, mark(1, 5))
        XCTAssertEqual(onlyProblem(Array("a: x\u{9F}\n".utf8))?.message, "control character U+009F is not allowed in YAML")
        XCTAssertEqual(onlyProblem(Array("a: x\u{FFFF}\n".utf8))?.message, "non-character U+FFFF is not allowed in YAML")
    }

    func testLineBreaksEditorsDoNotCountAreRejectedAtTheEditorsLine() {
        // YAML counts NEL, U+2028 and U+2029 as line breaks; editors and git do not, so every
        // later line number would be off by one.
        for character in ["\u{85}", "\u{2028}", "\u{2029}"] {
            let problem = onlyProblem(Array("a: 1\nb: \"x\(character)y\"\n".utf8))
            XCTAssertEqual(problem?.kind, .encoding)
            XCTAssertEqual(problem?.mark, mark(2, 6))
            XCTAssertTrue(problem?.message.contains("editors do not") ?? false)
        }
    }

    private func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
    }

    /// A byte-order mark that starts a later document (two files joined) is reported as itself, at
    /// its line; the documents before it are kept, the one it cut short is not read (it gave a
    /// "missing id" at 9:2 and "did not find expected <document start>" at 10:1; review28b's
    /// bom-crlf-positions.sh, bom2).
    func testAByteOrderMarkBeforeALaterDocumentIsReportedWhereItIs() throws {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let bytes = bom + Array("---\nkind: Metric\nid: a\n---\n".utf8) + bom + Array("kind: Metric\nid: b\n".utf8)
        let result = YAMLLoader.load(bytes)
        XCTAssertEqual(result.problems.map { "\($0.mark) \($0.kind) \($0.message)" }, [
            "5:1 encoding a byte-order mark (U+FEFF) starts this line: only a file's first character may be one (files joined together?); remove it",
        ])
        XCTAssertEqual(result.documents.map { $0.root?["id"]?.scalar }, ["a"])
    }
}
