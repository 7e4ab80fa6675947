import Foundation
import PlaybookGit
import XCTest

/// A rewording that reads about as close to its idea as to the idea's look-alike goes with the idea, in a
/// repository as `playbook overlaps` reads it, and the look-alikes stay related work, not duplicates:
/// - when it states the idea's own number in other words (`DuplicateDetection.closerInQuantity`): a
///   fortnight is the 14 days of the shorter trial, not the 45 of the longer one, though its cosine to the
///   longer trial is the higher;
/// - when it denies nothing and the look-alike denies the change, even though the comparison as look-alikes
///   reads a direction the idea names ("drops") and the rewording says in other words ("gets cheaper").
/// - when it says the idea's time of day in words (`DuplicateDetection.closerInMeasure`).
/// Before these rules each rewording was called a duplicate of the look-alike instead.
final class LookAlikeTieBreakCommandTests: XCTestCase {
    /// A git repository of the small playbook with one hypothesis (title, change) of each of three squads:
    /// the idea (HYP-0001), its rewording (HYP-0002) and its look-alike (HYP-0003).
    func threeSquadRepository(idea: (String, String), rewording: (String, String), lookAlike: (String, String)) throws -> ScratchDirectory {
        let scratch = try ScratchDirectory()
        _ = try Repository.create(at: scratch.url.path)
        try SmallPlaybook.write(into: scratch)
        try scratch.write("playbooks/hypotheses.yml", [
            OverlapsCommandTests.hypothesis("HYP-0001", squad: "activation-emea", title: idea.0, change: idea.1),
            OverlapsCommandTests.hypothesis("HYP-0002", squad: "activation-latam", title: rewording.0, change: rewording.1),
            OverlapsCommandTests.hypothesis("HYP-0003", squad: "retention-apac", title: lookAlike.0, change: lookAlike.1),
        ].joined(separator: "\n---\n"))
        return scratch
    }

    /// Each pair's kind of overlap (nil: none) as `overlaps --format json --engine model` reports it.
    func kinds(in scratch: ScratchDirectory) throws -> (kind: (String, String) -> String?, output: String) {
        let result = try CLI.run(["overlaps", "--format", "json", "--engine", "model"], in: scratch.url)
        XCTAssertNotEqual(result.status, 2, "run scripts/setup to install the model\n" + result.stderr)
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let overlaps = json?["overlaps"] as? [[String: Any]] ?? []
        return ({ first, second in overlaps.first { Set($0["entities"] as? [String] ?? []) == [first, second] }?["kind"] as? String }, result.stdout)
    }

    /// Asserts, in a three-squad repository of these texts, that the rewording is a duplicate of the idea
    /// and not of the look-alike (`why` says what sets them apart), and the idea and look-alike are related.
    func assertRewordingGoesWithTheIdea(idea: (String, String), rewording: (String, String), lookAlike: (String, String),
                                        _ why: String, line: UInt = #line) throws {
        let scratch = try threeSquadRepository(idea: idea, rewording: rewording, lookAlike: lookAlike)
        let (kind, output) = try kinds(in: scratch)
        XCTAssertEqual(kind("HYP-0001", "HYP-0002"), "duplicate", output, line: line)
        XCTAssertNotEqual(kind("HYP-0002", "HYP-0003"), "duplicate", why + "\n" + output, line: line)
        XCTAssertEqual(kind("HYP-0001", "HYP-0003"), "related", "the look-alike is another idea\n" + output, line: line)
    }

    func testRewordingStatingTheIdeasNumberGoesWithTheIdeaNotItsLookAlike() throws {
        try assertRewordingGoesWithTheIdea(
            idea: ("Shorter free trial", "cut the free trial from 30 days to 14 days"),
            rewording: ("Two weeks to try instead of a month", "give new accounts a fortnight before billing starts rather than four weeks"),
            lookAlike: ("Longer free trial", "extend the free trial from 30 days to 45 days"),
            "the rewording is not the longer trial")
    }

