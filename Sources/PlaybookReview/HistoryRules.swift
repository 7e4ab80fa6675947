import PlaybookGit
import PlaybookHistory
import PlaybookLint
import PlaybookModel
import PlaybookYAML

/// A history rule's finding before it is placed in a file.
public struct HistoryViolation: Sendable, Hashable {
    public var rule: String
    public var entity: String
    /// The field the finding is about (`status`, `metrics.primary`, `result`, `id`).
    public var field: String
    public var message: String
    public var commit: ObjectID
}

/// The rules only history can check, applied to the commits of one change.
public enum HistoryRules {
    /// Violations in the commits of `range`, judged against each entity's whole timeline.
    /// - Parameter today: the day time-based rules judge against; without it, no quarter is closed.
    public static func check(_ timelines: Timelines, range: Set<ObjectID>, today: Day? = nil) -> [HistoryViolation] {
        var out: [HistoryViolation] = []
        for timeline in timelines.byID.values.sorted(by: { $0.id < $1.id }) {
            var previous: EntityState?
            var everLaunched = false
            // The last status in the lifecycle before this commit: a commit that drops the status
            // (or writes one outside the lifecycle) does not reset it, so a move back split over
            // two commits is still a move back.
            var lastStatus: ExperimentStatus?
            // Removed by a commit before the change; or removed within it, with what it held then
            // (bringing that same entity back is a revert, not a reuse).
            var removedBefore = false
            var removedWithin: EntityState?
            // Whether the entity exists where the change starts: removed and added back within the
            // change (a move done as two commits, as GitHub's web editor does), it is that entity changed.
            var inRange = false
            var atBase = false
            for event in timeline.events {
                defer {
                    if event.type == .removed {
                        if range.contains(event.commit) {
                            removedWithin = previous ?? EntityState()
                        } else {
                            removedBefore = true
                            lastStatus = nil
                        }
                        previous = nil
                    } else {
                        previous = event.state
                        if timeline.kind == Kind.experiment.rawValue, let status = event.state.value("status")?.choice(ExperimentStatus.self) {
                            lastStatus = status
                            if status.hasLaunched { everLaunched = true }
                        }
                    }
                }
                guard range.contains(event.commit) else { continue }
                if !inRange { (inRange, atBase) = (true, previous != nil) }
                let short = String(event.commit.description.prefix(8))
                // Back after a removal within the change, an entity the base has is judged as changed
                // from what it held when removed; any other return is a reuse.
                let comeBack = event.type == .restored && atBase ? removedWithin : nil
                if event.type == .restored, comeBack == nil, removedBefore || (removedWithin.map { $0 != event.state } ?? false) {
                    out.append(HistoryViolation(
                        rule: LintRuleID.historyIDReuse, entity: timeline.id, field: "id",
                        message: "the id \(timeline.id) was removed earlier and is used again in \(short); give the new \(timeline.kind) the next free id",
                        commit: event.commit))
                }
                var event = event
                let before: EntityState
                switch (event.type, previous, comeBack) {
                case (.changed, let previous?, _):
                    before = previous
                case (.restored, _, let removed?):
                    before = removed
                    event.fields = difference(from: removed, to: event.state)
                default:
                    continue
                }
                if timeline.kind == Kind.objective.rawValue, let today {
                    out += closedQuarterCheckIns(timeline, event: event, before: before, today: today, short: short)
                }
                guard timeline.kind == Kind.experiment.rawValue else { continue }
                let changed = Set(event.fields.map(\.path))
                // Statuses read as lint reads them: a value outside the lifecycle is no status.
                if let oldStatus = lastStatus,
                   let newStatus = event.state.value("status")?.choice(ExperimentStatus.self),
                   oldStatus.isRegression(to: newStatus) {
                    let (old, new) = (oldStatus.rawValue, newStatus.rawValue)
                    out.append(HistoryViolation(
                        rule: LintRuleID.historyStatusRegression, entity: timeline.id, field: "status",
                        message: "\(timeline.id) moves back from \(old) to \(new) in \(short); statuses only move forward (start a new experiment instead)",
                        commit: event.commit))
                }
                if everLaunched {
                    for (field, what) in [("metrics.primary", "primary metric"), ("hypothesis", "hypothesis")] where changed.contains(field) {
                        out.append(HistoryViolation(
                            rule: LintRuleID.historyLockedField, entity: timeline.id, field: field,
                            message: "\(timeline.id) changes its \(what) from \(before[field] ?? "nothing") to \(event.state[field] ?? "nothing") in \(short) after it has run; that is deciding what to test after seeing the data",
                            commit: event.commit))
                    }
                }
                if lastStatus == .concluded, changed.contains(where: { $0.hasPrefix("result.") || $0 == "result" }) {
                    // An approval with a note added in this very commit, the approvals compared as
                    // approvals (not by place: an approval inserted at the top shifts the old ones,
                    // notes included); an old approval removed, or its note edited, explains nothing.
                    let (old, new) = (ListItems.items("approvals", in: before), ListItems.items("approvals", in: event.state))
                    let alignment = ListItems.align(old, new)
                    let explained = alignment.added.contains { new[$0].has("note") }
                        || alignment.edited.contains { !old[$0.old].has("note") && new[$0.new].has("note") }
                    if !explained {
                        out.append(HistoryViolation(
                            rule: LintRuleID.historyResultEdit, entity: timeline.id, field: "result",
                            message: "the result of concluded experiment \(timeline.id) is edited in \(short) without a note; add an approval with a note saying why in the same change",
                            commit: event.commit))
                    }
                }
            }
        }
        return out
    }

