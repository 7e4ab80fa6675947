import XCTest
@testable import PlaybookOverlaps
import PlaybookModel

/// The surface index and the time sweep must find exactly what comparing every pair finds,
/// with the same messages, on crowded surfaces where most experiments share a root.
final class CollisionIndexTests: XCTestCase {
    /// A small deterministic generator, so a failure can be replayed.
    struct Lcg {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        mutating func pick<T>(_ items: [T]) -> T { items[next(items.count)] }
    }

    static let surfaces = ["web", "web/checkout", "web/checkout/payment", "web/checkout/payment/card", "web/checkout-v2",
                           "web/pricing", "Web/Pricing/", "web//pricing/annual", " web / home", "web/home/banner", "app",
                           "app/onboarding", "app/onboarding/step-1", "/", " / ", "apps/onboarding"]

    static func randomRepository(_ count: Int, seed: UInt64) -> String {
        var random = Lcg(state: seed)
        return (0..<count).map { index in
            var fields: [String: String] = ["surface": "\"\(random.pick(Self.surfaces))\""]
            fields["status"] = random.pick(["running", "running", "paused", "ready", "draft", "concluded"])
            let month = 1 + random.next(12), day = 1 + random.next(28)
            fields["start"] = random.next(8) == 0 ? "-" : String(format: "2026-%02d-%02d", month, day)
            switch random.next(4) {
            case 0: fields["end"] = "-"
            case 1: fields["end"] = "-"; fields["design"] = "{duration_days: \(7 + random.next(40))}"
            default: fields["end"] = String(format: "2026-%02d-%02d", min(12, month + random.next(3)), 1 + random.next(28))
            }
            fields["audience"] = random.pick(["-", "{regions: [emea]}", "{regions: [latam, emea]}", "{platforms: [ios]}",
                                              "{segment: lapsed}", "{regions: [all]}"])
            if random.next(5) == 0 { fields["exclusion_group"] = random.pick(["a", "b"]) }
            return experiment(String(format: "EXP-%05d", index + 1), squad: "squad-\(index % 7)", fields)
        }.joined(separator: "\n---\n")
    }

    /// What the index replaces: every pair of live experiments, in start order.
    func exhaustive(_ entities: [SourcedEntity], today: Day?) -> [Overlap] {
        let experiments = CollisionDetection.live(entities, today: today)
        let order = experiments.indices.sorted { a, b in
            let sa = experiments[a].start, sb = experiments[b].start
            if sa != sb { return sa.map { s in sb.map { s < $0 } ?? false } ?? true }
            return a < b
        }
        var out: [Overlap] = []
        for (position, i) in order.enumerated() {
            for j in order[(position + 1)...] {
                if let overlap = CollisionDetection.collision(experiments[i], experiments[j]) { out.append(overlap) }
            }
        }
        return out
    }

    func testIndexFindsWhatComparingEveryPairFinds() throws {
        let today = try XCTUnwrap(Day("2026-09-01"))
        var total = 0
        for seed in 1...6 {
            let found = entities(Self.randomRepository(300, seed: UInt64(seed)))
            let indexed = CollisionDetection.find(found, today: today)
            let expected = exhaustive(found, today: today)
            XCTAssertEqual(indexed.count, expected.count, "seed \(seed)")
            XCTAssertEqual(Set(indexed), Set(expected), "seed \(seed): same pairs with the same messages")
            total += expected.count
        }
        // The random repositories must hold both collisions and near misses to prove anything.
        XCTAssertGreaterThan(total, 100)
    }

    func testAnEmptySurfaceMeetsOnlyItself() {
        let found = OverlapFinder.collisions(entities([
            experiment("EXP-0001", ["surface": "\"/\""]), experiment("EXP-0002", ["surface": "\" / \""]),
            experiment("EXP-0003", ["surface": "web"]),
        ].joined(separator: "\n---\n")))
        XCTAssertEqual(found.map(\.ids), [["EXP-0001", "EXP-0002"]])
    }

