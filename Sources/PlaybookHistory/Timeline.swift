import Foundation
import PlaybookGit
import PlaybookModel

/// What happened to an entity in one commit.
public enum TimelineEventType: String, Sendable, Hashable {
    /// Its first appearance.
    case created
    case changed
    case removed
    /// It appears again after a removal.
    case restored
}

/// One commit in an entity's life.
public struct TimelineEvent: Sendable, Hashable {
    public var commit: ObjectID
    /// Committer time, seconds since 1970 UTC.
    public var time: Int64
    /// Who made the change, after `.mailmap`: on a merge, the side commit's author that made it.
    public var author: Person
    /// The commit's own author, after `.mailmap` (a merge's, where `author` names a side commit's).
    public var commitAuthor: Person
    public var summary: String
    public var type: TimelineEventType
    public var path: String
    public var previousPath: String?
    public var fields: [FieldChange]
    /// Every field's value on the main line after this commit (empty after a removal). A side
    /// branch's commit leaves it as the main line had it: its values are not the line's.
    public var state: EntityState
    /// On HEAD's first-parent line.
    public var mainLine: Bool
    /// A merge taking this change from a side branch whose own commits are events too.
    public var inherited: Bool
    /// Set on the `changed` event of the commit that gave the entity this timeline's id: the id it had.
    /// The events before it are that id's (the history follows a rename as `review` lists one).
    public var renamedFrom: String? = nil
    /// Set on the `removed` event of the commit that gave the entity another id: that id, whose
    /// timeline carries on from here.
    public var renamedTo: String? = nil
}

/// One entity's life, commit by commit, in walk order.
public struct Timeline: Sendable {
    public var id: String
    public var kind: String
    public private(set) var events: [TimelineEvent]

    init(id: String, kind: String, events: [TimelineEvent], versions: DecodedVersions) {
        self.id = id
        self.kind = kind
        self.versions = versions
        self.events = []
        for event in events { record(event) }
    }

    /// Adds an event, keeping count of those off the main line or inherited.
    private mutating func record(_ event: consuming TimelineEvent) {
        if !event.mainLine { sideEvents += 1 }
        if event.inherited { inheritedEvents += 1 }
        events.append(event)
    }

    /// The fields as they stood just before `time` (committer time); nil when the entity did not exist then.
    /// Times need not grow along a walk (an all-parents walk's side branches): every
    /// event before `time` is considered, and the last of them in walk order wins.
    /// Only the first-parent line's events count: a side branch's values are not the line's.
    public func state(before time: Int64) -> EntityState? {
        // By index: `last(where:)` copied the whole event (its author, summary, fields) to read one field.
        guard let last = events.lastIndex(where: { $0.mainLine && $0.time < time }) else { return nil }
        return events[last].type == .removed ? nil : events[last].state
    }

    /// The fields now; nil when the entity is removed (or only ever lived on a side branch).
    public var current: EntityState? {
        guard let last = events.lastIndex(where: \.mainLine), events[last].type != .removed else { return nil }
        return events[last].state
    }

    /// Decoded versions, each decoded once: a report reads a few versions of many entities.
    /// One store for all the timelines of a history.
    private let versions: DecodedVersions

    /// The version standing just before `time` (as `state(before:)`), decoded by lint's decoder.
    public func version(before time: Int64) -> TypedVersion? {
        guard let index = events.lastIndex(where: { $0.mainLine && $0.time < time }), events[index].type != .removed
        else { return nil }
        return version(at: index)
    }

    /// The version now (as `current`), decoded by lint's decoder.
    public var currentVersion: TypedVersion? {
        guard let index = events.lastIndex(where: \.mainLine), events[index].type != .removed else { return nil }
        return version(at: index)
    }

    /// The version event `index` of `events` left on the main line, decoded by lint's decoder.
    public func version(at index: Int) -> TypedVersion {
        // Field by field: `let event = events[index]` copied the whole event (author, summary, fields).
        TypedVersion(commit: events[index].commit, path: events[index].path, time: events[index].time, state: events[index].state,
                     document: versions.decoded(id, index, of: events[index].state))
    }

    /// Events off the first-parent line, and merges' repeats of side-branch changes: none in a
    /// first-parent read, where the two lists below are `events` itself, not copies.
    private var sideEvents = 0
    private var inheritedEvents = 0
    /// Where this id's own events begin: after the events of the ids it was renamed from, joined before them.
    private var ownStart = 0

