import Foundation
import PlaybookHistory
import PlaybookModel

/// The OKR report as Markdown, JSON and CSV (HTML lives in `HTMLReport`).
public enum OKRRenderer {
    // MARK: JSON

    public static func json(_ report: OKRReport) -> String {
        JSON.object([
            ("version", .integer(1)),
            ("report", .string("okr")),
            ("quarter", .string(report.quarter.description)),
            ("period", .object([
                ("start", .string(report.start.description)),
                ("end", .string(report.lastDay.description)),
                ("started", .bool(report.started)),
                ("complete", .bool(report.complete)),
                ("quarter_end", .string(report.quarterLastDay.description)),
                ("elapsed", .exact(report.elapsed)),
                // Exactly as the statuses are judged with (`KeyResultStatus.judge`), unrounded as every JSON fraction.
                ("status_thresholds", .object([
                    ("on_track", .exact(KeyResultStatus.exact(report.thresholds.onTrack))),
                    ("at_risk", .exact(KeyResultStatus.exact(report.thresholds.atRisk))),
                ])),
            ])),
            ("source", sourceJSON(report.source)),
            ("squads", .array(report.squads.map { squad in
                .object([
                    ("squad", .string(squad)),
                    ("objectives", .array(report.objectives.filter { $0.squad == squad }.map { objectiveJSON($0, today: report.today) })),
                ])
            })),
            ("north_star", report.northStar.map(northStarJSON) ?? .null),
            ("objectives_added", .array(report.objectives.filter { $0.added != nil }.map {
                .object([("id", .string($0.id)), ("squad", .string($0.squad)),
                         ("date", .string(UTC.day(of: $0.added ?? 0).description))])
            })),
            ("objectives_dropped", .array(report.objectives.filter { $0.dropped != nil }.map {
                .object([("id", .string($0.id)), ("squad", .string($0.squad)),
                         ("date", .string(UTC.day(of: $0.dropped ?? 0).description))])
            })),
        ] + elsewhereJSON(report)).rendered()
    }

    /// Only in a report that lists no objective: the nearest quarters whose reports list some (null: none).
    private static func elsewhereJSON(_ report: OKRReport) -> [(String, JSON)] {
        guard report.objectives.isEmpty else { return [] }
        return [("quarters_with_objectives", .object([
            ("latest_earlier", report.latestEarlierWithObjectives.map { .string($0.description) } ?? .null),
            ("next_later", report.nextLaterWithObjectives.map { .string($0.description) } ?? .null),
        ]))]
    }

    static func sourceJSON(_ source: SourceSummary) -> JSON {
        .object([
            ("head", .string(source.head)),
            ("commit", .optional(source.commit?.description)),
            ("mode", .string(source.mode)),
            ("commits", .integer(source.commits)),
            // Added: `commits` stays every commit read; these are the period's that changed the playbook.
            ("commits_in_period", source.periodCommits.map(JSON.integer) ?? .null),
            ("shallow", .bool(source.shallow)),
            ("caveats", .array(source.caveats.map(JSON.string))),
            ("notes", .array(source.notes.map { note in
                .object([("commit", .string(note.commit.description)), ("path", .string(note.path)),
                         ("message", .string(note.message))])
            })),
        ])
    }

    private static func objectiveJSON(_ objective: ObjectiveLine, today: Day) -> JSON {
        .object([
            ("id", .string(objective.id)),
            ("title", .optional(objective.title)),
            ("aligns_to", .optional(objective.alignsTo)),
            ("added", .optional(objective.added.map { UTC.day(of: $0).description })),
            ("dropped", .optional(objective.dropped.map { UTC.day(of: $0).description })),
            ("score", .exact(objective.score)),
            ("key_results", .array(objective.keyResults.map { keyResultJSON($0, today: today) })),
            // Added: key results removed during the quarter, not in `score`.
            ("key_results_dropped", .array(objective.keyResultsDropped.map { dropped in
                let kr = dropped.keyResult
                return .object([
                    ("id", .string(kr.id)), ("ref", .string(kr.reference)), ("title", .optional(kr.title)),
                    ("metric", .optional(kr.metric)), ("unit", .optional(kr.unit?.rawValue)), ("currency", .optional(kr.currency)),
                    ("removed", .string(UTC.day(of: dropped.removed).description)),
                    ("commit", .string(dropped.commit.description)), ("author", .string(dropped.author.name)),
                    ("baseline", .exact(kr.baseline)), ("target", .exact(kr.target)),
                    ("start_value", .exact(kr.startValue)), ("last_value", .exact(kr.endValue)),
                    ("check_ins", .integer(kr.checkIns.count)),
                ])
            })),
        ])
    }

