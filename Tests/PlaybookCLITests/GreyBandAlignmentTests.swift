import Foundation
import PlaybookGit
import XCTest

/// The token-alignment rule's grey band as re-chosen for F1 (`DuplicateDetection.alignmentLowest` 0.15,
/// three ranks, a near tie with a rival counting): a rewording whose texts read only 0.155 alike as
/// whole sentences (under the former floor of 0.20, so not found before) but align word by word ("how-to-play
/// video" / "walkthrough of how a round goes", "product page" / "every title we sell") is a duplicate, while
/// a look-alike of the idea on another platform (the iPad app) stays related work, not a duplicate.
/// The pair is `J019` of `Tests/PlaybookOverlapsTests/Data/fresh4-pairs.tsv`.
final class GreyBandAlignmentTests: XCTestCase {
    /// A git repository of three squads, each with one hypothesis: the idea (HYP-0001), its rewording
    /// in other words (HYP-0002) and its look-alike on the iPad app (HYP-0003).
    /// Compared on the model's own vectors (`meaning_map: false`): through the map learned for
    /// duplicates the rewording reads alike at once (cosine 0.44), and the grey band is not needed.
    static func threeSquadRepository() throws -> ScratchDirectory {
        let scratch = try SmallPlaybook.threeSquadRepository([
            OverlapsCommandTests.hypothesis("HYP-0001", squad: "activation-emea", title: "How-to-play video on product pages",
                                            change: "embed a three-minute how-to-play video at the top of each game's product page"),
            OverlapsCommandTests.hypothesis("HYP-0002", squad: "activation-latam", title: "Rules explained in a short clip",
                                            change: "put a brief walkthrough of how a round goes above the description of every title we sell"),
            OverlapsCommandTests.hypothesis("HYP-0003", squad: "activation-apac", title: "How-to-play video in the iPad app",
                                            change: "embed a three-minute how-to-play video at the top of each game's page in the iPad app"),
        ])
        try scratch.write(".playbook.yml", "rules:\n  overlap-duplicate:\n    meaning_map: false\n")
        return scratch
    }

