import XCTest
import PlaybookOverlaps
import PlaybookSimilarity

/// Look-alikes that keep a change's words but add what makes them another idea, and restatements
/// that a sentence encoder finds although look-alikes read closer.
final class LookAlikeTests: XCTestCase {
    let base = hypothesis("HYP-0001", squad: "growth-a", title: "Sample project on first login",
                          change: "create a demo project filled with example data the first time someone signs in",
                          audience: "new workspace owners", outcome: "more owners reach their first insight")

    func variant(title: String, change: String, audience: String = "new workspace owners") -> String {
        hypothesis("HYP-0002", squad: "growth-b", title: title, change: change, audience: audience, outcome: "more owners reach their first insight")
    }

    func testAPlatformNamedOnOneSideOfANearlySameChangeIsRelatedNotDuplicate() throws {
        let found = OverlapFinder.duplicates(entities(base + "\n---\n" + variant(
            title: "Sample project on first login in the iPad app",
            change: "create a demo project filled with example data the first time someone signs in on the iPad")))
        let overlap = try XCTUnwrap(found.first)
        XCTAssertEqual(overlap.kind, .related)
        XCTAssertTrue(overlap.reason.contains("platform (– / ipad)"), overlap.reason)
    }

    /// "Switch off" and "turn on" the same thing are opposite changes, however alike the rest reads: related
    /// work, its direction named as each side writes it.
    func testAVerbWithItsParticleIsAnotherDirection() throws {
        let off = hypothesis("HYP-0001", squad: "growth-a", title: "Trailer autoplay on the browse page",
                             change: "switch off autoplay of trailers on the browse page",
                             audience: "new subscribers", outcome: "more new subscribers start a title in their first week")
        let on = hypothesis("HYP-0002", squad: "growth-b", title: "Trailer autoplay on the browse page",
                            change: "turn on autoplay of trailers on the browse page",
                            audience: "new subscribers", outcome: "more new subscribers start a title in their first week")
        let overlap = try XCTUnwrap(OverlapFinder.duplicates(entities(off + "\n---\n" + on)).first)
        XCTAssertEqual(overlap.kind, .related)
        XCTAssertTrue(overlap.reason.contains("direction (switch off / turn on)"), overlap.reason)
    }

    func testADirectionNamedOnOneSideIsRelated() throws {
        let found = OverlapFinder.duplicates(entities(base + "\n---\n" + variant(
            title: "Sample project on first login, a week later",
            change: "create a demo project filled with example data a week later than the first time someone signs in")))
        let overlap = try XCTUnwrap(found.first)
        XCTAssertEqual(overlap.kind, .related)
        XCTAssertTrue(overlap.reason.contains("direction (– / later)"), overlap.reason)
    }

    /// A direction word is named as the hypothesis first writes it, not as its stem ("removed", not "remov").
    func testADirectionIsNamedInWordsNotStems() throws {
        let removal = OverlapFinder.duplicates(entities(base + "\n---\n" + variant(
            title: "Sample project on first login, removed",
            change: "remove the demo project filled with example data the first time someone signs in")))
        let removed = try XCTUnwrap(removal.first)
        XCTAssertTrue(removed.reason.contains("direction (– / removed)"), removed.reason)
        XCTAssertFalse(removed.reason.contains("remov)"), removed.reason)
        let place = OverlapFinder.duplicates(entities(base + "\n---\n" + variant(
            title: "Sample project on first login above the fold",
            change: "create a demo project filled with example data above the fold the first time someone signs in")))
        let above = try XCTUnwrap(place.first)
        XCTAssertTrue(above.reason.contains("direction (– / above)"), above.reason)
    }

    /// A platform, surface or region is named as the vocabulary spells it, not as its stem ("mobile", not "mobil").
    func testAFacetIsNamedInWordsNotStems() throws {
        let found = OverlapFinder.duplicates(entities(base + "\n---\n" + variant(
            title: "Sample project on first login on mobile",
            change: "create a demo project filled with example data the first time someone signs in on mobile")))
        let overlap = try XCTUnwrap(found.first)
        XCTAssertEqual(overlap.kind, .related)
        XCTAssertTrue(overlap.reason.contains("platform (– / mobile)"), overlap.reason)
        XCTAssertFalse(overlap.reason.contains("mobil)"), overlap.reason)
    }

    func testTheSameChangeReworded_WithNothingAddedStaysADuplicate() {
        let found = OverlapFinder.duplicates(entities(base + "\n---\n" + variant(
            title: "Sample project on the first login",
            change: "create a demo project with example data the first time a person signs in")))
        XCTAssertEqual(found.map(\.kind), [.duplicate])
    }

