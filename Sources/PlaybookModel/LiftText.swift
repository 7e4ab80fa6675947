import Foundation

/// How a lift (a fraction: 0.034 is 3.4%) is printed in text and Markdown: `report experiments`
/// prints it this way, and `playbook search` through this function. The site keeps its
/// typographic minus (`Numbers.signedPercent`, `−5%`), chosen for its pages.
public enum LiftText {
    /// The percentage rounded half away from zero to two places, shortest, `+` above zero:
    /// 0.034 → `+3.4%`, 0.05 → `+5%`, -0.05 → `-5%`, 0 → `0%`.
    public static func signedPercent(_ fraction: Decimal) -> String {
        signedPercent(fraction, places: places(fraction))
    }

    /// The same percentage with exactly `places` decimals (0–2), zeros written, so a column of
    /// lifts lines up: 0.05 with 1 → `+5.0%`, -0.02 with 2 → `-2.00%`, 0 with 1 → `0.0%`.
    public static func signedPercent(_ fraction: Decimal, places: Int) -> String {
        let result = rounded(fraction)
        let digits = result.magnitude.description.split(separator: ".", maxSplits: 1)
        let decimals = String((digits.count == 2 ? digits[1] : "").prefix(places))
        let number = String(digits.first ?? "0") + (places > 0 ? "." + decimals + String(repeating: "0", count: places - decimals.count) : "")
        // One that rounds to nothing is 0%, whichever side of zero it was (not "+0%").
        return result.isZero ? number + "%" : (fraction > 0 ? "+" : "-") + number + "%"
    }

    /// The decimals a lift's percentage needs once rounded to two places: 0.034 → 1, 0.05 → 0.
    public static func places(_ fraction: Decimal) -> Int {
        let digits = rounded(fraction).magnitude.description.split(separator: ".", maxSplits: 1)
        return digits.count == 2 ? min(2, digits[1].count) : 0
    }

    /// The percentage rounded half away from zero to two places.
    static func rounded(_ fraction: Decimal) -> Decimal {
        var input = fraction * 100
        var result = Decimal()
        NSDecimalRound(&result, &input, 2, .plain)
        return result
    }

    /// A lift read as a Double, through its shortest text (0.034 as written, not its binary
    /// neighbour); one beyond what a decimal holds (1e300) in Swift's own spelling; `?` when not finite.
    public static func signedPercent(_ fraction: Double) -> String {
        guard fraction.isFinite else { return "?" }
        if let exact = ExactNumber.decimal(String(fraction)), exact.isFinite, abs(fraction) < 1e100 {
            return signedPercent(exact)
        }
        return (fraction > 0 ? "+" : "") + String(fraction * 100) + "%"
    }
}
