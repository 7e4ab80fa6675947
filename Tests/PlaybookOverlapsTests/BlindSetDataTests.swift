import Foundation
import XCTest

/// The form of the blind sets written after the third (`Data/fresh4-pairs.tsv`, `Data/fresh5-pairs.tsv`,
/// `Data/fresh6-pairs.tsv`, `Data/fresh7-pairs.tsv`,
/// `Data/fresh8-pairs.tsv`, `Data/fresh9-pairs.tsv`, `Data/fresh10-pairs.tsv`,
/// `Data/fresh11-pairs.tsv`, `Data/fresh12-pairs.tsv`, `Data/fresh13-pairs.tsv`, `Data/fresh14-pairs.tsv`,
/// `Data/fresh15-pairs.tsv`, `Data/fresh16-pairs.tsv`, `Data/fresh17-pairs.tsv`,
/// `Data/fresh18-pairs.tsv`, `Data/fresh19-pairs.tsv`, `Data/fresh20-pairs.tsv`,
/// `Data/fresh21-pairs.tsv`, `Data/fresh22-pairs.tsv`, `Data/fresh23-pairs.tsv`,
/// `Data/fresh24-pairs.tsv`, `Data/fresh25-pairs.tsv`, `Data/fresh26-pairs.tsv`,
/// `Data/fresh27-pairs.tsv`, `Data/fresh28-pairs.tsv`, `Data/fresh29-pairs.tsv`, `Data/fresh30-pairs.tsv`, `Data/fresh31-pairs.tsv`, `Data/fresh32-pairs.tsv`,
/// `Data/fresh33-pairs.tsv`, `Data/fresh34-pairs.tsv`, `Data/fresh35-pairs.tsv`, `Data/fresh36-pairs.tsv`, `Data/fresh37-pairs.tsv`; see `Data/README.md`): only their shape, never a verdict of the duplicate rules
/// (the fourth and fifth are measured once per rule set, in `Fresh4QualityTests` and `Fresh5QualityTests`).
struct BlindSet {
    static let kinds = ["opposite": 8, "metric": 6, "audience": 6, "negation": 5, "platform": 5, "region": 5, "surface": 5]
    static let fourth = BlindSet(file: "fresh4-pairs.tsv", prefix: "J", split: "fresh4",
                                 earlierFiles: ["growth-pairs.tsv", "fresh-pairs.tsv", "fresh2-pairs.tsv", "fresh3-pairs.tsv"])
    static let fifth = BlindSet(file: "fresh5-pairs.tsv", prefix: "K", split: "fresh5",
                                earlierFiles: ["growth-pairs.tsv", "fresh-pairs.tsv", "fresh2-pairs.tsv", "fresh3-pairs.tsv", "fresh4-pairs.tsv"])
    static let sixth = BlindSet(file: "fresh6-pairs.tsv", prefix: "L", split: "fresh6",
                                earlierFiles: ["growth-pairs.tsv", "fresh-pairs.tsv", "fresh2-pairs.tsv", "fresh3-pairs.tsv", "fresh4-pairs.tsv",
                                               "fresh5-pairs.tsv"])
    static let seventh = BlindSet(file: "fresh7-pairs.tsv", prefix: "M", split: "fresh7",
                                  earlierFiles: ["growth-pairs.tsv", "fresh-pairs.tsv", "fresh2-pairs.tsv", "fresh3-pairs.tsv", "fresh4-pairs.tsv",
                                                 "fresh5-pairs.tsv", "fresh6-pairs.tsv"])
    static let eighth = BlindSet(file: "fresh8-pairs.tsv", prefix: "N", split: "fresh8",
                                 earlierFiles: ["growth-pairs.tsv", "fresh-pairs.tsv", "fresh2-pairs.tsv", "fresh3-pairs.tsv", "fresh4-pairs.tsv",
                                                "fresh5-pairs.tsv", "fresh6-pairs.tsv", "fresh7-pairs.tsv"])
    static let ninth = BlindSet(file: "fresh9-pairs.tsv", prefix: "O", split: "fresh9",
                                earlierFiles: ["growth-pairs.tsv", "fresh-pairs.tsv", "fresh2-pairs.tsv", "fresh3-pairs.tsv", "fresh4-pairs.tsv",
                                               "fresh5-pairs.tsv", "fresh6-pairs.tsv", "fresh7-pairs.tsv", "fresh8-pairs.tsv"])
    static let tenth = BlindSet(file: "fresh10-pairs.tsv", prefix: "P", split: "fresh10",
                                earlierFiles: ["growth-pairs.tsv", "fresh-pairs.tsv", "fresh2-pairs.tsv", "fresh3-pairs.tsv", "fresh4-pairs.tsv",
                                               "fresh5-pairs.tsv", "fresh6-pairs.tsv", "fresh7-pairs.tsv", "fresh8-pairs.tsv",
                                               "fresh9-pairs.tsv"])
    static let eleventh = BlindSet(file: "fresh11-pairs.tsv", prefix: "Q", split: "fresh11",
                                   earlierFiles: ["growth-pairs.tsv", "fresh-pairs.tsv", "fresh2-pairs.tsv", "fresh3-pairs.tsv", "fresh4-pairs.tsv",
                                                  "fresh5-pairs.tsv", "fresh6-pairs.tsv", "fresh7-pairs.tsv", "fresh8-pairs.tsv",
                                                  "fresh9-pairs.tsv", "fresh10-pairs.tsv"])
    static let twelfth = BlindSet(file: "fresh12-pairs.tsv", prefix: "R", split: "fresh12",
                                  earlierFiles: ["growth-pairs.tsv", "fresh-pairs.tsv", "fresh2-pairs.tsv", "fresh3-pairs.tsv", "fresh4-pairs.tsv",
                                                 "fresh5-pairs.tsv", "fresh6-pairs.tsv", "fresh7-pairs.tsv", "fresh8-pairs.tsv",
                                                 "fresh9-pairs.tsv", "fresh10-pairs.tsv", "fresh11-pairs.tsv"])
    static let thirteenth = BlindSet(file: "fresh13-pairs.tsv", prefix: "S", split: "fresh13",
                                     earlierFiles: ["growth-pairs.tsv", "fresh-pairs.tsv", "fresh2-pairs.tsv", "fresh3-pairs.tsv", "fresh4-pairs.tsv",
                                                    "fresh5-pairs.tsv", "fresh6-pairs.tsv", "fresh7-pairs.tsv", "fresh8-pairs.tsv",
                                                    "fresh9-pairs.tsv", "fresh10-pairs.tsv", "fresh11-pairs.tsv", "fresh12-pairs.tsv",
                                                    "dupq20-pairs.tsv", "dupq21-pairs.tsv", "dupq22-pairs.tsv", "dupq23-pairs.tsv",
                                                    "dupq25-pairs.tsv"])
    static let fourteenth = BlindSet(file: "fresh14-pairs.tsv", prefix: "T", split: "fresh14",
                                     earlierFiles: ["growth-pairs.tsv", "fresh-pairs.tsv", "fresh2-pairs.tsv", "fresh3-pairs.tsv", "fresh4-pairs.tsv",
                                                    "fresh5-pairs.tsv", "fresh6-pairs.tsv", "fresh7-pairs.tsv", "fresh8-pairs.tsv",
                                                    "fresh9-pairs.tsv", "fresh10-pairs.tsv", "fresh11-pairs.tsv", "fresh12-pairs.tsv",
                                                    "fresh13-pairs.tsv", "dupq20-pairs.tsv", "dupq21-pairs.tsv", "dupq22-pairs.tsv",
                                                    "dupq23-pairs.tsv", "dupq25-pairs.tsv", "dupq28-pairs.tsv", "dupq29-pairs.tsv"])
    static let fifteenth = BlindSet(file: "fresh15-pairs.tsv", prefix: "U", split: "fresh15",
                                    earlierFiles: ["growth-pairs.tsv", "fresh-pairs.tsv", "fresh2-pairs.tsv", "fresh3-pairs.tsv", "fresh4-pairs.tsv",
                                                   "fresh5-pairs.tsv", "fresh6-pairs.tsv", "fresh7-pairs.tsv", "fresh8-pairs.tsv",
                                                   "fresh9-pairs.tsv", "fresh10-pairs.tsv", "fresh11-pairs.tsv", "fresh12-pairs.tsv",
                                                   "fresh13-pairs.tsv", "dupq20-pairs.tsv", "dupq21-pairs.tsv", "dupq22-pairs.tsv",
                                                   "dupq23-pairs.tsv", "dupq25-pairs.tsv", "dupq28-pairs.tsv", "dupq29-pairs.tsv",
                                                   "fresh14-pairs.tsv", "dupq32-pairs.tsv"])

