import XCTest
import PlaybookOverlaps

/// A generated repository of experiment pairs, each built to be a collision or one kind of
/// near miss, every pair on a surface of its own: exactly the collisions must be found.
final class GeneratedRepositoryTests: XCTestCase {
    enum Case: CaseIterable {
        case collision, nestedCollision, openEndedCollision, readyCollision, pausedCollision
        case disjointWindows, disjointRegions, disjointPlatforms, otherSegment, sameExclusionGroup
        case siblingSurface, prefixWithoutSlash, draft, concluded

        var collides: Bool {
            switch self {
            case .collision, .nestedCollision, .openEndedCollision, .readyCollision, .pausedCollision: true
            default: false
            }
        }

        /// Changes to the second experiment of the pair.
        func second(surface: String) -> [String: String] {
            switch self {
            case .collision: ["surface": surface]
            case .nestedCollision: ["surface": surface + "/step-2"]
            case .openEndedCollision: ["surface": surface, "start": "2026-07-20", "end": "-"]
            case .readyCollision: ["surface": surface, "status": "ready"]
            case .pausedCollision: ["surface": surface, "status": "paused"]
            case .disjointWindows: ["surface": surface, "start": "2026-07-28", "end": "2026-08-30"]
            case .disjointRegions: ["surface": surface, "audience": "{regions: [latam]}"]
            case .disjointPlatforms: ["surface": surface, "audience": "{platforms: [android]}"]
            case .otherSegment: ["surface": surface, "audience": "{segment: lapsed}"]
            case .sameExclusionGroup: ["surface": surface, "exclusion_group": "shared"]
            case .siblingSurface: ["surface": surface.replacingLast("checkout", with: "pricing")]
            case .prefixWithoutSlash: ["surface": surface + "-v2"]
            case .draft: ["surface": surface, "status": "draft"]
            case .concluded: ["surface": surface, "status": "concluded"]
            }
        }

        /// Changes to the first experiment of the pair.
        var first: [String: String] {
            switch self {
            case .disjointRegions: ["audience": "{regions: [emea, apac], platforms: [web]}"]
            case .disjointPlatforms: ["audience": "{platforms: [web, ios]}"]
            case .otherSegment: ["audience": "{segment: trial-users}"]
            case .sameExclusionGroup: ["exclusion_group": "shared"]
            default: [:]
            }
        }
    }

    func testExactlyTheKnownCollisionsAreFound() {
        var documents: [String] = []
        var expected: Set<[String]> = []
        var number = 0
        for round in 0..<15 {
            for kind in Case.allCases {
                let surface = "site-\(round)-\(number)/checkout"
                let a = String(format: "EXP-%05d", number + 1), b = String(format: "EXP-%05d", number + 2)
                number += 2
                var first = kind.first
                first["surface"] = surface
                documents.append(experiment(a, squad: "squad-\(round % 4)", first))
                documents.append(experiment(b, squad: "squad-\((round + 1) % 4)", kind.second(surface: surface)))
                if kind.collides { expected.insert([a, b]) }
            }
        }
        let found = OverlapFinder.collisions(entities(documents.joined(separator: "\n---\n")))
        XCTAssertEqual(Set(found.map(\.ids)), expected)
        XCTAssertEqual(found.count, expected.count)
    }
}

extension String {
    func replacingLast(_ target: String, with replacement: String) -> String {
        guard hasSuffix(target) else { return self }
        return String(dropLast(target.count)) + replacement
    }
}
