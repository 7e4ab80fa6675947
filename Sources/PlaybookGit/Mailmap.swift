import Foundation
internal import CLibGit2

/// A person as a history report shows them: name and email after `.mailmap`.
public struct Person: Sendable, Hashable, Codable {
    public var name: String
    public var email: String

    public init(name: String, email: String) {
        self.name = name
        self.email = email
    }
}

/// The repository's `.mailmap`, mapping the identities commits record to the person behind them.
///
/// Parsed here rather than by libgit2: libgit2 keeps its entries in a sorted array and inserts
/// each line with a memmove, so a mailmap of n lines costs O(n²) (1.5 million lines took 56 s).
/// This parse is one pass with a hash table. It reads the same sources in the same order, later
/// ones overriding earlier ones: the working tree's `.mailmap` (never through a symbolic link),
/// the `mailmap.blob` config (default `HEAD:.mailmap` in a bare repository), then the
/// `mailmap.file` config. It matches as libgit2 does: an entry for the exact name and email
/// first, else the entry for the email alone; both compared exactly (case-sensitive).
/// Remembers every answer, since a walk asks about few people many times.
public final class Mailmap {
    private struct Key: Hashable {
        var email: String
        /// Nil for an entry that matches every name with this email.
        var name: String?
    }

    private struct Replacement {
        var name: String?
        var email: String?
    }

    private var entries: [Key: Replacement] = [:]
    private var resolved: [Person: Person] = [:]

    /// An empty mailmap; `add` reads mailmap text into it.
    public init() {}

    /// The number of entries (a later line for the same identity replaces an earlier one).
    public var count: Int { entries.count }

    /// Adds every valid line of a mailmap file; invalid lines are skipped, as git does. Text
    /// holding a NUL byte is ignored whole (git and libgit2 refuse it too).
    public func add(_ text: [UInt8]) {
        guard !text.contains(0) else { return }
        resolved.removeAll()
        text.withUnsafeBufferPointer { all in
            var start = 0
            while start < all.count {
                var end = start
                while end < all.count, all[end] != 0x0A { end += 1 }
                if let entry = Self.parse(UnsafeBufferPointer(rebasing: all[start..<end])) {
                    entries[entry.key] = entry.replacement
                }
                start = end + 1
            }
        }
    }

    /// The person `name <email>` maps to; themselves when the mailmap says nothing.
    public func resolve(_ person: Person) -> Person {
        if let known = resolved[person] { return known }
        var answer = person
        if let entry = entries[Key(email: person.email, name: person.name)] ?? entries[Key(email: person.email, name: nil)] {
            answer = Person(name: entry.name ?? person.name, email: entry.email ?? person.email)
        }
        resolved[person] = answer
        return answer
    }

    /// One line: `Proper Name <proper@email> Commit Name <commit@email>`, where the proper
    /// name, the proper email and the commit name may each be left out, and `#` starts a
    /// comment after the last `>`. Nil for a blank, comment or malformed line.
    private static func parse(_ line: UnsafeBufferPointer<UInt8>) -> (key: Key, replacement: Replacement)? {
        var index = 0
        func skipSpaces() { while index < line.count, isSpace(line[index]) { index += 1 } }
        func atEnd() -> Bool {
            var probe = index
            while probe < line.count, isSpace(line[probe]) { probe += 1 }
            return probe == line.count || line[probe] == UInt8(ascii: "#")
        }
        /// The bytes up to `stop` on this line, moving past it; nil when the line has no `stop`.
        func take(until stop: UInt8) -> Range<Int>? {
            let from = index
            while index < line.count, line[index] != stop { index += 1 }
            guard index < line.count else { return nil }
            defer { index += 1 }
            return from..<index
        }
        func text(_ range: Range<Int>, trimmingEnd: Bool) -> String? {
            var upper = range.upperBound
            if trimmingEnd { while upper > range.lowerBound, isSpace(line[upper - 1]) { upper -= 1 } }
            guard upper > range.lowerBound else { return nil }
            return String(decoding: UnsafeBufferPointer(rebasing: line[range.lowerBound..<upper]), as: UTF8.self)
        }

        skipSpaces()
        if atEnd() { return nil }
        guard let firstName = take(until: UInt8(ascii: "<")), let firstEmail = take(until: UInt8(ascii: ">")) else { return nil }
        let properName = text(firstName, trimmingEnd: true)
        if atEnd() {
            guard let email = text(firstEmail, trimmingEnd: false) else { return nil }
            return (Key(email: email, name: nil), Replacement(name: properName, email: nil))
        }
        skipSpaces()
        guard let secondName = take(until: UInt8(ascii: "<")), let secondEmail = take(until: UInt8(ascii: ">")), atEnd(),
              let email = text(secondEmail, trimmingEnd: false) else { return nil }
        return (Key(email: email, name: text(secondName, trimmingEnd: true)),
                Replacement(name: properName, email: text(firstEmail, trimmingEnd: false)))
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0D
    }
}

@available(*, unavailable, message: "use one Mailmap per task")
extension Mailmap: Sendable {}

extension Repository {
    /// The repository's mailmap; an empty one when there is no `.mailmap`. Sources that
    /// cannot be read are skipped, as git skips them.
    public func mailmap() throws -> Mailmap {
        let mailmap = Mailmap()
        if let workdir, let bytes = Self.regularFileBytes(workdir + "/.mailmap") {
            mailmap.add(bytes)
        }
        let blob = (try? configString("mailmap.blob")) ?? (isBare ? "HEAD:.mailmap" : nil)
        if let blob, let bytes = try? mailmapBlob(blob) {
            mailmap.add(bytes)
        }
        if let path = configPath("mailmap.file") {
            let absolute = path.hasPrefix("/") ? path : (workdir ?? gitDirectory) + "/" + path
            // The user's own setting may point anywhere, links included.
            if let data = FileManager.default.contents(atPath: absolute) { mailmap.add([UInt8](data)) }
        }
        return mailmap
    }

    /// `REV:PATH` (a file in a commit's tree) or a blob id.
    private func mailmapBlob(_ spec: String) throws -> [UInt8]? {
        if let colon = spec.firstIndex(of: ":") {
            let commit = try resolve(String(spec[..<colon]))
            return try fileData(at: commit, path: String(spec[spec.index(after: colon)...]))
        }
        return try blobData(resolve(spec))
    }

    /// A config value that names a path, with `~/` expanded as git does.
    private func configPath(_ key: String) -> String? {
        guard let config = try? owned("reading \(key)", borrowing: self, release: git_config_free, {
            git_repository_config(&$0, pointer)
        }) else { return nil }
        var buffer = git_buf()
        defer { git_buf_dispose(&buffer) }
        guard git_config_get_path(&buffer, config.pointer, key) == 0, let text = buffer.ptr else { return nil }
        return String(cString: text)
    }

    /// The bytes of a regular file, never following a symbolic link; nil otherwise.
    private static func regularFileBytes(_ path: String) -> [UInt8]? {
        let fd = openWithoutFollowing(path)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: false)
        guard let data = try? handle.readToEnd() else { return [] }
        return [UInt8](data)
    }
}

/// `open(2)` read-only, failing on a symbolic link (outside `Repository`, whose `open` shadows it).
private func openWithoutFollowing(_ path: String) -> Int32 {
    open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
}
