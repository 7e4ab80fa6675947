import XCTest
@testable import PlaybookOverlaps
import PlaybookSimilarity

/// The facet vocabulary reads the other words squads write for a surface, channel or audience
/// ("the app alerts" a push, "the list of past purchases" the order history), so a look-alike that
/// says its surface that way is still told apart.
final class FacetParaphraseTests: XCTestCase {
    private func named(_ text: String, _ facet: Facets.Facet, _ dimension: String) -> [String] {
        Facets(stems: TermReader().stems(text), facets: [facet]).values[facet]?[dimension].map { $0.keys.sorted() } ?? []
    }

    func testParaphrasesReadAsTheirValues() {
        XCTAssertEqual(named("once the waiting period is over, the app alerts the person", .surface, "channel"), ["push"])
        XCTAssertEqual(named("put a reorder button next to the list of past purchases", .surface, "page"), ["order history"])
        XCTAssertEqual(named("show the offer on the thank-you screen", .surface, "page"), ["order confirmation"])
        // A thing's own page under another name (review52b #5): by words alone "recipe detail page" / "order confirmation
        // page" were one surface, and the look-alike a duplicate.
        XCTAssertEqual(named("suggest a wine pairing bundle on the recipe detail page", .surface, "page"), ["product"])
        XCTAssertEqual(named("a bigger photo on the listing detail screen", .surface, "page"), ["product"])
        XCTAssertEqual(named("a reorder button on the order detail page", .surface, "page"), ["order history"])
        XCTAssertEqual(named("save the card on the payment details page", .surface, "page"), ["checkout"])
        XCTAssertEqual(named("let people change their email on the account details screen", .surface, "page"), ["account"])
        XCTAssertEqual(named("mums and dads of primary school pupils", .segment, "age"), ["child"])
        XCTAssertEqual(named("parents of teenagers", .segment, "age"), ["teen"])
        XCTAssertEqual(named("first-time visitors in the Scottish Highlands", .region, "nation"), ["scotland"])
        // A compound says its own channel: an email alert is an email, not a push.
        XCTAssertEqual(named("send an email alert when the price drops", .surface, "channel"), ["email"])
        // A number to ring is no device.
        XCTAssertEqual(named("ask for a phone number at checkout", .platform, "device"), [])
        // Words as ambiguous as a bare "alert" or "walkthrough" name nothing.
        XCTAssertEqual(named("a cold-night alert for gardeners", .surface, "channel"), [])
        XCTAssertEqual(named("a brief walkthrough of how a round goes", .surface, "page"), [])
        // The step where a card is typed in is checkout (review54: "the credit card screen comes at the very end"
        // against "ahead of the payment form" read as another surface, and a rewording scoring 0.48 was lost).
        XCTAssertEqual(named("the credit card screen comes at the very end", .surface, "page"), ["checkout"])
        // A mailer is as often a box or an envelope sent by post ("grab another free mailer") as an email: no channel
        // (dupq54's AA073, "text folks … grab another free mailer", read as SMS against email).
        XCTAssertEqual(named("grab another free mailer here", .surface, "channel"), [])
    }

    /// The cart (basket, bag, trolley) is the first step of checkout, one surface: squads write either for the same
    /// place ("rent every costume in one checkout" / "with a single cart action"; "shown at checkout" / "advertise it
    /// in the basket"), and over the labelled sets five rewordings were read as another surface (checkout / cart) while
    /// no look-alike in any set is told apart by it. A cart is still another page than a product page.
    func testTheCartIsPartOfCheckout() {
        XCTAssertEqual(named("add the bundle with a single cart action", .surface, "page"), ["checkout"])
        XCTAssertEqual(named("advertise the guarantee in the basket", .surface, "page"), ["checkout"])
        XCTAssertEqual(named("show it in the shopping bag", .surface, "page"), ["checkout"])
        let reader = TermReader()
        func differences(_ a: String, _ b: String) -> [String] {
            Facets.differences(Facets(stems: reader.stems(a), facets: [.surface]), Facets(stems: reader.stems(b), facets: [.surface])).map(\.1)
        }
        XCTAssertEqual(differences("promise a refund, shown at checkout", "advertise the refund in the basket"), [])
        XCTAssertEqual(differences("show the refund promise on product pages", "advertise the refund in the basket"), ["product / checkout"])
    }