    /// A value written in a metric's unit and currency (`UnitText.text`, or the site's variant of it).
    public typealias ValueWriter = (_ value: Decimal?, _ unit: MetricUnit?, _ currency: String?) -> String

    /// A key result removed during the quarter, as Markdown and HTML list it under its objective:
    /// `KR-2 Raise activation to 36%: removed 2026-08-11 by Bob Stone (start 30%, last 30%, no check-ins); not counted in the score`.
    /// `written`: how a value is written in its unit and currency (the site joins a currency's code to its
    /// amount with a no-break space); the reports' `UnitText` by default.
    public static func droppedText(_ dropped: DroppedKeyResult, written: ValueWriter = UnitText.text) -> String {
        let kr = dropped.keyResult
        func value(_ number: Decimal?) -> String { written(number, kr.unit, kr.currency) }
        let checkIns = kr.checkIns.isEmpty ? "no check-ins" : "\(kr.checkIns.count) check-in\(kr.checkIns.count == 1 ? "" : "s")"
        return "\(kr.id)\(kr.title.map { " " + $0 } ?? ""): removed \(UTC.day(of: dropped.removed)) by \(dropped.author.name) "
            + "(start \(value(kr.startValue)), last \(value(kr.endValue)), \(checkIns)); not counted in the score"
    }

    private static func checkInJSON(_ checkIn: CheckIn) -> JSON {
        .object([
            ("date", .string(UTC.day(of: checkIn.time).description)),
            ("time", .string(UTC.iso(checkIn.time))),
            ("value", .exact(checkIn.value)),
            ("commit", .string(checkIn.commit.description)),
            ("author", .string(checkIn.author.name)),
        ])
    }

    private static func keyResultJSON(_ kr: KeyResultLine, today: Day) -> JSON {
        .object([
            ("id", .string(kr.id)),
            ("ref", .string(kr.reference)),
            ("title", .optional(kr.title)),
            ("metric", .optional(kr.metric)),
            ("baseline", .exact(kr.baseline)),
            ("target", .exact(kr.target)),
            ("start_value", .exact(kr.startValue)),
            ("end_value", .exact(kr.endValue)),
            ("unit", .optional(kr.unit?.rawValue)),
            ("currency", .optional(kr.currency)),
            ("progress", .exact(kr.progress)),
            ("score", .exact(kr.score)),
            ("status", .optional(kr.status?.rawValue)),
            // The values given, each with the day it was; a deletion (or a value that is not a confidence)
            // is not an entry: `confidence_gaps` (added) says when it was not given, `confidence_removed` since when.
            ("confidence", .array(kr.confidence.compactMap { point in
                point.value.map { .object([("date", .string(UTC.day(of: point.time).description)), ("value", .exact($0))]) }
            })),
            ("confidence_trend", .optional(kr.confidenceTrend?.rawValue)),
            ("confidence_end", .exact(kr.confidenceEnd)),
            ("confidence_removed", .optional(kr.confidenceRemoved.map { UTC.day(of: $0).description })),
            ("confidence_gaps", .array(kr.confidenceGaps.map { gap in
                .object([("from", .string(UTC.day(of: gap.from).description)),
                         ("until", .optional(gap.until.map { UTC.day(of: $0).description })),
                         ("reason", .string(gapText(gap)))])
            })),
            ("check_ins", .integer(kr.checkIns.count)),
            ("last_check_in", kr.checkIns.last.map(checkInJSON) ?? .null),
            ("trajectory", .array(kr.checkIns.map(checkInJSON))),
            // Added: commits in the quarter that changed the baseline or target (progress uses the end's).
            ("baseline_changes", .array(kr.baselineChanges.map(editJSON))),
            ("target_changes", .array(kr.targetChanges.map(editJSON))),
            ("experiments", .array(kr.experiments.map { experiment in
                .object([("id", .string(experiment.id)), ("title", .optional(experiment.title)),
                         ("status", .optional(experiment.status?.rawValue)), ("outcome", .optional(experiment.outcome?.rawValue)),
                         ("undone_move", experiment.undone.map { undone in
                             .object([("move", .string(undone.moveName)), ("status", .string(undone.status.rawValue)),
                                      ("outcome", .optional(experiment.outcomeThen?.rawValue)),
                                      ("date", .string(UTC.day(of: undone.made).description)),
                                      ("undone_on", .string(UTC.day(of: undone.undone).description)),
                                      ("as_of", .string(today.description))])
                         } ?? .null)])
            })),
        ])
    }

