import Foundation
import PlaybookGit
import PlaybookHistory
import XCTest

/// A playbook history with known numbers: status transitions, check-ins, a rename, a
/// `.mailmap`, a file that fails to parse for one commit, objectives added and dropped.
/// Every commit lands at noon UTC on its day, so durations are whole days.
final class Scenario {
    let root: String
    let repository: Repository

    static let ada = Person(name: "Ada Lovelace", email: "ada@example.com")
    static let graceAlias = Person(name: "grace-laptop", email: "grace@old.example")

    init(for test: XCTestCase) throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("playbook-report-tests-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        test.addTeardownBlock { try? FileManager.default.removeItem(atPath: directory) }
        root = directory + "/repo"
        repository = try Repository.create(at: root)
    }

    static func noon(_ day: String) -> Int64 {
        let parts = day.split(separator: "-").compactMap { Int($0) }
        var components = DateComponents()
        components.year = parts[0]
        components.month = parts[1]
        components.day = parts[2]
        components.hour = 12
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        return Int64(calendar.date(from: components)?.timeIntervalSince1970 ?? 0)
    }

    @discardableResult
    func commit(_ day: String, _ files: [String: String?], author: Person = Scenario.ada, message: String? = nil,
                parents: [ObjectID]? = nil, updateHead: Bool = true) throws -> ObjectID {
        for (path, text) in files {
            let url = URL(fileURLWithPath: root + "/" + path)
            if let text {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: url)
            } else {
                try FileManager.default.removeItem(at: url)
            }
        }
        try repository.stage(paths: Array(files.keys))
        let time = Self.noon(day)
        let authorSignature = Signature(name: author.name, email: author.email, time: time)
        let committer = Signature(name: "CI", email: "ci@example.com", time: time)
        if let parents {
            return try repository.commit(message: message ?? "merge \(day)", author: authorSignature, committer: committer,
                                         parents: parents, updateHead: updateHead)
        }
        return try repository.commit(message: message ?? "playbook update \(day)", author: authorSignature, committer: committer)
    }

    static let metrics = """
    kind: Metric
    id: weekly-active-learners
    name: Weekly active learners
    unit: count
    direction: increase
    owner: growth
    north_star: true
    ---
    kind: Metric
    id: signup-rate
    name: Signup rate
    unit: percent
    direction: increase
    owner: growth
    """

    static func objective(_ id: String, squad: String, alignsTo: String, title: String, krs: [(String, Double, Double, Double)]) -> String {
        var text = """
        kind: Objective
        id: \(id)
        squad: \(squad)
        quarter: 2026-Q3
        title: \(title)
        aligns_to: \(alignsTo)
        key_results:

        """
        for (kr, baseline, target, current) in krs {
            text += """
              - id: \(kr)
                title: \(kr) of \(id)
                metric: signup-rate
                baseline: \(baseline)
                target: \(target)
                current: \(current)

            """
        }
        return text
    }

    static func experiment(_ id: String, squad: String, status: String, title: String? = nil, keyResult: String? = nil, extra: String = "") -> String {
        """
        kind: Experiment
        id: \(id)
        squad: \(squad)
        title: \(title ?? "Experiment \(id)")
        hypothesis: HYP-0001
        \(keyResult.map { "key_result: \($0)" } ?? "")
        status: \(status)
        metrics:
          primary: signup-rate
        surface: web/signup
        \(extra)
        """
    }

    /// Builds the whole history (21 commits).
    func build(title1: String = "Grow signups") throws {
        let o1 = "playbooks/okrs/growth.yml", o2 = "playbooks/okrs/search.yml", o3 = "playbooks/okrs/old.yml"
        let e = { (id: String) in "playbooks/experiments/\(id).yml" }
        let growth1 = { (krs: [(String, Double, Double, Double)]) in
            Scenario.objective("OKR-2026Q3-GRO-1", squad: "growth", alignsTo: "weekly-active-learners", title: title1, krs: krs)
        }
        let win = "start: 2026-07-03\nend: 2026-07-31\nresult:\n  outcome: win\n  decision: ship\n  lift: 0.04\n  p_value: 0.00004\n  learnings: Short forms <b>win</b>, \"really\"."
        try commit("2026-06-20", [
            ".mailmap": "Grace Hopper <grace@example.com> <grace@old.example>\n",
            "playbooks/metrics.yml": Self.metrics,
            o1: growth1([("KR-1", 10, 20, 10)]),
            o3: Self.objective("OKR-2026Q3-GRO-3", squad: "growth", alignsTo: "weekly-active-learners", title: "Old bet",
                               krs: [("KR-1", 0, 100, 5)]),
            e("EXP-0001"): Self.experiment("EXP-0001", squad: "growth", status: "draft", keyResult: "OKR-2026Q3-GRO-1/KR-1"),
        ])
        try commit("2026-07-01", [
            e("EXP-0001"): Self.experiment("EXP-0001", squad: "growth", status: "ready", keyResult: "OKR-2026Q3-GRO-1/KR-1"),
            e("EXP-0004"): Self.experiment("EXP-0004", squad: "search", status: "running", keyResult: "OKR-2026Q3-SRC-1/KR-1",
                                           extra: "start: 2026-07-01"),
        ])
        try commit("2026-07-02", [e("EXP-0005"): Self.experiment("EXP-0005", squad: "search", status: "running", extra: "start: 2026-07-02")])
        try commit("2026-07-03", [e("EXP-0001"): Self.experiment(
            "EXP-0001", squad: "growth", status: "running", keyResult: "OKR-2026Q3-GRO-1/KR-1", extra: "start: 2026-07-03\nend: 2026-07-31")])
        try commit("2026-07-05", [o1: growth1([("KR-1", 10, 20, 12)])])
        try commit("2026-07-10", [e("EXP-0002"): Self.experiment("EXP-0002", squad: "growth", status: "ready")])
        try commit("2026-07-15", [e("EXP-0003"): Self.experiment("EXP-0003", squad: "search", status: "draft")])
        try commit("2026-07-20", [e("EXP-0002"): Self.experiment(
            "EXP-0002", squad: "growth", status: "running", extra: "start: 2026-07-20\ndesign:\n  duration_days: 14")])
        try commit("2026-08-01", [
            e("EXP-0004"): nil,
            "playbooks/experiments/search/EXP-0004.yml": Self.experiment(
                "EXP-0004", squad: "search", status: "running", keyResult: "OKR-2026Q3-SRC-1/KR-1", extra: "start: 2026-07-01"),
        ], message: "Move search experiments into their own folder")
        try commit("2026-08-02", [e("EXP-0001"): Self.experiment(
            "EXP-0001", squad: "growth", status: "concluded", keyResult: "OKR-2026Q3-GRO-1/KR-1", extra: win)])
        try commit("2026-08-10", [o1: growth1([("KR-1", 10, 20, 15)])], author: Self.graceAlias)
        try commit("2026-08-15", [o1: growth1([("KR-1", 10, 20, 15), ("KR-2", 100, 50, 90)])])
        try commit("2026-08-20", [e("EXP-0003"): Self.experiment("EXP-0003", squad: "search", status: "abandoned")])
        try commit("2026-09-01", [o1: growth1([("KR-1", 10, 20, 15), ("KR-2", 100, 50, 70)])])
        try commit("2026-09-05", [o1: "kind: Objective\nid: OKR-2026Q3-GRO-1\nkey_results: [oops\n"], message: "Broken edit")
        try commit("2026-09-06", [o1: growth1([("KR-1", 10, 20, 15), ("KR-2", 100, 50, 70)])], message: "Fix the broken edit")
        try commit("2026-09-10", [o2: Self.objective(
            "OKR-2026Q3-SRC-1", squad: "search", alignsTo: "OKR-2026Q3-GRO-1", title: "Search", krs: [("KR-1", 0, 10, 0)])])
        try commit("2026-09-15", [e("search/EXP-0004"): Self.experiment(
            "EXP-0004", squad: "search", status: "concluded", keyResult: "OKR-2026Q3-SRC-1/KR-1",
            extra: "start: 2026-07-01\nresult:\n  outcome: loss\n  decision: kill\n  learnings:\n    - Nobody searched.\n    - Try again in Q4.")])
        try commit("2026-09-20", [o3: nil])
        try commit("2026-09-25", [e("EXP-0005"): Self.experiment("EXP-0005", squad: "search", status: "concluded", extra: "start: 2026-07-02")])
        try commit("2026-10-05", [o1: growth1([("KR-1", 10, 20, 19), ("KR-2", 100, 50, 70)])])
    }

    func history(cache: Bool = false) throws -> History {
        try HistoryReader(
            roots: ["playbooks"], cacheFile: cache ? HistoryReader.defaultCacheFile(for: repository) : nil
        ).read(repository)
    }
}
