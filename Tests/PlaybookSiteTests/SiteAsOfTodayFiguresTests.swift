import Foundation
import PlaybookModel
@testable import PlaybookSite
import XCTest

/// A site built `--today` before the commit's last moves (review54c): the figures its pages give (a key
/// result's current value, a squad's budgets) are those of that day, as the reports and the home page read them.
final class SiteAsOfTodayFiguresTests: XCTestCase {
    /// review54c D1: built `--today 2026-10-01`, the objective's and the metric's pages gave KR-1's current
    /// as 11.5% (written on 2026-10-12) where the home page gives 10.5% as of that day, and the metric's
    /// page listed EXP-0002, written on 2026-10-12, as though it stood then. Both give that day's value with
    /// the commit's beside it, and mark the experiment not yet written.
    func testAKeyResultsCurrentIsThatOfToday() throws {
        let fixture = try SiteFixture(for: self)
        let files = Site.render(try fixture.input(today: "2026-10-01"))
        let current = "10.5% <span class=\"meta\">(on 2026-10-01; 11.5% at this commit)</span>"
        let objectives = try XCTUnwrap(files["e/objectives.2026-Q4.html"])
        XCTAssertTrue(objectives.contains("<dt>current</dt><dd>\(current)</dd>"), objectives)
        let metric = try XCTUnwrap(files["e/signup-rate.html"])
        XCTAssertTrue(metric.contains("<td class=\"n\">\(current)</td>"), metric)
        XCTAssertTrue(metric.contains("Social sign-in</a> (primary) <span class=\"meta\">(not in the playbook on 2026-10-01)</span></li>"), metric)
        // Judged on the commit's own day, the commit's value stands alone.
        let atCommit = Site.render(try fixture.input(today: "2026-10-12"))
        XCTAssertTrue(try XCTUnwrap(atCommit["e/objectives.2026-Q4.html"]).contains("<dt>current</dt><dd>11.5%</dd>"))
        XCTAssertFalse(atCommit.values.contains { $0.contains("at this commit)") || $0.contains("(not in the playbook on") })
    }

    /// review54c D2: built `--today 2026-10-01`, the squads index and the squad's page summed the commit's
    /// experiments: EXP-0002 and EXP-0003, written on 2026-10-12 for December, put EUR 1,400 against the
    /// EUR 1,000 cap of 2026-Q4 ("over the cap") and made three experiments of one. They count the
    /// experiments as the playbook stood that day, as the squad-budget rule judged it then.
    func testSquadBudgetsAndCountsAreThoseOfToday() throws {
        let fixture = try SiteFixture(for: self)
        let files = Site.render(try fixture.input(today: "2026-10-01"))
        let index = try XCTUnwrap(files["squads.html"])
        XCTAssertTrue(index.contains("<td data-label=\"budget 2026-Q4\">EUR\u{00A0}0 of EUR\u{00A0}1,000</td><td class=\"n\" data-label=\"experiments\">1</td>"), index)
        let squad = try XCTUnwrap(files["e/growth.html"])
        XCTAssertTrue(squad.contains("<td><span class=\"nw\">2026-Q4</span></td><td class=\"n\">EUR\u{00A0}0</td>"), squad)
        XCTAssertFalse(squad.contains("over the cap"), squad)
        // Judged on the commit's own day, both count, as before.
        let atCommit = Site.render(try fixture.input(today: "2026-10-12"))
        XCTAssertTrue(try XCTUnwrap(atCommit["squads.html"]).contains("<td data-label=\"budget 2026-Q4\">EUR\u{00A0}1,400 of EUR\u{00A0}1,000 <span class=\"badge bad\">over the cap</span></td><td class=\"n\" data-label=\"experiments\">3</td>"))
        XCTAssertTrue(try XCTUnwrap(atCommit["e/growth.html"]).contains("over the cap"))
    }

    /// review54c D4: built `--today 2026-10-01`, the calendar's timeline drew the planned windows of
    /// EXP-0002 and EXP-0003, written on 2026-10-12 for December, and stretched its days to take them in,
    /// though its table marks both not in the playbook that day. The timeline draws the playbook of that
    /// day: they are left out of it and of its days, listed in the table as before, and the page says so.
    func testTheCalendarsTimelineLeavesOutExperimentsWrittenAfterToday() throws {
        let fixture = try SiteFixture(for: self)
        let calendar = try XCTUnwrap(Site.render(try fixture.input(today: "2026-10-01"))["calendar.html"])
        XCTAssertFalse(calendar.contains("<title>EXP-0002 planned"), calendar)
        XCTAssertFalse(calendar.contains("<title>EXP-0003 planned"), calendar)
        XCTAssertFalse(calendar.contains("<li class=\"tl-row\"><a href=\"e/experiments.growth.2026-Q4.html#k-EXP-0002\">"), calendar)
        XCTAssertTrue(calendar.contains("Timeline of <code>web</code>, <span class=\"nw\">2026-09-20</span> to <span class=\"nw\">2026-10-05</span>"), calendar)
        XCTAssertTrue(calendar.contains("<p>2 experiments were not yet in the playbook on 2026-10-01: listed in the tables (marked so), not drawn on the timelines.</p>"), calendar)
        XCTAssertTrue(calendar.contains("(not in the playbook on 2026-10-01; ready at this commit)"), calendar)
        // Judged on the commit's own day, they are drawn, as before.
        let atCommit = try XCTUnwrap(Site.render(try fixture.input(today: "2026-10-12"))["calendar.html"])
        XCTAssertTrue(atCommit.contains("<title>EXP-0002 planned 2026-12-01 to 2026-12-15</title>"), atCommit)
        XCTAssertFalse(atCommit.contains("not yet in the playbook"), atCommit)
    }

