#if canImport(Accelerate)
internal import Accelerate
#else
internal import CBLAS
#endif
import Dispatch
import Foundation

/// Matrix products through the platform's BLAS, and the spreading of work over the cores.
/// The element-wise steps are C loops in EmbeddingKernels.
enum MatrixMath {
    /// `c[rows × columns] = a[rows × inner] · b[inner × columns]`, all row-major and contiguous.
    static func multiply(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, into c: UnsafeMutablePointer<Float>,
                         rows: Int, columns: Int, inner: Int) {
        #if canImport(Accelerate)
        vDSP_mmul(a, 1, b, 1, c, 1, vDSP_Length(rows), vDSP_Length(columns), vDSP_Length(inner))
        #else
        guard case .success(let blas) = BLAS.shared else { return unavailable(c, count: rows * columns) }
        blas.sgemm(rowMajor, noTranspose, noTranspose, Int32(rows), Int32(columns), Int32(inner),
                   1, a, Int32(inner), b, Int32(columns), 0, c, Int32(columns))
        #endif
    }

    #if !canImport(Accelerate)
    /// `c[rows × columns] = a[rows × inner] · b[columns × inner]ᵀ`, all row-major; the rows of
    /// `c` are `outputStride` floats apart (default `columns`: contiguous).
    static func multiplyTransposed(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, into c: UnsafeMutablePointer<Float>,
                                   rows: Int, columns: Int, inner: Int, outputStride: Int? = nil) {
        let stride = outputStride ?? columns
        guard case .success(let blas) = BLAS.shared else {
            for row in 0..<rows { unavailable(c + row * stride, count: columns) }
            return
        }
        blas.sgemm(rowMajor, noTranspose, transpose, Int32(rows), Int32(columns), Int32(inner),
                   1, a, Int32(inner), b, Int32(inner), 0, c, Int32(stride))
    }

    private static let rowMajor = Int32(PLAYBOOK_CBLAS_ROW_MAJOR)
    private static let noTranspose = Int32(PLAYBOOK_CBLAS_NO_TRANS)
    private static let transpose = Int32(PLAYBOOK_CBLAS_TRANS)

    /// Without a BLAS (which `prepare()` reports before any product runs) the result is NaN, never stale memory.
    private static func unavailable(_ c: UnsafeMutablePointer<Float>, count: Int) {
        c.update(repeating: .nan, count: count)
    }
    #endif

    /// Opens the platform's BLAS (OpenBLAS is opened at run time, its products kept on the
    /// calling thread: the encoder runs batches side by side instead); throws when there is none.
    static func prepare() throws(ModelError) {
        #if !canImport(Accelerate)
        _ = try BLAS.shared.get()
        #endif
    }

    static var cores: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// Runs `body` over `0..<count` split into about two blocks per core, at the same time
    /// (or in one block when not `parallel`); the blocks must write to disjoint memory.
    static func parallelRanges(_ count: Int, minimumBlock: Int = 16, parallel: Bool = true, _ body: (Range<Int>) -> Void) {
        let blocks = parallel ? max(1, min(2 * cores, count / max(1, minimumBlock))) : 1
        if blocks == 1 {
            body(0..<count)
            return
        }
        let size = (count + blocks - 1) / blocks
        withoutActuallyEscaping(body) { body in
            nonisolated(unsafe) let work = body
            DispatchQueue.concurrentPerform(iterations: blocks) { block in
                let start = block * size
                if start < count { work(start..<min(count, start + size)) }
            }
        }
    }
}
