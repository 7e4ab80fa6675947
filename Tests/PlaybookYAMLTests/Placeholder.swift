import XCTest

final class PlaybookYAMLTestsPlaceholder: XCTestCase {
    func testModuleBuilds() {}
}
