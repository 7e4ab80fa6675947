import Foundation
import XCTest

/// A folder under a root whose files playbook cannot read (a symbolic link to a folder, a folder it
/// may not list) is a `file-unreadable` error at the folder, as an unreadable file is: skipped, its
/// files went unlinted while lint said "0 errors" and overlaps "No overlaps found.".
final class HiddenFolderTests: XCTestCase {
    private static let hypothesis = "kind: Hypothesis\nid: HYP-0001\nsquad: nobody-knows\nstatus: wrong\ntitle: Not_Read\n"

    func testASymlinkedFolderIsAnErrorInEveryFormatAndIsNotFollowed() throws {
        let scratch = try ScratchDirectory()
        try SmallPlaybook.write(into: scratch)
        let outside = try ScratchDirectory()
        try outside.write("HYP-0001.yml", Self.hypothesis)
        try FileManager.default.createSymbolicLink(atPath: scratch.url.appendingPathComponent("playbooks/shared").path,
                                                   withDestinationPath: outside.url.path)
        let text = try CLI.run(["lint"], in: scratch.url)
        XCTAssertEqual(text.status, 1, text.stderr)
        XCTAssertEqual(text.stdout, "playbooks/shared:1:1: error: cannot read the file: it is a symbolic link to a folder, which playbook "
            + "does not follow (it could point outside the repository); commit the folder itself [file-unreadable]\n")
        for format in ["json", "sarif", "junit", "github"] {
            let result = try CLI.run(["lint", "--format", format], in: scratch.url)
            XCTAssertEqual(result.status, 1, "\(format): \(result.stderr)")
            XCTAssertTrue(result.stdout.contains("playbooks/shared"), "\(format): \(result.stdout)")
            XCTAssertTrue(result.stdout.contains("it is a symbolic link to a folder"), "\(format): \(result.stdout)")
            XCTAssertFalse(result.stdout.contains("Not_Read") || result.stdout.contains("nobody-knows"), "\(format): the link was followed")
        }
        for arguments in [["overlaps", "--engine", "lexical"], ["search", "--engine", "lexical", "users"]] {
            let result = try CLI.run(arguments, in: scratch.url)
            XCTAssertEqual(result.status, 1, "\(arguments): \(result.stdout)\(result.stderr)")
            XCTAssertTrue(result.stderr.contains("  playbooks/shared: it is a symbolic link to a folder"), "\(arguments): \(result.stderr)")
            XCTAssertTrue(result.stdout.contains("could not be read in full"), "\(arguments): \(result.stdout)")
        }
    }

    /// Root reads any folder, so this runs as another user only (as the other permission tests do).
    func testAFolderThatCannotBeListedIsAnError() throws {
        try XCTSkipIf(getuid() == 0, "root lists any folder")
        let scratch = try ScratchDirectory()
        try SmallPlaybook.write(into: scratch)
        try scratch.write("playbooks/team-b/HYP-0001.yml", Self.hypothesis)
        let folder = scratch.url.appendingPathComponent("playbooks/team-b").path
        XCTAssertEqual(chmod(folder, 0o000), 0)
        defer { chmod(folder, 0o755) }
        let expected = "playbooks/team-b:1:1: error: cannot read the file: it is a folder that cannot be listed (Permission denied) [file-unreadable]\n"
        for arguments in [["lint"], ["lint", "playbooks/team-b"]] {
            let result = try CLI.run(arguments, in: scratch.url)
            XCTAssertEqual(result.status, 1, "\(arguments): \(result.stderr)")
            XCTAssertEqual(result.stdout, expected, "\(arguments)")
        }
        let json = try CLI.run(["lint", "--format", "json"], in: scratch.url)
        XCTAssertEqual(json.status, 1, json.stderr)
        XCTAssertTrue(json.stdout.contains("{\"file\": \"playbooks/team-b\", \"line\": 1, \"column\": 1, \"rule\": \"file-unreadable\""), json.stdout)
        let overlaps = try CLI.run(["overlaps", "--engine", "lexical"], in: scratch.url)
        XCTAssertEqual(overlaps.status, 1, overlaps.stdout + overlaps.stderr)
        XCTAssertTrue(overlaps.stderr.contains("  playbooks/team-b: it is a folder that cannot be listed (Permission denied)"), overlaps.stderr)
    }
}
