internal import CLibGit2

/// Owns exactly one libgit2 allocation and frees it, once, when the owner goes away.
///
/// `borrowing` keeps alive what the allocation depends on (the repository an object was
/// looked up in, the commit a tree came from), so that is always freed after it.
/// Everything handed to callers is copied out first; no owner escapes the module.
/// Copy out of memory the allocation lends (entries, ids, buffers) inside `withPointer`,
/// which keeps the owner alive until the copy is done.
final class Owned<Pointer> {
    let pointer: Pointer
    private let release: (Pointer) -> Void
    private let borrowing: AnyObject?

    init(_ pointer: Pointer, borrowing: AnyObject? = nil, release: @escaping (Pointer) -> Void) {
        self.pointer = pointer
        self.borrowing = borrowing
        self.release = release
    }

    deinit { release(pointer) }

    /// Runs `body` while the allocation is certainly alive: use it to copy out borrowed data.
    func withPointer<Result, Failure: Error>(_ body: (Pointer) throws(Failure) -> Result) throws(Failure) -> Result {
        defer { withExtendedLifetime(self) {} }
        return try body(pointer)
    }
}

/// Runs a libgit2 call that allocates into an out-parameter and hands the result to an owner.
func owned(
    _ operation: @autoclosure () -> String,
    borrowing: AnyObject? = nil,
    release: @escaping (OpaquePointer) -> Void,
    _ allocate: (inout OpaquePointer?) -> Int32
) throws(GitError) -> Owned<OpaquePointer> {
    var pointer: OpaquePointer?
    try check(allocate(&pointer), operation())
    guard let pointer else {
        throw GitError(code: .generic, message: "libgit2 returned no object", operation: operation())
    }
    return Owned(pointer, borrowing: borrowing, release: release)
}
