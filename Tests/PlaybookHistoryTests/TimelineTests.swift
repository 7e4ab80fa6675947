import Foundation
@testable import PlaybookGit
@testable import PlaybookHistory
import XCTest

final class TimelineTests: XCTestCase {
    /// A scratch history and a reader of it, through the history cache when `cached` (read cold otherwise).
    func scratchHistory(cached: Bool) throws -> (ScratchHistory, () throws -> History) {
        let s = try ScratchHistory(for: self)
        let cache = cached ? HistoryReader.defaultCacheFile(for: s.repository) : nil
        return (s, { try HistoryReader(roots: ["playbooks"], cacheFile: cache).read(s.repository) })
    }

    private func read(_ scratch: ScratchHistory, mode: WalkMode = .firstParent, cache: String? = nil) throws -> History {
        try HistoryReader(roots: ["playbooks"], mode: mode, cacheFile: cache).read(scratch.repository)
    }

    func testTimelinesOfAKindAreThoseOfThatKindSortedByID() throws {
        let s = try ScratchHistory(for: self)
        try s.commit(["playbooks/b.yml": "kind: Experiment\nid: EXP-0002\nstatus: draft\n",
                      "playbooks/a.yml": "kind: Metric\nid: signups\n"])
        // Another status: with every other field equal, EXP-0001 would be EXP-0002 renamed (`RenamePairing`).
        try s.commit(["playbooks/c.yml": "kind: Experiment\nid: EXP-0001\nstatus: running\n", "playbooks/b.yml": nil])
        let timelines = Timelines(try read(s))
        XCTAssertEqual(timelines.all(kind: "Experiment").map(\.id), ["EXP-0001", "EXP-0002"], "a removed one too, by id")
        XCTAssertEqual(timelines.all(kind: "Metric").map(\.id), ["signups"])
        XCTAssertEqual(timelines.all(kind: "Squad").map(\.id), [])
    }

    func testStatusTransitionsCheckInsMoveBrokenFileAndRemoval() throws {
        let s = try ScratchHistory(for: self)
        let exp = "playbooks/experiments/EXP-0001.yml"
        let moved = "playbooks/experiments/2026/EXP-0001.yml"
        let okr = "playbooks/okrs/growth.yml"
        let c1 = try s.commit([exp: experiment(status: "draft"), okr: objective(current: "10"), "README.md": "hi"])
        let c2 = try s.commit([exp: experiment(status: "ready")])
        let c3 = try s.commit([exp: experiment(status: "running", extra: "start: 2026-07-03")])
        try s.commit(["README.md": "not a playbook file"])
        let c5 = try s.commit([okr: objective(current: "12.50")])
        let c6 = try s.commit([exp: nil, moved: experiment(status: "running", extra: "start: 2026-07-03")])
        let c7 = try s.commit([moved: "kind: Experiment\nid: EXP-0001\nstatus: [unclosed\n"])
        let c8 = try s.commit([moved: experiment(
            status: "concluded", extra: "start: 2026-07-03\nresult:\n  outcome: win\n  learnings: [short forms win]")])
        let c9 = try s.commit([okr: nil])

        let history = try read(s)
        XCTAssertEqual(history.commitCount, 9)
        XCTAssertEqual(history.head, .branch("main"))
        let timelines = Timelines(history)

        let e = try XCTUnwrap(timelines["EXP-0001"])
        XCTAssertEqual(e.kind, "Experiment")
        XCTAssertEqual(e.events.map(\.commit), [c1, c2, c3, c6, c8])
        XCTAssertEqual(e.events.map(\.type), [.created, .changed, .changed, .changed, .changed])
        XCTAssertEqual(e.events[0].state["status"], "draft")
        XCTAssertEqual(e.events[1].fields, [FieldChange(path: "status", old: "draft", new: "ready")])
        XCTAssertEqual(e.events[2].fields, [
            FieldChange(path: "status", old: "ready", new: "running"),
            FieldChange(path: "start", old: nil, new: "2026-07-03"),
        ])
        // The move keeps the history: no removal, no re-creation, just the new path.
        XCTAssertEqual(e.events[3].fields, [])
        XCTAssertEqual(e.events[3].previousPath, exp)
        XCTAssertEqual(e.events[3].path, moved)
        // The broken version is skipped; the fixed one is compared with the last readable one.
        XCTAssertEqual(e.events[4].fields, [
            FieldChange(path: "status", old: "running", new: "concluded"),
            FieldChange(path: "result.outcome", old: nil, new: "win"),
            FieldChange(path: "result.learnings[0]", old: nil, new: "short forms win"),
        ])
        XCTAssertEqual(history.notes.map(\.commit), [c7])
        XCTAssertEqual(history.notes.first?.path, moved)
        XCTAssertTrue(history.notes.first?.message.contains("does not parse") ?? false)

        let o = try XCTUnwrap(timelines["OKR-2026Q3-GRO-1"])
        XCTAssertEqual(o.events.map(\.type), [.created, .changed, .removed])
        XCTAssertEqual(o.events.map(\.commit), [c1, c5, c9])
        XCTAssertEqual(o.events[1].fields, [FieldChange(path: "key_results[KR-1].current", old: "10", new: "12.5")])
        XCTAssertNil(o.current)
        XCTAssertEqual(o.state(before: s.clock)?["key_results[KR-1].current"], nil)
        XCTAssertEqual(o.state(before: o.events[2].time)?["key_results[KR-1].current"], "12.5")
        XCTAssertEqual(o.state(before: o.events[1].time)?["key_results[KR-1].current"], "10")
        XCTAssertNil(o.state(before: o.events[0].time))
    }

