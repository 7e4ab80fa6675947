import PlaybookModel
import PlaybookOverlaps
import PlaybookReports

/// The experiment calendar: per surface, every experiment's planned window (its dates as
/// written) and live spans (from its move to running to its conclusion, as the history shows;
/// one re-opened after its conclusion has two, the gap between), with collisions and exclusion
/// groups marked, so contention shows before it happens.
struct CalendarPage {
    var input: SiteInput
    var catalog: Catalog

    struct Row {
        /// What a row shows of its experiment (a copy of the whole experiment, per row and per
        /// move while sorting, retained and released every string of it).
        var experiment: Shown
        var planned: (Day, Day)?
        /// The planned end as written (`end`, or `start` plus `duration_days`); nil when neither is.
        var plannedEnd: Day?
        /// When it was live, oldest first: more than one span when a conclusion was undone.
        var live: [(Day, Day)]
        /// When it stood paused within those spans, oldest first, each to the day it ran again (nil: paused
        /// still on today). Still live for the collision rule; drawn and said apart from the running days.
        var paused: [(start: Day, end: Day?)] = []
        /// The first colliding ids (`listed` of them), and how many collide in all.
        var collidesWith: [String]
        var collisions: Int
        /// The first others it ran at the same time with, one side or both ended (`listed` of them), and how
        /// many in all; a past fact, no collision to resolve.
        var ranWith: [String] = []
        var ranWithCount = 0
        /// It has concluded or been abandoned: its live window is what ran with others, and nothing is judged on it.
        var judgedOnLive = false
        /// The first others judged beside it (`listedApart` of them, by id) on the same or a nested surface whose
        /// windows meet its own but whose audiences cannot overlap, with what keeps them apart; and how many in all.
        var apartFrom: [(id: String, why: String)] = []
        var apartCount = 0

        var first: Day? {
            guard let planned else { return live.first?.0 }
            return live.first.map { min($0.0, planned.0) } ?? planned.0
        }
    }

    struct Shown {
        var id: ID
        var title: String?
        var squad: Reference?
        /// As it stood on today (`ExperimentsOnToday`), and as it stands at the commit.
        var status: Located<ExperimentStatus>?
        var statusAtCommit: String?
        var exclusionGroup: String?
        var audience: Audience?
        /// False for one written after today (a `--today` before the commit's last moves): its table row
        /// says so, and the timelines leave it out, as they draw the playbook of that day.
        var heldOnToday: Bool
        /// For one the playbook had let go of by today that ran before (`RemovedExperiments`): the commit
        /// that removed it and its day. Drawn where it ran, its collisions not judged.
        var removed: (commit: String, day: Day)?

        /// Whether the timelines draw it: held on today, or removed by then after it ran.
        var drawn: Bool { heldOnToday || removed != nil }

        struct ID { var value: String }

        /// Experiment `i` of `list`, as the playbook held it on today; `atCommit`, its status at the commit.
        init(_ list: [(experiment: Experiment, heldOnToday: Bool)], _ i: Int, atCommit: String?) {
            id = ID(value: list[i].experiment.id.value)
            title = list[i].experiment.title
            squad = list[i].experiment.squad
            status = list[i].experiment.status
            statusAtCommit = atCommit
            exclusionGroup = list[i].experiment.exclusionGroup
            audience = list[i].experiment.audience
            heldOnToday = list[i].heldOnToday
        }

        /// One the playbook had let go of by today, as it last read; `atCommit`, its status at the commit
        /// (restored since), if it holds it.
        init(_ removed: RemovedExperiments.Removed, atCommit: String?) {
            id = ID(value: removed.id)
            title = removed.experiment.title
            squad = removed.experiment.squad
            status = removed.experiment.status
            statusAtCommit = atCommit
            exclusionGroup = removed.experiment.exclusionGroup
            heldOnToday = false
            self.removed = (removed.commit, removed.day)
        }