    /// Two changes that read as one by meaning and share few words, one through "the app alerts", the other
    /// by email: another surface, a related note rather than a duplicate (read without the paraphrase, a
    /// duplicate: nothing else tells them apart).
    func testALookAlikeOnAParaphrasedSurfaceIsKeptApart() throws {
        let alerts = hypothesis("HYP-0001", squad: "growth-a", title: "Tell donors when they can give again",
                                change: "the app alerts donors on the day they can give blood again", audience: "donors",
                                outcome: "more donors book a session")
        let email = hypothesis("HYP-0002", squad: "growth-b", title: "Eligible-again reminder",
                               change: "an email goes out to each donor once their waiting period is over", audience: "donors",
                               outcome: "more donors book a session")
        let encoder = Vectors([
            "Tell donors when they can give again. the app alerts donors on the day they can give blood again": [1, 0.1],
            "Eligible-again reminder. an email goes out to each donor once their waiting period is over": [1, 0.12],
            "donors": [1, 0],
        ])
        let overlap = try XCTUnwrap(OverlapFinder.duplicates(entities(alerts + "\n---\n" + email), encoder: encoder).first)
        XCTAssertEqual(overlap.kind, .related)
        XCTAssertTrue(overlap.reason.contains("surface (push / email)"), overlap.reason)
    }

    /// "Push" as a verb is no channel (fresh22: "push a branded signature to every staff mailbox" against the
    /// idea's emails, "pushed again over Meta's messenger" against an SMS idea, read `surface (push / email)` and
    /// `(sms, whatsapp / push)`, so two rewordings were called related work that differs in surface); the noun still is.
    func testPushIsAChannelOnlyAsANoun() {
        for verb in ["let an admin push a branded signature to every staff mailbox", "the code is pushed again over the messenger",
                     "push people to finish the profile"] {
            XCTAssertEqual(named(verb, .surface, "channel"), [], verb)
        }
        for noun in ["send a push when the price drops", "remind them by push the day before", "push reminders at 8pm",
                     "a push notification after the first lesson", "ask for push permission after the first order",
                     "send a daily push about the saved basket", "push-notify them when the price drops",
                     "an app push after the first lesson", "send pushes on Sunday"] {
            XCTAssertEqual(named(noun, .surface, "channel"), ["push"], noun)
        }
        // review76: a bare "push" beside another channel is the channel ("from email to push").
        XCTAssertEqual(named("move the saved basket reminder from email to push", .surface, "channel"), ["email", "push"])
        XCTAssertEqual(named("remind them by email or push", .surface, "channel"), ["email", "push"])
    }

    /// "Phone" as a verb is a call, a channel, not the device (fresh29: "have a volunteer … phone every household that
    /// attends …" read `platform (phone / –)` against a rewording where a congregant "calls them personally", so the
    /// rewording was called related work that differs in platform); the noun still is.
    func testPhoneIsADeviceOnlyAsANoun() {
        for verb in ["have a volunteer phone every household that attends a first service", "phone them back within a day",
                     "a nurse phones each new patient the day after", "we phoned them before the term",
                     "phone new members in their first week"] {
            XCTAssertEqual(named(verb, .platform, "device"), [], verb)
            XCTAssertEqual(named(verb, .surface, "channel"), ["call"], "a call is a channel of its own: \(verb)")
        }
        for noun in ["a bigger button on the phone", "show the offer on phones only", "a bigger tap target for phone users",
                     "courier a replacement phone the next day",
                     "a phone-sized layout for the booking form"] {
            XCTAssertEqual(named(noun, .platform, "device"), ["phone"], noun)
        }
    }

