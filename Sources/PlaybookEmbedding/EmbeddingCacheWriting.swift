internal import EmbeddingKernels
import Foundation
import PlaybookSimilarity

/// Writing the cache: the summing buffered writer, and saving a run's texts with the earlier entries.
extension EmbeddingCache {
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
}
