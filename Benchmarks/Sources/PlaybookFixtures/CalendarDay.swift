/// A calendar day, counted as days since 2026-01-01 so that adding days is addition.
public struct CalendarDay: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Days since 2026-01-01 (day 0).
    public var ordinal: Int

    public init(ordinal: Int) {
        self.ordinal = ordinal
    }

    /// A day of 2026 or later.
    public init(year: Int, month: Int, day: Int) {
        var days = 0
        for y in 2026..<year { days += CalendarDay.isLeap(y) ? 366 : 365 }
        for m in 1..<month { days += CalendarDay.length(of: m, in: year) }
        ordinal = days + day - 1
    }

    public var parts: (year: Int, month: Int, day: Int) {
        var rest = ordinal
        var year = 2026
        while rest >= (CalendarDay.isLeap(year) ? 366 : 365) {
            rest -= CalendarDay.isLeap(year) ? 366 : 365
            year += 1
        }
        var month = 1
        while rest >= CalendarDay.length(of: month, in: year) {
            rest -= CalendarDay.length(of: month, in: year)
            month += 1
        }
        return (year, month, rest + 1)
    }

    /// The calendar quarter, `YYYY-Qn`.
    public var quarter: String {
        let (year, month, _) = parts
        return "\(year)-Q\((month - 1) / 3 + 1)"
    }

    public func adding(days: Int) -> CalendarDay {
        CalendarDay(ordinal: ordinal + days)
    }

    public static func - (a: CalendarDay, b: CalendarDay) -> Int {
        a.ordinal - b.ordinal
    }

    public static func < (a: CalendarDay, b: CalendarDay) -> Bool {
        a.ordinal < b.ordinal
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        let (year, month, day) = parts
        return "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
    }

    static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    static func length(of month: Int, in year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
