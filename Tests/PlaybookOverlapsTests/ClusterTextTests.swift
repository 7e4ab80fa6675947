import XCTest
@testable import PlaybookOverlaps
import PlaybookYAML

/// The text view groups duplicates joined by any chain of pairs into one cluster, so two entities the
/// tool calls related (opposite changes) can sit in one cluster through a third (review54: a cluster of
/// six held a "hide the fee" and a "show the fee" hypothesis): the cluster says so.
final class ClusterTextTests: XCTestCase {
    private func side(_ id: String, _ squad: String) -> OverlapSide {
        OverlapSide(id: id, squad: squad, file: "playbooks/\(id).yml", mark: Mark(line: 2, column: 5))
    }

    func testRelatedWorkInsideADuplicateClusterIsSaidThere() {
        let hide = side("HYP-0006", "pricing"), show = side("HYP-0016", "checkout"), fold = side("HYP-0014", "growth")
        let overlaps = [
            Overlap(kind: .duplicate, sides: [hide, fold], score: 0.43, reason: "hypotheses of squads growth and pricing make the same change"),
            Overlap(kind: .duplicate, sides: [show, fold], score: 0.45, reason: "hypotheses of squads checkout and growth make the same change"),
            Overlap(kind: .related, sides: [hide, show], score: 0.91,
                    reason: "hypotheses of squads checkout and pricing make a similar change (alike in words, score 0.91 ≥ 0.50 for related work) "
                        + "but differ in direction (hide / show); match: change, metric visit-to-trial; shared terms: delivery, fee"),
        ]
        let text = OverlapRendering.text(overlaps)
        XCTAssertTrue(text.contains("HYP-0006 and HYP-0016 are joined here through others, but are not duplicates of each other: "
                                    + "they differ in direction (hide / show) (under Related work)\n"), text)
        // Said once, in the duplicate cluster, before its pairs.
        XCTAssertEqual(text.components(separatedBy: "are joined here through others").count, 2, text)
        let duplicates = text.components(separatedBy: "Related work:")[0]
        XCTAssertTrue(duplicates.contains("are joined here"), text)
        // A cluster without related work inside it says nothing more.
        let plain = OverlapRendering.text(Array(overlaps.prefix(2)))
        XCTAssertFalse(plain.contains("joined here"), plain)
    }

    /// review55: a pair's bullet sits under its cluster's item however wide the item's number is ("10. " is four
    /// characters: a bullet indented three ended the numbered list and restarted it at 11), and a file not read
    /// in full is named in the Markdown itself (a pull-request comment has no standard error).
    func testMarkdownBulletsStayUnderTheirItemPastNine() {
        let overlaps = (1...11).map { n in
            Overlap(kind: .duplicate, sides: [side(String(format: "HYP-%04d", 2 * n), "growth"), side(String(format: "HYP-%04d", 2 * n + 1), "pricing")],
                    score: 0.5, reason: "hypotheses of squads growth and pricing make the same change")
        }
        let markdown = OverlapRendering.markdown(overlaps, unread: ["playbooks/a|b.yml"])
        let lines = markdown.split(separator: "\n").map(String.init)
        for (index, line) in lines.enumerated() where line.hasSuffix("— 2 squads") {
            let number = line.prefix { $0 != "." }
            XCTAssertTrue(lines[index + 1].hasPrefix(String(repeating: " ", count: number.count + 2) + "- **"), lines[index + 1])
        }
        XCTAssertTrue(markdown.contains("\n10. **HYP\\-0020** (growth)") || markdown.contains("\n10. **HYP-0020** (growth)"), markdown)
        XCTAssertTrue(markdown.contains("\n    - **HYP-0020 ↔ HYP-0021** 0.50: "), markdown)
        XCTAssertTrue(markdown.contains("\n   - **HYP-0002 ↔ HYP-0003** 0.50: "), markdown)
        XCTAssertTrue(markdown.hasSuffix("**Incomplete:** 1 file could not be read in full, so what it holds was not compared "
                                         + "(`playbook lint` reports why):\n\n- `playbooks/a|b.yml`\n"), markdown)
    }
}
