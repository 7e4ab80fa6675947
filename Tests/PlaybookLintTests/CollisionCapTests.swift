import PlaybookLint
import PlaybookModel
import XCTest

/// `overlap-collision` reports each experiment's first colliding experiments only, however
/// crowded its surface, and counts the others; an ordinary playbook's findings do not change.
final class CollisionCapTests: XCTestCase {
    /// `count` running experiments on web/x from 2026-07-01; `extra` adds lines to EXP-NN.
    static func crowd(_ count: Int, surface: (Int) -> String = { _ in "web/x" }, squad: (Int) -> String = { _ in "growth" },
                      extra: [Int: String] = [:]) -> String {
        (1...count).map { number in
            """
            kind: Experiment
            id: \(String(format: "EXP-%02d", number))
            squad: \(squad(number))
            title: Test \(number)
            hypothesis: HYP-0001
            status: running
            metrics: {primary: paid-conversion}
            surface: \(surface(number))
            start: 2026-07-01
            """ + (extra[number].map { "\n" + $0 } ?? "")
        }.joined(separator: "\n---\n")
    }

    func collisions(_ yaml: String, configuration: String = "") throws -> [Finding] {
        let parsed = try Configuration.parse(Array(configuration.utf8), file: ".playbook.yml")
        let files = [SourceFile(path: "playbooks/experiments.yml", bytes: Array(yaml.utf8))]
        return Linter(configuration: parsed, today: Day(year: 2026, month: 7, day: 3)).lint(files).findings
            .filter { $0.rule == "overlap-collision" || $0.rule == "overlap-acknowledged" }
    }

    static let everyPair = "rules: {overlap-collision: {per_experiment: 0}}\n"
    static func limit(_ n: Int) -> String { "rules: {overlap-collision: {per_experiment: \(n)}}\n" }
    static func ids(_ numbers: some Sequence<Int>) -> [String] { numbers.map { String(format: "EXP-%02d", $0) } }

    func testACrowdedExperimentGetsOneFindingNamingItsFirstTwenty() throws {
        let yaml = Self.crowd(30)
        let all = try collisions(yaml, configuration: Self.everyPair)
        XCTAssertEqual(all.count, 30 * 29)
        // Under the default limit (200), every collision on both sides, as before.
        XCTAssertEqual(try collisions(yaml), all)
        // Over the limit: one finding each, counting all 29 and naming the first 20 by id.
        let crowded = try collisions(yaml, configuration: Self.limit(25))
        XCTAssertEqual(crowded.count, 30)
        for number in 1...30 {
            let id = String(format: "EXP-%02d", number)
            let mine = try XCTUnwrap(crowded.first { $0.entity == id })
            XCTAssertEqual(mine.related, Array(Self.ids((1...30).filter { $0 != number }).prefix(20)), id)
            XCTAssertEqual(mine.severity, .error)
            XCTAssertEqual(mine.line, all.first { $0.entity == id }?.line)
        }
        let fifth = try XCTUnwrap(crowded.first { $0.entity == "EXP-05" })
        let listed = (1...21).filter { $0 != 5 }.map { String(format: "EXP-%02d of squad growth (playbooks/experiments.yml:%d)", $0, 10 * $0 - 8) }
        XCTAssertEqual(fifth.message,
                       "EXP-05 collides with 29 experiments on web/x or a surface nested with it while it is live from 2026-07-01 on, "
                       + "too many to list one by one; the first 20 (by id, its own squad's first, acknowledged ones last): "
                       + listed.joined(separator: ", ")
                       + ", and 9 more; share `exclusion_group`s, move dates or split audiences (`per_experiment: 0` lists every pair)")
    }

    func testTheDefaultLimitIsTwoHundred() throws {
        // 202 experiments live together: 201 collisions each, one finding each.
        let found = try collisions(Self.crowd(202))
        XCTAssertEqual(found.count, 202)
        XCTAssertTrue(found.allSatisfy { $0.message.contains(" collides with 201 experiments on web/x ") && $0.related.count == 20 })
    }

