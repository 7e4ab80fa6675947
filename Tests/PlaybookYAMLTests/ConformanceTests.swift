import Foundation
import XCTest
@testable import PlaybookYAML

/// Our accept/reject verdict on every case of the YAML test suite, against the suite's.
///
/// Rejected means a fatal problem or a duplicate key. The spec requires unique keys,
/// so counting duplicates as rejection is right in principle; but the suite tests
/// parsers, which do not compare keys, and we compare scalar keys by text only (so
/// `1` and `"1"` collide, stricter than a YAML 1.2 composer). Today no case's verdict
/// turns on it: 2JQS repeats an empty key, and libyaml rejects it first anyway.
/// Non-fatal problems (tabs that libyaml accepted) do not count as rejection.
final class ConformanceTests: XCTestCase {
    /// Every case where we differ from the suite, with the reason.
    static let knownDeviations: [String: String] = [
        // libyaml 0.2.5 rejects valid YAML:
        "2JQS": "libyaml rejects an empty implicit key (`: a`) in a block mapping (we would also flag the two empty keys as duplicates)",
        "6M2F": "libyaml rejects an empty implicit key (`: *a`) in a block mapping",
        "NKF9": "libyaml rejects an empty implicit key (`: empty key`) in block and flow mappings",
        "S3PD": "libyaml rejects an empty implicit key (`: # Both empty`) in a block mapping",
        "NHX8": "libyaml rejects a stream that is a lone `:` (empty key, empty value)",
        "SM9W/01": "libyaml rejects a stream that is a lone `:` (empty key, empty value)",
        "UKK6/00": "libyaml rejects `- :` (empty key and value in a sequence entry)",
        "M2N8/00": "libyaml rejects `- ? : x` (explicit key whose content is an empty implicit key)",
        "2LFX": "libyaml rejects a reserved directive (`%FOO`) instead of ignoring it",
        "6LVF": "libyaml rejects a reserved directive (`%FOO`) instead of ignoring it",
        "MUS6/05": "libyaml rejects a reserved directive (`%YAM`) instead of ignoring it",
        "MUS6/06": "libyaml rejects a reserved directive (`%YAMLL`) instead of ignoring it",
        "BEC7": "libyaml rejects `%YAML 1.3` instead of reading it with a warning",
        "2SXE": "libyaml allows only letters, digits, `_` and `-` in anchor names (here `&a:`)",
        "8XYN": "libyaml allows only letters, digits, `_` and `-` in anchor names (here an emoji)",
        "W5VH": "libyaml allows only letters, digits, `_` and `-` in anchor names (here `&:@*!$\"<foo>:`)",
        "4ABK": "libyaml rejects an omitted value written `key:,` in a flow mapping",
        "FRK4": "libyaml rejects empty keys and values in a flow mapping (`? foo :,` / `: bar`)",
        "4MUZ/00": "libyaml requires a flow mapping's `:` on the same line as its key",
        "4MUZ/01": "libyaml requires a flow mapping's `:` on the same line as its key",
        "4MUZ/02": "libyaml requires a flow mapping's `:` on the same line as its key",
        "5MUD": "libyaml requires a flow mapping's `:` on the same line as its key",
        "K3WX": "libyaml requires a flow mapping's `:` on the same line as its key (comment between)",
        "VJP3/01": "libyaml requires a flow mapping's `:` on the same line as its key",
        "9SA2": "libyaml rejects a multi-line (double-quoted) implicit key in a flow mapping",
        "NJ66": "libyaml rejects a multi-line plain implicit key in a flow mapping",
        "UT92": "libyaml rejects a multi-line plain implicit key in a flow mapping",
        "58MP": "libyaml rejects a plain scalar starting with `:` in flow context (`:x`)",
        "5T43": "libyaml rejects a plain scalar starting with `:` right after a quoted key (`\"key\"::value`)",
        "HM87/00": "libyaml rejects a plain scalar starting with `:` in flow context (`[:x]`)",
        "DBG4": "libyaml rejects a plain scalar starting with `:` in flow context (`::vector`)",
        "CFD4": "libyaml rejects an empty implicit key in a single-pair flow sequence entry (`[ : empty key ]`)",
        "6BCT": "libyaml rejects a tab as separation right after a block sequence's `-`",
        "A2M4": "libyaml rejects a tab as separation right after a block sequence's `-`",
        "Y79Y/010": "libyaml rejects a tab as separation right after a block sequence's `-`",
        "6CA3": "libyaml rejects a tab before flow content at the start of a line",
        "Q5MG": "libyaml rejects a tab before flow content at the start of a line",
        "DK95/00": "libyaml rejects a tab used as separation after indentation spaces (` \tbar`)",
        "DK95/03": "libyaml rejects a whitespace-only line holding a tab at the start of the stream",
        "DK95/04": "libyaml rejects a tab-only line after a plain scalar",
        "96NN/00": "libyaml rejects a tab after the indentation of a block scalar's first line",
        "96NN/01": "libyaml rejects a tab after the indentation of a block scalar's first line",
        "R4YG": "libyaml rejects a tab after the indentation of a block scalar's leading blank line",
        "Y79Y/001": "libyaml rejects a tab after the indentation of a block scalar's leading blank line",
        "7Z25": "libyaml requires `---` before a bare document that follows a `...` marker",
        "M7A3": "libyaml requires `---` before a bare document that follows a `...` marker",
        "DK3J": "libyaml does not support a top-level block scalar whose content starts at column 1",
        "FP8R": "libyaml does not support a top-level block scalar whose content starts at column 1",
        "W4TN": "libyaml does not support a top-level block scalar whose content starts at column 1 (its `%` line reads as a directive)",
        "HWV9": "libyaml rejects a stream holding only a `...` document end marker",
        "QT73": "libyaml rejects a stream holding only a comment and a `...` document end marker",
        // libyaml 0.2.5 accepts invalid YAML:
        "9C9N": "libyaml does not check the indentation of a flow sequence's continuation lines",
        "QB6E": "libyaml does not check the indentation of a quoted scalar's continuation lines",
        "9HCY": "libyaml accepts a directive after a document that has no `...` end marker",
        "EB22": "libyaml accepts a directive after a document that has no `...` end marker",
        "RHX7": "libyaml accepts a directive after a document that has no `...` end marker",
        "MUS6/01": "libyaml accepts a directive after a document that has no `...` end marker",
        "MUS6/00": "libyaml accepts a comment without a space before it in a directive (`%YAML 1.1#...`)",
        "9JBA": "libyaml accepts a comment without a space before it (`]#invalid`)",
        "CVW2": "libyaml accepts a comment without a space before it (`,#invalid`)",
        "SU5Z": "libyaml accepts a comment without a space before it (`\"value\"# invalid`)",
        "X4QW": "libyaml accepts a comment without a space before it (`>#comment`)",
        "G5U8": "libyaml accepts a plain `-` as a scalar in a flow sequence",
        "YJV2": "libyaml accepts a plain `-` as a scalar in a flow sequence",
        "S98Z": "libyaml accepts block scalar leading blank lines more indented than the first content line",
        "DK95/01": "libyaml accepts a tab indenting a quoted scalar's continuation line; we report it only as a non-fatal tab problem",
        "Y79Y/003": "libyaml accepts a tab indenting flow content; we report it only as a non-fatal tab problem",
    ]

