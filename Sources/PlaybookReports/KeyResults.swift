import Foundation
import PlaybookHistory
import PlaybookModel

/// Key results as reports read them: from the objective lint's decoder produced, with field paths
/// (`key_results[KR-1].current`) for their changes from commit to commit.
enum KeyResultFields {
    static func field(_ kr: String, _ name: String) -> String { "key_results[\(kr)].\(name)" }

    /// The key result with id `kr` (the last, when an objective repeats an id: its fields are the ones history kept).
    static func keyResult(_ kr: String, in objective: Objective) -> KeyResult? {
        objective.keyResults.last { $0.id?.value == kr }
    }

    /// A number lint's decoder read, exactly as written: the decoder says whether the value is a
    /// number; the field, resolved by the same resolver, keeps its decimal digits (0.35, not 0.34999…).
    static func exact(_ decoded: Located<Double>?, _ state: EntityState?, _ path: String) -> Decimal? {
        guard decoded != nil else { return nil }
        return state?.value(path)?.number
    }

    /// What a value is, as lint's messages say it ("the string \"47000\"").
    static func describe(_ value: FieldValue) -> String {
        if let scalar = value.scalar { return scalar.description }
        return value.isEmptyList ? "a list" : "a mapping"
    }

    /// "KR-2" < "KR-10": digit runs compare as numbers.
    static func naturalOrder(_ a: String, _ b: String) -> Bool {
        let x = chunks(a), y = chunks(b)
        for (p, q) in zip(x, y) where p != q {
            if let m = Int(p), let n = Int(q) { return m < n }
            return p < q
        }
        return x.count < y.count
    }

    private static func chunks(_ text: String) -> [String] {
        var result: [String] = []
        var current = ""
        var digits = false
        for character in text {
            let isDigit = character.isASCII && character.isNumber
            if !current.isEmpty && isDigit != digits {
                result.append(current)
                current = ""
            }
            digits = isDigit
            current.append(character)
        }
        if !current.isEmpty { result.append(current) }
        return result
    }
}

/// Median and 90th percentile of durations.
public enum Statistics {
    /// The middle value, or the mean of the two middle values.
    public static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// Nearest rank: the smallest value with at least 90% of the values at or below it.
    public static func p90(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let rank = Int((0.9 * Double(sorted.count)).rounded(.up))
        return sorted[max(0, min(sorted.count - 1, rank - 1))]
    }
}
