import Foundation

/// One pack file, open for reading, and its version-2 index, mapped read-only; neither is ever
/// written, so any thread may read them. Each is opened once per process (every `PackReader`
/// shares it) and stays open: a pack's name is the hash of its content, so the same path always
/// holds the same bytes. The pack itself is read in stretches (`PackWindow`), not mapped: mapped,
/// its pages counted twice in the process's memory, once for libgit2's mapping and once for this.
final class PackFile: @unchecked Sendable {
    let descriptor: Int32
    /// Where object data ends (the 20-byte trailer follows).
    let dataEnd: Int
    private let index: UnsafeRawBufferPointer
    private let count: Int
    /// Where the ids starting with each two-byte prefix begin (65,537 bounds): a lookup then
    /// compares a handful of ids instead of binary-searching thousands in a table of megabytes,
    /// each step a cache miss.
    private let buckets: [UInt32]
    private static let namesStart = 8 + 256 * 4
    private var offsetsStart: Int { Self.namesStart + 24 * count }
    private var largeOffsetsStart: Int { Self.namesStart + 28 * count }

    /// One entry's header: its type (1–4 whole objects, 6 and 7 deltas), inflated size, where
    /// its zlib data starts, and for a delta where its base is.
    struct Entry {
        var type: Int
        var size: Int
        var dataOffset: Int
        var baseOffset: Int?
        var baseID: [UInt8]?
    }

    private init?(descriptor: Int32, size: Int, index: UnsafeRawBufferPointer) {
        // The index: magic, version 2, a fan-out table whose last entry is the object count.
        guard index.count >= Self.namesStart + 40, Self.word(index, 0) == 0xff74_4f63, Self.word(index, 4) == 2 else { return nil }
        let count = Int(Self.word(index, Self.namesStart - 4))
        guard index.count >= Self.namesStart + 28 * count + 40 else { return nil }
        var previous: UInt32 = 0
        for slot in 0..<256 {
            let value = Self.word(index, 8 + 4 * slot)
            guard value >= previous else { return nil }
            previous = value
        }
        // The pack: "PACK", version 2 or 3, and a trailer.
        var header = [UInt8](repeating: 0, count: 8)
        guard size >= 32, pread(descriptor, &header, 8, 0) == 8 else { return nil }
        let head = header.withUnsafeBytes { (Self.word($0, 0), Self.word($0, 4)) }
        guard head.0 == 0x5041_434b, (2...3).contains(head.1) else { return nil }
        self.descriptor = descriptor
        dataEnd = size - 20
        self.index = index
        self.count = count
        buckets = Self.buckets(index, count: count)
    }

    private static func buckets(_ index: UnsafeRawBufferPointer, count: Int) -> [UInt32] {
        [UInt32](unsafeUninitializedCapacity: 65_537) { bounds, initialized in
            var next = 0
            for position in 0..<count {
                let prefix = Int(index[namesStart + 20 * position]) << 8 | Int(index[namesStart + 20 * position + 1])
                while next <= prefix {
                    bounds[next] = UInt32(position)
                    next += 1
                }
            }
            while next <= 65_536 {
                bounds[next] = UInt32(count)
                next += 1
            }
            initialized = 65_537
        }
    }

