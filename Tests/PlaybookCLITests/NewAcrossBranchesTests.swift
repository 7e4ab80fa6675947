import Foundation
import PlaybookGit
import XCTest

/// `playbook new` in two clones: ids a colleague has pushed (and this clone has fetched) are not taken again.
final class NewAcrossBranchesTests: XCTestCase {
    let author = Signature(name: "Ana Ruiz", email: "ana@example.com", time: 1_780_000_000)

    func hypothesis(_ id: String) -> String {
        "kind: Hypothesis\nid: \(id)\nsquad: growth\ntitle: Free delivery\nstatement: {change: free delivery, audience: new customers, outcome: more orders, rationale: survey}\nmetric: weekly-active-users\nice: {impact: 5, confidence: 5, ease: 5}\nstatus: backlog\n"
    }

    func testAnIdOnARemoteTrackingBranchIsSkippedAndTheBranchIsNamed() throws {
        let scratch = try ScratchDirectory()
        XCTAssertEqual(try CLI.run(["init", "--squad", "growth"], in: scratch.url).status, 0)
        let repository = try Repository.open(at: scratch.url.path)
        try scratch.write("playbooks/hypotheses/HYP-0009.yml", hypothesis("HYP-0009"))
        try repository.stage(paths: [".playbook.yml", "playbooks/metrics.yml", "playbooks/squads/growth.yml", "playbooks/hypotheses/HYP-0009.yml"])
        let shared = try repository.commit(message: "the playbook", author: author)

        // The other clone's push of HYP-0010, as a fetch leaves it: on origin/main only.
        try scratch.write("playbooks/hypotheses/HYP-0010.yml", hypothesis("HYP-0010"))
        try repository.stage(paths: ["playbooks/hypotheses/HYP-0010.yml"])
        let theirs = try repository.commit(message: "their hypothesis", author: author, parents: [shared], updateHead: false)
        try FileManager.default.removeItem(at: scratch.url.appendingPathComponent("playbooks/hypotheses/HYP-0010.yml"))
        try repository.stage(paths: ["playbooks/hypotheses/HYP-0010.yml"])
        try scratch.write(".git/refs/remotes/origin/main", theirs.description + "\n")

        let created = try CLI.run(["new", "hypothesis", "--squad", "growth"], in: scratch.url)
        XCTAssertEqual(created.status, 0, created.stderr)
        XCTAssertEqual(created.stdout, "playbooks/hypotheses/HYP-0011.yml\n")
        XCTAssertEqual(created.stderr, "HYP-0011: checked the ids in the working tree, in this branch's history and on 2 branches (main, origin/main); skipped HYP-0010 on origin/main\n")
    }

    /// Hundreds of ids on another branch were all listed on one line of standard error: the first few
    /// are named, the rest counted.
    func testManySkippedIdsAreNamedAFewThenCounted() throws {
        let scratch = try ScratchDirectory()
        XCTAssertEqual(try CLI.run(["init", "--squad", "growth"], in: scratch.url).status, 0)
        let repository = try Repository.open(at: scratch.url.path)
        try repository.stage(paths: [".playbook.yml", "playbooks/metrics.yml", "playbooks/squads/growth.yml"])
        let shared = try repository.commit(message: "the playbook", author: author)
        let ids = (10..<22).map { "HYP-00\($0)" }
        let paths = ids.map { "playbooks/hypotheses/\($0).yml" }
        for (id, path) in zip(ids, paths) { try scratch.write(path, hypothesis(id)) }
        try repository.stage(paths: paths)
        let big = try repository.commit(message: "many hypotheses", author: author, parents: [shared], updateHead: false)
        for path in paths { try FileManager.default.removeItem(at: scratch.url.appendingPathComponent(path)) }
        try repository.stage(paths: paths)
        try scratch.write(".git/refs/heads/big", big.description + "\n")

        let created = try CLI.run(["new", "hypothesis", "--squad", "growth"], in: scratch.url)
        XCTAssertEqual(created.status, 0, created.stderr)
        XCTAssertEqual(created.stdout, "playbooks/hypotheses/HYP-0022.yml\n")
        XCTAssertTrue(created.stderr.hasSuffix("; skipped HYP-0010 on big; HYP-0011 on big; HYP-0012 on big; HYP-0013 on big; HYP-0014 on big; and 7 more\n"),
                      created.stderr)
    }

    /// An id carrying the largest number an Int holds trapped `new` ("one past" overflowed): it is
    /// passed over, and only when the number before it is in use too does `new` refuse, naming both.
    func testAnIdWhoseNumberCannotBeIncrementedIsPassedOver() throws {
        let scratch = try ScratchDirectory()
        XCTAssertEqual(try CLI.run(["init", "--squad", "growth"], in: scratch.url).status, 0)
        try scratch.write("playbooks/experiments/EXP-0004.yml", "kind: Experiment\nid: EXP-0004\n")
        try scratch.write("playbooks/experiments/big.yml", "kind: Experiment\nid: EXP-9223372036854775807\n")
        try scratch.write("playbooks/okrs/big.yml", "kind: Objective\nid: OKR-2026Q3-9223372036854775807\n")
        let experiment = try CLI.run(["new", "experiment", "--squad", "growth"], in: scratch.url)
        XCTAssertEqual(experiment.status, 0, experiment.stderr)
        XCTAssertEqual(experiment.stdout, "playbooks/experiments/EXP-0005.yml\n", experiment.stderr)
        let objective = try CLI.run(["new", "objective", "--squad", "growth", "--quarter", "2026-Q3"], in: scratch.url)
        XCTAssertEqual(objective.status, 0, objective.stderr)
        XCTAssertEqual(objective.stdout, "playbooks/okrs/2026-Q3/OKR-2026Q3-1.yml\n", objective.stderr)
        try scratch.write("playbooks/experiments/big2.yml", "kind: Experiment\nid: EXP-9223372036854775806\n")
        let full = try CLI.run(["new", "experiment", "--squad", "growth"], in: scratch.url)
        XCTAssertEqual(full.status, 2, full.stdout + full.stderr)
        XCTAssertTrue(full.stderr.contains("cannot number a new id after EXP-9223372036854775806: EXP-9223372036854775807 is in use"), full.stderr)
    }

