import XCTest
@testable import PlaybookSimilarity

/// Which changes read as going opposite ways: opposite direction words ("shorter / longer", "add /
/// remove"), and a denial only against a change that does what it denies, not one that removes it too.
final class ChangeDirectionTests: XCTestCase {
    let reader = TermReader()

    func direction(_ text: String) -> ChangeDirection { ChangeDirection(stems: reader.stems(text)) }

    func opposition(_ a: String, _ b: String) -> String? { ChangeDirection.opposition(direction(a), direction(b)) }

    /// Opposite words on one scale still oppose each other.
    func testOppositeWordsOnOneScaleOppose() {
        XCTAssertEqual(opposition("a shorter signup form", "a longer signup form"), "shorter / longer")
        XCTAssertEqual(opposition("add a hint button to the puzzle screen", "remove the hint button from the puzzle screen"),
                       "add / remove")
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
