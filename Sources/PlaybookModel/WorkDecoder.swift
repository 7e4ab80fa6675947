import PlaybookYAML

/// Decoding of the two kinds that describe work: hypotheses and experiments.
extension EntityDecoder {
    static func decodeHypothesis(_ f: FieldReader, id: Located<String>, into d: inout [Diagnostic]) -> Hypothesis {
        f.checkKeys(FormatSpec.keys(.hypothesis), into: &d)
        var hypothesis = Hypothesis(id: id)
        hypothesis.documentMark = f.mark
        hypothesis.squad = f.string("squad", required: true, into: &d)
        hypothesis.title = f.string("title", required: true, into: &d)?.value
        if let node = f.node("statement", required: true, into: &d),
           let s = FieldReader(node, what: "the statement of \(f.what)", path: "statement.", entity: id.value, into: &d) {
            s.checkKeys(FormatSpec.keys(.hypothesis, "statement"), into: &d)
            var statement = Statement(mark: node.mark)
            statement.change = s.string("change", required: true, into: &d)?.value
            statement.audience = s.string("audience", required: true, into: &d)?.value
            statement.outcome = s.string("outcome", required: true, into: &d)?.value
            statement.rationale = s.string("rationale", required: true, into: &d)?.value
            hypothesis.statement = statement
        }
        hypothesis.metric = f.string("metric", required: true, into: &d)
        hypothesis.expectedLift = f.number("expected_lift", into: &d)
        if let node = f.node("ice", required: true, into: &d),
           let s = FieldReader(node, what: "the ICE score of \(f.what)", path: "ice.", entity: id.value, into: &d) {
            s.checkKeys(FormatSpec.keys(.hypothesis, "ice"), into: &d)
            var ice = ICE(mark: node.mark)
            ice.impact = s.integer("impact", required: true, into: &d)
            ice.confidence = s.integer("confidence", required: true, into: &d)
            ice.ease = s.integer("ease", required: true, into: &d)
            hypothesis.ice = ice
        }
        hypothesis.status = f.choice("status", HypothesisStatus.self, required: true, into: &d)
        hypothesis.keyResult = keyResultReference(f, into: &d)
        hypothesis.approvals = decodeApprovals(f, kind: .hypothesis, id: id, into: &d)
        return hypothesis
    }

    static func decodeExperiment(_ f: FieldReader, id: Located<String>, into d: inout [Diagnostic]) -> Experiment {
        f.checkKeys(FormatSpec.keys(.experiment), into: &d)
        var experiment = Experiment(id: id)
        experiment.documentMark = f.mark
        experiment.squad = f.string("squad", required: true, into: &d)
        experiment.title = f.string("title", required: true, into: &d)?.value
        experiment.hypothesis = f.string("hypothesis", required: true, into: &d)
        experiment.keyResult = keyResultReference(f, into: &d)
        experiment.status = f.choice("status", ExperimentStatus.self, required: true, into: &d)
        experiment.metrics = decodeMetrics(f, id: id, into: &d)
        experiment.surface = f.string("surface", required: true, into: &d)
        if let node = f.node("audience", required: false, into: &d),
           let a = FieldReader(node, what: "the audience of \(f.what)", path: "audience.", entity: id.value, into: &d) {
            a.checkKeys(FormatSpec.keys(.experiment, "audience"), into: &d)
            var audience = Audience(mark: node.mark)
            audience.segment = a.string("segment", into: &d)?.value
            audience.regions = a.strings("regions", into: &d)?.map(\.value)
            // Kept as written: a name outside `Platform` is lint's schema error, and two experiments that both
            // name it still share that audience (dropping it read `[desktop]` and `[desktop]` as apart).
            audience.platforms = a.strings("platforms", into: &d)?.map {
                _ = FieldReader.choice($0, Platform.self, name: "an item of \(a.name("platforms"))", entity: id.value, into: &d)
                return $0.value
            }
            experiment.audience = audience
        }
        experiment.exclusionGroup = f.string("exclusion_group", into: &d)?.value
        if let (items, mark) = f.list("variants", into: &d) {
            experiment.variantsMark = mark
            for item in items {
                guard let v = FieldReader(item, what: "a variant of \(f.what)", path: "variants.", entity: id.value, into: &d) else { continue }
                v.checkKeys(FormatSpec.keys(.experiment, "variants"), into: &d)
                var variant = Variant(mark: item.mark)
                variant.id = v.string("id", required: true, into: &d)?.value
                variant.allocation = bounded(v, "allocation", 0...100, "is a percentage of the audience, from 0 to 100", required: true, into: &d)
                experiment.variants.append(variant)
            }
        }
        if let node = f.node("design", required: false, into: &d),
           let s = FieldReader(node, what: "the design of \(f.what)", path: "design.", entity: id.value, into: &d) {
            s.checkKeys(FormatSpec.keys(.experiment, "design"), into: &d)
            var design = Design(mark: node.mark)
            design.mde = fraction(s, "mde", into: &d)
            design.power = fraction(s, "power", into: &d)
            design.alpha = fraction(s, "alpha", into: &d)
            design.sampleSize = positive(s, "sample_size", into: &d)
            design.durationDays = duration(s, into: &d)
            experiment.design = design
        }
        experiment.start = f.day("start", into: &d)
        experiment.end = f.day("end", into: &d)
        experiment.budget = EntityDecoder.amount(f, "budget", into: &d)
        experiment.result = decodeResult(f, id: id, into: &d)
        experiment.approvals = decodeApprovals(f, kind: .experiment, id: id, into: &d)
        return experiment
    }

