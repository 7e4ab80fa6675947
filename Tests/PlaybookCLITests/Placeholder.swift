import XCTest

final class PlaybookCLITestsPlaceholder: XCTestCase {
    func testModuleBuilds() {}
}
