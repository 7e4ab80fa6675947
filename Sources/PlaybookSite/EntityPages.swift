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

    /// How many of an experiment's collisions its page lists.
    static let listedCollisions = 50

    /// A section's heading tag and the one below it.
    private var h2: String { shared ? "h3" : "h2" }
    private var h3: String { shared ? "h4" : "h3" }

    /// A page of its own (metrics).
    func page(_ id: String) -> String {
        let page = Page(path: catalog.path(of: id), catalog: catalog)
        var body = "<h1><span class=\"kind\">\(h(catalog.kind(of: id)?.rawValue ?? "Entity")) \(h(id))</span>\(h(catalog.title(of: id) ?? id))</h1>\n"
        entity(id, page: page, into: &body)
        return page.document(title: "\(id) \(catalog.title(of: id) ?? "")", section: nil, body: body, source: input.source)
    }

    /// A shared page: its entities listed at the top, then a section each.
    func group(_ group: Catalog.Group) -> String {
        let page = Page(path: group.path, catalog: catalog)
        var pages = self
        pages.shared = true
        var body = "<h1>\(h(group.title))</h1>\n<nav aria-label=\"On this page\"><ul class=\"toc\">"
        for id in group.ids {
            body += "<li><a href=\"#\(anchor(id))\">\(h(catalog.title(of: id).map { "\(id): \($0)" } ?? id))</a></li>"
        }
        body += "</ul></nav>\n"
        for id in group.ids {
            let element = anchor(id)  // letters, digits, `-` and `_`: nothing to escape
            body += "<section class=\"entity\" id=\"\(element)\" aria-labelledby=\"\(element)-h\"><h2 id=\"\(element)-h\"><span class=\"kind\">\(h(group.kind.rawValue)) \(h(id))</span>\(h(catalog.title(of: id) ?? id))</h2>\n"
            pages.entity(id, page: page, into: &body)
            body += "</section>\n"
        }
        return page.document(title: group.title, section: nil, body: body, source: input.source)
    }

    /// What a page shows of one entity below its title.
    private func entity(_ id: String, page: Page, into body: inout String) {
        if let file = catalog.files[id] { body += "<p class=\"meta\">in <code>\(h(file))</code></p>\n" }
        switch catalog.kind(of: id) {
        case .metric: body += metric(id, page: page)
        case .objective: body += objective(id, page: page)
        case .hypothesis: body += hypothesis(id, page: page)
        case .experiment: body += experiment(id, page: page)
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
            [page.keyResult("\(objective.id.value)/\(kr.id?.value ?? "?")"), h(objective.quarter?.value.description ?? "–"), h(kr.title ?? ""),
             h(Numbers.unit(kr.baseline?.value, metric.unit)), h(Numbers.unit(kr.target?.value, metric.unit)), h(Numbers.unit(kr.current?.value, metric.unit))]
        }, numeric: [3, 4, 5])
        let experiments = catalog.experimentsByMetric[id] ?? []
        out += "<\(h2)>Experiments on it</\(h2)>\n"
        out += experiments.isEmpty ? "<p>None.</p>\n" : "<ul>" + experiments.map { e in
            "<li>\(page.entity(e.id.value, title: true)) (\(e.metrics?.primary?.value == id ? "primary" : "guardrail"))</li>"
        }.joined() + "</ul>\n"
        return out
    }

    private func objective(_ id: String, page: Page) -> String {
        guard let objective = catalog.objectives[id] else { return "" }
        let quarter = objective.quarter?.value
        var out = fields([
            ("squad", page.entity(objective.squad?.value, title: true)),
            ("quarter", quarter.map { "<a href=\"\(page.href(SitePath.quarter($0)))\">\(h($0.description))</a>" }),
            ("aligns to", page.entity(objective.alignsTo?.value, title: true)),
        ])
        let line = input.okr.first { $0.quarter == quarter }?.objectives.first { $0.id == id }
        out += "<\(h2)>Key results</\(h2)>\n"
        for kr in objective.keyResults {
            let krID = kr.id?.value ?? "?"
            let reference = "\(id)/\(krID)"
            let unit = catalog.unit(ofMetric: kr.metric?.value)
            let reported = line?.keyResults.first { $0.id == krID }
            let element = keyResultAnchor(objective: id, krID)
            out += "<section id=\"\(h(element))\" aria-labelledby=\"\(h(element))-h\"><\(h3) id=\"\(h(element))-h\">\(h(krID)): \(h(kr.title ?? ""))</\(h3)>"
            var pairs: [(String, String?)] = [
                ("metric", page.entity(kr.metric?.value, title: true)),
                ("baseline", h(Numbers.unit(kr.baseline?.value, unit))), ("target", h(Numbers.unit(kr.target?.value, unit))),
                ("current", h(Numbers.unit(kr.current?.value, unit))),
                ("confidence", kr.confidence.map { h(Numbers.percent($0.value)) }),
            ]
            if let reported {
                pairs.append(("in \(quarter?.description ?? "its quarter")", "start \(h(Numbers.unit(reported.startValue, unit))), end \(h(Numbers.unit(reported.endValue, unit))), score \(scoreMeter(reported.score)) \(statusBadge(reported.status)), \(reported.checkIns.count) check-in\(reported.checkIns.count == 1 ? "" : "s")"))
            }
            let work = catalog.work(for: reference)
            pairs.append(("hypotheses", work.hypotheses.isEmpty ? nil : work.hypotheses.map { page.entity($0.id.value, title: true) }.joined(separator: "<br>")))
            pairs.append(("experiments", work.experiments.isEmpty ? nil : work.experiments.map { e in
                page.entity(e.id.value, title: true) + " (\(h(e.result?.outcome?.value.rawValue ?? e.status?.value.rawValue ?? "–")))"
            }.joined(separator: "<br>")))
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
            out += "<blockquote><p>We believe that \(h(s.change ?? "…")) for \(h(s.audience ?? "…")) will \(h(s.outcome ?? "…")) because \(h(s.rationale ?? "…")).</p></blockquote>\n"
        }
        let ice = hypothesis.ice.map { ice in
            [ice.impact, ice.confidence, ice.ease].map { $0.map { String($0.value) } ?? "–" }.joined(separator: " / ")
        }
        out += fields([
            ("squad", page.entity(hypothesis.squad?.value, title: true)),
            ("status", hypothesis.status.map { h($0.value.rawValue) }),
            ("metric", page.entity(hypothesis.metric?.value, title: true)),
            ("expected lift", hypothesis.expectedLift.map { h(Numbers.signedPercent($0.value)) }),
            ("ICE (impact / confidence / ease)", ice.map(h)),
            ("key result", page.keyResult(hypothesis.keyResult?.value)),
        ])
        let experiments = catalog.experiments(testing: id)
        out += "<\(h2)>Experiments testing it</\(h2)>\n"
        out += experiments.isEmpty ? "<p>None.</p>\n" : table(caption: nil, head: ["experiment", "title", "status", "outcome", "lift", "decision"], rows: experiments.map { e in
            [page.entity(e.id.value), h(e.title ?? ""), h(e.status?.value.rawValue ?? "–"), h(e.result?.outcome?.value.rawValue ?? "–"),
             h(Numbers.signedPercent(e.result?.lift?.value)), h(e.result?.decision?.value.rawValue ?? "–")]
        }, numeric: [4])
        return out
    }

    private func experiment(_ id: String, page: Page) -> String {
        guard let e = catalog.experiments[id] else { return "" }
        let audience = e.audience.map { a in
            [a.segment, a.regions.map { $0.joined(separator: ", ") }, a.platforms.map { $0.map(\.rawValue).joined(separator: ", ") }]
                .compactMap { $0 }.joined(separator: " · ")
        }
        let life = input.life(of: id)
        var out = fields([
            ("squad", page.entity(e.squad?.value, title: true)),
            ("status", e.status.map { h($0.value.rawValue) }),
            ("hypothesis", page.entity(e.hypothesis?.value, title: true)),
            ("key result", page.keyResult(e.keyResult?.value)),
            ("primary metric", page.entity(e.metrics?.primary?.value, title: true)),
            ("guardrails", e.metrics.flatMap { $0.guardrails.isEmpty ? nil : $0.guardrails.map { page.entity($0.value, title: true) }.joined(separator: ", ") }),
            ("surface", e.surface.map { "<code>\(h($0.value))</code>" }),
            ("audience", audience.map(h)),
            ("exclusion group", e.exclusionGroup.map(h)),
            ("variants", e.variants.isEmpty ? nil : h(e.variants.map { "\($0.id ?? "?") \(Numbers.text($0.allocation?.value))%" }.joined(separator: ", "))),
            ("design", e.design.map { d in
                h(["MDE " + Numbers.percent(d.mde?.value), "power " + Numbers.text(d.power?.value), "alpha " + Numbers.text(d.alpha?.value),
                   "sample " + (d.sampleSize.map { Numbers.grouped(Double($0.value), places: 0) } ?? "–"),
                   (d.durationDays.map { "\($0.value)" } ?? "–") + " days"].joined(separator: " · "))
            }),
            ("planned", h("\(e.start?.value.description ?? "?") to \(CalendarPage.plannedEnd(e)?.description ?? "?")")),
            ("ran", life?.started.map { started in
                h("\(UTC.day(of: started)) to " + ((life?.concluded ?? life?.abandoned).map { UTC.day(of: $0).description } ?? "now"))
            }),
            ("budget", e.budget.map { h(Numbers.grouped($0.value, places: 2)) }),
        ])
        if let result = e.result {
            out += "<\(h2)>Result</\(h2)>\n" + fields([
                ("outcome", result.outcome.map { h($0.value.rawValue) }), ("lift", h(Numbers.signedPercent(result.lift?.value))),
                ("p-value", result.pValue.map { h(Numbers.text($0.value, places: 4)) }),
                ("decision", result.decision.map { h($0.value.rawValue) }),
                ("learnings", result.learnings.isEmpty ? nil : result.learnings.map { "<p>\(h($0))</p>" }.joined()),
            ])
        }
        let collisions = catalog.collisions.count(of: id)
        if collisions > 0 {
            out += "<\(h2)>Collisions</\(h2)>"
            out += "<p>Live together with it on the same or a nested surface, for overlapping audiences, in no shared exclusion group"
            out += collisions > Self.listedCollisions ? " (\(collisions) experiments; the first \(Self.listedCollisions) by id are listed):</p>" : ":</p>"
            out += "<ul>" + catalog.collisions.partners(of: id, limit: Self.listedCollisions).map { other, reviewedBy in
                "<li>\(page.entity(other, title: true))\(reviewedBy.map { " <span class=\"badge good\">reviewed by \(h($0))</span>" } ?? " <span class=\"badge bad\">not reviewed</span>")</li>"
            }.joined() + "</ul>\n"
        }
        if !e.approvals.isEmpty {
            out += "<\(h2)>Approvals</\(h2)>\n" + table(caption: nil, head: ["by", "role", "date", "note", "overlaps"], rows: e.approvals.map { a in
                [h(a.by ?? "–"), h(a.role ?? "–"), h(a.date?.value.description ?? "–"), h(a.note ?? ""),
                 a.overlaps.map { page.entity($0.value) }.joined(separator: ", ")]
            })
        }
        return out
    }

    /// What `playbook log` shows: every commit that changed the entity, field by field; appended
    /// piece by piece (a long history is most of an entity page's bytes).
    func history(_ id: String, page: Page, into out: inout String) {
        guard let log = input.log(of: id) else {
            out += "<\(h2)>History</\(h2)><p>No commit on this line of history holds it.</p>\n"
            return
        }
        out += "<\(h2)>History</\(h2)>\n<p class=\"meta\">\(log.events.count) commit\(log.events.count == 1 ? "" : "s") changed it, newest first.</p>\n"
        for caveat in log.caveats {
            out += "<p class=\"note\">"
            out += h(caveat)
            out += "</p>"
        }
        out += "<ol class=\"history\" reversed>"
        for event in log.events.reversed() {
            out += "<li><p><strong>"
            out += UTC.day(of: event.time).description
            out += "</strong> · <code>"
            out += h(String(event.commit.description.prefix(12)))
            out += "</code> · "
            out += h(event.author.name)
            out += " · "
            out += h(event.type.rawValue)
            if let previous = event.previousPath {
                out += " (moved from <code>"
                out += h(previous)
                out += "</code>)"
            }
            out += "<br>"
            out += h(event.summary)
            out += "</p>"
            // A creation lists every field: folded, so the changes after it stay in view.
            let folded = (event.type == .created || event.type == .restored) && event.fields.count > 3
            if folded { out += "<details><summary>\(event.fields.count) fields</summary>" }
            out += "<ul>"
            for field in event.fields.prefix(200) {
                out += "<li><code>"
                out += h(field.path)
                out += "</code>: "
                switch (field.old, field.new) {
                case (nil, let new?):
                    out += "<ins>"
                    out += h(new)
                    out += "</ins>"
                case (let old?, nil):
                    out += "<del>"
                    out += h(old)
                    out += "</del> (removed)"
                case (let old?, let new?):
                    out += "<del>"
                    out += h(old)
                    out += "</del> → <ins>"
                    out += h(new)
                    out += "</ins>"
                case (nil, nil): break
                }
                out += "</li>"
            }
            if event.fields.count > 200 { out += "<li>and \(event.fields.count - 200) more fields</li>" }
            out += folded ? "</ul></details></li>" : "</ul></li>"
        }
        out += "</ol>\n"
        if !log.notes.isEmpty {
            out += "<\(h3)>Skipped versions</\(h3)><ul>" + log.notes.map { note in
                "<li><code>\(h(String(note.commit.description.prefix(12))))</code> <code>\(h(note.path))</code>: \(h(note.message))</li>"
            }.joined() + "</ul>\n"
        }
    }
}