    func testRemovedThenAddedAgainIsRestored() throws {
        let s = try ScratchHistory(for: self)
        let path = "playbooks/e.yml"
        try s.commit([path: experiment(status: "draft")])
        try s.commit([path: nil, "other.txt": "x"])
        try s.commit([path: experiment(status: "ready")])
        let timeline = try XCTUnwrap(Timelines(try read(s))["EXP-0001"])
        XCTAssertEqual(timeline.events.map(\.type), [.created, .removed, .restored])
        XCTAssertEqual(timeline.current?["status"], "ready")
    }

    func testASecondFileWithAnExistingIdIsADuplicateNotARestoration() throws {
        for cached in [false, true] {
            let (s, read) = try scratchHistory(cached: cached)
            try s.commit(["playbooks/a.yml": experiment(status: "draft")])
            _ = try read()
            let second = try s.commit(["playbooks/b.yml": experiment(status: "ready")])
            _ = try read()
            let third = try s.commit(["playbooks/b.yml": nil])
            let history = try read()
            let timeline = try XCTUnwrap(Timelines(history)["EXP-0001"])
            // Created once; neither the copy nor its deletion is an event of the entity.
            XCTAssertEqual(timeline.events.map(\.type), [.created], "cached: \(cached)")
            XCTAssertEqual(timeline.current?["status"], "draft")
            let note = try XCTUnwrap(history.notes.first)
            XCTAssertEqual(note.commit, second)
            XCTAssertEqual(note.message, "EXP-0001 is defined in more than one file (playbooks/a.yml and playbooks/b.yml); the history follows the first")
            XCTAssertEqual(history.notes.count, 1)
            XCTAssertFalse(history.records.contains { $0.id == third })
        }
    }

    /// A copy defines the id too (a duplicate, noted); then the original file goes: from that
    /// commit the copy's version is the entity's, and the copy's later edits continue from it.
    /// Read at once and commit by commit through the cache, with the copy's name sorting first.
    func testWhenTheFollowedFileGoesTheCopyTakesOverFromThatCommit() throws {
        for cached in [false, true] {
            let (s, read) = try scratchHistory(cached: cached)
            let original = "playbooks/z.yml", copy = "playbooks/b.yml"
            try s.commit([original: experiment(status: "draft")])
            if cached { _ = try read() }
            try s.commit([copy: experiment(status: "running")])
            if cached { _ = try read() }
            let deletion = try s.commit([original: nil])
            if cached { _ = try read() }
            let conclusion = try s.commit([copy: experiment(status: "concluded")])
            let history = try read()
            let timeline = try XCTUnwrap(Timelines(history)["EXP-0001"])
            XCTAssertEqual(timeline.events.map(\.type), [.created, .changed, .changed], "cached: \(cached)")
            let takeover = timeline.events[1]
            XCTAssertEqual(takeover.commit, deletion)
            XCTAssertEqual(takeover.path, copy)
            XCTAssertEqual(takeover.previousPath, original)
            XCTAssertEqual(takeover.fields, [FieldChange(path: "status", old: "draft", new: "running")])
            XCTAssertEqual(timeline.events[2].commit, conclusion)
            XCTAssertEqual(timeline.events[2].fields, [FieldChange(path: "status", old: "running", new: "concluded")])
            XCTAssertEqual(timeline.current?["status"], "concluded")
        }
    }

    /// A copy edited while the followed file still defines the id is no event of the entity (its
    /// values stay the followed file's), but a note; the followed file's edits still are events,
    /// and when the followed file goes, the copy's edited version takes over. Read at once and
    /// commit by commit through the cache, with the copy's name sorting first.
    func testEditingACopyLeavesTheFollowedFilesHistoryAlone() throws {
        for cached in [false, true] {
            let (s, read) = try scratchHistory(cached: cached)
            let original = "playbooks/z.yml", copy = "playbooks/b.yml"
            let created = try s.commit([original: experiment(status: "draft")])
            try s.commit([copy: experiment(status: "draft")])
            if cached { _ = try read() }
            let copyEdit = try s.commit([copy: experiment(status: "running")])
            if cached { _ = try read() }
            let originalEdit = try s.commit([original: experiment(status: "ready")])
            var history = try read()
            var timeline = try XCTUnwrap(Timelines(history)["EXP-0001"])
            XCTAssertEqual(timeline.events.map(\.commit), [created, originalEdit], "cached: \(cached)")
            XCTAssertEqual(timeline.events[1].fields, [FieldChange(path: "status", old: "draft", new: "ready")])
            XCTAssertEqual(timeline.current?["status"], "ready")
            XCTAssertTrue(history.notes.contains {
                $0.commit == copyEdit && $0.path == copy && $0.message
                    == "EXP-0001 is defined in more than one file; the history follows playbooks/z.yml, so this change to the copy is not part of it"
            }, "\(history.notes)")
            let deletion = try s.commit([original: nil])
            history = try read()
            timeline = try XCTUnwrap(Timelines(history)["EXP-0001"])
            XCTAssertEqual(timeline.events.last?.commit, deletion)
            XCTAssertEqual(timeline.events.last?.fields, [FieldChange(path: "status", old: "ready", new: "running")])
            XCTAssertEqual(timeline.current?["status"], "running")
        }
    }

    /// A copy that goes while the followed file stays is no event, even when it sorts first.
    func testACopyThatGoesLeavesTheFollowedFilesHistoryAlone() throws {
        for cached in [false, true] {
            let (s, read) = try scratchHistory(cached: cached)
            try s.commit(["playbooks/z.yml": experiment(status: "draft")])
            try s.commit(["playbooks/b.yml": experiment(status: "running")])
            if cached { _ = try read() }
            try s.commit(["playbooks/b.yml": nil])
            let timeline = try XCTUnwrap(Timelines(try read())["EXP-0001"])
            XCTAssertEqual(timeline.events.map(\.type), [.created], "cached: \(cached)")
            XCTAssertEqual(timeline.current?["status"], "draft")
        }
    }

