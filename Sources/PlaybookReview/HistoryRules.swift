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
    /// Where in the entity the finding points, when narrower than `field` (the first edited field
    /// of a result: `result.p_value`); nil: at `field`.
    public var place: String?
    /// The id the entity has at the head, when another than `entity` (renamed, or its id swapped or taken
    /// over later in the change): the finding is placed on that entity.
    public var now: String?
}

/// The rules only history can check, applied to the commits of one change.
public enum HistoryRules {
    /// Violations in the commits of `range`, judged against each entity's whole timeline.
    /// - Parameter today: the day time-based rules judge against; without it, no quarter is closed.
    /// - Parameter renamed: the ids the change renames (old → new): a reference moved along is no change.
    /// - Parameter now: the ids a renamed entity had within the change and has no more, each with the id it
    ///   has at the head: a finding names the id of its time and this one (`EXP-0005 (now EXP-0009) …`).
    public static func check(_ timelines: Timelines, range: Set<ObjectID>, today: Day? = nil,
                             renamed: [String: String] = [:], now: [String: String] = [:],
                             takenOver: [String: [ObjectID: String]]? = nil, given: [String: [ObjectID: String]]? = nil,
                             order: [ObjectID: Int]) -> [HistoryViolation] {
        let away = EntityRenames.renamedAway(timelines, range: range)
        let takenOver = takenOver ?? IDsTakenOver.find(timelines, range: range)
        let given = given ?? IDsTakenOver.given(timelines, range: range)
        // A swap moves references along from its commit on (by its place in the walk, never by committer
        // time: a rebase gives commits one second): the entity that was `from` is `to` from then.
        var swapRenames: [(position: Int, from: String, to: String)] = []
        for (id, commits) in takenOver {
            for (commit, taker) in commits where takenOver[taker]?[commit] == id {
                guard let position = order[commit] else { continue }
                swapRenames.append((position, taker, id))
            }
        }
        for (id, commits) in given {
            for (commit, giver) in commits {
                guard let position = order[commit] else { continue }
                swapRenames.append((position, giver, id))
            }
        }
        swapRenames.sort { ($0.position, $0.from) < ($1.position, $1.from) }
        var back: [String: Bool] = [:]
        func isBack(_ id: String) -> Bool {
            if let known = back[id] { return known }
            let found = IDsTakenOver.back(id, timelines: timelines, range: range)
            back[id] = found
            return found
        }
        return timelines.byID.values.sorted(by: { $0.id < $1.id }).flatMap { timeline in
            let swapped = (takenOver[timeline.id] ?? [:]).filter { takenOver[$0.value]?[$0.key] == timeline.id }
            var took: [ObjectID: Held] = [:]
            for (commit, other) in swapped {
                guard let them = timelines[other] else { continue }
                took[commit] = Held(before: them, takenOver: takenOver[other] ?? [:], at: them.events.firstIndex { $0.commit == commit })
            }
            for (commit, giver) in given[timeline.id] ?? [:] {
                guard let them = timelines[giver] else { continue }
                took[commit] = Held(before: them, takenOver: takenOver[giver] ?? [:], at: them.events.firstIndex { $0.commit == commit })
            }
            return check(Walk(id: timeline.id, kind: timeline.kind, events: timeline.events, renamed: renamed,
                              renamedAway: away[timeline.id] ?? [], takenOver: takenOver[timeline.id] ?? [:],
                              swapped: swapped, given: given[timeline.id] ?? [:], took: took, now: now[timeline.id], swapRenames: swapRenames,
                              order: order, undone: Set((takenOver[timeline.id] ?? [:]).filter { commit, taker in
                                  // A reuse is undone when the id holds its own entity again later, whatever the new id holds
                                  // (the new entity moved on to yet another id, as the error advises); a swap when both ids
                                  // end as they started.
                                  takenOver[taker]?[commit] == timeline.id ? isBack(timeline.id) && isBack(taker)
                                      : IDsTakenOver.givenBack(timeline.id, after: commit, timelines: timelines, range: range)
                              }.keys)),
                         range: range, today: today)
        }
    }

    /// What an id held just before a commit in which another id takes its entity over (a swap): the entity
    /// and where it stood in the lifecycle, for judging the taker's event as that entity's change.
    struct Held {
        var state: EntityState
        var lastStatus: ExperimentStatus?
        var everLaunched = false

