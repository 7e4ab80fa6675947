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
/// This reads the text once, indexing each valid line by a hash of the email it replaces (no
/// string is made per line); a lookup parses only the lines indexed under its email's hash.
/// It reads the same sources in the same order, later ones overriding earlier ones: the
/// working tree's `.mailmap` (never through a symbolic link), the `mailmap.blob` config
/// (default `HEAD:.mailmap` in a bare repository), then the `mailmap.file` config. It matches
/// as git does (gitmailmap(5); libgit2, which compares exactly, is not followed): emails and
/// names compared ignoring ASCII case (`strcasecmp`: `É` and `é` differ), the latest entry for
/// the name and email first; else the entries for the email alone, which add up (the latest one
/// giving a name gives the name, the latest giving an email the email: `Proper <a@x>` then
/// `<new@x> <a@x>` map `a@x` to `Proper <new@x>`).
/// Remembers every answer, since a walk asks about few people many times.
public final class Mailmap {
    /// One mailmap line, as ranges of `text`.
    private struct Line {
        var properName: Range<Int>?
        var properEmail: Range<Int>?
        /// Nil for a line that maps every name with `commitEmail`.
        var commitName: Range<Int>?
        var commitEmail: Range<Int>
    }

    /// Every source's text, one after another, each ending in a line break.
    private var text: [UInt8] = []
    /// Start and end of each valid line, in reading order.
    private var lineBounds: [Range<Int>] = []
    /// For each valid line, the previous one whose commit email has the same hash (-1: none).
    private var previousWithHash: [Int] = []
    /// The latest valid line for each commit-email hash.
    private var latestWithHash: [UInt64: Int] = [:]
    private var resolved: [Person: Person] = [:]
    /// The last people asked about, with the answers: a history has a few authors, each read
    /// from the cache into one shared pair of strings, so comparing them is cheaper than hashing.
    private var recent: [(asked: Person, answer: Person)] = []
    private static let recentCount = 16

    /// An empty mailmap; `add` reads mailmap text into it.
    public init() {}

    /// The number of valid lines read.
    public var count: Int { lineBounds.count }

    /// Adds every valid line of a mailmap file; invalid lines are skipped, as git does. Text
    /// holding a NUL byte is ignored whole (git and libgit2 refuse it too).
    public func add(_ source: [UInt8]) {
        guard !source.contains(0) else { return }
        resolved.removeAll()
        recent.removeAll()
        var start = text.count
        text.append(contentsOf: source)
        text.append(0x0A)
        latestWithHash.reserveCapacity(latestWithHash.count + source.count / 32)
        text.withUnsafeBufferPointer { all in
            while start < all.count {
                var end = start
                while all[end] != 0x0A { end += 1 }
                if let line = Self.parse(all, start..<end) {
                    let hash = Self.hash(UnsafeBufferPointer(rebasing: all[line.commitEmail]))
                    previousWithHash.append(latestWithHash[hash] ?? -1)
                    latestWithHash[hash] = lineBounds.count
                    lineBounds.append(start..<end)
                }
                start = end + 1
            }
        }
    }

    /// The person `name <email>` maps to; themselves when the mailmap says nothing.
    public func resolve(_ person: Person) -> Person {
        for index in recent.indices where recent[index].asked == person { return recent[index].answer }
        if let known = resolved[person] {
            remember(person, known)
            return known
        }
        let email = Array(person.email.utf8)
        let name = Array(person.name.utf8)
        var exact: Line?
        // What the lines for the email alone give, the latest of each first.
        var properName: Range<Int>?
        var properEmail: Range<Int>?
        text.withUnsafeBufferPointer { all in
            var index = email.withUnsafeBufferPointer { latestWithHash[Self.hash($0)] } ?? -1
            // Newest first: the first match for the name and email is the latest one.
            while index >= 0, exact == nil {
                if let line = Self.parse(all, lineBounds[index]), Self.sameIgnoringCase(all[line.commitEmail], email) {
                    if let commitName = line.commitName {
                        if Self.sameIgnoringCase(all[commitName], name) { exact = line }
                    } else {
                        if properName == nil { properName = line.properName }
                        if properEmail == nil { properEmail = line.properEmail }
                    }
                }
                index = previousWithHash[index]
            }
        }
        var answer = person
        if let exact {
            answer = Person(name: exact.properName.map(string) ?? person.name, email: exact.properEmail.map(string) ?? person.email)
        } else if properName != nil || properEmail != nil {
            answer = Person(name: properName.map(string) ?? person.name, email: properEmail.map(string) ?? person.email)
        }
        resolved[person] = answer
        remember(person, answer)
        return answer
    }