    private static func editJSON(_ edit: KeyResultEdit) -> JSON {
        .object([
            ("date", .string(UTC.day(of: edit.time).description)),
            ("from", .exact(edit.from)), ("to", .exact(edit.to)),
            ("commit", .string(edit.commit.description)), ("author", .string(edit.author.name)),
        ])
    }

    /// A key result's baseline and target edits in the quarter, as Markdown and HTML say them:
    /// `baseline changed EUR 12.5 → EUR 12 on 2026-07-15 by Dan Weiss`.
    /// `written`: as for `droppedText(_:written:)`.
    public static func editTexts(_ kr: KeyResultLine, written: ValueWriter = UnitText.text) -> [String] {
        func value(_ number: Decimal?) -> String { written(number, kr.unit, kr.currency) }
        return [("baseline", kr.baselineChanges), ("target", kr.targetChanges)].flatMap { name, edits in
            edits.map { "\(name) changed \(value($0.from)) → \(value($0.to)) on \(UTC.day(of: $0.time)) by \($0.author.name)" }
        }
    }

    private static func northStarJSON(_ rollUp: NorthStarRollUp) -> JSON {
        .object([
            ("metric", .string(rollUp.metric)),
            ("name", .optional(rollUp.name)),
            ("objectives", .array(rollUp.objectives.map(JSON.string))),
            ("scored_key_results", .integer(rollUp.scoredKeyResults)),
            ("mean_score", .exact(rollUp.meanScore)),
            ("direct_key_results", .array(rollUp.direct.map(JSON.string))),
        ])
    }

    // MARK: Markdown

