import PlaybookModel
import PlaybookReports

/// The experimentation program per quarter: velocity (started and concluded), win rate and
/// cycle times, as charts with the numbers beside them; the home quarter per squad.
struct ProgramPage {
    var input: SiteInput
    var catalog: Catalog

    func render() -> String {
        let page = Page(path: SitePath.program, catalog: catalog)
        var body = "<h1>Experimentation program</h1>\n"
        body += "<p>Counted as <code>playbook report experiments</code> counts: an event in the quarter it happened; win rate = wins ÷ concluded experiments with an outcome; cycle times in days, median over the experiments whose end event lies in the quarter; running → concluded is the time it was live, without the days a re-opened experiment stood concluded.</p>\n"
        // From the first quarter with any experiment event up to the home quarter (at most twelve).
        var reports = Array(input.program.filter { Quarter($0.period.label).map { $0 <= input.homeQuarter } ?? false })
        while let first = reports.first, first.overall.map(isEmpty) ?? true { reports.removeFirst() }
        reports = Array(reports.suffix(12))
        guard !reports.isEmpty else {
            return page.document(title: "Program", section: .program, body: body + "<p>No experiment was started, concluded or abandoned in the history yet.</p>\n", source: input.provenance)
        }
        let labels = reports.map(\.period.label)
        // A quarter not ended by today is counted to date: said so under its bars and in the table, as the home page says it.
        // One not started by today (a --quarter ahead of it) has nothing counted: no bars, no figures, and said so.
        let toDate = reports.map { $0.period.start <= input.today && input.today < $0.period.lastDay }
        let notStarted = reports.map { $0.period.start > input.today }
        let categories = zip(labels, toDate).map { $1 ? $0 + Charts.toDate : $0 }
        let running = Charts.unended(labels, running: toDate, notStarted: notStarted, today: input.today).map { " (\($0))" } ?? ""
        let overall = zip(reports, notStarted).map { $1 ? nil : $0.overall }
        func counts(_ count: (SquadExperiments?) -> Int) -> [Double?] { zip(overall, notStarted).map { $1 ? nil : Double(count($0)) } }
        body += "<h2>Velocity</h2>\n"
        body += Charts.bars(title: "Experiments started and concluded per quarter" + running, categories: categories, series: [
            Series(name: "started", values: counts { $0?.started.count ?? 0 }),
            Series(name: "concluded", values: counts { $0?.concluded.count ?? 0 }),
        ], yLabel: "experiments", integer: true) { Numbers.text($0, places: 1) }
        body += "<h2>Win rate</h2>\n"
        let winRates = Series(name: "win rate", values: overall.map { $0?.winRate.map(Numbers.double) })
        // An empty frame reads as a chart of zeros: say there is nothing to draw instead.
        body += winRates.values.contains { $0 != nil }
            ? Charts.lines(title: "Win rate per quarter" + running, categories: categories, series: [winRates], yLabel: "win rate", maximum: 1, places: 3) { Numbers.percent($0) }
            : "<p>No experiment concluded with an outcome in these quarters yet.</p>\n"
        body += "<h2>Cycle times</h2>\n"
        let cycles = [
            Series(name: "created → running", values: overall.map { $0?.createdToRunning.median }),
            Series(name: "ready → running", values: overall.map { $0?.readyToRunning.median }),
            Series(name: "running → concluded", values: overall.map { $0?.runningToConcluded.median }),
        ]
        body += cycles.contains { $0.values.contains { $0 != nil } }
            ? Charts.bars(title: "Median cycle time per quarter, in days" + running, categories: categories, series: cycles, yLabel: "days", places: 1) { Numbers.days($0) }  // one decimal, as the tables and `report experiments`
            : "<p>No cycle time yet: no experiment in these quarters has both ends of a step (created, ready or running, then running or concluded) in the history.</p>\n"
        body += "<h2>By quarter</h2>\n"
        // The running quarter's mark is in the caption: a row's first cell is its quarter alone (tools read the rows by it).
        let unended = Charts.unended(labels, running: toDate, notStarted: notStarted, today: input.today, counted: true)
        body += table(caption: "All squads" + (unended.map { "; \($0)" } ?? ""), head: ["quarter", "created", "started", "concluded", "abandoned", "win rate",
                                                    "created → running", "ready → running", "running → concluded", "stale"],
                      rows: labels.indices.map { index in
                          let label = "<span class=\"nw\">\(h(labels[index]))</span>"
                          return notStarted[index] ? [label] + Array(repeating: "–", count: 9) : row(label: label, overall[index])
                      }, numeric: Set(1...9))
        body += goneList(ProgramGoneExperiments(reports: zip(reports, notStarted).filter { !$1 }.map(\.0), catalog: catalog,
                                                timelines: input.timelines, lifecycles: input.lifecycles), page: page)
        if let home = input.program.first(where: { $0.period.label == input.homeQuarter.description }), !home.squads.isEmpty {
            body += "<h2>By squad, \(h(input.homeQuarter.description))</h2>\n"
            body += table(caption: nil, head: ["squad", "created", "started", "concluded", "abandoned", "win rate",
                                               "created → running", "ready → running", "running → concluded", "stale"],
                          rows: home.squads.map { row(label: input.squad($0.squad, page: page), $0) }, numeric: Set(1...9))
            let stale = home.squads.flatMap(\.stale)
            if !stale.isEmpty {
                body += "<h3>Running past their planned end</h3><ul>" + stale.map { item in
                    "<li>\(page.entity(item.id, title: true)): \(item.daysOverdue == 1 ? "1 day" : "\(item.daysOverdue) days") past \(item.plannedEnd)</li>"
                }.joined() + "</ul>\n"
            }
        }
        return page.document(title: "Program", section: .program, body: body, source: input.provenance)
    }

