import PlaybookModel
import PlaybookYAML
import XCTest

/// The declared format and the decoder agree: a document using every declared field, with
/// values of the declared types, decodes without a single diagnostic.
final class FormatSpecTests: XCTestCase {
    func value(_ type: FieldType, indent: String) -> String {
        switch type {
        case .text: return "some text"
        case .number: return "12.5"
        case .integer: return "7"
        case .fraction: return "0.05"
        case .boolean: return "false"
        case .date: return "2026-11-02"
        case .quarter: return "2026-Q4"
        case .choice(let values): return values[0]
        case .pattern(let pattern, _):
            if pattern.hasPrefix("^OKR-") && pattern.contains("/KR-") { return "OKR-1/KR-1" }
            if pattern.hasPrefix("^KR-") { return "KR-1" }
            if pattern.hasPrefix("^HYP-") { return "HYP-1" }
            if pattern.hasPrefix("^EXP-") { return "EXP-1" }
            if pattern.hasPrefix("^OKR-") { return "OKR-1" }
            if pattern.contains("\\.") { return "lesson.completed" }
            return "some-id"
        case .object(let fields):
            return "\n" + document(fields, indent: indent + "  ")
        case .list(let item):
            if case .object(let fields) = item {
                let body = document(fields, indent: indent + "    ")
                return "\n" + indent + "  - " + body.dropFirst(indent.count + 4)
            }
            return "[" + value(item, indent: indent) + "]"
        case .textOrList: return "[one learning, another]"
        }
    }

    func document(_ fields: [FieldSpec], indent: String = "") -> String {
        fields.map { indent + $0.name + ": " + value($0.type, indent: indent) }.joined(separator: "\n")
    }

    func testKeysAtEveryNestedObjectAreTheDeclaredFieldNames() {
        var checked = 0
        func walk(_ kind: Kind, _ fields: [FieldSpec], _ path: [String]) {
            XCTAssertEqual(keys(kind, path), fields.map(\.name), "\(kind) \(path)")
            checked += 1
            for field in fields {
                switch field.type {
                case .object(let nested), .list(.object(let nested)): walk(kind, nested, path + [field.name])
                default: XCTAssertEqual(keys(kind, path + [field.name]), [], "\(kind) \(path + [field.name]) holds no object")
                }
            }
        }
        for kind in Kind.allCases { walk(kind, FormatSpec.fields(of: kind), []) }
        XCTAssertGreaterThan(checked, 10)
        XCTAssertEqual(FormatSpec.keys(.experiment, "design"), ["mde", "power", "alpha", "sample_size", "duration_days"])
        XCTAssertEqual(FormatSpec.keys(.experiment, "no_such_field"), [])
    }

    /// `FormatSpec.keys` with a path given as an array.
    private func keys(_ kind: Kind, _ path: [String]) -> [String] {
        switch path.count {
        case 0: FormatSpec.keys(kind)
        case 1: FormatSpec.keys(kind, path[0])
        case 2: FormatSpec.keys(kind, path[0], path[1])
        default: FormatSpec.keys(kind, path[0], path[1], path[2])
        }
    }

    func testEveryDeclaredFieldDecodesCleanly() {
        for kind in Kind.allCases {
            let text = document(FormatSpec.fields(of: kind))
            let loaded = YAMLLoader.load(Array(text.utf8))
            XCTAssertEqual(loaded.problems, [], text)
            guard let document = loaded.documents.first else { return XCTFail("no document for \(kind)") }
            let decoded = EntityDecoder.decode(document)
            XCTAssertEqual(decoded.diagnostics.map(\.message), [], "\(kind):\n\(text)")
            XCTAssertEqual(decoded.entity?.kind, kind)
        }
    }

    func testRequiredFieldsFollowTheConventions() {
        let required = Dictionary(uniqueKeysWithValues: Kind.allCases.map { kind in
            (kind, FormatSpec.fields(of: kind).filter(\.required).map(\.name))
        })
        XCTAssertEqual(required[.metric], ["kind", "id", "name", "unit", "direction", "owner"])
        XCTAssertEqual(required[.squad], ["kind", "id", "name", "funnel_stage", "members", "champion"])
        XCTAssertEqual(required[.objective], ["kind", "id", "squad", "quarter", "title", "aligns_to", "key_results"])
        XCTAssertEqual(required[.hypothesis], ["kind", "id", "squad", "title", "statement", "metric", "ice", "status"])
        XCTAssertEqual(required[.experiment], ["kind", "id", "squad", "title", "hypothesis", "status", "metrics", "surface"])
    }
}
