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

    /// A buffer of `count` floats filled by `fill`.
    init(count: Int, fill: (UnsafeMutablePointer<Float>) -> Void) {
        let buffer = OwnedFloats(count: count)
        fill(buffer.pointer)
        self.init(pointer: UnsafePointer(buffer.pointer), count: count, owner: buffer)
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
}
