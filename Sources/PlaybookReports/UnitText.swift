import Foundation
import PlaybookModel

/// Values written the way a reader of the metric expects them, for people-facing pages.
extension Numbers {
    /// A metric value in its unit, worded as the reports word it (`UnitText`): `18.2%` (percent
    /// metrics hold percentage points), `42,000` (count), `EUR 1,250.5` (currency, with the
    /// squad's code), `0.4235` (ratio), `3.5 days` (duration). Read through its shortest text,
    /// so 0.125 rounds as the 0.125 that was written, not its binary neighbour.
    public static func unit(_ value: Double?, _ unit: MetricUnit?, currency: String? = nil) -> String {
        guard let value, value.isFinite else { return "–" }
        return UnitText.text(ExactNumber.decimal(String(value)) ?? Decimal(value), unit: unit, currency: currency)
    }

    /// An exact metric value in its unit: the one wording of the reports (`UnitText`).
    public static func unit(_ value: Decimal?, _ unit: MetricUnit?, currency: String? = nil) -> String {
        UnitText.text(value, unit: unit, currency: currency)
    }

    /// A fraction as a signed percentage: 0.094 → `+9.4%`, -0.05 → `-5%`. Rounded and signed as `report
    /// experiments` writes it (`LiftText`: from the decimal written, so 0.00275 is `+0.28%`, not its
    /// binary neighbour's `+0.27%`; an ASCII minus, so a page's figure reads as the report's).
    public static func signedPercent(_ fraction: Double?) -> String {
        guard let fraction, fraction.isFinite else { return "–" }
        return LiftText.signedPercent(fraction)
    }

    /// A fraction as a percentage: 0.67 → `67%`.
    public static func percent(_ fraction: Double?) -> String {
        guard let fraction, fraction.isFinite else { return "–" }
        return text(fraction * 100, places: 1) + "%"
    }

    /// An exact fraction as a percentage, rounded from the exact value: 2/3 → `66.7%`.
    public static func percent(_ fraction: Decimal?) -> String {
        guard let fraction else { return "–" }
        return text(fraction * 100, places: 1) + "%"
    }

    /// Rounded to `places`, with thousands separated by commas: 42000 → `42,000`.
    public static func grouped(_ value: Double, places: Int) -> String {
        grouped(self.text(value, places: places))
    }

    /// Number text with thousands separated by commas: `42000.5` → `42,000.5`.
    static func grouped(_ text: String) -> String {
        let negative = text.hasPrefix("-")
        let body = negative ? String(text.dropFirst()) : text
        let parts = body.split(separator: ".", maxSplits: 1)
        guard let whole = parts.first, whole.count > 3, whole.allSatisfy(\.isNumber) else { return text }
        var digits = ""
        for (index, digit) in whole.enumerated() {
            if index > 0, (whole.count - index) % 3 == 0 { digits += "," }
            digits.append(digit)
        }
        return (negative ? "-" : "") + digits + (parts.count == 2 ? "." + parts[1] : "")
    }
}
