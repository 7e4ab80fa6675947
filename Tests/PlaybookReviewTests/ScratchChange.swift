import Foundation
import PlaybookGit
import PlaybookLint
import PlaybookModel
import PlaybookReview
import XCTest

/// A repository built in process through PlaybookGit, one commit a day, for reviewing changes.
final class ScratchChange {
    let root: String
    let repository: Repository
    private var clock: Int64 = 1_782_864_000  // 2026-07-01

    init(for test: XCTestCase) throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("playbook-review-tests-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        test.addTeardownBlock { try? FileManager.default.removeItem(atPath: directory) }
        root = directory + "/repo"
        repository = try Repository.create(at: root)
    }

    /// Writes (text) or deletes (nil) files and commits them, on HEAD or on the given parents; a day after
    /// the last commit, or at `time` (seconds since 1970: commits made in one second, or back in time).
    @discardableResult
    func commit(_ files: [String: String?], parents: [ObjectID]? = nil, updateHead: Bool = true, time: Int64? = nil) throws -> ObjectID {
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
        clock += 86_400
        let signature = Signature(name: "Ada Lovelace", email: "ada@example.com", time: time ?? clock)
        if let parents {
            return try repository.commit(message: "change", author: signature, committer: signature,
                                         parents: parents, updateHead: updateHead)
        }
        return try repository.commit(message: "change", author: signature, committer: signature)
    }

    /// Reviews `base...head` as `playbook review` does.
    /// The findings of the history rules (`history-…`) of the change from `base` to `head`.
    func historyFindings(base: ObjectID, head: ObjectID) throws -> [Finding] {
        try review(base: base, head: head).findings.filter { $0.rule.hasPrefix("history-") }
    }

    func review(base: ObjectID, head: ObjectID) throws -> ReviewReport {
        let reader = ChangeReader(roots: ["playbooks"], include: { $0.hasSuffix(".yml") })
        let input = try reader.read(repository, base: base, head: head)
        return Reviewer.review(input, linter: Linter(today: Day(year: 2026, month: 8, day: 1)))
    }
}

func experiment(_ id: String = "EXP-0001", status: String = "draft", comment: String = "") -> String {
    """
    \(comment)kind: Experiment
    id: \(id)
    squad: growth
    title: Shorter signup form
    hypothesis: HYP-0001
    status: \(status)
    metrics:
      primary: signup-rate
    surface: web/signup

    """
}
