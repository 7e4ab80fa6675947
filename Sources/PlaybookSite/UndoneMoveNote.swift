import PlaybookModel
import PlaybookReports

/// A key result's experiment whose move standing at the quarter's end a later commit undid, as
/// `report okr` says it (review69 D4: the site called a win made in Q4 Q3's win): short on the page,
/// the report's own words in its title.
enum UndoneMoveNote {
    /// `flat conclusion of 2026-09-07 undone`, titled `concluded, win as of 2027-01-08 (its conclusion
    /// of 2026-09-07, flat, was undone 2026-10-05: counted in no period)`; nil when no move was undone.
    static func html(_ experiment: LinkedExperiment, today: Day) -> String? {
        guard let undone = experiment.undone, let note = OKRRenderer.undoneNote(experiment, today: today) else { return nil }
        let standing = [experiment.status?.rawValue, experiment.outcome?.rawValue].compactMap { $0 }.joined(separator: ", ")
        let short = (experiment.outcomeThen.map { "\($0.rawValue) " } ?? "") + "\(undone.moveName) of \(UTC.day(of: undone.made)) undone"
        return "<span class=\"undone\" title=\"\(h((standing.isEmpty ? "" : standing + " ") + note))\">\(h(short))</span>"
    }

    /// How a quarter's page lists it: `(win)`, or `(win as of 2027-01-08; flat conclusion of 2026-09-07 undone)`.
    static func standing(_ experiment: LinkedExperiment, today: Day) -> String {
        let shown = experiment.outcome?.rawValue ?? experiment.status?.rawValue
        guard let note = html(experiment, today: today) else { return shown.map { " (\(h($0)))" } ?? "" }
        return " (\(shown.map { h($0) + " as of \(today); " } ?? "")\(note))"
    }
}
