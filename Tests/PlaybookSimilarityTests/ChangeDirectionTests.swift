import XCTest
@testable import PlaybookSimilarity

/// Which changes read as going opposite ways: opposite direction words ("shorter / longer", "add /
/// remove"), and a denial only against a change that does what it denies, not one that removes it too.
final class ChangeDirectionTests: XCTestCase {
    let reader = TermReader()

    func direction(_ text: String) -> ChangeDirection { ChangeDirection(stems: reader.stems(text)) }

    func opposition(_ a: String, _ b: String) -> String? { ChangeDirection.opposition(direction(a), direction(b)) }

    /// A hypothesis's title and change, each its own sentence.
    func titled(_ title: String, _ change: String) -> ChangeDirection {
        ChangeDirection(sentences: [reader.stems(title), reader.stems(change)])
    }

    /// Opposite words on one scale still oppose each other.
    /// review52b #6: stopping a thing against starting it is named by the two verbs, not as a denial of
    /// one of its words ("not auto / auto"); it is still a denial, and a plain denial keeps its words.
    func testStoppingAgainstStartingIsNamedByTheVerbs() {
        let stop = direction("stopping the auto-renewal reminder email sent before each charge")
        let start = direction("starting an auto-renewal reminder email sent before each charge")
        XCTAssertEqual(ChangeDirection.opposition(stop, start), "stopping / starting")
        XCTAssertEqual(ChangeDirection.opposition(start, stop), "starting / stopping")
        XCTAssertTrue(ChangeDirection.denies(stop, start))
        XCTAssertEqual(opposition("do not send the renewal reminder email", "send the renewal reminder email"), "not send / send")
    }

    func testOppositeWordsOnOneScaleOppose() {
        XCTAssertEqual(opposition("a shorter signup form", "a longer signup form"), "shorter / longer")
        XCTAssertEqual(opposition("add a hint button to the puzzle screen", "remove the hint button from the puzzle screen"),
                       "add / remove")
    }

    /// "Remove X and show Y instead" says both ways on one axis, so no direction was read, yet it takes
    /// away the X another change keeps: opposites. When the other change takes something away too ("hide
    /// the class", "no longer" said of its audience), only if it says it keeps X. Not when what is removed is
    /// not named on the other side.
    func testARemovalOfWhatTheOtherChangeKeepsOpposesIt() {
        let removal = "when a class is full, remove the waitlist and show the next class with free spots instead"
        XCTAssertEqual(opposition("when a class is full, put people on a waitlist that books them in", removal), "waitlist / remove waitlist")
        XCTAssertEqual(opposition(removal, "when a class is full, put people on a waitlist that books them in"), "remove waitlist / waitlist")
        XCTAssertNil(opposition("when a class is full, hide the class and put people on a waitlist", removal))
        XCTAssertNil(opposition("when a class is full, book people into the next class", removal))
        XCTAssertEqual(opposition("remove the rejoining fee and add a free class for members who stopped coming",
                                  "give members who no longer come in a free class and keep the rejoining fee"),
                       "remove rejoining / rejoining")
        XCTAssertNil(opposition("remove the tile shots and show room photos first on each listing",
                                "tile shots are swapped out: each listing opens with photos of the whole room"))
    }

    /// A larger count instead of a smaller one still adds ("twelve products per row instead of four" against
    /// "fewer items in each row"); a smaller count instead of a larger one says no increase.
    func testALargerCountInsteadOfASmallerOneStillAdds() {
        XCTAssertEqual(opposition("show twelve products per row instead of four on category pages",
                                  "list fewer items in each row of the category grid"), "show / fewer")
        XCTAssertNil(opposition("show a single confirmation screen instead of four pages", "cut the checkout to fewer pages"))
    }

