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
        branches). Times are committer times in UTC; quarters are calendar quarters in UTC. \
        A cache under .git/playbook/ makes a second run read only the new commits.
        """,
        subcommands: [OKRs.self, Experiments.self]
    )
}

/// Options shared by the reports: format, output file, today.
struct ReportOutput: ParsableArguments {
    @Option(help: "Output format: markdown, json, csv or html.")
    var format: HistoryFormat = .markdown

    @Option(name: .shortAndLong, help: "Write the report to this file instead of standard output.")
    var output: String?

    @Option(help: "Today's date, YYYY-MM-DD (default: the current date, UTC).")
    var today: String?

    func todayDay() throws -> Day {
        if let today {
            guard let day = Day(today) else { throw UsageError(description: "--today expects YYYY-MM-DD, got '\(today)'") }
            return day
        }
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
            and the experiments linked to it; the North Star roll-up; objectives added or dropped.

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
            let history = try history.readHistory()
            if case .unborn = history.head {
                throw UsageError(description: history.caveats.joined(separator: " "))
            }
            let report = OKRReport(quarter: quarter, today: today, timelines: Timelines(history), history: history)
            let text: String
            switch output.format {
            case .markdown: text = OKRRenderer.markdown(report)
            case .json: text = OKRRenderer.json(report)
            case .csv: text = OKRRenderer.csv(report)
            case .html: text = HTMLReport.okr(report)
            }
            try emit(text, to: output.output)
        }
    }
}

extension Report {
    struct Experiments: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Experiment velocity, cycle times, win rate and learnings per squad.")
        func run() throws {}
    }
}
