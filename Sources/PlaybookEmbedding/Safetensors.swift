import Foundation

/// A `.safetensors` file: an 8-byte little-endian header length, a JSON header naming each
/// tensor's dtype, shape and byte range, then the raw little-endian tensor bytes. Every length
/// and offset is checked against the file before anything is read: a truncated or hostile file
/// is a `ModelError.malformed`, never a crash or an oversized allocation.
public struct SafetensorsFile {
    /// One tensor as the header describes it.
    public struct Tensor: Sendable, Hashable {
        public let dtype: String
        public let shape: [Int]
        /// Byte range inside the data section (after the header).
        public let byteRange: Range<Int>
    }

    /// The largest header accepted; the format itself allows 100 MB, a BERT model needs some KB.
    public static let maximumHeaderLength = 16 << 20

    public let tensors: [String: Tensor]
    private let source: Source
    private let dataStart: Int
    private let path: String
    /// The open file (also when it is mapped), for tensors read row by row (`rows`).
    private let file: OpenFile?

    /// Bytes of the file, from memory (tests), mapped, or read from an open file as needed.
    private enum Source {
        case memory([UInt8])
        case file(OpenFile)
        case mapped(MappedFile)
    }

    /// Reads the header of the file at `path`; tensor data is read when asked for. The file is
    /// mapped when it can be (every offset is still checked against its size first).
    public init(path: String) throws {
        let file = try OpenFile(path: path)
        if let mapped = MappedFile(descriptor: file.descriptor, size: file.size) {
            try self.init(source: .mapped(mapped), size: file.size, path: path, file: file)
        } else {
            try self.init(source: .file(file), size: file.size, path: path, file: file)
        }
    }

    /// Reads a file held in memory.
    public init(bytes: [UInt8], name: String = "safetensors data") throws {
        try self.init(source: .memory(bytes), size: bytes.count, path: name, file: nil)
    }

    private init(source: Source, size: Int, path: String, file: OpenFile?) throws {
        self.source = source
        self.path = path
        self.file = file
        func fail(_ reason: String) -> ModelError { .malformed(path: path, reason: reason) }
        guard size >= 8 else { throw fail("it is \(size) bytes long, shorter than the 8-byte header length") }
        var lengthBytes = [UInt8](repeating: 0, count: 8)
        try lengthBytes.withUnsafeMutableBytes { try Self.read(source, at: 0, into: $0, path: path) }
        let headerLength = lengthBytes.reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard headerLength <= UInt64(Self.maximumHeaderLength) else {
            throw fail("its header claims \(headerLength) bytes, more than the \(Self.maximumHeaderLength) accepted")
        }
        guard headerLength <= UInt64(size - 8) else {
            throw fail("its header claims \(headerLength) bytes but only \(size - 8) follow")
        }
        var header = [UInt8](repeating: 0, count: Int(headerLength))
        try header.withUnsafeMutableBytes { try Self.read(source, at: 8, into: $0, path: path) }
        dataStart = 8 + Int(headerLength)
        tensors = try Self.parseHeader(header, dataLength: size - dataStart, fail: fail)
    }

    /// The tensor `name` as 32-bit floats, after checking its dtype and, when given, its shape.
    public func floats(_ name: String, shape expected: [Int]? = nil) throws -> [Float] {
        let tensor = try checkedFloatTensor(name, shape: expected)
        let count = tensor.byteRange.count / 4
        var failure: Error?
        // Read straight into the floats' memory: no second copy of a 47 MB embedding table.
        let values = [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            do {
                try Self.read(source, at: dataStart + tensor.byteRange.lowerBound, into: UnsafeMutableRawBufferPointer(buffer), path: path)
            } catch {
                failure = error
                buffer.initialize(repeating: 0)
            }
            initialized = count
        }
        if let failure { throw failure }
        #if _endian(big)
        return values.map { Float(bitPattern: UInt32(littleEndian: $0.bitPattern)) }
        #else
        return values
        #endif
    }

