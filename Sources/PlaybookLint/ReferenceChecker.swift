import PlaybookModel
import PlaybookYAML

/// Checks that every reference names an existing entity of the right kind.
struct ReferenceChecker {
    let index: RepositoryIndex
    let unread: UnreadDefinitions
    private(set) var found: [RepositoryChecks.Located] = []
    private var file = ""
    private var entity = ""

    init(index: RepositoryIndex, unread: UnreadDefinitions = UnreadDefinitions()) {
        self.index = index
        self.unread = unread
    }

    mutating func check(_ placed: PlacedEntity) {
        file = placed.file
        entity = placed.entity.id.value
        switch placed.entity {
        case .metric:
            break // the owner is the metric-owner rule's
        case .squad(let squad):
            for metric in squad.metrics { expect(metric, .metric, "metrics") }
        case .objective(let objective):
            expect(objective.squad, .squad, "squad")
            if let target = objective.alignsTo, index[target.value] == nil {
                let hint = Suggestion.phrase(Suggestion.closestID(
                    to: target.value, in: Array(index.byID.keys.filter { index[$0]?.entity.kind == .metric || index[$0]?.entity.kind == .objective })))
                unresolved(target, "\"aligns_to\" names \"\(target.value)\", but no metric or objective has that id\(hint)")
            }
            var keyResultIDs: [String: KeyResult] = [:]
            for kr in objective.keyResults {
                expect(kr.metric, .metric, "key_results.metric")
                guard let id = kr.id else { continue }
                if let first = keyResultIDs[id.value] {
                    found.append((file, Diagnostic(
                        rule: LintRuleID.duplicateID, mark: id.mark,
                        message: "objective \(entity) has two key results with id \"\(id.value)\" (the first at line \(first.mark.line))",
                        entity: entity)))
                } else {
                    keyResultIDs[id.value] = kr
                }
            }
        case .hypothesis(let hypothesis):
            expect(hypothesis.squad, .squad, "squad")
            expect(hypothesis.metric, .metric, "metric")
            expectKeyResult(hypothesis.keyResult)
            expectOverlaps(hypothesis.approvals, "hypothesis")
        case .experiment(let experiment):
            expect(experiment.squad, .squad, "squad")
            expect(experiment.hypothesis, .hypothesis, "hypothesis")
            expectKeyResult(experiment.keyResult)
            expect(experiment.metrics?.primary, .metric, "metrics.primary")
            for guardrail in experiment.metrics?.guardrails ?? [] { expect(guardrail, .metric, "metrics.guardrails") }
            var variantIDs: Set<String> = []
            for variant in experiment.variants {
                guard let id = variant.id, !variantIDs.insert(id).inserted else { continue }
                found.append((file, Diagnostic(
                    rule: LintRuleID.duplicateID, mark: variant.mark,
                    message: "experiment \(entity) has two variants with id \"\(id)\"", entity: entity)))
            }
            expectOverlaps(experiment.approvals, "experiment")
        }
    }

    /// An acknowledgement names another entity that exists.
    private mutating func expectOverlaps(_ approvals: [Approval], _ kind: String) {
        for approval in approvals {
            for other in approval.overlaps {
                if other.value == entity {
                    report(other, "\"approvals.overlaps\" names this \(kind) itself; name the other entity the council reviewed it against")
                } else if index[other.value] == nil {
                    let hint = Suggestion.phrase(index.suggestion(for: other.value, kind: kind == "hypothesis" ? .hypothesis : .experiment))
                    unresolved(other, "\"approvals.overlaps\" names \"\(other.value)\", but no entity has that id\(hint)")
                }
            }
        }
    }

    private mutating func expect(_ reference: Reference?, _ kind: Kind, _ field: String) {
        guard let reference else { return }
        if let target = index[reference.value] {
            if target.entity.kind != kind, !index.defines(reference.value, as: kind) {
                report(reference, "\"\(field)\" must name a \(kind.rawValue), but \"\(reference.value)\" is a \(target.entity.kind.rawValue)")
            }
            return
        }
        let hint = Suggestion.phrase(index.suggestion(for: reference.value, kind: kind))
        unresolved(reference, "\"\(field)\" names \(kind.rawValue.lowercased()) \"\(reference.value)\", which does not exist\(hint)")
    }

    private mutating func expectKeyResult(_ reference: Reference?) {
        guard let reference, let (objectiveID, keyResultID) = IDForm.keyResultReference(reference.value) else { return }
        guard let objective = index.objective(objectiveID) else {
            let hint = Suggestion.phrase(index.suggestion(for: objectiveID, kind: .objective))
            unresolved(reference, "\"key_result\" names objective \"\(objectiveID)\", which does not exist\(hint)", id: objectiveID)
            return
        }
        let ids = objective.keyResults.compactMap { $0.id?.value }
        // Two key results sharing an id: that is the error (`id-duplicate`), and the one meant may be either.
        if !ids.contains(keyResultID), Set(ids).count == ids.count {
            let listed = ids.isEmpty ? "it has none" : "it has \(ids.joined(separator: ", "))"
            report(reference, "\"key_result\" names \(keyResultID) of \(objectiveID), but that objective has no such key result (\(listed))")
        }
    }

    /// A reference that names no entity: not reported when a file that could not be read or decoded may
    /// define it (that file's own error comes first).
    private mutating func unresolved(_ reference: Reference, _ message: @autoclosure () -> String, id: String? = nil) {
        guard !unread.ids.contains(id ?? reference.value) else { return }
        report(reference, message())
    }

    private mutating func report(_ reference: Reference, _ message: String) {
        found.append((file, Diagnostic(
            rule: LintRuleID.unresolvedReference, mark: reference.mark, message: message,
            entity: entity, related: [reference.value])))
    }
}