    public static func markdown(_ report: OKRReport) -> String {
        var out = "# OKR report \(report.quarter)\n\n"
        out += OKRReport.periodText(report)
        out += " · \(Markdown.inline(report.source.head)) · \(report.source.historyText)\n\n"
        for caveat in report.source.caveats { out += "> **Note:** \(Markdown.inline(caveat))\n\n" }
        if let basis = OKRReport.statusBasis(report) { out += Markdown.inline(basis) + "\n\n" }
        if let rollUp = report.northStar {
            out += "## North Star: \(Markdown.inline(rollUp.name ?? rollUp.metric)) (\(Inert.markdownCodeOutsideTables(rollUp.metric)))\n\n"
            out += "\(rollUp.objectives.count) aligned objective\(rollUp.objectives.count == 1 ? "" : "s"), "
            out += "mean key-result score \(Numbers.fixed(rollUp.meanScore)) over \(rollUp.scoredKeyResults) scored key results"
            if !rollUp.direct.isEmpty { out += "; measured directly by \(rollUp.direct.map(Markdown.inline).joined(separator: ", "))" }
            out += ".\n\n"
        }
        if report.objectives.isEmpty {
            out += "No objective of \(report.quarter) is in the history\(report.started ? "" : " yet")"
            out += OKRReport.elsewhere(report) { "\($0) (`playbook report okr --quarter \($0)`)" }
            out += ".\n"
        }
        for squad in report.squads {
            out += "## \(Markdown.inline(squad))\n\n"
            for objective in report.objectives where objective.squad == squad {
                out += "### \(Markdown.inline(objective.id)): \(Markdown.inline(objective.title ?? ""))\n\n"
                var facts = ["score \(Numbers.fixed(objective.score))"]
                if let aligns = objective.alignsTo { facts.append("aligns to \(Inert.markdownCodeOutsideTables(aligns))") }
                if let added = objective.added { facts.append("added \(UTC.day(of: added))") }
                if let dropped = objective.dropped { facts.append("**dropped \(UTC.day(of: dropped))**") }
                out += facts.joined(separator: " · ") + "\n\n"
                out += "| KR | title | baseline | target | start | end | progress | score | status | confidence | check-ins | last check-in |\n"
                out += "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | ---: | --- |\n"
                for kr in objective.keyResults {
                    let last = kr.checkIns.last.map { "\(UTC.day(of: $0.time)) \(Markdown.inline($0.author.name))" } ?? "–"
                    func value(_ number: Decimal?) -> String { Markdown.inline(UnitText.text(number, unit: kr.unit, currency: kr.currency)) }
                    out += "| \(Markdown.inline(kr.id)) | \(Markdown.inline(kr.title ?? "")) | \(value(kr.baseline)) | "
                        + "\(value(kr.target)) | \(value(kr.startValue)) | "
                        + "\(value(kr.endValue)) | \(Numbers.fixed(kr.progress)) | \(Numbers.fixed(kr.score)) | "
                        + "\(statusText(kr.status, emoji: true)) | \(confidenceText(kr)) | \(kr.checkIns.count) | \(last) |\n"
                }
                out += "\n"
                func noted(_ kr: KeyResultLine) -> Bool { !kr.checkIns.isEmpty || !kr.experiments.isEmpty || !editTexts(kr).isEmpty }
                for kr in objective.keyResults where noted(kr) {
                    out += "- **\(Markdown.inline(kr.id))**"
                    if !kr.checkIns.isEmpty {
                        let points = kr.checkIns.map { "\(Markdown.inline(UnitText.text($0.value, unit: kr.unit, currency: kr.currency))) (\(UTC.day(of: $0.time)))" }
                        out += " trajectory: \(Markdown.inline(UnitText.text(kr.startValue, unit: kr.unit, currency: kr.currency))) → " + points.joined(separator: " → ")
                    }
                    if !kr.experiments.isEmpty {
                        let list = kr.experiments.map { experiment in
                            "\(Markdown.inline(experiment.id)) \(Markdown.inline(experiment.status?.rawValue ?? "?"))"
                                + (experiment.outcome.map { ", \(Markdown.inline($0.rawValue))" } ?? "")
                                + (undoneNote(experiment, today: report.today).map { " " + Markdown.inline($0) } ?? "")
                        }
                        out += (kr.checkIns.isEmpty ? "" : ";") + " experiments: " + list.joined(separator: "; ")
                    }
                    let edits = editTexts(kr)
                    if !edits.isEmpty {
                        out += (kr.checkIns.isEmpty && kr.experiments.isEmpty ? "" : ";") + " " + edits.map(Markdown.inline).joined(separator: "; ")
                    }
                    out += "\n"
                }
                if objective.keyResults.contains(where: noted) { out += "\n" }
                for dropped in objective.keyResultsDropped { out += "- " + Markdown.inline(droppedText(dropped)) + "\n" }
                if !objective.keyResultsDropped.isEmpty { out += "\n" }
            }
        }
        let added = report.objectives.filter { $0.added != nil }
        let dropped = report.objectives.filter { $0.dropped != nil }
        if !added.isEmpty || !dropped.isEmpty {
            out += "## Changes to the quarter's objectives\n\n"
            for objective in added { out += "- added \(UTC.day(of: objective.added ?? 0)): \(Markdown.inline(objective.id)) (\(Markdown.inline(objective.squad)))\n" }
            for objective in dropped { out += "- dropped \(UTC.day(of: objective.dropped ?? 0)): \(Markdown.inline(objective.id)) (\(Markdown.inline(objective.squad)))\n" }
            out += "\n"
        }
        out += HistoryNotes.markdown(report.source.notes)
        return out
    }

    /// `🟢 on track`, `🟠 at risk`, `🔴 off track` (the emoji only where colour cannot be), `–` for none.
    static func statusText(_ status: KeyResultStatus?, emoji: Bool) -> String {
        guard let status else { return "–" }
        guard emoji else { return status.rawValue }
        switch status {
        case .onTrack: return "🟢 on track"
        case .atRisk: return "🟠 at risk"
        case .offTrack: return "🔴 off track"
        case .achieved: return "✅ achieved"
        case .missed: return "❌ missed"
        case .noCheckInYet: return "⚪ no check-in yet"
        }
    }

