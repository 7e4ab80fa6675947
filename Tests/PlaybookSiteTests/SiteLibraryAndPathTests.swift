import Foundation
import PlaybookModel
import PlaybookReports
@testable import PlaybookSite
import PlaybookYAML
import XCTest

/// What an outside review of `playbook site` found (issue #16): the learnings library against the
/// reports, focus rings' contrast, page names Windows can hold, and the README's site section.
final class SiteLibraryAndPathTests: XCTestCase {
    /// Issue #16 (1): a re-opened experiment's first conclusion is in the library, with its quarter
    /// and its learnings as they read then, so that the library filtered by a quarter holds what the
    /// program page counts for it. review60 (repoD): a conclusion undone, whether within its quarter or
    /// in a later one, is counted by no report (the reports read every move up to today), so its card
    /// says "win (undone)" and that no report counts it, and the program page counts each experiment's
    /// conclusion once (it counted EXP-0001 in 2026-Q4 and again in 2027-Q1).
    func testTheLibraryListsEveryConclusionTheReportsCount() throws {
        let fixture = try SiteFixture(for: self)
        let exp1 = { (status: String, extra: String) in
            SiteFixture.experiment("EXP-0001", title: "Shorter form", status: status, extra: extra)
        }
        let exp2 = { (status: String, extra: String) in
            SiteFixture.experiment("EXP-0002", title: "Social sign-in", status: status, start: "2026-12-01", extra: extra)
        }
        // EXP-0001 concluded a win on 2026-10-12 (the fixture: "zeppelin"); re-opened in 2027-Q1 and concluded again.
        // EXP-0002 concluded by mistake on 2027-01-10 and put back to running the next day.
        try fixture.commit("2026-12-02", ["playbooks/experiments/EXP-0002.yml": exp2("running", "")])
        try fixture.commit("2027-01-05", ["playbooks/experiments/EXP-0001.yml": exp1("running", "")])
        try fixture.commit("2027-01-10", ["playbooks/experiments/EXP-0002.yml": exp2("concluded", "result: {outcome: win, lift: 0.5, decision: ship, learnings: Mistaken}")])
        try fixture.commit("2027-01-11", ["playbooks/experiments/EXP-0002.yml": exp2("running", "")])
        try fixture.commit("2027-02-01", ["playbooks/experiments/EXP-0001.yml": exp1("concluded", """
        result: {outcome: loss, lift: -0.02, decision: kill, learnings: Supercalifragilistic second look.}
        """)])
        let input = try fixture.input(today: "2027-02-15")
        let entries = LearningsPage(input: input, catalog: input.catalog).entries().filter { $0.kind == .experiment }
        XCTAssertEqual(entries.map { "\($0.id) \($0.quarter ?? "-") \($0.outcome) \($0.lift.map { String($0) } ?? "-") \($0.decision ?? "-")" },
                       ["EXP-0001 2026-Q4 win (undone) 0.062 ship", "EXP-0001 2027-Q1 loss -0.02 kill", "EXP-0002 2027-Q1 win (undone) 0.5 ship"])
        XCTAssertEqual(entries.map { $0.searchable.contains("zeppelin-shaped") }, [true, false, false])
        XCTAssertEqual(entries.map { $0.searchable.contains("Supercalifragilistic") }, [false, true, false])
        // Every quarter the program page counts, the library filtered by that quarter lists the same experiments,
        // besides the conclusions it says no report counts.
        XCTAssertEqual(input.program.map(\.period.label), ["2026-Q3", "2026-Q4", "2027-Q1"])
        let counted = entries.filter { !($0.note ?? "").contains("no report counts") }
        for report in input.program {
            XCTAssertEqual(counted.filter { $0.quarter == report.period.label }.map(\.id), report.total.concluded, report.period.label)
        }
        XCTAssertEqual(input.program.map { "\($0.period.label): \($0.total.concluded)" },
                       ["2026-Q3: []", "2026-Q4: []", "2027-Q1: [\"EXP-0001\"]"])
        let files = Site.render(input)
        let page = try XCTUnwrap(files["learnings.html"])
        XCTAssertTrue(page.contains("<p class=\"meta\">Concluded 2026-10-12, re-opened 2027-01-05: as it read then. Undone, so no report counts this conclusion.</p>"), page)
        // review58s #2: a conclusion undone within its quarter is in the library too, said to be counted by no report.
        XCTAssertTrue(page.contains("<p class=\"meta\">Concluded 2027-01-10, re-opened 2027-01-11: as it read then. Undone, so no report counts this conclusion.</p>"), page)
        let index = try XCTUnwrap(files["assets/search-index.js"]).split(separator: "\n")
        XCTAssertTrue(index.contains { $0.contains("zeppelin") && $0.contains("\"q\": \"2026-Q4\"") && $0.contains("\"o\": \"win (undone)\"") })
        XCTAssertTrue(index.contains { $0.contains("Supercalifragilistic") && $0.contains("\"q\": \"2027-Q1\"") && $0.contains("\"o\": \"loss\"") })
        // Judged before the re-opening, the 2026-Q4 conclusion stands on today: 2026-Q4 counts it, as it read at the quarter's end.
        let before = try fixture.input(today: "2027-01-04")
        XCTAssertEqual(before.program.map { "\($0.period.label): \($0.total.concluded)" },
                       ["2026-Q3: []", "2026-Q4: [\"EXP-0001\"]", "2027-Q1: []"])
        let earlier = LearningsPage(input: before, catalog: before.catalog).entries().filter { $0.kind == .experiment }
        XCTAssertEqual(earlier.map { "\($0.id) \($0.quarter ?? "-") \($0.outcome) \($0.note ?? "-")" },
                       ["EXP-0001 2026-Q4 win Concluded 2026-10-12, later re-opened: as it read on 2026-12-31."])
    }

