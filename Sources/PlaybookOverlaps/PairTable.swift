extension DuplicateDetection {
    /// Values by pair key (first × count + second, never negative), kept in the order first put in:
    /// `keys` and `values` are two flat arrays, and an open-addressed table (linear probing, at most
    /// half full) gives each key's place in them. What a `Dictionary` of a million pairs cost a lint
    /// in hashing and fetching (a tenth of spread-16000's), and its order, which changed from one
    /// process to the next, gone: a value is read and written in place (`subscript(place:)`), the
    /// pairs are walked in the order they were found. Nothing is ever removed.
    struct PairTable<Value> {
        /// Each key, in the order first put in.
        private(set) var keys: [Int] = []
        /// Each key's value, at the key's place.
        private(set) var values: [Value] = []
        /// Slots of (key, place); key −1 where empty.
        private var slots: [(key: Int, place: Int)]
        private var shift: UInt64
        private var mask: Int

        init(minimumCapacity: Int = 0) {
            var bits: UInt64 = 4
            while (1 << bits) < minimumCapacity * 2 { bits += 1 }
            slots = Array(repeating: (-1, 0), count: 1 << Int(bits))
            shift = 64 - bits
            mask = (1 << Int(bits)) - 1
            keys.reserveCapacity(minimumCapacity)
            values.reserveCapacity(minimumCapacity)
        }

        /// The table of `keys` (each put in once, in this order) and their `values` (as many). The keys go
        /// into their slots in the order of their hashes, so that the slots are filled front to back: put in
        /// the order given, each of a million keys fetched its slot from memory (nine tenths of the time it
        /// took to put a key in).
        init(keys: [Int], values: [Value]) {
            precondition(keys.count == values.count, "a value for each key")
            self.init(minimumCapacity: keys.count)
            let shift = shift
            let bucketBits = min(12, 64 - Int(shift))
            var starts = [Int](repeating: 0, count: (1 << bucketBits) + 1)
            for key in keys { starts[Self.hash(key, shift) >> (64 - Int(shift) - bucketBits) + 1] += 1 }
            for bucket in 0..<(1 << bucketBits) { starts[bucket + 1] += starts[bucket] }
            var byHash = [Int32](repeating: 0, count: keys.count)
            for (place, key) in keys.enumerated() {
                let bucket = Self.hash(key, shift) >> (64 - Int(shift) - bucketBits)
                byHash[starts[bucket]] = Int32(truncatingIfNeeded: place)
                starts[bucket] += 1
            }
            let mask = mask
            let unique = slots.withUnsafeMutableBufferPointer { slots -> Bool in
                for place in byHash {
                    let key = keys[Int(place)]
                    precondition(key >= 0, "PairTable keys are not negative")
                    var at = Self.hash(key, shift)
                    while slots[at].key != -1 {
                        if slots[at].key == key { return false }
                        at = (at + 1) & mask
                    }
                    slots[at] = (key, Int(place))
                }
                return true
            }
            guard unique else {
                // A key given twice: put in one by one (its first place, its last value).
                self = PairTable(minimumCapacity: keys.count)
                for (key, value) in zip(keys, values) { self[key] = value }
                return
            }
            self.keys = keys
            self.values = values
        }

        var count: Int { keys.count }

        private static func hash(_ key: Int, _ shift: UInt64) -> Int {
            Int(truncatingIfNeeded: (UInt64(bitPattern: Int64(key)) &* 0x9E37_79B9_7F4A_7C15) >> shift)
        }

        /// The place of `key` in `keys` and `values`, nil when it was never put in.
        func place(of key: Int) -> Int? {
            slots.withUnsafeBufferPointer { slots in
                var at = Self.hash(key, shift)
                while true {
                    let found = slots[at]
                    if found.key == key { return found.place }
                    if found.key == -1 { return nil }
                    at = (at + 1) & mask
                }
            }
        }

        /// The value at a place (below `count`).
        subscript(place place: Int) -> Value {
            get { values[place] }
            set { values[place] = newValue }
        }

        /// The value of `key`; setting one puts the key in (at the end) or replaces its value. Setting nil is
        /// not allowed (nothing is removed).
        subscript(key: Int) -> Value? {
            get { place(of: key).map { values[$0] } }
            set {
                guard let newValue else { preconditionFailure("PairTable never removes a key") }
                precondition(key >= 0, "PairTable keys are not negative")
                var at = Self.hash(key, shift)
                while slots[at].key != -1 {
                    if slots[at].key == key {
                        values[slots[at].place] = newValue
                        return
                    }
                    at = (at + 1) & mask
                }
                slots[at] = (key, keys.count)
                keys.append(key)
                values.append(newValue)
                if keys.count * 2 > slots.count { grow() }
            }
        }

        /// Room for `total` keys without growing: the arrays sized once (a table of a few hundred thousand pairs
        /// grown by doubling as pairs came was the largest block of a lint's peak memory) and the slots
        /// made large enough at once.
        mutating func reserveCapacity(_ total: Int) {
            keys.reserveCapacity(total)
            values.reserveCapacity(total)
            guard total * 2 > slots.count else { return }
            while total * 2 > mask + 1 {
                shift -= 1
                mask = mask * 2 + 1
            }
            rehash()
        }

        /// The table twice as large, each key in it again.
        private mutating func grow() {
            shift -= 1
            mask = mask * 2 + 1
            rehash()
        }

        /// The slots made anew at the table's size (`mask + 1`), each key in them again.
        private mutating func rehash() {
            slots = Array(repeating: (-1, 0), count: mask + 1)
            for (place, key) in keys.enumerated() {
                var at = Self.hash(key, shift)
                while slots[at].key != -1 { at = (at + 1) & mask }
                slots[at] = (key, place)
            }
        }
    }
}

extension DuplicateDetection.PairTable: Sendable where Value: Sendable {}
