import Foundation
import PlaybookGit
import XCTest

/// `x.YML` and `x.Yaml` are no playbook files (only `.yml` and `.yaml` are), but meant as ones: lint,
/// `--staged` and `review` name them instead of passing over them in silence, and no report is written
/// as one under a root (on a case-insensitive file system `metrics.YML` is `metrics.yml`).
final class MiscasedExtensionTests: XCTestCase {
    private static let named = """
    playbooks/HYP-1.YML:1:1: error: cannot read the file: its extension is not lower-case, and only .yml and .yaml files are playbook files; rename it to "HYP-1.yml" [file-unreadable]
    playbooks/hypotheses/m.Yaml:1:1: error: cannot read the file: its extension is not lower-case, and only .yml and .yaml files are playbook files; rename it to "m.yaml" [file-unreadable]

    """

    func testLintStagedAndReviewNameAFileWhoseExtensionIsInCapitals() throws {
        let scratch = try ScratchDirectory()
        let repository = try Repository.create(at: scratch.url.path)
        try SmallPlaybook.write(into: scratch)
        try repository.stage(paths: ["playbooks/metrics.yml", "playbooks/squads/activation-emea.yml"])
        let author = Signature(name: "Ana", email: "ana@example.com", time: 1_782_907_200)
        let base = try repository.commit(message: "start", author: author)
        try scratch.write("playbooks/HYP-1.YML", "kind: Hypothesis\nid: HYP-1\nsquad: nobody\n")
        try scratch.write("playbooks/hypotheses/m.Yaml", "kind: Metric\n")
        let linted = try CLI.run(["lint"], in: scratch.url)
        XCTAssertEqual(linted.status, 1, linted.stderr)
        XCTAssertEqual(linted.stdout, Self.named)
        try repository.stage(paths: ["playbooks/HYP-1.YML", "playbooks/hypotheses/m.Yaml"])
        let staged = try CLI.run(["lint", "--staged"], in: scratch.url)
        XCTAssertEqual(staged.status, 1, staged.stderr)
        XCTAssertEqual(staged.stdout, Self.named)
        _ = try repository.commit(message: "capitals", author: Signature(name: "Ana", email: "ana@example.com", time: 1_782_910_800))
        let reviewed = try CLI.run(["review", "--base", base.description, "--format", "text"], in: scratch.url)
        XCTAssertEqual(reviewed.status, 1, reviewed.stderr)
        XCTAssertTrue(reviewed.stdout.hasSuffix(Self.named), reviewed.stdout)
    }

    func testAReportIsNotWrittenAsAPlaybookFileInOtherLetterCase() throws {
        let scratch = try ScratchDirectory()
        let repository = try Repository.create(at: scratch.url.path)
        try SmallPlaybook.write(into: scratch)
        try repository.stage(paths: ["playbooks/metrics.yml", "playbooks/squads/activation-emea.yml"])
        _ = try repository.commit(message: "start", author: Signature(name: "Ana", email: "ana@example.com", time: 1_782_907_200))
        for target in ["playbooks/metrics.YML", "playbooks/new.Yaml"] {
            let result = try CLI.run(["report", "okr", "--quarter", "2026-Q3", "-o", target], in: scratch.url)
            XCTAssertEqual(result.status, 2, "\(target): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains("cannot write \(target): it is named as a playbook file under the root playbooks"), result.stderr)
            XCTAssertFalse(FileManager.default.fileExists(atPath: scratch.url.appendingPathComponent(target).path), target)
        }
        let elsewhere = try CLI.run(["report", "okr", "--quarter", "2026-Q3", "-o", "playbooks/okr.md"], in: scratch.url)
        XCTAssertEqual(elsewhere.status, 0, elsewhere.stderr)
    }
}