    func testTwoFilesWithOneIdInOneCommitAreSaidToBeSo() throws {
        let s = try ScratchHistory(for: self)
        try s.commit(["playbooks/a.yml": experiment(status: "draft"), "playbooks/b.yml": experiment(status: "draft")])
        let history = try HistoryReader(roots: ["playbooks"]).read(s.repository)
        XCTAssertEqual(Timelines(history)["EXP-0001"]?.events.map(\.type), [.created])
        XCTAssertEqual(history.notes.map(\.message), ["EXP-0001 is defined in more than one file; the history follows the one in playbooks/b.yml"])
    }

    func testACommitLibgit2CannotParseIsSkippedWithANote() throws {
        let s = try ScratchHistory(for: self)
        let base = try s.commit(["playbooks/a.yml": experiment(status: "draft")])
        let ready = try s.commit(["playbooks/a.yml": experiment(status: "ready")])
        // git reads this date; libgit2 refuses the commit. Its tree (status: ready) stays unseen.
        let tree = try s.repository.commitInfo(ready).tree
        let broken = try s.repository.writeRawCommit("""
            tree \(tree)
            parent \(base)
            author Ada <ada@example.com> 99999999999999999999 +0000
            committer Ada <ada@example.com> 99999999999999999999 +0000

            a date from the far future

            """)
        // Its child is written raw too (PlaybookGit's commit would have to parse the parent).
        let running = try s.repository.commitInfo(try s.commit(["playbooks/a.yml": experiment(status: "running")])).tree
        let child = try s.repository.writeRawCommit("""
            tree \(running)
            parent \(broken)
            author Ada <ada@example.com> 1782950400 +0000
            committer Ada <ada@example.com> 1782950400 +0000

            carry on

            """)
        try s.repository.detachHEAD(at: child)
        for mode in [WalkMode.firstParent, .allParents] {
            let history = try HistoryReader(roots: ["playbooks"], mode: mode).read(s.repository)
            XCTAssertEqual(history.commitCount, 3)
            let notes = history.notes.filter { $0.commit == broken }
            XCTAssertEqual(notes.count, 1)
            XCTAssertEqual(notes.first?.message.hasPrefix("skipped commit \(broken): libgit2 cannot parse it"), true)
            let events = try XCTUnwrap(Timelines(history)["EXP-0001"]?.events)
            XCTAssertEqual(events.map(\.commit), [base, child])
            XCTAssertEqual(events.last?.fields, [FieldChange(path: "status", old: "draft", new: "running")])
        }
    }

    func testACommitDatedBeforeItsParentIsNoted() throws {
        let s = try ScratchHistory(for: self)
        try s.commit(["playbooks/a.yml": experiment(status: "draft")], at: 1_790_000_000)
        let early = try s.commit(["playbooks/a.yml": experiment(status: "ready")], at: 1_780_000_000)
        let history = try HistoryReader(roots: ["playbooks"]).read(s.repository)
        XCTAssertEqual(history.notes.map(\.commit), [early])
        XCTAssertEqual(history.notes.first?.message.contains("is dated 10000000 s before its parent"), true)
        XCTAssertEqual(history.notes.first?.message.hasSuffix("reports place it at its parent's date"), true)
    }

    /// hist68: a commit dated before its parent (a rewrite dated 1975 on top of 2026) was placed by its
    /// own date, so Q3's start value came from a commit made after its parent, in Q3. It is placed at
    /// its parent's date, and its children after it; read at once, and commit by commit through the
    /// cache (whose tip is then a parent with no record, or a moved commit with none).
    func testACommitDatedBeforeItsParentIsPlacedAtItsParentsDate() throws {
        let may10: Int64 = 1_778_371_200, july1: Int64 = 1_782_864_000, july20: Int64 = 1_784_505_600
        let in1975: Int64 = 157_766_400
        for cached in [false, true] {
            let (s, read) = try scratchHistory(cached: cached)
            let path = "playbooks/o.yml"
            let first = try s.commit([path: objective(current: "10")], at: may10)
            try s.commit(["notes.txt": "no entity changes here"], at: july20)
            if cached { _ = try read() }
            let rewritten = try s.commit([path: objective(current: "30")], at: in1975)
            try s.commit(["notes.txt": "nor here"], at: in1975 + 3_600)
            if cached { _ = try read() }
            let child = try s.commit([path: objective(current: "40")], at: in1975 + 86_400)
            let history = try read()
            XCTAssertEqual(history.commitsRead, cached ? 1 : 5)
            let timeline = try XCTUnwrap(Timelines(history)["OKR-2026Q3-GRO-1"])
            XCTAssertEqual(timeline.events.map(\.commit), [first, rewritten, child], "cached: \(cached)")
            XCTAssertEqual(timeline.events.map(\.time), [may10, july20, july20], "cached: \(cached)")
            XCTAssertEqual(timeline.state(before: july1)?["key_results[KR-1].current"], "10", "cached: \(cached)")
            XCTAssertEqual(timeline.state(before: july20 + 1)?["key_results[KR-1].current"], "40", "cached: \(cached)")
            XCTAssertEqual(history.notes.map(\.commit), [rewritten, child], "cached: \(cached)")
            XCTAssertEqual(history.notes.map { $0.message.hasSuffix("reports place it at its parent's date") }, [true, true])
        }
    }

