import Foundation
import PlaybookModel
@testable import PlaybookSite
import XCTest

/// A site built `--today` before the commit's last moves (review54): what its pages say an entity
/// stood at on that day, as the reports judge it.
final class SiteAsOfTodayTests: XCTestCase {
    /// review54 #1: built `--today 2026-10-01`, before EXP-0001 concluded (2026-10-12), the calendar and
    /// the experiment's section called it concluded (its status at HEAD) beside a live bar cut at today,
    /// and named EXP-0002, written only on 2026-10-12, ready. Each says what stood on today, as
    /// `report experiments --today` judges an experiment running, with the commit's status beside it.
    func testStatusesAreThoseOfTodayWithTheCommitsBesideThem() throws {
        let fixture = try SiteFixture(for: self)
        let files = Site.render(try fixture.input(today: "2026-10-01"))
        let running = "running <span class=\"meta\">(on 2026-10-01; concluded at this commit)</span>"
        let notYet = "<span class=\"meta\">(not in the playbook on 2026-10-01; ready at this commit)</span>"
        let calendar = try XCTUnwrap(files["calendar.html"])
        XCTAssertTrue(calendar.contains("<td data-label=\"status\">" + running + "</td>"), calendar)
        XCTAssertTrue(calendar.contains("<td data-label=\"status\">" + notYet + "</td>"), calendar)
        XCTAssertFalse(calendar.contains("<td data-label=\"status\">concluded</td>"), calendar)
        let experiments = try XCTUnwrap(files["e/experiments.growth.2026-Q3.html"])
        XCTAssertTrue(experiments.contains("<dt>status</dt><dd>" + running + "</dd>"), experiments)
        let planned = try XCTUnwrap(files["e/experiments.growth.2026-Q4.html"])
        XCTAssertTrue(planned.contains("<dt>status</dt><dd>" + notYet + "</dd>"), planned)
        for page in ["e/hypotheses.growth.html", "e/growth.html", "e/objectives.2026-Q4.html"] {
            XCTAssertTrue(try XCTUnwrap(files[page]).contains(running), page)
        }
        // Judged on the commit's own day, nothing differs and nothing is added.
        let atCommit = Site.render(try fixture.input(today: "2026-10-12"))
        XCTAssertTrue(try XCTUnwrap(atCommit["calendar.html"]).contains("<td data-label=\"status\">concluded</td>"))
        XCTAssertFalse(atCommit.values.contains { $0.contains("at this commit)") })
    }

    /// review54s leftover: an experiment moved after `--today` (another surface, a later start) was drawn on
    /// the calendar where it stood on today, while its section gave the commit's surface and window. The
    /// section gives today's, with the commit's beside them, as it gives a status; built on the commit's
    /// day, the commit's alone.
    func testAnExperimentsSectionGivesItsSurfaceAndWindowOnToday() throws {
        let fixture = try SiteFixture(for: self)
        let path = "playbooks/experiments/EXP-0003.yml"
        let first = SiteFixture.experiment("EXP-0003", title: "Signup hint", status: "running", start: "2026-10-13", extra: "")
        try fixture.commit("2026-10-13", [path: first])
        try fixture.commit("2026-10-20", [path: first.replacingOccurrences(of: "surface: web/signup", with: "surface: web/checkout")
            .replacingOccurrences(of: "start: 2026-10-13", with: "start: 2026-10-14")])
        let files = Site.render(try fixture.input(today: "2026-10-15"))
        let page = try XCTUnwrap(files.values.first { $0.contains("id=\"k-EXP-0003\"") })
        let section = String(page[try XCTUnwrap(page.range(of: "id=\"k-EXP-0003\"")).lowerBound...])
        XCTAssertTrue(section.contains("<dt>surface</dt><dd><code>web/signup</code> <span class=\"meta\">(on 2026-10-15; web/checkout at this commit)</span></dd>"), section)
        XCTAssertTrue(section.contains("<dt>planned</dt><dd>2026-10-13 to "), section)
        XCTAssertTrue(section.contains(" <span class=\"meta\">(on 2026-10-15; 2026-10-14 to "), section)
        let atCommit = Site.render(try fixture.input(today: "2026-10-20"))
        let later = try XCTUnwrap(atCommit.values.first { $0.contains("id=\"k-EXP-0003\"") })
        let laterSection = String(later[try XCTUnwrap(later.range(of: "id=\"k-EXP-0003\"")).lowerBound...])
        XCTAssertTrue(laterSection.contains("<dt>surface</dt><dd><code>web/checkout</code></dd>"), laterSection)
        XCTAssertTrue(laterSection.contains("<dt>planned</dt><dd>2026-10-14 to "), laterSection)
        XCTAssertFalse(laterSection.prefix(4000).contains("at this commit)"), laterSection)
    }

