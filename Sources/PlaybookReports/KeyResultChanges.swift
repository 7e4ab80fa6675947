import Foundation
import PlaybookGit
import PlaybookHistory
import PlaybookModel

/// A key result a commit in the quarter took out of its objective (and no later one put back):
/// shown under its objective as `objectives_dropped` shows objectives, and left out of its score.
public struct DroppedKeyResult: Sendable {
    /// The key result as it stood until the commit that removed it: values, check-ins and
    /// confidence up to then; no status (it is no longer judged).
    public var keyResult: KeyResultLine
    /// When the removing commit was made, which commit, and who made it.
    public var removed: Int64
    public var commit: ObjectID
    public var author: Person
}

/// Where key results came and went in an objective's history.
enum KeyResultChanges {
    /// The ids of the key results `state` holds (`key_results[KR-1].id`).
    /// Whether `path` is a key result's id (`key_results[KR-1].id`, not a nested list's `key_results[KR-1].steps[S-1].id`).
    static func isKeyResultID(_ path: String) -> Bool {
        let prefix = "key_results[", suffix = "].id"
        guard path.hasPrefix(prefix), path.hasSuffix(suffix) else { return false }
        let id = path.utf8.dropFirst(prefix.utf8.count).dropLast(suffix.utf8.count)
        return !id.isEmpty && !id.contains(UInt8(ascii: "]"))
    }

    static func ids(in state: EntityState) -> Set<String> {
        let prefix = "key_results[", suffix = "].id"
        var ids = Set<String>()
        for key in state.keys where key.hasPrefix(prefix) && key.hasSuffix(suffix) && key.count > prefix.count + suffix.count {
            let id = key.dropFirst(prefix.count).dropLast(suffix.count)
            // A nested list's id (`key_results[KR-1].steps[S-1].id`) is not a key result's.
            guard !id.contains("]") else { continue }
            ids.insert(String(id))
        }
        return ids
    }

    /// The key results removed by a first-parent commit in [start, end) while the objective belonged
    /// to the quarter (`isIn`), and not back by `end`: each with the removing event and the last event
    /// before it that held the key result (nil: the version standing at `start`), indices into `timeline.events`.
    /// A key result removed before the quarter is not one; the objective's own removal is not either
    /// (it is the objective that is dropped), but a rewrite without the key result is.
    static func removals(in timeline: Timeline, start: Int64, end: Int64,
                         isIn: (EntityState?) -> Bool) -> [(kr: String, removal: Int, holder: Int?)] {
        let atStart = timeline.state(before: start)
        var present = isIn(atStart) ? atStart.map(ids) ?? [] : []
        var holder: Int?
        var removed: [String: (removal: Int, holder: Int?)] = [:]
        let events = timeline.events
        // Whether `present` is the key results of the last event read: an event that changes no key result's
        // id then leaves them as they are (reading every key of each check-in's state was some 5 % of a large
        // site's first build).
        var current = true
        for index in events.indices where events[index].mainLine && events[index].time >= start && events[index].time < end {
            guard events[index].type != .removed, isIn(events[index].state) else {
                current = false
                continue
            }
            if current, events[index].type == .changed, !events[index].fields.contains(where: { isKeyResultID($0.path) }) {
                holder = index
                continue
            }
            current = true
            let now = ids(in: events[index].state)
            for kr in present.subtracting(now) { removed[kr] = (index, holder) }
            for kr in now { removed[kr] = nil }
            present = now
            holder = index
        }
        return removed.map { ($0.key, $0.value.removal, $0.value.holder) }.sorted { KeyResultFields.naturalOrder($0.kr, $1.kr) }
    }
}

/// A first-parent commit in the quarter that changed a key result's baseline or target from one
/// value to another (its creation, or its return after a removal, is not an edit).
public struct KeyResultEdit: Sendable, Hashable {
    public var time: Int64
    /// The values before and after; nil where one is not a number (lint reports it).
    public var from: Decimal?
    public var to: Decimal?
    public var commit: ObjectID
    public var author: Person
}

extension KeyResultChanges {
    /// The edits of field `path` (`key_results[KR-1].baseline`) among `events` (first-parent) in [start, end).
    static func edits(of path: String, in events: [TimelineEvent], start: Int64, end: Int64) -> [KeyResultEdit] {
        var edits: [KeyResultEdit] = []
        for index in events.indices where events[index].time >= start && events[index].time < end && events[index].type != .removed {
            guard let change = events[index].fields.first(where: { $0.path == path }),
                  let old = change.oldValue, let new = change.newValue else { continue }
            // `12.50` rewritten `12.5` is the same number: no edit.
            if let from = old.number, let to = new.number, from == to { continue }
            edits.append(KeyResultEdit(time: events[index].time, from: old.number, to: new.number,
                                       commit: events[index].commit, author: events[index].author))
        }
        return edits
    }
}
