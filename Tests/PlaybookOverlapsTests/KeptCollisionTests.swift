import XCTest
@testable import PlaybookOverlaps
import PlaybookModel

/// A graph that keeps each experiment's first partners only must count exactly what the full
/// graph counts, keep exactly its first partners by id (acknowledged ones apart), and word each
/// kept pair as the full graph does.
final class KeptCollisionTests: XCTestCase {
    /// `CollisionIndexTests`' random repositories, with some approvals naming other experiments.
    func repository(_ count: Int, seed: UInt64) -> [SourcedEntity] {
        var yaml = CollisionIndexTests.randomRepository(count, seed: seed)
        var random = CollisionIndexTests.Lcg(state: seed &+ 99)
        for index in stride(from: 3, to: count, by: 4) {
            let named = (0..<8).map { _ in String(format: "EXP-%05d", 1 + random.next(count)) }.joined(separator: ", ")
            yaml = yaml.replacingOccurrences(of: String(format: "id: EXP-%05d\n", index),
                                             with: String(format: "id: EXP-%05d\napprovals: [{by: Council %d, overlaps: [%@]}]\n", index, index, named))
        }
        return entities(yaml)
    }

    /// What `forEachReported` should give for `id`: its partners by id, unacknowledged ones of its
    /// own squad first, then of other squads, then acknowledged ones, at most `limit`.
    func expectedReported(_ full: CollisionGraph, _ id: String, limit: Int, squads: [String: String]) -> [String] {
        let all = full.partners(of: id, limit: full.count(of: id))
        let unacknowledged = all.filter { $0.reviewedBy == nil }
        let ordered = unacknowledged.filter { squads[$0.id] == squads[id] } + unacknowledged.filter { squads[$0.id] != squads[id] }
            + all.filter { $0.reviewedBy != nil }
        return Array(ordered.map(\.id).prefix(limit))
    }

    func squads(_ found: [SourcedEntity]) -> [String: String] {
        var out: [String: String] = [:]
        for sourced in found {
            if case .experiment(let e) = sourced.entity { out[e.id.value] = e.squad?.value ?? "" }
        }
        return out
    }

    func testKeptPartnersAndCountsMatchTheFullGraph() throws {
        let today = try XCTUnwrap(Day("2026-09-01"))
        var crowded = 0, acknowledged = 0, listedOneByOne = 0
        for seed in 1...5 {
            let found = repository(300, seed: UInt64(seed))
            let full = CollisionGraph(found, today: today)
            let squadOf = squads(found)
            for (limit, listed) in [(1, 1), (3, 3), (10, 3), (3, 10)] {
                let kept = max(limit, listed)
                // A crowded experiment keeps only the partners it names.
                let graph = CollisionGraph(found, today: today, kept: kept, keptWhenCrowded: listed)
                XCTAssertEqual(graph.count, full.count, "seed \(seed) kept \(kept)")
                XCTAssertEqual(graph.experimentCount, full.experimentCount)
                var pairs: [String: [(other: String, reason: String, reviewedBy: String?)]] = [:]
                var crowds: [String: CollisionGraph.Crowd] = [:]
                graph.forEachReported(ranks: 0..<graph.experimentCount, limit: limit, listed: listed) { side, other, reason, reviewedBy in
                    pairs[side.id, default: []].append((other.id, reason, reviewedBy))
                } crowd: { side, crowd in
                    XCTAssertNil(crowds[side.id])
                    crowds[side.id] = crowd
                }
                for id in Set(found.map(\.entity.id.value)).sorted() {
                    XCTAssertEqual(graph.count(of: id), full.count(of: id), "\(id) seed \(seed) kept \(kept)")
                    // Exact up to `listed` partners (all of them under `kept`), reviewers included.
                    let shown = full.count(of: id) > kept ? listed : kept
                    let first = graph.partners(of: id, limit: shown), expected = full.partners(of: id, limit: shown)
                    XCTAssertEqual(first.map(\.id), expected.map(\.id), "\(id) seed \(seed) kept \(kept)")
                    XCTAssertEqual(first.map(\.reviewedBy), expected.map(\.reviewedBy), id)
                    let fullOverlaps = full.overlaps(of: id, limit: full.count(of: id))
                    if full.count(of: id) > limit {
                        // One finding: the count, and the first partners in the cap's order.
                        let crowd = try XCTUnwrap(crowds[id], id)
                        XCTAssertNil(pairs[id])
                        XCTAssertEqual(crowd.total, full.count(of: id))
                        XCTAssertEqual(crowd.listed.map(\.side.id), expectedReported(full, id, limit: listed, squads: squadOf), "\(id) seed \(seed) limit \(limit)")
                        let reviewers = Dictionary(uniqueKeysWithValues: full.partners(of: id, limit: full.count(of: id)).map { ($0.id, $0.reviewedBy) })
                        XCTAssertEqual(crowd.listed.map(\.reviewedBy), crowd.listed.map { reviewers[$0.side.id] ?? nil })
                        acknowledged += crowd.listed.filter { $0.reviewedBy != nil }.count
                        crowded += 1
                    } else {
                        // Each collision, worded as the full graph words it.
                        XCTAssertNil(crowds[id])
                        let mine = pairs[id] ?? []
                        XCTAssertEqual(mine.map(\.other).sorted(), fullOverlaps.map { $0.ids.first { $0 != id } ?? id }.sorted(), id)
                        for pair in mine {
                            let overlap = try XCTUnwrap(fullOverlaps.first { $0.ids.contains(pair.other) })
                            XCTAssertEqual(pair.reason, overlap.reason)
                            XCTAssertEqual(pair.reviewedBy, overlap.acknowledgedBy)
                            if pair.reviewedBy != nil { acknowledged += 1 }
                        }
                        listedOneByOne += mine.count
                    }
                }
            }
        }
        // The repositories must hold crowded experiments, others, and acknowledged pairs to prove anything.
        XCTAssertGreaterThan(crowded, 100)
        XCTAssertGreaterThan(listedOneByOne, 100)
        XCTAssertGreaterThan(acknowledged, 10)
    }

