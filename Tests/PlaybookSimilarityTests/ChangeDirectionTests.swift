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

    /// "No waitlist" says what "remove the waitlist and show the next date" does: there is none. A denial
    /// whose first word the other change takes away (the words after its removal word: "the sign-up form")
    /// agrees with it, though that change adds something too; a denied removal still opposes the removal,
    /// and a denial still opposes a change that keeps what it denies.
    func testADenialAgreesWithARemovalThatAlsoAdds() {
        let removal = "remove the waitlist for a sold-out tasting menu and show the next date with a table free"
        let denial = "when the tasting menu is sold out, show no waitlist and offer the next evening with a free table"
        XCTAssertNil(opposition(denial, removal))
        XCTAssertNil(opposition(removal, denial))
        XCTAssertNil(opposition("remove the sign-up form in front of webinar replays and show the video straight away",
                                "a recorded session plays at once, with no form to fill in first"))
        XCTAssertNil(opposition("let customers collect a single loaf with no minimum order",
                                "drop the minimum spend on collection orders and show a text when it is ready"))
        XCTAssertEqual(opposition("do not remove the waitlist, and show the next date too", removal), "not remove / remove")
        XCTAssertEqual(opposition(denial, "when the tasting menu is sold out, put diners on a waitlist and offer them the table"),
                       "not waitlist / waitlist")
        XCTAssertFalse(direction(denial).denied(besides: direction(removal)).contains("waitlist"))
        XCTAssertTrue(direction(denial).denied(besides: direction("put diners on a waitlist")).contains("waitlist"))
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

    /// A place word that a particle follows is a verb ("top up", "topping up"), as the compound "top-up" is;
    /// after an article it is still the place.
    func testAPlaceWordBeforeAParticleIsAVerb() {
        XCTAssertNil(direction("Top up before lights out").up[.position])
        XCTAssertNil(direction("topping up for the first time costs nothing").up[.position])
        XCTAssertEqual(direction("move the price to the top").up[.position], "top")
        XCTAssertEqual(direction("show the map at the top up front").up[.position], "top")
        XCTAssertEqual(opposition("move the banner to the top of the page", "move the banner to the bottom of the page"), "top / bottom")
    }

    /// What visitors see first is the top said another way: "the first thing visitors see" does not leave
    /// out the top of "at the top of the page"; it says nothing against a change that names no place, and
    /// the bottom is still left out. "The first time people see the price" places nothing.
    func testWhatIsSeenFirstSaysTheTop() {
        let top = direction("put customer quotes at the top of the pricing page")
        XCTAssertEqual(ChangeDirection.added(top, direction("show what customers say on the pricing page")), "top / –")
        XCTAssertNil(ChangeDirection.added(top, direction("show what customers say as the first thing visitors see")))
        XCTAssertNil(ChangeDirection.added(top, direction("the shelf a standing person sees first holds customer quotes")))
        XCTAssertNil(ChangeDirection.added(top, direction("show what customers say as the first thing on the plans page")))
        XCTAssertEqual(ChangeDirection.added(direction("move customer quotes to the bottom of the pricing page"),
                                             direction("show what customers say as the first thing visitors see")), "bottom / –")
        XCTAssertEqual(ChangeDirection.added(top, direction("show the quotes the first time people see the price")), "top / –")
        XCTAssertEqual(ChangeDirection.added(top, direction("show the quotes when people first see the price")), "top / –")
        XCTAssertNil(ChangeDirection.added(direction("show customer quotes"), direction("make quotes the first thing visitors see")))
    }

    /// A place that says where the neighbour is ("next to the price at the top") is not left out by a change
    /// that puts the thing beside the same neighbour; it still is by one that places it nowhere, and it still
    /// opposes the bottom.
    func testAPlaceOfTheNeighbourIsNotLeftOut() {
        let idea = direction("show a handwriting sample next to the price at the top of each product page")
        XCTAssertNil(ChangeDirection.added(idea, direction("right beside what it costs, each listing shows real scribbles")))
        XCTAssertEqual(ChangeDirection.added(idea, direction("each listing shows real scribbles")), "top / –")
        XCTAssertEqual(ChangeDirection.added(direction("show a handwriting sample at the top of each product page"),
                                             direction("right beside what it costs, each listing shows real scribbles")), "top / –")
        XCTAssertEqual(opposition("show a sample next to the price at the top of each page",
                                  "show a sample next to the price at the bottom of each page"), "top / bottom")
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
