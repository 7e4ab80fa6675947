import XCTest
@testable import PlaybookOverlaps
import PlaybookSimilarity

/// Values of one dimension that overlap (`Facets.alsoMeets`): a dashboard is a product's home screen.
/// And the vocabulary read the same way every run.
final class FacetOverlapTests: XCTestCase {
    private func read(_ text: String, _ facets: Set<Facets.Facet>) -> Facets {
        Facets(stems: TermReader().stems(text), facets: facets)
    }

    private func differences(_ a: String, _ b: String, _ facets: Set<Facets.Facet>) -> [String] {
        Facets.differences(read(a, facets), read(b, facets)).map { "\($0.0.rawValue) (\($0.1))" }
    }

    func testADashboardIsTheHomeScreenOfAProductOneSignsInTo() {
        XCTAssertEqual(differences("show a setup checklist on the dashboard", "a list of first tasks on their main screen", [.surface]), [])
        // Still another page than the settings, and named as the text names it.
        XCTAssertEqual(differences("show a setup checklist on the dashboard", "a setup checklist on the settings page", [.surface]),
                       ["surface (dashboard / settings)"])
        // The home screen does not take the dashboard's other pages along.
        XCTAssertEqual(differences("a banner on the home screen", "a banner on the settings page", [.surface]), ["surface (home / settings)"])
    }

    /// A listing page is a list of results, as search results are: "bigger product images on the listing page" and
    /// "… in search results" are one surface (held-out P141 had read `surface (listing / search)`); a listing still
    /// differs from a product page, and search results from the home screen.
    func testAListingPageMeetsSearchResults() {
        XCTAssertEqual(differences("increase product image size on the listing page", "make item pictures bigger in search results", [.surface]), [])
        XCTAssertEqual(differences("a badge on the listing page", "a badge on the product page", [.surface]), ["surface (listing / product)"])
        XCTAssertEqual(differences("a badge in search results", "a badge on the home screen", [.surface]), ["surface (search / home)"])
    }

    /// Only the values `alsoMeets` names overlap: returning, lapsed, active and new customers stay apart.
    func testOtherStagesStayApart() {
        XCTAssertEqual(differences("returning users", "lapsed users", [.segment]), ["segment (returning / lapsed)"])
        XCTAssertEqual(differences("returning renters", "new renters", [.segment]), ["segment (returning / new)"])
        XCTAssertEqual(differences("loyal customers", "new customers", [.segment]), ["segment (active / new)"])
    }

    /// A person's own phone is where a message lands or what they hold, not a platform the change is built for
    /// ("a code sent to their phone", "the patient's mobile", "point your phone at the box"): it names none, so a
    /// rewording that says so is no longer `platform (– / phone)` against an idea that names no platform (dupq36's
    /// eSIM prompt "pushed to their phone", fresh9's "snap your burner" with "your phone"). A phone, the iPhone app
    /// or a mobile app is still a platform, and a look-alike that moves the change to one still names it.
    func testAPersonsOwnPhoneNamesNoPlatform() {
        for text in ["unlock the car with a code sent to their phone", "send a text to the patient's phone two weeks before",
                     "point your phone at the box to reorder", "message them on their mobile", "the map on people's phones"] {
            XCTAssertNil(read(text, [.platform]).values[.platform], text)
        }
        XCTAssertEqual(read("book a lesson on a phone", [.platform]).values[.platform]?["device"]?.keys.sorted(), ["phone"])
        XCTAssertEqual(read("a reorder button in the iPhone app", [.platform]).values[.platform]?["os"]?.keys.sorted(), ["ios"])
        let own = read("send a reorder link to their phone", [.platform])
        let android = read("send a reorder link to their phone in the Android app", [.platform])
        XCTAssertEqual(Facets.namedOnOneSide(own, android).map { "\($0.0.rawValue) (\($0.1))" }, ["platform (– / android)"])
    }

    /// People who do not pay are on the free plan: "using the app without paying", "who have never paid", "who
    /// don't pay" read the denial with the word it denies (before, "pay" alone read the paid plan, so dupq37's
    /// "people using the app without paying" was `segment (free / paid)` against "learners on the free plan").
    /// A phone number is what a change verifies or texts, not a platform (review: "require phone number verification by
    /// SMS" read "match: platform (phone)" against a mobile-web checkout); a phone app still is one.
    func testAPhoneNumberNamesNoPlatform() {
        for text in ["require phone number verification by SMS at signup", "Require phone verification at signup",
                     "check the phone number before the first order"] {
            XCTAssertNil(read(text, [.platform]).values[.platform], text)
        }
        XCTAssertNil(read("ask for their mobile numbers at checkout", [.platform]).values[.platform])
        XCTAssertEqual(differences("verify the phone number in the Android app", "verify the phone number on the website", [.platform]),
                       ["platform (android / web)"])
    }

