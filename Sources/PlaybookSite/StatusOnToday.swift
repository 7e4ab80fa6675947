import PlaybookHistory
import PlaybookModel
import PlaybookReports

extension SiteInput {
    /// The `status` an entity had on `today`, as the reports read it (written at the last commit
    /// before today's end, on the first-parent line, as `report experiments --today` judges an
    /// experiment running), when it differs from the one at this commit (a `--today` before the
    /// commit's last moves); nil when it does not. `existed` is false when the playbook did not
    /// hold the entity then (written later, or removed then and restored since). Read with all
    /// parents, an experiment made on a side branch before today and merged after it stood then at
    /// the status its side's moves set, as `report experiments --all-parents` counts them.
    func statusOnToday(of id: String) -> (existed: Bool, status: String?)? {
        guard let timeline = timelines[id] else { return nil }
        let endOfToday = UTC.seconds(UTC.dayAfter(today))
        // Held at the commit and unchanged since today (every entity of a site built on its commit's day): the
        // commit's status, without rebuilding the state of today (1.7 % of the first site of a 50,000-commit history).
        if timeline.current != nil, !ExperimentsOnToday.changed(timeline, after: endOfToday) { return nil }
        let then = timeline.state(before: endOfToday)
        var status = then?.value("status")?.textValue
        var existed = then != nil
        if then == nil, timeline.hasSideEvents, case .some(.some(let side)) = onToday.changed[id] {
            (existed, status) = (true, side.status?.value.rawValue)
        }
        guard !existed || status != timeline.current?.value("status")?.textValue else { return nil }
        return (existed, status)
    }

    /// The status shown for an entity whose status at this commit is `atCommit`: that one, or, when
    /// it stood otherwise on `today`, today's, with the commit's beside it, so that no page calls an
    /// experiment concluded on a day before it concluded. One the playbook no longer holds is said to be gone.
    func statusHTML(of id: String, atCommit: String?) -> String {
        let written = atCommit ?? "–"
        guard let (existed, status) = statusOnToday(of: id) else { return h(written) }
        if !existed { return "<span class=\"meta\">(" + h("not in the playbook on \(today); \(written) at this commit") + ")</span>" }
        // One gone from the playbook since (deleted after today), as the calendar names it.
        let commit = atCommit == nil && timelines[id]?.current == nil ? "no longer in the playbook at this commit" : "\(written) at this commit"
        return h(status ?? "–") + " <span class=\"meta\">(" + h("on \(today); \(commit)") + ")</span>"
    }

    /// The outcome shown for an experiment whose outcome at this commit is `atCommit`: that one, or,
    /// when a commit after today changed the experiment and its outcome stood otherwise on today,
    /// today's (`–` for none yet) with the commit's beside it, as `statusHTML(of:atCommit:)` shows a status.
    func outcomeHTML(of id: String, atCommit: String?) -> String {
        let written = atCommit ?? "–"
        guard let then = onToday.changed[id] else { return h(written) }
        let outcome = then?.result?.outcome?.value.rawValue
        guard outcome != atCommit else { return h(written) }
        return h(outcome ?? "–") + " <span class=\"meta\">(" + h("on \(today); \(written) at this commit") + ")</span>"
    }
}

extension SiteInput {
    /// The `current` shown for key result `keyResult` of objective `objective`, whose current at this
    /// commit is `atCommit`: that one, or, when a commit after today changed the objective and the value
    /// stood otherwise on today, today's (as `report okr --today` reads it, and the home page shows it)
    /// with the commit's beside it, as `statusHTML(of:atCommit:)` shows a status.
    func currentHTML(objective: String, keyResult: String, atCommit: Double?, unit: MetricUnit?, currency: String?) -> String {
        let written = NumberTexts.unit(atCommit, unit, currency: currency)
        let endOfToday = UTC.seconds(UTC.dayAfter(today))
        guard let timeline = timelines[objective], ExperimentsOnToday.changed(timeline, after: endOfToday) else { return h(written) }
        guard let then = timeline.version(before: endOfToday)?.objective else {
            return "<span class=\"meta\">(" + h("not in the playbook on \(today); \(written) at this commit") + ")</span>"
        }
        let value = then.keyResults.first { $0.id?.value == keyResult }?.current?.value
        guard value != atCommit else { return h(written) }
        return h(NumberTexts.unit(value, unit, currency: currency)) + " <span class=\"meta\">(" + h("on \(today); \(written) at this commit") + ")</span>"
    }

    /// A note after an experiment named as it is at this commit that the playbook did not hold it on
    /// today (written later), as the calendar says it; empty otherwise.
    func notYetNote(experiment id: String) -> String {
        onToday.heldOnToday(id) ? "" : " <span class=\"meta\">(" + h("not in the playbook on \(today)") + ")</span>"
    }
}
