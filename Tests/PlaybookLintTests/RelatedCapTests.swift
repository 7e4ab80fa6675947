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

    /// `approvals`: lines added to HYP-0001.
    func related(_ configuration: String, approvals: String = "") throws -> [Finding] {
        var documents = [Self.hypothesis(1, squad: "activation-emea", country: "France", extra: "") + approvals]
        for (index, country) in Self.countries.enumerated() {
            documents.append(Self.hypothesis(index + 2, squad: "squad-\(index + 2)", country: country, extra: Self.extras[Self.extras.count - 1 - index]))
        }
        let files = [SourceFile(path: "playbooks/hypotheses.yml", bytes: Array(documents.joined(separator: "\n---\n").utf8))]
        let parsed = try Configuration.parse(Array(configuration.utf8), file: ".playbook.yml")
        return Linter(configuration: parsed, today: Day(year: 2026, month: 11, day: 23)).lint(files).findings
            // Acknowledged related work is a note of `overlap-acknowledged` (review 2026-12-05).
            .filter { $0.rule == "overlap-related" || ($0.rule == "overlap-acknowledged" && $0.message.contains(" is related to ")) }
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

    /// HYP-0001's related entities, closest first (uncapped).
    func closestToFirst() throws -> [String] {
        try related("rules: {overlap-related: {per_entity: 0}}\n").filter { $0.entity == "HYP-0001" }
            .sorted { (score($0), $1.related[0]) > (score($1), $0.related[0]) }.map { $0.related[0] }
    }

    func testAcknowledgedRelatedWorkLeavesItsPlaceToUnreviewedWork() throws {
        let closest = try closestToFirst()
        XCTAssertEqual(closest.count, 6)
        // The council reviewed HYP-0001 against its two closest.
        let approval = "\napprovals: [{by: Growth council, role: council, date: 2026-10-28, overlaps: [\(closest[0]), \(closest[1])]}]"
        let first = { (configuration: String) in try self.related(configuration, approvals: approval).filter { $0.entity == "HYP-0001" } }
        // Uncapped, as before the cap: every pair noted, the reviewed ones as acknowledged.
        let all = try first("rules: {overlap-related: {per_entity: 0}}\n")
        XCTAssertEqual(Set(all.filter { $0.message.contains("acknowledged by Growth council") }.map(\.related[0])), Set(closest.prefix(2)))
        // Capped, the three closest of the four unreviewed are noted; the reviewed ones are among the others counted.
        let capped = try first("")
        XCTAssertEqual(Set(capped.map(\.related[0])), Set(closest[2..<5]), "\(capped.map(\.message))")
        XCTAssertEqual(capped.filter { $0.message.contains("HYP-0001 is related to 3 more") }.map(\.related[0]), [closest[4]])
        // With room for five, the closest reviewed pair comes after every unreviewed one, and counts the last.
        let five = try first("rules: {overlap-related: {per_entity: 5}}\n")
        XCTAssertEqual(Set(five.map(\.related[0])), Set(closest[2..<6] + [closest[0]]))
        XCTAssertEqual(five.filter { $0.message.contains("HYP-0001 is related to 1 more") }.map(\.related[0]), [closest[0]])
        // The closest's own notes rank the reviewed pair last too (an approval covers both sides).
        let ofClosest = try related("", approvals: approval).filter { $0.entity == closest[0] }
        XCTAssertFalse(ofClosest.contains { $0.related == ["HYP-0001"] }, "\(ofClosest.map(\.message))")
    }

    func testOneNotePerEntitySaysTheClosestIsNoted() throws {
        let capped = try related("rules: {overlap-related: {per_entity: 1}}\n").filter { $0.entity == "HYP-0001" }
        XCTAssertEqual(capped.count, 1)
        XCTAssertTrue(capped[0].message.contains("HYP-0001 is related to 5 more (the closest is noted;"), capped[0].message)
    }

    /// Hypotheses of eight squads, each in another country, whose changes read more or less alike
    /// (word scores from 0.44 to 1 between them; see the threshold at 30 below).
    static let graded = [
        "send a push reminder in the evening when a streak is at risk",
        "send a push reminder in the evening when a streak is at risk of ending soon for good",
        "send an email reminder in the morning when a streak is at risk of ending",
        "send a text message at noon when a long streak is about to end for learners",
        "show a banner in the app when a streak is at risk",
        "send a push reminder when a weekly goal is at risk",
        "a push in the evening for streaks at risk",
        "send a push reminder in the evening when a streak is at risk",
    ]

    func overlapFindings(_ configuration: String) throws -> [[String]] {
        let countries = ["France", "Brazil", "Mexico", "Chile", "Japan", "Korea", "India", "Peru"]
        let documents = zip(Self.graded, countries).enumerated().map { index, pair in
            """
            kind: Hypothesis
            id: HYP-000\(index + 1)
            squad: squad-\(index)
            title: Streak reminders
            statement:
              change: \(pair.0)
              audience: learners in \(pair.1) with an active streak
              outcome: more of them come back the next day
            metric: d1-retention
            expected_lift: 0.02
            status: backlog
            """
        }
        let files = [SourceFile(path: "playbooks/hypotheses.yml", bytes: Array(documents.joined(separator: "\n---\n").utf8))]
        let parsed = try Configuration.parse(Array(configuration.utf8), file: ".playbook.yml")
        return Linter(configuration: parsed, today: Day(year: 2026, month: 11, day: 23)).lint(files).findings
            .filter { $0.rule.hasPrefix("overlap") }.map { [$0.rule, $0.entity ?? "", $0.message] + $0.related }
    }

    /// Words alone, with a cap no entity reaches, find what they find uncapped: the word search's higher
    /// bar for pairs that surely differ in a field (the related margin) loses none, on either side of it.
    func testACapNoEntityReachesFindsWhatTheUncappedSearchFinds() throws {
        for threshold in ["", "overlap-duplicate: {threshold_percent: 30}, "] {
            let uncapped = try overlapFindings("rules: {\(threshold)overlap-related: {per_entity: 0}}\n")
            let capped = try overlapFindings("rules: {\(threshold)overlap-related: {per_entity: 100}}\n")
            XCTAssertEqual(capped, uncapped, threshold)
            XCTAssertFalse(uncapped.isEmpty)
        }
        // At threshold 0.3 the pairs scoring from 0.4 to 0.5 are related work (HYP-0004 and HYP-0005 score 0.44),
        // at 0.4 they are nothing.
        let pair = { (list: [[String]]) in list.contains { $0[0] == "overlap-related" && $0[1] == "HYP-0004" && $0[3] == "HYP-0005" } }
        XCTAssertTrue(pair(try overlapFindings("rules: {overlap-duplicate: {threshold_percent: 30}, overlap-related: {per_entity: 0}}\n")))
        XCTAssertFalse(pair(try overlapFindings("rules: {overlap-related: {per_entity: 0}}\n")))
    }

    /// `lint PATH` and `lint --staged PATH` report one file's findings of the whole playbook: an entity's
    /// closest related work is picked among every entity, not among those of the files reported.
    func testOneFileReportedKeepsTheNotesOfTheWholePlaybook() throws {
        var files = [SourceFile(path: "playbooks/h1.yml", bytes: Array(Self.hypothesis(1, squad: "activation-emea", country: "France", extra: "").utf8))]
        for (index, country) in Self.countries.enumerated() {
            let text = Self.hypothesis(index + 2, squad: "squad-\(index + 2)", country: country, extra: Self.extras[Self.extras.count - 1 - index])
            files.append(SourceFile(path: "playbooks/h\(index + 2).yml", bytes: Array(text.utf8)))
        }
        let linter = Linter(today: Day(year: 2026, month: 11, day: 23))
        let notes = { (list: [Finding]) in list.filter { $0.rule == "overlap-related" }.map { [$0.file, $0.message] + $0.related } }
        for reported in ["playbooks/h1.yml", "playbooks/h7.yml"] {
            let whole = notes(linter.lint(files).findings).filter { $0[0] == reported }
            XCTAssertEqual(whole.count, 3)
            XCTAssertEqual(notes(linter.lint(files, reportedFiles: [reported]).findings), whole)
            // In another file order the same notes (their reasons name the two squads in the order read).
            let which = { (list: [[String]]) in list.map { [$0[0], $0[2], $0[1].components(separatedBy: "; ").last ?? ""] } }
            XCTAssertEqual(which(notes(linter.lint(files.reversed(), reportedFiles: [reported]).findings)), which(whole))
        }
    }
}
