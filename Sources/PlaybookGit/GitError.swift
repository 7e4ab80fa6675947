internal import CLibGit2

/// A failure reported by libgit2, or by this wrapper, with what was being done when it happened.
public struct GitError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The kind of failure: libgit2's error code, named where callers may want to react to it.
    public enum Code: Sendable, Hashable {
        case generic
        case notFound
        case exists
        case ambiguous
        case bareRepository
        case unbornBranch
        case invalidSpec
        case conflict
        case locked
        case peel
        case invalid
        case owner
        /// Any other libgit2 error code (negative), kept as libgit2 reported it.
        case other(Int32)

        init(libgit2 code: Int32) {
            switch code {
            case GIT_ERROR.rawValue: self = .generic
            case GIT_ENOTFOUND.rawValue: self = .notFound
            case GIT_EEXISTS.rawValue: self = .exists
            case GIT_EAMBIGUOUS.rawValue: self = .ambiguous
            case GIT_EBAREREPO.rawValue: self = .bareRepository
            case GIT_EUNBORNBRANCH.rawValue: self = .unbornBranch
            case GIT_EINVALIDSPEC.rawValue: self = .invalidSpec
            case GIT_ECONFLICT.rawValue, GIT_EMERGECONFLICT.rawValue, GIT_EUNMERGED.rawValue: self = .conflict
            case GIT_ELOCKED.rawValue: self = .locked
            case GIT_EPEEL.rawValue: self = .peel
            case GIT_EINVALID.rawValue: self = .invalid
            case GIT_EOWNER.rawValue: self = .owner
            default: self = .other(code)
            }
        }
    }

    public var code: Code
    /// libgit2's error class (`git_error_t`: 6 is repository, 10 is index, …); 0 when the error is our own.
    public var errorClass: Int32
    /// The reason, in libgit2's words or ours.
    public var message: String
    /// What was being done, e.g. "reading the index"; nil when the message says it all.
    public var operation: String?

    public init(code: Code, errorClass: Int32 = 0, message: String, operation: String? = nil) {
        self.code = code
        self.errorClass = errorClass
        self.message = message
        self.operation = operation
    }

    public var description: String {
        guard let operation else { return message }
        return "\(operation): \(message)"
    }

    /// The error libgit2 recorded for the call that just returned `code` on this thread.
    /// Must be called right after the failing call: the next failure overwrites it.
    static func last(code: Int32, operation: () -> String) -> GitError {
        let message: String
        let errorClass: Int32
        if let error = git_error_last(), let text = error.pointee.message {
            message = String(cString: text).trimmingTrailingNewlines()
            errorClass = error.pointee.klass
        } else {
            message = "libgit2 error \(code)"
            errorClass = 0
        }
        // The operation is described only now, after libgit2's error has been copied out.
        return GitError(code: Code(libgit2: code), errorClass: errorClass, message: message, operation: operation())
    }

    /// The error `Repository.discover` throws when no repository contains the path.
    static func notARepository(_ path: String) -> GitError {
        GitError(code: .notFound, message: "not a git repository (or any parent up to /): \(path)")
    }
}

/// Checks the return code of one libgit2 call and throws its error, read at once, when it failed.
/// `operation` is only evaluated on failure.
@discardableResult
func check(_ code: Int32, _ operation: @autoclosure () -> String) throws(GitError) -> Int32 {
    guard code >= 0 else { throw GitError.last(code: code, operation: operation) }
    return code
}

extension String {
    fileprivate func trimmingTrailingNewlines() -> String {
        var text = Substring(self)
        while text.last?.isNewline == true { text.removeLast() }  // "\r\n" is one Character
        return String(text)
    }
}
