import Foundation
import XCTest
@testable import PlaybookOverlaps
import PlaybookSimilarity

/// Scratch: what the facet vocabulary reads on each side of every seen labelled pair (and of `dupq20`'s
/// own pairs), and the facets it reads as different or named on one side only
/// (PLAYBOOK_DUMP_FACETS=1). A rewording told apart by a facet is a word the vocabulary misreads; a
/// look-alike of a facet kind not told apart is one it misses.
final class FacetPairDiagnostics: XCTestCase {
    func testDumpFacetsOfLabelledPairs() throws {
        guard ProcessInfo.processInfo.environment["PLAYBOOK_DUMP_FACETS"] != nil else { return }
        let files = ["growth-pairs.tsv", "fresh-pairs.tsv", "fresh2-pairs.tsv", "fresh3-pairs.tsv", "fresh4-pairs.tsv", "fresh5-pairs.tsv",
                     "fresh6-pairs.tsv", "fresh7-pairs.tsv", "fresh8-pairs.tsv", "fresh9-pairs.tsv", "dupq20-pairs.tsv"]
        for file in files {
            let pairs = try GrowthPair.load(file)
            var documents = try GrowthPair.catalog()
            for (index, pair) in pairs.enumerated() {
                documents.append(GrowthPair.document(pair.a, id: String(format: "HYP-%04d", 2 * index + 1), squad: "a"))
                documents.append(GrowthPair.document(pair.b, id: String(format: "HYP-%04d", 2 * index + 2), squad: "b"))
            }
            let items = DuplicateDetection.items(entities(documents.joined(separator: "\n---\n"))).hypotheses
            func shown(_ f: Facets) -> String {
                Facets.sorted.compactMap { facet in
                    f.values[facet].map { d in facet.rawValue + "{" + d.keys.sorted().map { "\($0)=" + d[$0]!.keys.sorted().joined(separator: ",") }.joined(separator: " ") + "}" }
                }.joined(separator: " ")
            }
            for (index, pair) in pairs.enumerated() {
                let (a, b) = (items[2 * index].facets, items[2 * index + 1].facets)
                let differ = Facets.differences(a, b).map { "\($0.0.rawValue) (\($0.1))" }
                let oneSided = Facets.namedOnOneSide(a, b).map { "\($0.0.rawValue) (\($0.1))" }
                print("FACETS\t\(pair.split)\t\(pair.id)\t\(pair.kind)\t\(differ.joined(separator: "; "))\t\(oneSided.joined(separator: "; "))\t\(shown(a))\t\(shown(b))")
            }
        }
    }
}
