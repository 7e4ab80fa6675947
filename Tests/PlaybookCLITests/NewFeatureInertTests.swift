import Foundation
import PlaybookGit
import XCTest

/// The commands added after the hardening pass (`search`, the embedding-engine fallback note)
/// keep hostile YAML values and environment values inert: no terminal control, no forged
/// workflow command, no live mention, issue reference, image or link in Markdown.
final class NewFeatureInertTests: XCTestCase {
    static let hostileTitle = "::error::forged signup ##[error]y \u{1B}[31m\u{07}\u{202E} @org/team #123 ![x](http://t/p.png) [a](javascript:x)"

    private func repository() throws -> ScratchDirectory {
        let scratch = try ScratchDirectory()
        try SmallPlaybook.write(into: scratch)
        try scratch.write(".playbook.yml", "roots: [\".\"]\n")
        let title = Self.hostileTitle.unicodeScalars.map { $0.value < 0x20 || $0.value > 0x7E ? String(format: "\\u%04X", $0.value) : String($0) }.joined()
        try scratch.write("hostile.yml", """
        kind: Hypothesis
        id: HYP-0099
        squad: "@org/team\\n::warning::squad"
        title: "\(title)"
        statement: {change: cut the signup form to email, audience: visitors, outcome: more signups, rationale: analytics}
        metric: weekly-active-learners
        ice: {impact: 5, confidence: 5, ease: 5}
        status: backlog

        """)
        return scratch
    }

    /// No raw control, and no line a GitHub runner reads as a workflow command.
    private func assertNoControlOrCommand(_ output: String, _ context: String, file: StaticString = #filePath, line: UInt = #line) {
        for scalar in InertOutputTests.raw {
            XCTAssertFalse(output.unicodeScalars.contains(scalar), "U+\(String(scalar.value, radix: 16)) reached \(context)", file: file, line: line)
        }
        for text in output.split(separator: "\n") {
            XCTAssertFalse(text.drop { $0 == " " || $0 == "\t" }.hasPrefix("::"), "a forged workflow command in \(context): \(text)", file: file, line: line)
            XCTAssertFalse(text.contains("##["), "a forged workflow command in \(context): \(text)", file: file, line: line)
        }
    }

    func testSearchTextForgesNoWorkflowCommand() throws {
        let scratch = try repository()
        let result = try CLI.run(["search", "--engine", "lexical", "signup form"], in: scratch.url)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("HYP-0099"), result.stdout)
        assertNoControlOrCommand(result.stdout, "search text")
        // Shown, not dropped: the reader sees what the file holds.
        XCTAssertTrue(result.stdout.contains("\\u{1B}[31m"), result.stdout)
    }

    func testSearchMarkdownMakesNoMentionReferenceImageOrAutolink() throws {
        let scratch = try repository()
        let result = try CLI.run(["search", "--engine", "lexical", "--format", "markdown", "signup form"], in: scratch.url)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("HYP"), result.stdout)
        assertNoControlOrCommand(result.stdout, "search markdown")
        // GitHub links mentions, references and URLs in the rendered text, after backslash
        // escapes are gone: only a character between the marks stops them.
        for live in ["@org", "#123", "http://"] {
            XCTAssertFalse(result.stdout.contains(live), "\(live) is live in the search comment: \(result.stdout)")
        }
        // A link or image needs a bracket no backslash escapes.
        XCTAssertNil(result.stdout.range(of: #"(?<!\\)[\[\]]"#, options: .regularExpression), result.stdout)
    }

    func testModelFallbackNoteKeepsAHostileModelPathInert() throws {
        let scratch = try repository()
        let model = scratch.url.path + "/no-model\n::error::forged\u{1B}[31m\u{202E}"
        for arguments in [["search", "signup form"], ["overlaps"], ["lint"], ["lint", "--format", "json"]] {
            let result = try CLI.run(arguments, in: scratch.url, environment: ["PLAYBOOK_MODEL": model])
            XCTAssertTrue(result.stderr.contains("no-model"), "\(arguments): \(result.stderr)")
            assertNoControlOrCommand(result.stderr, "\(arguments.joined(separator: " ")) standard error")
        }
    }

    func testSiteKeepsAHostileFolderAndHostileValuesInert() throws {
        let scratch = try repository()
        let repository = try Repository.create(at: scratch.url.path)
        try repository.stage(paths: ["playbooks/metrics.yml", "playbooks/squads/activation-emea.yml", "hostile.yml", ".playbook.yml"])
        _ = try repository.commit(message: "playbook", author: Signature(name: "Eve\u{1B}[31m\u{202E} \" onerror=\"1", email: "e@example.com", time: 1_784_635_200))
        let folder = "out\n::error::forged\u{1B}[31m\u{202E}"
        let result = try CLI.run(["site", "-o", folder], in: scratch.url)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stderr.contains("out\\n::error::forged\\u{1B}[31m"), result.stderr)
        assertNoControlOrCommand(result.stdout + result.stderr, "site's messages")
        // The pages: no tag or attribute from a value, no raw control.
        let site = scratch.url.appendingPathComponent(folder)
        let pages = try XCTUnwrap(FileManager.default.enumerator(atPath: site.path)).compactMap { $0 as? String }.filter { $0.hasSuffix(".html") }
        XCTAssertFalse(pages.isEmpty)
        for page in pages {
            let html = try String(contentsOf: site.appendingPathComponent(page), encoding: .utf8)
            for live in ["<script>", "<img", "onerror=1>", "\" onerror"] {
                XCTAssertFalse(html.contains(live), "\(live) in \(page)")
            }
            XCTAssertFalse(html.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E || $0.value == 0x2028 }, page)
        }
    }
}
