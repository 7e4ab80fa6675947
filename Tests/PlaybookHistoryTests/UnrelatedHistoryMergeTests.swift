import Foundation
import PlaybookGit
import XCTest

@testable import PlaybookHistory

/// Merges with no fork point (`CommitDiffer.changedFiles` looks for the tree both lines forked from, to
/// tell a side's change from a file taken back): unrelated histories merged, an octopus of three roots.
/// With no merge base the side is credited with the files the merge takes from it; the read completes
/// in either walk, with or without the cache, and both read the same.
final class UnrelatedHistoryMergeTests: XCTestCase {
    private func read(_ scratch: ScratchHistory, mode: WalkMode, cache: String? = nil) throws -> History {
        try HistoryReader(roots: ["playbooks"], mode: mode, cacheFile: cache).read(scratch.repository)
    }

    func testMergingUnrelatedHistoriesCreditsTheSideLine() throws {
        let s = try ScratchHistory(for: self)
        let a = "playbooks/a.yml", b = "playbooks/b.yml"
        let mainRoot = try s.commit([a: experiment("EXP-0001", status: "draft")])
        // A second root: another project's history, with only b.
        let sideRoot = try s.commit([a: nil, b: experiment("EXP-0002", status: "draft")], parents: [], updateHead: false)
        let side = try s.commit([b: experiment("EXP-0002", status: "ready")], parents: [sideRoot], updateHead: false)
        let merge = try s.commit([a: experiment("EXP-0001", status: "running"), b: experiment("EXP-0002", status: "ready")],
                                 parents: [mainRoot, side], message: "merge unrelated histories")
        XCTAssertNil(try s.repository.mergeBase(mainRoot, side))

        let cache = s.root + "/../history.cache"
        for pass in 0..<2 {
            let all = Timelines(try read(s, mode: .allParents, cache: cache))
            XCTAssertEqual(all["EXP-0002"]?.ownEvents.map(\.commit), [sideRoot, side], "pass \(pass)")
            // The merge carries it onto the main line (a side commit leaves the main line's values as they were).
            XCTAssertEqual(all["EXP-0002"]?.events.last?.commit, merge, "pass \(pass)")
            XCTAssertEqual(all["EXP-0002"]?.events.last?.state["status"], "ready", "pass \(pass)")
            // a moved on in the merge itself: its own change.
            XCTAssertEqual(all["EXP-0001"]?.ownEvents.map(\.commit), [mainRoot, merge], "pass \(pass)")
            XCTAssertEqual(all["EXP-0001"]?.ownEvents.last?.state["status"], "running", "pass \(pass)")
        }
        let first = Timelines(try read(s, mode: .firstParent))
        XCTAssertEqual(first["EXP-0002"]?.events.map(\.commit), [merge])
        XCTAssertEqual(first["EXP-0001"]?.events.map(\.commit), [mainRoot, merge])
    }

    /// An octopus merge of three root commits: the first parent a root, each side another root.
    func testAnOctopusOfThreeRoots() throws {
        let s = try ScratchHistory(for: self)
        let a = "playbooks/a.yml", b = "playbooks/b.yml", c = "playbooks/c.yml"
        let first = try s.commit([a: experiment("EXP-0001", status: "draft")])
        let second = try s.commit([a: nil, b: experiment("EXP-0002", status: "draft")], parents: [], updateHead: false)
        let third = try s.commit([b: nil, c: experiment("EXP-0003", status: "draft")], parents: [], updateHead: false)
        let merge = try s.commit([a: experiment("EXP-0001", status: "draft"), b: experiment("EXP-0002", status: "draft")],
                                 parents: [first, second, third], message: "octopus")
        let all = Timelines(try read(s, mode: .allParents))
        XCTAssertEqual(all["EXP-0001"]?.ownEvents.map(\.commit), [first])
        XCTAssertEqual(all["EXP-0002"]?.ownEvents.map(\.commit), [second])
        XCTAssertEqual(all["EXP-0003"]?.ownEvents.map(\.commit), [third])
        XCTAssertEqual(all["EXP-0003"]?.events.last?.commit, merge)
        XCTAssertEqual(Timelines(try read(s, mode: .firstParent))["EXP-0002"]?.events.map(\.commit), [merge])
    }
}
