import PlaybookModel
import PlaybookOverlaps
import PlaybookReports

/// The calendar's table cells (paths, partners, planned and live dates) and each area's list of collisions.
extension CalendarPage {
    /// `text` with a `<wbr>` after each `/`, as Foundation's `replacingOccurrences(of: "/", with: "/<wbr>")`
    /// gives it; byte by byte where the text is ASCII (every row of the calendar has one: Foundation's
    /// search cost a third of the rows' time), Foundation's where a combining mark may join a `/`.
    static func breakingAfterSlashes(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes -> String? in
            var slashes = 0
            for byte in bytes {
                if byte >= 0x80 { return nil }
                if byte == UInt8(ascii: "/") { slashes += 1 }
            }
            guard slashes > 0 else { return nil }
            let wbr: StaticString = "<wbr>"
            return String(unsafeUninitializedCapacity: bytes.count + slashes * wbr.utf8CodeUnitCount) { out in
                var at = 0
                for byte in bytes {
                    out[at] = byte
                    at += 1
                    guard byte == UInt8(ascii: "/") else { continue }
                    wbr.withUTF8Buffer { tag in
                        for offset in tag.indices { out[at + offset] = tag[offset] }
                    }
                    at += wbr.utf8CodeUnitCount
                }
                return at
            }
        } ?? (text.utf8.contains(UInt8(ascii: "/")) ? text.replacingOccurrences(of: "/", with: "/<wbr>") : text)
    }

    /// A surface path for a table cell (`escaped`, already made inert): it may break after each `/`, and a
    /// segment of up to `unbrokenSegment` characters stays whole (the review of 2026-12-06 found
    /// `android/install/app-` over `size`); a longer one may still break where the browser can, so no cell is
    /// widened past its page by one word.
    static func surfaceCell(_ escaped: String) -> String {
        guard escaped.utf8.contains(UInt8(ascii: "-")) else { return breakingAfterSlashes(escaped) }
        return escaped.split(separator: "/", omittingEmptySubsequences: false).map { segment in
            segment.contains("-") && segment.count <= unbrokenSegment ? "<span class=\"nw\">\(segment)</span>" : String(segment)
        }.joined(separator: "/<wbr>")
    }

    static let unbrokenSegment = 24

    /// A row's "collides with" cell: those it collides with, in bold, then those it ran at the same time with, one or both ended.
    static func partnersCell(_ row: Row, page: Page) -> String {
        var parts: [String] = []
        if !row.collidesWith.isEmpty {
            parts.append("<strong>" + row.collidesWith.map { page.entity($0) }.joined(separator: ", ") + "</strong>"
                + (row.collisions > row.collidesWith.count ? " and \(row.collisions - row.collidesWith.count) more" : ""))
        }
        if !row.ranWith.isEmpty {
            parts.append("<span class=\"meta\">ran at the same time as " + row.ranWith.map { page.entity($0) }.joined(separator: ", ")
                + (row.ranWithCount > row.ranWith.count ? " and \(row.ranWithCount - row.ranWith.count) more" : "")
                + (row.judgedOnLive ? ", ended" : ", which had ended") + "</span>")
        }
        if !row.apartFrom.isEmpty {
            parts.append("<span class=\"meta\">live beside it, audiences apart: " + row.apartFrom.map { page.entity($0.id) + " (" + h($0.why) + ")" }.joined(separator: ", ")
                + (row.apartCount > row.apartFrom.count ? " and \(row.apartCount - row.apartFrom.count) more" : "") + "</span>")
        }
        return parts.isEmpty ? "–" : parts.joined(separator: "<br>")
    }

    /// An area's colliding pairs, the first `listedCollisions` with their reasons, and how many were left out.
    func collisionList(_ group: (shown: [Overlap], total: Int)?, area: String, page: Page) -> String {
        guard let group, group.total > 0 else { return "" }
        let judged = input.collisions
        let ended = { (overlap: Overlap) in overlap.ids.count == 2 && judged.isPast(overlap.ids[0], overlap.ids[1]) }
        var out = ""
        let colliding = group.shown.filter { !ended($0) }, ran = group.shown.filter(ended)
        if !colliding.isEmpty {
            out += "<h3>Collisions on <code>\(h(area))</code></h3>\n<ul>"
            for overlap in colliding {
                out += "<li>" + overlap.ids.map { page.entity($0) }.joined(separator: " × ") + ": \(h(judged.worded(overlap.reason, ids: overlap.ids)))"
                    + (overlap.acknowledgedBy.map { " <span class=\"badge good\">reviewed by \(h($0))</span>" } ?? " <span class=\"badge bad\">not reviewed</span>") + "</li>"
            }
            out += "</ul>\n"
        }
        if !ran.isEmpty {
            out += "<h3>Ran at the same time on <code>\(h(area))</code>, one or both ended</h3>\n<ul>"
            for overlap in ran {
                out += "<li>" + overlap.ids.map { page.entity($0) }.joined(separator: " × ") + ": \(h(judged.ranTogether(overlap.reason, ids: overlap.ids))).</li>"
            }
            out += "</ul>\n"
        }
        if group.total > group.shown.count {
            out += "<p class=\"meta\">and \(group.total - group.shown.count) more pairs on <code>\(h(area))</code>, left out here; each experiment's page lists its own.</p>\n"
        }
        return out
    }

    /// The live column of `row`: its live spans; and for one first committed already past ready (running, paused,
    /// analysing, concluded or abandoned: a playbook brought into git mid-quarter, a past test written down), that
    /// it ran before the history shows: its bar then starts on that first day (said when its `start` is earlier),
    /// or it has none ("–", where the bundled example's ten concluded experiments read as never run).
    func liveCell(_ row: Row) -> String {
        let spans = row.live.isEmpty ? "–" : row.live.map { live(row, $0) }.joined(separator: ",<br>")
        guard row.experiment.removed == nil, let first = input.lifecycles.firstHeld(row.experiment.id.value),
              let status = first.status, ![.draft, .ready].contains(status) else { return spans }
        let day = UTC.day(of: first.time)
        guard let start = row.live.first?.0 else {
            return spans + " <span class=\"meta\">(first committed already \(h(status.rawValue)), <span class=\"nw\">\(day)</span>)</span>"
        }
        // One written straight into the playbook as running went live that day, unless its start says earlier.
        guard start == day, let planned = row.planned?.0, planned < day else { return spans }
        return spans + " <span class=\"meta\">(first committed already \(h(status.rawValue)); <code>start</code> <span class=\"nw\">\(planned)</span>)</span>"
    }

    /// A live span of `row` in the table: its dates, and its pauses (`SiteInput.ran`), each date kept on one line.
    func live(_ row: Row, _ span: (Day, Day)) -> String {
        guard row.paused.contains(where: { $0.start >= span.0 && $0.start <= span.1 }) else { return window(span) }
        return SiteInput.ran((span.0, span.1), pauses: row.paused, now: input.today.description)
            .split(separator: " ", omittingEmptySubsequences: false).map { word in
                Day(String(word.prefix(10))) != nil ? "<span class=\"nw\">\(h(String(word)))</span>" : h(String(word))
            }.joined(separator: " ")
    }

    func window(_ days: (Day, Day)?) -> String {
        guard let days else { return "–" }
        return "<span class=\"nw\">\(days.0)</span> to <span class=\"nw\">\(days.1)</span>"
    }
}
