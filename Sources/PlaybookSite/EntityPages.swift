import Foundation
import PlaybookHistory
import PlaybookModel
import PlaybookReports

/// A page per metric; objectives, hypotheses and experiments a section each on a shared page
/// (`Catalog.groups`). Each shows its fields as they are at this commit, links to the entities it
/// names and that name it, and its history commit by commit.
struct EntityPages {
    var input: SiteInput
    var catalog: Catalog
    /// On a shared page an entity's headings sit one level lower (its title is an `h2`).
    var shared = false
    /// The decimals the lifts of the page share (`liftPlaces(of:)`), as a report's do; nil: each its own.
    var liftPlaces: Int?

    /// How many of an experiment's collisions its page lists.
    static let listedCollisions = 50

    /// A section's heading tag and the one below it.
    var h2: String { shared ? "h3" : "h2" }
    var h3: String { shared ? "h4" : "h3" }

    /// A page of its own (metrics).
    func page(_ id: String) -> String { pageBytes(id).string }

    /// `page(id)` as UTF-8 bytes (what the site writes, with no string made of them).
    func pageBytes(_ id: String) -> HTMLBuffer {
        let page = Page(path: catalog.path(of: id), catalog: catalog)
        var out = HTMLBuffer(capacity: 1 << 16)
        page.document(title: "\(id) \(catalog.title(of: id) ?? "")", section: nil, source: input.provenance, into: &out) { body in
            body.raw("<h1><span class=\"kind\">")
            body.text(catalog.kind(of: id)?.rawValue ?? "Entity")
            body.raw(" ")
            body.text(id)
            body.raw("</span>")
            body.text(catalog.title(of: id) ?? id)
            body.raw("</h1>\n")
            entity(id, kind: catalog.kind(of: id), page: page, into: &body)
        }
        return out
    }

    /// A shared page: its entities listed at the top, then a section each.
    func group(_ group: Catalog.Group) -> String { groupBytes(group).string }

    /// `group(group)` as UTF-8 bytes.
    func groupBytes(_ group: Catalog.Group) -> HTMLBuffer {
        let page = Page(path: group.path, catalog: catalog)
        var pages = self
        pages.shared = true
        pages.liftPlaces = liftPlaces(of: group)
        var out = HTMLBuffer(capacity: 1 << 19)
        page.document(title: group.title, section: nil, source: input.provenance, into: &out) { body in
            body.raw("<h1>")
            body.text(group.title)
            body.raw("</h1>\n<nav aria-label=\"On this page\"><ul class=\"toc\">")
            let titles = group.ids.map { catalog.links[$0]?.title }
            for (id, title) in zip(group.ids, titles) {
                body.raw("<li><a href=\"#")
                body.raw(anchor(id))
                body.raw("\">")
                body.text(title.map { "\(id): \($0)" } ?? id)
                body.raw("</a></li>")
            }
            body.raw("</ul></nav>\n")
            for (id, title) in zip(group.ids, titles) {
                let element = anchor(id)  // letters, digits, `-` and `_`: nothing to escape
                body.raw("<section class=\"entity\" id=\"")
                body.raw(element)
                body.raw("\" aria-labelledby=\"")
                body.raw(element)
                body.raw("-h\"><h2 id=\"")
                body.raw(element)
                body.raw("-h\"><span class=\"kind\">")
                body.text(group.kind.rawValue)
                body.raw(" ")
                body.text(id)
                body.raw("</span>")
                body.text(title ?? id)
                body.raw("</h2>\n")
                pages.entity(id, kind: group.kind, page: page, into: &body)  // each member is of the group's kind
                body.raw("</section>\n")
            }
        }
        return out
    }

    /// The decimals every lift a shared page shows is written with (`NumberTexts.liftPlaces`): a hypothesis's
    /// expected lift and the lifts of the experiments testing it, an experiment's result at the commit and on today.
    func liftPlaces(of group: Catalog.Group) -> Int {
        var lifts: [Double?] = []
        for id in group.ids {
            switch group.kind {
            case .hypothesis:
                lifts.append(catalog.hypotheses[id]?.expectedLift?.value)
                for e in catalog.experiments(testing: id) { lifts.append(input.onToday.result(of: e.id.value, atCommit: e.result)?.lift?.value) }
                for counted in input.gone.named(testing: id, today: input.today) { lifts.append(counted.experiment.result?.lift?.value) }
            case .experiment:
                let result = catalog.experiments[id]?.result
                lifts += [result?.lift?.value, input.onToday.result(of: id, atCommit: result)?.lift?.value]
            default: break
            }
        }
        return NumberTexts.liftPlaces(lifts)
    }

    /// What a page shows of one entity below its title; `kind`, its kind (`catalog.kind(of: id)`).
    private func entity(_ id: String, kind: Kind?, page: Page, into body: inout HTMLBuffer) {
        if let file = catalog.files[id] {
            body.raw("<p class=\"meta\">in <code>")
            body.text(file)
            body.raw("</code></p>\n")
        }
        switch kind {
        case .metric: body.raw(metric(id, page: page))
        case .objective: body.raw(objective(id, page: page))
        case .hypothesis: body.raw(hypothesis(id, page: page))
        case .experiment: experiment(id, page: page, into: &body)
        case .squad, nil: break
        }
        history(id, page: page, into: &body)
    }

    func fields(_ pairs: [(String, String?)]) -> String {
        var out = "<dl class=\"fields\">"
        for (name, value) in pairs {
            out += "<dt>"
            out += h(name)
            out += "</dt><dd>"
            out += value ?? "–"
            out += "</dd>"
        }
        return out + "</dl>\n"
    }

    /// What is said of an experiment gone from the playbook, named as a report read it on `read`.
    static func goneNote(read: Day) -> String {
        "<span class=\"meta\">no longer in the playbook at this commit, as it read on \(read)</span>"
    }

    /// One `<dt>`/`<dd>` pair of a `<dl class="fields">` (as `fields` writes them): `value` writes
    /// the markup and says whether it wrote any; without it the value is "–".
    func field(_ name: StaticString, into out: inout HTMLBuffer, _ value: (inout HTMLBuffer) -> Bool) {
        out.raw("<dt>")
        out.raw(name)  // the site's own words: nothing to escape
        out.raw("</dt><dd>")
        if !value(&out) { out.raw("–") }
        out.raw("</dd>")
    }
}

extension Numbers {
    /// A probability (a p-value, an alpha) to four places, as `report experiments` writes a
    /// p-value, from the decimal written; one above zero that four places make 0 is `< 0.0001`
    /// (a highly significant result is not p = 0).
    static func probability(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "–" }
        return Numbers.probability(ExactNumber.decimal(String(value)) ?? Decimal(value))
    }

    /// A fraction as a percentage to one place (`percent`), or, when that makes a non-zero one 0,
    /// to one place past its first digit: 0.05 → `5%`, 0.0004 → `0.04%`, 0.00045 → `0.045%`.
    static func smallPercent(_ fraction: Double?) -> String {
        guard let fraction, fraction.isFinite else { return "–" }
        let percent = (ExactNumber.decimal(String(fraction)) ?? Decimal(fraction)) * 100
        var places = 1
        while !percent.isZero, Numbers.rounded(percent, places: places).isZero, places < 20 { places += 1 }
        return Numbers.text(percent, places: places > 1 ? places + 1 : 1) + "%"
    }
}
