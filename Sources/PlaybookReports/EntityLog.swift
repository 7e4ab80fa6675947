import PlaybookGit
import PlaybookHistory
import PlaybookModel

/// One entity's timeline as `playbook log` shows it. A key result (`OKR-…/KR-n`) is shown as
/// the commits of its objective that touched it, with its own fields.
public struct EntityLog: Sendable {
    public var id: String
    public var kind: String
    public var events: [TimelineEvent]
    public var caveats: [String]
    /// Files of this entity that were skipped because they did not parse.
    public var notes: [HistoryNote]
    /// The first event is a shallow clone's first commit: the entity was already there where the
    /// history starts, not created there (its event keeps the type `created`).
    public var startsAtShallowEdge = false

    /// How many commits changed it: a merge whose change is split by who made each value (both
    /// lines edited the file) is one commit with an event per maker, side by side.
    /// A commit that only moved its file (no field changed) is listed but not counted (`moveCount`).
    public var commitCount: Int {
        var counted = Set<String>()
        for event in events where !Self.isMoveOnly(event) { counted.insert(event.commit.description) }
        return counted.count
    }

    /// How many commits only moved its file, changing no field.
    public var moveCount: Int {
        let changed = Set(events.filter { !Self.isMoveOnly($0) }.map(\.commit.description))
        return Set(events.filter { Self.isMoveOnly($0) && !changed.contains($0.commit.description) }.map(\.commit.description)).count
    }

    static func isMoveOnly(_ event: TimelineEvent) -> Bool {
        event.type == .changed && event.previousPath != nil && event.fields.isEmpty
    }

    /// Read with all parents: every commit's own events, and in place of each merge that repeats
    /// a side branch's change, what it resolved itself (`Timeline.mergeResolution`), by its author.
    /// A side commit's change is listed only where a merge carried it onto the first-parent line
    /// (`Timeline.carriedSideEvents`, as the reports count it): a change the merge threw away is no event.
    static func listed(_ timeline: Timeline) -> [TimelineEvent] {
        let events = timeline.events
        // Per side event, the fields a merge carried (a move without field changes stays listed).
        var carried: [Int: Set<String>] = [:]
        let sideFields = Set(events.filter { !$0.mainLine && !$0.inherited }.flatMap { $0.fields.map(\.path) })
        for field in sideFields {
            for index in timeline.carriedSideEvents(changing: field) { carried[index, default: []].insert(field) }
        }
        func kept(_ index: Int) -> Bool {
            events[index].mainLine || events[index].fields.isEmpty || carried[index] != nil
        }
        let own = events.indices.filter { !events[$0].inherited && kept($0) }
        // A side's deletion that the main line's own commits changed the entity after (a modify/delete
        // conflict the merge resolved by deleting) took it out of the playbook with the merge: the merge's
        // removal is listed (by whoever it credits, the side's author, as the first-parent walk does), in
        // place of the side's, so the removal does not come before the main line's last change.
        var removedByMerge: Set<Int> = []
        var replaced: Set<Int> = []
        for merge in events.indices where events[merge].mainLine && events[merge].inherited && events[merge].type == .removed {
            // (A rename on the side is no deletion: the main line's edit went on into the renamed file, and the
            // rename stays the side's commit, as the new id's log lists it.)
            guard let side = events.indices[..<merge].last(where: {
                !events[$0].mainLine && events[$0].type == .removed && carried[$0] != nil
            }), events[side].renamedTo == nil else { continue }
            let changedAfter = events.indices[..<merge].contains {
                events[$0].mainLine && !events[$0].inherited && events[$0].time > events[side].time
            }
            guard changedAfter else { continue }
            removedByMerge.insert(merge)
            replaced.insert(side)
        }
        var listed: [TimelineEvent] = []
        for index in events.indices {
            if removedByMerge.contains(index) {
                var removal = events[index]
                removal.inherited = false
                listed.append(removal)
                continue
            }
            guard events[index].inherited else {
                guard kept(index), !replaced.contains(index) else { continue }
                var event = events[index]
                if !event.mainLine, let fields = carried[index] { event.fields = event.fields.filter { fields.contains($0.path) } }
                listed.append(event)
                continue
            }
            guard events[index].mainLine, events[index].type != .removed else { continue }
            let fields = timeline.mergeResolution(index, listed: own)
            guard !fields.isEmpty else { continue }
            // By whoever made the values it kept: a side commit's author for a side's value kept over
            // the main line's (as the first-parent walk credits it), the merger for one the side did not
            // make; one event per maker, the sides' first (as a merge split by maker is).
            let makers = fields.grouped { timeline.maker(of: $0, resolvedBy: index) }
            let merger = events[index].commitAuthor
            for (author, fields) in makers.filter({ $0.maker != merger }) + makers.filter({ $0.maker == merger }) {
                var merge = events[index]
                merge.fields = fields
                merge.author = author
                merge.inherited = false
                // The side's commits listed it already: the merge changes it.
                if own.contains(where: { $0 < index }) { merge.type = .changed }
                listed.append(merge)
            }
        }
        // In date order (the walk lists each side's commits just before their merge, after the main
        // line's commits made meanwhile); the walk's order within a second.
        return listed.indices.sorted { (listed[$0].time, $0) < (listed[$1].time, $1) }.map { listed[$0] }
    }

