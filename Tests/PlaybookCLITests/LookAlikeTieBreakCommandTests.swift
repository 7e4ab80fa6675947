import Foundation
import PlaybookGit
import XCTest

/// A rewording that reads about as close to its idea as to the idea's look-alike goes with the idea when
/// it states the idea's own number in other words (`DuplicateDetection.closerInQuantity`): a fortnight
/// is the 14 days of the shorter trial, not the 45 of the longer one, though its cosine to the longer
/// trial is the higher. The look-alikes themselves stay related work, not duplicates.
final class LookAlikeTieBreakCommandTests: XCTestCase {
    /// A git repository of the small playbook with one hypothesis of each of three squads: the idea
    /// (HYP-0001), its rewording (HYP-0002) and its look-alike the other way (HYP-0003).
    func trialRepository() throws -> ScratchDirectory {
        let scratch = try ScratchDirectory()
        _ = try Repository.create(at: scratch.url.path)
        try SmallPlaybook.write(into: scratch)
        try scratch.write("playbooks/hypotheses.yml", [
            OverlapsCommandTests.hypothesis("HYP-0001", squad: "activation-emea", title: "Shorter free trial",
                                            change: "cut the free trial from 30 days to 14 days"),
            OverlapsCommandTests.hypothesis("HYP-0002", squad: "activation-latam", title: "Two weeks to try instead of a month",
                                            change: "give new accounts a fortnight before billing starts rather than four weeks"),
            OverlapsCommandTests.hypothesis("HYP-0003", squad: "retention-apac", title: "Longer free trial",
                                            change: "extend the free trial from 30 days to 45 days"),
        ].joined(separator: "\n---\n"))
        return scratch
    }

    func testRewordingStatingTheIdeasNumberGoesWithTheIdeaNotItsLookAlike() throws {
        let scratch = try trialRepository()
        let result = try CLI.run(["overlaps", "--format", "json", "--engine", "model"], in: scratch.url)
        XCTAssertNotEqual(result.status, 2, "run scripts/setup to install the model\n" + result.stderr)
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let overlaps = json?["overlaps"] as? [[String: Any]] ?? []
        func kind(_ first: String, _ second: String) -> String? {
            overlaps.first { Set($0["entities"] as? [String] ?? []) == [first, second] }?["kind"] as? String
        }
        XCTAssertEqual(kind("HYP-0001", "HYP-0002"), "duplicate", result.stdout)
        XCTAssertNotEqual(kind("HYP-0002", "HYP-0003"), "duplicate", "the rewording is not the longer trial\n" + result.stdout)
        XCTAssertNotEqual(kind("HYP-0001", "HYP-0003"), "duplicate", "the look-alike is another idea\n" + result.stdout)
    }
}
