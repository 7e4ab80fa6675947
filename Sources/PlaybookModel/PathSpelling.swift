/// A path read from its spelling, byte by byte: the file system splits at every `/` byte whatever
/// follows it, while a `String`'s characters join `/` with a combining mark after it (`/` U+0301 is
/// one character), so `..` split by characters can hide in `../\u{301}x`.
public enum PathSpelling {
    /// The components between `/` bytes; empty ones (`a//b`, a leading or trailing `/`) left out.
    public static func components(_ path: String) -> [String] {
        path.utf8.split(separator: UInt8(ascii: "/")).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Whether the path starts with the byte `/`.
    public static func isAbsolute(_ path: String) -> Bool {
        path.utf8.first == UInt8(ascii: "/")
    }

    /// Whether a component is exactly `..`.
    public static func isParent(_ component: String) -> Bool {
        component.utf8.elementsEqual("..".utf8)
    }

    /// Whether a component is exactly `.`.
    public static func isCurrent(_ component: String) -> Bool {
        component.utf8.elementsEqual(".".utf8)
    }

    /// `path` after `prefix`, compared byte by byte; nil when it does not start with it.
    public static func remainder(of path: String, after prefix: String) -> String? {
        guard path.utf8.starts(with: prefix.utf8) else { return nil }
        return String(decoding: path.utf8.dropFirst(prefix.utf8.count), as: UTF8.self)
    }

    /// Whether the normalised `path` is `folder` or below it, byte by byte.
    public static func isWithin(_ path: String, _ folder: String) -> Bool {
        path.utf8.elementsEqual(folder.utf8) || remainder(of: path, after: folder == "/" ? "/" : folder + "/") != nil
    }
}
