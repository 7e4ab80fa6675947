import Foundation
import XCTest

/// `playbook schema` checked by an independent JSON Schema validator (Python's jsonschema)
/// against the bundled example and against broken documents.
final class SchemaCommandTests: XCTestCase {
    static let script = """
    import json, sys, yaml
    from jsonschema import Draft202012Validator

    class Loader(yaml.SafeLoader):
        pass
    # YAML 1.2, as playbook reads it: dates stay strings.
    Loader.yaml_implicit_resolvers = {
        key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    schema = json.load(open(sys.argv[1]))
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    documents = 0
    for path in sys.argv[2:]:
        for document in yaml.load_all(open(path, encoding="utf-8"), Loader=Loader):
            if document is None:
                continue
            documents += 1
            for error in validator.iter_errors(document):
                print(f"INVALID {path}: {'/'.join(map(str, error.absolute_path))}: {error.message}")
    print(f"DOCUMENTS {documents}")
    """

    func validate(_ yamlFiles: [URL]) throws -> (invalid: [String], documents: Int) {
        let scratch = try ScratchDirectory()
        let schema = try CLI.run(["schema"], in: scratch.url)
        XCTAssertEqual(schema.status, 0)
        try scratch.write("schema.json", schema.stdout)
        try scratch.write("validate.py", Self.script)
        let result = try CLI.run(
            executable: URL(fileURLWithPath: "/usr/bin/env"),
            ["python3", scratch.url.appendingPathComponent("validate.py").path, scratch.url.appendingPathComponent("schema.json").path] + yamlFiles.map(\.path),
            in: scratch.url)
        XCTAssertEqual(result.stderr, "", "the validator ran cleanly (jsonschema and pyyaml come from scripts/setup --for-tests)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        let documents = lines.first { $0.hasPrefix("DOCUMENTS ") }.flatMap { Int($0.dropFirst(10)) } ?? -1
        return (lines.filter { $0.hasPrefix("INVALID") }, documents)
    }

    func testBundledExampleValidatesAgainstTheSchema() throws {
        let root = CLI.repositoryRoot.appendingPathComponent("playbooks")
        var files: [URL] = []
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            if url.pathExtension == "yml" || url.pathExtension == "yaml" { files.append(url) }
        }
        XCTAssertGreaterThan(files.count, 50)
        let (invalid, documents) = try validate(files)
        XCTAssertEqual(invalid, [])
        XCTAssertGreaterThan(documents, 100)
    }

    func testBrokenDocumentsFailValidation() throws {
        let scratch = try ScratchDirectory()
        let broken = [
            "unknown-key.yml": SmallPlaybook.squad + "\nfunnel_stag: activation\n",
            "bad-enum.yml": SmallPlaybook.squad.replacing("funnel_stage: activation", with: "funnel_stage: growth"),
            "missing.yml": SmallPlaybook.metrics.replacing("unit: count\n", with: ""),
            "bad-id.yml": SmallPlaybook.metrics.replacing("id: weekly-active-learners", with: "id: Weekly_Active"),
            "bad-date.yml": "kind: Experiment\nid: EXP-1\nsquad: a\ntitle: t\nhypothesis: HYP-1\nstatus: running\nmetrics: {primary: m}\nsurface: web\nstart: 2026-13-01\n",
            "unknown-kind.yml": "kind: Experimnet\nid: EXP-1\n",
        ]
        for (name, text) in broken { try scratch.write(name, text) }
        let (invalid, documents) = try validate(broken.keys.sorted().map { scratch.url.appendingPathComponent($0) })
        XCTAssertEqual(documents, broken.count)
        for name in broken.keys {
            XCTAssertTrue(invalid.contains { $0.contains("/\(name):") }, "\(name) should be invalid: \(invalid)")
        }
    }

    func testOneKindAloneIsItsOwnSchema() throws {
        let result = try CLI.run(["schema", "Experiment"], in: CLI.repositoryRoot)
        XCTAssertEqual(result.status, 0)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        XCTAssertEqual(object?["$schema"] as? String, "https://json-schema.org/draft/2020-12/schema")
        XCTAssertEqual(object?["required"] as? [String], ["kind", "id", "squad", "title", "hypothesis", "status", "metrics", "surface"])
        XCTAssertEqual(try CLI.run(["schema", "Experimnet"], in: CLI.repositoryRoot).status, 2)
    }
}
