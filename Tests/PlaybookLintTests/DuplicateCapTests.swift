import PlaybookLint
import PlaybookModel
import PlaybookOverlaps
import XCTest

/// `overlap-duplicate` writes each entity's closest duplicates only (`per_entity`, default 20), the
/// last of them counting the others; `playbook overlaps` still lists every pair.
final class DuplicateCapTests: XCTestCase {
    /// The streak idea filed by `count` squads, HYP-0001 written exactly as the others but for
    /// HYP-00(count) which is worded furthest from it, and the second to last a little less far:
    /// so the closest are not simply the first by id.
    static func files(_ count: Int) -> [SourceFile] {
        let documents = (1...count).map { number in
            let extra = number == count ? " with a short friendly tone tonight" : number == count - 1 ? " tonight" : ""
            return """
            kind: Hypothesis
            id: HYP-\(String(format: "%04d", number))
            squad: squad-\(number)
            title: Streak reminders bring learners back
            statement:
              change: send a push reminder in the evening when a streak is at risk\(extra)
              audience: learners with an active streak
              outcome: more of them come back the next day
            metric: d1-retention
            expected_lift: 0.02
            status: backlog
            """
        }
        return [SourceFile(path: "playbooks/hypotheses.yml", bytes: Array(documents.joined(separator: "\n---\n").utf8))]
    }

    func duplicates(_ count: Int, _ configuration: String) throws -> [Finding] {
        let parsed = try Configuration.parse(Array(configuration.utf8), file: ".playbook.yml")
        return Linter(configuration: parsed, today: Day(year: 2026, month: 11, day: 23)).lint(Self.files(count)).findings
            .filter { $0.rule == "overlap-duplicate" }
    }

    /// The score a finding gives ("score 0.73").
    func score(_ finding: Finding) -> String {
        String(finding.message.split(separator: "score ")[1].prefix(4))
    }

    /// Fails at b375bc8, which has no `per_entity` for this rule (and wrote all 30 findings of each entity).
    func testEachEntityGetsItsClosestDuplicatesAndACountOfTheOthers() throws {
        let all = try duplicates(8, "rules: {overlap-duplicate: {per_entity: 0}}\n")
        let capped = try duplicates(8, "rules: {overlap-duplicate: {per_entity: 3}}\n")
        let on = { (entity: String, list: [Finding]) in list.filter { $0.entity == entity } }
        // Uncapped, every pair of the eight squads is a duplicate, written on both sides.
        XCTAssertEqual(all.count, 8 * 7)
        XCTAssertEqual(OverlapFinder.duplicates(Linter(today: Day(year: 2026, month: 11, day: 23)).entities(in: Self.files(8))).filter { $0.kind == .duplicate }.count, 28)
        // Capped, each keeps its three closest: by score, then by the other's id.
        for entity in (1...8).map({ "HYP-000\($0)" }) {
            let closest = on(entity, all).sorted { (score($0), $1.related[0]) > (score($1), $0.related[0]) }.prefix(3)
            XCTAssertEqual(Set(on(entity, capped).map(\.related)), Set(closest.map(\.related)), "\(on(entity, all).map { ($0.related, score($0)) })")
            // The last of them (the third closest) counts the other four.
            XCTAssertEqual(on(entity, capped).filter { $0.message.contains("\(entity) duplicates 4 more (the 3 closest are noted; `playbook overlaps` lists all)") }
                .map(\.related), [closest.last?.related ?? []])
        }
        // HYP-0008, worded furthest from the others, is among no one's closest but its own findings.
        XCTAssertEqual(capped.filter { $0.related == ["HYP-0008"] }.count, 0, "\(capped.map(\.message))")
        XCTAssertEqual(on("HYP-0008", capped).count, 3)
    }

    /// Twenty by default: 25 squads filing one idea get 20 findings each, not 24.
    func testTwentyByDefault() throws {
        let capped = try duplicates(25, "")
        XCTAssertEqual(capped.count, 25 * 20)
        XCTAssertEqual(capped.filter { $0.message.contains(" duplicates 4 more (the 20 closest are noted") }.count, 25)
        XCTAssertEqual(try duplicates(5, "").count, 5 * 4)
    }
}
