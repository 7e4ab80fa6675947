/// "Did you mean" suggestions for misspelt keys and enum values.
public enum Suggestion {
    /// The candidate closest to `word`, if it is close enough to be a likely typo.
    ///
    /// The closest is the first candidate fewest edits away; it is the answer when it is at most
    /// `max(1, min(3, its length / 3))` edits away. No answer is ever more than 3 edits away, so a
    /// candidate's distance is only worked out while it can still beat the best so far and stay
    /// within 3 (the same answer as measuring every candidate in full, in a fraction of the time
    /// when a key or id is checked against thousands).
    public static func closest(to word: String, in candidates: [String]) -> String? {
        let lowered = Array(word.lowercased().unicodeScalars.map(\.value))
        let length = lowered.count
        var best: (String, Int)?
        var scratch = EditScratch()
        var other: [UInt32] = []
        for candidate in candidates {
            other.removeAll(keepingCapacity: true)
            if candidate.utf8.allSatisfy({ $0 < 0x80 && !(0x41...0x5A).contains($0) }) {
                other.append(contentsOf: candidate.utf8.lazy.map { UInt32($0) })
            } else {
                other.append(contentsOf: candidate.lowercased().unicodeScalars.lazy.map(\.value))
            }
            if other == lowered { return candidate }
            // More than 3 edits apart (the most ever allowed below) whatever the letters: never the answer.
            if abs(other.count - length) > 3 { continue }
            let bound = min(3, (best?.1 ?? 4) - 1)
            guard bound >= 0, let distance = scratch.distance(lowered, other, atMost: bound) else { continue }
            best = (candidate, distance)
        }
        if let (candidate, distance) = best, distance <= max(1, min(3, candidate.count / 3)) { return candidate }
        // A word cut short (`sample` for `sample_size`): the one candidate it starts, if only one does.
        guard length >= 4 else { return nil }
        let lowerWord = word.lowercased()
        let starting = candidates.filter { $0.count > length && $0.lowercased().hasPrefix(lowerWord) }
        return starting.count == 1 ? starting[0] : nil
    }

    /// The id closest to `id`, as `closest` finds it, but never another number of the same series:
    /// `HYP-0003` is not a misspelt `HYP-0001` but another hypothesis (a letter case or a prefix is).
    public static func closestID(to id: String, in candidates: [String]) -> String? {
        guard let number = trailingNumber(id) else { return closest(to: id, in: candidates) }
        return closest(to: id, in: candidates.filter { candidate in
            trailingNumber(candidate).map { $0 == number } ?? true
        })
    }

    /// The digits after an id's last `-` (`HYP-0042` → 42), when there are only digits there.
    private static func trailingNumber(_ id: String) -> Int? {
        guard let dash = id.lastIndex(of: "-") else { return nil }
        let digits = id[id.index(after: dash)...]
        guard !digits.isEmpty, digits.count <= 18, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else { return nil }
        return Int(digits)
    }

    /// Rows reused from one candidate to the next.
    struct EditScratch {
        var previous2: [Int] = [], previous: [Int] = [], current: [Int] = []

        /// The optimal-string-alignment distance of `a` and `b` when it is at most `bound`, else nil.
        mutating func distance(_ a: [UInt32], _ b: [UInt32], atMost bound: Int) -> Int? {
            if a.isEmpty { return b.count <= bound ? b.count : nil }
            if b.isEmpty { return a.count <= bound ? a.count : nil }
            let width = b.count + 1
            previous2 = [Int](repeating: 0, count: width)
            previous = Array(0..<width)
            current = [Int](repeating: 0, count: width)
            var lastRowOver = false
            for i in 1...a.count {
                current[0] = i
                var rowMinimum = i
                for j in 1...b.count {
                    let cost = a[i - 1] == b[j - 1] ? 0 : 1
                    var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                    if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                        value = min(value, previous2[j - 2] + 1)
                    }
                    current[j] = value
                    rowMinimum = min(rowMinimum, value)
                }
                // Every later cell comes from one of the last two rows (plus zero or more): two rows
                // wholly over the bound mean the distance is over it.
                let rowOver = rowMinimum > bound
                if rowOver && lastRowOver { return nil }
                lastRowOver = rowOver
                swap(&previous2, &previous)
                swap(&previous, &current)
            }
            let distance = previous[b.count]
            return distance <= bound ? distance : nil
        }
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
