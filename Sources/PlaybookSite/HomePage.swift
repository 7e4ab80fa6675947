import PlaybookModel
import PlaybookReports

/// The home page of a quarter: the North Star with its trend, and the tree North Star →
/// objectives → key results with scores, standings and values in their metric's unit.
struct HomePage {
    var input: SiteInput
    var catalog: Catalog

    func render(quarter: Quarter, path: String) -> String {
        let page = Page(path: path, catalog: catalog)
        guard let report = input.okr.first(where: { $0.quarter == quarter }) else {
            return page.document(title: "\(quarter)", section: .home, body: "<h1>\(h(quarter.description))</h1><p>No report for this quarter.</p>\n", source: input.provenance)
        }
        var body = "<h1>Objectives and key results, \(h(quarter.description))</h1>\n"
        if report.started {
            body += "<p class=\"meta\">\(report.start) to \(report.lastDay)"
            body += report.complete ? " (quarter closed)" : " (quarter in progress: values as of \(input.today))"
        } else {
            // As `report okr` says it: a quarter still ahead has no values, only the objectives planned for it.
            body += "<p class=\"meta\">\(report.start) to \(report.quarterLastDay) (not started: objectives planned for it as of \(input.today), nothing measured yet)"
        }
        body += "</p>\n"
        body += switcher(current: quarter, page: page)
        body += northStar(report, page: page)
        body += tree(report, page: page)
        body += writtenOnly(report, page: page)
        return page.document(title: "OKRs \(quarter)", section: .home, body: body, source: input.provenance)
    }

    /// What a key result's status badge means, with the numbers `playbook report okr` judges it by (its
    /// "Status:" line, from the same report values): progress against the share of the quarter elapsed
    /// under the configured thresholds while it runs; achieved or missed once it has ended. Nil before it starts.
    static func statusBasis(_ report: OKRReport) -> String? {
        guard report.started else { return nil }
        let judged = ", as <code>playbook report okr</code> judges them."
        if report.complete {
            return "Statuses: the quarter has ended, so a key result is achieved where its progress reached 1 (the target), else missed" + judged
        }
        let early = Int(UTC.days(report.lastDay) - UTC.days(report.start) + 1) <= KeyResultStatus.checkInGrace
            ? "; in the quarter's first \(KeyResultStatus.checkInGrace) days one not checked in yet and not on track is no check-in yet" : ""
        return "Statuses: progress against the \(Numbers.text(report.elapsed * 100, places: 0))% of the quarter elapsed by \(report.lastDay) "
            + "(on track at ≥ \(Numbers.text(report.thresholds.onTrack, places: 4))× that, at risk at ≥ \(Numbers.text(report.thresholds.atRisk, places: 4))×, "
            + "else off track; set under <code>reports</code> in <code>.playbook.yml</code>\(early))" + judged
    }

    /// Links to every quarter's page; the shown one is marked current.
    func switcher(current: Quarter, page: Page) -> String {
        var out = "<nav class=\"quarters\" aria-label=\"Quarters\"><ul>"
        for report in input.okr {
            let mark = report.quarter == current ? " aria-current=\"page\"" : ""
            out += "<li><a href=\"\(page.href(SitePath.quarter(report.quarter)))\"\(mark)>\(h(report.quarter.description))</a></li>"
        }
        return out + "</ul></nav>\n"
    }

    /// The quarter's North Star as `report okr` finds it (the metric marked then, in its unit then),
    /// named as HEAD's files name that metric (its name then if HEAD has no such metric); HEAD's
    /// North Star only for a quarter whose history marks none.
    private func northStarMetric(_ report: OKRReport) -> (id: String, name: String, unit: MetricUnit?)? {
        if let rollUp = report.northStar {
            return (rollUp.metric, catalog.metrics[rollUp.metric]?.name ?? rollUp.name ?? rollUp.metric, rollUp.unit)
        }
        return catalog.northStar.map { ($0.id.value, $0.name ?? $0.id.value, $0.unit) }
    }

