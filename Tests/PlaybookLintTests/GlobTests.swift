@testable import PlaybookLint
import XCTest

/// Override path patterns: the same answers as before, and no pattern makes matching blow up.
final class GlobTests: XCTestCase {
    func testPatternsMatchAsDocumented() {
        let cases: [(String, String, Bool)] = [
            ("playbooks/archive/**", "playbooks/archive/2025/EXP-1.yml", true),
            ("playbooks/archive/**", "playbooks/experiments/EXP-1.yml", false),
            ("playbooks/archive", "playbooks/archive/x/EXP-1.yml", true),
            ("**/EXP-*.yml", "playbooks/a/b/EXP-0001.yml", true),
            ("**/EXP-*.yml", "playbooks/a/b/HYP-0001.yml", false),
            ("playbooks/*/EXP-?.yml", "playbooks/x/EXP-1.yml", true),
            ("playbooks/*/EXP-?.yml", "playbooks/x/EXP-12.yml", false),
            ("playbooks/**/okrs/**/*.yml", "playbooks/a/okrs/2026-Q3/growth.yml", true),
            ("playbooks/**/okrs/**/*.yml", "playbooks/a/squads/growth.yml", false),
            ("**", "anything/at/all.yml", true),
            ("a*b*c", "abxbc", true),
            ("a*b*c", "abxbd", false),
        ]
        for (pattern, path, expected) in cases {
            XCTAssertEqual(Glob(pattern).matches(path), expected, "\(pattern) vs \(path)")
        }
    }

    func testPathologicalPatternsAnswerAtOnce() {
        // Exponential for a backtracking matcher; O(pattern × path) here.
        let stars = Glob(Array(repeating: "**", count: 40).joined(separator: "/") + "/x.yml")
        let deep = Array(repeating: "d", count: 60).joined(separator: "/") + "/y.yml"
        XCTAssertFalse(stars.matches(deep))
        let segment = Glob("playbooks/" + String(repeating: "*a", count: 40) + "*b")
        XCTAssertFalse(segment.matches("playbooks/" + String(repeating: "a", count: 200)))
        XCTAssertTrue(segment.matches("playbooks/" + String(repeating: "a", count: 200) + "b"))
    }
}