    /// The events that set the line's values: the first-parent line's, merges' inherited changes included.
    public var mainLineEvents: [TimelineEvent] { sideEvents == 0 ? events : events.filter(\.mainLine) }

    /// The events a person made: every commit's own changes, without merges repeating a side branch's.
    public var ownEvents: [TimelineEvent] { inheritedEvents == 0 ? events : events.filter { !$0.inherited } }

    public var created: TimelineEvent? { events.first }

    /// Read with all parents: the indices in `events` of side branches' own events that changed
    /// `field`, where a merge carried the change onto the first-parent line. The walk lists a
    /// merge's side commits just before it, so the main-line event that follows a side event is its
    /// merge's when that merge changed the entity; it carried the side's change when it is inherited
    /// and sets `field` too. A side change a merge threw away (`git merge -X ours`) is left out, on the
    /// main line or on the side: the side events that set `field` after the last one (in walk order)
    /// that set the value the merge brought were overwritten by a merge on the side itself (Bob's
    /// branch merging Carol's with `-X ours`: her value never reached the main line). When no side
    /// event set that value, every one counts, as before.
    public func carriedSideEvents(changing field: String) -> [Int] {
        guard sideEvents > 0 else { return [] }
        var carried: [Int] = []
        var nextCarries = false
        // A merge that brings several sides (an octopus) or splits its change by maker has more
        // than one event: together they are the merge that follows the side events before them.
        var merge: ObjectID?
        // The value the merge brought, while no side event has set it yet (read backwards), and the side
        // events met meanwhile: thrown away once one that set it is found, else carried after all.
        var brought: FieldValue?
        var looking = false
        var held: [Int] = []
        for index in events.indices.reversed() {
            if events[index].mainLine {
                carried += held
                held = []
                let change = events[index].fields.first(where: { $0.path == field })
                let carries = events[index].inherited
                    && (events[index].type == .created || events[index].type == .restored || change != nil)
                if merge != events[index].commit { looking = false }
                if carries, let change, events[index].type == .changed {
                    (brought, looking) = (change.newValue, true)
                }
                nextCarries = (merge == events[index].commit && nextCarries) || carries
                merge = events[index].commit
            } else if nextCarries, !events[index].inherited, let change = events[index].fields.first(where: { $0.path == field }) {
                if !looking {
                    carried.append(index)
                } else if change.newValue == brought {
                    carried.append(index)
                    looking = false
                    held = []
                } else {
                    held.append(index)
                }
            }
        }
        carried += held
        return carried.sorted()
    }

    /// Read with all parents: what merge event `merge` (a main-line event inherited from a side
    /// branch, so not listed) resolved itself. Each of its fields whose value differs from the
    /// one the events `listed` (indices into `events`) last set before it, in time order (walk
    /// order within a second), with that value as the old one: both lines set a value and the
    /// merge kept one the listed events do not end with. A field no listed event set before it
    /// keeps the merge's own change. Empty when the merge only repeats what they said.
    public func mergeResolution(_ merge: Int, listed: [Int]) -> [FieldChange] {
        let before = listed.filter { events[$0].time < events[merge].time || (events[$0].time == events[merge].time && $0 < merge) }
            .sorted { (events[$0].time, $0) < (events[$1].time, $1) }
        var resolved: [FieldChange] = []
        for field in events[merge].fields {
            var said = field.oldValue
            for index in before.reversed() {
                if let last = events[index].fields.first(where: { $0.path == field.path }) {
                    said = last.newValue
                    break
                }
            }
            if said != field.newValue { resolved.append(FieldChange(path: field.path, old: said, new: field.newValue)) }
        }
        return resolved
    }

    /// Read with all parents: who made `field`'s value that merge event `merge` resolved
    /// (`mergeResolution`): the author of the last of the merge's own side events (the walk lists them
    /// just before it) that set the field to that value, else the merge's author (a value the side did
    /// not make: the fork's, put back).
    public func maker(of field: FieldChange, resolvedBy merge: Int) -> Person {
        var index = merge - 1
        while index >= 0, !events[index].mainLine {
            if events[index].fields.contains(where: { $0.path == field.path && $0.newValue == field.newValue }) {
                return events[index].author
            }
            index -= 1
        }
        return events[merge].commitAuthor
    }

