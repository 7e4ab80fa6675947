import XCTest
@testable import PlaybookOverlaps
import PlaybookModel

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

    func testAWindowWithoutEndEndsAfterItsPlannedDuration() {
        let short = experiment("EXP-0001", ["status": "ready", "start": "2026-10-01", "end": "-", "design": "{duration_days: 14}"])
        XCTAssertEqual(collisions(short, experiment("EXP-0002", ["status": "ready", "start": "2027-03-01", "end": "2027-03-20"])).count, 0)
        XCTAssertEqual(collisions(short, experiment("EXP-0002", ["status": "ready", "start": "2026-10-15", "end": "2026-10-30"])).count, 1)
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

    /// review 2026-12-05 (A): `platforms: [desktop]` on both sides (not a platform lint knows: its schema error) is
    /// one audience, and the two experiments collide; the values are compared as written, as regions are.
    func testAPlatformOutsideTheListIsComparedAsWritten() {
        let desktop = experiment("EXP-0001", ["audience": "{platforms: [desktop]}"])
        let found = collisions(desktop, experiment("EXP-0002", squad: "pricing-latam", ["audience": "{platforms: [desktop]}"]))
        XCTAssertEqual(found.map(\.ids), [["EXP-0001", "EXP-0002"]])
        XCTAssertEqual(found.first?.reason.contains("every segment, all regions, platforms desktop"), true, found.first?.reason ?? "")
        XCTAssertEqual(collisions(desktop, experiment("EXP-0002", ["audience": "{platforms: [Desktop, ios]}"])).count, 1)
        XCTAssertEqual(collisions(desktop, experiment("EXP-0002", ["audience": "{platforms: [ios]}"])).count, 0)
        // An empty or blank list names no one apart: everyone, as an absent one.
        XCTAssertEqual(collisions(experiment("EXP-0001", ["audience": "{platforms: []}"]), experiment("EXP-0002", ["audience": "{platforms: []}"])).count, 1)
        XCTAssertEqual(collisions(experiment("EXP-0001", ["audience": "{regions: [\"\"]}"]), experiment("EXP-0002", ["audience": "{regions: [emea]}"])).count, 1)
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

final class CollisionSweepTests: XCTestCase {
    /// The sweep over start dates finds what checking every pair finds.
    func testSweepMatchesEveryPairOnGeneratedExperiments() {
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func next(_ n: Int) -> Int {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return Int(state % UInt64(n))
        }
        let surfaces = ["web/checkout", "web/checkout/payment", "web/pricing", "ios/home", "ios/home/banner", "email/weekly"]
        let statuses = ["running", "paused", "ready", "draft"]
        var documents: [String] = []
        for index in 0..<300 {
            var fields = ["surface": surfaces[next(surfaces.count)], "status": statuses[next(statuses.count)]]
            let start = Day(year: 2026, month: 1 + next(12), day: 1 + next(28))
            fields["start"] = next(10) == 0 ? "-" : start.description
            fields["end"] = next(8) == 0 ? "-" : Day(year: start.year, month: min(12, start.month + next(3)), day: 28).description
            if next(3) == 0 { fields["audience"] = "{regions: [\(["emea", "latam", "apac"][next(3)])]}" }
            if next(4) == 0 { fields["exclusion_group"] = ["a", "b"][next(2)] }
            documents.append(experiment(String(format: "EXP-%04d", index + 1), squad: "squad-\(next(5))", fields))
        }
        let all = entities(documents.joined(separator: "\n---\n"))
        let swept = Set(CollisionDetection.find(all, today: nil).map(\.ids))
        let live = CollisionDetection.live(all, today: nil)
        var everyPair: Set<[String]> = []
        for i in live.indices {
            for j in live.indices where j > i {
                if let overlap = CollisionDetection.collision(live[i], live[j]) { everyPair.insert(overlap.ids) }
            }
        }
        XCTAssertGreaterThan(everyPair.count, 20)
        XCTAssertEqual(swept, everyPair)
    }
}
