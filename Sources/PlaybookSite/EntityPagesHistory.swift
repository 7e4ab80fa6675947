import Foundation
import PlaybookHistory
import PlaybookModel
import PlaybookReports

/// An entity's history on its page, commit by commit, and an objective's key-result values in their units.
extension EntityPages {
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
        // As `log` says it: a commit that only moved the file is listed but not counted (review: "5 commits changed it"
        // above six entries).
        let moves = log.moveCount > 0 ? "; \(log.moveCount) only moved its file" : ""
        // One entry has no order to speak of ("1 commit changed it, newest first", review of 2026-12-06).
        let order = count + log.moveCount > 1 ? ", newest first" : ""
        out.raw("<\(h2)>History</\(h2)>\n<p class=\"meta\">\(count) commit\(count == 1 ? "" : "s") changed it\(moves)\(order).</p>\n")
        // The history's caveats (a shallow clone) are said once, at the top of the page (`Page.document`).
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
                // As `log` names it (review: "changed (moved from …)" where `log` said "renamed from EXP-0001").
                if log.startsAtShallowEdge && index == 0 {
                    out.raw("already there where the history starts")
                } else if let from = events[index].renamedFrom {
                    out.raw("renamed from <code>")
                    out.text(from)
                    out.raw("</code>")
                } else if let to = events[index].renamedTo {
                    out.raw("renamed to <code>")
                    out.text(to)
                    out.raw("</code>")
                } else {
                    out.text(events[index].type.rawValue)
                }
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
        // Skipped versions apart from versions read with a note (a key written twice), as `log` files them.
        for (heading, notes) in [("Skipped versions", log.notes.filter(\.isSkippedVersion)),
                                 ("Notes on versions read", log.notes.filter { !$0.isSkippedVersion })] where !notes.isEmpty {
            out.raw("<\(h3)>\(heading)</\(h3)><ul>")
            for note in notes {
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
