import PlaybookModel

/// UTC calendar arithmetic on unix seconds, without Foundation's time-zone machinery:
/// history time is the committer time in UTC, and quarters are calendar quarters in UTC.
public enum UTC {
    /// Days since 1970-01-01 of a civil date (proleptic Gregorian).
    public static func days(_ day: Day) -> Int64 {
        let y = Int64(day.month <= 2 ? day.year - 1 : day.year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let m = Int64(day.month)
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + Int64(day.day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The civil date of a count of days since 1970-01-01, held to the days a `YYYY-MM-DD` names
    /// (`Day.earliest`...`Day.latest`): a commit time git accepts can lie at the ends of Int64.
    public static func day(fromDays count: Int64) -> Day {
        let z0 = min(max(count, Int64(Day.earliest.dayNumber)), Int64(Day.latest.dayNumber))
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        return Day(year: Int(y), month: Int(m), day: Int(d))
    }

    public static func day(of seconds: Int64) -> Day {
        day(fromDays: floorDivide(seconds, 86_400))
    }

    /// Midnight UTC at the start of `day`.
    public static func seconds(_ day: Day) -> Int64 {
        let (seconds, overflow) = days(day).multipliedReportingOverflow(by: 86_400)
        return overflow ? (day.year < 0 ? Int64.min / 2 : Int64.max / 2) : seconds
    }

    /// `2026-07-01T09:30:00Z`.
    public static func iso(_ seconds: Int64) -> String {
        let rest = seconds - floorDivide(seconds, 86_400) * 86_400
        func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(day(of: seconds))T\(two(rest / 3600)):\(two(rest / 60 % 60)):\(two(rest % 60))Z"
    }

    /// The day after `day`, not held to `Day.latest`: the end (exclusive) of a period whose last
    /// day is `day` (after 9999-12-31 comes 10000-01-01, as after the quarter 9999-Q4).
    public static func dayAfter(_ day: Day) -> Day {
        day.year >= Day.latest.year && day.month == 12 && day.day == 31
            ? Day(year: day.year + 1, month: 1, day: 1)
            : self.day(fromDays: days(day) + 1)
    }

    /// The first day of a quarter and the first day of the next one.
    public static func bounds(of quarter: Quarter) -> (start: Day, end: Day) {
        let start = Day(year: quarter.year, month: (quarter.number - 1) * 3 + 1, day: 1)
        let end = quarter.number == 4
            ? Day(year: quarter.year + 1, month: 1, day: 1)
            : Day(year: quarter.year, month: quarter.number * 3 + 1, day: 1)
        return (start, end)
    }

    /// `a / b` rounded down, for any `a` (a commit time can be Int64.min, whose negation overflows).
    private static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        let quotient = a / b
        return a % b < 0 ? quotient - 1 : quotient
    }
}
