import Foundation
import PlaybookModel
import PlaybookReports

/// Text made safe for the page: bidi and control characters shown, markup escaped
/// (`HTMLReport.escapeVisible`). Most text is plain printable ASCII that neither step changes: it
/// is returned as it is; text whose only changes are ASCII ones is escaped byte by byte here.
func h(_ text: String) -> String {
    var text = text
    return text.withUTF8 { bytes -> String? in
        switch Escaping.plan(bytes) {
        case .unchanged: return nil
        case .general: return HTMLReport.escapeVisible(String(decoding: bytes, as: UTF8.self))
        case .bytes(let size): return Escaping.escape(bytes, size: size)
        }
    } ?? text
}

/// `h(text)` with each day written in it (`2026-12-06`) kept on one line (`.nw`): a browser breaks a line after a
/// hyphen, and a caption or paragraph ended "2026-12-" / "06" (review, at 390 and 1400 px).
func hKeepingDays(_ text: String) -> String {
    let escaped = h(text)
    guard escaped.utf8.count >= 10 else { return escaped }
    var out = ""
    out.reserveCapacity(escaped.utf8.count + 32)
    let bytes = Array(escaped.utf8)
    func digit(_ i: Int) -> Bool { i < bytes.count && bytes[i] >= 0x30 && bytes[i] <= 0x39 }
    var start = 0, i = 0
    while i + 10 <= bytes.count {
        let isDay = digit(i) && digit(i + 1) && digit(i + 2) && digit(i + 3) && bytes[i + 4] == 0x2D && digit(i + 5) && digit(i + 6)
            && bytes[i + 7] == 0x2D && digit(i + 8) && digit(i + 9) && (i == 0 || !digit(i - 1)) && !digit(i + 10)
        if isDay {
            out += String(decoding: bytes[start..<i], as: UTF8.self)
            out += "<span class=\"nw\">" + String(decoding: bytes[i..<(i + 10)], as: UTF8.self) + "</span>"
            i += 10
            start = i
        } else {
            i += 1
        }
    }
    out += String(decoding: bytes[start...], as: UTF8.self)
    return out
}

/// Text written on several lines (a learning in a YAML block, a list) made safe as `h` makes it, each
/// line apart, the line breaks kept for a `p.written` paragraph to show (`white-space: pre-line`);
/// trailing line breaks dropped.
func written(_ text: String) -> String {
    var out = HTMLBuffer(capacity: text.utf8.count + 16)
    out.written(text)
    return out.string
}

/// `written` as it was first made (Foundation's search for `\r\n`, then lines of `Character`s): what
/// text holding a carriage return takes (`Escaping.writtenEnd` shows why the rest need not).
func writtenWithReturns(_ text: String) -> String {
    var lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
    while let last = lines.last, last.allSatisfy(\.isWhitespace), lines.count > 1 { lines.removeLast() }
    return lines.map { h(String($0)) }.joined(separator: "\n")
}

/// The byte-level half of `h` (and of the search index's quoting): what `HTMLReport.escapeVisible` does to text whose controls are
/// ASCII (it escapes markup scalar by scalar, so a combining mark beside a `'` changes nothing here).
enum Escaping {
    enum Plan {
        /// Nothing to change.
        case unchanged
        /// Only ASCII changes, escaped here; the escaped text's size in bytes.
        case bytes(Int)
        /// A control (C0, C1, bidi or invisible format), or a separator.
        case general
    }

    /// The bytes an ASCII byte becomes, or nil when it stays.
    @inline(__always)
    static func replacement(_ byte: UInt8) -> StaticString? {
        switch byte {
        case UInt8(ascii: "#"): "&#35;"
        case UInt8(ascii: "&"): "&amp;"
        case UInt8(ascii: "<"): "&lt;"
        case UInt8(ascii: ">"): "&gt;"
        case UInt8(ascii: "\""): "&quot;"
        case UInt8(ascii: "'"): "&#39;"
        case 0x09, 0x0A, 0x0D: " "
        default: nil
        }
    }

    /// A C0 control (but a tab or line end) or DEL: shown as its code (`⟨U+001B⟩`), on the general path.
    @inline(__always)
    static func isControl(_ byte: UInt8) -> Bool {
        (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D) || byte == 0x7F
    }