    static let sixteenth = BlindSet(file: "fresh16-pairs.tsv", prefix: "BA", split: "fresh16",
                                    earlierFiles: ["dupq20-pairs.tsv", "dupq21-pairs.tsv", "dupq22-pairs.tsv", "dupq23-pairs.tsv", "dupq25-pairs.tsv",
                                                   "dupq28-pairs.tsv", "dupq29-pairs.tsv", "dupq32-pairs.tsv", "dupq34-pairs.tsv", "dupq35-pairs.tsv",
                                                   "dupq36-pairs.tsv", "dupq37-pairs.tsv", "dupq38-pairs.tsv", "dupq39-pairs.tsv", "dupq40-pairs.tsv",
                                                   "dupq43-pairs.tsv", "dupq46-pairs.tsv", "dupq49-pairs.tsv", "dupq51-pairs.tsv", "dupq52-pairs.tsv",
                                                   "dupq53-pairs.tsv", "dupq54-pairs.tsv", "dupq55-pairs.tsv", "dupq56-pairs.tsv", "dupq57-pairs.tsv",
                                                   "dupq58-pairs.tsv", "dupq59-pairs.tsv", "fresh-pairs.tsv", "fresh10-pairs.tsv",
                                                   "fresh11-pairs.tsv", "fresh12-pairs.tsv", "fresh13-pairs.tsv", "fresh14-pairs.tsv",
                                                   "fresh15-pairs.tsv", "fresh2-pairs.tsv", "fresh3-pairs.tsv", "fresh4-pairs.tsv",
                                                   "fresh5-pairs.tsv", "fresh6-pairs.tsv", "fresh7-pairs.tsv", "fresh8-pairs.tsv", "fresh9-pairs.tsv",
                                                   "growth-pairs.tsv"])
    static let seventeenth = BlindSet(file: "fresh17-pairs.tsv", prefix: "BB", split: "fresh17",
                                      earlierFiles: sixteenth.earlierFiles + ["fresh16-pairs.tsv"])
    // Written side by side by three writers blind to each other: each checked against the seventeenth's earlier files and it.
    static let eighteenth = BlindSet(file: "fresh18-pairs.tsv", prefix: "BC", split: "fresh18",
                                     earlierFiles: seventeenth.earlierFiles + ["fresh17-pairs.tsv"])
    static let nineteenth = BlindSet(file: "fresh19-pairs.tsv", prefix: "BD", split: "fresh19",
                                     earlierFiles: seventeenth.earlierFiles + ["fresh17-pairs.tsv"])
    static let twentieth = BlindSet(file: "fresh20-pairs.tsv", prefix: "BE", split: "fresh20",
                                    earlierFiles: seventeenth.earlierFiles + ["fresh17-pairs.tsv"])
    // Three more writers blind to each other, each checked against every set before them.
    static let twentyFirst = BlindSet(file: "fresh21-pairs.tsv", prefix: "BF", split: "fresh21",
                                      earlierFiles: seventeenth.earlierFiles + ["fresh17-pairs.tsv", "fresh18-pairs.tsv", "fresh19-pairs.tsv", "fresh20-pairs.tsv"])
    static let twentySecond = BlindSet(file: "fresh22-pairs.tsv", prefix: "BG", split: "fresh22", earlierFiles: twentyFirst.earlierFiles)
    static let twentyThird = BlindSet(file: "fresh23-pairs.tsv", prefix: "BH", split: "fresh23", earlierFiles: twentyFirst.earlierFiles)
    static let twentyFourth = BlindSet(file: "fresh24-pairs.tsv", prefix: "BI", split: "fresh24",
                                       earlierFiles: twentyFirst.earlierFiles + ["fresh21-pairs.tsv", "fresh22-pairs.tsv", "fresh23-pairs.tsv"])
    static let twentyFifth = BlindSet(file: "fresh25-pairs.tsv", prefix: "BJ", split: "fresh25", earlierFiles: twentyFourth.earlierFiles)
    static let twentySixth = BlindSet(file: "fresh26-pairs.tsv", prefix: "BK", split: "fresh26", earlierFiles: twentyFourth.earlierFiles)
    static let twentySeventh = BlindSet(file: "fresh27-pairs.tsv", prefix: "BL", split: "fresh27",
                                        earlierFiles: twentyFourth.earlierFiles + ["fresh24-pairs.tsv", "fresh25-pairs.tsv", "fresh26-pairs.tsv"])
    static let twentyEighth = BlindSet(file: "fresh28-pairs.tsv", prefix: "BM", split: "fresh28", earlierFiles: twentySeventh.earlierFiles)
    static let twentyNinth = BlindSet(file: "fresh29-pairs.tsv", prefix: "BN", split: "fresh29", earlierFiles: twentySeventh.earlierFiles)
    static let thirtieth = BlindSet(file: "fresh30-pairs.tsv", prefix: "BO", split: "fresh30",
                                    earlierFiles: twentySeventh.earlierFiles + ["fresh27-pairs.tsv", "fresh28-pairs.tsv", "fresh29-pairs.tsv"])
    static let thirtyFirst = BlindSet(file: "fresh31-pairs.tsv", prefix: "BP", split: "fresh31", earlierFiles: thirtieth.earlierFiles)
    static let thirtySecond = BlindSet(file: "fresh32-pairs.tsv", prefix: "BQ", split: "fresh32", earlierFiles: thirtieth.earlierFiles)
    static let thirtyThird = BlindSet(file: "fresh33-pairs.tsv", prefix: "BR", split: "fresh33",
                                      earlierFiles: thirtieth.earlierFiles + ["fresh30-pairs.tsv", "fresh31-pairs.tsv", "fresh32-pairs.tsv"])
    static let thirtyFourth = BlindSet(file: "fresh34-pairs.tsv", prefix: "BS", split: "fresh34", earlierFiles: thirtyThird.earlierFiles)
    static let thirtyFifth = BlindSet(file: "fresh35-pairs.tsv", prefix: "BT", split: "fresh35", earlierFiles: thirtyThird.earlierFiles)
    static let thirtySixth = BlindSet(file: "fresh36-pairs.tsv", prefix: "BU", split: "fresh36",
                                      earlierFiles: thirtyThird.earlierFiles + ["fresh33-pairs.tsv", "fresh34-pairs.tsv", "fresh35-pairs.tsv"])
    static let thirtySeventh = BlindSet(file: "fresh37-pairs.tsv", prefix: "BV", split: "fresh37",
                                        earlierFiles: thirtyThird.earlierFiles + ["fresh33-pairs.tsv", "fresh34-pairs.tsv", "fresh35-pairs.tsv"])

