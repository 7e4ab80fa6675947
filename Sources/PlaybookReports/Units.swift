import Foundation
import PlaybookModel

/// A metric's value the way a reader of that metric expects it, for the people-facing formats
/// (Markdown, HTML); CSV and JSON keep plain numbers for scripts. Percent metrics hold
/// percentage points (`18.25` → `18.25%`), currency gets the squad's currency code
/// (`EUR 12,500`), counts get thousands separators (`42,000`), durations are in days
/// (`3.5 days`), ratios stay plain (`0.42`).
public enum UnitText {
    public static func text(_ value: Decimal?, unit: MetricUnit?, currency: String? = nil) -> String {
        guard let value, value.isFinite else { return "–" }
        let places = places(unit)
        switch unit {
        case .percent: return grouped(value, places: places) + "%"
        case .count: return grouped(value, places: places)
        case .currency: return (currency.map { $0 + " " } ?? "") + grouped(value, places: places)
        case .duration: return days(grouped(value, places: places))
        case .ratio: return Numbers.text(value, places: places)
        case nil: return grouped(value, places: places)
        }
    }

    /// How many decimal places a value in `unit` is shown with (`text(_:unit:currency:)`).
    public static func places(_ unit: MetricUnit?) -> Int {
        switch unit {
        case .percent, .count, .currency: return 2
        case .duration: return 1
        case .ratio: return 4
        case nil: return 6
        }
    }

    /// A number of days as shown, with its noun: singular whenever the number reads one
    /// (`1.04` rounds to `1 day`, as an exact `1` does; `1.5 days`).
    public static func days(_ shown: String) -> String {
        shown + (shown == "1" || shown == "-1" ? " day" : " days")
    }

    /// Rounded to `places`, the whole part in groups of three: 1234567.5 → `1,234,567.5`.
    public static func grouped(_ value: Decimal, places: Int) -> String {
        let text = Numbers.text(value, places: places)
        let negative = text.hasPrefix("-")
        let body = negative ? text.dropFirst() : Substring(text)
        let whole = body.prefix { $0 != "." }
        let fraction = body.dropFirst(whole.count)
        guard whole.count > 3, whole.allSatisfy(\.isASCII), whole.allSatisfy(\.isNumber) else { return text }
        var digits = ""
        for (index, digit) in whole.enumerated() {
            if index > 0, (whole.count - index) % 3 == 0 { digits += "," }
            digits.append(digit)
        }
        return (negative ? "-" : "") + digits + fraction
    }
}
