import Foundation
import XCTest

/// Validates JSON documents against a JSON Schema with an independent validator (Python's
/// `jsonschema`, which scripts/setup installs), so our output is not checked by our own code.
enum SchemaValidator {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// Data the tests read, carried in the repository (each folder says its source and licence).
    static let fixtures = repositoryRoot.appendingPathComponent("Tests/Fixtures")

    static let script = """
    import json, sys
    from jsonschema.validators import validator_for
    schema = json.load(open(sys.argv[1]))
    validator = validator_for(schema)(schema)
    failures = 0
    for path in sys.argv[2:]:
        for error in validator.iter_errors(json.load(open(path))):
            failures += 1
            print(f"{path}: {'/'.join(map(str, error.absolute_path))}: {error.message}")
    sys.exit(1 if failures else 0)
    """

    /// The validator's complaints about each document (empty when all are valid).
    static func problems(schemaFile: URL, documents: [String]) throws -> [String] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("playbook-schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var paths: [String] = []
        for (index, document) in documents.enumerated() {
            let path = folder.appendingPathComponent("document-\(index).json")
            try Data(document.utf8).write(to: path)
            paths.append(path.path)
        }
        let scriptFile = folder.appendingPathComponent("validate.py")
        try Data(script.utf8).write(to: scriptFile)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", scriptFile.path, schemaFile.path] + paths
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        if process.terminationStatus != 0 && text.isEmpty { return ["validator failed to run"] }
        if text.contains("ModuleNotFoundError") || text.contains("Traceback") { return ["validator could not run: \(text)"] }
        return text.split(separator: "\n").map(String.init)
    }
}