    /// The key results of the quarter's objectives still in it (not dropped) that measure `metric`,
    /// as `report okr` lists them under "measured directly by".
    private func measuring(_ metric: String, in report: OKRReport) -> [KeyResultLine] {
        report.objectives.filter { $0.dropped == nil }.flatMap(\.keyResults).filter { $0.metric == metric }
    }

    private func northStar(_ report: OKRReport, page: Page) -> String {
        guard let metric = northStarMetric(report) else {
            return "<section class=\"northstar\" aria-labelledby=\"ns\"><h2 id=\"ns\">North Star</h2><p>No metric is marked <code>north_star: true</code> at this commit.</p></section>\n"
        }
        let id = metric.id
        var out = "<section class=\"northstar\" aria-labelledby=\"ns\"><h2 id=\"ns\">North Star: \(h(metric.name))</h2><p class=\"meta\">metric \(page.entity(id))</p>\n"
        // Every key result that measures it, as `report okr` lists them ("measured directly by A, B"); the figure once
        // when they agree (review: a second squad's key result on the North Star was never shown, and which one the
        // panel showed followed the squads' ids).
        let direct = measuring(id, in: report)
        if !direct.isEmpty {
            let figures = direct.map { h(NumberTexts.unit($0.endValue, $0.unit ?? metric.unit, currency: $0.currency)) }
            if Set(figures).count == 1 { out += "<p class=\"figure\">\(figures[0])</p>" }
            if direct.count > 1 { out += "<p>Measured directly by \(direct.count) key results:</p>" }
            for (kr, figure) in zip(direct, figures) {
                let unit = kr.unit ?? metric.unit
                let now = Set(figures).count == 1 ? "" : " " + figure + ";"
                out += "<p>\(page.keyResult(kr.reference)):\(now) from \(h(NumberTexts.unit(kr.startValue, unit, currency: kr.currency))) at the quarter's start; "
                out += "target \(h(NumberTexts.unit(kr.target, unit, currency: kr.currency))) from a baseline of \(h(NumberTexts.unit(kr.baseline, unit, currency: kr.currency))). Score \(scoreMeter(kr.score, status: kr.status))</p>\n"
            }
        } else {
            out += "<p>No key result of \(h(report.quarter.description)) measures the North Star itself.</p>\n"
        }
        if let rollUp = report.northStar {
            if rollUp.objectives.isEmpty {
                out += "<p>No objective of \(h(report.quarter.description)) aligns to it.</p>\n"
            } else {
                let objectives = rollUp.objectives.count == 1 ? "1 objective aligns" : "\(rollUp.objectives.count) objectives align"
                let scored = switch rollUp.scoredKeyResults {
                case 0: rollUp.objectives.count == 1 ? "none of its key results has a score yet" : "none of their key results has a score yet"
                case 1: rollUp.objectives.count == 1 ? "its 1 scored key result scores \(scoreMeter(rollUp.meanScore))" : "their 1 scored key result scores \(scoreMeter(rollUp.meanScore))"
                default: (rollUp.objectives.count == 1 ? "its" : "their") + " \(rollUp.scoredKeyResults) scored key results average \(scoreMeter(rollUp.meanScore))"
                }
                out += "<p>\(objectives) to it; \(scored)</p>\n"
            }
        }
        out += trend(metric: metric, through: report.quarter)
        return out + "</section>\n"
    }

