import Foundation
import PlaybookModel
import PlaybookYAML
@testable import PlaybookSite
import XCTest

/// review69 D2: `playbook new hypothesis` writes `<we believe that CHANGE>`, `<for AUDIENCE>`, `<will
/// OUTCOME>`, `<because RATIONALE…>`; filled in literally, every card read "We believe that we believe that
/// … for for … will will … because because".
final class StatementSentenceTests: XCTestCase {
    private func statement(_ change: String?, _ audience: String?, _ outcome: String?, _ rationale: String?) -> Statement {
        var s = Statement(mark: Mark(line: 1, column: 1))
        (s.change, s.audience, s.outcome, s.rationale) = (change, audience, outcome, rationale)
        return s
    }

    func testALeadPhraseTheFieldAlreadyStartsWithIsNotRepeated() {
        let expected = "We believe that a setup checklist for new learners will raise time-to-value because interviews point to it."
        // Written as the template reads, bare, and in other cases and spacing: one sentence.
        for fields in [("we believe that a setup checklist", "for new learners", "will raise time-to-value", "because interviews point to it"),
                       ("a setup checklist", "new learners", "raise time-to-value", "interviews point to it"),
                       ("  We Believe That a setup checklist ", "FOR  new learners", "Will\nraise time-to-value", " because interviews point to it."),
                       ("we believe a setup checklist", "for new learners", "will raise time-to-value", "Because interviews point to it")] {
            XCTAssertEqual(StatementSentence.text(statement(fields.0, fields.1, fields.2, fields.3)), expected, "\(fields)")
        }
    }

    func testOnlyAWholeLeadWordIsDropped() {
        let s = statement("weekly digests", "forward-looking teams", "willingly share more", "becauseless")
        XCTAssertEqual(StatementSentence.text(s), "We believe that weekly digests for forward-looking teams will willingly share more because becauseless.")
        XCTAssertEqual(StatementSentence.text(statement(nil, "for", nil, " ")), "We believe that … for … will … because ….")
    }

    func testTheLearningsCardAndTheHypothesisPageSayTheStatementOnce() throws {
        let fixture = try SiteFixture(for: self)
        let hypothesis = SiteFixture.hypothesis("HYP-0002", title: "Streak reminders", status: "backlog").replacingOccurrences(
            of: "statement: {change: a shorter form, audience: new visitors, outcome: lift signup rate by 10%, rationale: fields cost attention}",
            with: "statement: {change: we believe that streak reminders, audience: for lapsed learners, outcome: will bring them back, rationale: because <streaks> work}")
        XCTAssertTrue(hypothesis.contains("we believe that streak reminders"))
        try fixture.commit("2026-11-01", ["playbooks/hypotheses/HYP-0002.yml": hypothesis])
        let files = Site.render(try fixture.input())
        let sentence = "We believe that streak reminders for lapsed learners will bring them back because &lt;streaks&gt; work."
        XCTAssertTrue(try XCTUnwrap(files["learnings.html"]).contains(sentence))
        XCTAssertTrue(try XCTUnwrap(files["e/hypotheses.growth.html"]).contains("<blockquote><p>\(sentence)</p></blockquote>"))
        for (name, page) in files { XCTAssertFalse(page.lowercased().contains("we believe that we believe"), name) }
    }
}