    /// Whether some event is off the first-parent line or a merge's repeat of a side branch's
    /// change (read with all parents): then `ownEvents` are not the main line's events.
    public var hasSideEvents: Bool { sideEvents > 0 || inheritedEvents > 0 }

    /// This timeline continued from `old`'s, whose entity the commit `commit` renamed to this id: `old`'s
    /// events before that commit, then this one's, its first event there a change `renamedFrom` the old id
    /// (its fields the difference from the old id's last values). `old` keeps only its own events, from the
    /// rename that gave it its id (if any) on: an id renumbered every other commit kept a whole copy of the
    /// history before it at each step, and each join copied it again. False, and nothing changed, when this
    /// id had a life of its own before the rename.
    mutating func continuing(_ old: inout Timeline, renamedAt commit: ObjectID) -> Bool {
        guard let at = events.firstIndex(where: { $0.commit == commit && ($0.type == .created || $0.type == .restored) })
        else { return false }
        // A side branch's rename already joined the two (read with all parents); its merge renames again.
        let joined = events[..<at].lastIndex { $0.renamedFrom == old.id }
        guard joined != nil || at == 0 else { return false }
        let renameAt: Int
        if joined == nil {
            // The old id's events up to its removal here, taken over (not copied) when it was joined itself.
            let end = old.events.lastIndex { $0.commit == commit && $0.type == .removed } ?? old.events.endIndex
            var all = old.events
            let oldOwn = Array(old.events[old.ownStart...])
            let (oldSide, oldInherited) = (old.sideEvents, old.inheritedEvents)
            old = Timeline(id: old.id, kind: old.kind, events: oldOwn, versions: old.versions)
            let tail = all[end...]
            let prefixSide = oldSide - tail.count { !$0.mainLine }, prefixInherited = oldInherited - tail.count(where: \.inherited)
            all.removeSubrange(end...)
            renameAt = all.endIndex
            all.append(contentsOf: events)
            events = all
            sideEvents += prefixSide
            inheritedEvents += prefixInherited
            ownStart = renameAt
        } else {
            renameAt = at
        }
        // Values as the line had them before the first event to settle: the rename, or the side branch's.
        let first = joined ?? renameAt
        let before = events[..<first].lastIndex(where: \.mainLine)
        var lineState = before.map { events[$0].type == .removed ? EntityState() : events[$0].state } ?? EntityState()
        var lastPath = before.map { events[$0].path }
        for index in first..<events.endIndex {
            if index == renameAt {
                let state = EntityState(fields: events[index].fields.compactMap { field in field.newValue.map { Field(field.path, $0) } })
                events[index].type = .changed
                events[index].renamedFrom = old.id
                events[index].fields = CommitDiffer.difference(lineState.fields, state.fields)
                events[index].state = events[index].mainLine ? state : lineState
                if let lastPath, lastPath != events[index].path { events[index].previousPath = lastPath }
            } else if !events[index].mainLine {
                // A side branch's event holds the line's values, now the old id's until the line renames it.
                events[index].state = lineState
            }
            if events[index].mainLine {
                lineState = events[index].type == .removed ? EntityState() : events[index].state
                lastPath = events[index].path
            }
        }
        return true
    }

    /// Marks the removal in `commit` as the rename to `newID`, with the rename's field changes (the id's
    /// among them) in place of every field gone.
    mutating func markRenamed(to newID: String, at commit: ObjectID, fields: [FieldChange]) {
        for index in events.indices where events[index].commit == commit && events[index].type == .removed {
            events[index].renamedTo = newID
            events[index].fields = fields
        }
    }

    /// Whether the entity lives on under another id: its last event is a rename away.
    public var renamedAway: String? {
        events.last.flatMap { $0.type == .removed ? $0.renamedTo : nil }
    }

