import Foundation
import PlaybookModel

/// Self-contained HTML pages: inline CSS and SVG, no script, no external resource, and a
/// content-security policy that forbids both. Every user string goes through `escapeVisible`, as on
/// the site: a control shown by its code (`⟨U+001B⟩`).
public enum HTMLReport {
    public static func okr(_ report: OKRReport) -> String {
        var body = "<h1>OKR report \(escapeVisible(report.quarter.description))</h1>\n"
        body += "<p class=\"meta\">\(escapeVisible(OKRReport.periodText(report)))"
        body += " · \(escapeVisible(report.source.head)) · \(escapeVisible(report.source.historyText))</p>\n"
        body += caveats(report.source.caveats)
        if let basis = OKRReport.statusBasis(report) { body += "<p class=\"meta\">\(escapeVisible(basis))</p>\n" }
        if let rollUp = report.northStar {
            body += "<section class=\"northstar\"><h2>North Star: \(escapeVisible(rollUp.name ?? rollUp.metric))</h2>"
            body += "<p>\(rollUp.objectives.count) aligned objectives, mean key-result score "
            body += "<strong>\(escapeVisible(Numbers.fixed(rollUp.meanScore)))</strong> over \(rollUp.scoredKeyResults) scored key results.</p></section>\n"
        }
        if report.objectives.isEmpty {
            body += "<p>No objective of \(escapeVisible(report.quarter.description)) is in the history\(report.started ? "" : " yet")"
            body += OKRReport.elsewhere(report) {
                "\(escapeVisible($0.description)) (<code>playbook report okr --quarter \(escapeVisible($0.description))</code>)"
            }
            body += ".</p>\n"
        }
        let start = UTC.seconds(report.start)
        let end = UTC.seconds(report.lastDay) + 86_400
        for squad in report.squads {
            body += "<h2>\(escapeVisible(squad))</h2>\n"
            for objective in report.objectives where objective.squad == squad {
                body += "<section class=\"objective\"><h3>\(escapeVisible(objective.id)): \(escapeVisible(objective.title ?? ""))</h3>\n"
                var facts = ["score \(Numbers.fixed(objective.score))"]
                if let added = objective.added { facts.append("added \(UTC.day(of: added))") }
                if let dropped = objective.dropped { facts.append("dropped \(UTC.day(of: dropped))") }
                body += "<p class=\"meta\">\(escapeVisible(facts.joined(separator: " · ")))</p>\n"
                // Status and progress first: what a reader acts on stays on a phone's screen.
                body += "<table><thead><tr><th>KR</th><th>status</th><th>progress</th><th>title</th><th>baseline</th><th>target</th><th>start</th>"
                body += "<th>end</th><th>score</th><th>confidence</th><th>check-ins</th><th>last check-in</th><th>experiments</th><th>trajectory</th></tr></thead><tbody>\n"
                for kr in objective.keyResults {
                    let last = kr.checkIns.last.map { "\(UTC.day(of: $0.time)) \($0.author.name)" } ?? "–"
                    let experiments = kr.experiments.map { experiment in
                        "\(experiment.id) \(experiment.outcome?.rawValue ?? experiment.status?.rawValue ?? "")"
                            + (OKRRenderer.undoneNote(experiment, today: report.today).map { " " + $0 } ?? "")
                    }.joined(separator: ", ")
                    let status = kr.status.map { "<span class=\"status \($0.rawValue.replacing(" ", with: "-"))\">\(escapeVisible($0.rawValue))</span>" } ?? "–"
                    body += "<tr><td>\(escapeVisible(kr.id))</td><td>\(status)</td><td class=\"n\">\(escapeVisible(Numbers.fixed(kr.progress)))</td>"
                    body += "<td>\(escapeVisible(kr.title ?? ""))</td>"
                    body += [kr.baseline, kr.target, kr.startValue, kr.endValue].map {
                        "<td class=\"n\">\(escapeVisible(UnitText.text($0, unit: kr.unit, currency: kr.currency)))</td>"
                    }.joined()
                    body += "<td class=\"n\">\(escapeVisible(Numbers.fixed(kr.score)))</td><td>\(escapeVisible(OKRRenderer.confidenceText(kr)))</td>"
                    body += "<td class=\"n\">\(kr.checkIns.count)</td><td>\(escapeVisible(last))</td><td>\(escapeVisible(experiments))</td>"
                    body += "<td>\(trajectoryChart(kr, start: start, end: end))</td></tr>\n"
                }
                body += "</tbody></table>"
                // What changed under the objective in the quarter: baselines and targets edited, key results removed.
                let changes = objective.keyResults.flatMap { kr in OKRRenderer.editTexts(kr).map { "\(kr.id) \($0)" } }
                    + objective.keyResultsDropped.map { OKRRenderer.droppedText($0) }
                if !changes.isEmpty {
                    body += "\n<ul class=\"changes\">" + changes.map { "<li>\(escapeVisible($0))</li>" }.joined() + "</ul>\n"
                }
                body += "</section>\n"
            }
        }
        return page(title: "OKR report \(report.quarter)", body: body)
    }