    func testAnAudienceThatReadsDifferentlyMakesANearlySameChangeRelated() throws {
        // Audiences far apart by meaning, changes the same: the encoder's vectors decide.
        let encoder = Vectors([
            "Sample project on first login. create a demo project filled with example data the first time someone signs in": [1, 0, 0, 0],
            "new workspace owners": [0, 1, 0, 0],
            "teachers of school classes": [0, 0, 1, 0],
        ])
        let other = variant(title: "Sample project on first login",
                            change: "create a demo project filled with example data the first time someone signs in",
                            audience: "teachers of school classes")
        let found = OverlapFinder.duplicates(entities(base + "\n---\n" + other), encoder: encoder)
        let overlap = try XCTUnwrap(found.first)
        XCTAssertEqual(overlap.kind, .related)
        // Both audiences as written, not only that they read apart.
        XCTAssertTrue(overlap.reason.contains("audience (new workspace owners / teachers of school classes, cosine 0.00)"), overlap.reason)
        // Without vectors, audiences that share no word past "new" and the like are two audiences too (they were a
        // duplicate by words alone before a review's couriers against restaurant partners).
        let byWords = try XCTUnwrap(OverlapFinder.duplicates(entities(base + "\n---\n" + other)).first)
        XCTAssertEqual(byWords.kind, .related, "without vectors, words alone")
        XCTAssertTrue(byWords.reason.contains("audience (new workspace owners / teachers of school classes, no word in common)"), byWords.reason)
    }

    /// A near copy that swaps one phrase for a longer one is another idea however many words the phrase
    /// takes; a text with as many words replaced here and there is another squad's wording.
    func testASwappedPhraseIsADetailAndScatteredWordsAreNot() throws {
        let idea = (title: "Renewal discount for annual members",
                    change: "give annual members ten percent off next year when they renew by the end of March")
        let swapped = "give annual members ten percent off next year when they renew during the big summer sale week in June"
        let scattered = "offer annual clients ten percent off the coming year when they sign by the close of March"
        func found(_ change: String) -> [Overlap] {
            let encoder = Vectors([
                idea.title + ". " + idea.change: [1, 0, 0],
                idea.title + ". " + change: [1, 0.05, 0],
                "annual members": [0, 0, 1],
            ])
            let a = hypothesis("HYP-0001", squad: "growth-a", title: idea.title, change: idea.change, audience: "annual members",
                               outcome: "more members renew")
            let b = hypothesis("HYP-0002", squad: "growth-b", title: idea.title, change: change, audience: "annual members",
                               outcome: "more members renew")
            return OverlapFinder.duplicates(entities(a + "\n---\n" + b), encoder: encoder)
        }
        let detail = try XCTUnwrap(found(swapped).first)
        XCTAssertEqual(detail.kind, .related)
        XCTAssertTrue(detail.reason.contains("detail (by the end of March / during the big summer sale week in June)"), detail.reason)
        XCTAssertEqual(found(scattered).map(\.kind), [.duplicate])
    }

    /// A near copy that changes only an amount in digits, with or without a currency sign ("a £20 deposit" /
    /// "a £50 deposit"), is another idea: the detail names both amounts as the texts write them, sign, "%" or
    /// unit included. (A number in digits has no word stems and was left out of the detail as filler, so the
    /// pair read as the same change; then the detail named the bare numbers, "detail (20 / 50)".)
    func testAnAmountInDigitsIsADetail() throws {
        for (first, second) in [("£20", "£50"), ("$20", "$50"), ("20 EUR", "50 EUR"), ("£4.99", "£9.99"), ("20%", "30%"), ("3 days", "7 days"),
                                ("€1,000", "€2,000"), ("£20", "£20k"), ("£2m", "£5m")] {
            let title = "Deposit to hold a party date"
            func change(_ amount: String) -> String { "let parents hold a party date with a \(amount) deposit instead of paying the full price" }
            let encoder = Vectors([title + ". " + change(first): [1, 0, 0], title + ". " + change(second): [0.99, 0.1, 0], "parents": [0, 0, 1]])
            let a = hypothesis("HYP-0001", squad: "growth-a", title: title, change: change(first), audience: "parents", outcome: "more parties booked")
            let b = hypothesis("HYP-0002", squad: "growth-b", title: title, change: change(second), audience: "parents", outcome: "more parties booked")
            let overlap = try XCTUnwrap(OverlapFinder.duplicates(entities(a + "\n---\n" + b), encoder: encoder).first)
            XCTAssertEqual(overlap.kind, .related, first)
            XCTAssertTrue(overlap.reason.contains("detail (\(first) / \(second))"), overlap.reason)
        }
        // The same amount written two ways is no detail.
        for (first, second) in [("£20,000", "£20k"), ("$1.5M", "$1,500,000")] {
            let title = "Deposit to hold a party date"
            func change(_ amount: String) -> String { "let parents hold a party date with a \(amount) deposit instead of paying the full price" }
            let encoder = Vectors([title + ". " + change(first): [1, 0, 0], title + ". " + change(second): [0.99, 0.1, 0], "parents": [0, 0, 1]])
            let a = hypothesis("HYP-0001", squad: "growth-a", title: title, change: change(first), audience: "parents", outcome: "more parties booked")
            let b = hypothesis("HYP-0002", squad: "growth-b", title: title, change: change(second), audience: "parents", outcome: "more parties booked")
            XCTAssertEqual(OverlapFinder.duplicates(entities(a + "\n---\n" + b), encoder: encoder).map(\.kind), [.duplicate], first)
        }
    }