        /// What is said of one removed: where and when.
        /// One removed while it ran (or stood paused) is said so: its last status read alone says it runs on.
        var removedNote: String? {
            removed.map { removed in
                guard let live = removedWhileLive else { return "removed from the playbook at \(removed.commit) on \(removed.day)" }
                return "removed while \(live.rawValue), at \(removed.commit) on \(removed.day)"
            }
        }

        /// The status it was removed in when that was running or paused (its bar ends at the removal, marked so); nil otherwise.
        var removedWhileLive: ExperimentStatus? {
            guard removed != nil, let status = status?.value, status == .running || status == .paused else { return nil }
            return status
        }

        /// Its status where the table gives it, when removed: as it last read, with the removal (and the
        /// commit's status, restored since) beside it.
        var removedStatusHTML: String? {
            removedNote.map { note in
                h(status?.value.rawValue ?? "–") + " <span class=\"meta\">(" + h(note + (statusAtCommit.map { "; \($0) at this commit" } ?? "")) + ")</span>"
            }
        }
    }

    /// How many collisions a row's cell names, and how many pairs each area lists.
    static let listed = 20
    static let listedCollisions = 50

    /// The area of a surface: its first segment, where nested surfaces meet.
    static func area(_ surface: String?) -> String {
        String((surface ?? noSurface).split(separator: "/").first ?? "")
    }

    static let noSurface = "(no surface)"

    /// Past this many surfaces, an area is split by its first two segments (`web/checkout`, `web/search`), each a
    /// timeline and a table of its own: a generated history's 2,338 surfaces under `web` were one timeline of them all.
    static let surfacesPerArea = 60

    /// The section each surface is drawn in: its area (`area`), or, in an area of more than `surfacesPerArea`
    /// surfaces, its first two segments (a surface of one segment keeps the area's name).
    static func sections<Surfaces: Sequence>(_ surfaces: Surfaces) -> [String: String] where Surfaces.Element == String {
        var out: [String: String] = [:]
        for (area, members) in Dictionary(grouping: surfaces, by: { Self.area($0) }) {
            let split = members.count > surfacesPerArea
            for surface in members {
                out[surface] = split ? surface.split(separator: "/").prefix(2).joined(separator: "/") : area
            }
        }
        return out
    }

    /// The planned end of experiment `i` of `list` (read where it is): `end`, else `start` plus `design.duration_days`.
    static func plannedEnd(_ list: [Experiment], _ i: Int) -> Day? {
        list[i].plannedEnd
    }

    /// The experiments drawn, each as the playbook held it on today (`ExperimentsOnToday`): those
    /// gone from the playbook since among them, those written after today as they are at the commit,
    /// and those it had let go of by today that ran before, as they last read (`RemovedExperiments`).
    func rows(_ collisions: LivedCollisions) -> [String: [Row]] {
        Self.withCollisions(skeleton(), collisions, today: input.today)
    }

    /// Each row with its collisions as `collisions` judges them, and its near misses (`markNearMisses`).
    static func withCollisions(_ skeleton: [String: [Row]], _ collisions: LivedCollisions, today: Day) -> [String: [Row]] {
        var bySurface = skeleton
        for surface in bySurface.keys {
            bySurface[surface] = bySurface[surface]?.map { row in
                guard row.experiment.removed == nil else { return row }
                var row = row
                let id = row.experiment.id.value
                let partners = collisions.partners(of: id, limit: listed)
                row.collidesWith = partners.colliding.map(\.id)
                row.collisions = collisions.collisionCount(of: id)
                row.ranWith = partners.ranWith
                row.ranWithCount = collisions.graph.count(of: id) - row.collisions
                row.judgedOnLive = collisions.judgedOnLive.contains(id)
                return row
            }
        }
        markNearMisses(&bySurface, today: today)
        return bySurface
    }