    static let dupq60 = BlindSet(file: "dupq60-pairs.tsv", prefix: "AG", split: "dupq60",
                                 earlierFiles: thirtySeventh.earlierFiles + ["fresh36-pairs.tsv", "fresh37-pairs.tsv"])

    let file: String, prefix: String, split: String, earlierFiles: [String]

    func checkEveryRowIsCompleteAndNumberedInOrder() throws {
        let rows = try GrowthPair.rows(file)
        XCTAssertEqual(rows.count, 80)
        let columns = ["pair", "split", "label", "kind"] + ["a", "b"].flatMap { side in
            ["title", "change", "audience", "outcome", "metric", "rationale"].map { "\(side)_\($0)" }
        }
        for (index, row) in rows.enumerated() {
            XCTAssertEqual(row["pair"], String(format: "\(prefix)%03d", index + 1))
            XCTAssertEqual(row["split"], split, row["pair"] ?? "")
            XCTAssertEqual(Set(row.keys), Set(columns), "\(row["pair"] ?? "") has other columns")
            for column in columns {
                let value = row[column] ?? ""
                XCTAssertFalse(value.trimmingCharacters(in: .whitespaces).isEmpty, "\(row["pair"] ?? "") \(column) is empty")
                // The quality tests write each side into a double-quoted YAML scalar.
                XCTAssertFalse(value.contains("\"") || value.contains("\\"), "\(row["pair"] ?? "") \(column): \(value)")
            }
        }
    }

    func checkFortyIdeasEachWithOneRewordingAndOneLookAlike() throws {
        let pairs = try GrowthPair.load(file)
        XCTAssertEqual(Set(pairs.map(\.a.change)).count, 40)
        XCTAssertEqual(Set(pairs.map(\.a.title)).count, 40)
        for index in stride(from: 0, to: pairs.count - 1, by: 2) {
            let duplicate = pairs[index], lookAlike = pairs[index + 1]
            XCTAssertTrue(duplicate.duplicate, duplicate.id)
            XCTAssertEqual(duplicate.kind, "reworded", duplicate.id)
            XCTAssertFalse(lookAlike.duplicate, lookAlike.id)
            XCTAssertNotNil(BlindSet.kinds[lookAlike.kind], "\(lookAlike.id): \(lookAlike.kind)")
            XCTAssertEqual([duplicate.a.title, duplicate.a.change, duplicate.a.audience, duplicate.a.outcome, duplicate.a.metric, duplicate.a.rationale],
                           [lookAlike.a.title, lookAlike.a.change, lookAlike.a.audience, lookAlike.a.outcome, lookAlike.a.metric, lookAlike.a.rationale],
                           "\(duplicate.id) and \(lookAlike.id) are not one idea")
            XCTAssertNotEqual(duplicate.b.change, duplicate.a.change, duplicate.id)
            XCTAssertNotEqual(duplicate.b.title, duplicate.a.title, duplicate.id)
            XCTAssertNotEqual(lookAlike.b.change + lookAlike.b.audience + lookAlike.b.metric,
                              lookAlike.a.change + lookAlike.a.audience + lookAlike.a.metric, lookAlike.id)
            // Only a `metric` look-alike names another metric; the others keep the idea's.
            XCTAssertEqual(lookAlike.kind == "metric", lookAlike.b.metric != lookAlike.a.metric, lookAlike.id)
        }
        for (kind, count) in BlindSet.kinds {
            XCTAssertEqual(pairs.count { $0.kind == kind }, count, kind)
        }
        XCTAssertEqual(pairs.count { $0.duplicate }, 40)
    }

    func checkEveryMetricIsInTheCatalog() throws {
        let metrics = Set(try GrowthPair.rows("growth-metrics.tsv").compactMap { $0["id"] })
        for pair in try GrowthPair.load(file) {
            XCTAssertTrue(metrics.contains(pair.a.metric), "\(pair.id): \(pair.a.metric)")
            XCTAssertTrue(metrics.contains(pair.b.metric), "\(pair.id): \(pair.b.metric)")
        }
    }

