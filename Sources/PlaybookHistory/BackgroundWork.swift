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

/// Runs `body(0)` on the calling thread and `body(1)` on a thread of its own, and returns when
/// both are done. Not Dispatch's pool: given two iterations, `concurrentPerform` at times ran
/// both on the caller (its worker busy or not yet awake), which left the second core idle.
public enum TwoThreads {
    /// `body` is escaping: the thread may still hold it for a moment after signalling.
    public static func run(_ body: @escaping @Sendable (Int) -> Void) {
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            body(1)
            done.signal()
        }
        thread.start()
        body(0)
        done.wait()
    }
}
