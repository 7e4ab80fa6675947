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

        /// Terms for a message, as `text` writes them: the first four, or "–" for none.
        static func listed(_ terms: [String], in text: String) -> String {
            terms.isEmpty ? "–" : ThreadReader.current.spelled(Array(terms.prefix(4)), in: text).joined(separator: " ")
        }
    }
}
