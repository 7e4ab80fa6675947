import PlaybookModel
import PlaybookYAML

/// The checks that need the whole repository: unique ids, references, the North Star and alignment.
enum RepositoryChecks {
    typealias Located = (file: String, diagnostic: Diagnostic)

    static func run(_ entities: [PlacedEntity], index: RepositoryIndex, fallbackFile: (file: String, mark: Mark),
                    unread: UnreadDefinitions = UnreadDefinitions()) -> [Located] {
        var out: [Located] = []
        // Both places are reported: which one is the mistake is the author's call.
        var reportedFirst: Set<String> = []
        for (duplicate, first) in index.duplicates {
            let id = duplicate.entity.id
            out.append((duplicate.file, Diagnostic(
                rule: LintRuleID.duplicateID, mark: id.mark,
                message: "duplicate id \"\(id.value)\": also used by the \(first.entity.kind.rawValue) at \(first.file):\(first.entity.id.mark.line)",
                entity: id.value, related: [id.value])))
            if reportedFirst.insert(id.value).inserted {
                out.append((first.file, Diagnostic(
                    rule: LintRuleID.duplicateID, mark: first.entity.id.mark,
                    message: "duplicate id \"\(id.value)\": also used by the \(duplicate.entity.kind.rawValue) at \(duplicate.file):\(id.mark.line)",
                    entity: id.value, related: [id.value])))
            }
        }
        var references = ReferenceChecker(index: index, unread: unread)
        for placed in entities {
            references.check(placed)
        }
        out += references.found
        out += northStar(index, fallbackFile: fallbackFile, unread: unread)
        out += alignment(entities, index: index)
        return out
    }

    /// `fallbackFile`: where the finding goes when the playbook has no metric to point at.
    /// `unread`: with a file that could not be decoded, which may hold the North Star, none is called missing.
    static func northStar(_ index: RepositoryIndex, fallbackFile: (file: String, mark: Mark),
                          unread: UnreadDefinitions = UnreadDefinitions()) -> [Located] {
        let metrics = index.metrics
        let stars = metrics.filter { $0.0.northStar?.value == true }
        // A `north_star` written wrongly is its own finding; do not also call it missing.
        if stars.isEmpty, metrics.contains(where: { $0.0.isInvalid("north_star") }) { return [] }
        if stars.isEmpty, unread.incomplete { return [] }
        if stars.isEmpty {
            let (file, mark) = metrics.first.map { ($0.1, $0.0.id.mark) } ?? fallbackFile
            let detail = metrics.isEmpty ? "the repository defines no Metric" : "no metric is marked `north_star: true`"
            return [(file, Diagnostic(
                rule: LintRuleID.northStar, mark: mark,
                message: "exactly one metric must be the North Star, but \(detail); add `north_star: true` to the company-wide metric"))]
        }
        let first = stars[0]
        return stars.dropFirst().map { metric, file in
            (file, Diagnostic(
                rule: LintRuleID.northStar, mark: metric.northStar?.mark ?? metric.id.mark,
                message: "a second North Star: \"\(metric.id.value)\" is marked `north_star: true`, but \"\(first.0.id.value)\" (\(first.1):\(first.0.id.mark.line)) already is; keep exactly one",
                entity: metric.id.value, related: [first.0.id.value]))
        }
    }

    /// Each objective's `aligns_to` chain must end at the North Star metric.
    static func alignment(_ entities: [PlacedEntity], index: RepositoryIndex) -> [Located] {
        // With no North Star there is nothing to align to (the north-star rule says so); with
        // several (also its finding), an objective aligned to none of them is still wrong.
        let stars = index.metrics.filter { $0.0.northStar?.value == true }.map(\.0.id.value)
        guard !stars.isEmpty else { return [] }
        let northStars = Set(stars)
        let named = stars.count == 1 ? "the North Star (\"\(stars[0])\")" : "any of the North Stars (\(stars.map { "\"\($0)\"" }.joined(separator: ", ")))"
        var out: [Located] = []
        for placed in entities {
            guard case .objective(let objective) = placed.entity, let target = objective.alignsTo,
                  index[objective.id.value]?.file == placed.file else { continue }
            var seen: Set<String> = [objective.id.value]
            var chain = [objective.id.value]
            var current = target.value
            var problem: String?
            while true {
                if northStars.contains(current) { break }
                if let metric = index.metric(current) {
                    problem = "aligns to metric \"\(metric.id.value)\", which is not \(named); align it to the North Star or to an objective that does"
                    break
                }
                guard let next = index.objective(current) else { break } // unresolved: reported as a reference
                guard !seen.contains(current) else {
                    // The way round, as aligns_to leads: back to the objective it came round to.
                    problem = "aligns in a circle (\((chain + [current]).joined(separator: " → "))) and never reaches \(named)"
                    break
                }
                seen.insert(current)
                chain.append(current)
                guard let up = next.alignsTo?.value else { break } // the other objective's own problem
                current = up
            }
            if let problem {
                out.append((placed.file, Diagnostic(
                    rule: LintRuleID.alignment, mark: target.mark,
                    message: "objective \(objective.id.value) \(problem)", entity: objective.id.value, related: [target.value])))
            }
        }
        return out
    }
}
