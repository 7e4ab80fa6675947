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

    func testACrowdedExperimentGetsItsFirstTwentyCollisionsAndACountOfTheRest() throws {
        let yaml = Self.crowd(30)
        let all = try collisions(yaml, configuration: Self.everyPair)
        let capped = try collisions(yaml)
        XCTAssertEqual(all.count, 30 * 29)
        XCTAssertEqual(capped.count, 30 * 20)
        for number in 1...30 {
            let id = String(format: "EXP-%02d", number)
            let mine = capped.filter { $0.entity == id }
            // Its first 20 partners by id, worded as before but for the count on the last.
            let partners = (1...30).filter { $0 != number }.map { String(format: "EXP-%02d", $0) }
            XCTAssertEqual(mine.flatMap(\.related).sorted(), Array(partners.prefix(20)), id)
            let counted = mine.filter { $0.message.contains("more experiments") }
            XCTAssertEqual(counted.flatMap(\.related), [partners[19]], id)
            XCTAssertTrue(counted.first?.message.hasSuffix(
                "; \(id) collides with 9 more experiments on web/x or a surface nested with it while it is live from 2026-07-01 on "
                + "(the first 20 are reported: by id, its own squad's first, acknowledged ones last; `playbook overlaps` lists every pair)") ?? false,
                counted.first?.message ?? "")
            let uncapped = Set(all.filter { $0.entity == id }.map(\.message))
            for finding in mine where finding.related != [partners[19]] { XCTAssertTrue(uncapped.contains(finding.message), finding.message) }
            XCTAssertEqual(mine.map(\.severity), Array(repeating: .error, count: 20))
        }
        // A smaller cap from the configuration.
        let five = try collisions(yaml, configuration: "rules: {overlap-collision: {per_experiment: 5}}\n")
        XCTAssertEqual(five.filter { $0.entity == "EXP-07" }.flatMap(\.related), ["EXP-01", "EXP-02", "EXP-03", "EXP-04", "EXP-05"])
        XCTAssertEqual(five.count, 30 * 5)
    }

    func testAnOrdinaryPlaybooksCollisionsAreUnchanged() throws {
        // Nested and separate surfaces, at most 8 collisions each: under the cap.
        let surfaces = ["web/x", "web/x/banner", "web/y", "app/home", "web"]
        let yaml = Self.crowd(24, surface: { surfaces[$0 % surfaces.count] }, squad: { "squad-\($0 % 3)" }, extra: [4: "approvals: [{by: Council, overlaps: [EXP-09]}]"])
        let all = try collisions(yaml, configuration: Self.everyPair)
        XCTAssertGreaterThan(all.count, 40)
        XCTAssertEqual(try collisions(yaml), all)
        XCTAssertEqual(all.filter { $0.rule == "overlap-acknowledged" }.count, 2)
    }

    func testAcknowledgedCollisionsComeAfterTheOnesNobodyReviewed() throws {
        // EXP-01's first 20 partners by id are all acknowledged: its findings still show the other 5 as errors.
        let approvals = "approvals: [{by: Council, overlaps: [\((2...21).map { String(format: "EXP-%02d", $0) }.joined(separator: ", "))]}]"
        let capped = try collisions(Self.crowd(26, extra: [1: approvals])).filter { $0.entity == "EXP-01" }
        XCTAssertEqual(capped.count, 20)
        XCTAssertEqual(capped.filter { $0.rule == "overlap-collision" }.flatMap(\.related).sorted(), (22...26).map { String(format: "EXP-%02d", $0) })
        XCTAssertEqual(capped.filter { $0.rule == "overlap-acknowledged" }.flatMap(\.related).sorted(), (2...16).map { String(format: "EXP-%02d", $0) })
        XCTAssertEqual(capped.filter { $0.message.contains("collides with 5 more experiments") }.flatMap(\.related), ["EXP-16"])
    }

    func testCollisionsWithinASquadComeBeforeThoseAcrossSquads() throws {
        // EXP-30 (squad b) meets 28 experiments of squad a first by id, and EXP-29 of its own squad.
        let yaml = Self.crowd(30, squad: { $0 >= 29 ? "b" : "a" })
        let capped = try collisions(yaml).filter { $0.entity == "EXP-30" }
        XCTAssertEqual(capped.count, 20)
        XCTAssertTrue(capped.contains { $0.related == ["EXP-29"] })
        XCTAssertEqual(capped.flatMap(\.related).sorted(), (1...19).map { String(format: "EXP-%02d", $0) } + ["EXP-29"])
        // Under `--staged` a collision across squads is a warning: the one within squad b stays an error.
        let parsed = try Configuration.parse([], file: ".playbook.yml")
        let files = [SourceFile(path: "playbooks/experiments.yml", bytes: Array(yaml.utf8))]
        let staged = Linter(configuration: parsed, today: Day(year: 2026, month: 7, day: 3), mode: .staged).lint(files).findings
            .filter { $0.entity == "EXP-30" && $0.rule == "overlap-collision" }
        XCTAssertEqual(staged.filter { $0.severity == .error }.flatMap(\.related), ["EXP-29"])
        XCTAssertEqual(staged.filter { $0.severity == .warning }.count, 19)
    }
}
