import XCTest
@testable import PlaybookSimilarity

/// Which changes read as going opposite ways: only words on one scale ("shorter / longer", "add /
/// remove"), and a denial only against a change that does what it denies.
final class ChangeDirectionTests: XCTestCase {
    let reader = TermReader()

    func direction(_ text: String) -> ChangeDirection { ChangeDirection(stems: reader.stems(text)) }

    func opposition(_ a: String, _ b: String) -> String? { ChangeDirection.opposition(direction(a), direction(b)) }

    /// A length or a price is one scale, showing or adding another: a shorter form and a page that
    /// shows the price are not opposites, nor a box that shows safe driving and a lower premium.
    func testHowMuchAndWhetherAtAllAreTwoScales() {
        XCTAssertNil(opposition("cut the car insurance quote form from twenty questions to eight",
                                "ask eight things instead of twenty before showing what the cover would cost"))
        XCTAssertNil(opposition("offer young drivers a discount when a telematics box shows they drive safely",
                                "lower the premium for young drivers whose tracked driving is smooth"))
        XCTAssertEqual(opposition("a shorter signup form", "a longer signup form"), "shorter / longer")
        XCTAssertEqual(opposition("add a hint button to the puzzle screen", "remove the hint button from the puzzle screen"),
                       "add / remove")
        XCTAssertEqual(opposition("show the seat map before payment", "hide the seat map until payment"), "show / hide")
    }

    /// "Without X" states what "drop X" does: not a denial of it. A denied showing ("does not show
    /// up") is no removal, so a change that says never to ask for a deposit still denies one that asks.
    func testADenialAgreesWithARemoval() {
        XCTAssertNil(opposition("drop the phone number field from the signup form",
                                "let people create an account with just an email, no phone number field"))
        XCTAssertEqual(opposition("never ask for a deposit when a client books a first session",
                                  "ask for a deposit when a session is booked, kept if the client does not show up"),
                       "not ask / ask")
        XCTAssertEqual(opposition("do not show the banner on the home page", "show the banner on the home page"),
                       "not show / show")
    }
}
