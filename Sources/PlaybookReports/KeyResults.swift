import Foundation
import PlaybookHistory
import PlaybookModel

/// Reading key results out of an objective's flattened fields (`key_results[KR-1].current`).
enum KeyResultFields {
    /// The key-result ids in a state, in natural order (KR-2 before KR-10).
    static func ids(in state: EntityState) -> [String] {
        var ids = Set<String>()
        for key in state.keys where key.hasPrefix("key_results[") {
            guard let close = key.firstIndex(of: "]") else { continue }
            ids.insert(String(key[key.index(key.startIndex, offsetBy: "key_results[".count)..<close]))
        }
        return ids.sorted(by: naturalOrder)
    }

    static func field(_ kr: String, _ name: String) -> String { "key_results[\(kr)].\(name)" }

    static func number(_ state: EntityState?, _ kr: String, _ name: String) -> Decimal? {
        state?[field(kr, name)].flatMap(ExactNumber.decimal)
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
