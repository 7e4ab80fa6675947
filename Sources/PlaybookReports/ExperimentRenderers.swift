import Foundation
import PlaybookModel

/// The experiments report as Markdown, JSON and CSV (HTML lives in `HTMLReport`).
public enum ExperimentRenderer {
    static func days(_ value: Double?) -> JSON { .number(value, places: 1) }

    static func cycleJSON(_ cycle: CycleTime) -> JSON {
        .object([("count", .integer(cycle.count)), ("median", days(cycle.median)), ("p90", days(cycle.p90))])
    }

    public static func json(_ report: ExperimentReport) -> String {
        JSON.object([
            ("version", .integer(1)),
            ("report", .string("experiments")),
            ("period", .object([
                ("label", .string(report.period.label)),
                ("start", .string(report.period.start.description)),
                ("end", .string(report.period.lastDay.description)),
                ("judged_on", .string(report.judgedOn.description)),
                ("started", .bool(report.started)),
                ("complete", .bool(report.complete)),
            ])),
            ("source", OKRRenderer.sourceJSON(report.source)),
            ("squads", .array(report.squads.map(squadJSON))),
            ("total", squadJSON(report.total)),
        ]).rendered()
    }

    static func squadJSON(_ squad: SquadExperiments) -> JSON {
                .object([
                    ("squad", .string(squad.squad)),
                    ("created", .integer(squad.created.count)),
                    ("started", .integer(squad.started.count)),
                    ("concluded", .integer(squad.concluded.count)),
                    ("abandoned", .integer(squad.abandoned.count)),
                    ("with_outcome", .integer(squad.withOutcome)),
                    ("wins", .integer(squad.wins)),
                    ("win_rate", .exact(squad.winRate)),
                    ("cycle_days", .object([
                        ("created_to_running", cycleJSON(squad.createdToRunning)),
                        ("ready_to_running", cycleJSON(squad.readyToRunning)),
                        ("running_to_concluded", cycleJSON(squad.runningToConcluded)),
                    ])),
                    ("experiments", .object([
                        ("created", .array(squad.created.map(JSON.string))),
                        ("started", .array(squad.started.map(JSON.string))),
                        ("concluded", .array(squad.concluded.map(JSON.string))),
                        ("abandoned", .array(squad.abandoned.map(JSON.string))),
                    ])),
                    ("stale_running", .array(squad.stale.map { stale in
                        .object([("id", .string(stale.id)), ("title", .optional(stale.title)),
                                 ("planned_end", .string(stale.plannedEnd.description)),
                                 ("days_overdue", .integer(stale.daysOverdue))])
                    })),
                    ("learnings", .array(squad.learnings.map { fact in
                        .object([
                            ("id", .string(fact.id)), ("title", .optional(fact.title)),
                            ("concluded", .optional(fact.concluded.map { UTC.day(of: $0).description })),
                            ("outcome", .optional(fact.outcome?.rawValue)), ("decision", .optional(fact.decision?.rawValue)),
                            ("lift", .exact(fact.lift)),
                            ("p_value", .exact(fact.pValue)),
                            ("learnings", .optional(fact.learnings)),
                        ])
                    })),
                ])
    }

