import Foundation
import PlaybookYAML

/// Reads the fields of one mapping node, recording a diagnostic for every missing
/// required field, wrong type, bad enum value and unknown key.
///
/// `path` prefixes field names in messages (`design.power`), `mark` is where a missing
/// field is reported (the mapping itself).
struct FieldReader {
    let what: String
    let path: String
    let mark: Mark
    let entity: String?
    private let pairs: [Pair]
    private var first: [String: Int] = [:]

    /// Returns nil (after recording a type diagnostic) when `node` is not a mapping.
    init?(_ node: Node, what: String, path: String = "", entity: String?, into diagnostics: inout [Diagnostic]) {
        guard case .mapping(let pairs) = node.value else {
            diagnostics.append(Diagnostic(
                rule: RuleID.type, mark: node.mark,
                message: "\(path.isEmpty ? what : "\"\(path.dropLast())\"") must be a mapping of keys to values, found \(FieldReader.describe(node))",
                entity: entity, field: path.isEmpty ? nil : String(path.dropLast())))
            return nil
        }
        self.what = what
        self.path = path
        self.mark = node.mark
        self.entity = entity
        self.pairs = pairs
        // A short mapping (all of a playbook's are) is searched in place: building a table costs more.
        guard pairs.count > Self.searchedInPlace else { return }
        first.reserveCapacity(pairs.count)
        for (index, pair) in pairs.enumerated() {
            if case .scalar(let key, _) = pair.key.value, first[key] == nil { first[key] = index }
        }
    }

    /// This reader under another name (`what`, `entity`), its mapping not searched again.
    private init(_ other: FieldReader, what: String, entity: String?) {
        self.what = what
        self.path = other.path
        self.mark = other.mark
        self.entity = entity
        self.pairs = other.pairs
        self.first = other.first
    }

    /// This reader with the messages naming `what` and `entity` (the root read again once its kind and id are known).
    func named(_ what: String, entity: String?) -> FieldReader {
        FieldReader(self, what: what, entity: entity)
    }

    /// Mappings with at most this many keys are searched key by key. (An experiment's root has 18:
    /// looked up by hashing, each lookup hashed the key and each reader built a table of them all.)
    static let searchedInPlace = 32

    subscript(key: String) -> Node? {
        if pairs.count <= Self.searchedInPlace {
            // The length first: an integer comparison, inlined, where most keys differ.
            let count = key.utf8.count
            for pair in pairs {
                if case .scalar(let text, _) = pair.key.value, text.utf8.count == count, text == key { return pair.value }
            }
            return nil
        }
        return first[key].map { pairs[$0].value }
    }

    func name(_ key: String) -> String { "\"\(path)\(key)\"" }

    /// The nested mapping this reader reads (`design`), marked invalid when it holds a stray key.
    private var parentField: String? { path.isEmpty ? nil : String(path.dropLast()) }

    /// Marks the diagnostics recorded since `start` as being about `key`, a field that is
    /// present but invalid.
    func attribute(_ diagnostics: inout [Diagnostic], since start: Int, to key: String) {
        for index in start..<diagnostics.count where diagnostics[index].field == nil && diagnostics[index].rule != RuleID.required {
            diagnostics[index].field = path + key
        }
    }

    /// Reports every key that is not in `allowed`, with a suggestion when one is close.
    func checkKeys(_ allowed: [String], into diagnostics: inout [Diagnostic]) {
        for pair in pairs {
            guard case .scalar(let key, _) = pair.key.value else {
                diagnostics.append(Diagnostic(
                    rule: RuleID.type, mark: pair.key.mark,
                    message: "keys of \(what) must be plain words, found \(FieldReader.describe(pair.key))", entity: entity))
                continue
            }
            if key == "<<" {
                diagnostics.append(Diagnostic(
                    rule: RuleID.unknownKey, mark: pair.key.mark,
                    message: "merge keys (<<) are not supported in playbook files; write the fields out in full", entity: entity,
                    field: parentField))
            } else if !FieldReader.contains(allowed, key) {
                let hint = KeyHints.shared.hint(for: key, in: allowed)
                // A key misspelt (`expected_lfit`, `result.learning`) is the field it meant written wrongly: rules
                // that would call that field missing see it as present but invalid, so the typo is the one finding.
                // (Nested, the field is under its mapping, which stays invalid as holding a stray key.)
                let meant = hint.isEmpty ? nil : Suggestion.closest(to: key, in: allowed).flatMap { self[$0] == nil ? path + $0 : nil }
                diagnostics.append(Diagnostic(
                    rule: RuleID.unknownKey, mark: pair.key.mark,
                    message: "unknown key \"\(path)\(key)\" in \(what)\(hint)", entity: entity, field: meant ?? parentField))
            }
        }
    }

    /// Another key of the mapping close enough to `key` to be it misspelt (`hypotesis`), if any.
    func misspelt(_ key: String) -> (key: String, mark: Mark)? {
        for pair in pairs {
            guard case .scalar(let other, _) = pair.key.value, other != key,
                  Suggestion.closest(to: other, in: [key]) != nil else { continue }
            return (other, pair.key.mark)
        }
        return nil
    }

    /// Whether `list` holds `key`, the lengths compared first (most keys differ in length).
    static func contains(_ list: [String], _ key: String) -> Bool {
        let count = key.utf8.count
        return list.contains { $0.utf8.count == count && $0 == key }
    }

    /// The node for `key`, or nil; records a missing-field diagnostic when required.
    /// An explicit null counts as missing.
    func node(_ key: String, required: Bool, into diagnostics: inout [Diagnostic]) -> Node? {
        let node = self[key]
        if let node, !FieldReader.isNull(node) { return node }
        // A key spelt close to it is that field misspelt: its "did you mean" says so, once.
        if required, misspelt(key) == nil {
            diagnostics.append(Diagnostic(
                rule: RuleID.required, mark: node?.mark ?? mark,
                message: "\(what) is missing required field \(name(key))", entity: entity))
        }
        return nil
    }

    func string(_ key: String, required: Bool = false, into diagnostics: inout [Diagnostic]) -> Located<String>? {
        guard let node = node(key, required: required, into: &diagnostics) else { return nil }
        let start = diagnostics.count
        defer { attribute(&diagnostics, since: start, to: key) }
        guard let text = FieldReader.string(node, name: name(key), entity: entity, into: &diagnostics) else { return nil }
        // A first byte that is visible ASCII starts a character that is no white space (no Unicode walk).
        if required, !(text.value.utf8.first.map { $0 > 0x20 && $0 < 0x7F } ?? false), text.value.allSatisfy(\.isWhitespace) {
            diagnostics.append(Diagnostic(
                rule: RuleID.required, mark: text.mark,
                message: "\(what) has an empty \(name(key)); write it out", entity: entity))
            return nil
        }
        return text
    }

    func number(_ key: String, required: Bool = false, into diagnostics: inout [Diagnostic]) -> Located<Double>? {
        guard let node = node(key, required: required, into: &diagnostics) else { return nil }
        let start = diagnostics.count
        defer { attribute(&diagnostics, since: start, to: key) }
        switch FieldReader.resolve(node) {
        case .int(let i)?: return Located(Double(i), at: node.mark)
        case .float(let d)? where d.isFinite || FieldReader.isNumeral(node):
            // Reports compute with the value as written, exactly (`ExactNumber`): one too large or too
            // small for that (beyond about 1e127 in size) is refused here, not dropped there; so is one
            // past what a Double holds (`1e400`, read as infinity; `1e-400`, read as 0), quoted as written.
            if d != 0 && !(1e-100..<1e100).contains(abs(d)) || d == 0 && FieldReader.isNonZeroNumeral(node),
               case .scalar(let text, _) = node.value, ExactNumber.decimal(text) == nil {
                diagnostics.append(Diagnostic(
                    rule: RuleID.range, mark: node.mark,
                    message: "\(name(key)) is \(text), \(ExactNumber.tooWide(d)) (reports take numbers between 1e-127 and 1e127 in size)",
                    entity: entity, field: path + key))
                return nil
            }
            return Located(d, at: node.mark)
        case .float?:
            // `.inf`, `.nan`: numbers to YAML, but no amount a report can use.
            diagnostics.append(typeMismatch(node, key: key, expected: "a finite number"))
            return nil
        default:
            diagnostics.append(FieldReader.radixOverflow(node, name: name(key), entity: entity) ?? typeMismatch(node, key: key, expected: "a number"))
            return nil
        }
    }

    func integer(_ key: String, required: Bool = false, into diagnostics: inout [Diagnostic]) -> Located<Int>? {
        guard let node = node(key, required: required, into: &diagnostics) else { return nil }
        let start = diagnostics.count
        defer { attribute(&diagnostics, since: start, to: key) }
        if case .int(let i)? = FieldReader.resolve(node) { return Located(i, at: node.mark) }
        diagnostics.append(FieldReader.radixOverflow(node, name: name(key), entity: entity) ?? typeMismatch(node, key: key, expected: "a whole number"))
        return nil
    }

    func bool(_ key: String, into diagnostics: inout [Diagnostic]) -> Located<Bool>? {
        guard let node = node(key, required: false, into: &diagnostics) else { return nil }
        let start = diagnostics.count
        defer { attribute(&diagnostics, since: start, to: key) }
        if case .bool(let b)? = FieldReader.resolve(node) { return Located(b, at: node.mark) }
        diagnostics.append(typeMismatch(node, key: key, expected: "true or false"))
        return nil
    }

    func choice<E: RawRepresentable & CaseIterable>(
        _ key: String, _ type: E.Type, required: Bool = false, into diagnostics: inout [Diagnostic]
    ) -> Located<E>? where E.RawValue == String {
        guard let text = string(key, required: required, into: &diagnostics) else { return nil }
        let start = diagnostics.count
        defer { attribute(&diagnostics, since: start, to: key) }
        return FieldReader.choice(text, type, name: name(key), entity: entity, into: &diagnostics)
    }

    func day(_ key: String, required: Bool = false, into diagnostics: inout [Diagnostic]) -> Located<Day>? {
        guard let text = string(key, required: required, into: &diagnostics) else { return nil }
        if let day = Day(text.value) { return Located(day, at: text.mark) }
        diagnostics.append(Diagnostic(
            rule: RuleID.date, mark: text.mark,
            message: "\(name(key)) \(FieldReader.dateProblem(text.value))", entity: entity, field: path + key))
        return nil
    }

    func quarter(_ key: String, required: Bool = false, into diagnostics: inout [Diagnostic]) -> Located<Quarter>? {
        guard let text = string(key, required: required, into: &diagnostics) else { return nil }
        if let quarter = Quarter(text.value) { return Located(quarter, at: text.mark) }
        diagnostics.append(Diagnostic(
            rule: RuleID.quarter, mark: text.mark,
            message: "\(name(key)) must be a quarter written YYYY-Qn (n from 1 to 4), found \"\(text.value)\"", entity: entity,
            field: path + key))
        return nil
    }

    /// The items of a sequence field; a lone value where a list is expected is a type error.
    func list(_ key: String, required: Bool = false, into diagnostics: inout [Diagnostic]) -> (items: [Node], mark: Mark)? {
        guard let node = node(key, required: required, into: &diagnostics) else { return nil }
        let start = diagnostics.count
        defer { attribute(&diagnostics, since: start, to: key) }
        guard case .sequence(let items) = node.value else {
            diagnostics.append(typeMismatch(node, key: key, expected: "a list"))
            return nil
        }
        return (items, node.mark)
    }

    func strings(_ key: String, into diagnostics: inout [Diagnostic]) -> [Located<String>]? {
        guard let (items, _) = list(key, into: &diagnostics) else { return nil }
        let start = diagnostics.count
        defer { attribute(&diagnostics, since: start, to: key) }
        return items.compactMap { FieldReader.string($0, name: "an item of \(name(key))", entity: entity, into: &diagnostics) }
    }

    func typeMismatch(_ node: Node, key: String, expected: String) -> Diagnostic {
        FieldReader.typeMismatch(node, name: name(key), expected: expected, entity: entity)
    }

    // MARK: - single nodes

    static func typeMismatch(_ node: Node, name: String, expected: String, entity: String?) -> Diagnostic {
        var hint = ""
        if case .scalar(let text, let style) = node.value, style != .plain {
            let unquoted = ScalarValue(text: text, style: .plain, tag: nil)
            switch (expected, unquoted) {
            case ("a number", .int), ("a whole number", .int), ("true or false", .bool):
                hint = " (remove the quotes)"
            case ("a number", .float(let d)) where d.isFinite:
                hint = " (remove the quotes)"
            default: break
            }
        }
        if hint.isEmpty, expected == "a number" || expected == "a whole number", case .scalar(let text, _) = node.value {
            hint = numberHint(text, name: name)
        }
        return Diagnostic(
            rule: RuleID.type, mark: node.mark,
            message: "\(name) must be \(expected), found \(describe(node))\(hint)", entity: entity)
    }

    /// What is wrong with a date: its form, or, written YYYY-MM-DD, that the calendar has no such day.
    static func dateProblem(_ text: String) -> String {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        if parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
           let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]), year > 0 {
            let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
            guard (1...12).contains(month) else { return "is \"\(text)\", but a year has 12 months (YYYY-MM-DD)" }
            let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
            let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
            if day < 1 || day > days { return "is \"\(text)\", but \(months[month - 1]) \(year) has \(days) days" }
        }
        return "must be a date written YYYY-MM-DD, found \"\(text)\""
    }

    /// `25.000`, `1.250.000`: digits grouped in threes by points, as thousands are written in much of Europe.
    static func groupsThousandsWithPoints(_ text: String) -> Bool {
        let groups = text.split(separator: ".", omittingEmptySubsequences: false)
        guard groups.count >= 2, let first = groups.first, (1...3).contains(first.count) else { return false }
        return groups.allSatisfy { $0.allSatisfy { $0.isASCII && $0.isNumber } } && groups.dropFirst().allSatisfy { $0.count == 3 }
    }

    /// How a number written as people write it in prose ("18,000", "€18000", "8%") is written in a
    /// playbook file, or "" when the text is no such number.
    static func numberHint(_ text: String, name: String) -> String {
        var digits = text.trimmingCharacters(in: .whitespaces)
        let percent = digits.hasSuffix("%")
        if percent { digits.removeLast() }
        for symbol in ["€", "$", "£", "¥", "EUR", "USD", "GBP"] where digits.hasPrefix(symbol) || digits.hasSuffix(symbol) {
            digits = digits.replacingOccurrences(of: symbol, with: "").trimmingCharacters(in: .whitespaces)
        }
        if groupsThousandsWithPoints(digits), digits.filter({ $0 == "." }).count > 1 {
            digits = digits.replacingOccurrences(of: ".", with: "") // "1.250.000"
        }
        let grouped = digits.contains(",") || digits.contains("_") || digits.contains(" ")
        let commaGroups = digits.split(separator: ",", omittingEmptySubsequences: false)
        if commaGroups.count == 2, commaGroups[1].count != 3 {
            digits = digits.replacingOccurrences(of: ",", with: ".") // a decimal comma: "0,08"
        }
        digits = digits.replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "_", with: "").replacingOccurrences(of: " ", with: "")
        var scale = 1.0
        if let last = digits.last, "kKmM".contains(last), digits.count > 1 {
            scale = last == "k" || last == "K" ? 1_000 : 1_000_000
            digits.removeLast()
        }
        guard digits != text, let value = Double(digits), value.isFinite,
              var exact = Decimal(string: digits, locale: posix) else { return "" }
        // In decimal, so the hint shows the number as written: 23.4 / 100 is 0.234, not 0.23399999999999999.
        if scale != 1 {
            exact *= Decimal(scale)
            digits = exact.description
        }
        // Only these shares are fractions; every other number (a percent metric's key-result values, a
        // variant's allocation) is in its own unit, where 23.4% is written 23.4.
        if percent, isFraction(name) {
            return " (write a share as a fraction, without %: \(text) is \((exact / 100).description))"
        }
        return grouped || !percent
            ? " (write the number alone, without separators, currency or units: \(digits))"
            : " (write the number alone, without %: \(digits))"
    }

    private static let posix = Locale(identifier: "en_US_POSIX")

    /// The fields written as fractions (0.05 is 5%), as the format says: lifts, the design's `mde`,
    /// `alpha` and `power`, a result's `p_value`, a key result's `confidence` (an ICE score's is 1–10).
    static let fractionFields: Set<String> = ["expected_lift", "lift", "mde", "alpha", "power", "p_value", "confidence"]

    /// Whether the field a message names (`"design.mde"`) is written as a fraction.
    static func isFraction(_ name: String) -> Bool {
        let path = name.split(separator: "\"").last.map(String.init) ?? name
        guard !path.hasPrefix("ice."), let field = path.split(separator: ".").last else { return false }
        return fractionFields.contains(String(field))
    }

    static func string(_ node: Node, name: @autoclosure () -> String, entity: String?, into diagnostics: inout [Diagnostic]) -> Located<String>? {
        switch resolve(node) {
        case .string(let s)?: return Located(s, at: node.mark)
        case .int?, .float?, .bool?:
            if case .scalar(let text, _) = node.value { return Located(text, at: node.mark) }
            return nil
        default:
            diagnostics.append(typeMismatch(node, name: name(), expected: "text", entity: entity))
            return nil
        }
    }

    static func choice<E: RawRepresentable & CaseIterable>(
        _ text: Located<String>, _ type: E.Type, name: String, entity: String?, into diagnostics: inout [Diagnostic]
    ) -> Located<E>? where E.RawValue == String {
        if let value = E(rawValue: text.value) { return Located(value, at: text.mark) }
        let options = E.allCases.map(\.rawValue)
        let hint = Suggestion.phrase(Suggestion.closest(to: text.value, in: options))
        diagnostics.append(Diagnostic(
            rule: RuleID.enumValue, mark: text.mark,
            message: "\(name) must be one of \(options.joined(separator: ", ")); found \"\(text.value)\"\(hint)", entity: entity))
        return nil
    }

    static func resolve(_ node: Node) -> ScalarValue? {
        guard case .scalar(let text, let style) = node.value else { return nil }
        return ScalarValue(text: text, style: style, tag: node.tag)
    }

    /// `resolve(node) == .null`, without building the value: a plain scalar of at most four bytes
    /// that is one of the null words, unless tagged as a string.
    static func isNull(_ node: Node) -> Bool {
        guard case .scalar(let text, let style) = node.value, style == .plain, text.utf8.count <= 4 else { return false }
        if let tag = node.tag, tag == "!!str" || tag == "!" { return false }
        switch text {
        case "", "~", "null", "Null", "NULL": return true
        default: return false
        }
    }

    /// A plain scalar written as a number in decimal (`1e400`, `-2.5`), not a word such as `.inf`.
    static func isNumeral(_ node: Node) -> Bool {
        guard case .scalar(let text, .plain) = node.value, case .float? = resolve(node) else { return false }
        return !text.lowercased().hasSuffix("inf") && !text.lowercased().hasSuffix("nan")
    }

    /// A numeral whose digits before any exponent are not all 0 (`1e-400`, which a Double reads as 0).
    static func isNonZeroNumeral(_ node: Node) -> Bool {
        guard isNumeral(node), case .scalar(let text, _) = node.value else { return false }
        return text.prefix { $0 != "e" && $0 != "E" }.contains { ("1"..."9").contains($0) }
    }

    /// A plain `0x…` or `0o…` integer past what playbook reads (Int64): a number under the YAML 1.2
    /// core schema whatever its size, so a range error, not "the string \"0x…\"" (its decimal,
    /// written as such, is read as any large decimal is).
    static func radixOverflow(_ node: Node, name: String, entity: String?) -> Diagnostic? {
        guard case .scalar(let text, .plain) = node.value, node.tag == nil, text.count > 2 else { return nil }
        let (radix, base, digits): (String, Int, Substring) = switch text.prefix(2) {
        case "0x": ("hexadecimal", 16, text.dropFirst(2))
        case "0o": ("octal", 8, text.dropFirst(2))
        default: ("", 0, "")
        }
        guard base > 0, digits.allSatisfy({ $0.hexDigitValue.map { $0 < base } ?? false }), Int(digits, radix: base) == nil else { return nil }
        let largest = base == 16 ? "0x7FFFFFFFFFFFFFFF" : "0o777777777777777777777"
        // Its decimal, while Decimal holds it exactly (38 digits): 16^30 and 8^40 are below 10^37.
        let significant = digits.drop { $0 == "0" }
        var hint = "write it in decimal"
        if significant.count <= (base == 16 ? 30 : 40) {
            let value = significant.reduce(Decimal(0)) { $0 * Decimal(base) + Decimal($1.hexDigitValue ?? 0) }
            hint += ", \(value)"
        }
        return Diagnostic(
            rule: RuleID.range, mark: node.mark,
            message: "\(name) is \(text), a number too large to read in \(radix) (at most \(largest)); \(hint)", entity: entity)
    }

    static func describe(_ node: Node) -> String {
        switch node.value {
        // A numeral past a Double (`1e400`, read as infinity) is quoted as written, not as `.inf`.
        case .scalar(let text, _) where isNumeral(node) && !(Double(text)?.isFinite ?? true): "the number \(text)"
        case .scalar: resolve(node)?.description ?? "a value"
        case .sequence: "a list"
        case .mapping: "a mapping"
        }
    }
}