    /// A near copy that says the same duration in other units or words ("a 14-day trial" / "a two-week trial", "24
    /// hours before" / "one day before") is the same idea; another duration is a detail as before.
    func testOneDurationSaidTwoWaysIsNoDetail() throws {
        let title = "Reminder before a booked class"
        func found(_ first: String, _ second: String,
                   change: (String) -> String = { "email members a reminder \($0) before each class they booked" }) -> [Overlap] {
            let encoder = Vectors([title + ". " + change(first): [1, 0, 0], title + ". " + change(second): [0.99, 0.1, 0], "members": [0, 0, 1]])
            let a = hypothesis("HYP-0001", squad: "growth-a", title: title, change: change(first), audience: "members", outcome: "fewer no-shows")
            let b = hypothesis("HYP-0002", squad: "growth-b", title: title, change: change(second), audience: "members", outcome: "fewer no-shows")
            return OverlapFinder.duplicates(entities(a + "\n---\n" + b), encoder: encoder)
        }
        for (first, second) in [("24 hours", "one day"), ("14 days", "two weeks"), ("a fortnight", "14 days"), ("48 hours", "2 days")] {
            XCTAssertEqual(found(first, second).map(\.kind), [.duplicate], first + " / " + second)
        }
        for (first, second) in [("14 days", "three weeks"), ("24 hours", "two days")] {
            let overlap = try XCTUnwrap(found(first, second).first)
            XCTAssertEqual(overlap.kind, .related, first)
            XCTAssertTrue(overlap.reason.contains("detail ("), overlap.reason)
        }
        // Durations in another order, or beside another amount, are two ideas (review26: "from 7 days to two weeks" /
        // "from 14 days to one week" and "… with a £5 voucher" / "… with a £50 voucher" had read as one).
        let trial = { (span: String) in "change the free trial \(span) for members who joined this month" }
        XCTAssertEqual(try XCTUnwrap(found("from 7 days to two weeks", "from 14 days to one week", change: trial).first).kind, .related)
        let voucher = { (when: String) in "email members a reminder \(when) before each class they booked" }
        XCTAssertEqual(try XCTUnwrap(found("24 hours, with a £5 voucher,", "one day, with a £50 voucher,", change: voucher).first).kind, .related)
        // Units without a number are no measure, whatever other duration both texts state.
        let rebook = { (when: String) in "an hour after the session ends, remind members to rebook the same court \(when)" }
        let overlap = try XCTUnwrap(found("next week", "next month", change: rebook).first)
        XCTAssertEqual(overlap.kind, .related)
        XCTAssertTrue(overlap.reason.contains("detail (week / month)"), overlap.reason)
    }

    /// Two rewordings that take away the same thing in other words ("remove" / "scrap", "stop asking for",
    /// "instead of") and put the same in its place are one idea; against a change that keeps the thing they
    /// are two, the removal named with its own word.
    func testARemovalSaidAnotherWayIsADuplicate() throws {
        typealias Side = (title: String, change: String)
        let tipJar: Side = ("Tip jar at the till", "remove the service fee and add a tip jar next to the card reader")
        let cases: [(Side, Side)] = [
            (tipJar, ("Diners choose what to give", "scrap the service fee; guests put what they like into a jar by the register")),
            (("Shorter signup form", "remove the phone number field from the signup form and add a skip link"),
             ("Quicker registration", "stop asking for a phone number when people register and offer a link to skip ahead")),
            (("Fewer lost bookings when classes are full", "when a class is full, remove the waitlist and show the next class with free spots"),
             ("Point people to open sessions", "if a session is booked out, suggest the next one with room instead of a waitlist")),
        ]
        func found(_ first: Side, _ second: Side) -> [Overlap] {
            let encoder = Vectors([first.title + ". " + first.change: [1, 0, 0], second.title + ". " + second.change: [0.99, 0.1, 0],
                                   "regular customers": [0, 0, 1]])
            let a = hypothesis("HYP-0001", squad: "growth-a", title: first.title, change: first.change, audience: "regular customers",
                               outcome: "more orders")
            let b = hypothesis("HYP-0002", squad: "growth-b", title: second.title, change: second.change, audience: "regular customers",
                               outcome: "more orders")
            return OverlapFinder.duplicates(entities(a + "\n---\n" + b), encoder: encoder)
        }
        for (first, second) in cases {
            let overlap = try XCTUnwrap(found(first, second).first)
            XCTAssertEqual(overlap.kind, .duplicate, overlap.reason)
            XCTAssertFalse(overlap.reason.contains("direction ("), overlap.reason)
        }
        let kept = try XCTUnwrap(found(tipJar, ("Diners choose what to give", "keep the service fee; guests put what they like into a jar by the register")).first)
        XCTAssertEqual(kept.kind, .related)
        XCTAssertTrue(kept.reason.contains("direction (remove service / service)"), kept.reason)
    }