    /// Nil when no commit ever held the entity.
    public init?(id: String, timelines: Timelines, history: History) {
        let parts = id.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        guard let entityID = parts.first, !entityID.isEmpty, parts.count == 1 || !parts[1].isEmpty,
              let timeline = timelines[entityID] else { return nil }
        self.id = id
        caveats = history.caveats
        // A merge that repeats a side branch's change (read with all parents) is not a change of its own,
        // but what it resolved itself (a value other than the one the listed commits last set) is.
        let own = timeline.hasSideEvents ? Self.listed(timeline) : timeline.ownEvents
        let paths = Set(own.map(\.path))
        notes = history.notes.filter { paths.contains($0.path) || $0.isDuplicate(of: entityID) }
        guard parts.count == 2 else {
            kind = timeline.kind
            events = own
            startsAtShallowEdge = Self.startsAtShallowEdge(events, history)
            return
        }
        let prefix = "key_results[\(parts[1])]"
        kind = "KeyResult"
        var found: [TimelineEvent] = []
        for event in own {
            var event = event
            event.fields = event.fields.filter { $0.path.hasPrefix(prefix + ".") || $0.path == prefix }
                .map { FieldChange(path: String($0.path.dropFirst(prefix.count + 1)), old: $0.oldValue, new: $0.newValue) }
            event.state = EntityState(event.state.values.filter { $0.key.hasPrefix(prefix + ".") })
            guard !event.fields.isEmpty else { continue }
            // A key result appears when its objective gains it, and goes when it loses it.
            if event.type == .changed {
                if event.fields.allSatisfy({ $0.old == nil }) { event.type = found.isEmpty ? .created : .restored }
                if event.fields.allSatisfy({ $0.new == nil }) { event.type = .removed }
            }
            found.append(event)
        }
        guard !found.isEmpty else { return nil }
        events = found
        startsAtShallowEdge = Self.startsAtShallowEdge(events, history)
    }

    private static func startsAtShallowEdge(_ events: [TimelineEvent], _ history: History) -> Bool {
        guard let first = events.first, first.type == .created else { return false }
        return history.shallowBoundary.contains(first.commit)
    }
}

/// Renders a log as Markdown, terminal text or JSON.
public enum LogRenderer {
    public static func markdown(_ log: EntityLog) -> String { render(log, as: .markdown) }

    /// The Markdown's layout without its markup or escapes (`[]`, not `\\[\\]`): for reading in a
    /// terminal. User strings are terminal-safe (`Inert.terminal`), each on one line.
    public static func text(_ log: EntityLog) -> String { render(log, as: .text) }

    /// How one renderer writes user text, code and emphasis.
    enum Style {
        case markdown, text

        func inline(_ text: String) -> String {
            self == .markdown ? Markdown.inline(text) : Inert.terminal(Inert.foldingLines(text))
        }

        func code(_ text: String) -> String {
            self == .markdown ? Inert.markdownCodeOutsideTables(text) : Inert.terminal(Inert.foldingLines(text))
        }

        func strong(_ text: String) -> String { self == .markdown ? "**\(text)**" : text }

        func heading(_ level: Int) -> String { self == .markdown ? String(repeating: "#", count: level) + " " : "" }
    }

    static func render(_ log: EntityLog, as style: Style) -> String {
        var out = "\(style.heading(1))\(style.inline(log.id)) (\(log.kind))\n\n"
        for caveat in log.caveats {
            out += style == .markdown ? "> **Note:** \(codeSpans(caveat))\n\n" : "Note: \(style.inline(caveat))\n\n"
        }
        out += "\(log.commitCount) commit\(log.commitCount == 1 ? "" : "s") changed it"
        if log.moveCount > 0 { out += "; \(log.moveCount) only moved its file" }
        out += ".\n"
        for (index, event) in log.events.enumerated() {
            let commit = String(event.commit.description.prefix(12))
            out += "\n\(style.heading(2))\(UTC.day(of: event.time)) · \(style == .markdown ? "`\(commit)`" : commit) · \(style.inline(event.author.name))\n\n"
            let place: String
            if let previous = event.previousPath {
                place = ", moved from \(style.code(previous)) to \(style.code(event.path))"
            } else {
                place = " in \(style.code(event.path))"
            }
            let type = if log.startsAtShallowEdge && index == 0 {
                "already there where the history starts"
            } else if let from = event.renamedFrom {
                "renamed from \(style.code(from))"
            } else if let to = event.renamedTo {
                "renamed to \(style.code(to))"
            } else {
                event.type.rawValue
            }
            out += "\(style.strong(type))\(place) — \(style.inline(event.summary))\n\n"
            for field in event.fields {
                out += "- \(style.code(field.path)): " + describe(field, style) + "\n"
            }
        }
        // A version that does not parse is skipped; one that writes a key twice is read (with the key's first
        // value) and noted: two headings, so a note on a version read is not filed as a skipped one.
        for (heading, notes) in [("Skipped versions", log.notes.filter(\.isSkippedVersion)),
                                 ("Notes on versions read", log.notes.filter { !$0.isSkippedVersion })] where !notes.isEmpty {
            out += "\n\(style.heading(2))\(heading)\n\n"
            for note in notes {
                let commit = String(note.commit.description.prefix(12))
                out += "- \(style == .markdown ? "`\(commit)`" : commit) \(style.code(note.path)): \(style.inline(note.message))\n"
            }
        }
        return out
    }

