import PlaybookModel
import PlaybookReports

/// The squads: an index, and a page per squad with its mission, members, champion, budget
/// against its cap, its OKRs, hypotheses and experiments.
struct SquadPages {
    var input: SiteInput
    var catalog: Catalog

    func index() -> String {
        let page = Page(path: SitePath.squads, catalog: catalog)
        var body = "<h1>Squads</h1>\n"
        let quarter = input.homeQuarter
        let notYet = "<span class=\"meta\">(" + h("not in the playbook on \(input.today)") + ")</span>"
        // As the playbook held them on today, as the budgets and counts are (one renamed since under its old id).
        let rows = input.squadsOnToday().map { squad, held -> [String] in
            let id = squad.id.value
            guard held else {
                return [page.entity(id), h(squad.name ?? "") + " " + notYet, h(squad.funnelStage?.rawValue ?? "–"), h(squad.champion?.value ?? "–"),
                        "\(squad.members.count)", "–", "–"]
            }
            return [page.entity(id), h(squad.name ?? ""), h(squad.funnelStage?.rawValue ?? "–"), h(squad.champion?.value ?? "–"),
                    "\(squad.members.count)", budgetCell(squad, quarter: quarter),
                    "\(experimentCount(id))"]
        }
        body += rows.isEmpty ? "<p>No squad is defined at this commit.</p>\n"
            : table(caption: nil, head: ["squad", "name", "funnel stage", "champion", "members", "budget \(quarter)", "experiments"],
                    rows: rows, numeric: [4, 6], text: [1, 3], stacked: true)  // budget and over the cap in view at 390 px
        return page.document(title: "Squads", section: .squads, body: body, source: input.provenance)
    }

    /// Experiment budgets counted in a quarter (as the squad-budget rule counts them).
    func spent(_ squad: String, quarter: Quarter) -> Double { spending(squad)[quarter] ?? 0 }

    /// Each quarter a squad's experiments are counted in (as the squad-budget rule counts them)
    /// and the budgets counted there, totalled as the rule totals them (`BudgetTotal`): one pass,
    /// each experiment read where it is (a pass per quarter copied every experiment of the squad, ~2 % of a site).
    func spending(_ squad: String) -> [Quarter: Double] {
        var budgets: [Quarter: [Double]] = [:]
        let today = input.today
        forEachExperimentOnToday(squad) { experiment in
            guard let quarter = catalog.budgetQuarter(experiment, today: today) else { return }
            budgets[quarter, default: []].append(experiment.budget?.value ?? 0)
        }
        return budgets.mapValues(BudgetTotal.of)
    }

    /// How many experiments the squad had as the playbook stood on today (`forEachExperimentOnToday`),
    /// and those gone from it since whose conclusions the reports count (as `report experiments` and the
    /// program page count them), each once.
    /// Those deleted while running (which the program page counts among those created, and the squad's page lists) are
    /// counted too (review: an index of 5 against a page of 6 rows and a program page counting 2 + 4).
    func experimentCount(_ squad: String) -> Int {
        var ids: Set<String> = []
        for gone in input.gone.named(ofSquad: squad, today: input.today) where !gone.held { ids.insert(gone.id) }
        if input.onToday.isEmpty {
            catalog.experimentsBySquad.forEach(squad) { ids.insert($0.id.value) }
        } else {
            forEachExperimentOnToday(squad) { ids.insert($0.id.value) }
        }
        for removed in input.removed.list where removed.experiment.squad?.value == squad { ids.insert(removed.id) }
        return ids.count
    }

    /// `body` on each of a squad's experiments as the playbook stood on today, as `report experiments
    /// --today` reads them (`ExperimentsOnToday`): the commit's where no later commit changed them, as
    /// they read then where one did (none written later; the squad they had then), and those deleted since.
    func forEachExperimentOnToday(_ squad: String, _ body: (Experiment) -> Void) {
        let onToday = input.onToday
        guard !onToday.isEmpty else { return catalog.experimentsBySquad.forEach(squad, body) }
        catalog.experimentsBySquad.forEach(squad) { if !onToday.changedAfterToday($0.id.value) { body($0) } }
        for id in onToday.changed.keys.sorted() {
            if case .some(.some(let then)) = onToday.changed[id], then.squad?.value == squad { body(then) }
        }
        for gone in onToday.gone where gone.experiment.squad?.value == squad { body(gone.experiment) }
    }

    /// The index's budget cell: `budgetLine`.
    /// A word, not colour alone, says a squad is over its cap.
    func budgetCell(_ squad: Squad, quarter: Quarter) -> String {
        let over = squad.budget?.quarterly.map { BudgetTotal.isOver(spent(squad.id.value, quarter: quarter), cap: $0.value) } ?? false
        return h(budgetLine(squad, quarter: quarter)) + (over ? " " + Self.overTheCap : "")
    }

    static let overTheCap = "<span class=\"badge bad\">over the cap</span>"

    func budgetLine(_ squad: Squad, quarter: Quarter) -> String {
        let spent = spent(squad.id.value, quarter: quarter)
        let currency = squad.budget?.currency
        guard let cap = squad.budget?.quarterly?.value else { return "\(NumberTexts.money(spent, currency: currency)) (no cap)" }
        return "\(NumberTexts.money(spent, currency: currency)) of \(NumberTexts.money(cap, currency: currency))"
    }

