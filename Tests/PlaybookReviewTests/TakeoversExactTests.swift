import Foundation
import PlaybookGit
import PlaybookLint
import PlaybookModel
@testable import PlaybookReview
import XCTest

/// What an outside review of takeovers found (review78): plausible edits still read as swaps or reuses (two
/// variants' titles corrected, a copy beside a retitled original, a metric renamed beside a new one under
/// its old name), hiding real findings; and a genuine swap followed by an edit, a renumber or its undoing
/// gave findings the commits do not. A takeover is now exact, and the change's agrees with its commits'.
final class TakeoversExactTests: XCTestCase {
    var variantA: String { TakeoverFixtures.variantA }
    var variantB: String { TakeoverFixtures.variantB }
    func hypothesis(_ number: Int, title: Int? = nil) -> String { TakeoverFixtures.hypothesis(number, title: title) }

    func described(_ found: [Finding]) -> [String] { found.map { "\($0.rule) \($0.entity ?? "-") \($0.field ?? "-")" }.sorted() }

    func titled(_ text: String, _ from: String, _ to: String) -> String { text.replacing("title: \(from)", with: "title: \(to)") }

    /// (1) Two running variants that differ in title and hypothesis, their titles alone exchanged (a
    /// correction): two edits of titles, no swap and no locked field.
    func testTitlesAloneExchangedBetweenTwoVariantsAreTwoEdits() throws {
        let s = try ScratchChange(for: self)
        let base = try s.commit(["playbooks/EXP-0003.yml": variantA, "playbooks/EXP-0004.yml": variantB])
        let head = try s.commit([
            "playbooks/EXP-0003.yml": titled(variantA, "Signup variant A", "Signup variant B"),
            "playbooks/EXP-0004.yml": titled(variantB, "Signup variant B", "Signup variant A"),
        ])
        XCTAssertEqual(described(try s.historyFindings(base: base, head: head)), [])
        XCTAssertEqual(try s.review(base: base, head: head).deltas.map { "\($0.id) \($0.change)" }, ["EXP-0003 changed", "EXP-0004 changed"])
    }

    /// (1) Two hypotheses' titles alone exchanged: two edits, no swap.
    func testTitlesAloneExchangedBetweenTwoHypothesesAreTwoEdits() throws {
        let s = try ScratchChange(for: self)
        let base = try s.commit(["playbooks/HYP-0001.yml": hypothesis(1), "playbooks/HYP-0002.yml": hypothesis(2)])
        let head = try s.commit(["playbooks/HYP-0001.yml": hypothesis(1, title: 2), "playbooks/HYP-0002.yml": hypothesis(2, title: 1)])
        XCTAssertEqual(described(try s.historyFindings(base: base, head: head)), [])
    }

    /// (1, e) Two hypotheses exchanged whole: a swap, said in the plural of hypothesis.
    func testASwapOfTwoHypothesesSaysHypotheses() throws {
        let s = try ScratchChange(for: self)
        let base = try s.commit(["playbooks/HYP-0001.yml": hypothesis(1), "playbooks/HYP-0002.yml": hypothesis(2)])
        let head = try s.commit([
            "playbooks/HYP-0001.yml": hypothesis(2).replacing("id: HYP-0002", with: "id: HYP-0001"),
            "playbooks/HYP-0002.yml": hypothesis(1).replacing("id: HYP-0001", with: "id: HYP-0002"),
        ])
        let found = try s.historyFindings(base: base, head: head)
        XCTAssertEqual(described(found), ["\(LintRuleID.historyIDReuse) HYP-0001 id"], "\(found)")
        XCTAssertEqual(found.first?.message.contains("two hypotheses' histories"), true, found.first?.message ?? "")
    }

    /// (2) EXP-0003 moved to HYP-0002 after it ran, then the two hypotheses' titles corrected: the locked
    /// edit stands (no swap maps HYP-0001 to HYP-0002).
    func testALockedEditBeforeTitlesAreCorrectedIsStillReported() throws {
        let s = try ScratchChange(for: self)
        let base = try s.commit(["playbooks/EXP-0003.yml": variantA, "playbooks/HYP-0001.yml": hypothesis(1), "playbooks/HYP-0002.yml": hypothesis(2)])
        _ = try s.commit(["playbooks/EXP-0003.yml": variantA.replacing("hypothesis: HYP-0001", with: "hypothesis: HYP-0002")])
        let head = try s.commit(["playbooks/HYP-0001.yml": hypothesis(1, title: 2), "playbooks/HYP-0002.yml": hypothesis(2, title: 1)])
        XCTAssertEqual(described(try s.historyFindings(base: base, head: head)), ["\(LintRuleID.historyLockedField) EXP-0003 hypothesis"])
    }