    func testTheGraphListsEachExperimentsPartnersAndCountsWhatItLeavesOut() throws {
        let today = try XCTUnwrap(Day("2026-09-01"))
        let found = entities(Self.randomRepository(300, seed: 7))
        let all = OverlapFinder.collisions(found, today: today)
        let graph = CollisionGraph(found, today: today)
        XCTAssertGreaterThan(all.count, 50)
        XCTAssertEqual(graph.count, all.count)
        // The whole list, and its first few, in the finder's order with the same reasons.
        XCTAssertEqual(graph.overlaps(limit: all.count), all)
        XCTAssertEqual(graph.overlaps(limit: 5), Array(all.prefix(5)))
        var busiest = ("", 0)
        for id in Set(all.flatMap(\.ids)).sorted() {
            let expected = all.filter { $0.ids.contains(id) }.map { $0.ids.first { $0 != id } ?? id }
            XCTAssertEqual(graph.count(of: id), expected.count, id)
            XCTAssertEqual(graph.partners(of: id, limit: 3).map(\.id), Array(expected.prefix(3)), id)
            XCTAssertEqual(graph.overlaps(of: id, limit: all.count), all.filter { $0.ids.contains(id) }, id)
            if expected.count > busiest.1 { busiest = (id, expected.count) }
        }
        XCTAssertGreaterThan(busiest.1, 3)  // some experiment has more partners than a page lists
        XCTAssertEqual(graph.count(of: "EXP-NONE"), 0)
        // Grouped by the first side's squad: each group's total, and its first pairs in order.
        var squads: [String: String] = [:]
        for sourced in found {
            if case .experiment(let e) = sourced.entity { squads[e.id.value] = e.squad?.value ?? "" }
        }
        let grouped = graph.overlaps(groupedBy: { squads[$0] ?? "" }, limit: 2)
        for (squad, group) in grouped {
            let expected = all.filter { squads[$0.ids[0]] == squad }
            XCTAssertEqual(group.total, expected.count, squad)
            XCTAssertEqual(group.shown, Array(expected.prefix(2)), squad)
        }
        XCTAssertEqual(grouped.values.map(\.total).reduce(0, +), all.count)
    }

    func testAnApprovalMarksThePartnerAsReviewed() {
        let found = entities([
            experiment("EXP-0001", ["surface": "web", "status": "running"]),
            experiment("EXP-0002", ["surface": "web", "status": "running",
                                    "approvals": "[{by: Council, role: council, date: 2026-01-02, overlaps: [EXP-0001]}]"]),
            experiment("EXP-0003", ["surface": "web", "status": "running"]),
        ].joined(separator: "\n---\n"))
        let graph = CollisionGraph(found)
        let partners = graph.partners(of: "EXP-0001", limit: 10)
        XCTAssertEqual(partners.map(\.id), ["EXP-0002", "EXP-0003"])
        XCTAssertEqual(partners.first?.reviewedBy, "Council on 2026-01-02")
        XCTAssertNil(partners.last?.reviewedBy)
    }

    func testMoreDistinctAudiencesThanTheTableHoldsAreComparedOneByOne() throws {
        // 530 audiences, too many to tabulate: most share emea, every third names its own region only.
        var documents: [String] = []
        for index in 0..<530 {
            let regions: String = index % 3 == 0 ? "{regions: [r\(index)]}" : "{regions: [r\(index), emea]}"
            let start: String = String(format: "2026-07-%02d", 1 + index % 20)
            documents.append(experiment(String(format: "EXP-%04d", index + 1), ["audience": regions, "start": start]))
        }
        let yaml = documents.joined(separator: "\n---\n")
        let found = entities(yaml)
        let live = CollisionDetection.live(found, today: nil)
        XCTAssertEqual(CollisionDetection.tests(live).meets, [])  // the one-by-one path
        let indexed = CollisionDetection.find(found, today: nil)
        let expected = exhaustive(found, today: nil)
        XCTAssertEqual(Set(indexed), Set(expected))
        XCTAssertEqual(indexed.count, 353 * 352 / 2)  // the 353 that share emea, pairwise
    }
}