    /// review52a #1: an experiment concluded and then deleted (or archived out of the playbook) is still
    /// counted by the report of its quarter and the program page, so the library lists it too, as that
    /// report read it (it listed only the experiments at HEAD: the program page said 1 concluded in
    /// 2026-Q4, the library filtered by 2026-Q4 showed none, and search could not find its learnings).
    func testAnExperimentGoneFromThePlaybookKeepsTheConclusionTheReportsCount() throws {
        let fixture = try SiteFixture(for: self)
        try FileManager.default.removeItem(atPath: fixture.root + "/playbooks/experiments/EXP-0001.yml")
        try fixture.repository.stage(paths: ["playbooks/experiments/EXP-0001.yml"])
        try fixture.commit("2026-11-02", [:])
        // An experiment still in the playbook, concluded later, with an id after the gone one's.
        try fixture.commit("2026-11-20", ["playbooks/experiments/EXP-0002.yml": SiteFixture.experiment(
            "EXP-0002", title: "Social sign-in", status: "concluded", start: "2026-10-01",
            extra: "result: {outcome: loss, lift: -0.01, decision: kill, learnings: Quokka buttons distracted.}")])
        let input = try fixture.input(today: "2026-11-30")
        XCTAssertFalse(input.catalog.experiments.contains("EXP-0001"))
        let q4 = try XCTUnwrap(input.program.first { $0.period.label == "2026-Q4" })
        XCTAssertEqual(q4.total.concluded, ["EXP-0001", "EXP-0002"])
        let all = LearningsPage(input: input, catalog: input.catalog).entries()
        let entries = all.filter { $0.kind == .experiment }
        // In id order among the experiments still there (it was put after all of them).
        XCTAssertEqual(entries.map { "\($0.id) \($0.quarter ?? "-") \($0.outcome) \($0.lift.map { String($0) } ?? "-") \($0.decision ?? "-")" },
                       ["EXP-0001 2026-Q4 win 0.062 ship", "EXP-0002 2026-Q4 loss -0.01 kill"])
        XCTAssertEqual(entries.first?.note, "Concluded 2026-10-12, no longer in the playbook at this commit: as it read on 2026-11-01.")  // the day before its deletion (review54c D3)
        // The hypothesis it tested carries its learnings, beside those of the experiment still there.
        let hypothesis = try XCTUnwrap(all.first { $0.id == "HYP-0001" })
        XCTAssertEqual(hypothesis.learnedFrom.map { "\($0.experiment): \($0.learnings.joined(separator: " "))" },
                       ["EXP-0002: Quokka buttons distracted.", "EXP-0001: The zeppelin-shaped drop at the password step vanished."])
        XCTAssertTrue(hypothesis.searchable.contains("EXP-0001"))
        XCTAssertTrue(hypothesis.searchable.contains("zeppelin-shaped"))
        let files = Site.render(input)
        // The gone one named unlinked, as everywhere.
        XCTAssertTrue(try XCTUnwrap(files["learnings.html"]).contains("<p class=\"meta\">Learned from <span class=\"missing\" title=\"not in the playbook at this commit\">EXP-0001</span>:</p><p class=\"written\">The zeppelin-shaped"))
        let index = try XCTUnwrap(files["assets/search-index.js"]).split(separator: "\n")
        XCTAssertTrue(index.contains { $0.contains("zeppelin") && $0.contains("\"q\": \"2026-Q4\"") && $0.contains("\"o\": \"win\"") })
    }

