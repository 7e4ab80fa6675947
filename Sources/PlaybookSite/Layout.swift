import Foundation
import PlaybookModel
import PlaybookReports

/// Text made safe for the page: bidi and control characters shown, markup escaped.
/// Most text is plain printable ASCII that neither step changes: it is returned as it is.
func h(_ text: String) -> String {
    for byte in text.utf8 {
        switch byte {
        case 0x20...0x7E where byte != UInt8(ascii: "#") && byte != UInt8(ascii: "&") && byte != UInt8(ascii: "<")
            && byte != UInt8(ascii: ">") && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "'"):
            continue
        default:
            return HTMLReport.escapeVisible(text)
        }
    }
    return text
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
        let label = title ? (link.title.map { "\(id): \($0)" } ?? id) : id
        // A page path is made of letters, digits, `-`, `_`, `/` and `.` only: nothing to escape.
        return "<a href=\"\(up)\(link.path)\">\(h(label))</a>"
    }

    /// A key-result reference `OKR-…/KR-n`: a link to the key result on its objective's page.
    func keyResult(_ reference: String?) -> String {
        guard let reference, !reference.isEmpty else { return "–" }
        let parts = reference.split(separator: "/", maxSplits: 1).map(String.init)
        guard parts.count == 2, catalog.objectives[parts[0]] != nil else { return entity(reference) }
        return "<a href=\"\(href(catalog.path(of: parts[0])))#\(h(anchor(parts[1])))\">\(h(reference))</a>"
    }

    /// The whole document: head with the content-security policy, navigation, main, footer.
    func document(title: String, section: Section?, body: String, source: SourceSummary?, scripts: [String] = []) -> String {
        var out = ""
        out.reserveCapacity(body.utf8.count + 2_048)  // one allocation for the whole page
        out += """
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
        out += "</ul></nav></header>\n<main id=\"main\">\n" + body + "</main>\n<footer>"
        if let source {
            let commit = source.commit.map { " at " + String($0.description.prefix(12)) } ?? ""
            out += "Built by playbook site from \(h(source.head))\(h(commit)), \(source.commits) commits (\(h(source.mode)))."
        }
        out += "</footer>\n"
        for script in scripts { out += "<script src=\"\(href(script))\"></script>\n" }
        return out + "</body>\n</html>\n"
    }
}

/// An id usable as a fragment and an element id (same rule as file names).
func anchor(_ id: String) -> String { "k-" + SitePath.fileName(id) }

/// A `<table>` inside a scroller, so a wide table never widens a narrow page.
func table(caption: String?, head: [String], rows: [[String]], numeric: Set<Int> = []) -> String {
    // The caption stands outside the scroller, so it wraps to the page rather than to a wide table.
    var out = caption.map { "<p class=\"caption\">\(h($0))</p>" } ?? ""
    out += "<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"\(h(caption ?? head.joined(separator: ", ")))\"><table>"
    out += "<thead><tr>" + head.map { "<th scope=\"col\">\(h($0))</th>" }.joined() + "</tr></thead><tbody>\n"
    for row in rows {
        out += "<tr>" + row.enumerated().map { index, cell in
            numeric.contains(index) ? "<td class=\"n\">\(cell)</td>" : "<td>\(cell)</td>"
        }.joined() + "</tr>\n"
    }
    return out + "</tbody></table></div>\n"
}

/// How a key result stands, from its score: 0.7 and up on track, 0.4 and up at risk.
enum Standing: String {
    case onTrack = "on track", atRisk = "at risk", offTrack = "off track", unknown = "no score"

    init(score: Decimal?) {
        guard let score else { self = .unknown; return }
        self = score >= Decimal(string: "0.7")! ? .onTrack : score >= Decimal(string: "0.4")! ? .atRisk : .offTrack
    }

    var badge: String {
        let name: String
        switch self {
        case .onTrack: name = "good"
        case .atRisk: name = "warn"
        case .offTrack: name = "bad"
        case .unknown: name = "none"
        }
        return "<span class=\"badge \(name)\">\(rawValue)</span>"
    }
}

/// A score as a meter element (no inline style needed) with its number.
/// An exact score: the text is the correctly rounded decimal, the meter only draws it.
func scoreMeter(_ score: Decimal?) -> String {
    guard let score else { return "<span class=\"muted\">–</span>" }
    let text = Numbers.text(score)
    return "<meter min=\"0\" max=\"1\" low=\"0.4\" high=\"0.7\" optimum=\"1\" value=\"\(text)\">\(text)</meter> <span class=\"score\">\(text)</span>"
}

func scoreMeter(_ score: Double?) -> String {
    guard let score, score.isFinite else { return "<span class=\"muted\">–</span>" }
    let text = Numbers.text(score)
    return "<meter min=\"0\" max=\"1\" low=\"0.4\" high=\"0.7\" optimum=\"1\" value=\"\(text)\">\(text)</meter> <span class=\"score\">\(text)</span>"
}
