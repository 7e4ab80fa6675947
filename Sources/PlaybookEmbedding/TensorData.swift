import Foundation

/// Read-only floats of a tensor, kept alive by their owner: the mapped model file, or a buffer
/// of their own. Never written after creation, so sharing them across threads is safe.
struct TensorData: @unchecked Sendable {
    let pointer: UnsafePointer<Float>
    let count: Int
    private let owner: AnyObject

    init(pointer: UnsafePointer<Float>, count: Int, owner: AnyObject) {
        self.pointer = pointer
        self.count = count
        self.owner = owner
    }

    /// Copies `values` into a buffer of their own.
    init(_ values: [Float]) {
        let buffer = OwnedFloats(count: values.count)
        values.withUnsafeBufferPointer { source in
            if let base = source.baseAddress { buffer.pointer.update(from: base, count: values.count) }
        }
        self.init(pointer: UnsafePointer(buffer.pointer), count: values.count, owner: buffer)
    }

    /// Lets the system take back the memory pages of these floats when they lie in the mapped file
    /// (they are read again from the file, usually still in the page cache, when next used): mapped
    /// pages count in the process's resident memory for as long as they are mapped. Only for floats
    /// that are never written, which these are; a buffer of their own is kept.
    func releasePages() {
        (owner as? MappedFile)?.releasePages(UnsafeRawPointer(pointer), byteCount: count * MemoryLayout<Float>.stride)
    }

    /// A buffer of `count` floats filled by `fill`.
    init(count: Int, fill: (UnsafeMutablePointer<Float>) -> Void) {
        let buffer = OwnedFloats(count: count)
        fill(buffer.pointer)
        self.init(pointer: UnsafePointer(buffer.pointer), count: count, owner: buffer)
    }
}

/// The rows of a table of floats (`rows` × `width`, little-endian F32 in the file), each copied out
/// when asked for: read from the file, or from floats in memory. Read-only, so sharing it across
/// threads is safe.
struct TensorRows: @unchecked Sendable {
    private let file: OpenFile?
    private let offset: Int
    private let data: TensorData?
    let rows: Int
    let width: Int

    /// Rows read from `file` at `offset`, each of `width` floats.
    init(file: OpenFile, offset: Int, rows: Int, width: Int) {
        self.file = file
        self.offset = offset
        self.rows = rows
        self.width = width
        data = nil
    }

    /// Rows of floats in memory.
    init(_ data: TensorData, width: Int) {
        self.data = data
        self.width = width
        rows = width > 0 ? data.count / width : 0
        file = nil
        offset = 0
    }

    /// Writes row `index` (below `rows`) into `target` (`width` floats); a row the file no longer
    /// holds (it shrank since it was checked) is NaN, so every vector made with it is NaN.
    /// A row past the table (which the tokenizer's check at loading rules out) is NaN too, never
    /// read from beyond it.
    func copy(row index: Int, into target: UnsafeMutablePointer<Float>) {
        guard index >= 0, index < rows else {
            target.update(repeating: .nan, count: width)
            return
        }
        if let data {
            target.update(from: data.pointer + index * width, count: width)
            return
        }
        let bytes = width * MemoryLayout<Float>.stride
        do {
            try file?.read(at: offset + index * bytes, into: UnsafeMutableRawBufferPointer(start: target, count: bytes))
        } catch {
            target.update(repeating: .nan, count: width)
        }
    }
}

/// Floats allocated here, freed with their last owner.
final class OwnedFloats {
    let pointer: UnsafeMutablePointer<Float>

    init(count: Int) {
        pointer = .allocate(capacity: max(count, 1))
        pointer.initialize(repeating: 0, count: max(count, 1))
    }

    deinit { pointer.deallocate() }
}

/// A whole file mapped read-only, unmapped with its last owner. The model's weights are used
/// where they lie: loading costs no copy, and only the touched rows of the word table are read.
final class MappedFile {
    let base: UnsafeRawPointer
    let size: Int

    /// Nil when the file cannot be mapped (the caller then reads it instead).
    init?(descriptor: Int32, size: Int) {
        guard size > 0, let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), address != MAP_FAILED else {
            return nil
        }
        base = UnsafeRawPointer(address)
        self.size = size
    }

    deinit { munmap(UnsafeMutableRawPointer(mutating: base), size) }

    /// Drops the mapping's pages within `start ..< start + byteCount` (whole pages that lie in it)
    /// from the process's memory; reading them again reads the file (a private mapping that is never
    /// written has nothing else to lose). A hint: without it the pages stay until the unmapping.
    func releasePages(_ start: UnsafeRawPointer, byteCount: Int) {
        #if os(Linux)
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let low = max(Int(bitPattern: start), Int(bitPattern: base))
        let high = min(Int(bitPattern: start) + byteCount, Int(bitPattern: base) + size)
        let first = (low + page - 1) / page * page, end = high / page * page
        guard page > 0, first < end, let address = UnsafeMutableRawPointer(bitPattern: first) else { return }
        _ = madvise(address, end - first, MADV_DONTNEED)
        #endif
    }

    /// Drops all of the mapping's pages from the process's memory (see `releasePages(_:byteCount:)`).
    func releasePages() {
        releasePages(base, byteCount: size)
    }
}