    /// A commit dated in the future (a clock ahead) does not pull the commits after it there: each keeps its own
    /// date, so the quarter's later changes stay in it, and the first of them is noted.
    func testACommitDatedAheadOfTheCommitsAfterItDoesNotPullThemForward() throws {
        let may10: Int64 = 1_778_371_200, july20: Int64 = 1_784_505_600, august1: Int64 = 1_785_542_400
        let in2100: Int64 = 4_102_444_800
        for cached in [false, true] {
            let (s, read) = try scratchHistory(cached: cached)
            let path = "playbooks/o.yml"
            let first = try s.commit([path: objective(current: "10")], at: may10)
            let ahead = try s.commit([path: objective(current: "20")], at: in2100)
            if cached { _ = try read() }
            let next = try s.commit([path: objective(current: "30")], at: july20)
            let last = try s.commit([path: objective(current: "40")], at: august1)
            let history = try read()
            let timeline = try XCTUnwrap(Timelines(history)["OKR-2026Q3-GRO-1"])
            XCTAssertEqual(timeline.events.map(\.commit), [first, ahead, next, last], "cached: \(cached)")
            XCTAssertEqual(timeline.events.map(\.time), [may10, in2100, july20, august1], "cached: \(cached)")
            XCTAssertEqual(timeline.state(before: august1 + 1)?["key_results[KR-1].current"], "40", "cached: \(cached)")
            XCTAssertEqual(history.notes.map(\.commit), [next], "cached: \(cached)")
            XCTAssertEqual(history.notes.map { $0.message.hasSuffix("(a clock ahead): reports place each by its own date") }, [true])
        }
    }

    /// The first commit dated in the future (a clock ahead) has no commit before it to be judged against: it is judged
    /// by the commits after it, and does not pull them forward (small72: every later change was placed in 2100).
    func testARootDatedAheadOfTheCommitsAfterItDoesNotPullThemForward() throws {
        let may10: Int64 = 1_778_371_200, july20: Int64 = 1_784_505_600, august1: Int64 = 1_785_542_400
        let in2100: Int64 = 4_102_444_800
        for cached in [false, true] {
            let (s, read) = try scratchHistory(cached: cached)
            let path = "playbooks/o.yml"
            let root = try s.commit([path: objective(current: "10")], at: in2100)
            if cached { _ = try read() }
            let child = try s.commit([path: objective(current: "20")], at: may10)
            if cached { _ = try read() }
            let next = try s.commit([path: objective(current: "30")], at: july20)
            let last = try s.commit([path: objective(current: "40")], at: august1)
            let history = try read()
            let timeline = try XCTUnwrap(Timelines(history)["OKR-2026Q3-GRO-1"])
            XCTAssertEqual(timeline.events.map(\.commit), [root, child, next, last], "cached: \(cached)")
            XCTAssertEqual(timeline.events.map(\.time), [in2100, may10, july20, august1], "cached: \(cached)")
            XCTAssertEqual(timeline.state(before: august1 + 1)?["key_results[KR-1].current"], "40", "cached: \(cached)")
            XCTAssertEqual(history.notes.map(\.commit), [child], "cached: \(cached)")
            XCTAssertEqual(history.notes.map { $0.message.hasSuffix("has none before it (a clock ahead): reports place each by its own date") }, [true])
        }
    }

    /// A first commit dated in 2100 and one commit after it, in 2026: nothing tells which of the two is out of line, so
    /// the child is placed at the first commit's date, whenever the history is read (review73: it had kept its own date
    /// only while the first commit's date was still ahead of the reading clock, so the same commits read two ways);
    /// once a commit follows it in line, the first commit is the one out of line and each keeps its own date.
    func testOneCommitAfterARootDatedInTheFutureIsPlacedTheSameWayWheneverItIsRead() throws {
        let may10: Int64 = 1_778_371_200, may11: Int64 = 1_778_457_600, in2100: Int64 = 4_102_444_800
        for cached in [false, true] {
            let (s, read) = try scratchHistory(cached: cached)
            let path = "playbooks/o.yml"
            let root = try s.commit([path: objective(current: "10")], at: in2100)
            if cached { _ = try read() }
            let child = try s.commit([path: objective(current: "20")], at: may10)
            let alone = try XCTUnwrap(Timelines(try read())["OKR-2026Q3-GRO-1"])
            XCTAssertEqual(alone.events.map(\.commit), [root, child], "cached: \(cached)")
            XCTAssertEqual(alone.events.map(\.time), [in2100, in2100], "cached: \(cached)")
            let next = try s.commit([path: objective(current: "30")], at: may11)
            let timeline = try XCTUnwrap(Timelines(try read())["OKR-2026Q3-GRO-1"])
            XCTAssertEqual(timeline.events.map(\.commit), [root, child, next], "cached: \(cached)")
            XCTAssertEqual(timeline.events.map(\.time), [in2100, may10, may11], "cached: \(cached)")
        }
    }