    /// Whether the bytes (a string's, so valid UTF-8) hold an invisible control or format character above
    /// ASCII starting at `index` (`Inert.isInvisibleControl(lead:_:)`: C1, bidi, separators, U+200B…).
    @inline(__always)
    static func isWideControl(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        return Inert.isInvisibleControl(lead: bytes[index], base + index + 1)
    }

    /// `JSONText.quoted(HTMLReport.visible(text))` (the search index's strings), without the
    /// scalar-by-scalar walk when the text holds no control character but tabs and line breaks.
    static func jsonQuoted(_ text: String) -> String {
        var text = text
        let quoted = text.withUTF8 { bytes -> String? in
            var size = 2
            for index in bytes.indices {
                let byte = bytes[index]
                let lineBreak = byte == 0x09 || byte == 0x0A || byte == 0x0D  // a space, as `visible` makes them
                if (byte < 0x20 && !lineBreak) || byte == 0x7F || (byte >= 0x80 && isWideControl(bytes, at: index)) { return nil }
                // `##[` is rare: the long way rewrites it (quoting adds only backslashes and spaces, so the
                // quoted text holds it exactly when the text does).
                if byte == UInt8(ascii: "["), index >= 2, bytes[index - 1] == UInt8(ascii: "#"), bytes[index - 2] == UInt8(ascii: "#") { return nil }
                size += byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") ? 2 : 1
            }
            return String(unsafeUninitializedCapacity: size) { out in
                var at = 0
                out[at] = UInt8(ascii: "\""); at += 1
                for byte in bytes {
                    if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { out[at] = UInt8(ascii: "\\"); at += 1 }
                    out[at] = byte == 0x09 || byte == 0x0A || byte == 0x0D ? UInt8(ascii: " ") : byte
                    at += 1
                }
                out[at] = UInt8(ascii: "\""); at += 1
                return at
            }
        }
        return quoted ?? JSONText.quoted(HTMLReport.visible(text))
    }

    /// `kept[byte]`: an ASCII byte that stays as it is (no `replacement`), looked up instead of
    /// switched on: most of a page's text is such bytes.
    static let kept: [Bool] = (0..<256).map { $0 < 0x80 && replacement(UInt8($0)) == nil && !isControl(UInt8($0)) }

    static func plan(_ bytes: UnsafeBufferPointer<UInt8>) -> Plan {
        kept.withUnsafeBufferPointer { kept in plan(bytes, kept: kept) }
    }

    private static func plan(_ bytes: UnsafeBufferPointer<UInt8>, kept: UnsafeBufferPointer<Bool>) -> Plan {
        var size = 0
        var changed = false
        let count = bytes.count
        var index = 0
        while index < count {
            let byte = bytes[index]
            if kept[Int(byte)] {
                size += 1
            } else if byte >= 0x80 {
                if isWideControl(bytes, at: index) { return .general }
                size += 1
            } else if isControl(byte) {
                return .general
            } else if let replacement = replacement(byte) {
                changed = true
                size += replacement.utf8CodeUnitCount
            } else {
                size += 1
            }
            index += 1
        }
        return changed ? .bytes(size) : .unchanged
    }

    /// Where the lines that `written` keeps end in `bytes` (text without a carriage return): trailing
    /// lines that are blank are dropped, the first line always kept. Without a carriage return,
    /// `written`'s steps are byte steps: nothing to replace, and a line feed is a `Character` of its
    /// own (graphemes always break around it), so lines of `Character`s are lines of bytes.
    static func writtenEnd(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var end = bytes.count
        while true {
            var start = end
            while start > 0, bytes[start - 1] != 0x0A { start -= 1 }
            // The first line, or a line that is not blank, is kept.
            guard start > 0, isBlank(UnsafeBufferPointer(rebasing: bytes[start..<end])) else { return end }
            end = start - 1
        }
    }

