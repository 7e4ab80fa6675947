import Foundation
import PlaybookGit
@testable import PlaybookHistory
import PlaybookModel
import PlaybookYAML
import XCTest

/// Every version of an entity in a timeline is the value lint's decoder makes of the file it was
/// read from: one reading, whether lint reads the file or a report reads the history.
final class TypedVersionTests: XCTestCase {
    /// The same node with every mark at 1:1, as a version rebuilt from history has them (history keeps no marks).
    private func unmarked(_ node: Node) -> Node {
        let mark = Mark(line: 1, column: 1)
        switch node.value {
        case .scalar: return Node(node.value, mark: mark, tag: node.tag)
        case .sequence(let items): return Node(.sequence(items.map(unmarked)), mark: mark, tag: node.tag)
        case .mapping(let pairs):
            return Node(.mapping(pairs.map { Pair(key: unmarked($0.key), value: unmarked($0.value)) }), mark: mark, tag: node.tag)
        }
    }

    /// What lint makes of entity `id` in `path` at `commit`.
    private func lintReading(_ repository: Repository, commit: ObjectID, path: String, id: String) throws -> DecodedDocument? {
        let tree = try repository.commitInfo(commit).tree
        guard let blob = try repository.blobID(inTree: tree, path: path) else { return nil }
        for document in YAMLLoader.load(try repository.blobData(blob)).documents {
            guard let root = document.root else { continue }
            let decoded = EntityDecoder.decode(Document(root: unmarked(root), start: Mark(line: 1, column: 1), index: 0))
            if decoded.entity?.id.value == id { return decoded }
        }
        return nil
    }