    /// Only the same words swapped are opposite replacements; a rewording that takes the same thing away in
    /// other words, or whose windows run on into the place, is not.
    func testOnlyTheSameWordsSwappedAreOppositeReplacements() {
        func swapped(_ a: String, _ b: String) -> String? { ChangeDirection.swappedTakings(direction(a), direction(b)) { $1 } }
        XCTAssertEqual(swapped("show room photos instead of tile shots in the newsletter",
                               "show tile shots instead of room photos in the newsletter"), "photo instead of shot / shot instead of photo")
        XCTAssertNil(swapped("show room photos instead of tile shots in the newsletter",
                             "in the newsletter, show room photos instead of tile shots"))
        XCTAssertNil(swapped("show room photos instead of tile shots on listing cards",
                             "drop tile shots in favour of room photos on every listing card"))
        XCTAssertNil(swapped("play a short video instead of the photo carousel on product pages",
                             "on every product page, drop the photo carousel for a short clip"))
        XCTAssertNil(swapped("lead each listing with photos of the whole room instead of close-ups of tiles and taps",
                             "drop the tap and tile close-ups from the top of the gallery and put wide room shots there"))
        XCTAssertNil(swapped("lead each listing with photos of the whole room instead of tile shots",
                             "swap in wide room photos for the tile shots at the top of the gallery"))
    }

    /// A change that shows one thing in place of another in other words ("a single screen instead of four pages")
    /// makes the thing smaller as a change that cuts it does: its "show" is no increase, so it does not oppose
    /// "shorter". A change that raises or lengthens as it replaces still does, and so does a plain "show".
    func testShowingOneThingInsteadOfAnotherIsNoIncrease() {
        let shorter = titled("Shorter checkout for repeat buyers", "cut the checkout for returning buyers from four steps to one")
        let single = titled("One-step checkout for people who bought before",
                            "show returning buyers a single confirmation screen instead of four pages")
        XCTAssertNil(ChangeDirection.opposition(shorter, single, sameObject: true))
        XCTAssertNil(ChangeDirection.opposition(single, shorter, sameObject: true))
        let questions = titled("Price a car policy with only a handful of questions",
                               "ask motorists eight things instead of twenty before showing what their cover would cost")
        XCTAssertNil(ChangeDirection.opposition(titled("Shorter insurance quote form", "cut the car insurance quote form from twenty questions to eight"),
                                                questions, sameObject: true))
        let longer = titled("Longer checkout for repeat buyers", "show returning buyers more screens instead of one page")
        XCTAssertEqual(ChangeDirection.opposition(shorter, longer, sameObject: true), "shorter / longer")
        let shown = titled("Checkout summary for repeat buyers", "show returning buyers a summary of the checkout")
        XCTAssertEqual(ChangeDirection.opposition(shorter, shown, sameObject: true), "shorter / show")
        XCTAssertFalse(direction("add audio ads for new listeners from their first day instead of after a month").replacesACount)
        let later = titled("Calendar invite for the first lesson a week later",
                           "offer to add the first lesson to the calendar one week later instead of the next day")
        XCTAssertEqual(ChangeDirection.opposition(titled("Shorter first lesson", "cut the first lesson to five minutes"), later, sameObject: true),
                       "shorter / add")
    }

    /// What a condition's subject shows ("when a telematics box shows they drive safely") says when the change
    /// applies, not a thing the change shows: it does not oppose "lower the premium". A change that shows something
    /// itself ("show a discount when …", "when a class is full, show the next class") still says so.
    /// "When … three rooms or fewer", "once … 10 or more": in a condition, a bound after a number, as "more than 50"
    /// is, not fewer or more of anything: showing a scarcity badge when three rooms or fewer are left still opposes
    /// removing it (a blind hand-written look-alike, 2026-12-06, was called a duplicate for it).
    func testANumberOrFewerInAConditionIsABound() {
        let remove = direction("remove the \"only X rooms left\" and \"booked 5 times today\" badges from hotel pages and result cards")
        let show = direction("show the \"only X rooms left\" badge on hotel pages and result cards when a property has three rooms or fewer left for the searched dates")
        XCTAssertEqual(ChangeDirection.opposition(remove, show), "remove / show")
        XCTAssertEqual(ChangeDirection.opposition(show, remove), "show / remove")
        XCTAssertNil(direction("send the coupon once a customer has placed 10 or more orders").up[.amount])
        XCTAssertNil(direction("send the coupon once a customer has placed 10 or more orders").down[.amount])
        // Outside a condition it reads as before: more of something (nannies of three or more years against new ones).
        XCTAssertEqual(direction("pay the fee for nannies who have been on the platform for three or more years").up[.amount], "more")
        // A comparative not after a number still says which way the change goes.
        XCTAssertEqual(direction("show fewer ads or fewer banners").down[.amount], "fewer")
    }

