/// The ages an audience states in numbers: "children aged 2 to 4", "4-6yo", "over-50s", "Year 4 pupils",
/// "Years 7 to 9", "3rd graders", "primary school" (a blind set, `fresh34`, flagged four look-alikes whose
/// audiences differed only there: "aged 2 to 4 / aged 5 to 8", "Year 4 / Year 2", "Year 9 / Year 11", "primary school /
/// Years 7 to 9"; the vocabulary's childhood bands read both sides as children).
///
/// Each phrase is a span of whole years of age, half-open: "aged 2 to 4" is 2..<5, a UK school year N is N+4..<N+6
/// (its pupils' ages during the year), a US grade N is N+5..<N+7, "over-50s" 51..<120. Phrases of one audience
/// that all overlap narrow it to what they share ("Year 4 pupils in primary schools": 8..<10); phrases that do
/// not (two groups named) stand side by side. Two audiences are apart when both state ages and no span of one
/// meets a span of the other. An audience that says its ages in words only ("toddlers", "in their thirties")
/// states none here, and is left to the vocabulary.
struct AgeBands: Sendable, Hashable {
    /// The spans, narrowed.
    let spans: [Range<Int>]
    /// The phrases that stated them, as written.
    let phrases: [String]

    /// Nil when `text` states no age in numbers.
    init?(_ text: String?) {
        guard let text, Self.mayStateAges(text) else { return nil }
        let tokens = Self.tokens(text)
        var found: [(Range<Int>, String)] = []
        var index = 0
        while index < tokens.count {
            if let (span, length) = Self.match(tokens, at: index), !span.isEmpty {
                let first = tokens[index].range.lowerBound, last = tokens[index + length - 1].range.upperBound
                found.append((span, String(String.UnicodeScalarView(text.unicodeScalars[first..<last]))))
                index += length
            } else {
                index += 1
            }
        }
        guard !found.isEmpty else { return nil }
        let low = found.map(\.0.lowerBound).max()!, high = found.map(\.0.upperBound).min()!
        spans = low < high ? [low..<high] : found.map(\.0)
        phrases = found.map(\.1)
    }

    /// The two audiences' age phrases ("aged 2 to 4 / aged 5 to 8") when both state ages and none meet; a
    /// phrase both say is left out of what is shown ("Year 4, primary school / Year 2, primary school" reads
    /// "Year 4 / Year 2").
    static func apart(_ a: AgeBands?, _ b: AgeBands?) -> String? {
        guard let a, let b else { return nil }
        guard !a.spans.contains(where: { x in b.spans.contains { x.overlaps($0) } }) else { return nil }
        let shared = Set(a.phrases.map { $0.lowercased() }).intersection(b.phrases.map { $0.lowercased() })
        func shown(_ phrases: [String]) -> String {
            let own = phrases.filter { !shared.contains($0.lowercased()) }
            return (own.isEmpty ? phrases : own).joined(separator: ", ")
        }
        return shown(a.phrases) + " / " + shown(b.phrases)
    }

    // MARK: - Reading

    struct Token {
        /// Lower-cased ASCII letters, digits, or one of "-", "+", "/".
        let text: String
        let range: Range<String.UnicodeScalarView.Index>
        var number: Int? { Int(text).flatMap { $0 < 100 ? $0 : nil } ?? AgeBands.numberWords[text] }
        var digits: Int? { text.first?.isASCII == true && text.first?.isNumber == true ? Int(text).flatMap { $0 < 100 ? $0 : nil } : nil }
    }