    public static func experiments(_ report: ExperimentReport) -> String {
        var body = "<h1>Experiments \(escapeVisible(report.period.label))</h1>\n"
        body += "<p class=\"meta\">\(escapeVisible(report.periodText))"
        body += " · \(escapeVisible(report.source.head)) · \(escapeVisible(report.source.historyText))</p>\n"
        body += caveats(report.source.caveats)
        guard !report.squads.isEmpty else {
            return page(title: "Experiments \(report.period.label)",
                        body: body + "<p>No experiment was created, started, concluded or abandoned in this period.</p>\n")
        }
        body += "<h2>Throughput per squad</h2>\n" + throughputChart(report.squads)
        body += "<table><thead><tr><th>squad</th><th>created</th><th>started</th><th>concluded</th><th>abandoned</th>"
        body += "<th>win rate</th><th>created→running</th><th>ready→running</th><th>running→concluded</th><th>stale</th></tr></thead><tbody>\n"
        for (squad, name) in report.squads.map({ ($0, escapeVisible($0.squad)) }) + (report.overall.map { [($0, "<strong>\(ExperimentRenderer.totalLabel)</strong>")] } ?? []) {
            let winRate = squad.winRate.map { "\(Numbers.percent($0)) (\(squad.wins)/\(squad.withOutcome))" } ?? "–"
            body += "<tr><td>\(name)</td><td class=\"n\">\(squad.created.count)</td><td class=\"n\">\(squad.started.count)</td>"
            body += "<td class=\"n\">\(squad.concluded.count)</td><td class=\"n\">\(squad.abandoned.count)</td><td class=\"n\">\(escapeVisible(winRate))</td>"
            for cycle in [squad.createdToRunning, squad.readyToRunning, squad.runningToConcluded] {
                body += "<td class=\"n\">\(escapeVisible(ExperimentRenderer.cycle(cycle)))</td>"
            }
            body += "<td class=\"n\">\(squad.stale.count)</td></tr>\n"
        }
        body += "</tbody></table>\n"
        let stale = report.squads.flatMap(\.stale)
        if !stale.isEmpty {
            body += "<h2>Running past their planned end</h2><ul>\n"
            for item in stale {
                body += "<li>\(escapeVisible(item.id)) \(escapeVisible(item.title ?? "")): \(StaleExperiment.days(item.daysOverdue)) past \(escapeVisible(item.plannedEnd.description))</li>\n"
            }
            body += "</ul>\n"
        }
        let learnings = report.squads.flatMap(\.learnings)
        if !learnings.isEmpty {
            body += "<h2>Concluded</h2>\n<table><thead><tr><th>experiment</th><th>squad</th><th>outcome</th><th>decision</th>"
            body += "<th>lift</th><th>p-value</th></tr></thead><tbody>\n"
            let places = ExperimentRenderer.liftPlaces(report)
            for fact in learnings {
                body += "<tr><td>\(escapeVisible(fact.id))</td><td>\(escapeVisible(fact.squad))</td><td>\(escapeVisible(fact.outcome?.rawValue ?? "–"))</td>"
                body += "<td>\(escapeVisible(fact.decision?.rawValue ?? "–"))</td><td class=\"n\">\(escapeVisible(ExperimentRenderer.lift(fact.lift, places: places)))</td>"
                body += "<td class=\"n\">\(escapeVisible(Numbers.probability(fact.pValue)))</td></tr>\n"
            }
            body += "</tbody></table>\n"
            body += "<h2>Learnings</h2><ul class=\"learnings\">\n"
            for fact in learnings {
                let outcome = [fact.outcome?.rawValue, fact.decision?.rawValue].compactMap { $0 }.joined(separator: ", ")
                body += "<li><strong>\(escapeVisible(fact.id))</strong> (\(escapeVisible(fact.squad))) \(escapeVisible(fact.title ?? ""))"
                body += outcome.isEmpty ? "" : " — \(escapeVisible(outcome))"
                body += "<br>\(escapeVisible(fact.learnings.map(Inert.foldingLines) ?? "no learnings written"))</li>\n"
            }
            body += "</ul>\n"
        }
        return page(title: "Experiments \(report.period.label)", body: body)
    }