    /// The rows with their dates and statuses, before any collision is judged (which the pages need, not the
    /// list of the calendar's pages: made first, alone, while the collisions are found on another core).
    func skeleton() -> [String: [Row]] {
        var bySurface: [String: [Row]] = [:]
        // Each experiment's fields read by position (`for e in` copied each one out, and so did
        // handing one whole to a function).
        let list = input.onToday.experiments(catalog)
        let removed = input.removed.list
        // One removed by today and restored since has its removed row instead of one not yet in the playbook.
        let restored = Set(removed.lazy.map(\.id).filter { catalog.experiments.contains($0) })
        for i in list.indices {
            let id = list[i].experiment.id.value
            if !list[i].heldOnToday, restored.contains(id) { continue }
            var planned: (Day, Day)?
            let plannedEnd = list[i].experiment.plannedEnd
            if let start = list[i].experiment.start?.value { planned = (start, max(start, plannedEnd ?? start)) }
            let live = input.liveSpans(of: id).map { ($0.start, max($0.start, $0.end ?? input.today)) }
            let paused = live.isEmpty ? [] : input.pauses(of: id)
            guard planned != nil || !live.isEmpty else { continue }
            let atCommit = catalog.experiments.read(id) { $0.status?.value.rawValue }
            bySurface[list[i].experiment.surface?.value ?? Self.noSurface, default: []].append(
                Row(experiment: Shown(list, i, atCommit: atCommit), planned: planned, plannedEnd: plannedEnd, live: live, paused: paused,
                    collidesWith: [], collisions: 0))
        }
        for removed in removed {
            var planned: (Day, Day)?
            let plannedEnd = removed.experiment.plannedEnd
            if let start = removed.experiment.start?.value { planned = (start, max(start, plannedEnd ?? start)) }
            let atCommit = catalog.experiments.read(removed.id) { $0.status?.value.rawValue }
            bySurface[removed.experiment.surface?.value ?? Self.noSurface, default: []].append(
                Row(experiment: Shown(removed, atCommit: atCommit), planned: planned, plannedEnd: plannedEnd, live: removed.live, paused: removed.paused,
                    collidesWith: [], collisions: 0))
        }
        // Sorted by exclusion group, then first day, then id; the keys read once, the rows moved once.
        return bySurface.mapValues { rows in
            let keys = rows.map { ($0.experiment.exclusionGroup ?? "\u{10FFFF}", $0.first, $0.experiment.id.value) }
            let order = keys.indices.sorted { a, b in
                let (ga, fa, ia) = keys[a], (gb, fb, ib) = keys[b]
                if ga != gb { return ga < gb }
                if fa != fb { return (fa.map { d in fb.map { d < $0 } ?? true }) ?? false }
                return ia < ib
            }
            return order.map { rows[$0] }
        }
    }

    /// The window the collision rule judges a row on today, as its red outline is drawn: the planned one
    /// (reaching today for one running past its planned end), else the days it has been live; nil for one
    /// the rule does not judge (not ready, running or paused on today, removed, or not yet written).
    static func judgedWindow(_ row: Row, today: Day) -> (Day, Day)? {
        let e = row.experiment
        guard e.heldOnToday, e.removed == nil, !row.judgedOnLive, let status = e.status?.value,
              status == .ready || status == .running || status == .paused else { return nil }
        if var window = row.planned {
            if status == .running, row.plannedEnd.map({ $0 < today }) ?? true, window.1 < today { window.1 = today }
            return window
        }
        guard status != .ready, let first = row.live.first, let last = row.live.last else { return nil }
        return (first.0, last.1)
    }

    /// How many pairs of experiments two surfaces' lists may make before their near misses are not looked for
    /// (20,000 experiments on one surface are 200 million pairs; their collisions are counted, not listed, too).
    static let nearMissPairs = 250_000
    /// How many of them a row's cell names.
    static let listedApart = 5