    /// A first commit dated after its child, in the past: with nothing after the child it is placed at the first commit's
    /// date (a rewrite cannot be told from a clock ahead); once a commit follows the child in line, dated before the first
    /// commit too, the first commit is the one out of line and the child keeps its date, read at once or through the
    /// cache (which placed the child before that commit came); a commit after the first one's date leaves the child placed.
    func testAChildOfARootIsJudgedByTheCommitsAfterIt() throws {
        let may10: Int64 = 1_778_371_200, july1: Int64 = 1_782_864_000, july20: Int64 = 1_784_505_600
        let september1: Int64 = 1_788_220_800, in1975: Int64 = 157_766_400
        for cached in [false, true] {
            let (s, read) = try scratchHistory(cached: cached)
            let path = "playbooks/o.yml"
            let root = try s.commit([path: objective(current: "10")], at: september1)
            let child = try s.commit([path: objective(current: "20")], at: july1)
            let alone = try XCTUnwrap(Timelines(try read())["OKR-2026Q3-GRO-1"])
            XCTAssertEqual(alone.events.map(\.time), [september1, september1], "cached: \(cached)")
            let next = try s.commit([path: objective(current: "30")], at: july20)
            let history = try read()
            let timeline = try XCTUnwrap(Timelines(history)["OKR-2026Q3-GRO-1"])
            XCTAssertEqual(timeline.events.map(\.commit), [root, child, next], "cached: \(cached)")
            XCTAssertEqual(timeline.events.map(\.time), [september1, july1, july20], "cached: \(cached)")
            XCTAssertEqual(history.notes.map(\.commit), [child], "cached: \(cached)")
            XCTAssertEqual(history.notes.map { $0.message.hasSuffix("(a clock ahead): reports place each by its own date") }, [true])

            let r = try ScratchHistory(for: self)
            let rewriteCache = cached ? HistoryReader.defaultCacheFile(for: r.repository) : nil
            let readRewrite = { try HistoryReader(roots: ["playbooks"], cacheFile: rewriteCache).read(r.repository) }
            try r.commit([path: objective(current: "10")], at: may10)
            let rewritten = try r.commit([path: objective(current: "20")], at: in1975)
            if cached { _ = try readRewrite() }
            try r.commit([path: objective(current: "30")], at: july20)
            let rewrite = try readRewrite()
            XCTAssertEqual(Timelines(rewrite)["OKR-2026Q3-GRO-1"]?.events.map(\.time), [may10, may10, july20], "cached: \(cached)")
            XCTAssertEqual(rewrite.notes.map(\.commit), [rewritten], "cached: \(cached)")
            XCTAssertEqual(rewrite.notes.map { $0.message.hasSuffix("reports place it at its parent's date") }, [true])
        }
    }

    /// At a shallow clone's edge the commit before the edge is unknown: an edge dated ahead of the commits after it does
    /// not pull them forward either.
    func testAShallowEdgeDatedAheadOfTheCommitsAfterItDoesNotPullThemForward() throws {
        let may1: Int64 = 1_777_593_600, may10: Int64 = 1_778_371_200, july20: Int64 = 1_784_505_600
        let in2100: Int64 = 4_102_444_800
        let s = try ScratchHistory(for: self)
        let path = "playbooks/o.yml"
        try s.commit([path: objective(current: "5")], at: may1)
        let edge = try s.commit([path: objective(current: "10")], at: in2100)
        let child = try s.commit([path: objective(current: "20")], at: may10)
        let next = try s.commit([path: objective(current: "30")], at: july20)
        try Data("\(edge)\n".utf8).write(to: URL(fileURLWithPath: s.repository.gitDirectory + "/shallow"))
        let history = try read(s)
        XCTAssertEqual(history.shallowBoundary, [edge])
        let timeline = try XCTUnwrap(Timelines(history)["OKR-2026Q3-GRO-1"])
        XCTAssertEqual(timeline.events.map(\.commit), [edge, child, next])
        XCTAssertEqual(timeline.events.map(\.time), [in2100, may10, july20])
    }

    /// With all parents, a side commit dated before the commit it forked from is placed at that commit's date.
    func testASideCommitDatedBeforeItsFirstParentIsPlacedAtItsDate() throws {
        let s = try ScratchHistory(for: self)
        let a = "playbooks/a.yml", b = "playbooks/b.yml"
        let base = try s.commit([a: experiment("EXP-0001", status: "draft"), b: experiment("EXP-0002", status: "draft")],
                                at: 1_784_505_600)
        let side = try s.commit([b: experiment("EXP-0002", status: "ready")], at: 157_766_400, parents: [base], updateHead: false)
        let main = try s.commit([a: experiment("EXP-0001", status: "ready"), b: experiment("EXP-0002", status: "draft")],
                                at: 1_784_592_000)
        try s.commit([b: experiment("EXP-0002", status: "ready")], at: 1_784_678_400, parents: [main, side], message: "merge")
        let timeline = try XCTUnwrap(Timelines(try read(s, mode: .allParents))["EXP-0002"])
        XCTAssertEqual(timeline.events.map(\.commit).prefix(2), [base, side])
        XCTAssertEqual(timeline.events.map(\.time).prefix(2), [1_784_505_600, 1_784_505_600])
    }

    func testAuthorsAreResolvedThroughMailmap() throws {
        let s = try ScratchHistory(for: self)
        let bot = Person(name: "ada-laptop", email: "ada@old.example")
        try s.commit([".mailmap": "Ada Lovelace <ada@example.com> <ada@old.example>\n"])
        try s.commit(["playbooks/e.yml": experiment(status: "draft")], author: bot)
        let stranger = Person(name: "Grace Hopper", email: "grace@example.com")
        try s.commit(["playbooks/e.yml": experiment(status: "ready")], author: stranger)
        let events = try XCTUnwrap(Timelines(try read(s))["EXP-0001"]?.events)
        XCTAssertEqual(events.map(\.author), [ScratchHistory.ada, stranger])
    }

    func testFirstParentCreditsTheMergeAndAllParentsTheSideCommit() throws {
        let s = try ScratchHistory(for: self)
        let a = "playbooks/a.yml", b = "playbooks/b.yml"
        let base = try s.commit([a: experiment("EXP-0001", status: "draft"), b: experiment("EXP-0002", status: "draft")])
        // A side line changes b; the main line changes a; the merge brings both together.
        let grace = Person(name: "Grace Hopper", email: "grace@example.com")
        let side = try s.commit([b: experiment("EXP-0002", status: "running")], author: grace, parents: [base], updateHead: false)
        let main = try s.commit([b: experiment("EXP-0002", status: "draft"), a: experiment("EXP-0001", status: "ready")])
        let merge = try s.commit([b: experiment("EXP-0002", status: "running")], parents: [main, side], message: "merge")

        let firstParent = Timelines(try read(s))
        XCTAssertEqual(firstParent["EXP-0002"]?.events.map(\.commit), [base, merge])
        // The merge lands the change; the person who made it is the merged branch's author.
        XCTAssertEqual(firstParent["EXP-0002"]?.events.last?.author, grace)
        XCTAssertEqual(firstParent["EXP-0001"]?.events.last?.author, ScratchHistory.ada)
        XCTAssertEqual(firstParent["EXP-0001"]?.events.map(\.commit), [base, main])

        let all = try read(s, mode: .allParents)
        XCTAssertEqual(all.commitCount, 4)
        let allTimelines = Timelines(all)
        // The side commit is the event; the merge only carries its value onto the main line.
        XCTAssertEqual(allTimelines["EXP-0002"]?.ownEvents.map(\.commit), [base, side])
        XCTAssertEqual(allTimelines["EXP-0002"]?.events.map(\.commit), [base, side, merge])
        XCTAssertEqual(allTimelines["EXP-0002"]?.events.map(\.inherited), [false, false, true])
        XCTAssertEqual(allTimelines["EXP-0002"]?.events.map(\.mainLine), [true, false, true])
        XCTAssertEqual(allTimelines["EXP-0002"]?.current?["status"], "running")
        XCTAssertEqual(allTimelines["EXP-0001"]?.events.map(\.commit), [base, main])
    }