    func page(_ id: String) -> String {
        let page = Page(path: catalog.path(of: id), catalog: catalog)
        guard let squad = catalog.squads[id] else { return page.document(title: id, section: .squads, body: "", source: input.provenance) }
        var body = "<h1><span class=\"kind\">Squad</span>\(h(squad.name ?? id))</h1>\n"
        body += "<p class=\"meta\">\(h(id))" + (input.squadHeldOnToday(id) ? "" : " " + h("(not in the playbook on \(input.today); its budget and experiments are counted as they stood then)")) + "</p>\n"
        body += input.renames(of: id, page: page)
        // Kept in the lines it was written in (a YAML block), as learnings are.
        if let mission = squad.mission { body += "<p class=\"written\">\(written(mission))</p>\n" }
        body += "<dl class=\"fields\">"
        body += "<dt>funnel stage</dt><dd>\(h(squad.funnelStage?.rawValue ?? "–"))</dd>"
        body += "<dt>region</dt><dd>\(h(squad.region ?? "–"))</dd>"
        body += "<dt>champion</dt><dd>\(h(squad.champion?.value ?? "–"))</dd>"
        body += "<dt>metrics</dt><dd>\(squad.metrics.isEmpty ? "–" : squad.metrics.map { page.entity($0.value, title: true) }.joined(separator: ", "))</dd>"
        body += "</dl>\n"

        body += "<h2>Members</h2>\n"
        body += squad.members.isEmpty ? "<p>None listed.</p>\n" : "<ul>" + squad.members.map { member in
            let name = member.name?.value ?? "(no name)"
            let champion = member.name?.value == squad.champion?.value ? " <span class=\"badge good\">champion</span>" : ""
            return "<li>\(h(name))\(member.role.map { ", " + h($0) }.orEmpty)\(champion)</li>"
        }.joined() + "</ul>\n"

        body += "<h2>Budget against the cap</h2>\n"
        let spending = spending(id)
        let quarters = Set(spending.keys).union([input.homeQuarter]).sorted()
        let cap = squad.budget?.quarterly?.value
        let currency = squad.budget?.currency
        // "Committed", not "spent" (review52a #5: a draft's budget read as money spent): what the squad-budget rule
        // counts is every experiment's budget, whatever its status, in the quarter of its (planned) start.
        body += table(caption: "Experiment budgets committed per quarter, as the squad-budget rule counts them: each experiment's "
                          + "budget, whatever its status (drafts and planned ones too), in the quarter of its start or planned start; "
                          + "one abandoned whose start date has not come yet counts nothing",
                      head: ["quarter", "committed", "cap", "left", "standing"],
                      rows: quarters.map { quarter in
                          let spent = spending[quarter] ?? 0
                          let standing = cap.map { BudgetTotal.isOver(spent, cap: $0) ? "<span class=\"badge bad\">over the cap</span>" : "<span class=\"badge good\">within the cap</span>" } ?? "<span class=\"badge none\">no cap</span>"
                          // Over the cap said beside the amount too: at 390 px the standing column is scrolled out of view.
                          let over = cap.map { BudgetTotal.isOver(spent, cap: $0) } ?? false
                          return ["<span class=\"nw\">\(h(quarter.description))</span>", h(NumberTexts.money(spent, currency: currency)) + (over ? " " + Self.overTheCap : ""),
                                  h(cap.map { NumberTexts.money($0, currency: currency) } ?? "–"),
                                  h(cap.map { NumberTexts.money($0 - spent, currency: currency) } ?? "–"), standing]
                      }, numeric: [1, 2, 3])

        body += "<h2>OKRs</h2>\n"
        let objectives = (catalog.objectivesBySquad[id] ?? [])
            .sorted { ($0.quarter?.value.description ?? "", $0.id.value) > ($1.quarter?.value.description ?? "", $1.id.value) }
        body += objectives.isEmpty ? "<p>None.</p>\n" : table(
            caption: nil, head: ["objective", "quarter", "title", "key results", "score"],
            rows: objectives.map { objective in
                let quarter = objective.quarter?.value
                let line = input.okr.first { $0.quarter == quarter }?.objectives.first { $0.id == objective.id.value }
                let quarterLink = quarter.map { "<a class=\"nw\" href=\"\(page.href(SitePath.quarter($0)))\">\(h($0.description))</a>" } ?? "–"
                return [page.entity(objective.id.value), quarterLink, h(objective.title ?? ""), "\(objective.keyResults.count)",
                        line.map { scoreMeter($0.score) } ?? "<span class=\"muted\">not in the quarter's history</span>"]
            }, numeric: [3], text: [2])

        body += "<h2>Hypotheses</h2>\n"
        let hypotheses = catalog.hypothesesBySquad[id] ?? []
        body += hypotheses.isEmpty ? "<p>None.</p>\n" : table(
            caption: nil, head: ["hypothesis", "title", "status", "key result"],
            rows: hypotheses.map { [page.entity($0.id.value), h($0.title ?? ""), input.statusHTML(of: $0.id.value, atCommit: $0.status?.value.rawValue), page.keyResult($0.keyResult?.value)] },
            text: [1])

        body += "<h2>Experiments</h2>\n"
        // Those in the playbook, and those gone from it that it held on today, whose conclusions the
        // reports count (as the hypotheses' pages name them) or that ran before they went, in id order.
        let experiments = experimentRows(id, page: page, currency: squad.budget?.currency)
        body += experiments.isEmpty ? "<p>None.</p>\n" : table(
            caption: "The budget column \"counted\" names the quarter each experiment's budget is committed in above; "
                + "an experiment gone from the playbook is not counted, as the squad-budget rule reads the playbook's files",
            head: ["experiment", "title", "status", "start", "end", "outcome", "budget", "counted"],
            rows: experiments, numeric: [6], text: [1])
        EntityPages(input: input, catalog: catalog).history(id, page: page, into: &body)
        return page.document(title: squad.name ?? id, section: .squads, body: body, source: input.provenance)
    }
}