    /// A rewording may name another metric id, but of the same event; a `metric` look-alike names another event.
    func checkRewordingsKeepTheEventAndMetricLookAlikesChangeIt() throws {
        let events = Dictionary(uniqueKeysWithValues: try GrowthPair.rows("growth-metrics.tsv").compactMap { row in
            row["id"].map { ($0, row["event"] ?? "") }
        })
        let pairs = try GrowthPair.load(file)
        for pair in pairs where pair.duplicate || pair.kind == "metric" {
            let same = events[pair.a.metric] == events[pair.b.metric]
            XCTAssertEqual(same, pair.duplicate, "\(pair.id): \(pair.a.metric) / \(pair.b.metric)")
        }
        // Many rewordings name another id of the idea's event (21 of 40 in the fifth set, 26 in the fourth), the rest its own.
        let renamed = pairs.count { $0.duplicate && $0.a.metric != $0.b.metric }
        XCTAssertTrue((15...30).contains(renamed), "\(renamed) rewordings under another metric id")
    }

    func checkNoTextRepeatedFromTheEarlierSets() throws {
        var earlier = Set<String>()
        for earlierFile in earlierFiles {
            for pair in try GrowthPair.load(earlierFile) {
                earlier.formUnion([pair.a.title, pair.a.change, pair.b.title, pair.b.change].map { $0.lowercased() })
            }
        }
        XCTAssertGreaterThan(earlier.count, 500)
        for pair in try GrowthPair.load(file) {
            for text in [pair.a.title, pair.a.change, pair.b.title, pair.b.change] {
                XCTAssertFalse(earlier.contains(text.lowercased()), "\(pair.id) repeats: \(text)")
            }
        }
    }
}

final class Fresh4DataTests: XCTestCase {
    func testEveryRowIsCompleteAndNumberedInOrder() throws { try BlindSet.fourth.checkEveryRowIsCompleteAndNumberedInOrder() }
    func testFortyIdeasEachWithOneRewordingAndOneLookAlike() throws { try BlindSet.fourth.checkFortyIdeasEachWithOneRewordingAndOneLookAlike() }
    func testEveryMetricIsInTheCatalog() throws { try BlindSet.fourth.checkEveryMetricIsInTheCatalog() }
    func testRewordingsKeepTheEventAndMetricLookAlikesChangeIt() throws { try BlindSet.fourth.checkRewordingsKeepTheEventAndMetricLookAlikesChangeIt() }
    func testNoTextRepeatedFromTheEarlierSets() throws { try BlindSet.fourth.checkNoTextRepeatedFromTheEarlierSets() }
}

final class Fresh5DataTests: XCTestCase {
    func testEveryRowIsCompleteAndNumberedInOrder() throws { try BlindSet.fifth.checkEveryRowIsCompleteAndNumberedInOrder() }
    func testFortyIdeasEachWithOneRewordingAndOneLookAlike() throws { try BlindSet.fifth.checkFortyIdeasEachWithOneRewordingAndOneLookAlike() }
    func testEveryMetricIsInTheCatalog() throws { try BlindSet.fifth.checkEveryMetricIsInTheCatalog() }
    func testRewordingsKeepTheEventAndMetricLookAlikesChangeIt() throws { try BlindSet.fifth.checkRewordingsKeepTheEventAndMetricLookAlikesChangeIt() }
    func testNoTextRepeatedFromTheEarlierSets() throws { try BlindSet.fifth.checkNoTextRepeatedFromTheEarlierSets() }
}

final class Fresh6DataTests: XCTestCase {
    func testEveryRowIsCompleteAndNumberedInOrder() throws { try BlindSet.sixth.checkEveryRowIsCompleteAndNumberedInOrder() }
    func testFortyIdeasEachWithOneRewordingAndOneLookAlike() throws { try BlindSet.sixth.checkFortyIdeasEachWithOneRewordingAndOneLookAlike() }
    func testEveryMetricIsInTheCatalog() throws { try BlindSet.sixth.checkEveryMetricIsInTheCatalog() }
    func testRewordingsKeepTheEventAndMetricLookAlikesChangeIt() throws { try BlindSet.sixth.checkRewordingsKeepTheEventAndMetricLookAlikesChangeIt() }
    func testNoTextRepeatedFromTheEarlierSets() throws { try BlindSet.sixth.checkNoTextRepeatedFromTheEarlierSets() }
}

final class Fresh7DataTests: XCTestCase {
    func testEveryRowIsCompleteAndNumberedInOrder() throws { try BlindSet.seventh.checkEveryRowIsCompleteAndNumberedInOrder() }
    func testFortyIdeasEachWithOneRewordingAndOneLookAlike() throws { try BlindSet.seventh.checkFortyIdeasEachWithOneRewordingAndOneLookAlike() }
    func testEveryMetricIsInTheCatalog() throws { try BlindSet.seventh.checkEveryMetricIsInTheCatalog() }
    func testRewordingsKeepTheEventAndMetricLookAlikesChangeIt() throws { try BlindSet.seventh.checkRewordingsKeepTheEventAndMetricLookAlikesChangeIt() }
    func testNoTextRepeatedFromTheEarlierSets() throws { try BlindSet.seventh.checkNoTextRepeatedFromTheEarlierSets() }
}

final class Fresh8DataTests: XCTestCase {
    func testEveryRowIsCompleteAndNumberedInOrder() throws { try BlindSet.eighth.checkEveryRowIsCompleteAndNumberedInOrder() }
    func testFortyIdeasEachWithOneRewordingAndOneLookAlike() throws { try BlindSet.eighth.checkFortyIdeasEachWithOneRewordingAndOneLookAlike() }
    func testEveryMetricIsInTheCatalog() throws { try BlindSet.eighth.checkEveryMetricIsInTheCatalog() }
    func testRewordingsKeepTheEventAndMetricLookAlikesChangeIt() throws { try BlindSet.eighth.checkRewordingsKeepTheEventAndMetricLookAlikesChangeIt() }
    func testNoTextRepeatedFromTheEarlierSets() throws { try BlindSet.eighth.checkNoTextRepeatedFromTheEarlierSets() }
}

final class Fresh9DataTests: XCTestCase {
    func testEveryRowIsCompleteAndNumberedInOrder() throws { try BlindSet.ninth.checkEveryRowIsCompleteAndNumberedInOrder() }
    func testFortyIdeasEachWithOneRewordingAndOneLookAlike() throws { try BlindSet.ninth.checkFortyIdeasEachWithOneRewordingAndOneLookAlike() }
    func testEveryMetricIsInTheCatalog() throws { try BlindSet.ninth.checkEveryMetricIsInTheCatalog() }
    func testRewordingsKeepTheEventAndMetricLookAlikesChangeIt() throws { try BlindSet.ninth.checkRewordingsKeepTheEventAndMetricLookAlikesChangeIt() }
    func testNoTextRepeatedFromTheEarlierSets() throws { try BlindSet.ninth.checkNoTextRepeatedFromTheEarlierSets() }
}

