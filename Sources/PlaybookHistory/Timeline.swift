import PlaybookGit

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
    /// After `.mailmap`.
    public var author: Person
    public var summary: String
    public var type: TimelineEventType
    public var path: String
    public var previousPath: String?
    public var fields: [FieldChange]
    /// Every field's value after this commit (empty after a removal).
    public var state: [String: String]
}

/// One entity's life, commit by commit, in walk order.
public struct Timeline: Sendable {
    public var id: String
    public var kind: String
    public var events: [TimelineEvent]

    /// The fields as they stood just before `time` (committer time); nil when the entity did not exist then.
    public func state(before time: Int64) -> [String: String]? {
        var current: [String: String]?
        for event in events {
            if event.time >= time { break }
            current = event.type == .removed ? nil : event.state
        }
        return current
    }

    /// The fields now; nil when the entity is removed.
    public var current: [String: String]? {
        guard let last = events.last, last.type != .removed else { return nil }
        return last.state
    }

    public var created: TimelineEvent? { events.first }
}

/// Every entity's timeline, built from a history.
public struct Timelines: Sendable {
    public var byID: [String: Timeline]

    public init(_ history: History) {
        var timelines: [String: Timeline] = [:]
        for record in history.records {
            for change in record.changes {
                var timeline = timelines[change.entity] ?? Timeline(id: change.entity, kind: change.kind, events: [])
                var state = timeline.events.last?.state ?? [:]
                let type: TimelineEventType
                switch change.type {
                case .added:
                    type = timeline.events.isEmpty ? .created : .restored
                    state = [:]
                case .changed: type = .changed
                case .removed: type = .removed
                }
                if change.type == .removed {
                    state = [:]
                } else {
                    for field in change.fields {
                        state[field.path] = field.new
                    }
                }
                timeline.kind = change.kind
                timeline.events.append(TimelineEvent(
                    commit: record.id, time: record.time, author: record.author, summary: record.summary,
                    type: type, path: change.path, previousPath: change.previousPath, fields: change.fields,
                    state: state))
                timelines[change.entity] = timeline
            }
        }
        byID = timelines
    }

    public subscript(id: String) -> Timeline? { byID[id] }

    /// Timelines of one kind, sorted by id.
    public func all(kind: String) -> [Timeline] {
        byID.values.filter { $0.kind == kind }.sorted { $0.id < $1.id }
    }
}
