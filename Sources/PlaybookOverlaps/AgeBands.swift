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

    /// Nil when `text` states no age in numbers, or says one in a way read here only in part (a review found each of these
    /// read as another age): a number or a list word right before or after a phrase ("over 65 years old", "aged 7 or 8",
    /// "aged 2, 3 and 4", "twenty-five year olds"), a unit other than years after it ("aged 18 months", "aged 30 days"),
    /// an open end said in words ("aged 18 years and over", "aged 60 or more"), decades ("in their 20-30s"). A school year,
    /// grade or school stage counts only in an audience of pupils or their parents ("Year 1 undergraduates", "Grade 2
    /// listed homes", "primary school teachers" state no age).
    init?(_ text: String?) {
        guard let text, Self.mayStateAges(text) else { return nil }
        let tokens = Self.tokens(text)
        let schooling = Self.aboutPupils(text)
        var found: [(Range<Int>, String)] = []
        var index = 0
        while index < tokens.count {
            if let (span, length) = Self.match(tokens, at: index, schooling: schooling) {
                guard !span.isEmpty, !Self.unsure(tokens, before: index, after: index + length) else { return nil }
                let first = tokens[index].range.lowerBound, last = tokens[index + length - 1].range.upperBound
                found.append((span, String(String.UnicodeScalarView(text.unicodeScalars[first..<last]))))
                index += length
            } else {
                index += 1
            }
        }
        // A span holding another of the same audience is the wider name of it ("Year 4 pupils in primary schools": Year 4);
        // the rest stand side by side ("Year 10 and Year 11", "adults aged 18+ with children aged 5-18").
        let kept = found.enumerated().filter { i, x in
            !found.enumerated().contains { j, y in j != i && x.0 != y.0 && x.0.lowerBound <= y.0.lowerBound && y.0.upperBound <= x.0.upperBound }
        }.map(\.element)
        guard !kept.isEmpty else { return nil }
        spans = kept.map(\.0)
        phrases = kept.map(\.1)
    }

    /// Words that, next to an age phrase, say it was read only in part.
    static let unsureNeighbours: Set<String> = ["and", "or", "plus", "+", "over", "above", "older", "more", "up", "under", "below",
                                                "younger", "less", "month", "months", "mo", "mos", "week", "weeks", "wk", "wks",
                                                "day", "days", "hour", "hours", "minute", "minutes", "through", "thru", "-"]

    /// Whether the tokens right before `before` or at `after` make the phrase between them unsure.
    static func unsure(_ tokens: [Token], before: Int, after: Int) -> Bool {
        func doubtful(_ token: Token) -> Bool {
            token.number != nil || unsureNeighbours.contains(token.text) || numberTens.contains(token.text)
        }
        if before > 0, doubtful(tokens[before - 1]) {
            // "aged", "under-5s" and the like begin with their own word; only a number or list word before counts.
            let word = tokens[before - 1].text
            if word != "-" || before < 2 || doubtful(tokens[before - 2]) { return true }
        }
        if after < tokens.count, doubtful(tokens[after]) { return true }
        if after + 1 < tokens.count, years.contains(tokens[after].text), doubtful(tokens[after + 1]) { return true }
        return false
    }

    /// Tens said in words, which make a compound with the number after them ("twenty-five").
    static let numberTens: Set<String> = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]

    /// Whether an audience is of pupils (or their parents): school years, grades and school stages are ages only there.
    static func aboutPupils(_ text: String) -> Bool {
        let lower = text.lowercased()
        let pupils = ["pupil", "child", "kid", "son", "daughter", "parent", "mum", "mom", "dad", "famil", "boys", "girls"]
        let others = ["teacher", "staff", "head", "governor", "leader", "manager", "universit", "undergrad", "college", "graduate",
                      "medical", "employee", "adult"]
        return pupils.contains { lower.contains($0) } && !others.contains { lower.contains($0) }
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
    static func match(_ t: [Token], at index: Int, schooling: Bool) -> (Range<Int>, Int)? {
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
            guard schooling else { return nil }
            if let (low, high, _, end) = pair(1, digitsOnly: true), low <= 13, high <= 13 { return (span(low + 4, high + 6), end) }
            return nil
        case "year", "yr":
            guard schooling, let n = digits(1), n <= 13 else { return nil }
            if let (low, high, _, end) = pair(1, digitsOnly: true), high <= 13 { return (span(low + 4, high + 6), end) }
            return (span(n + 4, n + 6), 2)
        case "grades", "grade":
            guard schooling, let n = digits(1), n <= 12 else { return nil }
            if let (low, high, _, end) = pair(1, digitsOnly: true), high <= 12 { return (span(low + 5, high + 7), end) }
            return first == "grade" ? (span(n + 5, n + 7), 2) : nil
        case "primary", "secondary":
            guard schooling else { return nil }
            let at = word(1) == "-" ? 2 : 1
            guard let s = word(at), s == "school" || s == "schools" else { return nil }
            // Reception to Year 6 (4 to 11), Years 7 to 13 (11 to 18).
            return (first == "primary" ? span(4, 12) : span(11, 19), at + 1)
        default:
            break
        }
        // Phrases that start with a number.
        guard number(0) != nil else { return nil }
        if let (low, high, second, end) = pair(0) {
            if let after = yearsOldAfter(end) { return (span(low, high + 1), after) }
            if word(end) == "y", word(end + 1) == "/", word(end + 2) == "o" { return (span(low, high + 1), end + 3) }
            if digits(0) != nil, digits(second) != nil, word(end) == "s" {
                // "20-30s" are decades, read as nothing (`span` of an empty range).
                if low >= 20, low % 10 == 0, high % 10 == 0 { return (0..<0, end + 1) }
                return (span(low, high + 1), end + 1)
            }
        }
        if let n = number(0), let after = yearsOldAfter(1) { return (span(n, n + 1), after) }
        if schooling, let n = digits(0), let ordinal = word(1), ["st", "nd", "rd", "th"].contains(ordinal), n <= 12 {
            let at = word(2) == "-" ? 3 : 2
            if let g = word(at), ["grade", "grader", "graders"].contains(g) { return (span(n + 5, n + 7), at + 1) }
        }
        return nil
    }
}
