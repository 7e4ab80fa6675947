import PlaybookModel

/// JSON Schema (draft 2020-12) for playbook files, from `FormatSpec`, so editors running
/// yaml-language-server complete and check them as they are typed.
public enum JSONSchemaWriter {
    public static let dialect = "https://json-schema.org/draft/2020-12/schema"

    /// One schema for any playbook document: `kind` chooses which definition applies.
    public static func document() -> String {
        var defs: [(String, JSONValue)] = []
        var branches: [JSONValue] = []
        for kind in Kind.allCases {
            defs.append((kind.rawValue, object(FormatSpec.fields(of: kind), title: kind.rawValue)))
            branches.append(.object([
                ("if", .object([("properties", .object([("kind", .object([("const", .string(kind.rawValue))]))])), ("required", .array([.string("kind")]))])),
                ("then", .object([("$ref", .string("#/$defs/\(kind.rawValue)"))])),
            ]))
        }
        let root = JSONValue.object([
            ("$schema", .string(dialect)),
            ("$id", .string("https://playbook.invalid/schema/v1/document.json")),
            ("title", .string("Playbook document")),
            ("description", .string("One document of a growth playbook: a Metric, Squad, Objective, Hypothesis or Experiment.")),
            ("type", .string("object")),
            ("required", .array([.string("kind"), .string("id")])),
            ("properties", .object([("kind", .object([("enum", .array(Kind.allCases.map { .string($0.rawValue) }))]))])),
            ("allOf", .array(branches)),
            ("$defs", .object(defs)),
        ])
        return root.render() + "\n"
    }

    /// The schema of one kind alone.
    public static func schema(for kind: Kind) -> String {
        guard case .object(var members) = object(FormatSpec.fields(of: kind), title: kind.rawValue) else { return "" }
        members.insert(("$schema", .string(dialect)), at: 0)
        members.insert(("$id", .string("https://playbook.invalid/schema/v1/\(kind.rawValue.lowercased()).json")), at: 1)
        return JSONValue.object(members).render() + "\n"
    }

    static func object(_ fields: [FieldSpec], title: String? = nil) -> JSONValue {
        var members: [(String, JSONValue)] = []
        if let title { members.append(("title", .string(title))) }
        members.append(("type", .string("object")))
        let required = fields.filter(\.required).map { JSONValue.string($0.name) }
        if !required.isEmpty { members.append(("required", .array(required))) }
        members.append(("properties", .object(fields.map { field in
            guard case .object(var schema) = type(field.type) else { return (field.name, type(field.type)) }
            schema.insert(("description", .string(field.summary)), at: 0)
            return (field.name, .object(schema))
        })))
        members.append(("additionalProperties", .bool(false)))
        return .object(members)
    }

    static func type(_ type: FieldType) -> JSONValue {
        switch type {
        case .text: .object([("type", .string("string"))])
        case .number: .object([("type", .string("number"))])
        case .integer: .object([("type", .string("integer"))])
        case .fraction: .object([("type", .string("number")), ("minimum", .number(0)), ("maximum", .number(1))])
        case .boolean: .object([("type", .string("boolean"))])
        case .date: .object([("type", .string("string")), ("pattern", .string("^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$")), ("format", .string("date"))])
        case .quarter: .object([("type", .string("string")), ("pattern", .string("^[0-9]{4}-Q[1-4]$"))])
        case .choice(let values) where values.count == 1: .object([("const", .string(values[0]))])
        case .choice(let values): .object([("enum", .array(values.map(JSONValue.string)))])
        case .pattern(let pattern, let summary): .object([("type", .string("string")), ("pattern", .string(pattern)), ("$comment", .string(summary))])
        case .object(let fields): object(fields)
        case .list(let item): .object([("type", .string("array")), ("items", self.type(item))])
        case .textOrList: .object([("oneOf", .array([
                .object([("type", .string("string"))]),
                .object([("type", .string("array")), ("items", .object([("type", .string("string"))]))]),
            ]))])
        }
    }
}

/// A JSON value with ordered members, rendered with two-space indentation.
enum JSONValue {
    case string(String)
    case number(Double)
    case bool(Bool)
    case array([JSONValue])
    case object([(String, JSONValue)])

    func render(indent: String = "") -> String {
        let inner = indent + "  "
        switch self {
        case .string(let text): return JSON.string(text)
        case .number(let value): return value == value.rounded() ? String(Int(value)) : String(value)
        case .bool(let value): return value ? "true" : "false"
        case .array(let items):
            if items.allSatisfy({ if case .string = $0 { true } else { false } }) {
                return "[" + items.map { $0.render() }.joined(separator: ", ") + "]"
            }
            return "[\n" + items.map { inner + $0.render(indent: inner) }.joined(separator: ",\n") + "\n" + indent + "]"
        case .object(let members):
            if members.isEmpty { return "{}" }
            return "{\n" + members.map { inner + JSON.string($0.0) + ": " + $0.1.render(indent: inner) }.joined(separator: ",\n") + "\n" + indent + "}"
        }
    }
}
