import PlaybookGit
import XCTest

/// Lines of one text placed in another: what review does to give findings the PR head's lines.
final class LineDiffTests: XCTestCase {
    func lines(_ text: String) -> [UInt8] { Array(text.utf8) }

    func testLinesMoveByWhatIsInsertedOrRemovedBeforeThem() throws {
        // The merge has two comment lines on top and one line changed in the middle.
        let merged = lines("# a\n# b\nkind: Metric\nid: x\nname: merged\nunit: count\n")
        let head = lines("kind: Metric\nid: x\nname: head\nunit: count\n")
        let hunks = try LineDiff.hunks(from: merged, to: head)
        XCTAssertEqual(LineDiff.line(3, through: hunks), 1)
        XCTAssertEqual(LineDiff.line(4, through: hunks), 2)
        XCTAssertEqual(LineDiff.line(5, through: hunks), 3, "a changed line goes to the head's line there")
        XCTAssertEqual(LineDiff.line(6, through: hunks), 4)
        XCTAssertEqual(LineDiff.line(1, through: hunks), 1, "a line only the merge has, with no head line before it: line 1")
        XCTAssertEqual(LineDiff.line(2, through: hunks), 1)
    }

    func testALineOnlyTheMergeHasGoesToTheHeadLineBeforeIt() throws {
        let merged = lines("a\nb\nc\nd\n")
        let head = lines("a\nb\nd\n")
        let hunks = try LineDiff.hunks(from: merged, to: head)
        XCTAssertEqual(LineDiff.line(3, through: hunks), 2)
        XCTAssertEqual(LineDiff.line(4, through: hunks), 3)
        XCTAssertEqual(try LineDiff.hunks(from: head, to: head), [])
    }

    /// review48: old Mac line ends (a carriage return alone) end a line, as the YAML reader counts
    /// them; git's diff counts line feeds only, so the whole file was one line.
    func testACarriageReturnAloneEndsALine() throws {
        let merged = lines("# a\r# b\rkind: Metric\rid: x\rname: merged\r")
        let head = lines("kind: Metric\rid: x\rname: head\r")
        let hunks = try LineDiff.hunks(from: merged, to: head)
        XCTAssertEqual(LineDiff.line(4, through: hunks), 2)
        XCTAssertEqual(LineDiff.line(5, through: hunks), 3)
        let crlf = try LineDiff.hunks(from: lines("# a\r\nid: x\r\n"), to: lines("id: x\r\n"))
        XCTAssertEqual(LineDiff.line(2, through: crlf), 1, "a carriage return and line feed is one line end")
    }
}