    /// Marks each judged row with the others judged beside it on the same or a nested surface, their windows
    /// meeting and no exclusion group holding both, whose audiences cannot overlap (`CollisionNearMiss`): the
    /// pairs whose bars overlap with no red outline, and why.
    static func markNearMisses(_ bySurface: inout [String: [Row]], today: Day) {
        var entries: [(surface: String, row: Int, window: (Day, Day), id: String, group: String?, audience: Audience?)] = []
        var byKey: [String: [Int]] = [:]
        for (surface, rows) in bySurface {
            let key = surface == noSurface ? "" : CollisionNearMiss.surfaceKey(surface)
            guard !key.isEmpty else { continue }
            for index in rows.indices {
                guard let window = judgedWindow(rows[index], today: today) else { continue }
                byKey[key, default: []].append(entries.count)
                let e = rows[index].experiment
                entries.append((surface, index, window, e.id.value, e.exclusionGroup, e.audience))
            }
        }
        guard entries.count > 1 else { return }
        var found: [Int: [(id: String, why: String)]] = [:]
        for (key, members) in byKey {
            // The surface itself, and each surface it is nested in that has judged experiments.
            var targets = [key]
            var prefix = Substring(key)
            while let slash = prefix.lastIndex(of: "/") {
                prefix = prefix[..<slash]
                if byKey[String(prefix)] != nil { targets.append(String(prefix)) }
            }
            for target in targets {
                guard let others = byKey[target], members.count * others.count <= nearMissPairs else { continue }
                for i in members {
                    let wa = entries[i].window
                    for j in others where target != key || j > i {
                        let wb = entries[j].window
                        guard wa.0 <= wb.1, wb.0 <= wa.1 else { continue }
                        if let group = entries[i].group, group == entries[j].group { continue }
                        // Each side's own values first.
                        guard let why = CollisionNearMiss.audiencesApart(entries[i].audience, entries[j].audience) else { continue }
                        found[i, default: []].append((entries[j].id, why))
                        found[j, default: []].append((entries[i].id, CollisionNearMiss.audiencesApart(entries[j].audience, entries[i].audience) ?? why))
                    }
                }
            }
        }
        for (entry, list) in found {
            let sorted = list.sorted { $0.id < $1.id }
            bySurface[entries[entry].surface]?[entries[entry].row].apartFrom = Array(sorted.prefix(listedApart))
            bySurface[entries[entry].surface]?[entries[entry].row].apartCount = sorted.count
        }
    }

    /// Which of the calendar's pages this is: the current one (today's contention, what is planned, and
    /// the quarter before today's), or an earlier quarter's.
    enum Span: Equatable { case current, quarter(Quarter) }
    var span: Span = .current
    /// Every row, when the site made them once for all its calendar pages; nil: made here.
    var made: [String: [Row]]? = nil
    /// The earlier quarters' pages (`earlierQuarters`), when the site listed them; nil: listed here.
    var earlier: [Quarter]? = nil

    /// The first day the current page covers when the history reaches further back: the start of the quarter
    /// before today's. An experiment whose every window ended before it, and that nothing judges any more, is on
    /// its quarters' pages only.
    static func cut(today: Day) -> Day { today.quarter.previous.firstDay }

    /// Whether the current page lists `row`: not yet in the playbook on today, judged for collisions on today
    /// (ready, running or paused, and still held), or with a day on or after `cut`.
    static func isCurrent(_ row: Row, cut: Day) -> Bool {
        let e = row.experiment
        if !e.drawn { return true }
        if e.removed == nil, let status = e.status?.value, status == .ready || status == .running || status == .paused { return true }
        return (last(row) ?? cut) >= cut
    }

    /// The last day of a row's windows, planned or live.
    static func last(_ row: Row) -> Day? {
        let live = row.live.map(\.1).max()
        guard let planned = row.planned?.1 else { return live }
        return live.map { max($0, planned) } ?? planned
    }