    /// The North Star's value at each quarter's end (from the key results measuring it; a quarter not ended
    /// by today, its value to date, said so; one not started by today, none, said so) and the aligned key results'
    /// mean score, over the quarters the history holds.
    private func trend(metric: (id: String, name: String, unit: MetricUnit?), through quarter: Quarter) -> String {
        let id = metric.id
        let reports = input.okr.filter { $0.quarter <= quarter }.suffix(12)
        let labels = reports.map(\.quarter.description)
        // A quarter not started by today has nothing measured yet (`report okr` says so): no value, no score.
        let measured = reports.map { $0.started ? measuring(id, in: $0).first : nil }
        let values: [Double?] = measured.map { $0?.endValue.map(Numbers.double) }
        // Each value in its quarter's unit and currency, as that quarter's report shows it.
        let units: [(unit: MetricUnit?, currency: String?)] = measured.map { ($0?.unit ?? metric.unit, $0?.currency) }
        let latest = units.last { $0.currency != nil } ?? (metric.unit, nil)
        // A quarter whose North Star was another metric has no score of this one's aligned key results.
        let scores: [Double?] = reports.map { report in
            report.started ? report.northStar.flatMap { $0.metric == id ? $0.meanScore.map(Numbers.double) : nil } : nil
        }
        // A quarter begun and not ended by today has its value as of today, not at its end.
        let toDate = reports.map { $0.started && !$0.complete }
        let notStarted = reports.map { !$0.started }
        let onToday = "to date, on \(input.today)"
        let ended = "\(metric.name) at each quarter's end"
            + (Charts.unended(labels, running: toDate, notStarted: notStarted, today: input.today).map { " (\($0))" } ?? "")
        var out = "<div class=\"charts\">"
        if values.contains(where: { $0 != nil }) {
            out += Charts.lines(title: ended, categories: labels,
                                series: [Series(name: metric.name, values: values)], yLabel: unitLabel(metric.unit),
                                places: UnitText.places(metric.unit),
                                fromZero: false,  // 1.82M → 1.87M is no flat line at the top of an axis from 0
                                format: { NumberTexts.unit($0, metric.unit, currency: latest.currency) },
                                label: { NumberTexts.unit($1, units[$0].unit, currency: units[$0].currency) },
                                note: { toDate[$0] ? " (\(onToday))" : "" })
        }
        if scores.contains(where: { $0 != nil }) {
            // A running quarter's score is its key results' progress so far, said as the value chart says it.
            out += Charts.lines(title: "Mean score of key results aligned to the North Star"
                                    + (Charts.unended(labels, running: toDate, notStarted: notStarted, today: input.today).map { " (\($0))" } ?? ""),
                                categories: labels,
                                series: [Series(name: "mean score", values: scores)], yLabel: "score (0–1)", maximum: 1,
                                label: { NumberTexts.score($1) }, note: { toDate[$0] ? " (\(onToday))" : "" })
        }
        out += "</div>"
        let rows = reports.indices.map { index -> [String] in
            let offset = index - reports.startIndex
            let value = h(NumberTexts.unit(values[offset], units[offset].unit, currency: units[offset].currency))
            let note = notStarted[offset] ? " <span class=\"meta\">(not started)</span>"
                : toDate[offset] && values[offset] != nil ? " <span class=\"meta\">(\(onToday))</span>" : ""
            return ["<span class=\"nw\">\(h(labels[offset]))</span>", value + note, h(NumberTexts.score(scores[offset]))]
        }
        if !rows.isEmpty {
            out += "<details><summary>Trend as a table</summary>"
            out += table(caption: "North Star by quarter", head: ["quarter", toDate.contains(true) ? "value at end (or to date)" : "value at end", "mean aligned score"], rows: rows, numeric: [1, 2])
            out += "</details>\n"
        }
        return out
    }

    private func unitLabel(_ unit: MetricUnit?) -> String {
        switch unit {
        case .percent: "percent"
        case .count: "count"
        case .currency: "amount"
        case .ratio: "ratio"
        case .duration: "days"
        case nil: "value"
        }
    }

