import PlaybookModel
import PlaybookReports

extension SquadPages {
    /// Where an experiment listed on a squad's page stands in the squad's budget: counted in a quarter
    /// (the amount counted, as the experiment read on today), or not counted, and why.
    enum Counted {
        case counted(Quarter, budget: Double?)
        case notCounted(String)
    }

    /// A squad's experiments table, in id order, with a column saying which experiments the budget table
    /// counts and why the others are not, so the rows counted in a quarter add up to its committed budget:
    /// the commit's experiments of the squad, those in it on today and moved to another since, those gone
    /// from the playbook that it held on today (counted, as the squad-budget rule counted them then), and
    /// those gone by today whose conclusions the reports count or that ran before they went (named, unlinked,
    /// not counted: the rule reads the playbook's files).
    func experimentRows(_ id: String, page: Page, currency: String?) -> [[String]] {
        let today = input.today, onToday = input.onToday
        func money(_ value: Double?) -> String { value.map { NumberTexts.money($0, currency: currency) } ?? "–" }
        func countedCell(_ counted: Counted, shown: Double?) -> String {
            switch counted {
            case .counted(let quarter, let budget):
                let amount = budget == shown ? "" : " (" + money(budget) + " on \(today))"
                return "<span class=\"nw\">" + h(quarter.description) + "</span>" + h(amount)
            case .notCounted(let why):
                return "<span class=\"meta\">" + h("not counted: " + why) + "</span>"
            }
        }
        func counted(_ experiment: Experiment) -> Counted {
            if let quarter = catalog.budgetQuarter(experiment, today: today) { return .counted(quarter, budget: experiment.budget?.value ?? 0) }
            if experiment.start == nil { return .notCounted("no start date") }
            return .notCounted("abandoned before its start")
        }
        var rows: [(id: String, cells: [String])] = []
        var listed: Set<String> = []
        catalog.experimentsBySquad.forEach(id) { e in
            let eid = e.id.value
            listed.insert(eid)
            let state: Counted
            switch onToday.changed[eid] {
            case .some(.none): state = .notCounted("not in the playbook on \(today)")
            case .some(.some(let then)) where then.squad?.value != id:
                state = .notCounted("in " + (then.squad?.value ?? "no squad") + " on \(today)")
            case .some(.some(let then)): state = counted(then)
            case .none: state = counted(e)
            }
            rows.append((eid, [page.entity(eid), h(e.title ?? ""), input.statusHTML(of: eid, atCommit: e.status?.value.rawValue), dayCell(e.start?.value),
                               dayCell(e.end?.value), input.outcomeHTML(of: eid, atCommit: e.result?.outcome?.value.rawValue),
                               h(money(e.budget?.value)), countedCell(state, shown: e.budget?.value)]))
        }
        // In this squad on today, in another at the commit: the budget counts it here.
        for eid in onToday.changed.keys.sorted() where !listed.contains(eid) {
            guard case .some(.some(let then)) = onToday.changed[eid], then.squad?.value == id else { continue }
            listed.insert(eid)
            let now = catalog.experiments.read(eid) { $0.squad?.value }
            rows.append((eid, [page.entity(eid), h(then.title ?? "") + " <span class=\"meta\">(" + h("in \(id) on \(today); in \(now ?? "no squad") at this commit") + ")</span>",
                               input.statusHTML(of: eid, atCommit: catalog.experiments.read(eid) { $0.status?.value.rawValue }),
                               dayCell(then.start?.value), dayCell(then.end?.value), h(then.result?.outcome?.value.rawValue ?? "–"),
                               h(money(then.budget?.value)), countedCell(counted(then), shown: then.budget?.value)]))
        }
        for gone in input.gone.named(ofSquad: id, today: today) where !listed.contains(gone.id) {
            let e = gone.experiment
            listed.insert(gone.id)
            let removed = input.removed.list.first { $0.id == gone.id }
            let status = removed.map { Self.removedStatus($0) } ?? h(e.status?.value.rawValue ?? "–")
            let state = gone.held ? counted(e) : .notCounted("removed from the playbook")
            rows.append((gone.id, [page.entity(gone.id), h(e.title ?? "") + " (" + EntityPages.goneNote(read: gone.read) + ")",
                                   status, dayCell(e.start?.value), dayCell(e.end?.value),
                                   h(e.result?.outcome?.value.rawValue ?? "–"), h(money(e.budget?.value)), countedCell(state, shown: e.budget?.value)]))
        }
        // Gone by today after running, with no conclusion a report counts (deleted while running): named too.
        for removed in input.removed.list where removed.experiment.squad?.value == id && !listed.contains(removed.id) {
            let e = removed.experiment
            listed.insert(removed.id)
            rows.append((removed.id, [page.entity(removed.id), h(e.title ?? "") + " (" + EntityPages.goneNote(read: GoneExperiments.lastRead(input.timelines[removed.id], until: UTC.seconds(UTC.dayAfter(removed.day)))) + ")",
                                      Self.removedStatus(removed), dayCell(e.start?.value), dayCell(e.end?.value),
                                      h(e.result?.outcome?.value.rawValue ?? "–"), h(money(e.budget?.value)),
                                      countedCell(.notCounted("removed from the playbook"), shown: e.budget?.value)]))
        }
        return rows.sorted { $0.id < $1.id }.map(\.cells)
    }

    /// The status of an experiment the playbook had let go of by today, as it last read, and when it went:
    /// `running (removed while running, at … on …)`.
    static func removedStatus(_ removed: RemovedExperiments.Removed) -> String {
        let status = removed.experiment.status?.value
        let was = status.map { $0 == .running || $0 == .paused ? "removed while \($0.rawValue)" : "removed" } ?? "removed"
        return h(status?.rawValue ?? "–") + " <span class=\"meta\">(" + h("\(was), at \(removed.commit) on \(removed.day)") + ")</span>"
    }
}