    /// A caveat's `…` spans as code (`git fetch --unshallow`), each inert; the rest as inline text.
    static func codeSpans(_ text: String) -> String {
        let parts = text.split(separator: "`", omittingEmptySubsequences: false).map(String.init)
        // An unpaired backtick leaves the text as it is, escaped.
        guard parts.count % 2 == 1 else { return Markdown.inline(text) }
        return parts.enumerated().map { $0.offset % 2 == 1 ? Inert.markdownCodeOutsideTables($0.element) : Markdown.inline($0.element) }.joined()
    }

    /// A change longer than this (or either side spanning lines) is shown with the old and new
    /// value on lines of their own, so an edited paragraph (`learnings`) reads as two, not one run.
    static let longChange = 60

    static func describe(_ field: FieldChange, _ style: Style = .markdown) -> String {
        switch (field.oldValue, field.newValue) {
        case (nil, let new?): return style.inline(new.text)
        case (let old?, nil): return style == .markdown ? "~~\(style.inline(old.text))~~ (removed)" : "\(style.inline(old.text)) (removed)"
        case (let old?, let new?):
            // A change of type only (`54100` to `"54100"`) shows the string quoted, as YAML writes it.
            let (from, to) = old.text == new.text ? (old.yamlText, new.yamlText) : (old.text, new.text)
            let long = from.count + to.count > longChange || from.contains("\n") || to.contains("\n")
            guard long else { return "\(style.inline(from)) → \(style.inline(to))" }
            // A text extended at its end says so: the reader need not compare the two to find the new part.
            let extended = to.hasPrefix(from) && to.count > from.count
            let how = extended ? "extended at the end" : "changed"
            return "\(how)\n  - was: \(style.inline(from))\n  - now: \(style.inline(to))"
        case (nil, nil): return ""
        }
    }

    public static func json(_ log: EntityLog) -> String {
        JSON.object([
            ("version", .integer(1)),
            ("entity", .string(log.id)),
            ("kind", .string(log.kind)),
            ("caveats", .array(log.caveats.map(JSON.string))),
            ("events", .array(log.events.enumerated().map { index, event in
                .object([
                    ("commit", .string(event.commit.description)),
                    ("time", .string(UTC.iso(event.time))),
                    ("author", .object([("name", .string(event.author.name)), ("email", .string(event.author.email))])),
                    ("summary", .string(event.summary)),
                    // `renamed`: the commit gave the entity this id (`renamed_from`); the events before are the old id's.
                    ("type", .string(event.renamedFrom == nil ? event.type.rawValue : "renamed")),
                    ("renamed_from", .optional(event.renamedFrom)),
                    // On the old id's log: the commit gave the entity this id (its `type` stays `removed`).
                    ("renamed_to", .optional(event.renamedTo)),
                    ("path", .string(event.path)),
                    ("previous_path", .optional(event.previousPath)),
                    // False for a side branch's commit (read with --all-parents): an event, not the line's value.
                    ("main_line", .bool(event.mainLine)),
                    // True for a shallow clone's first commit holding it: there already, not created there.
                    ("at_history_start", .bool(log.startsAtShallowEdge && index == 0)),
                    ("changes", .array(event.fields.map { field in
                        .object([("field", .string(field.path)), ("old", .optional(field.old)), ("new", .optional(field.new))])
                    })),
                ])
            })),
            ("notes", .array(log.notes.map { note in
                .object([("commit", .string(note.commit.description)), ("path", .string(note.path)),
                         ("message", .string(note.message))])
            })),
        ]).rendered()
    }
}

/// Markdown helpers: user text must not break a table, start a heading, or become markup,
/// a mention, a reference or a link (`Inert.markdown`).
enum Markdown {
    static func inline(_ text: String) -> String {
        Inert.markdown(text)
    }
}
