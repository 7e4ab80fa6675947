import PlaybookYAML

/// What one YAML document decoded to.
public struct DecodedDocument: Sendable {
    /// Nil when the document has no usable `kind` and `id`.
    public var entity: Entity?
    public var diagnostics: [Diagnostic]

    public init(entity: Entity?, diagnostics: [Diagnostic]) {
        self.entity = entity
        self.diagnostics = diagnostics
    }
}

/// Decodes YAML documents into entities, with a diagnostic for every schema problem.
public enum EntityDecoder {
    /// Decodes one document. An empty document decodes to nothing, silently.
    public static func decode(_ document: Document) -> DecodedDocument {
        guard let root = document.root else { return DecodedDocument(entity: nil, diagnostics: []) }
        var diagnostics: [Diagnostic] = []
        guard let header = FieldReader(root, what: "a playbook document", entity: nil, into: &diagnostics) else {
            return DecodedDocument(entity: nil, diagnostics: diagnostics)
        }
        let kind = decodeKind(header, into: &diagnostics)
        guard let id = header.string("id", required: true, into: &diagnostics) else {
            if let (key, mark) = header.misspelt("id") { diagnostics.append(misspelt(key, "id", at: mark)) }
            return DecodedDocument(entity: nil, diagnostics: diagnostics)
        }
        guard let kind else {
            return DecodedDocument(entity: nil, diagnostics: diagnostics)
        }
        if !IDForm.isValid(id.value, for: kind) {
            diagnostics.append(Diagnostic(
                rule: RuleID.idForm, mark: id.mark,
                message: "\(kind.rawValue) id \"\(id.value)\" is not well formed: use \(IDForm.example(for: kind))",
                entity: id.value))
        }
        let what = "\(kind.rawValue) \(id.value)"
        // The header again under the entity's name, so every message says which entity it is about.
        let fields = header.named(what, entity: id.value)
        // The invalid fields are set on the value before it is wrapped: set through the (indirect)
        // enum, the whole entity was copied out of its box and boxed again.
        let entity: Entity
        switch kind {
        case .metric:
            var value = decodeMetric(fields, id: id, into: &diagnostics)
            value.invalidFields = invalidFields(diagnostics)
            entity = .metric(value)
        case .squad:
            var value = decodeSquad(fields, id: id, into: &diagnostics)
            value.invalidFields = invalidFields(diagnostics)
            entity = .squad(value)
        case .objective:
            var value = decodeObjective(fields, id: id, into: &diagnostics)
            value.invalidFields = invalidFields(diagnostics)
            entity = .objective(value)
        case .hypothesis:
            var value = decodeHypothesis(fields, id: id, into: &diagnostics)
            value.invalidFields = invalidFields(diagnostics)
            entity = .hypothesis(value)
        case .experiment:
            var value = decodeExperiment(fields, id: id, into: &diagnostics)
            value.invalidFields = invalidFields(diagnostics)
            entity = .experiment(value)
        }
        return DecodedDocument(entity: entity, diagnostics: diagnostics)
    }

    private static func invalidFields(_ diagnostics: [Diagnostic]) -> Set<String> {
        Set(diagnostics.compactMap(\.field))
    }

    /// A header key misspelt (`kidn`, `idd`): the document is not decoded further, so no other check says so.
    private static func misspelt(_ key: String, _ meant: String, at mark: Mark) -> Diagnostic {
        Diagnostic(rule: RuleID.unknownKey, mark: mark, message: "unknown key \"\(key)\" in a playbook document; did you mean \"\(meant)\"?")
    }

    private static func decodeKind(_ header: FieldReader, into diagnostics: inout [Diagnostic]) -> Kind? {
        guard let text = header.string("kind", required: true, into: &diagnostics) else {
            // Said here: without a kind no key is checked against a list.
            if let (key, mark) = header.misspelt("kind") { diagnostics.append(misspelt(key, "kind", at: mark)) }
            return nil
        }
        if let kind = Kind(rawValue: text.value) { return kind }
        let names = Kind.allCases.map(\.rawValue)
        let hint = Suggestion.phrase(Suggestion.closest(to: text.value, in: names))
        diagnostics.append(Diagnostic(
            rule: RuleID.kind, mark: text.mark,
            message: "unknown kind \"\(text.value)\": expected one of \(names.joined(separator: ", "))\(hint)"))
        return nil
    }

    static func decodeMetric(_ f: FieldReader, id: Located<String>, into d: inout [Diagnostic]) -> Metric {
        f.checkKeys(FormatSpec.keys(.metric), into: &d)
        var metric = Metric(id: id)
        metric.documentMark = f.mark
        metric.name = f.string("name", required: true, into: &d)?.value
        metric.description = f.string("description", into: &d)?.value
        if let event = f.string("event", into: &d) {
            metric.event = event.value
            if !isEventName(event.value) {
                d.append(Diagnostic(
                    rule: RuleID.idForm, mark: event.mark,
                    message: "\(f.name("event")) must be an event taxonomy name such as user.signup (lowercase words joined by dots), found \"\(event.value)\"",
                    entity: id.value))
            }
        }
        metric.unit = f.choice("unit", MetricUnit.self, required: true, into: &d)?.value
        metric.direction = f.choice("direction", Direction.self, required: true, into: &d)?.value
        metric.owner = f.string("owner", required: true, into: &d)
        metric.northStar = f.bool("north_star", into: &d)
        return metric
    }