    /// Escapes text for HTML content and attribute values alike (`Inert.html`), its controls already
    /// shown by code (`visible`).
    private static func entities(_ text: String) -> String {
        Inert.html(text)
    }

    /// Escapes text for HTML (`entities`), after making text that could deceive a reader inert: bidi controls (U+202E and kin),
    /// invisible format characters (U+200B and kin, `Inert.isInvisibleFormat`), C0 and C1 control
    /// characters and the line and paragraph separators are shown as their code (`⟨U+202E⟩`,
    /// `⟨U+001B⟩`: an escape sequence pasted from a terminal reads as what it is, not as U+FFFD);
    /// tabs and line ends become spaces. For the reports and the site: pages that show many hands' strings.
    public static func escapeVisible(_ text: String) -> String {
        entities(visible(text))
    }

    /// The neutralising half of `escapeVisible`, for text that is escaped elsewhere (a JSON index).
    public static func visible(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x09, 0x0A, 0x0D: out += " "
            // Bidi embeddings, overrides, isolates and marks reorder what a reader sees; format characters
            // hide; controls and separators are invisible, or break lines where none is shown.
            case _ where Inert.isInvisibleFormat(scalar), 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069,
                 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out += "⟨U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + "⟩"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static func caveats(_ lines: [String]) -> String {
        lines.map { "<p class=\"caveat\">\(escapeVisible($0))</p>\n" }.joined()
    }