    func testWhenNothingIsCappedTheKeptGraphIsTheFullOne() throws {
        let today = try XCTUnwrap(Day("2026-09-01"))
        let found = repository(200, seed: 11)
        let full = CollisionGraph(found, today: today)
        let most = Set(found.map(\.entity.id.value)).map { full.count(of: $0) }.max() ?? 0
        XCTAssertGreaterThan(most, 3)
        let graph = CollisionGraph(found, today: today, kept: most)
        XCTAssertEqual(graph.overlaps(limit: full.count), full.overlaps(limit: full.count))
        let key = { (id: String) in String(id.suffix(1)) }
        let grouped = graph.overlaps(groupedBy: key, limit: 4), expected = full.overlaps(groupedBy: key, limit: 4)
        XCTAssertEqual(grouped.keys.sorted(), expected.keys.sorted())
        for (name, group) in expected {
            XCTAssertEqual(grouped[name]?.total, group.total)
            XCTAssertEqual(grouped[name]?.shown, group.shown)
        }
    }

    func testThousandsLiveOnOneSurfaceAreCountedWithoutTheirPairs() throws {
        // 3,000 experiments live together on one surface: 4.5 million pairs, of which each keeps 5.
        let yaml = (0..<3_000).map { index in
            experiment(String(format: "EXP-%05d", index), ["surface": "web/x", "status": "running", "start": "2026-07-01", "end": "-"])
        }.joined(separator: "\n---\n")
        let graph = CollisionGraph(entities(yaml), kept: 5)
        XCTAssertEqual(graph.count, 3_000 * 2_999 / 2)
        XCTAssertEqual(graph.count(of: "EXP-01500"), 2_999)
        XCTAssertEqual(graph.partners(of: "EXP-01500", limit: 5).map(\.id), ["EXP-00000", "EXP-00001", "EXP-00002", "EXP-00003", "EXP-00004"])
        XCTAssertEqual(graph.partners(of: "EXP-00002", limit: 5).map(\.id), ["EXP-00000", "EXP-00001", "EXP-00003", "EXP-00004", "EXP-00005"])
        var crowds: [CollisionGraph.Crowd] = []
        var pairs = 0
        graph.forEachReported(ranks: 0..<graph.experimentCount, limit: 5, listed: 3) { _, _, _, _ in
            pairs += 1
        } crowd: { _, crowd in
            crowds.append(crowd)
        }
        XCTAssertEqual(pairs, 0)
        XCTAssertEqual(crowds.count, 3_000)
        XCTAssertEqual(crowds.first?.total, 2_999)
        XCTAssertEqual(crowds.first?.listed.map(\.side.id), ["EXP-00001", "EXP-00002", "EXP-00003"])
        XCTAssertEqual(crowds.first?.surface, "web/x")
        XCTAssertEqual(crowds.first?.window, "from 2026-07-01 on")
    }