    /// Near copies that take the same thing away in other words ("remove" / "scrap" / "get rid of" the
    /// service fee) make one change: a duplicate, not a detail (they read `detail (remove / scrap)`). A near
    /// copy that swaps the removal for another verb is still a detail.
    func testNearCopiesTakingAwayInOtherWordsAreADuplicate() throws {
        let title = "Tip jar instead of a service fee"
        func change(_ verb: String) -> String { "\(verb) the service fee at the table and add a tip jar next to the card reader" }
        func found(_ first: String, _ second: String) throws -> Overlap {
            let encoder = Vectors([title + ". " + change(first): [1, 0, 0], title + ". " + change(second): [0.99, 0.1, 0], "diners": [0, 0, 1]])
            let a = hypothesis("HYP-0001", squad: "growth-a", title: title, change: change(first), audience: "diners", outcome: "more tips")
            let b = hypothesis("HYP-0002", squad: "growth-b", title: title, change: change(second), audience: "diners", outcome: "more tips")
            return try XCTUnwrap(OverlapFinder.duplicates(entities(a + "\n---\n" + b), encoder: encoder).first)
        }
        for (first, second) in [("remove", "scrap"), ("remove", "get rid of"), ("drop", "ditch"), ("remove", "do away with")] {
            let overlap = try found(first, second)
            XCTAssertEqual(overlap.kind, .duplicate, overlap.reason)
            XCTAssertFalse(overlap.reason.contains("detail ("), overlap.reason)
        }
        let halved = try found("remove", "halve")
        XCTAssertEqual(halved.kind, .related, halved.reason)
        // "Switch" or "turn" without "off" takes nothing away.
        for other in ["switch", "turn"] {
            let moved = try found("scrap", other)
            XCTAssertEqual(moved.kind, .related, moved.reason)
        }
        let off = try found("scrap", "turn off")
        XCTAssertEqual(off.kind, .duplicate, off.reason)
    }

    /// Near copies that make one move in other words ("shorten" / "cut … down", "add" / "show", "raise" /
    /// "increase", "next to" / "beside") make one change: a duplicate (review70: "we shorten the first lesson to three minutes" and "we
    /// cut the first lesson down to three minutes" were related work that "differ in detail (shorten / cut)").
    /// Taking away against making smaller, or adding against making bigger, stays a detail.
    func testNearCopiesMakingOneMoveInOtherWordsAreADuplicate() throws {
        let title = "A shorter first lesson"
        func found(_ first: String, _ second: String) throws -> Overlap {
            let encoder = Vectors([title + ". " + first: [1, 0, 0], title + ". " + second: [0.99, 0.1, 0], "new learners": [0, 0, 1]])
            let a = hypothesis("HYP-0001", squad: "growth-a", title: title, change: first, audience: "new learners", outcome: "more finish day one")
            let b = hypothesis("HYP-0002", squad: "growth-b", title: title, change: second, audience: "new learners", outcome: "more finish day one")
            return try XCTUnwrap(OverlapFinder.duplicates(entities(a + "\n---\n" + b), encoder: encoder).first)
        }
        for (first, second) in [("we shorten the first lesson to three minutes", "we cut the first lesson down to three minutes"),
                                ("add a progress bar to the first lesson", "show a progress bar in the first lesson"),
                                ("raise the daily goal in the first lesson", "increase the daily goal in the first lesson"),
                                // review (2026-12-05): a copy that said "beside" for "next to" was related work that
                                // "differ in detail (next / beside)", a note where the copy wants a warning.
                                ("show the day's streak next to the first lesson", "show the day's streak beside the first lesson"),
                                ("show the day's streak alongside the first lesson", "show the day's streak next to the first lesson")] {
            let overlap = try found(first, second)
            XCTAssertEqual(overlap.kind, .duplicate, overlap.reason)
            XCTAssertFalse(overlap.reason.contains("detail ("), overlap.reason)
        }
        for (first, second) in [("remove the quiz from the first lesson", "shorten the quiz in the first lesson"),
                                ("add a quiz to the first lesson", "extend the quiz in the first lesson"),
                                ("show the streak next to the first lesson", "show the streak after the first lesson")] {
            let overlap = try found(first, second)
            XCTAssertEqual(overlap.kind, .related, overlap.reason)
        }
    }

    /// A number swapped that one side also says elsewhere ("2 hours before … 2 passes" / "2 hours before …
    /// 4 passes") is a detail: the numbers are counted, not only compared as terms.
    func testANumberSwappedThatIsAlsoSaidElsewhereIsADetail() throws {
        func change(_ passes: Int) -> String { "send a reminder 2 hours before the class with \(passes) free guest passes" }
        let title = "Guest passes with class reminders"
        let encoder = Vectors([title + ". " + change(2): [1, 0, 0], title + ". " + change(4): [0.99, 0.1, 0], "members": [0, 0, 1]])
        let a = hypothesis("HYP-0001", squad: "growth-a", title: title, change: change(2), audience: "members", outcome: "more guest visits")
        let b = hypothesis("HYP-0002", squad: "growth-b", title: title, change: change(4), audience: "members", outcome: "more guest visits")
        let overlap = try XCTUnwrap(OverlapFinder.duplicates(entities(a + "\n---\n" + b), encoder: encoder).first)
        XCTAssertEqual(overlap.kind, .related, overlap.reason)
        XCTAssertTrue(overlap.reason.contains("detail ("), overlap.reason)
    }

