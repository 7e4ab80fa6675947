import PlaybookLint
import PlaybookModel
import XCTest

/// `overlap-related` names each entity's closest related work only, however many alike it has.
final class RelatedCapTests: XCTestCase {
    static let countries = ["Brazil", "Mexico", "Chile", "Japan", "Korea", "India"]
    static let extras = ["tonight", "with a friendly tone", "with a short friendly tone tonight", "with one short friendly tone tonight at home",
                         "with one short friendly caring tone tonight at home daily", "with one short friendly caring warm tone tonight at home daily again"]

    /// HYP-0001 (France) and six hypotheses of other squads making its change for another country,
    /// each worded a little further from it the lower its id (so the closest are not the first by id).
    static func hypothesis(_ number: Int, squad: String, country: String, extra: String) -> String {
        """
        kind: Hypothesis
        id: HYP-000\(number)
        squad: \(squad)
        title: Streak reminders bring learners back
        statement:
          change: send a push reminder in the evening when a streak is at risk \(extra)
          audience: learners in \(country) with an active streak
          outcome: more of them come back the next day
        metric: d1-retention
        expected_lift: 0.02
        status: backlog
        """
    }

    func related(_ configuration: String) throws -> [Finding] {
        var documents = [Self.hypothesis(1, squad: "activation-emea", country: "France", extra: "")]
        for (index, country) in Self.countries.enumerated() {
            documents.append(Self.hypothesis(index + 2, squad: "squad-\(index + 2)", country: country, extra: Self.extras[Self.extras.count - 1 - index]))
        }
        let files = [SourceFile(path: "playbooks/hypotheses.yml", bytes: Array(documents.joined(separator: "\n---\n").utf8))]
        let parsed = try Configuration.parse(Array(configuration.utf8), file: ".playbook.yml")
        return Linter(configuration: parsed, today: Day(year: 2026, month: 11, day: 23)).lint(files).findings
            .filter { $0.rule == "overlap-related" }
    }

    /// The score a note gives ("score 0.73").
    func score(_ finding: Finding) -> String {
        String(finding.message.split(separator: "score ")[1].prefix(4))
    }

    func testEachEntityGetsItsThreeClosestRelatedNotesAndACountOfTheOthers() throws {
        let all = try related("rules: {overlap-related: {severity: note, per_entity: 0}}\n")
        let capped = try related("")
        let first = { (list: [Finding]) in list.filter { $0.entity == "HYP-0001" } }
        // Uncapped, HYP-0001 is related to all six others (each differs in its region).
        XCTAssertEqual(Set(first(all).flatMap(\.related)), Set((2...7).map { "HYP-000\($0)" }), "\(all.map(\.message))")
        // Capped, it keeps the three closest: by score, then by id.
        let closest = first(all).sorted { (score($0), $1.related[0]) > (score($1), $0.related[0]) }.prefix(3)
        XCTAssertEqual(first(capped).count, 3)
        XCTAssertEqual(Set(first(capped).flatMap(\.related)), Set(closest.flatMap(\.related)), "\(first(all).map { ($0.related, score($0)) })")
        // The last of them (the third closest) counts the others.
        XCTAssertEqual(first(capped).filter { $0.message.contains("HYP-0001 is related to 3 more (the 3 closest are noted") }.map(\.related),
                       [closest.last?.related ?? []])
        // No entity gets more than three notes, and each note is one of the uncapped ones.
        for entity in Set(capped.compactMap(\.entity)) { XCTAssertLessThanOrEqual(capped.filter { $0.entity == entity }.count, 3) }
        let uncapped = Set(all.map { [$0.entity ?? ""] + $0.related })
        XCTAssertTrue(capped.allSatisfy { uncapped.contains([$0.entity ?? ""] + $0.related) })
        XCTAssertEqual(try related("rules: {overlap-related: off}\n"), [])
    }
}