    /// A pull request with two authors, merged with a merge commit: each file's change is the
    /// work of the side commit that made the version the merge holds, whichever walk reads it,
    /// and a cached read says the same.
    func testAMergeCreditsEachFileToTheSideCommitThatMadeItsVersion() throws {
        let s = try ScratchHistory(for: self)
        let o = "playbooks/o.yml", e = "playbooks/e.yml"
        // Carol commits from a laptop the mailmap knows.
        let base = try s.commit([o: objective(current: "10"), e: experiment(status: "draft"),
                                 ".mailmap": "Carol <carol@example.com> <carol@laptop.example>\n"])
        let carol = Person(name: "Carol", email: "carol@example.com")
        let bob = Person(name: "Bob", email: "bob@example.com")
        // Carol checks the key result in, then Bob (the branch's last author) moves the experiment on.
        let checkIn = try s.commit([o: objective(current: "12")], author: Person(name: "carol", email: "carol@laptop.example"),
                                   parents: [base], updateHead: false)
        let tip = try s.commit([e: experiment(status: "ready")], author: bob, parents: [checkIn], updateHead: false)
        let merge = try s.commit([:], parents: [base, tip], message: "Merge pull request #7")
        for mode in [WalkMode.firstParent, .allParents] {
            let cache = HistoryReader.defaultCacheFile(for: s.repository, mode: mode)
            for pass in ["read", "cached"] {
                let history = try read(s, mode: mode, cache: cache)
                XCTAssertEqual(history.commitsRead == 0, pass == "cached")
                let timelines = Timelines(history)
                let kr = try XCTUnwrap(timelines["OKR-2026Q3-GRO-1"]?.mainLineEvents.last)
                XCTAssertEqual(kr.commit, merge)
                XCTAssertEqual(kr.author, carol, "\(mode), \(pass): the check-in is Carol's, not the branch tip's author's")
                let status = try XCTUnwrap(timelines["EXP-0001"]?.mainLineEvents.last)
                XCTAssertEqual(status.commit, merge)
                XCTAssertEqual(status.author, bob, "\(mode), \(pass)")
                // The merge's record still names the person who merged.
                XCTAssertEqual(history.records.first { $0.id == merge }?.author, ScratchHistory.ada)
                // The cache keeps the credited author as recorded; the mailmap maps it on every read.
                XCTAssertTrue(try String(contentsOfFile: cache, encoding: .utf8).contains("\t+carol\t+carol@laptop.example\t-\t-\n"))
            }
        }
    }

    /// The main line moved the file while a branch checked the key result in under its old path;
    /// git merges the check-in into the moved file. The check-in is the branch author's, whichever
    /// walk reads it (the merger's before: the side has no file at the merge's path), and with all
    /// parents the merge does not list it a second time. A cached read agrees.
    func testACheckInMergedIntoAFileTheMainLineMovedIsCreditedToItsAuthor() throws {
        let s = try ScratchHistory(for: self)
        let old = "playbooks/o.yml", moved = "playbooks/okrs/o.yml"
        let base = try s.commit([old: objective(current: "10")])
        let bob = Person(name: "Bob", email: "bob@example.com")
        let checkIn = try s.commit([old: objective(current: "12")], author: bob, parents: [base], updateHead: false)
        let move = try s.commit([old: nil, moved: objective(current: "10")], message: "move the objectives")
        let merge = try s.commit([moved: objective(current: "12")], parents: [move, checkIn], message: "Merge the check-in")
        for mode in [WalkMode.firstParent, .allParents] {
            let cache = HistoryReader.defaultCacheFile(for: s.repository, mode: mode)
            for pass in ["read", "cached"] {
                let history = try read(s, mode: mode, cache: cache)
                XCTAssertEqual(history.commitsRead == 0, pass == "cached")
                let timelines = Timelines(history)
                let kr = try XCTUnwrap(timelines["OKR-2026Q3-GRO-1"]?.mainLineEvents.last)
                XCTAssertEqual(kr.commit, merge, "\(mode), \(pass)")
                XCTAssertEqual(kr.state["key_results[KR-1].current"], "12", "\(mode), \(pass)")
                XCTAssertEqual(kr.author, bob, "\(mode), \(pass): the check-in is Bob's, not the merger's")
                if mode == .allParents {
                    let own = try XCTUnwrap(timelines["OKR-2026Q3-GRO-1"]?.ownEvents.map(\.commit))
                    XCTAssertTrue(own.contains(checkIn), "\(pass)")
                    XCTAssertFalse(own.contains(merge), "\(pass): the check-in listed twice")
                }
            }
        }
    }