    /// The same words with what is kept and what is taken away swapped ("room photos instead of tile
    /// shots" / "tile shots instead of room photos") are opposite changes, related work; the same
    /// replacement said twice stays a duplicate.
    func testSwappedReplacementsAreOppositeChanges() throws {
        let rooms = "lead the weekly newsletter with photos of finished kitchens instead of single tile shots"
        let tiles = "lead the weekly newsletter with single tile shots instead of photos of finished kitchens"
        let again = "lead the weekly newsletter with photos of finished kitchens instead of the single tile shots"
        func found(_ first: String, _ second: String) throws -> Overlap {
            let encoder = Vectors(["Newsletter imagery. " + first: [1, 0, 0], "Newsletter imagery. " + second: [0.99, 0.1, 0], "subscribers": [0, 0, 1]])
            let a = hypothesis("HYP-0001", squad: "growth-a", title: "Newsletter imagery", change: first, audience: "subscribers", outcome: "more clicks")
            let b = hypothesis("HYP-0002", squad: "growth-b", title: "Newsletter imagery", change: second, audience: "subscribers", outcome: "more clicks")
            return try XCTUnwrap(OverlapFinder.duplicates(entities(a + "\n---\n" + b), encoder: encoder).first)
        }
        let swapped = try found(rooms, tiles)
        XCTAssertEqual(swapped.kind, .related, swapped.reason)
        XCTAssertTrue(swapped.reason.contains("direction (finished instead of shots / shots instead of finished)"), swapped.reason)
        let same = try found(rooms, again)
        XCTAssertEqual(same.kind, .duplicate, same.reason)
    }

    /// A copy of the original and a look-alike for another platform read closer to the original than
    /// its restatement does; neither is a rival, so the restatement is found.
    func testARestatementIsFoundWhenCopiesAndLookAlikesReadCloser() {
        let restatement = hypothesis("HYP-0003", squad: "growth-c", title: "Pre-populated starter workspace",
                                     change: "seed the account with a ready-made board of fake records", audience: "admins opening the product",
                                     outcome: "more owners reach their first insight")
        let copy = base.replacingOccurrences(of: "HYP-0001", with: "HYP-0004").replacingOccurrences(of: "growth-a", with: "growth-d")
        let lookAlike = variant(title: "Sample project on first login on Android",
                                change: "create a demo project filled with example data the first time someone signs in on Android")
        let first = "Sample project on first login. create a demo project filled with example data the first time someone signs in"
        let encoder = Vectors([
            first: [1, 0, 0],
            "Pre-populated starter workspace. seed the account with a ready-made board of fake records": [0.5, -0.5, -0.7071],
            "Sample project on first login on Android. create a demo project filled with example data the first time someone signs in on Android": [0.9, 0.3, 0.3162],
            "new workspace owners": [1, 0, 0], "admins opening the product": [1, 0, 0],
        ])
        let found = OverlapFinder.duplicates(entities([base, restatement, copy, lookAlike].joined(separator: "\n---\n")), encoder: encoder)
        let duplicates = Set(found.filter { $0.kind == .duplicate }.map(\.ids))
        XCTAssertEqual(duplicates, [["HYP-0001", "HYP-0003"], ["HYP-0003", "HYP-0004"], ["HYP-0001", "HYP-0004"]])
        XCTAssertTrue(found.contains { $0.ids == ["HYP-0001", "HYP-0002"] && $0.kind == .related })
        XCTAssertFalse(found.contains { $0.ids == ["HYP-0002", "HYP-0003"] && $0.kind == .duplicate }, "the look-alike is not the restatement's duplicate")
    }

    /// The same change with a city added, which no facet list names: with the model, a near copy
    /// that adds terms and changes none is another scope, a related note naming what it adds.
    func testANearCopyWithAQualifierAddedIsRelatedWithTheModel() throws {
        let first = "Sample project on first login. create a demo project filled with example data the first time someone signs in"
        let narrowed = "Sample project on first login in Leipzig. create a demo project filled with example data the first time someone signs in"
        let other = variant(title: "Sample project on first login in Leipzig",
                            change: "create a demo project filled with example data the first time someone signs in")
        let encoder = Vectors([first: [1, 0], narrowed: [0.98, 0.2], "new workspace owners": [1, 0]])
        let overlap = try XCTUnwrap(OverlapFinder.duplicates(entities(base + "\n---\n" + other), encoder: encoder).first)
        XCTAssertEqual(overlap.kind, .related)
        XCTAssertTrue(overlap.reason.contains("detail (– / in Leipzig)"), overlap.reason)
    }

