#if !canImport(Accelerate)
internal import CBLAS
import Foundation

/// OpenBLAS, opened on first use rather than linked: a linked OpenBLAS starts its thread pool
/// when the process starts, and those threads spun for about 60 ms of CPU time in every command,
/// including the many that never load the model. (Apple platforms use Accelerate instead.)
struct BLAS: Sendable {
    let sgemm: playbook_sgemm_function

    /// The library, opened once per process; the failure says what to install.
    static let shared: Result<BLAS, ModelError> = open()

    /// Debian and Ubuntu install OpenBLAS as `libopenblas.so.0`; any other CBLAS (the reference
    /// one behind `libblas.so.3`, or a `libcblas`) computes the same products, only slower.
    static let candidates = ["libopenblas.so.0", "libopenblas.so", "libcblas.so.3", "libblas.so.3"]

    // Not opened with glibc's RTLD_DEEPBIND (which saved about 4 ms of symbol lookups): a deep-bound
    // library takes malloc and free from its own dependencies, glibc's, while the executable
    // allocates through jemalloc (or whatever a user preloads), and memory freed across the two
    // aborted the process ("munmap_chunk(): invalid pointer").

    private static func open() -> Result<BLAS, ModelError> {
        // OpenBLAS starts its thread pool when it is opened, and the pool spins for about 0.1 s of
        // CPU before it sleeps, though it is never used (one thread is set below): asked for one
        // thread before opening, it starts none. A value the user set is left alone.
        setenv("OPENBLAS_NUM_THREADS", "1", 0)
        var tried: [String] = []
        for name in candidates {
            // Lazily bound: OpenBLAS exports thousands of symbols, and binding them all when it is
            // opened took about 5 ms of a pre-commit run that calls one of them.
            guard let handle = dlopen(name, RTLD_LAZY | RTLD_LOCAL) else {
                tried.append(name)
                continue
            }
            guard let symbol = dlsym(handle, "cblas_sgemm") else {
                tried.append(name + " (without cblas_sgemm)")
                dlclose(handle)
                continue
            }
            // The encoder runs batches side by side, each product on its calling thread: fewer
            // hand-offs than OpenBLAS's own threads. Libraries without the call are single-threaded.
            if let threads = dlsym(handle, "openblas_set_num_threads") {
                unsafeBitCast(threads, to: playbook_set_threads_function.self)(1)
            }
            // The handle stays open for the life of the process.
            return .success(BLAS(sgemm: unsafeBitCast(symbol, to: playbook_sgemm_function.self)))
        }
        return .failure(.blasMissing(tried: tried))
    }
}
#endif
