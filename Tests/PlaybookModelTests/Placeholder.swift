import XCTest

final class PlaybookModelTestsPlaceholder: XCTestCase {
    func testModuleBuilds() {}
}