    /// `playbook overlaps` past `per_experiment`: every pair of which one side collides with at most
    /// the limit, as the full list has it, and one entry for each busier experiment: its count, and
    /// its first partners in lint's order.
    func testOverlapsGiveOneEntryForAnExperimentPastTheLimit() throws {
        let today = try XCTUnwrap(Day("2026-09-01"))
        var crowded = 0, shared = 0
        for seed in 1...3 {
            let found = repository(300, seed: UInt64(seed))
            let full = CollisionGraph(found, today: today)
            let every = OverlapFinder.collisions(found, today: today)
            let squadOf = squads(found)
            for limit in [2, 6, 25] {
                let bounded = OverlapFinder.collisions(found, today: today, perExperiment: limit)
                let entries = bounded.filter { $0.crowd != nil }
                let pairs = bounded.filter { $0.crowd == nil }
                // The pairs: those with a side under the limit, in the full list's order and words.
                XCTAssertEqual(pairs, every.filter { full.count(of: $0.ids[0]) <= limit || full.count(of: $0.ids[1]) <= limit })
                let busy = Set(found.map(\.entity.id.value)).filter { full.count(of: $0) > limit }
                XCTAssertEqual(Set(entries.map(\.ids[0])), busy, "seed \(seed) limit \(limit)")
                for entry in entries {
                    let id = entry.ids[0]
                    XCTAssertEqual(entry.crowd, full.count(of: id))
                    XCTAssertEqual(Array(entry.ids.dropFirst()), expectedReported(full, id, limit: 20, squads: squadOf), id)
                    XCTAssertTrue(entry.reason.hasPrefix("\(id) collides with \(full.count(of: id)) experiments on "), entry.reason)
                    XCTAssertEqual(entry.isAcknowledged, full.partners(of: id, limit: full.count(of: id)).allSatisfy { $0.reviewedBy != nil })
                    crowded += 1
                }
                // What sits between two busy experiments is in their entries, not listed again.
                XCTAssertLessThan(pairs.count, every.count)
                shared += pairs.filter { busy.contains($0.ids[0]) || busy.contains($0.ids[1]) }.count
            }
            // Under the limit nothing changes.
            let most = Set(found.map(\.entity.id.value)).map { full.count(of: $0) }.max() ?? 0
            XCTAssertEqual(OverlapFinder.collisions(found, today: today, perExperiment: most), every)
            XCTAssertEqual(OverlapFinder.collisions(found, today: today, perExperiment: 0), every)
        }
        // Busy experiments, and pairs of a busy one with a quiet one (listed on the quiet one's behalf).
        XCTAssertGreaterThan(crowded, 100)
        XCTAssertGreaterThan(shared, 100)
    }

    func testTwoThousandOnOneSurfaceAreTwoThousandEntries() throws {
        // 2 million pairs, and 2,000 entries.
        let yaml = (0..<2_000).map { index in
            experiment(String(format: "EXP-%05d", index), ["surface": "web/x", "status": "running", "start": "2026-07-01", "end": "-"])
        }.joined(separator: "\n---\n")
        let found = OverlapFinder.collisions(entities(yaml), perExperiment: 200)
        XCTAssertEqual(found.count, 2_000)
        XCTAssertEqual(found.first?.ids, ["EXP-00000"] + (1...20).map { String(format: "EXP-%05d", $0) })
        XCTAssertEqual(found.first?.crowd, 1_999)
        XCTAssertEqual(found.last?.ids.first, "EXP-01999")
    }