    /// `allSatisfy(\.isWhitespace)` over a line's `Character`s (each judged by its first scalar), byte by
    /// byte where the line is ASCII.
    private static func isBlank(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        var ascii = true
        for byte in line {
            if byte >= 0x80 { ascii = false; break }
            // ASCII's white space: tab, line feed, vertical tab, form feed, carriage return, space.
            if !(byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)) { return false }
        }
        return ascii || String(decoding: line, as: UTF8.self).allSatisfy(\.isWhitespace)
    }

    static func escape(_ bytes: UnsafeBufferPointer<UInt8>, size: Int) -> String {
        String(unsafeUninitializedCapacity: size) { out in
            var at = 0
            for byte in bytes {
                if byte < 0x80, let replacement = replacement(byte) {
                    let count = replacement.utf8CodeUnitCount
                    replacement.withUTF8Buffer { source in
                        for offset in 0..<count { out[at + offset] = source[offset] }
                    }
                    at += count
                } else {
                    out[at] = byte
                    at += 1
                }
            }
            return at
        }
    }
}

/// The site's sections, in the order the navigation lists them.
enum Section: String, CaseIterable {
    case home = "Home", squads = "Squads", calendar = "Calendar", learnings = "Learnings", program = "Program"

    var path: String {
        switch self {
        case .home: SitePath.home
        case .squads: SitePath.squads
        case .calendar: SitePath.calendar
        case .learnings: SitePath.learnings
        case .program: SitePath.program
        }
    }
}

/// One page being written: knows where it sits, so its links are relative and work from disk.
struct Page {
    var path: String
    var catalog: Catalog
    /// `../` per folder the page sits in.
    let up: String

    init(path: String, catalog: Catalog) {
        self.path = path
        self.catalog = catalog
        up = SitePath.up(from: path)
    }

    func href(_ target: String) -> String { h(up + target) }

    /// A link to an entity's page when it exists at this commit, else the id as plain text.
    func entity(_ id: String?, title: Bool = false) -> String {
        guard let id, !id.isEmpty else { return "–" }
        guard let link = catalog.links[id] else {
            return "<span class=\"missing\" title=\"not in the playbook at this commit\">\(h(id))</span>"
        }
        let label = h(title ? (link.title.map { "\(id): \($0)" } ?? id) : id)
        // A page path is made of letters, digits, `-`, `_`, `/` and `.` only: nothing to escape.
        // Appended to one string of the link's size (tables of thousands of rows hold these).
        var out = "<a href=\""
        out.reserveCapacity(up.utf8.count + link.path.utf8.count + (link.fragment?.utf8.count ?? 0) + label.utf8.count + 16)
        out += up
        out += link.path
        if let fragment = link.fragment {
            out += "#"
            out += fragment
        }
        out += "\">"
        out += label
        out += "</a>"
        return out
    }

    /// A key-result reference `OKR-…/KR-n`: a link to the key result on its objective's page.
    func keyResult(_ reference: String?) -> String {
        guard let reference, !reference.isEmpty else { return "–" }
        let parts = reference.split(separator: "/", maxSplits: 1).map(String.init)
        guard parts.count == 2, catalog.objectives.contains(parts[0]) else { return entity(reference) }
        return "<a href=\"\(up)\(catalog.path(of: parts[0]))#\(h(keyResultAnchor(objective: parts[0], parts[1])))\">\(h(reference))</a>"
    }

    /// What a page's footer says it was built from: the history read, and the day its numbers are as of.
    struct Provenance {
        var source: SourceSummary?
        var today: Day
    }

    /// The whole document: head with the content-security policy, navigation, main, footer.
    func document(title: String, section: Section?, body: String, source: Provenance, scripts: [String] = []) -> String {
        var out = ""
        out.reserveCapacity(body.utf8.count + 2_048)  // one allocation for the whole page
        out += opening(title: title, section: section)
        out += caveats(source)
        out += body
        out += closing(source: source, scripts: scripts)
        return out
    }

    /// The same document written into `out`: the body is what `body` appends.
    func document(title: String, section: Section?, source: Provenance, scripts: [String] = [], into out: inout HTMLBuffer,
                  body: (inout HTMLBuffer) -> Void) {
        out.raw(opening(title: title, section: section))
        out.raw(caveats(source))
        body(&out)
        out.raw(closing(source: source, scripts: scripts))
    }

