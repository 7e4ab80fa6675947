import Foundation
import PlaybookHistory
import PlaybookModel
import PlaybookReports

/// An experiment's section: its fields, windows, results and the experiments it collides or overlaps with.
extension EntityPages {
    func experiment(_ id: String, page: Page, into out: inout HTMLBuffer) {
        guard let index = catalog.experiments.index(of: id) else { return }
        experiment(catalog.sortedExperiments, index, id: id, page: page, into: &out)
    }

    /// Experiment `i` of `list`, its fields read where they are (an experiment handed over whole was copied).
    private func experiment(_ list: [Experiment], _ i: Int, id: String, page: Page, into out: inout HTMLBuffer) {
        out.raw("<dl class=\"fields\">")
        field("squad", into: &out) { input.squad(list[i].squad?.value, page: page, title: true, into: &$0); return true }
        field("status", into: &out) { out in list[i].status.map { out.raw(input.statusHTML(of: id, atCommit: $0.value.rawValue)) } != nil }
        field("hypothesis", into: &out) { page.entity(list[i].hypothesis?.value, title: true, into: &$0); return true }
        field("key result", into: &out) { page.keyResult(list[i].keyResult?.value, into: &$0); return true }
        field("primary metric", into: &out) { page.entity(list[i].metrics?.primary?.value, title: true, into: &$0); return true }
        field("guardrails", into: &out) { out in
            guard let guardrails = list[i].metrics?.guardrails, !guardrails.isEmpty else { return false }
            for (index, metric) in guardrails.enumerated() {
                if index > 0 { out.raw(", ") }
                page.entity(metric.value, title: true, into: &out)
            }
            return true
        }
        // Where a commit after `--today` moved the experiment (review54s), its surface and window as they
        // stood on today, as the calendar draws them, with the commit's beside them.
        let then = input.onToday.changed[id].flatMap { $0 }
        field("surface", into: &out) { out in
            guard let surface = then?.surface ?? list[i].surface else { return false }
            out.raw("<code>")
            out.text(surface.value)
            out.raw("</code>")
            if let then, then.surface?.value != list[i].surface?.value {
                out.raw(" <span class=\"meta\">(")
                out.text("on \(input.today); \(list[i].surface?.value ?? "none") at this commit")
                out.raw(")</span>")
            }
            return true
        }
        field("audience", into: &out) { out in
            guard let a = list[i].audience else { return false }
            out.text([a.segment, a.regions.map { $0.joined(separator: ", ") }, a.platforms.map { $0.joined(separator: ", ") }]
                .compactMap { $0 }.joined(separator: " · "))
            return true
        }
        field("exclusion group", into: &out) { out in list[i].exclusionGroup.map { out.text($0) } != nil }
        field("variants", into: &out) { out in
            guard !list[i].variants.isEmpty else { return false }
            out.text(list[i].variants.map { "\($0.id ?? "?") \(Numbers.text($0.allocation?.value))%" }.joined(separator: ", "))
            return true
        }
        field("design", into: &out) { out in
            guard let d = list[i].design else { return false }
            out.text(["MDE " + input.numbers.smallPercent(d.mde?.value), "power " + input.numbers.text(d.power?.value), "alpha " + input.numbers.probability(d.alpha?.value),
                      "sample " + (d.sampleSize.map { Numbers.grouped(Double($0.value), places: 0) } ?? "–"),
                      d.durationDays.map { UnitText.days("\($0.value)") } ?? "– days"].joined(separator: " · "))
            return true
        }
        field("planned", into: &out) { out in
            let committed = Self.plannedText(list[i].start?.value, CalendarPage.plannedEnd(list, i))
            guard let then else {
                out.text(committed)
                return true
            }
            let onToday = Self.plannedText(then.start?.value, then.plannedEnd)
            out.text(onToday)
            if onToday != committed {
                out.raw(" <span class=\"meta\">(")
                out.text("on \(input.today); \(committed) at this commit")
                out.raw(")</span>")
            }
            return true
        }
        field("ran", into: &out) { out in
            // Each span it was live: a conclusion undone leaves a gap.
            let spans = input.liveSpans(of: id)
            guard !spans.isEmpty else { return false }
            // A pause still live for the collision rule, said so: the span ends at it, paused since.
            let pauses = input.pauses(of: id)
            out.text(spans.map { SiteInput.ran($0, pauses: pauses, now: "now") }.joined(separator: pauses.isEmpty ? ", " : "; "))
            return true
        }
        // In its squad's currency, as the squad's budget table counts it.
        let currency = catalog.currency(ofSquad: list[i].squad?.value)
        field("budget", into: &out) { out in list[i].budget.map { out.text(NumberTexts.money($0.value, currency: currency)) } != nil }
        out.raw("</dl>\n")
        result(of: id, atCommit: list[i].result, into: &out)
        // The calendar's collisions, as the collision rule judges them on today; then those it ran at the same
        // time with, one side or both ended: a past fact, nothing left to review.
        let lived = input.collisions
        let collisions = lived.collisionCount(of: id), ran = lived.graph.count(of: id) - collisions
        let partners = lived.partners(of: id, limit: Self.listedCollisions)
        let calendar = "<a href=\"\(page.up)\(SitePath.calendar)\">calendar</a>"
        if collisions > 0 {
            out.raw("<\(h2)>Collisions</\(h2)>")
            // "Live together" only of a partner live beside a live one: a ready one's planned window is said to overlap.
            out.raw("<p>Windows overlapping its own on the same or a nested surface, for overlapping audiences, in no shared exclusion group")
            out.raw(collisions > Self.listedCollisions ? " (\(collisions) experiments; the first \(Self.listedCollisions) by id are listed):</p>" : ":</p>")
            out.raw("<ul>")
            for (other, reviewedBy) in partners.colliding {
                out.raw("<li>")
                page.entity(other, title: true, into: &out)
                out.raw(" <span class=\"meta\">(")
                out.text(lived.standing(of: id, with: other))
                out.raw(")</span>")
                if let reviewedBy {
                    out.raw(" <span class=\"badge good\">reviewed by ")
                    out.text(reviewedBy)
                    out.raw("</span>")
                } else {
                    out.raw(" <span class=\"badge bad\">not reviewed</span>")
                }
                out.raw("</li>")
            }
            out.raw("</ul>\n")
        }
        if ran > 0 {
            out.raw("<\(h2)>Ran at the same time as</\(h2)>")
            out.raw("<p>On the same or a nested surface, for overlapping audiences, in no shared exclusion group, " + (lived.judgedOnLive.contains(id)
                ? "while it was live (it has ended)" : "while the other was live (it has ended)")
                + "; a past fact, no collision to resolve: lint and <code>playbook overlaps</code> judge running, paused and ready experiments only, as the \(calendar) does")
            out.raw(ran > Self.listedCollisions ? " (\(ran) experiments; the first \(Self.listedCollisions) by id are listed):</p>" : ":</p>")
            out.raw("<ul>")
            for other in partners.ranWith {
                out.raw("<li>")
                page.entity(other, title: true, into: &out)
                if lived.judgedOnLive.contains(other) { out.raw(" <span class=\"badge none\">ended</span>") }
                out.raw("</li>")
            }
            out.raw("</ul>\n")
        }
        if !list[i].approvals.isEmpty {
            out.raw("<\(h2)>Approvals</\(h2)>\n" + table(caption: nil, head: ["by", "role", "date", "note", "overlaps"], rows: list[i].approvals.map { a in
                [h(a.by ?? "–"), h(a.role ?? "–"), dayCell(a.date?.value), h(a.note ?? ""),
                 a.overlaps.map { page.entity($0.value) }.joined(separator: ", ")]
            }, text: [0, 3]))
        }
    }

    /// A planned window in words: `2026-07-06 to 2026-08-03`, or what of it is not written (`no dates planned`).
    static func plannedText(_ start: Day?, _ end: Day?) -> String {
        switch (start, end) {
        case let (start?, end?): "\(start) to \(end)"
        case let (start?, nil): "from \(start), no end planned"
        case let (nil, end?): "no start planned, to \(end)"
        case (nil, nil): "no dates planned"
        }
    }
}
