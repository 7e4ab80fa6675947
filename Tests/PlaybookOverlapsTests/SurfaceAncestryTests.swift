import XCTest
@testable import PlaybookOverlaps

/// Past 256 distinct surfaces `ApartIndex` numbers them with their `/`-prefixes instead of a
/// table: it must still say apart exactly where `certainlyApart` (through `Surface.related`) does.
final class SurfaceAncestryTests: XCTestCase {
    /// Experiments on 300+ surfaces, nested up to four deep, some sharing a prefix that is not a
    /// segment boundary ("web/home" / "web/homepage"), a few written unnormalised or missing.
    func items(unnormalised: Bool) -> [DuplicateDetection.Item] {
        var surfaces: [String] = []
        for area in ["web", "ios", "android"] {
            for page in ["home", "homepage", "checkout", "pricing", "profile", "search"] {
                surfaces.append("\(area)/\(page)")
                for part in 0..<6 {
                    surfaces.append("\(area)/\(page)/part-\(part)")
                    for detail in ["button", "copy", "copy-v2"] { surfaces.append("\(area)/\(page)/part-\(part)/\(detail)") }
                }
            }
        }
        surfaces += ["web", "ios", "-"]
        if unnormalised { surfaces += ["Web/Home", "web//home/part-1"] }
        XCTAssertGreaterThan(surfaces.count, 256)
        let documents = surfaces.enumerated().map { k, surface in
            experiment(String(format: "EXP-%04d", k + 1), squad: "squad-\(k)", ["surface": surface, "title": "Shorter checkout form"])
        }
        let items = DuplicateDetection.items(entities(documents.joined(separator: "\n---\n"))).experiments
        XCTAssertEqual(items.count, surfaces.count)
        return items
    }

    func testApartExactlyWhereSurfacesAreUnrelated() {
        for unnormalised in [false, true] {
            let items = items(unnormalised: unnormalised)
            let index = DuplicateDetection.ApartIndex(items)
            XCTAssertNil(index.surfaceTable)
            var apart = 0
            for i in items.indices {
                for j in items.indices {
                    let certainly = DuplicateDetection.certainlyApart(items[i], items[j])
                    XCTAssertEqual(index.apart(i, j), certainly, "\(items[i].experimentSurface ?? "-") / \(items[j].experimentSurface ?? "-")")
                    if certainly { apart += 1 }
                }
            }
            // Most pairs are apart, and not all: the nested ones meet.
            XCTAssertGreaterThan(apart, items.count * items.count / 2)
            XCTAssertLessThan(apart, items.count * items.count)
        }
    }
}
