/// The file format, declared once: the fields of each kind, their types and which are
/// required. `playbook schema` turns it into JSON Schema for editors; tests check that the
/// decoder accepts exactly what it declares.
public indirect enum FieldType: Sendable, Hashable {
    case text
    case number
    case integer
    /// A number in 0...1.
    case fraction
    case boolean
    case date
    case quarter
    case choice([String])
    /// Text that must match a pattern (ids, references), described for people.
    case pattern(String, String)
    case object([FieldSpec])
    case list(FieldType)
    /// A string or a list of strings.
    case textOrList
}

public struct FieldSpec: Sendable, Hashable {
    public var name: String
    public var type: FieldType
    public var required: Bool
    public var summary: String

    public init(_ name: String, _ type: FieldType, required: Bool = false, _ summary: String) {
        self.name = name
        self.type = type
        self.required = required
        self.summary = summary
    }
}

public enum FormatSpec {
    public static let kebab = FieldType.pattern("^[a-z0-9]+(-[a-z0-9]+)*$", "kebab-case id")
    static func prefixed(_ prefix: String) -> FieldType {
        .pattern("^\(prefix)-[A-Za-z0-9]+(-[A-Za-z0-9]+)*$", "\(prefix)-… id")
    }
    static let keyResultReference = FieldType.pattern("^OKR-[A-Za-z0-9]+(-[A-Za-z0-9]+)*/KR-[0-9]+$", "OKR-…/KR-n")
    static let event = FieldType.pattern("^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+$", "event name such as user.signup")

    static func choices<E: RawRepresentable & CaseIterable>(_ type: E.Type) -> FieldType where E.RawValue == String {
        .choice(E.allCases.map(\.rawValue))
    }

    /// The fields of one kind, `kind` and `id` included.
    public static func fields(of kind: Kind) -> [FieldSpec] {
        let header = [
            FieldSpec("kind", .choice([kind.rawValue]), required: true, "the kind of document"),
            FieldSpec("id", idType(kind), required: true, "unique across the repository"),
        ]
        switch kind {
        case .metric:
            return header + [
                FieldSpec("name", .text, required: true, "human name"),
                FieldSpec("description", .text, "what it measures and how"),
                FieldSpec("event", event, "the analytics event it counts, e.g. lesson.completed"),
                FieldSpec("unit", choices(MetricUnit.self), required: true, "a duration is in days"),
                FieldSpec("direction", choices(Direction.self), required: true, "which way is better"),
                FieldSpec("owner", kebab, required: true, "the squad that owns its definition"),
                FieldSpec("north_star", .boolean, "true on exactly one metric: the company's North Star"),
            ]
        case .squad:
            return header + [
                FieldSpec("name", .text, required: true, "human name"),
                FieldSpec("mission", .text, "why the squad exists"),
                FieldSpec("funnel_stage", choices(FunnelStage.self), required: true, "the stage of the funnel it owns"),
                FieldSpec("region", .text, "e.g. emea, latam, global"),
                FieldSpec("members", .list(.object([
                    FieldSpec("name", .text, required: true, "full name"),
                    FieldSpec("role", .text, required: true, "e.g. product manager"),
                ])), required: true, "the people on the squad"),
                FieldSpec("champion", .text, required: true, "the member who speaks for the squad"),
                FieldSpec("budget", .object([
                    FieldSpec("quarterly", .number, required: true, "cap on experiment budgets per quarter"),
                    FieldSpec("currency", .text, "ISO code such as EUR"),
                ]), "experiment budget"),
                FieldSpec("metrics", .list(kebab), "ids of the metrics it owns"),
            ]
        case .objective:
            return header + [
                FieldSpec("squad", kebab, required: true, "the owning squad"),
                FieldSpec("quarter", .quarter, required: true, "YYYY-Qn"),
                FieldSpec("title", .text, required: true, "the objective, qualitative"),
                FieldSpec("aligns_to", .text, required: true, "the North Star metric id, or another objective's id"),
                FieldSpec("key_results", .list(.object([
                    FieldSpec("id", .pattern("^KR-[0-9]+$", "KR-n"), required: true, "KR-n, unique within the objective"),
                    FieldSpec("title", .text, required: true, "the measurable result"),
                    FieldSpec("metric", kebab, required: true, "the metric it moves"),
                    FieldSpec("baseline", .number, required: true, "value at the start"),
                    FieldSpec("target", .number, required: true, "value aimed for"),
                    FieldSpec("current", .number, "latest value (each change is a check-in)"),
                    FieldSpec("confidence", .fraction, "0–1, the squad's confidence of reaching the target"),
                ])), required: true, "one to four key results"),
            ]
        case .hypothesis:
            return header + [
                FieldSpec("squad", kebab, required: true, "the owning squad"),
                FieldSpec("title", .text, required: true, "one line"),
                FieldSpec("statement", .object([
                    FieldSpec("change", .text, required: true, "we believe that CHANGE"),
                    FieldSpec("audience", .text, required: true, "for AUDIENCE"),
                    FieldSpec("outcome", .text, required: true, "will OUTCOME"),
                    FieldSpec("rationale", .text, required: true, "because RATIONALE"),
                ]), required: true, "the hypothesis, in four parts"),
                FieldSpec("metric", kebab, required: true, "the metric it expects to move"),
                FieldSpec("expected_lift", .number, "as a fraction: 0.05 is 5%"),
                FieldSpec("ice", .object([
                    FieldSpec("impact", .integer, required: true, "1–10"),
                    FieldSpec("confidence", .integer, required: true, "1–10"),
                    FieldSpec("ease", .integer, required: true, "1–10"),
                ]), required: true, "ICE score"),
                FieldSpec("status", choices(HypothesisStatus.self), required: true, "where the idea stands"),
                FieldSpec("key_result", keyResultReference, "the key result it serves"),
                approvals,
            ]
        case .experiment:
            return header + [
                FieldSpec("squad", kebab, required: true, "the owning squad"),
                FieldSpec("title", .text, required: true, "one line"),
                FieldSpec("hypothesis", prefixed("HYP"), required: true, "the hypothesis it tests"),
                FieldSpec("key_result", keyResultReference, "the key result it serves"),
                FieldSpec("status", choices(ExperimentStatus.self), required: true, "lifecycle state"),
                FieldSpec("metrics", .object([
                    FieldSpec("primary", kebab, required: true, "the decision metric"),
                    FieldSpec("guardrails", .list(kebab), "metrics that must not get worse"),
                ]), required: true, "what it measures"),
                FieldSpec("surface", .text, required: true, "where the change lives, e.g. web/pricing-page"),
                FieldSpec("audience", .object([
                    FieldSpec("segment", .text, "e.g. trial-users; absent means everyone"),
                    FieldSpec("regions", .list(.text), "absent means all regions"),
                    FieldSpec("platforms", .list(choices(Platform.self)), "absent means all platforms"),
                ]), "who is exposed"),
                FieldSpec("exclusion_group", .text, "experiments in one group never share a user"),
                FieldSpec("variants", .list(.object([
                    FieldSpec("id", .text, required: true, "variant name"),
                    FieldSpec("allocation", .number, required: true, "percent of the audience; all add up to 100"),
                ])), "the arms"),
                FieldSpec("design", .object([
                    FieldSpec("mde", .fraction, "minimum detectable effect, a fraction"),
                    FieldSpec("power", .fraction, "e.g. 0.8"),
                    FieldSpec("alpha", .fraction, "e.g. 0.05"),
                    FieldSpec("sample_size", .integer, "total across arms"),
                    FieldSpec("duration_days", .integer, "planned duration, 1 to 3,650 days"),
                ]), "the power calculation"),
                FieldSpec("start", .date, "start (planned start for draft and ready)"),
                FieldSpec("end", .date, "end (planned end while running)"),
                FieldSpec("budget", .number, "in the squad's currency"),
                FieldSpec("result", .object([
                    FieldSpec("outcome", choices(Outcome.self), "what happened"),
                    FieldSpec("lift", .number, "as a fraction; positive moves the metric in its direction"),
                    FieldSpec("p_value", .fraction, "0–1"),
                    FieldSpec("decision", choices(Decision.self), "what the squad does next"),
                    FieldSpec("learnings", .textOrList, "what was learnt, for every squad"),
                ]), "filled in when concluded"),
                approvals,
            ]
        }
    }

