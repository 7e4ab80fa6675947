import Foundation

/// How a lift (a fraction: 0.034 is 3.4%) is printed in text and Markdown: `report experiments`
/// prints it this way, and `playbook search` through this function. The site keeps its
/// typographic minus (`Numbers.signedPercent`, `−5%`), chosen for its pages.
public enum LiftText {
    /// The percentage rounded half away from zero to two places, shortest, `+` above zero:
    /// 0.034 → `+3.4%`, 0.05 → `+5%`, -0.05 → `-5%`, 0 → `0%`.
    public static func signedPercent(_ fraction: Decimal) -> String {
        var input = fraction * 100
        var result = Decimal()
        NSDecimalRound(&result, &input, 2, .plain)
        // One that rounds to nothing is 0%, whichever side of zero it was (not "+0%").
        return result.isZero ? "0%" : (fraction > 0 ? "+" : "") + result.description + "%"
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