    /// review53a #4: a site built `--today` a day before the commit's last conclusions read its home
    /// and program pages as of that day, but its library listed the conclusions made after it (and
    /// their learnings on the hypothesis's card), and its calendar drew their live bars past today.
    /// The library holds what the reports count as of today, and live windows stop at today.
    func testASiteAsOfAnEarlierDayListsOnlyTheConclusionsMadeByThenAndEndsLiveWindowsThere() throws {
        let fixture = try SiteFixture(for: self)
        let exp2 = { (status: String, extra: String) in
            SiteFixture.experiment("EXP-0002", title: "Social sign-in", status: status, start: "2026-10-20", extra: extra)
        }
        try fixture.commit("2026-10-20", ["playbooks/experiments/EXP-0002.yml": exp2("running", "")])
        try fixture.commit("2026-11-05", ["playbooks/experiments/EXP-0002.yml": exp2("concluded",
                                                                                     "result: {outcome: loss, lift: -0.01, decision: kill, learnings: Quokka buttons distracted.}")])
        // EXP-0001 concluded on 2026-10-12, EXP-0002 on 2026-11-05: after today.
        let input = try fixture.input(today: "2026-10-25")
        let all = LearningsPage(input: input, catalog: input.catalog).entries()
        let entries = all.filter { $0.kind == .experiment }
        XCTAssertEqual(entries.map(\.id), ["EXP-0001"])
        for report in input.program {
            XCTAssertEqual(entries.filter { $0.quarter == report.period.label }.map(\.id), report.total.concluded, report.period.label)
        }
        let files = Site.render(input)
        for page in ["learnings.html", "assets/search-index.js"] {
            XCTAssertFalse(try XCTUnwrap(files[page]).contains("Quokka"), page)
        }
        // EXP-0002 was live from 2026-10-20; as of today, it runs (its page and the calendar alike).
        let calendar = try XCTUnwrap(files["calendar.html"])
        XCTAssertTrue(calendar.contains("<title>EXP-0002 live 2026-10-20 to 2026-10-25</title>"), calendar)
        XCTAssertTrue(calendar.contains("<td data-label=\"live\"><span class=\"nw\">2026-10-20</span> to <span class=\"nw\">2026-10-25</span></td>"), calendar)
        XCTAssertFalse(calendar.contains("2026-11-05"), calendar)
        let page = try XCTUnwrap(files["e/experiments.growth.2026-Q4.html"])
        XCTAssertTrue(page.contains("<dt>ran</dt><dd>2026-10-20 to 2026-10-25</dd>"), page)
    }

