internal import EmbeddingKernels
import Foundation
import PlaybookSimilarity

/// Reading the cache: a run's text table, the checked, mapped snapshot of the file, and the stored entries.
extension EmbeddingCache {
    // MARK: reading

    /// The texts of one run, each once (byte for byte), in the order they first appear, with a
    /// hash table from bytes to their place.
    struct TextTable {
        /// The UTF-8 bytes of each distinct text.
        var bytes: [[UInt8]] = []
        /// For each distinct text, where it first appears in the run.
        var firstIndex: [Int] = []
        /// For each text of the run, its distinct text.
        var uniqueOf: [Int] = []
        private var slots: [Int32]
        private let mask: Int

        init(_ texts: [String]) {
            var capacity = 16
            while capacity < 2 * texts.count { capacity *= 2 }
            slots = [Int32](repeating: -1, count: capacity)
            mask = capacity - 1
            uniqueOf.reserveCapacity(texts.count)
            for (index, text) in texts.enumerated() {
                let utf8 = Array(text.utf8)
                let found = utf8.withUnsafeBytes { insertOrFind($0) }
                if found == bytes.count {
                    bytes.append(utf8)
                    firstIndex.append(index)
                }
                uniqueOf.append(found)
            }
        }

        var count: Int { bytes.count }

        /// The distinct text equal to `key`, or nil.
        func find(_ key: UnsafeRawBufferPointer) -> Int? {
            var slot = Self.hash(key) & mask
            while slots[slot] >= 0 {
                let candidate = Int(slots[slot])
                if Self.equal(bytes[candidate], key) { return candidate }
                slot = (slot + 1) & mask
            }
            return nil
        }

        /// The place of `key`, adding it (as `bytes.count`, which the caller then appends) when new.
        private mutating func insertOrFind(_ key: UnsafeRawBufferPointer) -> Int {
            var slot = Self.hash(key) & mask
            while slots[slot] >= 0 {
                let candidate = Int(slots[slot])
                if Self.equal(bytes[candidate], key) { return candidate }
                slot = (slot + 1) & mask
            }
            slots[slot] = Int32(bytes.count)
            return bytes.count
        }

        private static func hash(_ key: UnsafeRawBufferPointer) -> Int {
            Int(truncatingIfNeeded: pb_hash_bytes(key.baseAddress?.assumingMemoryBound(to: UInt8.self), key.count, 0x5eed))
        }

        private static func equal(_ stored: [UInt8], _ key: UnsafeRawBufferPointer) -> Bool {
            guard stored.count == key.count else { return false }
            return stored.withUnsafeBytes { a in
                guard let left = a.baseAddress, let right = key.baseAddress else { return true }
                return memcmp(left, right, key.count) == 0
            }
        }
    }

    /// A checked cache file (mapped, or bytes in memory): where each text and the vectors lie.
    final class Snapshot {
        private let owner: AnyObject
        private let base: UnsafeRawPointer
        let count: Int
        let dimension: Int
        private let textStarts: [Int]
        private let textLengths: [Int32]
        private let vectorStart: Int

