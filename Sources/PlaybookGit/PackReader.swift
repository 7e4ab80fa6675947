import Foundation
internal import CDeflate
internal import CZlib

/// Reads trees and blobs straight from the repository's pack files, for the history walk.
///
/// libgit2 rebuilds a deltified object from the bottom of its delta chain on every read
/// (it keeps only chain bases) and takes several locks and allocations per object; a walk
/// reads each version of each tree once, in order, and most versions are a delta against the
/// one read just before. Here every object rebuilt is kept for a while, so the next version
/// costs one small inflate and one delta. Anything unusual (a loose object, an object in no
/// pack, a damaged pack, a delta base in another pack) returns nil and the caller asks libgit2,
/// which has the complete rules and error messages. Not thread-safe: one reader per thread.
final class PackReader {
    /// An object's bytes, owned here (shared with the cache, never written after it is built).
    final class Bytes {
        let start: UnsafeMutableRawPointer
        let count: Int

        init(count: Int) {
            // One byte at least: an empty blob still gets a valid pointer.
            start = .allocate(byteCount: max(count, 1), alignment: 8)
            self.count = count
        }

        deinit { start.deallocate() }

        var buffer: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: start, count: count) }
    }

    /// Objects larger than this (none in a playbook) are read by libgit2.
    static let largestObject = 64 << 20

    enum Kind: Int {
        case commit = 1, tree = 2, blob = 3, tag = 4
    }

    private let packs: [PackFile]
    private let windows: [PackWindow]
    private let stream: UnsafeMutablePointer<z_stream>
    private let streamReady: Bool
    /// libdeflate inflates a whole stream into a buffer of known size about twice as fast as
    /// zlib; zlib stays for whatever it refuses. Small objects (tree deltas of some 50 bytes)
    /// get a decompressor of their own: measured, 8% less time inflating than one shared with
    /// the blobs (a decompressor can keep the fixed-Huffman tables of its last stream).
    private let decompressor: OpaquePointer?
    private let smallDecompressor: OpaquePointer?
    private static let smallObject = 256
    /// Rebuilt objects by pack and offset, in two generations: the older one is dropped when the
    /// newer fills, so what the walk keeps using stays and the memory stays bounded.
    private var recent: [Location: (Kind, Bytes)] = [:]
    private var older: [Location: (Kind, Bytes)] = [:]
    private var recentBytes = 0
    private let generationBytes = 4 << 20

    private struct Location: Hashable {
        var pack: Int
        var offset: Int

        // One word to hash: offsets are unique within a pack and packs are few.
        func hash(into hasher: inout Hasher) {
            hasher.combine(offset &+ pack &<< 48)
        }

        /// For the caches' lookups: the word multiplied by a large odd constant and folded, so
        /// that nearby offsets spread over the table, without running SipHash.
        func _rawHashValue(seed: Int) -> Int {
            let mixed = UInt64(bitPattern: Int64(offset &+ pack &<< 48)) &* 0x9e37_79b9_7f4a_7c15
            return Int(truncatingIfNeeded: mixed ^ mixed >> 32) ^ seed
        }
    }

    /// Readers for the packs in `gitDirectory/objects/pack`; nil when there are none.
    /// `stretch`: how much of a pack one read takes in (`PackWindow.walking`, `.scattered`).
    init?(gitDirectory: String, stretch: Int = PackWindow.walking) {
        let packs = PackFile.all(in: gitDirectory + "/objects/pack")
        guard !packs.isEmpty else { return nil }
        self.packs = packs
        windows = packs.map { PackWindow(pack: $0, size: stretch) }
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        streamReady = playbook_inflate_init(stream) == Z_OK
        decompressor = libdeflate_alloc_decompressor()
        smallDecompressor = libdeflate_alloc_decompressor()
    }

    deinit {
        if streamReady { inflateEnd(stream) }
        libdeflate_free_decompressor(decompressor)
        libdeflate_free_decompressor(smallDecompressor)
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// The object's kind and bytes; nil when it is not read here (libgit2 then reads it).
    func read(_ id: ObjectID) -> (kind: Kind, bytes: Bytes)? {
        guard streamReady else { return nil }
        var raw = id.oid
        return withUnsafeBytes(of: &raw.id) { idBytes -> (kind: Kind, bytes: Bytes)? in
            for (index, pack) in packs.enumerated() {
                if let offset = pack.offset(of: idBytes) {
                    return object(at: Location(pack: index, offset: offset))
                }
            }
            return nil
        }
    }

    private func cached(_ location: Location) -> (Kind, Bytes)? {
        if let hit = recent[location] { return hit }
        if let hit = older[location] {
            remember(location, hit)
            return hit
        }
        return nil
    }

    private func remember(_ location: Location, _ object: (Kind, Bytes)) {
        if recentBytes + object.1.count > generationBytes {
            // The older generation's storage is reused: rebuilding a table each time showed up.
            swap(&older, &recent)
            recent.removeAll(keepingCapacity: true)
            recentBytes = 0
        }
        recent[location] = object
        recentBytes += object.1.count
    }

    /// Follows the delta chain down to an object at hand (cached or whole), then applies the
    /// deltas back up, keeping each object rebuilt on the way.
    private func object(at start: Location) -> (kind: Kind, bytes: Bytes)? {
        if let hit = cached(start) { return hit }
        var chain: [(location: Location, delta: Bytes)] = []
        var location = start
        var base: (Kind, Bytes)
        while true {
            if !chain.isEmpty, let hit = cached(location) {
                base = hit
                break
            }
            // Git caps chains at a few thousand; a loop in a damaged pack must not run forever.
            // An entry's header takes at most 32 bytes.
            guard chain.count < 10_000, let header = windows[location.pack].bytes(at: location.offset, count: 32),
                  let entry = packs[location.pack].entry(at: location.offset, from: header) else { return nil }
            switch entry.type {
            case 1...4:
                guard let kind = Kind(rawValue: entry.type),
                      let bytes = inflate(windows[location.pack], from: entry.dataOffset, size: entry.size) else { return nil }
                base = (kind, bytes)
                if !chain.isEmpty { remember(location, base) }
            case 6:
                guard let delta = inflate(windows[location.pack], from: entry.dataOffset, size: entry.size),
                      let baseOffset = entry.baseOffset else { return nil }
                chain.append((location, delta))
                location = Location(pack: location.pack, offset: baseOffset)
                continue
            case 7:
                // A base named by id: looked up in this pack only (thin packs are git's business).
                guard let delta = inflate(windows[location.pack], from: entry.dataOffset, size: entry.size),
                      let baseID = entry.baseID,
                      let offset = baseID.withUnsafeBytes({ packs[location.pack].offset(of: $0) }) else { return nil }
                chain.append((location, delta))
                location = Location(pack: location.pack, offset: offset)
                continue
            default:
                return nil
            }
            break
        }
        while let (location, delta) = chain.popLast() {
            guard let result = Self.apply(delta, to: base.1) else { return nil }
            base = (base.0, result)
            remember(location, base)
        }
        // A whole object was looked up (missed) on the way in, and nothing since adds it.
        if chain.isEmpty { remember(start, base) }
        return (base.0, base.1)
    }

    /// Inflates `size` bytes of zlib data starting at `offset`; nil unless it is exactly that.
    private func inflate(_ window: PackWindow, from offset: Int, size: Int) -> Bytes? {
        // zlib's output is never much larger than its input (stored blocks add 5 bytes per 16 KB),
        // so this holds the whole stream; both inflaters stop at its end and ignore what follows.
        guard let input = window.bytes(at: offset, count: size + size / 8 + 64),
              let inputStart = input.baseAddress else { return nil }
        let output = Bytes(count: size)
        // Without a place for the actual size, libdeflate succeeds only on exactly `size` bytes
        // whose Adler-32 matches.
        if let decompressor = size < Self.smallObject ? smallDecompressor : decompressor, libdeflate_zlib_decompress(
            decompressor, inputStart, input.count, output.start, size, nil) == LIBDEFLATE_SUCCESS {
            return output
        }
        guard inflateReset(stream) == Z_OK else { return nil }
        stream.pointee.next_in = UnsafeMutablePointer(mutating: inputStart.assumingMemoryBound(to: UInt8.self))
        stream.pointee.avail_in = UInt32(clamping: input.count)
        stream.pointee.next_out = output.start.assumingMemoryBound(to: UInt8.self)
        stream.pointee.avail_out = UInt32(clamping: size)
        let status = CZlib.inflate(stream, Z_FINISH)
        guard status == Z_STREAM_END, stream.pointee.total_out == size else { return nil }
        return output
    }

    /// Git's delta format: the base's size and the result's as varints, then copy (from the
    /// base) and insert (literal) instructions. Nil for anything inconsistent.
    static func apply(_ delta: Bytes, to base: Bytes) -> Bytes? {
        let d = delta.buffer
        var position = 0
        func varint() -> Int? {
            var value = 0, shift = 0
            while position < d.count {
                let byte = Int(d[position])
                position += 1
                guard shift < 56 else { return nil }
                value |= (byte & 0x7f) << shift
                shift += 7
                if byte & 0x80 == 0 { return value }
            }
            return nil
        }
        guard let baseSize = varint(), baseSize == base.count, let resultSize = varint(),
              resultSize <= largestObject else { return nil }
        let result = Bytes(count: resultSize)
        let out = result.start
        let source = base.buffer
        var written = 0
        while position < d.count {
            let command = Int(d[position])
            position += 1
            if command & 0x80 != 0 {
                var offset = 0, size = 0
                for bit in 0..<4 where command & (1 << bit) != 0 {
                    guard position < d.count else { return nil }
                    offset |= Int(d[position]) << (8 * bit)
                    position += 1
                }
                for bit in 0..<3 where command & (0x10 << bit) != 0 {
                    guard position < d.count else { return nil }
                    size |= Int(d[position]) << (8 * bit)
                    position += 1
                }
                if size == 0 { size = 0x10000 }
                guard offset + size <= source.count, written + size <= resultSize else { return nil }
                (out + written).copyMemory(from: base.start + offset, byteCount: size)
                written += size
            } else if command != 0 {
                guard position + command <= d.count, written + command <= resultSize else { return nil }
                (out + written).copyMemory(from: d.baseAddress! + position, byteCount: command)
                position += command
                written += command
            } else {
                return nil
            }
        }
        return written == resultSize ? result : nil
    }
}