    /// review53a #5: after EXP-0001 (concluded, then deleted) its hypothesis's page listed the experiments
    /// testing it without it ("None." had it been the only one), and its key result's section said
    /// experiments "–", while the home page of its quarter listed "EXP-0001 (win)". Both name it now,
    /// as the reports read it, marked as no longer in the playbook and without a link.
    func testAnExperimentGoneFromThePlaybookIsNamedOnItsHypothesisAndKeyResultAsOnTheHomePage() throws {
        let fixture = try SiteFixture(for: self)
        try FileManager.default.removeItem(atPath: fixture.root + "/playbooks/experiments/EXP-0001.yml")
        try fixture.repository.stage(paths: ["playbooks/experiments/EXP-0001.yml"])
        try fixture.commit("2027-01-05", [:])
        let files = Site.render(try fixture.input(today: "2027-01-20"))
        let gone = "<span class=\"missing\" title=\"not in the playbook at this commit\">EXP-0001</span>"
        let note = "<span class=\"meta\">no longer in the playbook at this commit, as it read on 2026-12-31</span>"
        // The home page of 2026-Q4 (its report read the key result at the quarter's end).
        XCTAssertTrue(try XCTUnwrap(files["quarter-2026-Q4.html"]).contains("experiments \(gone) (win)"))
        let hypotheses = try XCTUnwrap(files["e/hypotheses.growth.html"])
        let hypothesis = try XCTUnwrap(hypotheses.components(separatedBy: "id=\"k-HYP-0001\"").dropFirst().first?.components(separatedBy: "<section class=\"entity\"").first)
        XCTAssertTrue(hypothesis.contains("<tr><td>\(gone)</td><td class=\"t\">&lt;img src=x onerror=alert(1)&gt; ⟨U+202E⟩evil (\(note))</td>"
                                          + "<td>concluded</td><td>win</td><td class=\"n\">+6.2%</td><td>ship</td></tr>"), hypothesis)
        // In id order, before the two still there.
        let rows = hypothesis.components(separatedBy: "<tr><td>").dropFirst().map { $0.prefix(120) }
        XCTAssertEqual(rows.count, 3, hypothesis)
        XCTAssertTrue(rows.first?.contains("EXP-0001") == true, hypothesis)
        let objectives = try XCTUnwrap(files["e/objectives.2026-Q4.html"])
        let keyResult = try XCTUnwrap(objectives.components(separatedBy: "id=\"k-OKR-2026Q4-GRO-1.k-KR-1\"").dropFirst().first?.components(separatedBy: "</section>").first)
        XCTAssertTrue(keyResult.contains("<dt>experiments</dt><dd>\(gone): &lt;img src=x onerror=alert(1)&gt; ⟨U+202E⟩evil (win; \(note))<br>"), keyResult)
    }

    /// review52a #3: learnings written on several lines (a YAML block, a list) keep their lines on the
    /// library's cards and on the entity page (they ran together into one paragraph).
    func testLearningsKeepTheLinesTheyWereWrittenIn() throws {
        let fixture = try SiteFixture(for: self)
        try fixture.commit("2026-10-20", ["playbooks/experiments/EXP-0002.yml": SiteFixture.experiment(
            "EXP-0002", title: "Social sign-in", status: "concluded", start: "2026-10-01", extra: """
            result:
              outcome: loss
              lift: -0.01
              decision: kill
              learnings: |
                Fewer finished the form.
                - the Google button drew clicks away
            """)])
        let files = Site.render(try fixture.input(today: "2026-11-30"))
        let written = "<p class=\"written\">Fewer finished the form.\n- the Google button drew clicks away</p>"
        let library = try XCTUnwrap(files["learnings.html"])
        XCTAssertTrue(library.contains(written), String(library[library.range(of: "Fewer")!.lowerBound...].prefix(200)))
        XCTAssertEqual(files.filter { $0.key.hasPrefix("e/") && $0.value.contains(written) }.count, 1)
        XCTAssertTrue(Assets.stylesheet.contains("p.written { white-space: pre-line; }"))
    }

    /// review53a #6: a squad's mission written on several lines ran together into one paragraph on
    /// its page, while learnings keep their lines.
    func testASquadsMissionKeepsTheLinesItWasWrittenIn() throws {
        let fixture = try SiteFixture(for: self)
        try fixture.commit("2026-10-20", ["playbooks/squads/growth.yml": SiteFixture.squad.replacingOccurrences(of: "mission: Get more learners to their first lesson.", with: """
            mission: |
              Get more learners to their first lesson.
              Then to their <second> one.
            """)])
        let page = try XCTUnwrap(Site.render(try fixture.input())["e/growth.html"])
        XCTAssertTrue(page.contains("<p class=\"written\">Get more learners to their first lesson.\nThen to their &lt;second&gt; one.</p>"), page)
    }

