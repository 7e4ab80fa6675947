internal import EmbeddingKernels
import Foundation
import PlaybookSimilarity

/// Sentence vectors kept between runs in `.git/playbook/embedding-cache`, per model and text, so
/// that a run embeds only the texts it has not seen. An optimisation only: a missing, damaged,
/// truncated, foreign or other-model file is ignored and rebuilt; deleting it changes no result.
/// Never read or written through a symbolic link at `.git/playbook` or at the file itself.
///
/// Format 2, little-endian: "PBEMBED\n", UInt32 version, UInt32 name length + model name,
/// UInt32 dimension, UInt32 count, count × (UInt32 length + UTF-8 text), count × dimension
/// Float32, then a UInt64 checksum of everything before it (`pb_checksum_*`: four lanes, so it
/// runs at memory speed). Format 1 (the same layout, summed by `checksum`) is still read and is
/// rewritten as format 2 the next time a text is added. Every count is checked against the
/// bytes that remain before anything is allocated; texts are matched byte for byte.
///
/// The file is mapped, not read: a run whose texts are all cached copies out only their
/// vectors, and a run that adds texts writes the new file from the mapped one, piece by piece.
public struct EmbeddingCache: Sendable {
    public static let version: UInt32 = 2
    static let magic = Array("PBEMBED\n".utf8)

    /// The folder holding the cache (`.git/playbook`).
    public let directory: String
    /// Entries kept at most: the texts of the current run first, then earlier ones.
    public let maximumEntries: Int

    public init(gitDirectory: String, maximumEntries: Int = 50_000, name: String = "embedding-cache") {
        self.init(directory: gitDirectory + "/playbook", creatingParents: false, maximumEntries: maximumEntries, name: name)
    }

    /// A cache in `directory` (for a playbook outside git: the per-user cache folder). With
    /// `creatingParents`, missing folders above it are made too (never through a link).
    /// `name`: the file's name in the folder (another name keeps other values, as `TokenAlignmentCache` does).
    public init(directory: String, creatingParents: Bool, maximumEntries: Int = 50_000, name: String = "embedding-cache") {
        self.directory = directory
        self.creatingParents = creatingParents
        self.maximumEntries = max(1, maximumEntries)
        self.name = name
    }

    /// The file's name in `directory`.
    public let name: String

    /// This cache, keeping at least `entries` entries (a run that needs more texts than the bound
    /// raises it to twice their number, so that its calls do not push each other's texts out).
    public func bounded(atLeast entries: Int) -> EmbeddingCache {
        guard entries > maximumEntries else { return self }
        var bounded = EmbeddingCache(directory: directory, creatingParents: creatingParents, maximumEntries: entries, name: name)
        bounded.accepted = accepted
        return bounded
    }

    /// A cache beside this one (same folder and bound) in the file `name`.
    public func sibling(named name: String) -> EmbeddingCache {
        var sibling = EmbeddingCache(directory: directory, creatingParents: creatingParents, maximumEntries: maximumEntries, name: name)
        sibling.accepted = accepted
        return sibling
    }

    /// The values a file may hold (beyond being finite): a file with any other is ignored, and rebuilt.
    public private(set) var accepted: ClosedRange<Float>?

    /// This cache, with a file holding a value out of `range` ignored (and rebuilt).
    public func accepting(_ range: ClosedRange<Float>) -> EmbeddingCache {
        var cache = self
        cache.accepted = range
        return cache
    }

    /// Whether folders above `directory` may be created.
    let creatingParents: Bool

    public var file: String { directory + "/" + name }

    /// Whether the cache certainly holds no vector: its file is absent (one present is not read to tell).
    public var certainlyEmpty: Bool {
        var info = stat()
        return lstat(file, &info) != 0 && errno == ENOENT
    }