    /// By words alone, two experiments' titles that swap only the channel they name ("WhatsApp share button …" /
    /// "Email share button …") are related work differing in surface, as with the model (review54: by words they were
    /// a duplicate, since an experiment's surface is read from its surface field and its title's channel was not
    /// compared). A swapped word naming nothing is still the same test by words.
    func testASwappedChannelInAnExperimentsTitleIsAnotherSurfaceByWords() throws {
        func pair(_ a: String, _ b: String) -> [Overlap] {
            let first = experiment("EXP-0018", squad: "referral", ["title": "\"\(a)\"", "surface": "web/order-confirmation/share"])
            let second = experiment("EXP-0019", squad: "acquisition", ["title": "\"\(b)\"", "surface": "web/order-confirmation/share"])
            return OverlapFinder.duplicates(entities(first + "\n---\n" + second)).filter { $0.kind != .collision }
        }
        let channels = try XCTUnwrap(pair("WhatsApp share button on the order confirmation page",
                                          "Email share button on the order confirmation page").first)
        XCTAssertEqual(channels.kind, .related, channels.reason)
        XCTAssertTrue(channels.reason.contains("differ in surface (whatsapp / email)"), channels.reason)
        let words = try XCTUnwrap(pair("Big share button on the order confirmation page",
                                       "Large share button on the order confirmation page").first)
        XCTAssertEqual(words.kind, .duplicate, words.reason)
    }

    /// A word that says a place is a sequence of steps ("in signup" / "in the signup flow") adds no scope: two
    /// copies but for it are a duplicate with the model, not related work "differ in detail (– / flow)"
    /// (review54). A place it names with the word is still a detail.
    func testASequenceWordAddedIsNoOtherScope() throws {
        let copy = "Pick recipes before paying. move the recipe picker ahead of the payment step in signup"
        let flow = "Pick recipes before paying. move the recipe picker ahead of the payment step in the signup flow"
        let other = "Pick recipes before paying. move the recipe picker ahead of the payment step in the referral flow"
        let encoder = Vectors([copy: [1, 0], flow: [0.99, 0.14], other: [0.97, 0.24], "new workspace owners": [1, 0]])
        func found(_ text: String) throws -> Overlap {
            let a = hypothesis("HYP-0001", squad: "growth-a", title: "Pick recipes before paying",
                               change: "move the recipe picker ahead of the payment step in signup",
                               audience: "new workspace owners", outcome: "more owners reach their first insight")
            let change = String(text.dropFirst("Pick recipes before paying. ".count))
            let b = variant(title: "Pick recipes before paying", change: change)
            return try XCTUnwrap(OverlapFinder.duplicates(entities(a + "\n---\n" + b), encoder: encoder).first)
        }
        let same = try found(flow)
        XCTAssertEqual(same.kind, .duplicate, same.reason)
        // The audiences read alike (one text): said among the fields that match.
        XCTAssertTrue(same.reason.contains("audience (cosine 1.00)"), same.reason)
        let referral = try found(other)
        XCTAssertEqual(referral.kind, .related, referral.reason)
        XCTAssertTrue(referral.reason.contains("detail (in signup / in the referral flow)"), referral.reason)
    }

    /// A closest pair whose changes read alike only weakly (cosine 0.40) is a duplicate when the
    /// audiences read alike too, or when no other text of the metric reads nearly as close to either
    /// side; with another idea of the metric near (0.35 to the restatement) and audiences that do not
    /// read alike, it is nothing. Another idea toward the restatement's own outcome, in the same words
    /// (a sibling, under `siblingCosine`), is no rival, as in the neighbour rule's lists.
    func testAWeakMatchNeedsAudiencesThatReadAlikeOrAClearMargin() {
        let restatement = hypothesis("HYP-0002", squad: "growth-b", title: "Pre-populated starter workspace",
                                     change: "seed the account with a ready-made board of fake records", audience: "admins opening the product",
                                     outcome: "more owners reach their first insight")
        let neighbour = hypothesis("HYP-0003", squad: "growth-a", title: "Setup checklist",
                                   change: "list five setup steps for the owner to tick off", audience: "new workspace owners",
                                   outcome: "more owners finish setting up their workspace")
        let sibling = hypothesis("HYP-0003", squad: "growth-a", title: "Setup checklist",
                                 change: "list five setup steps for the owner to tick off", audience: "new workspace owners",
                                 outcome: "more owners reach their first insight")
        let texts = ["Sample project on first login. create a demo project filled with example data the first time someone signs in": [Float(1), 0, 0],
                     "Pre-populated starter workspace. seed the account with a ready-made board of fake records": [0.4, 0.9165, 0],
                     "Setup checklist. list five setup steps for the owner to tick off": [0.2, 0.2946, 0.9345]]
        func kinds(audienceCosine: Float, neighbourToo: Bool = false, siblingToo: Bool = false) -> [OverlapKind] {
            let encoder = Vectors(texts.merging(["new workspace owners": [1, 0],
                                                 "admins opening the product": [audienceCosine, (1 - audienceCosine * audienceCosine).squareRoot()]]) { a, _ in a })
            let documents = [base, restatement] + (neighbourToo ? [neighbour] : []) + (siblingToo ? [sibling] : [])
            return OverlapFinder.duplicates(entities(documents.joined(separator: "\n---\n")), encoder: encoder)
                .filter { $0.ids == ["HYP-0001", "HYP-0002"] }.map(\.kind)
        }
        XCTAssertEqual(kinds(audienceCosine: 0.5), [.duplicate])
        XCTAssertEqual(kinds(audienceCosine: 0.5, neighbourToo: true), [.duplicate])
        XCTAssertEqual(kinds(audienceCosine: 0.3), [.duplicate], "alone in its metric, the pair stands clear")
        XCTAssertEqual(kinds(audienceCosine: 0.3, neighbourToo: true), [])
        XCTAssertEqual(kinds(audienceCosine: 0.3, siblingToo: true), [.duplicate], "another idea of the restatement's own outcome")
    }

