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

    private func fields(_ pairs: [(String, String?)]) -> String {
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

    private func metric(_ id: String, page: Page) -> String {
        guard let metric = catalog.metrics[id] else { return "" }
        var out = fields([
            ("description", metric.description.map(h)), ("event", metric.event.map { "<code>\(h($0))</code>" }),
            ("unit", metric.unit.map { h($0.rawValue) }), ("direction", metric.direction.map { h($0.rawValue) }),
            ("owner", page.entity(metric.owner?.value, title: true)),
            ("North Star", metric.northStar?.value == true ? "yes" : "no"),
        ])
        let krs = catalog.keyResults(measuring: id)
        out += "<\(h2)>Key results measuring it</\(h2)>\n"
        out += krs.isEmpty ? "<p>None.</p>\n" : table(caption: nil, head: ["key result", "quarter", "title", "baseline", "target", "current"], rows: krs.map { objective, kr in
            // In the unit and currency of the key result's quarter, as that quarter's report shows it.
            let shown = unit(of: kr, in: objective)
            return [page.keyResult("\(objective.id.value)/\(kr.id?.value ?? "?")"), h(objective.quarter?.value.description ?? "–"), h(kr.title ?? ""),
                    h(NumberTexts.unit(kr.baseline?.value, shown.unit, currency: shown.currency)),
                    h(NumberTexts.unit(kr.target?.value, shown.unit, currency: shown.currency)),
                    input.currentHTML(objective: objective.id.value, keyResult: kr.id?.value ?? "?", atCommit: kr.current?.value,
                                      unit: shown.unit, currency: shown.currency)]
        }, numeric: [3, 4, 5], text: [2])
        out += "<\(h2)>Experiments on it</\(h2)>\n"
        // Read in place: the North Star's page lists most experiments, and copies of them
        // retained and released every string of each.
        if catalog.experimentsByMetric.count(id) == 0 {
            out += "<p>None.</p>\n"
        } else {
            out += "<ul>"
            let experiments = catalog.sortedExperiments  // the list `experimentsByMetric` holds positions in
            for p in catalog.experimentsByMetric.positions(id) {
                out += "<li>\(page.entity(experiments[p].id.value, title: true)) (\(experiments[p].metrics?.primary?.value == id ? "primary" : "guardrail"))"
                    + "\(input.notYetNote(experiment: experiments[p].id.value))</li>"
            }
            out += "</ul>\n"
        }
        return out
    }

    /// The unit and currency a key result of `objective` is read in: its quarter's report's (the
    /// metric's unit and the squad's currency then), HEAD's when no report holds the key result.
    private func unit(of kr: KeyResult, in objective: Objective) -> (unit: MetricUnit?, currency: String?) {
        let quarter = objective.quarter?.value
        let reported = input.okr.first { $0.quarter == quarter }?.objectives.first { $0.id == objective.id.value }?
            .keyResults.first { $0.id == (kr.id?.value ?? "?") }
        return reported.map { ($0.unit, $0.currency) }
            ?? (catalog.unit(ofMetric: kr.metric?.value), catalog.currency(ofSquad: objective.squad?.value))
    }

    private func objective(_ id: String, page: Page) -> String {
        guard let objective = catalog.objectives[id] else { return "" }
        let quarter = objective.quarter?.value
        var out = fields([
            ("squad", input.squad(objective.squad?.value, page: page, title: true)),
            ("quarter", quarter.map { "<a href=\"\(page.href(SitePath.quarter($0)))\">\(h($0.description))</a>" }),
            ("aligns to", page.entity(objective.alignsTo?.value, title: true)),
        ])
        let report = input.okr.first { $0.quarter == quarter }
        let line = report?.objectives.first { $0.id == id }
        out += "<\(h2)>Key results</\(h2)>\n"
        for kr in objective.keyResults {
            let krID = kr.id?.value ?? "?"
            let reference = "\(id)/\(krID)"
            let reported = line?.keyResults.first { $0.id == krID }
            // The unit and currency the quarter's report reads the key result in (HEAD's for a
            // quarter with no report of it): a metric's unit or a squad's currency may have changed since.
            let (unit, currency) = reported.map { ($0.unit, $0.currency) }
                ?? (catalog.unit(ofMetric: kr.metric?.value), catalog.currency(ofSquad: objective.squad?.value))
            let element = keyResultAnchor(objective: id, krID)
            out += "<section id=\"\(h(element))\" aria-labelledby=\"\(h(element))-h\"><\(h3) id=\"\(h(element))-h\">\(h(krID)): \(h(kr.title ?? ""))</\(h3)>"
            var pairs: [(String, String?)] = [
                ("metric", page.entity(kr.metric?.value, title: true)),
                ("baseline", h(NumberTexts.unit(kr.baseline?.value, unit, currency: currency))),
                ("target", h(NumberTexts.unit(kr.target?.value, unit, currency: currency))),
                ("current", input.currentHTML(objective: id, keyResult: krID, atCommit: kr.current?.value, unit: unit, currency: currency)),
                ("confidence", kr.confidence.map { h(Numbers.text($0.value)) }),
            ]
            if let reported {
                pairs.append(("in \(quarter?.description ?? "its quarter")", "start \(h(NumberTexts.unit(reported.startValue, unit, currency: currency))), end \(h(NumberTexts.unit(reported.endValue, unit, currency: currency))), score \(scoreMeter(reported.score, status: reported.status)) \(statusBadge(reported.status)), progress \(h(Numbers.text(reported.progress))), confidence \(h(OKRRenderer.confidenceText(reported))), \(reported.checkIns.count) check-in\(reported.checkIns.count == 1 ? "" : "s")"))
            }
            let work = catalog.work(for: reference)
            pairs.append(("hypotheses", work.hypotheses.isEmpty ? nil : work.hypotheses.map { page.entity($0.id.value, title: true) }.joined(separator: "<br>")))
            // Those in the playbook as they are now, and, as the home page of the quarter lists them,
            // those its report read at the quarter's end that are gone from the playbook since, in id order.
            var experiments: [(id: String, html: String)] = work.experiments.map { e in
                // Today's status where it stood otherwise on today (`--today` before the commit's last moves),
                // else its outcome as it stood on today (with the commit's beside it when recorded after).
                let id = e.id.value, outcome = e.result?.outcome?.value.rawValue
                let shown = input.statusOnToday(of: id) != nil ? input.statusHTML(of: id, atCommit: e.status?.value.rawValue)
                    : outcome != nil || input.onToday.result(of: id, atCommit: e.result)?.outcome != nil ? input.outcomeHTML(of: id, atCommit: outcome)
                    : h(e.status?.value.rawValue ?? "–")
                // As the quarter's page lists it: a move standing at the quarter's end and undone since is said.
                let undone = report.flatMap { report in
                    reported?.experiments.first { $0.id == id }.flatMap { UndoneMoveNote.html($0, today: report.today) }
                }
                // A note the status gives in brackets of its own ("(not in the playbook on …)") is not bracketed again.
                return (e.id.value, page.entity(e.id.value, title: true) + (shown.hasPrefix("<span class=\"meta\">(")
                    ? " " + shown + (undone.map { " (\($0))" } ?? "") : " (\(shown)\(undone.map { "; " + $0 } ?? ""))"))
            }
            if let report, let reported {
                for e in reported.experiments where !catalog.experiments.contains(e.id) {
                    experiments.append((e.id, page.entity(e.id) + (e.title.map { ": " + h($0) } ?? "")
                                        + " (\(h(e.outcome?.rawValue ?? e.status?.rawValue ?? "–")); "
                                        + (UndoneMoveNote.html(e, today: report.today).map { $0 + "; " } ?? "") + Self.goneNote(read: report.lastDay) + ")"))
                }
            }
            experiments.sort { $0.id < $1.id }
            pairs.append(("experiments", experiments.isEmpty ? nil : experiments.map(\.html).joined(separator: "<br>")))
            out += fields(pairs) + "</section>\n"
        }
        let children = catalog.objectivesByParent[id] ?? []
        if !children.isEmpty {
            out += "<\(h2)>Objectives aligned to it</\(h2)><ul>" + children.map { "<li>\(page.entity($0.id.value, title: true))</li>" }.joined() + "</ul>\n"
        }
        return out
    }

    private func hypothesis(_ id: String, page: Page) -> String {
        guard let hypothesis = catalog.hypotheses[id] else { return "" }
        var out = ""
        if let s = hypothesis.statement {
            out += "<blockquote><p>\(h(StatementSentence.text(s)))</p></blockquote>\n"
        }
        let ice = hypothesis.ice.map { ice in
            [ice.impact, ice.confidence, ice.ease].map { $0.map { String($0.value) } ?? "–" }.joined(separator: " / ")
        }
        out += fields([
            ("squad", input.squad(hypothesis.squad?.value, page: page, title: true)),
            ("status", hypothesis.status.map { input.statusHTML(of: id, atCommit: $0.value.rawValue) }),
            ("metric", page.entity(hypothesis.metric?.value, title: true)),
            ("expected lift", hypothesis.expectedLift.map { h(input.numbers.signedPercent($0.value, places: liftPlaces)) }),
            ("ICE (impact / confidence / ease)", ice.map(h)),
            ("key result", page.keyResult(hypothesis.keyResult?.value)),
        ])
        // Those in the playbook as they are now, and those gone from it (deleted or archived) that it held
        // on today, as they read then, or whose conclusion the reports still count, as they read then
        // (its last such conclusion), in id order.
        // Each result as it stood on today (one recorded after it is the commit's, beside the outcome).
        var rows: [(id: String, cells: [String])] = catalog.experiments(testing: id).map { e in
            let result = input.onToday.result(of: e.id.value, atCommit: e.result)
            return (e.id.value, [page.entity(e.id.value), h(e.title ?? ""), input.statusHTML(of: e.id.value, atCommit: e.status?.value.rawValue),
                                 input.outcomeHTML(of: e.id.value, atCommit: e.result?.outcome?.value.rawValue),
                                 h(input.numbers.signedPercent(result?.lift?.value, places: liftPlaces)), h(result?.decision?.value.rawValue ?? "–")])
        }
        for counted in input.gone.named(testing: id, today: input.today) {
            let e = counted.experiment
            rows.append((counted.id, [page.entity(counted.id), h(e.title ?? "") + " (" + Self.goneNote(read: counted.read) + ")",
                                      h(e.status?.value.rawValue ?? "–"), h(e.result?.outcome?.value.rawValue ?? "–"),
                                      h(input.numbers.signedPercent(e.result?.lift?.value, places: liftPlaces)), h(e.result?.decision?.value.rawValue ?? "–")]))
        }
        rows.sort { $0.id < $1.id }
        out += "<\(h2)>Experiments testing it</\(h2)>\n"
        out += rows.isEmpty ? "<p>None.</p>\n" : table(caption: nil, head: ["experiment", "title", "status", "outcome", "lift", "decision"],
                                                       rows: rows.map(\.cells), numeric: [4], text: [1])
        return out
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

    private func experiment(_ id: String, page: Page, into out: inout HTMLBuffer) {
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
            out.text([a.segment, a.regions.map { $0.joined(separator: ", ") }, a.platforms.map { $0.map(\.rawValue).joined(separator: ", ") }]
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

    /// `history(_:page:into:)` appended to a page written as a string (a squad's page).
    func history(_ id: String, page: Page, into out: inout String) {
        var buffer = HTMLBuffer()
        history(id, page: page, into: &buffer)
        out += buffer.string
    }

    /// What `playbook log` shows: every commit that changed the entity, field by field (a long
    /// history is most of an entity page's bytes).
    func history(_ id: String, page: Page, into out: inout HTMLBuffer) {
        guard let log = input.log(of: id) else {
            out.raw("<\(h2)>History</\(h2)><p>No commit on this line of history holds it.</p>\n")
            return
        }
        let count = log.commitCount
        out.raw("<\(h2)>History</\(h2)>\n<p class=\"meta\">\(count) commit\(count == 1 ? "" : "s") changed it, newest first.</p>\n")
        for caveat in log.caveats {
            out.raw("<p class=\"note\">")
            out.text(caveat)
            out.raw("</p>")
        }
        out.raw("<ol class=\"history\" reversed>")
        let valueText = keyResultValues(of: id)
        // Each event read where it is (`log.events[index]` copied whole events out to read a field).
        log.events.withUnsafeBufferPointer { events in
            for index in events.indices.reversed() {
                out.raw("<li><p><strong>")
                out.day(UTC.day(of: events[index].time))
                out.raw("</strong> · <code>")
                out.commitPrefix(events[index].commit)
                out.raw("</code> · ")
                out.text(events[index].author.name)
                out.raw(" · ")
                out.text(events[index].type.rawValue)
                if let previous = events[index].previousPath {
                    out.raw(" (moved from <code>")
                    out.text(previous)
                    out.raw("</code>)")
                }
                out.raw("<br>")
                out.text(events[index].summary)
                out.raw("</p>")
                let type = events[index].type
                let fieldCount = events[index].fields.count
                // A creation lists every field: folded, so the changes after it stay in view.
                let folded = (type == .created || type == .restored) && fieldCount > 3
                if folded {
                    out.raw("<details><summary>")
                    out.raw(fieldCount)
                    out.raw(" fields</summary>")
                }
                out.raw("<ul>")
                // Each field read where it is (`fields[fieldIndex]` copied its path and both values out).
                events[index].fields.withUnsafeBufferPointer { fields in
                    for fieldIndex in 0..<min(fieldCount, 200) {
                        let field = fields.baseAddress! + fieldIndex
                        out.raw("<li><code>")
                        out.text(field.pointee.path)
                        out.raw("</code>: ")
                        switch (field.pointee.oldValue != nil, field.pointee.newValue != nil) {
                        case (false, true):
                            out.raw("<ins>")
                            field.pointee.newValue.map { value in
                                if let shown = valueText?(field.pointee.path, value, events[index].state) { out.text(shown) } else { out.text(value) }
                            }
                            out.raw("</ins>")
                        case (true, false):
                            out.raw("<del>")
                            field.pointee.oldValue.map { value in
                                if let shown = valueText?(field.pointee.path, value, events[index].state) { out.text(shown) } else { out.text(value) }
                            }
                            out.raw("</del> (removed)")
                        case (true, true):
                            out.raw("<del>")
                            field.pointee.oldValue.map { value in
                                if let shown = valueText?(field.pointee.path, value, events[index].state) { out.text(shown) } else { out.text(value) }
                            }
                            out.raw("</del> → <ins>")
                            field.pointee.newValue.map { value in
                                if let shown = valueText?(field.pointee.path, value, events[index].state) { out.text(shown) } else { out.text(value) }
                            }
                            out.raw("</ins>")
                        case (false, false): break
                        }
                        out.raw("</li>")
                    }
                }
                if fieldCount > 200 { out.raw("<li>and \(fieldCount - 200) more fields</li>") }
                out.raw(folded ? "</ul></details></li>" : "</ul></li>")
            }
        }
        out.raw("</ol>\n")
        if !log.notes.isEmpty {
            out.raw("<\(h3)>Skipped versions</\(h3)><ul>")
            for note in log.notes {
                out.raw("<li><code>")
                out.commitPrefix(note.commit)
                out.raw("</code> <code>")
                out.text(note.path)
                out.raw("</code>: ")
                out.text(note.message)
                out.raw("</li>")
            }
            out.raw("</ul>\n")
        }
    }
}

extension EntityPages {
    /// How an objective's history writes a key result's baseline, target or current value: in its metric's
    /// unit and its squad's currency (`41%`, `EUR 1,250`), as the objective's page shows the key result;
    /// nil for another entity. The function gives nil for another field, or a value that is not a number.
    /// A key result no longer in the objective is read in the unit of the metric it named at that commit.
    func keyResultValues(of id: String) -> ((_ path: String, _ value: FieldValue, _ state: EntityState) -> String?)? {
        guard let objective = catalog.objectives[id] else { return nil }
        var units: [String: (unit: MetricUnit?, currency: String?)] = [:]
        for kr in objective.keyResults { if let krID = kr.id?.value { units[krID] = unit(of: kr, in: objective) } }
        let squadCurrency = catalog.currency(ofSquad: objective.squad?.value)
        return { path, value, state in
            // `key_results[KR-1].current`: the key result's id between the brackets, the field after them.
            guard path.hasPrefix("key_results["), let close = path.range(of: "]."),
                  ["baseline", "target", "current"].contains(path[close.upperBound...]),
                  let number = value.number else { return nil }
            let krID = String(path[path.index(path.startIndex, offsetBy: "key_results[".count)..<close.lowerBound])
            let shown = units[krID] ?? (self.catalog.unit(ofMetric: state["key_results[\(krID)].metric"]), squadCurrency)
            return NumberTexts.unit(number, shown.unit, currency: shown.currency)
        }
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
