import ArgumentParser
import Foundation
import PlaybookModel

/// Today's date in UTC: what time-based rules judge against unless `--today` says otherwise.
enum Today {
    /// The day `--today` names, or a usage error that says why it names none (as lint says it of a date in a file):
    /// `--today is "2026-02-30", but February 2026 has 28 days`. Every command's `--today` is read here.
    static func parse(_ text: String) throws -> Day {
        guard let day = Day(text) else { throw UsageError(description: "--today \(Day.problem(text))") }
        return day
    }

    static func utc() -> Day {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: Date())
        return Day(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
    }
}