/// The "did you mean" hint of each unknown key against a list of allowed keys, worked out once:
/// history and the site decode thousands of versions that carry the same few unknown keys
/// (a `description`, a `rationale`), and measuring each against every allowed key again was a
/// fifth of decoding an experiment.
private final class KeyHints: @unchecked Sendable {
    static let shared = KeyHints()
    /// The lists come from `FormatSpec.keys`, built once: a list is found by its storage, and a
    /// hit is checked against the list itself (equal at once when the storage is the same).
    private struct Key: Hashable {
        var word: String
        var list: UnsafeRawPointer?
    }

    private let lock = NSLock()
    private var hints: [Key: (allowed: [String], hint: String)] = [:]
    /// Bounds the table: a file of made-up keys must not grow it without end.
    private static let capacity = 4096

    func hint(for word: String, in allowed: [String]) -> String {
        let key = Key(word: word, list: allowed.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) })
        lock.lock()
        let known = hints[key]
        lock.unlock()
        if let known, known.allowed == allowed { return known.hint }
        let hint = Suggestion.phrase(Suggestion.closest(to: word, in: allowed))
        lock.lock()
        if hints.count >= Self.capacity { hints.removeAll(keepingCapacity: true) }
        hints[key] = (allowed, hint)
        lock.unlock()
        return hint
    }
}