    /// A linked experiment's move that a later commit undid, as the OKR report words it after the
    /// status it shows (the one standing today): `as of 2026-12-05 (its conclusion of 2026-09-21, win,
    /// was undone 2026-10-05: counted in no period)`; nil when none was.
    public static func undoneNote(_ experiment: LinkedExperiment, today: Day) -> String? {
        guard let undone = experiment.undone else { return nil }
        let outcome = experiment.outcomeThen.map { ", \($0.rawValue)," } ?? ""
        return "as of \(today) (its \(undone.moveName) of \(UTC.day(of: undone.made))\(outcome) was undone "
            + "\(UTC.day(of: undone.undone)): counted in no period)"
    }

    /// The quarter's confidence, every value it had from the start to the end, and the trend from the
    /// first to the last: `0.5 → 0.6 → 0.5 (start to end: steady)`, `0.7 → 0.5 (start to end: falling)`;
    /// `0.6` when it never moved; a deletion is `not given`, a value that is not a confidence (`high`)
    /// `not a confidence`, and either standing at the end says since when: `0.7 → no longer given since
    /// 2026-09-10`, `0.7 → not a confidence since 2026-09-15`.
    public static func confidenceText(_ kr: KeyResultLine) -> String {
        guard kr.confidence.count > 1 else { return kr.confidence.first?.value.map { Numbers.text($0) } ?? "–" }
        let path = kr.confidence.map { point in point.value.map { Numbers.text($0) } ?? (point.notAConfidence ? "not a confidence" : "not given") }
        if let removed = kr.confidenceRemoved {
            let why = kr.confidence.last?.notAConfidence == true ? "not a confidence" : "no longer given"
            return path.dropLast().joined(separator: " → ") + " → \(why) since \(UTC.day(of: removed))"
        }
        return path.joined(separator: " → ") + (kr.confidenceTrend.map { " (start to end: \($0.rawValue))" } ?? "")
    }

    /// Why the confidence was not given in `gap`, as `confidenceText` says it: `not given` (deleted) or `not a confidence`.
    static func gapText(_ gap: ConfidenceGap) -> String { gap.notAConfidence ? "not a confidence" : "not given" }

    // MARK: CSV

    public static func csv(_ report: OKRReport) -> String {
        var rows: [[String]] = [[
            "quarter", "squad", "objective", "objective_title", "objective_score", "key_result", "title", "metric", "baseline", "target",
            "start_value", "end_value", "progress", "score", "check_ins", "last_check_in_date",
            "last_check_in_author", "experiments", "objective_added", "objective_dropped", "quarter_status",
            "unit", "currency", "status", "confidence_start", "confidence_end", "confidence_trend",
            // Added at the end (scripts read by position): see `undoneNote` and `KeyResultLine.confidenceRemoved`.
            "experiments_undone", "confidence_removed",
            // The objective's key results removed during the quarter (not rows: not in its score), `id:day-removed`.
            "objective_key_results_dropped",
            // Edits in the quarter, `day:from:to` each.
            "baseline_changes", "target_changes",
        ]]
        for objective in report.objectives {
            for kr in objective.keyResults {
                rows.append([
                    report.quarter.description, objective.squad, objective.id, objective.title ?? "",
                    CSV.fixed(objective.score), kr.id, kr.title ?? "", kr.metric ?? "",
                    CSV.number(kr.baseline, places: 6), CSV.number(kr.target, places: 6),
                    CSV.number(kr.startValue, places: 6), CSV.number(kr.endValue, places: 6),
                    CSV.fixed(kr.progress), CSV.fixed(kr.score), String(kr.checkIns.count),
                    kr.checkIns.last.map { UTC.day(of: $0.time).description } ?? "",
                    kr.checkIns.last?.author.name ?? "",
                    kr.experiments.map { "\($0.id):\($0.outcome?.rawValue ?? $0.status?.rawValue ?? "")" }.joined(separator: " "),
                    objective.added.map { UTC.day(of: $0).description } ?? "",
                    objective.dropped.map { UTC.day(of: $0).description } ?? "",
                    report.status,
                    kr.unit?.rawValue ?? "", kr.currency ?? "", kr.status?.rawValue ?? "",
                    CSV.number(kr.confidence.first?.value, places: 2), CSV.number(kr.confidenceEnd, places: 2),
                    kr.confidenceTrend?.rawValue ?? "",
                    // `id:outcome-or-status-then:day-undone`, as `experiments` lists `id:outcome-or-status`.
                    kr.experiments.compactMap { experiment in
                        experiment.undone.map {
                            "\(experiment.id):\(experiment.outcomeThen?.rawValue ?? $0.status.rawValue):\(UTC.day(of: $0.undone))"
                        }
                    }.joined(separator: " "),
                    kr.confidenceRemoved.map { UTC.day(of: $0).description } ?? "",
                    objective.keyResultsDropped.map { "\($0.keyResult.id):\(UTC.day(of: $0.removed))" }.joined(separator: " "),
                    csvEdits(kr.baselineChanges), csvEdits(kr.targetChanges),
                ])
            }
        }
        return CSV.render(rows)
    }
}

