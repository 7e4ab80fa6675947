import XCTest
@testable import PlaybookOverlaps

/// The neighbour rule's lists of closest texts: the first few of all the offers, stably sorted by
/// score (highest first), whatever order the offers come in, ties included.
final class BestFirstTests: XCTestCase {
    /// The first `limit` of the offers stably sorted by score, highest first: what the list must hold.
    func expected(_ offers: [(Double, Int)], limit: Int) -> [String] {
        Array(offers.enumerated().sorted { a, b in a.element.0 != b.element.0 ? a.element.0 > b.element.0 : a.offset < b.offset }
            .prefix(limit).map { "\($0.element.0):\($0.element.1)" })
    }

    func listed(_ offers: [(Double, Int)], limit: Int) -> [String] {
        var best = BestFirst<Int>(limit: limit)
        for (score, item) in offers { best.offer(score, item) }
        return best.list.map { "\($0.score):\($0.item)" }
    }

    func testKeepsTheHighestScoresBestFirst() {
        let offers: [(Double, Int)] = [(0.5, 1), (0.9, 2), (0.1, 3), (0.7, 4), (0.95, 5)]
        XCTAssertEqual(listed(offers, limit: 3), ["0.95:5", "0.9:2", "0.7:4"])
        XCTAssertEqual(listed(offers, limit: 10), ["0.95:5", "0.9:2", "0.7:4", "0.5:1", "0.1:3"])
        XCTAssertEqual(listed(offers, limit: 0), [])
    }

    /// Equal scores stay in the order offered, and a tie with the last of a full list does not get in.
    func testTiesKeepTheirOrderAndDoNotDisplaceAFullList() {
        let offers: [(Double, Int)] = [(0.5, 1), (0.5, 2), (0.8, 3), (0.5, 4), (0.8, 5)]
        XCTAssertEqual(listed(offers, limit: 3), ["0.8:3", "0.8:5", "0.5:1"])
        XCTAssertEqual(listed(offers, limit: 4), ["0.8:3", "0.8:5", "0.5:1", "0.5:2"])
    }

    func testMatchesAStableSortOnManyOffers() {
        var generator = SystemRandomNumberGenerator()
        for round in 0..<200 {
            // Few distinct scores, so that ties are common.
            let offers = (0..<Int.random(in: 0...60, using: &generator)).map { k in (Double(Int.random(in: 0...9, using: &generator)) / 10, k) }
            for limit in [1, 2, 5, 16, 100] {
                XCTAssertEqual(listed(offers, limit: limit), expected(offers, limit: limit), "round \(round), limit \(limit)")
            }
        }
    }
}