    private static func read(_ source: Source, at offset: Int, into target: UnsafeMutableRawBufferPointer, path: String) throws {
        switch source {
        case let .memory(all):
            guard offset >= 0, offset <= all.count, target.count <= all.count - offset else {
                throw ModelError.malformed(path: path, reason: "a read past its end")
            }
            all.withUnsafeBytes { bytes in
                target.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + target.count)]))
            }
        case let .file(file):
            try file.read(at: offset, into: target)
        case let .mapped(mapped):
            guard offset >= 0, offset <= mapped.size, target.count <= mapped.size - offset else {
                throw ModelError.malformed(path: path, reason: "a read past its end")
            }
            if let base = target.baseAddress { base.copyMemory(from: mapped.base + offset, byteCount: target.count) }
        }
    }

    /// The F32 tensor `name` of shape `expected`, used in place in a mapped file when its
    /// offset suits floats, else copied.
    func tensorData(_ name: String, shape expected: [Int]) throws -> TensorData {
        let values = try checkedFloatTensor(name, shape: expected)
        #if _endian(little)
        if case let .mapped(mapped) = source, (dataStart + values.byteRange.lowerBound) % MemoryLayout<Float>.alignment == 0 {
            let pointer = (mapped.base + dataStart + values.byteRange.lowerBound).assumingMemoryBound(to: Float.self)
            return TensorData(pointer: pointer, count: values.byteRange.count / 4, owner: mapped)
        }
        #endif
        return TensorData(try floats(name, shape: expected))
    }

    /// The F32 tensor `name` of shape `[rows, width]`, to be read a row at a time: from the file
    /// (`pread`) when there is one, else as `tensorData` gives it. For a large table of which a run
    /// reads scattered rows: mapped, each row read brought its neighbours' pages into the process's
    /// memory (the word table of all-MiniLM-L6-v2 is 47 MB).
    func rows(_ name: String, shape expected: [Int]) throws -> TensorRows {
        let values = try checkedFloatTensor(name, shape: expected)
        #if _endian(little)
        if let file, expected.count == 2 {
            return TensorRows(file: file, offset: dataStart + values.byteRange.lowerBound, rows: expected[0], width: expected[1])
        }
        #endif
        return TensorRows(try tensorData(name, shape: expected), width: expected.last ?? 0)
    }

    private func checkedFloatTensor(_ name: String, shape expected: [Int]?) throws -> Tensor {
        guard let tensor = tensors[name] else {
            throw ModelError.malformed(path: path, reason: "it has no tensor \(name)")
        }
        guard tensor.dtype == "F32" else {
            throw ModelError.malformed(path: path, reason: "tensor \(name) is \(tensor.dtype), not F32")
        }
        if let expected, expected != tensor.shape {
            throw ModelError.malformed(path: path, reason: "tensor \(name) has shape \(tensor.shape), expected \(expected)")
        }
        return tensor
    }

    static let elementSizes = ["F64": 8, "F32": 4, "F16": 2, "BF16": 2, "I64": 8, "I32": 4, "I16": 2, "I8": 1,
                               "U64": 8, "U32": 4, "U16": 2, "U8": 1, "BOOL": 1, "F8_E4M3": 1, "F8_E5M2": 1]

    /// One entry of the header; every field optional so that `__metadata__` decodes too, but
    /// typed strictly: a shape of 1.5 or true is not a shape.
    private struct HeaderEntry: Decodable {
        var dtype: String?
        var shape: [Int]?
        var data_offsets: [Int]?
    }

    private static func parseHeader(_ header: [UInt8], dataLength: Int, fail: (String) -> ModelError) throws -> [String: Tensor] {
        let entries: [String: HeaderEntry]
        do {
            entries = try JSONDecoder().decode([String: HeaderEntry].self, from: Data(header))
        } catch {
            throw fail("its header is not a JSON object of tensors with a dtype, an integer shape and integer data_offsets")
        }
        var tensors: [String: Tensor] = [:]
        for (name, entry) in entries where name != "__metadata__" {
            guard let dtype = entry.dtype, let shape = entry.shape, let offsets = entry.data_offsets else {
                throw fail("tensor \(name) lacks a dtype, shape or data_offsets")
            }
            guard let elementSize = elementSizes[dtype] else { throw fail("tensor \(name) has the unknown dtype \(dtype)") }
            guard shape.count <= 8, shape.allSatisfy({ $0 >= 0 }) else {
                throw fail("tensor \(name) has a shape that is not a short list of non-negative integers")
            }
            guard offsets.count == 2 else { throw fail("tensor \(name) does not have two data_offsets") }
            let (begin, end) = (offsets[0], offsets[1])
            guard begin >= 0, begin <= end, end <= dataLength else {
                throw fail("tensor \(name) claims bytes \(begin)..<\(end) of a data section of \(dataLength) bytes")
            }
            var bytes = elementSize
            for dimension in shape {
                let (product, overflow) = bytes.multipliedReportingOverflow(by: dimension)
                guard !overflow, product <= dataLength else { throw fail("tensor \(name) has a shape larger than the file") }
                bytes = product
            }
            guard bytes == end - begin else {
                throw fail("tensor \(name) of shape \(shape) needs \(bytes) bytes but its data_offsets span \(end - begin)")
            }
            tensors[name] = Tensor(dtype: dtype, shape: shape, byteRange: begin..<end)
        }
        return tensors
    }
}

/// An open, read-only file descriptor, closed when the last owner goes.
final class OpenFile {
    let descriptor: Int32
    let size: Int
    let path: String

    init(path: String) throws {
        self.path = path
        descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw ModelError.unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            close(descriptor)
            throw ModelError.unreadable(path: path, reason: "not a regular file")
        }
        size = Int(info.st_size)
    }

    deinit { close(descriptor) }

    /// Fills `target` from `offset`; a short file is a malformed model, not a partial read.
    func read(at offset: Int, into target: UnsafeMutableRawBufferPointer) throws {
        guard offset >= 0, offset <= size, target.count <= size - offset else {
            throw ModelError.malformed(path: path, reason: "a read past its end")
        }
        guard let base = target.baseAddress else { return }
        var done = 0
        let wanted = target.count
        while done < wanted {
            let n = pread(descriptor, base + done, wanted - done, off_t(offset + done))
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                let reason = n == 0 ? "it ended early (truncated?)" : String(cString: strerror(errno))
                throw ModelError.unreadable(path: path, reason: reason)
            }
            done += n
        }
    }
}