    /// A quick look before reading: a digit, or a word an age phrase needs.
    static func mayStateAges(_ text: String) -> Bool {
        if text.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) { return true }
        let lower = text.lowercased()
        return ["aged", "year", "primary", "secondary"].contains { lower.contains($0) }
    }

    /// Runs of ASCII letters, runs of digits, and the marks "-" (a hyphen or an en or em dash), "+", "/"; the rest separates.
    static func tokens(_ text: String) -> [Token] {
        var out: [Token] = []
        let scalars = text.unicodeScalars
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let scalar = scalars[index]
            let kind = Self.kind(scalar)
            guard kind != 0 else { index = scalars.index(after: index); continue }
            var end = scalars.index(after: index)
            if kind == 1 || kind == 2 {
                while end < scalars.endIndex, Self.kind(scalars[end]) == kind { end = scalars.index(after: end) }
            }
            var word = String(String.UnicodeScalarView(scalars[index..<end])).lowercased()
            if kind == 3 { word = scalar == "+" ? "+" : scalar == "/" ? "/" : "-" }
            out.append(Token(text: word, range: index..<end))
            index = end
        }
        return out
    }

    /// 1 a letter, 2 a digit, 3 a mark, 0 anything else.
    private static func kind(_ scalar: Unicode.Scalar) -> Int {
        switch scalar {
        case "a"..."z", "A"..."Z": 1
        case "0"..."9": 2
        case "-", "\u{2013}", "\u{2014}", "+", "/": 3
        default: 0
        }
    }

    static let numberWords: [String: Int] = [
        "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
        "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
        "eighteen": 18, "nineteen": 19, "twenty": 20,
    ]
    static let between: Set<String> = ["-", "to", "and"]
    static let years: Set<String> = ["year", "years", "yr", "yrs"]
    static let olds: Set<String> = ["old", "olds"]
    static let yearsOld: Set<String> = ["yo", "yos"]
    static let oldest = 120

    /// The age phrase starting at `index`, if any: its span and how many tokens it takes.
    static func match(_ t: [Token], at index: Int) -> (Range<Int>, Int)? {
        func word(_ offset: Int) -> String? { index + offset < t.count ? t[index + offset].text : nil }
        func number(_ offset: Int) -> Int? { index + offset < t.count ? t[index + offset].number : nil }
        func digits(_ offset: Int) -> Int? { index + offset < t.count ? t[index + offset].digits : nil }
        func span(_ low: Int, _ high: Int) -> Range<Int> { low < high ? low..<high : 0..<0 }
        /// "N to M" at `offset` ("4-6", "4 to 6", "four-to-six", "eight- and nine"): the two numbers, the offset of the
        /// second and the offset after it.
        func pair(_ offset: Int, digitsOnly: Bool = false) -> (Int, Int, second: Int, end: Int)? {
            guard let low = digitsOnly ? digits(offset) : number(offset) else { return nil }
            var at = offset + 1
            while at < offset + 4, let w = word(at), between.contains(w) { at += 1 }
            guard at > offset + 1, let high = digitsOnly ? digits(at) : number(at) else { return nil }
            return (low, high, at, at + 1)
        }
        /// After `offset`: "year(s) old(s)", "-year-olds", "yo": the offset after it.
        func yearsOldAfter(_ offset: Int) -> Int? {
            var at = offset
            if let w = word(at), yearsOld.contains(w) { return at + 1 }
            if word(at) == "-" { at += 1 }
            guard let y = word(at), years.contains(y) else { return nil }
            at += 1
            if word(at) == "-" { at += 1 }
            guard let o = word(at), olds.contains(o) else { return nil }
            return at + 1
        }
        let first = t[index].text
        switch first {
        case "aged", "ages", "age":
            if let (low, high, _, end) = pair(1) { return (span(low, high + 1), end) }
            if let n = number(1) {
                switch (word(2), word(3)) {
                case ("+", _), ("plus", _): return (span(n, oldest), 3)
                case ("and", "over"), ("and", "up"), ("and", "older"), ("or", "over"), ("or", "older"): return (span(n, oldest), 4)
                default: return first == "aged" ? (span(n, n + 1), 2) : nil
                }
            }
            switch word(1) {
            case "under", "below": if let n = number(2) { return (span(0, n), 3) }
            case "over", "above": if let n = number(2) { return (span(n + 1, oldest), 3) }
            default: break
            }
            return nil
        case "between":
            if let (low, high, second, end) = pair(1), word(second - 1) == "and", let y = word(end), years.contains(y) {
                return (span(low, high + 1), end + 1)
            }
            return nil
        case "over", "under":
            let at = word(1) == "-" ? 2 : 1
            guard let n = digits(at), word(at + 1) == "s" else { return nil }
            return (first == "over" ? span(n + 1, oldest) : span(0, n), at + 2)
        case "years", "yrs":
            if let (low, high, _, end) = pair(1, digitsOnly: true), low <= 13, high <= 13 { return (span(low + 4, high + 6), end) }
            return nil
        case "year", "yr":
            guard let n = digits(1), n <= 13 else { return nil }
            if let next = word(2), ["%", "day", "days", "week", "weeks", "month", "months", "of"].contains(next) { return nil }
            if let (low, high, _, end) = pair(1, digitsOnly: true), high <= 13 { return (span(low + 4, high + 6), end) }
            return (span(n + 4, n + 6), 2)
        case "grades":
            if let (low, high, _, end) = pair(1, digitsOnly: true), low <= 12, high <= 12 { return (span(low + 5, high + 7), end) }
            return nil
        case "grade":
            guard let n = digits(1), n <= 12 else { return nil }
            return (span(n + 5, n + 7), 2)
        case "primary", "secondary":
            let at = word(1) == "-" ? 2 : 1
            guard let s = word(at), s == "school" || s == "schools" else { return nil }
            return (first == "primary" ? span(4, 11) : span(11, 18), at + 1)
        default:
            break
        }
        // Phrases that start with a number.
        guard number(0) != nil else { return nil }
        if let (low, high, second, end) = pair(0) {
            if let after = yearsOldAfter(end) { return (span(low, high + 1), after) }
            if word(end) == "y", word(end + 1) == "/", word(end + 2) == "o" { return (span(low, high + 1), end + 3) }
            if digits(0) != nil, digits(second) != nil, word(end) == "s" { return (span(low, high + 1), end + 1) }
        }
        if let n = number(0), let after = yearsOldAfter(1) { return (span(n, n + 1), after) }
        if let n = digits(0), let ordinal = word(1), ["st", "nd", "rd", "th"].contains(ordinal), n <= 12 {
            let at = word(2) == "-" ? 3 : 2
            if let g = word(at), ["grade", "grader", "graders"].contains(g) { return (span(n + 5, n + 7), at + 1) }
        }
        return nil
    }
}