    /// review54 #2: EXP-0002, running on 2026-10-15 and deleted on 2026-10-20, was missing from its
    /// hypothesis's page on a site built `--today 2026-10-15` (only gone experiments whose conclusion the
    /// reports count were named), though `report experiments --today 2026-10-15` counts its start. It is
    /// named as it read that day, unlinked and marked gone, like other gone experiments; built after the
    /// deletion it is not, as before (it never concluded).
    func testAnExperimentDeletedAfterTodayIsNamedOnItsHypothesisAsItReadOnToday() throws {
        let fixture = try SiteFixture(for: self)
        try fixture.commit("2026-10-13", ["playbooks/experiments/EXP-0002.yml": SiteFixture.experiment(
            "EXP-0002", title: "Social sign-in", status: "running", start: "2026-10-13", extra: "")])
        try FileManager.default.removeItem(atPath: fixture.root + "/playbooks/experiments/EXP-0002.yml")
        try fixture.repository.stage(paths: ["playbooks/experiments/EXP-0002.yml"])
        try fixture.commit("2026-10-20", [:])
        let input = try fixture.input(today: "2026-10-15")
        XCTAssertEqual(input.program.last?.total.started, ["EXP-0002"])
        let gone = "<span class=\"missing\" title=\"not in the playbook at this commit\">EXP-0002</span>"
        let note = "<span class=\"meta\">no longer in the playbook at this commit, as it read on 2026-10-15</span>"
        let hypotheses = try XCTUnwrap(Site.render(input)["e/hypotheses.growth.html"])
        XCTAssertTrue(hypotheses.contains("<tr><td>\(gone)</td><td class=\"t\">Social sign-in (\(note))</td><td>running</td><td>–</td>"), hypotheses)
        let later = try XCTUnwrap(Site.render(try fixture.input(today: "2026-10-25"))["e/hypotheses.growth.html"])
        XCTAssertFalse(later.contains("EXP-0002"), later)
    }

    /// review54b #1: EXP-0004, running on 2026-10-15 and deleted on 2026-10-20, was missing from the
    /// calendar of a site built `--today 2026-10-15` (it drew the commit's experiments only), though
    /// `report experiments --today 2026-10-15` counts its start. It has its row and bars as it read that
    /// day, named unlinked (no page holds it), its status said to be gone since.
    func testAnExperimentDeletedAfterTodayIsOnTheCalendarAsItReadOnToday() throws {
        let fixture = try SiteFixture(for: self)
        let pricing = SiteFixture.experiment("EXP-0004", title: "Annual plan first", status: "running", start: "2026-10-13", extra: "end: 2026-10-30")
            .replacingOccurrences(of: "surface: web/signup", with: "surface: web/pricing")
        try fixture.commit("2026-10-13", ["playbooks/experiments/EXP-0004.yml": pricing])
        try FileManager.default.removeItem(atPath: fixture.root + "/playbooks/experiments/EXP-0004.yml")
        try fixture.repository.stage(paths: ["playbooks/experiments/EXP-0004.yml"])
        try fixture.commit("2026-10-20", [:])
        let input = try fixture.input(today: "2026-10-15")
        XCTAssertEqual(input.program.last?.total.started, ["EXP-0004"])
        let files = Site.render(input)
        let calendar = try XCTUnwrap(files["calendar.html"])
        let gone = "<span class=\"missing\" title=\"not in the playbook at this commit\">EXP-0004</span>"
        let status = "running <span class=\"meta\">(on 2026-10-15; no longer in the playbook at this commit)</span>"
        XCTAssertTrue(calendar.contains("<td data-label=\"surface\"><code>web/<wbr>pricing</code></td><td class=\"t\" data-label=\"experiment\">\(gone)</td><td data-label=\"squad\"><a href=\"e/growth.html\">growth</a></td><td data-label=\"status\">\(status)</td>"
            + "<td data-label=\"planned\"><span class=\"nw\">2026-10-13</span> to <span class=\"nw\">2026-10-30</span></td>"
            + "<td data-label=\"live\"><span class=\"nw\">2026-10-13</span> to <span class=\"nw\">2026-10-15</span></td>"), calendar)
        XCTAssertTrue(calendar.contains("<li class=\"tl-row\"><span class=\"missing\" title=\"EXP-0004, not in the playbook at this commit\">EXP-0004</span></li>"), calendar)
        XCTAssertTrue(calendar.contains("<title>EXP-0004 live 2026-10-13 to 2026-10-15</title>"), calendar)
        XCTAssertEqual(try brokenLinks(files).broken, [])
        // Built after the deletion, it is drawn where it ran, up to its removal, marked removed (site56); said
        // removed while running, not running (review57 #3), its bar ending in a cross at the removal.
        let after = try XCTUnwrap(Site.render(try fixture.input(today: "2026-10-25"))["calendar.html"])
        XCTAssertTrue(after.contains("<td data-label=\"status\">running <span class=\"meta\">(removed while running, at "), after)
        XCTAssertFalse(after.contains("(removed from the playbook at "), after)
        XCTAssertTrue(after.contains("<title>EXP-0004 live 2026-10-13 to 2026-10-20</title>"), after)
        XCTAssertTrue(after.contains("<path class=\"cut\" "), after)
        XCTAssertTrue(after.contains("<title>EXP-0004 removed from the playbook while running, at "), after)
    }

