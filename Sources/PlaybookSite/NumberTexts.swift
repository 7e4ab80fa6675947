import Foundation
import PlaybookModel
import PlaybookReports

/// The texts of numbers that many sections write (an experiment's design, a lift, a p-value), each
/// made once per value and kept: `Numbers` formats through `Decimal`, and the same values (a design's
/// power 0.8 and alpha 0.05, a lift) recur on thousands of sections and cards. The same text as
/// `Numbers` gives, for it is a function of the value alone. Shared by the threads that render pages.
final class NumberTexts: @unchecked Sendable {
    private enum Form: UInt8 {
        case signedPercent, smallPercent, probability, text
    }

    private struct Key: Hashable {
        var form: Form
        var bits: UInt64
    }

    private let lock = NSLock()
    private var made: [Key: String] = [:]

    /// What joins a currency's code and its amount: a no-break space (U+00A0), so that a narrow column never
    /// breaks `EUR` from `1,000` (review59s #4); a character, not `&nbsp;`, as every text is escaped after.
    static let currencySpace = "\u{00A0}"

    /// An amount of money as the reports write a currency value (`UnitText`: `EUR 1,250.5`, the code first),
    /// with the pages' typographic minus, as a lift has it: `EUR −2,000`; without a currency, the number alone.
    /// The code and the amount joined by `currencySpace`.
    static func money(_ value: Double, currency: String?) -> String {
        let number = Numbers.grouped(value, places: 2)
        return (currency.map { $0 + currencySpace } ?? "") + (number.hasPrefix("-") ? "−" + number.dropFirst() : number)
    }

    /// `Numbers.unit(value, unit, currency:)`, a currency's code and amount joined by `currencySpace`.
    static func unit(_ value: Double?, _ unit: MetricUnit?, currency: String?) -> String {
        joined(Numbers.unit(value, unit, currency: currency), unit, currency: currency)
    }

    /// `Numbers.unit(value, unit, currency:)`, a currency's code and amount joined by `currencySpace`.
    static func unit(_ value: Decimal?, _ unit: MetricUnit?, currency: String?) -> String {
        joined(Numbers.unit(value, unit, currency: currency), unit, currency: currency)
    }

    private static func joined(_ text: String, _ unit: MetricUnit?, currency: String?) -> String {
        guard unit == .currency, let currency, text.hasPrefix(currency + " ") else { return text }
        return currency + currencySpace + text.dropFirst(currency.count + 1)
    }

    /// `Numbers.signedPercent(value)`.
    func signedPercent(_ value: Double?) -> String { text(.signedPercent, value) { Numbers.signedPercent($0) } }

    /// `Numbers.smallPercent(value)`.
    func smallPercent(_ value: Double?) -> String { text(.smallPercent, value) { Numbers.smallPercent($0) } }

    /// `Numbers.probability(value)`.
    func probability(_ value: Double?) -> String { text(.probability, value) { Numbers.probability($0) } }

    /// `Numbers.text(value)` (two places).
    func text(_ value: Double?) -> String { text(.text, value) { Numbers.text($0) } }

    private func text(_ form: Form, _ value: Double?, _ make: (Double?) -> String) -> String {
        guard let value else { return make(nil) }
        let key = Key(form: form, bits: value.bitPattern)
        lock.lock()
        let known = made[key]
        lock.unlock()
        if let known { return known }
        let text = make(value)
        lock.lock()
        made[key] = text
        lock.unlock()
        return text
    }
}
