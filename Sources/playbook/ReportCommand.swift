import ArgumentParser
import Foundation
import PlaybookHistory
import PlaybookModel
import PlaybookReports

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build reports from the playbook's git history.",
        discussion: """
        Reports read the current branch's first-parent history (--all-parents adds merged side \
        branches). Times are committer times in UTC (a commit dated before its parent \
        is placed at its parent's date); quarters are calendar quarters in UTC. \
        A cache under .git/playbook/ makes a second run read only the new commits.

        Examples:
          playbook report okr --quarter 2026-Q3
          playbook report experiments --since 2026-07-01 --until 2026-09-30 --format csv
        """,
        subcommands: [OKRs.self, Experiments.self]
    )
}

/// Options shared by the reports: format, output file, today.
/// Reads the history, builds one report from it, renders it and writes it: the steps every report shares.
func writeReport<Report>(
    output: ReportOutput, history options: HistoryOptions,
    build: (Timelines, History) -> Report, render: (Report, HistoryFormat) -> String
) throws {
    let history = try options.readHistory()
    defer { history.finishBackgroundWork() }  // on the error paths: let the cache write finish
    if case .unborn = history.head {
        throw UsageError(description: history.caveats.joined(separator: " "))
    }
    let timelines = Timelines(history)
    let report = build(timelines, history)
    try emit(render(report, output.format), to: output.output, config: options.config)
    // Kept alive until the process exits, so they are never released one by one.
    exitSkippingTeardown(after: history, keeping: (timelines, report))
}

struct ReportOutput: ParsableArguments {
    @Option(help: "Output format: markdown, json, csv or html.")
    var format: HistoryFormat = .markdown

    @Option(name: .shortAndLong, help: "Write the report to this file instead of standard output.")
    var output: String?

    @Option(help: "Today's date, YYYY-MM-DD (default: the current date, UTC).")
    var today: String?

    func todayDay() throws -> Day {
        if let today { return try Today.parse(today) }
        return UTC.day(of: Int64(Date().timeIntervalSince1970))
    }
}

func parseQuarter(_ text: String) throws -> Quarter {
    guard let quarter = Quarter(text) else {
        throw UsageError(description: "--quarter expects YYYY-Qn (e.g. 2026-Q3), got '\(text)'")
    }
    return quarter
}

extension Report {
    struct OKRs: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "okr",
            abstract: "Key results of a quarter: start and end values, progress, score, check-ins, experiments.",
            discussion: """
            Per squad and objective: each key result's baseline, target, value at the quarter's start \
            and end (or today, while the quarter runs), progress = (value − baseline) / (target − baseline), \
            score = progress clamped to 0…1, its trajectory, check-ins (commits that changed `current`), \
            its confidence (every value in the quarter; the trend compares the quarter's start with its end; \
            one deleted is no longer given), and the experiments linked to it, with their status at the \
            quarter's end; a move a later commit (up to today) undid, which `report experiments` counts in \
            no period, is said, with the experiment as it stands today; the North Star roll-up; objectives \
            added or dropped.

            Examples:
              playbook report okr --quarter 2026-Q3
              playbook report okr --quarter 2026-Q3 --format html -o okr.html
            """
        )

        @Option(help: "The quarter, YYYY-Qn (default: the quarter containing today).")
        var quarter: String?

        @OptionGroup var output: ReportOutput
        @OptionGroup var history: HistoryOptions

        func run() throws {
            let today = try output.todayDay()
            let quarter = try quarter.map(parseQuarter) ?? today.quarter
            let thresholds = try Workspace.locate(from: FileManager.default.currentDirectoryPath, configPath: history.config)
                .configuration.keyResultStatus
            try writeReport(output: output, history: history) { timelines, history in
                OKRReport(quarter: quarter, today: today, timelines: timelines, history: history, thresholds: thresholds)
            } render: { report, format in
                switch format {
                case .markdown: OKRRenderer.markdown(report)
                case .json: OKRRenderer.json(report)
                case .csv: OKRRenderer.csv(report)
                case .html: HTMLReport.okr(report)
                }
            }
        }
    }
}

extension Report {
    struct Experiments: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "experiments",
            abstract: "Experiment velocity, cycle times, win rate, stale ones and learnings, per squad.",
            discussion: """
            An event counts in the period in which it happened (created = first commit holding the \
            experiment; started = move to running; concluded = move to concluded; a move a later \
            commit undid is not one: a conclusion reverted leaves it running, as the site's calendar reads it; \
            moves are read up to today, so a conclusion re-opened after the period ended is not one in it either). \
            Cycle times are in days: created → running, ready → running (decision to launch), \
            running → concluded (the time it was live: the days a re-opened experiment stood \
            concluded before it ran again are left out); median (the mean of the middle two for an even count) and p90 (nearest rank) over the experiments whose end event \
            lies in the period. Win rate = wins ÷ concluded experiments with an outcome. \
            Without a period: the quarter containing today.

            Examples:
              playbook report experiments --quarter 2026-Q3
              playbook report experiments --since 2026-07-01 --until 2026-08-31 --format csv
            """
        )

        @Option(help: "The quarter, YYYY-Qn.")
        var quarter: String?

        @Option(help: "First day of the period, YYYY-MM-DD (with --until).")
        var since: String?

        @Option(help: "Last day of the period, YYYY-MM-DD, included (with --since).")
        var until: String?

        @OptionGroup var output: ReportOutput
        @OptionGroup var history: HistoryOptions

        func validate() throws {
            if quarter != nil && (since != nil || until != nil) {
                throw ValidationError("give either --quarter or --since/--until, not both")
            }
            if (since == nil) != (until == nil) {
                throw ValidationError("--since and --until go together")
            }
        }

        func period(today: Day) throws -> Period {
            if let since, let until {
                guard let start = Day(since), let end = Day(until) else {
                    throw UsageError(description: "--since and --until expect YYYY-MM-DD")
                }
                guard start <= end else { throw UsageError(description: "--since \(since) is after --until \(until)") }
                return Period(since: start, until: end)
            }
            return Period(quarter: try quarter.map(parseQuarter) ?? today.quarter)
        }

        func run() throws {
            let today = try output.todayDay()
            let period = try period(today: today)
            try writeReport(output: output, history: history) { timelines, history in
                ExperimentReport(period: period, today: today, timelines: timelines, history: history)
            } render: { report, format in
                switch format {
                case .markdown: ExperimentRenderer.markdown(report)
                case .json: ExperimentRenderer.json(report)
                case .csv: ExperimentRenderer.csv(report)
                case .html: HTMLReport.experiments(report)
                }
            }
        }
    }
}