    /// An octopus merge credits each branch's file to that branch's commit; a version only the
    /// merge holds (a conflict resolved by hand) is the merger's.
    func testAnOctopusMergeCreditsEachBranchAndTheMergerItsOwnResolution() throws {
        let s = try ScratchHistory(for: self)
        let o = "playbooks/o.yml", e = "playbooks/e.yml", f = "playbooks/f.yml"
        let base = try s.commit([o: objective(current: "10"), e: experiment(status: "draft"),
                                 f: experiment("EXP-0002", status: "draft")])
        let carol = Person(name: "Carol", email: "carol@example.com")
        let bob = Person(name: "Bob", email: "bob@example.com")
        let grace = Person(name: "Grace Hopper", email: "grace@example.com")
        let first = try s.commit([e: experiment(status: "ready")], author: bob, parents: [base], updateHead: false)
        let second = try s.commit([e: experiment(status: "draft"), o: objective(current: "12"),
                                   f: experiment("EXP-0002", status: "ready")], author: carol, parents: [base], updateHead: false)
        // The merger takes both branches, but writes EXP-0002 as neither branch had it.
        let merge = try s.commit([e: experiment(status: "ready"), f: experiment("EXP-0002", status: "running")],
                                 author: grace, parents: [base, first, second], message: "octopus")
        for mode in [WalkMode.firstParent, .allParents] {
            let timelines = Timelines(try read(s, mode: mode))
            let kr = try XCTUnwrap(timelines["OKR-2026Q3-GRO-1"]?.mainLineEvents.last)
            XCTAssertEqual(kr.commit, merge)
            XCTAssertEqual(kr.author, carol, "\(mode): the second branch's check-in")
            XCTAssertEqual(timelines["EXP-0001"]?.mainLineEvents.last?.author, bob, "\(mode)")
            let resolved = try XCTUnwrap(timelines["EXP-0002"]?.mainLineEvents.last)
            XCTAssertEqual(resolved.state["status"], "running")
            XCTAssertEqual(resolved.author, grace, "\(mode): the merge made this version")
        }
    }

    /// Both lines edited the file, so the merge holds neither parent's version: the values the
    /// side brought are the side commits' events (the merge is not listed again as their change);
    /// a value no parent had (a conflict resolved by hand) is the merge's own. A cached read agrees.
    func testAMergeOfAFileBothLinesEditedListsOnlyWhatTheMergeMadeItself() throws {
        let s = try ScratchHistory(for: self)
        let e = "playbooks/e.yml", f = "playbooks/f.yml"
        let base = try s.commit([e: experiment(status: "draft"), f: experiment("EXP-0002", status: "draft")])
        let bob = Person(name: "Bob", email: "bob@example.com")
        let side = try s.commit([e: experiment(status: "running", extra: "start: 2026-07-03"),
                                 f: experiment("EXP-0002", status: "ready")], author: bob, parents: [base], updateHead: false)
        let main = try s.commit([e: experiment(status: "draft", extra: "owner: ada"),
                                 f: experiment("EXP-0002", status: "draft", extra: "owner: ada")])
        // e: the side's status and start beside the main line's owner; f: a status neither line had.
        let merge = try s.commit([e: experiment(status: "running", extra: "start: 2026-07-03\nowner: ada"),
                                  f: experiment("EXP-0002", status: "running", extra: "owner: ada")],
                                 parents: [main, side], message: "merge")
        let cache = HistoryReader.defaultCacheFile(for: s.repository, mode: .allParents)
        for pass in ["read", "cached"] {
            let history = try read(s, mode: .allParents, cache: cache)
            XCTAssertEqual(history.commitsRead == 0, pass == "cached")
            let all = Timelines(history)
            XCTAssertEqual(Set(try XCTUnwrap(all["EXP-0001"]?.ownEvents.map(\.commit))), [base, side, main], pass)
            // The merge still carries the side's values onto the main line.
            let carried = try XCTUnwrap(all["EXP-0001"]?.mainLineEvents.last)
            XCTAssertEqual(carried.commit, merge, pass)
            XCTAssertEqual(carried.state["status"], "running", pass)
            XCTAssertEqual(carried.state["owner"], "ada", pass)
            XCTAssertEqual(Set(try XCTUnwrap(all["EXP-0002"]?.ownEvents.map(\.commit))), [base, side, main, merge], pass)
        }
        // The first-parent walk: the merge is the main line's event of both, the side's values
        // credited to Bob, who made them, and the status neither line had to the merge's author.
        let firstParent = Timelines(try read(s))
        XCTAssertEqual(firstParent["EXP-0001"]?.events.map(\.commit), [base, main, merge])
        XCTAssertEqual(firstParent["EXP-0001"]?.events.last?.author, bob, "the side made these values")
        XCTAssertEqual(firstParent["EXP-0002"]?.events.last?.author, ScratchHistory.ada, "the merge made this value")
    }