    /// review54b #2: collisions were judged on the commit's statuses and windows, with the live windows
    /// cut at today. Built `--today 2026-10-15`: EXP-0004, running that day and abandoned the next, lost
    /// its collision with EXP-0005 (ready, planned from 2026-10-20 inside EXP-0004's written window), as
    /// though it had ended; EXP-0006, a draft that day started the next, collided with both. They are
    /// judged as the playbook stood on today, as `playbook overlaps` judged it then: EXP-0004 on its
    /// written window, EXP-0006, a draft, not at all; on the calendar and in the experiments' sections.
    func testCollisionsAreJudgedAsThePlaybookStoodOnToday() throws {
        let fixture = try SiteFixture(for: self)
        let pricing = { (id: String, status: String, start: String, end: String) in
            ["playbooks/experiments/\(id).yml": SiteFixture.experiment(id, title: "Pricing \(id)", status: status, start: start, extra: "end: \(end)")
                .replacingOccurrences(of: "surface: web/signup", with: "surface: web/pricing")]
        }
        try fixture.commit("2026-10-13", pricing("EXP-0004", "running", "2026-10-13", "2026-10-30")
            .merging(pricing("EXP-0005", "ready", "2026-10-20", "2026-11-10")) { $1 }
            .merging(pricing("EXP-0006", "draft", "2026-10-13", "2026-10-30")) { $1 })
        try fixture.commit("2026-10-16", pricing("EXP-0004", "abandoned", "2026-10-13", "2026-10-30")
            .merging(pricing("EXP-0006", "running", "2026-10-13", "2026-10-30")) { $1 })
        let files = Site.render(try fixture.input(today: "2026-10-15"))
        let calendar = try XCTUnwrap(files["calendar.html"])
        let link = { (id: String) in "<a href=\"e/experiments.growth.2026-Q4.html#k-\(id)\">\(id)</a>" }
        XCTAssertTrue(calendar.contains("<li>\(link("EXP-0004")) × \(link("EXP-0005")): EXP-0004 is live and EXP-0005 is planned: their windows overlap from 2026-10-20 to 2026-10-30"), calendar)
        // EXP-0004 runs and EXP-0005 is ready: which is which (site63 #1), neither "live together" nor two planned windows.
        XCTAssertFalse(calendar.contains("EXP-0004 and EXP-0005 are live together"), calendar)
        XCTAssertFalse(calendar.contains("EXP-0004 and EXP-0005: their planned windows"), calendar)
        XCTAssertFalse(calendar.contains("EXP-0006\")) ×") || calendar.contains("× \(link("EXP-0006"))"), calendar)
        XCTAssertFalse(calendar.contains("<strong>\(link("EXP-0006"))"), calendar)
        let page = try XCTUnwrap(files["e/experiments.growth.2026-Q4.html"])
        let section = { (id: String) in page.components(separatedBy: "id=\"k-\(id)\"").dropFirst().first?.components(separatedBy: "<section").first ?? "" }
        XCTAssertTrue(section("EXP-0004").contains("<p>Windows overlapping its own on the same or a nested surface, for overlapping audiences, in no shared exclusion group:</p><ul><li><a href=\"../e/experiments.growth.2026-Q4.html#k-EXP-0005\">"), section("EXP-0004"))
        XCTAssertTrue(section("EXP-0004").contains("</a> <span class=\"meta\">(it is planned; this one is live)</span>"), section("EXP-0004"))
        XCTAssertTrue(section("EXP-0005").contains("</a> <span class=\"meta\">(it is live; this one is planned)</span>"), section("EXP-0005"))
        XCTAssertFalse(section("EXP-0006").contains(">Collisions<"), section("EXP-0006"))
        // Built on the day of the commit, EXP-0004 has ended (judged on the days it ran) and EXP-0006 runs.
        let atCommit = try XCTUnwrap(Site.render(try fixture.input(today: "2026-10-16"))["calendar.html"])
        XCTAssertFalse(atCommit.contains("\(link("EXP-0004")) × \(link("EXP-0005"))"), atCommit)
        XCTAssertTrue(atCommit.contains("\(link("EXP-0005")) × \(link("EXP-0006")): EXP-0006 is live and EXP-0005 is planned: their windows overlap from "), atCommit)
    }