    /// The shapes `scripts/bench-collision-shapes` times: a chain of nested surfaces (one place),
    /// windows of a few days (partners found by date), audiences that all meet (counted at once),
    /// and between them experiments that meet only some: counted and kept as the full graph has them.
    func testChainsShortWindowsAndAudiencesThatAllMeetAreCountedAsTheFullGraph() throws {
        let today = try XCTUnwrap(Day("2026-09-01"))
        let yaml = (0..<600).map { index -> String in
            let day = 1 + (index / 3) % 28, month = 1 + index / 84
            var fields = ["status": "paused", "start": String(format: "2026-%02d-%02d", month, day), "end": String(format: "2026-%02d-%02d", month, day + 1),
                          "surface": Array(repeating: "s", count: 1 + index % 40).joined(separator: "/")]
            if index % 5 == 0 { fields["surface"] = "s/s/t\(index % 3)" }
            if index % 7 == 0 { fields["audience"] = "{regions: [emea, r\(index % 11)]}" }
            if index % 11 == 0 { fields["audience"] = "{segment: new, regions: [latam]}" }
            if index % 13 == 0 { fields = ["status": "running", "start": "2026-01-01", "end": "-", "surface": "s", "exclusion_group": "g\(index % 2)"] }
            return experiment(String(format: "EXP-%05d", index), squad: index % 4 == 0 ? "a" : "b", fields)
        }.joined(separator: "\n---\n")
        let found = entities(yaml)
        let full = CollisionGraph(found, today: today)
        for (kept, listed) in [(200, 20), (5, 3)] {
            let graph = CollisionGraph(found, today: today, kept: kept, keptWhenCrowded: listed)
            XCTAssertEqual(graph.count, full.count)
            for id in found.map(\.entity.id.value) {
                XCTAssertEqual(graph.count(of: id), full.count(of: id), id)
                let shown = full.count(of: id) > kept ? listed : kept
                XCTAssertEqual(graph.partners(of: id, limit: shown).map(\.id), full.partners(of: id, limit: shown).map(\.id), id)
            }
        }
        XCTAssertGreaterThan(full.count, 1_000)
    }
}

extension KeptCollisionTests {
    /// cal51 #1: an experiment live in several spans (the site's calendar, of one concluded and
    /// re-opened) collides only where a span meets the other's window: the graph, full or keeping
    /// few partners, finds, counts and lists what comparing every pair finds, gaps left out.
    func testSpansLeaveTheirGapsOutOfTheGraph() throws {
        let today = try XCTUnwrap(Day("2026-09-01"))
        var dropped = 0
        for seed in 1...4 {
            let found = repository(300, seed: UInt64(seed))
            // Every other paused experiment with a written window of ten days or more: live its
            // first three days and its last three, not in between.
            var spans: [String: [(start: Day, end: Day)]] = [:]
            var every = 0
            for sourced in found {
                guard case .experiment(let e) = sourced.entity, e.status?.value == .paused,
                      let start = e.start?.value, let end = e.end?.value, end.dayNumber - start.dayNumber >= 10 else { continue }
                every += 1
                if every % 2 == 0 { spans[e.id.value] = [(start, start.adding(days: 3)), (end.adding(days: -3), end)] }
            }
            XCTAssertFalse(spans.isEmpty)
            // Every pair compared, on the spans.
            var live = CollisionDetection.live(OverlapFinder.firstDefinitions(found), today: today)
            for i in live.indices { live[i].spans = spans[live[i].experiment.id.value] }
            var expected: [String: Set<String>] = [:]
            for i in live.indices {
                for j in live.indices where j > i && CollisionDetection.collision(live[i], live[j]) != nil {
                    expected[live[i].experiment.id.value, default: []].insert(live[j].experiment.id.value)
                    expected[live[j].experiment.id.value, default: []].insert(live[i].experiment.id.value)
                }
            }
            let whole = CollisionGraph(found, today: today)
            let full = CollisionGraph(found, today: today, spans: spans)
            XCTAssertEqual(full.count, expected.values.reduce(0) { $0 + $1.count } / 2, "seed \(seed)")
            dropped += whole.count - full.count
            for kept in [1, 3, 10] {
                let graph = CollisionGraph(found, today: today, kept: kept, spans: spans)
                XCTAssertEqual(graph.count, full.count, "seed \(seed) kept \(kept)")
                for id in Set(found.map(\.entity.id.value)).sorted() {
                    let all = expected[id] ?? []
                    XCTAssertEqual(Set(full.partners(of: id, limit: 1_000).map(\.id)), all, "\(id) seed \(seed)")
                    XCTAssertEqual(graph.count(of: id), all.count, "\(id) seed \(seed) kept \(kept)")
                    XCTAssertEqual(graph.partners(of: id, limit: kept).map(\.id), full.partners(of: id, limit: kept).map(\.id), "\(id) seed \(seed) kept \(kept)")
                    for overlap in graph.overlaps(of: id, limit: kept) where spans[id] != nil {
                        // The reason names only days both were live.
                        XCTAssertTrue(overlap.reason.contains("are live together "), overlap.reason)
                    }
                }
            }
        }
        XCTAssertGreaterThan(dropped, 0, "some pairs met only in a gap")
    }
}