    /// Adds `change` of `record`, read where they are (passing them by value copied them).
    mutating func append(_ change: UnsafePointer<EntityChange>, of record: UnsafePointer<CommitRecord>) {
        let lineState = events.lastIndex(where: \.mainLine).map { events[$0].state } ?? EntityState()
        let type: TimelineEventType
        let state: EntityState
        let mainLine = record.pointee.mainLine
        switch change.pointee.type {
        case .added:
            // Restored only when the same line had it and lost it.
            let seen = mainLine ? events.contains(where: \.mainLine) : !events.isEmpty
            type = seen ? .restored : .created
            state = EntityState(layer: change.pointee.fields)
        case .changed:
            type = .changed
            state = lineState.applying(change.pointee.fields)
        case .removed:
            type = .removed
            state = EntityState()
        }
        kind = change.pointee.kind
        self.record(TimelineEvent(
            commit: record.pointee.id, time: record.pointee.time, author: change.pointee.author ?? record.pointee.author,
            commitAuthor: record.pointee.author, summary: record.pointee.summary,
            type: type, path: change.pointee.path, previousPath: change.pointee.previousPath, fields: change.pointee.fields,
            state: mainLine ? state : lineState, mainLine: mainLine, inherited: change.pointee.inherited))
    }
}

/// One version of an entity as lint's decoder reads it, and where it comes from.
public struct TypedVersion: Sendable {
    public var commit: ObjectID
    public var path: String
    /// Committer time of the commit that left it.
    public var time: Int64
    /// Its fields, for field-level reading (check-ins, changes) of the same values.
    public var state: EntityState
    public var document: DecodedDocument

    /// The entity; nil when the version has no usable kind and id.
    public var entity: Entity? { document.entity }

    /// What lint says of a value that is written but cannot be read (a string where a number
    /// belongs, a status outside the list, a malformed date): the value is left out, and this says why.
    public var unreadableValues: [Diagnostic] {
        document.diagnostics.filter {
            $0.field != nil && (Self.unreadableRules.contains($0.rule) || Self.beyondExact($0))
        }
    }

    /// A number too large or too small to compute with exactly: schema-range, and the decoder drops
    /// it (other schema-range values, such as a confidence of 1.5, are kept and drawn).
    private static func beyondExact(_ diagnostic: Diagnostic) -> Bool {
        diagnostic.rule == RuleID.range && diagnostic.message.contains(ExactNumber.beyondExact)
    }

    /// The rules that leave a value out; built once (a list made for every diagnostic read).
    private static let unreadableRules = [RuleID.type, RuleID.enumValue, RuleID.date, RuleID.quarter, RuleID.idForm]

    public var objective: Objective? { if case .objective(let value)? = entity { value } else { nil } }
    public var experiment: Experiment? { if case .experiment(let value)? = entity { value } else { nil } }
    public var metric: Metric? { if case .metric(let value)? = entity { value } else { nil } }
    public var squad: Squad? { if case .squad(let value)? = entity { value } else { nil } }
    public var hypothesis: Hypothesis? { if case .hypothesis(let value)? = entity { value } else { nil } }
}

/// The two halves of the timelines, each written by its own thread.
private final class TimelineHalves: @unchecked Sendable {
    private let lock = NSLock()
    private var parts: [[String: Timeline]] = [[:], [:]]

    func store(_ part: Int, _ timelines: [String: Timeline]) {
        lock.lock()
        defer { lock.unlock() }
        parts[part] = timelines
    }

    /// Half `part`, no longer held here.
    func take(_ part: Int) -> [String: Timeline] {
        lock.lock()
        defer { lock.unlock() }
        let taken = parts[part]
        parts[part] = [:]
        return taken
    }
}

/// Every entity's timeline, built from a history.
public struct Timelines: Sendable {
    public private(set) var byID: [String: Timeline]
    /// Each kind's ids, sorted: the reports of every quarter ask for the timelines of a kind, and
    /// picking them out of all the timelines copied every timeline (each retained and released).
    private let idsByKind: [String: [String]]

