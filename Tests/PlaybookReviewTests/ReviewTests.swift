import PlaybookGit
import PlaybookLint
import PlaybookModel
@testable import PlaybookReview
import XCTest

final class ReviewTests: XCTestCase {
    func testADuplicateTheBaseAlreadyHadIsListedAsExistingAndDoesNotFail() throws {
        let s = try ScratchChange(for: self)
        let base = try s.commit(["playbooks/a.yml": experiment(), "playbooks/b.yml": experiment()])
        // The change only adds a comment line: every line below it moves, no problem is new.
        let head = try s.commit(["playbooks/a.yml": experiment(comment: "# tidied\n")])
        let report = try s.review(base: base, head: head)
        XCTAssertEqual(report.errors, 0, "\(report.findings)")
        XCTAssertEqual(report.findings, [])
        let duplicates = report.existing.filter { $0.rule == LintRuleID.duplicateID }
        XCTAssertEqual(duplicates.map(\.file), ["playbooks/a.yml"])  // in the changed file only
        XCTAssertEqual(duplicates.first?.line, 3)
        XCTAssertTrue(ReviewRenderer.json(report).contains("\"existing_findings\": [\n    {\"file\": \"playbooks/a.yml\""))
    }

    func testADuplicateTheChangeMakesIsItsError() throws {
        let s = try ScratchChange(for: self)
        let base = try s.commit(["playbooks/a.yml": experiment()])
        let head = try s.commit(["playbooks/b.yml": experiment()])
        let report = try s.review(base: base, head: head)
        XCTAssertEqual(Set(report.findings.filter { $0.rule == LintRuleID.duplicateID }.map(\.file)),
                       ["playbooks/a.yml", "playbooks/b.yml"])
        XCTAssertGreaterThan(report.errors, 0)
        XCTAssertTrue(report.existing.filter { $0.rule == LintRuleID.duplicateID }.isEmpty)
    }

    func testFindingsMatchByIdentityNotByMessageOrLine() {
        let a = Finding(file: "x.yml", line: 3, column: 5, rule: "id-duplicate", severity: .error,
                        message: "also used at y.yml:3", entity: "EXP-1", related: ["EXP-1"])
        var b = a
        b.line = 9
        b.message = "also used at y.yml:9"
        XCTAssertEqual(FindingIdentity(a), FindingIdentity(b))
        b.field = "status"
        XCTAssertNotEqual(FindingIdentity(a), FindingIdentity(b))
    }

    func testAStatusMovedBackInTheChangeIsAHistoryFinding() throws {
        let s = try ScratchChange(for: self)
        let base = try s.commit(["playbooks/a.yml": experiment(status: "running")])
        let head = try s.commit(["playbooks/a.yml": experiment(status: "ready")])
        let report = try s.review(base: base, head: head)
        let regression = try XCTUnwrap(report.findings.first { $0.rule == LintRuleID.historyStatusRegression })
        XCTAssertEqual(regression.field, "status")
        XCTAssertEqual(report.deltas.map(\.id), ["EXP-0001"])
    }

    func testMergingTheBaseIntoTheChangeBringsNoneOfTheBasesCommits() throws {
        let s = try ScratchChange(for: self)
        let root = try s.commit(["playbooks/a.yml": experiment()])
        let mine = try s.commit(["playbooks/b.yml": experiment("EXP-0002")])
        // The index is shared: the base's line has no b.yml, the merge has both.
        let theirs = try s.commit(["playbooks/b.yml": nil, "playbooks/c.yml": experiment("EXP-0003")],
                                  parents: [root], updateHead: false)
        let merge = try s.commit(["playbooks/b.yml": experiment("EXP-0002")], parents: [mine, theirs])
        let input = try ChangeReader(roots: ["playbooks"], include: { $0.hasSuffix(".yml") })
            .read(s.repository, base: theirs, head: merge)
        XCTAssertEqual(input.commits, [mine])
        XCTAssertEqual(input.changedFiles, ["playbooks/b.yml"])
        let report = Reviewer.review(input, linter: Linter(today: Day(year: 2026, month: 8, day: 1)))
        XCTAssertEqual(report.deltas.map(\.id), ["EXP-0002"])
    }
}