final class Fresh10DataTests: XCTestCase {
    func testEveryRowIsCompleteAndNumberedInOrder() throws { try BlindSet.tenth.checkEveryRowIsCompleteAndNumberedInOrder() }
    func testFortyIdeasEachWithOneRewordingAndOneLookAlike() throws { try BlindSet.tenth.checkFortyIdeasEachWithOneRewordingAndOneLookAlike() }
    func testEveryMetricIsInTheCatalog() throws { try BlindSet.tenth.checkEveryMetricIsInTheCatalog() }
    func testRewordingsKeepTheEventAndMetricLookAlikesChangeIt() throws { try BlindSet.tenth.checkRewordingsKeepTheEventAndMetricLookAlikesChangeIt() }
    func testNoTextRepeatedFromTheEarlierSets() throws { try BlindSet.tenth.checkNoTextRepeatedFromTheEarlierSets() }
}

final class Fresh11DataTests: XCTestCase {
    func testEveryRowIsCompleteAndNumberedInOrder() throws { try BlindSet.eleventh.checkEveryRowIsCompleteAndNumberedInOrder() }
    func testFortyIdeasEachWithOneRewordingAndOneLookAlike() throws { try BlindSet.eleventh.checkFortyIdeasEachWithOneRewordingAndOneLookAlike() }
    func testEveryMetricIsInTheCatalog() throws { try BlindSet.eleventh.checkEveryMetricIsInTheCatalog() }
    func testRewordingsKeepTheEventAndMetricLookAlikesChangeIt() throws { try BlindSet.eleventh.checkRewordingsKeepTheEventAndMetricLookAlikesChangeIt() }
    func testNoTextRepeatedFromTheEarlierSets() throws { try BlindSet.eleventh.checkNoTextRepeatedFromTheEarlierSets() }
}

final class Fresh12DataTests: XCTestCase {
    func testEveryRowIsCompleteAndNumberedInOrder() throws { try BlindSet.twelfth.checkEveryRowIsCompleteAndNumberedInOrder() }
    func testFortyIdeasEachWithOneRewordingAndOneLookAlike() throws { try BlindSet.twelfth.checkFortyIdeasEachWithOneRewordingAndOneLookAlike() }
    func testEveryMetricIsInTheCatalog() throws { try BlindSet.twelfth.checkEveryMetricIsInTheCatalog() }
    func testRewordingsKeepTheEventAndMetricLookAlikesChangeIt() throws { try BlindSet.twelfth.checkRewordingsKeepTheEventAndMetricLookAlikesChangeIt() }
    func testNoTextRepeatedFromTheEarlierSets() throws { try BlindSet.twelfth.checkNoTextRepeatedFromTheEarlierSets() }
}

final class Fresh13DataTests: XCTestCase {
    func testEveryRowIsCompleteAndNumberedInOrder() throws { try BlindSet.thirteenth.checkEveryRowIsCompleteAndNumberedInOrder() }
    func testFortyIdeasEachWithOneRewordingAndOneLookAlike() throws { try BlindSet.thirteenth.checkFortyIdeasEachWithOneRewordingAndOneLookAlike() }
    func testEveryMetricIsInTheCatalog() throws { try BlindSet.thirteenth.checkEveryMetricIsInTheCatalog() }
    func testRewordingsKeepTheEventAndMetricLookAlikesChangeIt() throws { try BlindSet.thirteenth.checkRewordingsKeepTheEventAndMetricLookAlikesChangeIt() }
    func testNoTextRepeatedFromTheEarlierSets() throws { try BlindSet.thirteenth.checkNoTextRepeatedFromTheEarlierSets() }
}

final class Fresh14DataTests: XCTestCase {
    func testEveryRowIsCompleteAndNumberedInOrder() throws { try BlindSet.fourteenth.checkEveryRowIsCompleteAndNumberedInOrder() }
    func testFortyIdeasEachWithOneRewordingAndOneLookAlike() throws { try BlindSet.fourteenth.checkFortyIdeasEachWithOneRewordingAndOneLookAlike() }
    func testEveryMetricIsInTheCatalog() throws { try BlindSet.fourteenth.checkEveryMetricIsInTheCatalog() }
    func testRewordingsKeepTheEventAndMetricLookAlikesChangeIt() throws { try BlindSet.fourteenth.checkRewordingsKeepTheEventAndMetricLookAlikesChangeIt() }
    func testNoTextRepeatedFromTheEarlierSets() throws { try BlindSet.fourteenth.checkNoTextRepeatedFromTheEarlierSets() }
}

final class Fresh15DataTests: XCTestCase {
    func testEveryRowIsCompleteAndNumberedInOrder() throws { try BlindSet.fifteenth.checkEveryRowIsCompleteAndNumberedInOrder() }
    func testFortyIdeasEachWithOneRewordingAndOneLookAlike() throws { try BlindSet.fifteenth.checkFortyIdeasEachWithOneRewordingAndOneLookAlike() }
    func testEveryMetricIsInTheCatalog() throws { try BlindSet.fifteenth.checkEveryMetricIsInTheCatalog() }
    func testRewordingsKeepTheEventAndMetricLookAlikesChangeIt() throws { try BlindSet.fifteenth.checkRewordingsKeepTheEventAndMetricLookAlikesChangeIt() }
    func testNoTextRepeatedFromTheEarlierSets() throws { try BlindSet.fifteenth.checkNoTextRepeatedFromTheEarlierSets() }
}

final class Fresh16DataTests: XCTestCase {
    func testEveryRowIsCompleteAndNumberedInOrder() throws { try BlindSet.sixteenth.checkEveryRowIsCompleteAndNumberedInOrder() }
    func testFortyIdeasEachWithOneRewordingAndOneLookAlike() throws { try BlindSet.sixteenth.checkFortyIdeasEachWithOneRewordingAndOneLookAlike() }
    func testEveryMetricIsInTheCatalog() throws { try BlindSet.sixteenth.checkEveryMetricIsInTheCatalog() }
    func testRewordingsKeepTheEventAndMetricLookAlikesChangeIt() throws { try BlindSet.sixteenth.checkRewordingsKeepTheEventAndMetricLookAlikesChangeIt() }
    func testNoTextRepeatedFromTheEarlierSets() throws { try BlindSet.sixteenth.checkNoTextRepeatedFromTheEarlierSets() }
}