    /// - Parameter followingRenames: join the timelines of an id a commit renamed (`RenamePairing`, marked
    ///   by the walk): the new id's timeline starts with the old one's, and the old id, its entity living on,
    ///   is left out of `all(kind:)` (still found by id). `review`, which judges renames itself, reads them apart.
    public init(_ history: History, followingRenames: Bool = true) {
        let versions = DecodedVersions()
        // Two cores: each builds the timelines of half the ids (by `Timelines.part(of:)`), every
        // one from all the records in order, so each timeline is what one pass builds.
        let halves = TimelineHalves()
        let records = history.records
        TwoThreads.run { part in
            var timelines: [String: Timeline] = [:]
            // The first part's table takes the second's in too: room for both, so merging rehashes nothing.
            timelines.reserveCapacity(records.count / (part == 0 ? 4 : 8))
            // In place, through pointers: `for record in records` copied every record (its author,
            // summary, changes) on both threads to use half of them, and passing an element to
            // `append` still copied it.
            records.withUnsafeBufferPointer { records in
                guard let firstRecord = records.baseAddress else { return }
                for index in records.indices {
                    let record = firstRecord + index
                    record.pointee.changes.withUnsafeBufferPointer { changes in
                        guard let firstChange = changes.baseAddress else { return }
                        for position in changes.indices where Timelines.part(of: changes[position].entity) == part {
                            let change = firstChange + position
                            let entity = change.pointee.entity
                            // Mutated in place: copying a timeline out and back made every append copy its events.
                            timelines[entity, default: Timeline(id: entity, kind: change.pointee.kind, events: [], versions: versions)]
                                .append(change, of: record)
                        }
                    }
                }
            }
            halves.store(part, timelines)
        }
        // Taken out, not copied: a shared dictionary would be copied whole by the merge.
        var timelines = halves.take(0)
        let second = halves.take(1)
        timelines.reserveCapacity(timelines.count + second.count)
        timelines.merge(second, uniquingKeysWith: { first, _ in first })  // the ids differ
        if followingRenames { Self.followRenames(records, in: &timelines) }
        var idsByKind: [String: [String]] = [:]
        for index in timelines.indices where timelines.values[index].renamedAway == nil {
            idsByKind[timelines.values[index].kind, default: []].append(timelines.keys[index])
        }
        for kind in idsByKind.keys { idsByKind[kind]?.sort() }
        byID = timelines
        self.idsByKind = idsByKind
    }

    /// Joins each renamed id's timeline to the new id's, in walk order (so a chain of renames joins up).
    private static func followRenames(_ records: [CommitRecord], in timelines: inout [String: Timeline]) {
        for record in records {
            for change in record.changes where change.type == .added {
                // Both taken out, so that joining them moves the events rather than copying them.
                guard let old = change.renamedFrom, old != change.entity, var before = timelines.removeValue(forKey: old) else { continue }
                guard var after = timelines.removeValue(forKey: change.entity) else {
                    timelines[old] = before
                    continue
                }
                if after.continuing(&before, renamedAt: record.id),
                   let rename = after.events.lastIndex(where: { $0.commit == record.id && $0.renamedFrom == old }) {
                    before.markRenamed(to: change.entity, at: record.id, fields: after.events[rename].fields)
                }
                timelines[old] = before
                timelines[change.entity] = after
            }
        }
    }

    /// Which of the two threads builds the timeline of `id`: the parity of its bytes' sum. The last
    /// byte's parity gave one thread every objective (their ids end in `-1`), a third more work.
    static func part(of id: String) -> Int {
        var sum: UInt8 = 0
        for byte in id.utf8 { sum &+= byte }
        return Int(sum & 1)
    }

    public subscript(id: String) -> Timeline? { byID[id] }

    /// The id the entity once called `id` lives on under now: `id` itself unless the history followed it
    /// across a rename (a chain of them followed to its end).
    /// An id in the middle of a chain is followed by the rename that took the entity on from it, not by its last
    /// event: a new entity that took the freed id later is another (review, 2026-12-05: ACQL-1 → ACQL-2 → ACQL-3,
    /// then a new ACQL-2, and an experiment naming ACQL-1/KR-1 was linked to the new ACQL-2's key result).
    public func followed(_ id: String) -> String {
        var current = id
        var seen: Set<String> = [id]
        guard var next = byID[id]?.renamedAway else { return id }
        while seen.insert(next).inserted {
            let previous = current
            current = next
            guard let events = byID[current]?.events,
                  let entered = events.firstIndex(where: { $0.renamedFrom == previous }),
                  let away = events[entered...].first(where: { $0.type == .removed && $0.renamedTo != nil })?.renamedTo
            else { break }
            next = away
        }
        return current
    }

    /// Timelines of one kind, sorted by id.
    public func all(kind: String) -> [Timeline] {
        (idsByKind[kind] ?? []).compactMap { byID[$0] }
    }
}
