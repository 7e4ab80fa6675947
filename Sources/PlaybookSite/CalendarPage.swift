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
        /// The first colliding ids (`listed` of them), and how many collide in all.
        var collidesWith: [String]
        var collisions: Int
        /// Its collisions are judged on its live window (it has concluded or been abandoned), not on
        /// its written one.
        var judgedOnLive = false

        var first: Day? {
            guard let planned else { return live.first?.0 }
            return live.first.map { min($0.0, planned.0) } ?? planned.0
        }
    }

    struct Shown {
        var id: ID
        var title: String?
        var squad: Reference?
        var status: Located<ExperimentStatus>?
        var exclusionGroup: String?

        struct ID { var value: String }

        /// Experiment `i` of `list`.
        init(_ list: [Experiment], _ i: Int) {
            id = ID(value: list[i].id.value)
            title = list[i].title
            squad = list[i].squad
            status = list[i].status
            exclusionGroup = list[i].exclusionGroup
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

    /// The planned end of experiment `i` of `list` (read where it is): `end`, else `start` plus `design.duration_days`.
    static func plannedEnd(_ list: [Experiment], _ i: Int) -> Day? {
        list[i].plannedEnd
    }

    func rows(_ collisions: LivedCollisions) -> [String: [Row]] {
        var bySurface: [String: [Row]] = [:]
        // Each experiment's fields read by position (`for e in` copied each one out, and so did
        // handing one whole to a function).
        let list = catalog.sortedExperiments
        for i in list.indices {
            let id = list[i].id.value
            var planned: (Day, Day)?
            let plannedEnd = Self.plannedEnd(list, i)
            if let start = list[i].start?.value { planned = (start, max(start, plannedEnd ?? start)) }
            let live = input.liveSpans(of: id).map { ($0.start, max($0.start, $0.end ?? input.today)) }
            guard planned != nil || !live.isEmpty else { continue }
            bySurface[list[i].surface?.value ?? Self.noSurface, default: []].append(
                Row(experiment: Shown(list, i), planned: planned, plannedEnd: plannedEnd, live: live,
                    collidesWith: collisions.graph.partners(of: id, limit: Self.listed).map(\.id),
                    collisions: collisions.graph.count(of: id), judgedOnLive: collisions.judgedOnLive.contains(id)))
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

    func render() -> String {
        let page = Page(path: SitePath.calendar, catalog: catalog)
        var body = "<h1>Experiment calendar</h1>\n"
        body += "<p>Each surface's experiments: the dashed outline is the window as planned (<code>start</code> to <code>end</code>, or <code>start</code> plus <code>duration_days</code>), the filled bars are when it was live (its move to running until it concluded or was abandoned, or today, \(input.today), while it runs; one concluded and then re-opened has a bar for each time it ran, with the gap between; only a start undone by a later commit, back to draft or ready, is not counted). A red outline marks the window an experiment's collisions are judged on: the written one (the live bar when no window is written), reaching today while the experiment runs past its planned end, or, once it has concluded or been abandoned, the live bars (two experiments that ran together collided, though neither runs now; none collides in a gap); rows are grouped by exclusion group.</p>\n"
        body += "<ul class=\"legend\"><li><span class=\"swatch planned\" aria-hidden=\"true\"></span>planned</li><li><span class=\"swatch live\" aria-hidden=\"true\"></span>live</li><li><span class=\"swatch collide\" aria-hidden=\"true\"></span>collides</li></ul>\n"
        let judged = input.collisions
        let surfaces = rows(judged)
        var low: Day?, high: Day?
        for rows in surfaces.values {
            for row in rows {
                // A running experiment's outline may reach today (`bars`).
                for day in [row.planned?.0, row.planned?.1, row.live.first?.0, row.live.last?.1, row.experiment.status?.value == .running ? input.today : nil] {
                    guard let day else { continue }
                    low = low.map { min($0, day) } ?? day
                    high = high.map { max($0, day) } ?? day
                }
            }
        }
        guard let low, let high else {
            return page.document(title: "Experiment calendar", section: .calendar, body: body + "<p>No experiment has dates yet.</p>\n", source: input.provenance)
        }
        // The data's first to last day, held to `reach` either side of today: a window written years
        // away (an `end` in 9999) would otherwise stretch the axis, and its ticks, without bound.
        let limit = (input.today.adding(days: -Self.reach), input.today.adding(days: Self.reach))
        let first = min(max(low, limit.0), limit.1), last = min(max(high, limit.0), limit.1)
        let range = (first, max(last, first.adding(days: 1)))
        // One timeline per area (a surface's first segment): nested surfaces, which collide with
        // each other, sit together, each surface in its own labelled lane.
        let areas = Dictionary(grouping: surfaces.keys.sorted()) { Self.area($0) }
        let collisions = judged.graph.overlaps(groupedBy: { Self.area(catalog.experiments.read($0) { $0.surface?.value }) }, limit: Self.listedCollisions)
        body += "<nav aria-label=\"Areas\"><p>Areas: " + areas.keys.sorted().map { area in
            "<a href=\"#\(h(anchor(area)))\">\(h(area))</a> (\(areas[area]?.count ?? 0) surface\(areas[area]?.count == 1 ? "" : "s"))"
        }.joined(separator: " · ") + "</p></nav>\n"
        for area in areas.keys.sorted() {
            let lanes = (areas[area] ?? []).map { ($0, surfaces[$0] ?? []) }
            body += "<section aria-labelledby=\"\(h(anchor(area)))\"><h2 id=\"\(h(anchor(area)))\"><code>\(h(area))</code></h2>\n"
            body += timeline(lanes, area: area, range: range, page: page)
            body += table(caption: "Experiments on \(area)", head: ["surface", "experiment", "squad", "status", "planned", "live", "exclusion group", "collides with"],
                          rows: lanes.flatMap { surface, rows in rows.map { row in
                let e = row.experiment
                // A surface may break after each `/` (web/checkout/payment-step), as a path does.
                return ["<code>\(h(surface).replacingOccurrences(of: "/", with: "/<wbr>"))</code>", page.entity(e.id.value, title: true), page.entity(e.squad?.value), h(e.status?.value.rawValue ?? "–"),
                        window(row.planned), row.live.isEmpty ? "–" : row.live.map { window($0) }.joined(separator: ",<br>"),
                        h(e.exclusionGroup ?? "–"),
                        row.collidesWith.isEmpty ? "–" : "<strong>" + row.collidesWith.map { page.entity($0) }.joined(separator: ", ") + "</strong>"
                            + (row.collisions > row.collidesWith.count ? " and \(row.collisions - row.collidesWith.count) more" : "")]
            } }, text: [1])
            body += collisionList(collisions[area], area: area, page: page)
            body += "</section>\n"
        }
        body += "<h2>Collisions</h2>\n"
        let pairs = judged.graph.count
        body += pairs == 0 ? "<p>No two experiments collide, live or ready now or as they ran.</p>\n"
            : "<p>\(pairs) pair\(pairs == 1 ? "" : "s") of experiments collide\(pairs > Self.listedCollisions ? "; each area above lists its first \(Self.listedCollisions), and each experiment's page lists its own" : "; each area above lists them").</p>\n"
        // Each group's experiment ids in id order, read by position (no copies of the experiments).
        var groups: [String: [String]] = [:]
        let list = catalog.sortedExperiments
        for i in list.indices {
            if let group = list[i].exclusionGroup { groups[group, default: []].append(list[i].id.value) }
        }
        body += "<h2>Exclusion groups</h2>\n"
        body += groups.isEmpty ? "<p>None.</p>\n" : "<dl class=\"fields\">" + groups.keys.sorted().map { group in
            "<dt>\(h(group))</dt><dd>" + (groups[group] ?? []).map { page.entity($0) }.joined(separator: ", ") + "</dd>"
        }.joined() + "</dl>\n"
        return page.document(title: "Experiment calendar", section: .calendar, body: body, source: input.provenance)
    }

    /// An area's colliding pairs, the first `listedCollisions` with their reasons, and how many were left out.
    private func collisionList(_ group: (shown: [Overlap], total: Int)?, area: String, page: Page) -> String {
        guard let group, group.total > 0 else { return "" }
        var out = "<h3>Collisions on <code>\(h(area))</code></h3>\n<ul>"
        for overlap in group.shown {
            out += "<li>" + overlap.ids.map { page.entity($0) }.joined(separator: " × ") + ": \(h(overlap.reason))"
                + (overlap.acknowledgedBy.map { " <span class=\"badge good\">reviewed by \(h($0))</span>" } ?? " <span class=\"badge bad\">not reviewed</span>") + "</li>"
        }
        out += "</ul>\n"
        if group.total > group.shown.count {
            out += "<p class=\"meta\">and \(group.total - group.shown.count) more pairs on <code>\(h(area))</code>, left out here; each experiment's page lists its own.</p>\n"
        }
        return out
    }

    /// How far from today the timelines reach, each way: ten years (3,650 days, the longest
    /// `duration_days`). Windows beyond are cut at the edge; the table gives their dates.
    static let reach = 3_650

    /// The part of `window` inside `range`, or nil when none of it is.
    static func clip(_ window: (Day, Day)?, to range: (Day, Day)) -> (Day, Day)? {
        guard let window, window.1 >= range.0, window.0 <= range.1 else { return nil }
        return (max(window.0, range.0), min(window.1, range.1))
    }

    /// One experiment's planned outline and live bar, each cut to the timeline's `range` (the
    /// tooltips keep the written dates).
    private func bars(_ row: Row, y: Double, x: (Day) -> Double, range: (Day, Day)) -> String {
        let e = row.experiment
        let n = Charts.n
        var svg = ""
        let stroke = row.collidesWith.isEmpty ? "" : " stroke=\"#c0281b\" stroke-width=\"3\""
        if let (start, end) = Self.clip(row.planned, to: range), let written = row.planned {
            svg += "<rect x=\"\(n(x(start)))\" y=\"\(n(y + 5))\" width=\"\(n(max(3, x(end.adding(days: 1)) - x(start))))\" height=\"20\" fill=\"none\" stroke=\"#4a5263\" stroke-width=\"1.5\" stroke-dasharray=\"5 3\" rx=\"3\">"
            svg += "<title>\(h("\(e.id.value) planned \(written.0) to \(written.1)"))</title></rect>"
        }
        // Collisions are judged on the written window, so that is what the red outline marks; the
        // live bar carries it when no written window is drawn, or when it is what they are judged on.
        // One still running past its planned end (or with none) is judged live until today, as the
        // collision rule stretches it: its outline reaches today, not its planned end.
        var judged = row.judgedOnLive ? nil : row.planned
        if let window = judged, e.status?.value == .running, row.plannedEnd.map({ $0 < input.today }) ?? true, window.1 < input.today {
            judged = (window.0, input.today)
        }
        let plannedShown = Self.clip(judged, to: range)
        // One bar per span it was live: a conclusion undone leaves a gap.
        for written in row.live {
            guard let (start, end) = Self.clip(written, to: range) else { continue }
            svg += "<rect x=\"\(n(x(start)))\" y=\"\(n(y + 10))\" width=\"\(n(max(3, x(end.adding(days: 1)) - x(start))))\" height=\"10\" fill=\"#2f5fd0\" rx=\"2\"\(plannedShown == nil ? stroke : "")>"
            svg += "<title>\(h("\(e.id.value) live \(written.0) to \(written.1)"))</title></rect>"
        }
        if !row.collidesWith.isEmpty, let (start, end) = plannedShown, let judged {
            svg += "<rect x=\"\(n(x(start)))\" y=\"\(n(y + 5))\" width=\"\(n(max(3, x(end.adding(days: 1)) - x(start))))\" height=\"20\" fill=\"none\"\(stroke) rx=\"3\">"
            let late = row.planned.map { judged.1 > $0.1 } ?? false
            svg += "<title>\(h("\(e.id.value) collides \(judged.0) to \(judged.1)" + (late ? ", running past its planned end" : "")))</title></rect>"
        }
        return svg
    }

    /// The widest a character of the timeline's text (12 px) is drawn: digits are about 7 px.
    static let characterWidth = 0.62 * 12

    /// A label (plain text: digits, a date, a word) beside the line at `x`: after it, or, where it
    /// would reach past the timeline's right edge (the last month, today at the end), ending
    /// before it, so that the SVG, which clips what passes its edge, shows all of it.
    static func label(_ text: String, at x: Double, y: Int, width: Double, attributes: String) -> String {
        let n = Charts.n
        if x + 3 + Double(text.count) * characterWidth > width - 2 {
            return "<text\(attributes) x=\"\(n(x - 3))\" y=\"\(y)\" text-anchor=\"end\">\(h(text))</text>"
        }
        return "<text\(attributes) x=\"\(n(x + 3))\" y=\"\(y)\">\(h(text))</text>"
    }

    private func window(_ days: (Day, Day)?) -> String {
        guard let days else { return "–" }
        return "<span class=\"nw\">\(days.0)</span> to <span class=\"nw\">\(days.1)</span>"
    }

    /// An area's timeline, under a caption, in a region that scrolls sideways on its own (a
    /// narrow screen shows a part of it, never a wider page): the label column, in HTML, stays at
    /// the left while the SVG beside it, month ticks, today's line and per row the planned and
    /// live bars, scrolls. The SVG is drawn in pixels (1 unit, 1 px), so its text is 12 px on any
    /// screen, and its rows line up with the labels' (the stylesheet's `.tl-` heights).
    private func timeline(_ lanes: [(String, [Row])], area: String, range: (Day, Day), page: Page) -> String {
        let width = 870.0, rowHeight = 30.0, laneHead = 26.0, head = 40.0
        let height = head + Double(lanes.reduce(0) { $0 + $1.1.count }) * rowHeight + Double(lanes.count) * laneHead + 8
        let span = Double(max(1, range.1.dayNumber - range.0.dayNumber + 1))
        func x(_ day: Day) -> Double { 6 + Double(day.dayNumber - range.0.dayNumber) / span * (width - 16) }
        let n = Charts.n
        var out = "<p class=\"caption\">Timeline of <code>\(h(area))</code>, <span class=\"nw\">\(range.0)</span> to <span class=\"nw\">\(range.1)</span> <span class=\"meta\">(it scrolls sideways on a narrow screen; the table below gives every window's dates)</span></p>\n"
        out += "<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"\(h("timeline of \(area)"))\"><div class=\"tl\"><ul class=\"tl-labels\"><li class=\"tl-head\"></li>"
        var svg = "<svg class=\"timeline\" width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(h("planned and live windows, \(range.0) to \(range.1)"))\" xmlns=\"http://www.w3.org/2000/svg\">"
        // Month ticks (quarters when the span is long).
        let months = span > 800 ? 3 : 1
        var tick = Day(year: range.0.year, month: range.0.month, day: 1)
        while tick <= range.1 {
            if tick >= range.0 {
                svg += "<line x1=\"\(n(x(tick)))\" x2=\"\(n(x(tick)))\" y1=\"4\" y2=\"\(Int(height))\" stroke=\"#d5dae3\"/>"
                svg += Self.label(String(tick.description.prefix(7)), at: x(tick), y: 16, width: width, attributes: " class=\"tick\"")
            }
            var month = tick.month + months, year = tick.year
            while month > 12 { month -= 12; year += 1 }
            tick = Day(year: year, month: month, day: 1)
        }
        var y = head
        for (surface, rows) in lanes {
            out += "<li class=\"tl-lane\">\(h(surface))</li>"
            svg += "<rect x=\"0\" y=\"\(n(y))\" width=\"\(Int(width))\" height=\"\(Int(laneHead))\" fill=\"#eef1f6\"/>"
            y += laneHead
            var lastGroup: String?? = .none
            for (index, row) in rows.enumerated() {
                let e = row.experiment
                let newGroup = index > 0 && lastGroup != .some(e.exclusionGroup)
                if newGroup {
                    svg += "<line x1=\"0\" x2=\"\(Int(width))\" y1=\"\(n(y))\" y2=\"\(n(y))\" stroke=\"#7a8294\" stroke-dasharray=\"2 2\"/>"
                }
                lastGroup = .some(e.exclusionGroup)
                let label = e.id.value + (e.exclusionGroup.map { " · " + $0 } ?? "") + (row.collidesWith.isEmpty ? "" : " ⚠")
                out += "<li class=\"tl-row\(newGroup ? " tl-group" : "")\"><a href=\"\(page.up)\(catalog.target(of: e.id.value))\">\(h(String(label.prefix(32))))</a></li>"
                svg += bars(row, y: y, x: x, range: range)
                y += rowHeight
            }
        }
        if input.today >= range.0, input.today <= range.1 {
            svg += "<line x1=\"\(n(x(input.today)))\" x2=\"\(n(x(input.today)))\" y1=\"20\" y2=\"\(Int(height))\" stroke=\"#a3261b\" stroke-width=\"1.5\" stroke-dasharray=\"4 3\"><title>today \(input.today)</title></line>"
            svg += Self.label("today", at: x(input.today), y: 33, width: width, attributes: " fill=\"#a3261b\"")
        }
        return out + "</ul>" + svg + "</svg></div></div>\n"
    }
}