final class Fresh17DataTests: XCTestCase {
    func testEveryRowIsCompleteAndNumberedInOrder() throws { try BlindSet.seventeenth.checkEveryRowIsCompleteAndNumberedInOrder() }
    func testFortyIdeasEachWithOneRewordingAndOneLookAlike() throws { try BlindSet.seventeenth.checkFortyIdeasEachWithOneRewordingAndOneLookAlike() }
    func testEveryMetricIsInTheCatalog() throws { try BlindSet.seventeenth.checkEveryMetricIsInTheCatalog() }
    func testRewordingsKeepTheEventAndMetricLookAlikesChangeIt() throws { try BlindSet.seventeenth.checkRewordingsKeepTheEventAndMetricLookAlikesChangeIt() }
    func testNoTextRepeatedFromTheEarlierSets() throws { try BlindSet.seventeenth.checkNoTextRepeatedFromTheEarlierSets() }
}

final class Fresh18DataTests: XCTestCase {
    func testEveryRowIsCompleteAndNumberedInOrder() throws { try BlindSet.eighteenth.checkEveryRowIsCompleteAndNumberedInOrder() }
    func testFortyIdeasEachWithOneRewordingAndOneLookAlike() throws { try BlindSet.eighteenth.checkFortyIdeasEachWithOneRewordingAndOneLookAlike() }
    func testEveryMetricIsInTheCatalog() throws { try BlindSet.eighteenth.checkEveryMetricIsInTheCatalog() }
    func testRewordingsKeepTheEventAndMetricLookAlikesChangeIt() throws { try BlindSet.eighteenth.checkRewordingsKeepTheEventAndMetricLookAlikesChangeIt() }
    func testNoTextRepeatedFromTheEarlierSets() throws { try BlindSet.eighteenth.checkNoTextRepeatedFromTheEarlierSets() }
}

final class Fresh19DataTests: XCTestCase {
    func testEveryRowIsCompleteAndNumberedInOrder() throws { try BlindSet.nineteenth.checkEveryRowIsCompleteAndNumberedInOrder() }
    func testFortyIdeasEachWithOneRewordingAndOneLookAlike() throws { try BlindSet.nineteenth.checkFortyIdeasEachWithOneRewordingAndOneLookAlike() }
    func testEveryMetricIsInTheCatalog() throws { try BlindSet.nineteenth.checkEveryMetricIsInTheCatalog() }
    func testRewordingsKeepTheEventAndMetricLookAlikesChangeIt() throws { try BlindSet.nineteenth.checkRewordingsKeepTheEventAndMetricLookAlikesChangeIt() }
    func testNoTextRepeatedFromTheEarlierSets() throws { try BlindSet.nineteenth.checkNoTextRepeatedFromTheEarlierSets() }
}

final class Fresh20DataTests: XCTestCase {
    func testEveryRowIsCompleteAndNumberedInOrder() throws { try BlindSet.twentieth.checkEveryRowIsCompleteAndNumberedInOrder() }
    func testFortyIdeasEachWithOneRewordingAndOneLookAlike() throws { try BlindSet.twentieth.checkFortyIdeasEachWithOneRewordingAndOneLookAlike() }
    func testEveryMetricIsInTheCatalog() throws { try BlindSet.twentieth.checkEveryMetricIsInTheCatalog() }
    func testRewordingsKeepTheEventAndMetricLookAlikesChangeIt() throws { try BlindSet.twentieth.checkRewordingsKeepTheEventAndMetricLookAlikesChangeIt() }
    func testNoTextRepeatedFromTheEarlierSets() throws { try BlindSet.twentieth.checkNoTextRepeatedFromTheEarlierSets() }
}

final class Fresh21DataTests: XCTestCase {
    func testEveryRowIsCompleteAndNumberedInOrder() throws { try BlindSet.twentyFirst.checkEveryRowIsCompleteAndNumberedInOrder() }
    func testFortyIdeasEachWithOneRewordingAndOneLookAlike() throws { try BlindSet.twentyFirst.checkFortyIdeasEachWithOneRewordingAndOneLookAlike() }
    func testEveryMetricIsInTheCatalog() throws { try BlindSet.twentyFirst.checkEveryMetricIsInTheCatalog() }
    func testRewordingsKeepTheEventAndMetricLookAlikesChangeIt() throws { try BlindSet.twentyFirst.checkRewordingsKeepTheEventAndMetricLookAlikesChangeIt() }
    func testNoTextRepeatedFromTheEarlierSets() throws { try BlindSet.twentyFirst.checkNoTextRepeatedFromTheEarlierSets() }
}

final class Fresh22DataTests: XCTestCase {
    func testEveryRowIsCompleteAndNumberedInOrder() throws { try BlindSet.twentySecond.checkEveryRowIsCompleteAndNumberedInOrder() }
    func testFortyIdeasEachWithOneRewordingAndOneLookAlike() throws { try BlindSet.twentySecond.checkFortyIdeasEachWithOneRewordingAndOneLookAlike() }
    func testEveryMetricIsInTheCatalog() throws { try BlindSet.twentySecond.checkEveryMetricIsInTheCatalog() }
    func testRewordingsKeepTheEventAndMetricLookAlikesChangeIt() throws { try BlindSet.twentySecond.checkRewordingsKeepTheEventAndMetricLookAlikesChangeIt() }
    func testNoTextRepeatedFromTheEarlierSets() throws { try BlindSet.twentySecond.checkNoTextRepeatedFromTheEarlierSets() }
}

final class Fresh23DataTests: XCTestCase {
    func testEveryRowIsCompleteAndNumberedInOrder() throws { try BlindSet.twentyThird.checkEveryRowIsCompleteAndNumberedInOrder() }
    func testFortyIdeasEachWithOneRewordingAndOneLookAlike() throws { try BlindSet.twentyThird.checkFortyIdeasEachWithOneRewordingAndOneLookAlike() }
    func testEveryMetricIsInTheCatalog() throws { try BlindSet.twentyThird.checkEveryMetricIsInTheCatalog() }
    func testRewordingsKeepTheEventAndMetricLookAlikesChangeIt() throws { try BlindSet.twentyThird.checkRewordingsKeepTheEventAndMetricLookAlikesChangeIt() }
    func testNoTextRepeatedFromTheEarlierSets() throws { try BlindSet.twentyThird.checkNoTextRepeatedFromTheEarlierSets() }
}

final class Fresh24DataTests: XCTestCase {
    func testEveryRowIsCompleteAndNumberedInOrder() throws { try BlindSet.twentyFourth.checkEveryRowIsCompleteAndNumberedInOrder() }
    func testFortyIdeasEachWithOneRewordingAndOneLookAlike() throws { try BlindSet.twentyFourth.checkFortyIdeasEachWithOneRewordingAndOneLookAlike() }
    func testEveryMetricIsInTheCatalog() throws { try BlindSet.twentyFourth.checkEveryMetricIsInTheCatalog() }
    func testRewordingsKeepTheEventAndMetricLookAlikesChangeIt() throws { try BlindSet.twentyFourth.checkRewordingsKeepTheEventAndMetricLookAlikesChangeIt() }
    func testNoTextRepeatedFromTheEarlierSets() throws { try BlindSet.twentyFourth.checkNoTextRepeatedFromTheEarlierSets() }
}

