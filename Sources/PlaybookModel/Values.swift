import PlaybookYAML

/// A value with the mark of the YAML node it was read from.
public struct Located<Value: Sendable & Hashable>: Sendable, Hashable {
    public var value: Value
    public var mark: Mark

    public init(_ value: Value, at mark: Mark) {
        self.value = value
        self.mark = mark
    }
}

/// A reference to another entity by id, with where it was written.
public typealias Reference = Located<String>

public enum MetricUnit: String, Sendable, Hashable, CaseIterable {
    case percent, count, currency, ratio, duration
}

public enum Direction: String, Sendable, Hashable, CaseIterable {
    case increase, decrease
}

public enum FunnelStage: String, Sendable, Hashable, CaseIterable {
    case acquisition, activation, retention, referral, revenue
}

public enum HypothesisStatus: String, Sendable, Hashable, CaseIterable {
    case backlog, testing, validated, invalidated, parked
}

public enum ExperimentStatus: String, Sendable, Hashable, CaseIterable {
    case draft, ready, running, paused, analyzing, concluded, abandoned

    /// Place in the lifecycle draft → ready → running ⇄ paused → analyzing → concluded | abandoned;
    /// paused sits beside running, and the two final statuses share the last place.
    public var stage: Int {
        switch self {
        case .draft: 0
        case .ready: 1
        case .running, .paused: 2
        case .analyzing: 3
        case .concluded, .abandoned: 4
        }
    }

    /// Concluded and abandoned experiments are finished; no status follows them.
    public var isFinal: Bool { stage == 4 }

    /// True once traffic has been exposed: an experiment that was running and is now paused has launched.
    /// Abandoned says nothing on its own (a draft can be abandoned), so it does not count.
    public var hasLaunched: Bool {
        switch self {
        case .running, .paused, .analyzing, .concluded: true
        case .draft, .ready, .abandoned: false
        }
    }

    /// Whether moving from this status to `next` goes backwards (or out of a final status).
    public func isRegression(to next: ExperimentStatus) -> Bool {
        next != self && (next.stage < stage || isFinal)
    }
}

public enum Outcome: String, Sendable, Hashable, CaseIterable {
    case win, loss, flat, inconclusive
}

public enum Decision: String, Sendable, Hashable, CaseIterable {
    case ship, iterate, kill
}

public enum Platform: String, Sendable, Hashable, CaseIterable {
    case web, ios, android, email
}

/// A calendar day, `YYYY-MM-DD`.
public struct Day: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    /// Why `text` is no day, as lint says it of a date in a file: `is "2026-02-30", but February 2026 has 28 days`,
    /// or `must be a date written YYYY-MM-DD, found "…"`.
    public static func problem(_ text: String) -> String {
        FieldReader.dateProblem(text)
    }

    /// Parses `YYYY-MM-DD`, rejecting impossible dates such as 2026-02-30.
    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              let y = Day.digits(bytes[0..<4]), let m = Day.digits(bytes[5..<7]), let d = Day.digits(bytes[8..<10]),
              (1...12).contains(m), d >= 1, d <= Day.daysIn(month: m, year: y)
        else { return nil }
        year = y
        month = m
        day = d
    }

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    public static func < (a: Day, b: Day) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    /// `YYYY-MM-DD`, the year padded to four digits (0999-01-01, as it was written).
    public var description: String {
        let m = month < 10 ? "0\(month)" : "\(month)"
        let d = day < 10 ? "0\(day)" : "\(day)"
        return "\(Day.year(year))-\(m)-\(d)"
    }

    /// A year in at least four digits: 999 → `0999`; a negative year keeps its sign before the digits.
    static func year(_ year: Int) -> String {
        let digits = String(year.magnitude)
        return (year < 0 ? "-" : "") + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// The calendar quarter the day falls in.
    public var quarter: Quarter { Quarter(year: year, number: (month - 1) / 3 + 1) }

    /// The first and the last day a `YYYY-MM-DD` can write: 0000-01-01 and 9999-12-31.
    public static let earliest = Day(year: 0, month: 1, day: 1)
    public static let latest = Day(year: 9999, month: 12, day: 31)

    /// The day `count` days later (earlier when negative), held to `earliest`...`latest`: the count
    /// can come from a file (`start` plus `design.duration_days`), and no count may crash the tool.
    public func adding(days count: Int) -> Day {
        let (sum, overflow) = dayNumber.addingReportingOverflow(count)
        let low = Day.earliest.dayNumber, high = Day.latest.dayNumber
        if overflow { return count > 0 ? Day.latest : Day.earliest }
        return Day(dayNumber: min(max(sum, low), high))
    }

    /// Days since 1970-01-01 (proleptic Gregorian calendar).
    public var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    public init(dayNumber: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let d = dayOfYear - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yearOfEra + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    private static func digits(_ slice: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for byte in slice {
            guard byte >= 48, byte <= 57 else { return nil }
            value = value * 10 + Int(byte - 48)
        }
        return value
    }
}

/// A calendar quarter, `YYYY-Qn`.
public struct Quarter: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int
    public var number: Int

    public init(year: Int, number: Int) {
        self.year = year
        self.number = number
    }

    /// Parses `YYYY-Qn` with n in 1...4.
    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 7, bytes[4] == UInt8(ascii: "-"), bytes[5] == UInt8(ascii: "Q"),
              bytes[0..<4].allSatisfy({ $0 >= 48 && $0 <= 57 }),
              (49...52).contains(bytes[6]),
              let y = Int(String(decoding: bytes[0..<4], as: UTF8.self))
        else { return nil }
        year = y
        number = Int(bytes[6] - 48)
    }

    public static func < (a: Quarter, b: Quarter) -> Bool {
        (a.year, a.number) < (b.year, b.number)
    }

    /// `YYYY-Qn`, the year padded to four digits.
    public var description: String { "\(Day.year(year))-Q\(number)" }
}
