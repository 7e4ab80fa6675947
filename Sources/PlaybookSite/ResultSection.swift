import PlaybookModel
import PlaybookReports

extension EntityPages {
    /// An experiment's Result section: its result at the commit, or, where a commit after today
    /// recorded or changed it (a `--today` before the commit's last moves), the result it had on
    /// today (or none), then the commit's under a heading of its own that says it was recorded after
    /// today, so that no page gives as known on a day a result written later.
    func result(of id: String, atCommit: ExperimentResult?, into out: inout HTMLBuffer) {
        guard input.onToday.changedAfterToday(id) else {
            guard let atCommit else { return }
            out.raw("<\(h2)>Result</\(h2)>\n")
            resultFields(atCommit, into: &out)
            return
        }
        let today = input.onToday.today
        let then = input.onToday.result(of: id, atCommit: atCommit)
        var written = HTMLBuffer(), known = HTMLBuffer()
        if let atCommit { resultFields(atCommit, into: &written) }
        if let then { resultFields(then, into: &known) }
        guard written.string != known.string else {
            guard atCommit != nil else { return }
            out.raw("<\(h2)>Result</\(h2)>\n")
            out.raw(written.string)
            return
        }
        out.raw("<\(h2)>Result</\(h2)>\n")
        if then != nil {
            out.raw("<p class=\"meta\">As it stood on \(today).</p>")
            out.raw(known.string)
        } else {
            out.raw(input.onToday.heldOnToday(id) ? "<p>None yet on \(today).</p>\n" : "<p>None: not in the playbook on \(today).</p>\n")
        }
        out.raw("<\(h2)>Result at this commit</\(h2)>\n")
        if atCommit != nil {
            out.raw("<p class=\"meta\">Recorded after \(today), so not known on that day.</p>")
            out.raw(written.string)
        } else {
            out.raw("<p>None: removed after \(today).</p>\n")
        }
    }

    /// A result's fields, as a `<dl class="fields">`.
    private func resultFields(_ result: ExperimentResult, into out: inout HTMLBuffer) {
        out.raw("<dl class=\"fields\">")
        field("outcome", into: &out) { out in result.outcome.map { out.text($0.value.rawValue) } != nil }
        field("lift", into: &out) { out in out.text(input.numbers.signedPercent(result.lift?.value, places: liftPlaces)); return true }
        field("p-value", into: &out) { out in result.pValue.map { out.text(input.numbers.probability($0.value)) } != nil }
        field("decision", into: &out) { out in result.decision.map { out.text($0.value.rawValue) } != nil }
        field("learnings", into: &out) { out in
            guard !result.learnings.isEmpty else { return false }
            for learning in result.learnings {
                out.raw("<p class=\"written\">")
                out.written(learning)
                out.raw("</p>")
            }
            return true
        }
        out.raw("</dl>\n")
    }
}