    /// North Star → objectives (nested through `aligns_to`) → key results.
    private func tree(_ report: OKRReport, page: Page) -> String {
        let objectives = report.objectives
        let byID = Dictionary(objectives.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var children: [String: [ObjectiveLine]] = [:]
        var roots: [ObjectiveLine] = []
        let northStar = northStarMetric(report)?.id
        for objective in objectives {
            if let parent = objective.alignsTo, byID[parent] != nil, parent != objective.id {
                children[parent, default: []].append(objective)
            } else if let parent = objective.alignsTo, parent == northStar {
                roots.append(objective)
            }
        }
        var out = "<h2>Objectives of \(h(report.quarter.description))</h2>\n"
        if objectives.isEmpty {
            out += "<p>No objective of \(h(report.quarter.description)) is in the history"
            // The pages of the nearest quarters with objectives, as `report okr` names them (the first days
            // of a quarter often have none yet): the site's own reports, each already read.
            var near = report
            near.latestEarlierWithObjectives = input.okr.last { $0.quarter < report.quarter && !$0.objectives.isEmpty }?.quarter
            near.nextLaterWithObjectives = input.okr.first { $0.quarter > report.quarter && !$0.objectives.isEmpty }?.quarter
            out += OKRReport.elsewhere(near) { "<a href=\"\(page.href(SitePath.quarter($0)))\">\(h($0.description))</a>" }
            out += ".</p>\n"
            return out
        }
        if let basis = Self.statusBasis(report) { out += "<p class=\"meta\">\(basis)</p>\n" }
        var placed: Set<String> = []
        func branch(_ list: [ObjectiveLine]) -> String {
            var html = "<ul>"
            for objective in list where placed.insert(objective.id).inserted {
                html += "<li>" + card(objective, page: page, closed: report.complete)
                if let kids = children[objective.id], !kids.isEmpty { html += branch(kids) }
                html += "</li>"
            }
            return html + "</ul>"
        }
        out += "<ul class=\"tree\" aria-label=\"North Star, objectives and key results\"><li><strong>North Star</strong> \(page.entity(northStar, title: true))"
        out += branch(roots) + "</li></ul>\n"
        // Objectives not under the North Star (or under a parent outside this quarter, or in a cycle).
        let rest = objectives.filter { !placed.contains($0.id) }
        if !rest.isEmpty {
            out += "<h3>Not aligned to the North Star through this quarter's objectives</h3>\n<ul class=\"tree\">"
            for objective in rest where placed.insert(objective.id).inserted {
                out += "<li>" + card(objective, page: page, closed: report.complete) + "</li>"
            }
            out += "</ul>\n"
        }
        return out
    }

    /// `closed`: the quarter has ended, so a key result's last value is its end, not its value now.
    private func card(_ objective: ObjectiveLine, page: Page, closed: Bool) -> String {
        var out = "<article class=\"objective\" id=\"\(h(anchor(objective.id)))\"><h3>\(page.entity(objective.id)) \(h(objective.title ?? ""))</h3>"
        var facts = ["squad " + input.squad(objective.squad, page: page), "aligns to " + page.entity(objective.alignsTo),
                     "score " + scoreMeter(objective.score)]
        if let added = objective.added { facts.append("added \(UTC.day(of: added))") }
        if let dropped = objective.dropped { facts.append("<span class=\"badge bad\">dropped \(UTC.day(of: dropped))</span>") }
        out += "<p class=\"meta\">" + facts.joined(separator: " · ") + "</p>"
        out += "<ul class=\"krs\">"
        for kr in objective.keyResults {
            // The unit the metric had in the quarter, as `report okr` shows it (not HEAD's).
            let unit = kr.unit
            out += "<li id=\"\(h(anchor(kr.reference)))\"><span><strong>\(page.keyResult(kr.reference))</strong> \(h(kr.title ?? ""))</span>"
            out += "<span>\(scoreMeter(kr.score, status: kr.status)) \(statusBadge(kr.status))</span>"
            let currency = kr.currency
            var values = ["metric " + page.entity(kr.metric),
                          "baseline " + h(NumberTexts.unit(kr.baseline, unit, currency: currency)),
                          "target " + h(NumberTexts.unit(kr.target, unit, currency: currency)),
                          "start " + h(NumberTexts.unit(kr.startValue, unit, currency: currency)),
                          (closed ? "end " : "now ") + h(NumberTexts.unit(kr.endValue, unit, currency: currency)),
                          // Progress and confidence as `report okr` writes them (review52a #4: "37.5%" beside the report's 0.38,
                          // and no confidence at all where the report says "0.6 → 0.7 (rising)").
                          "progress " + h(Numbers.fixed(kr.progress)),
                          "confidence " + h(OKRRenderer.confidenceText(kr)),
                          "\(kr.checkIns.count) check-in\(kr.checkIns.count == 1 ? "" : "s")"]
            if !kr.experiments.isEmpty {
                values.append("experiments " + kr.experiments.map { experiment in
                    page.entity(experiment.id) + UndoneMoveNote.standing(experiment, today: input.today)
                }.joined(separator: ", "))
            }
            out += "<span class=\"values\">" + values.joined(separator: " · ") + "</span>"
            // A baseline or target edited in the quarter, as `report okr` says it beside the key result.
            let edits = OKRRenderer.editTexts(kr, written: NumberTexts.written)
            if !edits.isEmpty { out += "<span class=\"values\">" + edits.map(h).joined(separator: "; ") + "</span>" }
            out += "</li>"
        }
        if objective.keyResults.isEmpty { out += "<li>No key results.</li>" }
        out += "</ul>"
        // Key results removed during the quarter, as `report okr` lists them under the objective.
        if !objective.keyResultsDropped.isEmpty {
            out += "<ul class=\"changes\">" + objective.keyResultsDropped.map {
                "<li>" + h(OKRRenderer.droppedText($0, written: NumberTexts.written)) + "</li>"
            }.joined() + "</ul>"
        }
        return out + "</article>"
    }

    /// Objectives written for the quarter at this commit that no commit during the quarter held:
    /// shown as written, since the history has no value for them in the quarter.
    private func writtenOnly(_ report: OKRReport, page: Page) -> String {
        let reported = Set(report.objectives.map(\.id))
        let written = catalog.sortedObjectives.filter { $0.quarter?.value == report.quarter && !reported.contains($0.id.value) }
        guard !written.isEmpty else { return "" }
        // A quarter not over by --today has these objectives only after that day, not after its end.
        let after = report.complete ? "after it ended" : "after \(input.today)"
        var out = "<h2>Written for \(h(report.quarter.description)) \(after)</h2>\n"
        out += report.complete
            ? "<p class=\"meta\">No commit during the quarter held these objectives, so the history has no values for them in it; their key results are shown as written now.</p>\n"
            : "<p class=\"meta\">No commit up to \(input.today) held these objectives, so the history has no values for them yet; their key results are shown as written now.</p>\n"
        var rows: [[String]] = []
        for objective in written {
            for kr in objective.keyResults {
                let unit = catalog.unit(ofMetric: kr.metric?.value)
                let currency = catalog.currency(ofSquad: objective.squad?.value)
                let reference = "\(objective.id.value)/\(kr.id?.value ?? "?")"
                rows.append([page.keyResult(reference), h(kr.title ?? ""), input.squad(objective.squad?.value, page: page),
                             h(NumberTexts.unit(kr.baseline?.value, unit, currency: currency)),
                             h(NumberTexts.unit(kr.target?.value, unit, currency: currency)),
                             h(NumberTexts.unit(kr.current?.value, unit, currency: currency))])
            }
        }
        return out + table(caption: nil, head: ["key result", "title", "squad", "baseline", "target", "current"], rows: rows, numeric: [3, 4, 5], text: [1])
    }
}

extension Optional where Wrapped == String {
    var orEmpty: String { self ?? "" }
}
