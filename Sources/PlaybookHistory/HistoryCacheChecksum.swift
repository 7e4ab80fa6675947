/// The cache's checksum, and the hash of the names its reader shares.
extension HistoryCache {
    /// A 64-bit checksum of the bytes (`Checksum`): catches torn writes and edits; it is not
    /// meant to stop a forger, who could as well edit the playbook.
    static func checksum(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var checksum = Checksum()
        checksum.add(UnsafeRawBufferPointer(bytes), last: true)
        return checksum.value
    }

    /// The checksum fed in pieces: every piece but the last a whole number of 32-byte blocks.
    /// Four FNV-1a lanes, each taking every fourth 8-byte word, folded into one at the end (with
    /// the words and bytes after the last block): one lane waited on each multiplication, and
    /// checksumming was a fifth of the second thread's share of reading a 25 MB cache.
    struct Checksum {
        private static let basis: UInt64 = 0xcbf2_9ce4_8422_2325
        private static let prime: UInt64 = 0x0000_0100_0000_01b3
        private var lanes: (UInt64, UInt64, UInt64, UInt64) = (basis, basis ^ 1, basis ^ 2, basis ^ 3)
        private var folded: UInt64?

        /// The checksum of everything added; only once the last piece is in.
        var value: UInt64 { folded ?? 0 }

        private static func mix(_ value: UInt64, _ word: UInt64) -> UInt64 {
            let product = (value ^ word) &* prime
            return product ^ (product >> 32)
        }

        mutating func add(_ raw: UnsafeRawBufferPointer, last: Bool) {
            precondition(folded == nil, "nothing may be added after the last piece")
            var index = 0
            var (a, b, c, d) = lanes
            while index + 32 <= raw.count {
                a = Self.mix(a, raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                b = Self.mix(b, raw.loadUnaligned(fromByteOffset: index + 8, as: UInt64.self))
                c = Self.mix(c, raw.loadUnaligned(fromByteOffset: index + 16, as: UInt64.self))
                d = Self.mix(d, raw.loadUnaligned(fromByteOffset: index + 24, as: UInt64.self))
                index += 32
            }
            lanes = (a, b, c, d)
            precondition(last || index == raw.count, "only the last piece may end mid-block")
            guard last else { return }
            var value = Self.mix(Self.mix(Self.mix(a, b), c), d)
            while index + 8 <= raw.count {
                value = Self.mix(value, raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                index += 8
            }
            while index < raw.count {
                value = (value ^ UInt64(raw[index])) &* Self.prime
                index += 1
            }
            folded = value
        }
    }

    /// A hash of a short text (FNV-1a over 8-byte words, then the tail bytes), for `ByteReader`'s
    /// table of shared names.
    static func nameHash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let raw = UnsafeRawBufferPointer(bytes)
        let prime: UInt64 = 0x0000_0100_0000_01b3
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        var index = 0
        while index + 8 <= raw.count {
            value = (value ^ raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) &* prime
            value ^= value >> 32
            index += 8
        }
        while index < raw.count {
            value = (value ^ UInt64(raw[index])) &* prime
            index += 1
        }
        return value
    }
}