    /// The fields that differ between two states, in the newer one's order (then the removed ones).
    static func difference(from old: EntityState, to new: EntityState) -> [FieldChange] {
        let (before, after) = (old.values, new.values)
        var out = new.fields.compactMap { field in
            before[field.path] == field.value ? nil : FieldChange(path: field.path, old: before[field.path], new: field.value)
        }
        for field in old.fields where after[field.path] == nil {
            out.append(FieldChange(path: field.path, old: field.value, new: nil))
        }
        return out
    }

    /// Check-ins (edits of a key result's `current`) to an objective whose quarter ended before
    /// `today`'s quarter began.
    static func closedQuarterCheckIns(_ timeline: Timeline, event: TimelineEvent, before: EntityState?, today: Day,
                                      short: String) -> [HistoryViolation] {
        guard let quarter = (event.state.value("quarter") ?? before?.value("quarter"))?.textValue.flatMap(Quarter.init),
              quarter < today.quarter else { return [] }
        return event.fields.compactMap { field -> HistoryViolation? in
            guard field.path.hasPrefix("key_results["), field.path.hasSuffix("].current"), field.newValue != nil else { return nil }
            let kr = String(field.path.dropFirst("key_results[".count).dropLast("].current".count))
            return HistoryViolation(
                rule: LintRuleID.historyClosedQuarter, entity: timeline.id, field: field.path,
                message: "\(timeline.id) \(kr) gets a check-in (current \(field.old ?? "nothing") → \(field.new ?? "nothing")) in \(short), "
                    + "but \(quarter) closed before \(today.quarter); record it on this quarter's objective, "
                    + "or say in the PR why the closed quarter's number changes",
                commit: event.commit)
        }
    }

    /// Where in the head files a violation points: the field's line in the entity's file.
    static func mark(of field: String, in entity: Entity) -> Mark {
        switch entity {
        case .experiment(let e):
            switch field {
            case "status": return e.status?.mark ?? e.id.mark
            case "metrics.primary": return e.metrics?.primary?.mark ?? e.id.mark
            case "hypothesis": return e.hypothesis?.mark ?? e.id.mark
            case "result": return e.result?.mark ?? e.id.mark
            default: return e.id.mark
            }
        case .objective(let o):
            guard field.hasPrefix("key_results["), field.hasSuffix("].current") else { return o.id.mark }
            let kr = String(field.dropFirst("key_results[".count).dropLast("].current".count))
            guard let result = o.keyResults.first(where: { $0.id?.value == kr }) else { return o.id.mark }
            return result.current?.mark ?? result.mark
        default:
            return entity.id.mark
        }
    }
}