    /// Reviews of a hypothesis or an experiment; `overlaps` acknowledges duplicates and collisions.
    static let approvals = FieldSpec("approvals", .list(.object([
        FieldSpec("by", .text, required: true, "who approved"),
        FieldSpec("role", .text, "e.g. growth council"),
        FieldSpec("date", .date, "when"),
        FieldSpec("note", .text, "why"),
        FieldSpec("overlaps", .list(.text), "ids of overlapping work this approval acknowledges"),
    ])), "reviews, e.g. by the growth council")

    static func idType(_ kind: Kind) -> FieldType {
        switch kind {
        case .metric, .squad: kebab
        case .objective: prefixed("OKR")
        case .hypothesis: prefixed("HYP")
        case .experiment: prefixed("EXP")
        }
    }
}

extension FormatSpec {
    /// The keys allowed at `path` (nested field names) in a document of `kind`.
    public static func keys(_ kind: Kind, _ path: String...) -> [String] {
        // The decoder asks for these for every document (history decodes thousands): built once.
        if path.count <= 1, let known = knownKeys[kind]?[path.first ?? ""] { return known }
        return computedKeys(kind, path)
    }

    /// Each kind's keys, and those of each of its nested mappings (by the field's name).
    private static let knownKeys: [Kind: [String: [String]]] = {
        var table: [Kind: [String: [String]]] = [:]
        for kind in Kind.allCases {
            var keys: [String: [String]] = ["": computedKeys(kind, [])]
            for field in fields(of: kind) {
                switch field.type {
                case .object, .list(.object): keys[field.name] = computedKeys(kind, [field.name])
                default: break
                }
            }
            table[kind] = keys
        }
        return table
    }()

    private static func computedKeys(_ kind: Kind, _ path: [String]) -> [String] {
        var fields = fields(of: kind)
        for name in path {
            guard let field = fields.first(where: { $0.name == name }) else { return [] }
            switch field.type {
            case .object(let nested), .list(.object(let nested)): fields = nested
            default: return []
            }
        }
        return fields.map(\.name)
    }
}

extension FormatSpec {
    /// The type of the field at `path` (nested field names; a list's items are read under the list's
    /// name) in a document of `kind`, or nil for a key the format does not know.
    public static func type(of kind: Kind, at path: [String]) -> FieldType? {
        var fields = fields(of: kind)
        for (depth, name) in path.enumerated() {
            guard let field = fields.first(where: { $0.name == name }) else { return nil }
            if depth == path.count - 1 { return field.type }
            switch field.type {
            case .object(let nested), .list(.object(let nested)): fields = nested
            default: return nil
            }
        }
        return nil
    }
}