        /// From `timeline`'s events before the one at `index` (a change), counted as `check` counts them.
        init?(before timeline: Timeline, takenOver: [ObjectID: String], at index: Int?) {
            guard let index, index > 0, timeline.events[index].type == .changed || timeline.events[index].type == .removed else { return nil }
            state = timeline.events[index - 1].state
            for event in timeline.events[..<index] {
                if event.type == .removed {
                    lastStatus = nil
                    continue
                }
                // Another entity under the id from there on: its history starts again.
                if takenOver[event.commit] != nil { (lastStatus, everLaunched) = (nil, false) }
                if timeline.kind == Kind.experiment.rawValue, let status = event.state.value("status")?.choice(ExperimentStatus.self) {
                    lastStatus = status
                    if status.hasLaunched { everLaunched = true }
                }
            }
        }
    }

    /// The events of one entity, as the rules walk them: one id's timeline, or a renamed entity's
    /// (the old id's events, then those of each id it had within the change, then the new id's).
    struct Walk {
        var id: String
        var kind: String
        var events: [TimelineEvent]
        /// The first event judged (the ones before it are only history): for a rename, the first after the old id's.
        var from = 0
        /// Where the entity arrives under another id, with the id it leaves ("in 1a2b3c4d (renamed from
        /// EXP-0001 by this change)"); the events from there on are that id's, up to the next arrival.
        var arrivals: [Int: (id: String, from: String)] = [:]
        /// The ids the change renames (old → new).
        var renamed: [String: String] = [:]
        /// The commits of the change in which another id takes this one's entity over.
        var renamedAway: Set<ObjectID> = []
        /// The commits of the change in which another id takes this one's entity over while this id stays,
        /// given to another entity, with that id (`IDsTakenOver`).
        var takenOver: [ObjectID: String] = [:]
        /// Those of `takenOver` in which the other id is given this one's entity in turn: the two swap.
        var swapped: [ObjectID: String] = [:]
        /// The commits of the change in which this id is given the entity of an id the commit removes (a shift), with that id.
        var given: [ObjectID: String] = [:]
        /// For each of `swapped` and `given`, what the other id held just before: the entity this id takes over then.
        var took: [ObjectID: Held] = [:]
        /// The id the entity has at the head, when it has left this walk's id within the change (renamed).
        var now: String?
        /// The swaps of the change (the entity that was `from` is `to`), each moving references from its commit on.
        var swapRenames: [(position: Int, from: String, to: String)] = []
        /// Each commit's place in the walk (parents first).
        var order: [ObjectID: Int] = [:]
        /// Those of `takenOver` undone later in the change (a reused id back at what it held at its start, or
        /// both swapped ids): no error, and the commit giving the id's entity back is judged against that entity.
        var undone: Set<ObjectID> = []

        /// The ids renamed as of `commit`: the change's renames, and the swaps made by then in the walk.
        func renamed(at commit: ObjectID) -> [String: String] {
            var out = renamed
            guard let position = order[commit] else { return out }
            for swap in swapRenames where swap.position <= position { out[swap.from] = swap.to }
            return out
        }
    }