extension OKRRenderer {
    /// `2026-07-15:12.5:12 …`: each edit's day, old and new value (empty where not a number).
    static func csvEdits(_ edits: [KeyResultEdit]) -> String {
        edits.map { "\(UTC.day(of: $0.time)):\(CSV.number($0.from, places: 6)):\(CSV.number($0.to, places: 6))" }.joined(separator: " ")
    }
}

/// The notes of a report's history, shared by the Markdown reports: file versions the walk
/// skipped under their own heading, every other note (a value left out, an objective written
/// after its quarter, a copy of an entity, a misdated commit) under "Notes". A note's own code
/// spans (`playbook site`) stay code; the rest is inert text.
enum HistoryNotes {
    static func markdown(_ notes: [HistoryNote]) -> String {
        let skipped = notes.filter(\.isSkippedVersion)
        let others = notes.filter { !$0.isSkippedVersion }
        return section("Skipped file versions", skipped) + section("Notes", others)
    }

    private static func section(_ heading: String, _ notes: [HistoryNote]) -> String {
        guard !notes.isEmpty else { return "" }
        var out = "## \(heading)\n\n"
        for note in notes {
            // A note about a commit itself (its date) names no file.
            let place = note.path.isEmpty ? "" : " " + Inert.markdownCodeOutsideTables(note.path)
            out += "- `\(note.commit.description.prefix(12))`\(place): \(Inert.markdownMessage(note.message))\n"
        }
        return out + "\n"
    }
}

/// RFC 4180 CSV: every field quoted when it needs to be, CRLF-free (LF line ends), and a
/// formula in text neutralised so a spreadsheet does not run it (`Inert.csvCell`).
public enum CSV {
    public static func render(_ rows: [[String]]) -> String {
        rows.map { $0.map(field).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    static func number(_ value: Double?, places: Int) -> String {
        guard let value, value.isFinite else { return "" }
        return Numbers.plain(Numbers.rounded(value, places: places))
    }

    /// A duration in days (`Numbers.days`); an empty cell for none.
    static func days(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "" }
        return Numbers.days(value)
    }

    static func number(_ value: Decimal?, places: Int) -> String {
        guard let value, value.isFinite else { return "" }
        return Numbers.text(value, places: places)
    }

    /// Progress and scores: to 2 decimals, all written (`0.50`), as Markdown and HTML show them; an empty cell for none.
    static func fixed(_ value: Decimal?) -> String {
        guard let value, value.isFinite else { return "" }
        return Numbers.fixed(value)
    }

    static func field(_ text: String) -> String {
        let text = Inert.csvCell(text)
        // By bytes, as a CSV reader splits: a `,` or `"` that a mark joins into one character still counts.
        // (No line break is left to quote: `csvCell` shows them as `\n` and `\r`.)
        guard text.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") }) else { return text }
        var quoted = "\""
        for scalar in text.unicodeScalars {
            if scalar == "\"" { quoted += "\"" }
            quoted.unicodeScalars.append(scalar)
        }
        return quoted + "\""
    }
}
