import Foundation
import XCTest

/// Compares rendered output with a file under Goldens/; `UPDATE_GOLDENS=1 swift test` rewrites them.
enum GoldenFile {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Goldens")

    static func assertMatches(_ text: String, _ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let url = directory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["UPDATE_GOLDENS"] == "1" {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
            return
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            XCTFail("no golden file \(name); run with UPDATE_GOLDENS=1 to write it", file: file, line: line)
            return
        }
        let expected = String(decoding: data, as: UTF8.self)
        if expected != text {
            let actual = FileManager.default.temporaryDirectory.appendingPathComponent(name)
            try? Data(text.utf8).write(to: actual)
            XCTFail("\(name) differs from its golden file; actual output written to \(actual.path)", file: file, line: line)
        }
    }
}
