import XCTest

final class PlaybookLintTestsPlaceholder: XCTestCase {
    func testModuleBuilds() {}
}
