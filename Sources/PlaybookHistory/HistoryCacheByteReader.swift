import Foundation
import PlaybookGit

/// Reads the cache field by field, straight from the file's bytes.
struct ByteReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0
    /// True when the last field read ended its line.
    private(set) var atLineEnd = false

    /// Bytes of the file after `bytes` that another reader reads: counts are bounded by the file.
    let beyond: Int

    init(_ bytes: UnsafeBufferPointer<UInt8>, beyond: Int = 0) {
        self.bytes = bytes
        self.beyond = beyond
    }

    /// The next field's raw range, moving past its separator.
    private mutating func next() throws -> (Range<Int>, escaped: Bool) {
        guard position < bytes.count, let base = bytes.baseAddress else { throw HistoryCache.Malformed() }
        let start = position
        let count = bytes.count
        var escaped = false
        while true {
            // Eight bytes at a time up to the word holding a tab, a line end or a backslash (paths,
            // ids and values run to dozens of bytes); that word byte by byte.
            while position &+ 8 <= count,
                  !Self.holdsSeparatorOrEscape(UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self)) {
                position &+= 8
            }
            let stop = Swift.min(position &+ 8, count)
            guard position < stop else { throw HistoryCache.Malformed() }
            while position < stop {
                let byte = base[position]
                if byte == 9 || byte == 10 {
                    atLineEnd = byte == 10
                    position &+= 1
                    return (start..<position - 1, escaped)
                }
                if byte == 92 { escaped = true }
                position &+= 1
            }
        }
    }

    /// Whether any byte of `word` is a tab (9), a line end (10) or a backslash (92).
    @inline(__always)
    private static func holdsSeparatorOrEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        // Nonzero exactly when `x` has a zero byte.
        func zeroByte(_ x: UInt64) -> UInt64 { (x &- ones) & ~x & highs }
        return zeroByte(word ^ (ones &* 9)) | zeroByte(word ^ (ones &* 10)) | zeroByte(word ^ (ones &* 92)) != 0
    }

    /// Texts read by `name()`, by a hash of their bytes: a slot per hash's top bits, the first
    /// text seen keeping it (a dictionary hashed each hash again, a fifth of `name()`).
    private var nameSlots = SharedTexts()

    struct SharedTexts {
        static let bits = 15
        var texts: [String?] = Array(repeating: nil, count: 1 << bits)
        var hashes: [UInt64] = Array(repeating: 0, count: 1 << bits)
    }

    /// A field that repeats across records (a field path, a file path, an entity id, an author):
    /// one string per distinct text, so a cache of 300,000 field changes allocates each path once,
    /// and comparing two of them finds the same storage at once. Other fields read as `text()`.
    mutating func name() throws -> String {
        let (range, escaped) = try next()
        let slice = UnsafeBufferPointer(rebasing: bytes[range])
        if escaped { return HistoryCache.unescape(slice) }
        return Self.shared(slice, in: &nameSlots)
    }

    /// The text of unescaped bytes, the same string as the last time they were read when the slot kept it.
    private static func shared(_ slice: UnsafeBufferPointer<UInt8>, in slots: inout SharedTexts) -> String {
        // Up to 15 bytes a string is held inline (nothing to share); long texts are rarely repeated.
        guard slice.count > 15, slice.count <= 128 else { return String(decoding: slice, as: UTF8.self) }
        let hash = HistoryCache.nameHash(slice)
        let slot = Int(truncatingIfNeeded: hash >> UInt64(64 - SharedTexts.bits))
        if var known = slots.texts[slot] {
            guard slots.hashes[slot] == hash else { return String(decoding: slice, as: UTF8.self) }
            let same = known.withUTF8 { utf8 in
                guard utf8.count == slice.count, let stored = utf8.baseAddress, let read = slice.baseAddress else { return false }
                return memcmp(stored, read, slice.count) == 0
            }
            return same ? known : String(decoding: slice, as: UTF8.self)
        }
        let text = String(decoding: slice, as: UTF8.self)
        slots.texts[slot] = text
        slots.hashes[slot] = hash
        return text
    }

    mutating func text() throws -> String {
        let (range, escaped) = try next()
        let slice = UnsafeBufferPointer(rebasing: bytes[range])
        return escaped ? HistoryCache.unescape(slice) : String(decoding: slice, as: UTF8.self)
    }

    /// "-" for none, "+text" for text.
    mutating func optional() throws -> String? {
        let (range, escaped) = try next()
        guard let first = range.first.map({ bytes[$0] }) else { throw HistoryCache.Malformed() }
        if first == UInt8(ascii: "-") && range.count == 1 { return nil }
        guard first == UInt8(ascii: "+") else { throw HistoryCache.Malformed() }
        let slice = UnsafeBufferPointer(rebasing: bytes[range.dropFirst()])
        return escaped ? HistoryCache.unescape(slice) : String(decoding: slice, as: UTF8.self)
    }

    /// Whether the next field reads `word` (a tag, a flag): compared as bytes, as `text() == word` would.
    mutating func isWord(_ word: StaticString) throws -> Bool {
        let (range, escaped) = try next()
        let slice = UnsafeBufferPointer(rebasing: bytes[range])
        if escaped { return HistoryCache.unescape(slice) == word.description }
        return word.withUTF8Buffer { $0.elementsEqual(slice) }
    }

    /// `added`, `changed` or `removed`; nil for anything else.
    mutating func changeType() throws -> ChangeType? {
        let (range, escaped) = try next()
        let slice = UnsafeBufferPointer(rebasing: bytes[range])
        if escaped { return ChangeType(rawValue: HistoryCache.unescape(slice)) }
        let type: ChangeType = slice.count == 5 ? .added : slice.first == UInt8(ascii: "c") ? .changed : .removed
        return type.rawValue.utf8.elementsEqual(slice) ? type : nil
    }

    mutating func objectID() throws -> ObjectID {
        let (range, escaped) = try next()
        let slice = UnsafeBufferPointer(rebasing: bytes[range])
        let id = escaped ? ObjectID(hex: HistoryCache.unescape(slice)) : ObjectID(hexDigits: UnsafeRawBufferPointer(slice))
        guard let id else { throw HistoryCache.Malformed() }
        return id
    }

    /// A decimal field as `Int(text())` reads it (an optional sign, then digits; nil on overflow
    /// or anything else), without making the string.
    mutating func integer() throws -> Int? {
        let (range, escaped) = try next()
        let slice = UnsafeBufferPointer(rebasing: bytes[range])
        if escaped { return Int(HistoryCache.unescape(slice)) }
        return Self.decimal(slice)
    }

    static func decimal(_ digits: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = 0
        var negative = false
        if let first = digits.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            negative = first == UInt8(ascii: "-")
            index = 1
        }
        guard index < digits.count else { return nil }
        var value = 0
        while index < digits.count {
            let digit = Int(digits[index]) &- 48
            guard digit >= 0, digit <= 9 else { return nil }
            let (times, overflowed) = value.multipliedReportingOverflow(by: 10)
            let (next, overflowedAgain) = negative ? times.subtractingReportingOverflow(digit) : times.addingReportingOverflow(digit)
            guard !overflowed, !overflowedAgain else { return nil }
            value = next
            index += 1
        }
        return value
    }

    var isAtEnd: Bool { position == bytes.count }

    /// Steps over `count` lines of one 40-digit id each (checking each line's length, not its
    /// digits) and reads the last; nil (having moved nothing) when a line is not 40 bytes long or
    /// there is none, so the list is read id by id instead.
    mutating func lastOfIDLines(_ count: Int) throws -> ObjectID? {
        guard count > 0, position + count * 41 <= bytes.count else { return nil }
        var line = position
        for _ in 0..<count {
            guard bytes[line + 40] == 10 else { return nil }
            line += 41
        }
        guard let last = ObjectID(hexDigits: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[(line - 41)..<(line - 1)])))
        else { return nil }
        position = line
        atLineEnd = true
        return last
    }

    /// Steps over `count` lines, whatever they hold; malformed when the bytes end first.
    mutating func skipLines(_ count: Int) throws {
        guard count > 0 else { return }
        guard let base = bytes.baseAddress else { throw HistoryCache.Malformed() }
        for _ in 0..<count {
            guard position < bytes.count,
                  let end = memchr(base + position, 10, bytes.count - position) else { throw HistoryCache.Malformed() }
            position = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(end)) + 1
        }
        atLineEnd = true
    }

    /// "1" or "0".
    mutating func flag() throws -> Bool {
        let (range, escaped) = try next()
        guard !escaped else {
            switch HistoryCache.unescape(UnsafeBufferPointer(rebasing: bytes[range])) {
            case "1": return true
            case "0": return false
            default: throw HistoryCache.Malformed()
            }
        }
        guard range.count == 1 else { throw HistoryCache.Malformed() }
        switch bytes[range.lowerBound] {
        case UInt8(ascii: "1"): return true
        case UInt8(ascii: "0"): return false
        default: throw HistoryCache.Malformed()
        }
    }

    /// A `name<TAB>count` line whose count fits in the bytes left, at `each` bytes per item.
    mutating func count(_ name: String, each: Int) throws -> Int {
        guard try text() == name else { throw HistoryCache.Malformed() }
        let count = try text()
        return try bounded(count, each: each)
    }

    /// A count that fits in the bytes left, at `each` bytes per item.
    func bounded(_ text: String, each: Int) throws -> Int {
        try bounded(Int(text), each: each)
    }

    func bounded(_ value: Int?, each: Int) throws -> Int {
        guard let value, value >= 0, value <= (bytes.count + beyond - position) / each else {
            throw HistoryCache.Malformed()
        }
        return value
    }
}
