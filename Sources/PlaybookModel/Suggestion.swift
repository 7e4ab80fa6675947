/// "Did you mean" suggestions for misspelt keys and enum values.
public enum Suggestion {
    /// The candidate closest to `word`, if it is close enough to be a likely typo.
    public static func closest(to word: String, in candidates: [String]) -> String? {
        let lowered = word.lowercased()
        let length = lowered.unicodeScalars.count
        var best: (String, Int)?
        for candidate in candidates {
            let other = candidate.lowercased()
            if other == lowered { return candidate }
            // The length difference is a floor on the distance: a candidate that cannot be nearer
            // than the best so far, or within the 3 edits ever accepted, is not measured.
            let floor = abs(other.unicodeScalars.count - length)
            if floor > 3 || best.map({ floor >= $0.1 }) ?? false { continue }
            let distance = editDistance(lowered, other)
            if best.map({ distance < $0.1 }) ?? true { best = (candidate, distance) }
        }
        guard let (candidate, distance) = best else { return nil }
        let allowed = max(1, min(3, candidate.count / 3))
        return distance <= allowed ? candidate : nil
    }

    /// The candidate nearest to `word`, however far: one that contains a word of it (`budget` →
    /// `squad-budget`) first, else the one fewest edits away (ties: the first listed).
    public static func nearest(to word: String, in candidates: [String]) -> String? {
        let lowered = word.lowercased()
        let parts = lowered.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init).filter { $0.count >= 3 }
        if let containing = candidates.first(where: { candidate in parts.contains { candidate.lowercased().contains($0) } }) {
            return containing
        }
        return candidates.min { editDistance(lowered, $0.lowercased()) < editDistance(lowered, $1.lowercased()) }
    }

    /// Damerau-Levenshtein (optimal string alignment) distance.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previous2[j - 2] + 1)
                }
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }

    public static func phrase(_ suggestion: String?) -> String {
        suggestion.map { "; did you mean \"\($0)\"?" } ?? ""
    }
}