final class Fresh25DataTests: XCTestCase {
    func testEveryRowIsCompleteAndNumberedInOrder() throws { try BlindSet.twentyFifth.checkEveryRowIsCompleteAndNumberedInOrder() }
    func testFortyIdeasEachWithOneRewordingAndOneLookAlike() throws { try BlindSet.twentyFifth.checkFortyIdeasEachWithOneRewordingAndOneLookAlike() }
    func testEveryMetricIsInTheCatalog() throws { try BlindSet.twentyFifth.checkEveryMetricIsInTheCatalog() }
    func testRewordingsKeepTheEventAndMetricLookAlikesChangeIt() throws { try BlindSet.twentyFifth.checkRewordingsKeepTheEventAndMetricLookAlikesChangeIt() }
    func testNoTextRepeatedFromTheEarlierSets() throws { try BlindSet.twentyFifth.checkNoTextRepeatedFromTheEarlierSets() }
}

final class Fresh26DataTests: XCTestCase {
    func testEveryRowIsCompleteAndNumberedInOrder() throws { try BlindSet.twentySixth.checkEveryRowIsCompleteAndNumberedInOrder() }
    func testFortyIdeasEachWithOneRewordingAndOneLookAlike() throws { try BlindSet.twentySixth.checkFortyIdeasEachWithOneRewordingAndOneLookAlike() }
    func testEveryMetricIsInTheCatalog() throws { try BlindSet.twentySixth.checkEveryMetricIsInTheCatalog() }
    func testRewordingsKeepTheEventAndMetricLookAlikesChangeIt() throws { try BlindSet.twentySixth.checkRewordingsKeepTheEventAndMetricLookAlikesChangeIt() }
    func testNoTextRepeatedFromTheEarlierSets() throws { try BlindSet.twentySixth.checkNoTextRepeatedFromTheEarlierSets() }
}

final class Fresh27DataTests: XCTestCase {
    func testEveryRowIsCompleteAndNumberedInOrder() throws { try BlindSet.twentySeventh.checkEveryRowIsCompleteAndNumberedInOrder() }
    func testFortyIdeasEachWithOneRewordingAndOneLookAlike() throws { try BlindSet.twentySeventh.checkFortyIdeasEachWithOneRewordingAndOneLookAlike() }
    func testEveryMetricIsInTheCatalog() throws { try BlindSet.twentySeventh.checkEveryMetricIsInTheCatalog() }
    func testRewordingsKeepTheEventAndMetricLookAlikesChangeIt() throws { try BlindSet.twentySeventh.checkRewordingsKeepTheEventAndMetricLookAlikesChangeIt() }
    func testNoTextRepeatedFromTheEarlierSets() throws { try BlindSet.twentySeventh.checkNoTextRepeatedFromTheEarlierSets() }
}

final class Fresh28DataTests: XCTestCase {
    func testEveryRowIsCompleteAndNumberedInOrder() throws { try BlindSet.twentyEighth.checkEveryRowIsCompleteAndNumberedInOrder() }
    func testFortyIdeasEachWithOneRewordingAndOneLookAlike() throws { try BlindSet.twentyEighth.checkFortyIdeasEachWithOneRewordingAndOneLookAlike() }
    func testEveryMetricIsInTheCatalog() throws { try BlindSet.twentyEighth.checkEveryMetricIsInTheCatalog() }
    func testRewordingsKeepTheEventAndMetricLookAlikesChangeIt() throws { try BlindSet.twentyEighth.checkRewordingsKeepTheEventAndMetricLookAlikesChangeIt() }
    func testNoTextRepeatedFromTheEarlierSets() throws { try BlindSet.twentyEighth.checkNoTextRepeatedFromTheEarlierSets() }
}

final class Fresh29DataTests: XCTestCase {
    func testEveryRowIsCompleteAndNumberedInOrder() throws { try BlindSet.twentyNinth.checkEveryRowIsCompleteAndNumberedInOrder() }
    func testFortyIdeasEachWithOneRewordingAndOneLookAlike() throws { try BlindSet.twentyNinth.checkFortyIdeasEachWithOneRewordingAndOneLookAlike() }
    func testEveryMetricIsInTheCatalog() throws { try BlindSet.twentyNinth.checkEveryMetricIsInTheCatalog() }
    func testRewordingsKeepTheEventAndMetricLookAlikesChangeIt() throws { try BlindSet.twentyNinth.checkRewordingsKeepTheEventAndMetricLookAlikesChangeIt() }
    func testNoTextRepeatedFromTheEarlierSets() throws { try BlindSet.twentyNinth.checkNoTextRepeatedFromTheEarlierSets() }
}

final class Fresh30DataTests: XCTestCase {
    func testEveryRowIsCompleteAndNumberedInOrder() throws { try BlindSet.thirtieth.checkEveryRowIsCompleteAndNumberedInOrder() }
    func testFortyIdeasEachWithOneRewordingAndOneLookAlike() throws { try BlindSet.thirtieth.checkFortyIdeasEachWithOneRewordingAndOneLookAlike() }
    func testEveryMetricIsInTheCatalog() throws { try BlindSet.thirtieth.checkEveryMetricIsInTheCatalog() }
    func testRewordingsKeepTheEventAndMetricLookAlikesChangeIt() throws { try BlindSet.thirtieth.checkRewordingsKeepTheEventAndMetricLookAlikesChangeIt() }
    func testNoTextRepeatedFromTheEarlierSets() throws { try BlindSet.thirtieth.checkNoTextRepeatedFromTheEarlierSets() }
}

final class Fresh31DataTests: XCTestCase {
    func testEveryRowIsCompleteAndNumberedInOrder() throws { try BlindSet.thirtyFirst.checkEveryRowIsCompleteAndNumberedInOrder() }
    func testFortyIdeasEachWithOneRewordingAndOneLookAlike() throws { try BlindSet.thirtyFirst.checkFortyIdeasEachWithOneRewordingAndOneLookAlike() }
    func testEveryMetricIsInTheCatalog() throws { try BlindSet.thirtyFirst.checkEveryMetricIsInTheCatalog() }
    func testRewordingsKeepTheEventAndMetricLookAlikesChangeIt() throws { try BlindSet.thirtyFirst.checkRewordingsKeepTheEventAndMetricLookAlikesChangeIt() }
    func testNoTextRepeatedFromTheEarlierSets() throws { try BlindSet.thirtyFirst.checkNoTextRepeatedFromTheEarlierSets() }
}

