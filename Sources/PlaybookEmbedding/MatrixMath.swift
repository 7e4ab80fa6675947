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
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(rows), Int32(columns), Int32(inner),
                    1, a, Int32(inner), b, Int32(columns), 0, c, Int32(columns))
        #endif
    }

    /// Runs `body` over `0..<count` split into about two blocks per core, at the same time;
    /// the blocks must write to disjoint memory.
    static func parallelRanges(_ count: Int, minimumBlock: Int = 16, _ body: (Range<Int>) -> Void) {
        let blocks = max(1, min(2 * ProcessInfo.processInfo.activeProcessorCount, count / max(1, minimumBlock)))
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