    private static var suiteDirectory: URL {
        // Tests/PlaybookYAMLTests/<this file> → Tests/Fixtures/yaml-test-suite (see its README).
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/yaml-test-suite")
    }

    /// (id, folder) for every case: a folder with in.yaml, or its numbered sub-folders.
    private static func cases(in suite: URL) throws -> [(String, URL)] {
        let files = FileManager.default
        var found: [(String, URL)] = []
        for name in try files.contentsOfDirectory(atPath: suite.path).sorted() {
            let folder = suite.appendingPathComponent(name)
            if files.fileExists(atPath: folder.appendingPathComponent("in.yaml").path) {
                found.append((name, folder))
                continue
            }
            var isDirectory: ObjCBool = false
            guard files.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
                continue
            }
            for sub in try files.contentsOfDirectory(atPath: folder.path).sorted() {
                let subFolder = folder.appendingPathComponent(sub)
                if files.fileExists(atPath: subFolder.appendingPathComponent("in.yaml").path) {
                    found.append(("\(name)/\(sub)", subFolder))
                }
            }
        }
        return found
    }

    func testVerdictsAgreeWithTheYAMLTestSuiteExceptKnownDeviations() throws {
        let suite = Self.suiteDirectory
        guard FileManager.default.fileExists(atPath: suite.path) else {
            XCTFail("yaml-test-suite not found at \(suite.path); it is carried in the repository (Tests/Fixtures/yaml-test-suite)")
            return
        }
        let cases = try Self.cases(in: suite)
        XCTAssertGreaterThan(cases.count, 300, "the suite at \(suite.path) looks incomplete")
        var differing: [String: String] = [:]
        for (id, folder) in cases {
            let input = try Data(contentsOf: folder.appendingPathComponent("in.yaml"))
            let mustReject = FileManager.default.fileExists(atPath: folder.appendingPathComponent("error").path)
            let result = YAMLLoader.load([UInt8](input))
            let rejecting = result.problems.first { $0.isFatal || $0.kind == .duplicateKey }
            if (rejecting != nil) != mustReject {
                differing[id] = rejecting.map { "rejected: \($0)" } ?? "accepted"
            }
        }
        for (id, verdict) in differing.sorted(by: { $0.key < $1.key }) where Self.knownDeviations[id] == nil {
            XCTFail("\(id): we differ from the suite (\(verdict)) and it is not a known deviation")
        }
        for id in Self.knownDeviations.keys.sorted() where differing[id] == nil {
            XCTFail("\(id) is listed as a deviation but now agrees with the suite; remove it")
        }
        print("yaml-test-suite: \(cases.count - differing.count) of \(cases.count) cases agree; "
            + "\(differing.count) known deviations")
    }
}