    /// The document up to its `<main>`.
    private func opening(title: String, section: Section?) -> String {
        var out = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta http-equiv="Content-Security-Policy" content="\(Site.contentSecurityPolicy)">
        <meta name="referrer" content="no-referrer">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(h(title)) · Playbook</title>
        <link rel="stylesheet" href="\(href(SitePath.stylesheet))">
        </head>
        <body>
        <a class="skip" href="#main">Skip to content</a>
        <header class="top"><nav aria-label="Site"><ul>

        """
        for item in Section.allCases {
            let current = item == section ? " aria-current=\"page\"" : ""
            out += "<li><a href=\"\(href(item.path))\"\(current)>\(item.rawValue)</a></li>"
        }
        return out + "</ul></nav></header>\n<main id=\"main\">\n"
    }

    /// What the history's caveats say (a shallow clone: its numbers miss what came before), at the top of
    /// every page, as the reports say it at the top of theirs: every page's numbers come from the history.
    private func caveats(_ provenance: Provenance) -> String {
        (provenance.source?.caveats ?? []).map { "<p class=\"note\">\(h($0))</p>\n" }.joined()
    }

    /// The document from the end of its `<main>`.
    private func closing(source provenance: Provenance, scripts: [String]) -> String {
        var out = "</main>\n<footer>"
        if let source = provenance.source {
            // The commit, not the branch: the same commit gives the same bytes on any branch or a detached HEAD.
            let from = source.commit.map { "commit " + String($0.description.prefix(12)) } ?? "an empty history"
            out += "Built by playbook site from \(h(from)), \(h(source.commitsRead)) (\(h(source.mode)))."
            // What is judged against a day (standings, stale experiments) is judged on this one; the
            // reports default to the clock's day, so say how to get the same numbers from them.
            let day = provenance.today.description
            out += " Standings and stale counts as of \(day): give <code>playbook report okr</code> and <code>playbook report experiments</code> <code>--today \(day)</code> (and the same history mode) for the same numbers."
        }
        out += "</footer>\n"
        for script in scripts { out += "<script src=\"\(href(script))\"></script>\n" }
        return out + "</body>\n</html>\n"
    }

    /// `entity(_:title:)` written into `out`.
    func entity(_ id: String?, title: Bool = false, into out: inout HTMLBuffer) {
        guard let id, !id.isEmpty else { return out.raw("–") }
        guard let link = catalog.links[id] else {
            out.raw("<span class=\"missing\" title=\"not in the playbook at this commit\">")
            out.text(id)
            return out.raw("</span>")
        }
        // A page path is made of letters, digits, `-`, `_`, `/` and `.` only: nothing to escape.
        out.raw("<a href=\"")
        out.raw(up)
        out.raw(link.path)
        if let fragment = link.fragment {
            out.raw("#")
            out.raw(fragment)
        }
        out.raw("\">")
        if title, let name = link.title { out.text("\(id): \(name)") } else { out.text(id) }
        out.raw("</a>")
    }

    /// `keyResult(_:)` written into `out`.
    func keyResult(_ reference: String?, into out: inout HTMLBuffer) {
        guard let reference, !reference.isEmpty else { return out.raw("–") }
        let parts = reference.split(separator: "/", maxSplits: 1).map(String.init)
        guard parts.count == 2, catalog.objectives.contains(parts[0]) else { return entity(reference, into: &out) }
        out.raw("<a href=\"")
        out.raw(up)
        out.raw(catalog.path(of: parts[0]))
        out.raw("#")
        out.text(keyResultAnchor(objective: parts[0], parts[1]))
        out.raw("\">")
        out.text(reference)
        out.raw("</a>")
    }
}

/// An id usable as a fragment and an element id (same rule as file names).
func anchor(_ id: String) -> String { "k-" + SitePath.fileName(id) }

/// A key result's element on its objective's page: the objective's anchor, `.` (which no anchor
/// holds), the key result's; unique on a page of several objectives.
func keyResultAnchor(objective: String, _ keyResult: String) -> String { anchor(objective) + "." + anchor(keyResult) }

/// A date in a table cell, kept on one line (a browser breaks `2026-08-05` at its hyphens when the
/// table is tight, and did even at 1400 px while a title column had room); `–` without one.
func dayCell(_ day: Day?) -> String {
    day.map { "<span class=\"nw\">\($0)</span>" } ?? "–"
}

/// A `<table>` inside a scroller, so a wide table never widens a narrow page. `text`: the columns
/// of free text (titles, names, notes), whose words may break anywhere so that one longer than the
/// page narrows to its column instead of widening the table; other columns keep their words whole.
/// `stacked`: on a narrow screen each row is a block of its cells, each named by its column's header (the
/// stylesheet's `table.stack`, from each cell's `data-label`), so that no column lies off to the side.
func table(caption: String?, head: [String], rows: [[String]], numeric: Set<Int> = [], text: Set<Int> = [], stacked: Bool = false) -> String {
    // The caption stands outside the scroller, so it wraps to the page rather than to a wide table.
    var out = caption.map { "<p class=\"caption\">\(h($0))</p>" } ?? ""
    // One allocation for the whole table: the calendar's hold thousands of rows (a list and a joined
    // string per row, and a set lookup per cell, were 3 % of the first site).
    var size = out.utf8.count + 256
    for row in rows {
        size += 10
        for cell in row { size += cell.utf8.count + 20 }
    }
    out.reserveCapacity(size)
    out += "<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"\(h(caption ?? head.joined(separator: ", ")))\">"
    out += stacked ? "<table class=\"stack\">" : "<table>"
    // A numeric column's header stands right, over its right-aligned numbers.
    out += "<thead><tr>"
    for (index, name) in head.enumerated() {
        out += numeric.contains(index) ? "<th scope=\"col\" class=\"n\">\(h(name))</th>" : "<th scope=\"col\">\(h(name))</th>"
    }
    out += "</tr></thead><tbody>\n"
    // Each column's opening tag, looked up once.
    let columns = rows.reduce(head.count) { max($0, $1.count) }
    let opening = (0..<columns).map { index in
        let label = stacked && index < head.count ? " data-label=\"\(h(head[index]))\"" : ""
        return numeric.contains(index) ? "<td class=\"n\"\(label)>" : text.contains(index) ? "<td class=\"t\"\(label)>" : "<td\(label)>"
    }
    for row in rows {
        out += "<tr>"
        for (index, cell) in row.enumerated() {
            out += opening[index]
            out += cell
            out += "</td>"
        }
        out += "</tr>\n"
    }
    out += "</tbody></table></div>\n"
    return out
}

/// A key result's status as `report okr` judges it (progress against the time gone by in its
/// quarter, under the configured thresholds), as a badge with the report's words.
func statusBadge(_ status: KeyResultStatus?) -> String {
    switch status {
    case .onTrack?: "<span class=\"badge good\">on track</span>"
    case .atRisk?: "<span class=\"badge warn\">at risk</span>"
    case .offTrack?: "<span class=\"badge bad\">off track</span>"
    case .achieved?: "<span class=\"badge good\">achieved</span>"
    case .missed?: "<span class=\"badge bad\">missed</span>"
    case .noCheckInYet?: "<span class=\"badge none\">no check-in yet</span>"
    case nil: "<span class=\"badge none\">no status</span>"
    }
}

/// A score as a meter element (no inline style needed) with its number, said once.
/// An exact score: the text is the correctly rounded decimal, the meter only draws it.
/// The bar takes the colour of `status` (`statusBadge`'s), so bar and badge tell one story: a
/// status is judged against the time gone by in the quarter, which fixed bands on the score (0.75
/// green) would contradict. A score without a status (an objective's, a mean) is drawn neutral.
func scoreMeter(_ score: Decimal?, status: KeyResultStatus? = nil) -> String {
    guard let score else { return "<span class=\"muted\">–</span>" }
    return meter(NumberTexts.score(score), status: status)
}

func scoreMeter(_ score: Double?) -> String {
    guard let score, score.isFinite else { return "<span class=\"muted\">–</span>" }
    return meter(NumberTexts.score(score), status: nil)
}

private func meter(_ text: String, status: KeyResultStatus?) -> String {
    let colour = switch status {
    case .onTrack?: "good"
    case .atRisk?: "warn"
    case .offTrack?: "bad"
    case .achieved?: "good"
    case .missed?: "bad"
    case .noCheckInYet?: "none"
    case nil: "none"
    }
    // The number is written once: the meter only draws it, hidden from screen readers and without fallback text
    // (a reader without CSS, or a screen reader, got "0.83 0.83").
    return "<meter class=\"\(colour)\" min=\"0\" max=\"1\" value=\"\(text)\" aria-hidden=\"true\"></meter> <span class=\"score\">\(text)</span>"
}