    private func remember(_ person: Person, _ answer: Person) {
        if recent.count >= Self.recentCount { recent.removeFirst() }
        recent.append((person, answer))
    }

    private func string(_ range: Range<Int>) -> String {
        String(decoding: text[range], as: UTF8.self)
    }

    /// FNV-1a over the bytes with ASCII letters lowered (emails match ignoring case): cheap, and
    /// collisions only cost a comparison.
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash = (hash ^ UInt64(lowered(byte))) &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// The byte with an ASCII capital lowered, as `strcasecmp` compares in git (other bytes,
    /// the parts of a UTF-8 `É` included, as they are).
    private static func lowered(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }

    /// Equal ignoring ASCII case, as git's mailmap compares emails and names.
    private static func sameIgnoringCase(_ stored: Slice<UnsafeBufferPointer<UInt8>>, _ asked: [UInt8]) -> Bool {
        stored.count == asked.count && zip(stored, asked).allSatisfy { lowered($0) == lowered($1) }
    }

    /// One line: `Proper Name <proper@email> Commit Name <commit@email>`, where the proper
    /// name, the proper email and the commit name may each be left out, and `#` starts a
    /// comment after the last `>`. Nil for a blank, comment or malformed line.
    private static func parse(_ all: UnsafeBufferPointer<UInt8>, _ bounds: Range<Int>) -> Line? {
        var index = bounds.lowerBound
        let end = bounds.upperBound
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D }
        func skipSpaces() { while index < end, isSpace(all[index]) { index += 1 } }
        func atEnd() -> Bool {
            var probe = index
            while probe < end, isSpace(all[probe]) { probe += 1 }
            return probe == end || all[probe] == UInt8(ascii: "#")
        }
        /// The bytes up to `stop` on this line, moving past it; nil when the line has no `stop`.
        func take(until stop: UInt8) -> Range<Int>? {
            let from = index
            while index < end, all[index] != stop { index += 1 }
            guard index < end else { return nil }
            index += 1
            return from..<(index - 1)
        }
        /// Nil when empty; names lose trailing spaces.
        func trimmed(_ range: Range<Int>, name: Bool) -> Range<Int>? {
            var upper = range.upperBound
            if name { while upper > range.lowerBound, isSpace(all[upper - 1]) { upper -= 1 } }
            return upper > range.lowerBound ? range.lowerBound..<upper : nil
        }

        skipSpaces()
        if atEnd() { return nil }
        guard let firstName = take(until: UInt8(ascii: "<")), let firstEmail = take(until: UInt8(ascii: ">")) else { return nil }
        if atEnd() {
            guard let email = trimmed(firstEmail, name: false) else { return nil }
            return Line(properName: trimmed(firstName, name: true), properEmail: nil, commitName: nil, commitEmail: email)
        }
        skipSpaces()
        guard let secondName = take(until: UInt8(ascii: "<")), let secondEmail = take(until: UInt8(ascii: ">")), atEnd(),
              let email = trimmed(secondEmail, name: false) else { return nil }
        return Line(properName: trimmed(firstName, name: true), properEmail: trimmed(firstEmail, name: false),
                    commitName: trimmed(secondName, name: true), commitEmail: email)
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
