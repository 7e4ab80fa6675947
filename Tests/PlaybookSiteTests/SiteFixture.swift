import Foundation
import PlaybookGit
import PlaybookHistory
import PlaybookModel
import PlaybookOverlaps
import PlaybookSite
import PlaybookYAML
import XCTest

/// A small playbook with a short history, in a scratch repository built through PlaybookGit:
/// one North Star, a squad, an objective whose key result is checked in, two hypotheses, an
/// experiment that runs and concludes, and two ready ones that collide on one surface.
final class SiteFixture {
    let root: String
    let repository: Repository
    static let hostile = "<img src=x onerror=alert(1)> \u{202E}evil"

    init(for test: XCTestCase, title: String = SiteFixture.hostile) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("playbook-site-tests-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        test.addTeardownBlock { try? FileManager.default.removeItem(atPath: directory) }
        root = directory + "/repo"
        repository = try Repository.create(at: root)
        let quoted = "\"" + title.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        try commit("2026-09-20", [
            "playbooks/metrics.yml": Self.metrics, "playbooks/squads/growth.yml": Self.squad,
            "playbooks/okrs/q3.yml": Self.objective(current: 10.5),
            "playbooks/hypotheses/HYP-0001.yml": Self.hypothesis("HYP-0001", title: quoted, status: "testing"),
            "playbooks/hypotheses/HYP-0002.yml": Self.hypothesis("HYP-0002", title: "Streak reminders", status: "backlog"),
            "playbooks/experiments/EXP-0001.yml": Self.experiment("EXP-0001", title: quoted, status: "running", extra: ""),
        ])
        try commit("2026-10-12", [
            "playbooks/okrs/q3.yml": Self.objective(current: 11.5),
            "playbooks/experiments/EXP-0001.yml": Self.experiment("EXP-0001", title: quoted, status: "concluded", extra: """
            result:
              outcome: win
              lift: 0.062
              decision: ship
              learnings: The zeppelin-shaped drop at the password step vanished.
            """),
            "playbooks/experiments/EXP-0002.yml": Self.experiment("EXP-0002", title: "Social sign-in", status: "ready",
                                                                  start: "2026-12-01", extra: ""),
            "playbooks/experiments/EXP-0003.yml": Self.experiment("EXP-0003", title: "Welcome email", status: "ready",
                                                                  start: "2026-12-05", extra: "exclusion_group: onboarding"),
        ])
    }

    /// Writes (text) or deletes (nil) files (paths from the repository top) and commits them on a day, at
    /// noon unless told the hour; with `parents`, a commit of those parents (a side branch's, a merge),
    /// moving HEAD only when `updateHead` says so.
    @discardableResult
    func commit(_ day: String, hour: Int = 12, _ files: [String: String?], parents: [ObjectID]? = nil, updateHead: Bool = true) throws -> ObjectID {
        for (path, text) in files {
            guard let text else {
                try FileManager.default.removeItem(atPath: root + "/" + path)
                continue
            }
            let url = URL(fileURLWithPath: root + "/" + path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        try repository.stage(paths: Array(files.keys))
        let time = Int64(try XCTUnwrap(Day(day)).dayNumber) * 86_400 + Int64(hour) * 3_600
        let author = Signature(name: "Ada", email: "ada@example.com", time: time), committer = Signature(name: "CI", email: "ci@example.com", time: time)
        if let parents {
            return try repository.commit(message: "playbook \(day)", author: author, committer: committer, parents: parents, updateHead: updateHead)
        }
        return try repository.commit(message: "playbook \(day)", author: author, committer: committer)
    }

    /// The site's input, read from the repository as `playbook site` reads it (`mode`: `--all-parents`);
    /// `clone`: read from that repository instead (a clone of this one).
    func input(today: String = "2026-11-30", home: Quarter? = nil, mode: WalkMode = .firstParent, clone: Repository? = nil) throws -> SiteInput {
        let repository = clone ?? repository
        let history = try HistoryReader(roots: ["playbooks"], mode: mode).read(repository)
        var entities: [SourcedEntity] = []
        let tree = try repository.commitInfo(try XCTUnwrap(history.tip)).tree
        for file in try repository.changedFiles(from: nil, to: tree, under: ["playbooks"], include: { $0.hasSuffix(".yml") }) {
            guard let blob = file.newBlob else { continue }
            for document in YAMLLoader.load(try repository.blobData(blob)).documents {
                if let entity = EntityDecoder.decode(document).entity { entities.append(SourcedEntity(entity: entity, file: file.path)) }
            }
        }
        return SiteInput(history: history, timelines: Timelines(history), entities: entities,
                         today: try XCTUnwrap(Day(today)), homeQuarter: home)
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

    static let squad = """
    kind: Squad
    id: growth
    name: Growth
    mission: Get more learners to their first lesson.
    funnel_stage: activation
    members:
      - {name: Ana Ruiz, role: product manager}
    champion: Ana Ruiz
    budget: {quarterly: 1000, currency: EUR}
    metrics: [signup-rate]
    """

    static func objective(current: Double) -> String {
        """
        kind: Objective
        id: OKR-2026Q4-GRO-1
        squad: growth
        quarter: 2026-Q4
        title: More signups
        aligns_to: weekly-active-learners
        key_results:
          - id: KR-1
            title: Signup rate from 10% to 14%
            metric: signup-rate
            baseline: 10
            target: 14
            current: \(current)
        """
    }

    static func hypothesis(_ id: String, title: String, status: String) -> String {
        """
        kind: Hypothesis
        id: \(id)
        squad: growth
        title: \(title)
        statement: {change: a shorter form, audience: new visitors, outcome: lift signup rate by 10%, rationale: fields cost attention}
        metric: signup-rate
        expected_lift: 0.1
        ice: {impact: 7, confidence: 6, ease: 8}
        status: \(status)
        key_result: OKR-2026Q4-GRO-1/KR-1
        """
    }

    static func experiment(_ id: String, title: String, status: String, start: String = "2026-09-21", extra: String) -> String {
        """
        kind: Experiment
        id: \(id)
        squad: growth
        title: \(title)
        hypothesis: HYP-0001
        key_result: OKR-2026Q4-GRO-1/KR-1
        status: \(status)
        metrics: {primary: signup-rate}
        surface: web/signup
        design: {mde: 0.05, power: 0.8, alpha: 0.05, sample_size: 1000, duration_days: 14}
        start: \(start)
        budget: 700
        \(extra)
        """
    }
}