    func testWhatAConditionShowsIsNoDirection() {
        let discount = direction("offer young drivers a discount when a telematics box shows they drive safely")
        let lower = direction("lower the premium for people in their early twenties whose tracked driving is smooth")
        XCTAssertNil(ChangeDirection.opposition(discount, lower))
        XCTAssertNil(ChangeDirection.opposition(lower, discount))
        XCTAssertEqual(ChangeDirection.opposition(direction("show young drivers a discount when they drive safely"), lower), "show / lower")
        XCTAssertEqual(direction("when a class is full, show the next class with free spots").up[.amount], "show")
    }

    /// A change that takes away what the other replaces, in other words ("stop asking for", "scrap", "instead
    /// of", "get rid of" …), or cuts it or says not to do it, does not keep it: the two go the same way. A change
    /// that keeps it still opposes the replacement.
    func testARemovalSaidAnotherWayKeepsNothing() {
        let service = "remove the service fee and add a tip jar"
        let waitlist = "when a class is full, remove the waitlist and show the next class with free spots"
        let phone = "remove the phone number field from the signup form and add a skip link"
        let pairs = [
            (phone, "stop asking for a phone number on the signup form and add a skip link"),
            (phone, "do not ask for a phone number on the signup form and add a skip link"),
            (service, "scrap the service fee and add a tip jar"),
            (service, "ditch the service fee and add a tip jar"),
            (service, "do away with the service fee and add a tip jar"),
            (service, "cut the service fee and add a tip jar"),
            (waitlist, "when a class is full, show the next class with free spots instead of a waitlist"),
            (waitlist, "when a class is full, get rid of the waitlist and show the next class with free spots"),
            (waitlist, "when a class is full, replace the waitlist with the next class that has free spots"),
            (waitlist, "when a class is full, turn the waitlist off and show the next class with free spots"),
        ]
        for (a, b) in pairs {
            XCTAssertNil(opposition(a, b), b)
            XCTAssertNil(opposition(b, a), b)
        }
        XCTAssertTrue(direction("no longer offer a waitlist").takesAway)
        XCTAssertTrue(direction("no longer offer a waitlist").notKept.contains("waitlist"))
        XCTAssertFalse(direction("do not remove the waitlist").notKept.contains("waitlist"))
        XCTAssertEqual(opposition(service, "charge a service fee and add a tip jar"), "remove service / service")
        XCTAssertEqual(opposition("keep the waitlist and show the next class with free spots too", waitlist), "waitlist / remove waitlist")
    }