    /// review54b #3: built `--today 2026-10-01`, EXP-0001's section said it was running that day yet gave
    /// the result recorded on 2026-10-12 (win, +6.2%, ship) as its Result, and its hypothesis's and squad's
    /// tables gave that outcome too. The section says no result stood on today and gives the commit's under
    /// a heading of its own, recorded after today; the tables give today's outcome with the commit's beside it.
    func testAResultRecordedAfterTodayIsNotGivenAsKnownOnToday() throws {
        let fixture = try SiteFixture(for: self)
        let files = Site.render(try fixture.input(today: "2026-10-01"))
        let page = try XCTUnwrap(files["e/experiments.growth.2026-Q3.html"])
        XCTAssertTrue(page.contains("<h3>Result</h3>\n<p>None yet on 2026-10-01.</p>\n<h3>Result at this commit</h3>\n"
            + "<p class=\"meta\">Recorded after 2026-10-01, so not known on that day.</p><dl class=\"fields\"><dt>outcome</dt><dd>win</dd><dt>lift</dt><dd>+6.2%</dd>"), page)
        let outcome = "– <span class=\"meta\">(on 2026-10-01; win at this commit)</span>"
        let hypotheses = try XCTUnwrap(files["e/hypotheses.growth.html"])
        XCTAssertTrue(hypotheses.contains("(on 2026-10-01; concluded at this commit)</span></td><td>\(outcome)</td><td class=\"n\">–</td><td>–</td></tr>"), hypotheses)
        XCTAssertTrue(try XCTUnwrap(files["e/growth.html"]).contains("<td>\(outcome)</td>"))
        // Judged on the commit's own day, the result is known, as before.
        let atCommit = try XCTUnwrap(Site.render(try fixture.input(today: "2026-10-12"))["e/experiments.growth.2026-Q3.html"])
        XCTAssertTrue(atCommit.contains("<h3>Result</h3>\n<dl class=\"fields\"><dt>outcome</dt><dd>win</dd>"), atCommit)
        XCTAssertFalse(atCommit.contains("Result at this commit"), atCommit)
    }

