import Foundation
import PlaybookGit
@testable import PlaybookSite
import XCTest

/// review (site) #3: in a shallow clone only the home and quarter pages said the history is cut short, though
/// the program, calendar, library, squads and entity pages count from it too (an entity page said it once per
/// entity, in each history). Every page now says it once, at its top, in the words of the reports.
final class ShallowCloneNoteTests: XCTestCase {
    static let git = URL(fileURLWithPath: "/usr/bin/git")

    func testEveryPageOfAShallowClonesSiteSaysTheHistoryIsCutShortOnce() throws {
        guard FileManager.default.isExecutableFile(atPath: Self.git.path) else { throw XCTSkip("git is needed to make a shallow clone") }
        let fixture = try SiteFixture(for: self)
        let clonePath = fixture.root + "-shallow"
        addTeardownBlock { try? FileManager.default.removeItem(atPath: clonePath) }
        let git = Process()
        git.executableURL = Self.git
        git.arguments = ["clone", "-q", "--depth", "1", "file://" + fixture.root, clonePath]
        try git.run()
        git.waitUntilExit()
        XCTAssertEqual(git.terminationStatus, 0)
        let clone = try Repository.open(at: clonePath)
        XCTAssertTrue(clone.isShallow)
        let tip = try XCTUnwrap(try clone.headCommit())
        let files = Site.render(try fixture.input(clone: clone))
        let note = "<p class=\"note\">This is a shallow clone: history before \(tip.description.prefix(12)) is missing, so earlier values, "
            + "creations and check-ins are not counted. Fetch it with `git fetch --unshallow` (in GitHub Actions: `fetch-depth: 0` on actions/checkout).</p>"
        let pages = files.keys.filter { $0.hasSuffix(".html") }.sorted()
        for name in ["index.html", "quarter-2026-Q4.html", "program.html", "calendar.html", "learnings.html", "squads.html",
                     "e/growth.html", "e/signup-rate.html", "e/objectives.2026-Q4.html", "e/hypotheses.growth.html", "e/experiments.growth.2026-Q3.html"] {
            XCTAssertTrue(pages.contains(name), "\(name) not in \(pages)")
        }
        for name in pages {
            let page = try XCTUnwrap(files[name])
            XCTAssertEqual(page.components(separatedBy: note).count - 1, 1, "\(name): \(page)")
            // At the top of the page, before its content.
            XCTAssertTrue(page.contains("<main id=\"main\">\n" + note), name)
        }
        // A full clone's pages say nothing of it.
        let full = Site.render(try fixture.input())
        for (name, page) in full where name.hasSuffix(".html") { XCTAssertFalse(page.contains("shallow clone"), name) }
    }
}