    /// Whether any of a row's windows (planned, or live for one removed since) has a day in `range`.
    static func touches(_ row: Row, _ range: (Day, Day)) -> Bool {
        if row.experiment.removed == nil, clip(row.planned, to: range) != nil { return true }
        return row.live.contains { clip($0, to: range) != nil }
    }

    /// The earlier quarters that have a page, newest first: each quarter before the current page's first
    /// day that the windows of an experiment not on the current page reach (at most `reach` days back from
    /// it, so a clock decades off makes no pages for the years between).
    static func earlierQuarters(_ surfaces: [String: [Row]], today: Day) -> [Quarter] {
        let cut = cut(today: today), oldest = cut.adding(days: -reach)
        var quarters: Set<Quarter> = []
        for rows in surfaces.values {
            for row in rows where row.experiment.drawn && !isCurrent(row, cut: cut) {
                guard let first = row.first, let last = last(row), first < cut, last >= oldest else { continue }
                var quarter = max(first, oldest).quarter
                let end = min(last, cut.adding(days: -1)).quarter
                while quarter <= end {
                    if touches(row, (quarter.firstDay, quarter.lastDay)) { quarters.insert(quarter) }
                    quarter = quarter.next
                }
            }
        }
        return quarters.sorted(by: >)
    }

    func render() -> String {
        let judged = input.collisions
        let all = made ?? rows(judged)
        let earlier = self.earlier ?? Self.earlierQuarters(all, today: input.today)
        switch span {
        case .current:
            let cut = Self.cut(today: input.today)
            return earlier.isEmpty ? renderCurrent(all, earlier: [], judged: judged)
                : renderCurrent(all.mapValues { $0.filter { Self.isCurrent($0, cut: cut) } }.filter { !$0.value.isEmpty }, earlier: earlier, judged: judged)
        case .quarter(let quarter):
            return renderQuarter(quarter, all, earlier: earlier)
        }
    }

    /// Links to the other calendar pages, newest first.
    private func quartersNav(_ earlier: [Quarter], page: Page) -> String {
        guard !earlier.isEmpty else { return "" }
        let current = span == .current ? "<strong>current</strong>" : "<a href=\"\(page.up)\(SitePath.calendar)\">current</a>"
        return "<nav aria-label=\"Calendar quarters\"><p>Calendar pages: \(current) · " + earlier.map { quarter in
            span == .quarter(quarter) ? "<strong>\(quarter)</strong>" : "<a href=\"\(page.up)\(SitePath.calendar(quarter))\">\(quarter)</a>"
        }.joined(separator: " · ") + "</p></nav>\n"
    }

    private static let legend = "<ul class=\"legend\"><li><span class=\"swatch planned\" aria-hidden=\"true\"></span>planned</li><li><span class=\"swatch live\" aria-hidden=\"true\"></span>live</li><li><span class=\"swatch paused\" aria-hidden=\"true\"></span>paused (still live for collisions)</li><li><span class=\"swatch collide\" aria-hidden=\"true\"></span>collides</li></ul>\n"