    /// One vector per text, in order: from the cache where it has them, from `encoder` for the
    /// rest (then written back: this run's texts first, then earlier entries, up to the bound).
    /// Only the encoder's errors are thrown; cache problems are not.
    public func cachedVectors(for texts: [String], encoder: SentenceEncoder) throws -> [[Float]] {
        let dimension = encoder.dimension
        let run = TextTable(texts)
        let snapshot = dimension > 0 ? self.snapshot(model: encoder.modelName, dimension: dimension) : nil
        let (storedAt, isRunText) = Self.locate(run, in: snapshot)
        let missing = (0..<run.count).filter { storedAt[$0] < 0 }
        let fresh = missing.isEmpty ? [] : try encoder.encode(missing.map { texts[run.firstIndex[$0]] })
        guard fresh.count == missing.count, fresh.allSatisfy({ $0.count == dimension }) else {
            // An encoder that answers with other shapes is used as it is, and nothing is kept.
            return try encoder.encode(texts)
        }
        var freshOf = [Int](repeating: -1, count: run.count)
        for (index, unique) in missing.enumerated() { freshOf[unique] = index }
        let vectors: [[Float]] = (0..<run.count).map { unique in
            if freshOf[unique] >= 0 { return fresh[freshOf[unique]] }
            return snapshot?.vector(storedAt[unique]) ?? []
        }
        // A vector that is not finite (a model whose file shrank under it) is not kept: a cache
        // holding one is refused whole when next read, its earlier entries lost with it.
        if !missing.isEmpty, fresh.allSatisfy({ $0.allSatisfy(\.isFinite) }) {
            save(model: encoder.modelName, dimension: dimension, run: run, earlier: snapshot, isRunText: isRunText) { unique, write in
                vectors[unique].withUnsafeBufferPointer(write)
            }
        }
        return run.uniqueOf.map { vectors[$0] }
    }

    /// Where each distinct text of the run is stored (its last entry; -1 when it is not), and
    /// which of the snapshot's entries are the run's.
    private static func locate(_ run: TextTable, in snapshot: Snapshot?) -> (storedAt: [Int], isRunText: [Bool]) {
        var storedAt = [Int](repeating: -1, count: run.count)
        var isRunText = [Bool](repeating: false, count: snapshot?.count ?? 0)
        if let snapshot {
            for position in 0..<snapshot.count {
                if let unique = run.find(snapshot.text(position)) {
                    storedAt[unique] = position
                    isRunText[position] = true
                }
            }
        }
        return (storedAt, isRunText)
    }

    /// `cachedVectors` as one matrix (nil when the vectors are not all one width), written row by
    /// row: each cached vector copied from the file straight into its row, the others encoded into
    /// theirs (`SentenceEncoder.encode(_:into:rows:)`), with no array per vector. The cache file's
    /// pages are let go before the encoder runs and once the vectors are copied.
    public func cachedMatrix(for texts: [String], encoder: SentenceEncoder) throws -> (matrix: [Float], width: Int)? {
        let dimension = encoder.dimension
        guard dimension > 0, !texts.isEmpty else { return EncodedRows.matrix(try cachedVectors(for: texts, encoder: encoder)) }
        let run = TextTable(texts)
        let snapshot = self.snapshot(model: encoder.modelName, dimension: dimension)
        let (storedAt, isRunText) = Self.locate(run, in: snapshot)
        let missing = (0..<run.count).filter { storedAt[$0] < 0 }
        if !missing.isEmpty { snapshot?.releasePages() }
        var failure: Error?
        var encoded = true
        let matrix = [Float](unsafeUninitializedCapacity: texts.count * dimension) { buffer, initialized in
            initialized = texts.count * dimension
            func row(_ index: Int) -> UnsafeMutableBufferPointer<Float> {
                UnsafeMutableBufferPointer(rebasing: buffer[(index * dimension)..<((index + 1) * dimension)])
            }
            if !missing.isEmpty {
                // Each missing text into the row where it first appears.
                do {
                    encoded = try encoder.encode(missing.map { texts[run.firstIndex[$0]] }, into: buffer, rows: missing.map { run.firstIndex[$0] })
                } catch {
                    failure = error
                }
                guard failure == nil, encoded else {
                    // Nothing to give back: an empty matrix, its pages never touched (zeroing them, when lint's
                    // capped encoder refused a first run's 13,000 texts, was 20 MB of memory faulted in for nothing).
                    initialized = 0
                    return
                }
            }
            for (index, unique) in run.uniqueOf.enumerated() {
                if let snapshot, storedAt[unique] >= 0 {
                    snapshot.copyVector(storedAt[unique], into: row(index))
                } else if run.firstIndex[unique] != index {
                    _ = row(index).update(fromContentsOf: row(run.firstIndex[unique]))
                }
            }
            snapshot?.releasePages()
            if !missing.isEmpty, missing.allSatisfy({ row(run.firstIndex[$0]).allSatisfy(\.isFinite) }) {
                save(model: encoder.modelName, dimension: dimension, run: run, earlier: snapshot, isRunText: isRunText) { unique, write in
                    write(UnsafeBufferPointer(row(run.firstIndex[unique])))
                }
            }
        }
        if let failure { throw failure }
        // An encoder that answers with other shapes is used as it is, and nothing is kept (as `cachedVectors` does).
        guard encoded else { return EncodedRows.matrix(try encoder.encode(texts)) }
        return (matrix, dimension)
    }

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