    func testAnIdOnAnotherLocalBranchIsSkippedToo() throws {
        let scratch = try ScratchDirectory()
        _ = try CLI.run(["init", "--squad", "growth"], in: scratch.url)
        let repository = try Repository.open(at: scratch.url.path)
        try repository.stage(paths: [".playbook.yml", "playbooks/metrics.yml", "playbooks/squads/growth.yml"])
        let base = try repository.commit(message: "the playbook", author: author)
        try scratch.write("playbooks/experiments/EXP-0004.yml", "kind: Experiment\nid: EXP-0004\n")
        try repository.stage(paths: ["playbooks/experiments/EXP-0004.yml"])
        let side = try repository.commit(message: "side work", author: author, parents: [base], updateHead: false)
        try FileManager.default.removeItem(at: scratch.url.appendingPathComponent("playbooks/experiments/EXP-0004.yml"))
        try scratch.write(".git/refs/heads/pricing-test", side.description + "\n")

        let created = try CLI.run(["new", "experiment", "--squad", "growth"], in: scratch.url)
        XCTAssertEqual(created.stdout, "playbooks/experiments/EXP-0005.yml\n", created.stderr)
        XCTAssertTrue(created.stderr.contains("2 branches (main, pricing-test); skipped EXP-0004 on pricing-test"), created.stderr)
    }

    /// A repository made by `init` (squad growth) with `files` committed, then `removed` deleted in a second commit.
    private func initialised(with files: [String: String], thenRemoved removed: [String]) throws -> ScratchDirectory {
        let scratch = try ScratchDirectory()
        _ = try CLI.run(["init", "--squad", "growth"], in: scratch.url)
        let repository = try Repository.open(at: scratch.url.path)
        for (path, text) in files { try scratch.write(path, text) }
        try repository.stage(paths: [".playbook.yml", "playbooks/metrics.yml", "playbooks/squads/growth.yml"] + files.keys.sorted())
        _ = try repository.commit(message: "the playbook", author: author)
        for path in removed { try FileManager.default.removeItem(at: scratch.url.appendingPathComponent(path)) }
        try repository.stage(paths: removed)
        _ = try repository.commit(message: "drop some", author: author)
        return scratch
    }

    /// `review` refuses an id removed earlier on the branch (history-id-reuse): `new` skips it too.
    func testAnIdRemovedEarlierOnTheBranchIsNotHandedOutAgain() throws {
        let scratch = try initialised(with: ["playbooks/experiments/EXP-0001.yml": "kind: Experiment\nid: EXP-0001\n",
                                             "playbooks/experiments/EXP-0002.yml": "kind: Experiment\nid: EXP-0002\n"],
                                      thenRemoved: ["playbooks/experiments/EXP-0002.yml"])

        let created = try CLI.run(["new", "experiment", "--squad", "growth"], in: scratch.url)
        XCTAssertEqual(created.stdout, "playbooks/experiments/EXP-0003.yml\n", created.stderr)
        XCTAssertTrue(created.stderr.hasSuffix("in this branch's history and on 1 branch (main); skipped EXP-0002 (removed earlier)\n"), created.stderr)
    }

    /// Only ids of the numbered series are said to be skipped: an objective whose id was corrected
    /// (`OKR-2026Q3-RETN-1`, removed) is no number of `OKR-2026Q3-n` (review, 2026-12-05: "skipped
    /// OKR-2026Q3-RETN-1 (removed earlier)" though nothing was skipped for it).
    func testOnlyIdsOfTheNumberedSeriesAreSaidToBeSkipped() throws {
        let files = ["playbooks/okrs/2026-Q3/OKR-2026Q3-RETN-1.yml": "kind: Objective\nid: OKR-2026Q3-RETN-1\n",
                     "playbooks/okrs/2026-Q3/OKR-2026Q3-1.yml": "kind: Objective\nid: OKR-2026Q3-1\n"]
        let scratch = try initialised(with: files, thenRemoved: Array(files.keys))

        let created = try CLI.run(["new", "objective", "--squad", "growth", "--quarter", "2026-Q3"], in: scratch.url)
        XCTAssertEqual(created.stdout, "playbooks/okrs/2026-Q3/OKR-2026Q3-2.yml\n", created.stderr)
        XCTAssertTrue(created.stderr.hasSuffix("; skipped OKR-2026Q3-1 (removed earlier)\n"), created.stderr)
        XCTAssertFalse(created.stderr.contains("RETN"), created.stderr)
    }

    func testOutsideARepositoryOnlyTheWorkingTreeIsChecked() throws {
        let scratch = try ScratchDirectory()
        try SmallPlaybook.write(into: scratch)
        let created = try CLI.run(["new", "hypothesis", "--squad", "activation-emea"], in: scratch.url)
        XCTAssertEqual(created.stdout, "playbooks/hypotheses/HYP-0001.yml\n", created.stderr)
        XCTAssertTrue(created.stderr.hasPrefix("HYP-0001: only the working tree's ids were checked (no branches read: "), created.stderr)
    }
}