    /// What a change is done without is not where it happens (fresh22: "… by the next day, without me emailing
    /// anyone" read `surface (– / email)` against an idea on the download page); a surface after the words that
    /// follow "without" still counts, and so does one a "-free" compound names ("a fee-free checkout").
    func testASurfaceNamedAfterWithoutIsNotWhereTheChangeHappens() {
        XCTAssertEqual(named("the flag disappears by the next day, without me emailing anyone", .surface, "channel"), [])
        XCTAssertEqual(named("book a table without an email address", .surface, "channel"), [])
        XCTAssertEqual(named("pay without leaving the checkout", .surface, "page"), ["checkout"])
        XCTAssertEqual(named("a fee-free checkout for first orders", .surface, "page"), ["checkout"])
        XCTAssertEqual(named("send an email without a coupon", .surface, "channel"), ["email"])
        // review76: only a determiner or pronoun may stand between; a "without" inside a phrase of the
        // vocabulary ("without paying", the free plan) leaves nothing out after it.
        XCTAssertEqual(named("remind them without fail by text message", .surface, "channel"), ["sms"])
        XCTAssertEqual(named("readers without paying, email them about the saved basket", .surface, "channel"), ["email"])
        XCTAssertEqual(named("readers without paying, email them about the saved basket", .segment, "plan"), ["free"])
        XCTAssertEqual(named("send the code without a push reminder", .surface, "channel"), [])
    }

    /// A page named right after "after", "before" or "until" and an ordinal says when, not where (review, 2026-12-05:
    /// "ask for everything else after the first lesson" read `surface (signup / lesson)` against a shorter
    /// registration form, and a duplicate was a note); a channel there is still read, and so is a page said as where.
    /// A form's email field is no channel.
    func testAPageAfterATimeWordAndAnOrdinalSaysWhenNotWhere() throws {
        XCTAssertEqual(named("ask for everything else after the first lesson", .surface, "page"), [])
        XCTAssertEqual(named("show the survey before the second lesson", .surface, "page"), [])
        // Without an ordinal, the page is where: "after a lesson" is at its end.
        XCTAssertEqual(named("show an upgrade prompt after a lesson", .surface, "page"), ["lesson"])
        XCTAssertEqual(named("show the survey in the lesson", .surface, "page"), ["lesson"])
        XCTAssertEqual(named("offer a gift wrap during checkout", .surface, "page"), ["checkout"])
        XCTAssertEqual(named("send an email after the first lesson", .surface, "channel"), ["email"])
        XCTAssertEqual(named("cut the registration form to a single email field", .surface, "channel"), [])
        XCTAssertEqual(named("cut the registration form to a single email field", .surface, "page"), ["signup"])

        // Two wordings of one idea, close in meaning (cosine 0.65, as the model read them) but not in words.
        let first = (title: "One-field registration",
                     change: "cut the registration form to a single email field and ask for name and password later")
        let second = (title: "Sign up with just an email",
                      change: "let people open an account by typing only their email; ask for everything else after the first lesson")
        let audience = "new visitors on the website"
        let encoder = Vectors([first.title + ". " + first.change: [1, 0, 0], second.title + ". " + second.change: [0.65, 0.76, 0],
                               audience: [0, 0, 1]])
        let a = hypothesis("HYP-0001", squad: "onboarding", title: first.title, change: first.change, audience: audience,
                           outcome: "more visitors create an account")
        let b = hypothesis("HYP-0002", squad: "checkout", title: second.title, change: second.change, audience: audience,
                           outcome: "more visitors create an account")
        let overlap = try XCTUnwrap(OverlapFinder.duplicates(entities(a + "\n---\n" + b), encoder: encoder).first)
        XCTAssertEqual(overlap.kind, .duplicate, overlap.reason)
        XCTAssertFalse(overlap.reason.contains("lesson"), overlap.reason)
    }
}