    /// Apple's wallet is iOS's as Google's is Android's (review: "Apple Pay at checkout" against "Google Pay at checkout"
    /// read "differ in platform (– / google pay)", one side naming none).
    func testApplePayIsTheIOSWallet() {
        XCTAssertEqual(differences("add Apple Pay at checkout", "add Google Pay at checkout", [.platform]), ["platform (ios / android)"])
    }

    func testPeopleWhoDoNotPayAreOnTheFreePlan() {
        XCTAssertEqual(differences("people using the app without paying", "learners on the free plan", [.segment]), [])
        XCTAssertEqual(differences("members who have never paid", "free users", [.segment]), [])
        XCTAssertEqual(differences("readers who don't pay", "readers on the free tier", [.segment]), [])
        XCTAssertEqual(differences("people using the app without paying", "learners on the paid plan", [.segment]),
                       ["segment (free / paid)"])
        XCTAssertEqual(differences("paying members", "free members", [.segment]), ["segment (paid / free)"])
    }

    /// Childhood's bands are audiences of their own: the under-fives ("toddlers", "preschoolers", "little ones",
    /// "under-fives") are not the school-age ("school-age children", "primary school pupils"), while a child or a
    /// kid alone may be either. (Before the bands, "toddlers" and "school-age children" read as one age, child.)
    func testChildhoodBandsAreApart() {
        XCTAssertEqual(differences("families with toddlers", "families with school-age children", [.segment]),
                       ["segment (under five / school age)"])
        XCTAssertEqual(differences("parents of under-fives", "parents of primary school pupils", [.segment]),
                       ["segment (under five / school age)"])
        XCTAssertEqual(differences("parents of toddlers", "families with under-fives", [.segment]), [])
        XCTAssertEqual(differences("parents of preschoolers", "families whose little ones are learning to walk", [.segment]), [])
        XCTAssertEqual(differences("school-age kids", "parents of primary school pupils", [.segment]), [])
        XCTAssertEqual(differences("parents of kids", "parents of toddlers", [.segment]), [])
        // Other stages stay apart as before: the under-fives and the teens, retirees (or pensioners) and students.
        XCTAssertEqual(differences("parents of under-fives", "families with teens", [.segment]), ["segment (child / teen)"])
        XCTAssertEqual(differences("pensioners", "students", [.segment]), ["segment (retiree / student)"])
        XCTAssertEqual(differences("retirees", "pensioners", [.segment]), [])
    }

    /// Mums and dads are parents: "mums and dads of current students" had read only the students (`segment (parent /
    /// student)` against "parents whose child already dances with us", dupq38 V023). Parents of toddlers and of
    /// school-age children stay apart, and a parent is still not a teacher.
    /// A segment said to be absent ("couples, no children", "travellers without kids") is another audience than one
    /// naming it: couples against families was a duplicate "matching segment (child)" (a blind hand-written
    /// look-alike, 2026-12-06). Denied on both sides, or named on neither, nothing differs.
    func testASegmentDeniedIsAnotherAudienceThanOneNamingIt() {
        XCTAssertEqual(differences("couples (two adults, no children) with a stay completed 12 months ago",
                                   "families (at least one child on the booking) with a stay completed 12 months ago", [.segment]),
                       ["segment (no children / child)"])
        XCTAssertEqual(differences("families with kids", "travellers without kids", [.segment]), ["segment (kid / no kid)"])
        XCTAssertEqual(differences("couples with no children", "adults travelling with no kids", [.segment]), [])
        XCTAssertEqual(differences("couples with no children", "solo travellers", [.segment]), [])
    }

    /// Every platform ("web and app", "iOS, Android and web") restricts nothing: named on one side only it tells
    /// nothing apart, where "differ in platform (– / web)" had kept a blind hand-written restatement for travellers
    /// "searching for stays, web and app" apart (2026-12-06). One platform, or the web app alone, still does; and a
    /// change naming the iPad for users of every platform is for the iPad.
    func testEveryPlatformNamedOnOneSideTellsNothingApart() {
        func oneSided(_ a: Facets, _ b: Facets) -> [String] {
            Facets.namedOnOneSide(a, b, among: [.platform]).map { "\($0.0.rawValue) (\($0.1))" }
        }
        let everyone = read("all travellers searching hotels and holiday rentals", [.platform])
        XCTAssertEqual(oneSided(read("travellers searching for stays, web and app", [.platform]), everyone), [])
        XCTAssertEqual(oneSided(everyone, read("new users on iOS, Android and web", [.platform])), [])
        XCTAssertNil(Facets.firstNamedOnOneSide(read("people on the app or the web", [.platform]), everyone, among: [.platform]))
        XCTAssertEqual(oneSided(read("travellers on the web", [.platform]), everyone), ["platform (web / –)"])
        XCTAssertEqual(oneSided(read("people using our web app", [.platform]), everyone), ["platform (web app / –)"])
        var iPad = read("a larger calendar in the iPad app", [.platform])
        iPad.merge(read("travellers on web and app", [.platform]))
        XCTAssertEqual(Facets.firstNamedOnOneSide(iPad, everyone, among: [.platform]), .platform)
    }

