import Foundation
import PlaybookLint
@testable import PlaybookReview
import XCTest

/// A file-level error (a file that does not parse) follows its file only when the file's content moved:
/// not to an unrelated file of the same template, and for a folder of files at once (review75 follow-up).
final class MovedFilesTests: XCTestCase {
    /// A broken draft removed and an unrelated broken experiment added (the same template: most lines
    /// shared): the added file's error is the change's, not "already on the base".
    func testABrokenFileRemovedAndAnUnrelatedBrokenFileAddedIsANewError() throws {
        let s = try ScratchChange(for: self)
        let old = experiment("EXP-0003").replacing("title: Shorter signup form", with: "title: Old abandoned draft") + "colour: [blue\n"
        let new = experiment("EXP-0004").replacing("title: Shorter signup form", with: "title: Brand new pricing test")
            .replacing("surface: web/signup", with: "surface: {web: pricing")
        let base = try s.commit(["playbooks/EXP-0003.yml": old, "playbooks/c.yml": experiment("EXP-0002")])
        let head = try s.commit(["playbooks/EXP-0003.yml": nil, "playbooks/EXP-0004.yml": new])
        let report = try s.review(base: base, head: head)
        XCTAssertTrue(report.findings.contains { $0.entity == nil && $0.file == "playbooks/EXP-0004.yml" }, "\(report.findings)")
        XCTAssertFalse(report.existing.contains { $0.entity == nil }, "\(report.existing)")

        // The same text apart from the title, but the error is another one, on the title line: new too.
        let t = try ScratchChange(for: self)
        let tBase = try t.commit(["playbooks/a.yml": experiment().replacing("title: Shorter signup form", with: "title: [Shorter"),
                                  "playbooks/c.yml": experiment("EXP-0002")])
        let tHead = try t.commit(["playbooks/a.yml": nil,
                                  "playbooks/b.yml": experiment().replacing("title: Shorter signup form", with: "title: {Shorter")])
        let tReport = try t.review(base: tBase, head: tHead)
        XCTAssertTrue(tReport.findings.contains { $0.entity == nil && $0.file == "playbooks/b.yml" }, "\(tReport.findings)")
    }

    /// A folder of 200 broken files of one template moved to another folder: each error moved with its
    /// file, none new and none fixed.
    func testAFolderOfBrokenFilesMovedKeepsTheirErrors() throws {
        let s = try ScratchChange(for: self)
        let ids = (1...200).map { String(format: "EXP-%04d", $0) }
        let files = Dictionary(uniqueKeysWithValues: ids.map { ($0, experiment($0) + "colour: [blue\n") })
        let base = try s.commit(Dictionary(uniqueKeysWithValues: files.map { ("playbooks/live/\($0.key).yml", Optional($0.value)) }))
        var move: [String: String?] = [:]
        for (id, text) in files {
            move["playbooks/live/\(id).yml"] = .some(nil)
            move["playbooks/archive/\(id).yml"] = text
        }
        let head = try s.commit(move)
        let report = try s.review(base: base, head: head)
        XCTAssertEqual(report.findings.filter { $0.entity == nil }.count, 0, "\(report.findings.prefix(3))")
        XCTAssertEqual(report.fixed.filter { $0.entity == nil }.count, 0, "\(report.fixed.prefix(3))")
        XCTAssertEqual(report.existing.filter { $0.entity == nil }.count, 200)
    }
}