    /// Only a removal that an adding word follows in its own sentence is a replacement: an adding word in the
    /// title ("More bookings …") or before the removal makes none. The message names each removed thing
    /// with its own removal word, not with the first word that points down ("Fewer …", "not add").
    func testAReplacementIsReadInItsSentence() {
        let kept = direction("when a class is full, put people on a waitlist that books them in")
        XCTAssertNil(ChangeDirection.opposition(titled("More bookings when classes are full", "when a class is full, remove the waitlist"), kept))
        XCTAssertNil(ChangeDirection.opposition(titled("Bigger classes", "add a second room and remove the waitlist"), kept))
        let fewer = titled("Fewer lost bookings when classes are full",
                           "when a class is full, remove the waitlist and show the next class with free spots")
        XCTAssertEqual(ChangeDirection.opposition(fewer, kept), "remove waitlist / waitlist")
        XCTAssertNil(ChangeDirection.opposition(fewer, titled("Fewer lost bookings when classes are full",
                                                              "when a class is full, get rid of the waitlist and show the next class with free spots")))
        let notAdd = titled("Do not add a fee at checkout", "remove the service fee and add a tip jar")
        let charge = direction("charge a service fee and add a tip jar")
        XCTAssertEqual(ChangeDirection.opposition(notAdd, charge), "remove service / service")
        XCTAssertFalse(ChangeDirection.denies(notAdd, charge))
        XCTAssertEqual(ChangeDirection.opposition(direction("hide the filters and drop the banner, then add a search box"),
                                                  direction("show the banner with the filters")), "drop banner / banner")
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
        // "The top up amount" is the amount topped up; "top ups" and "drop-offs" are things, not directions.
        XCTAssertNil(ChangeDirection.added(direction("pre-select the top up amount from the last order on the wallet screen"),
                                           direction("pre-select the top-up amount from the last order on the wallet screen")))
        XCTAssertNil(direction("send a reminder after two top ups").up[.position])
        XCTAssertNil(direction("send a reminder after two top-ups").up[.position])
        XCTAssertNil(direction("missed drop-offs at the counter").down[.amount])
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
        // A "first" that makes a compound with the next word places nothing ("first-time deals").
        XCTAssertEqual(ChangeDirection.added(top, direction("let visitors notice first-time deals beside customer quotes")), "top / –")
        XCTAssertEqual(ChangeDirection.added(top, direction("shoppers who see first-order offers get customer quotes")), "top / –")
        // Seen first is no direction of its own: it adds none against a change that names no place.
        let seenFirst = direction("make quotes the first thing visitors see")
        XCTAssertTrue(seenFirst.placesFirstSeen)
        XCTAssertNil(seenFirst.up[.position])
        XCTAssertNil(ChangeDirection.added(direction("show customer quotes"), seenFirst))
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

    /// A direction word that "than" follows is a bound ("more than fifty staff", "orders of less than £20"): bounds
    /// the other way are opposite, a bound one side states is no direction the other leaves out (it had read
    /// "more / –" and "fewer / –": "businesses with fewer than five employees" against "the smallest firms"), and
    /// the bound takes nothing away (its window is no removal).
    func testADirectionWordBeforeThanIsABound() {
        let fewerThan = direction("set up payroll for free for businesses with fewer than five employees")
        XCTAssertEqual(fewerThan.down[.bound], "fewer")
        XCTAssertNil(fewerThan.down[.amount])
        XCTAssertFalse(fewerThan.takesAway)
        XCTAssertNil(ChangeDirection.added(fewerThan, direction("set up payroll for free for businesses with five employees")))
        XCTAssertNil(ChangeDirection.added(direction("give 10% off orders of more than £50"), direction("give 10% off every order of £50")))
        XCTAssertEqual(opposition("give 10% off orders of more than £50", "give 10% off orders of less than £50"), "more / less")
        XCTAssertEqual(opposition("email members inactive for longer than a month", "email members inactive for shorter than a month"),
                       "longer / shorter")
        // A word of place before a number is a bound too ("baskets above £40" restates "orders over £40");
        // before anything else it is the place it was.
        let above = direction("give free delivery on baskets above £40")
        XCTAssertEqual(above.up[.bound], "abov")
        XCTAssertNil(above.up[.position])
        XCTAssertNil(ChangeDirection.added(above, direction("give free delivery on orders over £40")))
        XCTAssertEqual(opposition("give free delivery on orders above £40", "give free delivery on orders below £40"), "above / below")
        XCTAssertEqual(direction("refund the fee on baskets below forty pounds").down[.bound], "below")
        XCTAssertEqual(opposition("show the sale banner above the fold", "show the sale banner below the fold"), "above / below")
        XCTAssertEqual(direction("show the sale banner above the fold").up[.position], "abov")
        XCTAssertEqual(reader.stems("orders above £40, or below. 5 more at 3").numberAfter, [false, true, false, false, false, true])
        // "Than" before no number compares with what is done now: a change, as before (review26).
        XCTAssertEqual(opposition("ask for a review sooner than we do today", "ask for a review later, after the third class"), "sooner / later")
        XCTAssertNil(direction("send the renewal reminder earlier than competitors do").up[.bound])
        // Without "than" the words are directions as before.
        XCTAssertEqual(opposition("send more reminders", "send fewer reminders"), "more / fewer")
        XCTAssertEqual(ChangeDirection.added(direction("send fewer reminders to new members"), direction("send reminders to new members")), "fewer / –")
    }

    /// A direction word that "than" and a verb in -ing follow compares the offer with another way of doing it ("a kit
    /// priced lower than buying each separately", "cheaper than paying for both"): a property of the offer, as a bound
    /// is, not a change from today. It had read `direction (– / lower)` against "a starter bundle at 15% off" (dupq37).
    /// "Than" before anything else, "nothing" or a time of day included, is read as before.
    func testAComparisonWithAnotherWayOfDoingItIsNoDirection() {
        let lowerThanBuying = direction("a kit with the pole, spool and string priced lower than buying each separately")
        XCTAssertEqual(lowerThanBuying.down[.bound], "lower")
        XCTAssertNil(lowerThanBuying.down[.amount])
        XCTAssertNil(ChangeDirection.added(direction("offer a starter bundle of rod, reel and line at 15% off"), lowerThanBuying))
        XCTAssertNil(direction("set the price lower than nothing").down[.bound])
        XCTAssertNil(direction("send the reminder earlier than evening").up[.bound])
        XCTAssertEqual(opposition("lower the price of the bundle", "raise the price of the bundle"), "lower / raise")
    }

    /// After an adding or showing word, a comparative says which way the change goes: "show fewer ads" is fewer,
    /// not "show" and "fewer" both ways (which said no direction, as "add X and remove Y" does), so it opposes
    /// "show more ads".
    func testAComparativeAfterShowingSaysTheDirection() {
        let fewer = direction("show fewer ads to new members")
        XCTAssertEqual(fewer.down[.amount], "fewer")
        XCTAssertNil(fewer.up[.amount])
        XCTAssertEqual(direction("add more photos to each listing").up[.amount], "more")
        XCTAssertEqual(opposition("show more ads to new members", "show fewer ads to new members"), "more / fewer")
        XCTAssertEqual(opposition("display larger photos on each listing", "display smaller photos on each listing"), "larger / smaller")
        // A comparative after showing is no opposite of plain showing (review26: "show a shorter signup form" had
        // read `direction (shorter / display)` against "display a two-field registration form").
        XCTAssertNil(opposition("show a shorter signup form", "display a two-field registration form"))
        XCTAssertNil(opposition("add a smaller starter box", "introduce a mini box for first orders"))
        // "Add X and remove Y" still says no direction.
        XCTAssertNil(opposition("add a banner and remove the pop-up", "show a banner"))
    }

    /// A number moved one way ("from 14 to 7 days", "14 days instead of 7", "7 → 14") is a direction, read from the
    /// text as written (stems leave digits out): it opposes a move the other way and a word of amount the other
    /// way, and it is the direction a word of amount on the other side states, not a direction left out.
    func testANumberMovedIsADirection() {
        func numbered(_ text: String) -> ChangeDirection { direction(text).readingNumbers(in: [text]) }
        func opposed(_ a: String, _ b: String) -> String? { ChangeDirection.opposition(numbered(a), numbered(b)) }
        XCTAssertEqual(opposed("cut the free trial from 14 to 7 days", "give new trialists 14 days instead of 7"), "14 → 7 / 7 → 14")
        XCTAssertEqual(opposed("a two-week free trial instead of one", "shorten the free trial"), "one → two / shorten")
        XCTAssertEqual(opposed("lower the free delivery bar from £40 to £25", "free delivery from £25 → £40"), "£40 → £25 / £25 → £40")
        // The same way said with numbers on one side and a word on the other, or numbers both sides.
        XCTAssertNil(opposed("extend the free trial from 7 to 14 days", "give new trialists 14 days instead of 7"))
        XCTAssertNil(opposed("cut the checkout from five steps to two", "a checkout of two steps instead of five"))
        XCTAssertFalse(ChangeDirection.addsOne(numbered("extend the free trial"), numbered("a trial of 14 days instead of 7")))
        XCTAssertTrue(ChangeDirection.addsOne(direction("extend the free trial"), direction("a trial of 14 days instead of 7")))
        // Units of time are compared as time: two weeks instead of ten days is longer.
        XCTAssertEqual(numbered("two weeks instead of 10 days").numbersUp, true)
        // No move: a range of equal numbers, a multiple, or moves both ways.
        XCTAssertNil(numbered("open from 9am to 9pm").numbersUp)
        XCTAssertNil(numbered("twice instead of once").numbersUp)
        XCTAssertNil(numbered("from 3 to 5 photos and from 10 to 8 fields").numbersUp)
    }

    /// A change that moves numbers both ways (a limit and what follows from it: "from 12 to 36 months, bringing the
    /// payment from £350 to £120") still goes against one that moves each of the same numbers the other way
    /// (dupq53's W078: it read "the same change", both sides' directions mixed); a move from the same number the
    /// same way on both sides, or numbers that start nowhere alike, say nothing.
    func testNumbersMovedBothWaysAreOpposedMoveByMove() {
        func numbered(_ text: String) -> ChangeDirection { direction(text).readingNumbers(in: [text]) }
        func opposed(_ a: String, _ b: String) -> String? { ChangeDirection.opposition(numbered(a), numbered(b)) }
        let longer = "allow plan instalments from 12 to 36 months, bringing the monthly payment from £350 to about £120"
        let shorter = "allow plan instalments from 12 to 6 months, bringing the monthly payment from £350 to about £700"
        XCTAssertEqual(opposed(longer, shorter), "12 → 36 / 12 → 6")
        XCTAssertEqual(opposed(longer, "allow plan instalments from 12 to 6 months"), "12 → 36 / 12 → 6")
        XCTAssertNil(opposed(longer, "allow plan instalments from 12 to 24 months, bringing the monthly payment from £350 to about £180"))
        // One pair the same way: not opposed.
        XCTAssertNil(opposed(longer, "allow plan instalments from 12 to 48 months, bringing the monthly payment from £350 to about £700"))
        // Nothing starts from the same number: not read as opposed by the numbers.
        XCTAssertNil(opposed(longer, "allow plan instalments from 24 to 6 months, bringing the monthly payment from £500 to about £900"))
    }
    /// A text is read for moved numbers only when it writes a word a move starts from (`mayMoveNumbers`): in any
    /// case, and every text past ASCII; the moves found are those of reading every word.
    func testOnlyATextWithAWordOfAMoveIsReadForNumbers() {
        let moving = ["cut the trial FROM 14 to 7 days", "a trial of 14 Days Instead of 7", "14 days Rather than 7", "trial 7 -> 14 days",
                      "trial 7 → 14 days", "Dauer from seven to five Tage für Bestandskunden", "Von 7 Tagen: From 7 to 14"]
        for text in moving {
            XCTAssertTrue(ChangeDirection.mayMoveNumbers(text), text)
            XCTAssertFalse(ChangeDirection.numberMoves(in: text).isEmpty, text)
        }
        // Each of these is read in full (a word of a move within a word, or a letter past ASCII) and has no move.
        for text in ["fromage boxes for 7 to 14 year olds", "insteadfast", "brother's 2 → 3 (no)", "café hours 7 to 9"] {
            XCTAssertTrue(ChangeDirection.mayMoveNumbers(text), text)
        }
        // Without one, no move is read, as reading every word finds none.
        for text in ["raise the price to 14 dollars for 7 days", "show 3 plans, then 2", "trial 7 - 14 days", "FRO M 7 to 14"] {
            XCTAssertFalse(ChangeDirection.mayMoveNumbers(text), text)
            XCTAssertTrue(ChangeDirection.numberTokens(text).allSatisfy { !["from", "instead", "rather", "->", "→"].contains($0.text) }, text)
        }
    }
    /// A verb with its particle says a direction, named as written: "switch off" disables, "turn on" enables,
    /// "phase out" and "take away" remove, the particle also after what is turned off ("turn the waitlist off").
    /// Not a number between ("take 10% off" is a discount), nor "on" away from its verb ("switch users on the
    /// annual plan" turns nothing on).
    func testAVerbWithItsParticleIsADirection() {
        XCTAssertEqual(opposition("switch off autoplay of trailers on the browse page", "turn on autoplay of trailers on the browse page"),
                       "switch off / turn on")
        XCTAssertEqual(opposition("turn the waitlist off for full classes", "enable the waitlist for full classes"), "turn off / enable")
        XCTAssertEqual(opposition("phase out the printed catalogue for repeat buyers", "introduce a printed catalogue for repeat buyers"),
                       "phase out / introduce")
        XCTAssertEqual(direction("take away the delivery fee on orders over £40").down[.amount], "remov")
        XCTAssertEqual(direction("shut down the legacy checkout for returning buyers").down[.amount], "disabl")
        XCTAssertNil(direction("take 10% off the first box for new subscribers").down[.amount])
        XCTAssertNil(direction("take ten dollars off the first box for new subscribers").down[.amount])
        XCTAssertNil(direction("switch users on the annual plan to monthly invoices").up[.amount])
    }
    /// "Drop in" a file uploads it and "drop off" a parcel delivers it: no removal, and nothing against a
    /// change that shows something ("drop the phone field" still removes).
    func testDroppingInAFileTakesNothingAway() {
        XCTAssertNil(opposition("show an instant price as soon as an engineer drops in a mesh file",
                                "show an instant price once an engineer uploads a mesh file"))
        XCTAssertNil(direction("drop the parcel off at a locker near the customer").down[.amount])
        XCTAssertFalse(direction("drop the parcel off at a locker near the customer").takesAway)
        XCTAssertEqual(direction("drop the phone field from the signup form").down[.amount], "drop")
    }
    /// "No more emailed quotes" stops the emailed quotes, as "instead of a quote by email" does: a taking, not
    /// "not more" against the other's showing. "No more than three emails" is still a bound.
    func testNoMoreStopsWhatFollows() {
        XCTAssertNil(opposition("show a price and delivery date within seconds of uploading a file, instead of a quote by email",
                                "get cost and ship date straight after the upload, no more emailed quotations"))
        XCTAssertTrue(direction("no more emailed quotations").takesAway)
        XCTAssertNil(direction("no more emailed quotations").down[.amount])
        XCTAssertEqual(direction("send no more than three reminder emails a week").down[.bound], "not more")
    }
    /// More verbs whose particle is their direction: opting in or out, scaling back or ramping up, rolling out
    /// or back, bringing back; and revealing is showing, against hiding.
    func testMoreVerbsWithTheirParticlesAreDirections() {
        XCTAssertEqual(opposition("opt new learners in to the weekly newsletter by default",
                                  "opt new learners out of the weekly newsletter by default"), "opt in / opt out")
        XCTAssertEqual(opposition("scale back the number of onboarding emails", "ramp up the number of onboarding emails"),
                       "scale back / ramp up")
        XCTAssertEqual(opposition("roll out the new pricing page to all visitors", "roll back the new pricing page for all visitors"),
                       "roll out / roll back")
        XCTAssertEqual(direction("bring the free tier back for students").up[.amount], "introduc")
        XCTAssertEqual(opposition("reveal the price on the first onboarding screen", "hide the price on the first onboarding screen"),
                       "reveal / hide")
        XCTAssertNil(direction("let people opt for yearly billing in the app").up[.amount])
    }
}

/// A plain adjective denied ("not small", "no longer short") points the other way from its comparative: "not small"
/// agrees with "larger" and opposes "smaller" (review: "make the buy button not small" against "… larger" had read
/// "differ in direction (– / larger)"). Said without a denial, the adjective points no way ("a small banner" adds one).
final class DeniedAdjectiveTests: XCTestCase {
    let reader = TermReader()