    static func decodeSquad(_ f: FieldReader, id: Located<String>, into d: inout [Diagnostic]) -> Squad {
        f.checkKeys(FormatSpec.keys(.squad), into: &d)
        var squad = Squad(id: id)
        squad.documentMark = f.mark
        squad.name = f.string("name", required: true, into: &d)?.value
        squad.mission = f.string("mission", into: &d)?.value
        squad.funnelStage = f.choice("funnel_stage", FunnelStage.self, required: true, into: &d)?.value
        squad.region = f.string("region", into: &d)?.value
        if let (items, _) = f.list("members", required: true, into: &d) {
            for item in items {
                guard let m = FieldReader(item, what: "a member of \(f.what)", path: "members.", entity: id.value, into: &d) else { continue }
                m.checkKeys(FormatSpec.keys(.squad, "members"), into: &d)
                var member = Member(mark: item.mark)
                member.name = m.string("name", required: true, into: &d)
                member.role = m.string("role", required: true, into: &d)?.value
                squad.members.append(member)
            }
        }
        squad.champion = f.string("champion", required: true, into: &d)
        if let node = f.node("budget", required: false, into: &d),
           let b = FieldReader(node, what: "the budget of \(f.what)", path: "budget.", entity: id.value, into: &d) {
            b.checkKeys(FormatSpec.keys(.squad, "budget"), into: &d)
            var budget = Budget(mark: node.mark)
            budget.quarterly = amount(b, "quarterly", required: true, into: &d)
            budget.currency = b.string("currency", into: &d)?.value
            squad.budget = budget
        }
        squad.metrics = f.strings("metrics", into: &d) ?? []
        return squad
    }

    static func decodeObjective(_ f: FieldReader, id: Located<String>, into d: inout [Diagnostic]) -> Objective {
        f.checkKeys(FormatSpec.keys(.objective), into: &d)
        var objective = Objective(id: id)
        objective.documentMark = f.mark
        objective.squad = f.string("squad", required: true, into: &d)
        objective.quarter = f.quarter("quarter", required: true, into: &d)
        objective.title = f.string("title", required: true, into: &d)?.value
        objective.alignsTo = f.string("aligns_to", required: true, into: &d)
        if let (items, mark) = f.list("key_results", required: true, into: &d) {
            objective.keyResultsMark = mark
            for item in items {
                guard let k = FieldReader(item, what: "a key result of \(f.what)", path: "key_results.", entity: id.value, into: &d) else { continue }
                k.checkKeys(FormatSpec.keys(.objective, "key_results"), into: &d)
                var kr = KeyResult(mark: item.mark)
                kr.id = k.string("id", required: true, into: &d)
                if let krID = kr.id, !IDForm.isKeyResultID(krID.value) {
                    d.append(Diagnostic(
                        rule: RuleID.idForm, mark: krID.mark,
                        message: "key result id \"\(krID.value)\" is not well formed: use KR- followed by a number, such as KR-1",
                        entity: id.value))
                }
                kr.title = k.string("title", required: true, into: &d)?.value
                kr.metric = k.string("metric", required: true, into: &d)
                kr.baseline = k.number("baseline", required: true, into: &d)
                kr.target = k.number("target", required: true, into: &d)
                kr.current = k.number("current", into: &d)
                kr.confidence = fraction(k, "confidence", into: &d)
                objective.keyResults.append(kr)
            }
        }
        return objective
    }

    /// A number that must lie in 0...1.
    static func fraction(_ f: FieldReader, _ key: String, required: Bool = false, into d: inout [Diagnostic]) -> Located<Double>? {
        guard let value = f.number(key, required: required, into: &d) else { return nil }
        if !(0...1).contains(value.value) {
            d.append(Diagnostic(
                rule: RuleID.range, mark: value.mark,
                message: "\(f.name(key)) is a fraction and must lie between 0 and 1 (0.05 means 5%), found \(format(value.value))",
                entity: f.entity, field: f.path + key))
        }
        return value
    }

    /// A number that must lie in `range` (allocations, sizes, budgets).
    static func bounded(_ f: FieldReader, _ key: String, _ range: ClosedRange<Double>, _ meaning: String, required: Bool = false,
                        into d: inout [Diagnostic]) -> Located<Double>? {
        guard let value = f.number(key, required: required, into: &d) else { return nil }
        if !range.contains(value.value) {
            d.append(Diagnostic(
                rule: RuleID.range, mark: value.mark,
                message: "\(f.name(key)) \(meaning), found \(format(value.value))", entity: f.entity, field: f.path + key))
        }
        return value
    }

    /// An amount of money: `bounded`, and written `25.000` (a point between thousands, as much of
    /// Europe writes them) it reads as 25, so it is an error that says how to write 25,000.
    static func amount(_ f: FieldReader, _ key: String, required: Bool = false, into d: inout [Diagnostic]) -> Located<Double>? {
        let value = bounded(f, key, 0...Double.greatestFiniteMagnitude, "cannot be negative", required: required, into: &d)
        if let value, let node = f[key], case .scalar(let text, .plain) = node.value, FieldReader.groupsThousandsWithPoints(text) {
            let thousands = text.replacingOccurrences(of: ".", with: "")
            d.append(Diagnostic(
                rule: RuleID.type, mark: value.mark,
                message: "\(f.name(key)) is written \(text), which reads as \(format(value.value)) (a point starts the decimals); write \(thousands) if the point groups thousands",
                entity: f.entity, field: f.path + key))
            return nil // not 25: no budget rule judges an amount nobody meant
        }
        return value
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    /// Lowercase words (letters, digits, underscores) joined by dots, at least two of them.
    static func isEventName(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count >= 2 && parts.allSatisfy { part in
            guard let first = part.utf8.first, first >= UInt8(ascii: "a"), first <= UInt8(ascii: "z") else { return false }
            return part.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == UInt8(ascii: "_") }
        }
    }
}
