import XCTest

final class PlaybookGitTestsPlaceholder: XCTestCase {
    func testModuleBuilds() {}
}
