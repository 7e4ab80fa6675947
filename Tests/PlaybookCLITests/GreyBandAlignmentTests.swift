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
    func testAGreyBandRewordingIsFoundAndALookAlikeIsNot() throws {
        let scratch = try ScratchDirectory()
        _ = try Repository.create(at: scratch.url.path)
        try SmallPlaybook.write(into: scratch)
        for (squad, region) in [("activation-latam", "LATAM"), ("activation-apac", "APAC")] {
            try scratch.write("playbooks/squads/\(squad).yml", SmallPlaybook.squad
                .replacingOccurrences(of: "activation-emea", with: squad).replacingOccurrences(of: "EMEA", with: region))
        }
        try scratch.write("playbooks/hypotheses.yml", [
            OverlapsCommandTests.hypothesis("HYP-0001", squad: "activation-emea", title: "How-to-play video on product pages",
                                            change: "embed a three-minute how-to-play video at the top of each game's product page"),
            OverlapsCommandTests.hypothesis("HYP-0002", squad: "activation-latam", title: "Rules explained in a short clip",
                                            change: "put a brief walkthrough of how a round goes above the description of every title we sell"),
            OverlapsCommandTests.hypothesis("HYP-0003", squad: "activation-apac", title: "How-to-play video in the iPad app",
                                            change: "embed a three-minute how-to-play video at the top of each game's page in the iPad app"),
        ].joined(separator: "\n---\n"))
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
        XCTAssertNotEqual(kind("HYP-0001", "HYP-0003"), "duplicate", result.stdout)
        XCTAssertNotEqual(kind("HYP-0002", "HYP-0003"), "duplicate", result.stdout)
    }
}
