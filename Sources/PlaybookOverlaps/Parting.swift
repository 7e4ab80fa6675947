import Dispatch

/// Lets a large value go on another core: freeing a large playbook's items, parsed files or
/// findings (tens of thousands of small objects) took tenths of a second at the end of a lint,
/// on the one thread that still had work to do while the other core idled.
package enum Parting {
    /// Frees `value` on a background thread; the caller hands over its last reference (`consume`).
    package static func release<Value>(_ value: consuming Value) {
        let held = Held(value)
        DispatchQueue.global(qos: .utility).async { held.value = nil }
    }

    private final class Held<Value>: @unchecked Sendable {
        // Read and written only by the one job that drops it.
        var value: Value?
        init(_ value: consuming Value) { self.value = value }
    }
}
