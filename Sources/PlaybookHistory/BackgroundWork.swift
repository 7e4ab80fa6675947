import Foundation

/// Work a history read leaves to a second thread so the report can go on: writing the cache,
/// and releasing the walk's large temporaries (tens of thousands of small values whose
/// one-by-one release took longer than building the report).
final class BackgroundWork: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    // Touched only by the worker thread after `init` hands it over.
    private var leftovers: [Any]
    private let job: () -> Void

    init(leftovers: [Any], job: @escaping () -> Void) {
        self.leftovers = leftovers
        self.job = job
        let thread = Thread { [self] in
            // Released first: holding them while the cache is encoded stacked both on the peak.
            self.leftovers.removeAll()
            self.job()
            self.done.signal()
        }
        thread.start()
    }

    /// Waits until the work is done (at most once per instance matters; later calls return at once).
    func wait() {
        done.wait()
        done.signal()
    }
}
