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
        var places: Int8
        var bits: UInt64
    }

    private let lock = NSLock()
    private var made: [Key: String] = [:]

    /// What joins a currency's code and its amount: a no-break space (U+00A0), so that a narrow column never
    /// breaks `EUR` from `1,000` (review59s #4); a character, not `&nbsp;`, as every text is escaped after.
    static let currencySpace = "\u{00A0}"

    /// An amount of money as the reports write a currency value (`UnitText`: `EUR 1,250.5`, the code first),
    /// with the reports' minus (ASCII, as a lift has it): `EUR -2,000`; without a currency, the number alone.
    /// The code and the amount joined by `currencySpace`.
    static func money(_ value: Double, currency: String?) -> String {
        let number = Numbers.grouped(value, places: 2)
        return (currency.map { $0 + currencySpace } ?? "") + number
    }

    /// `Numbers.unit(value, unit, currency:)`, a currency's code and amount joined by `currencySpace`.
    static func unit(_ value: Double?, _ unit: MetricUnit?, currency: String?) -> String {
        joined(Numbers.unit(value, unit, currency: currency), unit, currency: currency)
    }

    /// `Numbers.unit(value, unit, currency:)`, a currency's code and amount joined by `currencySpace`.
    static func unit(_ value: Decimal?, _ unit: MetricUnit?, currency: String?) -> String {
        joined(Numbers.unit(value, unit, currency: currency), unit, currency: currency)
    }

    /// `unit(_:_:currency:)` as the report renderers take a value's writer (`OKRRenderer.droppedText(_:written:)`),
    /// so a note worded by the report reads its values as the rest of the page does.
    static func written(_ value: Decimal?, _ unit: MetricUnit?, _ currency: String?) -> String {
        Self.unit(value, unit, currency: currency)
    }

    private static func joined(_ text: String, _ unit: MetricUnit?, currency: String?) -> String {
        guard unit == .currency, let currency, text.hasPrefix(currency + " ") else { return text }
        return currency + currencySpace + text.dropFirst(currency.count + 1)
    }

    /// A score (a key result's, a mean of them) to two decimals, zeros written, as the README says scores are
    /// shown: `0.50`, `0.00`, `1.00` (`Numbers.text` gives `0.5`); `–` for none.
    static func score(_ value: Decimal?) -> String {
        Numbers.fixed(value)
    }

    /// `score(_:)` of a score read as a Double (the North Star's mean score).
    static func score(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "–" }
        return twoPlaces(Numbers.text(value, places: 2))
    }

    /// `0.5` → `0.50`, `1` → `1.00`: a number already rounded to two places, its zeros written.
    private static func twoPlaces(_ text: String) -> String {
        let decimals = text.split(separator: ".", maxSplits: 1).dropFirst().first?.count ?? 0
        return text + (decimals == 0 ? "." : "") + String(repeating: "0", count: max(0, 2 - decimals))
    }

    /// `Numbers.signedPercent(value)`.
    func signedPercent(_ value: Double?) -> String { text(.signedPercent, value) { Numbers.signedPercent($0) } }

    /// A lift of a list whose lifts share `places` decimals (`liftPlaces`), as `report experiments` writes the
    /// lifts of one report: `+1.0%` beside `+2.8%`, not `+1%`; `Numbers.signedPercent(value)` without `places`.
    func signedPercent(_ value: Double?, places: Int?) -> String {
        guard let places else { return signedPercent(value) }
        return text(.signedPercent, value, places: places) { fraction in
            guard let fraction, let exact = Self.exact(fraction) else { return Numbers.signedPercent(fraction) }
            return LiftText.signedPercent(exact, places: places)
        }
    }

    /// The decimals every lift of a list is written with, as `report experiments` picks them for a report's:
    /// the most any of them needs (two at most), so `+1%` does not stand beside `+2.8%` but reads `+1.0%`.
    /// (Each lift's own places kept by its bits: read through its decimal text for each page it is on, they were
    /// some 4 % of a large site's first build.)
    static func liftPlaces(_ lifts: [Double?]) -> Int {
        var most = 0
        for lift in lifts {
            guard let lift else { continue }
            most = max(most, places(of: lift))
            if most == 2 { break }
        }
        return most
    }

    private static let placesKept = PlacesKept()
    private final class PlacesKept: @unchecked Sendable {
        let lock = NSLock()
        var places: [UInt64: Int] = [:]
    }

    /// The decimals `lift` needs (0 where no decimal holds it), each value worked out once.
    private static func places(of lift: Double) -> Int {
        let kept = placesKept
        kept.lock.lock()
        let known = kept.places[lift.bitPattern]
        kept.lock.unlock()
        if let known { return known }
        let places = exact(lift).map(LiftText.places) ?? 0
        kept.lock.lock()
        kept.places[lift.bitPattern] = places
        kept.lock.unlock()
        return places
    }

    /// A lift as the decimal written (`LiftText.signedPercent(Double)` reads it so); nil for one no decimal holds.
    private static func exact(_ fraction: Double) -> Decimal? {
        guard fraction.isFinite, abs(fraction) < 1e100, let exact = ExactNumber.decimal(String(fraction)), exact.isFinite else { return nil }
        return exact
    }

    /// `Numbers.smallPercent(value)`.
    func smallPercent(_ value: Double?) -> String { text(.smallPercent, value) { Numbers.smallPercent($0) } }

    /// `Numbers.probability(value)`.
    func probability(_ value: Double?) -> String { text(.probability, value) { Numbers.probability($0) } }

    /// `Numbers.text(value)` (two places).
    func text(_ value: Double?) -> String { text(.text, value) { Numbers.text($0) } }

    private func text(_ form: Form, _ value: Double?, places: Int = -1, _ make: (Double?) -> String) -> String {
        guard let value else { return make(nil) }
        let key = Key(form: form, places: Int8(clamping: places), bits: value.bitPattern)
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