    /// (2, d) EXP-0003 moved to HYP-0002 after it ran, then the two hypotheses swapped whole: the swap maps
    /// references from its commit on, so the earlier edit is still a locked field changed.
    func testASwapMapsReferencesOnlyFromItsCommitOn() throws {
        let s = try ScratchChange(for: self)
        let base = try s.commit(["playbooks/EXP-0003.yml": variantA, "playbooks/HYP-0001.yml": hypothesis(1), "playbooks/HYP-0002.yml": hypothesis(2)])
        _ = try s.commit(["playbooks/EXP-0003.yml": variantA.replacing("hypothesis: HYP-0001", with: "hypothesis: HYP-0002")])
        let head = try s.commit([
            "playbooks/HYP-0001.yml": hypothesis(2).replacing("id: HYP-0002", with: "id: HYP-0001"),
            "playbooks/HYP-0002.yml": hypothesis(1).replacing("id: HYP-0001", with: "id: HYP-0002"),
        ])
        XCTAssertEqual(described(try s.historyFindings(base: base, head: head)),
                       ["\(LintRuleID.historyIDReuse) HYP-0001 id", "\(LintRuleID.historyLockedField) EXP-0003 hypothesis"])
    }

    /// (2) A base finding on HYP-0001 that the change leaves alone, the two titles corrected: still the
    /// base's finding, neither new nor fixed.
    func testAnUntouchedBaseFindingStaysTheBasesWhenTitlesAreCorrected() throws {
        let s = try ScratchChange(for: self)
        let base = try s.commit(["playbooks/HYP-0001.yml": hypothesis(1) + "owner_note: x\n", "playbooks/HYP-0002.yml": hypothesis(2)])
        let head = try s.commit(["playbooks/HYP-0001.yml": hypothesis(1, title: 2) + "owner_note: x\n",
                                 "playbooks/HYP-0002.yml": hypothesis(2, title: 1)])
        let report = try s.review(base: base, head: head)
        XCTAssertEqual(report.fixed, [], "\(report.fixed)")
        XCTAssertEqual(report.findings.filter { $0.severity == .error }, [], "\(report.findings)")
    }

    /// (3) EXP-0003 copied whole to EXP-0005 and retitled "(old)" and concluded, then its hypothesis and
    /// metric changed: a copy plus an edit, no reuse, and the locked fields are reported.
    func testACopyBesideARetitledOriginalIsNoReuse() throws {
        let s = try ScratchChange(for: self)
        let base = try s.commit(["playbooks/EXP-0003.yml": variantA])
        _ = try s.commit([
            "playbooks/EXP-0005.yml": variantA.replacing("id: EXP-0003", with: "id: EXP-0005"),
            "playbooks/EXP-0003.yml": titled(variantA, "Signup variant A", "Signup variant A (old)")
                .replacing("status: running", with: "status: concluded") + "result: {outcome: inconclusive, summary: relaunched}\n",
        ])
        let head = try s.commit([
            "playbooks/EXP-0003.yml": titled(variantA, "Signup variant A", "Signup variant A (old)")
                .replacing("status: running", with: "status: concluded").replacing("hypothesis: HYP-0001", with: "hypothesis: HYP-0002")
                .replacing("primary: signup-rate", with: "primary: paid-conversion") + "result: {outcome: inconclusive, summary: relaunched}\n",
        ])
        XCTAssertEqual(described(try s.historyFindings(base: base, head: head)),
                       ["\(LintRuleID.historyLockedField) EXP-0003 hypothesis", "\(LintRuleID.historyLockedField) EXP-0003 metrics.primary"])

        // In one commit, the copy and the original's metric changed.
        let t = try ScratchChange(for: self)
        let tBase = try t.commit(["playbooks/EXP-0004.yml": variantB])
        let tHead = try t.commit([
            "playbooks/EXP-0005.yml": variantB.replacing("id: EXP-0004", with: "id: EXP-0005"),
            "playbooks/EXP-0004.yml": titled(variantB, "Signup variant B", "Signup variant B (old)").replacing("primary: signup-rate", with: "primary: paid-conversion"),
        ])
        XCTAssertEqual(described(try t.historyFindings(base: tBase, head: tHead)), ["\(LintRuleID.historyLockedField) EXP-0004 metrics.primary"])
    }

