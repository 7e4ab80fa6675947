import XCTest
@testable import PlaybookOverlaps

/// Audiences that state ages in numbers that do not meet are two audiences (`AgeBands`): a blind set (`fresh34`)
/// had four look-alikes flagged as duplicates whose audiences differed only there ("aged 2 to 4" / "aged 5 to 8",
/// "Year 4" / "Year 2", "Year 9" / "Year 11", "primary school" / "Years 7 to 9").
final class AgeBandsTests: XCTestCase {
    func testAgesAreReadAsAudiencesWriteThem() {
        let read: [(String, [Range<Int>])] = [
            ("parents of children aged 4 to 6 on the free trial", [4..<7]),
            ("mums and dads of four-to-six year olds", [4..<7]),
            ("families w/ 4-6yo kids in 7-day trial", [4..<7]),
            ("parents of 6-14s into performing", [6..<15]),
            ("New sign-ups aged 18–30", [18..<31]),
            ("over-50s who use a rewards card", [51..<120]),
            ("loyalty card holders aged 50 and over", [50..<120]),
            ("visitors aged 55+", [55..<120]),
            ("Year 4 pupils in subscribing primary schools", [8..<10]),
            ("parents of secondary school pupils in Years 7 to 9", [11..<15]),
            ("parents of Year 10 and 11 students revising on their phones", [14..<17]),
            ("eight- and nine-year-olds at primaries that subscribe", [8..<10]),
            ("parents of 3rd graders", [8..<10]),
            ("parents of primary school children", [4..<12]),
            ("people between 30 and 40 years of age", [30..<41]),
        ]
        for (text, spans) in read {
            XCTAssertEqual(AgeBands(text)?.spans, spans, text)
        }
        for text in ["admins of 50+ seat accounts on the Team plan", "learners on a 7-day trial", "customers in year 2 of their contract",
                     "parents of toddlers", "users who signed up in 2026", "people in their thirties", "families preparing for the 11-plus",
                     "shops with 3 to 5 staff", "", "Year 2026 planners",
                     // Said in a way read only in part, or not ages at all (a review): read as nothing, never as another age.
                     "customers over 65 years old", "adults aged 18 years and over", "people aged 60 or more", "babies aged 18 months",
                     "accounts aged 30 days", "twenty-five year olds", "children aged 7 or 8", "children aged 2, 3 and 4",
                     "kids aged 2 to 4 and 5 to 8", "Year 1 undergraduates", "Year 3 medical students", "owners of Grade 2 listed homes",
                     "primary school teachers", "people in their 20-30s", "Year 10 and 11 students revising on their phones"] {
            XCTAssertNil(AgeBands(text), text)
        }
    }

    func testAudiencesWhoseAgesDoNotMeetAreApartAndSaySo() {
        func apart(_ a: String, _ b: String) -> String? { AgeBands.apart(AgeBands(a), AgeBands(b)) }
        XCTAssertEqual(apart("parents of children aged 2 to 4 looking at forest school sessions",
                             "parents of school-age children aged 5 to 8 looking at our after-school woodland sessions"),
                       "aged 2 to 4 / aged 5 to 8")
        XCTAssertEqual(apart("Year 4 pupils in subscribing primary schools", "Year 2 pupils in subscribing primary schools"), "Year 4 / Year 2")
        // Primary school (4 to 11) and Years 7 to 9 (11 to 14) share the age of eleven: not apart.
        XCTAssertNil(apart("parents of primary school children who struggle with reading",
                           "parents of secondary school pupils in Years 7 to 9 who struggle with reading"))
        // Two school years side by side are both read ("Year 10 and Year 11" is not the age both share).
        XCTAssertNil(apart("parents of Year 10 and 11 pupils", "parents of 14-year-olds"))
        XCTAssertNil(apart("parents of 4-6s and 6-8s", "parents of children aged 7 to 8"))
        // One age group said two ways, or groups that meet, are one audience; a side that states no age says nothing here.
        XCTAssertNil(apart("parents of children aged 4 to 6", "mums and dads of four-to-six year olds"))
        XCTAssertNil(apart("loyalty card holders aged 50 and over", "over-50s who use a rewards card"))
        XCTAssertNil(apart("parents of primary school children", "parents of 5-11yo kids"))
        XCTAssertNil(apart("current cadets aged 10 to 18", "Year 6 pupils at local primary schools"))
        XCTAssertNil(apart("parents of children aged 4 to 6", "parents of young children"))
    }

    /// End to end: the same change for Year 9's parents and for Year 11's is related work that names the two years;
    /// the same audience said in other numbers stays a duplicate.
    func testTheSameChangeForAnotherSchoolYearIsRelatedWork() {
        func booking(_ id: String, _ squad: String, _ audience: String) -> String {
            hypothesis(id, squad: squad, title: "Book parents' evening slots in the app",
                       change: "let parents pick their parents' evening slots for every subject teacher in the app",
                       audience: audience, outcome: "more parents book a slot")
        }
        let years = OverlapFinder.duplicates(entities(booking("HYP-0001", "a", "parents of Year 9 pupils at secondary schools") + "\n---\n"
            + booking("HYP-0002", "b", "parents of Year 11 pupils at secondary schools")))
        XCTAssertEqual(years.map(\.kind), [.related])
        XCTAssertTrue(years.first?.reason.contains("differ in audience (Year 9 / Year 11)") ?? false, years.first?.reason ?? "")
        let same = OverlapFinder.duplicates(entities(booking("HYP-0001", "a", "parents of 13-year-olds in Year 9") + "\n---\n"
            + booking("HYP-0002", "b", "parents of pupils aged 13 to 14")))
        XCTAssertEqual(same.map(\.kind), [.duplicate], same.first?.reason ?? "")
    }
}