    /// A restatement that reads a little closer to a look-alike for other people than to the idea it
    /// restates goes with the idea, whose audience it shares in other words.
    func testARestatementBetweenTwoLookAlikesGoesWithTheOneWhoseAudienceItShares() {
        let restatement = hypothesis("HYP-0003", squad: "growth-c", title: "Pre-populated starter workspace",
                                     change: "seed the account with a ready-made board of fake records", audience: "admins opening the product",
                                     outcome: "more owners reach their first insight")
        let forTeachers = variant(title: "Sample project on first login for teachers",
                                  change: "create a demo project filled with example data the first time a teacher signs in",
                                  audience: "teachers of school classes")
        let encoder = Vectors([
            "Sample project on first login. create a demo project filled with example data the first time someone signs in": [1, 0, 0],
            "Sample project on first login for teachers. create a demo project filled with example data the first time a teacher signs in": [0.95, 0.3122, 0],
            "Pre-populated starter workspace. seed the account with a ready-made board of fake records": [0.5, 0.1442, 0.8540],
            "new workspace owners": [1, 0], "teachers of school classes": [0, 1], "admins opening the product": [0.9, 0.4359],
        ])
        let found = OverlapFinder.duplicates(entities([base, forTeachers, restatement].joined(separator: "\n---\n")), encoder: encoder)
        XCTAssertEqual(found.filter { $0.kind == .duplicate }.map(\.ids), [["HYP-0001", "HYP-0003"]])
        XCTAssertFalse(found.contains { $0.ids == ["HYP-0002", "HYP-0003"] && $0.kind == .duplicate })
    }

    /// A restatement that reads a little closer to the look-alike that denies the change ("do not send
    /// any email") than to the idea goes with the idea: it denies nothing itself.
    func testARestatementThatDeniesNothingGoesWithTheLookAlikeThatDeniesNothing() {
        func side(_ id: String, _ squad: String, _ title: String, _ change: String) -> String {
            hypothesis(id, squad: squad, title: title, change: change, audience: "subscribers whose payment failed",
                       outcome: "more failed payments recovered")
        }
        let idea = side("HYP-0001", "growth-a", "Dunning emails for failed payments", "send three reminder emails when a card payment fails")
        let denial = side("HYP-0002", "growth-b", "No emails for failed payments", "do not send any email when a card payment fails")
        let restatement = side("HYP-0003", "growth-c", "Chase declined charges",
                               "a sequence of messages asking people to update their card after a billing error")
        let encoder = Vectors([
            "Dunning emails for failed payments. send three reminder emails when a card payment fails": [1, 0, 0],
            "No emails for failed payments. do not send any email when a card payment fails": [0.9, 0.4359, 0],
            "Chase declined charges. a sequence of messages asking people to update their card after a billing error": [0.6, 0.1835, 0.7787],
            "subscribers whose payment failed": [1, 0, 0],
        ])
        let found = OverlapFinder.duplicates(entities([idea, denial, restatement].joined(separator: "\n---\n")), encoder: encoder)
        XCTAssertEqual(found.filter { $0.kind == .duplicate }.map(\.ids), [["HYP-0001", "HYP-0003"]])
        XCTAssertTrue(found.contains { $0.ids == ["HYP-0001", "HYP-0002"] && $0.kind == .related })
    }

    /// A denied detail that the look-alike leaves out ("without signing up" against "once they finish the
    /// course") does not tell the two apart as a denial would: a restatement that denies nothing still goes
    /// with the one it reads closer to, the idea (fresh10's mock exam).
    func testADeniedDetailTheLookAlikeLeavesOutDecidesNothing() {
        func side(_ id: String, _ squad: String, _ title: String, _ change: String) -> String {
            hypothesis(id, squad: squad, title: title, change: change, audience: "visitors to the drone licence course page",
                       outcome: "more courses bought")
        }
        let idea = side("HYP-0001", "drone-a", "Offer a free mock theory exam",
                        "let visitors take a 20-question practice test for the drone operator exam without signing up, and show their score with the course offer")
        let afterwards = side("HYP-0002", "drone-b", "Offer a free mock theory exam after the course",
                              "let buyers take a 20-question practice test for the drone operator exam once they finish the course, and show their score")
        let restatement = side("HYP-0003", "drone-c", "How would you do in the real test today?",
                               "we give anyone a short sample of the exam questions for nothing, then tell them where they stand")
        let encoder = Vectors([
            "Offer a free mock theory exam. let visitors take a 20-question practice test for the drone operator exam without signing up, and show their score with the course offer": [1, 0, 0],
            "Offer a free mock theory exam after the course. let buyers take a 20-question practice test for the drone operator exam once they finish the course, and show their score": [0.95, 0.3122, 0],
            "How would you do in the real test today?. we give anyone a short sample of the exam questions for nothing, then tell them where they stand": [0.6, -0.032, 0.7993],
            "visitors to the drone licence course page": [1, 0, 0],
        ])
        let found = OverlapFinder.duplicates(entities([idea, afterwards, restatement].joined(separator: "\n---\n")), encoder: encoder)
        XCTAssertEqual(found.filter { $0.kind == .duplicate }.map(\.ids), [["HYP-0001", "HYP-0003"]])
        XCTAssertFalse(found.contains { $0.ids == ["HYP-0002", "HYP-0003"] && $0.kind == .duplicate })
    }

