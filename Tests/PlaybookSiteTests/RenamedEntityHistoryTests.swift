import Foundation
import PlaybookGit
@testable import PlaybookSite
import XCTest

/// An entity page's history names a rename as `log` does ("renamed from EXP-0002"), not as a change that moved
/// its file (review: the site said "changed (moved from playbooks/experiments/EXP-0002.yml)" where `log` said
/// "renamed from EXP-0002").
final class RenamedEntityHistoryTests: XCTestCase {
    func testARenameIsNamedAsLogNamesIt() throws {
        let fixture = try SiteFixture(for: self)
        try fixture.commit("2026-10-20", [
            "playbooks/experiments/EXP-0002.yml": nil,
            "playbooks/experiments/EXP-0005.yml": SiteFixture.experiment("EXP-0005", title: "Social sign-in", status: "ready",
                                                                         start: "2026-12-01", extra: ""),
        ])
        let files = Site.render(try fixture.input())
        let pages = files.filter { $0.value.contains("id=\"k-EXP-0005\"") }
        XCTAssertEqual(pages.count, 1, pages.keys.sorted().joined(separator: ", "))
        let page = try XCTUnwrap(pages.first?.value)
        XCTAssertTrue(page.contains(" · renamed from <code>EXP-0002</code> (moved from <code>playbooks/experiments/EXP-0002.yml</code>)"), page)
        XCTAssertFalse(page.contains(" · changed (moved from"), page)
    }
}