    /// `approvals:` of a hypothesis or an experiment.
    private static func decodeApprovals(_ f: FieldReader, kind: Kind, id: Located<String>, into d: inout [Diagnostic]) -> [Approval] {
        guard let (items, _) = f.list("approvals", into: &d) else { return [] }
        var approvals: [Approval] = []
        for item in items {
            guard let a = FieldReader(item, what: "an approval of \(f.what)", path: "approvals.", entity: id.value, into: &d) else { continue }
            a.checkKeys(FormatSpec.keys(kind, "approvals"), into: &d)
            var approval = Approval(mark: item.mark)
            approval.by = a.string("by", required: true, into: &d)?.value
            approval.role = a.string("role", into: &d)?.value
            approval.date = a.day("date", into: &d)
            approval.note = a.string("note", into: &d)?.value
            approval.overlaps = a.strings("overlaps", into: &d) ?? []
            approvals.append(approval)
        }
        return approvals
    }

    private static func decodeMetrics(_ f: FieldReader, id: Located<String>, into d: inout [Diagnostic]) -> ExperimentMetrics? {
        guard let node = f.node("metrics", required: true, into: &d),
              let m = FieldReader(node, what: "the metrics of \(f.what)", path: "metrics.", entity: id.value, into: &d)
        else { return nil }
        m.checkKeys(FormatSpec.keys(.experiment, "metrics"), into: &d)
        var metrics = ExperimentMetrics(mark: node.mark)
        metrics.primary = m.string("primary", required: true, into: &d)
        metrics.guardrails = m.strings("guardrails", into: &d) ?? []
        return metrics
    }

    private static func decodeResult(_ f: FieldReader, id: Located<String>, into d: inout [Diagnostic]) -> ExperimentResult? {
        guard let node = f.node("result", required: false, into: &d),
              let r = FieldReader(node, what: "the result of \(f.what)", path: "result.", entity: id.value, into: &d)
        else { return nil }
        r.checkKeys(FormatSpec.keys(.experiment, "result"), into: &d)
        var result = ExperimentResult(mark: node.mark)
        result.outcome = r.choice("outcome", Outcome.self, into: &d)
        result.lift = r.number("lift", into: &d)
        result.pValue = fraction(r, "p_value", into: &d)
        result.decision = r.choice("decision", Decision.self, into: &d)
        if let learnings = r.node("learnings", required: false, into: &d) {
            if case .sequence = learnings.value {
                result.learnings = r.strings("learnings", into: &d)?.map(\.value) ?? []
            } else if let text = r.string("learnings", into: &d) {
                result.learnings = [text.value]
            }
        }
        return result
    }

    /// A whole number above zero.
    static func positive(_ f: FieldReader, _ key: String, into d: inout [Diagnostic]) -> Located<Int>? {
        guard let value = f.integer(key, into: &d) else { return nil }
        if value.value <= 0 {
            d.append(Diagnostic(
                rule: RuleID.range, mark: value.mark, message: "\(f.name(key)) must be above zero, found \(value.value)",
                entity: f.entity, field: f.path + key))
        }
        return value
    }

    /// `design.duration_days`: a count of days from 1 to `Design.longestDuration`. A value outside is a
    /// schema-range error at its line and column, and is dropped, so no report or page draws it.
    static func duration(_ f: FieldReader, into d: inout [Diagnostic]) -> Located<Int>? {
        guard let value = positive(f, "duration_days", into: &d), value.value > 0 else { return nil }
        guard value.value <= Design.longestDuration else {
            d.append(Diagnostic(
                rule: RuleID.range, mark: value.mark,
                message: "\(f.name("duration_days")) is a planned duration in days and must be at most \(Design.longestDuration) (ten years), found \(value.value)",
                entity: f.entity, field: f.path + "duration_days"))
            return nil
        }
        return value
    }

    /// `key_result: OKR-…/KR-n`, checked for form here and for existence by the lint layer.
    static func keyResultReference(_ f: FieldReader, into d: inout [Diagnostic]) -> Reference? {
        guard let text = f.string("key_result", into: &d) else { return nil }
        if IDForm.keyResultReference(text.value) == nil {
            d.append(Diagnostic(
                rule: RuleID.idForm, mark: text.mark,
                message: "\(f.name("key_result")) must name an objective and one of its key results, such as OKR-2026Q3-ACT-1/KR-2; found \"\(text.value)\"",
                entity: f.entity, field: f.path + "key_result"))
            return nil
        }
        return text
    }
}
