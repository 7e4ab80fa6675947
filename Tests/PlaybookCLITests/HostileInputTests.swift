import Foundation
import XCTest

/// Hostile files end in a located finding or a clear error, never a crash or a hang, and
/// stay within a memory bound: each run is limited to 1 GiB of address space.
final class HostileInputTests: XCTestCase {
    struct Case {
        var name: String
        var bytes: [UInt8]
        /// `line:col: error: … [rule]` expected in the output, or nil when the file is fine.
        var expected: String?
    }

    static func text(_ string: String) -> [UInt8] { Array(string.utf8) }

    static let metricHead = "kind: Metric\nid: lessons\nname: Lessons\nunit: ratio\ndirection: increase\nowner: activation-emea\n"

    static var cases: [Case] {
        var billionLaughs = "kind: Metric\nid: lol\nname: lol\nunit: ratio\ndirection: increase\nowner: activation-emea\ndescription:\n"
        billionLaughs += "  - &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1...9 {
            billionLaughs += "  - &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        var binary = [UInt8](repeating: 0, count: 4096)
        var seed: UInt32 = 12345
        for i in binary.indices {
            seed = seed &* 1_103_515_245 &+ 12345
            binary[i] = UInt8(truncatingIfNeeded: seed >> 16)
        }
        return [
            Case(name: "bomb.yml", bytes: text(billionLaughs), expected: "[yaml-alias-limit]"),
            Case(name: "deep.yml", bytes: text(String(repeating: "[", count: 100_000)), expected: "[yaml-depth-limit]"),
            Case(name: "deep-block.yml", bytes: text((0..<1000).map { String(repeating: " ", count: $0) + "k:" }.joined(separator: "\n") + " v\n"), expected: "[yaml-depth-limit]"),
            Case(name: "huge-scalar.yml", bytes: text(metricHead + "description: \"" + String(repeating: "x", count: 7_000_000) + "\"\n"), expected: nil),
            Case(name: "huge.yml", bytes: text(metricHead + "description: \"" + String(repeating: "x", count: 50_000_000) + "\"\n"), expected: "1:1: error: the file is 50000110 bytes"),
            Case(name: "invalid-utf8.yml", bytes: text(metricHead) + [0x64, 0x65, 0x73, 0x63, 0x3A, 0x20, 0xC3, 0x28, 0x0A], expected: "7:7: error: "),
            Case(name: "utf16.yml", bytes: [0xFF, 0xFE] + text("kind: Metric\n").flatMap { [$0, 0] }, expected: "1:1: error: "),
            Case(name: "utf8-bom.yml", bytes: [0xEF, 0xBB, 0xBF] + text(metricHead), expected: nil),
            Case(name: "nul.yml", bytes: text(metricHead) + [0x23, 0x00, 0x0A], expected: "7:2: error: "),
            Case(name: "crlf.yml", bytes: text(metricHead.replacing("\n", with: "\r\n") + "colour: red\r\n"), expected: "7:1: error: unknown key \"colour\""),
            Case(name: "lone-cr.yml", bytes: text(metricHead.replacing("\n", with: "\r") + "colour: red\r"), expected: "7:1: error: unknown key \"colour\""),
            Case(name: "tabs.yml", bytes: text(metricHead + "description:\n\tindented with a tab\n"), expected: "[yaml-tab]"),
            Case(name: "binary.yml", bytes: binary, expected: "[yaml-encoding]"),
            Case(name: "tags.yml", bytes: text(metricHead.replacing("name: Lessons", with: "name: !!python/object:os.system Lessons")), expected: "3:7: error: the tag !!python/object:os.system"),
            Case(name: "merge.yml", bytes: text("base: &b {unit: ratio}\n" + metricHead.replacing("unit: ratio\n", with: "<<: *b\n")), expected: "merge keys (<<) are not supported"),
            Case(name: "cross-doc.yml", bytes: text(metricHead + "description: &d shared\n---\n" + metricHead.replacing("id: lessons", with: "id: lessons-2") + "description: *d\n"), expected: "[yaml-syntax]"),
            Case(name: "empty.yml", bytes: [], expected: nil),
            Case(name: "only-comments.yml", bytes: text("# nothing here yet\n"), expected: nil),
        ]
    }

    func testHostileFilesEndInLocatedFindings() throws {
        for item in Self.cases {
            let scratch = try ScratchDirectory()
            try SmallPlaybook.write(into: scratch)
            try Data(item.bytes).write(to: scratch.url.appendingPathComponent("playbooks/\(item.name)"))
            let result = try CLI.run(
                executable: URL(fileURLWithPath: "/usr/bin/prlimit"),
                ["--as=1073741824", "--", CLI.binary.path, "lint"], in: scratch.url)
            let context = "\(item.name): status \(result.status)\n\(result.stdout.prefix(2000))\(result.stderr.prefix(2000))"
            if let expected = item.expected {
                XCTAssertEqual(result.status, 1, context)
                let lines = result.stdout.split(separator: "\n").filter { $0.hasPrefix("playbooks/\(item.name):") }
                XCTAssertTrue(lines.contains { $0.contains(expected) }, context)
            } else {
                XCTAssertEqual(result.status, 0, context)
            }
        }
    }

    func testNonUTF8FileNameIsReported() throws {
        let scratch = try ScratchDirectory()
        try SmallPlaybook.write(into: scratch)
        let folder = Array(scratch.url.appendingPathComponent("playbooks").path.utf8)
        let path = folder + Array("/bad-".utf8) + [0xFF] + Array(".yml".utf8) + [0]
        let fd = path.withUnsafeBufferPointer { open(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), O_CREAT | O_WRONLY, 0o644) }
        XCTAssertGreaterThanOrEqual(fd, 0)
        close(fd)
        let result = try CLI.run(["lint"], in: scratch.url)
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stdout.contains("cannot read the file: its name is not valid UTF-8; rename it [file-unreadable]"), result.stdout)
    }
}
