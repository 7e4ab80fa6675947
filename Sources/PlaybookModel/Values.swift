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

    public var description: String {
        let m = month < 10 ? "0\(month)" : "\(month)"
        let d = day < 10 ? "0\(day)" : "\(day)"
        return "\(year)-\(m)-\(d)"
    }

    /// The calendar quarter the day falls in.
    public var quarter: Quarter { Quarter(year: year, number: (month - 1) / 3 + 1) }

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

    public var description: String { "\(year)-Q\(number)" }
}