    /// review54c D3: EXP-0001, concluded (a win) on 2026-10-12 and deleted on 2026-10-20, is counted by
    /// the program page and `report experiments`, but the squads index counted the squad's experiments
    /// at the commit only (2, not 3), its squad's page did not name it, and its learnings card said it
    /// "read on 2026-11-30", weeks after its deletion. The squad counts and names it, unlinked and marked
    /// gone, and the card dates it to the day before its deletion, when it last read so.
    func testADeletedConcludedExperimentIsCountedByItsSquadAndDatedToItsDeletion() throws {
        let fixture = try SiteFixture(for: self)
        try FileManager.default.removeItem(atPath: fixture.root + "/playbooks/experiments/EXP-0001.yml")
        try fixture.repository.stage(paths: ["playbooks/experiments/EXP-0001.yml"])
        try fixture.commit("2026-10-20", [:])
        let input = try fixture.input(today: "2026-11-30")
        XCTAssertEqual(input.program.last?.total.concluded, ["EXP-0001"])
        let files = Site.render(input)
        XCTAssertTrue(try XCTUnwrap(files["squads.html"]).contains("<td data-label=\"budget 2026-Q4\">EUR\u{00A0}1,400 of EUR\u{00A0}1,000 <span class=\"badge bad\">over the cap</span></td><td class=\"n\" data-label=\"experiments\">3</td>"))
        let gone = "<span class=\"missing\" title=\"not in the playbook at this commit\">EXP-0001</span>"
        let note = "<span class=\"meta\">no longer in the playbook at this commit, as it read on 2026-10-19</span>"
        let squad = try XCTUnwrap(files["e/growth.html"])
        XCTAssertTrue(squad.contains("<tr><td>\(gone)</td><td class=\"t\">&lt;img src=x onerror=alert(1)&gt; ⟨U+202E⟩evil (\(note))</td><td>concluded <span class=\"meta\">(removed, at "), squad)
        let learnings = try XCTUnwrap(files["learnings.html"])
        XCTAssertTrue(learnings.contains("no longer in the playbook at this commit: as it read on 2026-10-19."), learnings)
        XCTAssertFalse(learnings.contains("as it read on 2026-11-30"), learnings)
    }

    /// review54c D5: built after 2026-Q4 ended, its page judged KR-1 (progress 0.375) off track from progress
    /// against the time gone by; the quarter is over, so it is judged on its target: missed, as `report okr` says.
    func testAClosedQuartersKeyResultsAreAchievedOrMissed() throws {
        let fixture = try SiteFixture(for: self)
        let files = Site.render(try fixture.input(today: "2027-01-05"))
        let quarter = try XCTUnwrap(files["quarter-2026-Q4.html"])
        XCTAssertTrue(quarter.contains("<span class=\"badge bad\">missed</span>"), quarter)
        XCTAssertFalse(quarter.contains("off track</span>") || quarter.contains("at risk</span>"), quarter)
        XCTAssertTrue(try XCTUnwrap(files["e/objectives.2026-Q4.html"]).contains("<span class=\"badge bad\">missed</span>"))
    }

    /// review54c D6: built `--today 2026-10-01`, the objective's page bracketed EXP-0002's note twice
    /// ("((not in the playbook on …))"), the library's hypothesis cards called a status ("testing") an
    /// outcome, and the search index gave HYP-0001 the id of EXP-0002, written only on 2026-10-12.
    func testSmallThingsOfTheAsOfTodayPages() throws {
        let fixture = try SiteFixture(for: self)
        let files = Site.render(try fixture.input(today: "2026-10-01"))
        let objectives = try XCTUnwrap(files["e/objectives.2026-Q4.html"])
        XCTAssertTrue(objectives.contains("Social sign-in</a> <span class=\"meta\">(not in the playbook on 2026-10-01; ready at this commit)</span>"), objectives)
        XCTAssertFalse(objectives.contains("((") || objectives.contains("))"), objectives)
        let learnings = try XCTUnwrap(files["learnings.html"])
        XCTAssertTrue(learnings.contains("<dl><dt>status</dt><dd><span class=\"badge none\">backlog</span>"), learnings)
        let index = try XCTUnwrap(files["assets/search-index.js"]).split(separator: "\n")
        let hypothesis = try XCTUnwrap(index.first { $0.contains("\"t\": \"HYP-0001 Hypothesis") }, index.joined(separator: "\n"))
        XCTAssertFalse(hypothesis.contains("EXP-0002"), String(hypothesis))
        XCTAssertTrue(hypothesis.contains("EXP-0001"), String(hypothesis))
        // Judged on the commit's own day, EXP-0002 tests it.
        let atCommit = try XCTUnwrap(Site.render(try fixture.input(today: "2026-10-12"))["assets/search-index.js"]).split(separator: "\n")
        XCTAssertTrue(try XCTUnwrap(atCommit.first { $0.contains("\"t\": \"HYP-0001 Hypothesis") }).contains("EXP-0002"))
    }
}