    public static func markdown(_ report: ExperimentReport) -> String {
        var out = "# Experiments \(report.period.label)\n\n"
        out += "\(report.periodText) · \(Markdown.inline(report.source.head)) · "
            + "\(report.source.historyText)\n\n"
        for caveat in report.source.caveats { out += "> **Note:** \(Markdown.inline(caveat))\n\n" }
        guard !report.squads.isEmpty else {
            return out + "No experiment was created, started, concluded or abandoned in this period.\n"
                + HistoryNotes.markdown(report.source.notes)
        }
        out += "| squad | created | started | concluded | abandoned | win rate | created→running (median / p90 days) "
            + "| ready→running | running→concluded | stale |\n"
        out += "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n"
        func row(_ squad: SquadExperiments, name: String) -> String {
            let winRate = squad.winRate.map { "\(Numbers.percent($0)) (\(squad.wins)/\(squad.withOutcome))" } ?? "–"
            return "| \(name) | \(squad.created.count) | \(squad.started.count) | "
                + "\(squad.concluded.count) | \(squad.abandoned.count) | \(winRate) | \(cycle(squad.createdToRunning)) | "
                + "\(cycle(squad.readyToRunning)) | \(cycle(squad.runningToConcluded)) | \(squad.stale.count) |\n"
        }
        for squad in report.squads { out += row(squad, name: Markdown.inline(squad.squad)) }
        if let overall = report.overall { out += row(overall, name: "**\(totalLabel)**") }
        out += "\n"
        for squad in report.squads where !squad.stale.isEmpty || !squad.abandoned.isEmpty {
            out += "## \(Markdown.inline(squad.squad)): needs attention\n\n"
            for stale in squad.stale {
                out += "- \(Markdown.inline(stale.id)) \(Markdown.inline(stale.title ?? "")): running \(StaleExperiment.days(stale.daysOverdue)) past its planned end \(stale.plannedEnd)\n"
            }
            for id in squad.abandoned { out += "- \(Markdown.inline(id)) abandoned\n" }
            out += "\n"
        }
        let concluded = report.squads.flatMap(\.learnings)
        if !concluded.isEmpty {
            let places = liftPlaces(report)
            out += "## Concluded\n\n| experiment | squad | outcome | decision | lift | p-value |\n| --- | --- | --- | --- | ---: | ---: |\n"
            for fact in concluded {
                out += "| \(Markdown.inline(fact.id)) | \(Markdown.inline(fact.squad)) | \(Markdown.inline(fact.outcome?.rawValue ?? "–")) | "
                    + "\(Markdown.inline(fact.decision?.rawValue ?? "–")) | \(lift(fact.lift, places: places)) | \(Numbers.probability(fact.pValue)) |\n"
            }
            out += "\n## Learnings\n\n"
            for fact in concluded {
                let outcome = [fact.outcome?.rawValue, fact.decision?.rawValue].compactMap { $0 }.joined(separator: ", ")
                out += "- **\(Markdown.inline(fact.id))** (\(Markdown.inline(fact.squad))) \(Markdown.inline(fact.title ?? ""))"
                out += outcome.isEmpty ? "" : " — \(Markdown.inline(outcome))"
                out += fact.learnings.map { ": \(Markdown.inline(Inert.foldingLines($0)))" } ?? ": *no learnings written*"
                out += "\n"
            }
            out += "\n"
        }
        out += HistoryNotes.markdown(report.source.notes)
        return out
    }

    /// What the total row is called in every format.
    public static let totalLabel = "Company total"

    /// A lift as a signed percentage (`LiftText`) with `places` decimals: 0.034 → `+3.4%`; `–` when none was written.
    static func lift(_ value: Decimal?, places: Int) -> String {
        guard let value else { return "–" }
        return LiftText.signedPercent(value, places: places)
    }

    /// The decimals every lift of the report is written with: the most any of them needs (two at
    /// most), so `-2%` does not stand next to `+3.8%` but reads `-2.0%`.
    static func liftPlaces(_ report: ExperimentReport) -> Int {
        report.squads.flatMap(\.learnings).compactMap(\.lift).map(LiftText.places).max() ?? 0
    }

    static func cycle(_ cycle: CycleTime) -> String {
        guard cycle.count > 0 else { return "–" }
        return "\(Numbers.days(cycle.median)) / \(Numbers.days(cycle.p90)) (n=\(cycle.count))"
    }

    public static func csv(_ report: ExperimentReport) -> String {
        var rows: [[String]] = [[
            "period_start", "period_end", "squad", "created", "started", "concluded", "abandoned", "with_outcome",
            "wins", "win_rate", "created_to_running_median", "created_to_running_p90", "ready_to_running_median",
            "ready_to_running_p90", "running_to_concluded_median", "running_to_concluded_p90", "stale_running",
            "stale_running_ids",
            // Added at the end (scripts read by position): what the other formats say of the period
            // (JSON `period.started`, `period.complete`, `period.judged_on`; Markdown "in progress: values as of today").
            "period_status", "judged_on",
        ]]
        for (squad, name) in report.squads.map({ ($0, $0.squad) }) + [(report.total, totalLabel)] {
            rows.append([
                report.period.start.description, report.period.lastDay.description, name,
                String(squad.created.count), String(squad.started.count), String(squad.concluded.count),
                String(squad.abandoned.count), String(squad.withOutcome), String(squad.wins),
                CSV.number(squad.winRate, places: 2),
                CSV.days(squad.createdToRunning.median), CSV.days(squad.createdToRunning.p90),
                CSV.days(squad.readyToRunning.median), CSV.days(squad.readyToRunning.p90),
                CSV.days(squad.runningToConcluded.median), CSV.days(squad.runningToConcluded.p90),
                String(squad.stale.count), squad.stale.map(\.id).joined(separator: " "),
                report.status, report.judgedOn.description,
            ])
        }
        return CSV.render(rows)
    }
}