    func testAGreyBandRewordingIsFoundAndALookAlikeIsNot() throws {
        let scratch = try Self.threeSquadRepository()
        let result = try CLI.run(["overlaps", "--format", "json", "--engine", "model", "--today", "2026-07-21"], in: scratch.url)
        XCTAssertNotEqual(result.status, 2, "run scripts/setup to install the model\n" + result.stderr)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], result.stdout)
        let overlaps = try XCTUnwrap(json["overlaps"] as? [[String: Any]], result.stdout)
        func kind(_ a: String, _ b: String) -> String? {
            overlaps.first { ($0["entities"] as? [String]).map { Set($0) == [a, b] } ?? false }?["kind"] as? String
        }
        XCTAssertEqual(kind("HYP-0001", "HYP-0002"), "duplicate", result.stdout)
        let reason = overlaps.first { ($0["entities"] as? [String]).map { Set($0) == ["HYP-0001", "HYP-0002"] } ?? false }?["reason"] as? String ?? ""
        XCTAssertTrue(reason.contains("token by token"), reason)
        // Found under the cosine bar, it has no score of its own at the threshold: it says it is counted there (review52b #3).
        XCTAssertTrue(reason.contains(", a cosine too low to count alone: found by the alignment, counted at the threshold 0.40)"), reason)
        XCTAssertFalse(reason.contains("score 0.40 ≥"), reason)
        XCTAssertNotEqual(kind("HYP-0001", "HYP-0003"), "duplicate", result.stdout)
        XCTAssertNotEqual(kind("HYP-0002", "HYP-0003"), "duplicate", result.stdout)
    }

    /// By default all-MiniLM-L6-v2's vectors go through the map learned for duplicates (`MeaningAdapter`):
    /// the same rewording then reads alike as whole sentences (no token alignment needed), and the look-alike
    /// on the iPad app is still no duplicate; `meaning_map: false` gives the model's own reading back.
    func testByDefaultTheMeaningMapReadsTheRewordingAlikeAsAWhole() throws {
        let scratch = try Self.threeSquadRepository()
        try scratch.write(".playbook.yml", "rules: {}\n")
        func overlaps() throws -> [[String: Any]] {
            let result = try CLI.run(["overlaps", "--format", "json", "--engine", "model", "--today", "2026-07-21"], in: scratch.url)
            XCTAssertNotEqual(result.status, 2, "run scripts/setup to install the model\n" + result.stderr)
            let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], result.stdout)
            return try XCTUnwrap(json["overlaps"] as? [[String: Any]], result.stdout)
        }
        func find(_ found: [[String: Any]], _ a: String, _ b: String) -> [String: Any]? {
            found.first { ($0["entities"] as? [String]).map { Set($0) == [a, b] } ?? false }
        }
        let mapped = try overlaps()
        let pair = try XCTUnwrap(find(mapped, "HYP-0001", "HYP-0002"), "\(mapped)")
        XCTAssertEqual(pair["kind"] as? String, "duplicate")
        let reason = pair["reason"] as? String ?? ""
        XCTAssertTrue(reason.contains("close in meaning, cosine"), reason)
        XCTAssertFalse(reason.contains("token by token"), reason)
        XCTAssertNotEqual(find(mapped, "HYP-0001", "HYP-0003")?["kind"] as? String, "duplicate")
        XCTAssertNotEqual(find(mapped, "HYP-0002", "HYP-0003")?["kind"] as? String, "duplicate")
        try scratch.write(".playbook.yml", "rules:\n  overlap-duplicate:\n    meaning_map: false\n")
        let own = try XCTUnwrap(find(try overlaps(), "HYP-0001", "HYP-0002"))
        XCTAssertTrue((own["reason"] as? String ?? "").contains("token by token"), "\(own)")
    }

    /// `threshold_percent` from the configuration at its extremes, in `lint` and `overlaps`: the two
    /// report the same duplicates; a lower threshold loses no duplicate a higher one finds (0 and 1
    /// keep the grey band's rewording, 41 — above the default, where the band is left out — drops
    /// it, 100 finds none); what is not a whole number from 0 up is refused with its place, never a crash.
    func testThresholdsFromTheConfigurationAtTheirExtremes() throws {
        let scratch = try Self.threeSquadRepository()
        func configure(_ value: String) throws {
            try scratch.write(".playbook.yml", "rules:\n  overlap-duplicate:\n    threshold_percent: \(value)\n    meaning_map: false\n")
        }
        func json(_ arguments: [String]) throws -> (status: Int32, json: [String: Any]) {
            let result = try CLI.run(arguments + ["--format", "json", "--engine", "model", "--today", "2026-07-21"], in: scratch.url)
            XCTAssertNotEqual(result.status, 2, "\(arguments): run scripts/setup to install the model\n" + result.stderr)
            return (result.status, try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], result.stdout))
        }
        var found: [Int: Set<Set<String>>] = [:]
        for percent in [0, 1, 40, 41, 100] {
            try configure(String(percent))
            let overlaps = try XCTUnwrap(try json(["overlaps"]).json["overlaps"] as? [[String: Any]])
            let duplicates = Set(overlaps.filter { $0["kind"] as? String == "duplicate" }.compactMap { ($0["entities"] as? [String]).map(Set.init) })
            let findings = try XCTUnwrap(try json(["lint"]).json["findings"] as? [[String: Any]])
            let linted = Set(findings.filter { $0["rule"] as? String == "overlap-duplicate" }.compactMap { finding in
                (finding["entity"] as? String).flatMap { entity in (finding["related"] as? [String]).map { Set([entity] + $0) } }
            })
            XCTAssertEqual(linted, duplicates, "threshold_percent \(percent): lint and overlaps disagree")
            found[percent] = duplicates
        }
        for percent in [0, 1, 40] { XCTAssertTrue(found[percent]?.contains(["HYP-0001", "HYP-0002"]) ?? false, "\(percent): \(found)") }
        XCTAssertFalse(found[41]?.contains(["HYP-0001", "HYP-0002"]) ?? true, "\(found)")
        XCTAssertEqual(found[100], [])
        for (lower, higher) in [(0, 1), (1, 40), (40, 41), (41, 100)] {
            XCTAssertTrue(found[higher, default: []].isSubset(of: found[lower, default: []]), "\(lower) loses a duplicate \(higher) finds: \(found)")
        }
        for value in ["abc", "-1", "40.5", "1e400", "[40]"] {
            try configure(value)
            for command in ["lint", "overlaps"] {
                let result = try CLI.run([command, "--engine", "model", "--today", "2026-07-21"], in: scratch.url)
                XCTAssertEqual(result.status, 2, "\(command) with \(value)")
                XCTAssertTrue(result.stderr.contains(".playbook.yml:3:"), "\(command) with \(value): \(result.stderr)")
            }
        }
    }
}
