import XCTest
import PlaybookOverlaps

final class CollisionTests: XCTestCase {
    func collisions(_ a: String, _ b: String) -> [Overlap] {
        OverlapFinder.find(entities(a + "\n---\n" + b)).filter { $0.kind == .collision }
    }

    func testSameSurfaceSameTimeSameAudienceCollides() {
        let found = collisions(experiment("EXP-0001"), experiment("EXP-0002", squad: "pricing-latam"))
        XCTAssertEqual(found.map(\.ids), [["EXP-0001", "EXP-0002"]])
        XCTAssertEqual(found.first?.squads, ["checkout-emea", "pricing-latam"])
        XCTAssertEqual(found.first?.score, 1)
        XCTAssertFalse(found.first?.isAcknowledged ?? true)
    }

    func testNestedSurfaceCollidesButASharedPrefixWithoutSlashDoesNot() {
        XCTAssertEqual(collisions(experiment("EXP-0001"), experiment("EXP-0002", ["surface": "web/checkout/payment"])).count, 1)
        XCTAssertEqual(collisions(experiment("EXP-0001"), experiment("EXP-0002", ["surface": "web/checkout-v2"])).count, 0)
        XCTAssertEqual(collisions(experiment("EXP-0001"), experiment("EXP-0002", ["surface": "web/pricing"])).count, 0)
    }

    func testDisjointWindowsAreANearMiss() {
        XCTAssertEqual(collisions(experiment("EXP-0001"), experiment("EXP-0002", ["start": "2026-07-28", "end": "2026-08-20"])).count, 0)
        // Touching on one day is overlapping: both are live that day.
        XCTAssertEqual(collisions(experiment("EXP-0001"), experiment("EXP-0002", ["start": "2026-07-27", "end": "2026-08-20"])).count, 1)
    }

    func testOpenEndedWindowReachesLaterExperiments() {
        XCTAssertEqual(collisions(experiment("EXP-0001", ["end": "-"]), experiment("EXP-0002", ["start": "2027-01-04", "end": "2027-02-01"])).count, 1)
    }

    func testReadyExperimentsUseTheirPlannedDatesAndOthersDoNotTakePart() {
        XCTAssertEqual(collisions(experiment("EXP-0001"), experiment("EXP-0002", ["status": "ready"])).count, 1)
        XCTAssertEqual(collisions(experiment("EXP-0001"), experiment("EXP-0002", ["status": "paused"])).count, 1)
        XCTAssertEqual(collisions(experiment("EXP-0001", ["status": "ready", "start": "-", "end": "-"]), experiment("EXP-0002")).count, 0)
        for status in ["draft", "analyzing", "concluded", "abandoned"] {
            XCTAssertEqual(collisions(experiment("EXP-0001"), experiment("EXP-0002", ["status": status])).count, 0, status)
        }
    }

    func testDisjointRegionsPlatformsOrSegmentsAreANearMiss() {
        let emea = experiment("EXP-0001", ["audience": "{regions: [emea], platforms: [web]}"])
        XCTAssertEqual(collisions(emea, experiment("EXP-0002", ["audience": "{regions: [latam]}"])).count, 0)
        XCTAssertEqual(collisions(emea, experiment("EXP-0002", ["audience": "{platforms: [ios]}"])).count, 0)
        XCTAssertEqual(collisions(emea, experiment("EXP-0002", ["audience": "{regions: [emea, apac]}"])).count, 1)
        // An absent field is everyone.
        XCTAssertEqual(collisions(emea, experiment("EXP-0002")).count, 1)
        let trial = experiment("EXP-0001", ["audience": "{segment: trial-users}"])
        XCTAssertEqual(collisions(trial, experiment("EXP-0002", ["audience": "{segment: lapsed}"])).count, 0)
        XCTAssertEqual(collisions(trial, experiment("EXP-0002", ["audience": "{regions: [emea]}"])).count, 1)
    }

    func testSharedExclusionGroupIsANearMissButDifferentGroupsCollide() {
        XCTAssertEqual(collisions(experiment("EXP-0001", ["exclusion_group": "checkout"]), experiment("EXP-0002", ["exclusion_group": "checkout"])).count, 0)
        XCTAssertEqual(collisions(experiment("EXP-0001", ["exclusion_group": "checkout"]), experiment("EXP-0002", ["exclusion_group": "pricing"])).count, 1)
        XCTAssertEqual(collisions(experiment("EXP-0001", ["exclusion_group": "checkout"]), experiment("EXP-0002")).count, 1)
    }

    func testAnApprovalNamingTheOtherAcknowledgesTheCollision() {
        let approved = experiment("EXP-0002", ["approvals": "[{by: Growth council, role: council, date: 2026-07-01, overlaps: [EXP-0001]}]"])
        let found = collisions(experiment("EXP-0001"), approved)
        XCTAssertEqual(found.count, 1)
        XCTAssertEqual(found.first?.acknowledgedBy, "Growth council on 2026-07-01")
        let unrelated = experiment("EXP-0002", ["approvals": "[{by: Growth council, overlaps: [EXP-0099]}]"])
        XCTAssertNil(collisions(experiment("EXP-0001"), unrelated).first?.acknowledgedBy)
    }

    func testCollisionReasonNamesSurfaceWindowAndAudience() {
        let found = collisions(experiment("EXP-0001", ["audience": "{regions: [emea]}"]), experiment("EXP-0002", ["start": "2026-07-20", "end": "2026-08-30"]))
        XCTAssertEqual(found.first?.reason.contains("from 2026-07-20 to 2026-07-27"), true)
        XCTAssertEqual(found.first?.reason.contains("web/checkout"), true)
        XCTAssertEqual(found.first?.reason.contains("regions emea"), true)
    }
}
