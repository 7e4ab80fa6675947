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
    /// For a file that cannot be read now, what it held before (the last commit's version of a file in
    /// conflict): lint reads the ids it defined, so references to them wait for the file's own error.
    public var earlier: [UInt8]?

    public init(path: String, content: Content, earlier: [UInt8]? = nil) {
        self.path = path
        self.content = content
        self.earlier = earlier
    }

    public init(path: String, bytes: [UInt8]) {
        self.init(path: path, content: .bytes(bytes))
    }

    /// Why a file whose name is not valid UTF-8 is not read, in the working tree, the index or a commit alike.
    public static let invalidNameProblem = "its name is not valid UTF-8; rename it"

    /// Why a file whose extension is `.yml` or `.yaml` in other letter case (`HYP-1.YML`) is not read,
    /// in the working tree, the index or a commit alike.
    public static func miscasedNameProblem(_ path: String) -> String {
        let name = path.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? path
        let dot = name.utf8.lastIndex(of: UInt8(ascii: ".")) ?? name.utf8.endIndex
        let renamed = String(name[..<dot]) + String(name[dot...]).lowercased()
        return "its extension is not lower-case, and only .yml and .yaml files are playbook files; rename it to \"\(renamed)\""
    }

    /// Why a symbolic link is not read, in the working tree, the index or a commit alike.
    public static let symbolicLinkProblem = "it is a symbolic link, which playbook does not follow (it could point outside the repository); commit the file itself"
}
