import PlaybookModel
import PlaybookOverlaps
import PlaybookReports

/// The calendar's timelines: the days they span, their bars, exclusion-group rows, labels and ticks.
extension CalendarPage {
    /// How far from today the days an experiment was live may stretch the timelines, each way:
    /// ten years (a commit dated decades off by a wrong clock stretches nothing further).
    static let reach = 3_650

    /// How far the planned windows may take the timelines beyond the days an experiment was live
    /// and today: about six months, two quarters of planning.
    static let planningReach = 183

    /// The days the timelines show (the same for every area, so their bars compare): today and
    /// every day an experiment was live (held to `reach` of today), widened to take in the planned
    /// windows by at most `planningReach` either side, so one window written years off (an `end`
    /// in 9999, a mistyped year) does not squeeze every other bar to a sliver. Nil with no row.
    static func window<Rows: Sequence>(_ rows: Rows, today: Day) -> (Day, Day)? where Rows.Element == Row {
        var any = false
        var lived = (today, today)
        var planned: (Day, Day)?
        for row in rows {
            any = true
            for span in row.live {
                lived = (min(lived.0, span.0), max(lived.1, span.1))
            }
            if let window = row.planned {
                planned = planned.map { (min($0.0, window.0), max($0.1, window.1)) } ?? window
            }
        }
        guard any else { return nil }
        lived = (max(lived.0, today.adding(days: -reach)), min(lived.1, today.adding(days: reach)))
        var shown = lived
        if let planned {
            shown = (max(min(lived.0, planned.0), lived.0.adding(days: -planningReach)),
                     min(max(lived.1, planned.1), lived.1.adding(days: planningReach)))
        }
        return (shown.0, max(shown.1, shown.0.adding(days: 1)))
    }

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
        // One bar per span it was live: a conclusion undone leaves a gap. A pause within a span ends the
        // bar at the day it paused, and a pale outlined bar runs from there to the day it ran again (or
        // to today): still live for the collision rule, but not running.
        let liveStroke = plannedShown == nil ? stroke : ""
        for written in row.live {
            guard Self.clip(written, to: range) != nil else { continue }
            var from = written.0
            for pause in row.paused where pause.start >= written.0 && pause.start <= written.1 {
                svg += piece(from, pause.start, y: y, x: x, range: range, fill: "#2f5fd0", stroke: liveStroke,
                             title: "\(e.id.value) live \(from) to \(pause.start)")
                let resumed = pause.end.map { min($0, written.1) }
                svg += piece(pause.start, resumed ?? written.1.adding(days: 1), y: y, x: x, range: range,
                             fill: "#dce5f9", stroke: liveStroke.isEmpty ? " stroke=\"#2f5fd0\" stroke-width=\"1.5\"" : liveStroke,
                             title: "\(e.id.value) paused " + (resumed.map { "\(pause.start) to \($0)" } ?? "since \(pause.start) (to today, \(input.today))"))
                guard let resumed else { from = written.1.adding(days: 1); break }
                from = resumed
            }
            guard from <= written.1 else { continue }
            svg += piece(from, written.1.adding(days: 1), y: y, x: x, range: range, fill: "#2f5fd0", stroke: liveStroke,
                         title: "\(e.id.value) live \(from) to \(written.1)")
        }
        // Removed while it ran: a cross at the end of its last bar, so it does not read as a run that finished.
        if let live = e.removedWhileLive, let removed = e.removed, let last = row.live.last, Self.clip(last, to: range) != nil {
            let end = x(min(last.1, range.1).adding(days: 1))
            svg += "<path class=\"cut\" d=\"M\(n(end - 5)) \(n(y + 8))L\(n(end + 5)) \(n(y + 22))M\(n(end - 5)) \(n(y + 22))L\(n(end + 5)) \(n(y + 8))\" "
                + "stroke=\"#b3261e\" stroke-width=\"2.5\" fill=\"none\"><title>\(h("\(e.id.value) removed from the playbook while \(live.rawValue), at \(removed.commit) on \(removed.day)"))</title></path>"
        }
        if !row.collidesWith.isEmpty, let (start, end) = plannedShown, let judged {
            svg += "<rect x=\"\(n(x(start)))\" y=\"\(n(y + 5))\" width=\"\(n(max(3, x(end.adding(days: 1)) - x(start))))\" height=\"20\" fill=\"none\"\(stroke) rx=\"3\">"
            let late = row.planned.map { judged.1 > $0.1 } ?? false
            svg += "<title>\(h("\(e.id.value) collides \(judged.0) to \(judged.1)" + (late ? ", running past its planned end" : "")))</title></rect>"
        }
        // A window running past an edge is drawn to it, and an arrow there says it goes on.
        let windows = [row.planned.map { ("planned", $0) }].compactMap { $0 } + row.live.map { ("live", $0) }
        let before = windows.filter { $0.1.0 < range.0 }, after = windows.filter { $0.1.1 > range.1 }
        if !before.isEmpty {
            let tip = x(range.0) - 6
            svg += "<path d=\"M\(n(tip + 6)) \(n(y + 7))L\(n(tip)) \(n(y + 15))L\(n(tip + 6)) \(n(y + 23))Z\" fill=\"#4a5263\">"
            svg += "<title>\(h("\(e.id.value) runs on before \(range.0): " + before.map { "\($0.0) \($0.1.0) to \($0.1.1)" }.joined(separator: ", ")))</title></path>"
        }
        if !after.isEmpty {
            let tip = x(range.1.adding(days: 1)) + 8
            svg += "<path d=\"M\(n(tip - 6)) \(n(y + 7))L\(n(tip)) \(n(y + 15))L\(n(tip - 6)) \(n(y + 23))Z\" fill=\"#4a5263\">"
            svg += "<title>\(h("\(e.id.value) runs on after \(range.1): " + after.map { "\($0.0) \($0.1.0) to \($0.1.1)" }.joined(separator: ", ")))</title></path>"
        }
        return svg
    }

    /// A live or paused bar from the start of day `from` to the start of day `to` (the day after its last), cut to
    /// the timeline's `range`; nothing when none of it is inside.
    private func piece(_ from: Day, _ to: Day, y: Double, x: (Day) -> Double, range: (Day, Day), fill: String, stroke: String, title: String) -> String {
        let start = max(from, range.0), end = min(to, range.1.adding(days: 1))
        guard to > range.0, from <= range.1 else { return "" }
        let n = Charts.n
        return "<rect x=\"\(n(x(start)))\" y=\"\(n(y + 10))\" width=\"\(n(max(3, x(end) - x(start))))\" height=\"10\" fill=\"\(fill)\" rx=\"2\"\(stroke)><title>\(h(title))</title></rect>"
    }

    /// The height of the row naming an exclusion group above its experiments' rows (the stylesheet's `.tl-eg`).
    static let groupHead = 22.0

    /// How many characters a line of a group's row holds: it stays in the label column, whose narrowest is
    /// 8.5rem (136 px at 390 px, the stylesheet's narrow `.tl-labels`) less its 20 px of padding, a character of
    /// its 12 px text at most `characterWidth`. (It ran on over the bars' side, past the column: review69 D9.)
    static let groupLineLength = Int((136 - 20) / characterWidth)

    /// The most lines a group's name takes, under its "exclusion group" line (the stylesheet's `.tl-eg.l2` to
    /// `.l6`): about 70 characters, the grocery history's 62 whole; a longer name is cut on the last, with an
    /// ellipsis, and is whole in the row's tooltip and under "Exclusion groups".
    static let groupLinesMost = 5

    /// An exclusion group's name in the lines of its row under "exclusion group", each at most `groupLineLength`:
    /// broken after a `-`, `_`, `.`, `/` or space where one falls in the line, else where it fills; nothing added,
    /// so the lines joined are the name. Its row is `groupHead` tall a line, "exclusion group" one of them, in the
    /// labels and across the bars alike (a row of CSS wrapping would be as tall as the browser's font made it).
    static func groupLines(_ name: String) -> (lines: [String], cut: Bool) {
        var lines: [String] = [], rest = Substring(name)
        while !rest.isEmpty {
            if lines.count == groupLinesMost - 1, rest.count > groupLineLength {
                return (lines + [String(rest.prefix(groupLineLength - 1)) + "…"], true)
            }
            guard rest.count > groupLineLength else { lines.append(String(rest)); break }
            let part = rest.prefix(groupLineLength)
            let end = part.lastIndex { "-_./ ".contains($0) }.map { part.index(after: $0) } ?? part.endIndex
            lines.append(String(rest[..<end]))
            rest = rest[end...]
        }
        return (lines, false)
    }

    /// How many `groupHead` lines the row naming a group takes: "exclusion group" and its name's.
    static func groupRowLines(_ name: String) -> Int { 1 + max(1, groupLines(name).lines.count) }

    /// The indices of `rows` (sorted by exclusion group) where an exclusion group's rows begin.
    static func groupStarts(_ rows: [Row]) -> Set<Int> {
        Set(rows.indices.filter { index in
            rows[index].experiment.exclusionGroup != nil && (index == 0 || rows[index - 1].experiment.exclusionGroup != rows[index].experiment.exclusionGroup)
        })
    }

    /// How many characters of a row's label are written; the rest is cut (with an ellipsis, as a
    /// narrow screen cuts it), and the whole label is the link's tooltip.
    static let labelLength = 32

    /// How many characters of a row's label the narrow screen's label column shows before it cuts the rest with
    /// an ellipsis (as `groupLineLength`, its text 13 px): a longer label has the whole as its tooltip.
    static let narrowLabelLength = Int((136 - 20) / (0.62 * 13))

    /// A row's label, the link to its experiment: the collision marker ⚠ first (a long id, cut, took the marker
    /// with it when it came after it), then the id; its exclusion group is named on the row above the group's rows
    /// (`groupStarts`). A label with a group, or one the narrow screen cuts, has the whole of it, group too, as the link's tooltip.
    /// `href` nil: an experiment no longer in the playbook, named unlinked, as `Page.entity` names it (one
    /// removed by today says when).
    static func rowLabel(_ e: Shown, collides: Bool, href: String?) -> String {
        let label = (collides ? "⚠ " : "") + e.id.value
        let shown = label.count > labelLength ? String(label.prefix(labelLength - 1)) + "…" : label
        guard let href else {
            let title = e.id.value + ", " + (e.removedNote ?? "not in the playbook at this commit") + (collides ? ", collides" : "") + (e.exclusionGroup.map { ", exclusion group " + $0 } ?? "")
            return "<span class=\"missing\" title=\"\(h(title))\">\(h(shown))</span>"
        }
        // `href`: a page path of letters, digits, `-`, `_`, `/`, `.` and `#`: nothing to escape.
        guard e.exclusionGroup != nil || label.count > narrowLabelLength else { return "<a href=\"\(href)\">\(h(shown))</a>" }
        let title = e.id.value + (collides ? ", collides" : "") + (e.exclusionGroup.map { ", exclusion group " + $0 } ?? "")
        return "<a href=\"\(href)\" title=\"\(h(title))\">\(h(shown))</a>"
    }

    /// The widest a character of the timeline's text (12 px) is drawn: digits are about 7 px.
    static let characterWidth = 0.62 * 12

    /// The least room between two tick labels, in px.
    static let labelGap = 8.0

    /// The ticks of a timeline over `range` drawn `pixelsPerDay` wide: the first of every month,
    /// or of every second, third or sixth month, labelled `2026-07`, or the first of January of
    /// every year, every 2, 5, 10… years, labelled `2026`; the most frequent whose labels, each
    /// after its line, stand apart by `labelGap` or more, so that none overlaps the next at any span.
    /// A range that holds none of them (a day or two, a few days mid-month) has its first day as
    /// its one tick, labelled `2026-07-15`, so that every timeline says where it stands.
    static func ticks(_ range: (Day, Day), pixelsPerDay: Double) -> [(day: Day, label: String)] {
        func room(_ label: String) -> Double { 3 + Double(label.count) * characterWidth + labelGap }
        // Steps in months, with the fewest days any such step holds.
        var steps: [(months: Int, days: Int)] = [(1, 28), (2, 59), (3, 89), (6, 181)]
        for years in [1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000] { steps.append((12 * years, 365 * years)) }
        let step = steps.first { Double($0.days) * pixelsPerDay >= room($0.months < 12 ? "2026-07" : "2026") } ?? steps[steps.count - 1]
        var ticks: [(day: Day, label: String)] = []
        // The first step's month on or after the range's first day: months counted from year 0.
        let first = range.0.year * 12 + range.0.month - 1 + (range.0.day == 1 ? 0 : 1)
        var month = (first + step.months - 1) / step.months * step.months
        while true {
            let day = Day(year: month / 12, month: month % 12 + 1, day: 1)
            guard day <= range.1 else { break }
            ticks.append((day, step.months < 12 ? String(day.description.prefix(7)) : String(day.year)))
            month += step.months
        }
        return ticks.isEmpty ? [(range.0, range.0.description)] : ticks
    }

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

    /// The width of a timeline's bars, in px: the page's widest content (1,200 px less 2 × 16 px of padding,
    /// the stylesheet's `main`) less the label column (`.tl-labels`, 230 px), so that at 1400 px the timeline
    /// fills its box, as wide as the tables under it.
    static let timelineWidth = 1_168.0 - 230.0

    /// An area's timeline, under a caption, in a region that scrolls sideways on its own (a
    /// narrow screen shows a part of it, never a wider page): the label column, in HTML, stays at
    /// the left while the SVG beside it, month ticks, today's line and per row the planned and
    /// live bars, scrolls. The SVG is drawn in pixels (1 unit, 1 px), so its text is 12 px on any
    /// screen, and its rows line up with the labels' (the stylesheet's `.tl-` heights).
    func timeline(_ lanes: [(String, [Row])], area: String, range: (Day, Day), page: Page) -> String {
        let width = Self.timelineWidth, rowHeight = 30.0, laneHead = 26.0, head = 40.0
        // Each exclusion group's rows under a row of its own naming it, in lines that fit the label column (in the
        // row's label, cut to the narrow screen's label column, the group's name was lost).
        let groupHeads = lanes.reduce(0) { count, lane in
            count + Self.groupStarts(lane.1).reduce(0) { $0 + (lane.1[$1].experiment.exclusionGroup.map(Self.groupRowLines) ?? 0) }
        }
        let height = head + Double(lanes.reduce(0) { $0 + $1.1.count }) * rowHeight + Double(lanes.count) * laneHead
            + Double(groupHeads) * Self.groupHead + 8
        let span = Double(max(1, range.1.dayNumber - range.0.dayNumber + 1))
        func x(_ day: Day) -> Double { 6 + Double(day.dayNumber - range.0.dayNumber) / span * (width - 16) }
        let n = Charts.n
        var out = "<p class=\"caption\">Timeline of <code>\(h(area))</code>, <span class=\"nw\">\(range.0)</span> to <span class=\"nw\">\(range.1)</span> <span class=\"meta\">(it scrolls sideways on a narrow screen; the table below gives every window's dates)</span>"
        // On a narrow screen (the stylesheet shows it there only) a line of its own says the timeline runs on out of view;
        // in the caption, which stands right before the region.
        out += "<span class=\"tl-hint meta\" aria-hidden=\"true\">← Scroll the timeline sideways: it runs from <span class=\"nw\">\(range.0)</span> to <span class=\"nw\">\(range.1)</span>. →</span></p>\n"
        out += "<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"\(h("timeline of \(area)"))\"><div class=\"tl\"><ul class=\"tl-labels\"><li class=\"tl-head\"></li>"
        // Where today's line is (`x` of the day after it), for the script that opens a narrow screen's timeline there.
        let today = input.today >= range.0 && input.today <= range.1 ? " data-today=\"\(n(x(input.today.adding(days: 1))))\"" : ""
        var svg = "<svg class=\"timeline\" width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(h("planned and live windows, \(range.0) to \(range.1)"))\"\(today) xmlns=\"http://www.w3.org/2000/svg\">"
        // Ticks as far apart as their labels need (months, quarters, years…); the last label ends at
        // its line where it would pass the right edge, and is left out where that would meet the one before.
        var lastEnd = -Double.infinity
        for tick in Self.ticks(range, pixelsPerDay: (width - 16) / span) {
            let at = x(tick.day), drawn = Double(tick.label.count) * Self.characterWidth
            svg += "<line x1=\"\(n(at))\" x2=\"\(n(at))\" y1=\"4\" y2=\"\(Int(height))\" stroke=\"#d5dae3\"/>"
            let fits = at + 3 + drawn <= width - 2
            guard fits || at - 3 - drawn >= lastEnd + Self.labelGap else { continue }
            svg += Self.label(tick.label, at: at, y: 16, width: width, attributes: " class=\"tick\"")
            lastEnd = fits ? at + 3 + drawn : at - 3
        }
        var y = head
        for (surface, rows) in lanes {
            out += "<li class=\"tl-lane\">\(h(surface))</li>"
            svg += "<rect x=\"0\" y=\"\(n(y))\" width=\"\(Int(width))\" height=\"\(Int(laneHead))\" fill=\"#eef1f6\"/>"
            y += laneHead
            let starts = Self.groupStarts(rows)
            for (index, row) in rows.enumerated() {
                let e = row.experiment
                let newGroup = index > 0 && e.exclusionGroup != rows[index - 1].experiment.exclusionGroup
                if newGroup {
                    svg += "<line x1=\"0\" x2=\"\(Int(width))\" y1=\"\(n(y))\" y2=\"\(n(y))\" stroke=\"#7a8294\" stroke-dasharray=\"2 2\"/>"
                }
                // The group's own row carries the dashed line above it; rows in no group after a group, their first row.
                var rowGroup = newGroup
                if starts.contains(index), let group = e.exclusionGroup {
                    // The whole name in the tooltip too: a line of wide letters may still be cut, with an ellipsis.
                    let lines = Self.groupLines(group).lines, count = Self.groupRowLines(group)
                    out += "<li class=\"tl-eg l\(count)\(newGroup ? " tl-group" : "")\" title=\"exclusion group \(h(group))\">exclusion group<br><strong>"
                        + lines.map { h($0) }.joined(separator: "<br>") + "</strong></li>"
                    y += Self.groupHead * Double(count)
                    rowGroup = false
                }
                let href = catalog.experiments.contains(e.id.value) ? page.up + catalog.target(of: e.id.value) : nil
                out += "<li class=\"tl-row\(rowGroup ? " tl-group" : "")\">" + Self.rowLabel(e, collides: !row.collidesWith.isEmpty, href: href) + "</li>"
                svg += bars(row, y: y, x: x, range: range)
                y += rowHeight
            }
        }
        // Today's line marks the end of today, where the bars of those live today end (a bar runs to the
        // end of its last day).
        if input.today >= range.0, input.today <= range.1 {
            let now = x(input.today.adding(days: 1))
            svg += "<line x1=\"\(n(now))\" x2=\"\(n(now))\" y1=\"20\" y2=\"\(Int(height))\" stroke=\"#a3261b\" stroke-width=\"1.5\" stroke-dasharray=\"4 3\"><title>today \(input.today), at its end</title></line>"
            svg += Self.label("today", at: now, y: 33, width: width, attributes: " fill=\"#a3261b\"")
        }
        return out + "</ul>" + svg + "</svg></div></div>\n"
    }
}