    /// An earlier quarter's page: the experiments planned or live in it, drawn on its days, each row's
    /// collisions as judged on today.
    private func renderQuarter(_ quarter: Quarter, _ all: [String: [Row]], earlier: [Quarter]) -> String {
        let page = Page(path: SitePath.calendar(quarter), catalog: catalog)
        let range = (quarter.firstDay, quarter.lastDay)
        // The experiments of the current page are drawn there, whole, not again on every quarter they reach (a generated
        // history's long runners filled each quarter's page twice over).
        let cut = Self.cut(today: input.today)
        var current = 0
        let surfaces = all.mapValues { rows in
            rows.filter { row in
                guard row.experiment.drawn, Self.touches(row, range) else { return false }
                if Self.isCurrent(row, cut: cut) { current += 1; return false }
                return true
            }
        }.filter { !$0.value.isEmpty }
        let count = surfaces.values.reduce(0) { $0 + $1.count }
        var body = "<h1>Experiment calendar, \(quarter)</h1>\n"
        body += "<p>The \(count) experiment\(count == 1 ? "" : "s") planned or live in \(quarter) (<span class=\"nw\">\(range.0)</span> to <span class=\"nw\">\(range.1)</span>) that had ended before <span class=\"nw\">\(cut)</span>, per surface: each one's planned window (dashed outline) and the days it was live (filled bars), as the history recorded them, with those it ran at the same time as. "
        body += current == 0 ? "" : "\(current) other\(current == 1 ? " was" : "s were") planned or live in \(quarter) and \(current == 1 ? "is" : "are") still ready, running or paused, or reach\(current == 1 ? "es" : "") the quarter before today's: \(current == 1 ? "it is" : "they are") on the current calendar. "
        body += "Today's contention, what is planned and the quarter before today's are on the <a href=\"\(page.up)\(SitePath.calendar)\">current calendar</a>, with how to read it.</p>\n"
        body += Self.legend
        body += quartersNav(earlier, page: page)
        body += areas(surfaces, range: range, page: page, pairs: nil)
        return page.document(title: "Experiment calendar, \(quarter)", section: .calendar, body: body, source: input.provenance, scripts: [SitePath.timelineScript])
    }