    func testMumsAndDadsAreParents() {
        XCTAssertEqual(differences("parents whose child already dances with us", "mums and dads of current students", [.segment]), [])
        XCTAssertEqual(differences("parents planning a party", "a mum or dad planning a party", [.segment]), [])
        XCTAssertEqual(differences("mums and dads", "teachers", [.segment]), ["segment (parent / teacher)"])
        XCTAssertEqual(differences("dads of toddlers", "parents of primary school pupils", [.segment]),
                       ["segment (under five / school age)"])
    }

    /// People who employ themselves are freelancers: "self-employed" had read the stem of "employer", the HR
    /// role (`segment (freelancer / hr)` against "freelancers who work from home", dupq38 V015). Employers and
    /// HR teams still read that role.
    func testSelfEmployedPeopleAreFreelancers() {
        XCTAssertEqual(differences("freelancers who work from home most days", "self-employed people who work at the kitchen table",
                                   [.segment]), [])
        XCTAssertEqual(differences("sole traders", "freelancers", [.segment]), [])
        XCTAssertEqual(differences("self-employed people", "HR managers", [.segment]), ["segment (freelancer / hr)"])
        XCTAssertEqual(differences("freelancers", "employers", [.segment]), ["segment (freelancer / hr)"])
    }

    /// People named by their employer are its staff, as employees of companies are: "staff whose employer has signed up"
    /// and "workers whose employer pays for our spend tool" had read the HR role of "employer" (`segment (team / hr)` against
    /// "employees of companies in the scheme", dupq25 Z025 and Z027, dupq39 B003). Employers themselves and HR teams
    /// still read that role.
    func testPeopleNamedByTheirEmployerAreItsStaff() {
        XCTAssertEqual(differences("employees of companies in the scheme", "staff whose employer has signed up", [.segment]), [])
        XCTAssertEqual(differences("employees at companies on our expense plan", "workers whose employer pays for our spend tool",
                                   [.segment]), [])
        XCTAssertEqual(differences("colleagues at client companies", "people who get their employer's benefits", [.segment]), [])
        XCTAssertEqual(differences("employees of companies in the scheme", "employers in the scheme", [.segment]), ["segment (team / hr)"])
        XCTAssertEqual(differences("staff whose employer has signed up", "HR managers", [.segment]), ["segment (team / hr)"])
    }

    /// A phone call and where it waits name no device ("skip the phone queue", "the phone line is busy at lunch",
    /// "orders taken over the phone"), as "by phone" and "a phone number" did not: a rewording that booked "rather
    /// than ringing" had read `platform (– / phone, website)`. A phone itself still names one.
    func testACallNamesNoDevice() {
        for text in ["skip the phone queue for a first consultation", "the phone line is busy at lunch",
                     "orders taken over the phone", "more phone bookings", "offer phone support at checkout"] {
            XCTAssertNil(read(text, [.platform]).values[.platform], text)
        }
        XCTAssertEqual(read("book a lesson on a phone", [.platform]).values[.platform]?["device"]?.keys.sorted(), ["phone"])
        XCTAssertEqual(read("a line of text on the phone home screen", [.platform]).values[.platform]?["device"]?.keys.sorted(), ["phone"])
    }

    /// Places of sale in a shop or venue: the till is the checkout however it is called, the café counter,
    /// the snack bar and the box office are other places. "Till" as "until" names none.
    func testPlacesOfSaleAreSurfaces() {
        XCTAssertEqual(differences("ask every customer at the till", "staff at the checkout ask each shopper", [.surface]), [])
        XCTAssertEqual(differences("hand a leaflet to every customer at the farm-shop till",
                                   "hand a leaflet to every café customer at the counter", [.surface]),
                       ["surface (checkout / café)"])
        XCTAssertEqual(differences("offer a combo at the box office", "offer a combo at the ticket desk", [.surface]), [])
        XCTAssertEqual(differences("offer a combo at the box office", "offer a combo at the snack bar", [.surface]),
                       ["surface (box office / snack bar)"])
        XCTAssertNil(read("keep the offer open till the end of the month", [.surface]).values[.surface])
    }

    /// Phrases of one stem sequence read the same values, and a message names one spelling every run
    /// (the vocabulary's own before a paraphrase): "pricing page", not now and then "price page".
    func testOneStemSequenceReadsOneWay() {
        var seen: [String: [String: String]] = [:]
        for phrase in Facets.phrases.values.joined() {
            let key = phrase.facet.rawValue + ":" + phrase.stems.joined(separator: " ")
            if let tags = seen[key] { XCTAssertEqual(tags, phrase.tags, key) } else { seen[key] = phrase.tags }
        }
        let oneSided = Facets.namedOnOneSide(read("show the plans on the price page", [.surface]), read("show the plans", [.surface]))
        XCTAssertEqual(oneSided.map(\.1), ["pricing page / –"])
        let cancel = Facets.namedOnOneSide(read("offer a pause in the cancellation flow", [.surface]), read("offer a pause", [.surface]))
        XCTAssertEqual(cancel.map(\.1), ["cancel flow / –"])
    }
}
