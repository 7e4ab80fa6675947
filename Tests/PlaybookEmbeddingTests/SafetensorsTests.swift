import Foundation
import PlaybookEmbedding
import XCTest

/// The reader on small hand-made files, hostile ones included; no model needed.
final class SafetensorsTests: XCTestCase {
    /// A file: the header length, `header`, then `data`.
    func file(_ header: String, data: [UInt8] = [], claimedLength: UInt64? = nil) -> [UInt8] {
        let json = Array(header.utf8)
        var bytes: [UInt8] = []
        withUnsafeBytes(of: (claimedLength ?? UInt64(json.count)).littleEndian) { bytes += $0 }
        return bytes + json + data
    }

    func floatBytes(_ values: [Float]) -> [UInt8] {
        values.flatMap { value in withUnsafeBytes(of: value.bitPattern.littleEndian) { Array($0) } }
    }

    func assertMalformed(_ bytes: [UInt8], _ expected: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try SafetensorsFile(bytes: bytes).floats("a"), file: file, line: line) { error in
            guard case let .malformed(_, reason)? = error as? ModelError else {
                return XCTFail("expected a malformed-file error, got \(error)", file: file, line: line)
            }
            XCTAssertTrue(reason.contains(expected), "\(reason) does not say \(expected)", file: file, line: line)
            XCTAssertTrue("\(error)".contains("scripts/setup"), file: file, line: line)
        }
    }

    func testReadsTensorsAndSkipsMetadata() throws {
        let bytes = file(#"{"__metadata__":{"format":"pt"},"a":{"dtype":"F32","shape":[2,2],"data_offsets":[0,16]},"b":{"dtype":"I64","shape":[1],"data_offsets":[16,24]}}"#,
                         data: floatBytes([1, -2.5, 3, 1e-7]) + [7, 0, 0, 0, 0, 0, 0, 0])
        let tensors = try SafetensorsFile(bytes: bytes)
        XCTAssertEqual(Set(tensors.tensors.keys), ["a", "b"])
        XCTAssertEqual(try tensors.floats("a", shape: [2, 2]), [1, -2.5, 3, 1e-7])
        XCTAssertThrowsError(try tensors.floats("a", shape: [4]))
        XCTAssertThrowsError(try tensors.floats("b"))  // not F32
        XCTAssertThrowsError(try tensors.floats("missing"))
    }

    func testTooShortForTheHeaderLength() {
        assertMalformed([1, 2, 3], "shorter than the 8-byte header length")
    }

    func testHeaderLengthPastTheEnd() {
        assertMalformed(file(#"{}"#, claimedLength: 4096), "only 2 follow")
        assertMalformed(file(#"{}"#, claimedLength: UInt64.max), "more than the")
    }

    func testOffsetsPastTheEnd() {
        assertMalformed(file(#"{"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}"#, data: floatBytes([1, 2])),
                        "claims bytes 0..<16 of a data section of 8 bytes")
        assertMalformed(file(#"{"a":{"dtype":"F32","shape":[0],"data_offsets":[9000000000000000000,9000000000000000000]}}"#),
                        "claims bytes")
    }

    func testOffsetsBackwardsOrNegative() {
        assertMalformed(file(#"{"a":{"dtype":"F32","shape":[1],"data_offsets":[8,4]}}"#, data: floatBytes([1, 2])), "claims bytes 8..<4")
        assertMalformed(file(#"{"a":{"dtype":"F32","shape":[1],"data_offsets":[-4,0]}}"#, data: floatBytes([1])), "claims bytes -4..<0")
    }

    func testShapeThatDisagreesWithItsBytesOrOverflows() {
        assertMalformed(file(#"{"a":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}"#, data: floatBytes([1, 2, 3, 4])), "needs 12 bytes")
        assertMalformed(file(#"{"a":{"dtype":"F32","shape":[4294967296,4294967296,4294967296],"data_offsets":[0,8]}}"#, data: floatBytes([1, 2])),
                        "larger than the file")
        assertMalformed(file(#"{"a":{"dtype":"F32","shape":[-1],"data_offsets":[0,0]}}"#), "non-negative")
    }

    func testHeadersThatAreNotTensorTables() {
        assertMalformed(file("not json"), "not a JSON object")
        assertMalformed(file("[1,2]"), "not a JSON object")
        assertMalformed(file(#"{"a":{"dtype":"F32","shape":[1.5],"data_offsets":[0,4]}}"#, data: floatBytes([1])), "integer shape")
        assertMalformed(file(#"{"a":{"dtype":"F32","shape":[true],"data_offsets":[0,4]}}"#, data: floatBytes([1])), "integer shape")
        assertMalformed(file(#"{"a":{"dtype":"F32","shape":[1]}}"#, data: floatBytes([1])), "lacks a dtype, shape or data_offsets")
        assertMalformed(file(#"{"a":{"dtype":"Q4","shape":[1],"data_offsets":[0,4]}}"#, data: floatBytes([1])), "unknown dtype Q4")
        assertMalformed(file(#"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0]}}"#, data: floatBytes([1])), "two data_offsets")
    }

    func testATruncatedFileOnDiskIsAClearError() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("safetensors-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let whole = file(#"{"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}"#, data: floatBytes([1, 2, 3, 4]))
        let path = folder.appendingPathComponent("model.safetensors").path
        try Data(whole).write(to: URL(fileURLWithPath: path))
        XCTAssertEqual(try SafetensorsFile(path: path).floats("a"), [1, 2, 3, 4])
        try Data(whole.dropLast(5)).write(to: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try SafetensorsFile(path: path).floats("a")) { error in
            XCTAssertTrue("\(error)".contains("claims bytes 0..<16 of a data section of 11 bytes"), "\(error)")
        }
    }

    func testAModelFolderWithoutItsFilesSaysToRunSetup() {
        XCTAssertThrowsError(try MiniLMEncoder(folder: "/nonexistent/playbook-model")) { error in
            XCTAssertEqual(error as? ModelError, .notInstalled(folder: "/nonexistent/playbook-model", missing: "config.json"))
            XCTAssertTrue("\(error)".contains("run scripts/setup"))
        }
    }

    /// A vocabulary with no more distinct tokens than the model's table but more lines (a line
    /// repeated) gives a token an id past the table: refused when loading, with the file named,
    /// rather than a word's row read from past the table (another tensor's bytes) at encoding.
    func testAVocabularyWhoseTokenIdsPassTheTableIsRefused() throws {
        _ = try InstalledModel.encoder()
        let installed = try XCTUnwrap(ModelLocation.folder())
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vocabulary-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["config.json", "model.safetensors"] {
            try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent(name).path,
                                                       withDestinationPath: installed + "/" + name)
        }
        // "[PAD]" twice at the top, "hello" moved to the end: as many distinct tokens, one line more.
        let lines = try String(contentsOfFile: installed + "/vocab.txt", encoding: .utf8).split(separator: "\n").map(String.init)
        let vocabulary = ["[PAD]"] + lines.filter { $0 != "hello" } + ["hello"]
        XCTAssertEqual(vocabulary.count, lines.count + 1)
        let path = folder.appendingPathComponent("vocab.txt").path
        try (vocabulary.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try MiniLMEncoder(folder: folder.path)) { error in
            guard case let .malformed(named, reason)? = error as? ModelError else { return XCTFail("\(error)") }
            XCTAssertEqual(named, path)
            XCTAssertTrue(reason.contains("past the model's \(lines.count) tokens"), reason)
        }
    }
}
