import Foundation
import PlaybookGit
import XCTest

/// A repository built commit by commit through PlaybookGit, with chosen committer times.
final class ScratchHistory {
    let root: String
    let repository: Repository
    /// Seconds since 1970 of the next commit; each commit moves it on by a day unless told otherwise.
    var clock: Int64 = 1_782_864_000  // 2026-07-01T00:00:00Z

    static let ada = Person(name: "Ada Lovelace", email: "ada@example.com")

    init(for test: XCTestCase) throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("playbook-history-tests-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        test.addTeardownBlock { try? FileManager.default.removeItem(atPath: directory) }
        root = directory + "/repo"
        repository = try Repository.create(at: root)
    }

    func write(_ path: String, _ text: String) throws {
        let url = URL(fileURLWithPath: root + "/" + path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    /// Writes (text) or deletes (nil) files, stages them and commits at `at` (or the clock).
    @discardableResult
    func commit(
        _ files: [String: String?], at time: Int64? = nil, author: Person = ScratchHistory.ada,
        parents: [ObjectID]? = nil, updateHead: Bool = true, message: String = "change"
    ) throws -> ObjectID {
        for (path, text) in files {
            if let text {
                try write(path, text)
            } else {
                try FileManager.default.removeItem(atPath: root + "/" + path)
            }
        }
        try repository.stage(paths: Array(files.keys))
        let when = time ?? clock
        clock = when + 86_400
        let signature = Signature(name: author.name, email: author.email, time: when)
        let committer = Signature(name: "Committer", email: "ci@example.com", time: when)
        if let parents {
            return try repository.commit(
                message: message, author: signature, committer: committer, parents: parents, updateHead: updateHead)
        }
        return try repository.commit(message: message, author: signature, committer: committer)
    }
}

func experiment(_ id: String = "EXP-0001", status: String, extra: String = "") -> String {
    """
    kind: Experiment
    id: \(id)
    squad: growth
    title: Shorter signup form
    hypothesis: HYP-0001
    key_result: OKR-2026Q3-GRO-1/KR-1
    status: \(status)
    metrics:
      primary: signup-rate
    surface: web/signup
    \(extra)
    """
}

func objective(current: String, baseline: String = "10", target: String = "20") -> String {
    """
    kind: Objective
    id: OKR-2026Q3-GRO-1
    squad: growth
    quarter: 2026-Q3
    title: Grow signups
    aligns_to: weekly-active-learners
    key_results:
      - id: KR-1
        title: Signup rate
        metric: signup-rate
        baseline: \(baseline)
        target: \(target)
        current: \(current)
    """
}