    private func renderCurrent(_ all: [String: [Row]], earlier: [Quarter], judged: LivedCollisions) -> String {
        let page = Page(path: SitePath.calendar, catalog: catalog)
        var body = "<h1>Experiment calendar</h1>\n"
        // A short lead and the legend first; the full reading in a details element after them (on a phone, the
        // whole text filled two and a half screens before the first timeline).
        body += "<p>Per surface, each experiment's planned window (dashed outline) and the days it was live (filled bars), today's end as a dashed red line (<span class=\"nw\">\(input.today)</span>), collisions outlined in red.</p>\n"
        body += Self.legend
        body += "<details class=\"reading\"><summary>How to read the calendar</summary>"
        body += "<p>Each surface's experiments: the dashed outline is the window as planned (<code>start</code> to <code>end</code>, or <code>start</code> plus <code>duration_days</code>), the filled bars are when it was live (its move to running until it concluded or was abandoned, or today, \(input.today), while it runs; one concluded and then re-opened has a bar for each time it ran, with the gap between; only a start undone by a later commit, back to draft or ready, is not counted); a pale outlined bar is a pause, from the day it was paused to the day it ran again, or to today while it stays paused (a paused experiment still holds its surface, so its collisions stand). The dashed red line marks the end of today, where the bars of those live today end. A red outline marks the window an experiment's collisions are judged on: the written one (the live bar when no window is written), reaching today while the experiment runs past its planned end. As lint and <code>playbook overlaps</code> do, only running, paused and ready experiments are judged: one that has concluded or been abandoned collides no more, and the days it was live together with another (in no gap between its bars) are listed apart as having run at the same time, a past fact, neither outlined nor counted; rows are grouped by exclusion group. Two judged beside each other on the same or a nested surface whose audiences cannot overlap (another segment, no region or platform in common) do not collide: their bars overlap with no red outline, and each row names the other with what keeps them apart.</p>\n"
        var surfaces = all
        // The timelines draw the playbook of today: one written later (its row in the table says so)
        // neither has bars nor stretches the days shown, and neither does one removed by then (every
        // experiment ever deleted would take them back to the oldest).
        let held = surfaces.values.joined().filter(\.experiment.heldOnToday)
        guard var range = Self.window(held, today: input.today) ?? Self.window(surfaces.values.joined(), today: input.today) else {
            return page.document(title: "Experiment calendar", section: .calendar, body: body + "</details>\n<p>No experiment has dates yet.</p>\n", source: input.provenance)
        }
        // With earlier quarters on their own pages, this one starts at the quarter before today's.
        let cut = Self.cut(today: input.today)
        if !earlier.isEmpty, range.0 < cut { range = (cut, max(range.1, cut.adding(days: 1))) }
        // One removed by today is drawn where it ran within those days, and left out elsewhere.
        surfaces = surfaces.mapValues { rows in
            rows.filter { row in row.experiment.removed == nil || row.live.contains { Self.clip($0, to: range) != nil } }
        }.filter { !$0.value.isEmpty }
        body += "<p>The timelines show today and every day an experiment was live, and the planned windows up to six months beyond those days (a window written further off, an <code>end</code> years away, would otherwise squeeze every bar to a sliver). A window that runs past an edge is drawn to it with an arrow; its tooltip and the table give its dates as written.</p>"
        if !earlier.isEmpty {
            body += "<p>This page starts on <span class=\"nw\">\(cut)</span>, the first day of the quarter before today's: an experiment whose windows had all ended before it, and that is not ready, running or paused, is on the pages of the quarters it was planned or live in (\(earlier.count) quarter\(earlier.count == 1 ? "" : "s"), linked below), where it is drawn on that quarter's days.</p>"
        }
        body += "</details>\n"
        body += "<p>The timelines show <span class=\"nw\">\(range.0)</span> to <span class=\"nw\">\(range.1)</span>.</p>\n"
        body += quartersNav(earlier, page: page)
        let later = surfaces.values.joined().count(where: { !$0.experiment.drawn })
        if later > 0 {
            body += "<p>\(later) experiment\(later == 1 ? " was" : "s were") not yet in the playbook on \(input.today): listed in the tables (marked so), not drawn on the timelines.</p>\n"
        }
        let removed = surfaces.values.joined().count(where: { $0.experiment.removed != nil })
        if removed > 0 {
            body += "<p>\(removed) experiment\(removed == 1 ? "" : "s") the playbook had let go of by \(input.today) (deleted, or moved out of it) ran in these days: drawn and listed as the history recorded \(removed == 1 ? "it" : "them") (marked removed, with the commit that removed \(removed == 1 ? "it" : "them"); one removed while it ran has its last bar end in a red cross at its removal), \(removed == 1 ? "its" : "their") collisions not judged.</p>\n"
        }
        // Each experiment's area as drawn (as it stood on today; a row for every one that collides).
        var areaOf: [String: String] = [:]
        let sections = Self.sections(surfaces.keys)
        for (surface, rows) in surfaces { for row in rows { areaOf[row.experiment.id.value] = sections[surface] ?? Self.area(surface) } }
        let collisions = judged.graph.overlaps(groupedBy: { areaOf[$0] ?? Self.area(catalog.experiments.read($0) { $0.surface?.value }) }, limit: Self.listedCollisions)
        body += areas(surfaces, range: range, page: page, pairs: collisions)
        body += "<h2>Collisions</h2>\n"
        let pairs = judged.collidingPairs, ended = judged.endedPairs
        body += pairs == 0 ? "<p>No two running, paused or ready experiments collide on \(input.today).</p>\n"
            : "<p>\(pairs) pair\(pairs == 1 ? "" : "s") of experiments collide\(pairs > Self.listedCollisions ? "; each area above lists its first \(Self.listedCollisions), and each experiment's page lists its own" : "; each area above lists them").</p>\n"
        // A pair with a side that had ended by today ran at the same time: said apart, not counted among the collisions.
        if ended > 0 {
            body += "<p>\(ended) pair\(ended == 1 ? "" : "s") of experiments, one or both ended by \(input.today), ran at the same time on the same or a nested surface for overlapping audiences; a past fact, no collision to resolve (lint and <code>playbook overlaps</code> judge running, paused and ready experiments only); each area above lists \(ended == 1 ? "it" : "them").</p>\n"
        }
        // Each group's experiment ids in id order, as drawn, read by position (no copies of the experiments).
        var groups: [String: [String]] = [:]
        let list = input.onToday.experiments(catalog)
        for i in list.indices {
            if let group = list[i].experiment.exclusionGroup { groups[group, default: []].append(list[i].experiment.id.value) }
        }
        body += "<h2>Exclusion groups</h2>\n"
        body += groups.isEmpty ? "<p>None.</p>\n" : "<dl class=\"fields\">" + groups.keys.sorted().map { group in
            "<dt>\(h(group))</dt><dd>" + (groups[group] ?? []).map { page.entity($0) }.joined(separator: ", ") + "</dd>"
        }.joined() + "</dl>\n"
        return page.document(title: "Experiment calendar", section: .calendar, body: body, source: input.provenance, scripts: [SitePath.timelineScript])
    }

