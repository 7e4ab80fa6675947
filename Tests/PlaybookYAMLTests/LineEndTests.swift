import XCTest
@testable import PlaybookYAML

final class LineEndTests: XCTestCase {
    private let lines = [
        "kind: Experiment",
        "variants:",
        "  - id: control",
        "    allocation: 50",
        "note: |",
        "  first",
        "  second",
        "owner: growth",
    ]

    private func marks(joinedBy separator: String) throws -> [Mark] {
        let result = load(lines.joined(separator: separator) + separator)
        XCTAssertEqual(result.problems, [])
        return allMarks(try XCTUnwrap(result.documents.first?.root))
    }

    func testCRLFFilesGiveTheSameMarksAsLF() throws {
        let lf = try marks(joinedBy: "\n")
        XCTAssertEqual(lf.last, mark(8, 8))
        XCTAssertEqual(try marks(joinedBy: "\r\n"), lf)
    }

    func testLoneCRIsALineBreak() throws {
        XCTAssertEqual(try marks(joinedBy: "\r"), try marks(joinedBy: "\n"))
    }

    func testCRLFInsideBlockScalarsBecomesLF() throws {
        let node = try root("note: |\r\n  a\r\n  b\r\n")
        XCTAssertEqual(node["note"]?.scalar, "a\nb\n")
    }

    func testProblemsWeLocateOurselvesCountLinesLikeLibyaml() {
        // Encoding problems are located by our own counter; it must agree with libyaml's marks.
        for separator in ["\n", "\r\n", "\r"] {
            let text = ["a: 1", "b: 2", "c: x"].joined(separator: separator)
            let result = YAMLLoader.load(Array(text.utf8) + [0xFF])
            XCTAssertEqual(result.problems.first?.mark, mark(3, 5), "separator \(separator.debugDescription)")
            let tabbed = load(["a: [", "  1,", "\t2]"].joined(separator: separator))
            XCTAssertEqual(tabbed.problems.first?.mark, mark(3, 1), "separator \(separator.debugDescription)")
            // libyaml's failing position is a character index; mapping it back to the tab must count CR LF as two.
            let rejected = load(["é:", "  b: 1", "\tc: 2"].joined(separator: separator)).problems
            XCTAssertEqual(rejected.map(\.kind), [.tab], "separator \(separator.debugDescription)")
            XCTAssertEqual(rejected.first?.mark, mark(3, 1), "separator \(separator.debugDescription)")
        }
    }
}
