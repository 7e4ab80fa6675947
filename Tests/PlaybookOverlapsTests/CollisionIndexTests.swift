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

    func randomRepository(_ count: Int, seed: UInt64) -> String {
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
            let found = entities(randomRepository(300, seed: UInt64(seed)))
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
}