    /// One timeline per area (a surface's first segment), nested surfaces, which collide with each other,
    /// together, each surface in its own labelled lane; then the area's table, and its pairs when given.
    private func areas(_ surfaces: [String: [Row]], range: (Day, Day), page: Page, pairs: [String: (shown: [Overlap], total: Int)]?) -> String {
        let sections = Self.sections(surfaces.keys)
        let areas = Dictionary(grouping: surfaces.keys.sorted()) { sections[$0] ?? Self.area($0) }
        var body = "<nav aria-label=\"Areas\"><p>Areas: " + areas.keys.sorted().map { area in
            "<a href=\"#\(h(anchor(area)))\">\(h(area))</a> (\(areas[area]?.count ?? 0) surface\(areas[area]?.count == 1 ? "" : "s"))"
        }.joined(separator: " · ") + "</p></nav>\n"
        for area in areas.keys.sorted() {
            let lanes = (areas[area] ?? []).map { ($0, surfaces[$0] ?? []) }
            body += "<section aria-labelledby=\"\(h(anchor(area)))\"><h2 id=\"\(h(anchor(area)))\"><code>\(h(area))</code></h2>\n"
            let drawnLanes = lanes.map { ($0.0, $0.1.filter(\.experiment.drawn)) }.filter { !$0.1.isEmpty }
            body += drawnLanes.isEmpty ? "<p class=\"meta\">No experiment on <code>\(h(area))</code> was in the playbook on \(input.today); the table lists those written since.</p>\n"
                : timeline(drawnLanes, area: area, range: range, page: page)
            body += table(caption: "Experiments on \(area)", head: ["surface", "experiment", "squad", "status", "planned", "live", "exclusion group", "collides with"],
                          rows: lanes.flatMap { surface, rows in
                // A surface may break after each `/` (web/checkout/payment-step), as a path does, not at a short segment's hyphen.
                let surfaceCell = "<code>\(Self.surfaceCell(h(surface)))</code>"
                return rows.map { row in
                    let e = row.experiment
                    let status = e.removedStatusHTML ?? input.statusHTML(of: e.id.value, atCommit: e.statusAtCommit)
                    let collides = e.removed != nil ? "<span class=\"meta\">not judged: removed from the playbook</span>"
                        : Self.partnersCell(row, page: page)
                    return [surfaceCell, page.entity(e.id.value, title: true), input.squad(e.squad?.value, page: page), status,
                            window(row.planned), liveCell(row),
                            h(e.exclusionGroup ?? "–"), collides]
                }
            }, text: [1], stacked: true)
            if let pairs { body += collisionList(pairs[area], area: area, page: page) }
            body += "</section>\n"
        }
        return body
    }
}

extension Quarter {
    var firstDay: Day { Day(year: year, month: (number - 1) * 3 + 1, day: 1) }
    var next: Quarter { number == 4 ? Quarter(year: year + 1, number: 1) : Quarter(year: year, number: number + 1) }
    var previous: Quarter { number == 1 ? Quarter(year: year - 1, number: 4) : Quarter(year: year, number: number - 1) }
    var lastDay: Day { next.firstDay.adding(days: -1) }
}