    /// Carol checks the key result in on a branch while the main line raises its target in the same
    /// file, and the merger also writes a baseline neither line had. The merge's change is split by
    /// who made each value, in either walk: the check-in is Carol's (with all parents, her commit is
    /// its event), the baseline the merger's; a cached read agrees.
    func testAMergeOfAFileBothLinesEditedCreditsEachValueToWhoMadeIt() throws {
        let s = try ScratchHistory(for: self)
        let o = "playbooks/o.yml"
        let base = try s.commit([o: objective(current: "10")])
        let carol = Person(name: "Carol", email: "carol@example.com")
        let grace = Person(name: "Grace Hopper", email: "grace@example.com")
        let checkIn = try s.commit([o: objective(current: "12")], author: carol, parents: [base], updateHead: false)
        let main = try s.commit([o: objective(current: "10", target: "25")])
        let merge = try s.commit([o: objective(current: "12", baseline: "11", target: "25")], author: grace,
                                 parents: [main, checkIn], message: "merge")
        let current = "key_results[KR-1].current", baseline = "key_results[KR-1].baseline"
        for mode in [WalkMode.firstParent, .allParents] {
            let cache = HistoryReader.defaultCacheFile(for: s.repository, mode: mode)
            for pass in ["read", "cached"] {
                let history = try read(s, mode: mode, cache: cache)
                XCTAssertEqual(history.commitsRead == 0, pass == "cached")
                let timeline = try XCTUnwrap(Timelines(history)["OKR-2026Q3-GRO-1"])
                let atMerge = timeline.mainLineEvents.filter { $0.commit == merge }
                XCTAssertEqual(atMerge.map(\.author), [carol, grace], "\(mode), \(pass)")
                XCTAssertEqual(atMerge.map { $0.fields.map(\.path) }, [[current], [baseline]], "\(mode), \(pass)")
                XCTAssertEqual(timeline.current?[current], "12", "\(mode), \(pass)")
                XCTAssertEqual(timeline.current?[baseline], "11", "\(mode), \(pass)")
                XCTAssertEqual(timeline.current?["key_results[KR-1].target"], "25", "\(mode), \(pass)")
                if mode == .allParents {
                    XCTAssertEqual(atMerge.map(\.inherited), [true, false], pass)
                    let own = timeline.ownEvents.filter { $0.commit == checkIn || $0.commit == merge }
                    XCTAssertEqual(own.map(\.commit), [checkIn, merge], pass)
                    XCTAssertEqual(own.map { $0.fields.map(\.path) }, [[current], [baseline]], "\(pass): the merge lists its own value only")
                }
            }
        }
    }

    func testAMergeThatTakesBackAFileTheSideNeverChangedIsTheMergesOwnChange() throws {
        let s = try ScratchHistory(for: self)
        let a = "playbooks/a.yml", b = "playbooks/b.yml"
        let base = try s.commit([a: experiment("EXP-0001", status: "draft"), b: experiment("EXP-0002", status: "draft")])
        // The side line changes b only; the main line moves a on; the merge resolves a back to
        // the version both lines started from (the side's copy, which the side never touched).
        let side = try s.commit([b: experiment("EXP-0002", status: "ready")], parents: [base], updateHead: false)
        let main = try s.commit([a: experiment("EXP-0001", status: "ready"), b: experiment("EXP-0002", status: "draft")])
        let merge = try s.commit([a: experiment("EXP-0001", status: "draft"), b: experiment("EXP-0002", status: "ready")],
                                 parents: [main, side], message: "merge taking a back")

        let all = Timelines(try read(s, mode: .allParents))
        // b's change was the side commit's: the merge only carries it.
        XCTAssertEqual(all["EXP-0002"]?.ownEvents.map(\.commit), [base, side])
        // a's return to draft was made by the merge, and no other commit: it is the merge's own event.
        XCTAssertEqual(all["EXP-0001"]?.ownEvents.map(\.commit), [base, main, merge])
        XCTAssertEqual(all["EXP-0001"]?.ownEvents.last?.state["status"], "draft")
    }

    func testAMissingBlobIsANoteNotAFailure() throws {
        let s = try ScratchHistory(for: self)
        try s.commit(["playbooks/e.yml": experiment(status: "draft")])
        let second = try s.commit(["playbooks/e.yml": experiment(status: "ready")])
        try s.commit(["playbooks/e.yml": experiment(status: "running")])
        // Delete the second version's blob, as a partial clone would lack it.
        let tree = try s.repository.commitInfo(second).tree
        let blob = try XCTUnwrap(try s.repository.blobID(inTree: tree, path: "playbooks/e.yml")).description
        let object = s.repository.gitDirectory + "/objects/" + blob.prefix(2) + "/" + blob.dropFirst(2)
        try FileManager.default.removeItem(atPath: object)
        let history = try read(s)
        XCTAssertEqual(history.notes.map(\.commit), [second])
        XCTAssertTrue(history.notes.first?.message.contains("cannot be read") ?? false)
        XCTAssertEqual(Timelines(history)["EXP-0001"]?.events.map { $0.state["status"] }, ["draft", "running"])
    }

    func testEmptyRepositoryIsAnUnbornBranch() throws {
        let s = try ScratchHistory(for: self)
        let history = try read(s)
        XCTAssertEqual(history.head, .unborn("main"))
        XCTAssertTrue(history.records.isEmpty)
        XCTAssertTrue(history.caveats.joined().contains("no commits yet"))
    }

    func testDetachedHeadReadsThatCommitsHistory() throws {
        let s = try ScratchHistory(for: self)
        let first = try s.commit(["playbooks/e.yml": experiment(status: "draft")])
        try s.commit(["playbooks/e.yml": experiment(status: "ready")])
        try s.repository.detachHEAD(at: first)
        let history = try read(s)
        XCTAssertEqual(history.head, .detached(first))
        XCTAssertEqual(history.commitCount, 1)
        XCTAssertTrue(history.caveats.joined().contains("detached"))
    }

    func testShallowCloneStopsAtTheGraftAndSaysSo() throws {
        let s = try ScratchHistory(for: self)
        try s.commit(["playbooks/e.yml": experiment(status: "draft")])
        let graft = try s.commit(["playbooks/e.yml": experiment(status: "ready")])
        try s.commit(["playbooks/e.yml": experiment(status: "running")])
        try Data("\(graft)\n".utf8).write(to: URL(fileURLWithPath: s.repository.gitDirectory + "/shallow"))
        let history = try read(s)
        XCTAssertEqual(history.shallowBoundary, [graft])
        XCTAssertEqual(history.commitCount, 2)
        // What the graft holds is all that is known: it appears there.
        XCTAssertEqual(Timelines(history)["EXP-0001"]?.events.map(\.type), [.created, .changed])
        XCTAssertTrue(history.caveats.joined().contains("git fetch --unshallow"))
    }
}
