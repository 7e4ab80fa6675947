import Foundation
internal import CLibGit2

/// Reads commits for a long walk straight from the pack files, as `Repository.commitInfo` reads
/// them through libgit2 (the same ids, signatures and summary), without libgit2's per-object
/// lookup, locking and fresh zlib stream: on a 50,000-commit walk that was most of the walk's time.
///
/// Only commits in the plain form git writes are read here: `tree`, `parent`s, `author`,
/// `committer`, then the message, with signatures `NAME <EMAIL> SECONDS ±HHMM`. Anything else
/// (a loose commit, extra headers such as `encoding` or `gpgsig`, a NUL byte, an odd date or
/// zone) is left to libgit2, whose rules and errors stay the reference. Not thread-safe: one
/// reader per thread.
public final class CommitReader {
    let repository: Repository
    /// Opened on first use; nil without packs (every commit then goes through libgit2).
    private var packs: PackReader?
    private var opened = false

    public init(repository: Repository) {
        self.repository = repository
    }

    /// The commit's ids, signatures and summary, as `repository.commitInfo(id)` gives them.
    public func info(_ id: ObjectID) throws -> CommitInfo {
        if !opened {
            opened = true
            packs = PackReader(gitDirectory: git_repository_commondir(repository.pointer)
                .map { Repository.withoutTrailingSlash(String(cString: $0)) } ?? repository.gitDirectory)
        }
        if let (kind, bytes) = packs?.read(id), kind == .commit, let info = Self.parse(bytes.buffer, id: id) {
            return info
        }
        return try repository.commitInfo(id, details: true)
    }

    /// A commit object's bytes read as libgit2 reads them; nil for anything outside the plain form.
    static func parse(_ bytes: UnsafeRawBufferPointer, id: ObjectID) -> CommitInfo? {
        let newline = UInt8(ascii: "\n")
        // libgit2 keeps the message as a C string: a NUL would cut it.
        guard !bytes.contains(0) else { return nil }
        var position = 0
        /// The next line (without its newline) when it starts with `prefix`; moves past it.
        func line(_ prefix: StaticString) -> UnsafeRawBufferPointer? {
            let count = prefix.utf8CodeUnitCount
            guard position + count <= bytes.count,
                  memcmp(bytes.baseAddress! + position, prefix.utf8Start, count) == 0,
                  let end = bytes[(position + count)...].firstIndex(of: newline) else { return nil }
            let text = UnsafeRawBufferPointer(rebasing: bytes[(position + count)..<end])
            position = end + 1
            return text
        }
        guard let treeHex = line("tree "), let tree = ObjectID(hexDigits: treeHex) else { return nil }
        var parents: [ObjectID] = []
        while let parentHex = line("parent ") {
            guard let parent = ObjectID(hexDigits: parentHex) else { return nil }
            parents.append(parent)
        }
        guard let authorLine = line("author "), let author = signature(authorLine),
              let committerLine = line("committer "), let committer = signature(committerLine) else { return nil }
        // The header ends here: at the end of the object, or with the blank line before the message.
        var message = UnsafeRawBufferPointer(rebasing: bytes[bytes.count...])
        if position < bytes.count {
            guard bytes[position] == newline else { return nil }
            message = UnsafeRawBufferPointer(rebasing: bytes[(position + 1)...])
        }
        return CommitInfo(id: id, parents: parents, tree: tree, author: author, committer: committer,
                          summary: summary(message))
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0a || byte == 0x0c || byte == 0x0d || byte == 0x0b
    }

    /// `NAME <EMAIL> SECONDS ±HHMM`: the name and e-mail as libgit2 takes them (from the last `<`
    /// and `>`, trimmed of white space); nil for any other shape of date or zone.
    static func signature(_ text: UnsafeRawBufferPointer) -> Signature? {
        guard let open = text.lastIndex(of: UInt8(ascii: "<")), let close = text.lastIndex(of: UInt8(ascii: ">")),
              close > open, close + 1 < text.count, text[close + 1] == 0x20 else { return nil }
        func trimmed(_ range: Range<Int>) -> String {
            var start = range.lowerBound, end = range.upperBound
            while start < end && isSpace(text[start]) { start += 1 }
            while end > start && isSpace(text[end - 1]) { end -= 1 }
            return String(decoding: UnsafeRawBufferPointer(rebasing: text[start..<end]), as: UTF8.self)
        }
        // Seconds: 1 to 18 digits (no overflow; libgit2 refuses what overflows), then one space
        // and a zone of a sign and exactly four digits ending the line.
        var index = close + 2
        var time: Int64 = 0
        let digitsStart = index
        while index < text.count, text[index] >= 0x30, text[index] <= 0x39 {
            guard index - digitsStart < 18 else { return nil }
            time = time * 10 + Int64(text[index] - 0x30)
            index += 1
        }
        guard index > digitsStart, index + 6 == text.count, text[index] == 0x20 else { return nil }
        let sign = text[index + 1]
        guard sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else { return nil }
        var zone = 0
        for offset in 2...5 {
            let digit = text[index + offset]
            guard digit >= 0x30, digit <= 0x39 else { return nil }
            zone = zone * 10 + Int(digit - 0x30)
        }
        let hours = zone / 100, minutes = zone % 100
        // libgit2 leaves an impossible zone at 0; not worth copying: libgit2 reads those.
        guard hours <= 14, minutes <= 59 else { return nil }
        let offset = (hours * 60 + minutes) * (sign == UInt8(ascii: "-") ? -1 : 1)
        return Signature(name: trimmed(0..<open), email: trimmed((open + 1)..<close), time: time, offsetMinutes: offset)
    }

    /// libgit2's summary: the first paragraph (leading blank lines skipped; it ends at a blank or
    /// white-space-only line), runs of white space that hold a line break turned into one space,
    /// other runs kept, and white space at the end dropped.
    static func summary(_ message: UnsafeRawBufferPointer) -> String {
        let newline = UInt8(ascii: "\n")
        var index = 0
        while index < message.count && message[index] == newline { index += 1 }
        var result: [UInt8] = []
        var space: Int?
        var spaceHasNewline = false
        while index < message.count {
            let byte = message[index]
            if byte == newline {
                if index + 1 == message.count || message[index + 1] == newline { break }
                var next = index + 1
                while next < message.count && message[next] != newline && isSpace(message[next]) { next += 1 }
                if next == message.count || message[next] == newline { break }
            }
            if isSpace(byte) {
                if space == nil {
                    space = index
                    spaceHasNewline = false
                }
                if byte == newline { spaceHasNewline = true }
            } else {
                if let start = space {
                    if spaceHasNewline {
                        result.append(0x20)
                    } else {
                        result.append(contentsOf: UnsafeRawBufferPointer(rebasing: message[start..<index]))
                    }
                }
                space = nil
                result.append(byte)
            }
            index += 1
        }
        return String(decoding: result, as: UTF8.self)
    }
}
