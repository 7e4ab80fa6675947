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

    /// True when `.git/playbook` is a real folder (made when `creating` and absent), not a link.
    func directoryIsSafe(creating: Bool) -> Bool {
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