    /// Violations among one entity's events in `range`, each judged against what came before it.
    static func check(_ timeline: Walk, range: Set<ObjectID>, today: Day?) -> [HistoryViolation] {
        var out: [HistoryViolation] = []
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
        // Removed within the change as another id took its entity over: what comes back is another entity.
        var movedAway = false
        // Whether the entity exists where the change starts: removed and added back within the
        // change (a move done as two commits, as GitHub's web editor does), it is that entity changed.
        var inRange = false
        var atBase = false
        // Still the entity the walk follows to the head: not yet removed within the change, nor taken over.
        var followed = true
        // What the id held just before a reuse of it that the change undoes, with where it stood in the
        // lifecycle: the commit that gives the id that entity back is no edit of the entity that took it over.
        var original: (state: EntityState, lastStatus: ExperimentStatus?, everLaunched: Bool)?
        // Where the id's entity goes to another id within the change (a swap, a takeover): what it did
        // under this id before then is named and placed by that id.
        let leaving = timeline.events.indices.compactMap { index -> (index: Int, taker: String)? in
            let event = timeline.events[index]
            guard event.type == .changed, range.contains(event.commit), let taker = timeline.takenOver[event.commit] else { return nil }
            return (index, taker)
        }
        for (index, event) in timeline.events.enumerated() {
            defer {
                if event.type == .removed {
                    if range.contains(event.commit) {
                        followed = false
                        removedWithin = previous ?? EntityState()
                        movedAway = timeline.renamedAway.contains(event.commit)
                        if movedAway { (lastStatus, everLaunched) = (nil, false) }
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
            guard index >= timeline.from else { continue }
            let short = String(event.commit.description.prefix(8))
            let when = timeline.arrivals[index].map { "in \(short) (renamed from \($0.from) by this change)" }
            let id = timeline.arrivals.filter { $0.key <= index }.max { $0.key < $1.key }?.value.id ?? timeline.id
            // Named by the id of its time, and by the one the entity has now when that is another.
            let now = id != timeline.id ? timeline.id : (leaving.first { $0.index > index }?.taker ?? (followed ? timeline.now : nil))
            // Back after a removal within the change, an entity the base has is judged as changed
            // from what it held when removed; any other return is a reuse.
            if let saved = original, event.type != .removed, saved.state.values.filter({ $0.key != "id" }) == event.state.values.filter({ $0.key != "id" }) {
                // The original entity back under its id (a revert, or the new one moved to a fresh id): nothing of it changed.
                (lastStatus, everLaunched, original) = (saved.lastStatus, saved.everLaunched, nil)
                continue
            }
            let comeBack = event.type == .restored && atBase && !movedAway ? removedWithin : nil
            if event.type == .restored, comeBack == nil, removedBefore || (removedWithin.map { $0 != event.state } ?? false) {
                out.append(HistoryViolation(
                    rule: LintRuleID.historyIDReuse, entity: id, field: "id",
                    message: "the id \(id) was removed earlier and is used again in \(short); give the new \(timeline.kind) the next free id (`playbook new \(timeline.kind.lowercased())` picks it)",
                    commit: event.commit))
            }
            if event.type == .changed, let taker = timeline.takenOver[event.commit] {
                // Another entity under the id from here on: a reused id's history starts again; a swapped id's
                // goes on from what the other id held (below).
                if timeline.swapped[event.commit] == nil, timeline.undone.contains(event.commit), original == nil, let previous {
                    original = (previous, lastStatus, everLaunched)
                }
                (lastStatus, everLaunched, followed) = (nil, false, false)
                let giver = timeline.given[event.commit]
                if timeline.swapped[event.commit] == nil, let giver {
                    if timeline.undone.contains(event.commit) { continue }
                    let what = timeline.kind.lowercased()
                    let whats = what == "hypothesis" ? "hypotheses" : what + "s"
                    out.append(HistoryViolation(
                        rule: LintRuleID.historyIDReuse, entity: id, field: "id",
                        message: "\(id)'s \(what) moves to \(taker) in \(short) and the \(what) that was \(giver) takes the id \(id) in the same commit; reports and links follow an id, so \(id) now joins two \(whats)' histories: give each \(what) back its id",
                        commit: event.commit))
                } else if timeline.swapped[event.commit] == nil {
                    if timeline.undone.contains(event.commit) { continue }
                    out.append(HistoryViolation(
                        rule: LintRuleID.historyIDReuse, entity: id, field: "id",
                        message: "\(id)'s \(timeline.kind.lowercased()) moves to \(taker) in \(short) and the id \(id) is used again for another \(timeline.kind.lowercased()) in the same commit; give the new \(timeline.kind.lowercased()) the next free id (`playbook new \(timeline.kind.lowercased())` picks it)",
                        commit: event.commit))
                    continue
                }
                if giver == nil, id < taker, !timeline.undone.contains(event.commit) {
                    let what = timeline.kind.lowercased()
                    let whats = what == "hypothesis" ? "hypotheses" : what + "s"
                    out.append(HistoryViolation(
                        rule: LintRuleID.historyIDReuse, entity: id, field: "id",
                        message: "\(id) and \(taker) swap ids in \(short): the \(what) that was \(id) is now \(taker), and the one that was \(taker) is now \(id); reports and links follow an id, so each id now joins two \(whats)' histories: give each \(what) back its id",
                        commit: event.commit))
                }
                // The swapped-in entity's edits in this commit, judged against what it held under the other id.
                guard let held = timeline.took[event.commit] else { continue }
                (lastStatus, everLaunched) = (held.lastStatus, held.everLaunched)
                let later = leaving.first { $0.index > index }?.taker ?? timeline.now
                out += judge(Step(id: id, kind: timeline.kind, before: held.state, after: event.state,
                                  fields: difference(from: held.state, to: event.state).filter { $0.path != "id" },
                                  lastStatus: lastStatus, locked: everLaunched ? lockedFields : [],
                                  when: "in \(short) (renamed from \(giver ?? taker) by this change)", commit: event.commit,
                                  renamed: timeline.renamed(at: event.commit), now: later), today: today).map { found in
                    var found = found
                    found.now = later
                    return found
                }
                continue
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
            out += judge(Step(id: id, kind: timeline.kind, before: before, after: event.state, fields: event.fields,
                              lastStatus: lastStatus, locked: everLaunched ? lockedFields : [], when: when ?? "in \(short)", commit: event.commit,
                              renamed: timeline.renamed(at: event.commit), now: now), today: today).map { found in
                var found = found
                found.now = now
                return found
            }
        }
        return out
    }

    /// One change of one entity, as the rules judge it.
    struct Step {
        var id: String
        var kind: String
        var before: EntityState
        var after: EntityState
        var fields: [FieldChange]
        /// The last status in the lifecycle before the change.
        var lastStatus: ExperimentStatus?
        /// The fields fixed before the change (of `lockedFields`): those the experiment has run with.
        var locked: Set<String>
        /// Where the change happens, for messages: "in 1a2b3c4d".
        var when: String
        var commit: ObjectID
        /// The ids the change renames (old → new).
        var renamed: [String: String] = [:]
        /// The id the entity has at the head, when not `id`.
        var now: String?

        /// How messages name the entity: `EXP-0005`, or `EXP-0005 (now EXP-0009)`.
        var named: String { now.map { "\(id) (now \($0))" } ?? id }
    }

    /// An experiment's fields fixed once it has run (`history-locked-field`).
    static let lockedFields: Set<String> = ["metrics.primary", "hypothesis"]

    /// The rules that judge one change of one entity against what it was before.
    static func judge(_ step: Step, today: Day?) -> [HistoryViolation] {
        var step = step
        // A reference moved to the new id of an entity the change renames still names the same entity.
        step.fields.removeAll { field in field.new != nil && field.old.flatMap { step.renamed[$0] } == field.new }
        var out: [HistoryViolation] = []
        let (id, before, after, when) = (step.id, step.before, step.after, step.when)
        let named = step.named
        if step.kind == Kind.objective.rawValue, let today {
            out += closedQuarterCheckIns(step, today: today)
        }
        guard step.kind == Kind.experiment.rawValue else { return out }
        let changed = Set(step.fields.map(\.path))
        // Statuses read as lint reads them: a value outside the lifecycle is no status.
        if let oldStatus = step.lastStatus,
           let newStatus = after.value("status")?.choice(ExperimentStatus.self),
           oldStatus.isRegression(to: newStatus) {
            let (old, new) = (oldStatus.rawValue, newStatus.rawValue)
            out.append(HistoryViolation(
                rule: LintRuleID.historyStatusRegression, entity: id, field: "status",
                message: "\(named) moves back from \(old) to \(new) \(when); statuses only move forward (start a new experiment instead)",
                commit: step.commit))
        }
        for (field, what) in [("metrics.primary", "primary metric"), ("hypothesis", "hypothesis")]
        where step.locked.contains(field) && changed.contains(field) {
            out.append(HistoryViolation(
                rule: LintRuleID.historyLockedField, entity: id, field: field,
                message: "\(named) changes its \(what) from \(before[field] ?? "nothing") to \(after[field] ?? "nothing") \(when) after it has run; that is deciding what to test after seeing the data",
                commit: step.commit))
        }
        if step.lastStatus == .concluded, let edited = step.fields.first(where: { $0.path.hasPrefix("result.") || $0.path == "result" }) {
            // An approval with a note added in this very commit, the approvals compared as
            // approvals (not by place: an approval inserted at the top shifts the old ones, and
            // reordered ones are the same); an old approval removed, its note edited, or a copy
            // of an old approval (equal to one already there) explains nothing.
            let (old, new) = (ListItems.items("approvals", in: before), ListItems.items("approvals", in: after))
            let alignment = ListItems.align(old, new)
            // An old approval moved and edited aligns as removed and added: the same signer on the
            // same date is still that approval, so its note explains nothing new.
            func signature(_ item: ListItem) -> [String?] { [item.fields["by"]?.text, item.fields["date"]?.text] }
            let edits = Set(alignment.removed.map { signature(old[$0]) }.filter { $0[0]?.isEmpty == false })
            let fresh = { (item: ListItem) in item.has("note") && !old.contains(item) && !edits.contains(signature(item)) }
            let explained = alignment.added.contains { fresh(new[$0]) }
                || alignment.edited.contains { !old[$0.old].has("note") && fresh(new[$0.new]) }
            if !explained {
                out.append(HistoryViolation(
                    rule: LintRuleID.historyResultEdit, entity: id, field: "result",
                    message: "the result of concluded experiment \(named) is edited \(when) without a note; add an approval with a note saying why in the same change",
                    commit: step.commit, place: edited.path))
            }
        }
        return out
    }

    /// What merging the change brings to the base, judged as one change of each entity both have
    /// (the base's tip → the merge): a change that is fine on the branch's own line can move the
    /// base's version back, or edit what the base has since run or concluded. An entity the change
    /// renames (`renamed`: old id → new) is judged as the base's entity under its old id; one under an id
    /// the change's commits give to another entity (`reused`: a reuse found) is not the base's entity.
    public static func checkMerged(base: [FileEntity], merged: [FileEntity], timelines: Timelines, head: ObjectID,
                                   renamed: [String: String] = [:], reused: Set<String> = [], today: Day? = nil) -> [HistoryViolation] {
        let before = Dictionary(base.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let oldIDs = Dictionary(renamed.map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        var seen: Set<String> = []
        var out: [HistoryViolation] = []
        for entity in merged where seen.insert(entity.id).inserted {
            guard oldIDs[entity.id] != nil || !reused.contains(entity.id) else { continue }
            let oldID = oldIDs[entity.id] ?? entity.id
            guard let old = before[oldID], old.kind == entity.kind else { continue }
            let fields = difference(from: old.state, to: entity.state).filter { $0.path != "id" }
            guard !fields.isEmpty else { continue }
            let status = old.state.value("status")?.choice(ExperimentStatus.self)
            // A field is fixed when the base has run the experiment, or when the branch ran it with
            // the base's value of that field: a draft given a new metric and launched on it (in one
            // commit or two) never ran with the base's metric, so merging it changes nothing that ran.
            let launchedStates = Set([oldID, entity.id]).flatMap { timelines[$0]?.events ?? [] }.filter {
                $0.type != .removed && $0.state.value("status")?.choice(ExperimentStatus.self)?.hasLaunched == true
            }.map(\.state)
            let locked = status?.hasLaunched == true ? lockedFields
                : lockedFields.filter { field in launchedStates.contains { $0[field] == old.state[field] } }
            let renaming = oldID == entity.id ? "" : " (renamed from \(oldID) by this change)"
            out += judge(Step(id: entity.id, kind: entity.kind, before: old.state, after: entity.state,
                              fields: fields, lastStatus: entity.kind == Kind.experiment.rawValue ? status : nil,
                              locked: locked, when: "once merged into the base" + renaming,
                              commit: head, renamed: renamed), today: today)
        }
        return out
    }

    /// Each entity the change renames, judged as one entity across the change's commits: the old id's
    /// events up to its removal, then the new id's, its first one a change of what the old id last
    /// held. A new id does not start an experiment's history again, and what the branch did to the old
    /// id before renaming it counts as it would unrenamed (a move back, a metric it launched on). An id
    /// it had only within the change (EXP-0001 → EXP-0005 → EXP-0009, commit by commit) is a link of the
    /// chain: its events are the entity's, each judged once (under that id, as its own timeline judges it).
    /// The old id's events are its own timeline's.
    /// An id of the walk taken over by another entity in a commit (`takenOver`, a swap), or left in a commit
    /// that gives its entity to another id (`given`, a shift), holds another entity from there on: the walk
    /// stops before that commit (the takeover is judged on the ids' own timelines).
    public static func checkRenamed(_ renames: [EntityRename], timelines: Timelines, range: Set<ObjectID>, today: Day? = nil,
                                    takenOver: [String: [ObjectID: String]] = [:], given: [String: [ObjectID: String]] = [:]) -> [HistoryViolation] {
        // The ids whose entity goes to another id in a commit by a shift: no rename of theirs arrives there.
        let givers = Set(given.values.flatMap { $0.map { [$0.value, $0.key.description] } })
        let renamedIDs = Dictionary(renames.map { ($0.from, $0.to) }, uniquingKeysWith: { a, _ in a })
        return renames.flatMap { rename -> [HistoryViolation] in
            guard var walk = walk(of: rename, timelines: timelines, range: range) else { return [] }
            let taken = walk.events.indices.first { index in
                let id = walk.arrivals.filter { $0.key <= index }.max { $0.key < $1.key }?.value.id ?? rename.from
                let commit = walk.events[index].commit
                return index >= walk.from && (takenOver[id]?[commit] != nil
                    || walk.arrivals[index].map { givers.contains([$0.from, commit.description]) } == true)
            }
            if let taken {
                walk.events.removeSubrange(taken...)
                walk.arrivals = walk.arrivals.filter { $0.key < taken }
            }
            walk.renamed = renamedIDs
            return check(walk, range: range, today: today)
        }
    }

    /// The ids each renamed entity had only within the change (a link of a chain of renames), each
    /// with the entity's new id: a finding under a link is the renamed entity's.
    public static func links(_ renames: [EntityRename], timelines: Timelines, range: Set<ObjectID>) -> [String: String] {
        var out: [String: String] = [:]
        for rename in renames {
            guard let walk = walk(of: rename, timelines: timelines, range: range) else { continue }
            for arrival in walk.arrivals.values where arrival.id != rename.to {
                out[arrival.id] = rename.to
            }
        }
        return out
    }

    /// A renamed entity's events across the change: the old id's up to its removal, each link's, the new id's.
    static func walk(of rename: EntityRename, timelines: Timelines, range: Set<ObjectID>) -> Walk? {
        guard let old = timelines[rename.from]?.events, let new = timelines[rename.to]?.events,
              let removal = old.lastIndex(where: { $0.type == .removed && range.contains($0.commit) }),
              let arrival = new.firstIndex(where: { $0.type != .removed && range.contains($0.commit) }) else { return nil }
        var events = Array(old[...removal])
        var arrivals: [Int: (id: String, from: String)] = [:]
        // The old id's entity back under another id: judged against what it held.
        func arrive(_ id: String, from: String, _ link: ArraySlice<TimelineEvent>) {
            let at = events.count
            arrivals[at] = (id, from)
            events += link
            events[at].type = .restored
        }
        var (leaving, left) = (rename.from, old[removal].commit)
        var seen: Set<String> = [rename.from, rename.to]
        // Each id it had between, while one alone arrives where the last one left and leaves again.
        while new[arrival].commit != left, let (link, start, end) = intermediate(after: left, kind: rename.kind, seen: seen, timelines: timelines, range: range) {
            arrive(link.id, from: leaving, link.events[start...end])
            (leaving, left) = (link.id, link.events[end].commit)
            seen.insert(link.id)
        }
        arrive(rename.to, from: leaving, new[arrival...])
        return Walk(id: rename.to, kind: rename.kind, events: events, from: removal + 1, arrivals: arrivals)
    }

    /// The one id of `kind` (not in `seen`) that arrives in `commit` within the change and leaves later
    /// within it: a link of a chain of renames, with where it arrives and leaves in its timeline.
    static func intermediate(after commit: ObjectID, kind: String, seen: Set<String>, timelines: Timelines,
                             range: Set<ObjectID>) -> (timeline: Timeline, start: Int, end: Int)? {
        var found: [(timeline: Timeline, start: Int, end: Int)] = []
        for timeline in timelines.byID.values where timeline.kind == kind && !seen.contains(timeline.id) {
            guard let start = timeline.events.firstIndex(where: { $0.commit == commit && $0.type != .removed }),
                  start == 0 || timeline.events[start - 1].type == .removed,
                  let end = timeline.events[start...].firstIndex(where: { $0.type == .removed }),
                  range.contains(timeline.events[end].commit) else { continue }
            found.append((timeline, start, end))
        }
        return found.count == 1 ? found[0] : nil
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
    /// `today`'s quarter began, before or after the step (moving the objective to another quarter
    /// in the same commit does not make the closed quarter's number editable), and an objective
    /// moved out of a closed quarter.
    static func closedQuarterCheckIns(_ step: Step, today: Day) -> [HistoryViolation] {
        let was = step.before.value("quarter")?.textValue.flatMap(Quarter.init)
        let now = step.after.value("quarter")?.textValue.flatMap(Quarter.init)
        guard let quarter = [was, now].compactMap({ $0 }).filter({ $0 < today.quarter }).first else { return [] }
        var out: [HistoryViolation] = []
        if let was, was < today.quarter, was != now, step.fields.contains(where: { $0.path == "quarter" }) {
            out.append(HistoryViolation(
                rule: LintRuleID.historyClosedQuarter, entity: step.id, field: "quarter",
                message: "\(step.named) moves out of \(was) to \(now.map { "\($0)" } ?? "no quarter") \(step.when), but \(closed(was, today: today)); "
                    + "a closed quarter's objectives stay as they ended: put the work on this quarter's objective, "
                    + "or say in the PR why the closed quarter changes",
                commit: step.commit))
        }
        return out + step.fields.compactMap { field -> HistoryViolation? in
            guard field.path.hasPrefix("key_results["), field.path.hasSuffix("].current"), field.newValue != nil else { return nil }
            let kr = String(field.path.dropFirst("key_results[".count).dropLast("].current".count))
            return HistoryViolation(
                rule: LintRuleID.historyClosedQuarter, entity: step.id, field: field.path,
                message: "\(step.named) \(kr) gets a check-in (current \(field.shown.old ?? "nothing") → \(field.shown.new ?? "nothing")) \(step.when), "
                    + "but \(closed(quarter, today: today)); record it on this quarter's objective, "
                    + "or say in the PR why the closed quarter's number changes",
                commit: step.commit)
        }
    }

    /// "2026-Q3 closed on 2026-09-30 and today is 2026-11-18": the dates the rule judges by.
    static func closed(_ quarter: Quarter, today: Day) -> String {
        let next = quarter.number == 4 ? Day(year: quarter.year + 1, month: 1, day: 1) : Day(year: quarter.year, month: quarter.number * 3 + 1, day: 1)
        return "\(quarter) closed on \(next.adding(days: -1)) and today is \(today)"
    }

    /// Where the value of `path` (`result.learnings`; an item's `[…]` and what follows it left out) is
    /// written in the document of entity `id` in `bytes`: the model keeps no mark for some fields
    /// (`learnings`), and a field's place is the same whether its mapping is a block or `{…}`.
    static func writtenMark(of path: String, entity id: String, in bytes: [UInt8], limits: Limits) -> Mark? {
        let loaded = YAMLLoader.load(bytes, limits: limits)
        guard var node = loaded.documents.lazy.compactMap(\.root).first(where: { $0["id"]?.scalar == id }) else { return nil }
        for key in path.prefix(while: { $0 != "[" }).split(separator: ".") {
            guard let value = node[String(key)] else { return nil }
            node = value
        }
        return node.mark
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
            // A field of the result where it is still written, else the result.
            case "result.outcome": return e.result?.outcome?.mark ?? mark(of: "result", in: entity)
            case "result.lift": return e.result?.lift?.mark ?? mark(of: "result", in: entity)
            case "result.p_value": return e.result?.pValue?.mark ?? mark(of: "result", in: entity)
            case "result.decision": return e.result?.decision?.mark ?? mark(of: "result", in: entity)
            case let path where path.hasPrefix("result."): return mark(of: "result", in: entity)
            default: return e.id.mark
            }
        case .objective(let o):
            if field == "quarter" { return o.quarter?.mark ?? o.id.mark }
            guard field.hasPrefix("key_results["), field.hasSuffix("].current") else { return o.id.mark }
            let kr = String(field.dropFirst("key_results[".count).dropLast("].current".count))
            guard let result = o.keyResults.first(where: { $0.id?.value == kr }) else { return o.id.mark }
            return result.current?.mark ?? result.mark
        default:
            return entity.id.mark
        }
    }
}