final class Fresh32DataTests: XCTestCase {
    func testEveryRowIsCompleteAndNumberedInOrder() throws { try BlindSet.thirtySecond.checkEveryRowIsCompleteAndNumberedInOrder() }
    func testFortyIdeasEachWithOneRewordingAndOneLookAlike() throws { try BlindSet.thirtySecond.checkFortyIdeasEachWithOneRewordingAndOneLookAlike() }
    func testEveryMetricIsInTheCatalog() throws { try BlindSet.thirtySecond.checkEveryMetricIsInTheCatalog() }
    func testRewordingsKeepTheEventAndMetricLookAlikesChangeIt() throws { try BlindSet.thirtySecond.checkRewordingsKeepTheEventAndMetricLookAlikesChangeIt() }
    func testNoTextRepeatedFromTheEarlierSets() throws { try BlindSet.thirtySecond.checkNoTextRepeatedFromTheEarlierSets() }
}

final class Fresh33DataTests: XCTestCase {
    func testEveryRowIsCompleteAndNumberedInOrder() throws { try BlindSet.thirtyThird.checkEveryRowIsCompleteAndNumberedInOrder() }
    func testFortyIdeasEachWithOneRewordingAndOneLookAlike() throws { try BlindSet.thirtyThird.checkFortyIdeasEachWithOneRewordingAndOneLookAlike() }
    func testEveryMetricIsInTheCatalog() throws { try BlindSet.thirtyThird.checkEveryMetricIsInTheCatalog() }
    func testRewordingsKeepTheEventAndMetricLookAlikesChangeIt() throws { try BlindSet.thirtyThird.checkRewordingsKeepTheEventAndMetricLookAlikesChangeIt() }
    func testNoTextRepeatedFromTheEarlierSets() throws { try BlindSet.thirtyThird.checkNoTextRepeatedFromTheEarlierSets() }
}

final class Fresh34DataTests: XCTestCase {
    func testEveryRowIsCompleteAndNumberedInOrder() throws { try BlindSet.thirtyFourth.checkEveryRowIsCompleteAndNumberedInOrder() }
    func testFortyIdeasEachWithOneRewordingAndOneLookAlike() throws { try BlindSet.thirtyFourth.checkFortyIdeasEachWithOneRewordingAndOneLookAlike() }
    func testEveryMetricIsInTheCatalog() throws { try BlindSet.thirtyFourth.checkEveryMetricIsInTheCatalog() }
    func testRewordingsKeepTheEventAndMetricLookAlikesChangeIt() throws { try BlindSet.thirtyFourth.checkRewordingsKeepTheEventAndMetricLookAlikesChangeIt() }
    func testNoTextRepeatedFromTheEarlierSets() throws { try BlindSet.thirtyFourth.checkNoTextRepeatedFromTheEarlierSets() }
}

final class Fresh35DataTests: XCTestCase {
    func testEveryRowIsCompleteAndNumberedInOrder() throws { try BlindSet.thirtyFifth.checkEveryRowIsCompleteAndNumberedInOrder() }
    func testFortyIdeasEachWithOneRewordingAndOneLookAlike() throws { try BlindSet.thirtyFifth.checkFortyIdeasEachWithOneRewordingAndOneLookAlike() }
    func testEveryMetricIsInTheCatalog() throws { try BlindSet.thirtyFifth.checkEveryMetricIsInTheCatalog() }
    func testRewordingsKeepTheEventAndMetricLookAlikesChangeIt() throws { try BlindSet.thirtyFifth.checkRewordingsKeepTheEventAndMetricLookAlikesChangeIt() }
    func testNoTextRepeatedFromTheEarlierSets() throws { try BlindSet.thirtyFifth.checkNoTextRepeatedFromTheEarlierSets() }
}

final class Fresh37DataTests: XCTestCase {
    func testEveryRowIsCompleteAndNumberedInOrder() throws { try BlindSet.thirtySeventh.checkEveryRowIsCompleteAndNumberedInOrder() }
    func testFortyIdeasEachWithOneRewordingAndOneLookAlike() throws { try BlindSet.thirtySeventh.checkFortyIdeasEachWithOneRewordingAndOneLookAlike() }
    func testEveryMetricIsInTheCatalog() throws { try BlindSet.thirtySeventh.checkEveryMetricIsInTheCatalog() }
    func testRewordingsKeepTheEventAndMetricLookAlikesChangeIt() throws { try BlindSet.thirtySeventh.checkRewordingsKeepTheEventAndMetricLookAlikesChangeIt() }
    func testNoTextRepeatedFromTheEarlierSets() throws { try BlindSet.thirtySeventh.checkNoTextRepeatedFromTheEarlierSets() }
}

final class Fresh36DataTests: XCTestCase {
    func testEveryRowIsCompleteAndNumberedInOrder() throws { try BlindSet.thirtySixth.checkEveryRowIsCompleteAndNumberedInOrder() }
    func testFortyIdeasEachWithOneRewordingAndOneLookAlike() throws { try BlindSet.thirtySixth.checkFortyIdeasEachWithOneRewordingAndOneLookAlike() }
    func testEveryMetricIsInTheCatalog() throws { try BlindSet.thirtySixth.checkEveryMetricIsInTheCatalog() }
    func testRewordingsKeepTheEventAndMetricLookAlikesChangeIt() throws { try BlindSet.thirtySixth.checkRewordingsKeepTheEventAndMetricLookAlikesChangeIt() }
    func testNoTextRepeatedFromTheEarlierSets() throws { try BlindSet.thirtySixth.checkNoTextRepeatedFromTheEarlierSets() }
}

final class Dupq60DataTests: XCTestCase {
    func testEveryRowIsCompleteAndNumberedInOrder() throws { try BlindSet.dupq60.checkEveryRowIsCompleteAndNumberedInOrder() }
    func testFortyIdeasEachWithOneRewordingAndOneLookAlike() throws { try BlindSet.dupq60.checkFortyIdeasEachWithOneRewordingAndOneLookAlike() }
    func testEveryMetricIsInTheCatalog() throws { try BlindSet.dupq60.checkEveryMetricIsInTheCatalog() }
    func testRewordingsKeepTheEventAndMetricLookAlikesChangeIt() throws { try BlindSet.dupq60.checkRewordingsKeepTheEventAndMetricLookAlikesChangeIt() }
    func testNoTextRepeatedFromTheEarlierSets() throws { try BlindSet.dupq60.checkNoTextRepeatedFromTheEarlierSets() }
}