        /// Checks `raw` (owned by `owner`) as a cache of `model` vectors; nil unless exactly right.
        init?(_ raw: UnsafeRawBufferPointer, owner: AnyObject, model: String, dimension: Int, accepted: ClosedRange<Float>? = nil) {
            let magic = EmbeddingCache.magic
            guard dimension > 0, let base = raw.baseAddress, raw.count >= magic.count + 8,
                  memcmp(base, magic, magic.count) == 0 else { return nil }
            let body = raw.count - 8
            var position = magic.count
            func uint32() -> Int? {
                guard body - position >= 4 else { return nil }
                defer { position += 4 }
                return Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: position, as: UInt32.self)))
            }
            guard let version = uint32(), version == 1 || version == Int(EmbeddingCache.version) else { return nil }
            let stored = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: body, as: UInt64.self))
            let sum = version == 1
                ? EmbeddingCache.checksum(UnsafeRawBufferPointer(rebasing: raw[0..<body]))
                : EmbeddingCache.checksum2(UnsafeRawBufferPointer(rebasing: raw[0..<body]))
            guard sum == stored else { return nil }
            let name = Array(model.utf8)
            guard let nameLength = uint32(), nameLength == name.count, body - position >= nameLength,
                  name.isEmpty || memcmp(base + position, name, name.count) == 0 else { return nil }
            position += nameLength
            guard let storedDimension = uint32(), storedDimension == dimension, let count = uint32(),
                  count <= (body - position) / (4 + 4 * dimension) else { return nil }
            var starts: [Int] = [], lengths: [Int32] = []
            starts.reserveCapacity(count)
            lengths.reserveCapacity(count)
            for _ in 0..<count {
                guard let length = uint32(), length <= body - position else { return nil }
                starts.append(position)
                lengths.append(Int32(truncatingIfNeeded: length))
                position += length
            }
            guard body - position == count * dimension * 4,
                  pb_all_finite((base + position).assumingMemoryBound(to: UInt8.self), count * dimension) != 0 else { return nil }
            if let accepted {
                for index in 0..<(count * dimension) {
                    let value = Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: position + 4 * index, as: UInt32.self)))
                    guard accepted.contains(value) else { return nil }
                }
            }
            self.owner = owner
            self.base = base
            self.count = count
            self.dimension = dimension
            textStarts = starts
            textLengths = lengths
            vectorStart = position
        }

        /// Lets the system take back the mapped file's pages (they are read again when next used):
        /// mapped pages count in the process's memory, 60 MB for 40,000 entries.
        func releasePages() {
            (owner as? MappedFile)?.releasePages()
        }

        /// The bytes of the text at `position`.
        func text(_ position: Int) -> UnsafeRawBufferPointer {
            UnsafeRawBufferPointer(start: base + textStarts[position], count: Int(textLengths[position]))
        }

        /// The text at `position` as a string (not valid UTF-8: repaired).
        func string(_ position: Int) -> String {
            String(decoding: text(position), as: UTF8.self)
        }

        /// The bytes of the vector at `position` (little-endian Float32).
        func vectorBytes(_ position: Int) -> UnsafeRawBufferPointer {
            UnsafeRawBufferPointer(start: base + vectorStart + 4 * dimension * position, count: 4 * dimension)
        }

        func vector(_ position: Int) -> [Float] {
            [Float](unsafeUninitializedCapacity: dimension) { buffer, initialized in
                copyVector(position, into: UnsafeMutableBufferPointer(rebasing: buffer[0..<dimension]))
                initialized = dimension
            }
        }

        /// The vector at `position` written into `row` (`dimension` floats).
        func copyVector(_ position: Int, into row: UnsafeMutableBufferPointer<Float>) {
            let raw = vectorBytes(position)
            #if _endian(little)
            UnsafeMutableRawBufferPointer(row).copyMemory(from: raw)
            #else
            for index in 0..<dimension {
                row[index] = Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 4 * index, as: UInt32.self)))
            }
            #endif
        }
    }

    /// The cache file for `model`, mapped and checked; nil when it is absent or not exactly right.
    func snapshot(model: String, dimension: Int) -> Snapshot? {
        guard directoryIsSafe(creating: false) else { return nil }
        let descriptor = open(file, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        let size = Int(info.st_size)
        guard size >= Self.magic.count + 8, size <= 1 << 31, let mapped = MappedFile(descriptor: descriptor, size: size) else { return nil }
        let snapshot = Snapshot(UnsafeRawBufferPointer(start: mapped.base, count: size), owner: mapped, model: model, dimension: dimension, accepted: accepted)
        // Checking it read every page; only some are needed again (the texts, the vectors asked for).
        snapshot?.releasePages()
        return snapshot
    }

    /// The vectors of `texts` when the cache has every one of them; nil otherwise.
    func lookUp(_ texts: [String], model: String, dimension: Int) -> [[Float]]? {
        guard !texts.isEmpty, let snapshot = self.snapshot(model: model, dimension: dimension) else { return nil }
        let run = TextTable(texts)
        var storedAt = [Int](repeating: -1, count: run.count)
        for position in 0..<snapshot.count {
            if let unique = run.find(snapshot.text(position)) { storedAt[unique] = position }
        }
        guard !storedAt.contains(-1) else { return nil }
        return run.uniqueOf.map { snapshot.vector(storedAt[$0]) }
    }

    /// The stored entries for `model` (none when the file is absent or not exactly right).
    func load(model: String, dimension: Int) -> Stored {
        guard let snapshot = self.snapshot(model: model, dimension: dimension) else { return Stored() }
        return Stored(snapshot)
    }

    /// Entries held in memory (tests, and `encode`).
    struct Stored {
        var texts: [String] = []
        /// count × dimension floats, row by row.
        var vectors: [Float] = []

        init(texts: [String] = [], vectors: [Float] = []) {
            self.texts = texts
            self.vectors = vectors
        }

        init(_ snapshot: Snapshot) {
            texts = (0..<snapshot.count).map(snapshot.string)
            vectors = (0..<snapshot.count).flatMap(snapshot.vector)
        }
    }

    /// `bytes` checked as a cache file, as `open` checks the mapped file.
    static func decode(_ bytes: [UInt8], model: String, dimension: Int) -> Stored? {
        final class Holder {
            let bytes: UnsafeMutableRawBufferPointer
            init(_ source: [UInt8]) {
                bytes = .allocate(byteCount: max(source.count, 1), alignment: 8)
                source.withUnsafeBytes { bytes.copyMemory(from: $0) }
            }
            deinit { bytes.deallocate() }
        }
        let holder = Holder(bytes)
        return Snapshot(UnsafeRawBufferPointer(rebasing: holder.bytes[0..<bytes.count]), owner: holder, model: model, dimension: dimension)
            .map(Stored.init)
    }

    /// `stored` as a format-2 file.
    static func encode(_ stored: Stored, model: String, dimension: Int) -> [UInt8] {
        var out: [UInt8] = []
        var writer = Writer { out += $0; return true }
        writer.header(model: model, dimension: dimension, count: stored.texts.count)
        for text in stored.texts { writer.text(Array(text.utf8)) }
        stored.vectors.withUnsafeBytes { writer.append($0) }
        _ = writer.finish()
        return out
    }
}
