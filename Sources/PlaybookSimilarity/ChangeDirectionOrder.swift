/// What a change puts before what: "the annual plan above the monthly plan", "the price before the reviews",
/// "the map ahead of the list", "the photos on top of the description", "the annual plan first, then the
/// monthly one". Two changes that order the same two things the other way round go opposite ways, however
/// alike their words read (review, 2026-12-05: "put the annual plan above the monthly plan on the paywall"
/// and "put the monthly plan above the annual plan on the paywall" were one change, cosine 0.97).
extension ChangeDirection {
    /// Two things a change orders: the words of what comes first and of what comes second (stems), each
    /// less what both name ("annual plan" / "monthly plan": annual / monthli), with how the change says it.
    struct Ordering: Hashable, Sendable {
        var first: Set<String>
        var second: Set<String>
        /// Whether the text names what comes first before the ordering words ("X above Y"; not "X below Y").
        var firstWrittenFirst: Bool
        /// The ordering words as written, lower-cased ("above", "ahead of", "on top of", "first, then").
        var between: String

        /// "annual above monthly": `first` and `second` as `side` writes them, in the text's order.
        func shown(_ first: String, _ second: String) -> String {
            firstWrittenFirst ? "\(first) \(between) \(second)" : "\(second) \(between) \(first)"
        }
    }

    /// Ordering words (stems) that put what is named before them first ("X above Y", "X before Y", "X over
    /// Y") or second ("X below Y", "X after Y"). ("Ahead" counts before "of", "top" in "on top of", and
    /// "first" before a "then": `readOrderings`.)
    static let ordersFirst: Set<String> = ["abov", "befor", "over"]
    static let ordersSecond: Set<String> = ["below", "after"]
    /// How many words may name each of the two things ordered ("the annual plan": annual, plan).
    static let orderedWords = 3
    /// How many words after "first" its "then" may stand ("the annual plan first, then the monthly one").
    static let thenReach = 3

    /// Reads what the sentence orders (`orderings`). A bound is no order ("over £40", "above 10 percent",
    /// "more than"), nor is a side with nothing named ("put it above the fold", "after the first lesson").
    mutating func readOrderings(_ stems: [String], written: [String], numberAfter: [Bool]) {
        for (index, stem) in stems.enumerated() {
            var (start, end, firstWrittenFirst) = (index, index, true)
            if Self.ordersFirst.contains(stem) || Self.ordersSecond.contains(stem) {
                firstWrittenFirst = Self.ordersFirst.contains(stem)
            } else if stem == "ahead", index + 1 < stems.count, stems[index + 1] == "of" {
                end = index + 1
            } else if stem == "top", index > 0, stems[index - 1] == "on", index + 1 < stems.count, stems[index + 1] == "of" {
                (start, end) = (index - 1, index + 1)
            } else if stem == "first", let then = stems[(index + 1)..<min(stems.count, index + 1 + Self.thenReach)].firstIndex(of: "then") {
                end = then
            } else {
                continue
            }
            if numberAfter[end] || (end + 1 < written.count && (Self.isNumber(written[end + 1]) || stems[end + 1] == "than")) { continue }
            var before = Self.words(before: start, in: stems)
            if stem == "first", before.isEmpty {
                // "First the annual plan, then the monthly one".
                before = Self.phrase(after: index, in: Array(stems[..<end]))
            }
            let after = Self.phrase(after: end, in: stems).prefix(Self.orderedWords)
            let (left, right) = (Set(before).subtracting(after), Set(after).subtracting(before))
            guard !left.isEmpty, !right.isEmpty else { continue }
            let between = stem == "first" ? "first, then" : written[start...end].map { $0.lowercased() }.joined(separator: " ")
            orderings.append(Ordering(first: firstWrittenFirst ? left : right, second: firstWrittenFirst ? right : left,
                                      firstWrittenFirst: firstWrittenFirst, between: between))
        }
    }

    /// The content words right before `index`, back to the first stop word, clause break or direction word
    /// (at most `orderedWords`): what an ordering word at `index` puts in place ("put the annual plan above": annual, plan).
    static func words(before index: Int, in stems: [String]) -> [String] {
        var out: [String] = []
        var at = index - 1
        while at >= 0, out.count < orderedWords {
            let stem = stems[at]
            if !isContent(stem) || clauseBreaks.contains(stem) || roles[stem] != nil { break }
            out.insert(stem, at: 0)
            at -= 1
        }
        return out
    }

    /// Whether two changes put the same thing first and the same thing second, however each says it ("the
    /// annual plan above the monthly plan" / "the monthly plan below the annual plan"): their words of place
    /// ("above" / "below") then oppose nothing.
    static func sameOrder(_ a: ChangeDirection, _ b: ChangeDirection) -> Bool {
        guard !a.orderings.isEmpty, !b.orderings.isEmpty else { return false }
        return a.orderings.contains { x in
            b.orderings.contains { y in !x.first.isDisjoint(with: y.first) && !x.second.isDisjoint(with: y.second) }
        }
    }

    /// Two changes that order the same two things the other way round ("annual above monthly / monthly
    /// above annual", "reviews before price / price before reviews"), or nil. The same order said the other
    /// way ("X above Y" / "Y below X") is no opposite.
    static func orderSwapped(_ a: ChangeDirection, _ b: ChangeDirection, _ spell: (ChangeDirection, String) -> String) -> String? {
        for x in a.orderings {
            for y in b.orderings {
                guard let early = x.first.intersection(y.second).min(), let late = x.second.intersection(y.first).min() else { continue }
                return "\(x.shown(spell(a, early), spell(a, late))) / \(y.shown(spell(b, late), spell(b, early)))"
            }
        }
        return nil
    }
}
