import XCTest
@testable import PlaybookOverlaps

/// A rationale's wording (lower-cased words and numbers, one space between) decides which rationales are one
/// boilerplate text given by many statements; ASCII is read as bytes, any other text by its characters.
final class RationaleWordingTests: XCTestCase {
    func testTheWordingIsTheWordsAndNumbersLowerCased() {
        XCTAssertEqual(DuplicateDetection.rationaleWording("Payment providers report 2x higher-auth rates; (wallets)!"),
                       "payment providers report 2x higher auth rates wallets")
        XCTAssertEqual(DuplicateDetection.rationaleWording("  Learners who set a GOAL\nin week one retain  twice as well. "),
                       "learners who set a goal in week one retain twice as well")
        XCTAssertEqual(DuplicateDetection.rationaleWording("Café owners’ data: 40 % more ÉCLAIRS"), "café owners data 40 more éclairs")
        XCTAssertNil(DuplicateDetection.rationaleWording(" -- ; !! "))
        XCTAssertNil(DuplicateDetection.rationaleWording(""))
        XCTAssertNil(DuplicateDetection.rationaleWording(nil))
        // Written differently, read alike: the same wording.
        XCTAssertEqual(DuplicateDetection.rationaleWording("Users churn; they forget."),
                       DuplicateDetection.rationaleWording("users   churn — they forget"))
    }
}
