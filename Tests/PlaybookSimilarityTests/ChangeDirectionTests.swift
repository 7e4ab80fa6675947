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

    /// "Remove X and show Y instead" says both ways on one axis, so no direction was read, yet it takes
    /// away the X another change keeps: opposites. Not when the other change removes something too, or
    /// when what is removed is not named on the other side.
    func testARemovalOfWhatTheOtherChangeKeepsOpposesIt() {
        let removal = "when a class is full, remove the waitlist and show the next class with free spots instead"
        XCTAssertEqual(opposition("when a class is full, put people on a waitlist that books them in", removal), "waitlist / remove waitlist")
        XCTAssertEqual(opposition(removal, "when a class is full, put people on a waitlist that books them in"), "remove waitlist / waitlist")
        XCTAssertNil(opposition("when a class is full, hide the class and put people on a waitlist", removal))
        XCTAssertNil(opposition("when a class is full, book people into the next class", removal))
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

    /// A hyphenated "-free" says without: "password-free" agrees with "no password" and opposes a change
    /// that asks for the password; "ride free" and "fee-free" still only say gratis.
    func testAHyphenatedFreeSaysWithout() {
        XCTAssertNil(opposition("password-free login links sent by email", "email a link that opens the account with no password"))
        XCTAssertEqual(opposition("password-free login links sent by email", "login links sent by email that still ask for the password"),
                       "not password / password")
        XCTAssertNil(opposition("new members ride free for their first week", "give new members free rides in their first week"))
        XCTAssertNil(opposition("fee-free first grocery order", "charge the delivery fee on first grocery orders"))
        XCTAssertEqual(direction("a dairy-free option").negated, ["dairi"])
    }

    /// A direction word hyphenated to a particle names a thing ("add-on", "drop-off", "top-up"), not the change.
    func testACompoundWithAParticleIsNoDirection() {
        XCTAssertNil(opposition("add grip socks to every ticket", "socks come with every booking, so there is no surprise add-on"))
        XCTAssertEqual(opposition("extend the drop-off window to noon", "shorten the drop-off window to 8 am"), "extend / shorten")
        XCTAssertNil(direction("an automatic top-up of the travel card").up[.position])
        XCTAssertEqual(direction("move the add-to-cart button above the fold").up[.position], "abov")
    }

    /// A denied permission denies what is let happen, not who is let: "do not let ticket holders resell".
    func testADeniedPermissionDeniesTheVerb() {
        XCTAssertEqual(direction("do not let ticket holders resell tickets").negated, ["resel", "ticket"])
        XCTAssertTrue(direction("do not let ticket holders resell tickets").asserted.contains("holder"))
        XCTAssertEqual(direction("do not allow diners to cancel their table online").negated, ["cancel", "tabl"])
        XCTAssertEqual(direction("don't let someone resell a seat").negated, ["resel", "seat"])
        XCTAssertEqual(opposition("do not let trial users export files", "let trial users export files"),
                       "not export / export")
        // Without "to", "allow" is read as before: what is denied follows it.
        XCTAssertEqual(direction("do not allow refunds on sale items").negated, ["allow", "refund"])
    }
}