    /// (4) signup-rate renamed "Web signup rate" while a new metric takes the name "Signup rate" with a
    /// description of its own: an edit and a new metric, no reuse.
    func testAMetricRenamedBesideANewMetricUnderItsOldNameIsNoReuse() throws {
        func metric(_ id: String, _ name: String, _ description: String) -> String {
            "kind: Metric\nid: \(id)\nname: \"\(name)\"\ndescription: \(description)\nunit: ratio\ndirection: increase\nowner: growth\n"
        }
        let north = "kind: Metric\nid: weekly-active-users\nname: \"Weekly active users\"\ndescription: The one number.\nunit: count\ndirection: increase\nowner: growth\nnorth_star: true\n"
        let s = try ScratchChange(for: self)
        let base = try s.commit(["playbooks/metrics.yml": [north, metric("signup-rate", "Signup rate", "Visitors who sign up.")].joined(separator: "---\n")])
        let head = try s.commit(["playbooks/metrics.yml": [north, metric("signup-rate", "Web signup rate", "Web visitors who sign up."),
                                                            metric("signup-rate-all", "Signup rate", "Visitors on any platform who sign up.")]
            .joined(separator: "---\n")])
        XCTAssertEqual(described(try s.historyFindings(base: base, head: head)), [])
    }

    /// (5) An exact swap, then one of the two extended (no locked field): the swap's error alone, no
    /// "once merged" locked field, and the change reads as the two renamed.
    func testASwapThenAnEditGivesNoMergedLockedFieldError() throws {
        let s = try ScratchChange(for: self)
        let base = try s.commit(["playbooks/EXP-0003.yml": variantA, "playbooks/EXP-0004.yml": variantB])
        let swappedA = variantB.replacing("id: EXP-0004", with: "id: EXP-0003")
        _ = try s.commit(["playbooks/EXP-0003.yml": swappedA, "playbooks/EXP-0004.yml": variantA.replacing("id: EXP-0003", with: "id: EXP-0004")])
        let head = try s.commit(["playbooks/EXP-0003.yml": swappedA.replacing("surface: web/signup", with: "surface: web/signup-v2")
            .replacing("sample_size: 12000", with: "sample_size: 15000").replacing("end: 2026-07-30", with: "end: 2026-12-30")])
        let report = try s.review(base: base, head: head)
        let found = report.findings.filter { $0.rule.hasPrefix("history-") }
        XCTAssertEqual(described(found), ["\(LintRuleID.historyIDReuse) EXP-0003 id"], "\(found)")
        XCTAssertEqual(report.deltas.map { "\($0.renamedFrom ?? "-") → \($0.id) \($0.change)" }.sorted(),
                       ["EXP-0003 → EXP-0004 renamed", "EXP-0004 → EXP-0003 renamed"])
    }

    /// (5) An exact swap, then EXP-0004 renumbered EXP-0006: EXP-0006 is the experiment that was EXP-0003,
    /// nothing locked is changed.
    func testASwapThenARenumberNamesTheEntityItHeldAtTheStart() throws {
        let s = try ScratchChange(for: self)
        let base = try s.commit(["playbooks/EXP-0003.yml": variantA, "playbooks/EXP-0004.yml": variantB])
        _ = try s.commit(["playbooks/EXP-0003.yml": variantB.replacing("id: EXP-0004", with: "id: EXP-0003"),
                          "playbooks/EXP-0004.yml": variantA.replacing("id: EXP-0003", with: "id: EXP-0004")])
        let head = try s.commit(["playbooks/EXP-0004.yml": nil, "playbooks/EXP-0006.yml": variantA.replacing("id: EXP-0003", with: "id: EXP-0006")])
        let report = try s.review(base: base, head: head)
        let found = report.findings.filter { $0.rule.hasPrefix("history-") }
        XCTAssertEqual(described(found), ["\(LintRuleID.historyIDReuse) EXP-0003 id"], "\(found)")
        XCTAssertEqual(report.deltas.map { "\($0.renamedFrom ?? "-") → \($0.id) \($0.change) \($0.fields.count)" }.sorted(),
                       ["EXP-0003 → EXP-0006 renamed 0", "EXP-0004 → EXP-0003 renamed 0"])
    }

    /// (6) Two ids swapped, then given back in a later commit: the head is the base, nothing to report.
    func testASwapUndoneLaterInTheChangeGivesNoError() throws {
        let s = try ScratchChange(for: self)
        let base = try s.commit(["playbooks/EXP-0003.yml": variantA, "playbooks/EXP-0004.yml": variantB])
        _ = try s.commit(["playbooks/EXP-0003.yml": variantB.replacing("id: EXP-0004", with: "id: EXP-0003"),
                          "playbooks/EXP-0004.yml": variantA.replacing("id: EXP-0003", with: "id: EXP-0004")])
        let head = try s.commit(["playbooks/EXP-0003.yml": variantA, "playbooks/EXP-0004.yml": variantB])
        XCTAssertEqual(described(try s.historyFindings(base: base, head: head)), [])
    }
}