    /// A trial cut from 14 days to 7 and one given 14 days instead of 7 read nearly alike but move the number
    /// opposite ways: related work that names the two moves, not one change.
    func testANumberMovedOppositeWaysIsAnotherDirection() throws {
        let shorter = hypothesis("HYP-0001", squad: "trial-a", title: "Free trial from 14 to 7 days",
                                 change: "change the free trial for new sign-ups from 14 days to 7 days before the first charge",
                                 audience: "new sign-ups", outcome: "more trials convert to paid plans")
        let longer = hypothesis("HYP-0002", squad: "trial-b", title: "Free trial of 14 days instead of 7",
                                change: "change the free trial for new sign-ups to 14 days instead of 7 days before the first charge",
                                audience: "new sign-ups", outcome: "more trials convert to paid plans")
        let overlap = try XCTUnwrap(OverlapFinder.duplicates(entities(shorter + "\n---\n" + longer)).first)
        XCTAssertEqual(overlap.kind, .related)
        XCTAssertTrue(overlap.reason.contains("direction (14 → 7 / 7 → 14)"), overlap.reason)
    }

    /// A limit moved one way with what follows from it moved the other ("from 12 to 36 months, the monthly
    /// payment from £350 to £120") against the limit moved back: two ideas (it was "the same change").
    func testALimitAndWhatFollowsMovedBackIsAnotherDirection() throws {
        let longer = hypothesis("HYP-0001", squad: "plans-a", title: "Prepaid plan instalments: a new longest period",
                                change: "change the longest instalment period for prepaid plans from 12 to 36 months, bringing the typical monthly payment from £350 to about £120",
                                audience: "people pricing a plan", outcome: "more plans sold")
        let shorter = hypothesis("HYP-0002", squad: "plans-b", title: "Prepaid plan instalments: a new longest period",
                                 change: "change the longest instalment period for prepaid plans from 12 to 6 months, bringing the typical monthly payment from £350 to about £700",
                                 audience: "people pricing a plan", outcome: "more plans sold")
        let overlap = try XCTUnwrap(OverlapFinder.duplicates(entities(longer + "\n---\n" + shorter)).first)
        XCTAssertEqual(overlap.kind, .related, overlap.reason)
        XCTAssertTrue(overlap.reason.contains("direction (12 → 36 / 12 → 6)"), overlap.reason)
    }

    /// The same change placed before something on one side and after it on the other is two ideas;
    /// "before" and "after" about different things are not opposites.
    func testBeforeAndAfterTheSameThingAreOppositeWays() throws {
        let before = hypothesis("HYP-0001", squad: "payroll-a", title: "Payroll reminder two days before the cutoff",
                                change: "email the admin a reminder two days before the payroll cutoff with a link to approve the run",
                                audience: "small businesses running payroll", outcome: "more runs approved on time")
        let after = hypothesis("HYP-0002", squad: "payroll-b", title: "Payroll reminder two days after the cutoff",
                               change: "email the admin a reminder two days after the payroll cutoff with a link to approve the run",
                               audience: "small businesses running payroll", outcome: "more runs approved on time")
        let overlap = try XCTUnwrap(OverlapFinder.duplicates(entities(before + "\n---\n" + after)).first)
        XCTAssertEqual(overlap.kind, .related)
        XCTAssertTrue(overlap.reason.contains("direction (before cutoff / after cutoff)"), overlap.reason)
        let reader = TermReader()
        func direction(_ text: String) -> ChangeDirection { ChangeDirection(stems: reader.stems(text)) }
        XCTAssertNil(ChangeDirection.opposition(direction("show the paywall after five lessons instead of after two"),
                                                direction("let people learn longer before asking for payment")))
        XCTAssertNil(ChangeDirection.opposition(direction("order the evening before and collect an hour before the shop opens"),
                                                direction("order the evening before and collect before the shop opens")))
        XCTAssertNotNil(ChangeDirection.opposition(direction("order the evening before and collect an hour before the shop opens"),
                                                   direction("order the evening before and collect an hour after the shop opens")))
    }
}

/// Hand-made unit vectors, looked up by text.
struct Vectors: SentenceEncoder {
    var modelName = "hand-made"
    var table: [String: [Float]]
    var dimension: Int { table.first?.value.count ?? 0 }

    init(_ table: [String: [Float]]) {
        self.table = table.mapValues { v in
            let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
            return v.map { $0 / norm }
        }
    }

    enum Missing: Error { case text(String) }

    func encode(_ texts: [String]) throws -> [[Float]] {
        try texts.map { text in
            guard let vector = table[text] else { throw Missing.text(text) }
            return vector
        }
    }
}
