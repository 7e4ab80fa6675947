internal import CLibGit2

/// The SHA-1 name of a git object (commit, tree, blob, tag).
public struct ObjectID: Hashable, Sendable, CustomStringConvertible {
    // 20 bytes held as three big-endian words: no heap allocation, cheap to hash and compare.
    private let high: UInt64
    private let middle: UInt64
    private let low: UInt32

    /// One word is enough to hash: object ids are evenly spread (walks look up tens of thousands).
    public func hash(into hasher: inout Hasher) {
        hasher.combine(high)
    }

    /// What sets and dictionaries use: the first word mixed with their seed, without running
    /// SipHash (a walk does hundreds of thousands of lookups; Hasher took some 5% of its CPU).
    /// The words of a SHA-1 are already uniform, and nobody can choose many ids sharing them.
    public func _rawHashValue(seed: Int) -> Int {
        Int(truncatingIfNeeded: high) ^ seed
    }

    /// The number of bytes in an object id.
    public static let byteCount = 20

    /// Parses 40 hexadecimal digits (either case); nil for anything else.
    public init?(hex: String) {
        // Straight into the three words through a table, without an intermediate array:
        // a history cache parses tens of thousands of ids.
        var text = hex
        guard let id = text.withUTF8({ ObjectID(hexDigits: UnsafeRawBufferPointer($0)) }) else { return nil }
        self = id
    }

    /// Parses exactly 40 hexadecimal digits (either case) from raw bytes; nil for anything else.
    public init?(hexDigits digits: UnsafeRawBufferPointer) {
        guard digits.count == 40 else { return nil }
        let parsed = Self.hexValues.withUnsafeBufferPointer { table -> (UInt64, UInt64, UInt64)? in
            var invalid: UInt8 = 0
            func word(_ range: Range<Int>) -> UInt64 {
                var value: UInt64 = 0
                for index in range {
                    let nibble = table[Int(digits[index])]
                    invalid |= nibble
                    value = value << 4 | UInt64(nibble & 0x0f)
                }
                return value
            }
            let words = (word(0..<16), word(16..<32), word(32..<40))
            return invalid & 0xf0 == 0 ? words : nil
        }
        guard let (high, middle, low) = parsed else { return nil }
        self.init(high: high, middle: middle, low: UInt32(low))
    }

    /// The value of each byte as a hexadecimal digit, 0xff for a byte that is not one.
    private static let hexValues: [UInt8] = (0..<256).map { nibble(UInt8($0)) ?? 0xff }

    /// Takes exactly 20 raw bytes; nil for any other count.
    public init?(bytes: [UInt8]) {
        guard bytes.count == Self.byteCount else { return nil }
        self.init(checkedBytes: bytes)
    }

    private init(high: UInt64, middle: UInt64, low: UInt32) {
        self.high = high
        self.middle = middle
        self.low = low
    }

    private init(checkedBytes bytes: some Collection<UInt8>) {
        var words = bytes.makeIterator()
        func next(_ count: Int) -> UInt64 {
            var word: UInt64 = 0
            for _ in 0..<count { word = word << 8 | UInt64(words.next() ?? 0) }
            return word
        }
        high = next(8)
        middle = next(8)
        low = UInt32(next(4))
    }

    /// The 20 raw bytes.
    public var bytes: [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(Self.byteCount)
        for shift in stride(from: 56, through: 0, by: -8) { result.append(UInt8(truncatingIfNeeded: high >> UInt64(shift))) }
        for shift in stride(from: 56, through: 0, by: -8) { result.append(UInt8(truncatingIfNeeded: middle >> UInt64(shift))) }
        for shift in stride(from: 24, through: 0, by: -8) { result.append(UInt8(truncatingIfNeeded: low >> UInt32(shift))) }
        return result
    }

    /// 40 lowercase hexadecimal digits, as git prints them.
    public var description: String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(2 * Self.byteCount)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    private static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

extension ObjectID {
    /// Copies the id out of a libgit2 oid.
    init(_ oid: git_oid) {
        self = withUnsafeBytes(of: oid.id) { raw in
            ObjectID(
                high: UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self)),
                middle: UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)),
                low: UInt32(bigEndian: raw.loadUnaligned(fromByteOffset: 16, as: UInt32.self)))
        }
    }

    /// Copies the id out of a borrowed libgit2 oid pointer.
    init(_ oid: UnsafePointer<git_oid>) {
        self.init(oid.pointee)
    }

    /// The id as a libgit2 oid, for passing into a call.
    var oid: git_oid {
        var oid = git_oid()
        // Written word by word: this runs for every object looked up, so no temporary array.
        withUnsafeMutableBytes(of: &oid.id) { raw in
            raw.storeBytes(of: high.bigEndian, toByteOffset: 0, as: UInt64.self)
            raw.storeBytes(of: middle.bigEndian, toByteOffset: 8, as: UInt64.self)
            raw.storeBytes(of: low.bigEndian, toByteOffset: 16, as: UInt32.self)
        }
        return oid
    }
}
