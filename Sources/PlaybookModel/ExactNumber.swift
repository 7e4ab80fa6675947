import Foundation
import PlaybookYAML

/// Numbers read from YAML as decimals, so what a person wrote (0.35) is what is computed with,
/// not its nearest binary fraction (0.34999…). Up to 38 significant digits are kept.
public enum ExactNumber {
    private static let posix = Locale(identifier: "en_US_POSIX")

    /// The decimal a plain scalar's text stands for under the YAML 1.2 core schema; nil for
    /// anything that is not a finite number (strings, booleans, `.inf`, `.nan`, out of range).
    public static func decimal(_ text: String) -> Decimal? {
        switch ScalarValue(text: text, style: .plain, tag: nil) {
        case .int(let value): return Decimal(value)
        case .float(let value):
            guard value.isFinite else { return nil }
            return Decimal(string: text, locale: posix)
        case .null, .bool, .string: return nil
        }
    }

    /// The shortest exact decimal spelling of a number's text (`2.50` → `2.5`, `1e3` → `1000`).
    public static func canonical(_ text: String) -> String? {
        decimal(text).map(\.description)
    }
}
