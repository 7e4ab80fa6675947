import XCTest
import PlaybookOverlaps

final class DuplicateTests: XCTestCase {
    let streak = hypothesis("HYP-0001", squad: "activation-emea", title: "Streak reminders bring learners back",
                            change: "send a push reminder in the evening when a streak is at risk", audience: "learners with an active streak",
                            outcome: "more of them come back the next day")

    func reworded(squad: String, id: String = "HYP-0002", audience: String = "users who have a running streak") -> String {
        hypothesis(id, squad: squad, title: "Evening nudge to save the streak",
                   change: "notify users at night if they have not practised and their streak will break", audience: audience,
                   outcome: "higher day-1 retention")
    }

    func testRewordedHypothesisOfAnotherSquadIsADuplicateWithItsTerms() {
        let found = OverlapFinder.duplicates(entities(streak + "\n---\n" + reworded(squad: "retention-apac")))
        XCTAssertEqual(found.map(\.ids), [["HYP-0001", "HYP-0002"]])
        XCTAssertEqual(found.first?.squads, ["activation-emea", "retention-apac"])
        XCTAssertTrue(found.first?.terms.contains("streak") ?? false)
        XCTAssertTrue(found.first?.reason.contains("shared terms") ?? false)
        XCTAssertGreaterThanOrEqual(found.first?.score ?? 0, OverlapOptions.defaultThreshold)
    }

    func testSameSquadIsComparedOnlyWhenAskedFor() {
        let text = streak + "\n---\n" + reworded(squad: "activation-emea")
        XCTAssertEqual(OverlapFinder.duplicates(entities(text)).count, 0)
        XCTAssertEqual(OverlapFinder.duplicates(entities(text), options: OverlapOptions(sameSquad: true)).count, 1)
    }

    func testADisjointAudienceLowersTheScore() {
        let same = OverlapFinder.duplicates(entities(streak + "\n---\n" + reworded(squad: "x")), options: OverlapOptions(threshold: 0.01))
        let other = OverlapFinder.duplicates(entities(streak + "\n---\n" + reworded(squad: "x", audience: "enterprise admins in Canada")),
                                             options: OverlapOptions(threshold: 0.01))
        XCTAssertLessThan(other.first?.score ?? 1, same.first?.score ?? 0)
    }

    func testAHypothesisIsAcknowledgedThroughItsExperimentsApprovals() {
        let approved = experiment("EXP-0001", squad: "activation-emea", [
            "hypothesis": "HYP-0001", "approvals": "[{by: Growth council, date: 2026-06-30, overlaps: [HYP-0002]}]",
        ])
        let found = OverlapFinder.duplicates(entities([streak, reworded(squad: "retention-apac"), approved].joined(separator: "\n---\n")))
        XCTAssertEqual(found.first?.acknowledgedBy, "Growth council on 2026-06-30")
    }

    func testExperimentsWithTheSameTitleOnUnrelatedSurfacesScoreLower() {
        let a = experiment("EXP-0001", squad: "a", ["title": "Annual plan banner", "status": "draft"])
        let nested = experiment("EXP-0002", squad: "b", ["title": "Annual plan banner", "status": "draft", "surface": "web/checkout/top"])
        let elsewhere = experiment("EXP-0002", squad: "b", ["title": "Annual plan banner", "status": "draft", "surface": "email/weekly"])
        let options = OverlapOptions(threshold: 0.01)
        let near = OverlapFinder.duplicates(entities(a + "\n---\n" + nested), options: options).first?.score ?? 0
        let far = OverlapFinder.duplicates(entities(a + "\n---\n" + elsewhere), options: options).first?.score ?? 1
        XCTAssertEqual(near, 1, accuracy: 1e-6)
        XCTAssertLessThan(far, near)
    }

    func testRenderedJSONHasTheContractKeys() {
        let found = OverlapFinder.find(entities(streak + "\n---\n" + reworded(squad: "retention-apac")))
        let json = OverlapRendering.json(found)
        for key in ["\"version\": 1", "\"kind\": \"duplicate\"", "\"entities\": [\"HYP-0001\", \"HYP-0002\"]",
                    "\"squads\": [\"activation-emea\", \"retention-apac\"]", "\"score\": 0.", "\"reason\": "] {
            XCTAssertTrue(json.contains(key), key + "\n" + json)
        }
        XCTAssertEqual(OverlapRendering.json([]), "{\n  \"version\": 1,\n  \"overlaps\": []\n}\n")
    }
}