    /// review54b #4: HYP-0001, testing on 2026-10-01 and validated on 2026-10-13, had a "validated" card
    /// in the learnings library (and the outcome filter and search index said so) of a site built
    /// `--today 2026-10-01`, whose hypothesis page says testing. The card gives the status it had on
    /// today, the commit's in its note.
    func testTheLearningsLibrarysHypothesisCardsGiveTheStatusOnToday() throws {
        let fixture = try SiteFixture(for: self)
        try fixture.commit("2026-10-13", ["playbooks/hypotheses/HYP-0001.yml": SiteFixture.hypothesis("HYP-0001", title: "Shorter form", status: "validated")])
        let files = Site.render(try fixture.input(today: "2026-10-01"))
        let learnings = try XCTUnwrap(files["learnings.html"])
        let card = try XCTUnwrap(learnings.components(separatedBy: "<li class=\"card\"").first { $0.contains("#k-HYP-0001\">HYP-0001</a>") })
        XCTAssertTrue(card.contains("<p class=\"meta\">Status on 2026-10-01: testing; validated at this commit.</p><dl><dt>status</dt><dd><span class=\"badge warn\">testing</span></dd>"), card)
        XCTAssertFalse(learnings.contains("<option value=\"validated\">"), learnings)
        XCTAssertFalse(try XCTUnwrap(files["assets/search-index.js"]).contains("\"o\": \"validated\""))
        // Judged on the commit's own day, the card is validated, with no note.
        let atCommit = try XCTUnwrap(Site.render(try fixture.input(today: "2026-10-13"))["learnings.html"])
        XCTAssertTrue(atCommit.contains("<dl><dt>status</dt><dd><span class=\"badge good\">validated</span></dd>"), atCommit)
        XCTAssertFalse(atCommit.contains("at this commit."), atCommit)
    }

    /// site56 #3: read with all parents, EXP-0004 was made running on a side branch on 2026-10-13, merged on
    /// 2026-10-20. `report experiments --all-parents --today 2026-10-15` counts it created and started on
    /// 2026-10-13, and its history lists the side commit, yet its section said it was "not in the playbook on
    /// 2026-10-15" and the calendar left it out. Both read it as the report does: running that day, with the
    /// values of the first version the main line held; read on the first-parent line, it is not yet there, as before.
    func testAnExperimentMadeOnAMergedSideBranchBeforeTodayIsInThePlaybookOnTodayWithAllParents() throws {
        let fixture = try SiteFixture(for: self)
        let path = "playbooks/experiments/EXP-0004.yml"
        let text = SiteFixture.experiment("EXP-0004", title: "Annual plan first", status: "running", start: "2026-10-13", extra: "")
            .replacingOccurrences(of: "surface: web/signup", with: "surface: web/pricing")
        let fork = try XCTUnwrap(try fixture.repository.headCommit())
        let side = try fixture.commit("2026-10-13", [path: text], parents: [fork], updateHead: false)
        let main = try fixture.commit("2026-10-14", [path: nil, "playbooks/okrs/q3.yml": SiteFixture.objective(current: 12)])
        try fixture.commit("2026-10-20", [path: text], parents: [main, side])
        let input = try fixture.input(today: "2026-10-15", mode: .allParents)
        XCTAssertTrue(input.program.last?.total.created.contains("EXP-0004") ?? false)
        XCTAssertEqual(input.program.last?.total.started, ["EXP-0004"])
        let files = Site.render(input)
        let page = try XCTUnwrap(files.values.first { $0.contains("id=\"k-EXP-0004\"") })
        let section = String(page[try XCTUnwrap(page.range(of: "id=\"k-EXP-0004\"")).lowerBound...])
        XCTAssertTrue(section.contains("<dt>status</dt><dd>running</dd>"), section)
        XCTAssertTrue(section.contains("<dt>ran</dt><dd>2026-10-13 to now</dd>"), section)
        XCTAssertFalse(section.contains("not in the playbook on 2026-10-15"), section)
        let calendar = try XCTUnwrap(files["calendar.html"])
        XCTAssertTrue(calendar.contains("<title>EXP-0004 live 2026-10-13 to 2026-10-15</title>"), calendar)
        XCTAssertFalse(calendar.contains("not yet in the playbook"), calendar)
        // Read on the first-parent line, the main line held it from the merge on: not yet on 2026-10-15.
        let firstParent = try XCTUnwrap(Site.render(try fixture.input(today: "2026-10-15")).values.first { $0.contains("id=\"k-EXP-0004\"") })
        XCTAssertTrue(firstParent.contains("<dt>status</dt><dd><span class=\"meta\">(not in the playbook on 2026-10-15; running at this commit)</span></dd>"), firstParent)
    }
}