    /// Issue #16 (2): every focus ring stands 3:1 or more against each background it can show over
    /// (WCAG 1.4.11): the skip link's ring was the page's dark blue over the dark header (2.19:1).
    func testEveryFocusRingStandsOutFromWhatItSitsOn() throws {
        let css = Assets.stylesheet
        let rules = try NSRegularExpression(pattern: "([^{}]+)\\{([^}]*)\\}").matches(in: css, range: NSRange(css.startIndex..., in: css)).compactMap { match -> (selectors: [String], body: String)? in
            guard let selectors = Range(match.range(at: 1), in: css), let body = Range(match.range(at: 2), in: css) else { return nil }
            let list = css[selectors].replacing(/\/\*[^*]*\*\//, with: "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            return (list, String(css[body]))
        }
        func value(_ property: String, of selector: String) -> String? {
            for rule in rules.reversed() where rule.selectors.contains(selector) {
                for declaration in rule.body.split(separator: ";") {
                    let parts = declaration.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
                    if parts.count == 2, parts[0] == property { return parts[1] }
                }
            }
            return nil
        }
        func colour(_ text: String) throws -> String {
            let word = String(try XCTUnwrap(text.split(separator: " ").first { $0.hasPrefix("#") || $0.hasPrefix("var(") }))
            guard word.hasPrefix("var(") else { return word }
            return try colour(try XCTUnwrap(value(String(word.dropFirst(4).dropLast()), of: ":root"), word))
        }
        // The ring a selector's element shows: its own outline colour, else the one every focusable element takes.
        func ring(_ selector: String) throws -> String {
            if let own = value("outline-color", of: selector) { return try colour(own) }
            return try colour(try XCTUnwrap(value("outline", of: "a:focus-visible")))
        }
        func ratio(_ a: String, _ b: String) -> Double {
            func luminance(_ hex: String) -> Double {
                let digits = hex.count == 4 ? hex.dropFirst().flatMap { [$0, $0] } : Array(hex.dropFirst())
                let channels = stride(from: 0, to: 6, by: 2).map { Double(Int(String(digits[$0...$0 + 1]), radix: 16) ?? 0) / 255 }
                    .map { $0 <= 0.03928 ? $0 / 12.92 : pow(($0 + 0.055) / 1.055, 2.4) }
                return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]
            }
            let (x, y) = (luminance(a), luminance(b))
            return (max(x, y) + 0.05) / (min(x, y) + 0.05)
        }
        let header = try colour(try XCTUnwrap(value("background", of: "header.top")))
        let light = try ["body", ".card", ".filters", ".note", "th", ".northstar", ".badge.good", ".badge.bad"].map { try colour(try XCTUnwrap(value("background", of: $0), $0)) }
            + ["#eef1f6"]  // the calendar's surface bands, beside its links
        let cases: [(ring: String, backgrounds: [String])] = [
            ("a:focus-visible", light), ("[tabindex]:focus-visible", light), ("input:focus-visible", light), ("summary:focus-visible", light),
            ("header.top a:focus-visible", [header]), (".skip:focus-visible", [header]),
        ]
        for (selector, backgrounds) in cases {
            let colour = try ring(selector)
            for background in backgrounds {
                XCTAssertGreaterThanOrEqual(ratio(colour, background), 3, "\(selector) ring \(colour) on \(background): \(ratio(colour, background))")
            }
        }
        XCTAssertEqual(header, "#1d2330")
        XCTAssertEqual(light.count, 9)
    }

