import Foundation
import PlaybookSimilarity

/// Sentence vectors kept between runs in `.git/playbook/embedding-cache`, per model and text, so
/// that a run embeds only the texts it has not seen. An optimisation only: a missing, damaged,
/// truncated, foreign or other-model file is ignored and rebuilt; deleting it changes no result.
/// Never read or written through a symbolic link at `.git/playbook` or at the file itself.
///
/// Format 1, little-endian: "PBEMBED\n", UInt32 version, UInt32 name length + model name,
/// UInt32 dimension, UInt32 count, count × (UInt32 length + UTF-8 text), count × dimension
/// Float32, then a UInt64 checksum of everything before it. Every count is checked against
/// the bytes that remain before anything is allocated.
public struct EmbeddingCache: Sendable {
    public static let version: UInt32 = 1
    static let magic = Array("PBEMBED\n".utf8)

    /// The folder holding the cache (`.git/playbook`).
    public let directory: String
    /// Entries kept at most: the texts of the current run first, then earlier ones.
    public let maximumEntries: Int

    public init(gitDirectory: String, maximumEntries: Int = 50_000) {
        self.init(directory: gitDirectory + "/playbook", creatingParents: false, maximumEntries: maximumEntries)
    }

    /// A cache in `directory` (for a playbook outside git: the per-user cache folder). With
    /// `creatingParents`, missing folders above it are made too (never through a link).
    public init(directory: String, creatingParents: Bool, maximumEntries: Int = 50_000) {
        self.directory = directory
        self.creatingParents = creatingParents
        self.maximumEntries = max(1, maximumEntries)
    }

    /// Whether folders above `directory` may be created.
    let creatingParents: Bool

    public var file: String { directory + "/embedding-cache" }

    /// One vector per text, in order: from the cache where it has them, from `encoder` for the
    /// rest (then written back). Only the encoder's errors are thrown; cache problems are not.
    public func cachedVectors(for texts: [String], encoder: SentenceEncoder) throws -> [[Float]] {
        // Every text cached (the usual run): only their vectors are read, a piece of the file at
        // a time, so a large cache never sits in memory whole beside the vectors taken from it.
        if let found = lookUp(texts, model: encoder.modelName, dimension: encoder.dimension) { return found }
        let stored = load(model: encoder.modelName, dimension: encoder.dimension)
        var index: [String: Int] = [:]
        for (position, text) in stored.texts.enumerated() { index[text] = position }
        var missing: [String] = []
        var seen = Set<String>()
        for text in texts where index[text] == nil && seen.insert(text).inserted { missing.append(text) }
        let fresh = missing.isEmpty ? [] : try encoder.encode(missing)
        var freshIndex: [String: Int] = [:]
        for (position, text) in missing.enumerated() { freshIndex[text] = position }
        let dimension = encoder.dimension
        func vector(_ text: String) -> [Float] {
            if let position = freshIndex[text] { return fresh[position] }
            return stored.vector(index[text] ?? 0, dimension: dimension)
        }
        let result = texts.map(vector)
        if !missing.isEmpty {
            // This run's texts first, then the earlier entries, up to the bound.
            var keptTexts: [String] = []
            var kept = Set<String>()
            for text in texts + stored.texts where keptTexts.count < maximumEntries && kept.insert(text).inserted {
                keptTexts.append(text)
            }
            var vectors: [Float] = []
            vectors.reserveCapacity(keptTexts.count * dimension)
            for text in keptTexts { vectors += vector(text) }
            save(Stored(texts: keptTexts, vectors: vectors), model: encoder.modelName, dimension: dimension)
        }
        return result
    }

    struct Stored {
        var texts: [String] = []
        /// count × dimension floats, row by row.
        var vectors: [Float] = []
        /// Or, as read from the file, its bytes and where the vectors start in them (Float32,
        /// little-endian): the vectors are not copied out, which would double the memory a
        /// large cache takes while it is read.
        var file: [UInt8] = []
        var start = 0

        init(texts: [String] = [], vectors: [Float] = []) {
            self.texts = texts
            self.vectors = vectors
        }

        init(texts: [String], file: [UInt8], start: Int) {
            self.texts = texts
            self.file = file
            self.start = start
        }