    /// The experiments the table counts that no page has (no longer in the playbook), so that its counts reconcile with the site.
    private func goneList(_ gone: ProgramGoneExperiments, page: Page) -> String {
        guard !gone.list.isEmpty else { return "" }
        let n = gone.list.count
        var out = "<p>\(n == 1 ? "One experiment" : "\(n) experiments") the table counts \(n == 1 ? "is" : "are") no longer in the playbook at this commit (deleted, or moved out of it), so \(n == 1 ? "it has" : "they have") no page of \(n == 1 ? "its" : "their") own (where another page lists \(n == 1 ? "it" : "them"), \(n == 1 ? "it is" : "they are") not linked); as \(n == 1 ? "it" : "they") last read:</p>\n"
        out += table(caption: "Counted above, no longer in the playbook", head: ["experiment", "title", "squad", "created", "removed", "counted in"],
                     rows: gone.list.map { e in
                         [h(e.id), h(e.title ?? "–"), input.squad(e.squad, page: page), e.created.map { "<span class=\"nw\">\($0)</span>" } ?? "–",
                          e.removed.map { "<span class=\"nw\">\($0.day)</span> (<code>\(h($0.commit))</code>)" } ?? "–",
                          e.counted.map { "<span class=\"nw\">\(h($0))</span>" }.joined(separator: "<br>")]
                     }, text: [1])
        return out
    }

    private func isEmpty(_ line: SquadExperiments) -> Bool {
        line.created.isEmpty && line.started.isEmpty && line.concluded.isEmpty && line.abandoned.isEmpty
    }

    private func row(label: String, _ line: SquadExperiments?) -> [String] {
        guard let line else { return [label] + Array(repeating: "0", count: 4) + Array(repeating: "–", count: 4) + ["0"] }
        // A figure and its note, each unbroken, may sit on two lines, so ten columns fit the page.
        func noted(_ figure: String, _ note: String) -> String { "<span class=\"nw\">\(h(figure))</span> <span class=\"nw\">\(h(note))</span>" }
        let winRate = line.winRate.map { noted(Numbers.percent($0), "(\(line.wins)/\(line.withOutcome))") } ?? "–"
        return [label, "\(line.created.count)", "\(line.started.count)", "\(line.concluded.count)", "\(line.abandoned.count)", winRate]
            + [line.createdToRunning, line.readyToRunning, line.runningToConcluded].map { cycle in
                // Durations with one decimal, always written (`46.0`), as `report experiments` writes them (DESIGN.md).
                cycle.median.map { noted(Numbers.days($0), "(p90 \(Numbers.days(cycle.p90)), n=\(cycle.count))") } ?? "–"
            } + ["\(line.stale.count)"]
    }
}