    /// Issue #16 (3): ids lint takes that Windows keeps for devices (`con`, `aux`, `com1`, `LPT9`,
    /// with any extension) get page names it can hold, the same every time, and links follow them.
    func testIdsWindowsKeepsForDevicesGetPageNamesItCanHold() throws {
        let fixture = try SiteFixture(for: self)
        let metric = { (id: String) in
            "kind: Metric\nid: \(id)\nname: Metric \(id)\nunit: count\ndirection: increase\nowner: aux\n"
        }
        try fixture.commit("2026-11-01", [
            "playbooks/metrics-more.yml": ["con", "com1", "nul-rate"].map(metric).joined(separator: "---\n"),
            "playbooks/squads/aux.yml": SiteFixture.squad.replacingOccurrences(of: "id: growth", with: "id: aux")
                .replacingOccurrences(of: "metrics: [signup-rate]", with: "metrics: [con, com1]"),
        ])
        let files = Site.render(try fixture.input())
        let reserved = try NSRegularExpression(pattern: "^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\\..*)?$", options: .caseInsensitive)
        let held = files.keys.filter { path in
            let name = String(path.split(separator: "/").last ?? "")
            return reserved.firstMatch(in: name, range: NSRange(name.startIndex..., in: name)) != nil
        }.sorted()
        XCTAssertEqual(held, [])
        let squad = try XCTUnwrap(files["e/aux_c2.html"])
        XCTAssertTrue(squad.contains("href=\"../e/con_c2.html\""), squad)
        XCTAssertTrue(squad.contains("href=\"../e/com1_c2.html\""), squad)
        XCTAssertTrue(try XCTUnwrap(files["e/con_c2.html"]).contains("Metric con"))
        XCTAssertNotNil(files["e/nul-rate.html"])  // a longer name is no device's
        XCTAssertEqual(files, Site.render(try fixture.input()))
        // Case and extensions do not matter to Windows; numbering is as for names that differ only in case.
        let names = SitePath.uniqueFileNames(["CON", "con", "Lpt9", "aux.html", "com10", "console"])
        XCTAssertEqual(names, ["CON": "CON_c2", "con": "con_c3", "Lpt9": "Lpt9_c2", "aux.html": "aux_2Ehtml", "com10": "com10", "console": "console"])
    }

