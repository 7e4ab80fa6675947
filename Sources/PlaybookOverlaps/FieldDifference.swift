import PlaybookSimilarity

extension FieldComparison {
    /// One field that tells two items apart, as a message names it ("metric (a / b)", "detail (x / y)"),
    /// its kind the message's first word. A detail's terms are spelled as each text writes them only when
    /// the message is written (`description`): most pairs compared are never worded (related work is
    /// capped per entity), and spelling them read each long text's words again for every pair (4 % of
    /// the CPU of a lint of 8,000 long experiments, for 5,393 details written).
    struct Difference: ExpressibleByStringInterpolation, CustomStringConvertible {
        /// The terms only one text names, each side's with its own text.
        private struct Detail {
            let first: [String], firstText: String
            let second: [String], secondText: String
        }

        private let written: String
        private let detail: Detail?
        /// Written after the message ("… as EXP-00001, which reads closer to EXP-00002").
        private var note = ""

        init(stringLiteral value: String) {
            written = value
            detail = nil
        }

        init(stringInterpolation: DefaultStringInterpolation) {
            written = String(stringInterpolation: stringInterpolation)
            detail = nil
        }

        private init(detail: Detail) {
            written = ""
            self.detail = detail
        }

        /// "detail (`first` / `second`)", each side's first four terms as its text writes them.
        static func detail(_ first: [String], in firstText: String, _ second: [String], in secondText: String) -> Difference {
            Difference(detail: Detail(first: first, firstText: firstText, second: second, secondText: secondText))
        }

        /// What kind of field differs: the message's first word ("metric", "detail", "surface").
        var kind: Substring {
            detail == nil ? written.prefix { $0 != " " } : "detail"
        }

        /// Whether this is a detail of wording: words on both sides (not only amounts, and not a qualifier
        /// one side adds), as two squads name one thing ("tasting flight / discovery kit").
        var isWording: Bool {
            guard let detail else { return false }
            func worded(_ terms: [String]) -> Bool { terms.contains { $0.contains(where: \.isLetter) } }
            return worded(detail.first) && worded(detail.second)
        }

        /// The message, its detail's terms spelled now.
        var description: String {
            guard let detail else { return written + note }
            return "detail (\(Self.listed(detail.first, in: detail.firstText)) / \(Self.listed(detail.second, in: detail.secondText)))" + note
        }

        /// The same difference with `note` written after it.
        func noted(_ note: String) -> Difference {
            var noted = self
            noted.note += note
            return noted
        }

        /// Terms for a message, as `text` writes them: where a word is among them, the stretches of `text`
        /// that say them ("within 24 hours of signup" / "after a week without an order", `TermReader.phrased`;
        /// review54: "welcome hours signup / week without order" named the terms but not the detail); else,
        /// or when they are spread over the text, the first four, or "–" for none. An amount in digits
        /// keeps what `text` writes with it ("£20", "20 EUR", "3 days": `amount(_:in:)`).
        static func listed(_ terms: [String], in text: String) -> String {
            guard !terms.isEmpty else { return "–" }
            if terms.contains(where: { $0.contains(where: \.isLetter) }), let phrase = ThreadReader.current.phrased(terms, in: text) {
                return phrase
            }
            return ThreadReader.current.spelled(Array(terms.prefix(4)), in: text)
                .map { $0.first?.isASCIIDigit == true ? amount($0, in: text) : $0 }
                .joined(separator: " ")
        }

        /// `number` as `text` first writes it: with a currency sign right before it, and a unit right
        /// after it, joined or after one space ("£20", "€4.99", "€1,000", "£20k", "50 EUR", "20kg", "3 days");
        /// `number` itself when `text` does not write it. A number is met as a term (`NumberTerm`): "1000"
        /// is written "1,000", "20000" may be written "20k".
        static func amount(_ number: String, in text: String) -> String {
            guard let term = NumberTerm.term(of: number),
                  let place = NumberTerm.written(in: text).first(where: { $0.term == term })?.scalars else { return number }
            let scalars = Array(text.unicodeScalars)
            var written = String(String.UnicodeScalarView(scalars[place]))
            if place.lowerBound > 0, currencySigns.contains(scalars[place.lowerBound - 1]) { written = String(scalars[place.lowerBound - 1]) + written }
            guard !number.hasSuffix("%") else { return written }
            // A unit joined ("20kg") or after one space ("3 days", "50 EUR").
            var from = place.upperBound
            if from < scalars.count, scalars[from] == " " { from += 1 }
            var to = from
            while to < scalars.count, scalars[to].properties.isAlphabetic { to += 1 }
            let unit = String(String.UnicodeScalarView(scalars[from..<to]))
            if !unit.isEmpty, units.contains(unit.lowercased()) { written += String(String.UnicodeScalarView(scalars[place.upperBound..<to])) }
            return written
        }

        static let currencySigns: Set<Unicode.Scalar> = ["£", "$", "€", "¥", "₹"]
        /// Units an amount is written with: currencies, durations, sizes and distances.
        static let units: Set<String> = [
            "eur", "usd", "gbp", "chf", "sek", "nok", "dkk", "pln", "inr", "jpy", "aud", "cad",
            "minute", "minutes", "min", "mins", "hour", "hours", "hr", "hrs", "day", "days", "week", "weeks", "month",
            "months", "year", "years", "km", "mile", "miles", "kg", "lb", "lbs", "ml", "mb", "gb", "tb",
        ]
    }
}