    private static func bundledPlaybook() throws -> [String: String] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let names = try XCTUnwrap(FileManager.default.enumerator(atPath: root.appendingPathComponent("playbooks").path))
            .compactMap { $0 as? String }.filter { $0.hasSuffix(".yml") || $0.hasSuffix(".yaml") }
        var files: [String: String] = [:]
        for name in names {
            files["playbooks/" + name] = try String(contentsOf: root.appendingPathComponent("playbooks/" + name), encoding: .utf8)
        }
        return files
    }

    /// The first occurrence of `old` in `text` replaced, or nil when there is none.
    private static func replacingFirst(_ old: String, with new: String, in text: String) -> String? {
        guard let range = text.range(of: old) else { return nil }
        return text.replacingCharacters(in: range, with: new)
    }

    func testEveryVersionOfTheBundledExampleDecodesAsLintDecodesItsFile() throws {
        let scratch = try ScratchHistory(for: self)
        var files = try Self.bundledPlaybook()
        XCTAssertGreaterThan(files.count, 50)
        try scratch.commit(files.mapValues { Optional($0) })
        // Edits a person makes, valid and not: check-ins, status moves, quoted numbers and dates,
        // a status outside the lifecycle, YAML 1.2 spellings, a key result losing its id, a stray key.
        let edits: [(String, String)] = [
            ("current: ", "current: \"47000\" # was "), ("confidence: ", "confidence: \"0.5\" # was "),
            ("status: running", "status: runing"), ("status: draft", "status: ready"), ("status: ready", "status: running"),
            ("north_star: true", "north_star: True"), ("baseline: ", "baseline: 0x1F # was "),
            ("start: ", "start: \"2026-07-03\" # was "), ("end: ", "end: 2026-13-40 # was "),
            ("- id: KR-2", "- title_only: yes"), ("title: ", "titel: "), ("quarter: ", "quarter: \"2026-Q3\" # was "),
            ("outcome: ", "outcome: winning # was "), ("allocation: ", "allocation: \"50\" # was "),
            ("current: ", "current: 1e3 # was "), ("target: ", "target: [1, 2] # was "),
        ]
        var changed = 0
        for (index, (old, new)) in edits.enumerated() {
            var commit: [String: String?] = [:]
            // A few files per edit, different ones each time.
            for path in files.keys.sorted().dropFirst(index % 5) where commit.count < 6 {
                guard let text = files[path], let edited = Self.replacingFirst(old, with: new, in: text) else { continue }
                files[path] = edited
                commit[path] = edited
            }
            if !commit.isEmpty {
                try scratch.commit(commit)
                changed += 1
            }
        }
        // A file moved, another removed.
        if let (path, text) = files.first(where: { $0.key.hasPrefix("playbooks/experiments/") }) {
            try scratch.commit([path: nil, path.replacingOccurrences(of: "experiments/", with: "experiments/moved/"): text])
        }
        if let path = files.keys.sorted().last(where: { $0.hasPrefix("playbooks/hypotheses/") }) {
            try scratch.commit([path: nil])
        }
        XCTAssertGreaterThan(changed, 12)

        let timelines = Timelines(try HistoryReader(roots: ["playbooks"], mode: .firstParent).read(scratch.repository))
        var compared = 0, unreadable = 0
        for timeline in timelines.byID.values.sorted(by: { $0.id < $1.id }) {
            for (index, event) in timeline.events.enumerated() where event.type != .removed {
                let version = timeline.version(at: index)
                let lint = try XCTUnwrap(try lintReading(scratch.repository, commit: event.commit, path: event.path, id: timeline.id),
                                         "\(timeline.id) at \(event.commit)")
                XCTAssertEqual(version.entity, lint.entity, "\(timeline.id) in \(event.path) at \(event.commit)")
                XCTAssertEqual(Set(version.document.diagnostics.map { "\($0.rule) \($0.field ?? "")" }),
                               Set(lint.diagnostics.map { "\($0.rule) \($0.field ?? "")" }), "\(timeline.id) at \(event.commit)")
                compared += 1
                if !version.unreadableValues.isEmpty { unreadable += 1 }
            }
        }
        XCTAssertGreaterThan(compared, 150)
        // The edits made values lint cannot read: those versions say so.
        XCTAssertGreaterThan(unreadable, 10)
    }

    func testQuotedNumbersAndEmptyCollectionsKeepTheirType() throws {
        XCTAssertEqual(FieldValue.resolved("47000", style: .doubleQuoted, tag: nil), .string("47000"))
        XCTAssertNotEqual(FieldValue.resolved("47000", style: .doubleQuoted, tag: nil), FieldValue.resolved("47000", style: .plain, tag: nil))
        XCTAssertEqual(FieldValue.resolved("47000", style: .plain, tag: nil)?.number, 47000)
        XCTAssertNil(FieldValue.resolved("47000", style: .singleQuoted, tag: nil)?.number)
        XCTAssertEqual(FieldValue.resolved("0x1F", style: .plain, tag: nil)?.number, 31)
        XCTAssertEqual(FieldValue.resolved("True", style: .plain, tag: nil)?.scalar, .bool(true))
        XCTAssertEqual(FieldValue.resolved("true", style: .plain, tag: "!!str")?.scalar, .string("true"))
        XCTAssertNil(FieldValue.resolved("~", style: .plain, tag: nil))
        // The text "[]" is not an empty list, nor is a string starting with the mark anything but itself.
        XCTAssertNotEqual(FieldValue.string("[]"), .emptyList)
        XCTAssertEqual(FieldValue.string("[]").text, "[]")
        XCTAssertEqual(FieldValue.string("\u{1}x").text, "\u{1}x")
        XCTAssertEqual(FieldValue.string("\u{1}x").scalar, .string("\u{1}x"))
        // Shown in `log` as written.
        XCTAssertEqual(FieldValue.string("47000").text, "47000")
        XCTAssertEqual(FieldValue.resolved("0.30", style: .plain, tag: nil)?.text, "0.3")
    }

    func testAQuotedCheckInIsAChangeOfType() throws {
        let scratch = try ScratchHistory(for: self)
        try scratch.commit(["playbooks/okr.yml": objective(current: "47000")])
        try scratch.commit(["playbooks/okr.yml": objective(current: "\"47000\"")])
        let timeline = try XCTUnwrap(Timelines(try HistoryReader(roots: ["playbooks"], mode: .firstParent).read(scratch.repository))["OKR-2026Q3-GRO-1"])
        XCTAssertEqual(timeline.events.count, 2)
        let change = try XCTUnwrap(timeline.events.last?.fields.first)
        XCTAssertEqual(change.path, "key_results[KR-1].current")
        XCTAssertEqual(change.oldValue?.number, 47000)
        XCTAssertNil(change.newValue?.number)
        // Lint's reading of the last version: the key result has no current, and lint says why.
        guard case .objective(let objective)? = timeline.currentVersion?.entity else { return XCTFail("no objective") }
        XCTAssertNil(objective.keyResults.first?.current)
        XCTAssertEqual(timeline.currentVersion?.unreadableValues.map(\.rule), [RuleID.type])
    }

    /// An objective whose first key result is dropped, then brought back after some check-ins of the
    /// other: its versions list the key results as its file does, however many check-ins came
    /// between (past a few, the history folds its changes, which must not move the returning one last).
    func testAKeyResultBackAfterManyCheckInsKeepsItsPlace() throws {
        func krs(_ current: Int, first: Bool) -> String {
            let kr1 = "  - id: KR-1\n    title: Activation\n    metric: activation-rate\n    baseline: 1\n    target: 2\n    current: 1\n"
            return "kind: Objective\nid: OKR-2026Q3-GRO-1\nsquad: growth\nquarter: 2026-Q3\ntitle: Grow\naligns_to: weekly-active-learners\n"
                + "key_results:\n" + (first ? kr1 : "")
                + "  - id: KR-2\n    title: Signups\n    metric: signup-rate\n    baseline: 0\n    target: 10\n    current: \(current)\n"
        }
        for checkIns in [1, 12] {
            let scratch = try ScratchHistory(for: self)
            try scratch.commit(["playbooks/okr.yml": krs(0, first: true)])
            try scratch.commit(["playbooks/okr.yml": krs(0, first: false)])
            for day in 1...checkIns { try scratch.commit(["playbooks/okr.yml": krs(day, first: false)]) }
            let back = try scratch.commit(["playbooks/okr.yml": krs(checkIns, first: true)])
            let timeline = try XCTUnwrap(Timelines(try HistoryReader(roots: ["playbooks"], mode: .firstParent).read(scratch.repository))["OKR-2026Q3-GRO-1"])
            XCTAssertEqual(timeline.events.count, checkIns + 3)
            guard case .objective(let objective)? = timeline.currentVersion?.entity else { return XCTFail("no objective") }
            XCTAssertEqual(objective.keyResults.map { $0.id?.value }, ["KR-1", "KR-2"], "after \(checkIns) check-ins")
            // As lint reads the file.
            let lint = try lintReading(scratch.repository, commit: back, path: "playbooks/okr.yml", id: "OKR-2026Q3-GRO-1")
            guard case .objective(let read)? = lint?.entity else { return XCTFail("lint read no objective") }
            XCTAssertEqual(objective.keyResults.map { $0.id?.value }, read.keyResults.map { $0.id?.value })
        }
    }
}
