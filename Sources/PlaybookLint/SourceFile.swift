/// One file to lint: where it is shown, and what was read (or why it could not be).
public struct SourceFile: Sendable {
    public enum Content: Sendable {
        case bytes([UInt8])
        case unreadable(String)
        /// Larger than the configured limit; not read.
        case tooLarge(size: Int)
    }

    /// Path relative to the repository root, `/`-separated; used in every finding.
    public var path: String
    public var content: Content

    public init(path: String, content: Content) {
        self.path = path
        self.content = content
    }

    public init(path: String, bytes: [UInt8]) {
        self.init(path: path, content: .bytes(bytes))
    }

    /// Why a file whose name is not valid UTF-8 is not read, in the working tree, the index or a commit alike.
    public static let invalidNameProblem = "its name is not valid UTF-8; rename it"

    /// Why a symbolic link is not read, in the working tree, the index or a commit alike.
    public static let symbolicLinkProblem = "it is a symbolic link, which playbook does not follow (it could point outside the repository); commit the file itself"
}
