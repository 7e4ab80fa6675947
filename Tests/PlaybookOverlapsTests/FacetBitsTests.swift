import XCTest
@testable import PlaybookOverlaps

final class FacetBitsTests: XCTestCase {
    /// Whether some dimension is named on both sides with no value shared, read from the named values themselves.
    private func differ(_ a: Facets, _ b: Facets) -> Bool {
        a.values.contains { facet, dimensions in
            dimensions.contains { dimension, named in
                guard let other = b.values[facet]?[dimension] else { return false }
                return Set(named.keys).isDisjoint(with: other.keys)
            }
        }
    }

    /// 300 texts' facets drawn from the vocabulary's phrases and filler words, some merged as an item's are.
    private static func drawnFacets() -> [Facets] {
        var random = SystemRandomNumberGenerator()
        let phrases = Facets.phrases.values.flatMap { $0 }.map(\.stems)
        let filler = [["send"], ["a"], ["remind"], ["discount"]]
        func draw() -> Facets {
            let stems = (0..<Int.random(in: 0...4, using: &random)).flatMap { _ in
                (Bool.random(using: &random) ? phrases.randomElement(using: &random) : filler.randomElement(using: &random)) ?? []
            }
            var facets = Facets(stems: stems, facets: [.platform, .region, .surface])
            if Bool.random(using: &random) {
                let who = (phrases.randomElement(using: &random) ?? []) + (phrases.randomElement(using: &random) ?? [])
                facets.merge(Facets(stems: who, facets: [.platform, .region, .segment]))
            }
            return facets
        }
        return (0..<300).map { _ in draw() }
    }

    /// The bits compared first (`mayDiffer`) answer as the named values do, so `differences` is empty exactly
    /// when no dimension differs; texts drawn from the vocabulary's phrases, some merged as an item's are.
    func testBitsAgreeWithTheNamedValues() {
        XCTAssertTrue(Facets.numbering.exact, "more than 256 values in the vocabulary: mayDiffer can no longer answer no")
        let drawn = Self.drawnFacets()
        var differing = 0, alike = 0
        for a in drawn {
            for b in drawn.prefix(60) {
                let plain = differ(a, b)
                XCTAssertEqual(Facets.mayDiffer(a, b), plain)
                XCTAssertEqual(!Facets.differences(a, b).isEmpty, plain)
                if plain { differing += 1 } else if !a.values.isEmpty, !b.values.isEmpty { alike += 1 }
            }
        }
        XCTAssertGreaterThan(differing, 0)
        XCTAssertGreaterThan(alike, 0)
    }

    /// The facets shared, read from the bits (`matches`), are those read from the named values
    /// (`matchesByValues`), and the one-sided facets asked for (`among`) are those listed for all
    /// with the others left out; texts drawn as above.
    func testMatchesAndOneSidedFacetsFromTheBitsAgreeWithTheNamedValues() {
        XCTAssertTrue(Facets.numbering.exact)
        let drawn = Self.drawnFacets()
        var sharing = 0, oneSided = 0
        for a in drawn {
            for b in drawn.prefix(60) {
                let plain = Facets.matchesByValues(a, b)
                XCTAssertEqual(Facets.matches(a, b), plain)
                if !plain.isEmpty { sharing += 1 }
                for among: Set<Facets.Facet> in [[.platform, .region], [.surface], Set(Facets.Facet.allCases)] {
                    let all = Facets.namedOnOneSide(a, b).filter { among.contains($0.0) }
                    let asked = Facets.namedOnOneSide(a, b, among: among)
                    XCTAssertEqual(asked.map(\.0), all.map(\.0))
                    XCTAssertEqual(asked.map(\.1), all.map(\.1))
                    if !asked.isEmpty { oneSided += 1 }
                }
            }
        }
        XCTAssertGreaterThan(sharing, 0)
        XCTAssertGreaterThan(oneSided, 0)
    }
}