    /// The packs in `folder` (`objects/pack` of a git directory) that map and look sound.
    static func all(in folder: String) -> [PackFile] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
        return names.filter { $0.hasSuffix(".idx") }.sorted().compactMap { name in
            let stem = folder + "/" + name.dropLast(4)
            return Registry.shared.pack(stem)
        }
    }

    /// The offset in the pack of the object with these 20 id bytes; nil when it is not here.
    func offset(of id: UnsafeRawBufferPointer) -> Int? {
        let prefix = Int(id[0]) << 8 | Int(id[1])
        var low = Int(buckets[prefix])
        var high = Int(buckets[prefix + 1])
        guard low <= high, high <= count, id.count >= 20 else { return nil }
        // Compared as big-endian words (same order as bytes): a call to memcmp per step showed up.
        let wanted = (Self.word64(id, 0), Self.word64(id, 8), Self.word(id, 16))
        while low < high {
            let middle = (low + high) / 2
            let name = Self.namesStart + 20 * middle
            let here = (Self.word64(index, name), Self.word64(index, name + 8), Self.word(index, name + 16))
            if here == wanted {
                let small = Self.word(index, offsetsStart + 4 * middle)
                var offset = Int(small)
                if small & 0x8000_0000 != 0 {
                    let slot = largeOffsetsStart + 8 * Int(small & 0x7fff_ffff)
                    guard slot + 8 <= index.count - 40 else { return nil }
                    offset = Int(truncatingIfNeeded: UInt64(bigEndian: index.loadUnaligned(fromByteOffset: slot, as: UInt64.self)))
                }
                return offset >= 12 && offset < dataEnd ? offset : nil
            }
            if here < wanted { low = middle + 1 } else { high = middle }
        }
        return nil
    }

    /// The entry header at `offset`, read from `bytes` (which start there); nil when it runs
    /// past the data or makes no sense.
    func entry(at offset: Int, from bytes: UnsafeRawBufferPointer) -> Entry? {
        guard offset >= 12, offset < dataEnd else { return nil }
        let available = min(dataEnd - offset, bytes.count)
        var position = 0
        var byte = Int(bytes[position])
        position += 1
        let type = (byte >> 4) & 7
        var size = byte & 0x0f
        var shift = 4
        while byte & 0x80 != 0 {
            guard position < available, shift < 57 else { return nil }
            byte = Int(bytes[position])
            position += 1
            size |= (byte & 0x7f) << shift
            shift += 7
        }
        // Larger objects are left to libgit2; a damaged size must not become a huge allocation.
        guard size <= PackReader.largestObject else { return nil }
        var entry = Entry(type: type, size: size, dataOffset: offset + position)
        if type == 6 {
            guard position < available else { return nil }
            byte = Int(bytes[position])
            position += 1
            var distance = byte & 0x7f
            while byte & 0x80 != 0 {
                guard position < available, distance < (1 << 48) else { return nil }
                byte = Int(bytes[position])
                position += 1
                distance = ((distance + 1) << 7) | (byte & 0x7f)
            }
            guard distance > 0, distance <= offset - 12 else { return nil }
            entry.baseOffset = offset - distance
            entry.dataOffset = offset + position
        } else if type == 7 {
            guard position + 20 <= available else { return nil }
            entry.baseID = Array(bytes[position..<(position + 20)])
            entry.dataOffset = offset + position + 20
        }
        return entry
    }

    private static func word(_ buffer: UnsafeRawBufferPointer, _ offset: Int) -> UInt32 {
        UInt32(bigEndian: buffer.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    private static func word64(_ buffer: UnsafeRawBufferPointer, _ offset: Int) -> UInt64 {
        UInt64(bigEndian: buffer.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    /// The packs mapped so far, by path without extension.
    private final class Registry: @unchecked Sendable {
        static let shared = Registry()
        private let lock = NSLock()
        private var packs: [String: PackFile?] = [:]

        func pack(_ stem: String) -> PackFile? {
            lock.lock()
            defer { lock.unlock() }
            if let known = packs[stem] { return known }
            var pack: PackFile?
            let descriptor = open(stem + ".pack", O_RDONLY | O_CLOEXEC)
            var status = stat()
            if descriptor >= 0, fstat(descriptor, &status) == 0, let indexBytes = Self.map(stem + ".idx") {
                pack = PackFile(descriptor: descriptor, size: Int(status.st_size), index: indexBytes)
                if pack == nil { munmap(UnsafeMutableRawPointer(mutating: indexBytes.baseAddress), indexBytes.count) }
            }
            if pack == nil && descriptor >= 0 { close(descriptor) }
            packs[stem] = pack
            return pack
        }

        /// A whole file mapped read-only; nil when it cannot be (or is empty).
        private static func map(_ path: String) -> UnsafeRawBufferPointer? {
            let descriptor = open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { return nil }
            defer { close(descriptor) }
            var status = stat()
            guard fstat(descriptor, &status) == 0, status.st_size > 0 else { return nil }
            let size = Int(status.st_size)
            guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), address != MAP_FAILED else { return nil }
            return UnsafeRawBufferPointer(start: address, count: size)
        }
    }
}