    private static func page(title: String, body: String) -> String {
        // A wide table scrolls inside its own box on a phone instead of widening the page.
        let body = body.replacing("<table>", with: "<div class=\"scroll\"><table>").replacing("</table>", with: "</table></div>")
        return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escapeVisible(title))</title>
        <style>
        body { font-family: system-ui, sans-serif; margin: 2rem; color: #1d2330; }
        table { border-collapse: collapse; margin: 0.5rem 0 1.5rem; }
        th, td { border-bottom: 1px solid #dde1e8; padding: 0.3rem 0.6rem; text-align: left; vertical-align: middle; }
        td.n { text-align: right; font-variant-numeric: tabular-nums; }
        .meta { color: #5b6475; }
        .caveat { background: #fff4d6; border-left: 4px solid #e0a800; padding: 0.5rem 0.8rem; }
        svg text { font-size: 10px; fill: #5b6475; }
        svg.chart { width: 100%; max-width: 600px; height: auto; display: block; }
        svg.chart text { font-size: 14px; }
        svg.chart text.label { fill: #1d2330; }
        .key { display: inline-block; width: 0.8em; height: 0.8em; vertical-align: baseline; }
        .key.started { background: #3b5bdb; } .key.concluded { background: #2e9e5b; }
        .scroll { overflow-x: auto; }
        td:first-child { white-space: nowrap; }
        th, td { font-size: 0.92rem; }
        svg.trajectory text { font-size: 9px; }
        .status { padding: 0.1rem 0.45rem; border-radius: 0.7rem; white-space: nowrap; font-weight: 600; }
        .status.on-track { background: #d9f2e3; color: #1b6b3e; }
        .status.at-risk { background: #fff0cc; color: #8a5a00; }
        .status.off-track { background: #fde0e0; color: #a12626; }
        .status.achieved { background: #d9f2e3; color: #1b6b3e; }
        .status.missed { background: #fde0e0; color: #a12626; }
        .status.no-check-in-yet { background: #eceff3; color: #3d4350; }
        @media (max-width: 600px) { body { margin: 0.8rem; } th, td { padding: 0.25rem 0.35rem; } }
        </style>
        </head>
        <body>
        \(body)</body>
        </html>

        """
    }

    /// A small line chart of a key result over the period: start value, each check-in, end;
    /// dashed lines at the baseline (grey) and the target (green), labelled with their values in
    /// the metric's unit at the left (the baseline's label is left out when it would touch the
    /// target's), and the period's first and last day under the x axis.
    static func trajectoryChart(_ kr: KeyResultLine, start: Int64, end: Int64) -> String {
        var points: [(Int64, Decimal)] = []
        if let value = kr.startValue { points.append((start, value)) }
        points += kr.checkIns.map { ($0.time, $0.value) }
        if let value = kr.endValue { points.append((end, value)) }
        guard !points.isEmpty else { return "" }
        let width = 180.0, height = 70.0, top = 6.0, bottom = 16.0, left = 46.0, right = 4.0
        let values: [Double] = (points.map(\.1) + [kr.baseline, kr.target].compactMap { $0 }).map(Numbers.double)
        var low = values.min() ?? 0, high = values.max() ?? 1
        if high == low { high += 1; low -= 1 }
        let span = Double(max(1, end - start))
        let plotBottom = height - bottom
        func f(_ value: Double) -> String { Numbers.text(value, places: 1) }
        func xPosition(_ time: Int64) -> Double { left + Double(time - start) / span * (width - left - right) }
        func yPosition(_ exact: Decimal) -> Double {
            plotBottom - (Numbers.double(exact) - low) / (high - low) * (plotBottom - top)
        }
        func value(_ number: Decimal) -> String { UnitText.text(number, unit: kr.unit, currency: kr.currency) }
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" role=\"img\" class=\"trajectory\" "
        svg += "aria-label=\"\(escapeVisible("trajectory of \(kr.reference)"))\">"
        // The x axis: a line under the plot, the period's first and last day at its ends.
        svg += "<line x1=\"\(f(left))\" x2=\"\(f(width - right))\" y1=\"\(f(plotBottom))\" y2=\"\(f(plotBottom))\" stroke=\"#9aa3b2\"/>"
        svg += "<text x=\"\(f(left))\" y=\"\(f(height - 4))\">\(escapeVisible(String(UTC.day(of: start).description.dropFirst(5))))</text>"
        svg += "<text x=\"\(f(width - right))\" y=\"\(f(height - 4))\" text-anchor=\"end\">\(escapeVisible(String(UTC.day(of: end - 1).description.dropFirst(5))))</text>"
        var labelled: [Double] = []
        for (number, color, name) in [(kr.target, "#2e9e5b", "target"), (kr.baseline, "#9aa3b2", "baseline")] {
            guard let number else { continue }
            let y = yPosition(number)
            svg += "<line x1=\"\(f(left))\" x2=\"\(f(width - right))\" y1=\"\(f(y))\" y2=\"\(f(y))\" stroke=\"\(color)\" stroke-dasharray=\"3 3\"/>"
            // A label needs 11 px of its own; one that would touch another is left to the tooltip.
            if labelled.allSatisfy({ abs($0 - y) >= 11 }) {
                labelled.append(y)
                svg += "<text x=\"\(f(left - 4))\" y=\"\(f(min(plotBottom, max(top + 7, y + 3.5))))\" text-anchor=\"end\">"
                svg += "\(escapeVisible(value(number)))<title>\(escapeVisible("\(name) \(value(number))"))</title></text>"
            }
        }
        let path = points.map { "\(f(xPosition($0.0))),\(f(yPosition($0.1)))" }.joined(separator: " ")
        svg += "<polyline fill=\"none\" stroke=\"#3b5bdb\" stroke-width=\"2\" points=\"\(path)\"/>"
        for point in points {
            svg += "<circle cx=\"\(f(xPosition(point.0)))\" cy=\"\(f(yPosition(point.1)))\" r=\"2.5\" fill=\"#3b5bdb\">"
            svg += "<title>\(escapeVisible("\(UTC.day(of: min(point.0, end - 1))): \(value(point.1))"))</title></circle>"
        }
        return svg + "</svg>"
    }

    /// Horizontal bars, one row per squad: its name in a left column of its own (names never
    /// overlap), started (blue) and concluded (green) bars with their counts at the bar's end, and
    /// an x axis with whole-number ticks. The SVG scales to the page's width (viewBox), and its
    /// text stays legible from a 390 px phone to a 1400 px screen.
    static func throughputChart(_ squads: [SquadExperiments]) -> String {
        let rowHeight = 40.0, barHeight = 15.0, top = 8.0, axis = 38.0
        let labelWidth = 120.0, plotWidth = 240.0, countRoom = 30.0
        let width = labelWidth + plotWidth + countRoom
        let height = top + Double(squads.count) * rowHeight + axis
        let maxCount = max(1, squads.map { max($0.started.count, $0.concluded.count) }.max() ?? 1)
        let step = tickStep(maxCount)
        let scaleMax = Double((maxCount + step - 1) / step * step)
        func x(_ count: Int) -> Double { labelWidth + Double(count) / scaleMax * plotWidth }
        func f(_ value: Double) -> String { Numbers.text(value, places: 1) }
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" class=\"chart\" "
        svg += "role=\"img\" aria-label=\"experiments started and concluded per squad\">"
        let plotBottom = top + Double(squads.count) * rowHeight
        // Gridlines and the x axis with its ticks.
        for tick in stride(from: 0, through: Int(scaleMax), by: step) {
            svg += "<line x1=\"\(f(x(tick)))\" x2=\"\(f(x(tick)))\" y1=\"\(f(top))\" y2=\"\(f(plotBottom))\" stroke=\"#e4e7ed\"/>"
            svg += "<text x=\"\(f(x(tick)))\" y=\"\(f(plotBottom + 16))\" text-anchor=\"middle\">\(tick)</text>"
        }
        svg += "<line x1=\"\(f(labelWidth))\" x2=\"\(f(labelWidth + plotWidth))\" y1=\"\(f(plotBottom))\" y2=\"\(f(plotBottom))\" stroke=\"#5b6475\"/>"
        svg += "<text x=\"\(f(labelWidth + plotWidth / 2))\" y=\"\(f(plotBottom + 33))\" text-anchor=\"middle\">experiments</text>"
        for (index, squad) in squads.enumerated() {
            let rowTop = top + Double(index) * rowHeight
            let name = squad.squad.count > 16 ? String(squad.squad.prefix(15)) + "…" : squad.squad
            svg += "<text x=\"\(f(labelWidth - 8))\" y=\"\(f(rowTop + rowHeight / 2 + 4))\" text-anchor=\"end\" class=\"label\">"
            svg += "\(escapeVisible(name))<title>\(escapeVisible(squad.squad))</title></text>"
            for (offset, count, color, label) in [(4.0, squad.started.count, "#3b5bdb", "started"),
                                                  (4.0 + barHeight + 2, squad.concluded.count, "#2e9e5b", "concluded")] {
                let y = rowTop + offset
                svg += "<rect x=\"\(f(labelWidth))\" y=\"\(f(y))\" width=\"\(f(x(count) - labelWidth))\" height=\"\(f(barHeight))\" fill=\"\(color)\">"
                svg += "<title>\(escapeVisible("\(squad.squad): \(count) \(label)"))</title></rect>"
                svg += "<text x=\"\(f(x(count) + 4))\" y=\"\(f(y + barHeight - 2))\">\(count)</text>"
            }
        }
        return svg + "</svg>\n<p class=\"meta\"><span class=\"key started\"></span> started · <span class=\"key concluded\"></span> concluded</p>\n"
    }

    /// A whole-number tick step that gives at most about five ticks.
    static func tickStep(_ maxCount: Int) -> Int {
        for step in [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000] where maxCount / step <= 5 { return step }
        return max(1, maxCount / 5)
    }
}