        /// The vector at `position`.
        func vector(_ position: Int, dimension: Int) -> [Float] {
            guard file.isEmpty else {
                let offset = start + 4 * position * dimension
                return file.withUnsafeBytes { raw in
                    (0..<dimension).map { Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 4 * $0, as: UInt32.self))) }
                }
            }
            return Array(vectors[(position * dimension)..<((position + 1) * dimension)])
        }
    }

    /// The vectors of `texts` when the cache has every one of them (as `load` would give them),
    /// read through a small buffer; nil when one is missing or the file is absent or not exactly right.
    func lookUp(_ texts: [String], model: String, dimension: Int) -> [[Float]]? {
        guard !texts.isEmpty, dimension > 0, directoryIsSafe(creating: false) else { return nil }
        let descriptor = open(file, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        let size = Int(info.st_size)
        guard size >= Self.magic.count + 8, size <= 1 << 31 else { return nil }
        var stream = Stream(descriptor: descriptor, end: size - 8)
        guard stream.bytes(Self.magic.count) == Self.magic, stream.uint32() == Self.version,
              let nameLength = stream.uint32(), let name = stream.bytes(Int(nameLength)).flatMap({ String(validating: $0, as: UTF8.self) }),
              name == model, let storedDimension = stream.uint32(), Int(storedDimension) == dimension,
              let count = stream.uint32(), Int(count) <= stream.remaining / (4 + 4 * dimension) else { return nil }
        // Where each wanted text is stored (its last entry, as `cachedVectors`' index has it).
        var wanted: [String: Int] = [:]
        for text in texts { wanted[text] = -1 }
        for position in 0..<Int(count) {
            guard let length = stream.uint32(), let bytes = stream.bytes(Int(length)),
                  let text = String(validating: bytes, as: UTF8.self) else { return nil }
            if wanted[text] != nil { wanted[text] = position }
        }
        guard stream.remaining == Int(count) * dimension * 4, !wanted.values.contains(-1) else { return nil }
        var rows: [Int: [Float]] = [:]
        var needed = Set(wanted.values)
        for position in 0..<Int(count) {
            guard let bytes = stream.bytes(4 * dimension) else { return nil }
            let row: [Float] = bytes.withUnsafeBytes { raw in
                (0..<dimension).map { Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 4 * $0, as: UInt32.self))) }
            }
            guard row.allSatisfy(\.isFinite) else { return nil }
            if needed.remove(position) != nil { rows[position] = row }
        }
        guard let sealed = stream.checksum(), let stored = stream.trailer(), sealed == stored else { return nil }
        return texts.map { rows[wanted[$0] ?? 0] ?? [] }
    }

    /// The cache file read front to back through a buffer, checksummed as it is read (the same
    /// sum as `checksum`: 8-byte words from the start, then the tail bytes one by one).
    struct Stream {
        let descriptor: Int32
        /// Where the checksummed part ends (the checksum follows).
        let end: Int
        /// Bytes consumed.
        private(set) var position = 0
        private var buffer = [UInt8](repeating: 0, count: 1 << 20)
        /// `buffer[start..<filled]` is read and not yet consumed; `loaded` bytes of the file are read.
        private var start = 0
        private var filled = 0
        private var loaded = 0
        private var hash: UInt64 = 0xcbf29ce484222325
        private var pending: UInt64 = 0
        private var pendingCount = 0
        private var failed = false

        init(descriptor: Int32, end: Int) {
            self.descriptor = descriptor
            self.end = end
        }

        var remaining: Int { end - position }

        /// The next `count` bytes of the checksummed part, or nil past its end or on a read error.
        mutating func bytes(_ count: Int) -> [UInt8]? {
            guard !failed, count >= 0, count <= remaining else {
                failed = true
                return nil
            }
            return take(count)
        }

        mutating func uint32() -> UInt32? {
            bytes(4).map { b in UInt32(b[0]) | UInt32(b[1]) << 8 | UInt32(b[2]) << 16 | UInt32(b[3]) << 24 }
        }

        /// The sum of the checksummed part, once it has all been read.
        func checksum() -> UInt64? {
            guard !failed, remaining == 0 else { return nil }
            var hash = self.hash
            for index in 0..<pendingCount { hash = (hash ^ ((pending >> (8 * UInt64(index))) & 0xFF)) &* 0x100000001b3 }
            return hash
        }

        /// The stored checksum after the checksummed part.
        mutating func trailer() -> UInt64? {
            guard !failed, remaining == 0, let b = take(8) else { return nil }
            return (0..<8).reversed().reduce(UInt64(0)) { $0 << 8 | UInt64(b[$1]) }
        }

        private mutating func take(_ count: Int) -> [UInt8]? {
            guard fill(count) else {
                failed = true
                return nil
            }
            defer {
                start += count
                position += count
            }
            return Array(buffer[start..<(start + count)])
        }

        /// Makes `count` unconsumed bytes available, reading more of the file as needed.
        private mutating func fill(_ count: Int) -> Bool {
            if filled - start >= count { return true }
            if start > 0 {
                let (from, kept) = (start, filled - start)
                buffer.withUnsafeMutableBytes { raw in
                    guard let base = raw.baseAddress else { return }
                    memmove(base, base + from, kept)
                }
                filled = kept
                start = 0
            }
            if buffer.count < count { buffer += [UInt8](repeating: 0, count: count - buffer.count) }
            while filled - start < count {
                let room = buffer.count - filled
                let n = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + filled, room) }
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { return false }
                // Only the part before the checksum is summed.
                let summed = max(0, min(n, end - loaded))
                if summed > 0 { buffer.withUnsafeBytes { feed(UnsafeRawBufferPointer(rebasing: $0[filled..<(filled + summed)])) } }
                filled += n
                loaded += n
            }
            return true
        }

        private mutating func feed(_ raw: UnsafeRawBufferPointer) {
            var index = 0
            while index < raw.count, pendingCount != 0 {
                add(raw[index])
                index += 1
            }
            while index + 8 <= raw.count {
                mix(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)))
                index += 8
            }
            while index < raw.count {
                add(raw[index])
                index += 1
            }
        }

        private mutating func add(_ byte: UInt8) {
            pending |= UInt64(byte) << (8 * UInt64(pendingCount))
            pendingCount += 1
            if pendingCount == 8 {
                mix(pending)
                pending = 0
                pendingCount = 0
            }
        }

        private mutating func mix(_ word: UInt64) {
            hash = (hash ^ word) &* 0x100000001b3
            hash ^= hash >> 29
        }
    }

    /// The stored entries for `model`, or none when the file is absent or not exactly right.
    func load(model: String, dimension: Int) -> Stored {
        guard directoryIsSafe(creating: false), let bytes = readRegularFile(file) else { return Stored() }
        return Self.decode(bytes, model: model, dimension: dimension) ?? Stored()
    }

    static func decode(_ bytes: [UInt8], model: String, dimension: Int) -> Stored? {
        guard bytes.count >= magic.count + 8, Array(bytes[0..<magic.count]) == magic else { return nil }
        let body = bytes.count - 8
        guard Self.checksum(bytes[0..<body]) == Self.uint64(bytes, at: body) else { return nil }
        var reader = Reader(bytes: bytes, end: body, position: magic.count)
        guard reader.uint32() == version,
              let nameLength = reader.uint32(), let name = reader.text(Int(nameLength)), name == model,
              let storedDimension = reader.uint32(), Int(storedDimension) == dimension,
              let count = reader.uint32() else { return nil }
        // Each entry needs at least 4 bytes of length and 4 × dimension of vector.
        guard Int(count) <= reader.remaining / (4 + 4 * max(dimension, 1)) else { return nil }
        var texts: [String] = []
        texts.reserveCapacity(Int(count))
        for _ in 0..<count {
            guard let length = reader.uint32(), let text = reader.text(Int(length)) else { return nil }
            texts.append(text)
        }
        let floats = Int(count) * dimension
        guard reader.remaining == floats * 4 else { return nil }
        let start = reader.position
        let finite = bytes.withUnsafeBytes { raw in
            (0..<floats).allSatisfy { Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: start + 4 * $0, as: UInt32.self))).isFinite }
        }
        guard finite else { return nil }
        return Stored(texts: texts, file: bytes, start: start)
    }

    static func encode(_ stored: Stored, model: String, dimension: Int) -> [UInt8] {
        var out = magic
        func put(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { out += $0 } }
        put(version)
        put(UInt32(model.utf8.count)); out += model.utf8
        put(UInt32(dimension))
        put(UInt32(stored.texts.count))
        for text in stored.texts { put(UInt32(text.utf8.count)); out += text.utf8 }
        out.reserveCapacity(out.count + 4 * stored.vectors.count + 8)
        for value in stored.vectors { put(value.bitPattern) }
        withUnsafeBytes(of: checksum(out[...]).littleEndian) { out += $0 }
        return out
    }

    /// Writes beside the cache and renames over it, so a reader never sees half a file; failures are ignored.
    func save(_ stored: Stored, model: String, dimension: Int) {
        guard directoryIsSafe(creating: true) else { return }
        let bytes = Self.encode(stored, model: model, dimension: dimension)
        let temporary = directory + "/.embedding-cache-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return }
        var written = 0
        let complete: Bool = bytes.withUnsafeBytes { raw in
            while written < raw.count {
                let n = write(descriptor, raw.baseAddress! + written, raw.count - written)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { return false }
                written += n
            }
            return true
        }
        close(descriptor)
        if !complete || rename(temporary, file) != 0 { unlink(temporary) }
    }

    /// True when `.git/playbook` is a real folder (made when `creating` and absent), not a link.
    private func directoryIsSafe(creating: Bool) -> Bool {
        var info = stat()
        if lstat(directory, &info) == 0 { return info.st_mode & S_IFMT == S_IFDIR }
        guard creating else { return false }
        if creatingParents {
            // Each missing folder from the top down; an existing one must be a folder (a link to one
            // above the last component is the user's own arrangement, e.g. a linked ~/.cache).
            var path = ""
            for component in directory.split(separator: "/").dropLast() {
                path += "/" + component
                var above = stat()
                if stat(path, &above) == 0 {
                    guard above.st_mode & S_IFMT == S_IFDIR else { return false }
                } else if mkdir(path, 0o700) != 0 && errno != EEXIST {
                    return false
                }
            }
        }
        return mkdir(directory, 0o755) == 0
    }

    /// The bytes of a regular file (not a link), or nil.
    private func readRegularFile(_ path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        let size = Int(info.st_size)
        guard size > 0, size <= 1 << 31 else { return nil }
        var bytes = [UInt8](repeating: 0, count: size)
        var done = 0
        while done < size {
            let n = bytes.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + done, size - done) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return nil }
            done += n
        }
        return bytes
    }

    /// FNV-1a over 8-byte words (then the tail bytes): catches truncation and damage, not tampering.
    static func checksum(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf29ce484222325
        let prime: UInt64 = 0x100000001b3
        bytes.withUnsafeBytes { raw in
            let words = raw.count / 8
            for i in 0..<words {
                hash = (hash ^ UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self))) &* prime
                hash ^= hash >> 29
            }
            for i in (8 * words)..<raw.count { hash = (hash ^ UInt64(raw[i])) &* prime }
        }
        return hash
    }

    static func uint64(_ bytes: [UInt8], at offset: Int, width: Int = 8) -> UInt64 {
        var value: UInt64 = 0
        for i in (0..<width).reversed() { value = value << 8 | UInt64(bytes[offset + i]) }
        return value
    }

    /// Reads fields up to `end`, refusing any that would pass it.
    struct Reader {
        let bytes: [UInt8]
        let end: Int
        var position: Int

        var remaining: Int { end - position }

        mutating func uint32() -> UInt32? {
            guard remaining >= 4 else { return nil }
            defer { position += 4 }
            return UInt32(truncatingIfNeeded: EmbeddingCache.uint64(bytes, at: position, width: 4))
        }

        mutating func text(_ length: Int) -> String? {
            guard length >= 0, length <= remaining else { return nil }
            defer { position += length }
            return String(validating: bytes[position..<(position + length)], as: UTF8.self)
        }
    }
}
