import PlaybookGit
import PlaybookHistory
import PlaybookModel
import PlaybookReports

/// A page being written as UTF-8 bytes, in one growing buffer: markup appended as it is, user
/// text escaped straight into the buffer (the bytes `h` gives, without a string per piece).
/// The long pages (entity sections with their histories) are most of the site's bytes.
struct HTMLBuffer {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 4_096) { bytes.reserveCapacity(capacity) }

    /// Markup written in the source.
    @inline(__always)
    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Markup made by the site (already escaped, or made only of characters that need none).
    @inline(__always)
    mutating func raw(_ text: String) {
        // Read in place (a native string always is): a copy to call `withUTF8` on retained it.
        if text.utf8.withContiguousStorageIfAvailable({ bytes.append(contentsOf: $0) }) != nil { return }
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// A whole number.
    mutating func raw(_ number: Int) { raw(String(number)) }

    /// A day as `Day.description` spells it (`2026-07-05`), its digits written here (no strings made
    /// for its parts) where the year has four digits.
    mutating func day(_ day: Day) {
        guard (0...9_999).contains(day.year), (0...99).contains(day.month), (0...99).contains(day.day) else { return raw(day.description) }
        digits(day.year, count: 4)
        bytes.append(UInt8(ascii: "-"))
        digits(day.month, count: 2)
        bytes.append(UInt8(ascii: "-"))
        digits(day.day, count: 2)
    }

    /// `number` (not negative, under 10^count) in `count` decimal digits, zeros first.
    private mutating func digits(_ number: Int, count: Int) {
        var divisor = 1
        for _ in 1..<count { divisor *= 10 }
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(number / divisor % 10))
            divisor /= 10
        }
    }

    /// The first 12 hexadecimal digits of a commit id (as `description.prefix(12)` spells them).
    mutating func commitPrefix(_ id: ObjectID) {
        let digits: StaticString = "0123456789abcdef"
        let raw = id.bytes
        digits.withUTF8Buffer { digits in
            for byte in raw[0..<6] {
                bytes.append(digits[Int(byte >> 4)])
                bytes.append(digits[Int(byte & 0x0f)])
            }
        }
    }

    /// User text, escaped: the same bytes as `h(text)`.
    mutating func text(_ text: String) {
        // Read in place (a native string always is): a copy to call `withUTF8` on retained it.
        let general = text.utf8.withContiguousStorageIfAvailable { escape($0) } ?? {
            var copy = text
            return copy.withUTF8 { escape($0) }
        }()
        if general { raw(HTMLReport.escapeVisible(text)) }
    }

    /// A field's value as `log` shows it, escaped: the same bytes as `text(value.text)`, read in
    /// place (no string made of a quoted value).
    mutating func text(_ value: FieldValue) {
        if value.withTextUTF8({ escape($0) }) { raw(HTMLReport.escapeVisible(value.text)) }
    }

    /// Text written on several lines, as `written(text)` makes it: each line escaped as `text` escapes
    /// it, line feeds between them, trailing blank lines dropped.
    mutating func written(_ text: String) {
        let done = text.utf8.withContiguousStorageIfAvailable { source -> Bool in
            guard !source.contains(0x0D) else { return false }
            let end = Escaping.writtenEnd(source)
            var start = 0
            while true {
                var stop = start
                while stop < end, source[stop] != 0x0A { stop += 1 }
                let line = UnsafeBufferPointer(rebasing: source[start..<stop])
                if escape(line) { raw(HTMLReport.escapeVisible(String(decoding: line, as: UTF8.self))) }
                guard stop < end else { return true }
                bytes.append(0x0A)
                start = stop + 1
            }
        }
        if done != true { raw(writtenWithReturns(text)) }
    }

    /// Appends `source` escaped; true when it needs the general escaping (nothing appended then).
    /// One pass, as `Escaping.plan` reads it: runs of bytes kept as they are copied whole, an ASCII
    /// byte with a replacement replaced, and what was appended taken back on meeting a control.
    private mutating func escape(_ source: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = bytes.count
        let count = source.count
        var run = 0  // the first byte not appended yet
        var index = 0
        let general = Escaping.kept.withUnsafeBufferPointer { kept -> Bool in
            while index < count {
                let byte = source[index]
                if kept[Int(byte)] {
                    index += 1
                } else if byte >= 0x80 {
                    if Escaping.isWideControl(source, at: index) { return true }
                    index += 1
                } else if let replacement = Escaping.replacement(byte) {
                    if run < index { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[run..<index])) }
                    replacement.withUTF8Buffer { bytes.append(contentsOf: $0) }
                    index += 1
                    run = index
                } else {
                    return true  // a control
                }
            }
            return false
        }
        if general {
            bytes.removeSubrange(start...)
            return true
        }
        if run < count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[run..<count])) }
        return false
    }

    /// The page's bytes.
    func withBytes(_ body: (UnsafeBufferPointer<UInt8>) -> Void) { bytes.withUnsafeBufferPointer(body) }

    /// The page as text (the bytes are valid UTF-8: every piece was a string).
    var string: String { String(decoding: bytes, as: UTF8.self) }
}