    func testAnOrdinaryPlaybooksCollisionsAreUnchanged() throws {
        // Nested and separate surfaces, at most 18 collisions each.
        let surfaces = ["web/x", "web/x/banner", "web/y", "app/home", "web"]
        let yaml = Self.crowd(24, surface: { surfaces[$0 % surfaces.count] }, squad: { "squad-\($0 % 3)" },
                              extra: [4: "approvals: [{by: Council, overlaps: [EXP-09]}]"])
        let all = try collisions(yaml, configuration: Self.everyPair)
        XCTAssertGreaterThan(all.count, 40)
        XCTAssertEqual(try collisions(yaml), all)
        XCTAssertEqual(try collisions(yaml, configuration: Self.limit(18)), all)
        XCTAssertEqual(all.filter { $0.rule == "overlap-acknowledged" }.count, 2)
        // The experiments on `web` meet 18 others: over a limit of 17, one finding each; the rest unchanged.
        let seventeen = try collisions(yaml, configuration: Self.limit(17))
        let onWeb = Set(Self.ids([4, 9, 14, 19, 24]))
        XCTAssertEqual(seventeen.filter { !onWeb.contains($0.entity ?? "") }, all.filter { !onWeb.contains($0.entity ?? "") })
        XCTAssertEqual(seventeen.filter { onWeb.contains($0.entity ?? "") }.count, 5)
    }

    func testAcknowledgedCollisionsComeAfterTheOnesNobodyReviewed() throws {
        // EXP-01's first 20 partners by id are acknowledged: its finding names the other 5 first, and is an error.
        let approvals = "approvals: [{by: Council, overlaps: [\(Self.ids(2...21).joined(separator: ", "))]}]"
        let capped = try collisions(Self.crowd(26, extra: [1: approvals]), configuration: Self.limit(10)).filter { $0.entity == "EXP-01" }
        XCTAssertEqual(capped.map(\.rule), ["overlap-collision"])
        XCTAssertEqual(capped.first?.related, Self.ids(22...26) + Self.ids(2...16))
        XCTAssertTrue(capped.first?.message.contains("EXP-02 of squad growth (playbooks/experiments.yml:13) acknowledged by Council, ") ?? false)
        // Every partner acknowledged: a note.
        let all = "approvals: [{by: Council, overlaps: [\(Self.ids(2...12).joined(separator: ", "))]}]"
        let noted = try collisions(Self.crowd(12, extra: [1: all]), configuration: Self.limit(5)).filter { $0.entity == "EXP-01" }
        XCTAssertEqual(noted.map(\.rule), ["overlap-acknowledged"])
    }

    func testCollisionsWithinASquadComeBeforeThoseAcrossSquads() throws {
        // EXP-30 (squad b) meets 28 experiments of squad a first by id, and EXP-29 of its own squad.
        let yaml = Self.crowd(30, squad: { $0 >= 29 ? "b" : "a" })
        let capped = try collisions(yaml, configuration: Self.limit(25)).filter { $0.entity == "EXP-30" }
        XCTAssertEqual(capped.first?.related, ["EXP-29"] + Self.ids(1...19))
        // Under `--staged` a collision across squads is a warning; one within the squad stays an error.
        let parsed = try Configuration.parse(Array(Self.limit(25).utf8), file: ".playbook.yml")
        let files = [SourceFile(path: "playbooks/experiments.yml", bytes: Array(yaml.utf8))]
        let staged = Linter(configuration: parsed, today: Day(year: 2026, month: 7, day: 3), mode: .staged).lint(files).findings
            .filter { $0.rule == "overlap-collision" }
        XCTAssertEqual(staged.filter { $0.entity == "EXP-30" }.map(\.severity), [.error])
        // Without a partner of its own squad, the finding is a warning under `--staged`.
        let alone = yaml.replacingOccurrences(of: "id: EXP-29\nsquad: b", with: "id: EXP-29\nsquad: c")
        let stagedAlone = Linter(configuration: parsed, today: Day(year: 2026, month: 7, day: 3), mode: .staged)
            .lint([SourceFile(path: "playbooks/experiments.yml", bytes: Array(alone.utf8))]).findings
            .filter { $0.rule == "overlap-collision" && $0.entity == "EXP-30" }
        XCTAssertEqual(stagedAlone.map(\.severity), [.warning])
    }
}
