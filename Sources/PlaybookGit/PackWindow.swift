import Foundation

/// Stretches of one pack read into memory: a walk reads objects in about the order they were
/// written (oldest first), so one read of some kilobytes serves many objects; several stretches
/// are kept, for delta bases that lie further back (a chain of versions of one folder's tree
/// spreads over the whole pack). Small stretches: large ones were mostly read for nothing.
final class PackWindow {
    let pack: PackFile
    private struct Stretch {
        var buffer: UnsafeMutableRawPointer
        var capacity: Int
        var start = 0
        var length = 0
        var used = 0
    }

    private var stretches: [Stretch] = []
    private var last = 0
    private var clock = 0
    /// How much is read at a time: `PackWindow.walking` for reads in about pack order.
    private let size: Int
    private static let count = 16

    /// For a walk that reads objects in about the order they were written.
    static let walking = 32 << 10
    /// For objects read out of pack order (every file of one tree, with their delta bases):
    /// about one compressed playbook file, so that a read copies what it uses rather than 32 KB
    /// of which it uses a few hundred bytes (the pack is read through a copy, `pread`).
    static let scattered = 4 << 10

    init(pack: PackFile, size: Int = PackWindow.walking) {
        self.pack = pack
        self.size = size
    }

    deinit {
        for stretch in stretches { stretch.buffer.deallocate() }
    }

    /// The bytes from `offset` on, at least `count` of them unless the pack's data ends first;
    /// valid until the next call. Nil when the file cannot be read there.
    func bytes(at offset: Int, count: Int) -> UnsafeRawBufferPointer? {
        guard offset >= 0, offset < pack.dataEnd else { return nil }
        let wanted = min(count, pack.dataEnd - offset)
        clock += 1
        // The stretch used last first: most reads follow the one before.
        func holds(_ index: Int) -> UnsafeRawBufferPointer? {
            let stretch = stretches[index]
            guard offset >= stretch.start && offset + wanted <= stretch.start + stretch.length else { return nil }
            stretches[index].used = clock
            last = index
            return UnsafeRawBufferPointer(start: stretch.buffer + (offset - stretch.start), count: stretch.start + stretch.length - offset)
        }
        if last < stretches.count, let bytes = holds(last) { return bytes }
        for index in stretches.indices where index != last {
            if let bytes = holds(index) { return bytes }
        }
        // The least recently used stretch is read again, starting at the object (or, reading
        // backwards, ending just past it).
        var index = 0
        if stretches.count < Self.count {
            stretches.append(Stretch(buffer: .allocate(byteCount: size, alignment: 16), capacity: size))
            index = stretches.count - 1
        } else {
            for candidate in stretches.indices where stretches[candidate].used < stretches[index].used { index = candidate }
        }
        if wanted > stretches[index].capacity {
            stretches[index].buffer.deallocate()
            stretches[index].buffer = .allocate(byteCount: wanted, alignment: 16)
            stretches[index].capacity = wanted
        }
        let capacity = stretches[index].capacity
        let backwards = stretches.contains { $0.length > 0 && offset < $0.start && offset + capacity > $0.start }
        let from = backwards ? max(12, offset + wanted - capacity) : offset
        let span = min(capacity, pack.dataEnd - from)
        var done = 0
        while done < span {
            let got = pread(pack.descriptor, stretches[index].buffer + done, span - done, off_t(from + done))
            if got <= 0 { break }
            done += got
        }
        stretches[index].start = from
        stretches[index].length = done
        stretches[index].used = clock
        last = index
        guard offset + wanted <= from + done else {
            stretches[index].length = 0
            return nil
        }
        return UnsafeRawBufferPointer(start: stretches[index].buffer + (offset - from), count: from + done - offset)
    }
}