    func testRewordingThatDeniesNothingGoesWithTheIdeaNotItsNegation() throws {
        try assertRewordingGoesWithTheIdea(
            idea: ("Price drop alerts for saved trips", "email travellers when the price of a saved flight drops"),
            rewording: ("Tell people when a watched fare gets cheaper", "send a message as soon as an itinerary someone bookmarked falls in cost"),
            lookAlike: ("No price alerts for saved trips", "do not email travellers about price changes of a saved flight"),
            "the rewording is not the negation")
    }
    /// A rewording that states the change as its size ("an extra 500 miles") goes with the idea that raises
    /// the allowance from 1000 to 1500 miles, not its look-alike that lowers it to 750 (`closerInQuantity`,
    /// the gaps between a look-alike's numbers). (No thousands separators: a comma ends a value in a YAML
    /// flow mapping.)
    func testRewordingStatingTheSizeOfTheChangeGoesWithTheIdeaNotItsLookAlike() throws {
        try assertRewordingGoesWithTheIdea(
            idea: ("Raise the mileage allowance on week-long hires", "raise the free mileage on hires of seven nights or more from 1000 to 1500 miles"),
            rewording: ("Drive further without paying per mile",
                        "anyone keeping the van for a full week or longer gets an extra 500 miles included before the excess charge kicks in"),
            lookAlike: ("Lower the mileage allowance on week-long hires", "lower the free mileage on hires of seven nights or more from 1000 to 750 miles"),
            "the rewording does not lower the allowance")
    }
    /// A rewording that says the time of day in words ("from after dinner to breakfast time") goes with the
    /// idea that sends at 7 am instead of 8 pm, not its look-alike that sends at 9 pm instead of 7 am: both
    /// state a morning and an evening time, and what each moves to decides (`closerInMeasure`). Before, its
    /// cosine to the look-alike (0.67 against 0.64) made it a duplicate of the look-alike.
    func testRewordingMovingToTheMorningInWordsGoesWithTheIdeaNotItsLookAlike() throws {
        try assertRewordingGoesWithTheIdea(
            idea: ("Earlier practice digest", "send the daily practice digest at 7 am instead of 8 pm"),
            rewording: ("Digest with the morning coffee", "move the practice summary from after dinner to breakfast time"),
            lookAlike: ("Later practice digest", "send the daily practice digest at 9 pm instead of 7 am"),
            "the rewording does not move the digest to the evening")
    }

    /// …and the other way round: moving it from breakfast to the evening goes with the later digest (here the
    /// cosines agreed already; read the wrong way round, the times of day would send it to the earlier one).
    func testRewordingMovingToTheEveningInWordsGoesWithTheLaterIdea() throws {
        try assertRewordingGoesWithTheIdea(
            idea: ("Later practice digest", "send the daily practice digest at 9 pm instead of 7 am"),
            rewording: ("Digest at bedtime rather than at breakfast", "move the practice summary from breakfast time to the evening"),
            lookAlike: ("Earlier practice digest", "send the daily practice digest at 7 am instead of 9 pm"),
            "the rewording does not move the digest to the morning")
    }
    /// A number in words past any range ("hundred" a dozen times overflowed an Int: `overlaps` and `lint`
    /// crashed) is read as the number it is, and the rewording still goes with the idea.
    func testALookAlikeWithAHugeNumberInWordsNeitherCrashesNorTakesTheRewording() throws {
        let huge = Array(repeating: "hundred", count: 12).joined(separator: " ")
        let scratch = try threeSquadRepository(
            idea: ("Shorter free trial", "cut the free trial from 30 days to 14 days"),
            rewording: ("Two weeks to try instead of a month", "give new accounts a fortnight before billing starts rather than four weeks"),
            lookAlike: ("Longer free trial", "extend the free trial from 30 days to one \(huge) days"))
        let (kind, output) = try kinds(in: scratch)
        XCTAssertEqual(kind("HYP-0001", "HYP-0002"), "duplicate", output)
        XCTAssertNotEqual(kind("HYP-0002", "HYP-0003"), "duplicate", output)
        let lint = try CLI.run(["lint", "--format", "json"], in: scratch.url)
        XCTAssertTrue([0, 1].contains(lint.status), "status \(lint.status): \(lint.stderr)")
        XCTAssertTrue(lint.stdout.contains("\"findings\""), lint.stdout)
    }
}
