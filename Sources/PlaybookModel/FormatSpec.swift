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
    case object([Field])
    case list(FieldType)
    /// A string or a list of strings.
    case textOrList
}

public struct Field: Sendable, Hashable {
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
    public static func fields(of kind: Kind) -> [Field] {
        let header = [
            Field("kind", .choice([kind.rawValue]), required: true, "the kind of document"),
            Field("id", idType(kind), required: true, "unique across the repository"),
        ]
        switch kind {
        case .metric:
            return header + [
                Field("name", .text, required: true, "human name"),
                Field("description", .text, "what it measures and how"),
                Field("event", event, "the analytics event it counts, e.g. lesson.completed"),
                Field("unit", choices(MetricUnit.self), required: true, "a duration is in days"),
                Field("direction", choices(Direction.self), required: true, "which way is better"),
                Field("owner", kebab, required: true, "the squad that owns its definition"),
                Field("north_star", .boolean, "true on exactly one metric: the company's North Star"),
            ]
        case .squad:
            return header + [
                Field("name", .text, required: true, "human name"),
                Field("mission", .text, "why the squad exists"),
                Field("funnel_stage", choices(FunnelStage.self), required: true, "the stage of the funnel it owns"),
                Field("region", .text, "e.g. emea, latam, global"),
                Field("members", .list(.object([
                    Field("name", .text, required: true, "full name"),
                    Field("role", .text, required: true, "e.g. product manager"),
                ])), required: true, "the people on the squad"),
                Field("champion", .text, required: true, "the member who speaks for the squad"),
                Field("budget", .object([
                    Field("quarterly", .number, required: true, "cap on experiment budgets per quarter"),
                    Field("currency", .text, "ISO code such as EUR"),
                ]), "experiment budget"),
                Field("metrics", .list(kebab), "ids of the metrics it owns"),
            ]
        case .objective:
            return header + [
                Field("squad", kebab, required: true, "the owning squad"),
                Field("quarter", .quarter, required: true, "YYYY-Qn"),
                Field("title", .text, required: true, "the objective, qualitative"),
                Field("aligns_to", .text, required: true, "the North Star metric id, or another objective's id"),
                Field("key_results", .list(.object([
                    Field("id", .pattern("^KR-[0-9]+$", "KR-n"), required: true, "KR-n, unique within the objective"),
                    Field("title", .text, required: true, "the measurable result"),
                    Field("metric", kebab, required: true, "the metric it moves"),
                    Field("baseline", .number, required: true, "value at the start"),
                    Field("target", .number, required: true, "value aimed for"),
                    Field("current", .number, "latest value (each change is a check-in)"),
                    Field("confidence", .fraction, "0–1, the squad's confidence of reaching the target"),
                ])), required: true, "one to four key results"),
            ]
        case .hypothesis:
            return header + [
                Field("squad", kebab, required: true, "the owning squad"),
                Field("title", .text, required: true, "one line"),
                Field("statement", .object([
                    Field("change", .text, required: true, "we believe that CHANGE"),
                    Field("audience", .text, required: true, "for AUDIENCE"),
                    Field("outcome", .text, required: true, "will OUTCOME"),
                    Field("rationale", .text, required: true, "because RATIONALE"),
                ]), required: true, "the hypothesis, in four parts"),
                Field("metric", kebab, required: true, "the metric it expects to move"),
                Field("expected_lift", .number, "as a fraction: 0.05 is 5%"),
                Field("ice", .object([
                    Field("impact", .integer, required: true, "1–10"),
                    Field("confidence", .integer, required: true, "1–10"),
                    Field("ease", .integer, required: true, "1–10"),
                ]), required: true, "ICE score"),
                Field("status", choices(HypothesisStatus.self), required: true, "where the idea stands"),
                Field("key_result", keyResultReference, "the key result it serves"),
            ]
        case .experiment:
            return header + [
                Field("squad", kebab, required: true, "the owning squad"),
                Field("title", .text, required: true, "one line"),
                Field("hypothesis", prefixed("HYP"), required: true, "the hypothesis it tests"),
                Field("key_result", keyResultReference, "the key result it serves"),
                Field("status", choices(ExperimentStatus.self), required: true, "lifecycle state"),
                Field("metrics", .object([
                    Field("primary", kebab, required: true, "the decision metric"),
                    Field("guardrails", .list(kebab), "metrics that must not get worse"),
                ]), required: true, "what it measures"),
                Field("surface", .text, required: true, "where the change lives, e.g. web/pricing-page"),
                Field("audience", .object([
                    Field("segment", .text, "e.g. trial-users; absent means everyone"),
                    Field("regions", .list(.text), "absent means all regions"),
                    Field("platforms", .list(choices(Platform.self)), "absent means all platforms"),
                ]), "who is exposed"),
                Field("exclusion_group", .text, "experiments in one group never share a user"),
                Field("variants", .list(.object([
                    Field("id", .text, required: true, "variant name"),
                    Field("allocation", .number, required: true, "percent of the audience; all add up to 100"),
                ])), "the arms"),
                Field("design", .object([
                    Field("mde", .fraction, "minimum detectable effect, a fraction"),
                    Field("power", .fraction, "e.g. 0.8"),
                    Field("alpha", .fraction, "e.g. 0.05"),
                    Field("sample_size", .integer, "total across arms"),
                    Field("duration_days", .integer, "planned duration"),
                ]), "the power calculation"),
                Field("start", .date, "start (planned start for draft and ready)"),
                Field("end", .date, "end (planned end while running)"),
                Field("budget", .number, "in the squad's currency"),
                Field("result", .object([
                    Field("outcome", choices(Outcome.self), "what happened"),
                    Field("lift", .number, "as a fraction; positive moves the metric in its direction"),
                    Field("p_value", .fraction, "0–1"),
                    Field("decision", choices(Decision.self), "what the squad does next"),
                    Field("learnings", .textOrList, "what was learnt, for every squad"),
                ]), "filled in when concluded"),
                Field("approvals", .list(.object([
                    Field("by", .text, required: true, "who approved"),
                    Field("role", .text, "e.g. growth council"),
                    Field("date", .date, "when"),
                    Field("note", .text, "why"),
                    Field("overlaps", .list(.text), "ids of overlapping work this approval acknowledges"),
                ])), "reviews, e.g. by the growth council"),
            ]
        }
    }

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