    /// Issue #16 (4): the README says which collisions the calendar shows: those `playbook overlaps`
    /// finds, and the past ones of experiments that have ended, which `playbook overlaps` no longer
    /// looks at (`testTheCalendarKeepsCollisionsOfExperimentsThatRanTogether` shows them).
    func testTheReadmeSaysTheCalendarKeepsPastCollisions() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let start = try XCTUnwrap(readme.range(of: "- **Calendar**:")).lowerBound
        let bullet = readme[start..<(try XCTUnwrap(readme.range(of: "\n- **", range: readme.index(after: start)..<readme.endIndex)).lowerBound)]
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
        XCTAssertFalse(bullet.contains("collisions (as `playbook overlaps` finds them)"), bullet)
        XCTAssertTrue(bullet.contains("an experiment that has concluded or been abandoned, which `playbook overlaps` no longer looks at, on its live window from the history"), bullet)
    }

    /// Issue #16 (5): the README's GitHub Pages workflow is YAML a runner takes: the permissions
    /// Pages needs, one deployment at a time, the current majors of the actions, and a build of
    /// the tool that works as written (no placeholder address to a repository that does not exist).
    func testTheReadmesPagesWorkflowIsOneThatRuns() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let opening = "```yaml\n# .github/workflows/site.yml\n"
        let start = try XCTUnwrap(readme.range(of: opening)).upperBound
        let snippet = String(readme[start..<(try XCTUnwrap(readme.range(of: "\n```", range: start..<readme.endIndex)).lowerBound)])
        let loaded = YAMLLoader.load(Array(snippet.utf8))
        XCTAssertNil(loaded.fatalProblem)
        let workflow = try XCTUnwrap(loaded.documents.first?.root)
        XCTAssertEqual(workflow["permissions"]?["pages"]?.scalar, "write")
        XCTAssertEqual(workflow["permissions"]?["id-token"]?.scalar, "write")
        XCTAssertEqual(workflow["permissions"]?["contents"]?.scalar, "read")
        XCTAssertEqual(workflow["concurrency"]?["group"]?.scalar, "pages")
        XCTAssertEqual(workflow["concurrency"]?["cancel-in-progress"]?.scalar, "false")
        let job = try XCTUnwrap(workflow["jobs"]?["site"])
        XCTAssertEqual(job["environment"]?["name"]?.scalar, "github-pages")
        let steps = try XCTUnwrap(job["steps"]?.items)
        XCTAssertEqual(steps.compactMap { $0["uses"]?.scalar }, [
            "actions/checkout@v7", "actions/cache@v6", "actions/configure-pages@v6", "actions/upload-pages-artifact@v5", "actions/deploy-pages@v5",
        ])
        XCTAssertEqual(steps.first?["with"]?["fetch-depth"]?.scalar, "0")
        XCTAssertEqual(steps.last?["id"]?.scalar, "deployment")
        // The tool is built from the repository checked out, with the scripts this repository carries.
        let build = try XCTUnwrap(steps.first { $0["name"]?.scalar == "Build playbook" }?["run"]?.scalar)
        XCTAssertFalse(snippet.contains("example.com") || snippet.contains("your-org"), snippet)
        for line in build.split(separator: "\n") {
            for script in line.matches(of: /scripts\/[a-z-]+/) {
                XCTAssertTrue(FileManager.default.isExecutableFile(atPath: root.appendingPathComponent(String(script.0)).path), String(line))
            }
        }
        XCTAssertTrue(build.contains("scripts/setup") && build.contains("swift build -c release") && build.contains("$GITHUB_PATH"), build)
        XCTAssertTrue(steps.contains { $0["run"]?.scalar == "playbook site -o _site" })
        XCTAssertEqual(steps.first { $0["uses"]?.scalar?.hasPrefix("actions/upload-pages-artifact") == true }?["with"]?["path"]?.scalar, "_site")
    }
    /// The README's pull-request workflow runs as written too: the tool built from this repository at the
    /// pull request's base (no placeholder address), the PR head checked out beside it with its history,
    /// every step that reads the playbook run in it, and the current majors of the actions.
    func testTheReadmesPullRequestWorkflowIsOneThatRuns() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let opening = "```yaml\nname: playbook\non: pull_request\n"
        let start = try XCTUnwrap(readme.range(of: opening)).lowerBound
        let body = readme.index(start, offsetBy: "```yaml\n".count)
        let snippet = String(readme[body..<(try XCTUnwrap(readme.range(of: "\n```", range: body..<readme.endIndex)).lowerBound)])
        let loaded = YAMLLoader.load(Array(snippet.utf8))
        XCTAssertNil(loaded.fatalProblem)
        let workflow = try XCTUnwrap(loaded.documents.first?.root)
        XCTAssertEqual(workflow["permissions"]?["contents"]?.scalar, "read")
        XCTAssertEqual(workflow["permissions"]?["security-events"]?.scalar, "write")
        let steps = try XCTUnwrap(workflow["jobs"]?["review"]?["steps"]?.items)
        XCTAssertEqual(steps.compactMap { $0["uses"]?.scalar }, [
            "actions/checkout@v7", "actions/checkout@v7", "actions/cache@v6", "github/codeql-action/upload-sarif@v4",
        ])
        XCTAssertFalse(snippet.contains("example.com") || snippet.contains("your-org"), snippet)
        let tool = steps[0], head = steps[1]
        XCTAssertEqual(tool["with"]?["ref"]?.scalar, "${{ github.event.pull_request.base.sha }}")
        XCTAssertEqual(head["with"]?["ref"]?.scalar, "${{ github.event.pull_request.head.sha }}")
        XCTAssertEqual(head["with"]?["fetch-depth"]?.scalar, "0")
        let (toolPath, repoPath) = (try XCTUnwrap(tool["with"]?["path"]?.scalar), try XCTUnwrap(head["with"]?["path"]?.scalar))
        XCTAssertNotEqual(toolPath, repoPath)
        let build = try XCTUnwrap(steps.first { $0["name"]?.scalar == "Build playbook" }?["run"]?.scalar)
        XCTAssertTrue(build.contains("$GITHUB_WORKSPACE/\(toolPath)"), build)
        for line in build.split(separator: "\n") {
            for script in line.matches(of: /scripts\/[a-z-]+/) {
                XCTAssertTrue(FileManager.default.isExecutableFile(atPath: root.appendingPathComponent(String(script.0)).path), String(line))
            }
        }
        XCTAssertTrue(build.contains("scripts/setup") && build.contains("swift build -c release") && build.contains("$GITHUB_PATH"), build)
        // What reads the playbook or its files runs in the PR head's checkout.
        for step in steps where step["run"]?.scalar?.contains("review") == true || step["run"]?.scalar?.contains("comment.md") == true {
            XCTAssertEqual(step["working-directory"]?.scalar, repoPath, step["run"]?.scalar ?? "")
        }
        let using = { (action: String) in steps.first { $0["uses"]?.scalar?.hasPrefix(action) == true } }
        XCTAssertEqual(using("actions/cache")?["with"]?["path"]?.scalar, "\(repoPath)/.git/playbook")
        XCTAssertEqual(using("github/codeql-action/upload-sarif")?["with"]?["sarif_file"]?.scalar, "\(repoPath)/review.sarif")
    }
}
