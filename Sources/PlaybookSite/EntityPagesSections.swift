import Foundation
import PlaybookHistory
import PlaybookModel
import PlaybookReports

/// The sections of a metric, an objective and a hypothesis: their fields, key results and the entities they name.
extension EntityPages {
    func metric(_ id: String, page: Page) -> String {
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
            return [page.keyResult("\(objective.id.value)/\(kr.id?.value ?? "?")"), "<span class=\"nw\">\(h(objective.quarter?.value.description ?? "–"))</span>", h(kr.title ?? ""),
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
    func unit(of kr: KeyResult, in objective: Objective) -> (unit: MetricUnit?, currency: String?) {
        let quarter = objective.quarter?.value
        let reported = input.okr.first { $0.quarter == quarter }?.objectives.first { $0.id == objective.id.value }?
            .keyResults.first { $0.id == (kr.id?.value ?? "?") }
        return reported.map { ($0.unit, $0.currency) }
            ?? (catalog.unit(ofMetric: kr.metric?.value), catalog.currency(ofSquad: objective.squad?.value))
    }

    func objective(_ id: String, page: Page) -> String {
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
                pairs.append(("in \(quarter?.description ?? "its quarter")", "start \(h(NumberTexts.unit(reported.startValue, unit, currency: currency))), end \(h(NumberTexts.unit(reported.endValue, unit, currency: currency))), score \(scoreMeter(reported.score, status: reported.status)) \(statusBadge(reported.status)), progress \(h(Numbers.fixed(reported.progress))), confidence \(h(OKRRenderer.confidenceText(reported))), \(reported.checkIns.count) check-in\(reported.checkIns.count == 1 ? "" : "s")"))
            }
            // A baseline or target edited in the quarter, as `report okr` says it.
            let edits = reported.map { OKRRenderer.editTexts($0, written: NumberTexts.written) } ?? []
            if !edits.isEmpty { pairs.append(("changed in \(quarter?.description ?? "its quarter")", edits.map(h).joined(separator: "<br>"))) }
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
                let linked = reported?.experiments.first { $0.id == id }
                let undone = report.flatMap { report in linked.flatMap { UndoneMoveNote.html($0, today: report.today) } }
                // A quarter that ended before today lists it as it stood then (`report okr`, the quarter's page): said first
                // where it stands otherwise now (review: "(running)" on the quarter's page, "(loss)" here).
                let then = linked.flatMap { $0.undone == nil ? $0.outcome?.rawValue ?? $0.status?.rawValue : nil }
                let now = outcome ?? e.status?.value.rawValue
                let noted = shown.contains("<span")  // today's standing with a note of its own ("on …; … at this commit")
                let ended = report.map { $0.lastDay < input.today } ?? false
                let atEnd = then.flatMap { then in quarter.flatMap { quarter in
                    ended && (then != now || noted) ? h("\(then) at the end of \(quarter)") : nil
                } }
                // A note the status gives in brackets of its own ("(not in the playbook on …)") is not bracketed again.
                let standing: String
                if shown.hasPrefix("<span class=\"meta\">(") {
                    standing = " " + (atEnd.map { "(\($0)) " } ?? "") + shown + (undone.map { " (\($0))" } ?? "")
                } else {
                    let today = atEnd != nil && !noted ? shown + " " + h("on \(input.today)") : shown
                    standing = " (" + (atEnd.map { $0 + "; " } ?? "") + today + (undone.map { "; " + $0 } ?? "") + ")"
                }
                return (e.id.value, page.entity(e.id.value, title: true) + standing)
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
        // Key results removed during the quarter (no longer in the objective's file), as `report okr` lists them.
        if let dropped = line?.keyResultsDropped, !dropped.isEmpty {
            out += "<\(h2)>Key results removed during \(h(quarter?.description ?? "its quarter"))</\(h2)>\n<ul>"
                + dropped.map { "<li>" + h(OKRRenderer.droppedText($0, written: NumberTexts.written)) + "</li>" }.joined() + "</ul>\n"
        }
        let children = catalog.objectivesByParent[id] ?? []
        if !children.isEmpty {
            out += "<\(h2)>Objectives aligned to it</\(h2)><ul>" + children.map { "<li>\(page.entity($0.id.value, title: true))</li>" }.joined() + "</ul>\n"
        }
        return out
    }

    func hypothesis(_ id: String, page: Page) -> String {
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
}