    func direction(_ text: String) -> ChangeDirection { ChangeDirection(stems: reader.stems(text)) }

    func testADeniedAdjectivePointsAwayFromItsComparative() {
        let notSmall = direction("make the buy button not small on mobile web product pages")
        let larger = direction("make the buy button larger on mobile web product pages")
        let smaller = direction("make the buy button smaller on mobile web product pages")
        XCTAssertEqual(notSmall.up[.amount], "not small")
        XCTAssertEqual(larger.up[.amount], "larger")
        XCTAssertNil(ChangeDirection.opposition(notSmall, larger))
        XCTAssertEqual(ChangeDirection.opposition(notSmall, smaller), "not small / smaller")
        XCTAssertEqual(direction("a trial that is no longer short").up[.amount], "not short")
        XCTAssertNil(direction("add a small banner to the cart").down[.amount])
    }
}

extension DeniedAdjectiveTests {
    /// Near copies that swap "not small" for "larger" make one move; "not small" for "smaller" does not.
    func testADeniedAdjectiveMakesTheMoveOfItsOppositeComparative() {
        func stems(_ text: String) -> [String] { reader.stems(text).stems }
        XCTAssertTrue(ChangeDirection.onlyTheSameMove(stems("not small"), stems("larger")))
        XCTAssertTrue(ChangeDirection.onlyTheSameMove(stems("never long"), stems("shorter")))
        XCTAssertFalse(ChangeDirection.onlyTheSameMove(stems("not small"), stems("smaller")))
        XCTAssertFalse(ChangeDirection.onlyTheSameMove(stems("small"), stems("larger")))
    }
}

extension DeniedAdjectiveTests {
    /// Only an adjective that ends its phrase: "no late fee" and "no long-term lease" deny the fee and the lease (the
    /// labelled sets' "No late-fee reminder text" and "no long-term commitment" had read as earlier and shorter).
    func testAnAdjectiveBeforeItsNounPointsNoWay() {
        XCTAssertNil(direction("no late fee on the reminder text").up[.time])
        XCTAssertNil(direction("no late-fee reminder text").up[.time])
        XCTAssertNil(direction("no long-term commitment on the lease").down[.amount])
        XCTAssertEqual(direction("make the form not long").down[.amount], "not long")
    }
}

extension DeniedAdjectiveTests {
    /// A stop said two ways is one move ("no longer" / "stop"), and so is a showing verb denied and hiding
    /// ("never show" / "hide"); denying an adding verb is not taking away, nor is showing hiding.
    func testAStopSaidInOtherWordsIsOneMove() {
        func stems(_ text: String) -> [String] { reader.stems(text).stems }
        XCTAssertTrue(ChangeDirection.onlyTheSameMove(stems("no longer"), stems("stop")))
        XCTAssertTrue(ChangeDirection.onlyTheSameMove(stems("never show"), stems("hide")))
        XCTAssertTrue(ChangeDirection.onlyTheSameMove(stems("not display"), stems("remove")))
        XCTAssertFalse(ChangeDirection.onlyTheSameMove(stems("show"), stems("hide")))
        XCTAssertFalse(ChangeDirection.onlyTheSameMove(stems("never add"), stems("remove")))
        XCTAssertFalse(ChangeDirection.onlyTheSameMove(stems("no longer"), stems("add")))
        XCTAssertTrue(ChangeDirection.onlyTheSameMove(stems("no longer require"), stems("optional")))
        XCTAssertFalse(ChangeDirection.onlyTheSameMove(stems("require"), stems("optional")))
    }
}

extension DeniedAdjectiveTests {
    /// A requirement denied makes a thing optional: "no longer require a phone number" and "make the phone number
    /// field optional" point no two ways, while "no phone number" still denies what the other keeps.
    func testARequirementDeniedIsOptional() {
        let noLonger = direction("no longer require a phone number on the signup form")
        let optional = direction("make the phone number field optional on the signup form")
        let none = direction("no phone number on the signup form")
        XCTAssertNil(ChangeDirection.opposition(noLonger, optional))
        XCTAssertNil(ChangeDirection.opposition(optional, noLonger))
        XCTAssertNil(ChangeDirection.opposition(direction("a phone number that is not mandatory at signup"),
                                                direction("make the phone number optional at signup")))
        XCTAssertNotNil(ChangeDirection.opposition(none, optional))
        XCTAssertNotNil(ChangeDirection.opposition(noLonger, direction("require a phone number on the signup form")))
    }
}

extension DeniedAdjectiveTests {
    /// Making a thing required and making it optional are opposite changes (review: "make the learning-goal question
    /// required" / "… optional with a Skip button" were "the same change"); a requirement denied is no requirement.
    func testRequiredIsTheOppositeOfOptional() {
        let required = direction("make the learning-goal question required during onboarding")
        let optional = direction("make the learning-goal question optional during onboarding with a Skip button")
        XCTAssertEqual(ChangeDirection.opposition(required, optional), "required / optional")
        XCTAssertEqual(ChangeDirection.opposition(optional, required), "optional / required")
        XCTAssertNil(ChangeDirection.opposition(direction("no longer require the learning-goal question during onboarding"), optional))
        XCTAssertNil(ChangeDirection.opposition(direction("offer more payment options at checkout"),
                                                direction("require a payment method at checkout")))
    }
}
