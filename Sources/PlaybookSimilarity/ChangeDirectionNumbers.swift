extension ChangeDirection {
    /// This change with the way it moves a number read from `texts` as written (the title, then the change):
    /// stems leave digits out, so "from 14 to 7 days" and "14 days instead of 7" are read here.
    public func readingNumbers(in texts: [String]) -> ChangeDirection {
        var moves: [NumberMove] = []
        for text in texts { moves += Self.numberMoves(in: text) }
        guard let first = moves.first else { return self }
        var out = self
        out.moves = moves
        guard moves.allSatisfy({ $0.up == first.up }) else { return out }
        out.numbersUp = first.up
        out.numbersShown = first.shown
        return out
    }

    /// Two changes that move a number opposite ways ("7 → 14 / 14 → 7"), or one that moves it against the
    /// other's one-way word of amount ("14 → 7 / extend"), or nil. With `sameObject`, the word's object must
    /// be named by the side that moves the number.
    static func numbersOpposed(_ a: ChangeDirection, _ b: ChangeDirection, sameObject: Bool,
                               _ spell: (ChangeDirection, String) -> String) -> String? {
        if let upA = a.numbersUp, let upB = b.numbersUp {
            return upA == upB ? nil : "\(a.numbersShown) / \(b.numbersShown)"
        }
        // Numbers moving both ways on one side at least: each move paired with the other side's moves from
        // the same number; opposed when some pair and every pair go opposite ways ("12 → 36 months,
        // £350 → £120" / "12 → 6 months, £350 → £700").
        if a.numbersUp == nil && !a.moves.isEmpty || b.numbersUp == nil && !b.moves.isEmpty {
            var first: String?
            var opposite = true
            for m in a.moves {
                for n in b.moves where m.from == n.from {
                    if m.up == n.up { opposite = false } else if first == nil { first = "\(m.shown) / \(n.shown)" }
                }
            }
            if opposite, let first { return first }
        }
        func against(_ moving: ChangeDirection, _ worded: ChangeDirection) -> String? {
            guard let up = moving.numbersUp, let word = worded.stated(.amount), (worded.up[.amount] == word) != up,
                  !(worded.replacesACount) else { return nil }
            if sameObject, worded.objects[.amount, default: []].isDisjoint(with: moving.asserted) { return nil }
            return spell(worded, word)
        }
        if let word = against(a, b) { return "\(a.numbersShown) / \(word)" }
        if let word = against(b, a) { return "\(word) / \(b.numbersShown)" }
        return nil
    }

    /// The numbers a text moves, in the order written: "from N to M" (a word may stand before each number:
    /// "from day 3 to day 1", and after the first: "from 14 days to 7"), "M … instead of N" and "M … rather
    /// than N" (M at most five words before), "N → M" and "N -> M". A move between equal numbers is none.
    static func numberMoves(in text: String) -> [NumberMove] {
        // A move needs one of its words; most texts have none, and reading every word with its value
        // was a sixth of a large playbook's reading of its texts.
        guard mayMoveNumbers(text) else { return [] }
        let tokens = numberTokens(text)
        func number(in range: Range<Int>, last: Bool = false) -> Int? {
            let indices = range.clamped(to: 0..<tokens.count).filter { tokens[$0].value != nil }
            return last ? indices.last : indices.first
        }
        func unit(after index: Int) -> Double? {
            guard index + 1 < tokens.count else { return nil }
            let word = tokens[index + 1].text
            return daysIn[word.hasSuffix("s") ? String(word.dropLast()) : word]
        }
        var out: [NumberMove] = []
        func move(_ from: Int?, _ to: Int?) {
            guard let from, let to, var x = tokens[from].value, var y = tokens[to].value else { return }
            // "Two weeks instead of 10 days": in days, when both numbers name a unit of time.
            if let unitX = unit(after: from), let unitY = unit(after: to) {
                x *= unitX
                y *= unitY
            }
            guard x != y else { return }
            out.append(NumberMove(from: x, up: y > x, shown: "\(tokens[from].text) → \(tokens[to].text)"))
        }
        for (index, token) in tokens.enumerated() {
            switch token.text {
            case "from":
                guard let first = number(in: (index + 1)..<(index + 3)),
                      let to = ((first + 1)..<min(tokens.count, first + 3)).first(where: { tokens[$0].text == "to" }) else { continue }
                move(first, number(in: (to + 1)..<(to + 3)))
            case "instead", "rather":
                guard index + 1 < tokens.count, tokens[index + 1].text == (token.text == "instead" ? "of" : "than") else { continue }
                move(number(in: (index + 2)..<(index + 4)), number(in: (index - 5)..<index, last: true))
            case "→", "->":
                move(number(in: (index - 2)..<index, last: true), number(in: (index + 1)..<(index + 3)))
            default:
                continue
            }
        }
        return out
    }

    /// Whether `text` can hold a word `numberMoves` starts from: false only for a text in ASCII that does not
    /// write "from", "instead", "rather" or "->" in any case, even within a word (any other text is read).
    static func mayMoveNumbers(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            // Lower-cased as bytes: ASCII letters only (a byte past ASCII sends the text to the full reading).
            var window: UInt64 = 0
            for byte in bytes {
                if byte >= 0x80 { return true }
                let lower = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
                window = window << 8 | UInt64(lower)
                if lower == 0x3E, window & 0xFFFF == 0x2D3E { return true } // "->"
                if window & 0xFFFF_FFFF == 0x6672_6F6D { return true } // "from"
                if window & 0xFFFF_FFFF_FFFF == 0x7261_7468_6572 { return true } // "rather"
                if window & 0xFF_FFFF_FFFF_FFFF == 0x69_6E73_7465_6164 { return true } // "instead"
            }
            return false
        } ?? true // not contiguous (bridged): read in full
    }

    /// Units of time, in days, for `numberMoves`.
    static let daysIn: [String: Double] = ["minute": 1.0 / 1_440, "min": 1.0 / 1_440, "hour": 1.0 / 24, "hr": 1.0 / 24, "day": 1, "week": 7,
                                           "month": 30, "year": 365]

    /// A text's words, numbers and arrows, lower-cased, each number with its value ("£20k": 20000, "seven": 7;
    /// "half", "double", "twice" and "once" say a share or a multiple: no value).
    static func numberTokens(_ text: String) -> [(text: String, value: Double?)] {
        var out: [(text: String, value: Double?)] = []
        let scalars = Array(text.lowercased().unicodeScalars)
        var index = 0
        func isDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 48 && s.value <= 57 }
        while index < scalars.count {
            let scalar = scalars[index]
            if isDigit(scalar) {
                var end = index
                var digits = ""
                while end < scalars.count, isDigit(scalars[end]) || ((scalars[end] == "," || scalars[end] == ".")
                        && end + 1 < scalars.count && isDigit(scalars[end + 1])) {
                    if scalars[end] != "," { digits.unicodeScalars.append(scalars[end]) }
                    end += 1
                }
                var value = Double(digits)
                var shownEnd = end
                if end < scalars.count, scalars[end] == "k" || scalars[end] == "m",
                   end + 1 >= scalars.count || !scalars[end + 1].properties.isAlphabetic {
                    value = value.map { $0 * (scalars[end] == "k" ? 1_000 : 1_000_000) }
                    shownEnd = end + 1
                }
                var start = index
                if start > 0, Tokenizer.beforeAmount.contains(scalars[start - 1].value), scalars[start - 1] != " " { start -= 1 }
                var shown = String.UnicodeScalarView()
                shown.append(contentsOf: scalars[start..<shownEnd])
                out.append((String(shown), value))
                index = shownEnd
            } else if scalar.properties.isAlphabetic {
                var end = index
                while end < scalars.count, scalars[end].properties.isAlphabetic { end += 1 }
                var word = String.UnicodeScalarView()
                word.append(contentsOf: scalars[index..<end])
                let text = String(word)
                let value = multiples.contains(text) ? nil : Lexicon.numberWords[text].flatMap(Double.init)
                out.append((text, value))
                index = end
            } else if scalar == "→" || (scalar == "-" && index + 1 < scalars.count && scalars[index + 1] == ">") {
                out.append((scalar == "→" ? "→" : "->", nil))
                index += scalar == "→" ? 1 : 2
            } else {
                index += 1
            }
        }
        return out
    }

    /// Two changes that each take away what the other keeps ("room photos instead of tile shots" / "tile shots
    /// instead of room photos", "a monthly plan instead of the annual one" / "the annual plan, not the monthly
    /// one"), or nil: the same words, swapped, are opposite changes. Each side must keep, undenied, a word the
    /// other takes away, and nine in ten of their words are shared.
    static func swappedTakings(_ a: ChangeDirection, _ b: ChangeDirection, _ spell: (ChangeDirection, String) -> String) -> String? {
        guard a.takesAway, b.takesAway, !a.notKept.isEmpty, !b.notKept.isEmpty else { return nil }
        // The same words, swapped: a rewording that takes the same thing away in other words ("drop tile shots in
        // favour of room photos on every listing card") shares fewer, and its windows run on into the place.
        // (Each side's words read once, when it was read: `statedContent`, `keptContent`.)
        let (wordsA, wordsB) = (a.statedContent, b.statedContent)
        let (fewer, more) = wordsA.count <= wordsB.count ? (wordsA, wordsB) : (wordsB, wordsA)
        var shared = 0
        for word in fewer where more.contains(word) { shared += 1 }
        // (The union's size: the two sizes less what they share.)
        guard shared * 10 >= (wordsA.count + wordsB.count - shared) * 9 else { return nil }
        guard let dropsOnA = a.notKept.intersection(b.keptContent).min(), let dropsOnB = b.notKept.intersection(a.keptContent).min() else { return nil }
        return "\(spell(a, dropsOnB)) instead of \(spell(a, dropsOnA)) / \(spell(b, dropsOnA)) instead of \(spell(b, dropsOnB))"
    }
}