    // MARK: writing

    /// Writes the file through a buffer, summing what it writes.
    struct Writer {
        private var buffer: UnsafeMutableRawBufferPointer
        private var filled = 0
        private var state: [UInt64] = [0, 0, 0, 0]
        private var total: UInt64 = 0
        private var failed = false
        private let sink: (UnsafeRawBufferPointer) -> Bool

        /// `sink` takes each full piece; false stops the writing.
        init(pieceSize: Int = 1 << 20, sink: @escaping (UnsafeRawBufferPointer) -> Bool) {
            // Whole 32-byte blocks, so that every piece but the last is summed as it is handed over.
            buffer = .allocate(byteCount: max(32, pieceSize / 32 * 32), alignment: 32)
            self.sink = sink
            state.withUnsafeMutableBufferPointer { pb_checksum_start($0.baseAddress!) }
        }

        mutating func append(_ bytes: UnsafeRawBufferPointer) {
            var done = 0
            while done < bytes.count, !failed {
                let n = min(buffer.count - filled, bytes.count - done)
                UnsafeMutableRawBufferPointer(rebasing: buffer[filled..<(filled + n)])
                    .copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[done..<(done + n)]))
                filled += n
                done += n
                if filled == buffer.count { flush(last: false) }
            }
        }

        mutating func uint32(_ value: UInt32) {
            withUnsafeBytes(of: value.littleEndian) { append($0) }
        }

        mutating func header(model: String, dimension: Int, count: Int) {
            EmbeddingCache.magic.withUnsafeBytes { append($0) }
            uint32(EmbeddingCache.version)
            let name = Array(model.utf8)
            uint32(UInt32(name.count))
            name.withUnsafeBytes { append($0) }
            uint32(UInt32(dimension))
            uint32(UInt32(count))
        }

        mutating func text(_ utf8: [UInt8]) {
            uint32(UInt32(utf8.count))
            utf8.withUnsafeBytes { append($0) }
        }

        /// Sums and hands over the buffer; all but the last piece are whole 32-byte blocks.
        private mutating func flush(last: Bool) {
            let blocks = last ? filled / 32 * 32 : filled
            let raw = UnsafeRawBufferPointer(buffer)
            state.withUnsafeMutableBufferPointer {
                pb_checksum_blocks($0.baseAddress!, raw.baseAddress!.assumingMemoryBound(to: UInt8.self), blocks)
            }
            total += UInt64(filled)
            if !sink(UnsafeRawBufferPointer(rebasing: raw[0..<filled])) { failed = true }
            if last && !failed {
                let sum = state.withUnsafeBufferPointer {
                    pb_checksum_finish($0.baseAddress!, raw.baseAddress!.assumingMemoryBound(to: UInt8.self) + blocks, filled - blocks, total)
                }
                if !withUnsafeBytes(of: sum.littleEndian, { sink($0) }) { failed = true }
            }
            filled = 0
        }

        /// Writes the rest and the checksum; false when the sink failed.
        mutating func finish() -> Bool {
            if !failed { flush(last: true) }
            buffer.deallocate()
            return !failed
        }
    }

    /// Writes this run's texts and then the earlier entries (up to the bound) beside the cache
    /// and renames over it, so a reader never sees half a file; failures are ignored.
    /// `vector(unique, write)` hands the run's distinct text `unique`'s vector to `write`.
    func save(model: String, dimension: Int, run: TextTable, earlier: Snapshot?, isRunText: [Bool],
              vector: (Int, (UnsafeBufferPointer<Float>) -> Void) -> Void) {
        guard directoryIsSafe(creating: true) else { return }
        let firstRun = min(run.count, maximumEntries)
        var kept: [Int] = []
        if let earlier {
            for position in 0..<earlier.count where firstRun + kept.count < maximumEntries && !isRunText[position] {
                kept.append(position)
            }
        }
        let temporary = directory + "/.\(name)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return }
        var writer = Writer { piece in
            var written = 0
            while written < piece.count {
                let n = write(descriptor, piece.baseAddress! + written, piece.count - written)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { return false }
                written += n
            }
            return true
        }
        writer.header(model: model, dimension: dimension, count: firstRun + kept.count)
        for unique in 0..<firstRun { writer.text(run.bytes[unique]) }
        if let earlier {
            for position in kept {
                writer.uint32(UInt32(earlier.text(position).count))
                writer.append(earlier.text(position))
            }
        }
        for unique in 0..<firstRun {
            vector(unique) { floats in
                #if _endian(little)
                writer.append(UnsafeRawBufferPointer(floats))
                #else
                for value in floats { writer.uint32(value.bitPattern) }
                #endif
            }
        }
        if let earlier {
            for position in kept { writer.append(earlier.vectorBytes(position)) }
            earlier.releasePages()
        }
        let complete = writer.finish()
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

    /// Format 2's sum (see `pb_checksum_*`).
    static func checksum2(_ raw: UnsafeRawBufferPointer) -> UInt64 {
        guard let base = raw.baseAddress?.assumingMemoryBound(to: UInt8.self) else {
            var state: [UInt64] = [0, 0, 0, 0]
            state.withUnsafeMutableBufferPointer { pb_checksum_start($0.baseAddress!) }
            return state.withUnsafeBufferPointer { pb_checksum_finish($0.baseAddress!, nil, 0, 0) }
        }
        var state: [UInt64] = [0, 0, 0, 0]
        let blocks = raw.count / 32 * 32
        state.withUnsafeMutableBufferPointer {
            pb_checksum_start($0.baseAddress!)
            pb_checksum_blocks($0.baseAddress!, base, blocks)
        }
        return state.withUnsafeBufferPointer { pb_checksum_finish($0.baseAddress!, base + blocks, raw.count - blocks, UInt64(raw.count)) }
    }

    /// Format 1's sum: FNV-1a over 8-byte words (then the tail bytes): catches truncation and damage, not tampering.
    static func checksum(_ raw: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0xcbf29ce484222325
        let prime: UInt64 = 0x100000001b3
        let words = raw.count / 8
        for i in 0..<words {
            hash = (hash ^ UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self))) &* prime
            hash ^= hash >> 29
        }
        for i in (8 * words)..<raw.count { hash = (hash ^ UInt64(raw[i])) &* prime }
        return hash
    }
}
